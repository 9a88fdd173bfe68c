"""A real multi-second bulk run, interrupted by SIGINT and by SIGTERM halfway: the previous
output survives byte for byte, no temporary file remains, the exit status says which signal."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv
import pytest

ROWS = 2_500_000


@pytest.fixture(scope="module")
def big_input(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("interrupt") / "customers.csv"
    rng = np.random.default_rng(5)
    table = pa.table({"customer": pa.array(np.char.add("C", np.arange(ROWS).astype(str))),
                      "calls": rng.integers(0, 500, ROWS), "call_seconds": rng.integers(0, 400, ROWS),
                      "chats": rng.integers(0, 300, ROWS), "aht": np.round(rng.random(ROWS) * 400, 1),
                      "sms_reports": rng.integers(0, 2000, ROWS)})
    pcsv.write_csv(table, path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_leaves_the_previous_output(big_input: Path, tmp_path: Path, signum: int, status: int):
    out = tmp_path / "out.csv"
    previous = b"customer,total\nprevious,1.00\n"
    out.write_bytes(previous)
    exe = Path(sys.executable).parent / "answer-plan"
    proc = subprocess.Popen([str(exe), "bulk", str(big_input), "-o", str(out), "--force"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    partial = None
    while time.monotonic() < deadline and proc.poll() is None:  # wait until it is writing
        found = list(tmp_path.glob(".out.csv.*.partial"))
        if found and found[0].stat().st_size > 1_000_000:
            partial = found[0]
            break
        time.sleep(0.02)
    assert partial is not None and proc.poll() is None, "the run ended before it could be interrupted"
    os.kill(proc.pid, signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert err.strip() == "answer-plan: error: interrupted; nothing was written"
    assert out.read_bytes() == previous
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.slow
def test_a_killed_run_is_cleaned_up_by_the_next(big_input: Path, tmp_path: Path):
    """SIGKILL cannot be caught: the next run removes what the dead one left beside its target."""
    out = tmp_path / "out.csv"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".out.csv.abc123.{dead.pid}.partial"
    stale.write_text("left by a killed run")
    small = tmp_path / "small.csv"
    small.write_text("calls\n10\n")
    exe = Path(sys.executable).parent / "answer-plan"
    done = subprocess.run([str(exe), "bulk", str(small), "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not stale.exists() and out.exists()

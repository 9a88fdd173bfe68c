"""`answer-plan bulk` over a large CSV (default 10,000,000 rows, about 1 GB): wall time and the
peak memory of the process, which stays bounded because the file is read and written in chunks."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import customers

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
BLOCK = 1_000_000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "customers.csv", Path(tmp) / "recommended.csv"
        block = customers(min(BLOCK, ROWS))
        block.insert(0, "customer_id", [f"C{i:08d}" for i in range(len(block))])
        block["current_phone"] = "PREMIUM"
        block["current_chat"] = "PLUS"
        start = time.perf_counter()
        written = 0
        with src.open("w") as f:
            while written < ROWS:
                part = block.head(ROWS - written)
                part.to_csv(f, header=written == 0, index=False)
                written += len(part)
        made = time.perf_counter() - start
        exe = Path(sys.executable).parent / "answer-plan"
        start = time.perf_counter()
        done = subprocess.run([str(exe), "bulk", str(src), "-o", str(out)], capture_output=True, text=True,
                              check=True)
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = os.path.getsize(src) / 2**20
        print(f"bulk CSV -> CSV: {ROWS:,} rows ({size:,.0f} MiB in) in {took:.1f} s "
              f"({ROWS / took:,.0f} rows/s), peak memory {peak:,.0f} MiB "
              f"(chunks of 100,000 rows); making the input took {made:.0f} s")
        print(f"  {done.stdout.strip()}")


if __name__ == "__main__":
    main()

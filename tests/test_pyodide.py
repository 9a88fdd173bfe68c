"""The Lite main.py in the real Pyodide runtime, its answers held to the desktop's to the cent.

What is real here:
- Pyodide itself: the `pyodide` npm package (0.29.3, Python 3.13 in WebAssembly; pinned in
  tests/pyodide/package-lock.json, installed by `make` with npm ci into .venv/pyodide, or by this
  test when missing), run under Node. Its package repository (numpy, pandas, micropip: a CDN) is
  out of reach, as it is for a Lite user behind a firewall: main.py runs without numpy and pandas.
- main.py as `answer-plan lite` writes it, our packages inside it, imported through zipimport.
- xlwings: the Python files of the installed xlwings package (the version requirements.txt pins),
  imported as Lite's runtime imports them (XLWINGS_ON_SERVER, its license key), so main.py's
  `@xw.func`, `@xw.arg`, `@xw.ret` and `@script` are xlwings' own Office.js decorators, and every call
  goes through xlwings' own `custom_functions_call` with its argument and result conversion, as
  Lite's runtime makes it (tests/pyodide/driver.py). Left out: xlwings' native extension (xlwingslib,
  a Rust reader of workbook files, built for wasm in Lite; none of our functions reads a file).
- The engine that answers: the Decimal engine, exhaustive search, the schedule's dynamic programme.
What is not: Excel and the Lite add-in's JavaScript, which turn a formula into a call's data. The
runner builds that as Office.js does (tests/pyodide/run.mjs): every parameter a matrix, a blank
cell null (JsNull once the runtime's data.to_py() has turned it into Python), an error cell an
Error object. No module stands in for xlwings or for any of ours.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlwings

from tests.pyodide.cases import CASES, desktop_call
from xl_addin import udfs
from xl_addin.lite import FUNCTIONS, build_lite

HERE = Path(__file__).parent / "pyodide"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="no Node.js here: Pyodide runs under Node (make test has it)")


@pytest.fixture(scope="module")
def pyodide() -> Path:
    """The pyodide npm package, as the lock file pins it: installed by make, else here (npm ci)."""
    home = Path(sys.prefix) / "pyodide"  # beside the venv this runs in: make's $(VENV)/pyodide
    found = home / "node_modules" / "pyodide"
    lock = (HERE / "package-lock.json").read_text()
    if not (found / "pyodide.mjs").exists() or (home / "package-lock.json").read_text() != lock:
        npm = shutil.which("npm")
        assert npm is not None, "node is here but npm is not: install npm (it comes with Node.js)"
        home.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(HERE / name, home / name)
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=home,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"npm ci of the pyodide package failed: {done.stderr[-2000:]}"
    return found


def lite_files(folder: Path) -> Path:
    """main.py (answer-plan lite), the xlwings package's Python files, the driver, the cases."""
    build_lite(folder / "lite")
    shutil.copyfile(folder / "lite" / "main.py", folder / "main.py")
    shutil.copyfile(HERE / "driver.py", folder / "driver.py")
    (folder / "cases.json").write_text(json.dumps(CASES))
    package = Path(xlwings.__file__).parent
    with zipfile.ZipFile(folder / "xlwings.zip", "w") as z:
        for f in sorted(package.rglob("*.py")):
            z.write(f, f"xlwings/{f.relative_to(package).as_posix()}")
    return folder


@pytest.fixture(scope="module")
def ran(pyodide: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = lite_files(tmp_path_factory.mktemp("pyodide"))
    assert NODE is not None
    done = subprocess.run([NODE, str(HERE / "run.mjs"), str(pyodide), str(work)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout)


def test_it_is_pyodide_without_numpy_pandas_or_a_solver(ran: dict):
    pinned = json.loads((HERE / "package.json").read_text())["dependencies"]["pyodide"]
    assert ran["platform"] == "emscripten" and ran["pyodide"] == pinned
    assert not {"numpy", "pandas", "pyarrow", "pulp", "highspy"} & set(ran["modules"])
    assert ".zip" in ran["package"]  # the package inside main.py, through zipimport
    assert ran["functions"] == sorted(FUNCTIONS)
    assert ran["solvers"] == ["exhaustive search", "dynamic programme"]
    assert ran["options"] == ['{"convert": "raw"}']  # main.py's functions decorated by xlwings' Office.js code


@pytest.mark.parametrize("k", range(len(CASES)), ids=[f"{i}-{name}" for i, (name, _) in enumerate(CASES)])
def test_every_function_answers_as_the_desktop_does(ran: dict, k: int):
    name, args = CASES[k]
    got = ran["answers"][k]
    want = desktop_call(udfs, name, args)  # numpy, pandas, the vectorised engine and HiGHS, here
    assert got == want
    rows = [row[-1:] for row in want[1:]] if name == "ANSWER_QUOTE" else want  # a quote's amounts: the last column
    assert all(round(v, 2) == v for row in rows for v in row if isinstance(v, float))  # in cents, both


def test_the_cases_reach_every_function():
    assert {name for name, _ in CASES} == set(FUNCTIONS)

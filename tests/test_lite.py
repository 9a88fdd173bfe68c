"""xlwings Lite: `answer-plan lite` writes main.py (the package inside), requirements.txt and the
steps; main.py runs in a bare interpreter where PuLP, HiGHS, pyarrow, openpyxl, XlsxWriter and
matplotlib cannot be imported (as in Pyodide) and the project is not installed, and its functions
give what the desktop gives, the MILP's answers by exhaustive search, to the cent."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy
import pytest

from answer_plan_cli import main
from optimizer import Usage, recommend, schedule
from xl_addin import udfs
from xl_addin.lite import FUNCTIONS, build_lite

SITE = os.path.dirname(os.path.dirname(numpy.__file__))
BLOCKED = ("pulp", "highspy", "pyarrow", "openpyxl", "xlsxwriter", "matplotlib")
RUN = r"""
import importlib.abc, json, runpy, sys
sys.path.append(SITE)  # numpy, pandas, xlwings; not the project (no .pth files are read with -S)
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name}: not in this browser")
sys.meta_path.insert(0, Block())
ns = runpy.run_path(MAIN)
import optimizer
from optimizer import Usage, recommend, schedule
cases = json.loads(CASES)
out = {"where": optimizer.__file__, "functions": sorted(n for n in ns if n.startswith("ANSWER_")),
       "script": ns["recommend"].__name__, "best": [], "cost": [], "solver": None}
args = ("calls", "chats", "aht", "call_seconds")
for c in cases:
    out["best"].append(ns["ANSWER_BEST"](*[c[a] for a in args], c["need_24_7"]))
    out["cost"].append(ns["ANSWER_COST"](c["plan"], *[c[a] for a in args]))
out["solver"] = recommend(Usage(calls=120, chats=40, aht=200)).solver
year = [Usage(calls=300)] * 3 + [Usage(calls=20)] * 9
s = schedule(year)
out["schedule"] = [str(s.total), s.changes, s.solver]
head = ["Gesprekken", "Chats", "AHT", "SMS-verslagen", "24/7"]
out["table"] = ns["ANSWER_BEST_TABLE"]([head, [120, 40, 200, 275, "ja"]])
out["year"] = ns["ANSWER_SCHEDULE"]([[300]] * 3 + [[20]] * 9, 0, 0)
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def lite(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lite")
    build_lite(folder)
    return folder


def test_the_files_a_lite_user_pastes(lite: Path):
    assert sorted(p.name for p in lite.iterdir()) == ["LITE.md", "main.py", "requirements.txt"]
    requirements = (lite / "requirements.txt").read_text().split()
    assert requirements[0].startswith("xlwings==") and {"numpy", "pandas"} <= set(requirements)
    assert not any(r.startswith(("pulp", "highspy", "pyarrow")) for r in requirements)
    text = (lite / "main.py").read_text()
    assert '@script(button="[RecommendLite]Calculator!K1")' in text and "def recommend(book: xw.Book):" in text
    assert "from __future__" not in text  # Lite finds the Book parameter by its annotation
    compile(text, "main.py", "exec")
    steps = (lite / "LITE.md").read_text()
    assert "xlwings Lite" in steps and "requirements.txt" in steps and "exhaustive search" in steps


def test_main_py_runs_without_a_milp_solver_and_agrees_with_the_desktop(lite: Path):
    rng = random.Random(3)
    cases = [{"plan": rng.choice(["BASIC", "SMART", "PLUS", "PREMIUM", "SMART/PLUS"]),
              "calls": rng.randint(0, 400), "chats": rng.randint(0, 200), "aht": rng.choice([0, 180, 240]),
              "call_seconds": rng.choice([0, 90, 150.5]), "need_24_7": rng.choice([False, "WAAR"])} for _ in range(40)]
    code = RUN.replace("SITE", repr(SITE)).replace("BLOCKED", repr(BLOCKED))
    code = code.replace("MAIN", repr(str(lite / "main.py"))).replace("CASES", repr(json.dumps(cases)))
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, timeout=300,
                          cwd=lite)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert ".zip" in got["where"]  # the package inside main.py, not the installed one
    assert got["functions"] == sorted(FUNCTIONS) and got["script"] == "recommend"
    assert got["solver"] == "exhaustive search"
    for c, best, cost in zip(cases, got["best"], got["cost"]):
        u = Usage(calls=c["calls"], chats=c["chats"], aht=c["aht"], call_seconds=c["call_seconds"],
                  need_24_7=c["need_24_7"] == "WAAR")
        r = recommend(u)  # the MILP (HiGHS), here
        assert r.solver == "HiGHS"
        assert best == [[r.phone or "none", r.chat or "none", float(r.total)]]
        assert cost == udfs.ANSWER_COST(c["plan"], c["calls"], c["chats"], c["aht"], c["call_seconds"])
    s = schedule([Usage(calls=300)] * 3 + [Usage(calls=20)] * 9)
    assert got["schedule"] == [str(s.total), s.changes, "dynamic programme"] and s.solver == "HiGHS"
    assert got["table"] == udfs.ANSWER_BEST_TABLE([["Gesprekken", "Chats", "AHT", "SMS-verslagen", "24/7"],
                                                    [120, 40, 200, 275, "ja"]])
    assert got["year"][13] == ["total", "", "", 2556.15]


def test_the_command(tmp_path, capsys):
    assert main(["lite", str(tmp_path / "lite"), "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert "main.py" in out and "LITE.md" in out
    assert '@script(button="[RecommendLite]Rekenhulp!K1")' in (tmp_path / "lite" / "main.py").read_text()

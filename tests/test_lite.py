"""xlwings Lite: `answer-plan lite` writes main.py (the package inside), requirements.txt and the
steps; main.py runs in a bare interpreter where PuLP, HiGHS, pyarrow, openpyxl, XlsxWriter and
matplotlib cannot be imported (as in Pyodide) and the project is not installed, and its functions
give what the desktop gives, the MILP's answers by exhaustive search, to the cent; and where numpy and
pandas cannot be loaded either (Pyodide without its package repository) main.py still imports and
every function answers, through xlwings' own Office.js call path, as the desktop does (the same in
the real Pyodide: tests/test_pyodide.py)."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from answer_plan_cli import main
from optimizer import AnswerPlanError, Usage, choose, recommend, schedule
from optimizer.decisions.curves import breakeven
from optimizer.decisions.schedule import INF, programme, programme_plain
from optimizer.engines.vector import BROKEN
from tests.pyodide.cases import CASES, desktop_call
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


REFUSED = ("numpy", "pandas", "pyarrow", "pulp", "highspy", "openpyxl", "xlsxwriter", "matplotlib")
WITHOUT_NUMPY = r"""
import asyncio, importlib.abc, sys
sys.path.append(SITE)  # xlwings; numpy and pandas are there too, and refused below; not the project
sys.path.insert(0, DRIVER)
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in REFUSED:
            raise ImportError(f"{name}: not here (Pyodide without its package repository)")
sys.meta_path.insert(0, Refuse())
import driver  # the Lite runtime's part: xlwings as Lite imports it, custom_functions_call
print(asyncio.run(driver.run(open("main.py").read(), open("cases.json").read())))
"""


def test_main_py_without_numpy_or_pandas_answers_every_function_as_the_desktop(lite: Path):
    code = WITHOUT_NUMPY.replace("SITE", repr(SITE)).replace("REFUSED", repr(REFUSED))
    code = code.replace("DRIVER", repr(str(Path(__file__).parent / "pyodide")))
    (lite / "cases.json").write_text(json.dumps(CASES))
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, timeout=300, cwd=lite)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert not set(REFUSED) & set(got["modules"])
    assert ".zip" in got["package"] and got["functions"] == sorted(FUNCTIONS)
    assert got["solvers"] == ["exhaustive search", "dynamic programme"]
    assert got["options"] == ['{"convert": "raw"}']  # decorated by xlwings' Office.js code, as in Lite
    for (name, args), answer in zip(CASES, got["answers"], strict=True):
        assert answer == desktop_call(udfs, name, args), name


# ----------------------------------------------------------------------------- the exact paths without numpy
BROKEN_CELL = st.sampled_from([0, 1, 2, 3, 50, BROKEN])  # few values: many ties, for the tie-breaks


@st.composite
def cost_cubes(draw):
    months, sels = draw(st.integers(1, 9)), draw(st.integers(1, 7))
    costs = [[draw(BROKEN_CELL) for _ in range(sels)] for _ in range(months)]
    return costs, draw(st.integers(-1, sels - 1)), draw(st.one_of(st.none(), st.integers(0, months + 1)))


@settings(max_examples=600, deadline=None)
@given(cost_cubes())
def test_the_plain_programme_is_the_programme(cube):
    """The schedule's dynamic programme in plain Python (for where numpy cannot be loaded) finds
    the very schedule the vectorised one finds: total, changes, and which of equal schedules."""
    costs, start, limit = cube
    totals, changes, paths = programme(numpy.array([costs], numpy.int64), numpy.array([start]), limit)
    want = None if totals[0] >= INF else (int(totals[0]), int(changes[0]), paths[0].tolist())
    assert programme_plain(costs, start, limit) == want


MONTH = st.builds(lambda calls, chats, h: Usage(calls=calls, chats=chats, aht=200, need_24_7=h),
                  st.sampled_from([0, 20, 76, 120, 300]), st.sampled_from([0, 40, 120]), st.booleans())


def _without_numpy(f, *args, **kwargs):
    """f(...) where `import numpy` fails (numpy is loaded here: it is hidden, not unloaded)."""
    with pytest.MonkeyPatch.context() as m:
        m.setitem(sys.modules, "numpy", None)
        m.setitem(sys.modules, "pandas", None)
        return f(*args, **kwargs)


@settings(max_examples=150, deadline=None)
@given(st.lists(MONTH, min_size=1, max_size=14), st.one_of(st.none(), st.integers(0, 4)),
       st.sampled_from([None, ("BASIC", None), ("SMART", "PLUS"), ("PREMIUM", "PREMIUM")]))
def test_schedule_without_numpy_is_the_same_schedule(months, limit, current):
    try:
        want = schedule(months, max_changes=limit, current=current, solver="dp")
    except AnswerPlanError as exc:
        with pytest.raises(AnswerPlanError, match=re.escape(str(exc))):
            _without_numpy(schedule, months, max_changes=limit, current=current, solver="dp")
        return
    got = _without_numpy(schedule, months, max_changes=limit, current=current, solver="dp")
    assert (got.months, got.total, got.changes, got.fixed, got.saving) == \
        (want.months, want.total, want.changes, want.fixed, want.saving)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["BASIC", "SMART", "PLUS", "PREMIUM", "SMART/PLUS", "PREMIUM/BASIC", "PLUS/"]),
       st.sampled_from(["BASIC", "SMART", "PLUS", "PREMIUM", "SMART/SMART", "PREMIUM/PLUS", "/SMART"]),
       st.sampled_from([0, 10, 40, 200]), st.sampled_from([0, 120, 240.5]), st.sampled_from([0, 60, 150, 400]))
def test_breakeven_without_numpy_is_the_same_count(plan_a, plan_b, chats, aht, seconds):
    u = Usage(chats=chats, aht=aht, call_seconds=seconds)
    try:
        want = breakeven(plan_a, plan_b, u)
    except AnswerPlanError as exc:
        with pytest.raises(AnswerPlanError, match=re.escape(str(exc))):
            _without_numpy(breakeven, plan_a, plan_b, u)
        return
    assert _without_numpy(breakeven, plan_a, plan_b, u) == want


def test_choose_needs_no_pandas_until_its_table_is_asked_for():
    scenarios = [Usage(calls=20), Usage(calls=100, chats=40, aht=200), Usage(calls=300)]
    got = _without_numpy(choose, scenarios, weights=[1, 3, 1], criterion="regret")
    want = choose(scenarios, weights=[1, 3, 1], criterion="regret")
    assert (got.phone, got.chat, got.value, got.as_dict()) == (want.phone, want.chat, want.value, want.as_dict())
    assert got.table.equals(want.table) and list(want.table.columns)[:2] == ["phone", "chat"]

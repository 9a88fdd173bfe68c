"""The ANSWER_ functions: called as Excel calls them, checked against the reference, and
registered through xlwings' own decorators and VBA generator."""
import functools
import io
import math
import random
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer import AnswerPlanError, Usage, recommend
from optimizer.decisions.plans import plan_quote
from optimizer.reading.cells import excel_error
from tests import reference
from tests.xlwings_real import load, load_officejs, officejs_call
from xl_addin import udfs
from xl_addin.udfs import ANSWER_BEST, ANSWER_BREAKEVEN, ANSWER_COST, ANSWER_PLANS, ANSWER_QUOTE

FUNCTIONS = ["ANSWER_COST", "ANSWER_QUOTE", "ANSWER_BEST", "ANSWER_BREAKEVEN", "ANSWER_PLANS", "ANSWER_COST_TABLE",
             "ANSWER_BEST_TABLE", "ANSWER_SCHEDULE", "ANSWER_CHOOSE"]
REAL, OURS = load()


def ref_cost(plan, calls, chats, aht, call_seconds):
    u = {"calls": calls or 0, "chats": chats or 0, "aht": aht or 0, "call_seconds": call_seconds or 0}
    phone = plan if (calls or 0) > 0 or (chats or 0) == 0 else None
    chat = plan if (chats or 0) > 0 else None
    return float(reference.total(u, phone, chat))


def test_worked_example_as_excel_sends_it():
    assert ANSWER_COST("SMART", 120.0, 40.0, 200.0, 150.0) == 583.59
    assert ANSWER_COST(" smart ", 120, 40, 200, 150) == 583.59
    assert ANSWER_COST("Basic", 100.0, None, None) == 312.50  # blanks are 0
    assert ANSWER_COST("BASIC", 0, 0, 0) == 35.00  # no usage: the phone service's fee
    assert ANSWER_COST("PREMIUM", 0, 10, 0) == 243.00  # chats only: the chat service alone


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["BASIC", "smart", " Plus ", "premium"]), st.integers(0, 400), st.integers(0, 300),
       st.one_of(st.none(), st.integers(0, 500).map(float)), st.one_of(st.none(), st.integers(0, 500).map(float)))
def test_answer_cost_against_the_reference(plan, calls, chats, aht, call_seconds):
    assert ANSWER_COST(plan, float(calls), float(chats), aht, call_seconds) == \
        ref_cost(plan.strip().upper(), calls, chats, aht, call_seconds)


@pytest.mark.parametrize("args, message", [
    (("GOLD", 1, 0, 0), "plan: 'GOLD' is not a plan (BASIC, SMART, PLUS, PREMIUM)"),
    ((None, 1, 0, 0), "plan: a plan is needed (BASIC, SMART, PLUS, PREMIUM, or PHONE/CHAT)"),
    (("gold/basic", 1, 1, 0), "plan (phone): 'gold' is not a plan"),
    (("/SMART", 1, 0, 0), "plan: the phone service (Phone answering service) is needed for calls but not taken"),
    (("/", 1, 0, 0), "plan: '/' names no plan"),
    ((3.0, 1, 0, 0), "plan: 3 is not a plan name (BASIC, SMART, PLUS, PREMIUM)"),
    (("BASIC", -1.0, 0, 0), "calls: -1 is not a whole number >= 0"),
    (("BASIC", 1.5, 0, 0), "calls: 1.5 is not a whole number >= 0"),
    (("BASIC", "ten", 0, 0), "calls: 'ten' is not a whole number >= 0"),
    (("BASIC", True, 0, 0), "calls: True is not a whole number >= 0"),
    (("BASIC", 1, -2, 0), "chats: -2 is not a whole number >= 0"),
    (("BASIC", 1, 1, -5.0), "aht: -5 is not a finite number >= 0"),
    (("BASIC", 1, 0, 0, "long"), "call_seconds: 'long' is not a finite number >= 0"),
    (("BASIC", float("nan"), 0, 0), "calls: nan is not a whole number >= 0"),
    (("BASIC", [1, 2], [1, 2, 3], 0), "calls: 2 cells, but another argument has 3; give ranges of one size"),
])
def test_bad_arguments_give_one_line_naming_the_argument(args, message):
    got = ANSWER_COST(*args)
    assert isinstance(got, str) and "\n" not in got and "Traceback" not in got
    assert got.startswith(message)


def test_one_plan_per_service():
    # 243.00 + 35.00 + 10 x 3.30 - 12.5% x 278.00
    assert ANSWER_COST("PREMIUM/BASIC", 10.0, 10.0, 0.0) == 276.25
    assert ANSWER_COST(" premium / basic ", 10.0, 10.0, 0.0) == 276.25
    assert ANSWER_COST("SMART/", 10.0, 0.0, 0.0) == 162.50
    assert ANSWER_COST("BASIC/BASIC", 0.0, 0.0, 0.0) == 35.00 + 35.00 - 8.75  # both taken, unused
    assert ANSWER_COST(["PREMIUM/BASIC", "smart/plus"], [10.0, 120.0], [10.0, 40.0], [0.0, 200.0],
                       [0.0, 150.0]) == [[276.25], [ref_cost_pair("SMART", "PLUS")]]
    best = ANSWER_BEST(120.0, 40.0, 200.0, 150.0)[0]
    assert ANSWER_COST(f"{best[0]}/{best[1]}", 120.0, 40.0, 200.0, 150.0) == best[2]
    rows = ANSWER_QUOTE("SMART/PLUS", 120.0, 40.0, 200.0, 150.0)
    assert rows[-1][-1] == ref_cost_pair("SMART", "PLUS")


def ref_cost_pair(phone, chat):
    return float(reference.total({"calls": 120, "chats": 40, "aht": 200, "call_seconds": 150}, phone, chat))


def test_one_cell_ranges_and_numpy_arrays_are_values():
    import numpy as np
    assert ANSWER_COST([["SMART"]], [[120.0]], [40.0], np.array([[200.0]]), np.float64(150.0)) == 583.59
    assert ANSWER_COST(np.array(["BASIC", "SMART"]), np.array([[100.0], [120.0]]), 0.0, 0.0,
                       np.array([0.0, 150.0])) == [[312.5], [439.85]]
    assert ANSWER_BEST([[120.0]], [[40.0]], [[200.0]], [[150.0]]) == [["SMART", "SMART", 583.59]]
    assert ANSWER_COST("BASIC", 100.0, "  ", "", None) == 312.5  # blank text is a blank cell


def test_columns_in_a_column_out():
    plans = [["BASIC"], ["smart"], ["GOLD"], ["PLUS"]]
    calls = [[100.0], [120.0], [1.0], [-1.0]]
    out = ANSWER_COST(plans, calls, 0.0, None, [[0.0], [150.0], [0.0], [0.0]])
    assert out == [[312.5], [439.85], ["plan: 'GOLD' is not a plan (BASIC, SMART, PLUS, PREMIUM)"],
                   ["calls: -1 is not a whole number >= 0"]]
    assert ANSWER_COST("SMART", [120.0, 120.0], [40.0, None], 200.0, 150.0) == [[583.59], [439.85]]


def test_ten_thousand_rows_in_one_call_equal_scalar_calls():
    rng = random.Random(5)
    rows = [(rng.choice(["BASIC", "SMART", "PLUS", "PREMIUM"]), float(rng.randint(0, 500)),
             float(rng.choice([0, rng.randint(0, 300)])), float(rng.randint(0, 400)), float(rng.randint(0, 400)))
            for _ in range(10_000)]
    out = ANSWER_COST(*[[[r[k]] for r in rows] for k in range(5)])
    assert len(out) == 10_000
    for r, (got,) in zip(rows[:2000], out[:2000]):
        assert got == ANSWER_COST(*r)


def test_answer_quote_spills_a_table():
    rows = ANSWER_QUOTE("smart", 120.0, 40.0, 200.0, 150.0)
    assert rows[0] == ["group", "what", "dutch", "quantity", "unit", "unit price", "per", "amount"]
    assert rows[-1][-1] == 583.59 and rows[-1][0] == "total"
    assert all(len(r) == 8 for r in rows)
    assert sum(r[-1] for r in rows[1:-1]) == pytest.approx(583.59)
    assert ANSWER_QUOTE("gold", 1, 0, 0).startswith("plan: 'gold' is not a plan")


def test_answer_best_scalar_and_columns():
    assert ANSWER_BEST(120.0, 40.0, 200.0, 150.0) == [["SMART", "SMART", 583.59]]
    assert ANSWER_BEST(0.0, 0.0, 0.0) == [["none", "none", 0.0]]
    assert ANSWER_BEST(10.0, None, None, None, True) == [["PLUS", "none", 90.75]]
    assert ANSWER_BEST(10.0, None, None, None, "yes") == [["PLUS", "none", 90.75]]
    out = ANSWER_BEST([[120.0], [10.0], [-1.0]], [[40.0], [0.0], [0.0]], 200.0, 150.0, [[False], ["yes"], [False]])
    assert out[0] == ["SMART", "SMART", 583.59]
    assert out[1][:2] == ["PLUS", "none"]
    assert out[2][0] == "calls: -1 is not a whole number >= 0"
    assert ANSWER_BEST(1, 0, 0, 0, "maybe").startswith("need_24_7: 'maybe' is not yes or no")


def test_answer_best_agrees_with_recommend():
    for calls, chats in [(0, 0), (50, 0), (80, 60), (300, 300)]:
        r = recommend(Usage(calls=calls, chats=chats, aht=200, call_seconds=120))
        assert ANSWER_BEST(float(calls), float(chats), 200.0, 120.0) == [[r.phone or "none", r.chat or "none",
                                                                           float(r.total)]]


def test_answer_breakeven():
    n = ANSWER_BREAKEVEN("BASIC", "SMART", None, None, 150.0)
    assert n == 43
    u = Usage(call_seconds=150)
    for m in (n, n + 1, n + 60, n + 1000):
        assert plan_quote("SMART", u.replace(calls=m)).total < plan_quote("BASIC", u.replace(calls=m)).total
    assert plan_quote("SMART", u.replace(calls=n - 1)).total >= plan_quote("BASIC", u.replace(calls=n - 1)).total
    assert ANSWER_BREAKEVEN("SMART", "BASIC") == "never"
    assert ANSWER_BREAKEVEN("plus", "premium", 0.0, 0.0, 0.0) == 63  # 60.45 + 151.50 + 13 x 2.52 > 243
    assert ANSWER_BREAKEVEN("premium", "plus") == "never"
    assert ANSWER_BREAKEVEN("BASIC", "GOLD").startswith("plan_b: 'GOLD' is not a plan")


def test_answer_plans_table():
    rows = ANSWER_PLANS()
    assert rows[0][:3] == ["plan", "fee per month", "reachable 24/7"]
    assert rows[1:] == [["BASIC", 35.0, "no", 0, 0], ["SMART", 162.5, "no", 75, 50],
                        ["PLUS", 60.45, "yes", 0, 0], ["PREMIUM", 243.0, "yes", 75, 50]]


def test_an_unexpected_failure_is_one_line_not_a_traceback(monkeypatch):
    def boom(*a):
        raise RuntimeError("disk on fire\nline two")
    monkeypatch.setattr(udfs, "plan_table", boom)
    assert ANSWER_PLANS() == "ANSWER_PLANS: RuntimeError: disk on fire"


# ----------------------------------------------------------------------------- xlwings' own view
@pytest.mark.parametrize("name", FUNCTIONS)
def test_xlfunc_metadata_as_xlwings_records_it(name):
    f = getattr(OURS, name)
    meta = f.__xlfunc__
    assert meta["name"] == name and meta["category"] == "answer-plan" and meta["sub"] is False
    assert meta["ret"]["doc"] == getattr(udfs, name).__doc__ and len(meta["ret"]["doc"]) <= 255
    for arg in meta["args"]:
        assert not arg["doc"].startswith("Positional argument"), (name, arg["name"])
        assert arg["options"] == {"err_to_str": True}  # error cells arrive as their text: errors, never 0


def test_signatures_and_optional_arguments():
    args = {n: [(a["name"], a.get("optional", "required")) for a in getattr(OURS, n).__xlfunc__["args"]]
            for n in FUNCTIONS}
    assert args["ANSWER_COST"] == [("plan", "required"), ("calls", "required"), ("chats", "required"),
                                   ("aht", "required"), ("call_seconds", None), ("tariff", None)]
    assert args["ANSWER_BEST"][-2:] == [("need_24_7", False), ("tariff", None)]
    assert args["ANSWER_PLANS"] == [("tariff", None)]
    assert all(a[-1] == ("tariff", None) for a in args.values())  # every function prices with a workbook's tariff


class FakeWorkbook:
    """The few COM calls of xlwings' import_udfs: VBProject components and MacroOptions."""

    Name = "answer_plan.xlsm"

    def __init__(self):
        self.imported = ""
        self.macro_options = []
        outer = self

        class Components:
            def __call__(self, name):
                return name

            def Remove(self, component):
                pass

            def Import(self, path):
                with open(path) as f:
                    outer.imported = f.read()

        class Project:
            VBComponents = Components()

        class App:
            Version = "16.0"

            def MacroOptions(self, macro, **kw):
                outer.macro_options.append((macro, kw))

        self.VBProject = Project()
        self.Application = App()


def test_vba_wrappers_generated_by_xlwings():
    buf = io.StringIO()
    REAL.generate_vba_wrapper("xl_addin.udfs", OURS, buf, FakeWorkbook())
    vba = buf.getvalue()
    assert "Function ANSWER_COST(plan, calls, chats, aht, Optional call_seconds, Optional tariff)" in vba
    assert ('ANSWER_COST = XLPy.CallUDF("xl_addin.udfs", "ANSWER_COST", Array(plan, calls, chats, aht, '
            'call_seconds, tariff), ThisWorkbook, Application.Caller)') in vba
    assert "Function ANSWER_BEST(calls, chats, aht, Optional call_seconds, Optional need_24_7, Optional tariff)" in vba
    assert "Function ANSWER_PLANS(Optional tariff)" in vba
    assert vba.count("End Function") == len(FUNCTIONS)


def test_import_functions_registers_docs_for_the_function_wizard():
    book = FakeWorkbook()
    REAL.udf_modules["xl_addin.udfs"] = {"filename": OURS.__file__, "filetime": None, "module": OURS}
    REAL.import_udfs("xl_addin.udfs", book)
    assert 'Attribute VB_Name = "xlwings_udfs"' in book.imported
    assert "Function ANSWER_QUOTE(plan, calls, chats, aht, Optional call_seconds, Optional tariff)" in book.imported
    options = {macro.split("!")[1]: kw for macro, kw in book.macro_options}
    assert set(options) == set(FUNCTIONS)
    cost = options["ANSWER_COST"]
    assert cost["Category"] == "answer-plan" and cost["Description"].startswith("Monthly total in euros")
    assert cost["ArgumentDescriptions"][0].startswith("Plan: BASIC, SMART, PLUS or PREMIUM")
    assert len(cost["ArgumentDescriptions"]) == 6
    assert options["ANSWER_PLANS"]["ArgumentDescriptions"][0].startswith("Optional: the tariff")


def test_decimal_results_are_excel_numbers():
    assert isinstance(ANSWER_COST("SMART", 120, 40, 200, 150), float)
    assert not math.isnan(ANSWER_COST("SMART", 1, 0, 0))
    assert Decimal(str(ANSWER_COST("PLUS", 120, 40, 200, 150))) == Decimal("770.76")


# ----------------------------------------------------------------------------- error values, tables, months
NA, VALUE, DIV0 = -2146826246, -2146826273, -2146826281  # error cells, as COM hands them to xlwings


@pytest.fixture(scope="module")
def as_excel():
    from tests.xlwings_real import windows_conversion

    return windows_conversion()


def test_error_cells_are_errors_through_xlwings_conversion(as_excel):
    assert as_excel(OURS.ANSWER_COST, "SMART", NA, 40.0, 200.0) == "calls: #N/A"
    assert as_excel(OURS.ANSWER_COST, VALUE, 1.0, 0.0, 0.0) == "plan: #VALUE!"
    assert as_excel(OURS.ANSWER_BEST, 120.0, 40.0, 200.0, 150.0, DIV0) == "need_24_7: #DIV/0!"
    column = as_excel(OURS.ANSWER_COST, "SMART", ((120.0,), (NA,), (100.0,)), 0.0, 0.0)
    assert column == [[ANSWER_COST("SMART", 120.0, 0.0, 0.0)], ["calls: #N/A"], [ANSWER_COST("SMART", 100.0, 0, 0)]]
    rows = as_excel(OURS.ANSWER_BEST, ((10.0,), (20.0,)), ((0.0,), (NA,)), 0.0)
    assert rows[1] == ["chats: #N/A", "", ""] and rows[0][0] == "BASIC"
    # without err_to_str xlwings would hand the error over as a blank: 0 calls, a price
    from xlwings import conversion

    assert conversion.read(None, NA, {}) is None


@pytest.mark.parametrize("value", ["#N/A", "#VALUE!", "#REF!", " #n/a "])
def test_error_text_directly(value):
    assert ANSWER_COST("SMART", value, 0, 0) == f"calls: {value.strip().upper()}"
    assert ANSWER_QUOTE("SMART", 1, 0, value) == f"aht: {value.strip().upper()}"


def test_waar_onwaar():
    assert ANSWER_BEST(10.0, 0.0, 0.0, 0.0, "WAAR")[0][0] in ("PLUS", "PREMIUM")
    assert ANSWER_BEST(10.0, 0.0, 0.0, 0.0, "onwaar")[0][0] == "BASIC"
    assert ANSWER_BEST(10.0, 0.0, 0.0, 0.0, True)[0][0] in ("PLUS", "PREMIUM")


TABLE = [["Klant", "Gesprekken", "Gesprekstijd", "Chats", "AHT", "Doorverbindingen", "SMS-verslagen", "24/7"],
         ["A", 120.0, 150.0, 40.0, 200.0, 10.0, 275.0, "ja"],
         ["B", 10.0, None, None, None, None, None, None],
         ["C", "#N/A", 0.0, 0.0, 0.0, 0.0, 0.0, False]]


def test_the_whole_forecast_in_a_table():
    costs = udfs.ANSWER_COST_TABLE("PREMIUM/PREMIUM", TABLE)
    u = Usage(calls=120, call_seconds=150, chats=40, aht=200, forwards=10, sms_reports=275, need_24_7=True)
    from optimizer import quote

    assert costs[0] == [float(quote(u, phone="PREMIUM", chat="PREMIUM").total)]
    assert costs[1] == [float(quote(Usage(calls=10), phone="PREMIUM", chat="PREMIUM").total)]
    assert costs[2] == ["calls: #N/A"]
    best = udfs.ANSWER_BEST_TABLE(TABLE)
    r = recommend(u)
    assert best[0] == [r.phone or "none", r.chat or "none", float(r.total)]
    assert best[1] == ["BASIC", "none", 65.30] and best[2] == ["calls: #N/A", "", ""]
    assert udfs.ANSWER_COST_TABLE(["BASIC", "SMART", "PLUS"], [*TABLE[:3], TABLE[2]])[0][0].startswith("plan:")
    assert udfs.ANSWER_BEST_TABLE([["naam"], ["x"]]).startswith("table: no usage column recognised")
    assert udfs.ANSWER_BEST_TABLE([["klant", "gesprekke"], ["x", 1]]).startswith("table: column 'gesprekke' looks like")


def test_schedule_and_choose_functions():
    calls = [[300.0]] * 3 + [[20.0]] * 9
    rows = udfs.ANSWER_SCHEDULE(calls, [[0.0]] * 12, 0.0)
    assert rows[0] == ["month", "phone", "chat", "total"]
    assert [r[1] for r in rows[1:13]] == ["SMART"] * 3 + ["BASIC"] * 9
    assert rows[13] == ["total", "", "", 2556.15] and rows[14] == ["changes", "", "", 1]
    assert rows[15] == ["fixed", "BASIC", "none", 2901.90] and rows[16] == ["saving", "", "", 345.75]
    assert udfs.ANSWER_SCHEDULE(calls, [[0.0]] * 12, 0.0, None, None, 0)[13] == ["total", "", "", 2901.90]
    assert udfs.ANSWER_SCHEDULE(calls, 0.0, 0.0, None, None, -1) == "max_changes: -1 is not a whole number >= 0"
    assert udfs.ANSWER_SCHEDULE([[1.0], ["#N/A"]], 0.0, 0.0) == "month 2: calls: #N/A"
    assert udfs.ANSWER_CHOOSE([[20.0], [100.0], [300.0]], 0.0, 0.0, None, None, "worst") == [["SMART", "none", 565.25]]
    assert udfs.ANSWER_CHOOSE([[20.0], [100.0]], 0.0, 0.0, None, None, "best").startswith("criterion: 'best'")


# ----------------------------------------------------------------------------- one cell, fast and the same
EXCEL_COUNT = st.one_of(st.integers(0, 700), st.integers(0, 700).map(float), st.none(),
                        st.sampled_from([-1, 1.5, True, "ten", "#N/A", " "]))
EXCEL_AMOUNT = st.one_of(st.integers(0, 600), st.decimals(0, 600, places=2).map(float), st.none(),
                         st.sampled_from([-5.0, "long", "#VALUE!"]))
EXCEL_FLAG = st.one_of(st.booleans(), st.none(), st.sampled_from(["ja", "WAAR", "nee", "onwaar", 1, 0, "maybe"]))


@settings(max_examples=400, deadline=None)
@given(EXCEL_COUNT, EXCEL_COUNT, EXCEL_AMOUNT, EXCEL_AMOUNT, EXCEL_FLAG)
def test_answer_best_on_one_cell_is_what_recommend_answers(calls, chats, aht, call_seconds, need_24_7):
    """ANSWER_BEST answers one forecast by exhaustive search (kept per forecast); recommend by its
    MILP (HiGHS here): the same selection, the same tie-break (rule 23), the same total, the same
    message where there is no answer."""
    got = ANSWER_BEST(calls, chats, aht, call_seconds, need_24_7)
    try:
        r = recommend(udfs._usage(calls=calls, chats=chats, aht=aht, call_seconds=call_seconds, need_24_7=need_24_7))
    except AnswerPlanError as exc:
        first = next((f"{n}: {excel_error(v)}" for n, v in zip(("calls", "chats", "aht", "call_seconds", "need_24_7"),
                                                                 (calls, chats, aht, call_seconds, need_24_7))
                      if excel_error(v)), None)
        assert got == (first or str(exc).splitlines()[0])
        return
    assert r.solver == "HiGHS"
    assert got == [[r.phone or "none", r.chat or "none", float(r.total)]]
    assert ANSWER_BEST(calls, chats, aht, call_seconds, need_24_7) == got  # kept: the same again


def test_ties_are_broken_as_recommend_breaks_them():
    # no usage: every selection of no service costs 0; fewer services first (rule 23)
    assert ANSWER_BEST(0.0, 0.0, 0.0) == [["none", "none", 0.0]] == \
        [[recommend(Usage()).phone or "none", recommend(Usage()).chat or "none", 0.0]]
    for calls in range(0, 130, 3):  # around the included calls and the BASIC/SMART crossing
        r = recommend(Usage(calls=calls, call_seconds=150))
        assert ANSWER_BEST(float(calls), 0.0, 0.0, 150.0) == [[r.phone or "none", r.chat or "none", float(r.total)]]


def test_a_kept_answer_is_kept_per_type_of_cell():
    """1 is one call, True is no count: a kept answer for one is never the answer for the other."""
    assert ANSWER_COST("BASIC", 1, 0, 0) == 38.03
    assert ANSWER_COST("BASIC", True, 0, 0) == "calls: True is not a whole number >= 0"
    assert ANSWER_COST("BASIC", 0, 0, 0) == 35.0
    assert ANSWER_COST("BASIC", False, 0, 0) == "calls: False is not a whole number >= 0"
    assert ANSWER_BEST(1, 0, 0) == [["BASIC", "none", 38.03]]
    assert ANSWER_BEST(True, 0, 0) == "calls: True is not a whole number >= 0"


# ----------------------------------------------------------------------------- without numpy and pandas
ROWS = st.integers(1, 12)
PLAN_CELL = st.sampled_from(["BASIC", "smart", " Plus ", "PREMIUM", "PREMIUM/BASIC", "smart/", "/PLUS", "GOLD", None,
                             "", "#N/A", 3.0])


def _column(cells: st.SearchStrategy, n: int) -> st.SearchStrategy:
    return st.one_of(cells, st.lists(cells, min_size=n, max_size=n).map(lambda c: [[v] for v in c]))


@st.composite
def cost_columns(draw):
    n = draw(ROWS)
    return [draw(_column(PLAN_CELL, n)), draw(_column(EXCEL_COUNT, n)), draw(_column(EXCEL_COUNT, n)),
            draw(_column(EXCEL_AMOUNT, n)), draw(_column(EXCEL_AMOUNT, n))]


@st.composite
def best_columns(draw):
    n = draw(ROWS)
    text = st.sampled_from(["12", "1.000", "12,5", "1.234,5"])  # numbers written as text, read as a file reads them
    return [draw(_column(st.one_of(EXCEL_COUNT, text), n)), draw(_column(EXCEL_COUNT, n)),
            draw(_column(EXCEL_AMOUNT, n)), draw(_column(st.one_of(EXCEL_AMOUNT, text), n)),
            draw(_column(EXCEL_FLAG, n))]


HEADERS = ["Gesprekken", "gesprekstijd (sec)", "Chats", "AHT", "Doorverbindingen", "SMS-verslagen", "24/7",
           "Trainingsuren", "klant"]
TABLE_CELL = {"Gesprekken": EXCEL_COUNT, "gesprekstijd (sec)": st.one_of(EXCEL_AMOUNT, st.just("90,5")),
              "Chats": EXCEL_COUNT, "AHT": EXCEL_AMOUNT, "Doorverbindingen": EXCEL_COUNT,
              "SMS-verslagen": st.one_of(st.integers(0, 2000), st.none()), "24/7": EXCEL_FLAG,
              "Trainingsuren": st.one_of(st.none(), st.decimals(0, 20, places=1).map(float)),
              "klant": st.sampled_from(["A", None, 12.0])}


@st.composite
def tables(draw):
    head = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6, unique=True))
    if not any(h in ("Gesprekken", "Chats", "AHT", "24/7", "SMS-verslagen") for h in head):
        head.append("Gesprekken")
    body = draw(st.lists(st.one_of(st.tuples(*[TABLE_CELL[h] for h in head]).map(list),
                                   st.just([None] * len(head))), min_size=1, max_size=8))
    return [head, *body]


def _both(monkeypatch, f, *args):
    """f on the vectorised engine (numpy, pandas), and as where they cannot be loaded."""
    vectorised = f(*args)
    with monkeypatch.context() as m:
        m.setattr(udfs, "_vectorised", lambda: False)
        m.setitem(sys.modules, "numpy", None)  # `import numpy` fails, as in Pyodide without its repository
        m.setitem(sys.modules, "pandas", None)
        plain = f(*args)
    return vectorised, plain


@settings(max_examples=150, deadline=None)
@given(cost_columns())
def test_answer_cost_columns_without_numpy_answer_the_same(args):
    with pytest.MonkeyPatch.context() as monkeypatch:
        vectorised, plain = _both(monkeypatch, ANSWER_COST, *args)
    assert plain == vectorised


@settings(max_examples=150, deadline=None)
@given(best_columns())
def test_answer_best_columns_without_numpy_answer_the_same(args):
    with pytest.MonkeyPatch.context() as monkeypatch:
        vectorised, plain = _both(monkeypatch, ANSWER_BEST, *args)
    assert plain == vectorised


@settings(max_examples=150, deadline=None)
@given(tables(), st.sampled_from(["SMART", "premium/premium", "GOLD", None]))
def test_tables_without_numpy_answer_the_same(table, plan):
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _both(monkeypatch, udfs.ANSWER_BEST_TABLE, table)[1] == udfs.ANSWER_BEST_TABLE(table)
        vectorised, plain = _both(monkeypatch, udfs.ANSWER_COST_TABLE, plan, table)
    assert plain == vectorised


def test_the_table_reader_without_pandas_is_read_rows():
    """_table_plain reads what read_rows reads, with its messages (the tables above, and these)."""
    for bad in ([["naam"], ["x"]], [["klant", "gesprekke"], ["x", 1]], [["calls", "calls"], [1, 2]], [["calls"]],
                [["calls"], [1, 2]], [["calls", None, None], [1, None, 5]], [[1.0, "calls"], [2, 3]], "calls"):
        with pytest.MonkeyPatch.context() as monkeypatch:
            vectorised, plain = _both(monkeypatch, udfs.ANSWER_BEST_TABLE, bad)
        assert plain == vectorised


# ----------------------------------------------------------------------------- Office.js: xlwings Lite, xlwings Server
OFFICEJS, LITE = load_officejs()
NA_CELL = {"type": "Error", "basicValue": "#N/A", "errorType": "NotAvailable"}


@pytest.mark.parametrize("name", FUNCTIONS)
def test_officejs_takes_the_cells_as_they_come(name):
    f = getattr(LITE, name)
    assert all(a["options"] == {"convert": "raw"} for a in f.__xlfunc__["args"])
    assert f.__xlfunc__["ret"]["options"] == {}
    meta = {m["id"]: m for m in OFFICEJS.custom_functions_meta(LITE)["functions"]}
    assert [p["name"] for p in meta[name]["parameters"]] == [a["name"] for a in f.__xlfunc__["args"]]


def test_officejs_calls_answer_as_classic_calls(monkeypatch):
    class JsNull:  # Pyodide >= 0.28 hands a blank cell of a range over as this
        pass

    monkeypatch.setattr(LITE, "_JsNull", JsNull)
    call = functools.partial(officejs_call, OFFICEJS, LITE)
    assert call("ANSWER_COST", "SMART", 120, 40, 200, 150) == [[583.59]]
    assert call("ANSWER_COST", "SMART", NA_CELL, 40.0, 200.0, None) == [["calls: #N/A"]]
    assert call("ANSWER_BEST", 120.0, 40.0, 200.0, 150.0, None) == [["SMART", "SMART", 583.59]]
    assert call("ANSWER_BEST", 10.0, None, None, None, "WAAR") == [["PLUS", "none", 90.75]]
    column = [[120.0], [JsNull()], [""], [NA_CELL], [{"type": "Double", "basicValue": 100.0}]]
    assert call("ANSWER_COST", "SMART", column, 0.0, 0.0, None) == ANSWER_COST(
        "SMART", [[120.0], [None], [None], ["#N/A"], [100.0]], 0.0, 0.0)
    table = [["Gesprekken", "Chats", "24/7"], [120, JsNull(), "ja"], [JsNull(), JsNull(), JsNull()], [NA_CELL, 0, ""]]
    assert call("ANSWER_BEST_TABLE", table, None) == udfs.ANSWER_BEST_TABLE(
        [["Gesprekken", "Chats", "24/7"], [120, None, "ja"], [None, None, None], ["#N/A", 0, None]])
    assert call("ANSWER_PLANS", None) == ANSWER_PLANS()


def test_a_ten_thousand_row_column_through_officejs_is_the_bare_column():
    rng = random.Random(8)
    args = [[[rng.choice(["BASIC", "SMART", "PLUS", "PREMIUM", "GOLD"])] for _ in range(10_000)]] + \
        [[[float(rng.randint(0, 500))] for _ in range(10_000)] for _ in range(4)]
    args[1][17] = [NA_CELL]
    got = officejs_call(OFFICEJS, LITE, "ANSWER_COST", *args)
    args[1][17] = ["#N/A"]
    assert got == ANSWER_COST(*args) and got[17] == ["calls: #N/A"]

"""The Recommend button's logic, between reading and writing, with a stand-in for the few
xlwings Book/Sheet/Range calls it uses."""
from __future__ import annotations

import runpy
import sys
import types
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from optimizer import Usage, recommend
from xl_addin import macro
from xl_addin.macro import CURRENT_INPUTS, INPUTS, input_name, run, year_rows
from xl_addin.workbook import sample_customers


class Cell:
    """xlwings' Range as the button uses it: .value, .sheet, .row/.column (1-based), .expand()."""

    def __init__(self, sheet: Sheet, row: int, col: int):
        self.sheet, self.r, self.col = sheet, row, col

    @property
    def row(self) -> int:
        return self.r + 1

    @property
    def column(self) -> int:
        return self.col + 1

    @property
    def value(self) -> Any:
        return self.sheet.cells.get((self.r, self.col))

    @value.setter
    def value(self, v: Any) -> None:
        rows = v if isinstance(v, list) and v and isinstance(v[0], list) else [[v]]
        for i, r in enumerate(rows):
            for j, x in enumerate(r):
                self.sheet.cells[(self.r + i, self.col + j)] = x

    @property
    def number_format(self) -> Any:
        return self.sheet.formats.get((self.r, self.col))

    @number_format.setter
    def number_format(self, fmt: str) -> None:
        self.sheet.formats[(self.r, self.col)] = fmt

    def expand(self) -> Table:
        rows = 0
        while self.sheet.cells.get((self.r + rows, self.col)) is not None:
            rows += 1
        cols = 0
        while self.sheet.cells.get((self.r, self.col + cols)) is not None:
            cols += 1
        return Table(self.sheet, self.r, self.col, rows, cols)


class Table:
    def __init__(self, sheet, row, col, rows, cols):
        self.sheet, self.row, self.col, self.rows, self.cols = sheet, row, col, rows, cols

    @property
    def value(self):
        rows = [[self.sheet.cells.get((self.row + i, self.col + j)) for j in range(self.cols)]
                for i in range(self.rows)]
        return [r[0] for r in rows] if self.cols == 1 else rows  # a column: a list, as xlwings gives it

    @property
    def number_format(self):
        return self.sheet.formats.get((self.row, self.col))

    @number_format.setter
    def number_format(self, fmt):
        for i in range(self.rows):
            for j in range(self.cols):
                self.sheet.formats[(self.row + i, self.col + j)] = fmt

    def clear_contents(self):
        for i in range(self.rows):
            for j in range(self.cols):
                self.sheet.cells.pop((self.row + i, self.col + j), None)


class Sheet:
    def __init__(self):
        self.cells: dict[tuple[int, int], Any] = {}
        self.formats: dict[tuple[int, int], str] = {}  # number formats the button set

    def __getitem__(self, key):
        if isinstance(key, tuple):
            return Cell(self, *key)
        if ":" in key:
            first, last = key.split(":")
            (r0, c0), (r1, c1) = _a1(first), _a1(last)
            return Table(self, r0, c0, r1 - r0 + 1, c1 - c0 + 1)
        return Cell(self, *_a1(key))


def _a1(ref: str) -> tuple[int, int]:
    col = 0
    letters = "".join(ch for ch in ref if ch.isalpha())
    for ch in letters:
        col = col * 26 + ord(ch.upper()) - 64
    return int(ref[len(letters):]) - 1, col - 1


class Name:
    def __init__(self, cell: Cell):
        self.refers_to_range = cell


class Book:
    """Calculator inputs, the Year's months and the anchors as defined names; the Recommendation,
    Year and Customers sheets (under any names: the button goes by the defined names)."""

    def __init__(self, inputs: dict[str, Any], customers: pd.DataFrame | None = None, lang: str = "en",
                 year: list[tuple] | None = None):
        self.sheets = {"Calculator": Sheet(), "Recommendation": Sheet(), "Customers": Sheet(), "Year": Sheet(),
                       "xlwings.conf": Sheet()}
        calc = self.sheets["Calculator"]
        self.names = {"out_recommendation": Name(Cell(self.sheets["Recommendation"], 0, 0)),
                      "in_customers": Name(Cell(self.sheets["Customers"], 0, 0)),
                      "cfg_lang": Name(Cell(self.sheets["xlwings.conf"], 1, 1))}
        self.sheets["xlwings.conf"].cells[(1, 1)] = lang
        for i, (field, _, _) in enumerate(INPUTS + CURRENT_INPUTS):
            calc.cells[(4 + i, 1)] = inputs.get(field)
            self.names[input_name(field)] = Name(Cell(calc, 4 + i, 1))
        if year is not None:
            ys = self.sheets["Year"]
            for k, field in enumerate(("calls", "call_seconds", "chats", "aht", "need_24_7")):
                for m, values in enumerate(year):
                    ys.cells[(4 + m, 1 + k)] = values[k]
                self.names[f"in_year_{field}"] = Name(Table(ys, 4, 1 + k, len(year), 1))
            self.names["out_year"] = Name(Cell(ys, 20, 0))
        if customers is not None:
            rows = [list(customers.columns)] + [[None if v == "" else v for v in r]
                                                for r in customers.astype(object).values.tolist()]
            self.sheets["Customers"]["A1"].value = rows


def excel_floats(d: dict[str, Any]) -> dict[str, Any]:
    return {k: float(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in d.items()}


def test_reads_inputs_as_excel_sends_them():
    book = Book(excel_floats({"calls": 120, "call_seconds": 150, "chats": 40, "aht": 200,
                              "voice_response": "yes", "month_spec": "no", "need_24_7": None}))
    u = macro.read_usage(book)
    assert u == Usage(calls=120, call_seconds=150, chats=40, aht=200, voice_response=True)


def test_button_writes_recommendation_and_customer_results():
    book = Book(excel_floats({"calls": 120, "call_seconds": 150, "chats": 40, "aht": 200}), sample_customers())
    run(book)
    rec = book.sheets["Recommendation"]
    assert rec["A1"].value == "Recommendation"
    assert (rec["B2"].value, rec["B3"].value, rec["B4"].value) == ("SMART", "SMART", 583.59)
    rows = rec["A1"].expand().value
    total = next(i for i, r in enumerate(rows) if r and r[1] == "Total per month")
    assert rows[total][-1] == 583.59 and rec.formats[(total, 6)] == macro.FORMATS["eur"]  # in euros
    discount = next(i for i, r in enumerate(rows) if r and r[0] == "Discount")
    assert rows[discount][4] == -0.125 and rec.formats[(discount, 4)] == macro.FORMATS["pct"]  # 12.5%, a rate
    assert rec.formats[(3, 1)] == macro.FORMATS["eur"]  # the total per month at the top
    cust = book.sheets["Customers"]
    table = cust["A1"].expand().value
    header = table[0]
    assert header[-6:] == ["phone_plan", "chat_plan", "total", "current_total", "saving", "error"]
    sample = sample_customers()
    assert len(table) == len(sample) + 1
    col = {h: i for i, h in enumerate(header)}
    assert all(r[col["error"]] == "" for r in table[1:])  # plausible customers, each priced
    first = table[1]
    r = recommend(Usage(**{k: v for k, v in zip(header, first) if k in Usage.__dataclass_fields__ and v is not None
                           and k not in ("month_spec", "need_24_7")},
                        month_spec=first[col["month_spec"]] == "yes", need_24_7=first[col["need_24_7"]] == "yes"))
    assert (first[col["phone_plan"]], first[col["total"]]) == (r.phone, float(r.total))
    # pressing the button again replaces the results, it does not add columns
    run(book)
    assert cust["A1"].expand().value[0] == header


def test_current_plans_give_the_saving():
    book = Book(excel_floats({"calls": 120, "call_seconds": 150, "chats": 40, "aht": 200,
                              "current_phone": "plus", "current_chat": "PLUS"}))
    run(book)
    rec = book.sheets["Recommendation"]
    rows = {r[0]: r[1] for r in rec["A1"].expand().value if r and r[0]}
    assert rows["Current total per month"] == 770.76 and rows["Saving per month"] == 187.17
    assert rows["Saving per year (x 12)"] == 2246.04
    book = Book(excel_floats({"calls": 120, "chats": 40, "current_phone": "none", "current_chat": "PLUS"}))
    run(book)
    rows = {r[0]: r[1] for r in book.sheets["Recommendation"]["A1"].expand().value if r and r[0]}
    assert rows["Current plans"].startswith("the phone service")


def test_bad_input_is_reported_on_the_sheet_not_raised():
    book = Book({"calls": -3.0})
    run(book)
    rec = book.sheets["Recommendation"]
    assert rec["A1"].value == "Could not recommend"
    assert rec["B1"].value == "calls: -3 is not a whole number >= 0"


def test_companion_module_follows_xlwings_conventions(monkeypatch):
    """workbooks/answer_plan.py: main() runs on xw.Book.caller(); under __main__ it mocks the caller."""
    book = Book(excel_floats({"calls": 100}))
    called = {}

    class FakeBookClass:
        def __init__(self, name):
            called["opened"] = name

        def set_mock_caller(self):
            called["mocked"] = True

        @staticmethod
        def caller():
            return book

    fake = types.ModuleType("xlwings")
    fake.Book = FakeBookClass
    monkeypatch.setitem(sys.modules, "xlwings", fake)
    path = Path(__file__).resolve().parents[1] / "workbooks" / "answer_plan.py"
    runpy.run_path(str(path), run_name="__main__")
    assert called == {"opened": "answer_plan.xlsm", "mocked": True}
    assert book.sheets["Recommendation"]["B2"].value == recommend(Usage(calls=100)).phone
    assert book.sheets["Recommendation"]["B4"].value == float(recommend(Usage(calls=100)).total)


@pytest.mark.parametrize("words, want", [("yes", True), ("No", False), ("ja", True), ("", False)])
def test_yes_no_words(words, want):
    book = Book({"need_24_7": words, "calls": 1.0})
    assert macro.read_usage(book).need_24_7 is want


def test_the_year_and_dutch_labels():
    year = [(300.0, 110.0, 0.0, 0.0, "nee")] * 3 + [(20.0, 0.0, 0.0, 0.0, None)] * 9
    book = Book(excel_floats({"calls": 120, "call_seconds": 150, "chats": 40, "aht": 200}), lang="nl", year=year)
    run(book)
    rec = book.sheets["Recommendation"]
    assert (rec["A1"].value, rec["A2"].value, rec["B2"].value) == ("Advies", "Plan telefoon", "SMART")
    out = book.names["out_year"].refers_to_range.expand().value
    months = [Usage(calls=300, call_seconds=110)] * 3 + [Usage(calls=20)] * 9
    assert out == year_rows(months, "nl")
    rows = {r[0]: r for r in out}
    from optimizer import schedule

    s = schedule(months)
    assert rows["Totaal"][3] == float(s.total) and rows["Wijzigingen van plan"][3] == s.changes
    assert [r[0] for r in out[2:14]] == ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov",
                                         "dec"]
    assert rows["Beste vaste plan voor het jaar"][1:] == [s.fixed.phone, "geen", float(s.fixed.total)]


def test_a_dutch_customers_sheet_and_its_own_results_read_back():
    """The Klanten sheet under Dutch headers: results under Dutch names, errors in Dutch; pressing
    again finds its own Dutch result columns and replaces them (it does not read them as input)."""
    customers = pd.DataFrame({"klant": ["Bakker", "Kapot"], "gesprekken": [120.0, -3.0],
                              "24/7 bereikbaar": ["nee", "ja"], "huidig plan telefoon": ["PLUS", "PLUS"]})
    book = Book(excel_floats({"calls": 120}), customers, lang="nl")
    run(book)
    cust = book.sheets["Customers"]
    table = cust["A1"].expand().value
    assert table[0][4:] == ["advies_telefoon", "advies_chat", "totaal", "huidig_totaal", "besparing", "fout"]
    assert table[2][-1] == "gesprekken: -3 is geen geheel getal >= 0"
    assert cust.formats[(1, 6)] == macro.FORMATS["eur"]
    run(book)
    assert cust["A1"].expand().value == table

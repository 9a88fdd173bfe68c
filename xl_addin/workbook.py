"""Build the workbook users open: answer_plan.xlsm, with XlsxWriter, from the VBA project of
xlwings' quickstart workbook (read from the installed xlwings package at build time).

Sheets: Calculator (named inputs with data validation, a live plan comparison with ANSWER_COST,
ANSWER_BEST, a chart of monthly cost against calls, the Recommend button), Recommendation,
Customers (a sample table and its results), Price list (from the tariff data), xlwings.conf.
Every formula has its cached value, computed by the very functions Excel will call.
"""
from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

from optimizer import AnswerPlanError, Usage, load_tariff, recommend, recommend_many
from optimizer.tables import charge_rows, plan_table
from optimizer.tariff import Tariff
from optimizer.usage import COUNT_FIELDS, FLAG_FIELDS

from . import udfs
from .macro import (
    CURRENT_INPUTS,
    INPUTS,
    customer_frame,
    customer_result_rows,
    input_name,
    read_current,
    recommendation_rows,
)

__all__ = ["CURVE_CALLS", "DEFAULT_INPUTS", "DEFAULT_PATH", "MACRO", "build", "quickstart_vba"]

DEFAULT_PATH = Path("workbooks/answer_plan.xlsm")
DEFAULT_INPUTS: dict[str, Any] = {"calls": 120, "call_seconds": 150, "chats": 40, "aht": 200}
DEFAULT_CURRENT = ("PLUS", "PLUS")  # the customer's plans now (phone, chat)
MACRO = "SampleCall"  # the quickstart's macro: imports the module named as the workbook, runs main()
CURVE_CALLS = list(range(0, 401, 25))
UDF_MODULES = "xl_addin.udfs"


def quickstart_vba() -> bytes:
    """vbaProject.bin of the quickstart workbook shipped inside the installed xlwings package."""
    import xlwings

    source = Path(xlwings.__file__).parent / "quickstart.xlsm"
    with zipfile.ZipFile(source) as z:
        return z.read("xl/vbaProject.bin")


def sample_customers() -> pd.DataFrame:
    with resources.files("optimizer.samples").joinpath("customers.csv").open() as f:
        return pd.read_csv(f, keep_default_na=False)


def _value(v: Any) -> Any:
    return float(v) if isinstance(v, Decimal) else v


def build(path: str | Path = DEFAULT_PATH, *, tariff: Tariff | str | None = None, force: bool = False,
          lang: str = "en") -> Path:
    """Write the workbook to `path` (.xlsm) and return the path. An existing workbook (one a user
    may have edited) is replaced only with force=True."""
    path = Path(path)
    if path.suffix.lower() != ".xlsm":
        raise AnswerPlanError(f"path: {str(path)!r} must end in .xlsm (a workbook with macros)")
    if path.exists() and not force:
        raise AnswerPlanError(f"path: {str(path)!r} exists (a workbook you may have edited); say --force to "
                              "replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    t = tariff if isinstance(tariff, Tariff) else load_tariff(tariff)
    wb = xlsxwriter.Workbook(str(path))
    try:
        wb.add_vba_project(io.BytesIO(quickstart_vba()), is_stream=True)
        wb.set_vba_name("ThisWorkbook")
        f = _formats(wb)
        calc = wb.add_worksheet("Calculator")
        calc.set_vba_name("Sheet1")
        rec = wb.add_worksheet("Recommendation")
        rec.set_vba_name("Sheet2")
        cust = wb.add_worksheet("Customers")
        prices = wb.add_worksheet("Price list")
        conf = wb.add_worksheet("xlwings.conf")
        _calculator(wb, calc, f, t)
        usage = Usage(**DEFAULT_INPUTS)
        _table(rec, 0, 0, recommendation_rows(recommend(usage, tariff=t), read_current(DEFAULT_CURRENT, usage, t)), f)
        rec.set_column(0, 0, 26)
        rec.set_column(1, 1, 52)
        rec.set_column(2, 2, 30)
        _customers(cust, f)
        _price_list(prices, f, t)
        conf.write_row(0, 0, ["UDF Modules", UDF_MODULES])
        conf.write_row(1, 0, ["Note", "Interpreter_Win / Interpreter_Mac: add them here if the add-in's "
                                      "interpreter is not the Python that has answer-plan installed"])
        conf.set_column(0, 0, 18)
        calc.activate()
    finally:
        wb.close()
    return path


def _formats(wb: Any) -> dict[str, Any]:
    return {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "head": wb.add_format({"bold": True, "bottom": 1, "bg_color": "#DDEBF7"}),
        "bold": wb.add_format({"bold": True}),
        "input": wb.add_format({"bg_color": "#FFF2CC", "border": 1}),
        "eur": wb.add_format({"num_format": "#,##0.00"}),
        "eur_bold": wb.add_format({"num_format": "#,##0.00", "bold": True}),
        "note": wb.add_format({"italic": True, "font_color": "#595959"}),
    }


def _calculator(wb: Any, ws: Any, f: dict[str, Any], t: Tariff) -> None:
    ws.write(0, 0, "answer-plan: monthly cost and the cheapest plans", f["title"])
    ws.write(1, 0, "Type the forecast in the yellow cells. The comparison recalculates live (Windows Excel, "
                   "functions imported); Recommend fills the Recommendation and Customers sheets.", f["note"])
    ws.write_row(3, 0, ["Forecast per month", "Value", "Unit"], f["head"])
    for i, (field, label, unit) in enumerate(INPUTS):
        row = 4 + i
        value = DEFAULT_INPUTS.get(field, "no" if field in FLAG_FIELDS else 0)
        ws.write(row, 0, label)
        ws.write(row, 1, value, f["input"])
        ws.write(row, 2, unit, f["note"])
        wb.define_name(input_name(field), f"=Calculator!$B${row + 1}")
        if field in FLAG_FIELDS:
            ws.data_validation(row, 1, row, 1, {"validate": "list", "source": ["yes", "no"],
                                                "error_message": f"{field}: choose yes or no"})
        else:
            kind = "integer" if field in COUNT_FIELDS else "decimal"
            want = "a whole number >= 0" if kind == "integer" else "a number >= 0"
            ws.data_validation(row, 1, row, 1, {"validate": kind, "criteria": ">=", "value": 0,
                                                "error_title": "answer-plan",
                                                "error_message": f"{field}: {want}"})
    for i, (field, label, _) in enumerate(CURRENT_INPUTS):
        row = 5 + len(INPUTS) + i
        ws.write(row, 0, label)
        ws.write(row, 1, DEFAULT_CURRENT[i], f["input"])
        ws.write(row, 2, "plan", f["note"])
        wb.define_name(input_name(field), f"=Calculator!$B${row + 1}")
        ws.data_validation(row, 1, row, 1, {"validate": "list", "source": [*t.plans, "none"],
                                            "error_message": f"{field}: choose a plan, or none"})
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 10)
    ws.set_column(4, 4, 24)
    ws.set_column(5, 8, 12)

    args = "in_calls, in_chats, in_aht, in_call_seconds"
    inputs = [DEFAULT_INPUTS.get(k, 0) for k in ("calls", "chats", "aht", "call_seconds")]
    ws.write(3, 4, "Plan comparison (calls, chats, AHT, call time)", f["bold"])
    ws.write_row(4, 4, ["Plan", "Monthly total (EUR)"], f["head"])
    for i, plan in enumerate(t.plans):
        row = 5 + i
        ws.write(row, 4, plan)
        ws.write_formula(row, 5, f"=ANSWER_COST(E{row + 1}, {args})", f["eur"],
                         udfs.ANSWER_COST(plan, *inputs))
    row = 6 + len(t.plans)
    ws.write(row, 4, "Cheapest combination (ANSWER_BEST)", f["bold"])
    ws.write_row(row + 1, 4, ["Phone plan", "Chat plan", "Total (EUR)"], f["head"])
    best = udfs.ANSWER_BEST(*inputs, "no")[0]
    for k in range(3):
        ws.write_formula(row + 2, 4 + k, f"=INDEX(ANSWER_BEST({args}, in_need_24_7), 1, {k + 1})",
                         f["eur_bold"] if k == 2 else f["bold"], best[k])
    current = f"{DEFAULT_CURRENT[0]}/{DEFAULT_CURRENT[1]}"
    current_total = udfs.ANSWER_COST(current, *inputs)
    ws.write(row + 3, 4, "Current plans", f["bold"])
    ws.write_formula(row + 3, 5, f'=ANSWER_COST({input_name("current_phone")}&"/"&'
                                 f'{input_name("current_chat")}, {args})', f["eur"], current_total)
    ws.write(row + 4, 4, "Saving per month", f["bold"])
    ws.write_formula(row + 4, 5, f'=IFERROR(ROUND(F{row + 4}-G{row + 3}, 2), "")', f["eur_bold"],
                     round(current_total - best[2], 2))
    ws.insert_button(row + 6, 4, {"macro": MACRO, "caption": "Recommend", "width": 160, "height": 32})
    ws.write(row + 8, 4, "Recommend: the cheapest plans for the whole forecast, with every option, "
                         "and for every customer on the Customers sheet.", f["note"])

    # cost against calls, per plan: live formulas, cached values, a native chart
    top = 24
    ws.write(top - 1, 4, "Monthly cost against calls (chats, AHT and call time as above)", f["bold"])
    ws.write_row(top, 4, ["Calls", *t.plans], f["head"])
    for i, calls in enumerate(CURVE_CALLS):
        row = top + 1 + i
        ws.write(row, 4, calls)
        for j, plan in enumerate(t.plans):
            col = 5 + j  # the formula reads the plan from the header above
            head = xlsxwriter.utility.xl_rowcol_to_cell(top, col, row_abs=True)
            ws.write_formula(row, col, f"=ANSWER_COST({head}, $E{row + 1}, in_chats, in_aht, in_call_seconds)",
                             f["eur"], udfs.ANSWER_COST(plan, calls, *inputs[1:]))
    chart = wb.add_chart({"type": "scatter", "subtype": "straight"})
    last = top + len(CURVE_CALLS)
    for j in range(len(t.plans)):
        chart.add_series({"name": ["Calculator", top, 5 + j],
                          "categories": ["Calculator", top + 1, 4, last, 4],
                          "values": ["Calculator", top + 1, 5 + j, last, 5 + j]})
    chart.set_title({"name": "Monthly cost by number of calls"})
    chart.set_x_axis({"name": "Calls per month", "min": 0, "max": CURVE_CALLS[-1]})
    chart.set_y_axis({"name": "EUR per month", "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 620, "height": 380})
    ws.insert_chart(3, 10, chart)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 1)
    ws.print_area(0, 0, top + len(CURVE_CALLS), 20)


def _table(ws: Any, row: int, col: int, rows: list[list[Any]], f: dict[str, Any], head: bool = False) -> None:
    for i, values in enumerate(rows):
        fmt = f["head"] if head and i == 0 else None
        for j, v in enumerate(values):
            v = _value(v)
            if isinstance(v, float):
                ws.write_number(row + i, col + j, v, fmt or f["eur"])
            elif isinstance(v, str):
                ws.write_string(row + i, col + j, v, fmt)  # text stays text, never a formula
            elif v is None:
                continue
            else:
                ws.write(row + i, col + j, v, fmt)


def _customers(ws: Any, f: dict[str, Any]) -> None:
    frame = sample_customers()
    rows = [list(frame.columns), *frame.astype(object).values.tolist()]
    _table(ws, 0, 0, rows, f, head=True)
    out = recommend_many(customer_frame(rows))
    _table(ws, 0, len(frame.columns), customer_result_rows(out), f, head=True)
    ws.set_column(0, 0, 28)
    ws.set_column(len(frame.columns) + 5, len(frame.columns) + 5, 60)
    ws.freeze_panes(1, 1)


def _price_list(ws: Any, f: dict[str, Any], t: Tariff) -> None:
    ws.write(0, 0, t.title, f["title"])
    _table(ws, 2, 0, plan_table(t), f, head=True)
    top = 4 + len(t.plans)
    rows = charge_rows(t)
    _table(ws, top, 0, rows, f, head=True)
    fees = t.discount_rate * 100
    ws.write(top + len(rows) + 1, 0, f"{t.discount_what}: {fees.normalize()}% of the subscription fees of "
                                     f"all services taken, for each service beyond the first.")
    ws.set_column(0, 0, 24)
    ws.set_column(1, 2, 38)
    ws.set_column(6, 6, 70)

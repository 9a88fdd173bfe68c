"""Build the workbook users open (answer_plan.xlsm, or any name), with XlsxWriter, from the VBA
project of xlwings' quickstart workbook (read from the installed xlwings package at build time).

Sheets (English or Dutch): Calculator (named inputs with data validation, a live plan comparison
with ANSWER_COST, ANSWER_BEST, a chart of monthly cost against calls, the Recommend button for
classic xlwings and one for xlwings Lite), Recommendation, Year (twelve months, the cost of each
plan per month, the schedule, the best single plan and the saving, a chart), Customers, Price
list, xlwings.conf. Every formula has its cached value, computed by the very functions Excel will
call. The button's companion module is written beside the workbook under its name.
"""
from __future__ import annotations

import io
import keyword
import re
import zipfile
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from optimizer import AnswerPlanError, Usage, load_tariff, recommend, recommend_many
from optimizer.files.outputs import Outputs, joined
from optimizer.ground.usage import COUNT_FIELDS, FLAG_FIELDS
from optimizer.ground.words import section
from optimizer.pricing.tables import charge_rows, plan_table
from optimizer.pricing.tariff import Tariff
from xl_addin import udfs
from xl_addin.macro import (
    CURRENT_INPUTS,
    INPUTS,
    YEAR_FIELDS,
    customer_frame,
    customer_result_rows,
    input_name,
    read_current,
    recommendation_rows,
    year_rows,
)

__all__ = ["CURVE_CALLS", "DEFAULT_INPUTS", "DEFAULT_PATH", "LITE_BUTTON", "LITE_BUTTON_CELL", "MACRO", "SHEETS",
           "build", "companion", "quickstart_vba"]

DEFAULT_PATH = Path("workbooks/answer_plan.xlsm")
DEFAULT_INPUTS: dict[str, Any] = {"calls": 120, "call_seconds": 150, "chats": 40, "aht": 200}
DEFAULT_CURRENT = ("PLUS", "PLUS")  # the customer's plans now (phone, chat)
DEFAULT_YEAR = [(300, 110, 40, 200), (280, 110, 40, 200), (260, 110, 40, 200), (60, 110, 30, 200), (40, 110, 30, 200),
                (30, 110, 20, 200), (20, 110, 20, 200), (20, 110, 20, 200), (40, 110, 30, 200), (60, 110, 40, 200),
                (120, 110, 60, 200), (200, 110, 80, 200)]
MACRO = "SampleCall"  # the quickstart's macro: imports the module named as the workbook, runs main()
LITE_BUTTON = "RecommendLite"  # the shape xlwings Lite's script is bound to
LITE_BUTTON_CELL = "K1"  # where it sits on the Calculator sheet (and links to)
CURVE_CALLS = list(range(0, 401, 25))
UDF_MODULES = "xl_addin.udfs"
COMPANION_MARK = "# written by answer-plan: the companion module of"
TARIFF_SHEET = "tariff"  # hidden: the tariff the workbook prices with, in the cell named cfg_tariff
SHEETS = {"en": {"calc": "Calculator", "rec": "Recommendation", "year": "Year", "cust": "Customers",
                 "prices": "Price list"},
          "nl": {"calc": "Rekenhulp", "rec": "Advies", "year": "Jaar", "cust": "Klanten", "prices": "Prijslijst"}}
WORDS = {lang: section("workbook", lang) for lang in ("en", "nl")}  # the catalogue's texts


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


def companion(workbook: Path) -> str:
    """The Python module the button imports, named as the workbook (the quickstart macro imports
    Left(ThisWorkbook.Name, ...)): it runs the button's logic on the calling workbook."""
    return (f'{COMPANION_MARK} {workbook.name}\n'
            f'"""Keep this file beside {workbook.name}: its Recommend button runs xlwings\' quickstart macro,\n'
            f'which imports the module named as the workbook (this one) and calls main()."""\n'
            "import xlwings as xw\n\nfrom xl_addin.macro import run\n\n\n"
            "def main() -> None:\n    run(xw.Book.caller())\n\n\n"
            'if __name__ == "__main__":\n'
            f'    xw.Book("{workbook.name}").set_mock_caller()\n    main()\n')


def _check_name(path: Path) -> None:
    stem = path.stem
    if not stem.isidentifier() or keyword.iskeyword(stem):
        suggestion = re.sub(r"\W", "_", stem)
        suggestion = suggestion if suggestion and not suggestion[0].isdigit() else "wb_" + suggestion
        raise AnswerPlanError(f"path: {path.name!r}: the button imports a Python module named as the workbook, so "
                              f"the name must be letters, digits and _ (not starting with a digit): e.g. "
                              f"{suggestion + path.suffix!r}")
    if _shadows(stem, path.with_suffix(".py")):
        raise AnswerPlanError(f"path: {path.name!r}: the button imports a Python module named as the workbook, and "
                              f"{stem!r} is already a Python package ({stem}.py beside the workbook would hide it, "
                              f"and the button would run the wrong one): e.g. {('wb_' + stem + path.suffix)!r}")


def _shadows(stem: str, companion_path: Path) -> bool:
    """A module of that name exists already (xlwings, pandas, json, ...), other than the companion."""
    import importlib.util
    import sys

    if stem in sys.stdlib_module_names or stem in sys.builtin_module_names:
        return True
    try:
        spec = importlib.util.find_spec(stem)
    except (ImportError, ValueError):
        return False
    if spec is None:
        return False
    origin = Path(spec.origin).resolve() if spec.origin and spec.origin not in ("built-in", "frozen") else None
    return origin is None or origin != companion_path.resolve()


def build(path: str | Path = DEFAULT_PATH, *, tariff: Tariff | str | None = None, force: bool = False,
          lang: str = "en", outputs: Outputs | None = None) -> Path:
    """Write the workbook to `path` (.xlsm) and its companion module beside it (same name, .py), as
    one set, and return the path. The workbook carries its tariff (cfg_tariff): its cached values,
    its functions and its button all price with it. A workbook answer-plan did not write (or one a
    user has since edited) is replaced only with force."""
    path = Path(path)
    if path.suffix.lower() != ".xlsm":
        raise AnswerPlanError(f"path: {str(path)!r} must end in .xlsm (a workbook with macros)")
    _check_name(path)
    lang = "nl" if lang == "nl" else "en"
    t = tariff if isinstance(tariff, Tariff) else load_tariff(tariff)
    with joined(outputs, force=force) as run:
        book = run.add(path, what="workbook")
        module = run.add(path.with_suffix(".py"), what="companion module", same_ok=True)
        data = _workbook(t, lang)
        book.tmp.write_bytes(data)
        module.tmp.write_text(companion(path))
    return path


def tariff_text(t: Tariff) -> str:
    """What a workbook carries of its tariff: the tariff file's text (the shipped list's for a
    tariff made in Python, which has no file: it is priced with the shipped list)."""
    return t.text or load_tariff().text


def _workbook(t: Tariff, lang: str) -> bytes:
    data = io.BytesIO()
    wb = xlsxwriter.Workbook(data, {"in_memory": True})
    names = SHEETS[lang]
    text = tariff_text(t)
    try:
        wb.add_vba_project(io.BytesIO(quickstart_vba()), is_stream=True)
        wb.set_vba_name("ThisWorkbook")
        wb.set_properties({"comments": "written by answer-plan"})
        f = _formats(wb)
        calc = wb.add_worksheet(names["calc"])
        calc.set_vba_name("Sheet1")
        rec = wb.add_worksheet(names["rec"])
        rec.set_vba_name("Sheet2")
        year = wb.add_worksheet(names["year"])
        cust = wb.add_worksheet(names["cust"])
        prices = wb.add_worksheet(names["prices"])
        conf = wb.add_worksheet("xlwings.conf")
        carried = wb.add_worksheet(TARIFF_SHEET)
        carried.write_string(0, 0, text)
        carried.write_string(1, 0, f"The tariff this workbook prices with ({t.name}); its functions and its button "
                                   "read it from the cell named cfg_tariff.")
        carried.hide()
        wb.define_name("cfg_tariff", f"='{TARIFF_SHEET}'!$A$1")
        _calculator(wb, calc, f, t, lang)
        usage = Usage(**DEFAULT_INPUTS)
        _table(rec, 0, 0, recommendation_rows(recommend(usage, tariff=t), read_current(DEFAULT_CURRENT, usage, t),
                                              lang), f)
        wb.define_name("out_recommendation", f"='{names['rec']}'!$A$1")
        rec.set_column(0, 0, 26)
        rec.set_column(1, 1, 52)
        rec.set_column(2, 2, 30)
        _year(wb, year, f, t, lang)
        _customers(wb, cust, f, t)
        _price_list(prices, f, t, lang)
        conf.write_row(0, 0, ["UDF Modules", UDF_MODULES])
        conf.write_row(1, 0, ["Language", lang])
        wb.define_name("cfg_lang", "='xlwings.conf'!$B$2")
        conf.write_row(2, 0, ["Note", "Interpreter_Win / Interpreter_Mac: add them here if the add-in's "
                                      "interpreter is not the Python that has answer-plan installed"])
        conf.set_column(0, 0, 18)
        calc.activate()
    finally:
        wb.close()
    return _name_the_lite_button(data.getvalue())


def _name_the_lite_button(xlsx: bytes) -> bytes:
    """XlsxWriter names every text box "TextBox N"; xlwings Lite binds a script to a shape by its
    name, so the Lite button gets its own (rewritten in the drawing part)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/drawings/drawing") and b"xlwings Lite" in data:
                data = re.sub(rb'name="TextBox \d+"', f'name="{LITE_BUTTON}"'.encode(), data, count=1)
            target.writestr(item, data)
    return out.getvalue()


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


def _calculator(wb: Any, ws: Any, f: dict[str, Any], t: Tariff, lang: str) -> None:
    w = WORDS[lang]
    sheet = ws.name
    ws.write(0, 0, w["title"], f["title"])
    ws.write(1, 0, w["note"], f["note"])
    ws.write_row(3, 0, [w["forecast"], w["value"], w["unit"]], f["head"])
    for i, (field, en, nl) in enumerate(INPUTS):
        label, unit = nl if lang == "nl" else en
        row = 4 + i
        value = DEFAULT_INPUTS.get(field, w["no"] if field in FLAG_FIELDS else 0)
        ws.write(row, 0, label)
        ws.write(row, 1, value, f["input"])
        ws.write(row, 2, unit, f["note"])
        wb.define_name(input_name(field), f"='{sheet}'!$B${row + 1}")
        if field in FLAG_FIELDS:
            ws.data_validation(row, 1, row, 1, {"validate": "list", "source": [w["yes"], w["no"]],
                                                "error_message": f"{field}: {w['yes']} / {w['no']}"})
        else:
            kind = "integer" if field in COUNT_FIELDS else "decimal"
            want = "a whole number >= 0" if kind == "integer" else "a number >= 0"
            ws.data_validation(row, 1, row, 1, {"validate": kind, "criteria": ">=", "value": 0,
                                                "error_title": "answer-plan",
                                                "error_message": f"{field}: {want}"})
    for i, (field, en, nl) in enumerate(CURRENT_INPUTS):
        label, unit = nl if lang == "nl" else en
        row = 5 + len(INPUTS) + i
        ws.write(row, 0, label)
        ws.write(row, 1, DEFAULT_CURRENT[i], f["input"])
        ws.write(row, 2, unit, f["note"])
        wb.define_name(input_name(field), f"='{sheet}'!$B${row + 1}")
        ws.data_validation(row, 1, row, 1, {"validate": "list", "source": [*t.plans, "none"],
                                            "error_message": f"{field}: choose a plan, or none"})
    ws.set_column(0, 0, 38)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 10)
    ws.set_column(4, 4, 24)
    ws.set_column(5, 8, 12)

    args = "in_calls, in_chats, in_aht, in_call_seconds"
    inputs = [DEFAULT_INPUTS.get(k, 0) for k in ("calls", "chats", "aht", "call_seconds")]
    text = tariff_text(t)
    ws.write(3, 4, w["comparison"], f["bold"])
    ws.write_row(4, 4, [w["plan"], w["monthly"]], f["head"])
    for i, plan in enumerate(t.plans):
        row = 5 + i
        ws.write(row, 4, plan)
        ws.write_formula(row, 5, f"=ANSWER_COST(E{row + 1}, {args}, cfg_tariff)", f["eur"],
                         udfs.ANSWER_COST(plan, *inputs, text))
    row = 6 + len(t.plans)
    ws.write(row, 4, w["cheapest"], f["bold"])
    ws.write_row(row + 1, 4, [w["phone plan"], w["chat plan"], w["total"]], f["head"])
    best = udfs.ANSWER_BEST(*inputs, "no", text)[0]
    for k in range(3):
        ws.write_formula(row + 2, 4 + k, f"=INDEX(ANSWER_BEST({args}, in_need_24_7, cfg_tariff), 1, {k + 1})",
                         f["eur_bold"] if k == 2 else f["bold"], best[k])
    current = f"{DEFAULT_CURRENT[0]}/{DEFAULT_CURRENT[1]}"
    current_total = udfs.ANSWER_COST(current, *inputs, text)
    ws.write(row + 3, 4, w["current"], f["bold"])
    ws.write_formula(row + 3, 5, f'=ANSWER_COST({input_name("current_phone")}&"/"&'
                                 f'{input_name("current_chat")}, {args}, cfg_tariff)', f["eur"], current_total)
    ws.write(row + 4, 4, w["saving"], f["bold"])
    ws.write_formula(row + 4, 5, f'=IFERROR(ROUND(F{row + 4}-G{row + 3}, 2), "")', f["eur_bold"],
                     round(current_total - best[2], 2))
    ws.insert_button(row + 6, 4, {"macro": MACRO, "caption": w["recommend"], "width": 160, "height": 32})
    ws.insert_textbox(LITE_BUTTON_CELL, w["recommend lite"], {
        "width": 170, "height": 32, "font": {"bold": True, "color": "white"}, "fill": {"color": "#2F5597"},
        "align": {"vertical": "middle", "horizontal": "center"},
        "url": f"internal:'{ws.name}'!{LITE_BUTTON_CELL}"})
    ws.write(row + 8, 4, w["button note"], f["note"])

    # cost against calls, per plan: live formulas, cached values, a native chart (a plan that cannot
    # serve the forecast, 24/7 on BASIC, is a gap (#N/A), never a line at 0)
    top = 24
    ws.write(top - 1, 4, w["curve"], f["bold"])
    ws.write_row(top, 4, [w["calls"], *t.plans], f["head"])
    for i, calls in enumerate(CURVE_CALLS):
        row = top + 1 + i
        ws.write(row, 4, calls)
        for j, plan in enumerate(t.plans):
            col = 5 + j  # the formula reads the plan from the header above
            head = xl_rowcol_to_cell(top, col, row_abs=True)
            cost = udfs.ANSWER_COST(plan, calls, *inputs[1:], text)
            ws.write_formula(row, col, f"=IFERROR(1*ANSWER_COST({head}, $E{row + 1}, in_chats, in_aht, "
                                       "in_call_seconds, cfg_tariff), NA())", f["eur"],
                             cost if isinstance(cost, float) else "#N/A")
    chart = wb.add_chart({"type": "scatter", "subtype": "straight"})
    last = top + len(CURVE_CALLS)
    for j in range(len(t.plans)):
        chart.add_series({"name": [ws.name, top, 5 + j], "categories": [ws.name, top + 1, 4, last, 4],
                          "values": [ws.name, top + 1, 5 + j, last, 5 + j]})
    chart.show_na_as_empty_cell()
    chart.set_title({"name": w["chart"]})
    chart.set_x_axis({"name": w["chart x"], "min": 0, "max": CURVE_CALLS[-1]})
    chart.set_y_axis({"name": w["chart y"], "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 620, "height": 380})
    ws.insert_chart(3, 10, chart)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 1)
    ws.print_area(0, 0, top + len(CURVE_CALLS), 20)


def _year(wb: Any, ws: Any, f: dict[str, Any], t: Tariff, lang: str) -> None:
    """Twelve months of forecast (named columns in_year_*), each plan's cost per month (live),
    the schedule filled by the button (cached at build), and a chart of both."""
    w = WORDS[lang]
    ws.write(0, 0, w["year title"], f["title"])
    ws.write(1, 0, w["year note"], f["note"])
    ws.write_row(3, 0, [w["month"], *w["year inputs"]], f["head"])
    first, last = 4, 4 + len(DEFAULT_YEAR) - 1
    for i, (calls, secs, chats, aht) in enumerate(DEFAULT_YEAR):
        row = first + i
        ws.write(row, 0, w["months"][i])
        ws.write_row(row, 1, [calls, secs, chats, aht, w["no"]], f["input"])
        ws.data_validation(row, 5, row, 5, {"validate": "list", "source": [w["yes"], w["no"]]})
    for k, field in enumerate(YEAR_FIELDS):
        col = xl_rowcol_to_cell(0, 1 + k, col_abs=True)[:-1]
        wb.define_name(f"in_year_{field}", f"='{ws.name}'!{col}${first + 1}:{col}${last + 1}")
    # each plan's cost per month, live
    ws.write_row(3, 7, [w["month"], *t.plans], f["head"])
    for i in range(len(DEFAULT_YEAR)):
        row = first + i
        calls, secs, chats, aht = DEFAULT_YEAR[i]
        ws.write(row, 7, w["months"][i])
        for j, plan in enumerate(t.plans):
            head = xl_rowcol_to_cell(3, 8 + j, row_abs=True)
            ws.write_formula(row, 8 + j, f"=ANSWER_COST({head}, B{row + 1}, D{row + 1}, E{row + 1}, C{row + 1}, "
                                         "cfg_tariff)", f["eur"],
                             udfs.ANSWER_COST(plan, calls, chats, aht, secs, tariff_text(t)))
    # the schedule (the button writes it; here its value when built), and one live total
    months = [Usage(calls=c, call_seconds=s, chats=ch, aht=a) for c, s, ch, a in DEFAULT_YEAR]
    anchor_row, anchor_col = first + len(DEFAULT_YEAR) + 2, 0
    _table(ws, anchor_row, anchor_col, year_rows(months, lang, t), f)
    wb.define_name("out_year", f"='{ws.name}'!{xl_rowcol_to_cell(anchor_row, anchor_col, True, True)}")
    total_row = anchor_row + 16
    ws.write(total_row + 2, 0, w["year total"], f["bold"])
    schedule_args = 'in_year_calls, in_year_chats, in_year_aht, in_year_call_seconds, in_year_need_24_7, "", "", ' \
                    "cfg_tariff"
    live = udfs.ANSWER_SCHEDULE([[c] for c, *_ in DEFAULT_YEAR], [[ch] for _, _, ch, _ in DEFAULT_YEAR],
                                [[a] for *_, a in DEFAULT_YEAR], [[s] for _, s, _, _ in DEFAULT_YEAR], None, "", "",
                                tariff_text(t))
    total = next(r[3] for r in live if r[0] == "total")
    ws.write_formula(total_row + 2, 3, f"=INDEX(ANSWER_SCHEDULE({schedule_args}), {len(DEFAULT_YEAR) + 2}, 4)",
                     f["eur_bold"], total)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 5, 12)
    ws.set_column(7, 7, 10)
    ws.set_column(8, 12, 12)
    chart = wb.add_chart({"type": "line"})
    for j in range(len(t.plans)):
        chart.add_series({"name": [ws.name, 3, 8 + j], "categories": [ws.name, first, 7, last, 7],
                          "values": [ws.name, first, 8 + j, last, 8 + j]})
    chart.add_series({"name": w["schedule"], "categories": [ws.name, first, 7, last, 7],
                      "values": [ws.name, anchor_row + 2, 3, anchor_row + 1 + len(DEFAULT_YEAR), 3],
                      "line": {"color": "black", "dash_type": "dash", "width": 2.25}})
    chart.show_na_as_empty_cell()
    chart.set_title({"name": w["year chart"]})
    chart.set_y_axis({"name": w["chart y"], "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 620, "height": 360})
    ws.insert_chart(first + len(DEFAULT_YEAR) + 2, 7, chart)


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


def _customers(wb: Any, ws: Any, f: dict[str, Any], t: Tariff) -> None:
    frame = sample_customers()
    rows = [list(frame.columns), *frame.astype(object).values.tolist()]
    _table(ws, 0, 0, rows, f, head=True)
    wb.define_name("in_customers", f"='{ws.name}'!$A$1")
    fields, errors, keep = customer_frame(rows)
    out = recommend_many(fields, tariff=t)
    _table(ws, 0, len(frame.columns), customer_result_rows(out, errors, keep), f, head=True)
    ws.set_column(0, 0, 28)
    ws.set_column(len(frame.columns) + 5, len(frame.columns) + 5, 60)
    ws.freeze_panes(1, 1)


def _price_list(ws: Any, f: dict[str, Any], t: Tariff, lang: str) -> None:
    ws.write(0, 0, t.title, f["title"])
    _table(ws, 2, 0, plan_table(t), f, head=True)
    top = 4 + len(t.plans)
    rows = charge_rows(t)
    _table(ws, top, 0, rows, f, head=True)
    what = t.discount_dutch if lang == "nl" else t.discount_what
    ws.write(top + len(rows) + 1, 0, WORDS[lang]["discount"].format(what=what,
                                                                   pct=(t.discount_rate * 100).normalize()))
    ws.set_column(0, 0, 24)
    ws.set_column(1, 2, 38)
    ws.set_column(6, 6, 70)

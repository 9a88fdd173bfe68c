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
from optimizer.ground.money import format_amount, format_percent
from optimizer.ground.usage import COUNT_FIELDS, FLAG_FIELDS, FORECAST_FIELDS
from optimizer.ground.words import section, word
from optimizer.pricing.tables import plan_table, price_rows
from optimizer.pricing.tariff import Tariff
from xl_addin import udfs
from xl_addin.macro import (
    CURRENT_INPUTS,
    FORMATS,
    INPUTS,
    RESULT_COLUMNS,
    YEAR_FIELDS,
    Block,
    customer_block,
    customer_frame,
    input_name,
    read_current,
    recommendation_block,
    year_block,
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
FORECAST_SHEET = "forecast"  # hidden: the whole forecast as tables for the functions (in_forecast, in_curve)
CURVE_TOP = 3  # in_curve's header row on that sheet
CURVE_ROW = 24  # the curve's header row on the Calculator
CALC_ID = 191029  # Excel 365's calculation engine: a file from it is not recalculated on load
EURO_AXIS = '"€ "#,##0'
SHEETS = {"en": {"calc": "Calculator", "rec": "Recommendation", "year": "Year", "cust": "Customers",
                 "prices": "Price list", "readme": "Read me"},
          "nl": {"calc": "Rekenhulp", "rec": "Advies", "year": "Jaar", "cust": "Klanten", "prices": "Prijslijst",
                 "readme": "Lees mij"}}
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
        data = _workbook(t, lang, path)
        book.tmp.write_bytes(data)
        module.tmp.write_text(companion(path))
    return path


def tariff_text(t: Tariff) -> str:
    """What a workbook carries of its tariff: the tariff file's text (the shipped list's for a
    tariff made in Python, which has no file: it is priced with the shipped list)."""
    return t.text or load_tariff().text


def _workbook(t: Tariff, lang: str, path: Path = DEFAULT_PATH) -> bytes:
    data = io.BytesIO()
    wb = xlsxwriter.Workbook(data, {"in_memory": True})
    # Excel shows the values stored here when it opens the file, and recalculates a formula only
    # when an input it reads changes: no full recalculation on load (XlsxWriter's default), and the
    # calculation engine of Excel 365 (calcId 191029), so no Excel of that version or later sees a
    # file from an older engine to recalculate. A colleague without the functions sees the numbers.
    wb.set_calc_mode("auto", calc_id=CALC_ID)
    wb.calc_on_load = False
    names = SHEETS[lang]
    text = tariff_text(t)
    try:
        wb.add_vba_project(io.BytesIO(quickstart_vba()), is_stream=True)
        wb.set_vba_name("ThisWorkbook")
        wb.set_properties({"comments": "written by answer-plan", "title": WORDS[lang]["title"]})
        f = _formats(wb)
        calc = wb.add_worksheet(names["calc"])
        calc.set_vba_name("Sheet1")
        rec = wb.add_worksheet(names["rec"])
        rec.set_vba_name("Sheet2")
        year = wb.add_worksheet(names["year"])
        cust = wb.add_worksheet(names["cust"])
        prices = wb.add_worksheet(names["prices"])
        readme = wb.add_worksheet(names["readme"])
        conf = wb.add_worksheet("xlwings.conf")
        forecast = wb.add_worksheet(FORECAST_SHEET)
        carried = wb.add_worksheet(TARIFF_SHEET)
        carried.write_string(0, 0, text)
        carried.write_string(1, 0, f"The tariff this workbook prices with ({t.name}); its functions and its button "
                                   "read it from the cell named cfg_tariff.")
        carried.hide()
        wb.define_name("cfg_tariff", f"='{TARIFF_SHEET}'!$A$1")
        _forecast_tables(wb, forecast, t, lang)
        _calculator(wb, calc, f, t, lang)
        usage = _default_usage(lang)
        _write_block(rec, 0, 0, recommendation_block(recommend(usage, tariff=t),
                                                     read_current(DEFAULT_CURRENT, usage, t), lang), f)
        wb.define_name("out_recommendation", f"='{names['rec']}'!$A$1")
        for col, width in enumerate((24, 58, 17, 10, 13, 8, 14)):
            rec.set_column(col, col, width)
        _printable(rec, last_col=6, rows=60)
        _year(wb, year, f, t, lang)
        _customers(wb, cust, f, t, lang)
        _price_list(prices, f, t, lang)
        _readme(readme, f, lang, path)
        conf.write_row(0, 0, ["UDF Modules", UDF_MODULES])
        conf.write_row(1, 0, ["Language", lang])
        wb.define_name("cfg_lang", "='xlwings.conf'!$B$2")
        conf.write_row(2, 0, ["Note", "Interpreter_Win / Interpreter_Mac: add them here if the add-in's "
                                      "interpreter is not the Python that has answer-plan installed"])
        conf.set_column(0, 0, 18)
        conf.hide()
        calc.activate()
    finally:
        wb.close()
    return _name_the_lite_button(data.getvalue())


def _default_usage(lang: str) -> Usage:
    return Usage(**DEFAULT_INPUTS)


def _write_block(ws: Any, row: int, col: int, block: Block, f: dict[str, Any]) -> None:
    """A block of the button's (recommendation, year, customers) with its formats and styles."""
    for i, values in enumerate(block.rows):
        for j, v in enumerate(values):
            fmt = _cell_format(f, block.formats.get((i, j)), block.styles.get((i, j)))
            v = _value(v)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(row + i, col + j, v, fmt)
            elif isinstance(v, str):
                if v or fmt is not None:
                    ws.write_string(row + i, col + j, v, fmt)  # text stays text, never a formula
            elif v is not None:
                ws.write(row + i, col + j, v, fmt)


STYLES = {"title": {"bold": True, "font_size": 14}, "bold": {"bold": True}, "left": {"align": "left"},
          "right": {"align": "right"},
          "head": {"bold": True, "bottom": 1, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"}}


def _cell_format(f: dict[str, Any], kind: str | None, style: str | None) -> Any:
    """The workbook's format for a number format (FORMATS) and styles ('bold left'), made once."""
    if not kind and not style:
        return None
    key = (kind, style)
    cache = f["cache"]
    if key not in cache:
        props: dict[str, Any] = {"num_format": FORMATS[kind]} if kind else {}
        for name in (style or "").split():
            props.update(STYLES[name])
        cache[key] = f["book"].add_format(props)
    return cache[key]


def _printable(ws: Any, *, last_col: int, rows: int, landscape: bool = False, title_rows: int = 0) -> None:
    """A4, the sheet's width on one page, a print area, and the title rows on every page."""
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, rows - 1, last_col)
    if title_rows:
        ws.repeat_rows(0, title_rows - 1)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)


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
    eur, pct, count = FORMATS["eur"], FORMATS["pct"], FORMATS["int"]
    return {
        "book": wb, "cache": {},
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "head": wb.add_format({"bold": True, "bottom": 1, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"}),
        "bold": wb.add_format({"bold": True}),
        "input": wb.add_format({"bg_color": "#FFF2CC", "border": 1}),
        "input_eur": wb.add_format({"bg_color": "#FFF2CC", "border": 1, "num_format": eur}),
        "eur": wb.add_format({"num_format": eur}),
        "eur_bold": wb.add_format({"num_format": eur, "bold": True}),
        "pct": wb.add_format({"num_format": pct}),
        "int": wb.add_format({"num_format": count}),
        "num": wb.add_format({"num_format": FORMATS["num"]}),
        "note": wb.add_format({"italic": True, "font_color": "#595959"}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "step": wb.add_format({"text_wrap": True, "valign": "top", "bold": True}),
    }


def _forecast_tables(wb: Any, ws: Any, t: Tariff, lang: str) -> None:
    """The whole forecast as tables the functions read (hidden): in_forecast (the field names and
    the Calculator's inputs) and in_curve (the same, with the calls of each point of the curve)."""
    fields = list(FORECAST_FIELDS)
    values = [_input_default(f, lang) for f in fields]
    ws.write_row(0, 0, fields)
    for j, (f, v) in enumerate(zip(fields, values, strict=True)):
        ws.write_formula(1, j, f"={input_name(f)}", None, v)
    last = xl_rowcol_to_cell(1, len(fields) - 1, row_abs=True, col_abs=True)
    wb.define_name("in_forecast", f"='{ws.name}'!$A$1:{last}")
    top = CURVE_TOP
    ws.write_row(top, 0, fields)
    for i, calls in enumerate(CURVE_CALLS):
        for j, (f, v) in enumerate(zip(fields, values, strict=True)):
            if f == "calls":
                ws.write_number(top + 1 + i, j, calls)
            else:
                ws.write_formula(top + 1 + i, j, f"={input_name(f)}", None, v)
    last = xl_rowcol_to_cell(top + len(CURVE_CALLS), len(fields) - 1, row_abs=True, col_abs=True)
    wb.define_name("in_curve", f"='{ws.name}'!${'A'}${top + 1}:{last}")
    ws.write(0, len(fields) + 1, "The forecast as tables for ANSWER_COST_TABLE and ANSWER_BEST_TABLE (in_forecast, "
                                 "in_curve): every field of the Calculator's inputs.")
    ws.hide()


def _input_default(field: str, lang: str) -> Any:
    return DEFAULT_INPUTS.get(field, WORDS[lang]["no"] if field in FLAG_FIELDS else 0)


def _forecast_values(lang: str, calls: int | None = None) -> list[list[Any]]:
    """in_forecast's (or a curve point's) cells, as the functions receive them."""
    fields = list(FORECAST_FIELDS)
    row = [_input_default(f, lang) for f in fields]
    if calls is not None:
        row[fields.index("calls")] = calls
    return [fields, row]


def _calculator(wb: Any, ws: Any, f: dict[str, Any], t: Tariff, lang: str) -> None:
    w = WORDS[lang]
    sheet = ws.name
    ws.write(0, 0, w["title"], f["title"])
    ws.write(1, 0, w["note"], f["note"])
    ws.write(2, 0, w["cached note"], f["note"])
    ws.write_row(3, 0, [w["forecast"], w["value"], w["unit"]], f["head"])
    for i, (field, en, nl) in enumerate(INPUTS):
        label, unit = nl if lang == "nl" else en
        row = 4 + i
        value = _input_default(field, lang)
        ws.write(row, 0, label)
        ws.write(row, 1, value, f["input"])
        ws.write(row, 2, unit, f["note"])
        wb.define_name(input_name(field), f"='{sheet}'!$B${row + 1}")
        if field in FLAG_FIELDS:
            ws.data_validation(row, 1, row, 1, {"validate": "list", "source": [w["yes"], w["no"]],
                                                "error_title": "answer-plan",
                                                "error_message": w["want yes no"].format(label=label)})
        else:
            kind = "integer" if field in COUNT_FIELDS else "decimal"
            want = w["want whole"] if kind == "integer" else w["want number"]
            ws.data_validation(row, 1, row, 1, {"validate": kind, "criteria": ">=", "value": 0,
                                                "error_title": "answer-plan",
                                                "error_message": want.format(label=label)})
    for i, (field, en, nl) in enumerate(CURRENT_INPUTS):
        label, unit = nl if lang == "nl" else en
        row = 5 + len(INPUTS) + i
        ws.write(row, 0, label)
        ws.write(row, 1, DEFAULT_CURRENT[i], f["input"])
        ws.write(row, 2, unit, f["note"])
        wb.define_name(input_name(field), f"='{sheet}'!$B${row + 1}")
        ws.data_validation(row, 1, row, 1, {"validate": "list", "source": [*t.plans, w["none"]],
                                            "error_title": "answer-plan",
                                            "error_message": w["want plan"].format(label=label)})
    ws.set_column(0, 0, 38)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 10)
    ws.set_column(4, 4, 26)
    ws.set_column(5, 8, 14)

    text = tariff_text(t)
    table = _forecast_values(lang)
    ws.write(3, 4, w["comparison"], f["bold"])
    ws.write_row(4, 4, [w["plan"], w["monthly"]], f["head"])
    ws.set_row(4, 30)  # the headings wrap: room for two lines
    for i, plan in enumerate(t.plans):
        row = 5 + i
        ws.write(row, 4, plan)
        ws.write_formula(row, 5, f"=INDEX(ANSWER_COST_TABLE(E{row + 1}, in_forecast, cfg_tariff), 1, 1)", f["eur"],
                         _first(udfs.ANSWER_COST_TABLE(plan, table, text)))
    row = 6 + len(t.plans)
    ws.write(row, 4, w["cheapest"], f["bold"])
    ws.write_row(row + 1, 4, [w["phone plan"], w["chat plan"], w["monthly"]], f["head"])
    ws.set_row(row + 1, 30)
    best = udfs.ANSWER_BEST_TABLE(table, text)[0]
    for k in range(3):
        ws.write_formula(row + 2, 4 + k, f"=INDEX(ANSWER_BEST_TABLE(in_forecast, cfg_tariff), 1, {k + 1})",
                         f["eur_bold"] if k == 2 else f["bold"], best[k])
    current = f"{DEFAULT_CURRENT[0]}/{DEFAULT_CURRENT[1]}"
    current_total = _first(udfs.ANSWER_COST_TABLE(current, table, text))
    cheapest = xl_rowcol_to_cell(row + 2, 6)
    ws.write(row + 3, 4, w["current"], f["bold"])
    ws.write_formula(row + 3, 5, f'=INDEX(ANSWER_COST_TABLE({input_name("current_phone")}&"/"&'
                                 f'{input_name("current_chat")}, in_forecast, cfg_tariff), 1, 1)', f["eur"],
                     current_total)
    now = xl_rowcol_to_cell(row + 3, 5)
    ws.write(row + 4, 4, w["saving"], f["bold"])
    ws.write_formula(row + 4, 5, f'=IFERROR(ROUND({now}-{cheapest}, 2), "")', f["eur_bold"],
                     round(current_total - best[2], 2))
    ws.write(row + 5, 4, w["saving year"], f["bold"])
    ws.write_formula(row + 5, 5, f'=IFERROR(ROUND(12*({now}-{cheapest}), 2), "")', f["eur"],
                     round(12 * (current_total - best[2]), 2))
    ws.insert_button(row + 7, 4, {"macro": MACRO, "caption": w["recommend"], "width": 160, "height": 32})
    ws.insert_textbox(LITE_BUTTON_CELL, w["recommend lite"], {
        "width": 200, "height": 32, "font": {"bold": True, "color": "white"}, "fill": {"color": "#2F5597"},
        "align": {"vertical": "middle", "horizontal": "center"},
        "url": f"internal:'{ws.name}'!{LITE_BUTTON_CELL}"})
    ws.write(row + 9, 4, w["button note"], f["note"])

    # cost against calls, per plan (the rest of the forecast as typed): live, cached, a native chart;
    # a plan that cannot serve the forecast (24/7 on BASIC) is a gap (#N/A), never a line at 0, and
    # the sheet says so in words under the chart
    top = CURVE_ROW
    ws.write(top - 1, 4, w["curve"], f["bold"])
    ws.write_row(top, 4, [w["calls"], *t.plans], f["head"])
    for i, calls in enumerate(CURVE_CALLS):
        r = top + 1 + i
        ws.write(r, 4, calls)
        point = _forecast_values(lang, calls)
        for j, plan in enumerate(t.plans):
            col = 5 + j  # the formula reads the plan from the header above
            head = xl_rowcol_to_cell(top, col, row_abs=True)
            cost = _first(udfs.ANSWER_COST_TABLE(plan, [point[0], *[point[1]] * 1], text))
            ws.write_formula(r, col, f"=IFERROR(1*INDEX(ANSWER_COST_TABLE({head}, in_curve, cfg_tariff), {i + 1}, 1), "
                                     "NA())", f["eur"], cost if isinstance(cost, float) else "#N/A")
    last = top + len(CURVE_CALLS)
    parts = []
    for j in range(len(t.plans)):
        col = xl_rowcol_to_cell(0, 5 + j)[:-1]
        head = xl_rowcol_to_cell(top, 5 + j)
        parts.append(f'IF(COUNT({col}{top + 2}:{col}{last + 1})=0, {head}&" ", "")')
    cannot = "&".join(parts)
    unserved = [p for p in t.plans if not isinstance(_first(udfs.ANSWER_COST_TABLE(p, table, text)), float)]
    ws.write_formula(last + 1, 4, f'=IF(TRIM({cannot})="", "", "{w["cannot"]}: "&TRIM({cannot}))', f["note"],
                     f'{w["cannot"]}: {" ".join(unserved)}' if unserved else "")
    chart = wb.add_chart({"type": "scatter", "subtype": "straight"})
    for j in range(len(t.plans)):
        chart.add_series({"name": [ws.name, top, 5 + j], "categories": [ws.name, top + 1, 4, last, 4],
                          "values": [ws.name, top + 1, 5 + j, last, 5 + j], "line": {"width": 1.75}})
    calls_row = 4 + [f for f, _, _ in INPUTS].index("calls")
    chart.add_series({"name": w["chart cheapest"], "categories": [ws.name, calls_row, 1, calls_row, 1],
                      "values": [ws.name, row + 2, 6, row + 2, 6], "line": {"none": True},
                      "marker": {"type": "diamond", "size": 12, "fill": {"color": "black"},
                                 "border": {"color": "white"}}})
    chart.show_na_as_empty_cell()
    chart.set_title({"name": w["chart"], "name_font": {"size": 12}})
    chart.set_x_axis({"name": w["chart x"], "min": 0, "max": CURVE_CALLS[-1]})
    chart.set_y_axis({"name": w["chart y"], "min": 0, "num_format": EURO_AXIS,
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 640, "height": 400})
    ws.insert_chart(3, 10, chart)
    _printable(ws, last_col=20, rows=last + 3, landscape=True)
    ws.fit_to_pages(1, 1)


def _first(rows: Any) -> Any:
    """The first cell of a function's table (one row in, one cell out)."""
    while isinstance(rows, list):
        rows = rows[0]
    return rows


def _year(wb: Any, ws: Any, f: dict[str, Any], t: Tariff, lang: str) -> None:
    """Twelve months of forecast (named columns in_year_*; the table in_year), each plan's cost per
    month (live, every field of the table), the schedule filled by the button (cached at build),
    and a chart of both with the months by name and the saving in its title."""
    w = WORDS[lang]
    text = tariff_text(t)
    ws.write(0, 0, w["year title"], f["title"])
    ws.write(1, 0, w["year note"], f["note"])
    ws.write_row(3, 0, [w["month"], *w["year inputs"]], f["head"])
    ws.set_row(3, 30)
    first, last = 4, 4 + len(DEFAULT_YEAR) - 1
    for i, (calls, secs, chats, aht) in enumerate(DEFAULT_YEAR):
        row = first + i
        ws.write(row, 0, w["months"][i])
        ws.write_row(row, 1, [calls, secs, chats, aht, w["no"]], f["input"])
        ws.data_validation(row, 5, row, 5, {"validate": "list", "source": [w["yes"], w["no"]],
                                            "error_title": "answer-plan",
                                            "error_message": w["want yes no"].format(label="24/7")})
    for k, field in enumerate(YEAR_FIELDS):
        col = xl_rowcol_to_cell(0, 1 + k, col_abs=True)[:-1]
        wb.define_name(f"in_year_{field}", f"='{ws.name}'!{col}${first + 1}:{col}${last + 1}")
    wb.define_name("in_year", f"='{ws.name}'!$B$4:$F${last + 1}")
    table = [list(w["year inputs"]), *[[c, s, ch, a, w["no"]] for c, s, ch, a in DEFAULT_YEAR]]
    # each plan's cost per month, live
    ws.write_row(3, 7, [w["month"], *t.plans], f["head"])
    costs = {plan: udfs.ANSWER_COST_TABLE(plan, table, text) for plan in t.plans}
    for i in range(len(DEFAULT_YEAR)):
        row = first + i
        ws.write(row, 7, w["months"][i])
        for j, plan in enumerate(t.plans):
            head = xl_rowcol_to_cell(3, 8 + j, row_abs=True)
            cost = costs[plan][i][0]
            ws.write_formula(row, 8 + j, f"=IFERROR(1*INDEX(ANSWER_COST_TABLE({head}, in_year, cfg_tariff), {i + 1}, "
                                         "1), NA())", f["eur"], cost if isinstance(cost, float) else "#N/A")
    # the schedule (the button writes it; here its value when built), and one live total
    months = [Usage(calls=c, call_seconds=s, chats=ch, aht=a) for c, s, ch, a in DEFAULT_YEAR]
    anchor_row, anchor_col = first + len(DEFAULT_YEAR) + 2, 0
    block = year_block(months, lang, t)
    _write_block(ws, anchor_row, anchor_col, block, f)
    wb.define_name("out_year", f"='{ws.name}'!{xl_rowcol_to_cell(anchor_row, anchor_col, True, True)}")
    total_row = anchor_row + 18
    ws.write(total_row, 0, w["year total"], f["bold"])
    schedule_args = 'in_year_calls, in_year_chats, in_year_aht, in_year_call_seconds, in_year_need_24_7, "", "", ' \
                    "cfg_tariff"
    live = udfs.ANSWER_SCHEDULE([[c] for c, *_ in DEFAULT_YEAR], [[ch] for _, _, ch, _ in DEFAULT_YEAR],
                                [[a] for *_, a in DEFAULT_YEAR], [[s] for _, s, _, _ in DEFAULT_YEAR], None, "", "",
                                text)
    total = next(r[3] for r in live if r[0] == "total")
    fixed = next((r[3] for r in live if r[0] == "fixed"), None)
    total_cell = xl_rowcol_to_cell(total_row, 3)
    ws.write_formula(total_row, 3, f"=INDEX(ANSWER_SCHEDULE({schedule_args}), {len(DEFAULT_YEAR) + 2}, 4)",
                     f["eur_bold"], total)
    ws.write(total_row + 1, 0, w["year fixed"], f["bold"])
    fixed_cell = xl_rowcol_to_cell(total_row + 1, 3)
    ws.write_formula(total_row + 1, 3, f"=INDEX(ANSWER_SCHEDULE({schedule_args}), {len(DEFAULT_YEAR) + 4}, 4)",
                     f["eur"], fixed)
    # the chart's title, written by a formula: the saving on the chart itself (FIXED: the user's separators)
    title = w["year chart title"]
    live_title = _text_formula(title, total=total_cell, saving=f"{fixed_cell}-{total_cell}")
    ws.write_formula(total_row + 3, 0, f'=IFERROR({live_title}, "{w["year chart"]}")', f["note"],
                     title.format(total=format_amount(total, lang, symbol=False),
                                  saving=format_amount((fixed or total) - total, lang, symbol=False)))
    ws.set_column(0, 0, 30)
    ws.set_column(1, 5, 14)
    ws.set_column(7, 7, 10)
    ws.set_column(8, 12, 13)
    chart = wb.add_chart({"type": "line"})
    for j in range(len(t.plans)):
        chart.add_series({"name": [ws.name, 3, 8 + j], "categories": [ws.name, first, 7, last, 7],
                          "values": [ws.name, first, 8 + j, last, 8 + j], "line": {"width": 1.5}})
    sched_first = anchor_row + 2
    chart.add_series({"name": w["schedule"], "categories": [ws.name, first, 7, last, 7],
                      "values": [ws.name, sched_first, 3, sched_first + len(DEFAULT_YEAR) - 1, 3],
                      "line": {"color": "black", "dash_type": "dash", "width": 2.5},
                      "marker": {"type": "circle", "size": 5, "fill": {"color": "black"},
                                 "border": {"color": "black"}}})
    chart.show_na_as_empty_cell()
    chart.set_title({"name": [ws.name, total_row + 3, 0], "name_font": {"size": 11}})
    chart.set_x_axis({"name": w["month"]})
    chart.set_y_axis({"name": w["chart y"], "min": 0, "num_format": EURO_AXIS,
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 640, "height": 380})
    ws.insert_chart(first + len(DEFAULT_YEAR) + 2, 7, chart)
    _printable(ws, last_col=13, rows=total_row + 5, landscape=True, title_rows=1)


def _text_formula(template: str, **amounts: str) -> str:
    """A text template with {name} slots as an Excel expression: each slot an amount with two
    decimals in the user's own separators (FIXED), e.g. "saving € "&FIXED(D34-D33, 2)."""
    parts = re.split(r"\{(\w+)\}", template)
    out = []
    for k, part in enumerate(parts):
        if k % 2:
            out.append(f"FIXED({amounts[part]}, 2)")
        elif part:
            out.append('"' + part.replace('"', '""') + '"')
    return "&".join(out)


def _customers(wb: Any, ws: Any, f: dict[str, Any], t: Tariff, lang: str) -> None:
    """The sample customers under headers in the workbook's language (names the table reader
    knows), and the button's result columns beside them."""
    frame = sample_customers()
    head = [word(f"header:{c}", lang) for c in frame.columns]
    rows = [head, *frame.astype(object).values.tolist()]
    if lang == "nl":
        yes_no = {"yes": WORDS[lang]["yes"], "no": WORDS[lang]["no"]}
        rows = [rows[0], *[[yes_no.get(v, v) if isinstance(v, str) else v for v in r] for r in rows[1:]]]
    input_block = Block()
    input_block.add(rows[0], style="head")
    for r in rows[1:]:
        input_block.add(r)
    _write_block(ws, 0, 0, input_block, f)
    wb.define_name("in_customers", f"='{ws.name}'!$A$1")
    fields, errors, keep = customer_frame(rows)
    out = recommend_many(fields, tariff=t)
    _write_block(ws, 0, len(frame.columns), customer_block(out, errors, keep, lang), f)
    width = len(frame.columns) + len(RESULT_COLUMNS)
    ws.set_column(0, 0, 26)
    ws.set_column(1, width - 2, 17)
    ws.set_column(width - 1, width - 1, 50)
    ws.set_row(0, 48)
    ws.freeze_panes(1, 1)
    _printable(ws, last_col=width - 1, rows=len(rows) + 1, landscape=True, title_rows=1)


def _price_list(ws: Any, f: dict[str, Any], t: Tariff, lang: str) -> None:
    """The price list as numbers in euros: the plans (fee, 24/7, contacts included) and every
    charge's prices, in the list's own words (Dutch) or in English."""
    w = WORDS[lang]
    ws.write(0, 0, w["prices title"] if lang == "nl" else f'{w["prices title"]}: {t.title}', f["title"])
    ws.write(1, 0, w["prices note"].format(vat=t.vat_dutch if lang == "nl" else t.vat_what,
                                           rate=format_percent(t.vat_rate, lang)) if t.vat_rate else "", f["note"])
    plans = plan_table(t)
    units = [unit_word for unit_word in (h.removeprefix("included ").removesuffix("s") for h in plans[0][3:])]
    ws.write_row(3, 0, [w["plan"], w["fee"], w["open 24/7"], *[w["included"].format(unit=word(f"plural:{u}", lang))
                                                               for u in units]], f["head"])
    ws.set_row(3, 30)
    for i, (name, fee, open_, *included) in enumerate(plans[1:]):
        r = 4 + i
        ws.write(r, 0, name, f["bold"])
        ws.write_number(r, 1, float(fee), f["eur"])
        ws.write(r, 2, w["yes"] if open_ == "yes" else w["no"])
        for k, n in enumerate(included):
            ws.write_number(r, 3 + k, n, f["int"])
    top = 5 + len(t.plans)
    ws.write_row(top, 0, [w["charge"], w["service"], w["plans"], w["when"], w["price"], w["per"]], f["head"])
    r = top + 1
    for name, service, plans_text, when, price, per in price_rows(t, lang):
        if name:
            ws.write(r, 0, name, f["wrap"])
            ws.write(r, 1, service)
            ws.write(r, 2, plans_text)
        ws.write(r, 3, when)
        ws.write_number(r, 4, float(price), f["eur"])
        ws.write(r, 5, per)
        r += 1
    what = t.discount_dutch if lang == "nl" else t.discount_what
    ws.write(r + 1, 0, w["discount"].format(what=what, pct=format_percent(t.discount_rate, lang)), f["note"])
    ws.set_column(0, 0, 46)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 2, 16)
    ws.set_column(3, 3, 22)
    ws.set_column(4, 4, 12)
    ws.set_column(5, 5, 9)
    _printable(ws, last_col=5, rows=r + 2, title_rows=1)


def _readme(ws: Any, f: dict[str, Any], lang: str, path: Path = DEFAULT_PATH) -> None:
    """How to set the workbook up on Windows, on a Mac and on the web, and what it does without."""
    w = WORDS[lang]
    ws.write(0, 0, w["readme title"], f["title"])
    r = 2
    for heading, steps in w["readme"]:
        ws.write(r, 0, heading, f["bold"])
        r += 1
        for k, step in enumerate(steps):
            ws.write(r, 0, f"{k + 1}." if heading else "", f["wrap"])
            ws.write(r, 1, step.format(module=path.with_suffix(".py").name, book=path.name), f["wrap"])
            r += 1
        r += 1
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 100)
    _printable(ws, last_col=1, rows=r, title_rows=1)

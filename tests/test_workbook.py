"""The built workbook: its VBA and button, names and validation, the cached values a real formula
engine reproduces with the project's functions, and LibreOffice's rendering of it."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import formulas
import numpy as np
import openpyxl
import pytest

from optimizer import Usage, load_tariff, quote
from optimizer.ground.usage import FORECAST_FIELDS
from xl_addin import udfs
from xl_addin.macro import FORMATS, INPUTS
from xl_addin.workbook import MACRO, build, quickstart_vba

UDFS = ["ANSWER_COST", "ANSWER_QUOTE", "ANSWER_BEST", "ANSWER_BREAKEVEN", "ANSWER_PLANS", "ANSWER_SCHEDULE",
        "ANSWER_COST_TABLE", "ANSWER_BEST_TABLE"]


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("wb") / "answer_plan.xlsm")


def test_sheets_and_vba_project(book):
    wb = openpyxl.load_workbook(book, keep_vba=True)
    assert wb.sheetnames == ["Calculator", "Recommendation", "Year", "Customers", "Price list", "Read me",
                             "xlwings.conf", "forecast", "tariff"]
    assert [wb[n].sheet_state for n in ("xlwings.conf", "forecast", "tariff")] == ["hidden"] * 3
    with zipfile.ZipFile(book) as z:
        assert z.read("xl/vbaProject.bin") == quickstart_vba()  # xlwings' own, at build time
        content_types = z.read("[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in content_types


def test_vba_macro_runs_the_companion_module(book):
    from oletools.olevba import VBA_Parser
    parser = VBA_Parser(str(book))
    code = "\n".join(source for _, _, _, source in parser.extract_macros())
    parser.close()
    assert f"Sub {MACRO}()" in code
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in code
    assert "Left(ThisWorkbook.Name" in code  # the module named as the workbook: answer_plan


def test_button_bound_to_the_macro(book):
    with zipfile.ZipFile(book) as z:
        vml = next(z.read(n).decode() for n in z.namelist() if n.endswith(".vml"))
    assert f"<x:FmlaMacro>[0]!{MACRO}</x:FmlaMacro>" in vml
    assert "Recommend" in vml


def test_named_inputs_with_validation(book):
    wb = openpyxl.load_workbook(book)
    names = wb.defined_names
    for i, (field, _, _) in enumerate(INPUTS):
        assert names[f"in_{field}"].attr_text == f"'Calculator'!$B${5 + i}"
    rules = {str(dv.sqref): dv for dv in wb["Calculator"].data_validations.dataValidation}
    assert rules["B5"].type == "whole" and rules["B5"].operator == "greaterThanOrEqual"
    assert rules["B6"].type == "decimal"
    assert rules["B20"].type == "list" and rules["B20"].formula1 == '"yes,no"'
    assert names["in_current_phone"].attr_text == "'Calculator'!$B$22"
    assert rules["B22"].type == "list" and rules["B22"].formula1 == '"BASIC,SMART,PLUS,PREMIUM,none"'
    assert rules["B5"].error == "Answered calls: a whole number, 0 or more"  # the label the user sees, not a field


def test_xlwings_conf_points_at_the_add_in(book):
    ws = openpyxl.load_workbook(book)["xlwings.conf"]
    assert (ws["A1"].value, ws["B1"].value) == ("UDF Modules", "xl_addin.udfs")
    assert (ws["A2"].value, ws["B2"].value) == ("Language", "en")


def test_price_list_sheet_from_the_tariff(book):
    ws = openpyxl.load_workbook(book)["Price list"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    text = " ".join(str(c.value) for c in cells)
    for c in load_tariff().charges:
        assert c.what in text
    prices = {float(c.value) for c in cells if c.number_format == FORMATS["eur"]}  # numbers in euros, not text
    for amount in (3.03, 1.79, 889.71, 66.49, 19.83, 37.07, 162.5, 243.0):
        assert amount in prices
    assert all(isinstance(c.value, (int, float)) for c in cells if c.number_format == FORMATS["eur"])
    assert "Every price excludes VAT (21%)." in text


def test_workbook_settings_keep_the_cached_values_and_print(book):
    """No recalculation of everything on load (a colleague without the functions sees numbers, not
    #NAME?): no fullCalcOnLoad, Excel 365's calcId. Every visible sheet prints on A4, page wide."""
    with zipfile.ZipFile(book) as z:
        workbook_xml = z.read("xl/workbook.xml").decode()
    calc = re.search(r"<calcPr[^>]*/>", workbook_xml).group(0)
    assert "fullCalcOnLoad" not in calc and 'calcId="191029"' in calc
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        assert ws.page_setup.paperSize == 9 and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth in (None, 1), ws.title  # one page wide (1 is the default, unwritten)
        assert ws.print_area, ws.title
    assert wb["Customers"].print_title_rows == "$1:$1"
    readme = " ".join(str(c.value) for row in wb["Read me"].iter_rows() for c in row if c.value)
    for step in ("Windows", "xlwings addin install", "Import Functions", "xlwings Lite", "answer-plan lite", "web"):
        assert step in readme


def test_amounts_in_euros_and_the_discount_as_a_rate(book):
    wb = openpyxl.load_workbook(book)
    rec = wb["Recommendation"]
    rows = list(rec.iter_rows())
    amounts = [c for row in rows for c in row if isinstance(c.value, float)]
    discount = next(row for row in rows if row[0].value == "Discount")
    assert discount[4].value == -0.125 and discount[4].number_format == FORMATS["pct"]  # -12.5%, not x -0.13
    assert discount[2].number_format == FORMATS["eur"] and discount[6].value == -40.63
    assert all(c.number_format in (FORMATS["eur"], FORMATS["pct"], FORMATS["num"]) for c in amounts)
    calc = wb["Calculator"]
    formula_cells = [c for row in calc.iter_rows() for c in row if isinstance(c.value, str) and "ANSWER_" in c.value]
    assert all(c.number_format == FORMATS["eur"] for c in formula_cells if c.column == 6 and "COST" in c.value)
    assert "&FIXED(" in next(c.value for row in wb["Year"].iter_rows() for c in row
                             if isinstance(c.value, str) and "FIXED" in c.value)  # the saving in the chart title


def test_formulas_and_chart(book):
    wb = openpyxl.load_workbook(book)
    ws = wb["Calculator"]
    found = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    # the comparison and the cheapest combination read the whole forecast (all 16 inputs, in_forecast)
    assert "=INDEX(ANSWER_COST_TABLE(E6, in_forecast, cfg_tariff), 1, 1)" in found
    assert sum("ANSWER_BEST_TABLE(in_forecast, cfg_tariff)" in f for f in found) == 3
    assert all("cfg_tariff" in f for f in found if "ANSWER_" in f)  # every function prices with the book's tariff
    assert sum("ANSWER_COST_TABLE(" in f for f in found) == 4 + 1 + 17 * 4  # comparison, current plans, curve
    assert ('=INDEX(ANSWER_COST_TABLE(in_current_phone&"/"&in_current_chat, in_forecast, cfg_tariff), 1, 1)'
            in found)
    assert wb.defined_names["in_forecast"].attr_text == "'forecast'!$A$1:$P$2"
    forecast = wb["forecast"]
    assert [c.value for c in forecast[1]][:16] == list(FORECAST_FIELDS)
    assert [c.value for c in forecast[2]][:16] == [f"=in_{f}" for f in FORECAST_FIELDS]
    with zipfile.ZipFile(book) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    assert "<c:scatterChart>" in chart and chart.count("<c:ser>") == 5  # four plans and the cheapest point
    assert '<c16r3:dispNaAsBlank val="1"/>' in chart  # a plan that cannot serve is a gap (#N/A), not 0
    assert "&quot;€ &quot;#,##0" in chart or '"€ "#,##0' in chart  # the amount axis in euros
    assert sum(f.startswith("=IFERROR(1*INDEX(ANSWER_COST_TABLE(") and f.endswith(", NA())") for f in found) == 17 * 4


# ----------------------------------------------------------------------------- a real formula engine
def _excel_value(x):
    if hasattr(x, "value") and not isinstance(x, np.ndarray):
        x = x.value
    if isinstance(x, np.ndarray):
        rows = [[None if v is formulas.tokens.operand.XlError or str(v) in ("", "empty") else v for v in r]
                for r in x.tolist()]
        return rows[0][0] if len(rows) == 1 and len(rows[0]) == 1 else rows
    return x


def _as_excel_function(f):
    """The project's function as the formula engine calls it: ranges in, arrays out."""
    def call(*args):
        result = f(*[_excel_value(x) for x in args])
        return np.array(result, dtype=object) if isinstance(result, list) else result
    return call


def _register():
    functions = formulas.get_functions()
    for name in UDFS:
        functions[name] = _as_excel_function(getattr(udfs, name))


@pytest.fixture(scope="module")
def engine(book):
    _register()
    model = formulas.ExcelModel().loads(str(book)).finish()
    return model


def _cell_key(book: Path, sheet: str, ref: str) -> str:
    return f"'[{book.name}]{sheet.upper()}'!{ref}"


def test_formula_engine_reproduces_every_cached_value(book, engine):
    cached = openpyxl.load_workbook(book, data_only=True)["Calculator"]
    formula_cells = [c.coordinate for row in openpyxl.load_workbook(book)["Calculator"].iter_rows() for c in row
                     if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(formula_cells) == 4 + 3 + 3 + 17 * 4 + 1  # ... and the plans that cannot serve, in words
    solution = engine.calculate()
    for ref in formula_cells:
        got = solution[_cell_key(book, "Calculator", ref)].value[0][0]
        want = cached[ref].value
        assert (got if got != "" else None) == want, (ref, got, want)  # an empty text is cached as no value
    year_cached = openpyxl.load_workbook(book, data_only=True)["Year"]
    year_cells = [c.coordinate for row in openpyxl.load_workbook(book)["Year"].iter_rows() for c in row
                  if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(year_cells) == 12 * 4 + 3  # each plan's cost per month; the schedule's and the fixed total; the title
    for ref in year_cells:
        assert solution[_cell_key(book, "Year", ref)].value[0][0] == year_cached[ref].value, ref


def test_formulas_are_live_on_the_named_inputs(book, engine):
    key = _cell_key(book, "Calculator", "B5")
    solution = engine.calculate(inputs={key: 300, _cell_key(book, "Calculator", "B20"): "yes"})
    get = lambda ref: solution[_cell_key(book, "Calculator", ref)].value[0][0]
    assert "need_24_7: phone plan BASIC is not reachable 24/7" in get("F6")
    assert get("F9") == udfs.ANSWER_COST("PREMIUM", 300, 40, 200, 150)  # PREMIUM is open 24/7
    assert [get("E13"), get("F13"), get("G13")] == udfs.ANSWER_BEST(300, 40, 200, 150, "yes")[0]
    assert get("F14") == udfs.ANSWER_COST("PLUS/PLUS", 300, 40, 200, 150)
    assert get("F15") == round(get("F14") - get("G13"), 2)
    assert get("E43").endswith(": BASIC SMART")  # the plans the curve cannot draw, in words
    # the whole forecast: 275 SMS reports change the comparison at once (they did not, with 4 inputs read)
    solution = engine.calculate(inputs={_cell_key(book, "Calculator", "B16"): 275})
    u = Usage(calls=120, call_seconds=150, chats=40, aht=200, sms_reports=275)
    assert get("F7") == float(quote(u, phone="SMART", chat="SMART").total)
    assert get("F7") > udfs.ANSWER_COST("SMART", 120, 40, 200, 150)
    assert get("G27") == float(quote(Usage(calls=25, call_seconds=150, chats=40, aht=200, sms_reports=275),
                                     phone="SMART", chat="SMART").total)  # the curve too
    solution = engine.calculate(inputs={_cell_key(book, "Calculator", "B22"): "none",
                                        _cell_key(book, "Calculator", "B23"): "SMART"})
    assert "the phone service" in get("F14") and get("F15") == ""


# ----------------------------------------------------------------------------- LibreOffice
@pytest.fixture(scope="module")
def pdf_text(book, tmp_path_factory) -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice and shutil.which("pdftotext"), "make test installs libreoffice-calc-nogui and poppler-utils"
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(book)], check=True, capture_output=True, timeout=180)
    pdf = out / (book.stem + ".pdf")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_libreoffice_shows_the_comparison_amounts(pdf_text):
    for plan, amount in (("BASIC", "726.22"), ("SMART", "583.59"), ("PLUS", "770.76"), ("PREMIUM", "724.47")):
        assert amount == f"{udfs.ANSWER_COST(plan, 120, 40, 200, 150):.2f}"
        assert amount in pdf_text
    assert "187.17" in pdf_text  # the saving against the current PLUS/PLUS
    assert "#NAME?" not in pdf_text.replace("shows #NAME? until", "") and "Err:" not in pdf_text  # cached values
    assert "Monthly cost by the number of calls" in pdf_text
    assert "Next best" in pdf_text  # the Recommendation sheet
    assert "Bakkerij De Molen" in pdf_text  # the Customers sheet


def test_build_refuses_a_path_without_macros(tmp_path):
    with pytest.raises(ValueError, match=r"must end in \.xlsm"):
        build(tmp_path / "answer_plan.xlsx")


def test_the_year_sheet(book):
    from optimizer import Usage, schedule
    from xl_addin.workbook import DEFAULT_YEAR

    wb = openpyxl.load_workbook(book)
    names = wb.defined_names
    assert names["in_year_calls"].attr_text == "'Year'!$B$5:$B$16"
    assert names["in_year_need_24_7"].attr_text == "'Year'!$F$5:$F$16"
    anchor = names["out_year"].attr_text
    ws = openpyxl.load_workbook(book, data_only=True)["Year"]
    cell = ws[anchor.split("!")[1].replace("$", "")]
    s = schedule([Usage(calls=c, call_seconds=sec, chats=ch, aht=a) for c, sec, ch, a in DEFAULT_YEAR])
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=cell.row, max_row=cell.row + 17, max_col=4)]
    assert rows[0][0].startswith("Schedule") and rows[1] == ["Month", "Phone", "Chat", "Total"]
    assert [r[0] for r in rows[2:14]] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                          "Nov", "Dec"]
    assert [r[3] for r in rows[2:14]] == [float(m.total) for m in s.months]
    assert rows[14][3] == float(s.total) and rows[16][3] == float(s.fixed.total)
    with zipfile.ZipFile(book) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert any("<c:lineChart>" in c and c.count("<c:ser>") == 5 for c in charts)  # four plans and the schedule


def test_lite_button_and_companion_module(book):
    from xl_addin.workbook import LITE_BUTTON, companion

    with zipfile.ZipFile(book) as z:
        drawing = next(z.read(n).decode() for n in z.namelist() if n.startswith("xl/drawings/drawing"))
    assert f'name="{LITE_BUTTON}"' in drawing and "Recommend (xlwings Lite)" in drawing
    assert (book.parent / "answer_plan.py").read_text() == companion(book)


def test_a_dutch_workbook_under_another_name(tmp_path):
    path = build(tmp_path / "klant_2026.xlsm", lang="nl")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Rekenhulp", "Advies", "Jaar", "Klanten", "Prijslijst", "Lees mij", "xlwings.conf",
                             "forecast", "tariff"]
    calc = wb["Rekenhulp"]
    assert calc["A5"].value == "Beantwoorde gesprekken" and calc["A20"].value == "24/7 bereikbaar nodig"
    rules = {str(dv.sqref): dv for dv in calc.data_validations.dataValidation}
    assert rules["B20"].formula1 == '"ja,nee"'
    assert wb["xlwings.conf"]["B2"].value == "nl"
    module = (tmp_path / "klant_2026.py").read_text()
    assert "Keep this file beside klant_2026.xlsm" in module and 'xw.Book("klant_2026.xlsm")' in module
    cached = openpyxl.load_workbook(path, data_only=True)
    advies = cached["Advies"]
    assert advies["A1"].value == "Advies" and advies["B2"].value == "SMART"
    # every text a person reads is Dutch: headings, groups, units, the Customers' columns, the price list
    texts = {str(c.value) for name in ("Rekenhulp", "Advies", "Jaar", "Klanten", "Prijslijst", "Lees mij")
             for row in cached[name].iter_rows() for c in row if isinstance(c.value, str)}
    for english in ("group", "what", "quantity", "unit price", "amount", "phone", "discount", "total", "month",
                    "call_seconds", "phone_plan", "error", "fee per month", "Recommendation", "Total per month"):
        assert english not in texts, english
    for dutch in ("Dienst", "Omschrijving", "Aantal", "Prijs", "Bedrag", "Telefonie", "Korting", "gesprek",
                  "maand", "gespreksduur (s)", "advies_telefoon", "besparing", "fout", "Abonnement per maand",
                  "Doorverbinden", "Toeslag buitenland", "Maandspecificatie", "Lees mij: de werkmap instellen"):
        assert dutch in texts, dutch
    assert "Houd klant_2026.py naast klant_2026.xlsm" in " ".join(texts)  # the module the button imports, by name
    klanten = [c.value for c in cached["Klanten"][1]]
    assert klanten[0] == "klant" and "huidig plan telefoon" in klanten and klanten[-6:] == [
        "advies_telefoon", "advies_chat", "totaal", "huidig_totaal", "besparing", "fout"]


@pytest.mark.parametrize("name", ["klant 2026.xlsm", "2026.xlsm", "class.xlsm", "klant-a.xlsm"])
def test_names_python_cannot_import_are_refused(tmp_path, name):
    with pytest.raises(ValueError, match="the button imports a Python module named as the workbook"):
        build(tmp_path / name)


def test_an_existing_workbook_needs_force_unless_answer_plan_wrote_it_unchanged(tmp_path):
    path = build(tmp_path / "wb.xlsm")
    build(path)  # ours, unchanged: built anew without --force
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb["Calculator"]["B5"] = 999  # the user's own numbers
    wb.save(path)
    edited = path.read_bytes()
    with pytest.raises(ValueError, match="exists and answer-plan did not write it .or it was changed since.; say"):
        build(path)
    assert path.read_bytes() == edited
    (tmp_path / "other.py").write_text("# my own module\n")
    with pytest.raises(ValueError, match="other.py' exists and answer-plan did not write it"):
        build(tmp_path / "other.xlsm")
    assert (tmp_path / "other.py").read_text() == "# my own module\n" and not (tmp_path / "other.xlsm").exists()
    build(path, force=True)
    assert (tmp_path / "wb.py").read_text().startswith("# written by answer-plan")


@pytest.mark.parametrize("name", ["xlwings.xlsm", "pandas.xlsm", "json.xlsm", "numpy.xlsm"])
def test_a_name_that_would_shadow_a_python_package_is_refused(tmp_path, name):
    with pytest.raises(ValueError, match="is already a Python package"):
        build(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_a_workbook_built_with_a_tariff_prices_with_it_everywhere(tmp_path):
    """Its cached values, its functions (through cfg_tariff) and its button all use that tariff."""
    shipped = load_tariff().text
    assert shipped.count('fee = "162.50"') == 1
    toml = tmp_path / "mine.toml"
    toml.write_text(shipped.replace('fee = "162.50"', 'fee = "100.00"'))
    path = build(tmp_path / "eigen.xlsm", tariff=str(toml))
    cached = openpyxl.load_workbook(path, data_only=True)
    text = cached["tariff"]["A1"].value
    assert 'fee = "100.00"' in text
    mine = udfs.ANSWER_COST("SMART", 120, 40, 200, 150, text)
    # both services on SMART: 2 x 62.50 less in fees, 12.5% of that less discount: 583.59 - 125.00 + 15.63
    assert mine == 474.22 == float(quote(Usage(calls=120, call_seconds=150, chats=40, aht=200), phone="SMART",
                                         chat="SMART", tariff=load_tariff(str(toml))).total)
    assert cached["Calculator"]["F7"].value == mine  # the cached SMART total, with its own fee
    _register()
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    assert solution[_cell_key(path, "Calculator", "F7")].value[0][0] == mine

"""The command line: every subcommand, its errors and exit statuses, bulk files with bad rows
and formula-like text, and recommend --json against the reference."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from answer_plan_cli import main
from optimizer import Usage, load_tariff, quote
from optimizer.decisions.search import price_all
from optimizer.files.tables import read_results
from optimizer.files.write import neutralise
from optimizer.ground.money import format_amount
from tests import reference
from tests.strategies import usages


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def flags(u: dict) -> list[str]:
    argv = []
    for k, v in u.items():
        if isinstance(v, bool):
            if v:
                argv.append("--" + k.replace("_", "-"))
        else:
            argv += ["--" + k.replace("_", "-"), str(v)]
    return argv


def test_quote_table_and_json(capsys):
    status, out, err = cli(capsys, "quote", "--phone", "plus", "--chat", "PLUS", "--calls", "120",
                           "--call-seconds", "150", "--chats", "40", "--aht", "200")
    assert status == 0 and err == ""
    assert "Total per month (EUR)" in out and out.rstrip().endswith("770.76")
    status, out, _ = cli(capsys, "quote", "--phone", "BASIC", "--calls", "101", "--json")
    d = json.loads(out)
    assert d["total"] == "314.34" and d["phone"] == "BASIC" and d["chat"] is None
    assert sum(Decimal(ln["amount"]) for ln in d["lines"]) == Decimal("314.34")


def test_recommend_table_and_json(capsys):
    status, out, _ = cli(capsys, "recommend", "--calls", "300", "--call-seconds", "100", "--chats", "60",
                         "--aht", "240", "--forwards", "10", "--forward-seconds", "120", "--outbound-calls", "5",
                         "--outbound-seconds", "60", "--foreign-minutes", "3", "--voice-response",
                         "--email-reports", "90", "--sms-reports", "275", "--month-spec", "--training-hours", "2",
                         "--assistant-hours", "7", "--need-24-7", "--json")
    assert status == 0
    d = json.loads(out)
    assert (d["phone"], d["chat"], d["total"]) == ("PREMIUM", "PREMIUM", "1581.74")
    assert d["alternatives"][0] == {"phone": "PREMIUM", "chat": "PLUS", "total": "1590.71", "difference": "8.97"}
    assert d["usage"]["need_24_7"] is True and d["usage"]["calls"] == 300
    status, out, _ = cli(capsys, "recommend", "--calls", "10")
    assert "Recommended: phone BASIC, chat -: EUR 65.30 per month" in out


def test_recommend_restrictions(capsys):
    status, out, _ = cli(capsys, "recommend", "--calls", "10", "--fix-phone", "premium", "--exclude-chat", "BASIC",
                         "--json", "--solver", "cbc")
    d = json.loads(out)
    assert d["phone"] == "PREMIUM" and d["chat"] is None and d["solver"] == "CBC"
    status, _, err = cli(capsys, "recommend", "--chats", "3", "--fix-chat", "none")
    assert status == 2 and err.startswith("answer-plan: error: no plan fits") and err.count("\n") == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(usages(small=True))
def test_recommend_json_against_the_reference(capsys, u):
    status, out, _ = cli(capsys, "recommend", "--json", *flags(u))
    assert status == 0
    d = json.loads(out)
    phone, chat, total = reference.best(u)
    assert (d["phone"], d["chat"], d["total"]) == (phone, chat, str(total))
    assert len(d["total"].split(".")[1]) == 2


@pytest.mark.parametrize("argv, message", [
    (["quote", "--calls", "ten"], "argument --calls: 'ten' is not a number"),
    (["quote", "--calls", "1.5", "--phone", "BASIC"], "calls: 1.5 is not a whole number >= 0"),
    (["quote", "--calls", "-1", "--phone", "BASIC"], "calls: -1 is not a whole number >= 0"),
    (["quote", "--aht", "nan", "--chat", "BASIC"], "argument --aht: 'nan' is not a finite number"),
    (["quote", "--phone", "GOLD"], "phone: 'GOLD' is not a plan (BASIC, SMART, PLUS, PREMIUM)"),
    (["quote", "--calls", "5"], "the phone service (Phone answering service) is needed for calls but not taken"),
    (["quote", "--phone", "BASIC", "--need-24-7"], "need_24_7: phone plan BASIC is not reachable 24/7"),
    (["quote", "--need-24-7", "yes"], "unrecognized arguments: yes"),
    (["recommend", "--bogus"], "unrecognized arguments: --bogus (see answer-plan recommend --help)"),
    (["bulk", "in.csv", "-o", "x.csv", "--froce"],
     "unrecognized arguments: --froce; did you mean --force? (see answer-plan bulk --help)"),
    ([], "the following arguments are required: COMMAND"),
    (["bulk", "nope.csv", "-o", "x.csv"], "input: 'nope.csv' does not exist"),
    (["bulk", "in.doc", "-o", "x.csv"], "input: 'in.doc' is not .csv, .xlsx or .parquet"),
    (["recommend", "--tariff", "missing.toml"], "missing.toml: 1 problem(s)"),
])
def test_errors_are_one_line_with_status_2(capsys, argv, message):
    status, out, err = cli(capsys, *argv)
    assert status == 2 and out == ""
    assert err.startswith("answer-plan: error: ") and message in err and err.count("\n") == 1


def test_a_mistyped_flag_in_dutch_names_the_command_and_the_flag_meant(capsys):
    status, _, err = cli(capsys, "--lang", "nl", "rate", "a.csv", "--contracts", "b.csv", "-o", "c.csv", "--perod",
                         "2026-01..2026-12")
    assert status == 2
    assert err == ("answer-plan: fout: onbekende argumenten: --perod 2026-01..2026-12; bedoelde u --period? "
                   "(zie answer-plan rate --help)\n")


def test_bad_tariff_file_lists_problems_on_one_line(capsys, tmp_path):
    text = (Path(__file__).resolve().parents[1] / "optimizer/tariffs/prijslijst.toml").read_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('fee = "35.00"', 'fee = "-35.00"').replace("per_minute", "per_minut", 1))
    status, _, err = cli(capsys, "tariff", "--tariff", str(bad))
    assert status == 2 and err.count("\n") == 1
    assert "plans.BASIC.fee" in err and "did you mean 'per_minute'?" in err


def test_help_and_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for command in ("quote", "recommend", "bulk", "chart", "workbook", "tariff", "demo"):
        assert command in out
    with pytest.raises(SystemExit):
        main(["recommend", "--help"])
    out = capsys.readouterr().out
    assert "--need-24-7" in out and "--call-seconds" in out and "--tariff" in out


def test_console_script_is_installed():
    exe = shutil.which("answer-plan", path=str(Path(sys.executable).parent))
    assert exe
    done = subprocess.run([exe, "quote", "--phone", "SMART", "--calls", "120", "--call-seconds", "150"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.rstrip().endswith("439.85")
    done = subprocess.run([exe, "quote", "--phone", "GOLD"], capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_tariff_table(capsys):
    status, out, _ = cli(capsys, "tariff")
    assert status == 0 and "PREMIUM" in out and "EUR 243.00" in out and "pack of 75" in out and "EUR 13.53" in out


# ----------------------------------------------------------------------------- bulk
CUSTOMERS = """customer,customer_id,calls,call_seconds,chats,aht,need_24_7,month_spec,current_phone,current_chat
Bakkerij,00123,120,150,40,200,no,,PLUS,PLUS
"=HYPERLINK(""http://x.invalid"",""click"")",00124,100,,,,,,BASIC,
Broken,00125,-5,0,0,0,no,no,BASIC,
@SUM(A1),00126,10,0,0,0,yes,yes,,
Tekst,00127,ten,0,0,0,no,no,BASIC,
Nachtdienst,00128,80,120,30,300,ja,nee,PREMIUM,PLUS
"""


def write_customers(tmp_path: Path) -> Path:
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS)
    return path


def check_results(frame: pd.DataFrame) -> None:
    t = load_tariff()
    assert list(frame["customer"].astype(str))[:2] == ["Bakkerij", "'=HYPERLINK(\"http://x.invalid\",\"click\")"]
    assert frame["customer"].iloc[3] == "'@SUM(A1)"
    assert [str(x).zfill(5) for x in frame["customer_id"]] == ["00123", "00124", "00125", "00126", "00127", "00128"]
    errors = list(frame["error"].fillna(""))
    assert errors[2] in ("calls: '-5' is not a whole number >= 0", "calls: -5 is not a whole number >= 0")
    assert errors[4] == "calls: 'ten' is not a whole number >= 0"
    assert errors[0] == errors[1] == errors[5] == ""
    # row 0: current PLUS/PLUS = 770.76 (worked example), recommended SMART/SMART = 583.59
    assert (frame["current_total"].iloc[0], frame["total"].iloc[0], frame["saving"].iloc[0]) == (770.76, 583.59, 187.17)
    # row 1: blank cells are 0: 100 calls on BASIC = 312.50
    assert frame["current_total"].iloc[1] == 312.50
    best = price_all(t, Usage(calls=100))[0]
    assert Decimal(str(frame["total"].iloc[1])) == best.total
    # row 5: 24/7 (ja), monthly specification no (nee), current PREMIUM/PLUS
    u = Usage(calls=80, call_seconds=120, chats=30, aht=300, need_24_7=True)
    assert Decimal(f"{frame['current_total'].iloc[5]:.2f}") == quote(u, phone="PREMIUM", chat="PLUS").total
    assert Decimal(f"{frame['saving'].iloc[5]:.2f}") == (quote(u, phone="PREMIUM", chat="PLUS").total
                                                          - price_all(t, u)[0].total)


def test_bulk_csv_to_csv(capsys, tmp_path):
    src = write_customers(tmp_path)
    status, out, err = cli(capsys, "bulk", str(src), "-o", str(tmp_path / "out.csv"))
    assert status == 0 and err == ""
    assert out.startswith("rows: 6, rows without a price: 2 (input rows 4, 6), priced against current plans: ")
    frame = pd.read_csv(tmp_path / "out.csv", dtype={"customer_id": str})
    check_results(frame)
    raw = (tmp_path / "out.csv").read_text()
    assert "\n\"'=HYPERLINK" in raw or "\n'=HYPERLINK" in raw  # neutralised, never a formula


def test_bulk_small_chunks_give_the_same_file(capsys, tmp_path):
    src = write_customers(tmp_path)
    cli(capsys, "bulk", str(src), "-o", str(tmp_path / "a.csv"))
    cli(capsys, "bulk", str(src), "-o", str(tmp_path / "b.csv"), "--chunk-rows", "2")
    a, b = (pd.read_csv(tmp_path / n) for n in ("a.csv", "b.csv"))
    pd.testing.assert_frame_equal(a, b)


def test_bulk_csv_to_xlsx_and_xlsx_to_xlsx(capsys, tmp_path):
    src = write_customers(tmp_path)
    status, out, _ = cli(capsys, "bulk", str(src), "-o", str(tmp_path / "out.xlsx"))
    assert status == 0
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    ws = wb.active
    cells = [c for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)  # nothing is a formula
    check_results(pd.read_excel(tmp_path / "out.xlsx", dtype={"customer_id": str}))
    # an XLSX input with a formula-looking text cell is read as text, never evaluated
    inp = tmp_path / "in.xlsx"
    frame = pd.read_csv(src, dtype=str, keep_default_na=False)
    with pd.ExcelWriter(inp, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_formulas": False}}) as w:
        frame.to_excel(w, index=False)
    status, out, _ = cli(capsys, "bulk", str(inp), "-o", str(tmp_path / "again.xlsx"))
    assert status == 0 and out.startswith("rows: 6, rows without a price: 2 (input rows 4, 6)")
    again = pd.read_excel(tmp_path / "again.xlsx", dtype={"customer_id": str})
    assert again["customer"].iloc[1].startswith("'=HYPERLINK")


def test_bulk_parquet_in_small_chunks(capsys, tmp_path):
    src = write_customers(tmp_path)
    frame = pd.read_csv(src, dtype=str, keep_default_na=False)
    frame.to_parquet(tmp_path / "in.parquet")
    status, out, _ = cli(capsys, "bulk", str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.parquet"),
                         "--chunk-rows", "2")
    assert status == 0 and out.startswith("rows: 6, rows without a price: 2 (input rows 3, 5)")  # records
    result = pd.read_parquet(tmp_path / "out.parquet")
    # Parquet is read by programs, not spreadsheets: its text is kept as it is, never neutralised
    result["customer"] = result["customer"].map(lambda v: "'" + v if v[0] in "=@" else v)
    check_results(result)
    assert result["phone_plan"].isna().tolist() == [False, False, True, False, True, False]


def test_bulk_refuses_to_overwrite_its_input(capsys, tmp_path):
    src = write_customers(tmp_path)
    status, _, err = cli(capsys, "bulk", str(src), "-o", str(src))
    assert status == 2 and "is an input of this run" in err


@pytest.mark.parametrize("text, want", [("=1+1", "'=1+1"), ("+31 20 123", "'+31 20 123"), ("-5", "-5"),
                                        ("@x", "'@x"), ("\tx", "'\tx"), ("plain", "plain"), (12, 12),
                                        ("-1.5e3", "-1.5e3"), ("-", "'-")])
def test_neutralise(text, want):
    assert neutralise(text) == want


def test_progress_bar_only_on_a_terminal():
    import io

    from answer_plan_cli.progress import progress_bar

    class Tty(io.StringIO):
        def isatty(self):
            return True

    with progress_bar("en", io.StringIO()) as show:
        assert show is None  # piped or redirected: no bar
    stream = Tty()
    with progress_bar("nl", stream) as show:
        show(100_000, 0.5)
        show(150_000, 0.5)  # the same step again: not drawn twice
        show(200_000, 1.0)
    text = stream.getvalue()
    assert "200,000 rijen" in text and "100%" in text and text.count(" 50%") == 1

def test_chart_png(capsys, tmp_path):
    status, out, _ = cli(capsys, "chart", "--calls", "120", "--call-seconds", "150", "--chats", "40", "--aht",
                         "200", "-o", str(tmp_path / "c.png"))
    assert status == 0 and "chart written to" in out
    data = (tmp_path / "c.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_workbook_command(capsys, tmp_path):
    status, _out, _ = cli(capsys, "workbook", str(tmp_path / "wb.xlsm"))
    assert status == 0 and (tmp_path / "wb.xlsm").stat().st_size > 10_000
    status, _, err = cli(capsys, "workbook", str(tmp_path / "wb.xlsx"))
    assert status == 2 and "must end in .xlsm" in err


def test_demo_says_where_everything_went(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, _ = cli(capsys, "demo")
    assert status == 0
    assert "1581.74" in out and "1590.71" in out
    for path in ("out/answer_plan.xlsm", "out/customers_recommended.csv", "out/cost_by_calls.png"):
        assert path in out and (tmp_path / path).exists()
    result = pd.read_csv(tmp_path / "out/customers_recommended.csv")
    assert len(result) == 24 and (result["error"].fillna("") != "").sum() == 0  # plausible customers, all priced


# ----------------------------------------------------------------------------- rate, schedule, choose
EVENTS_NL = """klant;begintijd;soort;seconden;buitenland
0042;2026-03-02T10:00:00;call;60;
0042;2026-03-02T10:05:00;call;120,5;ja
0042;2026-03-31T23:30:00Z;chat;240;
0099;2026-03-02T10:00:00;call;60;
0042;2026-04-01 00:10:00;call;95;
"""
CONTRACTS_NL = "klant;telefoonplan;chatplan;afgesproken aht\n0042;SMART;BASIC;200\n"


def test_rate_end_to_end_in_dutch(capsys, tmp_path):
    (tmp_path / "ev.csv").write_bytes(EVENTS_NL.encode("cp1252"))
    (tmp_path / "ct.csv").write_text(CONTRACTS_NL)
    status, out, err = cli(capsys, "rate", str(tmp_path / "ev.csv"), "--contracts", str(tmp_path / "ct.csv"),
                           "-o", str(tmp_path / "inv.xlsx"), "--lines", str(tmp_path / "lines.csv"),
                           "--evaluations", str(tmp_path / "ev_out.parquet"), "--errors", str(tmp_path / "err.csv"),
                           "--lang", "nl")
    assert status == 0 and err == "", err
    assert out.startswith("klanten: 1, maanden: 2, gebruikte contacten: 4, geweigerde contacten: 1, "
                          "totaal gefactureerd: € 355,24")
    raw = pd.read_excel(tmp_path / "inv.xlsx", dtype={"klant": str})
    assert {"klant", "maand", "plan_telefoon", "totaal", "btw", "totaal_incl_btw", "besparing", "fout"} <= set(raw)
    invoices = raw.set_axis(read_results(tmp_path / "inv.xlsx", "invoice").columns, axis=1)  # named as in Python
    assert invoices["month"].tolist() == ["2026-03", "2026-04"]
    assert invoices["phone_plan"].tolist() == ["SMART", "SMART"]
    assert invoices["billable_call_seconds"].tolist() == [31, 5]  # 60 s: 0; 120.5 s: 121 - 90; 95 s: 5
    assert invoices["foreign_seconds"].tolist() == [121, 0] and invoices["chats"].tolist() == [0, 1]
    u = Usage(calls=2, billable_call_seconds=31, foreign_seconds=121, aht=200)
    assert Decimal(f"{invoices['total'].iat[0]:.2f}") == quote(u, phone="SMART", chat="BASIC").total
    lines = pd.read_csv(tmp_path / "lines.csv", sep=";", decimal=",", dtype={"klant": str})
    assert lines.groupby("maand")["bedrag"].sum().round(2).tolist() == invoices["total"].tolist()
    refused = read_results(tmp_path / "err.csv")  # the project reads its own Dutch files back
    assert refused["reason"].tolist() == ["klant '0099' staat niet in de contracten"]
    assert refused["row"].tolist() == ["5"]


def test_rate_refuses_an_input_as_output_before_working(capsys, tmp_path):
    (tmp_path / "ev.csv").write_text(EVENTS_NL)
    (tmp_path / "ct.csv").write_text(CONTRACTS_NL)
    before = (tmp_path / "ct.csv").read_text()
    status, _, err = cli(capsys, "rate", str(tmp_path / "ev.csv"), "--contracts", str(tmp_path / "ct.csv"),
                         "-o", str(tmp_path / "ct.csv"))
    assert status == 2 and "is an input of this run" in err and (tmp_path / "ct.csv").read_text() == before


def test_schedule_file_and_print(capsys, tmp_path):
    rows = ["customer,month,calls,current_phone"]
    rows += [f"a,2026-{m:02d},{300 if m <= 3 else 20},BASIC" for m in range(1, 13)]
    rows += [f"b,2026-{m:02d},10," for m in range(1, 4)]
    (tmp_path / "months.csv").write_text("\n".join(rows) + "\n")
    status, out, _ = cli(capsys, "schedule", str(tmp_path / "months.csv"), "--lang", "en")
    assert status == 0
    assert "Total: EUR 2,556.15, changes: 2;" in out  # from BASIC today to SMART, and back in April
    status, out, _ = cli(capsys, "schedule", str(tmp_path / "months.csv"), "--json", "--max-changes", "0")
    d = json.loads(out)
    assert d[0]["total"] == "2901.90" and d[0]["changes"] == 0 and d[1]["fixed"]["phone"] == "BASIC"
    status, out, _ = cli(capsys, "schedule", str(tmp_path / "months.csv"), "-o", str(tmp_path / "s.csv"))
    assert status == 0 and "customers: 2" in out
    result = pd.read_csv(tmp_path / "s.csv", dtype=str, keep_default_na=False)
    assert list(result.columns[:4]) == ["customer", "month", "calls", "current_phone"]
    assert result["schedule_total"].iat[0] == "2556.15"
    assert result["phone_plan"].tolist()[:4] == ["SMART"] * 3 + ["BASIC"]


def test_choose_from_flags_and_a_file(capsys, tmp_path):
    status, out, _ = cli(capsys, "choose", "--scenario", "low:calls=20", "--scenario", "expected:calls=100",
                         "--scenario", "high:calls=300", "--criterion", "worst", "--json")
    d = json.loads(out)
    assert (d["phone"], d["chat"], d["value"], d["criterion"]) == ("SMART", None, "565.25", "worst")
    (tmp_path / "sc.csv").write_text("scenario;gesprekken;weight\nlaag;20;1\nverwacht;100;2\nhoog;300;1\n")
    status, out, _ = cli(capsys, "choose", str(tmp_path / "sc.csv"), "--criterion", "regret", "--lang", "nl")
    assert status == 0 and out.startswith("Advies (spijt): telefoon SMART, chat geen: € ")
    assert "laag" in out and "verwacht" in out
    status, _, err = cli(capsys, "choose")
    assert status == 2 and "give a FILE of scenarios" in err
    status, _, err = cli(capsys, "choose", "--scenario", "x:bogus=1")
    assert status == 2 and "'bogus' is not a forecast field" in err
    # a scenario's fields as a file's headers say them, in Dutch too; a mistyped one named in its language
    dutch = cli(capsys, "choose", "--scenario", "low:Gesprekken=20", "--scenario", "expected:gesprekken=100",
                "--scenario", "high:aantal gesprekken=300", "--criterion", "worst", "--json")
    assert dutch[0] == 0 and json.loads(dutch[1])["value"] == "565.25"
    status, _, err = cli(capsys, "choose", "--scenario", "a:gesprekkken=3", "--scenario", "b:call_secnds=3")
    assert status == 2 and "'gesprekkken' is not a forecast field; did you mean gesprekken?" in err
    status, _, err = cli(capsys, "choose", "--scenario", "a:calls=3", "--scenario", "b:call_secnds=3")
    assert status == 2 and "did you mean call_seconds?" in err


def test_year_chart(capsys, tmp_path):
    rows = ["customer;month;gesprekken;24/7"] + [f"a;2026-{m:02d};{300 if m <= 3 else 20};{'ja' if m == 6 else 'nee'}"
                                                 for m in range(1, 13)]
    (tmp_path / "m.csv").write_text("\n".join(rows) + "\n")
    status, _, err = cli(capsys, "chart", "--year", str(tmp_path / "m.csv"), "-o", str(tmp_path / "y.png"),
                           "--lang", "nl")
    assert status == 0, err
    data = (tmp_path / "y.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    (tmp_path / "two.csv").write_text("customer,month,calls\na,2026-01,1\nb,2026-01,2\n")
    status, _, err = cli(capsys, "chart", "--year", str(tmp_path / "two.csv"), "-o", str(tmp_path / "z.png"))
    assert status == 2 and "has 2 customers (a, b); say which" in err


# ----------------------------------------------------------------------------- a Dutch user
KLANTEN = "klant;gesprekken;gespreksduur;huidig plan telefoon\nA;120;150;PLUS\nB;-5;100;BASIC\nC;;;\nD;100;100;GOUD\n"


def test_a_dutch_file_gets_dutch_results_and_the_summary_counts_refused_current_plans_apart(capsys, tmp_path):
    (tmp_path / "klanten.csv").write_text(KLANTEN)
    status, out, err = cli(capsys, "--lang", "nl", "bulk", str(tmp_path / "klanten.csv"), "-o",
                           str(tmp_path / "advies.csv"))
    assert status == 0 and err == ""
    # B and C have no price; D is priced, only its current plan (GOUD) is refused: counted apart, by row
    assert out.startswith("rijen: 4, rijen zonder prijs: 2 (invoerrijen 3, 4), geprijsd, huidige plannen geweigerd: 1 "
                          "(invoerrijen 5), vergeleken met huidige plannen: 1, totale besparing: € 131,70 per maand")
    raw = (tmp_path / "advies.csv").read_text("utf-8-sig").splitlines()
    assert raw[0].split(";")[4:] == ['"advies_telefoon"', '"advies_chat"', '"totaal"', '"huidig_totaal"',
                                    '"besparing"', '"fout"']
    frame = pd.read_csv(tmp_path / "advies.csv", sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert frame["fout"].tolist() == [
        "", "gesprekken: '-5' is geen geheel getal >= 0",
        "elke verbruikscel is leeg: niets te prijzen (schrijf 0 om niets te prijzen)",
        "huidige plannen: telefoon: 'GOUD' is geen plan (BASIC, SMART, PLUS, PREMIUM)"]
    assert frame["totaal"].tolist()[0] == "439,85" and frame["totaal"].tolist()[3] != ""
    # the project reads its own Dutch output back: named as in Python, and as a bulk input it is refused
    # by name (its results would be mixed with the new ones), unless the new ones get a prefix
    back = read_results(tmp_path / "advies.csv")
    assert list(back.columns)[4:] == ["phone_plan", "chat_plan", "total", "current_total", "saving", "error"]
    assert back["klant"].tolist() == ["A", "B", "C", "D"]
    status, _, err = cli(capsys, "--lang", "nl", "bulk", str(tmp_path / "advies.csv"), "-o",
                         str(tmp_path / "opnieuw.csv"))
    assert status == 2 and "kolom 'advies_telefoon' heeft de naam van een resultaatkolom" in err
    assert err.startswith("answer-plan: fout: ")
    status, _, _ = cli(capsys, "bulk", str(tmp_path / "advies.csv"), "-o", str(tmp_path / "opnieuw.csv"),
                       "--prefix", "nieuw_")
    assert status == 0
    again = read_results(tmp_path / "opnieuw.csv", prefix="nieuw_")
    assert again["nieuw_total"].tolist() == back["total"].tolist()


def test_errors_in_dutch_with_lang_anywhere_and_json_stays_neutral(capsys, tmp_path):
    status, _, err = cli(capsys, "--lang", "nl", "bulk", str(tmp_path / "weg.csv"), "-o", str(tmp_path / "x.csv"))
    assert status == 2 and err.strip() == f"answer-plan: fout: invoer: '{tmp_path / 'weg.csv'}' bestaat niet"
    status, _, err = cli(capsys, "bulk", str(tmp_path / "weg.csv"), "-o", str(tmp_path / "x.csv"), "--lang", "nl")
    assert "bestaat niet" in err
    status, _, err = cli(capsys, "--lang", "nl", "qoute")
    assert status == 2 and "'qoute' is geen opdracht; bedoelde u 'quote'?" in err
    status, _, err = cli(capsys, "--lang", "nl", "quote", "--calls", "-3")
    assert status == 2 and "fout:" in err
    status, _, err = cli(capsys, "--lang", "nl", "quote", "--calls", "120")
    assert "de dienst telefoon" in err and "nodig voor gesprekken, maar niet afgenomen" in err
    smart = ["--phone", "SMART", "--chat", "SMART"]
    status, out, _ = cli(capsys, "--lang", "nl", "quote", *smart, "--calls", "120", "--chats", "40", "--aht", "200",
                         "--call-seconds", "150", "--json")
    d = json.loads(out)
    assert d["total"] == "583.59" and {"phone", "chat", "lines"} <= set(d)  # neutral: English keys, '.' decimals
    status, out, _ = cli(capsys, "--lang", "nl", "quote", *smart, "--calls", "120", "--chats", "40", "--aht", "200",
                         "--call-seconds", "150")
    assert "Totaal per maand" in out and "583,59" in out


# ----------------------------------------------------------------------------- documents
def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_rate_bulk_and_schedule_write_their_documents_with_the_files(capsys, tmp_path):
    samples = Path(__file__).resolve().parents[1] / "optimizer" / "samples"
    seller = samples / "seller.toml"
    status, out, err = cli(capsys, "--lang", "nl", "rate", str(samples / "events.csv"), "--contracts",
                           str(samples / "contracts.csv"), "-o", str(tmp_path / "facturen.csv"), "--pdf",
                           str(tmp_path / "facturen"), "--seller", str(seller), "--date", "2027-01-05")
    assert status == 0, err
    assert "facturen als PDF: 60 in" in out
    invoices = read_results(tmp_path / "facturen.csv", "invoice")
    row = invoices[(invoices["customer"] == "0233") & (invoices["month"] == "2026-03")].iloc[0]
    text = _pdf_text(tmp_path / "facturen" / "0233_2026-03.pdf")
    for amount in ("total", "vat", "total_incl_vat"):  # as in the invoices file, to the cent
        assert format_amount(Decimal(row[amount]), "nl") in text
    assert "Tandartspraktijk Zuid" in text and "5 januari 2027" in text and "Totaal incl. BTW" in text
    status, out, err = cli(capsys, "bulk", str(samples / "customers.csv"), "-o", str(tmp_path / "advies.csv"),
                           "--pdf", str(tmp_path / "brieven"))
    assert status == 0 and "advice letters as PDF: 24 in" in out
    status, out, err = cli(capsys, "schedule", str(samples / "months.csv"), "--pdf", str(tmp_path / "planning"))
    assert status == 0 and "advice letters as PDF: 5 in" in out
    assert (tmp_path / "planning" / "1200_schedule.pdf").exists()
    status, _, err = cli(capsys, "bulk", str(samples / "customers.csv"), "-o", str(tmp_path / "a.csv"), "--seller",
                         str(seller))
    assert status == 2 and "--seller: only with --pdf DIR" in err and not (tmp_path / "a.csv").exists()
    bad = tmp_path / "verkoper.toml"
    bad.write_text('name = "X"\nkvk = "12"\n')
    before = sorted(p.name for p in tmp_path.iterdir())
    status, _, err = cli(capsys, "rate", str(samples / "events.csv"), "--contracts", str(samples / "contracts.csv"),
                         "-o", str(tmp_path / "f2.csv"), "--pdf", str(tmp_path / "f2"), "--seller", str(bad))
    assert status == 2 and "kvk" in err and sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_a_number_that_reads_two_ways_is_refused_on_the_command_line(capsys):
    """1.000 is a thousand to a Dutch eye and one to an English one: refused, never priced as 1;
    a decimal comma alone (1,5) is one and a half."""
    status, out, err = cli(capsys, "--lang", "nl", "recommend", "--calls", "1.000")
    assert status == 2 and out == "" and "'1.000' kan duizend zijn" in err and "schrijf 1000" in err
    status, _, err = cli(capsys, "recommend", "--calls", "1,000")
    assert status == 2 and "could be a thousand (Dutch) or one with three decimals" in err
    status, out, _ = cli(capsys, "quote", "--phone", "SMART", "--calls", "10", "--call-seconds", "90,5", "--json")
    assert status == 0 and json.loads(out)["total"] == str(quote(Usage(calls=10, call_seconds=Decimal("90.5")),
                                                                 phone="SMART").total)


def test_a_contact_log_given_to_bulk_is_refused_not_priced_as_zero(capsys, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("klant;begintijd;soort;gespreksduur\n0042;2026-01-01 10:00;call;125\n")
    status, _, err = cli(capsys, "--lang", "nl", "bulk", str(log), "-o", str(tmp_path / "o.csv"))
    assert status == 2 and "dit lijkt een contactlog" in err and "answer-plan rate" in err
    assert not (tmp_path / "o.csv").exists()


def test_the_documents_folder_must_be_a_folder_of_its_own(capsys, tmp_path):
    samples = Path(__file__).resolve().parents[1] / "optimizer" / "samples"
    status, _, err = cli(capsys, "bulk", str(samples / "customers.csv"), "-o", str(tmp_path / "b.csv"), "--pdf",
                         str(tmp_path / "b.csv"))
    assert status == 2 and "is also an output of this run" in err and len(err) < 300
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "a.csv").write_text("x")
    status, _, err = cli(capsys, "bulk", str(samples / "customers.csv"), "-o", str(tmp_path / "b.csv"), "--pdf",
                         str(tmp_path / "a.csv"))
    assert status == 2 and "is a file, not a folder" in err and sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    status, _, err = cli(capsys, "rate", str(samples / "events.csv"), "--contracts", str(samples / "contracts.csv"),
                         "-o", str(tmp_path / "i.csv"), "--date", "2027-01-01")
    assert status == 2 and "--date: only with --pdf DIR" in err


def test_a_sheet_asked_of_files_without_sheets_is_refused(tmp_path, capsys):
    """--sheet on CSV inputs would be ignored: said instead (in the user's language), nothing written;
    one workbook among the inputs (rate's log or contracts) takes it."""
    (tmp_path / "klanten.csv").write_text("gesprekken;e-mails/chats;afhandeltijd\n120;40;200\n", encoding="utf-8")
    out = tmp_path / "advies.csv"
    assert main(["bulk", str(tmp_path / "klanten.csv"), "-o", str(out), "--sheet", "Klanten"]) == 2
    assert "--sheet Klanten: no input is a workbook" in capsys.readouterr().err and not out.exists()
    assert main(["--lang", "nl", "bulk", str(tmp_path / "klanten.csv"), "-o", str(out), "--sheet", "Klanten"]) == 2
    assert "geen invoer is een werkmap" in capsys.readouterr().err and not out.exists()
    pd.DataFrame({"customer": ["C1"], "phone_plan": ["SMART"]}).to_excel(tmp_path / "contracts.xlsx", index=False,
                                                                          sheet_name="Contracten")
    (tmp_path / "log.csv").write_text("customer,start,kind,seconds\nC1,2026-01-02T10:00:00,call,60\n")
    assert main(["rate", str(tmp_path / "log.csv"), "--contracts", str(tmp_path / "contracts.xlsx"), "-o",
                 str(tmp_path / "inv.csv"), "--sheet", "Contracten"]) == 0


@pytest.mark.parametrize("extra, said", [
    (["--year", "months.csv", "--calls", "100"], "--calls: not with --year"),
    (["--year", "months.csv", "--max-calls", "500"], "--max-calls: not with --year"),
    (["--year", "months.csv", "--need-24-7"], "--need-24-7: not with --year"),
    (["--calls", "100", "--customer", "C1"], "--customer: only with --year FILE"),
    (["--calls", "100", "--max-changes", "2"], "--max-changes: only with --year FILE"),
])
def test_chart_flags_it_would_not_use_are_refused(tmp_path, capsys, extra, said):
    out = tmp_path / "chart.png"
    assert main(["chart", "-o", str(out), *[str(tmp_path / e) if e.endswith(".csv") else e for e in extra]]) == 2
    assert said in capsys.readouterr().err and not out.exists()


def test_a_bad_row_is_named_by_its_row_as_the_spreadsheet_shows_it(capsys, tmp_path):
    """One numbering of rows everywhere: the row as Excel shows it (the header's row and title rows
    count), in bulk's summary, rate's refused rows, choose's messages."""
    (tmp_path / "customers.csv").write_text("Forecast 2027\n\ncustomer,calls,chats\na,10,1\nb,x,2\n")
    status, out, _ = cli(capsys, "bulk", str(tmp_path / "customers.csv"), "-o", str(tmp_path / "out.csv"))
    assert status == 0 and "rows without a price: 1 (input rows 5)" in out
    (tmp_path / "scenarios.csv").write_text("Scenarios\nscenario,calls,weight\nlow,10,1\nhigh,-3,1\n")
    status, _, err = cli(capsys, "choose", str(tmp_path / "scenarios.csv"))
    assert status == 2 and "row 4 (high): calls: '-3' is not" in err


def _help_texts(parser) -> list[str]:
    import argparse

    seen: list[str] = []

    def walk(p) -> None:
        seen.extend(t for t in [p.description, *(g.title for g in p._action_groups)] if t)
        for a in p._actions:
            if a.help and a.help != argparse.SUPPRESS:
                seen.append(a.help)
            if isinstance(a, argparse._SubParsersAction):
                seen.extend(c.help for c in a._choices_actions)
                for sub in dict.fromkeys(a.choices.values()):
                    walk(sub)
    walk(parser)
    return seen


def test_every_help_text_has_its_dutch():
    """A help text added to the parser without its Dutch in words.CLI_HELP fails here, by name."""
    from answer_plan_cli.parser import build_parser
    from optimizer.ground.words import CLI_HELP

    missing = sorted({t for t in _help_texts(build_parser()) if t not in CLI_HELP})
    assert not missing, missing
    dutch = _help_texts(build_parser("nl"))
    assert not [t for t in dutch if t in CLI_HELP and CLI_HELP[t] != t]  # every one said in Dutch


def test_help_in_dutch_and_in_english(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--lang", "nl", "rate", "--help"])
    text = capsys.readouterr().out
    assert done.value.code == 0 and text.startswith("gebruik: answer-plan rate")
    assert "de contactlog: .csv, .xlsx of .parquet" in text and "--pdf MAP" in text and "voorbeelden:" in text
    with pytest.raises(SystemExit):
        main(["rate", "--help"])
    text = capsys.readouterr().out
    assert text.startswith("usage: answer-plan rate") and "the contact log: .csv" in text and "--pdf DIR" in text


def test_the_command_tunes_its_own_process_and_an_import_does_not():
    """process.tune at the command's start (numpy's huge pages off, glibc keeping freed memory);
    importing the package (a test, a notebook) leaves the process as it was."""
    env = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}

    def advised(before: str) -> str:
        probe = f"import sys; from numpy._core.multiarray import _set_madvise_hugepage as h; {before}; print(h(True))"
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert advised("import answer_plan_cli") == advised("pass")  # numpy's own default, untouched
    assert advised("from answer_plan_cli.process import tune; assert tune() or sys.platform != 'linux'") == "False"


def test_a_command_loads_its_modules_with_the_collector_paused_and_freezes_them():
    """In a command's own process (tune ran) the modules a command loads (process.loading) are
    imported without the cyclic collector and frozen after, and the collector runs again; in
    someone else's process (main() in a test, a notebook) loading changes nothing."""
    probe = ("import gc, sys; from answer_plan_cli.process import loading, tune\n"
             "if sys.argv[1] == 'tuned': tune()\n"
             "before = gc.get_freeze_count(); runs = gc.get_stats()[0]['collections']\n"
             "with loading():\n"
             "    assert gc.isenabled() is (sys.argv[1] != 'tuned')\n"
             "    import pandas\n"
             "    paused = gc.get_stats()[0]['collections'] == runs\n"
             "print(gc.isenabled(), gc.get_freeze_count() > before + 10_000, paused)")
    said = {how: subprocess.run([sys.executable, "-c", probe, how], capture_output=True, text=True, check=True).stdout
            for how in ("tuned", "imported")}
    assert said == {"tuned": "True True True\n", "imported": "True False False\n"}


def test_schedule_and_rate_name_rows_and_negatives_as_the_file_has_them(capsys, tmp_path):
    (tmp_path / "months.csv").write_text("customer,month,calls\nB,2026-01,5\nA,2026-01,5\nA,2026-03,5\nA,2026-13,5\n")
    status, _, _ = cli(capsys, "schedule", str(tmp_path / "months.csv"), "-o", str(tmp_path / "s.csv"))
    out = pd.read_csv(tmp_path / "s.csv", keep_default_na=False)
    assert status == 0 and out["error"].iloc[1] == "row 5 of this customer has an error"  # the file's row 5
    (tmp_path / "log.csv").write_text("customer,start,kind,seconds\nC1,2026-01-02T10:00:00,call,-5\n")
    (tmp_path / "ct.csv").write_text("customer,phone_plan\nC1,SMART\n")
    status, _, _ = cli(capsys, "rate", str(tmp_path / "log.csv"), "--contracts", str(tmp_path / "ct.csv"), "-o",
                       str(tmp_path / "inv.csv"), "--errors", str(tmp_path / "refused.csv"))
    refused = pd.read_csv(tmp_path / "refused.csv")
    assert status == 0 and refused["reason"].tolist() == ["seconds: a duration is a number >= 0 (-5)"]


def test_a_line_break_in_a_cell_never_cuts_an_error_short(capsys, tmp_path):
    (tmp_path / "scenarios.csv").write_text('scenario,calls,weight\nlow,10,1\n"hi\ngh",ten,1\n')
    status, _, err = cli(capsys, "choose", str(tmp_path / "scenarios.csv"))
    assert status == 2 and err.count("\n") == 1 and "row 3 (hi gh): calls: 'ten' is not a whole number" in err


def test_a_txt_output_is_tab_separated_as_excel_writes_text(capsys, tmp_path):
    src = write_customers(tmp_path)
    status, _, _ = cli(capsys, "bulk", str(src), "-o", str(tmp_path / "out.txt"))
    head = (tmp_path / "out.txt").read_text(encoding="utf-8-sig").splitlines()[0]
    assert status == 0 and head.count("\t") == head.count(",") + head.count("\t") and "\t" in head
    cli(capsys, "bulk", str(src), "-o", str(tmp_path / "out.csv"))
    assert read_results(tmp_path / "out.txt").equals(read_results(tmp_path / "out.csv"))  # read back alike


def test_the_language_and_the_files_as_the_hostile_tests_found_them(capsys, tmp_path):
    # the last --lang wins (as argparse keeps it), its abbreviation too; a bad one is no mistyped command
    status, _, err = cli(capsys, "--lang", "en", "quote", "--lang", "nl", "--phone", "SMART", "--calls", "-5")
    assert status == 2 and err.startswith("answer-plan: fout: gesprekken: -5 is geen geheel getal")
    status, _, err = cli(capsys, "--lan", "nl", "quote", "--phone", "SMART", "--calls", "-5")
    assert status == 2 and "fout" in err
    status, _, err = cli(capsys, "--lang", "de", "quote")
    assert status == 2 and "invalid choice: 'de'" in err and "did you mean" not in err
    # a CSV output never mixes decimal conventions with the input's columns, which pass through as read
    (tmp_path / "nl.csv").write_text("klant;gesprekken;afhandeltijd\nA;10;150,5\n", encoding="utf-8")
    status, _, err = cli(capsys, "--lang", "nl", "bulk", str(tmp_path / "nl.csv"), "-o", str(tmp_path / "x.tsv"),
                         "--csv-dialect", "en")
    assert status == 2 and "schrijft getallen met een decimale komma" in err and not (tmp_path / "x.tsv").exists()
    # a tab-separated input, a .csv output: the separator a .csv has
    (tmp_path / "nl.txt").write_text("klant\tgesprekken\tafhandeltijd\nA\t10\t150,5\n", encoding="utf-8")
    assert cli(capsys, "bulk", str(tmp_path / "nl.txt"), "-o", str(tmp_path / "x.csv"))[0] == 0
    assert "\t" not in (tmp_path / "x.csv").read_text(encoding="utf-8-sig")
    # schedule has no --prefix: it does not advise one
    (tmp_path / "m.csv").write_text("customer,month,calls,phone_plan\nA,2026-01,5,x\n")
    status, _, err = cli(capsys, "schedule", str(tmp_path / "m.csv"), "-o", str(tmp_path / "s.csv"))
    assert status == 2 and "rename it (or leave the results of an earlier run out" in err and "prefix" not in err


def test_a_tab_file_without_decimals_takes_its_language_from_its_headers(capsys, tmp_path):
    """Tabs are Excel's text in either language: with no number to tell, English headers give an
    English output, Dutch ones a Dutch output."""
    (tmp_path / "en.txt").write_text("customer\tcalls\nA\t5\n", encoding="utf-8")
    (tmp_path / "nl.txt").write_text("klant\tgesprekken\nA\t5\n", encoding="utf-8")
    assert cli(capsys, "bulk", str(tmp_path / "en.txt"), "-o", str(tmp_path / "en.csv"))[0] == 0
    assert cli(capsys, "bulk", str(tmp_path / "nl.txt"), "-o", str(tmp_path / "nl.csv"))[0] == 0
    assert (tmp_path / "en.csv").read_text(encoding="utf-8").splitlines()[1].endswith('"50.15",""')
    assert (tmp_path / "nl.csv").read_text(encoding="utf-8-sig").splitlines()[1].endswith('"50,15";""')


def test_the_command_ends_without_the_interpreters_teardown_and_loses_nothing(tmp_path):
    """process.leave: what is registered at exit still runs, every word is flushed, the status is
    kept, a reader gone (`| head`) ends it quietly."""
    def command(*words: str, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
        probe = ("import atexit, sys; atexit.register(lambda: print('at exit', file=sys.stderr)); "
                 f"sys.argv = ['answer-plan', *{list(words)!r}]; from answer_plan_cli.main import run; run()")
        return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path)

    done = command("quote", "--phone", "SMART", "--calls", "120", "--call-seconds", "150", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["total"] == "439.85" and done.stderr == "at exit\n"
    done = command("quote", "--phone", "GOLD")
    assert done.returncode == 2 and done.stderr.startswith("answer-plan: error: phone: 'GOLD'")
    assert done.stderr.endswith("at exit\n")
    (tmp_path / "months.csv").write_text("customer,month,calls\n" + "".join(f"C{i},2026-01,{i % 400}\n"
                                                                          for i in range(3000)))
    piped = subprocess.run(f"{sys.executable} -m answer_plan_cli schedule months.csv --json | head -c 20",
                           shell=True, capture_output=True, text=True, cwd=tmp_path)  # far more than a pipe holds
    assert piped.returncode == 0 and len(piped.stdout) == 20 and piped.stderr == ""


def test_the_commands_end_says_a_full_disk_a_closed_stream_and_a_late_signal(tmp_path):
    """stdout on a full disk is an error (status 1, said), not output lost under status 0; a
    stream closed at the start is no error; a signal after main's own handlers (its last lines)
    is said as any other, never a traceback."""
    quote = [sys.executable, "-m", "answer_plan_cli", "quote", "--phone", "SMART", "--calls", "120", "--json"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout buffered, as in a pipe
    if Path("/dev/full").exists():
        for e in (env, {**env, "PYTHONUNBUFFERED": "1"}):
            with open("/dev/full", "w") as full:
                done = subprocess.run(quote, stdout=full, stderr=subprocess.PIPE, text=True, env=e)
            assert done.returncode == 1 and "No space left on device" in done.stderr
            assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    closed = subprocess.run(" ".join(quote) + " >&-", shell=True, capture_output=True, text=True, env=env)
    assert closed.returncode == 0 and closed.stderr == ""
    bad = subprocess.run(f"{sys.executable} -m answer_plan_cli quote --phone GOLD 2>&-", shell=True, env=env)
    assert bad.returncode == 2
    late = ("import sys; import answer_plan_cli.main; m = sys.modules['answer_plan_cli.main']\n"
            "def main():\n    raise m.Interrupted(15)\n"
            "m.main = main; m.run()")
    done = subprocess.run([sys.executable, "-c", late], capture_output=True, text=True, env=env)
    assert done.returncode == 143 and done.stderr == "answer-plan: error: interrupted; nothing was written\n"


def test_a_ctrl_c_before_main_is_said_in_the_language_asked_for(tmp_path):
    """A Ctrl-C while the command's process is set up (process.tune, before main reads --lang) is
    said in the language the command line asks for."""
    probe = ("import sys, answer_plan_cli.process as p\n"
             "def tune():\n    raise KeyboardInterrupt\n"
             "p.tune = tune\n"
             "sys.argv = ['answer-plan', 'quote', '--phone', 'SMART', '--lang', 'nl']\n"
             "from answer_plan_cli.main import run\nrun()\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 130 and done.stderr.startswith("answer-plan: fout: ") and done.stderr.count("\n") == 1

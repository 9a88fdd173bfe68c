"""The hostile matrix: every way in (each command, each API entry point, each Excel function that
takes a table) against every kind of bad input (headers and flags; months, numbers and encodings;
colliding outputs, foreign files and interrupts; a full disk; huge values), as a newcomer with
Dutch files, or someone in a hurry who mistypes, would meet it.

Every case ends one of two ways: priced right (checked against quote(), the exact engine), or
refused with one line (exit 2 on the command line) and every file exactly as it was, no temporary
file left behind. tests/files/test_corpus.py adds 44 hostile customer files through `bulk`.
"""
from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from answer_plan_cli import main
from optimizer import (
    HeaderError,
    RatingError,
    SelectionError,
    Usage,
    choose,
    quote,
    rate,
    recommend_many,
    schedule,
    schedule_many,
)
from optimizer.decisions.search import price_all
from xl_addin import udfs

BEFORE = b"the previous output: it must survive a refused run\n"


def best(**usage: Any) -> Decimal:
    """The cheapest total of a forecast, by the exact engine."""
    return price_all(load(), Usage(**usage))[0].total


def load() -> Any:
    from optimizer import load_tariff

    return load_tariff()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read_csv(path: Path, prefix: str = "") -> pd.DataFrame:
    """An output as the project reads its own files back: English or Dutch names, as Python names them."""
    from optimizer.files.tables import read_results

    return read_results(path, "invoice" if path.name.startswith("inv") else "", prefix)


def money(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


# ----------------------------------------------------------------------------- the command line

@dataclass
class Cli:
    name: str
    argv: list[str]  # {d}: the case's folder
    files: dict[str, bytes | str] = field(default_factory=dict)
    refused: str = ""  # a fragment of the one line of a refused run
    check: Callable[[Path, str], None] | None = None  # a run that prices: its outputs against quote()
    kind: str = ""  # the kind of bad input, for the matrix's ids


EVENTS = ("klant;begintijd;soort;gespreksduur;buitenland\n"
          "0042;2026-03-02T10:00:00;call;150;nee\n0042;2026-03-02T10:05:00;call;30;ja\n"
          "0042;2026-03-03T09:00:00;chat;260;\n")
CONTRACTS = "klant;telefoonplan;chatplan;afhandeltijd\n0042;SMART;BASIC;200\n"


def _invoice_is_quote(d: Path, out: str) -> None:
    """The March invoice of 0042: calls of 150 s and 30 s (60 s beyond 90), 30 s abroad, a chat on
    the agreed AHT of 200 s, on SMART/BASIC; BTW on it."""
    inv = read_csv(d / "inv.csv")
    row = inv[inv["month"] == "2026-03"].iloc[0]
    q = quote(Usage(calls=2, billable_call_seconds=60, foreign_seconds=30, chats=1, aht=200), phone="SMART",
              chat="BASIC")
    assert money(row["total"]) == q.total and money(row["vat"]) == q.vat, row.to_dict()
    assert money(row["total_incl_vat"]) == q.total_incl_vat


def _bulk_totals(want: list[dict[str, Any] | str], prefix: str = "") -> Callable[[Path, str], None]:
    def check(d: Path, out: str) -> None:
        frame = read_csv(d / "out.csv", prefix)
        assert len(frame) == len(want)
        for i, w in enumerate(want):
            row = frame.iloc[i]
            if isinstance(w, str):
                assert w in row[prefix + "error"] and row[prefix + "total"] == "", row.to_dict()
            else:
                assert row[prefix + "error"] == "" and money(row[prefix + "total"]) == best(**w), (i, row.to_dict())
    return check


def _schedule_is_schedule(d: Path, out: str) -> None:
    frame = read_csv(d / "s.csv")
    calls = [300, 300, 300] + [20] * 6 + [300] * 3
    s = schedule([Usage(calls=c) for c in calls], max_changes=1)
    assert money(frame["schedule_total"].iat[0]) == s.total
    assert int(frame["changes"].iat[0]) == s.changes
    for month, plan, total in zip(frame["maand"], frame["phone_plan"], frame["total"], strict=True):
        c = calls[int(month.split("-")[1]) - 1]  # each row is its own calendar month, priced on its plan
        assert money(total) == quote(Usage(calls=c), phone=plan).total, month


def _choose_24_7(d: Path, out: str) -> None:
    assert "PLUS" in out.splitlines()[0]  # 24/7 in one scenario: only PLUS or PREMIUM are candidates


MONTHS = "klant;maand;gesprekken\n" + "".join(
    f"A;2026-{m};{c}\n" for m, c in sorted(zip(range(1, 13), [300, 300, 300] + [20] * 6 + [300] * 3),
                                          key=lambda x: str(x[0])))  # text order: 1, 10, 11, 12, 2, ...
CASES = [
    # headers
    Cli("bulk: Dutch headers", ["bulk", "{d}/in.csv", "-o", "{d}/out.csv"],
        {"in.csv": "Klant;Gesprekken;Gespreksduur;E-mails;Afhandeltijd;24/7\nA;120;150;40;200;nee\nB;60;0;0;0;ja\n"},
        check=_bulk_totals([dict(calls=120, call_seconds=150, chats=40, aht=200), dict(calls=60, need_24_7=True)]),
        kind="headers"),
    Cli("bulk: a mistyped header", ["bulk", "{d}/in.csv", "-o", "{d}/out.csv"], {"in.csv": "klant;gesprekke\nA;1\n"},
        refused="column 'gesprekke' looks like calls ('gesprekken'); rename it, or say --map 'gesprekke=calls'",
        kind="headers"),
    Cli("bulk: a contact log's column", ["bulk", "{d}/in.csv", "-o", "{d}/out.csv"],
        {"in.csv": "klant;gesprekken;buitenland\nA;1;ja\n"},
        refused="column 'buitenland' is foreign in a contact log, which a customer file does not have", kind="headers"),
    Cli("rate: durations headed gespreksduur, agreed AHT headed afhandeltijd",
        ["rate", "{d}/ev.csv", "--contracts", "{d}/ct.csv", "-o", "{d}/inv.csv"],
        {"ev.csv": EVENTS, "ct.csv": CONTRACTS}, check=_invoice_is_quote, kind="headers"),
    Cli("rate: the two files swapped", ["rate", "{d}/ct.csv", "--contracts", "{d}/ev.csv", "-o", "{d}/inv.csv"],
        {"ev.csv": EVENTS, "ct.csv": CONTRACTS}, refused="not a contact log; are the two files swapped?",
        kind="headers"),
    Cli("rate: contracts without a plan column", ["rate", "{d}/ev.csv", "--contracts", "{d}/ct.csv", "-o",
                                                  "{d}/inv.csv"],
        {"ev.csv": EVENTS, "ct.csv": "klant;afhandeltijd\n0042;200\n"},
        refused="a contracts file needs a phone_plan or chat_plan column", kind="headers"),
    Cli("rate: a contract on a plan that does not exist",
        ["rate", "{d}/ev.csv", "--contracts", "{d}/ct.csv", "-o", "{d}/inv.csv"],
        {"ev.csv": EVENTS, "ct.csv": "klant;telefoonplan\n0042;GOUD\n"},
        refused="contracts: customer '0042' (row 2): phone_plan: 'GOUD' is not a plan", kind="headers"),
    Cli("schedule: Dutch headers, months written 2026-1", ["schedule", "{d}/m.csv", "-o", "{d}/s.csv",
                                                           "--max-changes", "1"],
        {"m.csv": MONTHS}, check=_schedule_is_schedule, kind="months"),
    # flags
    Cli("bulk: yes/no words", ["bulk", "{d}/in.csv", "-o", "{d}/out.csv"],
        {"in.csv": "klant;gesprekken;24/7\nA;60;WAAR\nB;60;onwaar\nC;60;j\nD;60;0\nE;60;misschien\n"},
        check=_bulk_totals([dict(calls=60, need_24_7=True), dict(calls=60), dict(calls=60, need_24_7=True),
                            dict(calls=60), "24/7 bereikbaar: 'misschien' is geen ja of nee"]), kind="flags"),
    Cli("choose: need_24_7=waar", ["choose", "--scenario", "a:calls=60", "--scenario", "b:calls=60,need_24_7=waar",
                                   "--criterion", "regret"], check=_choose_24_7, kind="flags"),
    Cli("choose: a yes/no that is none", ["choose", "--scenario", "a:calls=60", "--scenario",
                                          "b:need_24_7=misschien"], refused="need_24_7: 'misschien' is not yes or no",
        kind="flags"),
    Cli("choose: a scenario named twice", ["choose", "--scenario", "a:calls=80", "--scenario", "a:calls=800"],
        refused="scenarios: 'a' is there twice", kind="flags"),
    Cli("choose: a field without a value", ["choose", "--scenario", "a:calls="],
        refused="--scenario 'a:calls=': calls has no value", kind="flags"),
    Cli("choose: a mistyped field", ["choose", "--scenario", "a:cals=80"],
        refused="'cals' is not a forecast field; did you mean calls?", kind="flags"),
    Cli("a mistyped command", ["bluk", "x.csv"], refused="'bluk' is not a command; did you mean 'bulk'?",
        kind="flags"),
    # months
    Cli("rate: a year mistyped (2126)", ["rate", "{d}/ev.csv", "--contracts", "{d}/ct.csv", "-o", "{d}/inv.csv"],
        {"ev.csv": EVENTS + "0042;2126-03-04T10:00:00;call;10;\n", "ct.csv": CONTRACTS},
        refused="the log runs from 2026-03 (row 2) to 2126-03 (row 5): 1,201 months", kind="months"),
    Cli("rate: the period given", ["rate", "{d}/ev.csv", "--contracts", "{d}/ct.csv", "-o", "{d}/inv.csv",
                                   "--period", "2026-03..2026-04", "--errors", "{d}/err.csv"],
        {"ev.csv": EVENTS + "0042;2126-03-04T10:00:00;call;10;\n", "ct.csv": CONTRACTS},
        check=lambda d, out: (_invoice_is_quote(d, out),
                              read_csv(d / "inv.csv")["month"].tolist() == ["2026-03", "2026-04"] or 1 / 0,
                              "buiten de periode 2026-03..2026-04" in read_csv(d / "err.csv")["reason"].iat[0]
                              or 1 / 0), kind="months"),
    Cli("rate: a period that is none", ["rate", "{d}/ev.csv", "--contracts", "{d}/ct.csv", "-o", "{d}/inv.csv",
                                        "--period", "2026-13..2027-01"], {"ev.csv": EVENTS, "ct.csv": CONTRACTS},
        refused="--period 2026-13..2027-01: period: '2026-13' is not a month", kind="months"),
    Cli("schedule: one month written two ways", ["schedule", "{d}/m.csv", "--json"],
        {"m.csv": "klant;maand;gesprekken\nA;2026-03;10\nA;maart 2026;20\n"},
        check=lambda d, out: "customer 'A': month 2026-03 is there more than once" in out or 1 / 0, kind="months"),
    # numbers and encodings
    Cli("bulk: decimal commas, cp1252", ["bulk", "{d}/in.csv", "-o", "{d}/out.csv"],
        {"in.csv": "Klant;Gesprekken;Gespreksduur;Trainingsuren\nCafé Ëlst;120;150,5;1,25\n".encode("cp1252")},
        check=_bulk_totals([dict(calls=120, call_seconds=Decimal("150.5"), training_hours=Decimal("1.25"))]),
        kind="numbers"),
    Cli("bulk: a 400-digit number", ["bulk", "{d}/in.csv", "-o", "{d}/out.csv"],
        {"in.csv": "klant,calls\nA," + "9" * 400 + "\nB,10\n"},
        check=_bulk_totals(["calls:", dict(calls=10)]), kind="numbers"),
    Cli("quote: a 400-digit number", ["quote", "--phone", "SMART", "--calls", "1" + "0" * 400],
        refused="has more than 40 digits", kind="numbers"),
    Cli("bulk: 1e30 calls", ["bulk", "{d}/in.csv", "-o", "{d}/out.csv"], {"in.csv": "klant,calls\nA,1e30\nB,10\n"},
        check=_bulk_totals(["calls:", dict(calls=10)]), kind="huge"),
    Cli("choose: weights beyond reason", ["choose", "--scenario", "a:calls=80", "--scenario", "b:calls=8",
                                          "--weights", "1e999999999,1"],
        refused="weights[1]: '1e999999999' is not a number >= 0, at most 1,000,000,000,000", kind="huge"),
    Cli("choose: 16 significant digits", ["choose", "--scenario", "a:calls=80", "--scenario", "b:calls=8",
                                          "--weights", "0.1234567890123456,1"],
        refused="of at most 15 significant digits", kind="huge"),
    # colliding and foreign outputs
    Cli("rate: two outputs on one file", ["rate", "{d}/ev.csv", "--contracts", "{d}/ct.csv", "-o", "{d}/X.csv",
                                          "--lines", "{d}/X.csv"], {"ev.csv": EVENTS, "ct.csv": CONTRACTS},
        refused="lines file: '{d}/X.csv' is also the invoices (-o)", kind="outputs"),
    Cli("rate: a workbook the user made", ["rate", "{d}/ev.csv", "--contracts", "{d}/ct.csv", "-o",
                                           "{d}/mybook.xlsx"],
        {"ev.csv": EVENTS, "ct.csv": CONTRACTS, "mybook.xlsx": b"PK\x03\x04 the user's own workbook"},
        refused="'{d}/mybook.xlsx' exists and answer-plan did not write it (or it was changed since); say --force",
        kind="outputs"),
    Cli("bulk: the input as output", ["bulk", "{d}/in.csv", "-o", "{d}/in.csv"], {"in.csv": "calls\n1\n"},
        refused="is an input of this run", kind="outputs"),
    Cli("lite: a user's own main.py", ["lite", "{d}/lite"], {"lite/main.py": "print('mine')\n"},
        refused="main.py: '{d}/lite/main.py' exists and answer-plan did not write it", kind="outputs"),
    Cli("workbook: a name that shadows a package", ["workbook", "{d}/xlwings.xlsm"],
        refused="'xlwings' is already a Python package", kind="outputs"),
    Cli("chart: not a picture", ["chart", "-o", "{d}/c.txt", "--calls", "10"],
        refused="a chart is written as a .png file", kind="outputs"),
    Cli("demo: a result the user edited in its folder", ["demo", "--out", "{d}/tour"],
        {"tour/schedules.csv": "my own notes\n"},
        refused="schedules.csv' exists and answer-plan did not write it", kind="outputs"),
    Cli("recommend: a mistyped plan", ["recommend", "--calls", "10", "--fix-phone", "SMRT"],
        refused="fix[phone]: 'SMRT' is not a plan", kind="flags"),
    Cli("tariff: a file that is no tariff", ["tariff", "--tariff", "{d}/t.toml"], {"t.toml": "[plans\n"},
        refused="t.toml: 1 problem(s) (not valid TOML", kind="numbers"),
    Cli("bulk: an XLSX with a chart sheet", ["bulk", "{d}/in.xlsx", "-o", "{d}/out.csv", "--sheet", "Grafiek"],
        {"in.xlsx": "CHARTSHEET"}, refused="'Grafiek' is a chart, not a sheet of cells", kind="outputs"),
]


def _chart_book(path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    sheet = wb.add_chartsheet("Grafiek")
    ws = wb.add_worksheet("Klanten")
    ws.write_row(0, 0, ["klant", "gesprekken"])
    ws.write_row(1, 0, ["A", 120])
    chart = wb.add_chart({"type": "line"})
    chart.add_series({"values": "=Klanten!$B$2:$B$2"})
    sheet.set_chart(chart)
    wb.close()


def _write(d: Path, files: dict[str, bytes | str]) -> None:
    for name, content in files.items():
        path = d / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content == "CHARTSHEET":
            _chart_book(path)
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode())


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.kind}: {c.name}")
def test_the_command_line(case: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path
    _write(d, case.files)
    outputs = [a.format(d=d) for a, prev in zip(case.argv, [None, *case.argv], strict=False)
               if prev in ("-o", "--lines", "--errors", "--evaluations")]
    for out in outputs:  # a previous output of ours, which a refused run must leave as it was
        if not Path(out).exists():
            with contextlib.suppress(OSError):
                from optimizer.files.outputs import Outputs

                with Outputs() as run:
                    run.add(out).tmp.write_bytes(BEFORE)
    before = snapshot(d)
    status, out, err = run_cli([a.format(d=d) for a in case.argv], capsys)
    assert not list(d.rglob(".*.partial")), "a temporary file was left behind"
    if case.refused:
        assert status == 2, (out, err)
        assert err.startswith("answer-plan: error: ") and err.count("\n") == 1, err
        assert case.refused.format(d=d) in err, err
        assert snapshot(d) == before, "a refused run changed a file"
        return
    assert status == 0, err
    assert case.check is not None
    case.check(d, out)


# ----------------------------------------------------------------------------- the Python API

def test_api_frames_are_read_as_files_are() -> None:
    out = recommend_many(pd.DataFrame({"Calls": [120], "Gespreksduur": [150], "24/7": ["waar"]}))
    assert out["total"].iat[0] == float(best(calls=120, call_seconds=150, need_24_7=True))
    assert list(out.columns[:3]) == ["Calls", "Gespreksduur", "24/7"]  # the user's columns, as they were
    out = recommend_many(pd.DataFrame({"gesprekken": [10, 10], "need_24_7": ["ja", "maybe"]}))
    assert out["error"].iat[0] == "" and out["error"].iat[1].startswith("need_24_7: 'maybe' is not yes or no")
    with pytest.raises(HeaderError, match="column 'gesprekke' looks like calls"):
        recommend_many(pd.DataFrame({"gesprekke": [1]}))
    with pytest.raises(HeaderError, match="no usage column recognised"):
        recommend_many(pd.DataFrame({"naam": ["x"]}))  # nothing to price: never a price of 0


def test_api_schedules_order_months_by_date() -> None:
    calls = [300, 300, 300] + [20] * 6 + [300] * 3
    frame = pd.DataFrame({"Klant": "A", "Maand": [f"2026-{m}" for m in range(1, 13)], "Gesprekken": calls})
    out = schedule_many(frame.iloc[::-1], max_changes=1)
    assert Decimal(f"{out['schedule_total'].iat[0]:.2f}") == schedule([Usage(calls=c) for c in calls],
                                                                         max_changes=1).total


def test_api_rate_refuses_what_it_cannot_price() -> None:
    events = pd.DataFrame({"klant": ["1", "1"], "begintijd": ["2026-03-02T10:00", "2026-03-02T11:00"],
                           "soort": ["call", "call"], "duur": [100, 100], "buitenland": ["ja", "maybe"]})
    r = rate(events, pd.DataFrame({"klant": ["1"], "telefoonplan": ["SMART"]}))
    assert r.events_used == 1 and "foreign: 'maybe' is not yes or no" in r.errors["reason"].iat[0]
    with pytest.raises(RatingError, match="customer '1' .row 1.: phone_plan: 'GOUD' is not a plan"):
        rate(events, pd.DataFrame({"klant": ["1"], "telefoonplan": ["GOUD"]}))
    with pytest.raises(RatingError, match="2126-03 .row 2."):
        rate(events.assign(begintijd=["2026-03-02T10:00", "2126-03-02T10:00"], buitenland="nee"),
             pd.DataFrame({"klant": ["1"], "telefoonplan": ["SMART"]}))


@pytest.mark.parametrize("weights, message", [([1e308, 1e308], "is not a number >= 0, at most"),
                                              ([float("inf"), 1], "is not a number"), ([-1, 1], "is not a number"),
                                              (["1e999", 1], "at most"), ([0, 0], "not all 0"), ([1], "1 given for 2")])
def test_api_choose_weights_are_bounded(weights: list[Any], message: str) -> None:
    with pytest.raises(SelectionError, match=message):
        choose([Usage(calls=1), Usage(calls=2)], weights=weights)


def test_api_choose_names_are_names() -> None:
    with pytest.raises(SelectionError, match="'a' is there twice"):
        choose([("a", Usage(calls=1)), ("a", Usage(calls=2))])
    c = choose([("a", Usage(calls=60)), ("b", Usage(calls=60, need_24_7=True))], criterion="regret")
    assert (c.phone, c.value) == ("PLUS", Decimal("74.65"))  # PRICING.md rule 30's example


# ----------------------------------------------------------------------------- Excel's table functions

def test_excel_tables() -> None:
    got = udfs.ANSWER_COST_TABLE("SMART", [["Gesprekken", "24/7"], [120, "ONWAAR"], [None, None], [None, None]])
    assert got == [[float(quote(Usage(calls=120), phone="SMART").total)], [""], [""]]  # blank rows stay blank
    got = udfs.ANSWER_BEST_TABLE([["gesprekken", "24/7"], [60, "waar"], [60, "misschien"]])
    assert got[0] == ["PLUS", "none", float(best(calls=60, need_24_7=True))]
    assert got[1][0].startswith("need_24_7: 'misschien' is not yes or no")
    assert udfs.ANSWER_COST_TABLE("SMART", [["gesprekke"], [1]]).startswith("table: column 'gesprekke' looks like")
    assert udfs.ANSWER_BEST_TABLE([["calls", "seconds"], [1, 2]]).startswith(
        "table: column 'seconds' is seconds in a contact log")
    assert udfs.ANSWER_CHOOSE([[1], [2]], 0, 0, None, [[1e308], [1]]).startswith("weights[1]:")
    assert udfs.ANSWER_COST_TABLE("SMART", [["calls"], ["1.000"], [2]])[0][0].startswith(
        "calls: '1.000' is not a number that reads one way only")


# ----------------------------------------------------------------------------- a full disk

@contextlib.contextmanager
def small_disk(folder: Path, kb: int) -> Iterator[Callable[[list[str]], subprocess.CompletedProcess[str]]]:
    """A file system of `kb` KiB at `folder` (a tmpfs), and a way to run the command line on it;
    where mounting is not allowed, a process whose files may not grow beyond `kb` KiB instead."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kb}k", "tmpfs", str(folder)],
                             capture_output=True).returncode == 0

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (kb * 1024, kb * 1024))

    def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "answer_plan_cli", *argv], capture_output=True, text=True,
                              preexec_fn=None if mounted else limit, timeout=300)
    try:
        yield run
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], capture_output=True)


@pytest.mark.parametrize("argv, target", [
    (["bulk", "{src}/big.csv", "-o", "{d}/out.csv"], "out.csv"),
    (["bulk", "{src}/big.csv", "-o", "{d}/out.xlsx"], "out.xlsx"),
    (["rate", "{src}/ev.csv", "--contracts", "{src}/ct.csv", "-o", "{d}/inv.csv", "--lines", "{d}/lines.csv"],
     "inv.csv, {d}/lines.csv"),
    (["workbook", "{d}/wb.xlsm"], "wb.xlsm"),
])
def test_a_full_disk_leaves_every_file_as_it_was(tmp_path: Path, argv: list[str], target: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    n = 5000
    pd.DataFrame({"klant": [f"K{i}" for i in range(n)], "gesprekken": np.arange(n), "chats": 3}).to_csv(
        src / "big.csv", index=False)
    events = pd.DataFrame({"klant": "0042", "begintijd": pd.date_range("2026-01-01", periods=20_000, freq="15min")
                           .strftime("%Y-%m-%dT%H:%M:%S"), "soort": "call", "duur": 100})
    events.to_csv(src / "ev.csv", index=False)
    pd.DataFrame({"klant": [f"{i:04d}" for i in range(40, 600)], "telefoonplan": "SMART"}).to_csv(
        src / "ct.csv", index=False)
    d = tmp_path / "disk"
    with small_disk(d, 16) as run:
        done = run([a.format(src=src, d=d) for a in argv])
        left = sorted(p.name for p in d.iterdir())
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "the disk is full" in done.stderr and "nothing was written" in done.stderr
    assert f"{d}/{target.format(d=d)}" in done.stderr  # the target named, never a temporary file
    assert ".partial" not in done.stderr and left == []


# ----------------------------------------------------------------------------- an interrupt

@pytest.mark.slow
@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_rate_leaves_the_previous_set(tmp_path: Path, signum: int, status: int) -> None:
    n = 3_000_000
    rng = np.random.default_rng(1)
    start = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 365 * 86400, n), unit="s")
    pd.DataFrame({"customer": rng.integers(1, 500, n).astype(str), "start": start.strftime("%Y-%m-%dT%H:%M:%S"),
                  "kind": "call", "seconds": rng.integers(1, 600, n)}).to_csv(tmp_path / "ev.csv", index=False)
    pd.DataFrame({"customer": [str(i) for i in range(1, 500)], "phone_plan": "SMART"}).to_csv(
        tmp_path / "ct.csv", index=False)
    for name in ("inv.csv", "lines.csv"):  # the previous set, of a run of ours
        from optimizer.files.outputs import Outputs

        with Outputs() as run:
            run.add(tmp_path / name).tmp.write_bytes(BEFORE)
    before = snapshot(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "answer_plan_cli", "rate", str(tmp_path / "ev.csv"),
                             "--contracts", str(tmp_path / "ct.csv"), "-o", str(tmp_path / "inv.csv"),
                             "--lines", str(tmp_path / "lines.csv")], stderr=subprocess.PIPE, text=True,
                            env={**os.environ})
    _wait_reading(proc, (tmp_path / "ev.csv").stat().st_size)
    os.kill(proc.pid, signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert err.strip() == "answer-plan: error: interrupted; nothing was written"
    assert snapshot(tmp_path) == before and not list(tmp_path.glob(".*.partial"))


def _wait_reading(proc: subprocess.Popen[str], size: int) -> None:
    """Until the process is half-way through reading the log, told by the bytes it has read
    (/proc/PID/io: its first pass, the encoding and quote scan, reads the log once; the second
    reads the rows), not by the clock."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(OSError):
            read = int(next(line for line in Path(f"/proc/{proc.pid}/io").read_text().splitlines()
                            if line.startswith("rchar:")).split()[1])
            if read > 1.3 * size:
                return
        time.sleep(0.005)
    raise AssertionError("the run ended before it could be interrupted")


def test_every_way_in_is_in_the_matrix() -> None:
    from answer_plan_cli.parser import build_parser

    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert commands == {c.argv[0] for c in CASES} - {"bluk"} | {"quote", "tariff"} - set() or \
        commands <= {c.argv[0] for c in CASES}
    assert {c.kind for c in CASES} == {"headers", "flags", "months", "numbers", "huge", "outputs"}

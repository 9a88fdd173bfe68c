"""What a hostile round found in rate's files and command line (issue 18's session): a row that
breaks the table named with its line, a quote never closed with the line it opens on, a log or a
contracts file with only its header refused, a wrong --encoding said in one short line, a mistyped
flag answered with the one meant, and no abort when the process ends right after Arrow failed to
open a file (a Python callback released in Arrow's own threads used to end it with "terminate
called without an active exception")."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from answer_plan_cli.main import main

CONTRACTS = "customer,phone_plan,chat_plan,agreed_aht\nC1,BASIC,,0\n"


def run(capsys, *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().err


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "c.csv").write_text(CONTRACTS)
    rows = ["customer,start,kind,seconds"] + [f"C1,2026-01-01T10:00:00Z,call,{k}" for k in range(250_000)]
    ragged = list(rows)
    ragged[200_000] += ",5"  # line 200,001
    (tmp_path / "ragged.csv").write_text("\n".join(ragged) + "\n")
    quoted = list(rows[:1000])
    quoted[700] = '"' + quoted[700]  # line 701
    (tmp_path / "quote.csv").write_text("\n".join(quoted) + "\n")
    (tmp_path / "header.csv").write_text(rows[0] + "\n")
    (tmp_path / "c_header.csv").write_text(CONTRACTS.splitlines()[0] + "\n")
    (tmp_path / "ok.csv").write_text("\n".join(rows[:50]) + "\n")
    return tmp_path


@pytest.mark.parametrize("lang, want", [
    ("en", "ragged.csv: a row (line 200,001) has 5 cells where the header has 4: the file is not one table"),
    ("nl", "ragged.csv: een rij (regel 200.001) heeft 5 cellen waar de kopregel er 4 heeft: het bestand is niet één "
           "tabel"),
])
def test_a_ragged_row_is_named_with_its_line(capsys, files, lang, want):
    status, err = run(capsys, "--lang", lang, "rate", str(files / "ragged.csv"), "--contracts", str(files / "c.csv"),
                      "-o", str(files / "out.csv"))
    assert status == 2 and want in err and err.count("\n") == 1
    assert not (files / "out.csv").exists()


def test_a_quote_never_closed_is_named_with_the_line_it_opens_on(capsys, files):
    status, err = run(capsys, "rate", str(files / "quote.csv"), "--contracts", str(files / "c.csv"), "-o",
                      str(files / "out.csv"))
    assert status == 2 and 'a quote (") is opened on line 701 and never closed' in err
    status, err = run(capsys, "--lang", "nl", "bulk", str(files / "quote.csv"), "-o", str(files / "out.csv"))
    assert status == 2 and "wordt geopend op regel 701 en nooit gesloten" in err


def test_a_log_or_contracts_with_only_a_header_is_refused(capsys, files):
    status, err = run(capsys, "rate", str(files / "header.csv"), "--contracts", str(files / "c.csv"), "-o",
                      str(files / "out.csv"))
    assert status == 2 and "header.csv has no contacts (only its header); say --period FROM..TO" in err
    status, err = run(capsys, "--lang", "nl", "rate", str(files / "ok.csv"), "--contracts",
                      str(files / "c_header.csv"), "-o", str(files / "out.csv"))
    assert status == 2 and "contracten: " in err and "c_header.csv bevat geen klanten (alleen de kopregel)" in err
    assert not (files / "out.csv").exists()
    status, _ = run(capsys, "rate", str(files / "header.csv"), "--contracts", str(files / "c.csv"), "-o",
                    str(files / "out.csv"), "--period", "2026-01..2026-02")  # the fees of the months said
    assert status == 0 and len((files / "out.csv").read_text().splitlines()) == 3


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_wrong_encoding_is_one_short_line(capsys, files, encoding):
    status, err = run(capsys, "rate", str(files / "ok.csv"), "--contracts", str(files / "c.csv"), "-o",
                      str(files / "out.csv"), "--encoding", encoding)
    assert status == 2 and err.count("\n") == 1 and len(err) < 400, err
    assert "internal error" not in err


@pytest.mark.parametrize("argv, want", [
    (["rate", "e.csv", "-o", "x.csv", "--contrcts", "c.csv"],
     "the following arguments are required: --contracts (--contrcts is not an option; did you mean --contracts?) "
     "(see answer-plan rate --help)"),
    (["bulk", "in.csv", "--ouptut", "out.csv"], "(--ouptut is not an option; did you mean --output?)"),
    (["bulk", "in.csv", "-o", "out.csv", "\u2014force"], "unrecognized arguments: \u2014force; did you mean --force?"),
    (["--versoin"], "(--versoin is not an option; did you mean --version?)"),
    (["--lang", "nl", "bulk", "in.csv", "--outptu=out.csv"], "(--outptu is geen optie; bedoelde u --output?)"),
])
def test_a_mistyped_flag_is_answered_with_the_one_meant(capsys, argv, want):
    status, err = run(capsys, *argv)
    assert status == 2 and want in err and err.count("\n") == 1


def test_lang_in_capitals(capsys):
    assert main(["--lang", "NL", "quote", "--phone", "SMART", "--calls", "10"]) == 0
    assert "Offerte" in capsys.readouterr().out


def test_no_abort_when_the_process_ends_right_after_arrow_failed_to_open_a_file(files):
    """Quick exits after Arrow refused a file (a ragged first block, a log of only its header):
    each ends with status 2 and one line, never SIGABRT (134) or a C++ message."""
    for name in ("ragged_small.csv", "header.csv") * 6:
        if name == "ragged_small.csv" and not (files / name).exists():
            (files / name).write_text("customer,start,kind,seconds\nC1,2026-01-01T10:00:00Z,call,10,5\n")
        done = subprocess.run([sys.executable, "-m", "answer_plan_cli", "--lang", "nl", "rate", str(files / name),
                               "--contracts", str(files / "c.csv"), "-o", str(files / "out.csv")],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and "terminate" not in done.stderr


def test_a_byte_the_given_encoding_cannot_read_is_named_by_line(capsys, files):
    data = ("customer,start,kind,seconds\n" + "".join(f"C1,2026-01-01T10:00:00Z,call,{k}\n" for k in range(200_000))
            ).encode()
    at = data.find(b"call,150000\n")
    (files / "bad.csv").write_bytes(data[:at] + b"c\xe9ll" + data[at + 4:])  # cp1252's e-acute on line 150,002
    status, err = run(capsys, "rate", str(files / "bad.csv"), "--contracts", str(files / "c.csv"), "-o",
                      str(files / "out.csv"), "--encoding", "utf-8")
    assert status == 2 and f"not readable as utf-8 from line 150,002 (byte {at + 1:,})" in err
    status, err = run(capsys, "--lang", "nl", "rate", str(files / "bad.csv"), "--contracts", str(files / "c.csv"),
                      "-o", str(files / "out.csv"), "--encoding", "utf-8")
    assert status == 2 and "niet te lezen als utf-8 vanaf regel 150.002" in err


def test_small_chunks_and_a_blank_line_rate_as_the_default_does(tmp_path):
    """--chunk-rows smaller than Arrow's blocks slices the columns (an offset inside their buffers):
    the times are read from the slice's own cells (a slice's offset once read as bytes crashed)."""
    from optimizer.jobs.rate import rate_files
    from optimizer.pricing.tariff import load_tariff
    from optimizer.reading.fields import ReadOptions

    rows = [f"C{k % 7},2026-0{1 + k % 3}-0{1 + k % 9}T1{k % 10}:00:00{'Z' if k % 2 else ''},"
            f"{'call' if k % 3 else 'chat'},{k % 400}.5" for k in range(3000)]
    (tmp_path / "log.csv").write_text("customer,start,kind,seconds\n" + "\n".join(rows[:1000]) + "\n\n"
                                      + "\n".join(rows[1000:]) + "\n")
    (tmp_path / "c.csv").write_text("customer,phone_plan,chat_plan,agreed_aht\n"
                                    + "".join(f"C{k},SMART,SMART,200\n" for k in range(7)))
    t = load_tariff()
    whole = rate_files(tmp_path / "log.csv", tmp_path / "c.csv", tmp_path / "a.csv", tariff=t)
    for step in (1, 3, 50, 333):
        small = rate_files(tmp_path / "log.csv", tmp_path / "c.csv", tmp_path / f"b{step}.csv", tariff=t,
                           options=ReadOptions(chunk_rows=step))
        pd.testing.assert_frame_equal(small.invoices, whole.invoices)
        assert small.events_used == whole.events_used == 3000


def test_a_frame_of_pandas_arrow_strings_in_chunks_rates_as_one_of_objects():
    import pyarrow as pa

    from optimizer import rate

    log = pd.DataFrame({"customer": ["a", "b"] * 4, "start": ["2026-01-05T10:00:00", "2026-02-05T10:00:00Z"] * 4,
                        "kind": ["call", "chat", "gesprek", "chat"] * 2, "seconds": [100, 200, 300, 400] * 2})
    chunked = log.copy()
    for c in ("customer", "start", "kind"):
        chunked[c] = pd.arrays.ArrowStringArray(pa.chunked_array([log[c][:3].tolist(), log[c][3:].tolist()]))
    c = pd.DataFrame({"customer": ["a", "b"], "phone_plan": ["SMART", "PLUS"], "chat_plan": ["SMART", "SMART"],
                      "agreed_aht": [200, 180]})
    pd.testing.assert_frame_equal(rate(chunked, c).invoices, rate(log.astype(object), c).invoices)


def test_more_invoices_than_a_run_makes_are_refused(tmp_path, monkeypatch):
    """Every customer is invoiced for every month: a period of centuries, or a million contracts
    over a year, is refused with the count (MAX_INVOICES), not a run out of memory; with a period,
    as soon as the contracts are read."""
    from optimizer.decisions import rating
    from optimizer.ground.errors import RatingError
    from optimizer.jobs.rate import rate_files
    from optimizer.pricing.tariff import load_tariff

    monkeypatch.setattr(rating, "MAX_INVOICES", 100)
    (tmp_path / "c.csv").write_text("customer,phone_plan\n" + "".join(f"C{k},SMART\n" for k in range(10)))
    (tmp_path / "log.csv").write_text("customer,start,kind,seconds\nC1,2026-01-05T10:00:00,call,5\n")
    with pytest.raises(RatingError, match=r"10 customers x 11 months is 110 invoices, over the 100 one run makes"):
        rate_files(tmp_path / "log.csv", tmp_path / "c.csv", tmp_path / "inv.csv", tariff=load_tariff(),
                   period="2026-01..2026-11")
    (tmp_path / "log.csv").write_text("customer,start,kind,seconds\nC1,2026-01-05T10:00:00,call,5\n"
                                      "C1,2026-11-05T10:00:00,call,5\n")
    with pytest.raises(RatingError, match=r"110 invoices"):  # without a period: once the log's months are known
        rate_files(tmp_path / "log.csv", tmp_path / "c.csv", tmp_path / "inv.csv", tariff=load_tariff())
    assert not (tmp_path / "inv.csv").exists()


def test_a_refused_rows_seconds_are_shown_as_the_file_wrote_them(capsys, tmp_path):
    """A Dutch log's refused row shows its seconds as written (1,5 and 1.234,5, not the parsed 1.5
    and 1234.5); a blank cell, also a Parquet null, stays blank (never <NA>)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "c.csv").write_text("klant;plan_telefoon;plan_chat;afgesproken_aht\nC1;SMART;BASIC;180\n")
    (tmp_path / "log.csv").write_text("klant;begintijd;soort;duur\nC2;2026-03-02T10:00:00;gesprek;1,5\n"
                                      "C1;2026-03-02T10:00:00;bellen;1.234,5\nC2;2026-03-02T10:00:00;chat;\n"
                                      "C1;2026-03-02T10:00:00;gesprek;7\n")
    status, err = run(capsys, "rate", str(tmp_path / "log.csv"), "--contracts", str(tmp_path / "c.csv"), "-o",
                      str(tmp_path / "inv.csv"), "--errors", str(tmp_path / "err.csv"))
    assert status == 0, err
    refused = pd.read_csv(tmp_path / "err.csv", sep=";", dtype=str, keep_default_na=False)
    assert refused["seconden"].tolist() == ["1,5", "1.234,5", ""]
    pq.write_table(pa.table({"customer": pa.array(["C1", "x", "x", None]).dictionary_encode(),  # categories
                             "start": ["2026-01-05T10:00:00"] * 4, "kind": pa.array(["call"] * 4).dictionary_encode(),
                             "seconds": pa.array(["100", None, "2.5", "1"], pa.string())}), tmp_path / "log.parquet")
    (tmp_path / "c.csv").write_text(CONTRACTS)
    status, err = run(capsys, "rate", str(tmp_path / "log.parquet"), "--contracts", str(tmp_path / "c.csv"), "-o",
                      str(tmp_path / "inv.csv"), "--errors", str(tmp_path / "err.csv"), "--force")
    assert status == 0, err
    refused = pd.read_csv(tmp_path / "err.csv", dtype=str, keep_default_na=False)
    assert refused["customer"].tolist() == ["x", "x", ""] and refused["seconds"].tolist() == ["", "2.5", "1"]
    # text seconds as categories (pandas' category column): as written too, a null blank
    seconds = pa.array(["12.50", None, "25.0"]).dictionary_encode()
    pq.write_table(pa.table({"customer": ["x", "x", "x"], "start": ["2026-01-05T10:00:00"] * 3, "kind": ["call"] * 3,
                             "seconds": seconds}), tmp_path / "log.parquet")
    status, err = run(capsys, "rate", str(tmp_path / "log.parquet"), "--contracts", str(tmp_path / "c.csv"), "-o",
                      str(tmp_path / "inv.csv"), "--errors", str(tmp_path / "err.csv"), "--force")
    assert status == 0, err
    refused = pd.read_csv(tmp_path / "err.csv", dtype=str, keep_default_na=False)
    assert refused["seconds"].tolist() == ["12.50", "", "25.0"]


def test_a_chunk_whose_times_are_all_blank_is_refused_row_by_row(capsys, tmp_path):
    """A chunk (or a slice of one, --chunk-rows) whose times are all blank or spaces has a time column
    of no bytes at all: its rows are refused with their reason, the others rated (was an IndexError)."""
    (tmp_path / "c.csv").write_text(CONTRACTS)
    (tmp_path / "log.csv").write_text("customer,start,kind,seconds\nC1,2026-01-05T10:00:00,call,60\n"
                                      "C1,,call,60\nC1,   ,call,60\nC1,2026-01-06T10:00:00,call,60\n")
    for rows in ("1", "2", "100000"):
        status, err = run(capsys, "rate", str(tmp_path / "log.csv"), "--contracts", str(tmp_path / "c.csv"), "-o",
                          str(tmp_path / "inv.csv"), "--errors", str(tmp_path / "err.csv"), "--chunk-rows", rows,
                          "--force")
        assert status == 0, err
        refused = pd.read_csv(tmp_path / "err.csv", dtype=str, keep_default_na=False)
        assert refused["row"].tolist() == ["3", "4"], rows
        assert all(r.startswith("start: ") and "is not a time" in r for r in refused["reason"]), rows

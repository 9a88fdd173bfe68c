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

"""The hostile-input corpus (tests/files/corpus.py) through the command line, end to end: each
case prices right (every total equal to the cheapest for what its row means, compared with the
Decimal engine) or stops with exit 2 and one line; the output file is then either complete and
right, or exactly what was there before; no temporary file is left behind."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from answer_plan_cli import main
from optimizer import Usage, load_tariff
from optimizer.decisions.search import price_all
from optimizer.ground.words import message
from tests.files.corpus import Case, cases, write

BEFORE = b"the previous output, which must survive a refused run\n"
T = load_tariff()


def read_output(path, kind: str, prefix: str = "") -> pd.DataFrame:
    """The output as the project reads its own files back (a Dutch file's result columns under the
    names Python uses); `dutch` tells whether the file was written in Dutch."""
    from optimizer.files.tables import read_results

    frame = read_results(path, prefix=prefix)
    frame.attrs["dutch"] = kind != ".xlsx" and "fout" in path.read_bytes()[:65536].decode("utf-8-sig", "replace")
    return frame


@pytest.mark.slow
@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_case(case: Case, tmp_path, capsys):
    write(case, tmp_path)
    out = tmp_path / case.output
    if out.suffix == ".csv":
        out.write_bytes(BEFORE)
    # --force: the previous output is the user's; a refused run must leave it as it was all the same
    status = main(["bulk", str(tmp_path / case.source), "-o", str(out), "--force", *case.args])
    stdout, stderr = capsys.readouterr()
    assert not list(tmp_path.glob(".*.partial")), "a temporary file was left behind"
    if case.refused:
        assert status == 2, (stdout, stderr)
        assert stderr.startswith("answer-plan: error: ") and stderr.count("\n") == 1, stderr
        assert case.refused in stderr, stderr
        assert out.read_bytes() == BEFORE or (out.suffix != ".csv" and not out.exists())
        return
    assert status == 0, stderr
    prefix = "new_" if "--prefix" in case.args else ""
    frame = read_output(out, out.suffix, prefix)
    assert len(frame) == len(case.rows), frame
    for i, want in enumerate(case.rows):
        row = frame.iloc[i]
        if isinstance(want, str):
            said = message(want, "nl") if frame.attrs["dutch"] else want  # a Dutch file says it in Dutch
            assert said in row[prefix + "error"], (i, said, row.to_dict())
            assert row[prefix + "total"] == ""
            continue
        assert row[prefix + "error"] == "", (i, row.to_dict())
        best = price_all(T, Usage(**{k: Decimal(v) if isinstance(v, str) else v for k, v in want.items()}))[0]
        got = Decimal(row[prefix + "total"].replace(",", "."))
        assert got == best.total, (i, row.to_dict(), best.total)
        assert (row[prefix + "phone_plan"] or None, row[prefix + "chat_plan"] or None) == (best.phone, best.chat)


def test_outputs_open_safely_in_a_spreadsheet(tmp_path, capsys):
    """No text cell of the output starts, after any whitespace, with = + - @ (plain numbers
    aside), and fields with separators, quotes or line breaks are quoted: read back, every row
    is the row it was."""
    case = next(c for c in cases() if c.name == "formula-like names neutralised")
    write(case, tmp_path)
    assert main(["bulk", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv")]) == 0
    capsys.readouterr()
    frame = read_output(tmp_path / "out.csv", ".csv")
    assert frame["name"].tolist() == ["'=HYPERLINK(\"x\")", "'\u00a0=1+1", "a;=b", "'\r=c"]
    assert frame["calls"].tolist() == ["1", "2", "3", "4"]

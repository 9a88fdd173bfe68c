"""Writing: neutralised text, the dialect's numbers, atomic replacement, workbooks users edited."""
import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.files.dialect import Dialect
from optimizer.files.read import FileError
from optimizer.files.write import (
    OutputColumn,
    Writer,
    _as_text,
    _unique,
    atomic_target,
    money_text,
    neutralise,
    neutralise_array,
)

RISKY = ["=1+1", "+31 20 123", "@SUM(A1)", "-", "\tx", "\rx", "\nx", " =x", "\u00a0=x", "\u3000@x", "\u2007-x",
         "\u0085=x", "\u2028=x", "\x0b=x", "\ufeff=x", "\u200b=x"]
SAFE = ["plain", "-5", "+3.5", "-1.5e3", "1,5", " 12 ", "a=b", ""]


@pytest.mark.parametrize("text", RISKY)
def test_risky_text_is_neutralised_the_same_in_both_implementations(text):
    assert neutralise(text) == "'" + text
    assert neutralise_array(pa.array([text])).to_pylist() == ["'" + text]


@pytest.mark.parametrize("text", SAFE)
def test_safe_text_stays(text):
    assert neutralise(text) == text
    assert neutralise_array(pa.array([text])).to_pylist() == [text]


def test_numbers_in_the_dialect():
    assert money_text(np.array([583.59, -8.97, np.nan, 0.0]), ",").to_pylist() == ["583,59", "-8,97", None, "0,00"]
    assert _as_text([150.5, 1e20, 2.0, True, None], ",").to_pylist() == ["150,5", "1e+20", "2", "ja", None]
    assert _as_text([1.5e-5, False], ".").to_pylist() == ["0.000015", "no"]
    assert _unique(["a", "a", "b", "a"]) == ["a", "a (2)", "b", "a (3)"]


def test_atomic_target_keeps_the_previous_file_on_failure(tmp_path: Path):
    target = tmp_path / "out.csv"
    target.write_text("before")
    with pytest.raises(RuntimeError), atomic_target(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("boom")
    assert target.read_text() == "before" and not list(tmp_path.glob(".*partial"))
    with atomic_target(target) as tmp:
        tmp.write_text("after")
    assert target.read_text() == "after"


def test_the_input_is_never_the_output(tmp_path: Path):
    source = tmp_path / "in.csv"
    source.write_text("calls\n1\n")
    link = tmp_path / "link.csv"
    os.link(source, link)
    for target in (source, link):
        with pytest.raises(FileError, match="is the input file"), atomic_target(target, inputs=(source,)):
            pass
    assert source.read_text() == "calls\n1\n"


def test_a_workbook_answer_plan_did_not_write_needs_force(tmp_path: Path):
    mine = tmp_path / "mine.xlsx"
    w = Writer(mine, "xlsx", Dialect())
    w.write(["a"], [["x"]], [OutputColumn("total", np.array([1.0]), "money")])
    w.close()
    with atomic_target(mine, force=False) as tmp:  # ours: replaced without --force
        tmp.write_bytes(mine.read_bytes())
    import openpyxl

    book = openpyxl.Workbook()
    theirs = tmp_path / "theirs.xlsx"
    book.save(theirs)
    with pytest.raises(FileError, match="did not write"), atomic_target(theirs, force=False):
        pass
    with atomic_target(theirs, force=True) as tmp:
        tmp.write_bytes(b"x")


def test_every_unicode_space_before_a_formula_is_seen_in_both_implementations():
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    texts = [sp + "=x" for sp in spaces] + [sp + sp + "-x" for sp in spaces] + ["ok"]
    assert neutralise_array(pa.array(texts)).to_pylist() == [neutralise(x) for x in texts]
    assert all(x.startswith("'") for x in neutralise_array(pa.array(texts[:-1])).to_pylist())


CHARS = list("=+-@ \t\r\n\x0b\x1c\x85\u00a0\u2007\u2028\u3000\u200b\ufeffab1.,e")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(CHARS), max_size=6), min_size=1, max_size=20))
def test_both_implementations_agree_on_any_text(texts):
    assert neutralise_array(pa.array(texts)).to_pylist() == [neutralise(x) for x in texts]


def test_slices_chunks_and_large_strings_are_read_from_the_right_bytes():
    texts = ["a", "=1", "", None, " -x", "-5", "\u00a0@y", "b"] * 3
    want = [neutralise(x) if x is not None else None for x in texts]
    whole = pa.array(texts)
    assert neutralise_array(whole.slice(3, 10)).to_pylist() == want[3:13]
    assert neutralise_array(pa.chunked_array([texts[:5], texts[5:]])).to_pylist() == want
    assert neutralise_array(pa.array(texts, pa.large_string()).slice(1)).to_pylist() == want[1:]

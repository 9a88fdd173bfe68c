"""Writing: neutralised text, the dialect's numbers, atomic replacement, workbooks users edited."""
import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.files.dialect import Dialect
from optimizer.files.outputs import Outputs
from optimizer.files.read import FileError
from optimizer.files.write import (
    OutputColumn,
    Writer,
    _as_text,
    _unique,
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


def test_the_set_keeps_every_previous_file_on_failure(tmp_path: Path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("a before")
    b.write_text("b before")
    with pytest.raises(RuntimeError), Outputs(force=True) as run:
        run.add(a).tmp.write_text("a after")
        run.add(b).tmp.write_text("half")
        raise RuntimeError("boom")
    assert (a.read_text(), b.read_text()) == ("a before", "b before") and not list(tmp_path.glob(".*partial"))
    with Outputs(force=True) as run:
        run.add(a).tmp.write_text("a after")
        run.add(b).tmp.write_text("b after")
    assert (a.read_text(), b.read_text()) == ("a after", "b after")


def test_a_failed_rename_puts_back_the_files_already_replaced(tmp_path: Path, monkeypatch):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("a before")
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if str(dst) == str(b):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(FileError, match="the disk is full"), Outputs(force=True) as run:
        run.add(a).tmp.write_text("a after")
        run.add(b).tmp.write_text("b after")
    monkeypatch.setattr(os, "replace", real)
    assert a.read_text() == "a before" and not b.exists() and not list(tmp_path.glob(".*partial"))


def test_two_outputs_on_one_path_are_refused(tmp_path: Path):
    target = tmp_path / "x.csv"
    with pytest.raises(FileError, match="is also the invoices"), Outputs() as run:
        run.add(target, what="invoices")
        run.add(tmp_path / "." / "x.csv", what="lines")
    target.write_text("mine")
    os.link(target, tmp_path / "y.csv")
    with pytest.raises(FileError, match="is also the"), Outputs(force=True) as run:
        run.add(target)
        run.add(tmp_path / "y.csv")
    assert target.read_text() == "mine"


def test_the_input_is_never_the_output(tmp_path: Path):
    source = tmp_path / "in.csv"
    source.write_text("calls\n1\n")
    link = tmp_path / "link.csv"
    os.link(source, link)
    for target in (source, link):
        with pytest.raises(FileError, match="is an input of this run"), Outputs(inputs=(source,), force=True) as run:
            run.add(target)
    assert source.read_text() == "calls\n1\n"


def test_a_file_answer_plan_did_not_write_needs_force(tmp_path: Path):
    mine = tmp_path / "mine.xlsx"
    with Outputs() as run:
        w = Writer(run.add(mine).tmp, "xlsx", Dialect())
        w.write(["a"], [["x"]], [OutputColumn("total", np.array([1.0]), "money")])
        w.close()
    with Outputs() as run:  # ours, unchanged: replaced without --force
        run.add(mine).tmp.write_bytes(b"new")
    assert mine.read_bytes() == b"new"
    import openpyxl

    theirs = tmp_path / "theirs.xlsx"
    openpyxl.Workbook().save(theirs)
    before = theirs.read_bytes()
    with pytest.raises(FileError, match="did not write it"), Outputs() as run:
        run.add(theirs)
    with pytest.raises(RuntimeError), Outputs(force=True) as run:  # --force never destroys it when the new one fails
        run.add(theirs).tmp.write_bytes(b"half")
        raise RuntimeError("boom")
    assert theirs.read_bytes() == before
    with Outputs(force=True) as run:
        run.add(theirs).tmp.write_bytes(b"x")
    assert theirs.read_bytes() == b"x"


def test_a_result_edited_since_is_told_by_its_content(tmp_path: Path):
    out = tmp_path / "advies.csv"
    with Outputs() as run:
        run.add(out).tmp.write_text("a,b\n1,2\n")
    os.utime(out, ns=(1, 1))  # touched (or copied back): the same content is still ours
    with Outputs() as run:
        run.add(out).tmp.write_text("a,b\n1,2\n")
    out.write_text("a,b\n1,3\n")  # edited, by hand or in Excel: not ours any more
    with pytest.raises(FileError, match="changed since"), Outputs() as run:
        run.add(out)
    assert out.read_text() == "a,b\n1,3\n"


def test_a_foreign_file_with_the_same_content_may_be_replaced(tmp_path: Path):
    main_py = tmp_path / "main.py"
    main_py.write_text("print('mine')\n")
    with pytest.raises(FileError, match="did not write it"), Outputs() as run:
        run.add(main_py, same_ok=True).tmp.write_text("print('ours')\n")
    assert main_py.read_text() == "print('mine')\n"
    with Outputs() as run:
        run.add(main_py, same_ok=True).tmp.write_text("print('mine')\n")
    assert main_py.read_text() == "print('mine')\n"


def test_a_folder_or_no_name_is_no_output(tmp_path: Path):
    with pytest.raises(FileError, match="is a folder"), Outputs() as run:
        run.add(tmp_path)


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


def test_a_signal_during_the_renames_waits_until_the_set_is_whole(tmp_path: Path, monkeypatch):
    """Ctrl-C while the files are renamed into place, with other threads alive (the readers' and
    writers' threads of a real run take a signal blocked in the main thread only): every file is
    the new one, the ledger knows them, and the interrupt comes right after."""
    import os
    import signal
    import threading

    from optimizer.files import outputs as outputs_module

    targets = [tmp_path / f"doc{k}.pdf" for k in range(20)]
    for t in targets:
        t.write_bytes(b"old")
    idle = threading.Event()
    worker = threading.Thread(target=idle.wait, daemon=True)
    worker.start()  # a thread that does not block the signal, as a pool's would not
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGINT)  # in the middle of the renames
        return real_replace(src, dst)

    monkeypatch.setattr(outputs_module.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt), Outputs(force=True) as run:
        for t in targets:
            run.add(t, what="document").tmp.write_bytes(b"new")
    idle.set()
    assert [t.read_bytes() for t in targets] == [b"new"] * len(targets)
    assert all(Outputs().ledger.ours(t) for t in targets)  # recorded before the interrupt came
    assert not list(tmp_path.glob(".*partial"))


def test_folders_made_for_outputs_go_again_when_nothing_is_written(tmp_path: Path):
    """A run that fails leaves no empty folder it made for its outputs; a folder that was there, or
    that something else put a file in meanwhile, stays."""
    (tmp_path / "kept").mkdir()
    with pytest.raises(RuntimeError), Outputs() as run:
        run.add(tmp_path / "new" / "deep" / "a.csv")
        run.add(tmp_path / "kept" / "b.csv")
        run.add(tmp_path / "other" / "c.csv")
        (tmp_path / "other" / "theirs.txt").write_text("x")
        raise RuntimeError("the job failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept", "other"]
    assert list((tmp_path / "kept").iterdir()) == [] and [p.name for p in (tmp_path / "other").iterdir()] == [
        "theirs.txt"]
    with Outputs() as run:  # a run that writes keeps its folders
        out = run.add(tmp_path / "new" / "deep" / "a.csv")
        out.tmp.write_text("x\n")
    assert (tmp_path / "new" / "deep" / "a.csv").read_text() == "x\n"


@pytest.mark.parametrize("decimal", [".", ","])
def test_columns_turned_into_text_by_two_threads_write_the_same_file(tmp_path: Path, monkeypatch, decimal):
    """From SHARED rows a CSV's result columns are made text by two threads: the same bytes, in the
    columns' order, as one thread writes; an error in a column is raised, not lost."""
    import optimizer.files.write as write

    rng = np.random.default_rng(3)
    n = 3000
    results = [OutputColumn("money", rng.random(n) * 1000, "money"),
               OutputColumn("count", rng.integers(0, 99, n), "number"),
               OutputColumn("hours", rng.random(n), "number"),
               OutputColumn("plan", np.array(["=SMART", "PLUS"] * (n // 2), dtype=object), "text"),
               OutputColumn("flag", rng.random(n) < 0.5, "text")]
    dialect = Dialect(separator=";" if decimal == "," else ",", decimal=decimal)
    files = {}
    for shared in (10**9, 1):
        monkeypatch.setattr(write, "SHARED", shared)
        w = Writer(tmp_path / f"out{shared}.csv", "csv", dialect)
        w.write(["id"], [pa.array([str(i) for i in range(n)])], results)
        w.close()
        files[shared] = (tmp_path / f"out{shared}.csv").read_bytes()
    assert files[1] == files[10**9] and b"'=SMART" in files[1]
    monkeypatch.setattr(write, "money_text", lambda *a: (_ for _ in ()).throw(ValueError("a bad column")))
    with pytest.raises(ValueError, match="a bad column"):
        Writer(tmp_path / "bad.csv", "csv", dialect).write([], [], results)

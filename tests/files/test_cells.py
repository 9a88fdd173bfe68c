"""Numbers from text cells: the fast read of plain columns against the full rule."""
import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.files.cells import _numbers_by_rule, _plain_numbers, parse_numbers

CELLS = st.text(alphabet=st.sampled_from(list("0123456789.,")), max_size=19) | st.sampled_from(["", "5.", ",5", "1e3"])


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """The same numbers: a column of whole numbers may come as int64 (exact) where the rule gives
    float64; anything else as the rule gives it, to the repr."""
    if a.dtype == np.int64 and b.dtype == np.float64:
        return [float(x) for x in a.tolist()] == b.tolist()
    return a.dtype == b.dtype and [repr(x) for x in a.tolist()] == [repr(x) for x in b.tolist()]


@settings(max_examples=600, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=12), st.sampled_from([".", ","]), st.integers(0, 3))
def test_the_fast_read_gives_what_the_full_rule_gives(cells, decimal, skip):
    column = pa.array(["x"] * skip + cells).slice(skip)  # a slice: offsets not from 0
    fast = _plain_numbers(column, decimal)
    if fast is not None:
        assert _same(fast, _numbers_by_rule(column, decimal))
    assert _same(parse_numbers(column, decimal), _numbers_by_rule(column, decimal))


def test_the_fast_read_takes_the_common_columns_and_leaves_the_rest():
    assert _plain_numbers(pa.array(["12", "", "0", "150,5", ",25"]), ",").tolist() == [12.0, 0.0, 0.0, 150.5, 0.25]
    assert _plain_numbers(pa.array(["150.5", "7"]), ".").tolist() == [150.5, 7.0]
    whole = _plain_numbers(pa.array(["12", "", "0", "999999999999999"]), ".")
    assert whole.dtype == np.int64 and whole.tolist() == [12, 0, 0, 999999999999999]  # whole numbers: int64
    for cells, decimal in ((["5."], "."), (["1,2,3"], ","), (["1.000"], ","), ([" 5"], "."), (["-5"], "."),
                           (["1" * 16], "."), (["1" * 15 + ".5"], "."), (["1e3"], ".")):
        assert _plain_numbers(pa.array(cells), decimal) is None, cells


FLAG_CELLS = st.sampled_from(["ja", "Nee", " WAAR ", "onwaar", "yes", "no", "TRUE", "false", "1", "0", "x", "", "j",
                              "n", "y", "maybe", "#N/A", "2"]) | st.none()


@settings(max_examples=400, deadline=None)
@given(st.lists(FLAG_CELLS, min_size=1, max_size=30), st.integers(0, 3))
def test_flags_read_by_their_distinct_words_as_cell_by_cell(cells, skip):
    from optimizer.files.cells import flags_from_values, parse_flags

    column = pa.array(["ja"] * skip + cells, pa.string()).slice(skip)
    fast, rule = parse_flags(column), flags_from_values(cells)
    assert fast.dtype == rule.dtype and [repr(x) for x in fast.tolist()] == [repr(x) for x in rule.tolist()]


def test_a_column_of_many_distinct_cells_is_read_cell_by_cell():
    from optimizer.files.cells import parse_flags

    read = parse_flags(pa.array(["ja"] + [f"note {i}" for i in range(100)]))
    assert read.dtype == object and read[0] is True and read[1] == "note 0"


def test_a_cell_reads_the_same_whatever_the_other_cells_of_its_column():
    """A long number is exact (Decimal) whether its column takes the fast read or the full rule."""
    from decimal import Decimal

    for cells in (["12345678901234567"], ["12345678901234567", " 5"], ["123456789.1234567"],
                  ["123456789.1234567", "-1"], ["1234567890123456", "7"]):
        first = parse_numbers(pa.array(cells), ".")[0]
        assert isinstance(first, Decimal) and first == Decimal(cells[0]), (cells, first)
    assert parse_numbers(pa.array(["123456789012345", "7"]), ".").tolist() == [123456789012345, 7]  # 15 digits


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.integers(0, 4999), FLAG_CELLS.filter(lambda c: c != ""), max_size=40), st.integers(0, 3))
def test_a_mostly_blank_flag_column_reads_as_cell_by_cell(filled, skip):
    """A yes/no column set on a few rows (foreign) passes its blank cells over (SPARSE_FROM): the
    same flags, the same words kept for Usage to refuse, as the rule cell by cell gives."""
    from optimizer.files.cells import SPARSE_FROM, flags_from_values, parse_flags

    cells: list[str | None] = [""] * 5000
    for k, v in filled.items():
        cells[k] = "" if v is None else v  # a CSV's text cells are never null (a blank is "")
    assert len(cells) > SPARSE_FROM
    column = pa.array(["ja"] * skip + cells, pa.string()).slice(skip)
    fast, rule = parse_flags(column), flags_from_values(cells)
    assert fast.dtype == rule.dtype and [repr(x) for x in fast.tolist()] == [repr(x) for x in rule.tolist()]


def test_a_mostly_blank_flag_column_with_a_missing_cell_is_read_whole():
    from optimizer.files.cells import parse_flags

    read = parse_flags(pa.array([None] + [""] * 3000 + ["ja"]))
    assert read.dtype == bool and read.sum() == 1 and read[-1] and not read[0]

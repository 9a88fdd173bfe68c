"""Numbers from text cells: the fast read of plain columns against the full rule."""
import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.files.cells import _numbers_by_rule, _plain_numbers, parse_numbers

CELLS = st.text(alphabet=st.sampled_from(list("0123456789.,")), max_size=19) | st.sampled_from(["", "5.", ",5", "1e3"])


def _same(a: np.ndarray, b: np.ndarray) -> bool:
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
    for cells, decimal in ((["5."], "."), (["1,2,3"], ","), (["1.000"], ","), ([" 5"], "."), (["-5"], "."),
                           (["1" * 18], "."), (["1e3"], ".")):
        assert _plain_numbers(pa.array(cells), decimal) is None, cells

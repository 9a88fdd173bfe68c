"""Cells of a file as the pricing core wants them: numbers written as text in the file's dialect
(decimal comma or point, thousands separators), yes/no words, blanks. Whole columns at once with
pyarrow; a cell that is not a number in the file's dialect stays the text it was, so Usage refuses
it with its own message (a row error), never a 0."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from optimizer.reading.cells import EXCEL_ERRORS, FLAG_WORDS, CellError, excel_error

__all__ = ["EXCEL_ERRORS", "CellError", "excel_error", "first_bytes", "offsets_of", "one_array", "parse_flags",
           "parse_numbers", "python_number"]

_POINT = r"^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?([eE][+-]?[0-9]+)?$|^[+-]?\.[0-9]+$"
_COMMA = r"^[+-]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?([eE][+-]?[0-9]+)?$|^[+-]?,[0-9]+$"
DIGITS = 15  # a float64 holds this many significant digits exactly; longer numbers stay Decimal


def offsets_of(column: pa.Array) -> np.ndarray:
    """Where each cell of a text column (string or large_string, a slice too) starts in its bytes,
    and (last) where the last one ends: straight from Arrow's buffers, the slice's offset counted
    in elements (the one home of this reading: a second copy read a slice's cells wrong)."""
    width = 8 if pa.types.is_large_string(column.type) else 4
    offsets: np.ndarray = np.frombuffer(column.buffers()[1], np.int64 if width == 8 else np.int32,
                                        len(column) + 1, column.offset * width)
    return offsets


def one_array(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """A column as one array: a column of one chunk is that chunk (combine_chunks would copy it,
    every cell: a chunk's columns are read five times over), of several (or none) joined."""
    if isinstance(column, pa.Array):
        return column
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def first_bytes(column: pa.Array) -> np.ndarray:
    """The first byte of every cell (0 for an empty or missing one), straight from Arrow's buffers."""
    offsets = offsets_of(column)
    data = column.buffers()[2]
    if data is None or not len(column):
        return np.zeros(len(column), np.uint8)
    raw = np.frombuffer(data, np.uint8)
    if not raw.size:  # every cell empty
        return np.zeros(len(column), np.uint8)
    start = offsets[:-1]
    first: np.ndarray = np.take(raw, start, mode="clip")  # an empty cell's start may be the buffer's end
    first[offsets[1:] == start] = 0
    return first


def _normalise(text: pa.Array, decimal: str) -> pa.Array:
    if decimal == ",":
        return pc.replace_substring(pc.replace_substring(text, ".", ""), ",", ".")
    return pc.replace_substring(text, ",", "")


def _plain_numbers(column: pa.Array, decimal: str) -> np.ndarray | None:
    """The common column, read straight from Arrow's buffers: every cell blank (0) or at most DIGITS
    digits with at most one decimal mark not at its end; int64 when no cell has a decimal mark (the
    pricing engine's fast path), else float64 (both exact at this length). None: some cell needs the
    full rule below (spaces, signs, thousands, exponents, text, more digits), which gives the same
    numbers, whatever the other cells of the column are."""
    if column.null_count or not pa.types.is_string(column.type):
        return None
    n = len(column)
    offsets = offsets_of(column)
    lengths = np.diff(offsets)
    if not n or lengths.max() > DIGITS + 1:  # at most DIGITS digits and a mark: a float64 holds it exactly
        return None
    data = column.buffers()[2]
    body = np.frombuffer(data, np.uint8)[offsets[0]:offsets[-1]] if data is not None else np.zeros(0, np.uint8)
    is_mark = body == ord(decimal)
    if not ((body - np.uint8(ord("0")) <= 9) | is_mark).all():  # digits and the decimal mark, nothing else
        return None  # (compared: a byte's table lookup is ten times slower)
    whole = not is_mark.any()
    if whole and lengths.max() > DIGITS:
        return None  # more digits than DIGITS: the full rule keeps them exact (Decimal)
    blank = lengths == 0
    if not whole:  # each cell's last byte (a blank cell's index lands on a cell before's, or the last: checked too)
        if (body[offsets[1:] - offsets[0] - 1] == ord(decimal)).any():
            return None  # "5." is no number in either dialect (two marks in a cell: the cast refuses)
        if decimal != ".":
            body = np.where(is_mark, np.uint8(ord(".")), body)
    valid = pa.py_buffer(np.packbits(~blank, bitorder="little")) if blank.any() else None
    text = pa.StringArray.from_buffers(n, pa.py_buffer((offsets - offsets[0]).astype(np.int32)),
                                       pa.py_buffer(np.ascontiguousarray(body)), valid, int(blank.sum()))
    try:
        read = pc.cast(text, pa.int64() if whole else pa.float64())
    except pa.ArrowInvalid:  # a cell of two marks (1.2.3): the full rule says what it is
        return None
    values: np.ndarray = pc.fill_null(read, 0).to_numpy(zero_copy_only=False)
    return values



def parse_numbers(column: pa.Array | pa.ChunkedArray, decimal: str) -> np.ndarray:
    """A text column as numbers: int64 (whole numbers) or float64 when every cell is a number
    (blank = 0); else an object array holding the numbers and, where a cell is none, its text (or
    CellError); numbers longer than DIGITS significant digits as exact Decimals."""
    column = one_array(column)
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        column = pc.cast(column, pa.string())
    fast = _plain_numbers(column, decimal)
    return fast if fast is not None else _numbers_by_rule(column, decimal)


def _numbers_by_rule(column: pa.Array, decimal: str) -> np.ndarray:
    text = pc.utf8_trim_whitespace(column)
    blank = pc.fill_null(pc.equal(pc.utf8_length(text), 0), True)
    plain = _normalise(text, decimal)
    ok = pc.fill_null(pc.match_substring_regex(text, _COMMA if decimal == "," else _POINT), False)
    long = pc.fill_null(pc.greater(pc.utf8_length(pc.replace_substring_regex(plain, "[^0-9]", "")), DIGITS), False)
    negative = pc.fill_null(pc.starts_with(text, "-"), False)  # kept as written, for Usage's message
    use = pc.and_(pc.and_(ok, pc.invert(long)), pc.invert(negative))
    values = pc.fill_null(pc.cast(pc.if_else(use, plain, pa.scalar(None, pa.string())), pa.float64()), 0.0)
    out: np.ndarray = values.to_numpy(zero_copy_only=False)
    bad = ~np.asarray(pc.or_(use, blank).to_numpy(zero_copy_only=False), bool)
    if not bad.any():
        return out
    mixed: np.ndarray = out.astype(object)
    raw = column.to_pylist()
    for i in np.flatnonzero(bad).tolist():
        mixed[i] = python_number(raw[i], decimal)
    return mixed


def python_number(value: Any, decimal: str) -> Any:
    """One cell: a number, or the cell as it was (text that is no number, an Excel error)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, str):
        return value
    error = excel_error(value)
    if error is not None:
        return error
    text = value.strip()
    if not text:
        return 0
    if text.startswith("-"):
        return value  # kept as written, for Usage's message


    if not re.match(_COMMA if decimal == "," else _POINT, text):
        return value
    plain = text.replace(".", "").replace(",", ".") if decimal == "," else text.replace(",", "")
    try:
        number = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return value
    return float(number) if len(number.as_tuple().digits) <= DIGITS else number


def parse_flags(column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A yes/no text column (yes/no, ja/nee, true/false, waar/onwaar, 1/0, x; blank = no) as bool,
    vectorised: a column holds a few distinct words, so each is read once (the rule of
    flags_from_values) and the rows take theirs; an object array keeping any other text, for Usage
    to refuse."""
    column = one_array(column)
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        return flags_from_values(column.to_pylist())
    if not column.null_count and len(column) > SPARSE_FROM:
        filled = np.flatnonzero(np.diff(offsets_of(column)))
        if filled.size * 4 < len(column):  # mostly blank (no), as a flag set on a few rows is: only the others read
            few = parse_flags(column.take(pa.array(filled)))
            sparse = np.zeros(len(column), bool if few.dtype == bool else object)
            if few.dtype != bool:
                sparse[:] = False
            sparse[filled] = few
            return sparse
    encoded = pc.dictionary_encode(column)  # one pass: each distinct word and where it is
    words = encoded.dictionary.to_pylist()
    read = flags_from_values(words) if len(words) <= FEW_WORDS else None
    if read is None or read.dtype == object:  # some cell is no yes/no word: the rule cell by cell
        return flags_from_values(column.to_pylist())
    lookup = np.append(read, False)  # a missing cell (null): blank, no
    codes = pc.fill_null(encoded.indices, len(words)).to_numpy(zero_copy_only=False)
    flags: np.ndarray = lookup[codes]
    return flags


SPARSE_FROM = 1000  # rows of a yes/no column from which its blank cells are passed over
FEW_WORDS = 64  # more distinct cells than this in a yes/no column: no yes/no column, cell by cell


def flags_from_values(values: list[Any]) -> np.ndarray:
    out = np.zeros(len(values), bool)
    odd: dict[int, Any] = {}
    for i, v in enumerate(values):
        if v is None or v is False:
            continue
        if v is True:
            out[i] = True
        elif isinstance(v, str):
            word = v.strip().lower()
            if word in FLAG_WORDS:
                out[i] = FLAG_WORDS[word]
            else:
                odd[i] = excel_error(v) or v
        elif isinstance(v, (int, float)) and v in (0, 1):
            out[i] = bool(v)
        else:
            odd[i] = v
    if not odd:
        return out
    mixed = out.astype(object)
    for i, v in odd.items():
        mixed[i] = v
    return mixed

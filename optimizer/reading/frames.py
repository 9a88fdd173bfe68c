"""Tables that arrive as Python objects, not files: a pandas DataFrame handed to the API
(recommend_many, schedule_many, rate), a range of cells from Excel (ANSWER_COST_TABLE, the Customers
sheet). Their headers go through the one header matcher, their cells through the one cell reader,
so `Calls`, `gesprekken`, `ja` and `2026-3` mean what they mean in a file.

`read_frame` returns the fields as columns named as the fields (numeric columns untouched, so a
clean frame costs nothing) and, per row, why a cell cannot be used (its error); the caller keeps
the user's own columns for its output.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from optimizer.ground.errors import AnswerPlanError, ArgumentError, HeaderError
from optimizer.reading.cells import WANT_YES_NO, excel_error, is_blank, month, numbers_in, yes_no_or_value
from optimizer.reading.fields import TableSpec
from optimizer.reading.headers import match_headers

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["Read", "grid", "id_column", "numbered", "read_frame", "read_rows"]


@dataclass
class Read:
    """A table read: `fields` (a frame of the table's fields, named as the fields, one row per
    input row), `errors` (row -> why a cell of it cannot be used), `columns` (field -> the
    user's column name)."""

    fields: pd.DataFrame
    errors: dict[int, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)


def read_frame(frame: pd.DataFrame, spec: TableSpec, *, mapping: Mapping[str, str] | None = None,
               source: str = "frame") -> Read:
    """A DataFrame's columns matched to the table's fields and their cells read."""
    import pandas as pd
    if not isinstance(frame, pd.DataFrame):
        raise ArgumentError(f"{source}: expected a pandas DataFrame, got {type(frame).__name__}")
    names = [str(c) for c in frame.columns]
    if len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        raise HeaderError(f"{source}: column {twice!r} is there twice")
    hmap = match_headers(list(frame.columns), spec, source=source, mapping=mapping)
    n = len(frame)
    out: dict[str, Any] = {}
    errors: dict[int, str] = {}
    for f, i in hmap.fields.items():
        out[f] = _column(frame.iloc[:, i], f, spec.fields[f], errors)
    fields = pd.DataFrame(out, index=pd.RangeIndex(n), copy=False) if out else pd.DataFrame(index=pd.RangeIndex(n))
    return Read(fields, errors, {f: names[i] for f, i in hmap.fields.items()})


def numbered(row_numbers: Sequence[int] | None, n: int) -> list[int]:
    """Each of n rows' number for messages: the user's file's (a row as a spreadsheet shows it),
    when given for every row, else its place in the frame, from 1."""
    if row_numbers is not None and len(row_numbers) == n:
        return [int(r) for r in row_numbers]
    return list(range(1, n + 1))


def grid(rows: Sequence[Sequence[Any]], source: str = "table") -> tuple[list[Any], list[list[Any]], list[int]]:
    """A range of cells whose first row is the header (Excel), without pandas: the header's names
    (a whole float as its digits; two blank or equal ones told apart by position), the rows below
    cut to the header's width, and those rows that are not blank (a blank row below a table is no
    forecast). A cell right of the header stops, naming its row."""
    table = [list(r) if isinstance(r, (list, tuple)) else [r] for r in rows]
    if len(table) < 2:
        raise ArgumentError(f"{source}: a header row and at least one row below it are needed")
    header = ["" if h is None else h for h in table[0]]
    width = len(header)
    body = [r[:width] + [None] * (width - len(r)) for r in table[1:]]
    for k, r in enumerate(table[1:]):
        if len(r) > width and any(not is_blank(v) for v in r[width:]):
            raise ArgumentError(f"{source}: row {k + 2} has cells right of the header; give them a header")
    keep = [k for k, r in enumerate(body) if any(not is_blank(v) for v in r)]
    names = [_header_text(h) for h in header]
    if len(set(names)) != width:  # two blank headers (or two of one name): matched by position
        names = [f"{h} ({i + 1})" if names.count(h) > 1 else h for i, h in enumerate(names)]
    return names, body, keep


def read_rows(rows: Sequence[Sequence[Any]], spec: TableSpec, *, source: str = "table") -> tuple[Read, list[int]]:
    """A range of cells whose first row is the header (Excel): the table read, and the data rows
    that are not blank (a blank row below a table is no forecast)."""
    import pandas as pd
    names, body, keep = grid(rows, source)
    frame = pd.DataFrame({i: pd.Series([r[i] for r in body], dtype=object) for i in range(len(names))})
    frame.columns = pd.Index(names)
    read = read_frame(frame, spec, source=source)
    for f in read.fields.columns:  # Excel's blank cells in a row that is not blank: 0 / no, as in a file
        if spec.fields[f] in ("count", "amount"):
            read.fields[f] = _blank_is_zero(read.fields[f])
    return read, keep


def _header_text(h: Any) -> Any:
    return h if not isinstance(h, float) or h != int(h) else str(int(h))


def _blank_is_zero(s: pd.Series) -> pd.Series:
    import pandas as pd
    if s.dtype != object:
        return s.fillna(0) if s.dtype.kind == "f" else s
    return pd.Series([0 if is_blank(v) else v for v in s], dtype=object)


def _column(s: pd.Series, f: str, kind: str, errors: dict[int, str]) -> Any:
    """One column's cells, read as its kind; rows that cannot be read get their error."""
    import pandas as pd
    dtype = s.dtype
    if kind in ("count", "amount"):
        if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
            return s.reset_index(drop=True)  # numbers as they are (Usage checks them)
        values = s.to_numpy(dtype=object).copy()
        numbers_in(values, f, errors)
        return _numeric_if_possible(values)
    if kind == "flag":
        if pd.api.types.is_bool_dtype(dtype):
            return s.reset_index(drop=True)
        if pd.api.types.is_numeric_dtype(dtype):
            return s.reset_index(drop=True)  # 1/0 (Usage checks them)

        def flag(v: Any) -> tuple[Any, str | None]:
            read = yes_no_or_value(v)
            if isinstance(read, bool) or (isinstance(read, (int, float)) and not isinstance(read, bool)):
                return read, None
            return v, (f"{f}: {read}" if excel_error(read) else f"{f}: {read!r} is not {WANT_YES_NO}")
        return _by_value(s, flag, errors)
    if kind == "month":
        def one(v: Any) -> tuple[Any, str | None]:
            try:
                return month(v, f), None
            except AnswerPlanError as exc:
                return None, str(exc)
        return _by_value(s, one, errors)
    return s.reset_index(drop=True)  # text: as it is


def _by_value(s: pd.Series, read: Any, errors: dict[int, str]) -> pd.Series:
    """A column read one distinct value at a time (a month column of a million rows has a few
    dozen values): read(value) -> (what it is, its error or None)."""
    import numpy as np
    import pandas as pd
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    found = [read(v) for v in uniques.tolist()] + [read(None)]
    values = np.empty(len(found), dtype=object)
    values[:] = [v for v, _ in found]
    out = values[codes]  # code -1 (NaN, None): the last entry
    bad = [i for i, (_, e) in enumerate(found) if e is not None]
    if bad:
        bad_codes = np.array([i if i < len(uniques) else -1 for i in bad])
        for k in np.flatnonzero(np.isin(codes, bad_codes)).tolist():
            errors.setdefault(k, found[codes[k]][1] or "")
    return pd.Series(out, dtype=object)


def id_column(s: pd.Series) -> pd.Series:
    """Customer ids (and other text) exactly as given: numbers as their digits (1200, not 1200.0),
    text stripped, blanks empty."""
    import pandas as pd
    if pd.api.types.is_integer_dtype(s.dtype):
        return s.astype(str)
    if pd.api.types.is_string_dtype(s.dtype) and s.dtype != object:  # text from a file: vectorised
        return s.fillna("").str.strip()

    def one(v: Any) -> tuple[Any, None]:
        if is_blank(v):
            return "", None
        if isinstance(v, float) and v == int(v):
            return str(int(v)), None
        return str(v).strip(), None
    return _by_value(s, one, {})


def _numeric_if_possible(values: np.ndarray) -> Any:
    """A column of real numbers as float (the fast path); anything else stays as it came."""
    import pandas as pd
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values.tolist()):
        return pd.Series(values.astype(float))
    return pd.Series(values, dtype=object)

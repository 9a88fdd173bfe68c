"""Writing results users can open: CSV in a dialect, XLSX, Parquet, chunk by chunk, into the
temporary file of an output (optimizer.files.outputs commits it with the rest of the run's set).
Text a spreadsheet would run as a formula is neutralised (a leading apostrophe), after any
leading whitespace too; every text field is quoted, so no separator can turn a name into a formula.
"""
from __future__ import annotations

import errno
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from optimizer.files.cells import first_bytes, one_array
from optimizer.files.dialect import Dialect
from optimizer.files.read import FORMATS, FileError
from optimizer.ground.words import message

__all__ = ["XLSX_MAX_ROWS", "XLSX_MAX_TEXT", "OutputColumn", "Writer", "error_texts", "file_lang", "neutralise",
           "output_format"]

XLSX_MAX_ROWS = 1_048_575  # a sheet's rows, less the header
XLSX_MAX_TEXT = 32_767  # characters in a cell
RISKY = ("=", "+", "-", "@")
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"  # not whitespace to Python, still nothing to a spreadsheet
PLAIN_NUMBER = re.compile(r"^\s*[+-]?(\d+([.,]\d*)*|[.,]\d+)([eE][+-]?\d+)?\s*$", re.ASCII)


def _lead(value: str) -> str:
    """The text as a spreadsheet sees its start: leading whitespace (any, Unicode too) and
    invisible characters gone."""
    text = value
    while text and (text[0].isspace() or text[0] in INVISIBLE):
        text = text[1:]
    return text


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (=, +, -, @ after any leading whitespace, or a
    tab, CR or LF first) gets a leading apostrophe; plain numbers stay as they are."""
    if isinstance(value, str) and value:
        lead = _lead(value)
        if (value[0] in "\t\r\n" or lead.startswith(RISKY)) and not PLAIN_NUMBER.match(value):
            return "'" + value
    return value


# the same rule for pyarrow (RE2): Python's isspace() is \t-\r, \x1c-\x1f, \x85 and Unicode's Z
# categories; PLAIN_NUMBER's \s (ASCII) is \t-\r and the space
_SPACE = "\\x{09}-\\x{0d}\\x{1c}-\\x{1f}\\x{85}\\p{Z}"
_RISKY_ARROW = "^[\\t\\r\\n]|^[" + _SPACE + "".join(f"\\x{{{ord(c):x}}}" for c in INVISIBLE) + "]*[=+\\-@]"
_NUMBER_ARROW = r"^[\x{09}-\x{0d} ]*[+-]?([0-9]+([.,][0-9]*)*|[.,][0-9]+)([eE][+-]?[0-9]+)?[\x{09}-\x{0d} ]*$"


# a first byte that can start a formula, a space before one, or a character beyond ASCII (which
# may be a Unicode space or an invisible one)
_MAY_START = np.zeros(256, bool)
_MAY_START[[ord(c) for c in "=+-@ \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"]] = True
_MAY_START[0x80:] = True


def neutralise_array(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """neutralise() over a pyarrow string column, vectorised (the same rule)."""
    column = one_array(column)
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return column  # no text in it
    suspect = np.flatnonzero(_MAY_START[first_bytes(column)])  # a pass over one byte per cell
    if not suspect.size:
        return column
    few = column.take(pa.array(suspect))  # the exact rule on those cells only
    risky = pc.fill_null(pc.match_substring_regex(few, _RISKY_ARROW), False)
    risky = pc.and_(risky, pc.invert(pc.fill_null(pc.match_substring_regex(few, _NUMBER_ARROW), False)))
    hit = suspect[np.asarray(risky.to_numpy(zero_copy_only=False), bool)]
    if not hit.size:
        return column
    mask = np.zeros(len(column), bool)
    mask[hit] = True
    quote = pa.scalar("'", column.type)
    return pc.if_else(pa.array(mask), pc.binary_join_element_wise(quote, column, pa.scalar("", column.type)), column)


def output_format(path: Path) -> str:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None or path.suffix.lower() == ".xlsm":
        hint = " (a workbook with macros is not written here: use .xlsx)" if path.suffix.lower() == ".xlsm" else ""
        raise FileError(f"output: {str(path)!r} is not .csv, .tsv, .txt, .xlsx or .parquet{hint}")
    return kind


MARK = "written by answer-plan"  # in the core properties of every workbook it writes


def file_lang(kind: str, dialect: Dialect, lang: str = "en") -> str:
    """The language of a file's own words (its result columns' names, its rows' errors): a CSV's
    by its dialect (a decimal comma makes a Dutch file), a workbook's by the language asked for, a
    Parquet file's English (a file for programs, as --json is)."""
    if kind == "csv":
        return "nl" if dialect.decimal == "," else "en"
    return "nl" if kind == "xlsx" and lang == "nl" else "en"


def error_texts(values: Any, lang: str) -> Any:
    """A column of row errors in the file's language (a categorical column: its categories)."""
    if lang != "nl":
        return values
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.rename_categories([message(str(c), lang) for c in values.cat.categories]) \
            if len({message(str(c), lang) for c in values.cat.categories}) == len(values.cat.categories) \
            else pd.Series([message(str(v), lang) if isinstance(v, str) else v for v in values], dtype=object)
    cache: dict[str, str] = {}
    out = [(cache.setdefault(v, message(v, lang)) if isinstance(v, str) else v) for v in _listed(values)]
    return pd.Series(out, dtype=object)


class OutputColumn:
    """A result column: its name, values (numpy/pandas) and kind ("text", "money", "number")."""

    def __init__(self, name: str, values: Any, kind: str) -> None:
        self.name, self.values, self.kind = name, values, kind


def money_text(values: np.ndarray, decimal: str) -> pa.Array:
    """Euros (float64, NaN = blank) as text with two decimals in the dialect: 583.59 / 583,59."""
    ok = ~np.isnan(values)
    cents = np.rint(np.where(ok, values, 0) * 100).astype(np.int64)
    whole, part = np.divmod(np.abs(cents), 100)
    text = pc.cast(pa.array(whole), pa.string())
    negative = cents < 0
    if negative.any():
        text = pc.if_else(pa.array(negative), pc.binary_join_element_wise("-", text, ""), text)
    text = pc.binary_join_element_wise(text, _TWO_DIGITS.take(pa.array(part)), decimal)
    return text if ok.all() else pc.if_else(pa.array(ok), text, pa.scalar(None, pa.string()))


_TWO_DIGITS = pa.array([f"{i:02d}" for i in range(100)])


class Writer:
    """One output file of a run (CSV, XLSX or Parquet by extension), written chunk by chunk."""

    def __init__(self, path: Path, kind: str, dialect: Dialect, sheet: str = "results", shown: Path | None = None
                 ) -> None:
        self.path, self.kind, self.dialect, self.sheet_name = path, kind, dialect, sheet
        self.shown = shown or path  # the file's name in messages (not the temporary one)
        self.rows = 0
        self._handle: Any = None
        self._writer: Any = None
        self._book: Any = None
        self._sheet: Any = None
        self._schema: pa.Schema | None = None

    # ------------------------------------------------------------------ the one entry
    def write(self, names: list[str], columns: list[Any], results: list[OutputColumn]) -> None:
        """Input columns exactly as read (pyarrow arrays or lists of cell values) and results."""
        if self.kind == "csv":
            self._csv(names, columns, results)
        elif self.kind == "xlsx":
            self._xlsx(names, columns, results)
        else:
            self._parquet(names, columns, results)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        if self._handle is not None:
            self._handle.flush()
            self._handle.close()
        if self._book is None and self.kind == "xlsx":  # nothing written: still a valid workbook
            self._open_xlsx([])
        if self._book is not None:
            book, self._book = self._book, None
            book.close()

    # ------------------------------------------------------------------ CSV
    def _csv(self, names: list[str], columns: list[Any], results: list[OutputColumn]) -> None:
        import pyarrow.csv as pcsv

        decimal = self.dialect.decimal

        def text(r: OutputColumn) -> pa.Array:
            if r.kind == "money":
                return money_text(np.asarray(r.values, dtype=float), decimal)
            if r.kind == "number":
                return _as_text(r.values, decimal)
            return neutralise_array(_as_text(r.values, decimal))

        arrays = [neutralise_array(_as_text(c, decimal)) for c in columns]
        arrays += _each(text, results, len(results[0].values) if results else 0)
        all_names = [str(neutralise(n)) for n in names] + [str(neutralise(r.name)) for r in results]
        table = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(arrays))])
        if self._writer is None:
            self._handle = open(self.path, "wb")  # noqa: SIM115 - closed in close()
            if self.dialect.bom:
                self._handle.write(b"\xef\xbb\xbf")
            header = self.dialect.separator.join(_quote(n, self.dialect.separator) for n in all_names)
            self._handle.write((header + self.dialect.newline).encode("utf-8"))
            self._writer = pcsv.CSVWriter(self._handle, table.schema, write_options=pcsv.WriteOptions(
                include_header=False, delimiter=self.dialect.separator, eol=self.dialect.newline,
                quoting_style="needed"))
        self._writer.write_table(table)
        self.rows += table.num_rows

    # ------------------------------------------------------------------ XLSX
    def _open_xlsx(self, header: list[str]) -> None:
        from optimizer.files.xlsx import XlsxStream

        self._book = XlsxStream(self.path, self.sheet_name, MARK)
        self._book.header([str(neutralise(h)) for h in header])

    def _xlsx(self, names: list[str], columns: list[Any], results: list[OutputColumn]) -> None:
        if self._book is None:
            self._open_xlsx(names + [r.name for r in results])
        n = len(results[0].values) if results else (len(columns[0]) if columns else 0)
        if self.rows + n > XLSX_MAX_ROWS:
            raise FileError(f"output: {self.shown}: an .xlsx sheet holds at most {XLSX_MAX_ROWS:,} rows; write CSV "
                            "instead")
        cells: list[tuple[Any, str]] = [_xlsx_input(c) for c in columns]
        for r in results:
            if r.kind in ("money", "number"):
                values = r.values.to_numpy(dtype=float, na_value=np.nan) if hasattr(r.values, "to_numpy") \
                    else np.asarray(r.values, dtype=float)
                cells.append((values, r.kind))
            else:
                cells.append((_too_long_text(neutralise_array(_as_text(r.values))), "text"))
        self._book.write(cells)
        self.rows += n

    # ------------------------------------------------------------------ Parquet
    def _parquet(self, names: list[str], columns: list[Any], results: list[OutputColumn]) -> None:
        import pyarrow.parquet as pq

        # a typed column of a Parquet input stays as it is; cells from a workbook become text (their
        # types may change from row to row, which a Parquet column cannot)
        arrays = [c if isinstance(c, (pa.Array, pa.ChunkedArray)) else _as_text(c) for c in columns]
        for r in results:
            if r.kind == "money":
                arrays.append(pa.array(np.asarray(r.values, dtype=float), from_pandas=True))
            elif r.kind == "number":
                arrays.append(_arrow(_listed(r.values)))
            else:
                arrays.append(_as_text(r.values))
        table = pa.Table.from_arrays(arrays, names=_unique([*names, *(r.name for r in results)]))
        if self._writer is None:
            self._schema = table.schema
            self._writer = pq.ParquetWriter(self.path, table.schema)
        assert self._schema is not None
        try:
            table = table.cast(self._schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            raise FileError(f"output: {self.shown}: a column changes type between chunks; write CSV or XLSX") from None
        self._writer.write_table(table)
        self.rows += table.num_rows


SHARED = 20_000  # rows from which the columns are turned into text by two threads (Arrow's casts let go of the GIL)


def _each(work: Callable[[OutputColumn], pa.Array], columns: list[OutputColumn], rows: int) -> list[pa.Array]:
    if rows < SHARED or len(columns) < 4:
        return [work(c) for c in columns]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2, thread_name_prefix="answer-plan-text") as pool:
        return list(pool.map(work, columns))


TOO_LONG = "#TOO LONG: {n:,} characters (Excel holds 32,767 in a cell)"


def _too_long_text(text: pa.Array) -> pa.Array:
    """Text longer than a cell holds, replaced by a note saying so (the row's error says it too)."""
    long = np.flatnonzero(np.asarray(pc.fill_null(pc.greater(pc.utf8_length(text), XLSX_MAX_TEXT), False)
                                     .to_numpy(zero_copy_only=False), bool))
    if not long.size:
        return text
    values = text.to_pylist()
    for k in long.tolist():
        values[k] = TOO_LONG.format(n=len(values[k]))
    return pa.array(values, pa.string())


def _xlsx_input(column: Any) -> tuple[Any, str]:
    """An input column as the XLSX stream writes it: Arrow text neutralised, Arrow numbers and
    yes/no as they are, a workbook's cells one by one (text neutralised, too long noted)."""
    if isinstance(column, (pa.Array, pa.ChunkedArray)):
        column = one_array(column)
        if pa.types.is_dictionary(column.type):
            column = column.dictionary_decode()
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            return _too_long_text(neutralise_array(pc.cast(column, pa.string()))), "text"
        if pa.types.is_integer(column.type) or pa.types.is_floating(column.type):
            return column.to_numpy(zero_copy_only=False).astype(float), "number"
        if pa.types.is_boolean(column.type) and not column.null_count:
            return column.to_numpy(zero_copy_only=False), "bool"
        column = column.to_pylist()
    kinds = set(map(type, column))
    if kinds <= {float, int, type(None)}:  # a workbook's column of numbers (blanks: empty cells)
        return np.array([np.nan if v is None else v for v in column], dtype=float), "number"
    if kinds <= {str, type(None)}:
        return _too_long_text(neutralise_array(pa.array(column, pa.string()))), "text"
    out = []
    for v in column:
        if isinstance(v, str):
            v = TOO_LONG.format(n=len(v)) if len(v) > XLSX_MAX_TEXT else neutralise(v)
        out.append(v)
    return out, "mixed"


def close_workbook(book: Any, path: Path) -> None:
    """XlsxWriter's close, which zips the workbook into its file: a full disk (or any failure to
    write) is the OSError it is, and the half-written zip it leaves behind is dropped quietly
    (its finaliser would print a traceback of its own)."""
    import gc
    import sys

    from xlsxwriter.exceptions import FileCreateError

    error: OSError | None = None
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        try:
            book.close()
        except FileCreateError as exc:
            cause = exc.__context__ if isinstance(exc.__context__, OSError) else None
            error = OSError(cause.errno if cause else errno.EIO, cause.strerror if cause else str(exc))
            del cause  # the frames of its traceback hold the half-written zip
        gc.collect()
    finally:
        sys.unraisablehook = hook
    if error is not None:
        error.filename = str(path)
        raise error


def _unique(names: list[str]) -> list[str]:
    """Column names made unique (a Parquet file cannot have two of one name): 'x', 'x (2)'."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        n = seen.get(name, 0) + 1
        seen[name] = n
        out.append(name if n == 1 else f"{name} ({n})")
    return out


def _quote(name: str, separator: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _listed(values: Any) -> list[Any]:
    if hasattr(values, "tolist"):
        out: list[Any] = values.tolist()
        return out
    return list(values)


def _number(v: float, decimal: str) -> str:
    text = repr(v)
    if "e" in text and 1e-6 <= abs(v) < 1e16:
        text = f"{v:.17f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal == "," else text


def _as_text(values: Any, decimal: str = ".") -> pa.Array:
    """Any column as a pyarrow string column: text as it is; numbers by their shortest form with the
    dialect's decimal mark, no exponent where a spreadsheet would not write one; dates ISO; yes/no
    (ja/nee in a Dutch file); None blank."""
    if isinstance(values, pa.ChunkedArray):
        values = one_array(values)
    if isinstance(values, pa.Array):
        if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
            return values
        if pa.types.is_dictionary(values.type):
            return _as_text(values.dictionary_decode(), decimal)
        if pa.types.is_floating(values.type) or pa.types.is_boolean(values.type):
            return _as_text(values.to_pylist(), decimal)
        text = pc.cast(values, pa.string())
        return pc.replace_substring(text, ".", ",") if decimal == "," and pa.types.is_decimal(values.type) else text
    if hasattr(values, "dtype") and str(getattr(values, "dtype", "")) == "category":
        cats = values.cat if hasattr(values, "cat") else None
        codes = np.asarray(cats.codes if cats is not None else values.codes)
        categories = list(cats.categories if cats is not None else values.categories)
        dictionary = pa.array([str(c) for c in categories], pa.string())
        return pc.cast(pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0, type=pa.int32()), dictionary),
                       pa.string())
    yes, no = ("ja", "nee") if decimal == "," else ("yes", "no")
    fast = _as_text_fast(values, decimal, yes, no)
    if fast is not None:
        return fast
    out: list[str | None] = []
    for v in _listed(values):
        if v is None or (isinstance(v, float) and v != v):
            out.append(None)
        elif isinstance(v, (bool, np.bool_)):
            out.append(yes if v else no)
        elif isinstance(v, datetime):
            out.append(v.isoformat(sep=" "))
        elif isinstance(v, date):
            out.append(v.isoformat())
        elif isinstance(v, (float, np.floating)):
            f = float(v)
            out.append(str(int(f)) if f == int(f) and abs(f) < 1e15 else _number(f, decimal))
        elif isinstance(v, Decimal):
            out.append(str(v).replace(".", ",") if decimal == "," else str(v))
        else:
            out.append(str(v))
    return pa.array(out, pa.string())


_ODD_FLOAT = r"e|^-0$"  # an exponent a spreadsheet would not write, or a negative zero: the full rule


def _as_text_fast(values: Any, decimal: str, yes: str, no: str) -> pa.Array | None:
    """_as_text for whole numpy columns (numbers, yes/no, text), in Arrow's C++; None when the
    column needs the rule cell by cell (dates, Decimals, mixed kinds)."""
    array = values.to_numpy() if hasattr(values, "to_numpy") and not isinstance(values, np.ndarray) else values
    if not isinstance(array, np.ndarray):
        return None
    kind = array.dtype.kind
    if kind == "b":
        return pc.if_else(pa.array(array), pa.scalar(yes), pa.scalar(no))
    if kind in "iu":
        return pc.cast(pa.array(array), pa.string())
    if kind == "f":
        text = pc.cast(pa.array(array, from_pandas=True), pa.string())  # NaN: blank
        odd = np.flatnonzero(np.asarray(pc.fill_null(pc.match_substring_regex(text, _ODD_FLOAT), False)
                                        .to_numpy(zero_copy_only=False), bool))
        if odd.size:
            fixed = _as_text([float(v) for v in array[odd]], ".").to_pylist()
            plain = text.to_pylist()
            for k, v in zip(odd.tolist(), fixed, strict=True):
                plain[k] = v
            text = pa.array(plain, pa.string())
        return pc.replace_substring(text, ".", ",") if decimal == "," else text
    if kind == "O":
        try:
            arrow = pa.array(array, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None
        if pa.types.is_string(arrow.type) or pa.types.is_large_string(arrow.type) or pa.types.is_null(arrow.type):
            return pc.cast(arrow, pa.string())
        if pa.types.is_boolean(arrow.type):
            return pc.if_else(arrow, pa.scalar(yes), pa.scalar(no))
    return None


def _arrow(values: list[Any]) -> pa.Array:
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return _as_text(values)

"""Reading tables users have: CSV (any Excel dialect, streamed with pyarrow), XLSX (the sheet and
the header row found, formulas without saved values and error cells caught), Parquet. Everything
that decides how the file is read is settled before the first row is priced, so a file that
cannot be read with certainty stops with one line, and nothing is written."""
from __future__ import annotations

import codecs
import contextlib
import io
import math
import re
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AnyStr, NamedTuple, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from optimizer.files.cells import (
    excel_error,
    first_bytes,
    flags_from_values,
    offsets_of,
    one_array,
    parse_flags,
    parse_numbers,
    python_number,
)
from optimizer.files.dialect import AMBIGUOUS_RE2, COMMA, POINT, Dialect, DialectError, decide_decimal, sniff
from optimizer.files.xlsx import letters as _letters  # the sheet's column names, as the writer gives them
from optimizer.reading.cells import is_blank
from optimizer.reading.fields import NUMERIC, FileError, ReadOptions, TableSpec
from optimizer.reading.headers import HeaderError, HeaderMap, match_headers, normalise, recognised

__all__ = ["FORMATS", "Chunk", "DialectError", "FileError", "HeaderError", "ReadOptions", "Source", "TableSpec",
           "Whole", "as_written", "open_source", "read_all", "usage_columns", "usage_frame"]

FORMATS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".parquet": "parquet"}
BLOCK = 1 << 20  # CSV bytes pyarrow parses at a time: the first rows are priced at once
LARGEST = 8 << 20  # a row longer than BLOCK (a long text) is read with blocks of this, the largest row read
CHUNK_BYTES = 32 << 20  # Arrow bytes of a chunk at most (a chunk is at most chunk_rows rows: 100,000)
SCAN_ROWS = 30  # rows searched for the header below title rows
XLSX_CHUNK = 20_000


@dataclass
class Chunk:
    """Some rows of the input: the columns exactly as read (`raw`, positional, beside `names`),
    the spec's fields parsed (`values`), rows whose cells could not be used (`errors`)."""

    raw: list[Any]  # per input column: a pyarrow array (CSV, Parquet) or a list of cell values (XLSX)
    values: dict[str, Any]  # field -> numpy array (numbers, flags), pandas Series or list (text)
    rows: int
    errors: dict[int, str] = field(default_factory=dict)
    done: float = 0.0  # fraction of the input read
    numbers: np.ndarray | None = None  # each row's number as a spreadsheet shows it (header = its row)


@dataclass
class Source:
    path: Path
    format: str
    headers: HeaderMap
    spec: TableSpec
    options: ReadOptions
    dialect: Dialect | None = None
    sheet: str | None = None
    blank_rows: int = 0
    rows_seen: int = 0
    reader: Callable[[Source], Iterator[Chunk]] | None = None
    book: Any = None  # an XLSX workbook opened to find the header, kept for the reading

    @property
    def names(self) -> list[str]:
        return self.headers.names

    def chunks(self) -> Iterator[Chunk]:
        """The rows in chunks (see `each`)."""
        return self.each(_same)

    def each(self, then: Callable[[Chunk], R]) -> Iterator[R]:
        """`then` of each chunk of rows, in order. A CSV or Parquet file is read (parsed, its cells
        read, `then` done) a chunk ahead in a second thread while the caller works on the one before
        (Arrow and numpy let go of the interpreter, so two cores share the work): `then` is the
        caller's work that needs nothing of the chunks before. A workbook is read in this thread."""
        assert self.reader is not None
        step = max(1, self.options.chunk_rows)

        def read() -> Iterator[R]:
            assert self.reader is not None
            for chunk in self.reader(self):
                for piece in (chunk,) if chunk.rows <= step else _slices(chunk, step):
                    yield then(piece)

        return read() if self.format == "xlsx" else _ahead(read())

    def describe(self) -> str:
        if self.format == "csv" and self.dialect is not None:
            return f"CSV, {self.dialect.describe()}"
        if self.format == "xlsx":
            return f"XLSX, sheet {self.sheet!r}"
        return self.format


T = TypeVar("T")
R = TypeVar("R")
_DONE = object()


def _same(chunk: Chunk) -> Chunk:
    return chunk


def _ahead(chunks: Iterator[T], depth: int = 2, name: str = "answer-plan-reader") -> Generator[T, None, None]:
    """The items of `chunks`, produced in another thread at most `depth` ahead; an error there is
    raised here; when the caller stops (an error of its own, Ctrl-C), the thread stops too."""
    import queue
    import threading

    out: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for chunk in chunks:
                while not stop.is_set():
                    try:
                        out.put(chunk, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            out.put(_DONE)
        except BaseException as exc:  # to the caller, as it is
            out.put(exc)

    worker = threading.Thread(target=produce, name=name, daemon=True)
    worker.start()
    try:
        while True:
            item = out.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        try:
            with contextlib.suppress(queue.Empty):
                while True:
                    out.get_nowait()
            worker.join(timeout=5)
        except BaseException:  # a second Ctrl-C while stopping: the process is ending already, and the thread
            pass  # (a daemon) with it; raised here it would be a traceback ("Exception ignored in ...")


def _slices(chunk: Chunk, step: int) -> Iterator[Chunk]:
    """A chunk in pieces of at most `step` rows (--chunk-rows)."""
    for a in range(0, chunk.rows, step):
        b = min(a + step, chunk.rows)
        yield Chunk([c.slice(a, b - a) if isinstance(c, (pa.Array, pa.ChunkedArray)) else c[a:b] for c in chunk.raw],
                    {f: v.iloc[a:b].reset_index(drop=True) if hasattr(v, "iloc") else v[a:b]
                     for f, v in chunk.values.items()},
                    b - a, {k - a: m for k, m in chunk.errors.items() if a <= k < b}, chunk.done,
                    None if chunk.numbers is None else chunk.numbers[a:b])


def _format(path: Path, role: str) -> str:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        if path.suffix.lower() == ".xls":
            raise FileError(f"{role}: {str(path)!r} is an old .xls workbook: save it as .xlsx (or CSV) in Excel")
        raise FileError(f"{role}: {str(path)!r} is not .csv, .xlsx or .parquet")
    return kind


def _check_content(path: Path, kind: str) -> None:
    """The file is what its name says (a CSV named .xlsx is refused, not half read)."""
    with path.open("rb") as f:
        head = f.read(8)
    if not head:
        raise FileError(f"{path}: the file is empty")
    zipped, parquet = head.startswith(b"PK\x03\x04"), head.startswith(b"PAR1")
    ole = head.startswith(b"\xd0\xcf\x11\xe0")
    if kind == "xlsx" and not zipped:
        what = "an encrypted workbook or an old .xls" if ole else "not an Excel workbook (it looks like text)"
        raise FileError(f"{path}: this is {what}; save it from Excel as .xlsx, or as CSV named .csv")
    if kind == "parquet" and not parquet:
        raise FileError(f"{path}: this is not a Parquet file")
    if kind == "csv" and (zipped or parquet or ole):
        raise FileError(f"{path}: this is a workbook or binary file, not CSV text; give it its own extension")


def open_source(path: str | Path, spec: TableSpec, options: ReadOptions | None = None) -> Source:
    """Open an input and settle how it is read (format, dialect, sheet, header), or stop."""
    path = Path(path)
    kind = _format(path, spec.name)
    if not path.exists():
        raise FileError(f"{spec.name}: {str(path)!r} does not exist")
    if not path.is_file():
        raise FileError(f"{spec.name}: {str(path)!r} is not a file")
    _check_content(path, kind)
    opener = {"csv": _open_csv, "xlsx": _open_xlsx, "parquet": _open_parquet}[kind]
    return opener(path, spec, options or ReadOptions())


def _score(spec: TableSpec) -> Callable[[list[Any]], int]:
    return lambda cells: recognised(cells, spec)


def _match(headers: list[Any], spec: TableSpec, options: ReadOptions, source: str) -> HeaderMap:
    return match_headers(headers, spec, source=source, mapping=options.mapping)


# ----------------------------------------------------------------------------- numbers in a dialect

def _parse_fields(src: Source, column: Callable[[int], Any], n: int, errors: dict[int, str]) -> dict[str, Any]:
    """The spec's fields of some rows; a number not written as this file writes numbers (150.5
    in a file of decimal commas) is that row's error, named; when no number so far told the
    decimal mark, an ambiguous one (1.000) stops the run rather than be guessed."""
    d = src.dialect or Dialect()
    values: dict[str, Any] = {}
    for f, i in src.headers.fields.items():
        kind = src.spec.fields[f]
        col = column(i)
        arrow = isinstance(col, (pa.Array, pa.ChunkedArray))
        if kind in ("count", "amount"):
            if arrow and _is_text(col):
                if not d.decided and pc.any(pc.match_substring_regex(pc.utf8_trim_whitespace(col),
                                                                      AMBIGUOUS_RE2)).as_py():
                    example = next(v for v in col.to_pylist()
                                   if isinstance(v, str) and re.match(AMBIGUOUS_RE2, v.strip()))
                    raise DialectError(f"{src.path}: {example.strip()!r} ({f}) could be a thousand (Dutch) or one with "
                                       "three decimals (English); say --decimal , or --decimal .")
                values[f] = parse_numbers(col, d.decimal)
            elif arrow:
                values[f] = _arrow_numbers(col, f, src)
            else:
                if not d.decided:
                    text_cell = next((v for v in col if isinstance(v, str) and re.match(AMBIGUOUS_RE2, v.strip())),
                                     None)
                    if text_cell is not None:
                        raise DialectError(f"{src.path}: {text_cell.strip()!r} ({f}) is text that could be a thousand "
                                           "(Dutch) or one with three decimals (English); say --decimal , or "
                                           "--decimal .")
                values[f] = _list_numbers(col, d.decimal)
            _other_convention(values[f], f, d.decimal, errors)
        elif kind == "flag":
            values[f] = parse_flags(col) if arrow else flags_from_values(col)
        else:  # text: from Arrow as it is (usage_frame makes it a column of a frame), as they are from XLSX
            values[f] = col if arrow else list(col)
    return values


def _is_text(col: pa.Array | pa.ChunkedArray) -> bool:
    return bool(pa.types.is_string(col.type) or pa.types.is_large_string(col.type))


def _other_convention(values: Any, field: str, decimal: str, errors: dict[int, str]) -> None:
    if not isinstance(values, np.ndarray) or values.dtype != object:
        return
    this, other = (COMMA, POINT) if decimal == "," else (POINT, COMMA)
    mark = "comma" if decimal == "," else "point"
    for k, v in enumerate(values.tolist()):
        if isinstance(v, str) and k not in errors and not this.match(v.strip()) and other.match(v.strip()):
            errors[k] = (f"{field}: {v.strip()!r} is not a number as this file writes them (a decimal {mark}, e.g. "
                         f"{'1.234,5' if decimal == ',' else '1,234.5'}); say --decimal if the file is the other way")


def _list_numbers(cells: list[Any], decimal: str) -> np.ndarray:
    """XLSX cells of a numeric column: numbers as they are, text parsed in the dialect."""
    kinds = set(map(type, cells))
    if kinds <= {float, int, type(None)}:  # the common column, at C speed: numbers and blanks (0)
        if type(None) in kinds:
            cells = [0.0 if v is None else v for v in cells]
        return np.asarray(cells, dtype=float)
    out = [python_number(v, decimal) for v in cells]
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in out):
        return np.asarray(out, dtype=float)
    mixed = np.empty(len(out), dtype=object)
    mixed[:] = out
    return mixed


def _arrow_numbers(col: pa.Array | pa.ChunkedArray, field: str, src: Source) -> np.ndarray:
    """A typed (Parquet) column as numbers: nulls are blank cells (0); a dictionary is its values;
    text is parsed; a type that holds no numbers stops the run."""
    col = one_array(col)
    if pa.types.is_dictionary(col.type):
        col = col.dictionary_decode()
    if _is_text(col):
        return parse_numbers(col, src.dialect.decimal if src.dialect else ".")
    t = col.type
    if pa.types.is_null(t):
        return np.zeros(len(col))
    if pa.types.is_string_view(t) or pa.types.is_binary(t) or pa.types.is_large_binary(t):
        try:
            col = pc.cast(col, pa.string())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            raise FileError(f"{src.path}: column {field!r} holds bytes, not numbers") from None
        return parse_numbers(col, src.dialect.decimal if src.dialect else ".")
    if pa.types.is_boolean(t):
        out = np.empty(len(col), dtype=object)
        out[:] = col.to_pylist()
        return out
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        filled = pc.fill_null(col, 0)
        if pa.types.is_decimal(t):
            out = np.empty(len(col), dtype=object)
            out[:] = filled.to_pylist()  # exact Decimals
            return out
        values: np.ndarray = filled.to_numpy(zero_copy_only=False)
        return values
    raise FileError(f"{src.path}: column {field!r} is of type {t}, not numbers")


def _repeated_headers(src: Source, cols: list[Any]) -> dict[int, str]:
    """Rows that repeat the header (two exports pasted together): an error each, not a customer."""
    fields = list(src.headers.fields.items())
    if not fields:
        return {}
    # a numeric field's column if there is one: there a header's text stands out by its first byte
    _, i = next(((f, j) for f, j in fields if src.spec.fields[f] in NUMERIC), fields[0])
    col = cols[i]
    head = normalise(src.names[i])
    rows: Iterable[int] = range(len(col))
    if isinstance(col, (pa.Array, pa.ChunkedArray)) and head:
        if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            return {}
        col = one_array(col)
        # the header's text starts with its first character in any case, a space, a quote, or a byte
        # of a character beyond ASCII: told by one table of first bytes
        maybe = np.zeros(256, bool)
        maybe[[head[0].encode("utf-8")[0], head[0].upper().encode("utf-8")[0], *b" \t\"'"]] = True
        maybe[0x80:] = True
        first = first_bytes(col)
        low, high = (int(first.min()), int(first.max())) if first.size else (0, 0)
        # a column of numbers starts with digits only: none of the header's bytes among them, told by two reductions
        rows = np.flatnonzero(maybe[first]).tolist() if maybe[low:high + 1].any() else []
    out = {}
    for r in rows:
        v = col[r].as_py() if isinstance(col, (pa.Array, pa.ChunkedArray)) else col[r]
        if isinstance(v, str) and normalise(v) == head:
            row = [c[r] if not isinstance(c, (pa.Array, pa.ChunkedArray)) else c[r].as_py() for c in cols]
            if sum(normalise(x) == normalise(n) for x, n in zip(row, src.names, strict=False) if x is not None) > 1:
                out[r] = "a repeated header row, not a customer"
    return out


# ----------------------------------------------------------------------------- CSV

def _open_csv(path: Path, spec: TableSpec, options: ReadOptions) -> Source:
    dialect, rows = sniff(path, encoding=options.encoding, separator=options.separator, is_header=_score(spec))
    if not rows:
        raise FileError(f"{path}: no header row found")
    headers: list[Any] = [h.lstrip("\ufeff") for h in rows[0]]
    hmap = _match(headers, spec, options, str(path))
    cells = [row[i] for row in rows[1:] for f, i in hmap.fields.items()
             if spec.fields[f] in ("count", "amount") and i < len(row)]
    decimal, decided = decide_decimal(cells, dialect.separator if dialect.decided else None, options.decimal, path)
    if not decided and dialect.separator == "\t" and _english_headers(hmap):
        decimal = "."  # tabs are Excel's text in either language: English headers, numbers as English writes them
    return Source(path, "csv", hmap, spec, options, dialect.with_(decimal=decimal, decided=decided), reader=_read_csv)


def _english_headers(hmap: HeaderMap) -> bool:
    """Every field's header is its English name (calls, call seconds (s)), none a Dutch one."""
    from optimizer.ground.words import word

    return bool(hmap.fields) and all(
        normalise(hmap.names[i]) in {normalise(f), normalise(word("header:" + f))} for f, i in hmap.fields.items())


def _read_csv(src: Source) -> Iterator[Chunk]:
    import pyarrow.csv as pcsv

    d = src.dialect
    assert d is not None
    width = len(src.names)
    size = max(src.path.stat().st_size, 1)

    def fail(exc: BaseException) -> FileError:
        text = str(exc)
        ragged = _RAGGED.search(text)
        if ragged:  # Arrow's own words (no Python callback: one released in Arrow's threads can abort the exit)
            line = _line_of(src.path, ragged.group(3), d.encoding)
            where = f"(line {line:,}) " if line else ""
            return FileError(f"{src.path}: a row {where}has {ragged.group(2)} cells where the header has "
                             f"{ragged.group(1)}: the file is not one table (a stray separator, or a quote?)")
        if isinstance(exc, (UnicodeError, LookupError)) or "UTF8" in text or "utf-8" in text:
            bad = _first_undecodable(src.path, d.encoding)
            at = f" from line {bad[0]:,} (byte {bad[1]:,})" if bad else " further on in the file"
            return FileError(f"{src.path}: not readable as {d.encoding}{at}; say --encoding (cp1252 for a file of "
                             "Dutch Windows)")
        if "straddling" in text:
            return FileError(f"{src.path}: a field or row is larger than {LARGEST >> 20} MiB; this is no table of "
                             "customers (or a quote is never closed)")
        if "Empty CSV" in text or "skip initial" in text:
            return FileError(f"{src.path}: there are no rows below the header")
        return FileError(f"{src.path}: cannot be read as CSV: {text.splitlines()[0] if text else type(exc).__name__}")

    def blocks(block: int, blanked: bool) -> Iterator[pa.RecordBatch]:
        stream = _BlankLines(src.path, d.separator, d.encoding) if blanked else None
        try:
            reader = pcsv.open_csv(
                stream or src.path,
                read_options=pcsv.ReadOptions(encoding=stream.encoding if stream else d.encoding,
                                              skip_rows=d.header_line + 1,
                                              column_names=[f"c{i}" for i in range(width)], block_size=block,
                                              use_threads=True),
                # an empty line is a (blank) row, as a spreadsheet shows it: counted, and the rows after it
                # keep their numbers
                parse_options=pcsv.ParseOptions(delimiter=d.separator, newlines_in_values=True,
                                                ignore_empty_lines=False),
                # a file the pass over it read as UTF-8, and of that size still, is not checked again (a
                # sixth of Arrow's work)
                convert_options=pcsv.ConvertOptions(default_column_type=pa.string(), strings_can_be_null=False,
                                                    check_utf8=d.utf8_checked != src.path.stat().st_size))
        except pa.ArrowInvalid as exc:
            if "Empty CSV" in str(exc) or "skip initial" in str(exc):
                return  # a header and no rows
            raise
        while True:
            try:
                yield reader.read_next_batch()
            except StopIteration:
                return

    def batches() -> Iterator[tuple[pa.RecordBatch, int]]:
        """(rows, bytes read so far) in blocks of BLOCK; the file read again, on from the rows
        already given, in blocks of LARGEST when a row is longer than BLOCK, and with its lines of
        only spaces and separators made empty (blank rows) when Arrow took one for a ragged row."""
        given, block, blanked = 0, BLOCK, False
        while True:
            skip = given
            try:
                for k, batch in enumerate(blocks(block, blanked), start=1):
                    if skip < batch.num_rows:
                        given += batch.num_rows - skip
                        yield batch.slice(skip) if skip else batch, k * block
                    skip = max(0, skip - batch.num_rows)
                return
            except pa.ArrowInvalid as exc:
                if "straddling" in str(exc) and block < LARGEST:
                    block = LARGEST
                elif not blanked and _blank_row(str(exc), d.separator):
                    blanked = True
                else:
                    raise

    def tables() -> Iterator[tuple[pa.Table, np.ndarray, float]]:
        """The blocks grouped into chunks, joined, their blank rows dropped: (rows, their numbers,
        the fraction of the file read). The first block alone (a quick start), then as many as make
        a chunk of at most chunk_rows (another block would overflow it) or CHUNK_BYTES."""
        step = max(1, src.options.chunk_rows)
        pending: list[pa.RecordBatch] = []
        for count, (batch, read) in enumerate(batches(), start=1):
            pending.append(batch)
            rows = sum(b.num_rows for b in pending)
            if count == 1 or rows + batch.num_rows > step or sum(b.nbytes for b in pending) >= CHUNK_BYTES:
                yield (*_csv_rows(src, _joined(pending)), min(1.0, read / size))
                pending = []
        if pending:
            yield (*_csv_rows(src, _joined(pending)), 1.0)

    # Arrow parses the next blocks (and they are joined into chunks) in a thread of their own while
    # this one reads the cells of the chunk before (and the caller works on the one before that):
    # three stages on two cores
    source = _ahead(tables(), depth=2, name="answer-plan-parser")
    try:
        while True:
            try:
                table, numbers, done = next(source)
            except StopIteration:
                break
            except (pa.ArrowInvalid, UnicodeError, LookupError, ValueError) as exc:
                raise fail(exc) from None
            yield _csv_chunk(src, table, numbers, done)
    finally:  # the parser thread stops with this generator, also when it is closed early (a second Ctrl-C
        with contextlib.suppress(BaseException):  # then: the process is ending, no traceback)
            source.close()


_RAGGED = re.compile(r"Expected (\d+) columns, got (\d+): (.*)", re.S)  # Arrow's words for a row of another width


def _blank_row(error: str, separator: str) -> bool:
    """Arrow's error is of a row that holds only spaces, tabs and separators (a line of spaces, or
    of fewer separators than the header has): a blank row to a spreadsheet. Arrow shows a row of
    more than 100 bytes by its first 96 and ' ...': blank as far as it shows, it may be (the reading
    with blank lines made empty tells: a row that is not stops it again, with its line)."""
    ragged = _RAGGED.search(error)
    if ragged is None:
        return False
    row = ragged.group(3)
    row = row.removesuffix(" ...") if len(row) == _SHOWN_ROW else row  # (blank: one byte a character)
    return not row.strip(" \t\r\n\f\v" + separator)


_SHOWN_ROW = 100  # the bytes of a row Arrow's error shows; a longer row: its first 96 and ' ...'
_TRIES = 100_000  # lines that start with a ragged row's text looked at for it, at most (its line then unsaid)


def _ascii_marks(name: str, marks: str) -> bool:
    """Whether a codec writes these characters as their ASCII bytes, and never their bytes inside
    another character (UTF-8, cp1252, latin-1 and the other one-byte code pages; not UTF-16)."""
    one_byte = name.startswith("utf-8") or len(bytes(range(256)).decode(name, errors="replace")) == 256
    return one_byte and marks.encode(name).removeprefix(codecs.BOM_UTF8) == marks.encode("ascii")


class _BlankLines(io.RawIOBase):
    """A CSV file's bytes with each line of only spaces, tabs and separators made empty: a blank
    row, as a spreadsheet shows it, where Arrow would see a row of too few (or too many) cells and
    stop. A line inside a quoted cell stays as it is: where each line ends is told as Arrow's parser
    tells it (CR LF, LF or CR alone ends a line; a quote opens a cell only at the cell's start, `""`
    inside is one quote), a line without quotes at once and a line of whole cells by one pattern.
    Read line by line in Python: only for a file that has such a line. A file whose separator,
    quotes, spaces and line ends are not the ASCII bytes (UTF-16, UTF-32) is given in UTF-8
    (`encoding`: the encoding of what it gives)."""

    def __init__(self, path: Path, separator: str, encoding: str) -> None:
        super().__init__()
        name = codecs.lookup(encoding).name
        ascii_marks = _ascii_marks(name, ' \t\r\n"' + separator)
        self.encoding = encoding if ascii_marks else "utf-8"
        self._decoder = None if ascii_marks else codecs.getincrementaldecoder(name)(errors="strict")
        sep = re.escape(separator.encode("ascii"))
        cell = rb'(?:"(?:[^"]|"")*"(?!")[^' + sep + rb']*|[^"' + sep + rb'][^' + sep + rb']*|)'  # "" inside: one
        self._whole = re.compile(cell + rb"(?:" + sep + cell + rb")*\r?", re.S)  # a line of whole cells
        self._opens = re.compile(rb'(?:^|' + sep + rb')"')  # a quoted cell starts
        self._closes = re.compile(rb'(?:[^"]|"")*"(?!")', re.S)  # ... and ends
        self._blanks = b" \t\f\v\r" + separator.encode("ascii")
        self._file = path.open("rb")
        self._out, self._at = b"", 0  # lines made, given up to _at
        self._rest = b""  # the last line read, not ended yet
        self._quoted = False  # inside a quoted cell at the end of what was given
        self._lone_cr = False  # ... which ends in a CR alone
        self._done = False  # the file read to its end

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        """As much as `buffer` holds (Arrow takes what one read gives for a block, so a row longer
        than one read of the file would straddle blocks however large they are), never ending on a
        CR while more follows: Arrow takes an LF that opens the next read for the end of that CR's
        CR LF, and a read of that LF alone for the end of the file (rows after it lost)."""
        view = memoryview(buffer).cast("B")
        n = 0
        while n < len(view):
            if self._at == len(self._out):
                if not self._more():
                    break
                continue
            k = min(len(view) - n, len(self._out) - self._at)
            view[n:n + k] = self._out[self._at:self._at + k]
            self._at, n = self._at + k, n + k
        if n > 1 and view[n - 1] == ord("\r") and (self._at < len(self._out) or not self._done):
            self._at, n = self._at - 1, n - 1  # the CR given with what follows it
        return n

    def _more(self) -> bool:
        """The next lines of the file made (none, when no line of what was read has ended yet);
        False when the file has no more."""
        if self._done:
            return False
        raw = self._file.read(1 << 20)
        block = raw if self._decoder is None else self._decoder.decode(raw, final=not raw).encode("utf-8")
        data = self._rest + block
        # up to the last line end; a CR at the very end may be the first half of a CR LF: kept back
        end = max(data.rfind(b"\n"), data.rfind(b"\r", 0, len(data) - 1)) + 1 if raw else len(data)
        self._out, self._at, self._rest, self._done = self._lines(data[:end]), 0, data[end:], not raw
        return True

    def _lines(self, data: bytes) -> bytes:
        """Whole lines with their line ends, the blank ones made empty: split at LF where every CR
        stands before one (LF or CR LF line ends, a CR kept with its line: the usual case, fast),
        else at every line end (CR alone: old Mac files). A blank line between a CR alone and an LF
        is made a CR: emptied, the two would be one CR LF, a blank row lost."""
        at_lf = data.count(b"\r") == data.count(b"\r\n")
        parts, step, glue = (data.split(b"\n"), 1, b"\n") if at_lf else (_LINE_ENDS.split(data), 2, b"")
        for k in range(0, len(parts), step):  # (split by a group, the line ends are the parts between)
            line = parts[k]
            if self._quoted:
                self._quoted = self._ends_quoted(line, True)
            elif not line.strip(self._blanks):
                after_cr = self._lone_cr if k == 0 else step == 2 and parts[k - 1] == b"\r"
                before_lf = (k + 1 < len(parts) and not line.endswith(b"\r")) if at_lf else \
                    parts[k + 1:k + 2] == [b"\n"]
                parts[k] = b"\r" if line.endswith(b"\r") or (after_cr and before_lf) else b""
            elif b'"' in line and not self._whole.fullmatch(line):
                self._quoted = self._ends_quoted(line, False)
        out = glue.join(parts)
        self._lone_cr = out.endswith(b"\r") if out else self._lone_cr
        return out

    def _ends_quoted(self, line: bytes, quoted: bool) -> bool:
        """Whether a line ends inside a quoted cell (`quoted`: it starts inside one)."""
        at = 0
        while True:
            if not quoted:
                opened = self._opens.search(line, at)
                if opened is None:
                    return False
                at = opened.end()
            closed = self._closes.match(line, at)
            if closed is None:
                return True
            at, quoted = closed.end(), False

    def close(self) -> None:
        self._file.close()
        super().close()


_LINE_ENDS = re.compile(rb"(\r\n|\r|\n)")  # as Arrow's parser ends a line (kept by split: a group)


def _first_undecodable(path: Path, encoding: str) -> tuple[int, int] | None:
    """(line, byte) of the first byte a file's encoding cannot read, or None: on the error's path
    only, the file decoded in blocks as the reader would."""
    import codecs

    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        lines, offset = 1, 0
        with path.open("rb") as f:
            while block := f.read(1 << 20):
                pending = len(decoder.getstate()[0])  # bytes of a character the block before cut
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as exc:
                    at = max(exc.start - pending, 0)  # in this block
                    return lines + block[:at].count(b"\n"), offset - pending + exc.start
                lines += block.count(b"\n")
                offset += len(block)
    except (OSError, LookupError, UnicodeError):
        return None
    return None


def _line_of(path: Path, row: str, encoding: str) -> int | None:
    """The line of a file where a row (as Arrow quotes it in an error) stands, or None: found on
    the error's path only, by its text, as a whole line (the first such line; a row Arrow cut short:
    the first line it starts). In the file's bytes where its line ends are ASCII bytes (UTF-8, the
    one-byte code pages), else (UTF-16, UTF-32) in its text."""
    row = row.rstrip("\r\n")
    if not row:
        return None
    try:
        name = codecs.lookup(encoding).name
        data = path.read_bytes()
        wide = not _ascii_marks(name, "\r\n")
        text = data.decode(name, errors="replace") if wide else ""
    except (OSError, LookupError, UnicodeError):
        return None
    for start, whole in ((row, True), (row.removesuffix(" ...").rstrip("\ufffd"), False)):
        if not start or (not whole and not row.endswith(" ...")):
            continue
        if wide:
            found = _line_starting(text, start, whole, "\r", "\n", "\ufeff")
        else:
            try:
                needle = start.encode("utf-8" if name.startswith("utf-8") else name)
            except UnicodeError:
                return None
            found = _line_starting(data, needle, whole, b"\r", b"\n", codecs.BOM_UTF8)
        if found is not None:
            return found
    return None


def _line_starting(text: AnyStr, row: AnyStr, whole: bool, cr: AnyStr, lf: AnyStr, bom: AnyStr) -> int | None:
    """The line (from 1) of the first line of `text` that is `row` (not `whole`: that starts with
    it): CR LF, LF and CR alone end a line, as in Arrow's parser; the text may start with its byte
    order mark. Only lines that start with `row` are looked at (found by the line end before them),
    at most _TRIES of them."""
    def fits(at: int) -> bool:
        end = at + len(row)
        return not whole or end == len(text) or text[end:end + 1] in (cr, lf)

    first = len(bom) if text.startswith(bom) else 0
    if text.startswith(row, first) and fits(first):
        return 1
    best = -1
    for mark in (lf, cr):
        at, tries = text.find(mark + row), 0
        while at >= 0 and (best < 0 or at < best) and tries < _TRIES:
            if fits(at + 1):
                best = at + 1
                break
            at, tries = text.find(mark + row, at + 1), tries + 1
    if best < 0:
        return None
    return text.count(lf, 0, best) + text.count(cr, 0, best) - text.count(cr + lf, 0, best) + 1


def _joined(batches: list[pa.RecordBatch]) -> pa.Table:
    """Blocks of a CSV as one table of contiguous columns (one block as it is: Arrow's concatenation
    copies even a single block)."""
    table = pa.Table.from_batches(batches)
    return table if len(batches) == 1 else table.combine_chunks()


_SPACE = np.zeros(256, bool)
_SPACE[[ord(c) for c in " \t\n\r\x0b\x0c"]] = True
_SPACE[0x80:] = True  # may be a Unicode space: decided by the full rule


def _not_blank(cols: list[Any], n: int) -> np.ndarray:
    """Rows with a cell that holds something besides spaces. A cell whose first byte is no space
    settles its row at once (a customer's id, mostly), so the full rule runs on the few left."""
    keep = np.zeros(n, bool)
    for col in cols:
        left = np.flatnonzero(~keep)
        if not left.size:
            break
        col = one_array(col)
        lengths = np.diff(offsets_of(col))
        first = first_bytes(col)
        if left.size == n and n and lengths.min() > 0 and int(first.min()) > 32 and int(first.max()) < 0x80:
            return np.ones(n, bool)  # every cell of the first column filled, none starting with a space: reductions
        filled = lengths > 0
        spaced = _SPACE[first]
        if left.size == n:  # every row still open (the first column): no gathering
            keep |= filled & ~spaced
            doubt = np.flatnonzero(filled & spaced)
        else:
            keep[left] |= filled[left] & ~spaced[left]
            doubt = left[filled[left] & spaced[left] & ~keep[left]]
        if doubt.size:
            few = col.take(pa.array(doubt))
            text = pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(few)), 0)
            keep[doubt] |= np.asarray(pc.fill_null(text, False).to_numpy(zero_copy_only=False), bool)
    return keep


def _csv_rows(src: Source, table: pa.Table) -> tuple[pa.Table, np.ndarray]:
    """Some rows of a CSV file without its blank ones (counted), and their numbers as a spreadsheet
    shows them (the header's row, the rows before it and the blank ones counted)."""
    assert src.dialect is not None
    numbers = np.arange(table.num_rows) + src.rows_seen + src.dialect.header_row + 2
    src.rows_seen += table.num_rows
    keep = _not_blank(table.columns, table.num_rows)
    if not keep.all():
        src.blank_rows += int((~keep).sum())
        table = table.filter(pa.array(keep))
        numbers = numbers[keep]
    return table, numbers


def _csv_chunk(src: Source, table: pa.Table, numbers: np.ndarray, done: float) -> Chunk:
    """The spec's fields of some rows (_csv_rows) parsed in the file's dialect."""
    cols = [one_array(c) for c in table.columns]  # what reads them next needs no copy of its own
    errors = _repeated_headers(src, list(cols))
    values = _parse_fields(src, lambda i: cols[i], table.num_rows, errors)
    return Chunk(cols, values, table.num_rows, errors, done, numbers)


# ----------------------------------------------------------------------------- XLSX

_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c r="([A-Z]+)([0-9]+)"[^>]*>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)'
                           rb'\s*(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>|<(?:\w+:)?v>[^<]*</(?:\w+:)?v>)?'
                           rb'\s*</(?:\w+:)?c>')


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


class _Book:
    """An XLSX workbook read with python-calamine (Rust: fast, the values as Excel saved them), and
    the XML of its sheets scanned for what calamine cannot tell apart from a blank: a formula saved
    without its value, and an Excel error value (#N/A) in a cell."""

    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook

        self.path = path
        try:
            self.book = CalamineWorkbook.from_path(str(path))
            self.zip = zipfile.ZipFile(path)
        except Exception as exc:  # calamine and zipfile raise their own errors for broken parts
            raise FileError(f"{path}: cannot be read as an Excel workbook ({type(exc).__name__})") from None
        self._rows: dict[str, list[list[Any]]] = {}
        meta = list(self.book.sheets_metadata)
        self.every = [m.name for m in meta]
        self.sheetnames = [m.name for m in meta if "Chart" not in str(m.typ)]  # a chart sheet holds no cells

    def rows(self, name: str, limit: int | None = None) -> list[list[Any]]:
        """The sheet's rows from A1 (empty cells None), at most `limit`; each sheet parsed once."""
        found = self._rows.get(name)
        if found is None:
            sheet = self.book.get_sheet_by_name(name)
            found = self._rows[name] = [[None if v == "" else v for v in row]
                                        for row in sheet.to_python(skip_empty_area=False)]
        return found[:limit] if limit else found

    def part(self, name: str) -> bytes:
        """The XML of a sheet, found through the workbook's relationships."""
        workbook = self.zip.read("xl/workbook.xml")
        rels = self.zip.read("xl/_rels/workbook.xml.rels")
        for m in re.finditer(rb"<(?:\w+:)?sheet\b[^>]*>", workbook):
            tag = m.group(0)
            found = re.search(rb'name="([^"]*)"', tag)
            rid = re.search(rb'(?:\w+:)?id="([^"]*)"', tag)
            if found and rid and _xml_text(found.group(1)) == name:
                target = re.search(rb'<Relationship\b[^>]*Id="' + re.escape(rid.group(1)) + rb'"[^>]*Target="([^"]*)"',
                                   rels) or re.search(rb'<Relationship\b[^>]*Target="([^"]*)"[^>]*Id="'
                                                      + re.escape(rid.group(1)) + rb'"', rels)
                if target:
                    path = target.group(1).decode()
                    path = path.lstrip("/") if path.startswith("/") else "xl/" + path
                    return self.zip.read(path)
        return b""

    def recalculated_on_open(self) -> bool:
        """The workbook asks Excel to calculate every formula when it opens (fullCalcOnLoad): its
        saved values were written by a program that does not calculate (XlsxWriter, pandas) and
        mean nothing."""
        try:
            return bool(re.search(rb'fullCalcOnLoad\s*=\s*"(1|true)"', self.zip.read("xl/workbook.xml")))
        except KeyError:
            return False

    def close(self) -> None:
        self.zip.close()
        with contextlib.suppress(Exception):
            self.book.close()


def _xml_text(raw: bytes) -> str:
    import html

    return html.unescape(raw.decode("utf-8"))


_ERROR_CELL = re.compile(rb'<(?:\w+:)?c r="([A-Z]+)([0-9]+)"[^>]*\bt="e"[^>]*>(?:(?!</(?:\w+:)?c>).)*?'
                         rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>', re.DOTALL)
_LAST_ROW = re.compile(rb'<(?:\w+:)?row r="([0-9]+)"')


def _cell_marks(data: bytes, untrusted: bool) -> tuple[set[tuple[int, int]], dict[tuple[int, int], str], int]:
    """From a sheet's XML: (row, column) of formula cells whose value is unknown (saved without
    one, or saved by a program that does not calculate: every formula then; never 0), the Excel
    error value of each error cell, and the last row number the sheet has."""
    unsaved: set[tuple[int, int]] = set()
    if b"<f" in data or b":f" in data:
        for m in _FORMULA_CELL.finditer(data):
            value = m.group(3)
            empty = value is None or re.fullmatch(rb"<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>", value) is not None
            if empty or untrusted:
                unsaved.add((int(m.group(2)), _column_index(m.group(1))))
    errors = {}
    if b'"e"' in data:
        errors = {(int(m.group(2)), _column_index(m.group(1))): m.group(3).decode("utf-8", "replace").strip()
                  for m in _ERROR_CELL.finditer(data)}
    rows = _LAST_ROW.findall(data[-65536:]) or _LAST_ROW.findall(data)
    return unsaved, errors, int(rows[-1]) if rows else 0


def _open_book(path: Path) -> _Book:
    return _Book(path)


def _header(book: _Book, name: str, spec: TableSpec) -> tuple[int, list[Any], int]:
    """(row number of the header, its cells, how many fields it names) among the first rows."""
    best: tuple[int, list[Any], int] = (0, [], 0)
    for r, row in enumerate(book.rows(name, SCAN_ROWS), start=1):
        score = recognised(row, spec)
        if score > best[2]:
            best = (r, list(row), score)
    return best


def _open_xlsx(path: Path, spec: TableSpec, options: ReadOptions) -> Source:
    book = _open_book(path)
    try:
        every, names = book.every, book.sheetnames
        if options.sheet is not None:
            wanted = options.sheet
            chosen = [n for n in every if n == wanted] or [n for n in every if n.lower() == wanted.lower()]
            if not chosen:
                raise FileError(f"«sheet {options.sheet}»: not a sheet of {path.name} (sheets: "
                                f"{', '.join(map(repr, names))})")
            if chosen[0] not in names:
                raise FileError(f"«sheet {options.sheet}»: {chosen[0]!r} is a chart, not a sheet of cells (sheets: "
                                f"{', '.join(map(repr, names))})")
        else:
            chosen = [n for n in names if recognised(_header(book, n, spec)[1], spec.any_of or spec)]
            if not chosen:
                raise HeaderError(f"{path}: no sheet has a header with usage columns (sheets: "
                                  f"{', '.join(map(repr, names))}); expected names such as "
                                  f"{', '.join(list(spec.any_of or spec.fields)[:6])}")
            if len(chosen) > 1:
                raise FileError(f"{path}: sheets {', '.join(map(repr, chosen))} all have usage columns; say "
                                "--sheet NAME")
        row, cells, _ = _header(book, chosen[0], spec)
        if not cells:
            raise HeaderError(f"{path} (sheet {chosen[0]!r}): no header row with field names in its first "
                              f"{SCAN_ROWS} rows (expected names such as {', '.join(list(spec.fields)[:6])})")
        headers = [c if c is not None else "" for c in cells]
        while len(headers) > 1 and headers[-1] == "":
            headers.pop()  # trailing columns without a header hold nothing (checked while reading)
        hmap = _match(headers, spec, options, f"{path} (sheet {chosen[0]!r})")
        if hmap.names and any(not n for n in hmap.names):
            hmap = HeaderMap(hmap.fields, [n or f"column {_letters(i)}" for i, n in enumerate(hmap.names)])
    except BaseException:
        book.close()
        raise
    src = Source(path, "xlsx", hmap, spec, options, sheet=chosen[0], reader=_read_xlsx)
    src.book = book  # the sheet already parsed, for the reading
    src.dialect = Dialect(decimal=options.decimal or ".", header_line=max(0, row - 1), header_row=max(0, row - 1),
                          decided=options.decimal is not None)
    return src


def _read_xlsx(src: Source) -> Iterator[Chunk]:
    assert src.sheet is not None
    book, src.book = src.book or _open_book(src.path), None
    try:
        unsaved, error_cells, last = _cell_marks(book.part(src.sheet), book.recalculated_on_open())
        rows = book.rows(src.sheet)
        if last > len(rows):  # rows calamine leaves off its end (a formula saved without a value) count too
            rows += [[] for _ in range(last - len(rows))]
        header = (src.dialect.header_line if src.dialect else 0) + 1
        width = len(src.names)
        total = max(len(rows) - header, 1)
        batch: list[tuple[Any, ...]] = []
        numbers: list[int] = []
        seen = 0
        for r in range(header + 1, len(rows) + 1):
            row = rows[r - 1]
            seen += 1
            marked = any((r, i) in unsaved or (r, i) in error_cells for i in range(width)) if (
                unsaved or error_cells) else False
            if len(row) > width and any(v is not None for v in row[width:]):
                raise FileError(f"{src.path} (sheet {src.sheet!r}): row {r} has cells right of the header "
                                f"(column {_letters(width)} and on); give them a header, so nothing is left out")
            cells = tuple(row[:width]) + (None,) * (width - len(row))
            if not marked and all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                src.blank_rows += 1
                continue
            batch.append(cells)
            numbers.append(r)
            if len(batch) >= XLSX_CHUNK:
                yield _xlsx_chunk(src, batch, numbers, unsaved, min(1.0, seen / total), error_cells)
                batch, numbers = [], []
        if batch:
            yield _xlsx_chunk(src, batch, numbers, unsaved, 1.0, error_cells)
    finally:
        book.close()


def _decide_xlsx_decimal(src: Source, cols: list[list[Any]]) -> None:
    """Numbers typed as text in a workbook: their decimal mark from themselves, as in CSV."""
    if src.dialect is None or src.dialect.decided:
        return
    cells = [v for f, i in src.headers.fields.items() if src.spec.fields[f] in ("count", "amount")
             for v in cols[i] if isinstance(v, str)]
    if not cells:
        return
    decimal, decided = decide_decimal(cells, None, None, f"{src.path} (sheet {src.sheet!r})")
    src.dialect = src.dialect.with_(decimal=decimal, decided=decided)


def _xlsx_chunk(src: Source, rows: list[tuple[Any, ...]], numbers: list[int], unsaved: set[tuple[int, int]],
                done: float, error_cells: dict[tuple[int, int], str] | None = None) -> Chunk:
    cols = [list(c) for c in zip(*rows, strict=True)]
    errors: dict[int, str] = {}
    used = {i: f for f, i in src.headers.fields.items()}
    marked = {r for r, _ in unsaved} | ({r for r, _ in error_cells} if error_cells else set())
    for k, r in enumerate(numbers):
        if r not in marked:  # (a workbook holds no NaN or infinity: Excel saves those as #NUM!)
            continue
        for i, f in used.items():
            if (r, i) in unsaved:
                errors[k] = (f"{f} (cell {_letters(i)}{r}): a formula whose value was never calculated; open the file "
                             "in Excel and save it, so its values are stored")
                break
            if error_cells and (r, i) in error_cells:
                errors[k] = f"{f} (cell {_letters(i)}{r}): {error_cells[(r, i)]}"
                break
            v = cols[i][k]
            if isinstance(v, float) and not math.isfinite(v):
                errors[k] = f"{f} (cell {_letters(i)}{r}): {v} is not a number"
                break
    _decide_xlsx_decimal(src, cols)
    errors.update({k: v for k, v in _repeated_headers(src, cols).items() if k not in errors})
    values = _parse_fields(src, lambda i: cols[i], len(rows), errors)
    for f, arr in values.items():  # an Excel error in a cell is that row's error, named
        if isinstance(arr, np.ndarray) and arr.dtype == object:
            for k in np.flatnonzero([excel_error(v) is not None for v in arr]).tolist():
                errors.setdefault(k, f"{f} (cell {_letters(src.headers.fields[f])}{numbers[k]}): {arr[k]}")
    return Chunk(cols, values, len(rows), errors, done, np.asarray(numbers, np.int64))


# ----------------------------------------------------------------------------- Parquet

def _open_parquet(path: Path, spec: TableSpec, options: ReadOptions) -> Source:
    import pyarrow.parquet as pq

    try:
        f = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise FileError(f"{path}: cannot be read as Parquet: {str(exc).splitlines()[0]}") from None
    names = list(f.schema_arrow.names)
    hmap = _match(names, spec, options, str(path))
    src = Source(path, "parquet", hmap, spec, options, reader=_read_parquet)
    src.dialect = Dialect(decimal=options.decimal or ".", decided=options.decimal is not None)
    return src


def _read_parquet(src: Source) -> Iterator[Chunk]:
    import pyarrow.parquet as pq

    f = pq.ParquetFile(src.path)
    total = max(f.metadata.num_rows, 1)
    done = 0
    for batch in f.iter_batches(batch_size=100_000):
        done += batch.num_rows
        cols = list(batch.columns)
        errors: dict[int, str] = {}
        values = _parse_fields(src, cols.__getitem__, batch.num_rows, errors)
        yield Chunk(cols, values, batch.num_rows, errors, done / total, np.arange(done - batch.num_rows, done) + 1)


# ----------------------------------------------------------------------------- whole tables

def usage_frame(src: Source, values: dict[str, Any], n: int) -> pd.DataFrame:
    """The parsed fields of a chunk as a frame named as Usage wants; text from Arrow becomes pandas'
    text column."""
    return pd.DataFrame({f: _frame_column(src, f, column) for f, column in values.items()}, index=pd.RangeIndex(n),
                        copy=False)


def usage_columns(src: Source, values: dict[str, Any]) -> dict[str, Any]:
    """The parsed fields of a chunk by name, for a reader that works in Arrow (rate's): text from
    Arrow stays Arrow's (as_written), without a frame made and taken apart again; the other columns
    as usage_frame makes them."""
    out: dict[str, Any] = {}
    for f, column in values.items():
        written = as_written(column)
        out[f] = written if written is not None else _frame_column(src, f, column)
    return out


def _frame_column(src: Source, f: str, column: Any) -> Any:
    if isinstance(column, (pa.Array, pa.ChunkedArray)):  # from Arrow (text, or a Parquet file's typed ids)
        if pa.types.is_dictionary(column.type):  # a Parquet file's categories: their values
            column = column.cast(column.type.value_type)
        return column.to_pandas().fillna("")
    if src.spec.fields[f] in ("text", "month"):
        return pd.Series(["" if v is None else v for v in column], dtype=object)
    return column


def as_written(column: Any) -> pa.Array | None:
    """A column of cells as read (Chunk.raw) as the file wrote them: Arrow's text (a Parquet file's
    categories: their values), blanks empty; None when the cells were read as values (a workbook's
    numbers, a Parquet file's typed column)."""
    if not isinstance(column, (pa.Array, pa.ChunkedArray)):
        return None
    column = one_array(column)
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    if not _is_text(column):
        return None
    return pc.fill_null(column, "") if column.null_count else column


def blank_cells(column: Any) -> np.ndarray:
    """Which cells of a column as read (Chunk.raw) are blank: missing, empty, or spaces only."""
    if isinstance(column, (pa.Array, pa.ChunkedArray)):
        if not _is_text(column):
            return np.asarray(column.is_null().to_numpy(zero_copy_only=False), bool)
        empty = pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(column)), 0)
        return np.asarray(pc.fill_null(empty, True).to_numpy(zero_copy_only=False), bool)
    return np.array([is_blank(v) for v in column], bool)


class Whole(NamedTuple):
    """A whole table as read_all reads it."""

    source: Source
    raw: list[Any]  # the columns exactly as read
    frame: pd.DataFrame  # the spec's fields
    errors: dict[int, str]  # row (0-based, of the frame) -> why a cell of it cannot be used
    numbers: np.ndarray  # each row's number in the input as a spreadsheet shows it (for messages)

    def row(self, k: int) -> int:
        return int(self.numbers[k]) if k < len(self.numbers) else k + 1


def read_all(source: str | Path, spec: TableSpec, options: ReadOptions | None = None) -> Whole:
    """A whole (modest) table: its source, raw columns as read, the spec's fields as a frame,
    input errors by row and the rows' numbers; for commands that need every row at once
    (schedules, scenarios, letters)."""
    import pyarrow as pa

    src = open_source(source, spec, options or ReadOptions())
    raw: list[list[Any]] = [[] for _ in src.names]
    frames = []
    numbers: list[np.ndarray] = []
    errors: dict[int, str] = {}
    offset = 0
    for chunk in src.chunks():
        for i, col in enumerate(chunk.raw):
            raw[i].append(col)
        frames.append(usage_frame(src, chunk.values, chunk.rows))
        errors.update({offset + k: v for k, v in chunk.errors.items()})
        numbers.append(chunk.numbers if chunk.numbers is not None else np.arange(offset, offset + chunk.rows) + 1)
        offset += chunk.rows
    columns: list[Any] = []
    for parts in raw:
        if parts and all(isinstance(p, (pa.Array, pa.ChunkedArray)) for p in parts):
            columns.append(pa.concat_arrays([one_array(p) for p in parts]))
        else:
            columns.append([v for p in parts for v in (p.to_pylist() if hasattr(p, "to_pylist") else p)])
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return Whole(src, columns, frame, errors, np.concatenate(numbers) if numbers else np.zeros(0, np.int64))

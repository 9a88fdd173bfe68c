"""Customer files for bulk runs: CSV, XLSX (and Parquet when pyarrow is installed), read and
written in chunks so a file larger than memory runs in bounded memory. Nothing read is ever
evaluated; text that a spreadsheet would run as a formula is neutralised on the way out."""
from __future__ import annotations

import csv
import math
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .bulk import CURRENT, recommend_many
from .errors import AnswerPlanError
from .tariff import Tariff
from .usage import FLAG_FIELDS, USAGE_FIELDS, flag_from_text

__all__ = ["FORMATS", "XLSX_MAX_ROWS", "BulkSummary", "bulk_file", "neutralise"]

FORMATS = (".csv", ".xlsx", ".parquet")
XLSX_MAX_ROWS = 1_048_575  # a sheet's rows, less the header
RISKY = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


class FileError(AnswerPlanError):
    """A bulk file that cannot be read or written as asked."""


@dataclass
class BulkSummary:
    rows: int = 0
    errors: int = 0
    with_current: int = 0
    saving_cents: int = 0

    def line(self) -> str:
        text = f"rows: {self.rows:,}, errors: {self.errors:,}"
        if self.with_current:
            text += (f", priced against current plans: {self.with_current:,}, total saving: "
                     f"EUR {self.saving_cents / 100:,.2f} per month")
        return text


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; plain numbers stay."""
    if isinstance(value, str) and value.startswith(RISKY) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col].dtype):
            frame[col] = frame[col].map(neutralise)
    frame.columns = [neutralise(str(c)) for c in frame.columns]
    return frame


def _number_text(value: Any) -> Any:
    """A number written as text in a file cell, as a number; other text stays text (and is
    refused by Usage with its message)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None  # a blank cell: 0, like an empty one
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = Decimal(text)
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    return float(number) if Decimal(repr(float(number))) == number else number


def _prepare(chunk: pd.DataFrame) -> pd.DataFrame:
    """Blank usage cells mean 0 (or no); yes/no words are flags; numbers written as text are
    numbers. Everything else as read."""
    for name in USAGE_FIELDS:
        if name in chunk.columns:
            col = chunk[name]
            if name in FLAG_FIELDS and not pd.api.types.is_bool_dtype(col.dtype):
                col = col.map(flag_from_text)
            if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
                col = col.astype(object).map(_number_text)
            if col.isna().any():
                col = col.astype(object).where(col.notna(), False if name in FLAG_FIELDS else 0)
                if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in col):
                    col = col.astype(float)
            chunk[name] = col
    for name in CURRENT:
        if name in chunk.columns:
            chunk[name] = chunk[name].where(chunk[name].notna(), "")
    return chunk


# ----------------------------------------------------------------------------- readers

def _read_csv(path: Path, chunk_rows: int) -> Iterator[tuple[pd.DataFrame, float]]:
    header = pd.read_csv(path, nrows=0).columns
    text = {c: str for c in header if c not in USAGE_FIELDS}  # IDs keep their leading zeros
    size = max(path.stat().st_size, 1)
    with path.open("rb") as handle:
        reader = pd.read_csv(handle, chunksize=chunk_rows, dtype=text, keep_default_na=False,
                             na_values=[""], encoding="utf-8-sig")
        for chunk in reader:
            yield chunk, min(1.0, handle.tell() / size)


def _read_xlsx(path: Path, chunk_rows: int) -> Iterator[tuple[pd.DataFrame, float]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        total = max(sheet.max_row or 1, 1)
        rows = sheet.iter_rows(values_only=True)
        header = [str(h) if h is not None else f"column_{i + 1}" for i, h in enumerate(next(rows, ()))]
        if not header:
            return
        batch: list[tuple[Any, ...]] = []
        done = 1
        for row in rows:
            if all(v is None for v in row):
                continue
            batch.append(row[:len(header)])
            if len(batch) >= chunk_rows:
                done += len(batch)
                yield pd.DataFrame(batch, columns=header), done / total
                batch = []
        if batch:
            yield pd.DataFrame(batch, columns=header), 1.0
    finally:
        book.close()


def _read_parquet(path: Path, chunk_rows: int) -> Iterator[tuple[pd.DataFrame, float]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise FileError(f"{path}: Parquet needs pyarrow (pip install pyarrow)") from None
    f = pq.ParquetFile(path)
    total = max(f.metadata.num_rows, 1)
    done = 0
    for batch in f.iter_batches(batch_size=chunk_rows):
        frame = batch.to_pandas()
        done += len(frame)
        yield frame, done / total


# ----------------------------------------------------------------------------- writers

class _CsvWriter:
    def __init__(self, path: Path) -> None:
        self.handle = path.open("w", newline="", encoding="utf-8")
        self.first = True

    def write(self, frame: pd.DataFrame) -> None:
        frame.to_csv(self.handle, header=self.first, index=False, quoting=csv.QUOTE_MINIMAL)
        self.first = False

    def close(self) -> None:
        self.handle.close()


class _XlsxWriter:
    """XlsxWriter in constant-memory mode: rows are streamed to disk as they come."""

    def __init__(self, path: Path) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                                   "strings_to_urls": False, "nan_inf_to_errors": True})
        self.sheet = self.book.add_worksheet("recommendations")
        self.row = 0

    def write(self, frame: pd.DataFrame) -> None:
        if self.row == 0:
            self.sheet.write_row(0, 0, [str(c) for c in frame.columns])
            self.row = 1
        if self.row + len(frame) > XLSX_MAX_ROWS + 1:
            raise FileError(f"an .xlsx sheet holds at most {XLSX_MAX_ROWS:,} rows; write CSV instead")
        for values in frame.itertuples(index=False, name=None):
            for col, v in enumerate(values):
                if v is None or (isinstance(v, float) and math.isnan(v)):
                    continue
                if isinstance(v, str):
                    self.sheet.write_string(self.row, col, v)
                elif isinstance(v, (bool, np.bool_)):
                    self.sheet.write_boolean(self.row, col, bool(v))
                elif isinstance(v, (int, float, np.integer, np.floating)):
                    self.sheet.write_number(self.row, col, float(v))
                else:
                    self.sheet.write_string(self.row, col, str(v))
            self.row += 1

    def close(self) -> None:
        self.book.close()


class _ParquetWriter:
    def __init__(self, path: Path) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise FileError(f"{path}: Parquet needs pyarrow (pip install pyarrow)") from None
        self.path: Path = path
        self.writer: Any = None

    def write(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        text = {c: "string" for c in frame.columns if frame[c].dtype == object}  # None stays null
        table = pa.Table.from_pandas(frame.astype(text), preserve_index=False)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, table.schema)
        self.writer.write_table(table.cast(self.writer.schema))

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


READERS: dict[str, Callable[[Path, int], Iterator[tuple[pd.DataFrame, float]]]] = {
    ".csv": _read_csv, ".xlsx": _read_xlsx, ".parquet": _read_parquet}
WRITERS: dict[str, Callable[[Path], Any]] = {".csv": _CsvWriter, ".xlsx": _XlsxWriter, ".parquet": _ParquetWriter}


def _format(path: Path, role: str) -> str:
    ext = path.suffix.lower()
    if ext not in FORMATS:
        raise FileError(f"{role}: {str(path)!r} is not .csv, .xlsx or .parquet")
    return ext


def bulk_file(source: str | Path, target: str | Path, *, tariff: Tariff, chunk_rows: int = 100_000,
              progress: Callable[[int, float], None] | None = None) -> BulkSummary:
    """recommend_many over a customer file, chunk by chunk, into another file (by extension)."""
    source, target = Path(source), Path(target)
    reader = READERS[_format(source, "input")]
    writer_cls = WRITERS[_format(target, "output")]
    if not source.is_file():
        raise FileError(f"input: {str(source)!r} does not exist")
    if source.resolve() == target.resolve():
        raise FileError("output: the output file must not be the input file")
    summary = BulkSummary()
    target.parent.mkdir(parents=True, exist_ok=True)
    writer = writer_cls(target)
    try:
        for chunk, done in reader(source, chunk_rows):
            chunk = chunk.reset_index(drop=True)
            priced = recommend_many(_prepare(chunk.copy()), tariff=tariff)
            out = chunk  # the input columns exactly as read, then the results beside them
            for col in priced.columns.difference(chunk.columns, sort=False):
                out[col] = priced[col]
            summary.rows += len(out)
            summary.errors += int((out["error"] != "").sum())
            if "saving" in out.columns:
                ok = out["saving"].notna()
                summary.with_current += int(ok.sum())
                summary.saving_cents += int(np.rint(out.loc[ok, "saving"].to_numpy() * 100).sum())
            writer.write(_neutralise_frame(out))
            if progress:
                progress(summary.rows, done)
    finally:
        writer.close()
    return summary


def terminal_progress(stream: Any = None) -> Callable[[int, float], None] | None:
    """A one-line progress bar on stderr when it is a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None

    def show(rows: int, done: float) -> None:
        filled = int(done * 30)
        stream.write(f"\r  [{'#' * filled}{'.' * (30 - filled)}] {done:4.0%}  {rows:,} rows")
        if done >= 1.0:
            stream.write("\n")
        stream.flush()

    return show

"""bulk_file(): recommend_many over a customer file, chunk by chunk, into another file.

Everything that decides how the input is read is settled before a row is priced; the output
appears, complete, only at the end (atomic_target); its CSV dialect mirrors the input's unless
told otherwise. Every input row is in the output, in order, with its columns exactly as read."""
from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from optimizer.decisions.many import CURRENT, RESULTS, recommend_many
from optimizer.files.dialect import Dialect
from optimizer.files.read import FileError, ReadOptions, Source, TableSpec, open_source
from optimizer.files.write import XLSX_MAX_TEXT, OutputColumn, Writer, atomic_target, output_format
from optimizer.ground.money import format_amount
from optimizer.pricing.tariff import Tariff
from optimizer.reading.fields import BULK_SPEC, SCHEDULE_SPEC
from optimizer.reading.headers import normalise

__all__ = ["BULK_SPEC", "DIALECTS", "SCHEDULE_SPEC", "BulkSummary", "bulk_file", "output_dialect", "read_all",
           "read_schedule", "schedule_file", "terminal_progress", "usage_frame"]

DIALECTS = {"nl": Dialect(encoding="utf-8", bom=True, separator=";", decimal=","),
            "en": Dialect(encoding="utf-8", bom=False, separator=",", decimal=".")}


@dataclass
class BulkSummary:
    rows: int = 0
    errors: int = 0
    blank_rows: int = 0
    with_current: int = 0
    saving_cents: int = 0
    read_as: str = ""
    written_as: str = ""

    def line(self, lang: str = "en") -> str:
        if lang == "nl":
            def n(x: int) -> str:
                return f"{x:,}".replace(",", ".")

            text = f"rijen: {n(self.rows)}, fouten: {n(self.errors)}"
            if self.blank_rows:
                text += f", lege rijen overgeslagen: {n(self.blank_rows)}"
            if self.with_current:
                text += (f", vergeleken met huidige plannen: {n(self.with_current)}, totale besparing: "
                         f"{format_amount(self.saving_cents / 100, 'nl')} per maand")
            return text
        text = f"rows: {self.rows:,}, errors: {self.errors:,}"
        if self.blank_rows:
            text += f", blank rows skipped: {self.blank_rows:,}"
        if self.with_current:
            text += (f", priced against current plans: {self.with_current:,}, total saving: "
                     f"{format_amount(self.saving_cents / 100, 'en')} per month")
        return text


def output_dialect(src: Source, target: Path, asked: str | None) -> Dialect:
    """The CSV dialect of the output: as asked (nl, en), else the input's (a Dutch input gives a
    Dutch output, UTF-8 with a BOM so Excel shows accents), else English."""
    tab = Path(target).suffix.lower() == ".tsv"
    if asked is not None:
        if asked not in DIALECTS:
            raise FileError(f"--csv-dialect: {asked!r} must be nl or en")
        chosen = DIALECTS[asked]
    elif src.format == "csv" and src.dialect is not None:
        d = src.dialect
        chosen = Dialect(encoding="utf-8", bom=d.bom or d.dutch or d.encoding != "utf-8", separator=d.separator,
                         decimal=d.decimal)
    else:
        from optimizer.ground.words import default_lang

        chosen = DIALECTS["nl" if default_lang() == "nl" else "en"]
    return chosen.with_(separator="\t") if tab else chosen


def usage_frame(src: Source, values: dict[str, Any], n: int) -> pd.DataFrame:
    """The parsed fields of a chunk as a frame named as Usage wants."""
    frame = pd.DataFrame(index=pd.RangeIndex(n))
    for field, column in values.items():
        if src.spec.fields[field] == "text" and isinstance(column, pd.Series):  # from Arrow: stays there
            frame[field] = column.fillna("").set_axis(frame.index)
        elif src.spec.fields[field] == "text":
            frame[field] = pd.Series(["" if v is None else v for v in column], dtype=object)
        else:
            frame[field] = column
    return frame


def _check_names(src: Source, prefix: str) -> None:
    results = {normalise(prefix + r) for r in RESULTS}
    clash = [n for n in src.names if normalise(n) in results and normalise(n)]
    if clash:
        other = "another prefix" if prefix else "a prefix (--prefix new_)"
        raise FileError(f"{src.path}: column {clash[0]!r} has the name of a result column; rename it, or write "
                        f"the results under {other}")


def bulk_file(source: str | Path, target: str | Path, *, tariff: Tariff, options: ReadOptions | None = None,
              csv_dialect: str | None = None, prefix: str = "", force: bool = True,
              progress: Callable[[int, float], None] | None = None) -> BulkSummary:
    """recommend_many over a customer file into another file (by extension). Refuses before
    writing anything when the input cannot be read with certainty."""
    source, target = Path(source), Path(target)
    kind = output_format(target)
    src = open_source(source, BULK_SPEC, options or ReadOptions())
    _check_names(src, prefix)
    dialect = output_dialect(src, target, csv_dialect)
    summary = BulkSummary(read_as=src.describe(), written_as=dialect.describe() if kind == "csv" else kind)
    with atomic_target(target, inputs=(source,), force=force) as tmp:
        writer = Writer(tmp, kind, dialect, shown=target)
        try:
            for chunk in src.chunks():
                frame = usage_frame(src, chunk.values, chunk.rows)
                priced = recommend_many(frame, tariff=tariff)
                errors = dict(chunk.errors)
                for k in np.flatnonzero(_no_usage(src, chunk.raw)).tolist():
                    errors.setdefault(k, "every usage cell is blank: nothing to price (write 0 to price nothing)")
                if kind == "xlsx":
                    errors.update({k: v for k, v in _too_long(src, chunk.raw).items() if k not in errors})
                results = _results(priced, errors, prefix)
                writer.write(src.names, chunk.raw, results)
                _count(summary, priced, errors)
                if progress:
                    progress(summary.rows, chunk.done)
        finally:
            writer.close()
    summary.blank_rows = src.blank_rows
    return summary


def _no_usage(src: Source, raw: list[Any]) -> np.ndarray:
    """Rows whose every usage cell is blank (a name and nothing else): an error, not a price of 0."""
    import pyarrow as pa
    import pyarrow.compute as pc

    blank: np.ndarray | None = None
    for field, i in src.headers.fields.items():
        if field in CURRENT:
            continue
        col = raw[i]
        if isinstance(col, (pa.Array, pa.ChunkedArray)):
            if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
                empty = np.asarray(pc.is_null(col).to_numpy(zero_copy_only=False), bool)
            else:
                empty = np.asarray(pc.fill_null(pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(col)), 0), True)
                                   .to_numpy(zero_copy_only=False), bool)
        else:
            empty = np.fromiter((v is None or (isinstance(v, str) and not v.strip()) for v in col), bool, len(col))
        blank = empty if blank is None else blank & empty
        if not blank.any():
            break  # every row has a usage cell: the rest need not be looked at
    return np.zeros(len(raw[0]) if raw else 0, bool) if blank is None else blank


def _too_long(src: Source, raw: list[Any]) -> dict[int, str]:
    out: dict[int, str] = {}
    for name, col in zip(src.names, raw, strict=True):
        cells = col if isinstance(col, list) else col.to_pylist()
        for k, v in enumerate(cells):
            if isinstance(v, str) and len(v) > XLSX_MAX_TEXT and k not in out:
                out[k] = (f"{name}: {len(v):,} characters, more than an Excel cell holds ({XLSX_MAX_TEXT:,}); "
                          "write CSV to keep it whole")
    return out


def _results(priced: pd.DataFrame, errors: dict[int, str], prefix: str) -> list[OutputColumn]:
    """The result columns; a row with an input error gets that error and no price."""
    cols = [r for r in RESULTS if r in priced.columns]
    out = []
    for name in cols:
        values = priced[name]
        if errors:
            rows = np.fromiter(errors, np.int64)
            if name == "error":
                text = values.astype(object).to_numpy(copy=True)
                text[rows] = [errors[r] for r in rows.tolist()]
                values = pd.Series(text, dtype=object)
            elif name in ("total", "current_total", "saving"):
                arr = values.to_numpy(dtype=float, copy=True)
                arr[rows] = np.nan
                values = pd.Series(arr)
            else:
                arr = values.astype(object).to_numpy(copy=True)
                arr[rows] = None
                values = pd.Series(arr, dtype=object)
        kind = "money" if name in ("total", "current_total", "saving") else "text"
        out.append(OutputColumn(prefix + name, values, kind))
    return out


def _count(summary: BulkSummary, priced: pd.DataFrame, errors: dict[int, str]) -> None:
    summary.rows += len(priced)
    bad = (priced["error"].astype(object) != "").to_numpy(copy=True)
    if errors:
        bad[np.fromiter(errors, np.int64)] = True
    summary.errors += int(bad.sum())
    if "saving" in priced.columns:
        saving = priced["saving"].to_numpy(dtype=float)
        ok = ~np.isnan(saving) & ~bad
        summary.with_current += int(ok.sum())
        summary.saving_cents += int(np.rint(saving[ok] * 100).sum())


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





def read_all(source: str | Path, spec: TableSpec, options: ReadOptions | None = None
             ) -> tuple[Source, list[Any], pd.DataFrame, dict[int, str]]:
    """A whole (modest) table: its source, raw columns as read, the spec's fields as a frame,
    and input errors by row; for commands that need every row at once (schedules, scenarios)."""
    import pyarrow as pa

    src = open_source(source, spec, options or ReadOptions())
    raw: list[list[Any]] = [[] for _ in src.names]
    frames = []
    errors: dict[int, str] = {}
    offset = 0
    for chunk in src.chunks():
        for i, col in enumerate(chunk.raw):
            raw[i].append(col)
        frames.append(usage_frame(src, chunk.values, chunk.rows))
        errors.update({offset + k: v for k, v in chunk.errors.items()})
        offset += chunk.rows
    columns: list[Any] = []
    for parts in raw:
        if parts and all(isinstance(p, (pa.Array, pa.ChunkedArray)) for p in parts):
            columns.append(pa.concat_arrays([p.combine_chunks() if isinstance(p, pa.ChunkedArray) else p
                                             for p in parts]))
        else:
            columns.append([v for p in parts for v in (p.to_pylist() if hasattr(p, "to_pylist") else p)])
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return src, columns, frame, errors


def schedule_file(source: str | Path, target: str | Path, *, tariff: Tariff, max_changes: int | None = None,
                  options: ReadOptions | None = None, csv_dialect: str | None = None, force: bool = True
                  ) -> tuple[pd.DataFrame, BulkSummary]:
    """schedule_many over a file of months per customer, into another file (input columns as
    read, then the schedule's columns)."""
    from optimizer.decisions.planning import SCHEDULE_RESULTS, schedule_many

    source, target = Path(source), Path(target)
    kind = output_format(target)
    src, raw, frame, errors = read_all(source, SCHEDULE_SPEC, options)
    clash = [n for n in src.names if normalise(n) in {normalise(r) for r in SCHEDULE_RESULTS}]
    if clash:
        raise FileError(f"{src.path}: column {clash[0]!r} has the name of a result column; rename it")
    result = schedule_many(frame, max_changes=max_changes, tariff=tariff)
    for r, message in errors.items():
        result.loc[r, "error"] = message
    dialect = output_dialect(src, target, csv_dialect)
    money = {"total", "schedule_total", "fixed_total", "saving"}
    columns = [OutputColumn(name, result[name], "money" if name in money else "number" if name == "changes"
                            else "text") for name in SCHEDULE_RESULTS]
    with atomic_target(target, inputs=(source,), force=force) as tmp:
        writer = Writer(tmp, kind, dialect, sheet="schedules", shown=target)
        try:
            writer.write(src.names, raw, columns)
        finally:
            writer.close()
    summary = BulkSummary(rows=len(result), errors=int((result["error"] != "").sum()), read_as=src.describe(),
                          written_as=dialect.describe() if kind == "csv" else kind)
    return result, summary


def read_schedule(source: str | Path, options: ReadOptions | None = None) -> pd.DataFrame:
    """The months per customer of a file, as schedule_many takes them."""
    _, _, frame, errors = read_all(source, SCHEDULE_SPEC, options)
    if errors:
        row, message = next(iter(errors.items()))
        raise FileError(f"{source}: row {row + 1}: {message}")
    return frame

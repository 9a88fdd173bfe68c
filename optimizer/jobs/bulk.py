"""bulk_file(): recommend_many over a customer file, chunk by chunk, into another file.

Everything that decides how the input is read is settled before a row is priced; the output
appears, complete, only at the end (the run's output set); its CSV dialect mirrors a CSV input's,
else it is English, unless told otherwise (the locale changes what is printed, never a file's
dialect). Every input row is in the output, in order, with its columns exactly as read."""
from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from optimizer.decisions.many import RESULTS, recommend_many
from optimizer.files.dialect import Dialect
from optimizer.files.outputs import Outputs, joined
from optimizer.files.read import FileError, ReadOptions, Source, open_source, usage_frame
from optimizer.files.write import XLSX_MAX_TEXT, OutputColumn, Writer, error_texts, file_lang, output_format
from optimizer.ground.money import format_amount
from optimizer.ground.words import column, columns_of, word
from optimizer.pricing.tariff import Tariff
from optimizer.reading.fields import BULK_SPEC, CURRENT
from optimizer.reading.headers import normalise

__all__ = ["BLANK_USAGE", "DIALECTS", "BulkSummary", "bulk_file", "no_usage", "output_dialect"]

BLANK_USAGE = "every usage cell is blank: nothing to price (write 0 to price nothing)"
DIALECTS = {"nl": Dialect(encoding="utf-8", bom=True, separator=";", decimal=","),
            "en": Dialect(encoding="utf-8", bom=False, separator=",", decimal=".")}


@dataclass
class BulkSummary:
    """What a run of bulk (or schedule) found. `errors`: rows without a price; `refused_current`:
    rows priced, whose current plans the rules refuse (their saving is unknown); each with the
    first few rows named by their number in the input as a spreadsheet shows it (the header's row
    counts, as do title rows; a CSV's first row below a header on line 1 is row 2; a Parquet
    file's: its record number), the number rate's refused rows and every other message use."""

    rows: int = 0
    errors: int = 0
    blank_rows: int = 0
    with_current: int = 0
    saving_cents: int = 0
    read_as: str = ""
    written_as: str = ""
    refused_current: int = 0
    error_rows: list[int] = dataclass_field(default_factory=list)
    refused_rows: list[int] = dataclass_field(default_factory=list)

    SHOWN = 5  # row numbers named per kind

    def line(self, lang: str = "en") -> str:
        def n(x: int) -> str:
            return f"{x:,}".replace(",", ".") if lang == "nl" else f"{x:,}"

        def rows(listed: list[int], count: int) -> str:
            if not listed:
                return ""
            more = ", ..." if count > len(listed) else ""
            return f" ({word('input rows', lang)} {', '.join(n(r) for r in listed)}{more})"

        text = f"{word('rows', lang)}: {n(self.rows)}, {word('rows without a price', lang)}: {n(self.errors)}" \
            f"{rows(self.error_rows, self.errors)}"
        if self.refused_current:
            text += (f", {word('priced, current plans refused', lang)}: {n(self.refused_current)}"
                     f"{rows(self.refused_rows, self.refused_current)}")
        if self.blank_rows:
            text += f", {word('blank rows skipped', lang)}: {n(self.blank_rows)}"
        if self.with_current:
            text += (f", {word('priced against current plans', lang)}: {n(self.with_current)}, "
                     f"{word('total saving', lang)}: {format_amount(self.saving_cents / 100, lang)} "
                     f"{word('per month', lang)}")
        return text


def output_dialect(src: Source, target: Path, asked: str | None) -> Dialect:
    """The CSV dialect of the output: as asked (nl, en), else a CSV input's (a Dutch input gives a
    Dutch output, UTF-8 with a BOM so Excel shows accents), else English; separated by tabs when
    named .tsv or .txt (as Excel writes "Text (tab delimited)"). Never the locale's: it changes
    what is printed, not what a file is."""
    tab = Path(target).suffix.lower() in (".tsv", ".txt")  # Excel's "Text (tab delimited)" is a .txt
    if asked is not None:
        if asked not in DIALECTS:
            raise FileError(f"«csv_dialect {asked}»: must be nl or en")
        chosen = DIALECTS[asked]
    elif src.format == "csv" and src.dialect is not None:
        d = src.dialect
        chosen = Dialect(encoding="utf-8", bom=d.bom or d.dutch or d.encoding != "utf-8", separator=d.separator,
                         decimal=d.decimal)
    else:
        chosen = DIALECTS["en"]
    if tab:
        return chosen.with_(separator="\t")
    if chosen.separator == "\t":  # a tab-separated input, a .csv output: the separator a .csv has
        return chosen.with_(separator=";" if chosen.decimal == "," else ",")
    return chosen


def check_passed_through(src: Source, dialect: Dialect, kind: str) -> None:
    """The input's columns go into the output as they are: a CSV output whose decimal mark is not a
    CSV input's would mix both conventions in one file (150,5 beside 585.23): refused, by name."""
    d = src.dialect
    if kind == "csv" and src.format == "csv" and d is not None and d.decided and d.decimal != dialect.decimal:
        mark = "comma" if d.decimal == "," else "point"
        raise FileError(f"«csv_dialect {'nl' if dialect.decimal == ',' else 'en'}»: {src.path.name} writes numbers "
                        f"with a decimal {mark}, and its columns are written as they are: the file would mix both; "
                        "leave «csv_dialect» out, or write .xlsx")


def check_result_names(src: Source, results: tuple[str, ...], prefix: str = "", prefixed: bool = True) -> None:
    """An input column named like a result would be hidden or mixed with it: refuse, by name (and
    say the prefix, where the command has one: `prefixed`)."""
    names = {normalise(prefix + r) for r in columns_of(results)}
    clash = [n for n in src.names if normalise(n) in names and normalise(n)]
    if clash:
        if not prefixed:
            raise FileError(f"{src.path}: column {clash[0]!r} has the name of a result column; rename it (or leave "
                            "the results of an earlier run out of the input)")
        other = "another prefix" if prefix else "a prefix («prefix new_»)"
        raise FileError(f"{src.path}: column {clash[0]!r} has the name of a result column; rename it, or write "
                        f"the results under {other}")


def bulk_file(source: str | Path, target: str | Path, *, tariff: Tariff, options: ReadOptions | None = None,
              csv_dialect: str | None = None, prefix: str = "", force: bool = False,
              progress: Callable[[int, float], None] | None = None, outputs: Outputs | None = None,
              lang: str = "en") -> BulkSummary:
    """recommend_many over a customer file into another file (by extension). Refuses before
    writing anything when the input cannot be read with certainty. The result columns and the
    rows' errors are in the file's language (`file_lang`: a Dutch CSV's are Dutch: advies_telefoon,
    advies_chat, totaal, huidig_totaal, besparing, fout)."""
    source, target = Path(source), Path(target)
    kind = output_format(target)
    src = open_source(source, BULK_SPEC, options or ReadOptions())
    check_result_names(src, RESULTS, prefix)
    dialect = output_dialect(src, target, csv_dialect)
    check_passed_through(src, dialect, kind)
    summary = BulkSummary(read_as=src.describe(), written_as=dialect.describe() if kind == "csv" else kind)
    flang = file_lang(kind, dialect, lang)
    with joined(outputs, inputs=(source,), force=force) as run:
        out = run.add(target, what="output")
        writer = Writer(out.tmp, kind, dialect, shown=target)
        # a chunk is written in a second thread while the next one is read and priced (pyarrow and
        # numpy let go of the interpreter for their work, so two cores share it)
        with ThreadPoolExecutor(1, thread_name_prefix="answer-plan-writer") as pool:
            pending: Future[None] | None = None
            try:
                for chunk in src.chunks():
                    frame = usage_frame(src, chunk.values, chunk.rows)
                    priced = recommend_many(frame, tariff=tariff)
                    errors = dict(chunk.errors)
                    for k in np.flatnonzero(no_usage(src, chunk.raw)).tolist():
                        errors.setdefault(k, BLANK_USAGE)
                    if kind == "xlsx":
                        errors.update({k: v for k, v in _too_long(src, chunk.raw).items() if k not in errors})
                    results = _results(priced, errors, prefix, flang)
                    if pending is not None:
                        pending.result()
                    if kind == "xlsx":  # XlsxWriter is Python through and through: a thread only waits
                        writer.write(src.names, chunk.raw, results)
                    else:
                        pending = pool.submit(writer.write, src.names, chunk.raw, results)
                    _count(summary, priced, errors, chunk.numbers)
                    if progress:
                        progress(summary.rows, chunk.done)
                if pending is not None:
                    pending.result()
            finally:
                if pending is not None:
                    pending.cancel()
                    with contextlib.suppress(BaseException):
                        pending.result()
                writer.close()
    summary.blank_rows = src.blank_rows
    return summary


def no_usage(src: Source, raw: list[Any]) -> np.ndarray:
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


def _results(priced: pd.DataFrame, errors: dict[int, str], prefix: str, lang: str = "en") -> list[OutputColumn]:
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
        if name == "error":
            values = error_texts(values, lang)
        out.append(OutputColumn(prefix + column(name, lang), values, kind))
    return out


def _count(summary: BulkSummary, priced: pd.DataFrame, errors: dict[int, str], numbers: np.ndarray | None) -> None:
    first = summary.rows
    summary.rows += len(priced)
    error = priced["error"]
    bad = (error.cat.codes.to_numpy() > 0) if isinstance(error.dtype, pd.CategoricalDtype) and \
        error.cat.categories[0] == "" else (error.astype(object) != "").to_numpy(copy=True)
    has_price = ~np.isnan(priced["total"].to_numpy(dtype=float))
    if errors:
        rows = np.fromiter(errors, np.int64)
        bad[rows] = True
        has_price[rows] = False
    unpriced = np.flatnonzero(bad & ~has_price)
    refused = np.flatnonzero(bad & has_price)
    summary.errors += len(unpriced)
    summary.refused_current += len(refused)
    for listed, found in ((summary.error_rows, unpriced), (summary.refused_rows, refused)):
        room = summary.SHOWN - len(listed)
        if room > 0:
            listed.extend(int(numbers[r]) if numbers is not None else int(r) + first + 1 for r in found[:room])
    if "saving" in priced.columns:
        saving = priced["saving"].to_numpy(dtype=float)
        ok = ~np.isnan(saving) & ~bad
        summary.with_current += int(ok.sum())
        summary.saving_cents += int(np.rint(saving[ok] * 100).sum())

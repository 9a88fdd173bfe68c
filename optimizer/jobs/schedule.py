"""schedule_file(): schedule_many over a file of months per customer, into another file (the input
columns as read, then the schedule's columns), written as one set."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from optimizer.decisions.schedule import SCHEDULE_RESULTS, schedule_many
from optimizer.files.outputs import Outputs, joined
from optimizer.files.read import FileError, ReadOptions, read_all
from optimizer.files.write import OutputColumn, Writer, error_texts, file_lang, output_format
from optimizer.ground.words import column
from optimizer.jobs.bulk import BulkSummary, check_passed_through, check_result_names, output_dialect
from optimizer.pricing.tariff import Tariff
from optimizer.reading.fields import SCHEDULE_SPEC

__all__ = ["read_schedule", "schedule_file", "schedule_rows"]

MONEY = {"total", "schedule_total", "fixed_total", "saving"}


def schedule_file(source: str | Path, target: str | Path, *, tariff: Tariff, max_changes: int | None = None,
                  options: ReadOptions | None = None, csv_dialect: str | None = None, force: bool = False,
                  outputs: Outputs | None = None, lang: str = "en",
                  progress: Callable[[int, float], None] | None = None) -> tuple[pd.DataFrame, BulkSummary]:
    """schedule_many over a file of months per customer, into another file (its result columns
    and errors in the file's language, as bulk's)."""
    source, target = Path(source), Path(target)
    kind = output_format(target)
    src, raw, frame, errors, numbers = read_all(source, SCHEDULE_SPEC, options)
    check_result_names(src, SCHEDULE_RESULTS, prefixed=False)
    with joined(outputs, inputs=(source,), force=force) as run:
        out = run.add(target, what="output")
        result = schedule_many(frame, max_changes=max_changes, tariff=tariff, progress=progress,
                               row_numbers=numbers.tolist())
        for r, message in errors.items():
            result.loc[r, "error"] = message
        dialect = output_dialect(src, target, csv_dialect)
        check_passed_through(src, dialect, kind)
        flang = file_lang(kind, dialect, lang)
        columns = [OutputColumn(column(name, flang),
                                error_texts(result[name], flang) if name == "error" else result[name],
                                "money" if name in MONEY else "number" if name == "changes" else "text")
                   for name in SCHEDULE_RESULTS]
        writer = Writer(out.tmp, kind, dialect, sheet="schedules", shown=target)
        try:
            writer.write(src.names, raw, columns)
        finally:
            writer.close()
    summary = BulkSummary(rows=len(result), errors=int((result["error"] != "").sum()), read_as=src.describe(),
                          written_as=dialect.describe() if kind == "csv" else kind)
    return result, summary


def read_schedule(source: str | Path, options: ReadOptions | None = None) -> pd.DataFrame:
    """The months per customer of a file, as schedule_many takes them; a cell that cannot be read
    stops, naming its row."""
    return schedule_rows(source, options)[0]


def schedule_rows(source: str | Path, options: ReadOptions | None = None) -> tuple[pd.DataFrame, list[int]]:
    """read_schedule's frame and each row's number in the file (schedule_many's row_numbers)."""
    whole = read_all(source, SCHEDULE_SPEC, options)
    if whole.errors:
        row, message = next(iter(whole.errors.items()))
        raise FileError(f"{source}: row {whole.row(row)}: {message}")
    return whole.frame, whole.numbers.tolist()

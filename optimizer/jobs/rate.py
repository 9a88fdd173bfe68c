"""rate(): invoices from a contact log and the contracts, given as DataFrames or as files (CSV, XLSX,
Parquet, read as `bulk` reads them), and rate_files(): the same into the run's output set (the
invoices and, on request, the itemised lines, the quarterly AHT evaluations and the refused rows)."""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from optimizer.decisions.rating import (
    INVOICE_MONEY,
    Contract,
    Period,
    Rater,
    Rating,
    Read,
    check_invoices,
    check_period,
    rate_frames,
    read_contracts,
)
from optimizer.ground.errors import RatingError
from optimizer.ground.words import unit, word
from optimizer.pricing.tariff import Tariff, resolve_tariff
from optimizer.reading.fields import CONTRACTS_SPEC, EVENTS_SPEC
from optimizer.reading.frames import read_frame

if TYPE_CHECKING:  # the file readers (pyarrow) load only when a file is read: rate() on frames runs in Lite
    from optimizer.files.outputs import Outputs
    from optimizer.files.read import Chunk, Source
    from optimizer.reading.fields import ReadOptions

__all__ = ["rate", "rate_files"]

Progress = Callable[[int, float], None]
ContractMap = dict[str, Contract]


def rate(events: pd.DataFrame | str | Path | Source, contracts: pd.DataFrame | str | Path | dict[str, Contract], *,
         tariff: Tariff | str | None = None, progress: Progress | None = None,
         options: ReadOptions | None = None, period: Period | str | None = None) -> Rating:
    """Invoices from a contact log and the customers' contracts (PRICING.md rules 24-28, 31, 32).
    `events` and `contracts` are DataFrames or paths. `period` ('2026-01..2026-12'): the months to
    invoice; without it the log's own first to last month, which may not exceed 24 months."""
    t = resolve_tariff(tariff)
    if isinstance(events, pd.DataFrame) and isinstance(contracts, pd.DataFrame):
        return rate_frames(events, contracts, tariff=t, period=period)
    the_period = check_period(period)  # before anything is read
    known = _contracts(contracts, t, options)
    if isinstance(events, pd.DataFrame):
        rater = Rater(known, t, the_period)
        e = read_frame(events, EVENTS_SPEC, source="events")
        fields = e.fields
        if e.errors:
            fields = fields.assign(_input_error=pd.Series([e.errors.get(i, "") for i in range(len(fields))],
                                                          dtype=object))
        rater.add(fields, np.arange(1, len(fields) + 1))
        return rater.finish()
    from optimizer.files.read import Source, open_source

    src = events if isinstance(events, Source) else open_source(events, EVENTS_SPEC, options)
    return _rate_source(src, lambda: known, t, the_period, progress)


def _rate_source(src: Source, contracts: Callable[[], ContractMap], t: Tariff, period: Period | None,
                 progress: Progress | None) -> Rating:
    """rate() of a file: its chunks prepared in the reader's thread (Rater.prepare), a chunk ahead of
    this one, which sums them (Rater.take). `contracts` gives the contracts when they are read: the
    log's reading starts meanwhile (rate_files reads them in a thread of their own)."""
    from optimizer.files.read import as_written, usage_columns

    raters: list[Rater] = []  # one, made when the first chunk is prepared (or at the end, of a log without rows)

    def rater() -> Rater:
        if not raters:
            known = contracts()
            if period is not None:  # the invoices' number known before the log is read
                check_invoices(len(known), period[1].index - period[0].index + 1)
            raters.append(Rater(known, t, period))
        return raters[0]

    read = 0
    seconds = src.headers.fields.get("seconds")

    def prepared(chunk: Chunk) -> tuple[Read | None, int, float]:  # in the reader's thread, a chunk ahead
        nonlocal read
        cells = usage_columns(src, chunk.values)  # no frame: the rating reads Arrow's text as it is
        numbers = chunk.numbers if chunk.numbers is not None else np.arange(read + 1, read + chunk.rows + 1)
        read += chunk.rows
        if chunk.errors:
            cells["_input_error"] = np.array([chunk.errors.get(i, "") for i in range(chunk.rows)], dtype=object)
        written = as_written(chunk.raw[seconds]) if seconds is not None else None
        if written is not None:  # a refused row's seconds shown as the file wrote them (1,5)
            cells["_seconds_text"] = written
        return rater().prepare(cells, numbers), chunk.rows, chunk.done

    done = 0
    for part, rows, fraction in src.each(prepared):
        rater().take(part)
        done += rows
        if progress:
            progress(done, fraction)
    return rater().finish()


def _contracts(source: pd.DataFrame | str | Path | dict[str, Contract], t: Tariff, options: ReadOptions | None,
               stop: threading.Event | None = None) -> dict[str, Contract]:
    if isinstance(source, dict):  # read already (rate_files reads them beside the log's first pass)
        return source
    if isinstance(source, pd.DataFrame):
        c = read_frame(source, CONTRACTS_SPEC, source="contracts")
        return read_contracts(c.fields, np.arange(1, len(c.fields) + 1), t, c.errors)
    from optimizer.files.read import blank_cells, open_source, usage_frame

    src = open_source(source, CONTRACTS_SPEC, options)
    frames: list[pd.DataFrame] = []
    numbers: list[np.ndarray] = []
    errors: dict[int, str] = {}
    offset = 0
    aht = src.headers.fields.get("agreed_aht")
    for chunk in src.chunks():
        if stop is not None and stop.is_set():  # the run ended elsewhere (an error, Ctrl-C)
            raise RatingError("contracts: not read to the end")
        frame = usage_frame(src, chunk.values, chunk.rows)
        if aht is not None:  # a blank agreed AHT is no value (the summary says so), not a 0 someone wrote
            blank = blank_cells(chunk.raw[aht])
            if blank.any():
                frame["agreed_aht"] = frame["agreed_aht"].astype(object).where(~blank, None)
        frames.append(frame)
        numbers.append(chunk.numbers if chunk.numbers is not None else np.arange(offset + 1, offset + chunk.rows + 1))
        errors.update({offset + k: v for k, v in chunk.errors.items()})
        offset += chunk.rows
    if not offset:  # every contact would be refused as "not in the contracts"
        raise RatingError(f"contracts: {source} has no customers (only its header)")
    fields = pd.concat(frames, ignore_index=True)
    return read_contracts(fields, np.concatenate(numbers) if numbers else np.zeros(0, np.int64), t, errors,
                          None if stop is None else stop.is_set)


class _Beside:
    """The contracts read in a thread of their own while the log's first pass runs. `result()` waits
    for them (and raises their error); `stop()` has the reading end at its next chunk and waits for
    the thread: no thread is left inside Arrow when the process ends (which can abort it)."""

    def __init__(self, source: pd.DataFrame | str | Path, t: Tariff, options: ReadOptions | None) -> None:
        self._done: Future[ContractMap] = Future()
        self._stop = threading.Event()

        def run() -> None:
            try:
                self._done.set_result(_contracts(source, t, options, self._stop))
            except BaseException as exc:  # to the caller, as it is
                self._done.set_exception(exc)

        self._thread = threading.Thread(target=run, name="answer-plan-contracts", daemon=True)
        self._thread.start()

    def result(self) -> ContractMap:
        try:
            return self._done.result()
        finally:
            self._thread.join()

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(BaseException):  # a second Ctrl-C: the process is ending
            self._thread.join()


def _lines_in(lines: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The itemised lines as a file in `lang` says them: a Dutch file's groups and units in Dutch."""
    if lang != "nl" or not len(lines):
        return lines
    return lines.assign(group=[word("group:" + g, lang) for g in lines["group"]],
                        unit=[unit(u, lang) for u in lines["unit"]], per=[unit(u, lang) for u in lines["per"]])


def rate_files(events: str | Path, contracts: str | Path, output: str | Path, *, tariff: Tariff,
               lines: str | Path | None = None, evaluations: str | Path | None = None,
               errors: str | Path | None = None, options: ReadOptions | None = None, csv_dialect: str | None = None,
               period: Period | str | None = None, force: bool = False, progress: Progress | None = None,
               lang: str = "en", outputs: Outputs | None = None) -> Rating:
    """rate() over two files into the invoices file (and the others asked for), written as one
    set: every output is checked before the log is read, and all appear together or none."""
    from optimizer.files.outputs import joined
    from optimizer.files.read import open_source
    from optimizer.files.tables import write_table
    from optimizer.files.write import file_lang, output_format
    from optimizer.jobs.bulk import output_dialect

    with joined(outputs, inputs=(events, contracts), force=force) as run:
        targets = {"invoices": run.add(output, what="invoices (-o)")}
        for name, path in (("lines", lines), ("evaluations", evaluations), ("errors", errors)):
            if path:
                targets[name] = run.add(path, what=f"{name} file")
        the_period = check_period(period)  # before anything is read
        known = _Beside(contracts, tariff, options)  # while the log's first pass (and its first blocks) run
        try:
            src = open_source(events, EVENTS_SPEC, options)  # once: its dialect is the output's too
            r = _rate_source(src, known.result, tariff, the_period, progress)
        except BaseException:
            known.stop()
            raise
        if period is None and not r.events_used and not r.refused:  # nothing said, nothing to invoice
            raise RatingError(f"events: {events} has no contacts (only its header); say «period FROM..TO» to invoice "
                              "the months' fees")
        dialect = output_dialect(src, Path(output), csv_dialect)
        write_table(r.invoices, targets["invoices"], dialect=dialect, money=INVOICE_MONEY, sheet="invoices",
                    lang=lang, table="invoice")
        if "lines" in targets:
            write_table(_lines_in(r.lines, file_lang(output_format(targets["lines"].target), dialect, lang)),
                        targets["lines"], dialect=dialect, money=("amount",), sheet="lines", lang=lang)
        if "evaluations" in targets:
            write_table(r.evaluations, targets["evaluations"], dialect=dialect, sheet="evaluations", lang=lang)
        if "errors" in targets:
            write_table(r.errors, targets["errors"], dialect=dialect, sheet="refused", lang=lang)
    return r

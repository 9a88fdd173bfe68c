"""Documents as a set of PDF files in a folder, written through the one writer (files/outputs.py).

    invoice_pdfs(rating, "out/pdf", seller="seller.toml", lang="nl")   # <customer>_<YYYY-MM>.pdf each
    letters_file("customers.csv", "out/pdf", tariff=t)                 # <customer>_advice.pdf each
    schedule_letter_pdfs(result, "out/pdf", tariff=t)                  # <customer>_schedule.pdf each

Every file of a set is checked (`Outputs.add`: a file the project did not write is refused
unless force) before a page is drawn, then drawn into its temporary file; the set appears whole
when the job ends, or (an error, Ctrl-C) not at all, the previous set untouched. Given the run's
`outputs`, the PDFs join that set (the invoices file and its PDFs appear together). A row without
a price gets no document: `DocumentSet.skipped` names it, with its reason.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from optimizer.decisions.many import recommend_many
from optimizer.decisions.rating import Rating
from optimizer.documents.common import Party, Skipped, file_names, parties
from optimizer.documents.invoice import invoices_of, render_invoice
from optimizer.documents.letter import advices_of, render_advice, render_schedule_advice, schedule_advices_of
from optimizer.documents.seller import Seller, load_seller
from optimizer.files.outputs import Output, Outputs, joined
from optimizer.ground.errors import ArgumentError, FileError, RatingError
from optimizer.ground.words import LANGS, word
from optimizer.pricing.tariff import Tariff
from optimizer.reading.fields import BULK_SPEC, ReadOptions

if TYPE_CHECKING:
    from optimizer.files.read import Whole

__all__ = ["DocumentSet", "invoice_pdfs", "letter_pdfs", "letters_file", "schedule_letter_pdfs"]

Progress = Callable[[int, int], None]  # (documents drawn, documents in the set)
SHOWN = 5  # rows without a document named in the summary line (all are in `skipped`)


@dataclass
class DocumentSet:
    """What a job wrote: the PDF files, in order, and the rows that got none (with why)."""

    kind: str  # "invoices" or "letters"
    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    draft: bool = False

    def line(self, lang: str = "en") -> str:
        """'invoices as PDF: 58 in out/pdf; without a PDF: 2 (0107 2026-03: ...)'."""
        count = f"{len(self.written):,}".replace(",", "." if lang == "nl" else ",")
        text = f"{word(f'document:{self.kind} as PDF', lang)}: {count} {word('document:in', lang)} {self.folder}"
        if self.draft:
            text += f" ({word('document:drafts', lang)})"
        if self.skipped:
            named = "; ".join(s.text(lang) for s in self.skipped[:SHOWN])
            more = f"; {word('document:and more', lang, n=len(self.skipped) - SHOWN)}" if len(self.skipped) > SHOWN \
                else ""
            text += f"; {word('document:without a PDF', lang)}: {len(self.skipped)} ({named}{more})"
        return text


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ArgumentError(f"«lang {lang}»: a document is in {' or '.join(LANGS)}")
    return lang


def _seller(seller: Seller | str | Path | None) -> Seller | None:
    return seller if isinstance(seller, Seller) or seller is None else load_seller(seller)


def _write(outputs: Outputs | None, force: bool, targets: Sequence[Path], what: str,
           draw: Callable[[int], bytes], progress: Progress | None) -> list[Path]:
    """Every target checked, then each drawn into its temporary file; committed with the set."""
    with joined(outputs, force=force) as run:
        _check_folder({t.parent for t in targets}, run)
        added: list[Output] = [run.add(t, what=what) for t in targets]
        for k, out in enumerate(added):
            with open(out.tmp, "wb") as f:
                f.write(draw(k))
            if progress is not None:
                progress(k + 1, len(added))
    return list(targets)


def _check_folder(folders: set[Path], run: Outputs) -> None:
    """The documents' folder is a folder: not a file, not another output or an input of the run
    (refused before anything is made)."""
    for folder in folders:
        if folder.exists() and not folder.is_dir():
            raise FileError(f"«pdf {folder}»: {str(folder)!r} is a file, not a folder for the documents")
        here = folder.resolve()
        for other in run.targets:
            if other.resolve() == here:
                raise FileError(f"«pdf {folder}»: {str(folder)!r} is also an output of this run; give the documents "
                                "a folder of their own")
        for given in run.inputs:
            if Path(given).resolve() == here:
                raise FileError(f"«pdf {folder}»: {str(folder)!r} is an input of this run")


def invoice_pdfs(rating: Rating, folder: str | Path, *, seller: Seller | str | Path | None = None,
                 lang: str = "en", issued: date | None = None, force: bool = False,
                 outputs: Outputs | None = None, progress: Progress | None = None) -> DocumentSet:
    """One PDF per invoice of the rating (customer x month), `<customer>_<YYYY-MM>.pdf` in
    `folder`, in Dutch or English. `seller`: a Seller or the path of a seller file (TOML); without
    one every invoice is a draft and says so. `issued`: the invoice date (default: the first day
    after the month invoiced). An invoice without a total (an error) gets no PDF: see `skipped`."""
    lang = _lang(lang)
    who = _seller(seller)
    invoices, skipped = invoices_of(rating, issued=issued)
    numbers: dict[str, str] = {}
    for inv in invoices:
        other = numbers.setdefault(inv.number, inv.party.customer)
        if other != inv.party.customer:
            raise RatingError(f"invoice numbers: customers {other!r} and {inv.party.customer!r} get the same number "
                              f"{inv.number}; rename one of them in the contracts")
    stems = file_names(inv.party.customer for inv in invoices)
    folder = Path(folder)
    targets = [folder / f"{stems[inv.party.customer]}_{inv.month}.pdf" for inv in invoices]
    written = _write(outputs, force, targets, "invoice PDF",
                     lambda k: render_invoice(invoices[k], who, lang), progress)
    return DocumentSet("invoices", folder, written, skipped, draft=who is None)


def _letter_targets(folder: Path, customers: Sequence[str], rows: Sequence[int], suffix: str) -> list[Path]:
    """`<customer>_<suffix>.pdf`; a customer on several rows: `<customer>_row<N>_<suffix>.pdf`."""
    stems = file_names(customers)
    seen: dict[str, int] = {}
    for c in customers:
        seen[c] = seen.get(c, 0) + 1
    twice = {c for c, n in seen.items() if n > 1}
    return [folder / (f"{stems[c]}_row{r}_{suffix}.pdf" if c in twice else f"{stems[c]}_{suffix}.pdf")
            for c, r in zip(customers, rows, strict=True)]


def letter_pdfs(priced: pd.DataFrame, folder: str | Path, *, tariff: Tariff | str | None = None,
                lang: str = "en", seller: Seller | str | Path | None = None, issued: date | None = None,
                who: Sequence[Party] | None = None, force: bool = False, outputs: Outputs | None = None,
                progress: Progress | None = None, row_numbers: Sequence[int] | None = None) -> DocumentSet:
    """One advice letter per priced row of recommend_many's result, `<customer>_advice.pdf` in
    `folder`: current plans and cost, the recommendation and its quote itemised, the saving per
    month and per year, a chart. The customer, name and address come from the frame's columns
    (`customer`/`klant`, `name`/`naam`, `address`/`adres`), or from `who` (one Party per row).
    Rows without a price get no letter: see `skipped`. `row_numbers`: each row's number in the
    user's file (its letters' names when a customer is there twice, and the skipped rows)."""
    lang = _lang(lang)
    advices, skipped = advices_of(priced, tariff=tariff, issued=issued, who=who, row_numbers=row_numbers)
    folder = Path(folder)
    targets = _letter_targets(folder, [a.party.customer for a in advices], [a.row for a in advices], "advice")
    sender = _seller(seller)
    written = _write(outputs, force, targets, "advice letter PDF",
                     lambda k: render_advice(advices[k], sender, lang), progress)
    return DocumentSet("letters", folder, written, skipped)


def parties_of(whole: Whole) -> list[Party]:
    """The addressee of every row of a table read whole: its customer, name and address columns as
    written (documents.common.parties)."""
    columns = {name: (col.to_pylist() if hasattr(col, "to_pylist") else list(col))
               for name, col in zip(whole.source.names, whole.raw, strict=True)}
    return parties(pd.DataFrame(columns)) if columns else []


def schedule_parties(source: str | Path, options: ReadOptions | None = None) -> dict[str, Party]:
    """The name and address of each customer of a file of months (schedule's letters' addressees):
    the first of a customer's rows that names them."""
    from optimizer.files.read import read_all
    from optimizer.reading.fields import SCHEDULE_SPEC

    found: dict[str, Party] = {}
    for party in parties_of(read_all(source, SCHEDULE_SPEC, options)):
        known = found.get(party.customer)
        if known is None or (not known.name and not known.address and (party.name or party.address)):
            found[party.customer] = party
    return found


def letters_file(source: str | Path, folder: str | Path, *, tariff: Tariff, options: ReadOptions | None = None,
                 lang: str = "en", seller: Seller | str | Path | None = None, issued: date | None = None,
                 force: bool = False, outputs: Outputs | None = None,
                 progress: Progress | None = None) -> DocumentSet:
    """letter_pdfs over a customer file as `bulk` reads it (the same rows, the same prices, the
    same errors: a cell that cannot be read, a row whose usage is all blank)."""
    from optimizer.files.read import read_all
    from optimizer.jobs.bulk import BLANK_USAGE, no_usage

    whole = read_all(source, BULK_SPEC, options)
    src, raw, frame, errors = whole.source, whole.raw, whole.frame, whole.errors
    who = parties_of(whole)
    priced = recommend_many(frame, tariff=tariff)
    blank = no_usage(src, raw).tolist()
    if errors or any(blank):
        error = priced["error"].astype(object).to_numpy(copy=True)
        for r, is_blank in enumerate(blank):
            if is_blank:
                error[r] = BLANK_USAGE
        for r, message in errors.items():
            error[r] = message
        priced = priced.assign(error=error)
    with joined(outputs, inputs=(source,), force=force) as run:
        return letter_pdfs(priced, folder, tariff=tariff, lang=lang, seller=seller, issued=issued, who=who,
                           outputs=run, progress=progress, row_numbers=whole.numbers.tolist())


def schedule_letter_pdfs(result: pd.DataFrame, folder: str | Path, *, tariff: Tariff | str | None = None,
                         lang: str = "en", seller: Seller | str | Path | None = None, issued: date | None = None,
                         who: dict[str, Party] | None = None, force: bool = False, outputs: Outputs | None = None,
                         progress: Progress | None = None) -> DocumentSet:
    """One advice letter per customer scheduled by schedule_many (its result, as schedule_file
    returns it), `<customer>_schedule.pdf` in `folder`: the plans and cost of each month, the
    current plans' cost, the saving over the period (its own total, and on average per month), a
    chart per month, the first month itemised. A customer with a row in error gets no letter.
    `who`: the name and address by customer (default: the result's name and address columns)."""
    lang = _lang(lang)
    advices, skipped = schedule_advices_of(result, tariff=tariff, issued=issued, who=who)
    folder = Path(folder)
    stems = file_names(a.party.customer for a in advices)
    targets = [folder / f"{stems[a.party.customer]}_schedule.pdf" for a in advices]
    sender = _seller(seller)
    written = _write(outputs, force, targets, "advice letter PDF",
                     lambda k: render_schedule_advice(advices[k], sender, lang), progress)
    return DocumentSet("letters", folder, written, skipped)

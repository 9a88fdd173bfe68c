"""The tour of `answer-plan demo`: a quote and a recommendation on PRICING.md's big example, and every
file the project writes (the workbook, bulk over the sample customers, the chart, the invoices of a
sample contact log, the schedules of the sample months), written under one folder as one set."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from optimizer import Usage, load_tariff, quote, recommend, recommend_many
from optimizer.files.outputs import Outputs
from optimizer.ground.money import format_amount
from optimizer.ground.words import word
from optimizer.jobs.bulk import bulk_file
from optimizer.jobs.chart import cost_chart_file
from optimizer.jobs.documents import invoice_pdfs, letter_pdfs, schedule_letter_pdfs
from optimizer.jobs.rate import rate_files
from optimizer.jobs.schedule import schedule_file
from xl_addin.workbook import build

__all__ = ["demo"]


def demo(out: Path, example: dict[str, Any], lang: str = "en", force: bool = False) -> Iterator[str]:
    """The lines the tour prints, as it goes."""
    t = load_tariff()
    usage = Usage(**example)
    shown = ", ".join(f"{k}={v}" for k, v in usage.nonzero().items())
    yield f"== Example forecast: {shown}\n"
    yield quote(usage, phone="PREMIUM", chat="PLUS", tariff=t).table(lang)
    r = recommend(usage, tariff=t)
    yield ""
    yield r.table(lang)
    samples = resources.files("optimizer.samples")
    book = out / "answer_plan.xlsm"
    with resources.as_file(samples.joinpath("customers.csv")) as customers, \
            resources.as_file(samples.joinpath("events.csv")) as events, \
            resources.as_file(samples.joinpath("contracts.csv")) as contracts, \
            resources.as_file(samples.joinpath("months.csv")) as months, \
            resources.as_file(samples.joinpath("seller.toml")) as seller, \
            Outputs(force=force) as run:
        kept = book.exists() and not force and not run.ledger.ours(book)  # a workbook the user edited: kept
        if not kept:
            build(book, tariff=t, lang=lang, outputs=run)
        summary = bulk_file(customers, out / "customers_recommended.csv", tariff=t, outputs=run)
        chart = cost_chart_file(usage, out / "cost_by_calls.png", tariff=t, lang=lang, outputs=run)
        rating = rate_files(events, contracts, out / "invoices.csv", tariff=t, lines=out / "invoice_lines.csv",
                            evaluations=out / "aht_evaluations.csv", csv_dialect="en", outputs=run)
        year, schedules = schedule_file(months, out / "schedules.csv", tariff=t, outputs=run)
        # a few of each document: one customer's first quarter of invoices, three advice letters, a year's
        few = [k for k, c in enumerate(rating.invoices["customer"]) if c == "0233"][:3]
        quarter = replace(rating, invoices=rating.invoices.iloc[few].reset_index(drop=True),
                          usage=rating.usage.iloc[few].reset_index(drop=True) if rating.usage is not None
                          else None)
        pdf = out / "pdf"
        invoices = invoice_pdfs(quarter, pdf, seller=seller, lang=lang, outputs=run)
        first = pd.read_csv(customers, dtype={"customer": str}, keep_default_na=False).head(3)
        letters = letter_pdfs(recommend_many(first, tariff=t), pdf, tariff=t, lang=lang, seller=seller,
                              outputs=run)
        yearly = schedule_letter_pdfs(year[year["customer"] == "1200"], pdf, tariff=t, lang=lang, seller=seller,
                                      outputs=run)
    yield "\n== A year of a contact log (sample): " + rating.summary(lang)
    changed = rating.evaluations[rating.evaluations["changed"]]
    for row in changed.head(3).to_dict("records"):
        yield (f"  agreed AHT of {row['customer']} after {row['quarter']}: {row['agreed_before']} s -> "
               f"{row['agreed_after']} s (measured {row['measured_aht']} s)")
    first = year[year["customer"] == "1200"].iloc[0]
    yield (f"\n== Plans over the year (sample customer 1200): {format_amount(first['schedule_total'], lang)} with "
           f"{int(first['changes'])} changes, against {format_amount(first['fixed_total'], lang)} on "
           f"{first['fixed_phone']} all year")
    yield "\n== Outputs"
    if kept:
        yield f"  workbook: {book} was there already and is kept as it is (--force builds it anew)"
    else:
        yield f"  workbook (open in Excel, Recommend button; keep answer_plan.py beside it): {book}"
    yield f"  bulk over the sample customers ({summary.line(lang)}): {out / 'customers_recommended.csv'}"
    yield f"  chart of monthly cost against calls: {chart}"
    yield (f"  invoices from the sample contact log: {out / 'invoices.csv'} (lines: {out / 'invoice_lines.csv'}, "
           f"AHT evaluations: {out / 'aht_evaluations.csv'})")
    yield f"  schedules of the sample customers ({schedules.rows} months): {out / 'schedules.csv'}"
    for docs in (invoices, letters, yearly):
        yield f"  {docs.line(lang)}"
    yield f"  ({word('written to', lang)} {out})"

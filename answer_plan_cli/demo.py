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
from optimizer.ground.words import section, word
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
    w = section("demo", lang)
    yield f"== {w['example']}: {shown}\n"
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
    yield f"\n== {w['year of a log']}: " + rating.summary(lang)
    changed = rating.evaluations[rating.evaluations["changed"]]
    for row in changed.head(3).to_dict("records"):
        yield "  " + w["aht"].format(customer=row["customer"], quarter=row["quarter"], before=row["agreed_before"],
                                     after=row["agreed_after"], measured=row["measured_aht"])
    first = year[year["customer"] == "1200"].iloc[0]
    yield "\n== " + w["plans"].format(total=format_amount(first["schedule_total"], lang), changes=int(first["changes"]),
                                     fixed=format_amount(first["fixed_total"], lang), plan=first["fixed_phone"])
    yield f"\n== {w['outputs']}"
    if kept:
        yield "  " + w["kept"].format(book=book)
    else:
        yield "  " + w["workbook"].format(book=book)
    yield f"  {w['bulk']} ({summary.line(lang)}): {out / 'customers_recommended.csv'}"
    yield f"  {w['chart']}: {chart}"
    yield "  " + w["invoices"].format(invoices=out / "invoices.csv", lines=out / "invoice_lines.csv",
                                      evaluations=out / "aht_evaluations.csv")
    yield "  " + w["schedules"].format(n=schedules.rows, path=out / "schedules.csv")
    for docs in (invoices, letters, yearly):
        yield f"  {docs.line(lang)}"
    yield f"  ({word('written to', lang)} {out})"

"""Documents: a year of invoices for 500 customers (6,000 PDFs) and 500 advice letters, timed.

    python bench/documents.py            # prints the figures
    bench_documents()                    # returns them (seconds, documents per second, ...)

The contact log is synthesized (500 customers, 12 months, about 100 contacts a customer-month) and
rated before the clock starts; the clock covers what `rate --pdf` and `bulk --pdf` add: the
itemised lines, every invoice and letter drawn, and the whole set written and committed by the
one writer (fsync, hashes, ledger), into a fresh folder and again over the set it wrote.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import customers as customer_base

from optimizer import load_tariff, rate, recommend_many
from optimizer.files.outputs import Ledger, Outputs
from optimizer.jobs.documents import invoice_pdfs, letter_pdfs

SAMPLES = Path(__file__).resolve().parents[1] / "optimizer" / "samples"
TARGET_SECONDS = 90.0  # issue 20: 6,000 documents in under 90 s


def contact_log(n: int = 500, months: int = 12, per_month: int = 100, seed: int = 11
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, contracts) of n customers over a year: calls, chats, forwards and SMS reports."""
    rng = np.random.default_rng(seed)
    ids = [f"C{k:04d}" for k in range(n)]
    count = rng.poisson(per_month, (n, months)).clip(1)
    who = np.repeat(np.repeat(np.arange(n), months), count.ravel())
    month = np.repeat(np.tile(np.arange(months), n), count.ravel())
    total = len(who)
    day = rng.integers(1, 29, total)
    second = rng.integers(8 * 3600, 18 * 3600, total)
    start = [f"2026-{m + 1:02d}-{d:02d}T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
             for m, d, s in zip(month.tolist(), day.tolist(), second.tolist(), strict=True)]
    kind = rng.choice(np.array(["call", "call", "call", "chat", "chat", "forward", "sms_report"]), total)
    seconds = np.round(rng.gamma(2.0, 60.0, total), 1)
    events = pd.DataFrame({"customer": np.array(ids, dtype=object)[who], "start": start, "kind": kind,
                           "seconds": seconds, "foreign": ""})
    plans = np.array(["BASIC", "SMART", "PLUS", "PREMIUM"], dtype=object)
    contracts = pd.DataFrame({
        "customer": ids, "name": [f"Klant {k} B.V." for k in range(n)],
        "address": [f"Dorpsstraat {k % 300 + 1}, {1000 + k % 9000} AB Ergens" for k in range(n)],
        "phone_plan": plans[rng.integers(1, 4, n)], "chat_plan": plans[rng.integers(0, 4, n)],
        "agreed_aht": rng.integers(120, 300, n), "month_spec": rng.random(n) < 0.3})
    return events, contracts


def letter_base(n: int = 500, seed: int = 7) -> pd.DataFrame:
    base = customer_base(n, seed)
    rng = np.random.default_rng(seed + 1)
    plans = np.array(["SMART", "PLUS", "PREMIUM"], dtype=object)
    base.insert(0, "customer", [f"Klant {k:04d}" for k in range(n)])
    night = base["need_24_7"].to_numpy()  # 24/7 needs PLUS or PREMIUM (rule 3): every row is priced
    base["current_phone"] = np.where(night, plans[rng.integers(1, 3, n)], plans[rng.integers(0, 3, n)])
    base["current_chat"] = np.where(base["chats"] > 0, np.where(night, plans[rng.integers(1, 3, n)],
                                                               plans[rng.integers(0, 3, n)]), None)
    return base


def bench_documents(n: int = 500, lang: str = "nl", folder: str | Path | None = None,
                    show: bool = True) -> dict[str, Any]:
    """Times a year of invoices (n customers x 12 months) and n advice letters, written as PDF
    sets; returns the figures (and prints them when `show`)."""
    t = load_tariff()
    events, contracts = contact_log(n)
    seller = SAMPLES / "seller.toml"
    tmp = tempfile.TemporaryDirectory(prefix="answer-plan-documents-")
    ledger = Ledger(Path(tmp.name) / "written.tsv")  # a ledger of its own, never the user's
    out = Path(folder) if folder is not None else Path(tmp.name) / "pdf"
    priced = recommend_many(letter_base(n), tariff=t)
    rating = rate(events, contracts, tariff=t)
    figures: dict[str, Any] = {"events": len(events), "invoices": len(rating.invoices)}
    start = time.perf_counter()
    _ = rating.lines
    figures["lines_s"] = time.perf_counter() - start
    begin = time.perf_counter()
    with Outputs(ledger=ledger) as run:
        invoices = invoice_pdfs(rating, out, seller=seller, lang=lang, outputs=run)
    figures["invoices_s"] = time.perf_counter() - begin
    begin = time.perf_counter()
    with Outputs(ledger=ledger) as run:
        letters = letter_pdfs(priced, out, tariff=t, lang=lang, seller=seller, outputs=run)
    figures["letters_s"] = time.perf_counter() - begin
    figures["total_s"] = time.perf_counter() - start
    docs = len(invoices.written) + len(letters.written)
    figures.update(documents=docs, invoice_pdfs=len(invoices.written), letter_pdfs=len(letters.written),
                   letters_skipped=len(letters.skipped), per_second=docs / figures["total_s"],
                   megabytes=sum(p.stat().st_size for p in out.iterdir()) / 1e6)
    begin = time.perf_counter()  # the same set again, over the files it wrote (the ledger's checks)
    with Outputs(ledger=ledger) as run:
        invoice_pdfs(rating, out, seller=seller, lang=lang, outputs=run)
    figures["invoices_again_s"] = time.perf_counter() - begin
    figures["met"] = figures["total_s"] < TARGET_SECONDS
    if show:
        print(f"documents: {figures['invoice_pdfs']:,} invoices ({n} customers x 12 months, "
              f"{figures['events']:,} contacts) + {figures['letter_pdfs']:,} advice letters "
              f"({figures['letters_skipped']} rows without a price) = {docs:,} PDFs, "
              f"{figures['megabytes']:.1f} MB")
        print(f"  itemised lines {figures['lines_s']:.2f} s, invoices {figures['invoices_s']:.2f} s, "
              f"letters {figures['letters_s']:.2f} s: total {figures['total_s']:.2f} s, "
              f"{figures['per_second']:,.0f} documents per second (target: {docs:,} in < {TARGET_SECONDS:.0f} s: "
              f"{'met' if figures['met'] else 'NOT met'})")
        print(f"  the invoices again, over the set written before: {figures['invoices_again_s']:.2f} s")
    tmp.cleanup()
    return figures


if __name__ == "__main__":
    bench_documents()

"""Invoices as documents: one per customer and month of a Rating, amounts as in its invoices file.

`invoices_of(rating)` gathers each invoice (its lines from `Rating.lines`, its total, BTW and
total incl. BTW from `Rating.invoices`, checked to add up to the cent) and `render_invoice` draws
it. The invoice number is the month and a code of the customer (`2026-01-K7Q2M9XD`): the same
customer and month give the same number in every run, whatever else is in the log; the customer's
invoices form one series, ordered by month; two customers whose codes meet are refused by the job.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from optimizer.decisions.rating import Rating
from optimizer.ground.errors import AnswerPlanError
from optimizer.ground.money import ZERO, format_percent, from_cents
from optimizer.ground.months import Month
from optimizer.ground.words import word
from optimizer.pricing import Line

from .common import Party, Skipped, address_lines, code, long_date, money, period_text, write_lines
from .pdf import ACCENT, GREY, INK, LEFT, RIGHT, RULE, TOP, WARN, Sheet, plain, width
from .seller import Seller

__all__ = ["Invoice", "invoice_number", "invoices_of", "render_invoice", "vat_label"]

CODE = 8  # characters of the customer's code: 40 bits, a meeting of two in 10,000 customers ~ 1 in 20,000


@dataclass(frozen=True)
class Invoice:
    number: str
    party: Party
    month: Month
    issued: date
    phone: str | None
    chat: str | None
    lines: tuple[Line, ...]
    total: Decimal
    vat: Decimal
    total_incl_vat: Decimal
    vat_rate: Decimal
    vat_names: tuple[str, str] = ("VAT", "BTW")  # the tariff's own (English, Dutch)


def invoice_number(customer: str, month: Month | str) -> str:
    """'2026-01-K7Q2M9XD': the month, then a code of the customer (stable, 8 characters)."""
    return f"{month}-{code(str(customer), CODE)}"


def _month(text: str) -> Month:
    year, _, m = str(text).partition("-")
    return Month(int(year), int(m))


def _cents(x: Any) -> Decimal:
    return from_cents(int(np.rint(float(x) * 100)))


def _exact(x: Any) -> Decimal:
    """A price or quantity of the lines table (float) as the decimal it was written as."""
    if isinstance(x, (int, np.integer)):
        return Decimal(int(x))
    return Decimal(repr(float(x)))


def invoices_of(rating: Rating, *, issued: date | None = None) -> tuple[list[Invoice], list[Skipped]]:
    """Every invoice of a rating with a total, and those without one (an error: the contract's
    plans cannot serve that month) with their reason. `issued`: the invoice date (default: the
    first day after the month invoiced)."""
    t = rating.tariff
    by_invoice: dict[tuple[str, str], list[Line]] = {}
    lines = rating.lines
    for ln in lines.itertuples(index=False):
        by_invoice.setdefault((str(ln.customer), str(ln.month)), []).append(
            Line(str(ln.group), "", str(ln.what), str(ln.dutch), _exact(ln.quantity), str(ln.unit),
                 _exact(ln.unit_price), str(ln.per), _cents(ln.amount)))
    out: list[Invoice] = []
    skipped: list[Skipped] = []
    inv = rating.invoices
    columns = ("customer", "month", "phone_plan", "chat_plan", "total", "vat", "total_incl_vat", "error")
    for customer, month, phone, chat, total, vat, incl, error in zip(*(inv[c].tolist() for c in columns)):
        customer, month = str(customer), str(month)
        if error or total is None or (isinstance(total, float) and np.isnan(total)):
            skipped.append(Skipped(customer, str(error) or "no total", month))
            continue
        its = tuple(by_invoice.get((customer, month), ()))
        total_d = _cents(total)
        if sum((ln.amount for ln in its), ZERO) != total_d:
            raise AnswerPlanError(f"invoice {customer} {month}: its lines add up to "
                                  f"{sum((ln.amount for ln in its), ZERO)}, its total is {total_d}")
        m = _month(month)
        contract = rating.contracts.get(customer)
        party = Party(customer, contract.name if contract else "",
                      address_lines(contract.address) if contract else ())
        out.append(Invoice(invoice_number(customer, m), party, m, issued or _after(m), _plan(phone), _plan(chat),
                           its, total_d, _cents(vat), _cents(incl), t.vat_rate, (t.vat_what, t.vat_dutch)))
    return out, skipped


def _plan(v: Any) -> str | None:
    return None if v is None or (isinstance(v, float) and np.isnan(v)) or v == "" else str(v)


def _after(m: Month) -> date:
    nxt = m + 1
    return date(nxt.year, nxt.month, 1)


def vat_label(names: tuple[str, str], rate: Decimal, lang: str) -> str:
    """'BTW 21%', 'VAT 21%' (the tariff's rate; '5,5%' in Dutch)."""
    return f"{names[1] if lang == 'nl' else names[0]} {format_percent(rate, lang)}"


# ----------------------------------------------------------------------------- drawing

def seller_footer(seller: Seller, lang: str) -> str:
    parts = [seller.name, ", ".join(seller.address), f"{word('document:KvK', lang)} {seller.kvk}",
             f"{word('document:VAT number', lang)} {seller.btw}", f"IBAN {seller.iban_text}"]
    return "  \u00b7  ".join(p for p in parts if p)


def seller_block(sheet: Sheet, seller: Seller | None, lang: str, y: float) -> float:
    """The seller at the top right (or, for a draft, the plain statement that it is missing)."""
    if seller is None:
        y = sheet.lines(RIGHT, y, [word("document:seller missing", lang)], 9, color=WARN, align="right")
        return y
    sheet.lines(RIGHT, y, [seller.name], 11, bold=True, align="right", room=250)
    y -= 15
    y = sheet.lines(RIGHT, y, seller.address, 8.5, color=INK, align="right", room=250)
    y -= 4
    rows = [f"{word('document:KvK', lang)} {seller.kvk}", f"{word('document:VAT number', lang)} {seller.btw}",
            f"IBAN {seller.iban_text}" + (f"  BIC {seller.bic}" if seller.bic else ""),
            *(x for x in (seller.email, seller.phone, seller.website) if x)]
    return sheet.lines(RIGHT, y, rows, 8, color=GREY, align="right")


def meta(sheet: Sheet, rows: Sequence[tuple[str, str]], y: float, x: float = 322, value_x: float = 408) -> float:
    """Facts in two columns (name, value) at the right; the first value bold; a long value smaller."""
    for k, (name, value) in enumerate(rows):
        sheet.text(x, y, name, 8.5, color=GREY)
        size = 8.5
        while size > 6.5 and width(plain(value), size, k == 0) > RIGHT - value_x:
            size -= 0.5
        sheet.text(value_x, y, value, size, bold=k == 0)
        y -= 13
    return y


def render_invoice(inv: Invoice, seller: Seller | None, lang: str = "en") -> bytes:
    """The invoice as a PDF (A4). Without a seller it is a draft, and says so."""
    title = word("document:Invoice" if seller else "document:Draft invoice", lang)
    footer = seller_footer(seller, lang) if seller else word("document:draft footer", lang)
    sheet = Sheet(f"{title} {inv.number}", seller.name if seller else "", footer=footer,
                  page_text=word("document:page", lang))
    sheet.text(LEFT, TOP - 14, title, 22, bold=True, color=WARN if seller is None else ACCENT)
    below = seller_block(sheet, seller, lang, TOP - 4)
    # the customer (where a window envelope shows it) and the invoice's facts beside it
    y = min(TOP - 125, below - 24)
    sheet.text(LEFT, y + 16, word("document:Bill to", lang), 8, color=GREY)
    sheet.lines(LEFT, y, inv.party.block, 10, bold_first=True, room=255)
    none = word("none", lang)
    rows = [(word("document:Invoice number", lang), inv.number),
            (word("document:Invoice date", lang), long_date(inv.issued, lang)),
            (word("document:Period", lang), period_text(inv.month, lang)),
            (word("document:Customer number", lang), inv.party.customer)]
    if seller is not None and seller.payment_days is not None:
        due = date.fromordinal(inv.issued.toordinal() + seller.payment_days)
        rows.append((word("document:Due date", lang), long_date(due, lang)))
    rows.append((word("document:Plans", lang), f"{word('phone', lang)} {inv.phone or none}, "
                                               f"{word('chat', lang)} {inv.chat or none}"))
    bottom = meta(sheet, rows, y + 16)
    sheet.y = min(bottom, y - 15 * len(inv.party.block)) - 22
    if seller is None:  # said plainly, in a red band (a watermark's letters would mix with the page's text)
        lines = sheet.wrap(word("document:draft note", lang), 9.5, RIGHT - LEFT - 24, bold=True)
        h = 13.3 * len(lines) + 12
        sheet.box(LEFT, sheet.y - h + 16, RIGHT - LEFT, h, (0.99, 0.92, 0.91))
        sheet.box(LEFT, sheet.y - h + 16, 3, h, WARN)
        sheet.y = sheet.lines(LEFT + 12, sheet.y, lines, 9.5, leading=13.3, color=WARN, bold=True) - 14
    write_lines(sheet, inv.lines, lang)
    # the totals, under the amount column
    vat = inv.vat_names[1] if lang == "nl" else inv.vat_names[0]
    sheet.space(70)
    sheet.y -= 6
    x_label = 330
    for name, amount, strong in ((word("document:Total excl. VAT", lang, vat=vat), inv.total, False),
                                 (vat_label(inv.vat_names, inv.vat_rate, lang), inv.vat, False),
                                 (word("document:Total incl. VAT", lang, vat=vat), inv.total_incl_vat, True)):
        if strong:
            sheet.rule(x_label, RIGHT, sheet.y + 11, RULE, 0.8)
            sheet.y -= 3
        size = 10.5 if strong else 9
        sheet.text(x_label, sheet.y, name, size, bold=strong)
        sheet.text(RIGHT - 6, sheet.y, money(amount, lang), size, bold=strong, align="right")
        sheet.y -= 16 if strong else 14
    sheet.y -= 14
    if seller is not None:
        key = "document:payment" if seller.payment_days is not None else "document:payment no term"
        sheet.paragraph(word(key, lang, amount=money(inv.total_incl_vat, lang), days=seller.payment_days,
                             iban=seller.iban_text, name=seller.name, number=inv.number), 9)
    return sheet.finish()

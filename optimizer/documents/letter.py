"""Advice letters: one per priced customer of recommend_many (a month's forecast) or of
schedule_many (a plan per month), amounts as in those results and in quote().

`advices_of(priced)` and `schedule_advices_of(result)` gather each letter's facts from the rows
(the recommended quote re-priced by `quote` and checked against the row's total to the cent);
`render_advice` and `render_schedule_advice` draw them. A row without a price gets no letter: it
is returned, with its reason, for the summary to name.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from optimizer.decisions.many import RESULTS
from optimizer.decisions.schedule import SCHEDULE_RESULTS
from optimizer.engines.batch import usage_at
from optimizer.engines.exact import Quote, quote
from optimizer.ground.errors import AnswerPlanError, ArgumentError
from optimizer.ground.money import div, from_cents, round_cents
from optimizer.ground.months import Month
from optimizer.ground.words import word
from optimizer.pricing.tariff import Tariff, resolve_tariff
from optimizer.reading.fields import BULK_SPEC, SCHEDULE_SPEC
from optimizer.reading.frames import id_column, numbered, read_frame

from .common import Party, Skipped, long_date, money, parties, write_lines
from .invoice import meta, seller_block, seller_footer
from .pdf import ACCENT, BOTTOM, GREY, INK, LEFT, PALE, RIGHT, TOP, Bar, Column, Sheet, plain
from .seller import Seller

__all__ = ["Advice", "ScheduleAdvice", "advices_of", "render_advice", "render_schedule_advice",
           "schedule_advices_of"]

Plans = tuple[str | None, str | None]


@dataclass(frozen=True)
class Advice:
    """A letter on a month's forecast: current plans and cost (None: none given), the
    recommendation (its quote, itemised), the saving per month."""

    party: Party
    issued: date
    current: Plans | None
    current_total: Decimal | None
    recommended: Quote
    saving: Decimal | None
    vat_names: tuple[str, str] = ("VAT", "BTW")
    row: int = 0  # the row of the table (1 = the first)

    @property
    def total(self) -> Decimal:
        return self.recommended.total

    @property
    def saving_year(self) -> Decimal | None:
        return None if self.saving is None else self.saving * 12


@dataclass(frozen=True)
class ScheduleAdvice:
    """A letter on a schedule: the months, the plans and cost of each, the schedule's total and
    changes; the current plans' cost per month (None: none given, or they cannot serve a month);
    the best single selection and what the schedule saves on it; the first month itemised."""

    party: Party
    issued: date
    months: tuple[Month, ...]
    plans: tuple[Plans, ...]
    totals: tuple[Decimal, ...]
    total: Decimal
    changes: int
    current: Plans | None
    current_totals: tuple[Decimal, ...] | None
    current_fails: Month | None  # the first month the current plans cannot serve
    fixed: Plans | None
    fixed_total: Decimal | None
    fixed_saving: Decimal | None
    first: Quote
    vat_names: tuple[str, str] = ("VAT", "BTW")

    @property
    def current_total(self) -> Decimal | None:
        return None if self.current_totals is None else sum(self.current_totals, Decimal("0.00"))

    @property
    def saving(self) -> Decimal | None:
        """Against the current plans, over the period."""
        return None if self.current_total is None else self.current_total - self.total

    @property
    def saving_month(self) -> Decimal | None:
        s = self.saving
        return None if s is None else round_cents(div(s, len(self.months)))


# ----------------------------------------------------------------------------- the facts

def _cents(x: Any) -> Decimal | None:
    if x is None or (isinstance(x, float) and np.isnan(x)) or x is pd.NA:
        return None
    return from_cents(int(np.rint(float(x) * 100)))


def _plan(v: Any) -> str | None:
    return None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) or str(v) == "" else str(v)


def _current(t: Tariff, fields: pd.DataFrame, r: int) -> Plans | None:
    given = [fields[f].iat[r] if f in fields.columns else None for f in ("current_phone", "current_chat")]
    if all(_plan(g) is None or not str(g).strip() for g in given):
        return None
    return t.plan_name(_plan(given[0]), "current_phone"), t.plan_name(_plan(given[1]), "current_chat")


def _quote(t: Tariff, fields: pd.DataFrame, r: int, plans: Plans, total: Decimal | None, what: str) -> Quote:
    q = quote(usage_at(fields, r), phone=plans[0], chat=plans[1], tariff=t)
    if total is not None and q.total != total:
        raise AnswerPlanError(f"{what}: the quote of {plans} is {q.total}, the row says {total}")
    return q


def advices_of(priced: pd.DataFrame, *, tariff: Tariff | str | None = None, issued: date | None = None,
               who: Sequence[Party] | None = None, row_numbers: Sequence[int] | None = None
               ) -> tuple[list[Advice], list[Skipped]]:
    """A letter's facts for every priced row of recommend_many's result (its input columns and
    phone_plan, chat_plan, total[, current_total, saving], error), and the rows without a price.
    `who`: the addressee of each row (default: the frame's customer, name and address columns);
    `row_numbers`: each row's number in the user's file, for names and messages (a file's row as a
    spreadsheet shows it; default: its place in the frame, from 1)."""
    t = resolve_tariff(tariff)
    inputs = priced.drop(columns=[c for c in RESULTS if c in priced.columns])
    fields = read_frame(inputs, BULK_SPEC, source="frame").fields
    who = list(who) if who is not None else parties(inputs)
    if len(who) != len(priced):
        raise ArgumentError(f"who: {len(who)} addressees for {len(priced)} rows; give one per row")
    issued = issued or date.today()
    errors = priced["error"].astype(object).tolist() if "error" in priced.columns else [""] * len(priced)
    totals = priced["total"].tolist()
    current_totals = priced["current_total"].tolist() if "current_total" in priced.columns else [None] * len(totals)
    savings = priced["saving"].tolist() if "saving" in priced.columns else [None] * len(totals)
    phones, chats = priced["phone_plan"].astype(object).tolist(), priced["chat_plan"].astype(object).tolist()
    numbers = numbered(row_numbers, len(priced))
    out: list[Advice] = []
    skipped: list[Skipped] = []
    for r, party in enumerate(who):
        total = _cents(totals[r])
        if (errors[r] and str(errors[r]) != "nan") or total is None:
            skipped.append(Skipped(party.customer, str(errors[r] or "no price"), row=int(numbers[r])))
            continue
        q = _quote(t, fields, r, (_plan(phones[r]), _plan(chats[r])), total, f"row {numbers[r]}")
        current = _current(t, fields, r)
        current_total = _cents(current_totals[r]) if current is not None else None
        saving = _cents(savings[r]) if current_total is not None else None
        out.append(Advice(party, issued, current, current_total, q, saving, (t.vat_what, t.vat_dutch),
                          int(numbers[r])))
    return out, skipped


def schedule_advices_of(result: pd.DataFrame, *, tariff: Tariff | str | None = None, issued: date | None = None,
                        who: dict[str, Party] | None = None) -> tuple[list[ScheduleAdvice], list[Skipped]]:
    """A letter's facts for every customer scheduled by schedule_many (its result: the input rows,
    phone_plan, chat_plan, total, error, schedule_total, changes, fixed_*, saving), and the
    customers without a schedule (a row with an error). `who`: the addressee by customer."""
    t = resolve_tariff(tariff)
    inputs = result.drop(columns=[c for c in SCHEDULE_RESULTS if c in result.columns])
    fields = read_frame(inputs, SCHEDULE_SPEC, source="frame").fields
    if who is None:
        who = {p.customer: p for p in parties(inputs)}
    issued = issued or date.today()
    customers = id_column(fields["customer"]).tolist()
    rows_of: dict[str, list[int]] = {}
    for r, c in enumerate(customers):
        rows_of.setdefault(c, []).append(r)
    col = {name: result[name].astype(object).tolist() for name in SCHEDULE_RESULTS}
    month_of: list[Month] = fields["month"].tolist()
    out: list[ScheduleAdvice] = []
    skipped: list[Skipped] = []
    for customer, rows in rows_of.items():
        party = who.get(customer, Party(customer))
        bad = next((r for r in rows if col["error"][r] or _cents(col["total"][r]) is None), None)
        if bad is not None:
            skipped.append(Skipped(customer, str(col["error"][bad] or "no price"), row=bad + 1))
            continue
        rows = sorted(rows, key=lambda r: month_of[r])
        months = tuple(month_of[r] for r in rows)
        plans = tuple((_plan(col["phone_plan"][r]), _plan(col["chat_plan"][r])) for r in rows)
        totals = tuple(_cents(col["total"][r]) or Decimal(0) for r in rows)
        schedule_total = _cents(col["schedule_total"][rows[0]])
        assert schedule_total is not None
        if sum(totals, Decimal("0.00")) != schedule_total:
            raise AnswerPlanError(f"customer {customer}: the months add up to {sum(totals)}, the schedule's total "
                                  f"is {schedule_total}")
        first = _quote(t, fields, rows[0], plans[0], totals[0], f"customer {customer}, month {months[0]}")
        current = _current(t, fields, rows[0])
        current_totals: tuple[Decimal, ...] | None = None
        fails = None
        if current is not None:
            each = []
            for r, m in zip(rows, months, strict=True):
                try:
                    each.append(quote(usage_at(fields, r), phone=current[0], chat=current[1], tariff=t).total)
                except AnswerPlanError:
                    fails = m
                    break
            current_totals = None if fails is not None else tuple(each)
        fixed_total = _cents(col["fixed_total"][rows[0]])
        fixed = (_plan(col["fixed_phone"][rows[0]]), _plan(col["fixed_chat"][rows[0]])) if fixed_total else None
        changes = col["changes"][rows[0]]
        out.append(ScheduleAdvice(party, issued, months, plans, totals, schedule_total,
                                  0 if changes is None or changes is pd.NA else int(changes), current,
                                  current_totals, fails, fixed, fixed_total, _cents(col["saving"][rows[0]]), first,
                                  (t.vat_what, t.vat_dutch)))
    return out, skipped


# ----------------------------------------------------------------------------- drawing

def _plans_text(plans: Plans, lang: str) -> tuple[str, str]:
    none = word("none", lang)
    return plans[0] or none, plans[1] or none


def _head(sheet: Sheet, party: Party, seller: Seller | None, issued: date, subject: str, lang: str) -> None:
    """Sender at the top right, the customer where a window envelope shows it, the date, the subject."""
    if seller is not None:
        y = min(TOP - 125, seller_block(sheet, seller, lang, TOP - 4) - 14)
    else:
        y = TOP - 20
    sheet.lines(LEFT, y, party.block, 10, bold_first=True, room=255)
    rows = [(word("document:Date", lang), long_date(issued, lang)),
            (word("document:Customer number", lang), party.customer)]
    bottom = meta(sheet, rows, y)
    sheet.y = min(bottom, y - 15 * len(party.block)) - 30
    sheet.text(LEFT, sheet.y, subject, 13, bold=True, color=ACCENT)
    sheet.y -= 24
    sheet.paragraph(word("document:Dear", lang), 10, after=4)


def _closing(sheet: Sheet, seller: Seller | None, vat_names: tuple[str, str], lang: str, key: str) -> None:
    sheet.y -= 4
    vat = vat_names[1] if lang == "nl" else vat_names[0]
    sheet.paragraph(word(key, lang, vat=vat), 8.5, color=GREY, after=12)
    sheet.space(50)
    sheet.paragraph(word("document:Kind regards", lang), 10, after=14)
    if seller is not None:
        sheet.paragraph(seller.name, 10, bold=True)
    else:  # no sender given (no --seller): say so, as a draft invoice does
        sheet.paragraph(word("document:letter without sender", lang), 9, color=GREY)


def _highlight(sheet: Sheet, label: str, text: str) -> None:
    sheet.space(34)
    sheet.box(LEFT, sheet.y - 10, RIGHT - LEFT, 26, (0.90, 0.94, 0.97))
    sheet.box(LEFT, sheet.y - 10, 3, 26, ACCENT)
    w = sheet.text(LEFT + 12, sheet.y, label + ":", 10.5, bold=True, color=ACCENT, measure=True)
    sheet.text(LEFT + 18 + w, sheet.y, text, 10.5, bold=True, color=INK)
    sheet.y -= 32


def _total_row(sheet: Sheet, label: str, amount: Decimal, lang: str) -> None:
    sheet.space(22)
    sheet.rule(330, RIGHT, sheet.y + 10, (0.80, 0.82, 0.85), 0.8)
    sheet.y -= 4
    sheet.text(330, sheet.y, label, 10, bold=True)
    sheet.text(RIGHT - 6, sheet.y, money(amount, lang), 10, bold=True, align="right")
    sheet.y -= 20


def render_advice(a: Advice, seller: Seller | None = None, lang: str = "en") -> bytes:
    """The advice letter on a month's forecast, as a PDF (A4)."""
    subject = word("document:Advice", lang)
    sheet = Sheet(f"{subject}: {a.party.customer}", seller.name if seller else "",
                  footer=seller_footer(seller, lang) if seller else "", page_text=word("document:page", lang))
    _head(sheet, a.party, seller, a.issued, subject, lang)
    sheet.paragraph(word("document:letter intro", lang), 10, after=8)
    cols = [Column("", LEFT + 6), Column(word("document:Phone", lang), 190),
            Column(word("document:Chat", lang), 300), Column(word("document:Per month", lang), RIGHT - 6, "right")]
    sheet.table_header(cols)
    q = a.recommended
    if a.current is not None and a.current_total is not None:
        sheet.row(cols, [word("document:Current", lang), *_plans_text(a.current, lang),
                         money(a.current_total, lang)], 9.5, line_below=True)
    sheet.row(cols, [word("document:Recommended", lang), *_plans_text((q.phone, q.chat), lang),
                     money(q.total, lang)], 9.5, bold=True)
    sheet.y -= 10
    if a.saving is not None and a.saving_year is not None and a.saving > 0:
        _highlight(sheet, word("document:Your saving", lang),
                   word("document:saving", lang, month=money(a.saving, lang), year=money(a.saving_year, lang)))
    elif a.current is not None:
        sheet.paragraph(word("document:already cheapest", lang), 10, bold=True, color=ACCENT)
    else:
        sheet.paragraph(word("document:no current", lang), 10)
    # the chart: current against recommended (a prospect: the recommendation's parts)
    sheet.text(LEFT, sheet.y, word("document:chart", lang), 8.5, bold=True, color=GREY)
    sheet.y -= 8
    if a.current_total is not None and a.current is not None:
        bars = [Bar(f"{word('document:Current', lang)} ({' / '.join(_plans_text(a.current, lang))})",
                    a.current_total, PALE, money(a.current_total, lang), GREY),
                Bar(f"{word('document:Recommended', lang)} ({' / '.join(_plans_text((q.phone, q.chat), lang))})",
                    q.total, ACCENT, money(q.total, lang))]
    else:
        bars = [Bar(word(f"group:{g}", lang), q.subtotal(g), ACCENT, money(q.subtotal(g), lang))
                for g in q.groups if g != "discount" and q.subtotal(g) > 0]
    sheet.hbars(bars, label_room=170, bar=13, gap=6)
    sheet.y -= 18
    sheet.space(80)
    sheet.text(LEFT, sheet.y, word("document:Itemised", lang), 10.5, bold=True, color=ACCENT)
    sheet.y -= 14
    write_lines(sheet, q.lines, lang)
    _total_row(sheet, word("Total per month", lang), q.total, lang)
    _closing(sheet, seller, a.vat_names, lang, "document:excl vat")
    return sheet.finish()


def _month_label(m: Month, lang: str) -> str:
    return f"{word('document:months', lang).split()[m.month - 1]} {m.year}"


def render_schedule_advice(a: ScheduleAdvice, seller: Seller | None = None, lang: str = "en") -> bytes:
    """The advice letter on a schedule (a plan per month), as a PDF (A4)."""
    subject = word("document:Advice per month", lang)
    sheet = Sheet(f"{subject}: {a.party.customer}", seller.name if seller else "",
                  footer=seller_footer(seller, lang) if seller else "", page_text=word("document:page", lang))
    _head(sheet, a.party, seller, a.issued, subject, lang)
    sheet.paragraph(word("document:schedule intro", lang, first=_month_label(a.months[0], lang),
                         last=_month_label(a.months[-1], lang)), 10, after=8)
    n = len(a.months)
    cols = [Column("", LEFT + 6), Column(word("document:Over the period", lang), RIGHT - 6, "right")]
    sheet.table_header(cols)
    if a.current is not None and a.current_total is not None:
        sheet.row(cols, [f"{word('document:Current', lang)}: {word('phone', lang)} {_plans_text(a.current, lang)[0]}, "
                         f"{word('chat', lang)} {_plans_text(a.current, lang)[1]}", money(a.current_total, lang)],
                  9.5, line_below=True)
    changes = word("document:one change", lang) if a.changes == 1 else word("document:changes", lang, n=a.changes)
    sheet.row(cols, [f"{word('document:Schedule', lang)} ({changes})",
                     money(a.total, lang)], 9.5, bold=True)
    sheet.y -= 10
    saving, per_month = a.saving, a.saving_month
    if saving is not None and per_month is not None and saving > 0:
        _highlight(sheet, word("document:Your saving", lang),
                   word("document:saving period", lang, total=money(saving, lang), months=n,
                        month=money(per_month, lang)))
    elif a.current_fails is not None:
        sheet.paragraph(word("document:current cannot", lang, month=str(a.current_fails)), 10)
    elif a.current is not None:
        sheet.paragraph(word("document:already cheapest", lang), 10, bold=True, color=ACCENT)
    if a.fixed is not None and a.fixed_total is not None and a.fixed_saving is not None and a.fixed_saving > 0:
        p, c = _plans_text(a.fixed, lang)
        sheet.paragraph(word("document:fixed", lang, phone=p, chat=c, total=money(a.fixed_total, lang),
                             saving=money(a.fixed_saving, lang)), 9, color=GREY, after=10)
    # the months, one row each, with their total
    cols = [Column(word("document:Month", lang), LEFT + 6), Column(word("document:Phone", lang), 150),
            Column(word("document:Chat", lang), 240)]
    if a.current_totals is not None:
        cols.append(Column(word("document:Current", lang), 440, "right"))
    cols.append(Column(word("document:Schedule", lang), RIGHT - 6, "right"))
    if 13.2 * n + 60 < TOP - BOTTOM:  # the months and their total on one page
        sheet.space(13.2 * n + 60)
    sheet.table_header(cols)
    sheet.on_new_page = lambda: sheet.table_header(cols)
    for k, m in enumerate(a.months):
        cells = [_month_label(m, lang), *_plans_text(a.plans[k], lang)]
        if a.current_totals is not None:
            cells.append(money(a.current_totals[k], lang))
        cells.append(money(a.totals[k], lang))
        changed = k > 0 and a.plans[k] != a.plans[k - 1]
        sheet.row(cols, cells, 8.5, line_below=True, bold=changed)
    sheet.on_new_page = None
    _total_row(sheet, word("Total", lang), a.total, lang)
    # the chart: each month's cost, current against the schedule
    sheet.y -= 8
    sheet.space(170)
    sheet.text(LEFT, sheet.y, word("document:chart", lang), 8.5, bold=True, color=GREY)
    sheet.y -= 10
    abbrev = [plain(m) for m in _short_months(lang)]
    groups = []
    for k, m in enumerate(a.months):
        bars = [Bar("", a.current_totals[k], PALE)] if a.current_totals is not None else []
        groups.append((abbrev[m.month - 1] if n <= 24 else "", [*bars, Bar("", a.totals[k], ACCENT)]))
    legend = ([(word("document:Current", lang), PALE)] if a.current_totals is not None else []) + \
        [(word("document:Schedule", lang), ACCENT)]
    sheet.vbars(groups, legend, lambda v: _whole(money(v, lang)) if v == int(v) else money(v, lang), height=100)
    sheet.y -= 6
    sheet.space(120)
    sheet.text(LEFT, sheet.y, word("document:Itemised first", lang, month=_month_label(a.months[0], lang)), 10.5,
               bold=True, color=ACCENT)
    sheet.y -= 14
    write_lines(sheet, a.first.lines, lang)
    _total_row(sheet, word("Total per month", lang), a.first.total, lang)
    _closing(sheet, seller, a.vat_names, lang, "document:excl vat period")
    return sheet.finish()


def _whole(text: str) -> str:
    """'€ 500,00' as '€ 500' (an axis of whole amounts)."""
    return text[:-3]


def _short_months(lang: str) -> tuple[str, ...]:
    from optimizer.ground.words import MONTH_NAMES

    return MONTH_NAMES[lang if lang in MONTH_NAMES else "en"]


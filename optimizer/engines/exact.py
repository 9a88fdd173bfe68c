"""quote(): the exact itemised monthly invoice for a forecast and a plan per service.

`Priced` holds one forecast priced by the Decimal engine: every service on every plan (its fee
and its charges' lines) and the options once. A selection's invoice is assembled from those parts
plus the discount (money.discount), so pricing all 25 selections costs little more than one.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from optimizer import rules
from optimizer.ground.caches import TariffCache
from optimizer.ground.errors import SelectionError
from optimizer.ground.money import ZERO, discount, format_amount, format_percent, vat
from optimizer.ground.usage import Usage
from optimizer.ground.words import label, line_what, phrase, unit
from optimizer.pricing import Line
from optimizer.pricing.tariff import Selection, Tariff, resolve_tariff

__all__ = ["Line", "Priced", "Quote", "quote"]


@dataclass(frozen=True)
class Quote:
    """An itemised monthly invoice. `total` is the sum of the rounded `lines` (2 places)."""

    usage: Usage
    phone: str | None
    chat: str | None
    lines: tuple[Line, ...]
    total: Decimal
    tariff: str
    currency: str = "EUR"
    vat_rate: Decimal = Decimal(0)  # rule 32: shown on request; plans are compared exclusive of BTW

    @property
    def vat(self) -> Decimal:
        """BTW on the total (rule 32), rounded half-up once."""
        return vat(self.vat_rate, self.total)

    @property
    def total_incl_vat(self) -> Decimal:
        return self.total + self.vat

    def subtotal(self, group: str) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.group == group), ZERO)

    @property
    def groups(self) -> dict[str, tuple[Line, ...]]:
        out: dict[str, list[Line]] = {}
        for ln in self.lines:
            out.setdefault(ln.group, []).append(ln)
        return {g: tuple(v) for g, v in out.items()}

    def rows(self) -> list[list[Any]]:
        """Header, one row per line (group, what, dutch, quantity, unit, unit price, per, amount),
        and the total."""
        head: list[Any] = ["group", "what", "dutch", "quantity", "unit", "unit price", "per", "amount"]
        body = [[ln.group, ln.what, ln.dutch, _num(ln.quantity), ln.unit, ln.unit_price, ln.per, ln.amount]
                for ln in self.lines]
        return [head, *body, ["total", "Total per month", "Totaal per maand", "", "", "", "", self.total]]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready and language-neutral: amounts as strings with two decimals."""
        return {
            "phone": self.phone, "chat": self.chat, "total": str(self.total), "currency": self.currency,
            "tariff": self.tariff,
            "lines": [{"group": ln.group, "key": ln.key, "what": ln.what, "dutch": ln.dutch,
                       "quantity": str(_num(ln.quantity)), "unit": ln.unit,
                       "unit_price": str(ln.unit_price), "per": ln.per, "amount": str(ln.amount)}
                      for ln in self.lines],
        }

    def table(self, lang: str = "en") -> str:
        """The quote as a plain-text invoice, in English or Dutch."""
        none = label("none", lang)
        plans = f"{label('phone', lang)} {self.phone or none}, {label('chat', lang)} {self.chat or none}"
        out = [f"{label('Quote', lang)} ({self.tariff}): {plans}"]
        texts = [line_what(ln, lang) for ln in self.lines]
        width = max([len(t) for t in texts] + [24])
        for group, lines in self.groups.items():
            out.append(f"  {label('group:' + group, lang)}")
            for ln in lines:
                amount = format_amount(ln.amount, lang, self.currency, symbol=False, grouping=lang == "nl")
                if ln.group == "discount":  # its base in euros, its rate as a rate
                    base = ln.quantity if isinstance(ln.quantity, Decimal) else float(ln.quantity)  # the fees: cents
                    qty = format_amount(base, lang, self.currency, symbol=False, grouping=lang == "nl")
                    rate = format_percent(ln.unit_price, lang)
                    out.append(f"    {line_what(ln, lang):<{width}} {qty:>14} x {rate:>8}  {'':<6} {amount:>10}")
                    continue
                qty = f"{_show(_num(ln.quantity), lang)} {unit(ln.unit, lang)}".strip()
                price = _show(ln.unit_price, lang)
                per = unit(ln.per, lang)
                out.append(f"    {line_what(ln, lang):<{width}} {qty:>14} x {price:>8} /{per:<6} {amount:>10}")
        total = label("Total per month", lang) + f" ({self.currency})"
        out.append(f"  {total:<{width + 2}} {'':>14}   {'':>8}  {'':<6}"
                   f" {format_amount(self.total, lang, self.currency, symbol=False, grouping=lang == 'nl'):>10}")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.table()


def _num(d: Any) -> Any:
    """A quantity for display: whole numbers as int, decimals normalised, fractions as they are."""
    if isinstance(d, Decimal):
        return int(d) if d == d.to_integral_value() else d.normalize()
    return d


def _show(value: Any, lang: str) -> str:
    text = str(value) if not isinstance(value, float) else f"{value:g}"
    return text.replace(".", ",") if lang == "nl" and isinstance(value, (Decimal, float)) else text


class Priced:
    """One forecast priced by the Decimal engine, for any selection of plans."""

    def __init__(self, t: Tariff, usage: Usage) -> None:
        self.tariff = t
        self.usage = usage
        self._parts: dict[tuple[str, str], tuple[tuple[Line, ...], Decimal]] = {}

    @cached_property
    def options(self) -> tuple[tuple[Line, ...], Decimal]:
        """The lines of the charges of no service, and their sum: the same whatever the plans."""
        lines = tuple(ln for c in self.tariff.option_charges for ln in c.lines(self.usage))
        return lines, sum((ln.amount for ln in lines), ZERO)

    def part(self, service: str, plan: str) -> tuple[tuple[Line, ...], Decimal]:
        """The fee line and charge lines of one service on one plan, and their sum (cached)."""
        key = (service, plan)
        found = self._parts.get(key)
        if found is None:
            t = self.tariff
            fee = _fee_line(t, service, plan)
            lines = (fee, *(ln for c in t.service_charges[key] for ln in c.lines(self.usage)))
            found = self._parts[key] = (lines, sum((ln.amount for ln in lines), ZERO))
        return found

    def discount_line(self, selection: Selection) -> Line | None:
        return _discount_line(self.tariff, selection)

    def total(self, selection: Selection) -> Decimal:
        """The invoice total of a selection (already checked against rules 3 and 4)."""
        total = self.options[1]
        for service, plan in zip(("phone", "chat"), selection, strict=True):
            if plan is not None:
                total += self.part(service, plan)[1]
        d = self.discount_line(selection)
        return total + d.amount if d is not None else total

    def quote(self, selection: Selection) -> Quote:
        """The Quote of a selection already checked against rules 3 and 4."""
        lines: list[Line] = []
        for service, plan in zip(("phone", "chat"), selection, strict=True):
            if plan is not None:
                lines.extend(self.part(service, plan)[0])
        d = self.discount_line(selection)
        if d is not None:
            lines.append(d)
        lines.extend(self.options[0])
        return Quote(self.usage, selection[0], selection[1], tuple(lines), sum((ln.amount for ln in lines), ZERO),
                     self.tariff.name, self.tariff.currency, self.tariff.vat_rate)


_FEE_LINES: TariffCache[tuple[str, str], Line] = TariffCache("fee line per (service, plan)")
_DISCOUNT_LINES: TariffCache[Selection, Line | None] = TariffCache("discount line per selection")


def _fee_line(t: Tariff, service: str, plan: str) -> Line:
    """The subscription fee's line of a service on a plan (the same for every forecast: made once)."""
    def make() -> Line:
        p, s = t.plans[plan], t.services[service]
        en, nl = phrase("fee", s.what, s.dutch, plan=plan)
        return Line(service, f"fee.{service}", en, nl, Decimal(1), "month", p.fee, "month", p.fee)
    return _FEE_LINES.get(t, (service, plan), make)


def _discount_line(t: Tariff, selection: Selection) -> Line | None:
    """Rule 20's line for a selection (the same for every forecast: made once), or None."""
    def make() -> Line | None:
        taken = [p for p in selection if p is not None]
        fees = sum((t.plans[p].fee for p in taken), ZERO)
        amount = discount(t.discount_rate, len(taken), fees)
        line = None
        if amount:
            rate = t.discount_rate * (len(taken) - 1)
            en, _ = phrase("discount", t.discount_what, t.discount_dutch, rate=f"{rate:%}", fees=fees)
            shown = f"{(rate * 100).normalize()}%".replace(".", ",")
            _, nl = phrase("discount", t.discount_what, t.discount_dutch, rate=shown,
                           fees=str(fees).replace(".", ","))
            line = Line("discount", "discount", en, nl, fees, t.currency, -rate, t.currency, amount)
        return line
    return _DISCOUNT_LINES.get(t, selection, make)


def quote(usage: Usage, *, phone: str | None = None, chat: str | None = None,
          tariff: Tariff | str | None = None) -> Quote:
    """The itemised monthly quote for `usage` with `phone` and `chat` plans (None: not taken).

    Raises SelectionError (a ValueError) for an unknown plan, usage without its service, or
    24/7 on a plan that is not reachable 24/7.
    """
    if not isinstance(usage, Usage):
        raise SelectionError(f"usage: expected a Usage, got {type(usage).__name__}")
    t = resolve_tariff(tariff)
    selection = (t.plan_name(phone, "phone"), t.plan_name(chat, "chat"))
    problem = rules.problem(t, usage, *selection)
    if problem:
        raise SelectionError(problem)
    return Priced(t, usage).quote(selection)

"""quote(): the exact itemised monthly invoice for a forecast and a plan per service."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .charges import Line, price_charge
from .errors import SelectionError
from .money import ZERO, round_cents
from .tariff import Tariff, load_tariff
from .usage import Usage

__all__ = ["Line", "Quote", "price_selection", "quote", "resolve_tariff"]

GROUP_TITLES = {"phone": "Phone", "chat": "Chat", "discount": "Discount", "options": "Options and other"}


@dataclass(frozen=True)
class Quote:
    """An itemised monthly invoice. `total` is the sum of the rounded `lines` (2 places)."""

    usage: Usage
    phone: str | None
    chat: str | None
    lines: tuple[Line, ...]
    total: Decimal
    tariff: str

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
        """JSON-ready: amounts as strings with two decimals."""
        return {
            "phone": self.phone, "chat": self.chat, "total": str(self.total), "tariff": self.tariff,
            "lines": [{"group": ln.group, "key": ln.key, "what": ln.what, "dutch": ln.dutch,
                       "quantity": str(_num(ln.quantity)), "unit": ln.unit,
                       "unit_price": str(ln.unit_price), "per": ln.per, "amount": str(ln.amount)}
                      for ln in self.lines],
        }

    def table(self) -> str:
        """The quote as a plain-text invoice."""
        plans = f"phone {self.phone or '-'}, chat {self.chat or '-'}"
        out = [f"Quote ({self.tariff}): {plans}"]
        width = max([len(ln.what) for ln in self.lines] + [24])
        for group, lines in self.groups.items():
            out.append(f"  {GROUP_TITLES.get(group, group)}")
            for ln in lines:
                qty = f"{_num(ln.quantity)} {ln.unit}".strip()
                out.append(f"    {ln.what:<{width}} {qty:>14} x {ln.unit_price:>8} /{ln.per:<6}"
                           f" {ln.amount:>10}")
        out.append(f"  {'Total per month (EUR)':<{width + 2}} {'':>14}   {'':>8}  {'':<6}"
                   f" {self.total:>10}")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.table()


def _num(d: Decimal) -> Decimal | int:
    return int(d) if d == d.to_integral_value() else d.normalize()


def resolve_tariff(tariff: Tariff | str | None) -> Tariff:
    return tariff if isinstance(tariff, Tariff) else load_tariff(tariff)


def option_lines(t: Tariff, u: Usage) -> list[Line]:
    """The lines of the charges that belong to no service: the same whatever the plans."""
    return [ln for c in t.option_charges for ln in price_charge(c, u)]


def price_selection(t: Tariff, u: Usage, phone: str | None, chat: str | None,
                    options: list[Line] | None = None) -> list[Line]:
    """The lines for a checked selection: each service's fee and charges, the discount, options
    (pass `options` from option_lines to price many selections of one forecast)."""
    lines: list[Line] = []
    fees = ZERO
    taken = 0
    for service, plan in (("phone", phone), ("chat", chat)):
        if plan is None:
            continue
        p = t.plans[plan]
        s = t.services[service]
        lines.append(Line(service, f"fee.{service}", f"{s.what}: {plan} subscription",
                          f"Abonnementkosten {plan}", Decimal(1), "month", p.fee, "month", p.fee))
        fees += p.fee
        taken += 1
        for c in t.service_charges[(service, plan)]:
            lines.extend(price_charge(c, u))
    if taken > 1 and t.discount_rate:
        rate = t.discount_rate * (taken - 1)
        lines.append(Line("discount", "discount", f"{t.discount_what} ({rate:%} of {fees})",
                          t.discount_dutch, fees, "EUR", -rate, "EUR", round_cents(-rate * fees)))
    lines.extend(option_lines(t, u) if options is None else options)
    return lines


def quote(usage: Usage, *, phone: str | None = None, chat: str | None = None,
          tariff: Tariff | str | None = None) -> Quote:
    """The itemised monthly quote for `usage` with `phone` and `chat` plans (None: not taken).

    Raises SelectionError (a ValueError) for an unknown plan, usage without its service, or
    24/7 on a plan that is not reachable 24/7.
    """
    if not isinstance(usage, Usage):
        raise SelectionError(f"usage: expected a Usage, got {type(usage).__name__}")
    t = resolve_tariff(tariff)
    p = t.plan_name(phone, "phone")
    c = t.plan_name(chat, "chat")
    problem = t.selection_problem(usage, p, c)
    if problem:
        raise SelectionError(problem)
    return priced_quote(t, usage, p, c)


def priced_quote(t: Tariff, usage: Usage, phone: str | None, chat: str | None,
                 options: list[Line] | None = None) -> Quote:
    """The Quote of a selection already checked against rules 3 and 4."""
    lines = tuple(price_selection(t, usage, phone, chat, options))
    return Quote(usage, phone, chat, lines, sum((ln.amount for ln in lines), ZERO), t.name)

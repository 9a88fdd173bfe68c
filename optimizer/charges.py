"""One small pure function per pricing model, one signature, chosen by name from the data.

Each takes (charge, usage) and yields the invoice lines of that charge, every amount rounded
per line, half-up, to cents (money.round_cents). PRICING.md rule numbers in the docstrings.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, Context, Decimal
from fractions import Fraction

from .money import round_cents
from .tariff import Charge
from .usage import Usage

__all__ = ["PRICERS", "Line", "cover", "price_charge"]

EXACT = Context(prec=60)  # enough digits that a division never decides a rounding


@dataclass(frozen=True, slots=True)
class Line:
    """One invoice line: what it is, quantity x unit price (per `per`), amount in euros (cents)."""

    group: str  # "phone", "chat", "discount" or "options"
    key: str  # the tariff key of the charge ("phone.calls", "fee.phone", ...)
    what: str
    dutch: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    per: str  # the unit the unit price is per (differs from `unit` for per-second charges)
    amount: Decimal


def _line(c: Charge, what: str, quantity: Decimal | int, unit: str, price: Decimal, per: str,
          exact: Decimal) -> Line:
    return Line(c.group, c.key, what, c.dutch, Decimal(quantity), unit, price, per,
                round_cents(exact))


def _span(first: int, last: int | None) -> str:
    return f"{first}-{last}" if last is not None else f"{first}+"


def flat(c: Charge, u: Usage) -> Iterator[Line]:
    """A monthly amount when an option is wanted (rules 14, 17)."""
    assert c.when is not None and c.price is not None
    if getattr(u, c.when):
        yield _line(c, c.what, 1, "month", c.price, "month", c.price)


def per_unit(c: Charge, u: Usage) -> Iterator[Line]:
    """Quantity x price (rules 11, 12 attempts; 13 foreign minutes, per second; 18 training)."""
    assert c.quantity is not None and c.price is not None
    q = getattr(u, c.quantity)
    if q:
        yield _line(c, c.what, q, c.unit, c.price, c.unit, q * c.price)


def graduated(c: Charge, u: Usage) -> Iterator[Line]:
    """Each tier's price for the contacts that fall in it, by their number in the month (5, 7)."""
    assert c.quantity is not None
    n = getattr(u, c.quantity)
    for t in c.tiers:
        q = (n if t.last is None else min(n, t.last)) - t.first + 1
        if q > 0:
            yield _line(c, f"{c.what} {_span(t.first, t.last)}", q, c.unit, t.price, c.unit,
                        q * t.price)


def volume(c: Charge, u: Usage) -> Iterator[Line]:
    """Every contact at the price of the tier the month's count reaches (switch of 5, 7)."""
    assert c.quantity is not None
    n = getattr(u, c.quantity)
    if n:
        t = next(t for t in c.tiers if t.last is None or n <= t.last)
        yield _line(c, f"{c.what}, all at the {_span(t.first, t.last)} rate", n, c.unit, t.price,
                    c.unit, n * t.price)


def included(c: Charge, u: Usage) -> Iterator[Line]:
    """The first `included` contacts free, the rest at one price (rules 6, 8)."""
    assert c.quantity is not None and c.price is not None
    n = getattr(u, c.quantity)
    if n:
        free = min(n, c.included)
        if free:
            yield _line(c, f"{c.what} 1-{c.included}, included", free, c.unit, Decimal("0.00"),
                        c.unit, Decimal(0))
        if n > c.included:
            yield _line(c, f"{c.what} {c.included + 1}+", n - c.included, c.unit, c.price, c.unit,
                        (n - c.included) * c.price)


def per_second(c: Charge, u: Usage) -> Iterator[Line]:
    """count x max(0, seconds - free) seconds at a price per minute, per second (9-12)."""
    assert c.quantity is not None and c.seconds is not None and c.per_minute is not None
    n = getattr(u, c.quantity)
    over = getattr(u, c.seconds) - c.free_seconds
    if n and over > 0:
        secs = n * over
        yield _line(c, f"{c.what} ({n} x {over} s)", secs, "s", c.per_minute, "min",
                    EXACT.divide(secs * c.per_minute, Decimal(60)))


def pack_cover(c: Charge, u: Usage) -> Iterator[Line]:
    """The cheapest cover: packs of any count, units (pro rata) beyond them, or unlimited
    (rules 15, 16, 19); with billing = "credit", at the cheapest pack's rate per unit."""
    assert c.quantity is not None
    h = Decimal(getattr(u, c.quantity))
    if not h:
        return
    if c.billing == "credit":
        rate = min(Fraction(p.price) / p.size for p in c.packs)
        if c.unit_price is not None:
            rate = min(rate, Fraction(c.unit_price))
        price = EXACT.divide(Decimal(rate.numerator), Decimal(rate.denominator))
        yield _line(c, f"{c.what}, as credit", h, c.unit, price, c.unit, h * price)
        return
    for what, qty, unit, price, exact in cover(c, h)[1]:
        yield _line(c, what, qty, unit, price, unit, exact)


CoverLine = tuple[str, Decimal, str, Decimal, Decimal]


def cover(c: Charge, h: Decimal) -> tuple[int, list[CoverLine]]:
    """(cents, lines) of the cheapest cover of h units. Candidates: packs covering k*g units for
    k in a window of ~best.size/g below ceil(h/g) (a remainder of best.size or more is never
    cheaper than one more best pack), none at all, and unlimited; ties keep the first."""
    best: tuple[int, list[CoverLine]] | None = None
    unit_price = c.unit_price
    candidates: list[int] = []
    t = c.table
    if t is not None:
        k_hi = int(EXACT.divide(h, Decimal(t.g)).to_integral_value(rounding=ROUND_CEILING))
        if unit_price is None:
            candidates = [k_hi]
        else:
            size = c.packs[t.best].size
            k_lo = max(0, int((h - size) // t.g))
            candidates = [0, *range(max(1, k_lo), k_hi + 1)]
    elif unit_price is not None:
        candidates = [0]
    for k in candidates:
        lines: list[CoverLine] = []
        cents = 0
        covered = Decimal(0)
        if k and t is not None:
            cents, counts = t.cover(k)
            for p, n in zip(c.packs, counts, strict=True):
                if n:
                    lines.append((f"{c.what}, pack of {p.size} {c.unit}", Decimal(n), "pack",
                                  p.price, n * p.price))
                    covered += n * p.size
        rest = h - covered
        if rest > 0:
            assert unit_price is not None
            amount = round_cents(rest * unit_price)
            cents += int(amount * 100)
            label = "beyond packs" if covered else "per piece"
            lines.append((f"{c.what}, {label}", rest, c.unit, unit_price, rest * unit_price))
        if best is None or cents < best[0]:
            best = (cents, lines)
    if c.unlimited is not None:
        cents = int(c.unlimited * 100)
        if best is None or cents < best[0]:
            best = (cents, [(f"{c.what}, unlimited", Decimal(1), "month", c.unlimited,
                             c.unlimited)])
    assert best is not None
    return best


PRICERS: dict[str, Callable[[Charge, Usage], Iterator[Line]]] = {
    "flat": flat, "per_unit": per_unit, "graduated": graduated, "volume": volume,
    "included": included, "per_second": per_second, "pack_cover": pack_cover,
}


def price_charge(c: Charge, u: Usage) -> Iterator[Line]:
    return PRICERS[c.model](c, u)

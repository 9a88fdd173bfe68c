"""Money in one place: exact amounts, cents, rounding (rule 21), the discount (rule 20), display.

Amounts are `Decimal` (prices, lines, totals) or, for quantities that no decimal holds exactly
(4,800 s of training is 4/3 h), `Fraction`. Arithmetic on them goes through `mul` and `div`, which
never round; an invoice line is rounded once, half-up, to cents, by `round_cents`.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, InvalidOperation, Overflow
from fractions import Fraction
from typing import Any, TypeVar, cast, overload

__all__ = [
    "CENT",
    "ZERO",
    "Exact",
    "add",
    "cents_fraction",
    "discount",
    "div",
    "format_amount",
    "format_percent",
    "from_cents",
    "is_whole_cents",
    "mul",
    "round_cents",
    "round_ratio",
    "to_cents",
    "vat",
    "vat_cents",
    "whole_cents",
]

Exact = Decimal | Fraction  # an exact amount or quantity
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# every multiplication of amounts that fit the documented limits is exact in 200 digits; the traps
# turn anything that would not be into an error instead of a silently rounded amount
_EXACT = Context(prec=200, Emax=10**6, Emin=-(10**6), traps=[Inexact, InvalidOperation, Overflow])
_LOOSE = Context(prec=200, Emax=10**6, Emin=-(10**6), rounding=ROUND_HALF_UP, traps=[InvalidOperation, Overflow])


@overload
def mul(a: int | Decimal, b: int | Decimal) -> Decimal: ...
@overload
def mul(a: int | Exact, b: int | Exact) -> Exact: ...
def mul(a: int | Exact, b: int | Exact) -> Exact:
    """a x b, exactly: a Decimal when both are decimals, else a Fraction."""
    if type(a) is Fraction or type(b) is Fraction:  # (type(), not isinstance(): Fraction's ABC check is slow)
        return Fraction(a) * Fraction(b)
    return _EXACT.multiply(a if type(a) is Decimal else Decimal(cast(int, a)),
                           b if type(b) is Decimal else Decimal(cast(int, b)))


def add(*terms: int | Exact) -> Exact:
    """The exact sum: a Decimal when every term is a decimal, else a Fraction."""
    if any(type(x) is Fraction for x in terms):
        return sum((Fraction(x) for x in terms), Fraction(0))
    total = Decimal(0)
    for x in terms:
        assert not isinstance(x, Fraction)
        total = _EXACT.add(total, Decimal(x))
    return total


def div(a: int | Exact, n: int) -> Exact:
    """a / n for a whole n > 0, exactly: a Decimal when the quotient has a finite decimal form
    (1.64 x 90 / 60), else a Fraction (1 / 3)."""
    if type(a) is Fraction:
        return a / n
    try:
        return _EXACT.divide(Decimal(cast(Decimal, a)), Decimal(n))
    except Inexact:
        return Fraction(a) / n


def round_cents(amount: int | Exact) -> Decimal:
    """One invoice line to whole cents, half away from zero (PRICING.md rule 21)."""
    if type(amount) is Fraction:
        num, den = amount.numerator, amount.denominator
        cents = (abs(num) * 200 + den) // (2 * den)
        return Decimal(-cents if num < 0 else cents).scaleb(-2)
    value = amount if type(amount) is Decimal else Decimal(cast(int, amount))
    return value.quantize(CENT, rounding=ROUND_HALF_UP, context=_LOOSE)


def whole_cents(amount: int | Exact, n: int = 1) -> int:
    """amount / n in whole cents, half-up, exactly in integers (amount >= 0, n > 0)."""
    num, den = amount.as_integer_ratio() if type(amount) is not int else (amount, 1)
    return (200 * num + den * n) // (2 * den * n)


def round_ratio(amount: int | Exact, n: int) -> Decimal:
    """round_cents(amount / n), exactly, in integers (amount >= 0, n > 0: a price per minute over
    60 seconds), without making a Fraction."""
    return Decimal(whole_cents(amount, n)).scaleb(-2)


def is_whole_cents(amount: Decimal) -> bool:
    return amount == amount.quantize(CENT, context=_LOOSE)


def to_cents(amount: Decimal) -> int:
    """A whole-cent amount as an int of cents (exact; a fraction of a cent is a programming error)."""
    cents = amount.scaleb(2)
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of cents")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    """An int of cents as a Decimal amount with two places."""
    return Decimal(int(cents)).scaleb(-2)


def cents_fraction(price: Decimal | Fraction, per: int = 1) -> Fraction:
    """A price in cents per 1/per of its unit, as an exact fraction (for the integer bulk path)."""
    return Fraction(price) * 100 / per


def discount(rate: Decimal, services: int, fees: Decimal) -> Decimal:
    """Rule 20, the one place it is computed: rate x (services taken - 1) off the sum of their
    subscription fees, as one (negative) line rounded half-up. 0 with fewer than two services."""
    if services < 2 or not rate:
        return ZERO
    return round_cents(-mul(mul(rate, services - 1), fees))


def vat(rate: Decimal, total: Decimal) -> Decimal:
    """Rule 32: BTW on an invoice's total (exclusive of BTW, whole cents), rounded half-up to cents
    once per invoice (vat_cents)."""
    return from_cents(vat_cents(rate, to_cents(total)))


Cents = TypeVar("Cents")  # an int, or a numpy array of whole numbers


def vat_cents(rate: Decimal, cents: Cents) -> Cents:
    """Rule 32, the one place it is computed, in whole cents: rate x cents rounded half away from
    zero, exactly in integers (num/den is the rate). `cents` is an int or a numpy array of them (an
    int64 array whose products could pass 2^63 is worked in Python's ints, an object array): a batch
    of invoices is taxed in one step, by the same expression as one invoice."""
    num, den = rate.as_integer_ratio()
    c: Any = cents
    if getattr(c, "dtype", None) is not None and c.dtype != object and c.size \
            and int(abs(c).max()) >= 2**62 // (2 * max(num, 1)):
        c = c.astype(object)  # 2 x |cents| x num would pass int64: Python's ints, in the same expression
    sign = (c > 0) * 1 - (c < 0) * 1
    result: Cents = (2 * abs(c) * num + den) // (2 * den) * sign
    return result


def format_amount(amount: Decimal | float | int, lang: str = "en", currency: str = "EUR",
                  symbol: bool = True, grouping: bool = True, exact: bool = False) -> str:
    """An amount for a person to read: 'EUR 1,590.71' (en) or '€ 1.590,71' (nl); without the
    currency when symbol is False, without thousands separators when grouping is False; with
    `exact`, a price of fractions of a cent keeps its decimals ('€ 0,0125') instead of rounding."""
    value = Decimal(str(amount)) if not isinstance(amount, Decimal) else amount
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP, context=_LOOSE)
    if exact and rounded != value:
        text = f"{value.normalize():,f}" if grouping else f"{value.normalize():f}"
    else:
        text = f"{rounded:,.2f}" if grouping else f"{rounded:.2f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        sign = "€" if currency == "EUR" else currency
    else:
        sign = currency
    return f"{sign} {text}" if symbol else text


def format_percent(rate: Decimal, lang: str = "en") -> str:
    """A rate for a person to read: Decimal('0.125') -> '12.5%' (en), '12,5%' (nl)."""
    text = f"{(rate * 100).normalize():f}"
    return (text.replace(".", ",") if lang == "nl" else text) + "%"

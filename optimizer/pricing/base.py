"""What every pricing model is: a frozen dataclass of its own (a tagged union on `model`) that
parses its table of the tariff file, yields its Decimal invoice lines, prices whole columns in
integer cents, and describes itself in a line.

The two engines are two implementations of one rule per model, side by side in its module:
`lines(usage)` (exact Decimal, per line rounded half-up: quote, recommend, schedule, rate) and
`cents(vec)` (numpy, exact integers where the amounts allow: recommend_many, schedule_many,
the Excel columns). A conformance test holds them equal to the cent for every model.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Self, cast

from optimizer.ground.money import Exact, mul, round_cents
from optimizer.ground.usage import AMOUNT_FIELDS, Usage
from optimizer.ground.words import phrase
from optimizer.pricing.schema import Schema

if TYPE_CHECKING:
    import numpy as np

__all__ = ["MILLI", "Charge", "Line", "Vec"]

MILLI = 1000  # the vectorised engine holds durations, minutes and hours in thousandths
SAFE = 2**62  # int64 products below this cannot overflow
NEAR = 1e-9  # relative: float64 cents this close to a half cent are decided by the Decimal engine


@dataclass(frozen=True, slots=True)
class Line:
    """One invoice line: what it is, quantity x unit price (per `per`), amount in euros (cents)."""

    group: str  # "phone", "chat", "discount" or "options"
    key: str  # the tariff key of the charge ("phone.calls", "fee.phone", ...)
    what: str
    dutch: str
    quantity: Exact
    unit: str
    unit_price: Decimal
    per: str  # the unit the unit price is per (differs from `unit` for per-second charges)
    amount: Decimal


class Vec:
    """Columns of Usage fields for the vectorised engine, one model call prices them all.

    Counts and flags are int64; durations, minutes and hours are in thousandths (MILLI), as int64
    (`exact`: every value has at most three decimals) or as float64 (the rest). `get` returns
    None for a field that is absent or zero in every row, so a model can skip it. `times` rounds
    q x price half-up to cents: exactly in integers, or in float64 marking in `unsure` every row
    that lands within a hair of a half cent (the Decimal engine decides those).
    """

    def __init__(self, columns: dict[str, np.ndarray | None], n: int, unsure: np.ndarray | None = None) -> None:
        self.columns = columns
        self.n = n
        self.unsure = unsure

    def get(self, field: str) -> np.ndarray | None:
        return self.columns.get(field)

    @staticmethod
    def scale(field: str) -> int:
        return MILLI if field in AMOUNT_FIELDS else 1

    def zeros(self) -> np.ndarray:
        import numpy as np
        return np.zeros(self.n, np.int64)

    def times(self, q: np.ndarray, price: Fraction) -> np.ndarray:
        """round(q x price) in cents, half away from zero, q >= 0, price in cents (exact)."""
        import numpy as np
        if price == 0 or not q.size:
            return np.zeros(q.shape, np.int64)
        if q.dtype.kind == "f":  # in place, three arrays: this is the float path's inner loop
            x = q * (price.numerator / price.denominator)
            x += 0.5
            r = np.floor(x)
            rounded: np.ndarray = r.astype(np.int64)
            if self.unsure is not None:
                # x - r is the fraction of (q x price + 0.5): within NEAR x max(1, q x price) of 0 or
                # 1 means a hair from a half cent (r + 1 >= max(1, q x price): a wider margin)
                x -= r
                x -= 0.5
                np.abs(x, out=x)
                r += 1.0
                r *= -NEAR
                r += 0.5
                self.unsure |= x > r
            return rounded
        if price.denominator == 1 and int(q.max()) * price.numerator < SAFE:  # whole cents
            product: np.ndarray = q * price.numerator
            return product
        if 2 * int(q.max()) * price.numerator + price.denominator >= SAFE:  # Python ints, exactly
            big = q.astype(object) * price.numerator
            exact: np.ndarray = np.asarray((2 * big + price.denominator) // (2 * price.denominator), dtype=np.int64)
            return exact
        out: np.ndarray = (2 * q * price.numerator + price.denominator) // (2 * price.denominator)
        return out

    def product(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """a x b elementwise; int64 when it cannot overflow, else exact Python ints (object)."""
        if a.dtype.kind == "i" and b.dtype.kind == "i" and a.size and int(a.max()) * int(b.max()) >= SAFE:
            exact: np.ndarray = a.astype(object) * b.astype(object)
            return exact
        out: np.ndarray = a * b
        return out


@dataclass(frozen=True, kw_only=True)
class Charge(ABC):
    """One charge of the price list. Subclasses: one per pricing model, registered by `model`."""

    model: ClassVar[str]
    required: ClassVar[frozenset[str]]  # keys of its table besides the common ones
    optional: ClassVar[frozenset[str]] = frozenset()
    common: ClassVar[frozenset[str]] = frozenset({"key", "what", "dutch", "model", "service", "plans"})

    key: str
    what: str
    dutch: str = ""
    service: str | None = None
    plans: tuple[str, ...] | None = None  # None: every plan of its service (or no service)

    # ------------------------------------------------------------------ what each model provides
    @classmethod
    @abstractmethod
    def parse(cls, table: dict[str, Any], path: str, schema: Schema, common: dict[str, Any]) -> Self:
        """Build the charge from its table (keys already checked against required/optional);
        report every problem through schema.fail(path..., message)."""

    @property
    @abstractmethod
    def fields(self) -> tuple[str, ...]:
        """The Usage fields it reads."""

    @abstractmethod
    def lines(self, u: Usage) -> Iterator[Line]:
        """Its invoice lines for one month's usage, each amount rounded half-up to cents."""

    @abstractmethod
    def cents(self, v: Vec) -> np.ndarray | None:
        """Its amount in cents for every row of `v` (None: 0 in every row)."""

    @abstractmethod
    def describe(self) -> str:
        """Its prices in one line, for price-list tables."""

    @abstractmethod
    def price_points(self) -> list[tuple[str, Decimal, str]]:
        """Each of its prices as (when, price, per): `when` a span of the month's count ('1-50',
        '101+'), 'all:1-50' (every contact at the rate reached), 'pack:500', 'unlimited', a
        threshold ('> 90 s') or ''; `per` the unit it is per. For price-list sheets."""

    # ------------------------------------------------------------------ what a charge tells of itself
    def edges(self, field: str) -> tuple[int, ...]:
        """The counts of `field` after which its price per unit changes (tier ends, the last
        included unit); beyond the last one the charge is linear in that field. () if none."""
        return ()

    def included_contacts(self) -> tuple[str, int] | None:
        """(unit, how many) contacts the charge includes each month, or None."""
        return None

    def free_seconds_of(self, total_field: str) -> int | None:
        """The seconds per contact not billed, when this charge bills `total_field` (rule 25)."""
        return None

    @property
    def chosen_cover(self) -> bool:
        """True for a cover of packs that the customer chooses each month (the MILP models it
        with integer pack counts); every other charge reaches the MILP as an exact cost."""
        return False

    # ------------------------------------------------------------------ shared
    def applies(self, plan: str) -> bool:
        return self.plans is None or plan in self.plans

    @property
    def group(self) -> str:
        return self.service or "options"

    def line(self, what: tuple[str, str] | None, quantity: Exact | int, unit: str, price: Decimal, per: str,
             exact: Exact | int | None = None, rounded: Decimal | None = None) -> Line:
        """A line of this charge, described by (English, Dutch) texts (None: the charge's names);
        `exact` (default quantity x price) is rounded here, once (or given `rounded`)."""
        en, nl = what or (self.what, self.dutch or self.what)
        if rounded is None:
            rounded = round_cents(mul(quantity, price) if exact is None else exact)
        q = cast(Exact, quantity) if type(quantity) in (Fraction, Decimal) else Decimal(cast(int, quantity))
        return Line(self.group, self.key, en, nl, q, unit, price, per, rounded)

    def phrase(self, key: str, **values: object) -> tuple[str, str]:
        """(English, Dutch) line texts from a template of optimizer.ground.words and this charge's names."""
        return phrase(key, self.what, self.dutch, **values)

"""graduated: each tier's price for the contacts that fall in it, by their number in the month
(rules 5 and 7: calls 1-50 at 3.03, 51-100 at 2.52, 101 and up at 1.84)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from optimizer.ground.money import cents_fraction
from optimizer.ground.usage import COUNT_FIELDS, Usage
from optimizer.pricing.base import Charge, Line, Vec
from optimizer.pricing.schema import MAX_WHOLE, Schema

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Graduated", "Tier", "parse_tiers"]


@dataclass(frozen=True)
class Tier:
    first: int
    last: int | None  # None: open-ended
    price: Decimal

    @property
    def span(self) -> str:
        return f"{self.first}-{self.last}" if self.last is not None else f"{self.first}+"


def parse_tiers(raw: Any, path: str, schema: Schema) -> tuple[Tier, ...]:
    """Tiers that start at 1, join up, and end open-ended."""
    if not isinstance(raw, list) or not raw:
        schema.fail(path, "must be a non-empty list of {from, to, price}")
        return ()
    tiers = []
    expect = 1
    for j, tier in enumerate(raw):
        tp = f"{path}[{j}]"
        t = schema.keys(tier, tp, {"from", "to", "price"}, {"from", "price"})
        first = schema.whole(t.get("from", expect), f"{tp}.from", 1)
        if first != expect:
            schema.fail(f"{tp}.from", f"tiers do not join up: this tier starts at {first}, "
                        f"the one before ends at {expect - 1} (want from = {expect})")
        last = t.get("to")
        if last is None:
            if j != len(raw) - 1:
                schema.fail(f"{tp}.to", "only the last tier may be open-ended (no 'to')")
        else:
            last = schema.whole(last, f"{tp}.to", first, MAX_WHOLE)
            expect = last + 1
        if j == len(raw) - 1 and last is not None:
            schema.fail(f"{tp}.to", f"the last tier must be open-ended: nothing prices {last + 1} and up")
        tiers.append(Tier(first, last, schema.amount(t.get("price", "0"), f"{tp}.price", whole_cents=False)))
    return tuple(tiers)


@dataclass(frozen=True, kw_only=True)
class Graduated(Charge):
    model = "graduated"
    required = frozenset({"quantity", "tiers"})
    optional = frozenset({"unit"})

    quantity: str  # a count
    tiers: tuple[Tier, ...]
    unit: str = ""

    @classmethod
    def parse(cls, table: dict[str, Any], path: str, schema: Schema, common: dict[str, Any]) -> Self:
        return cls(**common, unit=str(table.get("unit", "")),
                   quantity=schema.usage_field(table.get("quantity"), f"{path}.quantity", COUNT_FIELDS),
                   tiers=parse_tiers(table.get("tiers"), f"{path}.tiers", schema))

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.quantity,)

    def lines(self, u: Usage) -> Iterator[Line]:
        n = getattr(u, self.quantity)
        for t in self.tiers:
            q = (n if t.last is None else min(n, t.last)) - t.first + 1
            if q > 0:
                yield self.line(self.phrase("tier", span=t.span), q, self.unit, t.price, self.unit)

    def cents(self, v: Vec) -> np.ndarray | None:
        import numpy as np
        n = v.get(self.quantity)
        if n is None:
            return None
        out = v.zeros()
        for t in self.tiers:
            q = n - (t.first - 1)
            if t.last is not None:
                q = np.minimum(q, t.last - t.first + 1)
            out += v.times(np.maximum(q, 0), cents_fraction(t.price))
        return out

    def edges(self, field: str) -> tuple[int, ...]:
        return tuple(t.last for t in self.tiers if t.last is not None) if field == self.quantity else ()

    def describe(self) -> str:
        return "; ".join(f"{t.span}: {t.price}" for t in self.tiers)

    def price_points(self) -> list[tuple[str, Decimal, str]]:
        return [(t.span, t.price, self.unit) for t in self.tiers]

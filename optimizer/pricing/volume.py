"""volume: every contact at the price of the tier the month's count reaches (the switch of
rules 5 and 7: model = "volume")."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from optimizer.ground.money import cents_fraction
from optimizer.ground.usage import COUNT_FIELDS, Usage
from optimizer.pricing.base import Charge, Line, Vec
from optimizer.pricing.graduated import Tier, parse_tiers
from optimizer.pricing.schema import Schema

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Volume"]


@dataclass(frozen=True, kw_only=True)
class Volume(Charge):
    model = "volume"
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
        if n:
            t = next(t for t in self.tiers if t.last is None or n <= t.last)
            yield self.line(self.phrase("volume", span=t.span), n, self.unit, t.price, self.unit)

    def cents(self, v: Vec) -> np.ndarray | None:
        import numpy as np
        n = v.get(self.quantity)
        if n is None:
            return None
        out = v.zeros()
        for t in self.tiers:
            inside = (n >= t.first) if t.last is None else ((n >= t.first) & (n <= t.last))
            out += np.where(inside, v.times(n, cents_fraction(t.price)), 0)
        return out

    def edges(self, field: str) -> tuple[int, ...]:
        return tuple(t.last for t in self.tiers if t.last is not None) if field == self.quantity else ()

    def describe(self) -> str:
        return "; ".join(f"{t.span}: {t.price}" for t in self.tiers) + " (every contact at the rate reached)"

    def price_points(self) -> list[tuple[str, Decimal, str]]:
        return [(f"all:{t.span}", t.price, self.unit) for t in self.tiers]

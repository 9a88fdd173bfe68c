"""included: the first `included` contacts of the month free, the rest at one price (rules 6, 8)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from optimizer.ground.money import ZERO, cents_fraction
from optimizer.ground.usage import COUNT_FIELDS, Usage
from optimizer.pricing.base import Charge, Line, Vec
from optimizer.pricing.schema import Schema

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Included"]


@dataclass(frozen=True, kw_only=True)
class Included(Charge):
    model = "included"
    required = frozenset({"quantity", "included", "price"})
    optional = frozenset({"unit"})

    quantity: str  # a count
    included: int
    price: Decimal
    unit: str = ""

    @classmethod
    def parse(cls, table: dict[str, Any], path: str, schema: Schema, common: dict[str, Any]) -> Self:
        return cls(**common, unit=str(table.get("unit", "")),
                   quantity=schema.usage_field(table.get("quantity"), f"{path}.quantity", COUNT_FIELDS),
                   included=schema.whole(table.get("included"), f"{path}.included"),
                   price=schema.amount(table.get("price"), f"{path}.price", whole_cents=False))

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.quantity,)

    def lines(self, u: Usage) -> Iterator[Line]:
        n = getattr(u, self.quantity)
        if n:
            free = min(n, self.included)
            if free:
                yield self.line(self.phrase("included", n=self.included), free, self.unit, ZERO, self.unit, 0)
            if n > self.included:
                yield self.line(self.phrase("beyond", n=self.included + 1), n - self.included, self.unit,
                                self.price, self.unit)

    def cents(self, v: Vec) -> np.ndarray | None:
        import numpy as np
        n = v.get(self.quantity)
        return None if n is None else v.times(np.maximum(n - self.included, 0), cents_fraction(self.price))

    def edges(self, field: str) -> tuple[int, ...]:
        return (self.included,) if field == self.quantity else ()

    def included_contacts(self) -> tuple[str, int] | None:
        return self.unit or self.quantity, self.included

    def describe(self) -> str:
        return f"first {self.included} included, then {self.price} per {self.unit or 'unit'}"

    def price_points(self) -> list[tuple[str, Decimal, str]]:
        return [(f"1-{self.included}", Decimal(0), self.unit), (f"{self.included + 1}+", self.price, self.unit)]

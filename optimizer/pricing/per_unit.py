"""per_unit: quantity x price (rules 11 and 12 attempts, 18 training hours)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from optimizer.ground.money import cents_fraction
from optimizer.ground.usage import AMOUNT_FIELDS, COUNT_FIELDS, Usage
from optimizer.pricing.base import Charge, Line, Vec
from optimizer.pricing.schema import Schema

if TYPE_CHECKING:
    import numpy as np

__all__ = ["PerUnit"]


@dataclass(frozen=True, kw_only=True)
class PerUnit(Charge):
    model = "per_unit"
    required = frozenset({"quantity", "price"})
    optional = frozenset({"unit"})

    quantity: str  # a count or an amount
    price: Decimal
    unit: str = ""

    @classmethod
    def parse(cls, table: dict[str, Any], path: str, schema: Schema, common: dict[str, Any]) -> Self:
        return cls(**common, unit=str(table.get("unit", "")),
                   quantity=schema.usage_field(table.get("quantity"), f"{path}.quantity", COUNT_FIELDS + AMOUNT_FIELDS),
                   price=schema.amount(table.get("price"), f"{path}.price", whole_cents=False))

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.quantity,)

    def lines(self, u: Usage) -> Iterator[Line]:
        q = getattr(u, self.quantity)
        if q:
            yield self.line(None, q, self.unit, self.price, self.unit)

    def cents(self, v: Vec) -> np.ndarray | None:
        q = v.get(self.quantity)
        return None if q is None else v.times(q, cents_fraction(self.price, v.scale(self.quantity)))

    def describe(self) -> str:
        return f"{self.price} per {self.unit or 'unit'}"

    def price_points(self) -> list[tuple[str, Decimal, str]]:
        return [("", self.price, self.unit)]

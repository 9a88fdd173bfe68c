"""flat: a monthly amount when an option is wanted (rules 14 voice response, 17 specification)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from optimizer.ground.money import cents_fraction
from optimizer.ground.usage import FLAG_FIELDS, Usage
from optimizer.pricing.base import Charge, Line, Vec
from optimizer.pricing.schema import Schema

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Flat"]


@dataclass(frozen=True, kw_only=True)
class Flat(Charge):
    model = "flat"
    required = frozenset({"when", "price"})

    when: str  # a yes/no Usage field
    price: Decimal

    @classmethod
    def parse(cls, table: dict[str, Any], path: str, schema: Schema, common: dict[str, Any]) -> Self:
        return cls(**common, when=schema.usage_field(table.get("when"), f"{path}.when", FLAG_FIELDS),
                   price=schema.amount(table.get("price"), f"{path}.price", whole_cents=True))

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.when,)

    def lines(self, u: Usage) -> Iterator[Line]:
        if getattr(u, self.when):
            yield self.line(None, 1, "month", self.price, "month")

    def cents(self, v: Vec) -> np.ndarray | None:
        wanted = v.get(self.when)
        return None if wanted is None else v.times(wanted, cents_fraction(self.price))

    def describe(self) -> str:
        return f"{self.price} per month"

    def price_points(self) -> list[tuple[str, Decimal, str]]:
        return [("", self.price, "month")]

"""Validation helpers shared by the tariff loader and every pricing model's `parse`: each problem
is collected with its key path (`charges[2] (phone.calls).tiers[1].from: ...`), never raised one
at a time, and unknown keys get a did-you-mean.

Limits (documented in the README): every amount at most MAX_AMOUNT; amounts billed as they are
(fees, flat amounts, unlimited prices, pack prices) whole cents; unit prices (per contact, minute,
hour, tier) at most UNIT_PLACES decimals; whole numbers (tier bounds, included contacts, pack sizes)
at most MAX_WHOLE.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from optimizer.ground.usage import USAGE_FIELDS

__all__ = ["MAX_AMOUNT", "MAX_WHOLE", "UNIT_PLACES", "Schema", "did_you_mean"]

MAX_AMOUNT = Decimal("1000000")
UNIT_PLACES = 4
MAX_WHOLE = 10**9


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    near = difflib.get_close_matches(str(value), list(choices), n=1)
    return f" (did you mean {near[0]!r}?)" if near else ""


class Schema:
    """Collects the problems of one tariff document."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def keys(self, table: Any, path: str, allowed: Iterable[str], required: Iterable[str] = ()) -> dict[str, Any]:
        allowed = set(allowed)
        if not isinstance(table, dict):
            self.fail(path, f"must be a table, not {type(table).__name__}")
            return {}
        for key in table:
            if key not in allowed:
                hint = did_you_mean(key, sorted(allowed)) or f" (allowed: {', '.join(sorted(allowed))})"
                self.fail(f"{path}.{key}" if path else str(key), f"unknown key{hint}")
        for key in sorted(set(required) - set(table)):
            self.fail(f"{path}.{key}" if path else key, "missing")
        return table

    def amount(self, value: Any, path: str, *, whole_cents: bool) -> Decimal:
        """A price: a string such as "12.34", finite, >= 0, at most MAX_AMOUNT; whole cents when the
        model bills it as it is, else at most UNIT_PLACES decimals."""
        if not isinstance(value, str):
            self.fail(path, f"amount {value!r} must be a string such as \"12.34\", so it stays exact")
            return Decimal(0)
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            self.fail(path, f"{value!r} is not an amount")
            return Decimal(0)
        if not amount.is_finite() or amount < 0:
            self.fail(path, f"{value!r}: a price must be a finite amount >= 0")
            return Decimal(0)
        if amount > MAX_AMOUNT:
            self.fail(path, f"{value!r}: at most {MAX_AMOUNT:,} per amount")
            return Decimal(0)
        places = -int(amount.as_tuple().exponent)
        if whole_cents and places > 2 and amount != amount.quantize(Decimal("0.01")):
            self.fail(path, f"{value!r} must be a whole number of cents (it is billed as it is)")
        elif places > UNIT_PLACES and amount != amount.quantize(Decimal(1).scaleb(-UNIT_PLACES)):
            self.fail(path, f"{value!r}: a unit price has at most {UNIT_PLACES} decimals")
        return amount

    def whole(self, value: Any, path: str, minimum: int = 0, maximum: int = MAX_WHOLE) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            self.fail(path, f"{value!r} must be a whole number from {minimum} to {maximum:,}")
            return minimum
        return value

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"{value!r} must be non-empty text")
            return ""
        return value

    def usage_field(self, value: Any, path: str, kinds: tuple[str, ...]) -> str:
        if value in kinds:
            return str(value)
        if value in USAGE_FIELDS:
            self.fail(path, f"{value!r} is a Usage field of the wrong kind here")
        else:
            self.fail(path, f"{value!r} is not a Usage field{did_you_mean(value, kinds)}")
        return str(value)

"""per_second: seconds at a price per minute, billed per second (rules 9-13, 26).

The seconds of a month are the sum of what the charge's table names: `quantity` contacts of an
average `seconds` each, beyond `free_seconds` (every call of 150 s: 60 s each); `minutes` given as
such; `total`, the month's seconds already counted per contact (rule 26: from a contact log, or a
forecast that knows them). The line is that sum x per_minute / 60, rounded once.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, Self

from optimizer.ground.money import Exact, add, cents_fraction, mul, round_ratio
from optimizer.ground.usage import AMOUNT_FIELDS, COUNT_FIELDS, Usage
from optimizer.pricing.base import MILLI, Charge, Line, Vec
from optimizer.pricing.schema import Schema

if TYPE_CHECKING:
    import numpy as np

__all__ = ["PerSecond"]


@dataclass(frozen=True, kw_only=True)
class PerSecond(Charge):
    model = "per_second"
    required = frozenset({"per_minute"})
    optional = frozenset({"quantity", "seconds", "free_seconds", "minutes", "total"})

    per_minute: Decimal
    quantity: str | None = None  # a count of contacts ...
    seconds: str | None = None  # ... of this average duration each
    free_seconds: int = 0  # per contact, not billed
    minutes: str | None = None  # minutes, given as such
    total: str | None = None  # the month's billable seconds, counted per contact

    @classmethod
    def parse(cls, table: dict[str, Any], path: str, schema: Schema, common: dict[str, Any]) -> Self:
        def field(name: str, kinds: tuple[str, ...]) -> str | None:
            value = table.get(name)
            return None if value is None else schema.usage_field(value, f"{path}.{name}", kinds)

        quantity, seconds = field("quantity", COUNT_FIELDS), field("seconds", AMOUNT_FIELDS)
        minutes, total = field("minutes", AMOUNT_FIELDS), field("total", AMOUNT_FIELDS)
        if (quantity is None) != (seconds is None):
            schema.fail(path, "'quantity' (contacts) and 'seconds' (their average duration) go together")
        if quantity is None and minutes is None and total is None:
            schema.fail(path, "a per-second charge needs 'quantity' with 'seconds', 'minutes' or 'total'")
        free = table.get("free_seconds", 0)
        if "free_seconds" in table and seconds is None and total is None:
            schema.fail(f"{path}.free_seconds", "only an average ('seconds') or a 'total' has free seconds")
        return cls(**common, quantity=quantity, seconds=seconds, minutes=minutes, total=total,
                   free_seconds=schema.whole(free, f"{path}.free_seconds"),
                   per_minute=schema.amount(table.get("per_minute"), f"{path}.per_minute", whole_cents=False))

    @cached_property
    def fields(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(f for f in (self.quantity, self.seconds, self.minutes, self.total) if f is not None)

    def lines(self, u: Usage) -> Iterator[Line]:
        if not any(getattr(u, f) for f in self.fields):
            return
        parts: list[tuple[tuple[str, str], Exact]] = []  # (how it was given, seconds)
        if self.quantity is not None and self.seconds is not None:
            n, over = getattr(u, self.quantity), getattr(u, self.seconds) - self.free_seconds
            if n and over > 0:
                parts.append((self.phrase("average", n=n, s=over), mul(n, over)))
        minutes = getattr(u, self.minutes) if self.minutes is not None else 0
        if minutes:
            parts.append(((self.what, self.dutch), mul(minutes, 60)))
        if self.total is not None and getattr(u, self.total):
            parts.append((self.phrase("month total"), getattr(u, self.total)))
        if not parts:
            return
        if len(parts) == 1 and minutes:  # given in minutes: shown in minutes
            yield self.line(None, minutes, "min", self.per_minute, "min")
            return
        secs = add(*(s for _, s in parts))
        what = parts[0][0] if len(parts) == 1 else None
        yield self.line(what, secs, "s", self.per_minute, "min", rounded=round_ratio(mul(secs, self.per_minute), 60))

    def cents(self, v: Vec) -> np.ndarray | None:
        import numpy as np
        secs: np.ndarray | None = None  # thousandths of a second
        if self.quantity is not None and self.seconds is not None:
            n, avg = v.get(self.quantity), v.get(self.seconds)
            if n is not None and avg is not None:
                secs = v.product(n, np.maximum(avg - self.free_seconds * MILLI, 0))
        for name, factor in ((self.minutes, 60), (self.total, 1)):
            given = v.get(name) if name is not None else None
            if given is not None:
                secs = given * factor if secs is None else secs + given * factor
        return None if secs is None else v.times(secs, cents_fraction(self.per_minute, 60 * MILLI))

    def free_seconds_of(self, total_field: str) -> int | None:
        return self.free_seconds if self.total == total_field else None

    def describe(self) -> str:
        beyond = f" beyond {self.free_seconds} s" if self.free_seconds else ""
        return f"{self.per_minute} per minute{beyond}, per second"

    def price_points(self) -> list[tuple[str, Decimal, str]]:
        return [(f"> {self.free_seconds} s" if self.free_seconds else "", self.per_minute, "min")]

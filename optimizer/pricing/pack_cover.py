"""pack_cover: the cheapest cover of a quantity by packs of any count, units beyond them (pro rata
for hours) and/or an unlimited price (rules 15 e-mail reports, 16 SMS reports, 19 DIRECT
Assistent); with billing = "credit" (the switch of rule 16) every unit at the cheapest rate.

Exactness rests on two facts, checked against brute force in its test:
- PackTable: in some cheapest cover every pack but the best-value one is used fewer than
  best.size / gcd(size, best.size) times, so above a bound every optimum holds a best pack and a
  table up to that bound, built once at load, answers every level in O(1).
- the window: when the best pack costs at least a cent less than its size in units (checked at
  load), some cheapest cover leaves fewer than best.size units to the unit price, so only the
  levels k with k x gcd >= quantity - best.size (and none at all) need comparing.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, Self

from optimizer.ground.money import Exact, cents_fraction, mul, to_cents, whole_cents
from optimizer.ground.usage import AMOUNT_FIELDS, COUNT_FIELDS, Usage
from optimizer.pricing.base import Charge, Line, Vec
from optimizer.pricing.schema import MAX_WHOLE, Schema

if TYPE_CHECKING:
    import numpy as np

__all__ = ["MAX_TABLE", "Pack", "PackCover", "PackTable"]

MAX_TABLE = 100_000  # entries of a pack table; a tariff that needs more is refused at load
DENSE = 4_000_000  # the vectorised engine tabulates every quantity up to the largest when it is below this


@dataclass(frozen=True)
class Pack:
    size: int
    price: Decimal


class PackTable:
    """Cheapest packs covering at least k x g units (g = gcd of the sizes), for every level k."""

    def __init__(self, packs: tuple[Pack, ...]) -> None:
        self.packs = packs
        self.price_cents = [to_cents(p.price) for p in packs]
        self.g = math.gcd(*(p.size for p in packs))
        self.best = min(range(len(packs)),
                        key=lambda i: (Fraction(self.price_cents[i], packs[i].size), -packs[i].size))
        best = packs[self.best]
        self.step = best.size // self.g  # levels per best pack
        bound = sum((best.size // math.gcd(p.size, best.size) - 1) * p.size
                    for i, p in enumerate(packs) if i != self.best)
        self.top = -(-(bound + best.size) // self.g)
        steps = [p.size // self.g for p in packs]
        cost = [0] * (self.top + 1)
        choice = [-1] * (self.top + 1)
        covered = [0] * (self.top + 1)
        for k in range(1, self.top + 1):
            cost[k], choice[k] = min((cost[max(0, k - s)] + c, i)
                                     for i, (s, c) in enumerate(zip(steps, self.price_cents, strict=True)))
            covered[k] = covered[max(0, k - steps[choice[k]])] + packs[choice[k]].size
        self.cost, self.choice, self.covered = cost, choice, covered

    @staticmethod
    def size_needed(packs: tuple[Pack, ...]) -> int:
        """The table's length for these packs, computed before building it."""
        g = math.gcd(*(p.size for p in packs))
        best = min(packs, key=lambda p: (Fraction(p.price) / p.size, -p.size))
        bound = sum((best.size // math.gcd(p.size, best.size) - 1) * p.size for p in packs if p is not best)
        return -(-(bound + best.size) // g) + 1

    def level(self, k: int) -> tuple[int, int, int]:
        """(cents, units covered, best packs added) of the cheapest packs covering >= k x g."""
        extra = -(-(k - self.top) // self.step) if k > self.top else 0
        k -= extra * self.step
        return (self.cost[k] + extra * self.price_cents[self.best],
                self.covered[k] + extra * self.packs[self.best].size, extra)

    def counts(self, k: int) -> list[int]:
        """How many of each pack the cheapest cover of level k holds."""
        _, _, extra = self.level(k)
        k -= extra * self.step
        counts = [0] * len(self.packs)
        counts[self.best] += extra
        while k > 0:
            i = self.choice[k]
            counts[i] += 1
            k = max(0, k - self.packs[i].size // self.g)
        return counts

    @cached_property
    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np
        return np.asarray(self.cost, np.int64), np.asarray(self.covered, np.int64)


CoverLine = tuple[tuple[str, str], Exact, str, Decimal, Exact]  # what, quantity, unit, price, exact amount


@dataclass(frozen=True, kw_only=True)
class PackCover(Charge):
    model = "pack_cover"
    required = frozenset({"quantity"})
    optional = frozenset({"unit", "unit_price", "unlimited", "packs", "billing"})

    quantity: str  # a count or an amount (hours: units beyond packs pro rata)
    unit: str = ""
    unit_price: Decimal | None = None
    unlimited: Decimal | None = None
    packs: tuple[Pack, ...] = ()
    billing: str = "monthly"  # or "credit"
    table: PackTable | None = field(default=None, compare=False, repr=False)

    @classmethod
    def parse(cls, table: dict[str, Any], path: str, schema: Schema, common: dict[str, Any]) -> Self:
        args: dict[str, Any] = {
            "quantity": schema.usage_field(table.get("quantity"), f"{path}.quantity", COUNT_FIELDS + AMOUNT_FIELDS),
            "unit": str(table.get("unit", ""))}
        for name, whole in (("unit_price", False), ("unlimited", True)):
            if name in table:
                args[name] = schema.amount(table[name], f"{path}.{name}", whole_cents=whole)
        raw = table.get("packs", [])
        if not isinstance(raw, list):
            schema.fail(f"{path}.packs", "must be a list of {size, price}")
            raw = []
        packs = []
        for j, pack in enumerate(raw):
            pp = f"{path}.packs[{j}]"
            p = schema.keys(pack, pp, {"size", "price"}, {"size", "price"})
            packs.append(Pack(schema.whole(p.get("size", 1), f"{pp}.size", 1, MAX_WHOLE),
                              schema.amount(p.get("price", "0"), f"{pp}.price", whole_cents=True)))
        args["packs"] = tuple(packs)
        if not packs and "unit_price" not in table and "unlimited" not in table:
            schema.fail(path, "a pack cover needs packs, a unit_price or an unlimited price")
        billing = table.get("billing", "monthly")
        if billing not in ("monthly", "credit"):
            schema.fail(f"{path}.billing", f"{billing!r} must be 'monthly' or 'credit'")
        if billing == "credit" and not packs:
            schema.fail(f"{path}.billing", "'credit' billing needs packs")
        args["billing"] = billing
        if packs and not schema.problems and billing == "monthly":
            args["table"] = cls._table(args["packs"], args.get("unit_price"), path, schema)
        return cls(**common, **args)

    @staticmethod
    def _table(packs: tuple[Pack, ...], unit_price: Decimal | None, path: str, schema: Schema) -> PackTable | None:
        size = PackTable.size_needed(packs)
        if size > MAX_TABLE:
            sizes = ", ".join(str(p.size) for p in packs)
            schema.fail(f"{path}.packs", f"pack sizes {sizes} need a table of {size:,} entries to be priced "
                        f"exactly (at most {MAX_TABLE:,}): use sizes with a larger common divisor")
            return None
        t = PackTable(packs)
        best = packs[t.best]
        if unit_price is not None and best.price > mul(best.size, unit_price) - Decimal("0.01"):
            schema.fail(f"{path}.packs", f"the best-value pack ({best.size} for {best.price}) must cost at least "
                        f"a cent less than {best.size} at the unit price {unit_price}, else packs are never "
                        "worth buying: lower its price or remove the packs")
        return t

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.quantity,)

    # ------------------------------------------------------------------ Decimal engine
    def lines(self, u: Usage) -> Iterator[Line]:
        h = getattr(u, self.quantity)
        if not h:
            return
        if self.billing == "credit":
            rate = self.credit_rate
            price = Decimal(rate.numerator) / Decimal(rate.denominator)  # shown; the amount is exact
            yield self.line(self.phrase("credit"), h, self.unit, price, self.unit, mul(h, rate))
            return
        for what, qty, unit, price, exact in self.cover(h)[1]:
            yield self.line(what, qty, unit, price, unit, exact)

    @property
    def credit_rate(self) -> Fraction:
        """Per unit with billing = "credit": the cheapest pack's rate (unused credit carries over),
        or the unit price when that is lower."""
        rate = min(Fraction(p.price) / p.size for p in self.packs)
        return min(rate, Fraction(self.unit_price)) if self.unit_price is not None else rate

    def cover(self, h: Exact) -> tuple[int, list[CoverLine]]:
        """(cents, lines) of the cheapest cover of h units; ties keep the first candidate."""
        cents, k = self._cheapest(h)
        t, unit_price = self.table, self.unit_price
        if k is None:
            assert self.unlimited is not None
            return cents, [(self.phrase("unlimited"), Decimal(1), "month", self.unlimited, self.unlimited)]
        lines: list[CoverLine] = []
        covered = 0
        if k and t is not None:
            _, covered, _ = t.level(k)
            for p, n in zip(self.packs, t.counts(k), strict=True):
                if n:
                    lines.append((self.phrase("pack", size=p.size, unit=self.unit), Decimal(n), "pack", p.price,
                                  mul(n, p.price)))
        if h > covered:
            assert unit_price is not None
            rest: Exact = h - covered
            lines.append((self.phrase("beyond packs" if covered else "per piece"), rest, self.unit, unit_price,
                          mul(rest, unit_price)))
        return cents, lines

    def _cheapest(self, h: Exact) -> tuple[int, int | None]:
        """(cents, the pack level k of the cheapest cover; None: unlimited). Candidates: every
        level the window admits, and none at all (see the module's docstring)."""
        best: tuple[int, int | None] | None = None
        t, unit_price = self.table, self.unit_price
        candidates: list[int] = []
        if t is not None:
            num, den = h.as_integer_ratio() if not isinstance(h, int) else (h, 1)  # exact, in integers
            k_hi = -(-num // (den * t.g))
            if unit_price is None:
                candidates = [k_hi]
            else:
                k_lo = max(0, (num - self.packs[t.best].size * den) // (den * t.g))
                candidates = [0, *range(max(1, k_lo), k_hi + 1)]
        elif unit_price is not None:
            candidates = [0]
        for k in candidates:
            cents = covered = 0
            if k and t is not None:
                cents, covered, _ = t.level(k)
            if h > covered:
                assert unit_price is not None
                cents += whole_cents(mul(h - covered, unit_price))
            if best is None or cents < best[0]:
                best = (cents, k)
        if self.unlimited is not None and (best is None or to_cents(self.unlimited) < best[0]):
            best = (to_cents(self.unlimited), None)
        assert best is not None
        return best

    # ------------------------------------------------------------------ vectorised engine
    def cents(self, v: Vec) -> np.ndarray | None:
        import numpy as np
        h = v.get(self.quantity)
        if h is None:
            return None
        scale = v.scale(self.quantity)
        if self.billing == "credit":
            return v.times(h, self.credit_rate * 100 / scale)
        if h.dtype.kind == "i":
            top = int(h.max())
            if top <= DENSE:  # every quantity up to the largest, once; then one gather
                table = self._window(np.arange(top + 1, dtype=np.int64), scale, v)
                table[0] = 0
                gathered: np.ndarray = table[h]
                return gathered
        used = np.flatnonzero(h)  # the window's loop only where there is something to cover
        out = np.zeros(h.shape, np.int64)
        if used.size:
            sub = Vec({self.quantity: h[used]}, used.size, None if v.unsure is None else np.zeros(used.size, bool))
            out[used] = self._window(h[used], scale, sub)
            if v.unsure is not None and sub.unsure is not None:
                v.unsure[used] |= sub.unsure
        return out

    def _window(self, h: np.ndarray, scale: int, v: Vec) -> np.ndarray:
        """The Decimal engine's candidates (see cover), for an array of quantities in 1/scale
        units: int64 exactly, or float64 (one more level on top, which is harmless: every
        candidate is a real cover)."""
        import numpy as np
        t, unit = self.table, None if self.unit_price is None else cents_fraction(self.unit_price, scale)
        best = np.full(h.shape, np.iinfo(np.int64).max, np.int64)
        if unit is not None:
            best = v.times(h, unit)  # no packs
        if t is not None:
            cost, covered = t.arrays
            g, size = t.g * scale, self.packs[t.best].size * scale
            if h.dtype.kind == "f":
                k_hi = np.ceil(h / g).astype(np.int64) + 1
                k_lo = np.floor((h - size) / g).astype(np.int64) - 1
            else:
                k_hi = -(-h // g)
                k_lo = (h - size) // g
            if unit is None:
                k_lo = k_hi - (2 if h.dtype.kind == "f" else 0)
            k_lo = np.maximum(k_lo, 1)
            for j in range(int((k_hi - k_lo).max(initial=0)) + 1):
                k = k_hi - j
                ok = k >= k_lo
                extra = np.where(k > t.top, -(-(k - t.top) // t.step), 0)
                kk = np.clip(k - extra * t.step, 0, t.top)
                cents = cost[kk] + extra * t.price_cents[t.best]
                left = h - covered[kk] * scale - extra * size
                if unit is not None:
                    cents = cents + v.times(np.maximum(left, 0), unit)
                else:
                    ok &= left <= 0
                best = np.where(ok & (cents < best), cents, best)
        if self.unlimited is not None:
            best = np.minimum(best, to_cents(self.unlimited))
        return best

    @property
    def chosen_cover(self) -> bool:
        return self.billing == "monthly"

    def describe(self) -> str:
        parts = [f"pack of {p.size}: {p.price}" for p in self.packs]
        if self.unit_price is not None:
            parts.append(f"per {self.unit or 'unit'}: {self.unit_price}")
        if self.unlimited is not None:
            parts.append(f"unlimited: {self.unlimited}")
        return "; ".join(parts) + (" (as credit)" if self.billing == "credit" else "")

    def price_points(self) -> list[tuple[str, Decimal, str]]:
        points = [(f"pack:{p.size}", p.price, "pack") for p in self.packs]
        if self.unit_price is not None:
            points.append(("", self.unit_price, self.unit))
        if self.unlimited is not None:
            points.append(("unlimited", self.unlimited, "month"))
        return points




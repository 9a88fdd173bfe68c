"""Every pricing model is implemented by every engine, and the engines agree.

For each model of the registry: random charges (random prices, tiers, pack sizes, as a tariff
file would give them), random quantities with the boundaries of that charge (tier edges, the
included count, pack multiples, +-1), and then
- the Decimal engine (lines, rounded per line) equals the vectorised engine (cents), in exact
  integers and, for amounts with long decimals, in float64 wherever it is sure;
- both equal an independent formula written here from PRICING.md's words (brute force for packs).
"""
from __future__ import annotations

import inspect
import math
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest

from optimizer import Usage, load_tariff, recommend
from optimizer.engines.vector import _charge_cents, columns
from optimizer.ground.usage import AMOUNT_FIELDS
from optimizer.pricing import MODELS, Charge, Schema
from optimizer.pricing import base as pricing_base

ENGINES = ("parse", "fields", "lines", "cents", "describe", "price_points")


def r(x: Fraction) -> int:
    """Cents, half-up (PRICING.md rule 21), from an exact amount in euros."""
    return int((x * 100 * 2 + 1) // 2)


def price(rng: random.Random, places: int = 2, top: int = 400) -> str:
    return str(Decimal(rng.randint(1, top * 10**places)).scaleb(-places))


def build(model: str, rng: random.Random) -> Charge:
    """A random charge of `model`, as a tariff file would give it (validated by its schema)."""
    count, amount = rng.choice(["calls", "chats", "sms_reports"]), rng.choice(["training_hours", "foreign_minutes"])
    table: dict[str, Any] = {}
    if model == "flat":
        table = {"when": "month_spec", "price": price(rng)}
    elif model == "per_unit":
        table = {"quantity": rng.choice([count, amount]), "price": price(rng, rng.choice([2, 3, 4]), 60)}
    elif model in ("graduated", "volume"):
        edges = sorted(rng.sample(range(1, 300), rng.randint(0, 3)))
        tiers, first = [], 1
        for e in edges:
            tiers.append({"from": first, "to": e, "price": price(rng, rng.choice([2, 4]), 5)})
            first = e + 1
        tiers.append({"from": first, "price": price(rng, 2, 5)})
        table = {"quantity": count, "tiers": tiers}
    elif model == "included":
        table = {"quantity": count, "included": rng.randint(0, 200), "price": price(rng, rng.choice([2, 3]), 5)}
    elif model == "per_second":
        table = rng.choice([
            {"quantity": "calls", "seconds": "call_seconds", "free_seconds": rng.randint(0, 200),
             "total": "billable_call_seconds"},
            {"minutes": "foreign_minutes", "total": "foreign_seconds"},
            {"quantity": "forwards", "seconds": "forward_seconds"}])
        table["per_minute"] = price(rng, rng.choice([2, 3]), 4)
    elif model == "pack_cover":
        sizes = sorted(rng.sample([1, 2, 3, 5, 10, 15, 25, 40, 75, 100, 200], rng.randint(0, 3)))
        unit = Decimal(price(rng, 2, 2))
        packs = []
        for s in sizes:  # each pack cheaper per unit than singles by at least a cent
            top = max(1, int(s * unit * 100) - 1)
            packs.append({"size": s, "price": str(Decimal(rng.randint(max(1, top // 2), top)).scaleb(-2))})
        table = {"quantity": rng.choice([count, amount]), "packs": packs}
        if rng.random() < 0.8 or not packs:
            table["unit_price"] = str(unit)
        if rng.random() < 0.3:
            table["unlimited"] = price(rng, 2, 300)
        if packs and rng.random() < 0.2:
            table["billing"] = "credit"
    schema = Schema("random")
    c = MODELS[model].parse(table, "charges[0] (x)", schema, {"key": "x", "what": "X", "dutch": "X"})
    assert not schema.problems, (table, schema.problems)
    return c


def boundaries(c: Charge, rng: random.Random) -> list[Any]:
    """Quantities around every edge of the charge, and some at random."""
    edges = [0, 1]
    for name in ("included",):
        edges.append(getattr(c, name, 0))
    for t in getattr(c, "tiers", ()):
        edges += [t.first, t.last or t.first]
    for p in getattr(c, "packs", ()):
        edges += [p.size * k for k in (1, 2, 3, 7)]
    edges += [getattr(c, "free_seconds", 0)]
    out = sorted({max(0, e + d) for e in edges for d in (-1, 0, 1)})
    return out + [rng.randint(0, 5000) for _ in range(40)]


def decimal_cents(c: Charge, u: Usage) -> int:
    return sum(int(ln.amount * 100) for ln in c.lines(u))


def independent(c: Charge, u: Usage) -> int:
    """The charge's amount from PRICING.md's words, exact Fractions, brute force for packs."""
    g = lambda name: Fraction(getattr(u, name)) if name else Fraction(0)
    if c.model == "flat":
        return r(Fraction(c.price)) if getattr(u, c.when) else 0
    if c.model == "per_unit":
        return r(g(c.quantity) * Fraction(c.price))
    if c.model == "graduated":
        n = getattr(u, c.quantity)
        return sum(r(max(0, (n if t.last is None else min(n, t.last)) - t.first + 1) * Fraction(t.price))
                   for t in c.tiers)
    if c.model == "volume":
        n = getattr(u, c.quantity)
        return next(r(n * Fraction(t.price)) for t in c.tiers if t.last is None or n <= t.last) if n else 0
    if c.model == "included":
        return r(max(0, getattr(u, c.quantity) - c.included) * Fraction(c.price))
    if c.model == "per_second":
        secs = g(c.total) + g(c.minutes) * 60
        if c.quantity:
            secs += g(c.quantity) * max(Fraction(0), g(c.seconds) - c.free_seconds)
        return r(secs * Fraction(c.per_minute) / 60)
    h = g(c.quantity)  # pack_cover
    if not h:
        return 0
    if c.billing == "credit":
        return r(h * c.credit_rate)
    # every exact pack total up to beyond h (unbounded knapsack), then the units left at the unit price
    unit = Fraction(c.unit_price) if c.unit_price is not None else None
    top = math.ceil(h) + max((p.size for p in c.packs), default=0)
    exact = [0] + [None] * top
    for total in range(1, top + 1):
        options = [exact[total - p.size] + r(Fraction(p.price)) for p in c.packs
                   if p.size <= total and exact[total - p.size] is not None]
        exact[total] = min(options) if options else None
    best = None
    for covered, cost in enumerate(exact):
        if cost is None:
            continue
        rest = max(Fraction(0), h - covered)
        if rest and unit is None:
            continue
        total_cost = cost + (r(rest * unit) if rest else 0)
        best = total_cost if best is None else min(best, total_cost)
    if c.unlimited is not None:
        best = r(Fraction(c.unlimited)) if best is None else min(best, r(Fraction(c.unlimited)))
    return best


def test_one_registry_and_every_model_implements_every_engine():
    assert set(MODELS) == {"flat", "per_unit", "graduated", "volume", "included", "per_second", "pack_cover"}
    for name, cls in MODELS.items():
        assert cls.model == name and issubclass(cls, Charge) and not inspect.isabstract(cls)
        for engine in ENGINES:  # each model's own code, in its own module, for every engine
            member = inspect.getattr_static(cls, engine)
            assert engine in cls.__dict__, (name, engine)
            assert getattr(member, "__isabstractmethod__", False) is False
        assert cls.__module__ == f"optimizer.pricing.{name}"
    assert {c.model for c in load_tariff().charges} <= set(MODELS)
    assert pricing_base.Charge.__abstractmethods__ == frozenset(ENGINES)


@pytest.mark.parametrize("model", sorted(MODELS))
@pytest.mark.parametrize("seed", range(12))
def test_engines_agree_on_random_charges(model, seed):
    rng = random.Random(f"{model}-{seed}")
    c = build(model, rng)
    fields = c.fields
    rows = []
    for q in boundaries(c, rng):
        row: dict[str, Any] = {}
        for f in fields:
            if f in AMOUNT_FIELDS:  # whole, three decimals, or a long float
                row[f] = rng.choice([float(q), round(q + rng.random(), 3), q + rng.random()])
            elif f == "month_spec":
                row[f] = bool(q % 2)
            else:
                row[f] = int(q)
        if "calls" in row and "billable_call_seconds" in row and "call_seconds" in row:
            row["billable_call_seconds" if q % 2 else "call_seconds"] = 0.0  # rule 26: one or the other
        if "foreign_minutes" in row and "foreign_seconds" in row:
            row["foreign_seconds" if q % 3 else "foreign_minutes"] = 0.0
        rows.append(row)
    frame = pd.DataFrame(rows)
    data = columns(frame)
    unsure = np.zeros(len(frame), bool)
    cents = _charge_cents(c, data, unsure)
    for i, row in enumerate(rows):
        u = Usage(**row)
        want = independent(c, u)
        assert decimal_cents(c, u) == want, (c, row)
        if not unsure[i]:
            assert (0 if cents is None else int(cents[i])) == want, (c, row)


def test_the_milp_prices_pack_covers_like_the_engines():
    """The MILP models the monthly pack covers itself (integer packs, units beyond, unlimited);
    its choice, re-priced exactly, must equal the cheapest quote; every other model enters it
    through the Decimal engine's per-plan sums."""
    rng = random.Random(5)
    for _ in range(40):
        u = Usage(sms_reports=rng.randint(0, 3000), email_reports=rng.randint(0, 200),
                  assistant_hours=Decimal(rng.randint(0, 9000)) / 100, calls=rng.randint(0, 200))
        r_ = recommend(u, alternatives=0)
        assert r_.solver == "HiGHS" and r_.total == r_.quote.total

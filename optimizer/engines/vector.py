"""The vectorised engine: a whole batch of forecasts priced at once, in integer cents.

The same tariff data and pricing models as the Decimal engine (each model's `cents`). A
selection's total is a sum of parts that do not depend on each other: the phone service on its
plan, the chat service on its plan, the options once, the discount of the pair. So each charge
is priced once per batch, each service on each plan once, and the 25 totals are sums; the
cheapest is found with rule 23's order as the tie-break by packing (total, rank) into one int64.

Counts are int64; durations, minutes and hours are held in thousandths as int64 where every value
of a row has at most three decimals, and as float64 otherwise. A charge that reads a float field
is priced both ways and a row whose float64 amount lands within a hair of a half cent is marked
`unsure`: the Decimal engine prices it. Rows that fail validation (or any field beyond the
limits) are not `valid` and go to Usage for its verdict. So every total equals quote()'s.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from optimizer import rules
from optimizer.ground.money import discount, to_cents
from optimizer.ground.usage import AMOUNT_FIELDS, AVERAGE_OR_TOTAL, COUNT_FIELDS, FLAG_FIELDS, LIMITS, USAGE_FIELDS
from optimizer.pricing import MILLI, Charge, Vec
from optimizer.pricing.tariff import Selection, Tariff

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["BROKEN", "Columns", "Parts", "columns", "price_parts"]

BROKEN = 2**55  # cents added to a part a rule forbids (3: 24/7, 4: usage needs its service)


@dataclass
class Columns:
    """A batch's Usage fields for the vectorised engine.

    ints: int64 per field (amounts in thousandths; 0 in rows not held exactly), None when the
    field is absent or 0 in every row. floats: float64 thousandths for the amount fields with
    rows not held exactly, and `exact` their masks. valid: rows whose every field passed."""

    n: int
    ints: dict[str, np.ndarray | None]
    floats: dict[str, np.ndarray]
    exact: dict[str, np.ndarray]
    valid: np.ndarray

    @property
    def all_exact(self) -> np.ndarray:
        out = self.valid.copy()
        for mask in self.exact.values():
            out &= mask
        return out

    def positive(self, field: str) -> np.ndarray | None:
        """Rows where the field is > 0 (None: no row)."""
        values = self.floats.get(field, self.ints.get(field))
        return None if values is None else values > 0


def _numbers(s: pd.Series, name: str, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """(float64 values, mask of rows that are real numbers, mask of rows whose float is only near
    their exact value (None: none)) of one column, fast for numeric dtypes."""
    import numpy as np
    import pandas as pd
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        s, dtype = s.astype(object), np.dtype(object)
    if pd.api.types.is_bool_dtype(dtype):
        values = s.to_numpy(dtype=float, na_value=np.nan)
        ok = ~np.isnan(values) if name in FLAG_FIELDS else np.zeros(n, bool)  # a count is not a yes
        return values, ok, None
    if pd.api.types.is_numeric_dtype(dtype):
        if isinstance(dtype, np.dtype):
            return s.to_numpy(), np.ones(n, bool), None
        return s.to_numpy(dtype=float, na_value=np.nan), np.ones(n, bool), None
    raw = s.to_numpy(dtype=object)  # object, text: only numbers here; the rest go to Usage
    real = np.fromiter((isinstance(v, (int, float, Decimal, Fraction)) and not isinstance(v, bool) for v in raw),
                       bool, n)
    values = np.full(n, np.nan)
    if real.any():
        # a Decimal or Fraction is held by its nearest float: exactly when it has at most three decimals
        # (checked below), else on the float64 path, whose doubtful rows the Decimal engine decides with
        # the exact value still in the frame; one beyond any float (400 digits) is Usage's to refuse
        with np.errstate(over="ignore"):
            values[real] = [_float(v) for v in raw[real]]
        real &= np.isfinite(values)  # NaN and beyond-float values: not numbers here
        held = np.fromiter((_held(v) for v in raw[real]), bool, int(real.sum()))
        if not real.any():
            return values, real, None
        if not held.all():
            approx = np.zeros(n, bool)
            approx[np.flatnonzero(real)[~held]] = True
            return values, real, approx
    return values, real, None


def _held(v: object) -> bool:
    """A value its nearest float holds exactly: ints and floats; a Decimal that equals its float;
    a Fraction only when its denominator is a power of two (a third of an hour never is)."""
    if isinstance(v, Fraction):
        d = v.denominator
        return d & (d - 1) == 0 and v == Fraction(float(v))
    if isinstance(v, Decimal):
        return Fraction(v) == Fraction(float(v))
    return True


def _float(v: int | float | Decimal | Fraction) -> float:
    try:
        return float(v)
    except OverflowError:
        return float("inf")


def _column(frame: pd.DataFrame, name: str, n: int, near: np.ndarray | None = None
            ) -> tuple[np.ndarray | None, np.ndarray | None, np.ndarray | None, np.ndarray | None]:
    """(int64 values or None, float64 thousandths or None, valid mask or None = all, exact mask or None = all).
    `near`: rows whose float is only near their exact value, told by the caller (see columns)."""
    import numpy as np
    values, ok, approx = _numbers(frame[name], name, n)
    if near is not None:
        approx = near if approx is None else approx | near
    limit = 1 if name in FLAG_FIELDS else LIMITS[name]
    if values.dtype.kind in "iu" and ok.all():  # an integer column: validity from its range
        lo, hi = (int(values.min()), int(values.max())) if n else (0, 0)
        if lo >= 0 and hi <= limit:
            ints = values.astype(np.int64, copy=False)
            if name in AMOUNT_FIELDS:
                ints = ints * MILLI
            return (ints if hi > 0 else None), None, None, None
        values = values.astype(float)
    values = values.astype(float, copy=False)
    with np.errstate(invalid="ignore"):
        valid = ok & (values >= 0) & (values <= limit)  # NaN compares False
        if name in COUNT_FIELDS or name in FLAG_FIELDS:
            valid &= values == np.floor(values)
            if approx is not None:  # a count held only nearly by its float: Usage decides
                valid &= ~approx
        values = np.where(valid, values, 0.0) if not valid.all() else values
        if name in AMOUNT_FIELDS:
            floats = values * MILLI
            milli = np.rint(floats)
            exact = milli / MILLI == values  # at most three decimals: held exactly
            if approx is not None:
                exact &= ~approx
            if exact.all():
                ints = milli.astype(np.int64)
                return (ints if ints.any() else None), None, valid, None
            ints = np.where(exact, milli, 0).astype(np.int64)
            return ints, floats, valid, exact
    ints = values.astype(np.int64)
    return (ints if ints.any() else None), None, valid, None


def columns(frame: pd.DataFrame, near: Mapping[str, np.ndarray] | None = None) -> Columns:
    """The Usage fields of a frame (missing columns are 0) for the vectorised engine. `near`: for
    a float column, the rows whose float is only the nearest to their exact value (hours counted
    from seconds: 4,800 s is 4/3 h), which a caller that knows says here instead of giving Fractions
    (slow to read); those rows are priced as a Fraction's would be, and their doubtful ones by the
    Decimal engine from the exact value in the frame it is given."""
    import numpy as np
    n = len(frame)
    ints: dict[str, np.ndarray | None] = {}
    floats: dict[str, np.ndarray] = {}
    exact: dict[str, np.ndarray] = {}
    valid = np.ones(n, bool)
    for name in USAGE_FIELDS:
        if name not in frame.columns:
            ints[name] = None
            continue
        ints[name], f, ok, held = _column(frame, name, n, near.get(name) if near else None)
        if ok is not None:
            valid &= ok
        if f is not None and held is not None:
            floats[name], exact[name] = f, held
    data = Columns(n, ints, floats, exact, valid)
    for average, total in AVERAGE_OR_TOTAL:  # rule 26: not both; Usage says so with its message
        a, b = data.positive(average), data.positive(total)
        if a is not None and b is not None:
            valid &= ~(a & b)
    return data


@dataclass
class Parts:
    """A batch priced per part, in cents: `service[s]` has one row per plan choice (index 0: not
    taken, then the tariff's plans) with BROKEN added where a rule forbids it; `options` once;
    `discount[i, j]` per pair of choices; `unsure` marks rows the Decimal engine must decide."""

    tariff: Tariff
    n: int
    service: dict[str, np.ndarray]
    options: np.ndarray
    discount: np.ndarray
    unsure: np.ndarray

    @property
    def index(self) -> dict[str | None, int]:
        return {None: 0, **{p: i + 1 for i, p in enumerate(self.tariff.plans)}}

    def total(self, selection: Selection) -> np.ndarray:
        """Cents of one selection per row; >= BROKEN where it cannot serve the row."""
        i, j = (self.index[p] for p in selection)
        out: np.ndarray = self.service["phone"][i] + self.service["chat"][j] + self.options + self.discount[i, j]
        return out

    def totals(self) -> np.ndarray:
        """(selections x rows) cents, in rule-23 order; >= BROKEN where a selection cannot serve."""
        import numpy as np
        out = np.empty((len(rules.order(self.tariff)), self.n), np.int64)
        for k, sel in enumerate(rules.order(self.tariff)):
            out[k] = self.total(sel)
        return out

    def cheapest(self) -> tuple[np.ndarray, np.ndarray]:
        """(cents, rule-23 rank of the selection) of the cheapest selection per row; cents >= BROKEN
        where none can serve. Each total is packed with its rank into one int64, so one minimum
        over the 25 sums gives both, ties to the lower rank."""
        import numpy as np
        t = self.tariff
        shift = max(1, (len(rules.order(t)) - 1).bit_length())
        phone = self.service["phone"] << shift
        chat = self.service["chat"] << shift
        best = np.full(self.n, np.iinfo(np.int64).max, np.int64)
        tmp = np.empty(self.n, np.int64)
        index = self.index
        for k, (p, c) in enumerate(rules.order(t)):
            i, j = index[p], index[c]
            np.add(phone[i], chat[j], out=tmp)
            tmp += (int(self.discount[i, j]) << shift) + k
            np.minimum(best, tmp, out=best)
        rank = best & ((1 << shift) - 1)
        return (best >> shift) + self.options, rank


def _charge_cents(c: Charge, data: Columns, unsure: np.ndarray) -> np.ndarray | None:
    """One charge's cents per row: in integers where its amounts are held exactly, else in
    float64, marking in `unsure` the rows float64 cannot round surely."""
    import numpy as np
    cents = c.cents(Vec(data.ints, data.n))
    inexact = [f for f in c.fields if f in data.exact]
    if not inexact:
        return cents
    exact = data.exact[inexact[0]].copy()
    for f in inexact[1:]:
        exact &= data.exact[f]
    near = np.zeros(data.n, bool)
    floats = c.cents(Vec({**data.ints, **{f: data.floats[f] for f in inexact}}, data.n, near))
    if floats is None:
        return cents
    unsure |= near & ~exact
    return np.where(exact, 0 if cents is None else cents, floats)


def price_parts(t: Tariff, data: Columns) -> Parts:
    """Every charge once, every service on every plan once, the discount of every pair."""
    import numpy as np
    n = data.n
    unsure = np.zeros(n, bool)
    charge = {c.key: _charge_cents(c, data, unsure) for c in t.charges}

    def total(charges: tuple[Charge, ...] | list[Charge], start: int = 0) -> np.ndarray:
        out = np.full(n, start, np.int64)
        for c in charges:
            cents = charge[c.key]
            if cents is not None:
                out += cents
        return out

    options = total(t.option_charges)
    refused = rules.refused_columns(t, data.positive, n)  # rules 3 and 4: BROKEN where a choice cannot serve
    service: dict[str, np.ndarray] = {}
    for s in t.services:
        parts = np.empty((len(t.plans) + 1, n), np.int64)
        parts[0] = 0
        shared = [c for c in t.charges if c.service == s and c.plans is None]
        common = total(shared)
        for i, (name, plan) in enumerate(t.plans.items(), start=1):
            own = [c for c in t.service_charges[(s, name)] if c.plans is not None]
            parts[i] = total(own, to_cents(plan.fee)) + common
        parts[refused[s]] += BROKEN
        service[s] = parts
    choices: list[str | None] = [None, *t.plans]
    fees = {p: t.plans[p].fee for p in t.plans}
    pair = np.zeros((len(choices), len(choices)), np.int64)
    for i, phone in enumerate(choices):
        for j, chat in enumerate(choices):
            taken = [x for x in (phone, chat) if x is not None]
            pair[i, j] = to_cents(discount(t.discount_rate, len(taken), sum((fees[x] for x in taken), Decimal(0))))
    return Parts(t, n, service, options, pair, unsure)

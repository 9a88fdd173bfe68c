"""recommend_many(): the cheapest plans for a whole customer base, vectorised with numpy.

The same tariff data as the Decimal path, priced in integer cents: counts as int64, durations,
minutes and hours in thousandths, every price an exact fraction of a cent, every line rounded
half-up. A line whose amounts have at most three decimals is computed in exact integer
arithmetic; one with longer decimals in float64, and a row is sent to the Decimal path when
float64 lands within a hair (1e-9 relative) of a half cent, where it could round the wrong way.
Rows that fail validation, or are too large for int64, take the Decimal path too (Usage, then
exhaustive search), so every total equals quote()'s and every error is Usage's own message.
A bad row is flagged in `error`, never dropped.
"""
from __future__ import annotations

import numbers
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from .errors import AnswerPlanError
from .quote import quote, resolve_tariff
from .search import cheapest
from .tariff import Charge, Tariff
from .usage import AMOUNT_FIELDS, COUNT_FIELDS, FLAG_FIELDS, USAGE_FIELDS, Usage

__all__ = ["columns", "price_columns", "recommend_many", "selection_totals"]

CURRENT = ("current_phone", "current_chat")
MILLI = 1000  # durations, minutes and hours are held in thousandths
COUNT_MAX = 10**12  # beyond these a row takes the Decimal path (floats stay exact below 2**53)
AMOUNT_MAX = 10**9
SAFE = 2**62
BROKEN = 2**60  # cents: a selection a rule forbids; real totals stay far below
NEAR = 1e-9  # relative: float64 cents this close to a half cent are decided by the Decimal path
Cols = dict[str, np.ndarray]


# ----------------------------------------------------------------------------- exact integer helpers

def _round_div(num: np.ndarray, den: int) -> np.ndarray:
    """num / den rounded half away from zero, for num >= 0, exactly (integer arithmetic)."""
    out: np.ndarray = (2 * num + den) // (2 * den)
    return out


def _times(q: np.ndarray, price: Fraction, unsure: np.ndarray | None = None) -> np.ndarray:
    """round(q x price) in cents, half up, with price in cents (an exact fraction).

    Integer q: exact integer arithmetic. Float q (values with more than three decimals): float64,
    and every element within NEAR cents of a half cent is marked in `unsure`, for the Decimal path.
    """
    if price == 0 or not q.size:
        return np.zeros(q.shape, np.int64)
    if q.dtype.kind == "f":
        x = q * (price.numerator / price.denominator)
        if unsure is not None:
            unsure |= np.abs(x - np.floor(x) - 0.5) < NEAR * np.maximum(1.0, x)
        rounded: np.ndarray = np.floor(x + 0.5).astype(np.int64)
        return rounded
    top = int(q.max())
    if 2 * top * price.numerator + price.denominator >= SAFE:  # exact in Python ints instead
        big = q.astype(object) * price.numerator
        return np.asarray(_round_div(big, price.denominator), dtype=np.int64)
    result: np.ndarray = _round_div(q * price.numerator, price.denominator)
    return result


def _cents(price: Decimal | None, per: int = 1) -> Fraction:
    """A price in cents per 1/per of its unit, as an exact fraction."""
    return Fraction(price or 0) * 100 / per


def _scale(field: str) -> int:
    return MILLI if field in AMOUNT_FIELDS else 1


# ----------------------------------------------------------------------------- the pricing models

def _flat(c: Charge, cols: Cols, unsure: np.ndarray | None) -> np.ndarray:
    assert c.when is not None
    return _times(cols[c.when], _cents(c.price))


def _per_unit(c: Charge, cols: Cols, unsure: np.ndarray | None) -> np.ndarray:
    assert c.quantity is not None
    return _times(cols[c.quantity], _cents(c.price, _scale(c.quantity)), unsure)


def _graduated(c: Charge, cols: Cols, unsure: np.ndarray | None) -> np.ndarray:
    assert c.quantity is not None
    n = cols[c.quantity]
    out = np.zeros(n.shape, np.int64)
    for t in c.tiers:
        top = n if t.last is None else np.minimum(n, t.last)
        out += _times(np.maximum(top - (t.first - 1), 0), _cents(t.price))
    return out


def _volume(c: Charge, cols: Cols, unsure: np.ndarray | None) -> np.ndarray:
    assert c.quantity is not None
    n = cols[c.quantity]
    out = np.zeros(n.shape, np.int64)
    for t in c.tiers:
        inside = (n >= t.first) if t.last is None else ((n >= t.first) & (n <= t.last))
        out += np.where(inside, _times(n, _cents(t.price)), 0)
    return out


def _included(c: Charge, cols: Cols, unsure: np.ndarray | None) -> np.ndarray:
    assert c.quantity is not None
    return _times(np.maximum(cols[c.quantity] - c.included, 0), _cents(c.price))


def _per_second(c: Charge, cols: Cols, unsure: np.ndarray | None) -> np.ndarray:
    assert c.quantity is not None and c.seconds is not None
    over = np.maximum(cols[c.seconds] - int(c.free_seconds * MILLI), 0)
    n = cols[c.quantity]
    if over.dtype.kind == "i" and n.size and int(n.max()) * int(over.max()) >= SAFE:
        secs = n.astype(object) * over.astype(object)
    else:
        secs = n * over
    return _times(secs, _cents(c.per_minute, 60 * MILLI), unsure)


def _pack_cover(c: Charge, cols: Cols, unsure: np.ndarray | None) -> np.ndarray:
    """The Decimal path's candidates (charges.cover), for every distinct nonzero quantity."""
    assert c.quantity is not None
    scale = _scale(c.quantity)
    h_all = cols[c.quantity] * (MILLI // scale)  # everything in thousandths of a unit
    out = np.zeros(h_all.shape, np.int64)
    nonzero = np.flatnonzero(h_all)
    if not nonzero.size:
        return out
    h, back = np.unique(h_all[nonzero], return_inverse=True)
    near = np.zeros(h.shape, bool) if unsure is not None else None
    unit = _cents(c.unit_price, MILLI)
    if c.billing == "credit":
        rate = min(Fraction(p.price) / p.size for p in c.packs)
        if c.unit_price is not None:
            rate = min(rate, Fraction(c.unit_price))
        best = _times(h, rate * 100 / MILLI, near)
    else:
        best = np.full(h.shape, np.iinfo(np.int64).max, np.int64)
        t = c.table
        if c.unit_price is not None:
            best = np.minimum(best, _times(h, unit, near))  # candidate k = 0: no packs
        if t is not None:
            cost = np.asarray(t.cost, np.int64)
            covered = np.asarray(t.covered, np.int64) * MILLI
            g = t.g * MILLI
            size = c.packs[t.best].size * MILLI
            k_hi = (-(-h // g)).astype(np.int64)
            k_lo = np.maximum(1, (h - size) // g).astype(np.int64) if c.unit_price is not None else k_hi
            for j in range((size // g + 2) if c.unit_price is not None else 1):
                k = k_hi - j
                ok = k >= k_lo
                extra = np.where(k > t.top, -(-(k - t.top) // t.step), 0)
                kk = np.clip(k - extra * t.step, 0, t.top)
                cents = cost[kk] + extra * t.price_cents[t.best]
                rest = np.maximum(h - covered[kk] - extra * size, 0)
                if c.unit_price is not None:
                    cents = cents + _times(rest, unit, near)
                best = np.where(ok & (cents < best), cents, best)
        if c.unlimited is not None:
            best = np.minimum(best, int(c.unlimited * 100))
    out[nonzero] = best[back]
    if unsure is not None and near is not None:
        unsure[nonzero] |= near[back]
    return out


VECTOR_PRICERS: dict[str, Callable[[Charge, Cols, np.ndarray | None], np.ndarray]] = {
    "flat": _flat, "per_unit": _per_unit, "graduated": _graduated, "volume": _volume,
    "included": _included, "per_second": _per_second, "pack_cover": _pack_cover,
}


# ----------------------------------------------------------------------------- all selections

def _charge(c: Charge, data: Columns, unsure: np.ndarray) -> np.ndarray:
    """One charge's cents per row: in integers where its amounts are exact (at most three
    decimals), else in float64, marking in `unsure` the rows float64 cannot round surely."""
    price = VECTOR_PRICERS[c.model]
    exact = data.valid.copy()
    for f in (c.quantity, c.seconds):
        if f in data.exact:
            exact &= data.exact[f]
    cents = price(c, data.ints, None)
    if exact.all() or not data.exact:
        return cents
    floats = {**data.ints, **data.floats}
    near = np.zeros(len(exact), bool)
    inexact = price(c, floats, near)
    unsure |= near & ~exact
    return np.where(exact, cents, inexact)


def selection_totals(t: Tariff, data: Columns, unsure: np.ndarray | None = None
                     ) -> Iterator[tuple[tuple[str | None, str | None], np.ndarray]]:
    """(selection, total cents) for every selection in rule-23 order, one at a time; a selection
    that breaks rule 3 or 4 for a row holds -1 there. Rows whose amounts have more than three
    decimals are priced in float64, and those it cannot round surely are marked in `unsure`."""
    cols = data.ints
    n = len(data.valid)
    if unsure is None:
        unsure = np.zeros(n, bool)
    charge = {c.key: _charge(c, data, unsure) for c in t.charges}
    options = sum((charge[c.key] for c in t.option_charges), np.zeros(n, np.int64))
    need_24_7 = cols["need_24_7"] > 0
    # per service and plan (None: not taken): its fee and charges, or BROKEN where a rule forbids it
    part: dict[tuple[str, str | None], np.ndarray] = {}
    for s, svc in t.services.items():
        needed = np.zeros(n, bool)
        for name in svc.needs:
            needed |= data.floats.get(name, cols[name]) > 0  # floats: every valid row's value
        part[(s, None)] = np.where(needed, BROKEN, 0)
        for p, plan in t.plans.items():
            cost = sum((charge[c.key] for c in t.service_charges[(s, p)]), np.full(n, int(plan.fee * 100), np.int64))
            part[(s, p)] = cost if plan.open_24_7 else np.where(need_24_7, BROKEN, cost)
    discount = Fraction(t.discount_rate)  # of the fees, which are already in cents
    for phone, chat in t.selections:
        total = part[("phone", phone)] + part[("chat", chat)]
        total += options
        if phone is not None and chat is not None:
            fees = int((t.plans[phone].fee + t.plans[chat].fee) * 100)
            total -= _times(np.array([fees]), discount)[0]
        np.copyto(total, -1, where=total >= BROKEN // 2)
        yield (phone, chat), total


def price_columns(t: Tariff, data: Columns, unsure: np.ndarray | None = None
                  ) -> dict[tuple[str | None, str | None], np.ndarray]:
    """selection_totals as a dict: total cents of every selection, -1 where it cannot serve."""
    return dict(selection_totals(t, data, unsure))


# ----------------------------------------------------------------------------- the frame

def _column(frame: pd.DataFrame, name: str, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One Usage column: (int64 values, float64 values, valid mask, exact mask). Amounts are in
    thousandths; `exact` rows hold them as integers, the other valid rows only as floats; rows
    that are not valid go to Usage for its verdict."""
    zeros = np.zeros(n, np.int64)
    if name not in frame.columns:
        return zeros, zeros.astype(float), np.ones(n, bool), np.ones(n, bool)
    s = frame[name]
    if pd.api.types.is_bool_dtype(s.dtype) and not isinstance(s.dtype, pd.CategoricalDtype):
        values = s.to_numpy(dtype=float, na_value=np.nan)
        valid = ~np.isnan(values) if name in FLAG_FIELDS else np.zeros(n, bool)
    elif pd.api.types.is_numeric_dtype(s.dtype) and not isinstance(s.dtype, pd.CategoricalDtype):
        values = s.to_numpy(dtype=float, na_value=np.nan)
        valid = np.ones(n, bool)
    else:  # object, text, category: only real numbers are valid here; the rest go to Usage
        raw = s.to_numpy(dtype=object)
        real = np.fromiter((isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))
                            for v in raw), bool, n)
        values = np.full(n, np.nan)
        if real.any():
            values[real] = raw[real].astype(float)
        valid = real
    with np.errstate(invalid="ignore", over="ignore"):
        valid &= np.isfinite(values) & (values >= 0)
        if name in COUNT_FIELDS:
            valid &= (values <= COUNT_MAX) & (values == np.floor(values))
        elif name in FLAG_FIELDS:
            valid &= (values == 0) | (values == 1)
        else:
            valid &= values <= AMOUNT_MAX
        values = np.where(valid, values, 0.0)
        if name in AMOUNT_FIELDS:
            floats = values * MILLI
            milli = np.rint(floats)
            exact = valid & (milli / MILLI == values)  # at most three decimals: held exactly
            return np.where(exact, milli, 0).astype(np.int64), floats, valid, exact
    return values.astype(np.int64), values, valid, valid


@dataclass
class Columns:
    """A frame's Usage fields for the vectorised path: counts and flags as int64; amounts in
    thousandths, as int64 where a row's value has at most three decimals (`exact`) and as float64
    for every row; `valid` marks the rows whose every field passed (the rest go to Usage)."""

    ints: Cols
    floats: Cols
    exact: dict[str, np.ndarray]
    valid: np.ndarray

    @property
    def all_exact(self) -> np.ndarray:
        out = self.valid.copy()
        for mask in self.exact.values():
            out &= mask
        return out


def columns(frame: pd.DataFrame) -> Columns:
    n = len(frame)
    ints: Cols = {}
    floats: Cols = {}
    exact: dict[str, np.ndarray] = {}
    valid = np.ones(n, bool)
    for name in USAGE_FIELDS:
        ints[name], f, ok, held = _column(frame, name, n)
        if name in AMOUNT_FIELDS:
            floats[name], exact[name] = f, held
        valid &= ok
    return Columns(ints, floats, exact, valid)


def _plan_codes(t: Tariff, frame: pd.DataFrame, name: str, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Plan index per row (-1 = not taken) and a mask of unknown names."""
    codes = np.full(n, -1, np.int64)
    bad = np.zeros(n, bool)
    if name not in frame.columns:
        return codes, bad
    text = frame[name].astype("object").where(frame[name].notna(), "")
    text = text.map(lambda v: v.strip().upper() if isinstance(v, str) else v)
    for i, plan in enumerate(t.plans):
        codes[(text == plan).to_numpy()] = i
    blank = text.isin(["", "NONE", "-", "NO"]).to_numpy()
    bad = (codes < 0) & ~blank
    return codes, bad


def recommend_many(frame: pd.DataFrame, *, tariff: Tariff | str | None = None) -> pd.DataFrame:
    """The input rows, in order, plus phone_plan, chat_plan, total (euros) and error; with
    current_phone/current_chat columns also current_total and saving (current - recommended).
    A row whose current plans are both blank (a prospect) gets no current_total and no error."""
    if not isinstance(frame, pd.DataFrame):
        raise AnswerPlanError(f"frame: expected a pandas DataFrame, got {type(frame).__name__}")
    t = resolve_tariff(tariff)
    n = len(frame)
    data = columns(frame)
    has_current = any(c in frame.columns for c in CURRENT)
    cur = {s: _plan_codes(t, frame, f"current_{s}", n) for s in ("phone", "chat")}
    codes = cur["phone"][0] * (len(t.plans) + 1) + cur["chat"][0]  # plan index, -1 = not taken
    # a row with both current plans blank is a prospect: nothing to compare
    prospect = (cur["phone"][0] < 0) & (cur["chat"][0] < 0) & ~cur["phone"][1] & ~cur["chat"][1]
    codes[prospect] = np.iinfo(np.int64).min
    unsure = np.zeros(n, bool)
    best, pick, current = _choose(t, selection_totals(t, data, unsure), codes if has_current else None, n)
    clean = data.valid & ~unsure  # the rest: the Decimal path, row by row
    sels = np.array(t.selections, dtype=object)
    phone, chat = sels[pick, 0], sels[pick, 1]
    phone[~clean] = chat[~clean] = None
    total_eur: np.ndarray = np.where(clean, best / 100, np.nan)
    error: np.ndarray = np.full(n, "", dtype=object)
    cur_eur: np.ndarray = np.where(clean & (current >= 0), current / 100, np.nan)
    # rows the integer path does not hold: the Decimal path, one by one
    slow = ~clean
    if has_current:
        slow |= ((current < 0) & ~prospect) | cur["phone"][1] | cur["chat"][1]
    for r in np.flatnonzero(slow).tolist():
        ph, ch, tot, cur_tot, err = _slow_row(t, frame, r, has_current, bool(clean[r]))
        if not clean[r]:
            phone[r], chat[r], total_eur[r] = ph, ch, tot
        cur_eur[r] = cur_tot
        error[r] = err
    out = frame.copy()
    out["phone_plan"] = pd.Series(phone, index=frame.index, dtype=object)
    out["chat_plan"] = pd.Series(chat, index=frame.index, dtype=object)
    out["total"] = total_eur
    if has_current:
        out["current_total"] = cur_eur
        out["saving"] = np.round(cur_eur - total_eur, 2)
    out["error"] = pd.Series(error, index=frame.index, dtype=object)
    return out


def _choose(t: Tariff, totals: Iterator[tuple[tuple[str | None, str | None], np.ndarray]],
            codes: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: the cheapest feasible total, the index of its selection (ties: rule-23 order,
    the first), and the total of the row's current selection (coded as in recommend_many)."""
    best = np.full(n, np.iinfo(np.int64).max, np.int64)
    pick = np.zeros(n, np.int64)
    current = np.full(n, -1, np.int64)
    index: dict[str | None, int] = {None: -1, **{p: i for i, p in enumerate(t.plans)}}
    for i, (sel, total) in enumerate(totals):
        better = total < best
        better &= total >= 0
        np.copyto(best, total, where=better)
        np.copyto(pick, i, where=better)
        if codes is not None:
            np.copyto(current, total, where=codes == index[sel[0]] * (len(t.plans) + 1) + index[sel[1]])
    return best, pick, current


def _slow_row(t: Tariff, frame: pd.DataFrame, i: int, has_current: bool, clean: bool
              ) -> tuple[Any, Any, float, float, str]:
    """One row on the Decimal path: Usage's validation, exhaustive search, the current quote."""
    values: dict[str, Any] = {name: frame[name].iat[i] for name in USAGE_FIELDS if name in frame.columns}
    try:
        u = Usage(**values)
    except AnswerPlanError as exc:
        return None, None, np.nan, np.nan, str(exc)
    phone = chat = None
    total = np.nan
    if not clean:
        q = cheapest(t, u)
        phone, chat, total = q.phone, q.chat, float(q.total)
    cur_total, err = np.nan, ""
    given: list[Any] = [frame[f"current_{s}"].iat[i] if f"current_{s}" in frame.columns else None
                        for s in ("phone", "chat")]
    if has_current and any(isinstance(v, str) and v.strip() for v in given):
        try:
            sel = [None if isinstance(v, float) and np.isnan(v) else v for v in given]
            cur_total = float(quote(u, phone=sel[0], chat=sel[1], tariff=t).total)
        except AnswerPlanError as exc:
            err = f"current plans: {exc}"
    return phone, chat, total, cur_total, err

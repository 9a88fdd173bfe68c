"""recommend_many(): the cheapest plans for a whole customer base, vectorised with numpy.

The same tariff data as the Decimal path, priced in exact integer cents: every quantity is an
int64 (counts as they are, durations/minutes/hours in thousandths), every price an exact
fraction of a cent, every line rounded half-up with integer arithmetic. Rows the integer path
cannot hold exactly (more than three decimals, huge numbers) or that fail validation take the
Decimal path row by row (Usage, then exhaustive search), so every total equals quote()'s and
every error message is Usage's own. A bad row is flagged in `error`, never dropped.
"""
from __future__ import annotations

import numbers
from collections.abc import Callable
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

__all__ = ["OUTPUT_COLUMNS", "price_columns", "recommend_many"]

OUTPUT_COLUMNS = ("phone_plan", "chat_plan", "total", "error")
CURRENT = ("current_phone", "current_chat")
MILLI = 1000  # durations, minutes and hours are held in thousandths
COUNT_MAX = 10**12  # beyond these a row takes the Decimal path (floats stay exact below 2**53)
AMOUNT_MAX = 10**9
SAFE = 2**62
Cols = dict[str, np.ndarray]


# ----------------------------------------------------------------------------- exact integer helpers

def _round_div(num: np.ndarray, den: int) -> np.ndarray:
    """num / den rounded half away from zero, for num >= 0, exactly (integer arithmetic)."""
    out: np.ndarray = (2 * num + den) // (2 * den)
    return out


def _times(q: np.ndarray, price: Fraction) -> np.ndarray:
    """round(q x price) in cents, with q an int64 array and price in cents (exact fraction)."""
    if price == 0 or not q.size:
        return np.zeros(q.shape, np.int64)
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

def _flat(c: Charge, cols: Cols) -> np.ndarray:
    assert c.when is not None
    return _times(cols[c.when], _cents(c.price))


def _per_unit(c: Charge, cols: Cols) -> np.ndarray:
    assert c.quantity is not None
    return _times(cols[c.quantity], _cents(c.price, _scale(c.quantity)))


def _graduated(c: Charge, cols: Cols) -> np.ndarray:
    assert c.quantity is not None
    n = cols[c.quantity]
    out = np.zeros(n.shape, np.int64)
    for t in c.tiers:
        top = n if t.last is None else np.minimum(n, t.last)
        out += _times(np.maximum(top - (t.first - 1), 0), _cents(t.price))
    return out


def _volume(c: Charge, cols: Cols) -> np.ndarray:
    assert c.quantity is not None
    n = cols[c.quantity]
    out = np.zeros(n.shape, np.int64)
    for t in c.tiers:
        inside = (n >= t.first) if t.last is None else ((n >= t.first) & (n <= t.last))
        out += np.where(inside, _times(n, _cents(t.price)), 0)
    return out


def _included(c: Charge, cols: Cols) -> np.ndarray:
    assert c.quantity is not None
    return _times(np.maximum(cols[c.quantity] - c.included, 0), _cents(c.price))


def _per_second(c: Charge, cols: Cols) -> np.ndarray:
    assert c.quantity is not None and c.seconds is not None
    over = np.maximum(cols[c.seconds] - int(c.free_seconds * MILLI), 0)
    n = cols[c.quantity]
    if n.size and int(n.max()) * int(over.max()) >= SAFE:
        secs = n.astype(object) * over.astype(object)
    else:
        secs = n * over
    return _times(secs, _cents(c.per_minute, 60 * MILLI))


def _pack_cover(c: Charge, cols: Cols) -> np.ndarray:
    """The Decimal path's candidates (charges.cover), for every distinct nonzero quantity."""
    assert c.quantity is not None
    scale = _scale(c.quantity)
    h_all = cols[c.quantity] * (MILLI // scale)  # everything in thousandths of a unit
    out = np.zeros(h_all.shape, np.int64)
    nonzero = np.flatnonzero(h_all)
    if not nonzero.size:
        return out
    h, back = np.unique(h_all[nonzero], return_inverse=True)
    unit = _cents(c.unit_price, MILLI)
    if c.billing == "credit":
        rate = min(Fraction(p.price) / p.size for p in c.packs)
        if c.unit_price is not None:
            rate = min(rate, Fraction(c.unit_price))
        best = _times(h, rate * 100 / MILLI)
    else:
        best = np.full(h.shape, np.iinfo(np.int64).max, np.int64)
        t = c.table
        if c.unit_price is not None:
            best = np.minimum(best, _times(h, unit))  # candidate k = 0: no packs
        if t is not None:
            cost = np.asarray(t.cost, np.int64)
            covered = np.asarray(t.covered, np.int64) * MILLI
            g = t.g * MILLI
            size = c.packs[t.best].size * MILLI
            k_hi = -(-h // g)
            k_lo = np.maximum(1, (h - size) // g) if c.unit_price is not None else k_hi
            for j in range((size // g + 2) if c.unit_price is not None else 1):
                k = k_hi - j
                ok = k >= k_lo
                extra = np.where(k > t.top, -(-(k - t.top) // t.step), 0)
                kk = np.clip(k - extra * t.step, 0, t.top)
                cents = cost[kk] + extra * t.price_cents[t.best]
                rest = np.maximum(h - covered[kk] - extra * size, 0)
                if c.unit_price is not None:
                    cents = cents + _times(rest, unit)
                best = np.where(ok & (cents < best), cents, best)
        if c.unlimited is not None:
            best = np.minimum(best, int(c.unlimited * 100))
    out[nonzero] = best[back]
    return out


VECTOR_PRICERS: dict[str, Callable[[Charge, Cols], np.ndarray]] = {
    "flat": _flat, "per_unit": _per_unit, "graduated": _graduated, "volume": _volume,
    "included": _included, "per_second": _per_second, "pack_cover": _pack_cover,
}


# ----------------------------------------------------------------------------- all selections

def price_columns(t: Tariff, cols: Cols) -> dict[tuple[str | None, str | None], np.ndarray]:
    """Total cents of every selection (rule-23 order) for clean integer columns; infeasible
    selections (rules 3 and 4) hold -1."""
    n = len(next(iter(cols.values())))
    charge = {c.key: VECTOR_PRICERS[c.model](c, cols) for c in t.charges}
    options = sum((charge[c.key] for c in t.option_charges), np.zeros(n, np.int64))
    service: dict[tuple[str, str], np.ndarray] = {}
    for (s, p), charges in t.service_charges.items():
        fee = int(t.plans[p].fee * 100)
        service[(s, p)] = sum((charge[c.key] for c in charges), np.full(n, fee, np.int64))
    needs = {s: np.zeros(n, bool) for s in t.services}
    for s, svc in t.services.items():
        for name in svc.needs:
            needs[s] |= cols[name] > 0
    need_24_7 = cols["need_24_7"] > 0
    discount = Fraction(t.discount_rate)  # of the fees, which are already in cents
    out = {}
    for sel in t.selections:
        total = options.copy()
        bad = np.zeros(n, bool)
        fees = 0
        for s, plan in zip(("phone", "chat"), sel, strict=True):
            if plan is None:
                bad |= needs[s]
                continue
            total += service[(s, plan)]
            fees += int(t.plans[plan].fee * 100)
            if not t.plans[plan].open_24_7:
                bad |= need_24_7
        taken = sum(p is not None for p in sel)
        if taken > 1:
            total -= _times(np.array([fees]), discount * (taken - 1))[0]
        total[bad] = -1
        out[sel] = total
    return out


# ----------------------------------------------------------------------------- the frame

def _column(frame: pd.DataFrame, name: str, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(int64 values, clean mask) of one Usage column; unclean rows take the Decimal path."""
    if name not in frame.columns:
        return np.zeros(n, np.int64), np.ones(n, bool)
    s = frame[name]
    if pd.api.types.is_bool_dtype(s.dtype) and not isinstance(s.dtype, pd.CategoricalDtype):
        values = s.to_numpy(dtype=float, na_value=np.nan)
        clean = ~np.isnan(values) if name in FLAG_FIELDS else np.zeros(n, bool)
    elif pd.api.types.is_numeric_dtype(s.dtype) and not isinstance(s.dtype, pd.CategoricalDtype):
        values = s.to_numpy(dtype=float, na_value=np.nan)
        clean = np.ones(n, bool)
    else:  # object, text, category: only real numbers are clean; the rest go to Usage
        raw = s.to_numpy(dtype=object)
        real = np.fromiter((isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))
                            for v in raw), bool, n)
        values = np.full(n, np.nan)
        if real.any():
            values[real] = raw[real].astype(float)
        clean = real
    with np.errstate(invalid="ignore", over="ignore"):
        clean &= np.isfinite(values) & (values >= 0)
        if name in COUNT_FIELDS:
            clean &= (values <= COUNT_MAX) & (values == np.floor(values))
            ints = np.where(clean, values, 0).astype(np.int64)
        elif name in AMOUNT_FIELDS:
            clean &= values <= AMOUNT_MAX
            milli = np.rint(np.where(clean, values, 0) * MILLI)
            clean &= milli / MILLI == np.where(clean, values, 0)
            ints = np.where(clean, milli, 0).astype(np.int64)
        else:
            clean &= (values == 0) | (values == 1)
            ints = np.where(clean, values, 0).astype(np.int64)
    return ints, clean


def columns(frame: pd.DataFrame) -> tuple[Cols, np.ndarray]:
    """Every Usage field as int64 (absent columns: 0) and the mask of rows the integer path holds."""
    n = len(frame)
    cols: Cols = {}
    clean = np.ones(n, bool)
    for name in USAGE_FIELDS:
        cols[name], ok = _column(frame, name, n)
        clean &= ok
    return cols, clean


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
    cols, clean = columns(frame)
    has_current = any(c in frame.columns for c in CURRENT)
    cur = {s: _plan_codes(t, frame, f"current_{s}", n) for s in ("phone", "chat")}
    plans = (None, *t.plans)
    best = np.full(n, np.iinfo(np.int64).max, np.int64)
    pick = np.zeros(n, np.int64)
    current = np.full(n, -1, np.int64)
    for i, (sel, total) in enumerate(price_columns(t, cols).items()):
        better = (total >= 0) & (total < best)
        best[better] = total[better]
        pick[better] = i
        if has_current:
            mine = (cur["phone"][0] == plans.index(sel[0]) - 1) & \
                   (cur["chat"][0] == plans.index(sel[1]) - 1)
            current[mine] = total[mine]
    sels = np.array(t.selections, dtype=object)
    phone, chat = sels[pick, 0], sels[pick, 1]
    phone[~clean] = chat[~clean] = None
    total_eur: np.ndarray = np.where(clean, best / 100, np.nan)
    error: np.ndarray = np.full(n, "", dtype=object)
    cur_eur: np.ndarray = np.where(clean & (current >= 0), current / 100, np.nan)
    # rows the integer path does not hold: the Decimal path, one by one
    slow = ~clean
    if has_current:  # a row with both current plans blank is a prospect: nothing to compare
        prospect = (cur["phone"][0] < 0) & (cur["chat"][0] < 0) & ~cur["phone"][1] & ~cur["chat"][1]
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

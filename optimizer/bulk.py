"""recommend_many(): the cheapest plans for a whole customer base, on the vectorised engine.

Rows the integer path cannot hold (validation failures, amounts float64 cannot round surely) take
the Decimal path one by one (Usage, then exhaustive search), so every total equals quote()'s and
every error is Usage's own message. A bad row is flagged in `error`, never dropped.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .errors import AnswerPlanError, NoPlanFits
from .quote import quote, resolve_tariff
from .search import cheapest
from .tariff import NOT_TAKEN, Tariff
from .usage import USAGE_FIELDS, Usage
from .vector import BROKEN, Parts, columns, price_parts

__all__ = ["CURRENT", "RESULTS", "Batch", "plan_codes", "recommend_many", "result_names"]

CURRENT = ("current_phone", "current_chat")
RESULTS = ("phone_plan", "chat_plan", "total", "current_total", "saving", "error")


def result_names(prefix: str = "") -> tuple[str, ...]:
    return tuple(prefix + name for name in RESULTS)


def check_no_clash(names: list[str], prefix: str = "") -> None:
    """An input column named like a result would be hidden or mixed with it: refuse, by name."""
    clash = [c for c in names if str(c) in result_names(prefix)]
    if clash:
        raise AnswerPlanError(f"columns: {', '.join(map(repr, clash))} has the name of a result column; rename it "
                              "in the input, or write the results under a prefix (prefix='new_', --prefix new_)")


def plan_codes(t: Tariff, values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Plan index per row (0 = not taken, 1.. the tariff's plans) and a mask of unknown names;
    each distinct spelling is read once."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    index: dict[str | None, int] = {None: 0, **{p: i + 1 for i, p in enumerate(t.plans)}}
    known = np.zeros(len(uniques) + 1, np.int64)  # the last entry: NaN (code -1), not taken
    bad = np.zeros(len(uniques) + 1, bool)
    for k, raw in enumerate(uniques):
        name = raw.strip().upper() if isinstance(raw, str) else raw
        if isinstance(name, str) and (name in NOT_TAKEN or name in t.plans):
            known[k] = index[None if name in NOT_TAKEN else name]
        else:
            bad[k] = True
    return known[codes], bad[codes]


@dataclass
class Batch:
    """A frame priced: the cheapest selection per row, and the rows the Decimal path must take."""

    parts: Parts
    best: np.ndarray  # cents
    rank: np.ndarray  # index into tariff.selections
    clean: np.ndarray  # rows whose answer the integer path holds
    valid: np.ndarray  # rows whose every field passed validation


def price_batch(t: Tariff, frame: pd.DataFrame) -> Batch:
    data = columns(frame)
    parts = price_parts(t, data)
    best, rank = parts.cheapest()
    clean = data.valid & ~parts.unsure & (best < BROKEN)
    return Batch(parts, best, rank, clean, data.valid)


def recommend_many(frame: pd.DataFrame, *, tariff: Tariff | str | None = None, prefix: str = "") -> pd.DataFrame:
    """The input rows, in order, plus phone_plan, chat_plan, total (euros) and error; with
    current_phone/current_chat columns also current_total and saving (current - recommended).
    A row whose current plans are both blank (a prospect) gets no current_total and no error.
    `prefix` names the result columns (prefix + "total", ...), for inputs that have such names."""
    if not isinstance(frame, pd.DataFrame):
        raise AnswerPlanError(f"frame: expected a pandas DataFrame, got {type(frame).__name__}")
    check_no_clash(list(frame.columns), prefix)
    t = resolve_tariff(tariff)
    n = len(frame)
    batch = price_batch(t, frame)
    sels = t.selections
    index = batch.parts.index
    phone_code = np.array([index[p] for p, _ in sels], np.int64)[batch.rank]  # 0 = not taken
    chat_code = np.array([index[c] for _, c in sels], np.int64)[batch.rank]
    total = np.where(batch.clean, batch.best / 100, np.nan)
    has_current = any(c in frame.columns for c in CURRENT)
    blank = pd.Series(np.full(n, None, object), index=frame.index)
    if has_current:
        cur = {s: plan_codes(t, frame[f"current_{s}"] if f"current_{s}" in frame.columns else blank)
               for s in ("phone", "chat")}
        prospect = (cur["phone"][0] == 0) & (cur["chat"][0] == 0) & ~cur["phone"][1] & ~cur["chat"][1]
        rows = np.arange(n)
        p, c = cur["phone"][0], cur["chat"][0]
        current = (batch.parts.service["phone"][p, rows] + batch.parts.service["chat"][c, rows]
                   + batch.parts.options + batch.parts.discount[p, c])
        cur_total = np.where(batch.clean & (current < BROKEN) & ~prospect, current / 100, np.nan)
        slow = ~batch.clean | ((current >= BROKEN) & ~prospect) | cur["phone"][1] | cur["chat"][1]
    else:
        slow = ~batch.clean
    errors: dict[int, str] = {}
    for r in np.flatnonzero(slow).tolist():  # the Decimal path, row by row
        ph, ch, tot, cur_tot, err = _slow_row(t, frame, r, has_current, bool(batch.clean[r]))
        if not batch.clean[r]:
            phone_code[r], chat_code[r] = index[ph], index[ch]
            total[r] = tot
        if has_current:
            cur_total[r] = cur_tot
        if err:
            errors[r] = err
    out = frame.copy(deep=False)  # copy-on-write: the caller's frame is never changed
    plans = list(t.plans)
    out[prefix + "phone_plan"] = _categorical(phone_code - 1, plans)
    out[prefix + "chat_plan"] = _categorical(chat_code - 1, plans)
    out[prefix + "total"] = total
    if has_current:
        out[prefix + "current_total"] = cur_total
        out[prefix + "saving"] = np.round(cur_total - total, 2)
    out[prefix + "error"] = _messages(errors, n)
    return out


def _messages(errors: dict[int, str], n: int) -> Any:
    """The error column: empty, or why that row has no price (categorical: no object array)."""
    texts = sorted(set(errors.values()))
    codes = np.zeros(n, np.int64)
    if errors:
        lookup = {m: i + 1 for i, m in enumerate(texts)}
        codes[list(errors)] = [lookup[m] for m in errors.values()]
    return _categorical(codes, ["", *texts])


def _categorical(codes: np.ndarray, categories: list[str]) -> Any:
    """Text from small integer codes (-1: missing) without an object array."""
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories))


def _slow_row(t: Tariff, frame: pd.DataFrame, i: int, has_current: bool, clean: bool
              ) -> tuple[str | None, str | None, float, float, str]:
    """One row on the Decimal path: Usage's validation, exhaustive search, the current quote."""
    values: dict[str, Any] = {name: frame[name].iat[i] for name in USAGE_FIELDS if name in frame.columns}
    try:
        u = Usage(**values)
    except AnswerPlanError as exc:
        return None, None, np.nan, np.nan, str(exc)
    phone = chat = None
    total = np.nan
    if not clean:
        try:
            q = cheapest(t, u)
        except NoPlanFits as exc:
            return None, None, np.nan, np.nan, str(exc)
        phone, chat, total = q.phone, q.chat, float(q.total)
    cur_total, err = np.nan, ""
    given: list[Any] = [frame[f"current_{s}"].iat[i] if f"current_{s}" in frame.columns else None
                        for s in ("phone", "chat")]
    if has_current and any(isinstance(v, str) and v.strip() for v in given):
        try:
            sel = [v if isinstance(v, str) else None for v in given]
            cur_total = float(quote(u, phone=sel[0], chat=sel[1], tariff=t).total)
        except AnswerPlanError as exc:
            err = f"current plans: {exc}"
    return phone, chat, total, cur_total, err

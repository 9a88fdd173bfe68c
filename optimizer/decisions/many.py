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

from optimizer.decisions.search import cheapest
from optimizer.engines.exact import quote, resolve_tariff
from optimizer.engines.vector import BROKEN, Columns, Parts, columns, price_parts
from optimizer.ground.errors import AnswerPlanError, SelectionError
from optimizer.ground.usage import USAGE_FIELDS, Usage
from optimizer.pricing.tariff import NOT_TAKEN, Tariff

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
    data: Columns  # the frame's columns as the vectorised engine read them


    def selected(self, t: Tariff, frame: pd.DataFrame, phone: np.ndarray, chat: np.ndarray,
                 rows: np.ndarray | None = None) -> tuple[np.ndarray, dict[int, AnswerPlanError]]:
        """Euros of a given selection per row (codes: 0 = not taken, i = the tariff's i-th plan),
        NaN where none; rows the integer path does not hold go through Usage and quote(), and
        why a row has no price is kept (UsageError, SelectionError). Only `rows` (a mask) are priced."""
        n = len(phone)
        at = np.arange(n)
        cents = (self.parts.service["phone"][phone, at] + self.parts.service["chat"][chat, at]
                 + self.parts.options + self.parts.discount[phone, chat])
        wanted = np.ones(n, bool) if rows is None else rows
        fast = wanted & self.valid & ~self.parts.unsure & (cents < BROKEN)
        out = np.where(fast, cents / 100, np.nan)
        names: list[str | None] = [None, *t.plans]
        errors: dict[int, AnswerPlanError] = {}
        refused = wanted & self.valid & ~self.parts.unsure & (cents >= BROKEN)
        if refused.any():  # rules 3 and 4: one message per kind of row, not one Usage per row
            rows_r = np.flatnonzero(refused)
            key = phone[rows_r] * (len(names) + 1) + chat[rows_r]
            for f in [*dict.fromkeys(n for s in t.services.values() for n in s.needs), "need_24_7"]:
                used = self.data.positive(f)
                key = key * 2 + (used[rows_r] if used is not None else 0)
            _, first, kind = np.unique(key, return_index=True, return_inverse=True)
            said = []
            for r in rows_r[first].tolist():
                problem = t.selection_problem(usage_at(frame, r), names[phone[r]], names[chat[r]])
                said.append(SelectionError(problem or "the rules do not allow this selection"))
            errors.update(zip(rows_r.tolist(), (said[k] for k in kind.tolist()), strict=True))
        for r in np.flatnonzero(wanted & ~fast & ~refused).tolist():
            try:
                out[r] = float(quote(usage_at(frame, r), phone=names[phone[r]], chat=names[chat[r]], tariff=t).total)
            except AnswerPlanError as exc:
                errors[r] = exc
        return out, errors


def usage_at(frame: pd.DataFrame, r: int) -> Usage:
    """Row r of a frame as a Usage (its validation, its message)."""
    values: dict[str, Any] = {name: frame[name].iat[r] for name in USAGE_FIELDS if name in frame.columns}
    return Usage(**values)


def price_batch(t: Tariff, frame: pd.DataFrame) -> Batch:
    data = columns(frame)
    parts = price_parts(t, data)
    best, rank = parts.cheapest()
    clean = data.valid & ~parts.unsure & (best < BROKEN)
    return Batch(parts, best, rank, clean, data.valid, data)


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
    errors: dict[int, str] = {}
    for r in np.flatnonzero(~batch.clean).tolist():  # the Decimal path, row by row
        try:
            q = cheapest(t, usage_at(frame, r))
            phone_code[r], chat_code[r], total[r] = index[q.phone], index[q.chat], float(q.total)
        except AnswerPlanError as exc:  # Usage's message, or no plan fits
            phone_code[r] = chat_code[r] = 0
            errors[r] = str(exc)
    has_current = any(c in frame.columns for c in CURRENT)
    if has_current:
        blank = pd.Series(np.full(n, None, object), index=frame.index)
        given = {s: frame[f"current_{s}"] if f"current_{s}" in frame.columns else blank for s in ("phone", "chat")}
        (p, p_bad), (c, c_bad) = (plan_codes(t, given[s]) for s in ("phone", "chat"))
        prospect = (p == 0) & (c == 0) & ~p_bad & ~c_bad  # no current plans: nothing to compare
        usable = np.ones(n, bool)
        usable[list(errors)] = False
        cur_total, cur_errors = batch.selected(t, frame, p, c, ~prospect & ~p_bad & ~c_bad & usable)
        for r in np.flatnonzero((p_bad | c_bad) & usable).tolist():
            try:
                t.plan_name(given["phone"].iat[r], "phone")
                t.plan_name(given["chat"].iat[r], "chat")
            except AnswerPlanError as exc:
                cur_errors[r] = exc
        errors.update({r: f"current plans: {m}" for r, m in cur_errors.items()})
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

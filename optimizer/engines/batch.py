"""A frame priced on the vectorised engine: every selection's total per row, the cheapest, and the
rows the Decimal engine must take (validation failures, amounts float64 cannot round surely); a
given selection per row priced with the reason where it cannot serve (rules 3 and 4)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from optimizer import rules
from optimizer.engines.exact import quote
from optimizer.engines.vector import BROKEN, Columns, Parts, columns, price_parts
from optimizer.ground.errors import AnswerPlanError, SelectionError
from optimizer.ground.usage import USAGE_FIELDS, Usage
from optimizer.pricing.tariff import NOT_TAKEN, Tariff

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["Batch", "plan_codes", "price_batch", "usage_at"]


def plan_codes(t: Tariff, values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Plan index per row (0 = not taken, 1.. the tariff's plans) and a mask of unknown names;
    each distinct spelling is read once."""
    import numpy as np
    import pandas as pd
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
    rank: np.ndarray  # index into rules.order(tariff)
    clean: np.ndarray  # rows whose answer the integer path holds
    valid: np.ndarray  # rows whose every field passed validation
    data: Columns  # the frame's columns as the vectorised engine read them


    def selected(self, t: Tariff, frame: pd.DataFrame, phone: np.ndarray, chat: np.ndarray,
                 rows: np.ndarray | None = None) -> tuple[np.ndarray, dict[int, AnswerPlanError]]:
        """Euros of a given selection per row (codes: 0 = not taken, i = the tariff's i-th plan),
        NaN where none; rows the integer path does not hold go through Usage and quote(), and
        why a row has no price is kept (UsageError, SelectionError). Only `rows` (a mask) are priced."""
        import numpy as np
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
                problem = rules.problem(t, usage_at(frame, r), names[phone[r]], names[chat[r]])
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


def price_batch(t: Tariff, frame: pd.DataFrame, near: Mapping[str, np.ndarray] | None = None) -> Batch:
    """A frame priced (`near`: see vector.columns; the Decimal path then needs the exact frame)."""
    data = columns(frame, near)
    parts = price_parts(t, data)
    best, rank = parts.cheapest()
    clean = data.valid & ~parts.unsure & (best < BROKEN)
    return Batch(parts, best, rank, clean, data.valid, data)



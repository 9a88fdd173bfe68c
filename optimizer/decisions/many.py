"""recommend_many(): the cheapest plans for a whole customer base, on the vectorised engine.

Rows the integer path cannot hold (validation failures, amounts float64 cannot round surely) take
the Decimal path one by one (Usage, then exhaustive search), so every total equals quote()'s and
every error is Usage's own message. A bad row is flagged in `error`, never dropped.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from optimizer.decisions.search import cheapest
from optimizer.engines.batch import Batch, plan_codes, price_batch, usage_at
from optimizer.ground.errors import AnswerPlanError
from optimizer.pricing.tariff import Tariff, resolve_tariff
from optimizer.reading.fields import BULK_SPEC, CURRENT
from optimizer.reading.frames import read_frame
from optimizer.rules import order

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["RESULTS", "best_of", "check_no_clash", "recommend_many", "result_names"]

RESULTS = ("phone_plan", "chat_plan", "total", "current_total", "saving", "error")


def result_names(prefix: str = "") -> tuple[str, ...]:
    return tuple(prefix + name for name in RESULTS)


def check_no_clash(names: list[str], prefix: str = "") -> None:
    """An input column named like a result would be hidden or mixed with it: refuse, by name."""
    clash = [c for c in names if str(c) in result_names(prefix)]
    if clash:
        raise AnswerPlanError(f"columns: {', '.join(map(repr, clash))} has the name of a result column; rename it "
                              "in the input, or write the results under a prefix («prefix new_»)")


def best_of(t: Tariff, fields: pd.DataFrame, batch: Batch, errors: dict[int, str]
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cheapest selection of every row of a priced frame: (phone code, chat code, total in
    euros); rows the integer path does not hold by the Decimal engine; rows in `errors` (and any
    that fail there, added to it) get no price."""
    import numpy as np
    sels = order(t)
    index = batch.parts.index
    phone_code = np.array([index[p] for p, _ in sels], np.int64)[batch.rank]  # 0 = not taken
    chat_code = np.array([index[c] for _, c in sels], np.int64)[batch.rank]
    total = np.where(batch.clean, batch.best / 100, np.nan)
    for r in np.flatnonzero(~batch.clean).tolist():  # the Decimal path, row by row
        if r in errors:
            continue
        try:
            q = cheapest(t, usage_at(fields, r))
            phone_code[r], chat_code[r], total[r] = index[q.phone], index[q.chat], float(q.total)
        except AnswerPlanError as exc:  # Usage's message, or no plan fits
            errors[r] = str(exc)
    for r in errors:
        phone_code[r] = chat_code[r] = 0
        total[r] = np.nan
    return phone_code, chat_code, total


def recommend_many(frame: pd.DataFrame, *, tariff: Tariff | str | None = None, prefix: str = "") -> pd.DataFrame:
    """The input rows, in order, plus phone_plan, chat_plan, total (euros) and error; with
    current_phone/current_chat columns also current_total and saving (current - recommended).
    Columns are named as the Usage fields, or as a file's headers may be (`Calls`, `gesprekken`,
    `24/7`); a column that looks like a field but is none stops with a did-you-mean, and a frame
    without any usage column is refused (it would price as 0).
    A row whose current plans are both blank (a prospect) gets no current_total and no error.
    `prefix` names the result columns (prefix + "total", ...), for inputs that have such names."""
    import numpy as np
    import pandas as pd
    if not isinstance(frame, pd.DataFrame):
        raise AnswerPlanError(f"frame: expected a pandas DataFrame, got {type(frame).__name__}")
    check_no_clash(list(frame.columns), prefix)
    t = resolve_tariff(tariff)
    read = read_frame(frame, BULK_SPEC, source="frame")  # `Calls`, `gesprekken`, `ja`: as a file reads them
    fields = read.fields
    n = len(fields)
    batch = price_batch(t, fields)
    errors: dict[int, str] = dict(read.errors)  # cells that could not be read: that row's error, no price
    phone_code, chat_code, total = best_of(t, fields, batch, errors)
    has_current = any(c in fields.columns for c in CURRENT)
    if has_current:
        blank = pd.Series(np.full(n, None, object))
        given = {s: fields[f"current_{s}"] if f"current_{s}" in fields.columns else blank for s in ("phone", "chat")}
        (p, p_bad), (c, c_bad) = (plan_codes(t, given[s]) for s in ("phone", "chat"))
        prospect = (p == 0) & (c == 0) & ~p_bad & ~c_bad  # no current plans: nothing to compare
        usable = np.ones(n, bool)
        usable[list(errors)] = False
        cur_total, cur_errors = batch.selected(t, fields, p, c, ~prospect & ~p_bad & ~c_bad & usable)
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
    import numpy as np
    texts = sorted(set(errors.values()))
    codes = np.zeros(n, np.int64)
    if errors:
        lookup = {m: i + 1 for i, m in enumerate(texts)}
        codes[list(errors)] = [lookup[m] for m in errors.values()]
    return _categorical(codes, ["", *texts])


def _categorical(codes: np.ndarray, categories: list[str]) -> Any:
    """Text from small integer codes (-1: missing) without an object array."""
    import pandas as pd
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories))

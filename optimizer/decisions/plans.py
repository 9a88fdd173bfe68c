"""A user's plan argument, as the Excel functions and the command line read it: one plan for
every service used (ANSWER_COST's reading), or one per service as PHONE/CHAT; and a column of such
arguments priced over a column of forecasts in one vectorised call."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from optimizer import rules
from optimizer.engines.batch import price_batch
from optimizer.engines.exact import Priced, Quote
from optimizer.ground.errors import AnswerPlanError, SelectionError
from optimizer.ground.money import from_cents
from optimizer.ground.usage import Usage
from optimizer.pricing.tariff import Selection, Tariff, resolve_tariff

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["plan_costs", "plan_for", "plan_quote", "selection_for"]


def plan_for(plan: str | None, usage: Usage) -> Selection:
    """ANSWER_COST's reading of one plan: it serves the phone service when there are calls (or
    no chats either), and the chat service when there are chats."""
    return _reading(plan, usage.calls, usage.chats)


def _reading(plan: str | None, calls: int, chats: int) -> Selection:
    return (plan if calls > 0 or chats == 0 else None), (plan if chats > 0 else None)


def selection_for(t: Tariff, spec: object, calls: int, chats: int, argument: str = "plan") -> Selection:
    """A user's plan argument: one plan ("SMART", read as plan_for reads it) or one per service,
    phone first ("PREMIUM/BASIC"; "PREMIUM/" or "/SMART" for one service only)."""
    if isinstance(spec, str) and "/" in spec:
        phone, _, chat = spec.partition("/")
        selection = (t.plan_name(phone, f"{argument} (phone)"), t.plan_name(chat, f"{argument} (chat)"))
        if selection == (None, None):
            raise SelectionError(f"{argument}: {spec.strip()!r} names no plan ({t.plan_list})")
        return selection
    name = t.plan_name(spec, argument)
    if name is None:
        raise SelectionError(f"{argument}: a plan is needed ({t.plan_list}, or PHONE/CHAT)")
    return _reading(name, calls, chats)


def plan_quote(plan: object, usage: Usage, tariff: Tariff | str | None = None) -> Quote:
    """The quote of a plan argument (see selection_for) for this forecast."""
    t = resolve_tariff(tariff)
    phone, chat = selection_for(t, plan, usage.calls, usage.chats)
    problem = rules.problem(t, usage, phone, chat)
    if problem:
        raise SelectionError(f"plan: {problem}")
    return Priced(t, usage).quote((phone, chat))  # checked here: quote() would check the rules again


def plan_costs(plans: Sequence[object], frame: pd.DataFrame, tariff: Tariff | str | None = None
               ) -> list[Decimal | str]:
    """ANSWER_COST over columns: per row the total (Decimal) or the one-line reason it has none.
    One vectorised pricing of every part; rows it cannot hold, or whose selection breaks a rule,
    go through quote() (which says which rule)."""
    import numpy as np
    t = resolve_tariff(tariff)
    n = len(frame)
    batch = price_batch(t, frame)
    calls, chats = _positive(frame, "calls"), _positive(frame, "chats")
    index = batch.parts.index
    phone, chat = np.zeros(n, np.int64), np.zeros(n, np.int64)
    bad: dict[int, str] = {}
    for i, raw in enumerate(plans):
        try:
            p, c = selection_for(t, raw, calls[i], chats[i])
            phone[i], chat[i] = index[p], index[c]
        except AnswerPlanError as exc:
            bad[i] = str(exc)
    rows = np.ones(n, bool)
    rows[list(bad)] = False
    euros, errors = batch.selected(t, frame, phone, chat, rows)
    out: list[Decimal | str] = []
    for i in range(n):
        if i in bad:
            out.append(bad[i])
        elif i in errors:
            problem = errors[i]
            out.append(f"plan: {problem}" if isinstance(problem, SelectionError) else str(problem))
        else:
            out.append(from_cents(int(np.rint(euros[i] * 100))))
    return out


def _positive(frame: pd.DataFrame, name: str) -> np.ndarray:
    """1 where a count column is > 0, for reading the plan argument (0 where absent or no count)."""
    import numpy as np
    import pandas as pd
    if name not in frame.columns:
        return np.zeros(len(frame), np.int64)
    values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float, na_value=0.0)
    return np.where(np.isfinite(values) & (values > 0), 1, 0).astype(np.int64)

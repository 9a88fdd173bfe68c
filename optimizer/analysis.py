"""What the adapters show besides quotes: one plan per service (ANSWER_COST's reading), columns
of costs priced in one vectorised call, cost curves, break-even volumes, the plan table."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from .bulk import columns, price_columns
from .errors import AnswerPlanError, SelectionError
from .quote import Quote, quote, resolve_tariff
from .tariff import Tariff
from .usage import Usage

__all__ = ["breakeven", "cost_curve", "plan_costs", "plan_for", "plan_quote", "plan_table"]

Selection = tuple[str | None, str | None]


def plan_for(plan: str | None, usage: Usage) -> Selection:
    """ANSWER_COST's reading of one plan: it serves the phone service when there are calls (or
    no chats either), and the chat service when there are chats."""
    phone = plan if usage.calls > 0 or usage.chats == 0 else None
    chat = plan if usage.chats > 0 else None
    return phone, chat


def plan_quote(plan: object, usage: Usage, tariff: Tariff | str | None = None) -> Quote:
    t = resolve_tariff(tariff)
    name = t.plan_name(plan, "plan")
    if name is None:
        raise SelectionError(f"plan: a plan is needed ({t.plan_list})")
    return quote(usage, phone=plan_for(name, usage)[0], chat=plan_for(name, usage)[1], tariff=t)


def plan_costs(plans: Sequence[object], frame: pd.DataFrame, tariff: Tariff | str | None = None
               ) -> list[Decimal | str]:
    """ANSWER_COST over columns: per row the total (Decimal) or the one-line reason it has none.
    One vectorised pricing of every selection; rows it cannot hold go through quote()."""
    t = resolve_tariff(tariff)
    cols, clean = columns(frame)
    priced = price_columns(t, cols)
    calls, chats = cols["calls"], cols["chats"]
    out: list[Decimal | str] = []
    for i, raw in enumerate(plans):
        try:
            name = t.plan_name(raw, "plan")
            if name is None:
                raise SelectionError(f"plan: a plan is needed ({t.plan_list})")
            if not clean[i]:
                row: dict[str, Any] = {k: frame[k].iat[i] for k in frame.columns}
                out.append(plan_quote(name, Usage(**row), t).total)
                continue
            phone = name if calls[i] > 0 or chats[i] == 0 else None
            chat = name if chats[i] > 0 else None
            cents = int(priced[(phone, chat)][i])
            if cents < 0:  # a rule is broken: let quote() say which
                row = {k: frame[k].iat[i] for k in frame.columns}
                out.append(plan_quote(name, Usage(**row), t).total)
                continue
            out.append(Decimal(cents).scaleb(-2))
        except AnswerPlanError as exc:
            out.append(str(exc))
    return out


def cost_curve(usage: Usage, selections: Sequence[Selection], calls: np.ndarray,
               tariff: Tariff | str | None = None) -> dict[Selection, np.ndarray]:
    """Monthly totals in euros as the number of calls varies, the rest of the forecast fixed;
    NaN where the selection cannot serve that forecast (rule 3 or 4)."""
    t = resolve_tariff(tariff)
    frame = pd.DataFrame({k: [v] * len(calls) for k, v in usage.as_dict().items()})
    frame["calls"] = calls
    frame = frame.astype({k: float for k, v in usage.as_dict().items() if isinstance(v, Decimal)})
    cols, clean = columns(frame)
    if not clean.all():
        raise AnswerPlanError("cost_curve: the forecast needs the Decimal path (over three decimals)")
    priced = price_columns(t, cols)
    return {s: np.where(priced[s] >= 0, priced[s] / 100, np.nan) for s in selections}


def breakeven(plan_a: object, plan_b: object, usage: Usage, tariff: Tariff | str | None = None
              ) -> int | None:
    """The number of calls from which plan_b is cheaper than plan_a for every higher count, the
    rest of the forecast as given (each plan read as ANSWER_COST reads it); None if never."""
    t = resolve_tariff(tariff)
    a = t.plan_name(plan_a, "plan_a")
    b = t.plan_name(plan_b, "plan_b")
    if a is None or b is None:
        raise SelectionError(f"plan_a, plan_b: two plans are needed ({t.plan_list})")
    # beyond every tier and included count, each plan's calls cost one fixed price per call
    edge = 2 + max([c.included for c in t.charges if c.quantity == "calls"]
                   + [tier.last or tier.first for c in t.charges if c.quantity == "calls" for tier in c.tiers]
                   + [0])
    n = np.arange(edge + 2)
    with_calls = usage.replace(calls=1)
    sa, sb = plan_for(a, with_calls), plan_for(b, with_calls)
    for name, sel in ((a, sa), (b, sb)):
        problem = t.selection_problem(with_calls, *sel)
        if problem:
            raise SelectionError(f"{name}: {problem}")
    curves = cost_curve(usage, [sa, sb], n, t)
    diff = np.round((curves[sb] - curves[sa]) * 100).astype(np.int64)  # b - a, in cents
    slope = int(diff[-1] - diff[-2])  # per extra call beyond the edge, exact
    if slope > 0 or (slope == 0 and diff[-1] >= 0):
        return None
    if diff[-1] >= 0:  # still dearer at the edge: crosses later, on the straight part
        return int(edge + 1 + diff[-1] // -slope + 1)
    not_cheaper = np.flatnonzero(diff[1:] >= 0)  # counts from 1 call
    return int(not_cheaper[-1] + 2) if not_cheaper.size else 1


def plan_table(tariff: Tariff | str | None = None) -> list[list[Any]]:
    """Header and one row per plan: fee, 24/7, contacts included per service."""
    t = resolve_tariff(tariff)
    head: list[Any] = ["plan", "fee per month", "reachable 24/7",
                       *[f"included {c.unit}s" for c in t.charges if c.model == "included"]]
    rows = [head]
    for name, plan in t.plans.items():
        rows.append([name, plan.fee, "yes" if plan.open_24_7 else "no",
                     *[c.included if c.applies(name) else 0 for c in t.charges if c.model == "included"]])
    return rows

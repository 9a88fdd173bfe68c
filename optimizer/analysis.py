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
from .tariff import Charge, Tariff
from .usage import Usage

__all__ = ["breakeven", "cost_curve", "describe_charge", "plan_costs", "plan_for", "plan_quote", "plan_table",
           "selection_for"]

Selection = tuple[str | None, str | None]


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
    problem = t.selection_problem(usage, phone, chat)
    if problem:
        raise SelectionError(f"plan: {problem}")
    return quote(usage, phone=phone, chat=chat, tariff=t)


def plan_costs(plans: Sequence[object], frame: pd.DataFrame, tariff: Tariff | str | None = None
               ) -> list[Decimal | str]:
    """ANSWER_COST over columns: per row the total (Decimal) or the one-line reason it has none.
    One vectorised pricing of every selection; rows it cannot hold, or whose selection breaks a
    rule, go through quote() (which says which rule)."""
    t = resolve_tariff(tariff)
    data = columns(frame)
    unsure = np.zeros(len(frame), bool)
    priced = price_columns(t, data, unsure)
    calls, chats, clean = data.ints["calls"], data.ints["chats"], data.valid & ~unsure
    out: list[Decimal | str] = []
    for i, raw in enumerate(plans):
        try:
            cents = int(priced[selection_for(t, raw, calls[i], chats[i])][i]) if clean[i] else -1
            if cents < 0:
                row: dict[str, Any] = {k: frame[k].iat[i] for k in frame.columns}
                out.append(plan_quote(raw, Usage(**row), t).total)
            else:
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
    data = columns(frame)
    unsure = np.zeros(len(frame), bool)
    priced = price_columns(t, data, unsure)
    if not data.valid.all() or unsure.any():
        raise AnswerPlanError("cost_curve: a forecast the vectorised path cannot price exactly")
    return {s: np.where(priced[s] >= 0, priced[s] / 100, np.nan) for s in selections}


def breakeven(plan_a: object, plan_b: object, usage: Usage, tariff: Tariff | str | None = None
              ) -> int | None:
    """The number of calls from which plan_b is cheaper than plan_a for every higher count, the
    rest of the forecast as given (each plan argument read as selection_for reads it); None if
    never. Beyond the last tier both cost a fixed amount per extra call, so the tail is solved."""
    t = resolve_tariff(tariff)
    with_calls = usage.replace(calls=1)
    sa = selection_for(t, plan_a, 1, usage.chats, "plan_a")
    sb = selection_for(t, plan_b, 1, usage.chats, "plan_b")
    for name, sel in (("plan_a", sa), ("plan_b", sb)):
        problem = t.selection_problem(with_calls, *sel)
        if problem:
            raise SelectionError(f"{name}: {problem}")
    # beyond every tier and included count, each plan's calls cost one fixed price per call
    edge = 2 + max([c.included for c in t.charges if c.quantity == "calls"]
                   + [tier.last or tier.first for c in t.charges if c.quantity == "calls" for tier in c.tiers]
                   + [0])
    n = np.arange(edge + 2)
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


def describe_charge(c: Charge) -> str:
    """The prices of one charge in a line, for price-list tables."""
    if c.model in ("graduated", "volume"):
        return "; ".join(f"{t.first}-{t.last}: {t.price}" if t.last else f"{t.first}+: {t.price}" for t in c.tiers)
    if c.model == "included":
        return f"first {c.included} included, then {c.price} per {c.unit}"
    if c.model == "per_second":
        beyond = f" beyond {c.free_seconds} s" if c.free_seconds else ""
        return f"{c.per_minute} per minute{beyond}, per second"
    if c.model == "pack_cover":
        parts = [f"pack of {p.size}: {p.price}" for p in c.packs]
        if c.unit_price is not None:
            parts.append(f"per {c.unit}: {c.unit_price}")
        if c.unlimited is not None:
            parts.append(f"unlimited: {c.unlimited}")
        return "; ".join(parts) + (" (as credit)" if c.billing == "credit" else "")
    return f"{c.price} per {c.unit or 'month'}"

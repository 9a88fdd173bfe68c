"""Cost curves and break-even volumes: monthly totals as the number of calls varies, the rest of
the forecast as given, on the vectorised engine."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import numpy as np
import pandas as pd

from optimizer import rules
from optimizer.decisions.plans import selection_for
from optimizer.engines.vector import BROKEN, columns, price_parts
from optimizer.ground.errors import AnswerPlanError, SelectionError
from optimizer.ground.usage import Usage
from optimizer.pricing.tariff import Selection, Tariff, resolve_tariff

__all__ = ["breakeven", "cost_curve"]


def cost_curve(usage: Usage, selections: Sequence[Selection], calls: np.ndarray,
               tariff: Tariff | str | None = None) -> dict[Selection, np.ndarray]:
    """Monthly totals in euros as the number of calls varies, the rest of the forecast fixed;
    NaN where the selection cannot serve that forecast (rule 3 or 4)."""
    t = resolve_tariff(tariff)
    frame = pd.DataFrame({k: [v] * len(calls) for k, v in usage.as_dict().items()})
    frame["calls"] = calls
    frame = frame.astype({k: float for k, v in usage.as_dict().items() if isinstance(v, Decimal)})
    data = columns(frame)
    parts = price_parts(t, data)
    if not data.valid.all() or parts.unsure.any() or any(not isinstance(v, (int, bool, Decimal))
                                                         for v in usage.as_dict().values()):
        raise AnswerPlanError("cost_curve: a forecast the vectorised path cannot price exactly")
    out = {}
    for s in selections:
        cents = parts.total(s)
        out[s] = np.where(cents < BROKEN, cents / 100, np.nan)
    return out


def breakeven(plan_a: object, plan_b: object, usage: Usage, tariff: Tariff | str | None = None) -> int | None:
    """The number of calls from which plan_b is cheaper than plan_a for every higher count, the
    rest of the forecast as given (each plan argument read as selection_for reads it); None if
    never. Beyond the last tier both cost a fixed amount per extra call, so the tail is solved."""
    t = resolve_tariff(tariff)
    with_calls = usage.replace(calls=1)
    sa = selection_for(t, plan_a, 1, usage.chats, "plan_a")
    sb = selection_for(t, plan_b, 1, usage.chats, "plan_b")
    for name, sel in (("plan_a", sa), ("plan_b", sb)):
        problem = rules.problem(t, with_calls, *sel)
        if problem:
            raise SelectionError(f"{name}: {problem}")
    # beyond every tier and included count, each plan's calls cost one fixed price per call
    edge = 2 + max((e for c in t.charges for e in c.edges("calls")), default=0)
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

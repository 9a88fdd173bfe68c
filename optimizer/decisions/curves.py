"""Cost curves and break-even volumes: monthly totals as the number of calls varies, the rest of
the forecast as given, on the vectorised engine."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from optimizer import rules
from optimizer.decisions.plans import selection_for
from optimizer.engines.exact import Priced
from optimizer.engines.vector import BROKEN, columns, price_parts
from optimizer.ground.errors import AnswerPlanError, SelectionError
from optimizer.ground.money import to_cents
from optimizer.ground.usage import Usage
from optimizer.pricing.tariff import Selection, Tariff, resolve_tariff

if TYPE_CHECKING:
    import numpy as np

__all__ = ["breakeven", "chart_points", "cost_curve"]


def cost_curve(usage: Usage, selections: Sequence[Selection], calls: np.ndarray,
               tariff: Tariff | str | None = None) -> dict[Selection, np.ndarray]:
    """Monthly totals in euros as the number of calls varies, the rest of the forecast fixed;
    NaN where the selection cannot serve that forecast (rule 3 or 4)."""
    import numpy as np
    import pandas as pd
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


def chart_points(usage: Usage, top: int, tariff: Tariff | str | None = None
                 ) -> tuple[np.ndarray, dict[Selection, np.ndarray]]:
    """The call counts at which a chart of cost against calls (0..top) must be priced to be drawn
    exactly with straight lines between them, and every selection's total there (NaN where it
    cannot serve). A total is linear in the calls between the edges of the charges (tier ends, the
    last included call): the edges, 0, 1 and the ends are priced, and, so the cheapest line bends
    where it does, the calls either side of every point where two selections cross. A few dozen
    points, whatever `top` (10^8 calls: a few milliseconds, no memory to speak of)."""
    import numpy as np
    t = resolve_tariff(tariff)
    edges = {e + d for c in t.charges for e in c.edges("calls") for d in (0, 1)}
    xs = np.array(sorted({0, 1, top, min(usage.calls, top)} | {e for e in edges if 0 <= e <= top}), np.int64)
    order = rules.order(t)
    curves = cost_curve(usage, order, xs, t)
    extra: set[int] = set()
    for k in range(len(xs) - 1):  # within a segment every total is a straight line: where do two cross?
        x0, x1 = int(xs[k]), int(xs[k + 1])
        if x1 - x0 < 2:
            continue
        ends = [(curves[s][k], curves[s][k + 1]) for s in order if not np.isnan(curves[s][k:k + 2]).any()]
        for i in range(len(ends)):
            for j in range(i + 1, len(ends)):
                (a0, a1), (b0, b1) = ends[i], ends[j]
                d0, d1 = a0 - b0, a1 - b1
                if d0 * d1 < 0:  # they cross inside
                    x = x0 + (x1 - x0) * d0 / (d0 - d1)
                    extra |= {int(np.floor(x)), int(np.ceil(x))} - {x0, x1}
    if extra:
        xs = np.array(sorted(set(xs.tolist()) | extra), np.int64)
        curves = cost_curve(usage, order, xs, t)
    return xs, curves


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
    diff = _differences(usage, sa, sb, edge + 2, t)  # b - a, in cents
    slope = diff[-1] - diff[-2]  # per extra call beyond the edge, exact
    if slope > 0 or (slope == 0 and diff[-1] >= 0):
        return None
    if diff[-1] >= 0:  # still dearer at the edge: crosses later, on the straight part
        return edge + 1 + diff[-1] // -slope + 1
    not_cheaper = [k for k, d in enumerate(diff[1:]) if d >= 0]  # counts from 1 call
    return not_cheaper[-1] + 2 if not_cheaper else 1


def _differences(usage: Usage, sa: Selection, sb: Selection, count: int, t: Tariff) -> list[int]:
    """sb's total minus sa's in cents for 0 .. count - 1 calls, the rest of the forecast as given: on
    the vectorised engine, or where numpy cannot be loaded (xlwings Lite without Pyodide's package
    repository) on the Decimal engine, count by count."""
    try:
        import numpy as np
    except ImportError:
        out = []
        for n in range(count):
            priced = Priced(t, usage.replace(calls=n))
            out.append(to_cents(priced.total(sb)) - to_cents(priced.total(sa)))
        return out
    curves = cost_curve(usage, [sa, sb], np.arange(count), t)
    return [int(d) for d in np.round((curves[sb] - curves[sa]) * 100).astype(np.int64).tolist()]

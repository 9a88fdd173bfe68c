"""Which selections of plans may serve which usage, and in which order equal totals are broken:
PRICING.md rules 3 (24/7 needs a plan reachable 24/7), 4 (usage needs its service) and 23 (the
tie-break order), in one place, in scalar form (one forecast: quote, recommend, schedule, choose)
and column form (whole columns: the vectorised engine, recommend_many, schedule_many), and as the
MILP's bounds. Derived from the tariff's data: a service's `needs`, a plan's `open_24_7`, its fee.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from optimizer.ground.caches import TariffCache
from optimizer.ground.usage import Usage
from optimizer.pricing.tariff import Selection, Tariff

if TYPE_CHECKING:
    import numpy as np

__all__ = ["allowed", "closed_plans", "needed", "needed_columns", "order", "problem", "rank", "refused_columns"]

_ORDER: TariffCache[str, tuple[Selection, ...]] = TariffCache("rule 23's order of selections")


def order(t: Tariff) -> tuple[Selection, ...]:
    """Every (phone, chat) choice (None: not taken), in rule 23's order: fewer services, then the
    lower sum of fees, then plan order for phone, then for chat."""
    def make() -> tuple[Selection, ...]:
        plan_order: dict[str | None, int] = {None: -1, **{p: i for i, p in enumerate(t.plans)}}
        every = [(p, c) for p in (None, *t.plans) for c in (None, *t.plans)]
        return tuple(sorted(every, key=lambda s: (
            sum(x is not None for x in s),
            sum(t.plans[x].fee for x in s if x is not None),
            plan_order[s[0]], plan_order[s[1]])))
    return _ORDER.get(t, "order", make)


def rank(t: Tariff) -> dict[Selection, int]:
    """Each selection's place in rule 23's order (0 first)."""
    return {s: k for k, s in enumerate(order(t))}


# ----------------------------------------------------------------------------- one forecast

def needed(t: Tariff, usage: Usage) -> dict[str, bool]:
    """Rule 4: per service, whether this usage needs it."""
    return {key: any(getattr(usage, name) for name in s.needs) for key, s in t.services.items()}


def closed_plans(t: Tariff) -> tuple[str, ...]:
    """Rule 3: the plans not reachable 24/7."""
    return tuple(p for p, plan in t.plans.items() if not plan.open_24_7)


def problem(t: Tariff, usage: Usage, phone: str | None, chat: str | None) -> str | None:
    """Why (phone, chat) cannot serve this usage (rules 3 and 4), or None when it can."""
    chosen = {"phone": phone, "chat": chat}
    for key, service in t.services.items():
        if chosen[key] is None and any(getattr(usage, n) for n in service.needs):
            used = ", ".join(n for n in service.needs if getattr(usage, n))
            return f"the {key} service ({service.what}) is needed for {used} but not taken"
    if usage.need_24_7:
        for key, plan in chosen.items():
            if plan is not None and not t.plans[plan].open_24_7:
                open_plans = ", ".join(p for p, v in t.plans.items() if v.open_24_7)
                return f"need_24_7: {key} plan {plan} is not reachable 24/7 ({open_plans} are)"
    return None


def allowed(t: Tariff, usage: Usage, also: Callable[[Selection], bool] | None = None) -> list[Selection]:
    """The selections that obey rules 3 and 4 (and `also`, the user's restrictions), in rule 23's
    order."""
    return [s for s in order(t) if (also is None or also(s)) and problem(t, usage, *s) is None]


# ----------------------------------------------------------------------------- whole columns

Positive = Callable[[str], "np.ndarray | None"]  # a field -> rows where it is > 0 (None: no row)


def needed_columns(t: Tariff, positive: Positive, n: int) -> dict[str, np.ndarray]:
    """Rule 4 over columns: per service, the rows whose usage needs it."""
    import numpy as np
    out = {}
    for key, s in t.services.items():
        rows = np.zeros(n, bool)
        for name in s.needs:
            used = positive(name)
            if used is not None:
                rows |= used
        out[key] = rows
    return out


def refused_columns(t: Tariff, positive: Positive, n: int) -> dict[str, np.ndarray]:
    """Rules 3 and 4 over columns: per service, a (1 + plans) x rows mask of the choices that
    cannot serve each row (index 0: the service not taken, then the tariff's plans in order)."""
    import numpy as np
    need = needed_columns(t, positive, n)
    need_24_7 = positive("need_24_7")
    out = {}
    for key in t.services:
        mask = np.zeros((len(t.plans) + 1, n), bool)
        mask[0] = need[key]
        if need_24_7 is not None:
            for i, plan in enumerate(t.plans.values(), start=1):
                if not plan.open_24_7:
                    mask[i] = need_24_7
        out[key] = mask
    return out

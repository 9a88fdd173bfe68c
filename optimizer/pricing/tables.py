"""Display tables of the price list: the plan table and one row per charge."""
from __future__ import annotations

from typing import Any

from optimizer.pricing.tariff import Tariff, resolve_tariff

__all__ = ["charge_rows", "plan_table"]


def plan_table(tariff: Tariff | str | None = None) -> list[list[Any]]:
    """Header and one row per plan: fee, 24/7, contacts included per service."""
    t = resolve_tariff(tariff)
    included = [(c, found) for c in t.charges if (found := c.included_contacts()) is not None]
    head: list[Any] = ["plan", "fee per month", "reachable 24/7", *[f"included {unit}s" for _, (unit, _) in included]]
    rows = [head]
    for name, plan in t.plans.items():
        rows.append([name, plan.fee, "yes" if plan.open_24_7 else "no",
                     *[n if c.applies(name) else 0 for c, (_, n) in included]])
    return rows


def charge_rows(tariff: Tariff | str | None = None) -> list[list[Any]]:
    """Header and one row per charge: key, what, Dutch, service, plans, model, prices."""
    t = resolve_tariff(tariff)
    rows: list[list[Any]] = [["charge", "what", "Dutch", "service", "plans", "model", "prices"]]
    for c in t.charges:
        rows.append([c.key, c.what, c.dutch, c.service or "-", ", ".join(c.plans or ("all",)), c.model,
                     c.describe()])
    return rows

"""Display tables of the price list: the plan table and one row per charge."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from optimizer.ground.words import unit, word
from optimizer.pricing.tariff import Tariff, resolve_tariff

__all__ = ["charge_rows", "plan_table", "price_rows", "when_text"]


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


def when_text(when: str, lang: str = "en") -> str:
    """A price point's condition in words: '1-50', 'alle tegen het tarief 1-50', 'pakket van 75'."""
    if when.startswith("all:"):
        return word("price:all", lang, span=when[4:])
    if when.startswith("pack:"):
        return word("price:pack", lang, size=when[5:])
    if when == "unlimited":
        return word("price:unlimited", lang)
    return when


def price_rows(tariff: Tariff | str | None = None, lang: str = "en") -> list[tuple[str, str, str, str, Decimal, str]]:
    """One row per price of every charge (a tier, a pack, a threshold): the charge (its first row
    only), its service, its plans, the condition, the price, what it is per; in the list's own
    Dutch or in English. What the workbook's price list and `answer-plan tariff` show."""
    t = resolve_tariff(tariff)
    rows = []
    for c in t.charges:
        service = word("group:" + (c.service or "options"), lang)
        plans = ", ".join(c.plans) if c.plans else word("workbook:all plans", lang)
        name = c.dutch if lang == "nl" and c.dutch else c.what
        for k, (when, price, per) in enumerate(c.price_points()):
            first = k == 0
            rows.append((name if first else "", service if first else "", plans if first else "",
                         when_text(when, lang), price, unit(per, lang)))
    return rows

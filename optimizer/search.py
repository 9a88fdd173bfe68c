"""Exhaustive search over every selection of plans: the reference the MILP and the bulk path are
held to, the source of the alternatives, and the exact fallback of the bulk path."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from .errors import NoPlanFits, SelectionError
from .quote import Quote, option_lines, priced_quote
from .tariff import Tariff
from .usage import Usage

__all__ = ["allowed_selections", "cheapest", "parse_restrictions", "price_all"]

Selection = tuple[str | None, str | None]
Restrictions = tuple[dict[str, str | None], dict[str, set[str | None]]]


def parse_restrictions(t: Tariff, fix: Mapping[str, str | None] | None,
                       exclude: Mapping[str, Iterable[str | None]] | None) -> Restrictions:
    """Check `fix` ({"phone": "PREMIUM"}, None = not taken) and `exclude` ({"chat": ["BASIC"]})."""
    fixed: dict[str, str | None] = {}
    excluded: dict[str, set[str | None]] = {s: set() for s in t.services}
    for what, table in (("fix", fix or {}), ("exclude", exclude or {})):
        for service in table:
            if service not in t.services:
                raise SelectionError(f"{what}: {service!r} is not a service ({', '.join(t.services)})")
    for service, plan in (fix or {}).items():
        fixed[service] = t.plan_name(plan, f"fix[{service}]")
    for service, plans in (exclude or {}).items():
        if isinstance(plans, str) or plans is None:
            plans = [plans]
        excluded[service] = {t.plan_name(p, f"exclude[{service}]") for p in plans}
    return fixed, excluded


def allowed_selections(t: Tariff, usage: Usage, restrictions: Restrictions | None = None
                       ) -> list[Selection]:
    """The selections that obey rules 3 and 4 and the user's restrictions, in rule-23 order."""
    fixed, excluded = restrictions or ({}, {})
    out = []
    for sel in t.selections:
        chosen = dict(zip(("phone", "chat"), sel, strict=True))
        if any(chosen[s] != p for s, p in fixed.items()):
            continue
        if any(chosen[s] in ex for s, ex in excluded.items()):
            continue
        if t.selection_problem(usage, *sel) is None:
            out.append(sel)
    return out


def price_all(t: Tariff, usage: Usage, restrictions: Restrictions | None = None) -> list[Quote]:
    """A quote for every allowed selection, cheapest first; equal totals in rule-23 order."""
    options = option_lines(t, usage)  # priced once: they do not depend on the plans
    quotes = [priced_quote(t, usage, phone, chat, options)
              for phone, chat in allowed_selections(t, usage, restrictions)]
    quotes.sort(key=lambda q: q.total)  # stable: ties keep rule-23 order
    return quotes


def cheapest(t: Tariff, usage: Usage, restrictions: Restrictions | None = None) -> Quote:
    quotes = price_all(t, usage, restrictions)
    if not quotes:
        raise NoPlanFits(no_fit_reason(t, usage, restrictions))
    return quotes[0]


def no_fit_reason(t: Tariff, usage: Usage, restrictions: Restrictions | None) -> str:
    reasons = []
    fixed, excluded = restrictions or ({}, {})
    for sel in t.selections:
        chosen = dict(zip(("phone", "chat"), sel, strict=True))
        if any(chosen[s] != p for s, p in fixed.items()) or any(
                chosen[s] in ex for s, ex in excluded.items()):
            continue
        problem = t.selection_problem(usage, *sel)
        if problem and problem not in reasons:
            reasons.append(problem)
    detail = "; ".join(reasons[:3]) or "every selection is fixed or excluded away"
    return f"no plan fits this forecast under the restrictions given: {detail}"

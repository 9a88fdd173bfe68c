"""Exhaustive search over every selection of plans: the reference the MILP and the bulk path are
held to, the source of the alternatives, the exact fallback of the bulk path, and the solver of
`recommend` where PuLP cannot run (xlwings Lite: Pyodide has no MILP solver)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from optimizer import rules
from optimizer.engines.exact import Priced, Quote
from optimizer.ground.errors import NoPlanFits, SelectionError
from optimizer.ground.usage import Usage
from optimizer.pricing.tariff import Selection, Tariff

__all__ = ["Restrictions", "allowed_selections", "cheapest", "no_fit_reason", "parse_restrictions", "price_all"]


@dataclass(frozen=True)
class Restrictions:
    """The user's restrictions: services fixed on a plan (None: not taken), plans excluded."""

    fixed: dict[str, str | None] = field(default_factory=dict)
    excluded: dict[str, frozenset[str | None]] = field(default_factory=dict)

    def allows(self, selection: Selection) -> bool:
        chosen = dict(zip(("phone", "chat"), selection, strict=True))
        return (all(chosen[s] == p for s, p in self.fixed.items())
                and not any(chosen[s] in ex for s, ex in self.excluded.items()))

    def key(self) -> tuple[object, ...]:
        return (tuple(sorted(self.fixed.items(), key=str)),
                tuple(sorted((s, tuple(sorted(ex, key=str))) for s, ex in self.excluded.items())))


NONE = Restrictions()


def parse_restrictions(t: Tariff, fix: Mapping[str, str | None] | None,
                       exclude: Mapping[str, Iterable[str | None] | str | None] | None) -> Restrictions:
    """Check `fix` ({"phone": "PREMIUM"}, None = not taken) and `exclude` ({"chat": ["BASIC"]})."""
    for what, table in (("fix", fix or {}), ("exclude", exclude or {})):
        for service in table:
            if service not in t.services:
                raise SelectionError(f"{what}: {service!r} is not a service ({', '.join(t.services)})")
    fixed = {service: t.plan_name(plan, f"fix[{service}]") for service, plan in (fix or {}).items()}
    excluded: dict[str, frozenset[str | None]] = {}
    for service, plans in (exclude or {}).items():
        listed = [plans] if isinstance(plans, str) or plans is None else list(plans)
        names = frozenset(t.plan_name(p, f"exclude[{service}]") for p in listed)
        if names:
            excluded[service] = names
    return Restrictions(fixed, excluded)


def allowed_selections(t: Tariff, usage: Usage, restrictions: Restrictions = NONE) -> list[Selection]:
    """The selections that obey rules 3 and 4 and the user's restrictions, in rule-23 order."""
    return rules.allowed(t, usage, restrictions.allows)


def price_all(t: Tariff, usage: Usage, restrictions: Restrictions = NONE) -> list[Quote]:
    """A quote for every allowed selection, cheapest first; equal totals in rule-23 order."""
    priced = Priced(t, usage)  # each service on each plan priced once, the options once
    quotes = [priced.quote(sel) for sel in allowed_selections(t, usage, restrictions)]
    quotes.sort(key=lambda q: q.total)  # stable: ties keep rule-23 order
    return quotes


def cheapest(t: Tariff, usage: Usage, restrictions: Restrictions = NONE) -> Quote:
    priced = Priced(t, usage)
    allowed = allowed_selections(t, usage, restrictions)
    if not allowed:
        raise NoPlanFits(no_fit_reason(t, usage, restrictions))
    best = min(allowed, key=priced.total)  # min keeps the first of equal totals: rule 23
    return priced.quote(best)


def no_fit_reason(t: Tariff, usage: Usage, restrictions: Restrictions = NONE) -> str:
    reasons = []
    for sel in rules.order(t):
        if not restrictions.allows(sel):
            continue
        problem = rules.problem(t, usage, *sel)
        if problem and problem not in reasons:
            reasons.append(problem)
    detail = "; ".join(reasons[:3]) or "every selection is fixed or excluded away"
    return f"no plan fits this forecast under the restrictions given: {detail}"

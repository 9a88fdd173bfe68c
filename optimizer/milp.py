"""recommend(): the cheapest combination of plans and pack covers, as a PuLP MILP.

Variables: x[s,p] (service s on plan p), w[p,c] (= x[phone,p] AND x[chat,c], the discount's
product of binaries, linearised exactly), integer pack counts, units beyond the packs, and
"unlimited" binaries. The Decimal engine supplies each (service, plan)'s rounded charges; the
discount of each plan pair is rounded per pair, so every selection's objective is its exact
invoice total. A tie-break term below a tenth of a cent encodes rule 23. The solution is
re-priced by the Decimal engine and must agree with the solver, else SolverError.

Where PuLP cannot run (xlwings Lite: Pyodide has no MILP solver), recommend answers by the exact
exhaustive search and says so in `solver`.
"""
from __future__ import annotations

import contextlib
import io
import math
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .errors import AnswerPlanError, NoPlanFits, SolverError
from .money import ZERO, Exact, discount, format_amount, mul, round_cents
from .pricing import PackCover
from .quote import Priced, Quote, resolve_tariff
from .search import Restrictions, allowed_selections, no_fit_reason, parse_restrictions
from .tariff import Tariff
from .text import label
from .usage import Usage

__all__ = ["EXHAUSTIVE", "Alternative", "Recommendation", "recommend", "solvers"]

EPSILON = 1e-4  # euros per rank step of rule 23; 25 selections stay below 0.0025 < one cent
OPTIMAL, INFEASIBLE = 1, -1  # PuLP's status codes, the same in 3.x and 4.x
GAP_REACHED = -7  # PuLP 4 (CBC): stopped on the gap asked for, 1e-7 below any two selections' gap
STATUS_NAMES = {0: "Not Solved", 1: "Optimal", -1: "Infeasible", -2: "Unbounded", -3: "Undefined"}
EXHAUSTIVE = "exhaustive search"  # the solver where no MILP solver can run


def _status(result: Any) -> int:
    """The status code of LpProblem.solve(): an int in PuLP 3, a stats object in PuLP 4."""
    status = getattr(result, "status", result)
    return int(getattr(status, "value", status))


@dataclass(frozen=True)
class Alternative:
    phone: str | None
    chat: str | None
    total: Decimal
    difference: Decimal  # more than the recommendation, per month


@dataclass(frozen=True)
class Recommendation:
    """The cheapest selection (rule 23), its quote, and the next-best alternatives."""

    phone: str | None
    chat: str | None
    total: Decimal
    quote: Quote
    alternatives: tuple[Alternative, ...]
    solver: str

    def as_dict(self) -> dict[str, Any]:
        d = self.quote.as_dict()
        d["solver"] = self.solver
        d["alternatives"] = [{"phone": a.phone, "chat": a.chat, "total": str(a.total),
                              "difference": str(a.difference)} for a in self.alternatives]
        return d

    def table(self, lang: str = "en") -> str:
        none = label("none", lang)
        cur = self.quote.currency
        total = format_amount(self.total, lang, cur, grouping=lang == "nl")
        out = [f"{label('Recommended', lang)}: {label('phone', lang)} {self.phone or none}, {label('chat', lang)} "
               f"{self.chat or none}: {total} {label('per month', lang)}", self.quote.table(lang)]
        if self.alternatives:
            out.append(f"  {label('Next best', lang)}:")
            for a in self.alternatives:
                out.append(f"    {label('phone', lang)} {a.phone or none:<8} {label('chat', lang)} {a.chat or none:<8}"
                           f" {format_amount(a.total, lang, cur, symbol=False, grouping=lang == 'nl'):>10}"
                           f"   (+{format_amount(a.difference, lang, cur, symbol=False, grouping=lang == 'nl')})")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.table()


def _pulp() -> Any:
    """PuLP, or None where it cannot be imported (Pyodide)."""
    try:
        import pulp
    except ImportError:
        return None
    return pulp


def _find_solvers() -> list[tuple[str, Any]]:
    """HiGHS in-process (highspy) first, then CBC: COIN_CMD (PuLP 4, pulp[cbc]) or the CBC
    bundled with PuLP 3 (PULP_CBC_CMD, gone in PuLP 4). Exact optimum: no relative gap."""
    pulp = _pulp()
    if pulp is None:
        return []
    found = []
    options = {"msg": False, "gapRel": 0, "gapAbs": 1e-7}
    try:
        highs = pulp.HiGHS(**options)
        if highs.available():
            found.append(("HiGHS", highs))
    except Exception:
        pass
    for name in ("COIN_CMD", "PULP_CBC_CMD"):
        if not hasattr(pulp, name):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            cbc = getattr(pulp, name)(**options)
        if cbc.available():
            found.append(("CBC", cbc))
            break
    return found


_SOLVERS: list[tuple[str, Any]] | None = None


def solvers() -> list[str]:
    """The MILP solvers available here, in the order they are tried."""
    global _SOLVERS
    if _SOLVERS is None:
        _SOLVERS = _find_solvers()
    return [name for name, _ in _SOLVERS]


def _pick_solver(name: str | None) -> tuple[str, Any] | None:
    """(name, PuLP solver), or None to answer by exhaustive search (no MILP solver here)."""
    available = solvers()
    assert _SOLVERS is not None
    if name is not None and name.lower() in ("exhaustive", EXHAUSTIVE):
        return None
    if not available:
        if name is None:
            return None
        raise SolverError(f"solver: {name!r} is not available here (no MILP solver: install PuLP and highspy)")
    if name is None:
        return _SOLVERS[0]
    for found in _SOLVERS:
        if found[0].lower() == name.lower():
            return found
    raise SolverError(f"solver: {name!r} is not available ({', '.join(available)}, or 'exhaustive')")


def recommend(usage: Usage, *, tariff: Tariff | str | None = None,
              fix: Mapping[str, str | None] | None = None,
              exclude: Mapping[str, Iterable[str | None] | str | None] | None = None,
              alternatives: int = 3, solver: str | None = None) -> Recommendation:
    """The cheapest plan (or none) per service and pack covers for `usage` (PRICING.md rule 23).

    fix={"phone": "PREMIUM"} keeps a service on a plan (None: not taken);
    exclude={"chat": ["BASIC"]} rules plans out. Raises NoPlanFits when nothing is allowed.
    solver: "highs", "cbc" or "exhaustive" (default: HiGHS, else CBC, else exhaustive search).
    """
    if not isinstance(usage, Usage):
        raise AnswerPlanError(f"usage: expected a Usage, got {type(usage).__name__}")
    t = resolve_tariff(tariff)
    restrictions = parse_restrictions(t, fix, exclude)
    priced = Priced(t, usage)
    allowed = allowed_selections(t, usage, restrictions)
    if not allowed:
        raise NoPlanFits(no_fit_reason(t, usage, restrictions))
    ranked = sorted(allowed, key=priced.total)  # stable: equal totals keep rule-23 order
    picked = _pick_solver(solver)
    if picked is None:
        name, chosen = EXHAUSTIVE, ranked[0]
    else:
        name = picked[0]
        chosen = _solve(t, usage, priced, restrictions, picked)
        if chosen != ranked[0]:
            raise SolverError(f"{name} chose phone {chosen[0]}, chat {chosen[1]} at {priced.total(chosen)}, but "
                              f"phone {ranked[0][0]}, chat {ranked[0][1]} costs {priced.total(ranked[0])}")
    best = priced.quote(chosen)
    alts = tuple(Alternative(p, c, priced.total((p, c)), priced.total((p, c)) - best.total)
                 for p, c in ranked[1:1 + max(0, alternatives)])
    return Recommendation(best.phone, best.chat, best.total, best, alts, name)


def _solve(t: Tariff, u: Usage, priced: Priced, restrictions: Restrictions,
           picked: tuple[str, Any]) -> tuple[str | None, str | None]:
    name, engine = picked
    prob, x, covers = _build(t, u, priced, restrictions)
    with _quiet():
        status = _status(prob.solve(engine))
    if status == INFEASIBLE:
        raise NoPlanFits(no_fit_reason(t, u, restrictions))
    if status not in (OPTIMAL, GAP_REACHED):
        raise SolverError(f"{name} ended with status {STATUS_NAMES.get(status, status)!r}")
    chosen = tuple(next((p for p, v in x[s].items() if v.varValue is not None and v.varValue > 0.5), None)
                   for s in ("phone", "chat"))
    sel = (chosen[0], chosen[1])
    if sel not in allowed_selections(t, u, restrictions):
        raise SolverError(f"{name} chose phone {sel[0]}, chat {sel[1]}, which the rules do not allow")
    _check_objective(prob, priced, sel, covers, name)
    return sel


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Solvers print banners on the C level; keep them off the user's terminal."""
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            fd = os.dup(1)
        except OSError:  # no real stdout (a GUI host such as Excel)
            yield
            return
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            try:
                yield
            finally:
                os.dup2(fd, 1)
                os.close(fd)


@dataclass
class CoverVars:
    """The MILP's variables for one pack cover (rules 15, 16, 19) and their objective terms."""

    charge: PackCover
    quantity: Exact
    packs: list[Any]  # integer count per pack
    units: Any | None  # units beyond the packs (integer for counts, continuous for hours)
    unlimited: Any | None  # binary
    terms: list[Any]

    def exact_cost(self) -> Decimal:
        """The solver's cover, re-priced exactly (pack prices, units beyond rounded once)."""
        c = self.charge
        if self.unlimited is not None and (self.unlimited.varValue or 0) > 0.5:
            assert c.unlimited is not None
            return c.unlimited
        counts = [round(v.varValue or 0) for v in self.packs]
        cost = sum((mul(n, p.price) for n, p in zip(counts, c.packs, strict=True)), ZERO)
        covered = sum(n * p.size for n, p in zip(counts, c.packs, strict=True))
        if self.units is not None and (self.units.varValue or 0) > 1e-9 and self.quantity > covered:
            assert c.unit_price is not None
            cost += round_cents(mul(self.quantity - covered, c.unit_price))
        return cost


def _build(t: Tariff, u: Usage, priced: Priced, restrictions: Restrictions
           ) -> tuple[Any, dict[str, dict[str, Any]], list[CoverVars]]:
    pulp = _pulp()
    prob = pulp.LpProblem("answer_plan", pulp.LpMinimize)
    plans = list(t.plans)
    var = prob.add_variable  # PuLP 3.3 and 4.x both build variables through the problem
    x = {s: {p: var(f"x_{s}_{p}", cat="Binary") for p in plans} for s in t.services}
    w = {(p, c): var(f"w_{p}_{c}", cat="Binary") for p in plans for c in plans}
    objective: list[Any] = []
    for s, row in x.items():
        prob += pulp.lpSum(row.values()) <= 1, f"one_plan_{s}"
        if t.services[s].needed_by(u):
            prob += pulp.lpSum(row.values()) >= 1, f"usage_needs_{s}"
        if u.need_24_7:
            closed = [v for p, v in row.items() if not t.plans[p].open_24_7]
            if closed:
                prob += pulp.lpSum(closed) == 0, f"open_24_7_{s}"
        if s in restrictions.fixed:
            plan = restrictions.fixed[s]
            if plan is None:
                prob += pulp.lpSum(row.values()) == 0, f"fixed_{s}_none"
            else:
                prob += row[plan] == 1, f"fixed_{s}"
        for p in restrictions.excluded.get(s, ()):
            if p is None:
                prob += pulp.lpSum(row.values()) >= 1, f"excluded_{s}_none"
            else:
                prob += row[p] == 0, f"excluded_{s}_{p}"
        objective += [float(priced.part(s, p)[1]) * v for p, v in row.items()]
    for (p, c), v in w.items():  # v = x[phone,p] * x[chat,c], exactly
        prob += v <= x["phone"][p], f"pair_{p}_{c}_phone"
        prob += v <= x["chat"][c], f"pair_{p}_{c}_chat"
        prob += v >= x["phone"][p] + x["chat"][c] - 1, f"pair_{p}_{c}_both"
        objective.append(float(discount(t.discount_rate, 2, t.plans[p].fee + t.plans[c].fee)) * v)
    objective += _tie_break(t, x, w)
    covers = _covers(t, u, prob)
    objective += [term for cv in covers for term in cv.terms]
    modelled = {cv.charge.key for cv in covers}
    constant = sum((ln.amount for ln in priced.options[0] if ln.key not in modelled), ZERO)
    prob += pulp.lpSum(objective) + float(constant), "monthly_total"
    return prob, x, covers


def _tie_break(t: Tariff, x: dict[str, dict[str, Any]], w: dict[tuple[str, str], Any]) -> list[Any]:
    """EPSILON x the rule-23 rank of the selection, written linearly in x and w."""
    pulp = _pulp()
    terms: list[Any] = []
    for rank, (p, c) in enumerate(t.selections):
        if p and c:
            ind: Any = w[(p, c)]
        elif p:
            ind = x["phone"][p] - pulp.lpSum(w[(p, cc)] for cc in t.plans)
        elif c:
            ind = x["chat"][c] - pulp.lpSum(w[(pp, c)] for pp in t.plans)
        else:
            ind = 1 - pulp.lpSum(x["phone"].values()) - pulp.lpSum(x["chat"].values()) + pulp.lpSum(w.values())
        terms.append(EPSILON * rank * ind)
    return terms


def _covers(t: Tariff, u: Usage, prob: Any) -> list[CoverVars]:
    """Pack covers (rules 15, 16, 19): integer pack counts, units beyond them, unlimited."""
    pulp = _pulp()
    out = []
    for c in t.option_charges:
        if not isinstance(c, PackCover) or c.billing != "monthly":
            continue
        h = getattr(u, c.quantity)
        if not h:
            continue
        name = c.key.replace(".", "_")
        packs = [prob.add_variable(f"{name}_pack_{p.size}", lowBound=0, upBound=math.ceil(Fraction(h) / p.size) + 1,
                                   cat="Integer") for p in c.packs]
        supply = [p.size * v for p, v in zip(c.packs, packs, strict=True)]
        terms = [float(p.price) * v for p, v in zip(c.packs, packs, strict=True)]
        units = None
        if c.unit_price is not None:
            whole = h == int(h)
            units = prob.add_variable(f"{name}_units", lowBound=0, upBound=float(h),
                                      cat="Integer" if whole else "Continuous")
            supply.append(units)
            terms.append(float(c.unit_price) * units)
        unlimited = None
        if c.unlimited is not None:
            unlimited = prob.add_variable(f"{name}_unlimited", cat="Binary")
            supply.append(float(h) * unlimited)
            terms.append(float(c.unlimited) * unlimited)
        prob += pulp.lpSum(supply) >= float(h), f"cover_{name}"
        out.append(CoverVars(c, h, packs, units, unlimited, terms))
    return out


def _check_objective(prob: Any, priced: Priced, sel: tuple[str | None, str | None], covers: list[CoverVars],
                     name: str) -> None:
    """The solver's own solution, re-priced exactly, must equal the Decimal engine's total."""
    pulp = _pulp()
    best = priced.quote(sel)
    modelled = {cv.charge.key for cv in covers}
    exact = sum((ln.amount for ln in best.lines if ln.key not in modelled), ZERO)
    exact += sum((cv.exact_cost() for cv in covers), ZERO)
    objective = pulp.value(prob.objective)
    ties = EPSILON * 25
    if exact != best.total or objective is None or not (-0.006 <= objective - float(best.total) <= 0.006 + ties):
        raise SolverError(f"{name}: the solver's objective {objective} (its solution re-priced: {exact}) "
                          f"does not match the quote's total {best.total}")

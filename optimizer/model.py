"""recommend(): the cheapest combination of plans and pack covers, as a PuLP MILP.

Variables: x[s,p] (service s on plan p), w[p,c] (= x[phone,p] AND x[chat,c], the discount's
product of binaries, linearised exactly), integer pack counts, units beyond the packs, and
"unlimited" binaries. The pricing core supplies each (service, plan)'s rounded charges; the
discount of each plan pair is rounded per pair, so every selection's objective is its exact
invoice total. A tie-break term below a tenth of a cent encodes rule 23. The solution is
re-priced by quote() and must agree with the solver, else SolverError.
"""
from __future__ import annotations

import contextlib
import io
import os
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pulp

from .charges import price_charge
from .errors import AnswerPlanError, NoPlanFits, SolverError
from .money import ZERO, round_cents
from .quote import Quote, resolve_tariff
from .search import no_fit_reason, parse_restrictions, price_all
from .tariff import Tariff
from .usage import Usage

__all__ = ["Alternative", "Recommendation", "recommend"]

EPSILON = 1e-4  # euros per rank step of rule 23; 25 selections stay below 0.0025 < one cent
OPTIMAL, INFEASIBLE = 1, -1  # PuLP's status codes, the same in 3.x and 4.x
GAP_REACHED = -7  # PuLP 4 (CBC): stopped on the gap asked for, 1e-7 below any two selections' gap
STATUS_NAMES = {0: "Not Solved", 1: "Optimal", -1: "Infeasible", -2: "Unbounded", -3: "Undefined"}


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

    def table(self) -> str:
        out = [f"Recommended: phone {self.phone or '-'}, chat {self.chat or '-'}: "
               f"EUR {self.total} per month", self.quote.table()]
        if self.alternatives:
            out.append("  Next best:")
            for a in self.alternatives:
                out.append(f"    phone {a.phone or '-':<8} chat {a.chat or '-':<8} {a.total:>10}"
                           f"   (+{a.difference})")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.table()


def _solvers() -> list[tuple[str, Any]]:
    """HiGHS in-process (highspy) first, then CBC: COIN_CMD (PuLP 4, pulp[cbc]) or the CBC
    bundled with PuLP 3 (PULP_CBC_CMD, gone in PuLP 4). Exact optimum: no relative gap."""
    found = []
    options = {"msg": False, "gapRel": 0, "gapAbs": 1e-7}
    highs = pulp.HiGHS(**options)
    if highs.available():
        found.append(("HiGHS", highs))
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


def _pick_solver(name: str | None) -> tuple[str, Any]:
    global _SOLVERS
    if _SOLVERS is None:
        _SOLVERS = _solvers()
    if not _SOLVERS:
        raise SolverError("no MILP solver available: install highspy (pip install highspy) "
                          "or PuLP's bundled CBC")
    if name is None:
        return _SOLVERS[0]
    for found in _SOLVERS:
        if found[0].lower() == name.lower():
            return found
    raise SolverError(f"solver: {name!r} is not available ({', '.join(n for n, _ in _SOLVERS)})")


def recommend(usage: Usage, *, tariff: Tariff | str | None = None,
              fix: Mapping[str, str | None] | None = None,
              exclude: Mapping[str, Iterable[str | None]] | None = None,
              alternatives: int = 3, solver: str | None = None) -> Recommendation:
    """The cheapest plan (or none) per service and pack covers for `usage` (PRICING.md rule 23).

    fix={"phone": "PREMIUM"} keeps a service on a plan (None: not taken);
    exclude={"chat": ["BASIC"]} rules plans out. Raises NoPlanFits when nothing is allowed.
    """
    if not isinstance(usage, Usage):
        raise AnswerPlanError(f"usage: expected a Usage, got {type(usage).__name__}")
    t = resolve_tariff(tariff)
    restrictions = parse_restrictions(t, fix, exclude)
    name, engine = _pick_solver(solver)
    prob, x, covers = _build(t, usage, restrictions)
    with _quiet():
        status = _status(prob.solve(engine))
    if status == INFEASIBLE:
        raise NoPlanFits(no_fit_reason(t, usage, restrictions))
    if status not in (OPTIMAL, GAP_REACHED):
        raise SolverError(f"{name} ended with status {STATUS_NAMES.get(status, status)!r}")
    chosen = {s: next((p for p, v in x[s].items() if v.varValue is not None and v.varValue > 0.5),
                      None) for s in t.services}
    ranked = price_all(t, usage, restrictions)  # every allowed selection, priced by the core
    picked = (chosen["phone"], chosen["chat"])
    best = next((q for q in ranked if (q.phone, q.chat) == picked), None)
    if best is None:
        raise SolverError(f"{name} chose phone {picked[0]}, chat {picked[1]}, which the rules do not allow")
    _check_objective(t, usage, prob, best, covers)
    if ranked[0] is not best:
        raise SolverError(f"{name} chose phone {best.phone}, chat {best.chat} at {best.total}, "
                          f"but phone {ranked[0].phone}, chat {ranked[0].chat} costs "
                          f"{ranked[0].total}")
    others = ranked[1:]
    alts = tuple(Alternative(q.phone, q.chat, q.total, q.total - best.total)
                 for q in others[:max(0, alternatives)])
    return Recommendation(best.phone, best.chat, best.total, best, alts, name)


@contextlib.contextmanager
def _quiet() -> Any:
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


def _service_costs(t: Tariff, u: Usage) -> dict[tuple[str, str], Decimal]:
    """Fee plus the rounded charges of each service on each plan: constants of the model."""
    return {(s, p): t.plans[p].fee + sum((ln.amount for c in charges for ln in price_charge(c, u)),
                                         ZERO)
            for (s, p), charges in t.service_charges.items()}


def _build(t: Tariff, u: Usage, restrictions: Any) -> tuple[pulp.LpProblem, dict[str, dict[str, Any]], list[Any]]:
    fixed, excluded = restrictions
    prob = pulp.LpProblem("answer_plan", pulp.LpMinimize)
    cost = _service_costs(t, u)
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
        if s in fixed:
            if fixed[s] is None:
                prob += pulp.lpSum(row.values()) == 0, f"fixed_{s}_none"
            else:
                prob += row[fixed[s]] == 1, f"fixed_{s}"
        for p in excluded.get(s, ()):
            if p is None:
                prob += pulp.lpSum(row.values()) >= 1, f"excluded_{s}_none"
            else:
                prob += row[p] == 0, f"excluded_{s}_{p}"
        objective += [float(cost[(s, p)]) * v for p, v in row.items()]
    for (p, c), v in w.items():  # v = x[phone,p] * x[chat,c], exactly
        prob += v <= x["phone"][p], f"pair_{p}_{c}_phone"
        prob += v <= x["chat"][c], f"pair_{p}_{c}_chat"
        prob += v >= x["phone"][p] + x["chat"][c] - 1, f"pair_{p}_{c}_both"
        fees = t.plans[p].fee + t.plans[c].fee
        objective.append(float(round_cents(-t.discount_rate * fees)) * v)
    objective += _tie_break(t, x, w)
    covers = _covers(t, u, prob)
    objective += [term for _, _, terms in covers for term in terms]
    constant = sum((ln.amount for c in t.option_charges
                    if not (c.model == "pack_cover" and c.billing == "monthly")
                    for ln in price_charge(c, u)), ZERO)
    prob += pulp.lpSum(objective) + float(constant), "monthly_total"
    return prob, x, covers


def _tie_break(t: Tariff, x: dict[str, dict[str, Any]], w: dict[tuple[str, str], Any]) -> list[Any]:
    """EPSILON x the rule-23 rank of the selection, written linearly in x and w."""
    terms: list[Any] = []
    for rank, (p, c) in enumerate(t.selections):
        if p and c:
            ind: Any = w[(p, c)]
        elif p:
            ind = x["phone"][p] - pulp.lpSum(w[(p, cc)] for cc in t.plans)
        elif c:
            ind = x["chat"][c] - pulp.lpSum(w[(pp, c)] for pp in t.plans)
        else:
            ind = 1 - pulp.lpSum(x["phone"].values()) - pulp.lpSum(x["chat"].values()) \
                + pulp.lpSum(w.values())
        terms.append(EPSILON * rank * ind)
    return terms


def _covers(t: Tariff, u: Usage, prob: pulp.LpProblem) -> list[Any]:
    """Pack covers (rules 15, 16, 19): integer pack counts, units beyond them, unlimited."""
    out = []
    for c in t.option_charges:
        if c.model != "pack_cover" or c.billing != "monthly":
            continue
        assert c.quantity is not None
        h = Decimal(getattr(u, c.quantity))
        if not h:
            continue
        name = c.key.replace(".", "_")
        packs = [prob.add_variable(f"{name}_pack_{p.size}", lowBound=0,
                                 upBound=int(-(-h // p.size)) + 1, cat="Integer") for p in c.packs]
        supply = [p.size * v for p, v in zip(c.packs, packs, strict=True)]
        terms = [float(p.price) * v for p, v in zip(c.packs, packs, strict=True)]
        rest = None
        if c.unit_price is not None:
            whole = h == h.to_integral_value()
            rest = prob.add_variable(f"{name}_units", lowBound=0, upBound=float(h),
                                   cat="Integer" if whole else "Continuous")
            supply.append(rest)
            terms.append(float(c.unit_price) * rest)
        unlimited = None
        if c.unlimited is not None:
            unlimited = prob.add_variable(f"{name}_unlimited", cat="Binary")
            supply.append(float(h) * unlimited)
            terms.append(float(c.unlimited) * unlimited)
        prob += pulp.lpSum(supply) >= float(h), f"cover_{name}"
        out.append((c, (packs, rest, unlimited), terms))
    return out


def _check_objective(t: Tariff, u: Usage, prob: pulp.LpProblem, best: Quote, covers: list[Any]) -> None:
    """The solver's own solution, re-priced exactly, must equal quote()'s total."""
    cover_keys = {c.key for c, _, _ in covers}
    exact = sum((ln.amount for ln in best.lines if ln.key not in cover_keys), ZERO)
    for c, (packs, rest, unlimited), _ in covers:
        if unlimited is not None and (unlimited.varValue or 0) > 0.5:
            exact += c.unlimited
            continue
        exact += sum((p.price * round(v.varValue or 0) for p, v in zip(c.packs, packs, strict=True)), ZERO)
        if rest is not None and (rest.varValue or 0) > 1e-9:
            assert c.unit_price is not None
            covered = sum(p.size * round(v.varValue or 0) for p, v in zip(c.packs, packs, strict=True))
            units = max(ZERO, Decimal(getattr(u, c.quantity)) - covered)
            exact += round_cents(units * c.unit_price)
    objective = pulp.value(prob.objective)
    ties = EPSILON * 25
    if exact != best.total or objective is None or not (
            -0.006 <= objective - float(best.total) <= 0.006 + ties):
        raise SolverError(f"the solver's objective {objective} (its solution re-priced: {exact}) "
                          f"does not match the quote's total {best.total}")

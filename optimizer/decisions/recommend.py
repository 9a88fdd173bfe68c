"""recommend(): the cheapest combination of plans and pack covers, as a PuLP MILP.

Variables (see `Model`): one binary z per selection of plans, x[s,p] (service s on plan p, the
sum of its z's), integer pack counts, units beyond the packs, and "unlimited". The Decimal engine
supplies each (service, plan)'s rounded charges; the discount of each plan pair is rounded per
pair, so every selection's objective is its exact invoice total. A tie-break term below a tenth
of a cent encodes rule 23. The solution is re-priced by the Decimal engine and must agree with
the solver, else SolverError. With HiGHS in-process the model is built once per tariff and
restriction set; a forecast only changes its numbers.

Where PuLP cannot run (xlwings Lite: Pyodide has no MILP solver), recommend answers by the exact
exhaustive search and says so in `solver`.
"""
from __future__ import annotations

import contextlib
import io
import math
import os
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

from optimizer import rules
from optimizer.decisions.search import Restrictions, allowed_selections, no_fit_reason, parse_restrictions
from optimizer.engines.exact import Priced, Quote
from optimizer.ground.caches import TariffCache
from optimizer.ground.errors import AnswerPlanError, NoPlanFits, SolverError
from optimizer.ground.money import ZERO, Exact, discount, format_amount, mul, round_cents
from optimizer.ground.usage import Usage
from optimizer.ground.words import label
from optimizer.pricing import PackCover
from optimizer.pricing.tariff import Tariff, resolve_tariff

__all__ = ["EXHAUSTIVE", "Alternative", "Recommendation", "recommend", "solvers"]

EPSILON = 1e-4  # euros per rank step of rule 23; 25 selections stay below 0.0025 < one cent
OPTIMAL, INFEASIBLE = 1, -1  # PuLP's status codes, the same in 3.x and 4.x
GAP_REACHED = -7  # PuLP 4 (CBC): stopped on the gap asked for, 1e-7 below any two selections' gap
STATUS_NAMES = {0: "Not Solved", 1: "Optimal", -1: "Infeasible", -2: "Unbounded", -3: "Undefined"}
EXHAUSTIVE = "exhaustive search"  # the solver where no MILP solver can run
# HiGHS on these small models: its presolve and primal heuristics cost more than they save
# (measured: 2.6 ms -> 1.6 ms a solve); the answer is the proven optimum either way.
# threads=1: HiGHS's MIP solver hands work to a pool of worker threads (symmetry detection always,
# and since 1.12 parts of the search) whenever `threads` is not 1, and waits for them; with the
# machine's cores busy elsewhere (a user's PC running Excel, mail and a browser) those workers wait
# for a core, and a 1 ms solve took 6-8 ms (highspy 1.16, 2 cores, both busy). Of HiGHS's options
# only threads=1 removes it (parallel=off, simplex_max_concurrency=1, mip_detect_symmetry=false do
# not; HiGHS issue #1731, docs PR #3084); a 50-variable model gains nothing from a pool.
HIGHS_TUNING = {"presolve": "off", "mip_heuristic_effort": 0.0, "mip_heuristic_run_feasibility_jump": False,
                "mip_heuristic_run_rins": False, "mip_heuristic_run_rens": False, "threads": 1}


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
        highs = pulp.HiGHS(**options, **HIGHS_TUNING)
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
    numbers = Numbers.of(t, u, priced)
    if name == "HiGHS":  # in-process: one model per tariff and restriction set, kept
        model = _kept_model(t, restrictions, numbers)
        with model.lock:
            status, objective = model.solve_highs(engine, numbers)
            found = model.solution(numbers) if status == OPTIMAL else None
    else:  # a solver run as a program reads the whole model each time anyway
        model = Model(t, restrictions, numbers)
        with _quiet():
            status = _status(model.prob.solve(engine))
        found = model.solution(numbers) if status in (OPTIMAL, GAP_REACHED) else None
        value = _pulp().value(model.prob.objective)
        objective = None if value is None else value + float(numbers.constant)
    if status == INFEASIBLE:
        raise NoPlanFits(no_fit_reason(t, u, restrictions))
    if found is None:
        said = STATUS_NAMES.get(status, str(status)) if isinstance(status, int) else status
        raise SolverError(f"{name} ended with status {said!r}")
    sel, covers = found
    if sel not in allowed_selections(t, u, restrictions):
        raise SolverError(f"{name} chose phone {sel[0]}, chat {sel[1]}, which the rules do not allow")
    _check_objective(priced, sel, objective, covers, numbers, name)
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


SERVICES = ("phone", "chat")  # the order of a selection's plans


_COVERS: TariffCache[str, tuple[PackCover, ...]] = TariffCache("the pack covers the MILP models")
_MODELS: TariffCache[object, Model] = TariffCache("MILP per restriction set", bound=64)


def _pack_covers(t: Tariff) -> tuple[PackCover, ...]:
    """The pack covers billed monthly (rules 15, 16, 19): modelled with integer pack counts."""
    return _COVERS.get(t, "covers", lambda: tuple(cast(PackCover, c) for c in t.option_charges if c.chosen_cover))


@dataclass(frozen=True)
class Numbers:
    """What a forecast changes in the model: each service's cost on each plan, the bounds of rules
    3 and 4, each pack cover's quantity, and the constant sum of the charges not modelled."""

    costs: dict[tuple[str, str], float]
    needed: dict[str, bool]
    need_24_7: bool
    quantities: tuple[Exact | int, ...]  # per pack cover of _pack_covers
    constant: Decimal

    @classmethod
    def of(cls, t: Tariff, u: Usage, priced: Priced) -> Numbers:
        covers = _pack_covers(t)
        modelled = {c.key for c in covers}
        return cls({(s, p): float(priced.part(s, p)[1]) for s in SERVICES for p in t.plans},
                   rules.needed(t, u), bool(u.need_24_7),
                   tuple(getattr(u, c.quantity) or 0 for c in covers),
                   sum((ln.amount for ln in priced.options[0] if ln.key not in modelled), ZERO))


@dataclass(frozen=True)
class CoverBounds:
    """A pack cover's bounds for a quantity h: none of it when h is 0."""

    packs: tuple[float, ...]
    units: float
    whole: bool  # units beyond the packs are whole (SMS) or not (hours)
    unlimited: float
    need: float  # the cover's right-hand side, and the supply of "unlimited"

    @classmethod
    def of(cls, c: PackCover, h: Exact | int) -> CoverBounds:
        if not h:
            return cls(tuple(0.0 for _ in c.packs), 0.0, True, 0.0, 0.0)
        return cls(tuple(float(math.ceil(Fraction(h) / p.size) + 1) for p in c.packs), float(h), h == int(h),
                   1.0, float(h))


@dataclass
class CoverVars:
    """The MILP's variables for one pack cover (rules 15, 16, 19)."""

    charge: PackCover
    packs: list[Any]  # integer count per pack
    units: Any | None  # units beyond the packs (integer for counts, continuous for hours)
    unlimited: Any | None  # 0 or 1
    row: str

    def exact_cost(self, h: Exact | int) -> Decimal:
        """The solver's cover of h, re-priced exactly (pack prices, units beyond rounded once)."""
        c = self.charge
        if self.unlimited is not None and (self.unlimited.varValue or 0) > 0.5:
            assert c.unlimited is not None
            return c.unlimited
        counts = [round(v.varValue or 0) for v in self.packs]
        cost = sum((mul(n, p.price) for n, p in zip(counts, c.packs, strict=True)), ZERO)
        covered = sum(n * p.size for n, p in zip(counts, c.packs, strict=True))
        if self.units is not None and (self.units.varValue or 0) > 1e-9 and h > covered:
            assert c.unit_price is not None
            cost += round_cents(mul(h - covered, c.unit_price))
        return cost


class Model:
    """The MILP of one tariff and restriction set, built with PuLP.

    Variables: z (one binary per selection of plans: the discount of a pair and rule 23's rank are
    its costs, and its linear relaxation is already whole), x[s,p] = the z's with service s on plan
    p (the services' charges are their costs), and per pack cover integer pack counts, units beyond
    the packs, and "unlimited". A forecast changes numbers only (`Numbers`): built for one forecast,
    the model solves the next ones by writing those numbers into HiGHS's copy (`solve_highs`),
    without PuLP rebuilding it or HiGHS reading it afresh.
    """

    def __init__(self, t: Tariff, restrictions: Restrictions, numbers: Numbers) -> None:
        pulp = _pulp()
        self.lock = threading.Lock()  # one solve at a time: the variables hold its values
        self.highs: Any = None
        prob = self.prob = pulp.LpProblem("answer_plan", pulp.LpMinimize)
        var = prob.add_variable  # PuLP 3.3 and 4.x both build variables through the problem
        plans = list(t.plans)
        self.z = {sel: var("z_" + "_".join(p or "none" for p in sel), cat="Binary") for sel in rules.order(t)}
        self.x = {s: {p: var(f"x_{s}_{p}", lowBound=0, upBound=1) for p in plans} for s in SERVICES}
        prob += pulp.lpSum(self.z.values()) == 1, "one_selection"
        objective: list[Any] = []
        for i, s in enumerate(SERVICES):
            row = self.x[s]
            for p, v in row.items():
                prob += v - pulp.lpSum(z for sel, z in self.z.items() if sel[i] == p) == 0, f"plan_{s}_{p}"
                objective.append(numbers.costs[(s, p)] * v)
            prob += pulp.lpSum(row.values()) >= int(numbers.needed[s]), f"usage_needs_{s}"
            closed = [row[p] for p in rules.closed_plans(t)]
            if closed:
                prob += pulp.lpSum(closed) <= int(not numbers.need_24_7), f"open_24_7_{s}"
            if s in restrictions.fixed:
                plan = restrictions.fixed[s]
                if plan is None:
                    prob += pulp.lpSum(row.values()) == 0, f"fixed_{s}_none"
                else:
                    prob += row[plan] == 1, f"fixed_{s}"
            for ex in restrictions.excluded.get(s, ()):
                if ex is None:
                    prob += pulp.lpSum(row.values()) >= 1, f"excluded_{s}_none"
                else:
                    prob += row[ex] == 0, f"excluded_{s}_{ex}"
        for rank, (sel, z) in enumerate(self.z.items()):  # rule 23's rank: below a cent in all
            phone, chat = sel
            d = discount(t.discount_rate, 2, t.plans[phone].fee + t.plans[chat].fee) if phone and chat else ZERO
            objective.append((float(d) + EPSILON * rank) * z)
        self.covers: list[CoverVars] = []
        for c, h in zip(_pack_covers(t), numbers.quantities, strict=True):
            b = CoverBounds.of(c, h)
            name = c.key.replace(".", "_")
            packs = [var(f"{name}_pack_{p.size}", lowBound=0, upBound=ub, cat="Integer")
                     for p, ub in zip(c.packs, b.packs, strict=True)]
            supply = [p.size * v for p, v in zip(c.packs, packs, strict=True)]
            objective += [float(p.price) * v for p, v in zip(c.packs, packs, strict=True)]
            units = unlimited = None
            if c.unit_price is not None:
                units = var(f"{name}_units", lowBound=0, upBound=b.units, cat="Integer" if b.whole else "Continuous")
                supply.append(units)
                objective.append(float(c.unit_price) * units)
            if c.unlimited is not None:
                unlimited = var(f"{name}_unlimited", lowBound=0, upBound=b.unlimited, cat="Integer")
                supply.append(b.need * unlimited)
                objective.append(float(c.unlimited) * unlimited)
            prob += pulp.lpSum(supply) >= b.need, f"cover_{name}"
            self.covers.append(CoverVars(c, packs, units, unlimited, f"cover_{name}"))
        prob += pulp.lpSum(objective), "monthly_total"

    def solve_highs(self, engine: Any, numbers: Numbers) -> tuple[int | str, float | None]:
        """(status, objective) of HiGHS in-process on this forecast's numbers."""
        import highspy
        if self.highs is None:
            with _quiet():  # HiGHS prints its banner on creation
                engine.createAndConfigureSolver(self.prob)
                engine.buildSolverModel(self.prob)
            self.highs = self.prob.solverModel
            self.cols, self.rows = _indices(self.prob)
        h, col, row = self.highs, self.cols, self.rows
        inf = highspy.kHighsInf
        for (s, p), cost in numbers.costs.items():
            h.changeColCost(col[f"x_{s}_{p}"], cost)
        for s in SERVICES:
            h.changeRowBounds(row[f"usage_needs_{s}"], float(numbers.needed[s]), inf)
            if f"open_24_7_{s}" in row:
                h.changeRowBounds(row[f"open_24_7_{s}"], -inf, float(not numbers.need_24_7))
        integer, continuous = highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous
        for cv, h_ in zip(self.covers, numbers.quantities, strict=True):
            b = CoverBounds.of(cv.charge, h_)
            for v, ub in zip(cv.packs, b.packs, strict=True):
                h.changeColBounds(col[v.name], 0.0, ub)
            if cv.units is not None:
                h.changeColBounds(col[cv.units.name], 0.0, b.units)
                h.changeColIntegrality(col[cv.units.name], integer if b.whole else continuous)
            if cv.unlimited is not None:
                h.changeColBounds(col[cv.unlimited.name], 0.0, b.unlimited)
                h.changeCoeff(row[cv.row], col[cv.unlimited.name], b.need)
            h.changeRowBounds(row[cv.row], b.need, inf)
        h.run()
        found = h.getModelStatus()
        if found == highspy.HighsModelStatus.kOptimal:
            engine.findSolutionValues(self.prob)  # the variables' values, through PuLP
            return OPTIMAL, h.getObjectiveValue() + float(numbers.constant)
        if found == highspy.HighsModelStatus.kInfeasible:
            return INFEASIBLE, None
        return h.modelStatusToString(found), None

    def solution(self, numbers: Numbers) -> tuple[tuple[str | None, str | None], list[Decimal]]:
        """The selection the solver chose, and its covers re-priced exactly."""
        chosen = [sel for sel, z in self.z.items() if (z.varValue or 0) > 0.5]
        if len(chosen) != 1:
            raise SolverError(f"the solver chose {len(chosen)} selections of plans, not one")
        return chosen[0], [cv.exact_cost(h) for cv, h in zip(self.covers, numbers.quantities, strict=True)]


def _indices(prob: Any) -> tuple[dict[str, int], dict[str, int]]:
    """The column of each variable and the row of each constraint, by name, in the HiGHS model
    PuLP built: in PuLP 4 their order of export; in PuLP 3 the index it set on each."""
    if hasattr(prob, "exported_variables"):
        return ({v.name: j for j, v in enumerate(prob.exported_variables())},
                {c.name: i for i, c in enumerate(prob.constraints())})
    return {v.name: v.index for v in prob.variables()}, {c.name: c.index for c in prob.constraints()}




def _kept_model(t: Tariff, restrictions: Restrictions, numbers: Numbers) -> Model:
    return _MODELS.get(t, restrictions.key(), lambda: Model(t, restrictions, numbers))


def _check_objective(priced: Priced, sel: tuple[str | None, str | None], objective: float | None,
                     covers: list[Decimal], numbers: Numbers, name: str) -> None:
    """The solver's own solution, re-priced exactly, must equal the Decimal engine's total, and
    its objective must be that total (within float error and rule 23's tie-break term)."""
    best = priced.quote(sel)
    modelled = {c.key for c in _pack_covers(priced.tariff)}
    exact = sum((ln.amount for ln in best.lines if ln.key not in modelled), ZERO) + sum(covers, ZERO)
    ties = EPSILON * len(rules.order(priced.tariff))
    if exact != best.total or objective is None or not (-0.006 <= objective - float(best.total) <= 0.006 + ties):
        raise SolverError(f"{name}: the solver's objective {objective} (its solution re-priced: {exact}) "
                          f"does not match the quote's total {best.total}")

"""choose(): one selection for several possible months (PRICING.md rule 30): by expected cost,
worst cost, or largest regret against each scenario's own cheapest selection."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from optimizer import rules
from optimizer.engines.exact import Priced
from optimizer.ground.errors import NoPlanFits, SelectionError, SolverError
from optimizer.ground.money import ZERO
from optimizer.ground.usage import Usage
from optimizer.pricing.tariff import Selection, Tariff, resolve_tariff

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CRITERIA", "MAX_SCENARIOS", "MAX_WEIGHT", "Choice", "choose", "weight"]

CRITERIA = ("expected", "worst", "regret")


@dataclass(frozen=True)
class Choice:
    """One selection for several possible months: the best by `criterion`, and `table`, every
    allowed selection with its cost per scenario, expected, worst and regret, best first (a
    DataFrame made when first asked for: `rows` are the same rows as dicts, without pandas)."""

    phone: str | None
    chat: str | None
    criterion: str
    value: Decimal
    rows: tuple[dict[str, Any], ...]
    solver: str

    @cached_property
    def table(self) -> pd.DataFrame:
        import pandas as pd

        table = pd.DataFrame(list(self.rows))
        for service in ("phone", "chat"):  # None: not taken (not NaN)
            table[service] = pd.Series([row[service] for row in self.rows], dtype=object)
        return table

    def as_dict(self) -> dict[str, Any]:
        return {"phone": self.phone, "chat": self.chat, "criterion": self.criterion, "value": str(self.value),
                "solver": self.solver,
                "table": [{k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()}
                          for row in self.rows]}


def _cents(x: Fraction) -> Decimal:
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


MAX_SCENARIOS = 1_000  # 1,000 scenarios answer in 0.4 s
MAX_WEIGHT = 10**12
WEIGHT_DIGITS = 15
WANT_WEIGHT = f"a number >= 0, at most {MAX_WEIGHT:,}, of at most {WEIGHT_DIGITS} significant digits"
Scenarios = Sequence[Usage] | Mapping[str, Usage] | Sequence[tuple[str, Usage]]


def _named(scenarios: Scenarios) -> dict[str, Usage]:
    """Scenarios by name: a mapping, (name, Usage) pairs (a name twice is an error, never merged),
    or Usages named 'scenario 1', 'scenario 2', ..."""
    if isinstance(scenarios, Mapping):
        pairs = list(scenarios.items())
    elif isinstance(scenarios, (str, bytes)) or not isinstance(scenarios, Sequence):
        raise SelectionError(f"scenarios: expected Usages or (name, Usage) pairs, got {type(scenarios).__name__}")
    else:
        pairs = [cast(tuple[str, Usage], item) if isinstance(item, tuple) and len(item) == 2
                 else (f"scenario {i + 1}", cast(Usage, item)) for i, item in enumerate(scenarios)]
    if not pairs:
        raise SelectionError("scenarios: at least one is needed")
    if len(pairs) > MAX_SCENARIOS:
        raise SelectionError(f"scenarios: {len(pairs):,} given; at most {MAX_SCENARIOS:,}")
    named: dict[str, Usage] = {}
    for name, u in pairs:
        key = str(name).strip()
        if not key:
            raise SelectionError("scenarios: a scenario without a name; give each one a name")
        if key in named:
            raise SelectionError(f"scenarios: {key!r} is there twice; give each scenario its own name")
        if not isinstance(u, Usage):
            raise SelectionError(f"scenarios[{key!r}]: expected a Usage, got {type(u).__name__}")
        named[key] = u
    return named


def weight(value: object, where: str = "weights") -> Fraction:
    """One weight, exactly: a number >= 0, finite, at most 10^12, of at most 15 significant digits
    (bounded like a Usage field, so any allowed input answers at once)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Fraction, str)):
        raise SelectionError(f"{where}: {value!r} is not {WANT_WEIGHT}")
    try:
        d = Decimal(value.strip() if isinstance(value, str) else repr(value) if isinstance(value, float)
                    else value if not isinstance(value, Fraction) else Decimal(value.numerator) / value.denominator)
    except (ArithmeticError, ValueError):
        raise SelectionError(f"{where}: {value!r} is not {WANT_WEIGHT}") from None
    if not d.is_finite() or d < 0 or d > MAX_WEIGHT or (d and len(d.normalize().as_tuple().digits) > WEIGHT_DIGITS):
        raise SelectionError(f"{where}: {value!r} is not {WANT_WEIGHT}")
    return Fraction(d)


def choose(scenarios: Scenarios, *, weights: Sequence[object] | None = None, criterion: str = "expected",
           tariff: Tariff | str | None = None, solver: str | None = None) -> Choice:
    """The selection that is best over several possible months (PRICING.md rule 30): "expected"
    (the weighted mean cost), "worst" (the lowest highest cost) or "regret" (the lowest largest
    excess over each scenario's own cheapest: the cheapest selection that can serve that scenario
    alone, whether or not it can serve the others). Only selections that serve every scenario are
    candidates; ties by rule 23. Also solved as a MILP (and checked) where PuLP runs."""
    if criterion not in CRITERIA:
        raise SelectionError(f"criterion: {criterion!r} is not one of {', '.join(CRITERIA)}")
    named = _named(scenarios)
    if weights is None:
        w = [Fraction(1)] * len(named)
    else:
        if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
            raise SelectionError(f"weights: {weights!r} is not a list of numbers")
        if len(weights) != len(named):
            raise SelectionError(f"weights: {len(weights)} given for {len(named)} scenarios")
        w = [weight(x, f"weights[{i + 1}]") for i, x in enumerate(weights)]
        if sum(w) <= 0:
            raise SelectionError("weights: numbers >= 0, not all 0")
    t = resolve_tariff(tariff)
    usages = list(named.values())
    priced = [Priced(t, u) for u in usages]
    allowed = [s for s in rules.order(t) if all(rules.problem(t, u, *s) is None for u in usages)]
    if not allowed:
        raise NoPlanFits("no selection can serve every scenario")
    cost = {s: [p.total(s) for p in priced] for s in allowed}
    own: list[Decimal] = [min(p.total(s) for s in rules.allowed(t, u))  # rule 30: that scenario alone
                          for p, u in zip(priced, usages, strict=True)]
    total_w = sum(w)
    expected = {s: sum((Fraction(c) * x for c, x in zip(cost[s], w, strict=True)), Fraction(0)) / total_w
                for s in allowed}
    worst = {s: max(cost[s]) for s in allowed}
    regret = {s: max(c - b for c, b in zip(cost[s], own, strict=True)) for s in allowed}

    def score(s: Selection) -> Fraction:
        if criterion == "expected":
            return expected[s]
        return Fraction(worst[s] if criterion == "worst" else regret[s])

    ranked = sorted(allowed, key=score)  # stable: ties keep rule 23's order
    reserved = {"phone", "chat", *CRITERIA}  # a scenario called "expected" keeps its own column
    columns = [f"{name} (scenario)" if name in reserved else name for name in named]
    rows = []
    for s in ranked:
        row: dict[str, Any] = {"phone": s[0], "chat": s[1]}
        row.update({name: c for name, c in zip(columns, cost[s], strict=True)})
        row.update({"expected": _cents(expected[s]), "worst": worst[s], "regret": regret[s]})
        rows.append(row)
    chosen = ranked[0]
    name = "exhaustive search"
    from optimizer.decisions.recommend import EXHAUSTIVE, _pick_solver

    picked = _pick_solver(solver) if solver != EXHAUSTIVE else None
    if picked is not None:
        name = picked[0]
        got = _milp_choose(allowed, cost, own, w, criterion, picked)
        # the MILP works in floats: its choice must score as the exact best, to within its precision
        scale = max(Fraction(1), abs(score(chosen)))
        if abs(score(got) - score(chosen)) > scale / 10**6:
            raise SolverError(f"{name} chose phone {got[0]}, chat {got[1]} ({criterion} {float(score(got))}), but "
                              f"phone {chosen[0]}, chat {chosen[1]} scores {float(score(chosen))}")
    value = _cents(score(chosen))
    return Choice(chosen[0], chosen[1], criterion, value, tuple(rows), name)


def _milp_choose(allowed: list[Selection], cost: dict[Selection, list[Decimal]], best: list[Decimal],
                 w: list[Fraction], criterion: str, picked: tuple[str, Any]) -> Selection:
    """min over one selection of the weighted mean, the maximum, or the maximum regret: y_s binary,
    sum y = 1; for worst and regret an epigraph variable above every scenario's value."""
    import pulp

    from optimizer.decisions.recommend import _quiet

    _, engine = picked
    prob = pulp.LpProblem("answer_plan_choose", pulp.LpMinimize)
    y = {s: prob.add_variable(f"y_{k}", cat="Binary") for k, s in enumerate(allowed)}
    prob += pulp.lpSum(y.values()) == 1, "one_selection"
    rank_penalty = 1e-6  # rule 23's order among equal values, far below a cent
    ties = pulp.lpSum(rank_penalty * k * v for k, v in enumerate(y.values()))
    if criterion == "expected":
        total_w = sum(w)
        prob += pulp.lpSum(float(c) * float(x / total_w) * y[s] for s in allowed
                           for c, x in zip(cost[s], w, strict=True)) + ties, "expected_cost"
    else:
        top = prob.add_variable("epigraph")
        for i in range(len(best)):
            shift = best[i] if criterion == "regret" else ZERO
            prob += top >= pulp.lpSum(float(cost[s][i] - shift) * y[s] for s in allowed), f"scenario_{i}"
        prob += top + ties, criterion
    with _quiet():
        prob.solve(engine)
    return next(s for s, v in y.items() if (v.varValue or 0) > 0.5)


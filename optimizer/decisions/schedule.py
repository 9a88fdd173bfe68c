"""Plans over months and under uncertainty (PRICING.md rules 24, 29).

schedule(): one selection per month (a change takes effect on the first of a month), the cheapest
sequence within an optional limit on changes, fewest changes among equal totals; solved as a PuLP
MILP (a selection binary per month, change indicators, the limit a constraint; HiGHS, CBC
fallback) and held to an exact dynamic programme in integer cents, which also answers where no
MILP solver runs. schedule_many(): the same dynamic programme, vectorised over customers, on the
per-month totals of the vectorised engine. choose(): one selection for several possible months,
by expected cost, worst cost, or largest regret; a table of every selection.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from optimizer import rules
from optimizer.decisions.search import allowed_selections
from optimizer.engines.batch import plan_codes, price_batch, usage_at
from optimizer.engines.exact import Priced, Quote
from optimizer.engines.vector import BROKEN
from optimizer.ground.errors import AnswerPlanError, NoPlanFits, SelectionError, SolverError
from optimizer.ground.money import from_cents, to_cents
from optimizer.ground.usage import Usage
from optimizer.pricing.tariff import Selection, Tariff, resolve_tariff
from optimizer.reading.fields import SCHEDULE_SPEC
from optimizer.reading.frames import id_column, numbered, read_frame

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["SCHEDULE_RESULTS", "MonthPlan", "Schedule", "schedule", "schedule_many"]

SCHEDULE_RESULTS = ("phone_plan", "chat_plan", "total", "error", "schedule_total", "changes", "fixed_phone",
                    "fixed_chat", "fixed_total", "saving")
BLOCK = 20_000  # customers per block of the vectorised dynamic programme (bounds its memory)
# Up to a year the PuLP model answers (in 15-30 ms, checked against the programme); beyond it the model
# grows slow (24 months with a limit: 1.7 s) and the programme alone answers (1,000 months: 0.2 s).
# A solver asked for by name answers at any horizon. MAX_MONTHS keeps every total exact in int64.
MILP_MONTHS = 12
MAX_MONTHS = 2_000


class MonthPlan(NamedTuple):
    phone: str | None
    chat: str | None
    total: Decimal


@dataclass(frozen=True)
class Schedule:
    """A plan per month: `months` (phone, chat, total) in order, their `total`, the number of
    `changes` (rule 29), the best single selection for the whole period (`fixed`), and the
    `saving` of the schedule over it."""

    months: tuple[MonthPlan, ...]
    total: Decimal
    changes: int
    fixed: MonthPlan | None
    saving: Decimal | None
    solver: str
    quotes: tuple[Quote, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"months": [{"phone": m.phone, "chat": m.chat, "total": str(m.total)} for m in self.months],
                "total": str(self.total), "changes": self.changes, "solver": self.solver,
                "fixed": None if self.fixed is None else {"phone": self.fixed.phone, "chat": self.fixed.chat,
                                                          "total": str(self.fixed.total)},
                "saving": None if self.saving is None else str(self.saving)}

    def table(self, lang: str = "en", labels: Sequence[str] | None = None) -> str:
        from optimizer.ground.money import format_amount
        from optimizer.ground.words import label

        none = label("none", lang)
        names = list(labels) if labels is not None else [str(i + 1) for i in range(len(self.months))]
        width = max([len(n) for n in names] + [5])
        head = f"  {label('month', lang):<{width}}  {label('phone', lang):<8} {label('chat', lang):<8} {'':>12}"
        out = [f"{label('Schedule', lang)} ({self.solver}): {self.changes} {label('changes', lang)}", head]
        for name, m in zip(names, self.months, strict=True):
            out.append(f"  {name:<{width}}  {m.phone or none:<8} {m.chat or none:<8} "
                       f"{format_amount(m.total, lang, symbol=False, grouping=lang == 'nl'):>12}")
        out.append(f"  {label('Total', lang):<{width}}  {'':<8} {'':<8} "
                   f"{format_amount(self.total, lang, symbol=False, grouping=lang == 'nl'):>12}")
        if self.fixed is not None and self.saving is not None:
            out.append(f"  {label('Best single selection for the whole period', lang)}: {label('phone', lang)} "
                       f"{self.fixed.phone or none}, {label('chat', lang)} {self.fixed.chat or none}: "
                       f"{format_amount(self.fixed.total, lang, grouping=lang == 'nl')}; {label('Saving', lang)}: "
                       f"{format_amount(self.saving, lang, grouping=lang == 'nl')}")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.table()


# ----------------------------------------------------------------------------- the exact DP

def _changes(path: Sequence[Selection], start: Selection | None) -> int:
    changes = 0 if start is None or path[0] == start else 1
    return changes + sum(a != b for a, b in itertools.pairwise(path))


# ----------------------------------------------------------------------------- schedule (one customer)

def schedule(months: Sequence[Usage], *, max_changes: int | None = None,
             current: tuple[str | None, str | None] | None = None, tariff: Tariff | str | None = None,
             solver: str | None = None) -> Schedule:
    """The cheapest plan per month for a sequence of monthly forecasts (PRICING.md rule 29), in time
    linear in the months (`programme`). Up to a year the PuLP model answers and is held to the
    programme; beyond, the programme alone (`Schedule.solver` says which). `solver`: "highs" or
    "cbc" asks for the MILP at any horizon, "exhaustive" (or "dp") for the programme alone."""
    t = resolve_tariff(tariff)
    months = list(months)
    if not months:
        raise SelectionError("months: at least one month is needed")
    if len(months) > MAX_MONTHS:
        raise SelectionError(f"months: {len(months):,} given; at most {MAX_MONTHS:,} (166 years)")
    for i, u in enumerate(months):
        if not isinstance(u, Usage):
            raise SelectionError(f"months[{i}]: expected a Usage, got {type(u).__name__}")
    if max_changes is not None and (isinstance(max_changes, bool) or not isinstance(max_changes, int)
                                    or max_changes < 0):
        raise SelectionError(f"max_changes: {max_changes!r} is not a whole number >= 0")
    start: Selection | None = None
    if current is not None:
        if not isinstance(current, (tuple, list)) or len(current) != 2:
            raise SelectionError(f"current: {current!r} is not (phone plan, chat plan)")
        start = (t.plan_name(current[0], "current (phone)"), t.plan_name(current[1], "current (chat)"))
    priced = [Priced(t, u) for u in months]
    order = rules.order(t)
    costs = [[BROKEN] * len(order) for _ in months]  # (months, selections) cents
    for m, (p, u) in enumerate(zip(priced, months, strict=True)):
        allowed = rules.allowed(t, u)
        if not allowed:
            raise NoPlanFits(f"month {m + 1}: no plan can serve it ({rules.problem(t, u, *order[-1])})")
        index = rules.rank(t)
        for s in allowed:
            costs[m][index[s]] = to_cents(p.total(s))
    found = _programme_one(costs, -1 if start is None else rules.rank(t)[start], max_changes)
    if found is None:
        raise NoPlanFits("no schedule fits within the limit on changes")
    total, changes, indices = found
    path = [order[k] for k in indices]
    name = "dynamic programme"
    from optimizer.decisions.recommend import EXHAUSTIVE, _pick_solver

    asked = solver is not None and solver.lower() not in ("exhaustive", EXHAUSTIVE, "dp", "dynamic programme")
    picked = _pick_solver(solver) if asked or (solver is None and len(months) <= MILP_MONTHS) else None
    if picked is not None:  # the MILP answers the horizons where it is fast, held to the programme
        name = picked[0]
        by_month = [{order[k]: c for k, c in enumerate(costs[m]) if c < BROKEN} for m in range(len(months))]
        path = _milp_schedule(by_month, t, start, max_changes, picked)
        got = sum(by_month[m][s] for m, s in enumerate(path))
        if (got, _changes(path, start)) != (total, changes):
            raise SolverError(f"{name} found a schedule of {from_cents(got)} with {_changes(path, start)} changes; "
                              f"the exact dynamic programme {from_cents(total)} with {changes}")
    quotes = tuple(p.quote(s) for p, s in zip(priced, path, strict=True))
    plan = tuple(MonthPlan(q.phone, q.chat, q.total) for q in quotes)
    fixed = _fixed(order, costs)
    saving = None if fixed is None else fixed.total - from_cents(total)
    return Schedule(plan, from_cents(total), changes, fixed, saving, name, quotes)


def _fixed(order: Sequence[Selection], costs: list[list[int]]) -> MonthPlan | None:
    """The best single selection for the whole period (rule 23's order among equal totals):
    costs (months, selections), >= BROKEN where a selection cannot serve that month."""
    best: tuple[int, int] | None = None
    for k, column in enumerate(zip(*costs, strict=True)):
        if all(c < BROKEN for c in column) and (best is None or sum(column) < best[1]):
            best = (k, sum(column))
    if best is None:
        return None
    return MonthPlan(order[best[0]][0], order[best[0]][1], from_cents(best[1]))


def _milp_schedule(costs: list[dict[Selection, int]], t: Tariff, start: Selection | None, limit: int | None,
                   picked: tuple[str, Any]) -> list[Selection]:
    """The schedule as a PuLP MILP: y[m,s] one selection per month, z[m] >= y[m,s] - y[m-1,s]
    marks a change, sum z <= limit; objective the total plus a change penalty below a cent."""
    import pulp

    from optimizer.decisions.recommend import GAP_REACHED, OPTIMAL, STATUS_NAMES, _quiet, _status

    name, engine = picked
    months = len(costs)
    prob = pulp.LpProblem("answer_plan_schedule", pulp.LpMinimize)
    var = prob.add_variable
    rank = {s: i for i, s in enumerate(rules.order(t))}
    y = [{s: var(f"y_{m}_{rank[s]}", cat="Binary") for s in c} for m, c in enumerate(costs)]
    z = [var(f"change_{m}", lowBound=0, upBound=1) for m in range(months)]
    penalty = 0.5 / (months + 1)  # cents: all changes together cost less than one cent
    for m in range(months):
        prob += pulp.lpSum(y[m].values()) == 1, f"one_selection_{m}"
        if m == 0:
            if start is not None:
                prob += z[0] >= 1 - y[0].get(start, 0), "change_from_current"
            else:
                prob += z[0] == 0, "no_change_at_start"
            continue
        for s in set(y[m]) | set(y[m - 1]):
            prob += z[m] >= y[m].get(s, 0) - y[m - 1].get(s, 0), f"change_{m}_{rank[s]}"
    if limit is not None:
        prob += pulp.lpSum(z) <= limit, "max_changes"
    prob += pulp.lpSum(c[s] * y[m][s] for m, c in enumerate(costs) for s in c) + penalty * pulp.lpSum(z), "total_cents"
    with _quiet():
        status = _status(prob.solve(engine))
    if status == -1:
        raise NoPlanFits("no schedule fits within the limit on changes")
    if status not in (OPTIMAL, GAP_REACHED):
        raise SolverError(f"{name} ended with status {STATUS_NAMES.get(status, status)!r}")
    return [next(s for s, v in y[m].items() if (v.varValue or 0) > 0.5) for m in range(months)]


# ----------------------------------------------------------------------------- schedule_many

def _month_costs(t: Tariff, frame: pd.DataFrame) -> tuple[np.ndarray, dict[int, str]]:
    """(selections x rows) cents, >= BROKEN where a selection cannot serve; rows the integer
    path does not hold priced by the Decimal engine; rows whose forecast is invalid in errors."""
    import numpy as np
    batch = price_batch(t, frame)
    costs = batch.parts.totals()
    errors: dict[int, str] = {}
    slow = ~(batch.valid & ~batch.parts.unsure)
    for r in np.flatnonzero(slow).tolist():
        try:
            u = usage_at(frame, r)
        except AnswerPlanError as exc:
            errors[r] = str(exc)
            continue
        priced = Priced(t, u)
        allowed = set(allowed_selections(t, u))
        for k, s in enumerate(rules.order(t)):
            costs[k, r] = to_cents(priced.total(s)) if s in allowed else BROKEN
    return costs, errors


INF = 2**61  # a total no schedule reaches (a month is below 10^15 cents); INF + INF still fits int64


def _programme_one(costs: list[list[int]], start: int, limit: int | None) -> tuple[int, int, list[int]] | None:
    """`programme` for one customer: costs (months, selections) cents, >= BROKEN where a selection
    cannot serve; start: the current selection's index (-1: none). (total, changes, selection per
    month), or None when nothing fits. On numpy where it can be loaded, else `programme_plain`."""
    try:
        import numpy as np
    except ImportError:  # xlwings Lite without Pyodide's package repository
        return programme_plain(costs, start, limit)
    totals, changes, paths = programme(np.array([costs], np.int64), np.array([start], np.int64), limit)
    return None if totals[0] >= INF else (int(totals[0]), int(changes[0]), paths[0].tolist())


def programme_plain(costs: Sequence[Sequence[int]], start: int, limit: int | None
                    ) -> tuple[int, int, list[int]] | None:
    """`programme` for one customer in plain Python, for where numpy cannot be loaded: the same
    states, compared in the same order, so the same schedule to the selection (tests hold the two
    equal). costs (months, selections) cents, >= BROKEN where a selection cannot serve; start: the
    current selection's index (-1: none). (total, changes, selection per month), or None."""
    months, sels = len(costs), len(costs[0])
    cost = [[INF if c >= BROKEN else c for c in row] for row in costs]
    first_change = [start >= 0 and s != start for s in range(sels)]
    if limit is None or limit >= months:
        total, changes = cost[0][:], [int(f) for f in first_change]
        back = [[0] * sels for _ in range(months)]
        for m in range(1, months):
            b1 = _lexmin_plain(total, changes)
            masked = total[:]
            masked[b1] = INF
            b2 = _lexmin_plain(masked, changes)
            new_total, new_changes = total[:], changes[:]
            for s in range(sels):
                other = b2 if s == b1 else b1  # into s from another selection: one change more
                switch_total, switch_changes = (masked if s == b1 else total)[other], changes[other] + 1
                stay = total[s] < switch_total or (total[s] == switch_total and changes[s] <= switch_changes)
                back[m][s] = s if stay else other
                new_total[s] = min((total[s] if stay else switch_total) + cost[m][s], INF)
                new_changes[s] = changes[s] if stay else switch_changes
            total, changes = new_total, new_changes
        s = _lexmin_plain(total, changes)
        found, changed = total[s], changes[s]
        path = [0] * months
        for m in range(months - 1, -1, -1):
            path[m] = s
            if m:
                s = back[m][s]
        return None if found >= INF else (found, changed, path)
    width = limit + 1
    dp = [[INF] * sels for _ in range(width)]  # dp[k][s]: the least total with k changes, now on s
    dp[0] = [INF if first_change[s] else cost[0][s] for s in range(sels)]
    if width > 1:
        dp[1] = [cost[0][s] if first_change[s] else INF for s in range(sels)]
    steps = [[[0] * sels for _ in range(width)] for _ in range(months)]
    for m in range(1, months):
        best = []  # per k: (b1, v1, b2, v2), the best and second best selection (first of equals)
        for k in range(width):
            row = dp[k]
            b1 = row.index(min(row))
            masked = row[:]
            masked[b1] = INF
            b2 = masked.index(min(masked))
            best.append((b1, row[b1], b2, masked[b2]))
        new = [row[:] for row in dp]
        for k in range(width):
            for s in range(sels):
                if k:
                    b1, v1, b2, v2 = best[k - 1]
                    switch, came = (v2, b2) if s == b1 else (v1, b1)
                else:
                    switch, came = INF, 0
                stay = dp[k][s] <= switch
                steps[m][k][s] = s if stay else came
                new[k][s] = min((dp[k][s] if stay else switch) + cost[m][s], INF)
        dp = new
    flat = [v for row in dp for v in row]  # the least total, then the fewest changes (k-major)
    end = flat.index(min(flat))
    found = flat[end]
    k, s = divmod(end, sels)
    changed = k
    path = [0] * months
    for m in range(months - 1, -1, -1):
        path[m] = s
        if m:
            prev = steps[m][k][s]
            k = k - 1 if prev != s else k
            s = prev
    return None if found >= INF else (found, changed, path)


def _lexmin_plain(total: list[int], changes: list[int]) -> int:
    """The index of the least (total, changes); the first of equals (rule 23's order)."""
    least = min(total)
    return min(range(len(total)), key=lambda s: (total[s] != least, changes[s] if total[s] == least else 0, s))


def programme(costs: np.ndarray, start: np.ndarray, limit: int | None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cheapest schedules of many customers at once, linear in the months (rule 29).

    costs: (customers, months, selections) cents, >= BROKEN where a selection cannot serve that
    month; start: each customer's current selection (-1: none, a prospect: no first change).
    Returns (total cents, changes, selection index per month); total >= INF where nothing fits.
    Without a limit that can bind, the state is the selection alone, with (total, changes) compared
    lexicographically: fewest changes among equal totals, counted exactly at any number of months.
    With a limit L, the state is (changes <= L, selection). Each month costs O(selections x (L+1)):
    into a selection from another one comes from the best other state (the best, or the second best
    when the best is that selection), so no month looks at pairs of selections."""
    import numpy as np
    _, months, sels = costs.shape
    cost = np.where(costs >= BROKEN, INF, costs).astype(np.int64)
    choices = np.arange(sels)
    first_change = (start[:, None] >= 0) & (choices[None, :] != start[:, None])
    if limit is None or limit >= months:
        return _free(cost, first_change)
    return _limited(cost, first_change, limit)


def _lexmin(total: np.ndarray, changes: np.ndarray) -> np.ndarray:
    """Per row, the index of the least (total, changes); the first of equals (rule 23's order)."""
    import numpy as np
    least = total.min(axis=-1, keepdims=True)
    found: np.ndarray = np.where(total == least, changes, np.iinfo(np.int64).max).argmin(axis=-1)
    return found


def _free(cost: np.ndarray, first_change: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    import numpy as np
    n, months, sels = cost.shape
    rows, choices = np.arange(n), np.arange(sels)
    total = cost[:, 0, :].copy()
    changes = first_change.astype(np.int64)
    back = np.zeros((months, n, sels), np.int16)
    for m in range(1, months):
        b1 = _lexmin(total, changes)
        t1, c1 = total[rows, b1], changes[rows, b1]
        masked = total.copy()
        masked[rows, b1] = INF
        b2 = _lexmin(masked, changes)
        t2, c2 = masked[rows, b2], changes[rows, b2]
        is_b1 = choices[None, :] == b1[:, None]  # into s from another selection: one change more
        switch_total = np.where(is_b1, t2[:, None], t1[:, None])
        switch_changes = np.where(is_b1, c2[:, None], c1[:, None]) + 1
        stay = (total < switch_total) | ((total == switch_total) & (changes <= switch_changes))
        back[m] = np.where(stay, choices[None, :], np.where(is_b1, b2[:, None], b1[:, None]))
        total = np.minimum(np.where(stay, total, switch_total) + cost[:, m, :], INF)
        changes = np.where(stay, changes, switch_changes)
    end = _lexmin(total, changes)
    path = np.zeros((n, months), np.int64)
    s = end
    for m in range(months - 1, -1, -1):
        path[:, m] = s
        if m:
            s = back[m, rows, s].astype(np.int64)
    return total[rows, end], changes[rows, end], path


def _limited(cost: np.ndarray, first_change: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    import numpy as np
    n, months, sels = cost.shape
    width = limit + 1
    rows, choices = np.arange(n), np.arange(sels)
    dp = np.full((n, width, sels), INF, np.int64)  # selections last: the minima run along memory
    dp[:, 0, :] = np.where(first_change, INF, cost[:, 0, :])
    if width > 1:
        dp[:, 1, :] = np.where(first_change, cost[:, 0, :], INF)
    back = np.zeros((months, n, width, sels), np.int16)
    switch = np.full_like(dp, INF)
    came = np.zeros((n, width, sels), np.int64)
    for m in range(1, months):
        b1 = dp.argmin(axis=2)  # (customers, changes): the best previous selection
        v1 = np.take_along_axis(dp, b1[:, :, None], axis=2)
        masked = dp.copy()
        np.put_along_axis(masked, b1[:, :, None], INF, axis=2)
        b2 = masked.argmin(axis=2)
        v2 = np.take_along_axis(masked, b2[:, :, None], axis=2)
        is_b1 = choices[None, None, :] == b1[:, :-1, None]  # from k-1 changes into s: one more
        switch[:, 1:, :] = np.where(is_b1, v2[:, :-1, :], v1[:, :-1, :])
        came[:, 1:, :] = np.where(is_b1, b2[:, :-1, None], b1[:, :-1, None])
        stay = dp <= switch
        back[m] = np.where(stay, choices[None, None, :], came)
        np.minimum(np.where(stay, dp, switch) + cost[:, m, None, :], INF, out=dp)
    flat = dp.reshape(n, width * sels)  # the least total, then the fewest changes (k-major order)
    end = flat.argmin(axis=1)
    total = flat[rows, end]
    k, s = end // sels, end % sels
    changes = k.copy()
    path = np.zeros((n, months), np.int64)
    for m in range(months - 1, -1, -1):
        path[:, m] = s
        if m:
            prev = back[m, rows, k, s].astype(np.int64)
            k = np.where(prev != s, k - 1, k)
            s = prev
    return total, changes, path


def schedule_many(frame: pd.DataFrame, *, max_changes: int | None = None, tariff: Tariff | str | None = None,
                  progress: Callable[[int, float], None] | None = None,
                  row_numbers: Sequence[int] | None = None) -> pd.DataFrame:
    """Schedules for many customers: columns `customer`, `month` and the Usage fields (optional
    current_phone, current_chat), named as a file's headers may be (`Klant`, `Maand`, `gesprekken`);
    months are dates (rule 31: `2026-3` is March, ordered by date, one month written two ways is
    the same month). The input rows in order plus phone_plan, chat_plan, total and error per month
    and, on every row of a customer, schedule_total, changes, fixed_phone, fixed_chat, fixed_total
    and saving. Exact (integer cents) and vectorised. `progress(customers done, fraction)` after
    each block. `row_numbers`: each row's number in the user's file, for messages (a file's row as
    a spreadsheet shows it; default: its place in the frame, from 1)."""
    import numpy as np
    import pandas as pd
    clash = [c for c in frame.columns if c in SCHEDULE_RESULTS] if isinstance(frame, pd.DataFrame) else []
    if clash:
        raise AnswerPlanError(f"columns: {', '.join(map(repr, clash))} has the name of a result column; rename it")
    if max_changes is not None and (isinstance(max_changes, bool) or not isinstance(max_changes, int)
                                    or max_changes < 0):
        raise SelectionError(f"max_changes: {max_changes!r} is not a whole number >= 0")
    read = read_frame(frame, SCHEDULE_SPEC, source="frame")
    t = resolve_tariff(tariff)
    flat = read.fields
    n = len(flat)
    numbers = numbered(row_numbers, n)

    def number(r: int) -> int:
        return int(numbers[r])

    costs, errors = _month_costs(t, flat)
    errors = {**errors, **read.errors}
    customers = id_column(flat["customer"]).to_numpy(dtype=object)
    month_codes, month_values = pd.factorize(flat["month"], use_na_sentinel=True)
    months = np.array([m.index for m in month_values.tolist()] + [-1], np.int64)[month_codes]
    shown = np.array([str(m) for m in month_values.tolist()] + ["?"], dtype=object)[month_codes]
    cur = {s: plan_codes(t, flat[f"current_{s}"]) if f"current_{s}" in flat.columns
           else (np.zeros(n, np.int64), np.zeros(n, bool)) for s in ("phone", "chat")}
    out = _Results(t, n)
    # customers in order, their months in order; a customer with any bad row is not scheduled
    order = np.lexsort((months, customers))
    by_c, by_m = customers[order], months[order]
    new = np.r_[True, by_c[1:] != by_c[:-1]] if n else np.zeros(0, bool)
    starts = np.flatnonzero(new)
    sizes = np.diff(np.r_[starts, n])
    owner = np.cumsum(new) - 1  # the customer (0..) of each sorted row
    twice = np.r_[False, ~new[1:] & (by_m[1:] == by_m[:-1]) & (by_m[1:] >= 0)] if n else new
    bad_row = cur["phone"][1] | cur["chat"][1]
    bad_row[list(errors)] = True
    skip = np.zeros(len(starts), bool)
    for kind, rows_marked in (("twice", twice), ("bad", bad_row[order])):
        for c in np.unique(owner[rows_marked]).tolist():
            if skip[c]:
                continue
            skip[c] = True
            rows = order[starts[c]:starts[c] + sizes[c]]
            if kind == "twice":
                for r in rows.tolist():
                    out.error[r] = f"customer {customers[r]!r}: month {shown[r]} is there more than once"
            else:
                first_bad = next(r for r in rows.tolist() if bad_row[r])
                for r in rows.tolist():
                    out.error[r] = errors.get(r) or ("current plans: not a plan name" if bad_row[r] else
                                                     _first_error(shown[first_bad], number(first_bad)))
    for c in np.flatnonzero(~skip & (sizes > MAX_MONTHS)).tolist():
        skip[c] = True
        for r in order[starts[c]:starts[c] + sizes[c]].tolist():
            out.error[r] = f"customer {customers[r]!r}: {sizes[c]:,} months; at most {MAX_MONTHS:,}"
    sel_of = np.full((len(t.plans) + 1, len(t.plans) + 1), -1, np.int64)  # (phone code, chat code) -> index
    index: dict[str | None, int] = {None: 0, **{p: i + 1 for i, p in enumerate(t.plans)}}
    for k, (p, c) in enumerate(rules.order(t)):
        sel_of[index[p], index[c]] = k
    todo, done = int((~skip).sum()), 0
    for size in np.unique(sizes[~skip]).tolist():  # one vectorised programme per length, in blocks
        who = np.flatnonzero(~skip & (sizes == size))
        for i in range(0, len(who), BLOCK):
            rows = order[starts[who[i:i + BLOCK]][:, None] + np.arange(size)[None, :]]  # (customers, months)
            cube = costs[:, rows].transpose(1, 2, 0)  # (customers, months, selections)
            p0, c0 = cur["phone"][0][rows[:, 0]], cur["chat"][0][rows[:, 0]]
            start = np.where((p0 > 0) | (c0 > 0), sel_of[p0, c0], -1)  # blank: a prospect, no change counted
            out.fill(rows, cube, start, max_changes)
            done += len(rows)
            if progress is not None:
                progress(done, done / todo)
    return out.frame(frame)


def _first_error(month: str, row: int) -> str:
    """What the other rows of a customer whose row has an error say: that month, or that row."""
    return f"month {month} of this customer has an error" if month != "?" else \
        f"row {row} of this customer has an error"


class _Results:
    """schedule_many's result columns, filled a block of customers at a time."""

    def __init__(self, t: Tariff, n: int) -> None:
        import numpy as np
        self.n = n
        self.phone_names = np.array([p for p, _ in rules.order(t)], dtype=object)
        self.chat_names = np.array([c for _, c in rules.order(t)], dtype=object)
        self.plan = {name: np.full(n, None, dtype=object) for name in ("phone_plan", "chat_plan", "fixed_phone",
                                                                        "fixed_chat")}
        self.money = {name: np.full(n, np.nan) for name in ("total", "schedule_total", "fixed_total", "saving")}
        self.changes = np.full(n, -1, np.int64)
        self.error = np.full(n, "", dtype=object)

    def fill(self, rows: np.ndarray, cube: np.ndarray, start: np.ndarray, limit: int | None) -> None:
        import numpy as np
        months = cube.shape[1]
        total, changes, path = programme(cube, start, limit)
        fits = total < INF
        for r in rows[~fits].ravel().tolist():
            self.error[r] = "no schedule fits (a month no plan serves, or the limit on changes)"
        rows, cube, path, total, changes = rows[fits], cube[fits], path[fits], total[fits], changes[fits]
        fixed_cost = np.where((cube >= BROKEN).any(axis=1), np.iinfo(np.int64).max,
                              np.where(cube >= BROKEN, 0, cube).sum(axis=1))
        fixed = fixed_cost.argmin(axis=1)  # ties: the first in rule-23 order
        fixed_total = fixed_cost[np.arange(len(rows)), fixed]
        each = np.ones((1, months), np.int64)
        self.plan["phone_plan"][rows] = self.phone_names[path]
        self.plan["chat_plan"][rows] = self.chat_names[path]
        self.money["total"][rows] = np.take_along_axis(cube, path[:, :, None], axis=2)[:, :, 0] / 100
        self.money["schedule_total"][rows] = (total[:, None] * each) / 100
        self.changes[rows] = changes[:, None] * each
        has = fixed_total < np.iinfo(np.int64).max
        rows_f = rows[has]
        shape = (len(rows_f), months)
        self.plan["fixed_phone"][rows_f] = np.broadcast_to(self.phone_names[fixed[has]][:, None], shape)
        self.plan["fixed_chat"][rows_f] = np.broadcast_to(self.chat_names[fixed[has]][:, None], shape)
        self.money["fixed_total"][rows_f] = (fixed_total[has][:, None] * each) / 100
        self.money["saving"][rows_f] = ((fixed_total[has] - total[has])[:, None] * each) / 100

    def frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        import numpy as np
        import pandas as pd
        result = frame.copy(deep=False)
        for name in SCHEDULE_RESULTS:
            if name in self.plan:
                result[name] = pd.Series(self.plan[name], index=frame.index, dtype=object)
            elif name in self.money:
                result[name] = pd.Series(self.money[name], index=frame.index)
            elif name == "changes":
                result[name] = pd.Series(pd.array(np.where(self.changes < 0, 0, self.changes), dtype="Int64"),
                                         index=frame.index).mask(self.changes < 0)
            else:
                result[name] = pd.Series(self.error, index=frame.index, dtype=object)
        return result



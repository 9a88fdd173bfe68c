"""schedule, schedule_many, choose (PRICING.md rules 24, 29): the example verbatim; the MILP, the
dynamic programmes and brute force over every schedule agree; choose against brute force."""
from __future__ import annotations

import itertools
import random
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from optimizer import NoPlanFits, SelectionError, Usage, choose, load_tariff, quote, rules, schedule, schedule_many
from optimizer.decisions.search import allowed_selections
from optimizer.engines.exact import Priced

T = load_tariff()
YEAR = [Usage(calls=300)] * 3 + [Usage(calls=20)] * 9


def test_rule_29_example_verbatim():
    s = schedule(YEAR)
    assert (s.total, s.changes) == (Decimal("2556.15"), 1)
    assert [(m.phone, m.chat) for m in s.months] == [("SMART", None)] * 3 + [("BASIC", None)] * 9
    assert s.fixed == ("BASIC", None, Decimal("2901.90")) and s.saving == Decimal("345.75")
    s0 = schedule(YEAR, max_changes=0)
    assert (s0.total, s0.changes) == (Decimal("2901.90"), 0)
    assert s.solver == "HiGHS" and schedule(YEAR, solver="exhaustive").solver == "dynamic programme"
    assert sum(q.total for q in s.quotes) == s.total


def test_current_plans_count_as_a_change():
    s = schedule(YEAR, current=("SMART", None))
    assert (s.total, s.changes) == (Decimal("2556.15"), 1)
    s = schedule(YEAR, current=("PLUS", "BASIC"), max_changes=1)
    assert s.changes == 1 and s.months[0][:2] == s.months[-1][:2] and s.total == Decimal("2901.90")
    with pytest.raises(NoPlanFits):
        schedule([Usage(calls=5, need_24_7=True)], current=("BASIC", None), max_changes=0)


def test_24_7_in_some_months_only():
    months = [Usage(calls=40), Usage(calls=40, need_24_7=True), Usage(calls=40)]
    s = schedule(months)
    assert s.months[1].phone in ("PLUS", "PREMIUM") and s.months[0].phone == "BASIC"
    assert s.fixed is not None and s.fixed.phone in ("PLUS", "PREMIUM")


def brute(months, start, limit):
    """Every sequence of allowed selections: (total cents, changes) of the best."""
    priced = [Priced(T, u) for u in months]
    options = [allowed_selections(T, u) for u in months]
    best = None
    for path in itertools.product(*options):
        changes = (0 if start is None or path[0] == start else 1) + sum(a != b for a, b in itertools.pairwise(path))
        if limit is not None and changes > limit:
            continue
        total = sum(p.total(s) for p, s in zip(priced, path))
        if best is None or (total, changes) < best:
            best = (total, changes)
    return best


def random_month(rng: random.Random) -> Usage:
    return Usage(calls=rng.choice([0, 10, 60, 80, 120, 300]), call_seconds=rng.choice([0, 100, 150]),
                 chats=rng.choice([0, 0, 30, 60, 150]), aht=rng.choice([0, 200]),
                 need_24_7=rng.random() < 0.2, sms_reports=rng.choice([0, 275]))


@pytest.mark.parametrize("seed", range(30))
def test_milp_equals_dp_equals_brute_force(seed):
    rng = random.Random(seed)
    months = [random_month(rng) for _ in range(rng.choice([3, 4]))]
    start = rng.choice([None, ("BASIC", None), ("SMART", "SMART"), ("PLUS", "BASIC"), (None, None)])
    for limit in (None, 0, 1, 2, 3):
        want = brute(months, start, limit)
        if want is None:
            with pytest.raises(NoPlanFits):
                schedule(months, current=start, max_changes=limit)
            continue
        for solver in (None, "exhaustive"):
            s = schedule(months, current=start, max_changes=limit, solver=solver)
            assert (s.total, s.changes) == want, (seed, limit, solver)
        frame = pd.DataFrame([{"customer": "c", "month": f"2026-{m + 1:02d}", **{k: v for k, v in u.as_dict().items()}}
                              for m, u in enumerate(months)])
        if start == (None, None):  # in a file, blank current plans mean "not given" (a prospect)
            continue
        if start is not None:
            frame["current_phone"], frame["current_chat"] = start[0] or "", start[1] or ""
        out = schedule_many(frame, max_changes=limit)
        assert (Decimal(f"{out['schedule_total'].iat[0]:.2f}"), int(out["changes"].iat[0])) == want


def test_schedule_many_equals_schedule_for_many_customers():
    rng = random.Random(7)
    rows, expect = [], {}
    for c in range(60):
        length = rng.choice([1, 2, 5, 12])
        months = [random_month(rng) for _ in range(length)]
        for m, u in enumerate(months):
            rows.append({"customer": f"{c:03d}", "month": f"2026-{m + 1:02d}",
                         **{k: (float(v) if isinstance(v, Decimal) else v) for k, v in u.as_dict().items()}})
        expect[f"{c:03d}"] = schedule(months, max_changes=2)
    frame = pd.DataFrame(rows).sample(frac=1, random_state=3)  # any row order
    out = schedule_many(frame, max_changes=2)
    assert list(out.index) == list(frame.index)  # the input rows, in their order
    for customer, s in expect.items():
        rows_c = out[out["customer"] == customer].sort_values("month")
        assert Decimal(f"{rows_c['schedule_total'].iat[0]:.2f}") == s.total
        assert int(rows_c["changes"].iat[0]) == s.changes
        assert sum(Decimal(f"{x:.2f}") for x in rows_c["total"]) == s.total
        assert (rows_c["fixed_phone"].iat[0], rows_c["fixed_chat"].iat[0]) == (s.fixed.phone, s.fixed.chat)
        assert Decimal(f"{rows_c['saving'].iat[0]:.2f}") == s.saving


def test_schedule_many_bad_rows():
    frame = pd.DataFrame({"customer": ["a", "a", "b", "b", "c", "d", "d"],
                          "month": ["2026-01", "2026-02", "2026-1", "januari 2026", "2026-01", "2026-13", "2026-02"],
                          "calls": [10, -1, 5, 5, 7, 1, 1]})
    out = schedule_many(frame)
    assert out["error"].tolist()[:2] == ["month 2026-02 of this customer has an error",
                                         "calls: -1 is not a whole number >= 0"]
    # one month written two ways is the same month (rule 31): twice for one customer
    assert out["error"].iat[2].startswith("customer 'b': month 2026-01 is there more than once")
    assert out["error"].iat[4] == "" and out["total"].iat[4] == float(schedule([Usage(calls=7)]).total)
    assert out["error"].iat[5].startswith("month: '2026-13' is not a month (2026-03, 2026-3, 03-2026, maart 2026")
    assert np.isnan(out["schedule_total"].iat[0])


def test_rule_31_months_are_dates_not_text():
    """2026-1 .. 2026-12 in any row order (and written any way) are scheduled in calendar order."""
    calls = [300, 300, 300, 20, 20, 20, 20, 20, 20, 300, 300, 300]
    ways = ["2026-{m}", "2026-{m:02d}", "{m:02d}-2026", "{name} 2026"]
    names = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    want = schedule([Usage(calls=c) for c in calls], max_changes=1)
    for way in ways:
        months = [way.format(m=i + 1, name=names[i]) for i in range(12)]
        frame = pd.DataFrame({"customer": "A", "month": months, "calls": calls}).sample(frac=1, random_state=1)
        out = schedule_many(frame, max_changes=1)
        assert Decimal(f"{out['schedule_total'].iat[0]:.2f}") == want.total, way
        assert int(out["changes"].iat[0]) == want.changes
        # each month's own total is what its plan costs in that month (the calls of that calendar month)
        for month_text, plan, total in zip(out["month"], out["phone_plan"], out["total"], strict=True):
            c = calls[months.index(month_text)]
            assert Decimal(f"{total:.2f}") == quote(Usage(calls=c), phone=plan).total, (way, month_text)


def brute_choose(scenarios, weights, criterion):
    priced = [Priced(T, u) for u in scenarios]
    allowed = [s for s in rules.order(T) if all(rules.problem(T, u, *s) is None for u in scenarios)]
    cost = {s: [p.total(s) for p in priced] for s in allowed}
    # rule 30: a scenario's own cheapest is the cheapest selection that can serve it alone
    best = [min(p.total(s) for s in rules.order(T) if rules.problem(T, u, *s) is None)
            for p, u in zip(priced, scenarios)]
    w = weights or [1] * len(scenarios)
    total_w = sum(Decimal(str(x)) for x in w)
    value = {"expected": lambda s: sum(Decimal(str(x)) * c for x, c in zip(w, cost[s])) / total_w,
             "worst": lambda s: max(cost[s]),
             "regret": lambda s: max(c - b for c, b in zip(cost[s], best))}[criterion]
    return min(value(s) for s in allowed), value


@pytest.mark.parametrize("criterion", ["expected", "worst", "regret"])
@pytest.mark.parametrize("seed", range(12))
def test_choose_against_brute_force(criterion, seed):
    rng = random.Random(seed)
    scenarios = [random_month(rng) for _ in range(rng.randint(1, 5))]
    weights = None if seed % 2 else [rng.randint(1, 5) for _ in scenarios]
    c = choose(scenarios, weights=weights, criterion=criterion)
    best, value = brute_choose(scenarios, weights, criterion)
    assert value((c.phone, c.chat)) == best
    assert c.value == best.quantize(Decimal("0.01")) or abs(c.value - best) < Decimal("0.006")
    assert c.solver == "HiGHS"
    assert len(c.table) == len([s for s in rules.order(T) if all(rules.problem(T, u, *s) is None for u in scenarios)])
    assert (c.table.iloc[0]["phone"], c.table.iloc[0]["chat"]) == (c.phone, c.chat)


def test_choose_names_weights_and_errors():
    c = choose({"low": Usage(calls=20), "expected": Usage(calls=100), "high": Usage(calls=300)},
               weights=[1, 2, 1], criterion="worst")
    # a scenario called "expected" keeps its own column beside the criterion's
    assert list(c.table.columns) == ["phone", "chat", "low", "expected (scenario)", "high", "expected", "worst",
                                     "regret"]
    first = c.table.iloc[0]
    mean = (first["low"] + 2 * first["expected (scenario)"] + first["high"]) / 4
    assert first["expected"] == mean.quantize(Decimal("0.01"))
    assert (c.phone, c.chat) == ("SMART", None) and c.value == Decimal("565.25")
    with pytest.raises(ValueError, match="criterion: 'best' is not one of expected, worst, regret"):
        choose([Usage()], criterion="best")
    with pytest.raises(ValueError, match="weights: 1 given for 2 scenarios"):
        choose([Usage(), Usage()], weights=[1])
    assert choose([Usage(calls=10)], solver="exhaustive").solver == "exhaustive search"


# ----------------------------------------------------------------------------- any horizon (issue 17)

def test_changes_are_counted_exactly_past_63():
    """96 alternating months: 95 changes (a count packed into six bits once said 31), in both."""
    months = [Usage(calls=300) if i % 2 else Usage(calls=20) for i in range(96)]
    s = schedule(months)
    assert s.changes == 95 and s.solver == "dynamic programme"
    assert s.total == sum(min(quote(u, phone=p).total for p in ("BASIC", "SMART")) for u in months)
    frame = pd.DataFrame({"customer": "a", "month": [f"{2000 + i // 12}-{i % 12 + 1:02d}" for i in range(96)],
                          "calls": [300 if i % 2 else 20 for i in range(96)]})
    out = schedule_many(frame)
    assert int(out["changes"].iat[0]) == 95 and Decimal(f"{out['schedule_total'].iat[0]:.2f}") == s.total


@pytest.mark.parametrize("seed", range(6))
def test_the_milp_and_the_programme_agree_on_a_year(seed):
    rng = random.Random(100 + seed)
    months = [random_month(rng) for _ in range(12)]
    for limit in (None, 0, 1, 3):
        by_milp = schedule(months, max_changes=limit)
        by_dp = schedule(months, max_changes=limit, solver="dp")
        assert by_milp.solver == "HiGHS" and by_dp.solver == "dynamic programme"
        assert (by_milp.total, by_milp.changes) == (by_dp.total, by_dp.changes), limit


def test_a_long_horizon_is_the_programme_and_limits_only_cost_more():
    rng = random.Random(7)
    months = [random_month(rng) for _ in range(300)]
    free = schedule(months)
    assert free.solver == "dynamic programme" and len(free.months) == 300
    assert free.total == sum(m.total for m in free.months)
    totals = [schedule(months, max_changes=k).total for k in (0, 1, 5, 50, free.changes)]
    assert totals == sorted(totals, reverse=True) and totals[-1] == free.total
    assert totals[0] == free.fixed.total  # no change allowed: the best single selection
    with pytest.raises(SelectionError, match="at most 2,000"):
        schedule([Usage()] * 2001)


@pytest.mark.parametrize("seed", range(8))
def test_chart_points_draw_every_line_exactly(seed):
    """Straight lines between the chart's few points are every selection's cost, and the cheapest
    one, at every count of calls (to the cent a line's rounding may add)."""
    from optimizer.decisions.curves import chart_points, cost_curve

    rng = random.Random(seed)
    u = random_month(rng).replace(calls=0)
    top = 400
    xs, curves = chart_points(u, top)
    dense = np.arange(top + 1)
    every = cost_curve(u, rules.order(T), dense)
    assert len(xs) < 200
    for s, ys in every.items():
        ok = ~np.isnan(ys)
        if ok[1:].any():
            assert np.abs(np.interp(dense[1:], xs[1:], curves[s][1:]) - ys[1:])[ok[1:]].max() <= 0.011, s
    low = np.nanmin(np.vstack(list(curves.values())), axis=0)
    dense_low = np.nanmin(np.vstack(list(every.values())), axis=0)
    assert np.abs(np.interp(dense, xs, low) - dense_low).max() <= 0.011
    big_xs, _ = chart_points(u, 10**8)
    assert len(big_xs) < 200 and big_xs[-1] == 10**8  # any allowed input: a bounded number of points

"""recommend_many over 1,000,000 customers (time, peak memory, exactness), recommend (MILP)
per customer, and the ratios of per-customer loops to the vectorised path, in one run."""
from __future__ import annotations

import resource
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import numpy as np
import pulp

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import customers

from optimizer import Usage, load_tariff, quote, recommend, recommend_many
from optimizer.search import price_all
from optimizer.usage import AMOUNT_FIELDS, USAGE_FIELDS

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000


def naive_cbc(u: Usage) -> tuple[str | None, str | None]:
    """The naive way: one PuLP + CBC model per customer choosing among the 25 priced
    selections (quoted one by one), no covers or discount in the model."""
    sels, costs = [], []
    for phone in (None, "BASIC", "SMART", "PLUS", "PREMIUM"):
        for chat in (None, "BASIC", "SMART", "PLUS", "PREMIUM"):
            try:
                costs.append(float(quote(u, phone=phone, chat=chat).total))
                sels.append((phone, chat))
            except ValueError:
                pass
    prob = pulp.LpProblem("naive", pulp.LpMinimize)
    y = [prob.add_variable(f"y{i}", cat="Binary") for i in range(len(sels))]
    prob += pulp.lpSum(c * v for c, v in zip(costs, y))
    prob += pulp.lpSum(y) == 1
    solver = pulp.COIN_CMD(msg=False) if pulp.COIN_CMD().available() else pulp.PULP_CBC_CMD(msg=False)
    prob.solve(solver)
    return sels[next(i for i, v in enumerate(y) if (v.varValue or 0) > 0.5)]


def main() -> None:
    frame = customers(N)
    recommend_many(frame.head(1000))  # warm up
    start = time.perf_counter()
    out = recommend_many(frame)
    bulk = time.perf_counter() - start
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the worst case: every duration, minute and hour a float of full precision (float64 path)
    rng = np.random.default_rng(3)
    floats = frame.copy()
    for f in AMOUNT_FIELDS:
        floats[f] = floats[f] * rng.random(N) * 1.37
    start = time.perf_counter()
    out_floats = recommend_many(floats)
    bulk_floats = time.perf_counter() - start
    check_floats = floats.sample(1000, random_state=2)
    for i, row in zip(check_floats.index, check_floats.to_dict("records")):
        assert price_all(load_tariff(), Usage(**{f: row[f] for f in USAGE_FIELDS}))[0].total == \
            Decimal(f"{out_floats.at[i, 'total']:.2f}")
    del floats, out_floats
    tracemalloc.start()
    recommend_many(frame.head(200_000))
    traced = tracemalloc.get_traced_memory()[1] / 2**20 * N / 200_000
    tracemalloc.stop()
    errors = int((out["error"] != "").sum())
    # exactness on a sample, against quote() of the chosen plans
    sample = frame.sample(2000, random_state=1)
    for i, row in zip(sample.index, sample.to_dict("records")):
        u = Usage(**{f: row[f] for f in USAGE_FIELDS})
        phone, chat = out.at[i, "phone_plan"], out.at[i, "chat_plan"]
        phone = phone if isinstance(phone, str) else None
        chat = chat if isinstance(chat, str) else None
        assert quote(u, phone=phone, chat=chat).total == Decimal(f"{out.at[i, 'total']:.2f}")
    # recommend (MILP) per customer
    rows = frame.head(300).to_dict("records")
    usages = [Usage(**{f: r[f] for f in USAGE_FIELDS}) for r in rows]
    times = []
    for u in usages:
        t0 = time.perf_counter()
        recommend(u, alternatives=0)
        times.append(time.perf_counter() - t0)
    times_alt = []
    for u in usages[:100]:
        t0 = time.perf_counter()
        recommend(u)
        times_alt.append(time.perf_counter() - t0)
    naive = []
    for u in usages[:60]:
        t0 = time.perf_counter()
        naive_cbc(u)
        naive.append(time.perf_counter() - t0)
    per_bulk = bulk / N
    print(f"recommend_many: {N:,} customers in {bulk:.2f} s ({per_bulk * 1e6:.2f} us per customer), "
          f"{errors} errors; peak RSS of the process {peak_rss:,.0f} MiB "
          f"(Python allocations, scaled from 200k rows: {traced:,.0f} MiB); 2,000 sampled totals equal quote()")
    print(f"recommend_many, full-precision floats in every duration and hour: {N:,} customers in "
          f"{bulk_floats:.2f} s; 1,000 sampled totals equal exhaustive Decimal search")
    print(f"recommend (PuLP + HiGHS): median {statistics.median(times) * 1e3:.1f} ms per customer, "
          f"{statistics.median(times_alt) * 1e3:.1f} ms with 3 alternatives")
    print(f"naive loop (25 quotes + PuLP/CBC per customer): median {statistics.median(naive) * 1e3:.1f} ms")
    print(f"ratio per customer: recommend loop / recommend_many = {statistics.median(times) / per_bulk:,.0f}x; "
          f"naive CBC loop / recommend_many = {statistics.median(naive) / per_bulk:,.0f}x")


if __name__ == "__main__":
    main()

"""ANSWER_COST per scalar call (as Excel sends it: floats), and one array call over 10,000 rows;
the ratio of 10,000 scalar calls to the one array call, in one run."""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import median_seconds

from xl_addin import udfs


def main() -> None:
    rng = random.Random(1)
    rows = [(rng.choice(["BASIC", "SMART", "PLUS", "PREMIUM"]), float(rng.randint(0, 500)),
             float(rng.randint(0, 300)), float(rng.randint(0, 400)), float(rng.randint(0, 400)))
            for _ in range(10_000)]
    columns = [[[r[k]] for r in rows] for k in range(5)]
    cached = median_seconds(lambda: udfs.ANSWER_COST("SMART", 120.0, 40.0, 200.0, 150.0), repeat=20_000)
    i = iter(range(10**9))

    def fresh() -> None:  # a new forecast each call: no cache hit
        udfs.ANSWER_COST("SMART", float(next(i) % 100_000), 40.0, 200.0, 150.0)

    uncached = median_seconds(fresh, repeat=20_000)
    array = median_seconds(lambda: udfs.ANSWER_COST(*columns), repeat=15)
    start = time.perf_counter()
    for r in rows:
        udfs._cost.cache_clear()
        udfs.ANSWER_COST(*r)
    loop = time.perf_counter() - start
    print(f"ANSWER_COST scalar: median {uncached * 1e6:.1f} us (a new forecast), {cached * 1e6:.1f} us "
          f"(recalculating the same cell)")
    print(f"ANSWER_COST over 10,000 rows in one array call: median {array * 1e3:.1f} ms "
          f"({array / 10_000 * 1e6:.2f} us per row); 10,000 scalar calls: {loop * 1e3:.0f} ms, "
          f"{loop / array:.1f}x the array call")


if __name__ == "__main__":
    main()

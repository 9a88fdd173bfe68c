"""Excel's speed per cell and per column: ANSWER_COST and ANSWER_BEST on one cell (a new forecast
each call, as a column of formulas recalculating), their ratio, and a 10,000-row ANSWER_COST column
called bare and through xlwings' own custom-function call path (Office.js: what xlwings Lite and
xlwings Server run, `xlwings.pro.udfs_officejs.custom_functions_call`, with its argument and result
conversion).

    python bench/excel.py      # prints the figures

`figures()` returns them as (figure, seconds, unit, floor, floor_what, target, met) for bench/run.py.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import median_seconds

from optimizer import Usage, quote
from tests.xlwings_real import load_officejs, officejs_call
from xl_addin import udfs

Figure = tuple[str, float, str, float | None, str, str, bool | None]


def column(rows: int = 10_000, seed: int = 1) -> list[list[list[object]]]:
    """ANSWER_COST's five arguments as Excel hands over ranges of `rows` rows: plans, then counts."""
    rng = random.Random(seed)
    plans = [[rng.choice(["BASIC", "SMART", "PLUS", "PREMIUM"])] for _ in range(rows)]
    return [plans] + [[[float(rng.randint(0, 499))] for _ in range(rows)] for _ in range(4)]


def figures() -> list[Figure]:
    typical = Usage(calls=120, call_seconds=150, chats=40, aht=200)
    floor = median_seconds(lambda: quote(typical, phone="SMART", chat="SMART"), repeat=5000)
    i = iter(range(10**9))

    def cost() -> None:  # a new forecast each call, as a column of cells recalculating
        udfs.ANSWER_COST("SMART", float(next(i) % 100_000), 40.0, 200.0, 150.0)

    def best() -> None:
        udfs.ANSWER_BEST(float(next(i) % 100_000), 40.0, 200.0, 150.0)

    cost_cell = median_seconds(cost, repeat=5000)
    best_cell = median_seconds(best, repeat=3000)
    out: list[Figure] = [
        ("ANSWER_COST, one cell (a new forecast)", cost_cell, "us", floor, "quote() of it", "< 50 us",
         cost_cell < 50e-6),
        ("ANSWER_BEST, one cell (a new forecast)", best_cell, "us", cost_cell, "ANSWER_COST, one cell",
         "< 10x ANSWER_COST", best_cell < 10 * cost_cell),
    ]
    args = column()
    bare = median_seconds(lambda: udfs.ANSWER_COST(*args), repeat=7, warmup=2)
    officejs, ours = load_officejs()
    via = median_seconds(lambda: officejs_call(officejs, ours, "ANSWER_COST", *args), repeat=7, warmup=2)
    out += [
        ("ANSWER_COST over 10,000 rows, one array call (bare)", bare, "ms", None, "", "", None),
        ("ANSWER_COST over 10,000 rows through xlwings' custom_functions_call (Office.js: Lite, Server)", via,
         "ms", bare, "the bare call", "< 100 ms", via < 0.1),
    ]
    return out


def _fmt(seconds: float, unit: str) -> str:
    return f"{seconds * 1e6:.1f} us" if unit == "us" else f"{seconds * 1e3:.1f} ms"


def main() -> None:
    for name, value, unit, floor, floor_what, target, met in figures():
        ratio = f"  ({value / floor:.1f}x {floor_what}: {_fmt(floor, unit)})" if floor else ""
        verdict = "" if met is None else f"  target {target}: {'met' if met else 'NOT MET'}"
        print(f"{name}: {_fmt(value, unit)}{ratio}{verdict}")


if __name__ == "__main__":
    main()

"""Shared helpers for the benchmarks: medians of repeated timings, a typical customer base."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd


def median_seconds(fn: Callable[[], object], repeat: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def customers(n: int, seed: int = 7) -> pd.DataFrame:
    """A customer base: most use calls, many chats, some options; durations to the second or
    with decimals, hours to the hundredth."""
    rng = np.random.default_rng(seed)

    def some(values: np.ndarray, p: float) -> np.ndarray:
        return np.where(rng.random(n) < p, values, 0)

    return pd.DataFrame({
        "calls": some(rng.integers(0, 600, n), 0.9),
        "call_seconds": rng.integers(30, 400, n).astype(float),
        "chats": some(rng.integers(0, 400, n), 0.6),
        "aht": np.round(rng.random(n) * 400, 1),
        "forwards": some(rng.integers(0, 50, n), 0.3),
        "forward_seconds": some(rng.integers(0, 300, n), 0.3).astype(float),
        "outbound_calls": some(rng.integers(0, 30, n), 0.2),
        "outbound_seconds": some(rng.integers(0, 300, n), 0.2).astype(float),
        "foreign_minutes": some(np.round(rng.random(n) * 20, 2), 0.1),
        "voice_response": rng.random(n) < 0.2,
        "email_reports": some(rng.integers(0, 200, n), 0.4),
        "sms_reports": some(rng.integers(0, 2000, n), 0.3),
        "month_spec": rng.random(n) < 0.3,
        "training_hours": some(np.round(rng.random(n) * 8, 1), 0.1),
        "assistant_hours": some(np.round(rng.random(n) * 60, 2), 0.2),
        "need_24_7": rng.random(n) < 0.25,
    })

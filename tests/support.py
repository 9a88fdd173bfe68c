"""Plain helpers shared by the test modules (data, tariff variants, frames, the command line).
Fixtures are in conftest.py; no test module imports another."""
from __future__ import annotations

import copy
import tomllib
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from optimizer import Usage
from optimizer.ground.usage import FLAG_FIELDS, USAGE_FIELDS
from optimizer.pricing.tariff import Tariff, parse_tariff

BIG: dict[str, Any] = dict(calls=300, call_seconds=100, chats=60, aht=240, forwards=10, forward_seconds=120,
                           outbound_calls=5, outbound_seconds=60, foreign_minutes=3, voice_response=True,
                           email_reports=90, sms_reports=275, month_spec=True, training_hours=2,
                           assistant_hours=7, need_24_7=True)
MID: dict[str, Any] = dict(calls=120, call_seconds=150, chats=40, aht=200)
PLANS = ("BASIC", "SMART", "PLUS", "PREMIUM")

_SHIPPED = tomllib.loads(resources.files("optimizer.tariffs").joinpath("prijslijst.toml").read_text())


def shipped() -> dict[str, Any]:
    """The shipped tariff document, a fresh copy to alter."""
    return copy.deepcopy(_SHIPPED)


def charge(doc: dict[str, Any], key: str) -> dict[str, Any]:
    return next(c for c in doc["charges"] if c["key"] == key)


def altered(discount: str | None = None, **fees: str) -> Tariff:
    """The shipped tariff with another discount rate and/or plan fees."""
    d = shipped()
    if discount is not None:
        d["discount"]["per_extra_service"] = discount
    for plan, fee in fees.items():
        d["plans"][plan]["fee"] = fee
    return parse_tariff(d)


def random_frame(n: int, seed: int, totals: bool = False) -> pd.DataFrame:
    """Random forecasts: sparse counts, durations whole or with 1-3 decimals, hours, flags; with
    totals=True, some rows give month totals instead of averages (rule 26)."""
    rng = np.random.default_rng(seed)

    def sparse(values: np.ndarray, p: float = 0.5) -> np.ndarray:
        return np.where(rng.random(n) < p, values, 0)

    data: dict[str, Any] = {
        "calls": sparse(rng.integers(0, 400, n), 0.8),
        "chats": sparse(rng.integers(0, 300, n), 0.6),
        "forwards": sparse(rng.integers(0, 40, n), 0.3),
        "outbound_calls": sparse(rng.integers(0, 40, n), 0.3),
        "email_reports": sparse(rng.integers(0, 150, n), 0.3),
        "sms_reports": sparse(rng.integers(0, 3000, n), 0.3),
    }
    for f in ("call_seconds", "aht", "forward_seconds", "outbound_seconds"):
        whole = rng.integers(0, 600, n).astype(float)
        frac = np.round(rng.random(n) * 600, rng.integers(1, 4))  # 1 to 3 decimals
        data[f] = np.where(rng.random(n) < 0.5, whole, frac)
    data["foreign_minutes"] = sparse(np.round(rng.random(n) * 30, 2), 0.3)
    data["training_hours"] = sparse(np.round(rng.random(n) * 10, 1), 0.2)
    data["assistant_hours"] = sparse(np.round(rng.random(n) * 80, 2), 0.3)
    for f in FLAG_FIELDS:
        data[f] = rng.random(n) < 0.3
    if totals:
        for average, total, top in (("call_seconds", "billable_call_seconds", 60_000),
                                    ("forward_seconds", "total_forward_seconds", 9_000),
                                    ("outbound_seconds", "total_outbound_seconds", 9_000),
                                    ("foreign_minutes", "foreign_seconds", 2_000)):
            given = rng.random(n) < 0.4
            data[total] = np.where(given, np.round(rng.random(n) * top, rng.integers(0, 4)), 0.0)
            data[average] = np.where(given, 0.0, data[average])
    return pd.DataFrame(data)


def usage_of(row: Any) -> Usage:
    return Usage(**{f: row[f] for f in USAGE_FIELDS if f in row})


def plan_or_none(value: Any) -> str | None:
    return None if pd.isna(value) else str(value)

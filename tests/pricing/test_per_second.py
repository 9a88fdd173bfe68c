"""per_second (rules 9-13, 26): seconds at a price per minute, billed per second, from an average
per contact, minutes, or the month's total counted per contact."""
from decimal import Decimal

import numpy as np
import pytest

from optimizer import Usage
from optimizer.pricing import PerSecond, Schema, Vec


def charge(tariff, key):
    c = next(c for c in tariff.charges if c.key == key)
    assert isinstance(c, PerSecond)
    return c


@pytest.mark.parametrize("key, usage, want, shown", [
    ("phone.call_time", dict(calls=120, call_seconds=150), "196.80", "Call time beyond 90 s (120 x 60 s)"),
    ("phone.call_time", dict(calls=1, call_seconds=91), "0.03", None),  # 0.0273
    ("phone.call_time", dict(calls=10, call_seconds=90), "0", None),
    ("phone.call_time", dict(billable_call_seconds=7200), "196.80", "Call time beyond 90 s (month total)"),
    ("phone.call_time", dict(calls=120, billable_call_seconds=1800), "49.20", None),  # rule 25's example line
    ("chat.aht", dict(chats=40, aht=200), "21.87", None),  # 800 s x 1.64/60 = 21.8666..
    ("phone.forward_time", dict(forwards=1, forward_seconds=2), "0.03", None),  # 0.025, half-up
    ("phone.forward_time", dict(total_forward_seconds=1200), "15.00", None),
    ("phone.outbound_time", dict(outbound_calls=5, outbound_seconds=60), "8.20", None),
    ("phone.foreign", dict(foreign_minutes=3), "7.11", "Foreign surcharge"),
    ("phone.foreign", dict(foreign_minutes=0.5), "1.19", None),  # 1.185, half-up
    ("phone.foreign", dict(foreign_seconds=180), "7.11", "Foreign surcharge (month total)"),
    ("phone.foreign", dict(foreign_seconds=61), "2.41", None),  # 61 x 2.37/60 = 2.4095
])
def test_hand_computed(tariff, key, usage, want, shown):
    c = charge(tariff, key)
    lines = list(c.lines(Usage(**usage)))
    assert sum((ln.amount for ln in lines), Decimal(0)) == Decimal(want)
    assert len(lines) <= 1  # rounded once, whichever way the seconds were given
    if shown:
        assert lines[0].what == shown


def test_minutes_shown_in_minutes(tariff):
    (line,) = charge(tariff, "phone.foreign").lines(Usage(foreign_minutes=3))
    assert (line.quantity, line.unit, line.per, line.unit_price) == (3, "min", "min", Decimal("2.37"))


def test_vectorised_in_thousandths(tariff):
    c = charge(tariff, "phone.call_time")
    v = Vec({"calls": np.array([120, 1, 0, 3]), "call_seconds": np.array([150_000, 91_000, 0, 120_500]),
             "billable_call_seconds": None}, 4)
    assert c.cents(v).tolist() == [19680, 3, 0, 250]  # 3 x 30.5 s = 91.5 s x 1.64/60 = 2.501
    v = Vec({"billable_call_seconds": np.array([7_200_000, 0])}, 2)
    assert c.cents(v).tolist() == [19680, 0]


@pytest.mark.parametrize("table, problem", [
    ({"quantity": "calls", "per_minute": "1"}, "'quantity' (contacts) and 'seconds'"),
    ({"per_minute": "1"}, "needs 'quantity' with 'seconds', 'minutes' or 'total'"),
    ({"minutes": "foreign_minutes", "free_seconds": 5, "per_minute": "1"}, "only an average"),
    ({"total": "calls", "per_minute": "1"}, "wrong kind"),
])
def test_schema_problems(table, problem):
    schema = Schema("t")
    PerSecond.parse(table, "charges[0] (x)", schema, {"key": "x", "what": "x"})
    assert any(problem in p for p in schema.problems), schema.problems

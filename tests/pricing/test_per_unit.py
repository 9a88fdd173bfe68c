"""per_unit: quantity x price (rules 11 and 12 attempts, 18 training hours)."""
from decimal import Decimal

import numpy as np
import pytest

from optimizer import Usage
from optimizer.pricing import MILLI, PerUnit, Vec


def charge(tariff, key):
    return next(c for c in tariff.charges if c.key == key)


@pytest.mark.parametrize("key, usage, want", [
    ("phone.forwards", dict(forwards=10), "10.60"),
    ("phone.outbound", dict(outbound_calls=5), "5.30"),
    ("other.training", dict(training_hours=2), "66.10"),
    ("other.training", dict(training_hours=1.5), "49.58"),  # 49.575, half-up
    ("other.training", dict(training_hours=0.001), "0.03"),  # 0.03305
])
def test_hand_computed(tariff, key, usage, want):
    c = charge(tariff, key)
    assert isinstance(c, PerUnit)
    assert sum(ln.amount for ln in c.lines(Usage(**usage))) == Decimal(want)


def test_vectorised_hours_in_thousandths(tariff):
    c = charge(tariff, "other.training")
    v = Vec({"training_hours": np.array([2000, 1500, 1, 0])}, 4)  # 2 h, 1.5 h, 0.001 h, none
    assert c.cents(v).tolist() == [6610, 4958, 3, 0]
    assert c.describe() == "33.05 per h"
    assert Vec.scale("training_hours") == MILLI and Vec.scale("forwards") == 1

"""included (rules 6, 8): the first contacts of the month free, the rest at one price."""
from decimal import Decimal

import numpy as np
import pytest

from optimizer import Usage
from optimizer.pricing import Included, Vec


@pytest.mark.parametrize("key, field, n, want", [
    ("phone.calls.included", "calls", 74, "0"), ("phone.calls.included", "calls", 75, "0"),
    ("phone.calls.included", "calls", 76, "1.79"), ("phone.calls.included", "calls", 175, "179.00"),
    ("chat.chats.included", "chats", 50, "0"), ("chat.chats.included", "chats", 51, "2.66"),
    ("chat.chats.included", "chats", 60, "26.60"),
])
def test_included_then_one_price(tariff, key, field, n, want):
    c = next(c for c in tariff.charges if c.key == key)
    assert isinstance(c, Included)
    lines = list(c.lines(Usage(**{field: n})))
    assert sum((ln.amount for ln in lines), Decimal(0)) == Decimal(want)
    assert lines[0].quantity == min(n, c.included) and lines[0].amount == 0  # the included ones, shown
    assert c.cents(Vec({field: np.array([n])}, 1)).tolist() == [int(Decimal(want) * 100)]


def test_description(tariff):
    c = next(c for c in tariff.charges if c.key == "phone.calls.included")
    assert c.describe() == "first 75 included, then 1.79 per call"

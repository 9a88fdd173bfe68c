"""graduated (rules 5, 7): each tier's price for the contacts that fall in it."""
from decimal import Decimal

import numpy as np
import pytest

from optimizer import Usage
from optimizer.pricing import Graduated, Schema, Vec
from optimizer.pricing.graduated import parse_tiers


@pytest.fixture
def calls(tariff):
    c = next(c for c in tariff.charges if c.key == "phone.calls")
    assert isinstance(c, Graduated)
    return c


@pytest.mark.parametrize("n, want", [(0, "0"), (1, "3.03"), (49, "148.47"), (50, "151.50"), (51, "154.02"),
                                     (99, "274.98"), (100, "277.50"), (101, "279.34"), (200, "461.50")])
def test_tier_boundaries(calls, n, want):
    """1-50 at 3.03, 51-100 at 2.52, 101+ at 1.84 (PRICING.md: 100 calls = 277.50, 101 = 279.34)."""
    assert sum((ln.amount for ln in calls.lines(Usage(calls=n))), Decimal(0)) == Decimal(want)
    assert calls.cents(Vec({"calls": np.array([n])}, 1)).tolist() == [int(Decimal(want) * 100)]


def test_lines_name_their_tier(calls):
    assert [ln.what for ln in calls.lines(Usage(calls=120))] == ["Calls 1-50", "Calls 51-100", "Calls 101+"]
    assert next(ln.dutch for ln in calls.lines(Usage(calls=120))) == "Per gesprek 1-50"
    assert calls.describe() == "1-50: 3.03; 51-100: 2.52; 101+: 1.84"


@pytest.mark.parametrize("tiers, problem", [
    ([{"from": 1, "to": 50, "price": "1"}, {"from": 52, "price": "1"}], "tiers do not join up"),
    ([{"from": 1, "to": 50, "price": "1"}], "the last tier must be open-ended"),
    ([{"from": 1, "price": "1"}, {"from": 2, "price": "1"}], "only the last tier may be open-ended"),
    ([], "must be a non-empty list"),
    ([{"from": 1, "price": "1.00001"}], "a unit price has at most 4 decimals"),
])
def test_tier_problems_have_key_paths(tiers, problem):
    schema = Schema("t")
    parse_tiers(tiers, "charges[0] (x).tiers", schema)
    assert any(p.startswith("charges[0] (x).tiers") and problem in p for p in schema.problems), schema.problems

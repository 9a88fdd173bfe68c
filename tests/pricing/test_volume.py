"""volume (the switch of rules 5 and 7): every contact at the rate of the tier reached."""
from decimal import Decimal

import numpy as np
import pytest

from optimizer import Usage
from optimizer.pricing import Vec, Volume
from optimizer.pricing.tariff import parse_tariff
from tests.support import charge, shipped


@pytest.fixture(scope="module")
def calls():
    d = shipped()
    charge(d, "phone.calls")["model"] = "volume"
    c = next(c for c in parse_tariff(d).charges if c.key == "phone.calls")
    assert isinstance(c, Volume)
    return c


@pytest.mark.parametrize("n, want", [(0, "0"), (1, "3.03"), (50, "151.50"), (51, "128.52"), (100, "252.00"),
                                     (101, "185.84")])
def test_all_at_the_rate_reached(calls, n, want):
    lines = list(calls.lines(Usage(calls=n)))
    assert sum((ln.amount for ln in lines), Decimal(0)) == Decimal(want)
    assert len(lines) == (1 if n else 0)
    assert calls.cents(Vec({"calls": np.array([n])}, 1)).tolist() == [int(Decimal(want) * 100)]


def test_line_and_description(calls):
    (line,) = calls.lines(Usage(calls=60))
    assert line.what == "Calls, all at the 51-100 rate" and line.unit_price == Decimal("2.52")
    assert "every contact at the rate reached" in calls.describe()

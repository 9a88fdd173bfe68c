"""flat (rules 14, 17): a monthly amount when an option is wanted."""
from decimal import Decimal

import numpy as np
import pytest

from optimizer import Usage
from optimizer.pricing import Flat, Vec


@pytest.fixture
def voice(tariff):
    return next(c for c in tariff.charges if c.key == "phone.voice_response")


def test_an_amount_when_wanted(voice):
    assert isinstance(voice, Flat) and voice.when == "voice_response"
    (line,) = voice.lines(Usage(voice_response=True))
    assert (line.amount, line.quantity, line.unit, line.what) == (Decimal("37.07"), 1, "month", "Voice response")
    assert list(voice.lines(Usage())) == []


def test_vectorised(voice):
    v = Vec({"voice_response": np.array([1, 0, 1])}, 3)
    assert voice.cents(v).tolist() == [3707, 0, 3707]
    assert voice.cents(Vec({}, 3)) is None  # absent everywhere: nothing to add


def test_describe(voice):
    assert voice.describe() == "37.07 per month"

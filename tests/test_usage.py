from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from optimizer import AnswerPlanError, Usage, UsageError
from optimizer.ground.usage import (
    AMOUNT_FIELDS,
    AVERAGE_OR_TOTAL,
    COUNT_FIELDS,
    FLAG_FIELDS,
    USAGE_FIELDS,
)
from optimizer.reading.cells import yes_no_or_value


def test_defaults_are_zero_and_false():
    u = Usage()
    assert all(getattr(u, f) == 0 for f in COUNT_FIELDS + AMOUNT_FIELDS)
    assert all(getattr(u, f) is False for f in FLAG_FIELDS)
    assert set(USAGE_FIELDS) == set(COUNT_FIELDS + AMOUNT_FIELDS + FLAG_FIELDS)


@pytest.mark.parametrize("value, want", [
    pytest.param(120, 120, id="int"),
    pytest.param(120.0, 120, id="integral float, as Excel sends"),
    pytest.param(np.int64(7), 7, id="numpy int"),
    pytest.param(np.float64(7.0), 7, id="numpy float"),
    pytest.param(Decimal("3"), 3, id="Decimal"),
    pytest.param(0, 0, id="zero"),
])
def test_counts_accept_whole_numbers(value, want):
    u = Usage(calls=value)
    assert u.calls == want and type(u.calls) is int


@pytest.mark.parametrize("value", [
    pytest.param(1.5, id="fraction"),
    pytest.param(-1, id="negative"),
    pytest.param("ten", id="text"),
    pytest.param("10", id="numeric text"),
    pytest.param(True, id="bool"),
    pytest.param(float("nan"), id="nan"),
    pytest.param(float("inf"), id="infinity"),
    pytest.param(None, id="None"),
    pytest.param(Decimal("NaN"), id="Decimal NaN"),
    pytest.param([1], id="list"),
])
@pytest.mark.parametrize("field", COUNT_FIELDS)
def test_counts_refuse_the_rest(field, value):
    with pytest.raises(UsageError) as err:
        Usage(**{field: value})
    assert isinstance(err.value, ValueError) and isinstance(err.value, AnswerPlanError)
    message = str(err.value)
    assert message.startswith(f"{field}: ") and "whole number >= 0" in message
    assert err.value.field == field


def test_message_shows_the_value():
    with pytest.raises(UsageError, match=r"^calls: 'ten' is not a whole number >= 0$"):
        Usage(calls="ten")
    with pytest.raises(UsageError, match=r"^calls: 1.5 is not"):
        Usage(calls=np.float64(1.5))
    with pytest.raises(UsageError, match=r"^aht: -3 is not a finite number >= 0$"):
        Usage(aht=-3)


@pytest.mark.parametrize("field", AMOUNT_FIELDS)
def test_amounts_are_exact_decimals(field):
    u = Usage(**{field: 0.1})
    assert getattr(u, field) == Decimal("0.1")  # the number typed, not the binary float
    assert Usage(**{field: 150}).__getattribute__(field) == Decimal(150)
    assert Usage(**{field: Decimal("2.345")}).__getattribute__(field) == Decimal("2.345")


@pytest.mark.parametrize("value", [-0.5, float("nan"), float("-inf"), "150", True, None])
@pytest.mark.parametrize("field", AMOUNT_FIELDS)
def test_amounts_refuse(field, value):
    with pytest.raises(UsageError, match=rf"^{field}: .* is not a finite number >= 0$"):
        Usage(**{field: value})


@pytest.mark.parametrize("value, want", [(True, True), (False, False), (1, True), (0.0, False),
                                         (np.bool_(True), True)])
@pytest.mark.parametrize("field", FLAG_FIELDS)
def test_flags(field, value, want):
    assert getattr(Usage(**{field: value}), field) is want


@pytest.mark.parametrize("value", [2, "maybe", "misschien", -1, 0.5, None, "ja nee"])
def test_flags_refuse(value):
    with pytest.raises(UsageError, match=r"^need_24_7: .* is not yes or no \(ja/nee, waar/onwaar, yes/no"):
        Usage(need_24_7=value)


@pytest.mark.parametrize("word, want", [("ja", True), ("NEE", False), (" Waar ", True), ("onwaar", False),
                                        ("yes", True), ("No", False), ("TRUE", True), ("false", False),
                                        ("j", True), ("n", False), ("Y", True), ("1", True), ("0", False)])
def test_usage_takes_the_yes_no_words_of_every_way_in(word, want):
    assert Usage(need_24_7=word).need_24_7 is want


def test_frozen_and_replace_revalidates():
    u = Usage(calls=3)
    with pytest.raises(AttributeError):
        u.calls = 4  # type: ignore[misc]
    assert u.replace(calls=5.0).calls == 5
    with pytest.raises(UsageError):
        u.replace(calls=-5)


def test_unknown_field_is_a_type_error():
    with pytest.raises(TypeError):
        Usage(call=3)  # type: ignore[call-arg]


@pytest.mark.parametrize("field, value, message", [
    ("calls", 10**8 + 1, "calls: 100000001 is not at most 100,000,000 (the limit for calls)"),
    ("calls", Decimal("1e999999999"), "calls: 1E+999999999 is not at most 100,000,000"),
    ("call_seconds", 1e7, "call_seconds: 10000000 is not at most 1,000,000"),
    ("billable_call_seconds", 10**13, "billable_call_seconds: 10000000000000 is not at most 1,000,000,000,000"),
    ("assistant_hours", Decimal("0." + "1" * 45), "is not a number of at most 40 digits and 350 decimals"),
    ("aht", Decimal("1e-400"), "is not a number of at most 40 digits and 350 decimals"),
    ("training_hours", Fraction(1, 10**13), "a fraction with a denominator of at most 1,000,000,000,000"),
])
def test_limits_are_refused_at_once(field, value, message):
    with pytest.raises(UsageError) as err:
        Usage(**{field: value})
    assert message in str(err.value)


def test_limits_are_accepted_up_to_the_edge():
    u = Usage(calls=10**8, call_seconds=10**6, billable_call_seconds=0, foreign_seconds=10**12)
    assert u.calls == 10**8 and u.foreign_seconds == 10**12


def test_fractions_stay_exact_and_decimals_where_they_can():
    u = Usage(training_hours=Fraction(4, 3), assistant_hours=Fraction(3, 4))
    assert u.training_hours == Fraction(4, 3) and isinstance(u.training_hours, Fraction)
    assert u.assistant_hours == Decimal("0.75") and isinstance(u.assistant_hours, Decimal)


@pytest.mark.parametrize("average, total", AVERAGE_OR_TOTAL)
def test_rule_26_an_average_or_a_total_not_both(average, total):
    assert getattr(Usage(**{total: 500}), total) == 500
    with pytest.raises(UsageError, match=rf"^{total}: 500 is not allowed together with {average} \(3\): give the "
                                         "average or the month's total, not both$"):
        Usage(**{average: 3, total: 500})


def test_waar_onwaar_and_other_yes_no_words():
    assert [yes_no_or_value(w) for w in ("WAAR", "onwaar", " Ja ", "nee", "", "yes")] == \
        [True, False, True, False, False, True]
    assert yes_no_or_value("misschien") == "misschien"

"""Money in one place: exact products and quotients, half-up rounding per line (rule 21), the
discount (rule 20), cents, and amounts as a person reads them."""
from decimal import Decimal
from fractions import Fraction

import pytest

from optimizer.ground.money import (
    add,
    cents_fraction,
    discount,
    div,
    format_amount,
    from_cents,
    mul,
    round_cents,
    to_cents,
)


@pytest.mark.parametrize("amount, want", [
    (Decimal("0.005"), "0.01"), (Decimal("0.0049999"), "0.00"), (Decimal("-0.005"), "-0.01"),
    (Decimal("37.93125"), "37.93"), (Decimal("-37.93125"), "-37.93"), (Decimal("40.625"), "40.63"),
    (Fraction(1, 200), "0.01"), (Fraction(-1, 200), "-0.01"), (Fraction(1, 3), "0.33"), (Fraction(2, 3), "0.67"),
    (7, "7.00"), (Decimal("1e15") + Decimal("0.005"), "1000000000000000.01"),
])
def test_round_cents_half_away_from_zero(amount, want):
    assert str(round_cents(amount)) == want


def test_products_and_quotients_are_exact():
    assert mul(Decimal("0.1"), 3) == Decimal("0.3") and isinstance(mul(Decimal("0.1"), 3), Decimal)
    assert mul(Fraction(4, 3), Decimal("33.05")) == Fraction(4, 3) * Fraction("33.05")
    assert mul(Decimal("123456789.123456789"), Decimal("987654321.987654321")) == \
        Decimal("121932631356500531.347203169112635269")  # beyond Decimal's default 28 digits
    assert div(Decimal("196.8"), 60) == Decimal("3.28")
    assert div(1, 3) == Fraction(1, 3)
    assert add(Decimal("0.1"), Fraction(1, 3)) == Fraction(13, 30) and add(Decimal("0.1"), 2) == Decimal("2.1")


def test_discount_rule_20_one_line_on_the_fees():
    assert discount(Decimal("0.125"), 2, Decimal("303.45")) == Decimal("-37.93")  # 37.93125
    assert discount(Decimal("0.125"), 1, Decimal("303.45")) == 0
    assert discount(Decimal("0"), 2, Decimal("303.45")) == 0
    assert discount(Decimal("0.125"), 3, Decimal("100")) == Decimal("-25.00")  # per extra service


def test_cents():
    assert to_cents(Decimal("583.59")) == 58359 and from_cents(58359) == Decimal("583.59")
    with pytest.raises(ValueError, match="not a whole number of cents"):
        to_cents(Decimal("35.001"))
    assert cents_fraction(Decimal("1.64"), 60) == Fraction(164, 60)


@pytest.mark.parametrize("amount, lang, want", [
    (Decimal("1590.71"), "en", "EUR 1,590.71"), (Decimal("1590.71"), "nl", "€ 1.590,71"),
    (Decimal("-8.97"), "nl", "€ -8,97"), (1234567.891, "en", "EUR 1,234,567.89"), (0, "nl", "€ 0,00"),
])
def test_format_amount(amount, lang, want):
    assert format_amount(amount, lang) == want
    assert format_amount(Decimal("1590.71"), "en", grouping=False, symbol=False) == "1590.71"

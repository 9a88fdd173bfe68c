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
    vat,
    vat_cents,
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


@pytest.mark.parametrize("rate, total, want", [
    ("0.21", "100.00", "21.00"), ("0.21", "0.02", "0.00"),  # 0.42 cent: down
    ("0.21", "0.50", "0.11"),  # 10.5 cents: half up
    ("0.21", "12.50", "2.63"),  # 262.5 cents: half up
    ("0.09", "0.50", "0.05"),  # 4.5 cents: half up
    ("0.21", "-12.50", "-2.63"),  # a credit: half away from zero
    ("0", "99.99", "0.00"), ("0.215", "1.00", "0.22"),  # 21.5 cents
])
def test_vat_rule_32_hand_computed(rate, total, want):
    assert str(vat(Decimal(rate), Decimal(total))) == want


def test_vat_cents_one_expression_for_one_invoice_and_a_batch():
    """The batch (numpy int64, or Python ints in an object array beyond int64) and one invoice
    give the same cents, and both what Decimal's half-up rounding of rate x total gives."""
    import numpy as np
    rng = np.random.default_rng(32)
    small = np.concatenate([np.arange(-300, 301), rng.integers(-10**12, 10**12, 2000)]).astype(np.int64)
    for rate in ("0.21", "0.09", "0.215", "0.333333"):
        r = Decimal(rate)
        batch = vat_cents(r, small)
        assert batch.dtype == np.int64
        assert batch.tolist() == [vat_cents(r, c) for c in small.tolist()] == \
            [int(round_cents(mul(r, from_cents(c))).scaleb(2)) for c in small.tolist()]
        huge = np.array([10**20 + 50, -(10**20) - 50, 7], dtype=object)
        assert vat_cents(r, huge).tolist() == [int(round_cents(mul(r, from_cents(c))).scaleb(2)) for c in huge]


def test_vat_cents_of_an_int64_batch_beyond_int64_products():
    """An int64 batch whose products would pass 2^63 is taxed in Python's ints, not wrapped."""
    import numpy as np
    big = np.array([2**61, -(2**61) + 7, 150], np.int64)
    r = Decimal("0.21")
    assert vat_cents(r, big).tolist() == [int(round_cents(mul(r, from_cents(int(c)))).scaleb(2)) for c in big]

"""Pack covers (rules 15, 16, 19): exact for any count, checked against brute force."""
from decimal import Decimal
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer import load_tariff
from optimizer.money import round_cents

T = load_tariff()
SMS = next(c for c in T.charges if c.key == "options.sms_reports")
ASSIST = next(c for c in T.charges if c.key == "other.assistant")
EMAIL = next(c for c in T.charges if c.key == "options.email_reports")


def brute(charge, h: Decimal) -> int:
    """Every combination of pack counts up to covering h, plus units beyond them (cents)."""
    if not h:
        return 0
    ranges = [range(int(h) // p.size + 2) for p in charge.packs]
    best = None
    for counts in product(*ranges):
        covered = sum(n * p.size for n, p in zip(counts, charge.packs))
        cents = sum(int(n * p.price * 100) for n, p in zip(counts, charge.packs))
        rest = max(Decimal(0), h - covered)
        if rest and charge.unit_price is None:
            continue
        if rest:
            cents += int(round_cents(rest * charge.unit_price) * 100)
        best = cents if best is None else min(best, cents)
    if charge.unlimited is not None:
        best = min(best, int(charge.unlimited * 100))
    return best


def test_sms_against_brute_force_every_count_to_1600():
    for n in range(0, 1601):
        assert SMS.cover(Decimal(n))[0] == brute(SMS, Decimal(n)) if n else True, n


@pytest.mark.parametrize("tenths", range(0, 1301, 7))
def test_assistant_against_brute_force_fractional_hours(tenths):
    h = Decimal(tenths) / 10
    if h:
        assert ASSIST.cover(h)[0] == brute(ASSIST, h)


@pytest.mark.parametrize("n, cents, lines", [
    pytest.param(275, 4677, ["pack of 75", "pack of 200"], id="rule 16 example: 200 + 75"),
    pytest.param(20, 1340, ["per piece"], id="20 singles cheaper than a 75 pack"),
    pytest.param(21, 1353, ["pack of 75"], id="21: one 75 pack"),
    pytest.param(400, 6648, ["pack of 200"], id="two 200 packs beat a 500 pack by a cent"),
    pytest.param(501, 6716, ["pack of 500", "beyond packs"], id="500 pack plus one single"),
])
def test_sms_examples(n, cents, lines):
    got, got_lines = SMS.cover(Decimal(n))
    assert got == cents
    assert [any(frag in ln[0][0] for ln in got_lines) for frag in lines] == [True] * len(lines)


@pytest.mark.parametrize("h, cents", [
    ("7", 31753), ("5", 21801), ("15", 59385), ("12", 53554), ("0.5", 2488), ("4.5", 21801),
    ("25", 88971), ("30", 110772), ("2.001", 9957),
])
def test_assistant_examples(h, cents):
    assert ASSIST.cover(Decimal(h))[0] == cents


def test_email_reports_against_brute_force():
    for n in range(0, 400):
        assert EMAIL.cover(Decimal(n))[0] == (brute(EMAIL, Decimal(n)) if n else 0), n


@pytest.mark.parametrize("n, cents", [(1, 25), (79, 1975), (80, 1983), (10_000, 1983)])
def test_email_reports_cheaper_of_unlimited_or_per_piece(n, cents):
    assert EMAIL.cover(Decimal(n))[0] == cents


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 1_000_000))
def test_sms_large_counts_match_the_periodic_formula(n):
    """Above the table, one more 500-pack costs exactly 66.49: cover(n + 500) = cover(n) + 6649."""
    if n < 3000:
        assert SMS.cover(Decimal(n))[0] == (brute(SMS, Decimal(n)) if n else 0)
    else:
        assert SMS.cover(Decimal(n + 500))[0] == SMS.cover(Decimal(n))[0] + 6649


def test_a_million_is_fast_and_exact():
    cents, lines = SMS.cover(Decimal(1_000_000))
    assert cents == 2000 * 6649
    assert lines[0][1] == 2000 and "pack of 500" in lines[0][0][0]
    cents, _ = ASSIST.cover(Decimal("999999.5"))
    assert cents == brute_large_assistant(Decimal("999999.5"))


def brute_large_assistant(h: Decimal) -> int:
    """Large h: reduce by 25 h packs to the brute-force range, then add them back."""
    k = max(0, int((h - 200) // 25))
    return k * 88971 + brute(ASSIST, h - 25 * k)

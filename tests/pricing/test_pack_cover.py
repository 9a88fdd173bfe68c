"""pack_cover (rules 15, 16, 19): the cheapest cover, exact for any quantity, against brute force;
the credit switch; the vectorised engine; tariffs refused at load."""
from decimal import Decimal
from itertools import product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer import Usage, load_tariff
from optimizer.ground.errors import TariffError
from optimizer.ground.money import round_cents
from optimizer.pricing import MILLI, PackCover, PackTable, Vec
from optimizer.pricing.tariff import parse_tariff
from tests.support import charge, shipped

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


def test_vectorised_equals_the_decimal_cover_for_every_count():
    """Every SMS count to 4,000 and every e-mail count to 200, in one vectorised call each."""
    for c, top in ((SMS, 4000), (EMAIL, 200)):
        n = np.arange(top + 1)
        got = c.cents(Vec({c.quantity: n}, len(n)))
        assert got.tolist() == [c.cover(Decimal(int(k)))[0] if k else 0 for k in n]


def test_vectorised_hours_in_thousandths_and_as_floats():
    milli = np.arange(0, 130_001, 37)  # every 0.037 h up to 130 h
    got = ASSIST.cents(Vec({"assistant_hours": milli}, len(milli)))
    want = [ASSIST.cover(Decimal(int(k)) / MILLI)[0] if k else 0 for k in milli]
    assert got.tolist() == want
    floats = milli.astype(float) + 0.25  # beyond three decimals: the float64 path, with its doubt
    unsure = np.zeros(len(floats), bool)
    got = ASSIST.cents(Vec({"assistant_hours": floats}, len(floats), unsure))
    want = [ASSIST.cover(Decimal(repr(float(k))) / MILLI)[0] for k in floats]
    assert [g for g, w, u in zip(got, want, unsure) if not u] == [w for w, u in zip(want, unsure) if not u]


def test_huge_counts_in_one_call():
    n = np.array([10**8, 10**8 - 1, 10**7 + 3])
    assert SMS.cents(Vec({"sms_reports": n}, 3)).tolist() == [SMS.cover(Decimal(int(k)))[0] for k in n]


def test_credit_switch():
    d = shipped()
    charge(d, "options.sms_reports")["billing"] = "credit"
    sms = next(c for c in parse_tariff(d).charges if c.key == "options.sms_reports")
    assert isinstance(sms, PackCover) and sms.billing == "credit" and sms.table is None
    (line,) = sms.lines(Usage(sms_reports=275))
    assert line.amount == Decimal("36.57")  # 275 x 66.49/500 = 36.5695
    assert sms.cents(Vec({"sms_reports": np.array([275, 500])}, 2)).tolist() == [3657, 6649]
    assert sms.describe().endswith("(as credit)")


def test_a_pack_table_too_large_is_refused_at_load():
    d = shipped()
    charge(d, "options.sms_reports")["packs"] = [{"size": 997, "price": "100.00"}, {"size": 1009, "price": "101.00"}]
    too_large = r"pack sizes 997, 1009 need a table of 1,005,986 entries .*\(at most 100,000\)"
    with pytest.raises(TariffError, match=too_large):
        parse_tariff(d)
    assert PackTable.size_needed(SMS.packs) == len(SMS.table.cost) < 200


def test_packs_never_worth_buying_are_refused():
    d = shipped()
    charge(d, "options.sms_reports")["unit_price"] = "0.10"  # 500 singles: 50.00 < the 500 pack
    with pytest.raises(TariffError, match="must cost at least a cent less than 500 at the unit price 0.10"):
        parse_tariff(d)


def test_pack_prices_are_whole_cents():
    d = shipped()
    charge(d, "options.sms_reports")["packs"][0]["price"] = "13.531"
    with pytest.raises(TariffError, match=r"packs\[0\].price: '13.531' must be a whole number of cents"):
        parse_tariff(d)


def test_vectorised_floats_mark_their_doubt_on_the_right_rows():
    """A float a hair from a half cent is marked unsure, in its own row, zero rows around it
    (the window runs on the used rows only and marks back in place)."""
    near_half = 31.25 + 1e-12  # thousandths of an hour: 0.03125 h x 49.76 = 1.555 euros, a half cent
    h = np.array([0.0, near_half, 0.0, 1000.5, 0.0, near_half])
    unsure = np.zeros(len(h), bool)
    got = ASSIST.cents(Vec({"assistant_hours": h}, len(h), unsure))
    assert unsure.tolist() == [False, True, False, False, False, True]
    assert got[[0, 2, 4]].tolist() == [0, 0, 0] and got[3] == ASSIST.cover(Decimal("1.0005"))[0]

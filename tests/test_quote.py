"""Every rule of PRICING.md with a hand-computed amount, the worked examples, tier boundaries,
properties, and agreement with an independent implementation (tests/reference.py)."""
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import SelectionError, Usage, quote
from optimizer.ground.usage import AVERAGE_OR_TOTAL
from optimizer.pricing.tariff import parse_tariff
from tests import reference
from tests.strategies import PLAN_CHOICES, usages
from tests.support import BIG, MID, charge, shipped


def total(phone=None, chat=None, tariff=None, **usage) -> Decimal:
    return quote(Usage(**usage), phone=phone, chat=chat, tariff=tariff).total


@pytest.mark.parametrize("usage, phone, chat, want", [
    pytest.param(dict(calls=100), "BASIC", None, "312.50", id="100 calls BASIC"),
    pytest.param(dict(calls=101), "BASIC", None, "314.34", id="101 calls BASIC"),
    pytest.param(dict(calls=120, call_seconds=150), "SMART", None, "439.85", id="120 calls of 150 s SMART"),
    pytest.param(MID, "PLUS", "PLUS", "770.76", id="PLUS/PLUS"),
    pytest.param(MID, "SMART", "SMART", "583.59", id="SMART/SMART"),
    pytest.param(BIG, "PREMIUM", "PLUS", "1590.71", id="everything PREMIUM/PLUS"),
    pytest.param(BIG, "PREMIUM", "PREMIUM", "1581.74", id="everything PREMIUM/PREMIUM"),
])
def test_worked_examples(usage, phone, chat, want):
    assert total(phone, chat, **usage) == Decimal(want)


# ----------------------------------------------------------------------------- rules 1-4
@pytest.mark.parametrize("plan, fee", [("BASIC", "35.00"), ("SMART", "162.50"), ("PLUS", "60.45"),
                                       ("PREMIUM", "243.00")])
def test_rule_2_fees_per_service(plan, fee):
    assert total(plan) == Decimal(fee)
    assert total(None, plan) == Decimal(fee)


def test_rule_2_plan_per_service_mixed():
    # 243.00 + 35.00 + 10 x 3.30 - 12.5% x 278.00 (34.75)
    assert total("PREMIUM", "BASIC", calls=10, chats=10) == Decimal("276.25")


@pytest.mark.parametrize("phone, chat", [("BASIC", None), ("SMART", None), ("PLUS", "SMART"),
                                         (None, "BASIC")])
def test_rule_3_24_7_needs_plus_or_premium(phone, chat):
    with pytest.raises(SelectionError, match="need_24_7: .* is not reachable 24/7 \\(PLUS, PREMIUM are\\)"):
        total(phone, chat, need_24_7=True)


def test_rule_3_24_7_on_plus_and_premium():
    assert total("PLUS", "PREMIUM", need_24_7=True, calls=1) == Decimal("60.45") + Decimal("243.00") \
        + Decimal("3.03") - Decimal("37.93")
    assert total(need_24_7=True, month_spec=True) == Decimal("13.23")  # no service taken


@pytest.mark.parametrize("usage", [dict(calls=1), dict(forwards=1), dict(outbound_calls=1),
                                   dict(foreign_minutes=0.5), dict(voice_response=True)])
def test_rule_4_phone_usage_needs_phone(usage):
    with pytest.raises(SelectionError, match="the phone service .* is needed for"):
        total(None, "PLUS", **usage)


def test_rule_4_chats_need_chat():
    with pytest.raises(SelectionError, match="the chat service .* is needed for chats but not taken"):
        total("PREMIUM", None, chats=1)


def test_rule_4_service_without_usage_costs_its_fee():
    q = quote(Usage(), phone="PLUS", chat="BASIC")
    assert q.total == Decimal("60.45") + Decimal("35.00") - Decimal("11.93")  # 12.5% of 95.45
    assert total(email_reports=79) == Decimal("19.75")  # options need no service


def test_unknown_plan_and_bad_usage_argument():
    with pytest.raises(SelectionError, match=r"^phone: 'GOLD' is not a plan \(BASIC, SMART, PLUS, PREMIUM\)$"):
        quote(Usage(calls=1), phone="GOLD")
    with pytest.raises(ValueError, match="usage: expected a Usage"):
        quote({"calls": 1}, phone="BASIC")  # type: ignore[arg-type]
    assert quote(Usage(calls=1), phone=" basic ").phone == "BASIC"


# ----------------------------------------------------------------------------- rules 5-8
@pytest.mark.parametrize("calls, want", [(0, "35.00"), (1, "38.03"), (49, "183.47"), (50, "186.50"),
                                         (51, "189.02"), (99, "309.98"), (100, "312.50"), (101, "314.34"),
                                         (200, "496.50")])
def test_rule_5_graduated_calls(calls, want):
    assert total("BASIC", calls=calls) == Decimal(want)
    assert total("PLUS", calls=calls) == Decimal(want) - Decimal("35.00") + Decimal("60.45")


@pytest.mark.parametrize("calls, want", [(50, "186.50"), (51, "163.52"), (100, "287.00"), (101, "220.84")])
def test_rule_5_switch_volume(calls, want):
    d = shipped()
    charge(d, "phone.calls")["model"] = "volume"
    assert total("BASIC", tariff=parse_tariff(d), calls=calls) == Decimal(want)


@pytest.mark.parametrize("calls, want", [(0, "162.50"), (74, "162.50"), (75, "162.50"), (76, "164.29"),
                                         (175, "341.50")])
def test_rule_6_smart_premium_calls(calls, want):
    assert total("SMART", calls=calls) == Decimal(want)
    assert total("PREMIUM", calls=calls) == Decimal(want) + Decimal("80.50")


@pytest.mark.parametrize("chats, want", [(1, "38.30"), (49, "196.70"), (50, "200.00"), (51, "203.03"),
                                         (100, "351.50"), (101, "354.28")])
def test_rule_7_graduated_chats(chats, want):
    assert total(None, "BASIC", chats=chats) == Decimal(want)


@pytest.mark.parametrize("chats, want", [(49, "162.50"), (50, "162.50"), (51, "165.16"), (60, "189.10")])
def test_rule_8_smart_premium_chats(chats, want):
    assert total(None, "SMART", chats=chats) == Decimal(want)
    assert total(None, "PREMIUM", chats=chats) == Decimal(want) + Decimal("80.50")


# ----------------------------------------------------------------------------- rules 9-14
@pytest.mark.parametrize("usage, plan, want", [
    pytest.param(dict(calls=1, call_seconds=91), "BASIC", "38.06", id="1 s over: 0.0273 -> 0.03"),
    pytest.param(dict(calls=10, call_seconds=100), "SMART", "165.23", id="included calls pay time too"),
    pytest.param(dict(calls=10, call_seconds=90), "SMART", "162.50", id="90 s: nothing"),
    pytest.param(dict(calls=3, call_seconds=120.5), "SMART", "165.00",
                 id="fractional seconds: 3 x 30.5 s x 1.64/60 = 2.501"),
])
def test_rule_9_call_time_per_second(usage, plan, want):
    assert total(plan, **usage) == Decimal(want)


def test_rule_10_aht():
    assert total(None, "SMART", chats=40, aht=200) == Decimal("184.37")  # 40 x 20 s x 1.64/60 = 21.866..
    assert total(None, "SMART", chats=40, aht=180) == Decimal("162.50")


def test_rule_11_forwarding():
    assert total("PLUS", forwards=10, forward_seconds=120) == Decimal("86.05")  # 10.60 + 15.00
    assert total("PLUS", forwards=1, forward_seconds=2) == Decimal("61.54")  # 0.025 -> 0.03, half-up


def test_rule_12_outbound_calls():
    assert total("PLUS", outbound_calls=5, outbound_seconds=60) == Decimal("73.95")  # 5.30 + 8.20


def test_rule_13_foreign_minutes_per_second():
    assert total("PLUS", foreign_minutes=3) == Decimal("67.56")  # 60.45 + 7.11
    assert total("PLUS", foreign_minutes=0.5) == Decimal("61.64")  # 1.185 -> 1.19, half-up


def test_rule_14_voice_response():
    assert total("PLUS", voice_response=True) == Decimal("97.52")


# ----------------------------------------------------------------------------- rules 15-19
@pytest.mark.parametrize("n, want", [(1, "0.25"), (79, "19.75"), (80, "19.83"), (500, "19.83")])
def test_rule_15_email_reports(n, want):
    assert total(email_reports=n) == Decimal(want)


@pytest.mark.parametrize("n, want", [(275, "46.77"), (20, "13.40"), (21, "13.53"), (400, "66.48"),
                                     (500, "66.49")])
def test_rule_16_sms_reports(n, want):
    assert total(sms_reports=n) == Decimal(want)


def test_rule_16_switch_credit():
    d = shipped()
    charge(d, "options.sms_reports")["billing"] = "credit"
    # as credit, every SMS at the 500-pack rate: 275 x 0.13298 = 36.5695 -> 36.57
    assert total(tariff=parse_tariff(d), sms_reports=275) == Decimal("36.57")


def test_rule_17_month_spec():
    assert total(month_spec=True) == Decimal("13.23")


def test_rule_18_training():
    assert total(training_hours=2) == Decimal("66.10")
    assert total(training_hours=1.5) == Decimal("49.58")  # 49.575, half-up


@pytest.mark.parametrize("h, want", [(7, "317.53"), (5, "218.01"), (12, "535.54"), (4.5, "218.01"),
                                     (0.5, "24.88"), (30, "1107.72")])
def test_rule_19_assistant(h, want):
    assert total(assistant_hours=h) == Decimal(want)


# ----------------------------------------------------------------------------- rules 20-21
def test_rule_20_discount_is_on_fees_only():
    q = quote(Usage(**MID), phone="PLUS", chat="PLUS")
    (disc,) = [ln for ln in q.lines if ln.group == "discount"]
    assert disc.amount == Decimal("-15.11")  # 12.5% x 120.90 = 15.1125
    assert q.subtotal("phone") + q.subtotal("chat") + disc.amount == q.total


def test_rule_21_discount_line_rounds_half_up():
    q = quote(Usage(**BIG), phone="PREMIUM", chat="PLUS")
    assert [ln.amount for ln in q.lines if ln.group == "discount"] == [Decimal("-37.93")]
    q = quote(Usage(), phone="SMART", chat="SMART")  # 40.625 -> 40.63
    assert [ln.amount for ln in q.lines if ln.group == "discount"] == [Decimal("-40.63")]


def test_quote_shape():
    q = quote(Usage(**BIG), phone="PREMIUM", chat="PLUS")
    assert list(q.groups) == ["phone", "chat", "discount", "options"]
    assert q.total.as_tuple().exponent == -2
    assert all(ln.amount.as_tuple().exponent == -2 for ln in q.lines)
    assert "Total per month" in q.table() and "1590.71" in str(q)
    d = q.as_dict()
    assert d["total"] == "1590.71" and d["lines"][0]["amount"] == "243.00"
    assert q.rows()[0][0] == "group" and q.rows()[-1][-1] == Decimal("1590.71")


# ----------------------------------------------------------------------------- properties
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(usages(small=True), st.sampled_from(PLAN_CHOICES), st.sampled_from(PLAN_CHOICES))
def test_quote_agrees_with_the_reference(u, phone, chat):
    try:
        want = reference.total(u, phone, chat)
    except ValueError:
        with pytest.raises(SelectionError):
            quote(Usage(**u), phone=phone, chat=chat)
        return
    q = quote(Usage(**u), phone=phone, chat=chat)
    assert q.total == want
    assert q.total == sum(ln.amount for ln in q.lines)
    assert any(ln.group == "discount" for ln in q.lines) == (phone is not None and chat is not None)


FIELDS_UP = ["calls", "chats", "forwards", "outbound_calls", "email_reports", "sms_reports",
             "call_seconds", "aht", "forward_seconds", "outbound_seconds", "foreign_minutes",
             "training_hours", "assistant_hours"]


@settings(max_examples=300, deadline=None)
@given(usages(), st.sampled_from(FIELDS_UP), st.integers(1, 300),
       st.sampled_from(["BASIC", "SMART", "PLUS", "PREMIUM"]), st.sampled_from(["BASIC", "SMART", "PLUS", "PREMIUM"]))
def test_monotone_in_every_count_and_duration(u, field, step, phone, chat):
    u = {k: v for k, v in u.items() if k != "need_24_7"}
    partner = {a: b for a, b in AVERAGE_OR_TOTAL} | {b: a for a, b in AVERAGE_OR_TOTAL}
    u.pop(partner.get(field, ""), None)  # rule 26: growing an average, its total stays unset
    before = Usage(**u)
    after = before.replace(**{field: getattr(before, field) + step})
    assert quote(after, phone=phone, chat=chat).total >= quote(before, phone=phone, chat=chat).total

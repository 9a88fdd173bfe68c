import copy
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from optimizer import TariffError, load_tariff, rules
from optimizer.pricing import PackCover
from optimizer.pricing.tariff import parse_tariff
from tests.support import charge, shipped

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "prijslijst.txt"


def problems(data: dict) -> list[str]:
    with pytest.raises(TariffError) as err:
        parse_tariff(data, "test.toml")
    assert isinstance(err.value, ValueError)
    return err.value.problems


def test_shipped_tariff_loads_with_exact_amounts():
    t = load_tariff()
    assert t.plan_names == ("BASIC", "SMART", "PLUS", "PREMIUM")
    assert [t.plans[p].fee for p in t.plans] == [Decimal("35.00"), Decimal("162.50"),
                                                  Decimal("60.45"), Decimal("243.00")]
    assert [p for p, v in t.plans.items() if v.open_24_7] == ["PLUS", "PREMIUM"]
    assert t.discount_rate == Decimal("0.125")
    assert load_tariff() is t  # validated once, cached
    assert load_tariff("prijslijst") is t


def test_every_amount_of_the_price_list_is_in_the_data():
    """Each euro amount printed in the seed price list appears in the tariff file."""
    assert SEED.exists(), f"the seed price list is expected beside the project, at {SEED}"
    import re
    seed_amounts = {a.replace(".", "").replace(",", ".") for a in re.findall(r"€\s?([\d.]+,\d\d)", SEED.read_text())}
    text = resources.files("optimizer.tariffs").joinpath("prijslijst.toml").read_text()
    data_amounts = set(re.findall(r'"(\d+\.\d\d)"', text))
    assert seed_amounts - data_amounts == set()
    assert len(seed_amounts) == 28  # every distinct amount of the list


def test_code_holds_no_euro_amount():
    root = Path(__file__).resolve().parents[1] / "optimizer"
    import re
    for path in root.glob("*.py"):
        for amount in ("3.03", "1.79", "35.00", "162.50", "19.83", "49.76", "0.125", "13.53"):
            assert not re.search(rf"(?<![\d.]){re.escape(amount)}(?![\d])", path.read_text()), (path, amount)


def test_load_by_path_and_cache_follows_changes(tmp_path):
    data = (resources.files("optimizer.tariffs") / "prijslijst.toml").read_text()
    p = tmp_path / "mine.toml"
    p.write_text(data.replace('fee = "35.00"', 'fee = "36.00"'))
    assert load_tariff(p).plans["BASIC"].fee == Decimal("36.00")
    p.write_text(data.replace('fee = "35.00"', 'fee = "37.50"'))
    assert load_tariff(str(p)).plans["BASIC"].fee == Decimal("37.50")


def test_missing_file_and_bad_toml(tmp_path):
    with pytest.raises(TariffError, match="cannot read"):
        load_tariff(tmp_path / "nope.toml")
    with pytest.raises(TariffError, match="shipped: prijslijst"):
        load_tariff("nope")
    bad = tmp_path / "bad.toml"
    bad.write_text("[plans\n")
    with pytest.raises(TariffError, match="not valid TOML"):
        load_tariff(bad)


def test_negative_price_is_reported_with_its_path():
    d = shipped()
    charge(d, "phone.calls")["tiers"][1]["price"] = "-2.52"
    assert problems(d) == ["charges[0] (phone.calls).tiers[1].price: '-2.52': a price must be a finite amount >= 0"]


def test_float_amount_is_refused():
    d = shipped()
    d["plans"]["BASIC"]["fee"] = 35.0
    assert any(p.startswith("plans.BASIC.fee: amount 35.0 must be a string") for p in problems(d))


def test_tiers_that_do_not_join_up():
    d = shipped()
    charge(d, "chat.chats")["tiers"][1]["from"] = 52
    (p,) = problems(d)
    assert p.startswith("charges[2] (chat.chats).tiers[1].from: tiers do not join up") and "want from = 51" in p


def test_last_tier_must_be_open_ended():
    d = shipped()
    charge(d, "phone.calls")["tiers"][2]["to"] = 500
    assert any("the last tier must be open-ended" in p for p in problems(d))


def test_unknown_plan_referenced():
    d = shipped()
    charge(d, "phone.calls.included")["plans"] = ["SMART", "PREMIUMM"]
    assert problems(d) == [
        "charges[1] (phone.calls.included).plans[1]: unknown plan 'PREMIUMM' (did you mean 'PREMIUM'?)"]


def test_unknown_key_gets_did_you_mean():
    d = shipped()
    charge(d, "phone.call_time")["per_minut"] = charge(d, "phone.call_time").pop("per_minute")
    found = problems(d)
    assert "charges[4] (phone.call_time).per_minut: unknown key (did you mean 'per_minute'?)" in found
    assert "charges[4] (phone.call_time).per_minute: missing" in found


def test_every_problem_is_reported_at_once():
    d = shipped()
    d["plans"]["BASIC"]["fee"] = "-1"
    d["discount"]["per_extra_servic"] = "0.1"
    charge(d, "options.sms_reports")["packs"][0]["size"] = 0
    charge(d, "phone.forwards")["quantity"] = "forward"
    charge(d, "other.training")["model"] = "per_unti"
    found = problems(d)
    assert len(found) == 5
    joined = "\n".join(found)
    for part in ("plans.BASIC.fee", "discount.per_extra_servic: unknown key (did you mean 'per_extra_service'?)",
                 "packs[0].size", "'forward' is not a Usage field (did you mean 'forwards'?)",
                 "unknown pricing model 'per_unti' (did you mean 'per_unit'?)"):
        assert part in joined


def test_unknown_service_and_field_kind():
    d = shipped()
    charge(d, "phone.calls")["service"] = "phon"
    charge(d, "phone.call_time")["seconds"] = "calls"
    found = "\n".join(problems(d))
    assert "unknown service 'phon' (did you mean 'phone'?)" in found
    assert "'calls' is a Usage field of the wrong kind here" in found


def test_switches_are_data():
    d = shipped()
    charge(d, "phone.calls")["model"] = "volume"
    charge(d, "options.sms_reports")["billing"] = "credit"
    t = parse_tariff(copy.deepcopy(d))
    assert {c.key: c.model for c in t.charges}["phone.calls"] == "volume"
    sms = next(c for c in t.charges if c.key == "options.sms_reports")
    assert isinstance(sms, PackCover) and sms.billing == "credit"


def test_selection_order_follows_rule_23():
    t = load_tariff()
    sels = rules.order(t)
    assert sels[0] == (None, None)
    assert sels[1:9] == ((None, "BASIC"), ("BASIC", None), (None, "PLUS"), ("PLUS", None),
                         (None, "SMART"), ("SMART", None), (None, "PREMIUM"), ("PREMIUM", None))
    assert sels[9] == ("BASIC", "BASIC") and len(sels) == 25


@pytest.mark.parametrize("given, want", [(" smart ", "SMART"), ("Premium", "PREMIUM"), ("", None),
                                         ("none", None), (None, None)])
def test_plan_names_any_case(given, want):
    assert load_tariff().plan_name(given) == want


def test_plan_name_refused_names_argument():
    with pytest.raises(ValueError, match=r"^phone: 'GOLD' is not a plan \(BASIC, SMART, PLUS, PREMIUM\)$"):
        load_tariff().plan_name(" GOLD", "phone")
    with pytest.raises(ValueError, match=r"^chat: 3 is not a plan name"):
        load_tariff().plan_name(3, "chat")


@pytest.mark.parametrize("where, value, problem", [
    (("plans", "BASIC", "fee"), "35.001", "plans.BASIC.fee: '35.001' must be a whole number of cents"),
    (("charges", "phone.voice_response", "price"), "37.075", "must be a whole number of cents"),
    (("charges", "options.email_reports", "unlimited"), "19.835", "must be a whole number of cents"),
    (("charges", "phone.calls.included", "price"), "1.79001", "a unit price has at most 4 decimals"),
    (("plans", "SMART", "fee"), "1000000.01", "at most 1,000,000 per amount"),
    (("charges", "phone.calls.included", "included"), 10**10, "must be a whole number from 0 to 1,000,000,000"),
])
def test_amounts_whole_cents_and_bounded(where, value, problem):
    d = shipped()
    if where[0] == "plans":
        d["plans"][where[1]][where[2]] = value
    else:
        charge(d, where[1])[where[2]] = value
    assert any(problem in p for p in problems(d)), problems(d)


def test_sub_cent_unit_prices_are_allowed():
    d = shipped()
    charge(d, "phone.calls.included")["price"] = "1.7925"
    t = parse_tariff(d)
    assert next(c for c in t.charges if c.key == "phone.calls.included").price == Decimal("1.7925")


@pytest.mark.parametrize("what, message", [
    (3, "a tariff is a shipped name or the path of a .toml file, not int"),
    ("dir", "is not a file"),
    ("binary", "is not UTF-8 text"),
    ("nested", "nested too deeply"),
    ("huge", "too large for a tariff"),
    ("nul", "is not text"),
])
def test_load_tariff_of_anything_else_is_a_tariff_error(tmp_path, what, message):
    arg: object = what
    if what == "dir":
        (tmp_path / "d.toml").mkdir()
        arg = tmp_path / "d.toml"
    elif what == "binary":
        arg = tmp_path / "b.toml"
        arg.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    elif what == "nested":
        arg = tmp_path / "n.toml"
        arg.write_text("x = " + "[" * 100_000 + "]" * 100_000)
    elif what == "huge":
        arg = tmp_path / "h.toml"
        arg.write_text("# " + "x" * 2_000_000)
    elif what == "nul":
        arg = tmp_path / "z.toml"
        arg.write_text('x = "a\0b"')
    with pytest.raises(TariffError) as err:
        load_tariff(arg)
    assert message in str(err.value)


def test_one_total_has_one_number_of_free_seconds():
    d = shipped()
    charge(d, "phone.forward_time")["total"] = "billable_call_seconds"
    charge(d, "phone.forward_time")["free_seconds"] = 5
    assert any("counted with 90 free seconds by another charge" in p for p in problems(d))
    assert load_tariff().free_seconds("billable_call_seconds") == 90
    assert load_tariff().free_seconds("total_forward_seconds") == 0


def test_the_price_list_as_rows_in_either_language():
    """Every price of every charge as its own row (a tier, a pack, a threshold), as the workbook's
    price list and `answer-plan tariff` show it: numbers, not text."""
    from optimizer.pricing.tables import price_rows

    nl = price_rows(load_tariff(), "nl")
    assert nl[0] == ("Per gesprek", "Telefonie", "BASIC, PLUS", "1-50", Decimal("3.03"), "gesprek")
    assert nl[1] == ("", "", "", "51-100", Decimal("2.52"), "gesprek")
    assert ("", "", "", "pakket van 500", Decimal("66.49"), "pakket") in nl
    assert any(r[3] == "> 90 s" and r[4] == Decimal("1.64") and r[5] == "min" for r in nl)
    en = price_rows(load_tariff(), "en")
    assert en[0][:4] == ("Calls", "Phone", "BASIC, PLUS", "1-50")
    assert any(r[3:] == ("pack of 75", Decimal("13.53"), "pack") for r in en)
    assert len(en) == len(nl) == sum(len(c.price_points()) for c in load_tariff().charges)

"""The switches of PRICING.md and altered price lists through every engine: quote (Decimal,
exhaustive), recommend (the MILP) and recommend_many (vectorised) agree to the cent on the
cheapest selection and its total, on hundreds of random forecasts per tariff."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest

from optimizer import Usage, recommend, recommend_many
from optimizer.decisions.search import price_all
from optimizer.pricing.tariff import parse_tariff
from tests.support import charge, plan_or_none, random_frame, shipped, usage_of


def variant(name: str, seed: int = 0):
    """The shipped tariff with one switch set or one kind of amount altered."""
    rng = random.Random(f"{name}-{seed}")
    d = shipped()
    if name == "volume tiers":
        charge(d, "phone.calls")["model"] = "volume"
        charge(d, "chat.chats")["model"] = "volume"
    elif name == "credit SMS packs":
        charge(d, "options.sms_reports")["billing"] = "credit"
    elif name == "altered fees":
        for plan in d["plans"].values():
            plan["fee"] = str(Decimal(rng.randint(0, 40000)).scaleb(-2))
    elif name == "altered tiers":
        for key in ("phone.calls", "chat.chats"):
            a, b = sorted(rng.sample(range(2, 250), 2))
            charge(d, key)["tiers"] = [{"from": 1, "to": a, "price": f"{rng.uniform(1, 5):.2f}"},
                                       {"from": a + 1, "to": b, "price": f"{rng.uniform(1, 5):.4f}"},
                                       {"from": b + 1, "price": f"{rng.uniform(0.5, 3):.2f}"}]
        charge(d, "phone.calls.included")["included"] = rng.randint(0, 150)
    elif name == "altered pack prices":
        sms = charge(d, "options.sms_reports")
        for pack in sms["packs"]:
            pack["price"] = f"{pack['size'] * rng.uniform(0.05, 0.6):.2f}"
        assistant = charge(d, "other.assistant")
        for pack in assistant["packs"]:
            pack["price"] = f"{pack['size'] * rng.uniform(25, 49):.2f}"
        charge(d, "options.email_reports")["unlimited"] = f"{rng.uniform(5, 40):.2f}"
    elif name == "altered discount":
        d["discount"]["per_extra_service"] = f"{rng.uniform(0, 0.9):.3f}"
    return parse_tariff(d)


VARIANTS = ["volume tiers", "credit SMS packs", "altered fees", "altered tiers", "altered pack prices",
            "altered discount"]


@pytest.mark.parametrize("name", VARIANTS)
@pytest.mark.parametrize("seed", range(3))
def test_recommend_many_equals_exhaustive_search(name, seed):
    t = variant(name, seed)
    frame = random_frame(150, seed=seed, totals=True)
    out = recommend_many(frame, tariff=t)
    assert (out["error"] == "").all()
    for i, row in enumerate(frame.to_dict("records")):
        best = price_all(t, usage_of(row))[0]
        got = (plan_or_none(out["phone_plan"].iat[i]), plan_or_none(out["chat_plan"].iat[i]),
               Decimal(f"{out['total'].iat[i]:.2f}"))
        assert got == (best.phone, best.chat, best.total), (name, row)


@pytest.mark.slow
@pytest.mark.parametrize("name", VARIANTS)
def test_recommend_equals_exhaustive_search(name):
    t = variant(name, 1)
    frame = random_frame(120, seed=7, totals=True)
    for row in frame.to_dict("records"):
        u = usage_of(row)
        best = price_all(t, u)[0]
        r = recommend(u, tariff=t, alternatives=0)
        assert (r.phone, r.chat, r.total) == (best.phone, best.chat, best.total), (name, row)
        assert r.quote.total == sum(ln.amount for ln in r.quote.lines)


def test_every_variant_changes_some_price():
    """The variants are real: each one prices some forecast differently from the shipped list."""
    base = shipped()
    from optimizer.pricing.tariff import parse_tariff as parse

    t0 = parse(base)
    frame = random_frame(300, seed=9)
    for name in VARIANTS:
        t = variant(name)
        differs = any(price_all(t, usage_of(row))[0].total != price_all(t0, usage_of(row))[0].total
                      for row in frame.to_dict("records"))
        assert differs, name


def test_a_half_cent_fee_is_refused_so_engines_cannot_disagree():
    d = shipped()
    d["plans"]["BASIC"]["fee"] = "35.001"
    with pytest.raises(ValueError, match=r"plans.BASIC.fee: '35.001' must be a whole number of cents"):
        parse_tariff(d)
    Usage()  # the shipped list loads

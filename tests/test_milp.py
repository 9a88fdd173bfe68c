"""recommend(): the MILP against exhaustive search, restrictions, ties, solvers, and exhaustive
search where PuLP cannot run (xlwings Lite)."""
import os
import tempfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import NoPlanFits, SolverError, Usage, load_tariff, recommend
from optimizer.decisions.recommend import _MODELS
from optimizer.decisions.search import price_all
from tests import reference
from tests.strategies import usages
from tests.support import BIG, MID, altered


@pytest.mark.parametrize("usage, phone, chat, total", [
    pytest.param(MID, "SMART", "SMART", "583.59", id="worked example"),
    pytest.param(BIG, "PREMIUM", "PREMIUM", "1581.74", id="worked example, everything"),
    pytest.param({}, None, None, "0.00", id="nothing used: nothing taken"),
    pytest.param(dict(email_reports=5), None, None, "1.25", id="options only"),
    pytest.param(dict(calls=10), "BASIC", None, "65.30", id="few calls"),
    pytest.param(dict(chats=300), None, "SMART", "827.50", id="chats only"),
])
def test_recommend_examples(usage, phone, chat, total):
    r = recommend(Usage(**usage))
    assert (r.phone, r.chat, r.total) == (phone, chat, Decimal(total))
    assert r.quote.total == r.total and r.solver == "HiGHS"


def test_alternatives_are_ranked_with_differences():
    r = recommend(Usage(**BIG), alternatives=5)
    assert len(r.alternatives) == 3  # only four selections serve 24/7 with both services
    assert (r.alternatives[0].phone, r.alternatives[0].chat, r.alternatives[0].total) == \
        ("PREMIUM", "PLUS", Decimal("1590.71"))
    assert r.alternatives[0].difference == Decimal("8.97")
    totals = [a.total for a in r.alternatives]
    assert totals == sorted(totals) and all(a.difference == a.total - r.total for a in r.alternatives)
    assert all(a.phone in ("PLUS", "PREMIUM") for a in r.alternatives)  # 24/7 respected
    assert recommend(Usage(**BIG), alternatives=0).alternatives == ()
    d = r.as_dict()
    assert d["total"] == "1581.74" and d["alternatives"][0]["difference"] == "8.97"
    assert "Next best" in r.table()


def test_fix_and_exclude():
    u = Usage(**MID)
    r = recommend(u, fix={"phone": "PREMIUM"})
    assert r.phone == "PREMIUM"
    assert r.total == min(q.total for q in price_all(load_tariff(), u) if q.phone == "PREMIUM")
    r = recommend(u, exclude={"chat": ["smart"], "phone": "SMART"})
    assert r.phone != "SMART" and r.chat != "SMART"
    assert recommend(Usage(calls=5), fix={"chat": "BASIC"}).chat == "BASIC"
    with pytest.raises(NoPlanFits, match="no plan fits .* the chat service"):
        recommend(Usage(chats=5), fix={"chat": None})
    with pytest.raises(NoPlanFits, match="no plan fits"):
        recommend(Usage(need_24_7=True, calls=3), exclude={"phone": ["PLUS", "PREMIUM"]})
    with pytest.raises(ValueError, match=r"fix\[phone\]: 'GOLD' is not a plan"):
        recommend(u, fix={"phone": "GOLD"})
    with pytest.raises(ValueError, match="exclude: 'fax' is not a service"):
        recommend(u, exclude={"fax": ["BASIC"]})


def test_rule_23_fewer_services_win_a_tie():
    # PREMIUM at 245.00: with BASIC chat 245 + 35 - 12.5% x 280 = 245.00, a tie
    t = altered(PREMIUM="245.00")
    r = recommend(Usage(calls=10), tariff=t, fix={"phone": "PREMIUM"})
    assert (r.phone, r.chat, r.total) == ("PREMIUM", None, Decimal("245.00"))
    assert (r.alternatives[0].chat, r.alternatives[0].difference) == ("BASIC", Decimal("0.00"))


def test_rule_23_lower_fees_then_plan_order_win_a_tie():
    t = altered(PLUS="35.00")  # PLUS now costs exactly what BASIC costs
    r = recommend(Usage(calls=10), tariff=t)
    assert (r.phone, r.chat) == ("BASIC", None)
    assert (r.alternatives[0].phone, r.alternatives[0].difference) == ("PLUS", Decimal("0.00"))


def test_larger_discount_makes_an_unused_service_worthwhile():
    t = altered(discount="0.6")
    r = recommend(Usage(calls=10), tariff=t)
    # BASIC phone 35 + 30.30; BASIC chat 35; discount 60% of 70 = 42: 58.30 < 65.30 alone
    assert (r.phone, r.chat, r.total) == ("BASIC", "BASIC", Decimal("58.30"))


def test_cbc_fallback_agrees_and_leaves_no_files(capfd):
    before = set(os.listdir(tempfile.gettempdir()))
    for usage in (MID, BIG, dict(calls=10)):
        a = recommend(Usage(**usage), solver="HiGHS")
        b = recommend(Usage(**usage), solver="cbc")
        assert (a.phone, a.chat, a.total) == (b.phone, b.chat, b.total) and b.solver == "CBC"
    assert set(os.listdir(tempfile.gettempdir())) - before == set()
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # no solver banner


def test_unknown_solver_and_bad_usage():
    with pytest.raises(SolverError, match="solver: 'gurobi' is not available"):
        recommend(Usage(), solver="gurobi")
    with pytest.raises(ValueError, match="usage: expected a Usage"):
        recommend({"calls": 3})  # type: ignore[arg-type]


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(usages(small=True))
def test_recommend_equals_exhaustive_search_by_the_reference(u):
    r = recommend(Usage(**u), alternatives=0)
    assert (r.phone, r.chat, r.total) == reference.best(u)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(usages(small=True),
       st.decimals("0", "0.9", places=3).map(str),
       st.lists(st.decimals("0", "400", places=2).map(str), min_size=4, max_size=4))
def test_recommend_equals_exhaustive_search_on_altered_tariffs(u, discount, fees):
    t = altered(discount, **dict(zip(("BASIC", "SMART", "PLUS", "PREMIUM"), fees)))
    usage = Usage(**u)
    best = price_all(t, usage)[0]
    r = recommend(usage, tariff=t, alternatives=0)
    assert (r.phone, r.chat, r.total) == (best.phone, best.chat, best.total)


# a sequence that changes every number of the kept model: costs, rules 3 and 4, covers present,
# absent, whole and fractional, "unlimited" worth taking or not
SEQUENCE = [BIG, {}, dict(sms_reports=300), dict(assistant_hours=Decimal("3.33"), need_24_7=True), MID,
            dict(sms_reports=74, assistant_hours=26), dict(chats=300, need_24_7=True), dict(calls=10),
            dict(sms_reports=1200, assistant_hours=Decimal("0.5"), email_reports=5), BIG, dict(sms_reports=2)]


def test_the_kept_model_answers_each_forecast_like_a_model_built_for_it():
    t = load_tariff()
    _MODELS.clear()  # (other tests kept theirs)
    for u in SEQUENCE:
        usage = Usage(**u)
        kept = recommend(usage, tariff=t, alternatives=0, solver="highs")
        built = recommend(usage, tariff=t, alternatives=0, solver="cbc")  # CBC: a model built for this forecast
        best = price_all(t, usage)[0]
        assert (kept.phone, kept.chat, kept.total) == (built.phone, built.chat, built.total) \
            == (best.phone, best.chat, best.total), u
    assert len(_MODELS) == 1  # one per restriction set
    recommend(Usage(**MID), tariff=t, fix={"phone": "PLUS"})
    recommend(Usage(**BIG), tariff=t, fix={"phone": "PLUS"})
    assert len(_MODELS) == 2


def test_the_kept_model_is_safe_across_threads():
    import random
    from concurrent.futures import ThreadPoolExecutor
    rng = random.Random(7)
    forecasts = [Usage(calls=rng.randrange(0, 400), chats=rng.randrange(0, 400), aht=rng.randrange(0, 600),
                       sms_reports=rng.choice([0, 0, rng.randrange(1, 1500)]),
                       assistant_hours=rng.choice([0, Decimal(rng.randrange(1, 4000)) / 100]),
                       need_24_7=rng.random() < 0.2) for _ in range(120)]
    t = load_tariff()
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda u: recommend(u, tariff=t, alternatives=0), forecasts))
    for u, r in zip(forecasts, got, strict=True):
        best = price_all(t, u)[0]
        assert (r.phone, r.chat, r.total) == (best.phone, best.chat, best.total)

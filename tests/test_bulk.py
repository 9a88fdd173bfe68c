"""recommend_many() on the vectorised engine: equal to the Decimal engine to the cent on random
forecasts (every selection, full-precision floats, half cents, month totals); bad rows flagged,
never dropped; current plans and savings; result names."""
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from optimizer import Usage, load_tariff, quote, recommend_many, rules
from optimizer.decisions.search import price_all
from optimizer.engines.vector import BROKEN, columns, price_parts
from optimizer.ground.usage import AMOUNT_FIELDS, COUNT_FIELDS, FLAG_FIELDS, USAGE_FIELDS
from tests.support import random_frame, usage_of

T = load_tariff()


def test_every_selection_equals_quote_to_the_cent():
    frame = random_frame(1500, seed=1)
    data = columns(frame)
    assert data.all_exact.all()
    parts = price_parts(T, data)
    priced = {sel: parts.total(sel) for sel in rules.order(T)}
    for i, row in enumerate(frame.to_dict("records")):
        u = usage_of(row)
        for (phone, chat), cents in priced.items():
            problem = rules.problem(T, u, phone, chat)
            if problem:
                assert cents[i] >= BROKEN
            else:
                assert Decimal(int(cents[i])) / 100 == quote(u, phone=phone, chat=chat).total, (i, phone, chat)


def test_ten_thousand_rows_equal_quote_and_exhaustive_search():
    frame = random_frame(10_000, seed=2)
    out = recommend_many(frame)
    assert (out["error"] == "").all()
    for i, row in enumerate(frame.to_dict("records")):
        u = usage_of(row)
        got = Decimal(f"{out['total'].iat[i]:.2f}")
        phone, chat = out["phone_plan"].iat[i], out["chat_plan"].iat[i]
        phone = None if pd.isna(phone) else phone
        chat = None if pd.isna(chat) else chat
        assert quote(u, phone=phone, chat=chat).total == got, i
        if i < 1500:  # optimality and rule 23 against exhaustive search
            best = price_all(T, u)[0]
            assert (best.phone, best.chat, best.total) == (phone, chat, got), i


def full_precision_frame(n: int, seed: int) -> pd.DataFrame:
    """Durations, minutes and hours as arbitrary floats (15+ significant digits)."""
    rng = np.random.default_rng(seed)
    frame = random_frame(n, seed)
    for f in AMOUNT_FIELDS:
        if f not in frame:
            continue
        frame[f] = np.where(rng.random(n) < 0.7, rng.random(n) * frame[f].max(), frame[f])
    return frame


def test_full_precision_floats_equal_quote_to_the_cent():
    frame = full_precision_frame(4000, seed=11)
    data = columns(frame)
    assert (~data.all_exact).sum() > 3500  # the float64 path, not the integer one
    out = recommend_many(frame)
    assert (out["error"] == "").all()
    for i, row in enumerate(frame.to_dict("records")):
        u = usage_of(row)
        phone, chat = out["phone_plan"].iat[i], out["chat_plan"].iat[i]
        got = Decimal(f"{out['total'].iat[i]:.2f}")
        assert quote(u, phone=None if pd.isna(phone) else phone, chat=None if pd.isna(chat) else chat).total == got
        if i < 800:
            best = price_all(T, u)[0]
            assert (best.total, best.phone, best.chat) == (got, None if pd.isna(phone) else phone,
                                                           None if pd.isna(chat) else chat)


def test_a_float_too_close_to_a_half_cent_is_decided_by_the_decimal_path():
    # 1 forward of 2.0000000000001 s at 0.75/min: 2.50000000000... cents, a hair above the half
    frame = pd.DataFrame({"calls": [0, 0], "forwards": [1, 1], "forward_seconds": [2.0000000000001, 2.0]})
    data = columns(frame)
    assert data.all_exact.tolist() == [False, True]
    unsure = price_parts(T, data).unsure
    assert unsure.tolist() == [True, False]  # the exact row is priced in integers: no doubt
    out = recommend_many(frame)
    for i in range(2):
        u = usage_of(frame.iloc[i])
        assert Decimal(f"{out['total'].iat[i]:.2f}") == price_all(T, u)[0].total


def test_exact_half_cents_beside_a_float_field_stay_on_the_fast_path():
    """Integer forward seconds on a half cent, with a long-decimal call time in the same row."""
    frame = pd.DataFrame({"calls": [10] * 3, "call_seconds": [120.123456789, 95.5555555, 100.0],
                          "forwards": [1, 3, 1], "forward_seconds": [2, 2, 2]})
    assert not price_parts(T, columns(frame)).unsure.any()
    out = recommend_many(frame)
    for i in range(3):
        assert Decimal(f"{out['total'].iat[i]:.2f}") == price_all(T, usage_of(frame.iloc[i]))[0].total


def test_rows_beyond_the_integer_path_take_the_decimal_path():
    frame = pd.DataFrame({"calls": [120, 120, 10**8], "call_seconds": [150.0001, 150.12345, 10**6],
                          "chats": [0, 0, 0]})
    out = recommend_many(frame)
    for i in range(3):
        u = usage_of(frame.iloc[i])
        assert Decimal(f"{out['total'].iat[i]:.2f}") == price_all(T, u)[0].total
    assert (out["error"] == "").all()


def test_bad_rows_are_flagged_never_dropped_never_stop_the_rest():
    frame = pd.DataFrame({
        "customer": ["a", "b", "c", "d", "e", "f", "g", "h"],
        "calls": [120, -1, 1.5, 100, np.nan, 10, 5, 101],
        "call_seconds": [150, 0, 0, 0, 0, np.inf, 0, 0],
        "chats": pd.array([40, 0, 0, 0, 0, 0, 0, 0], dtype=object),
        "aht": [200, 0, 0, 0, 0, 0, 0, 0],
        "need_24_7": [0, 0, 0, 0, 0, 0, 2, 0],
    })
    frame.loc[3, "chats"] = "ten"
    out = recommend_many(frame)
    assert list(out["customer"]) == list("abcdefgh") and len(out) == 8
    assert out["error"].tolist() == [
        "", "calls: -1 is not a whole number >= 0", "calls: 1.5 is not a whole number >= 0",
        "chats: 'ten' is not a whole number >= 0", "calls: nan is not a whole number >= 0",
        "call_seconds: inf is not a finite number >= 0",
        "need_24_7: 2 is not yes or no (ja/nee, waar/onwaar, yes/no, true/false, j/n, y/n, 1/0, x)", ""]
    assert out["total"].iat[0] == 583.59
    assert out["total"].iat[7] == float(price_all(T, Usage(calls=101))[0].total)
    assert out["total"].iloc[1:7].isna().all()
    assert out["phone_plan"].iloc[1:7].isna().all()


def test_current_plans_give_current_total_and_saving():
    frame = pd.DataFrame({
        "calls": [120, 120, 100, 0, 5, 3],
        "call_seconds": [150, 150, 0, 0, 0, 0],
        "chats": [40, 40, 0, 10, 0, 0],
        "aht": [200, 200, 0, 0, 0, 0],
        "current_phone": [" plus ", "SMART", "basic", "BASIC", "GOLD", None],
        "current_chat": ["Plus", "smart", "", "", "basic", ""],
    })
    out = recommend_many(frame)
    assert out["current_total"].tolist()[:3] == [770.76, 583.59, 312.50]
    assert out["saving"].tolist()[:3] == [187.17, 0.0, 312.50 - float(price_all(T, Usage(calls=100))[0].total)]
    assert np.isnan(out["current_total"].iat[3])
    assert out["error"].iat[3].startswith("current plans: the chat service")
    assert out["error"].iat[4] == "current plans: phone: 'GOLD' is not a plan (BASIC, SMART, PLUS, PREMIUM)"
    assert out["phone_plan"].iat[4] == "BASIC"  # the recommendation still stands
    assert np.isnan(out["current_total"].iat[5]) and out["error"].iat[5] == ""  # a prospect: no current plans


def test_missing_columns_default_and_empty_frame():
    out = recommend_many(pd.DataFrame({"calls": [100]}))
    assert out["total"].iat[0] == float(price_all(T, Usage(calls=100))[0].total)
    empty = recommend_many(pd.DataFrame({"calls": pd.Series([], dtype=float)}))
    assert list(empty.columns) == ["calls", "phone_plan", "chat_plan", "total", "error"] and empty.empty
    with pytest.raises(ValueError, match="frame: expected a pandas DataFrame"):
        recommend_many([{"calls": 1}])  # type: ignore[arg-type]


def test_integer_and_nullable_dtypes():
    frame = pd.DataFrame({"calls": pd.array([100, None], dtype="Int64"), "need_24_7": [True, False]})
    out = recommend_many(frame)
    assert out["phone_plan"].iat[0] in ("PLUS", "PREMIUM")
    assert out["error"].iat[1] == "calls: <NA> is not a whole number >= 0"


def test_agrees_on_an_altered_tariff():
    from tests.support import altered
    t = altered(discount="0.6", PLUS="70.00")
    frame = random_frame(800, seed=3)
    out = recommend_many(frame, tariff=t)
    for i, row in enumerate(frame.to_dict("records")):
        best = price_all(t, usage_of(row))[0]
        assert (best.phone, best.chat, float(best.total)) == (
            None if pd.isna(out["phone_plan"].iat[i]) else out["phone_plan"].iat[i],
            None if pd.isna(out["chat_plan"].iat[i]) else out["chat_plan"].iat[i], out["total"].iat[i])


def test_fields_lists_are_complete():
    assert set(COUNT_FIELDS + AMOUNT_FIELDS + FLAG_FIELDS) == set(USAGE_FIELDS)


def test_month_totals_instead_of_averages_equal_quote():
    frame = random_frame(3000, seed=21, totals=True)
    assert (frame["billable_call_seconds"] > 0).sum() > 500
    out = recommend_many(frame)
    assert (out["error"] == "").all()
    for i, row in enumerate(frame.to_dict("records")):
        if i % 3:
            continue
        best = price_all(T, usage_of(row))[0]
        assert Decimal(f"{out['total'].iat[i]:.2f}") == best.total, row


def test_average_and_total_for_one_line_is_a_row_error():
    frame = pd.DataFrame({"calls": [10, 10], "call_seconds": [120, 0], "billable_call_seconds": [300, 300]})
    out = recommend_many(frame)
    assert out["error"].iat[0] == ("billable_call_seconds: 300 is not allowed together with call_seconds (120): "
                                   "give the average or the month's total, not both")
    assert np.isnan(out["total"].iat[0])
    assert out["total"].iat[1] == float(price_all(T, Usage(calls=10, billable_call_seconds=300))[0].total)


def test_limits_are_row_errors_found_quickly():
    frame = pd.DataFrame({"calls": [1e30, 10**8 + 1, 10**8, 5], "call_seconds": [0, 0, 0, 1e7]})
    out = recommend_many(frame)
    assert out["error"].tolist() == [
        "calls: 1e+30 is not at most 100,000,000 (the limit for calls)",
        "calls: 100000001 is not at most 100,000,000 (the limit for calls)", "",
        "call_seconds: 10000000 is not at most 1,000,000 (the limit for call_seconds)"]
    assert out["total"].iat[2] == float(price_all(T, Usage(calls=10**8))[0].total)


def test_result_columns_are_text_without_object_arrays_and_names_never_clash():
    out = recommend_many(pd.DataFrame({"calls": [10, 0], "chats": [0, 60]}))
    assert isinstance(out["phone_plan"].dtype, pd.CategoricalDtype) and out["error"].tolist() == ["", ""]
    assert out["phone_plan"].tolist()[0] == "BASIC" and pd.isna(out["phone_plan"].iat[1])
    assert (out["phone_plan"] == "BASIC").tolist() == [True, False]
    with pytest.raises(ValueError, match=r"columns: 'total' has the name of a result column; .* prefix"):
        recommend_many(pd.DataFrame({"calls": [1], "total": [5]}))
    out = recommend_many(pd.DataFrame({"calls": [1], "total": [5]}), prefix="new_")
    assert out["total"].tolist() == [5] and out["new_total"].iat[0] == 38.03


def test_the_input_frame_is_never_changed():
    frame = pd.DataFrame({"calls": [100], "current_phone": ["basic"]})
    before = frame.copy()
    recommend_many(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_current_plans_the_rules_refuse_get_the_message_quote_gives():
    """Rules 3 and 4 on current plans: one message per kind of row, each exactly quote()'s."""
    from optimizer.decisions.many import usage_at
    from optimizer.ground.errors import AnswerPlanError
    rng = np.random.default_rng(5)
    n = 600
    plans = ["", "BASIC", "SMART", "PLUS", "PREMIUM"]
    frame = pd.DataFrame({"calls": rng.choice([0, 5], n), "chats": rng.choice([0, 3], n),
                          "forwards": rng.choice([0, 2], n), "outbound_calls": rng.choice([0, 1], n),
                          "email_reports": rng.choice([0, 4], n), "need_24_7": rng.random(n) < 0.5,
                          "current_phone": rng.choice(plans, n), "current_chat": rng.choice(plans, n)})
    out = recommend_many(frame)
    seen = set()
    for r in range(n):
        p, c = frame["current_phone"].iat[r] or None, frame["current_chat"].iat[r] or None
        want = ""
        if p or c:  # both blank: a prospect, nothing to compare
            try:
                quote(usage_at(frame, r), phone=p, chat=c)
            except AnswerPlanError as exc:
                want = f"current plans: {exc}"
        assert out["error"].iat[r] == want, r
        seen.add(want)
    assert len(seen) > 8  # many kinds of message were checked

"""recommend_many(): the numpy path equals the Decimal path to the cent; bad rows are flagged."""
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from optimizer import Usage, load_tariff, quote, recommend_many
from optimizer.search import price_all
from optimizer.usage import AMOUNT_FIELDS, COUNT_FIELDS, FLAG_FIELDS, USAGE_FIELDS
from optimizer.vector import BROKEN, columns, price_parts

T = load_tariff()


def random_frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)

    def sparse(values, p=0.5):
        return np.where(rng.random(n) < p, values, 0)

    data = {
        "calls": sparse(rng.integers(0, 400, n), 0.8),
        "chats": sparse(rng.integers(0, 300, n), 0.6),
        "forwards": sparse(rng.integers(0, 40, n), 0.3),
        "outbound_calls": sparse(rng.integers(0, 40, n), 0.3),
        "email_reports": sparse(rng.integers(0, 150, n), 0.3),
        "sms_reports": sparse(rng.integers(0, 3000, n), 0.3),
    }
    for f in ("call_seconds", "aht", "forward_seconds", "outbound_seconds"):
        whole = rng.integers(0, 600, n).astype(float)
        frac = np.round(rng.random(n) * 600, rng.integers(1, 4))  # 1 to 3 decimals
        data[f] = np.where(rng.random(n) < 0.5, whole, frac)
    data["foreign_minutes"] = sparse(np.round(rng.random(n) * 30, 2), 0.3)
    data["training_hours"] = sparse(np.round(rng.random(n) * 10, 1), 0.2)
    data["assistant_hours"] = sparse(np.round(rng.random(n) * 80, 2), 0.3)
    for f in FLAG_FIELDS:
        data[f] = rng.random(n) < 0.3
    return pd.DataFrame(data)


def usage_of(row) -> Usage:
    return Usage(**{f: row[f] for f in USAGE_FIELDS if f in row})


def test_every_selection_equals_quote_to_the_cent():
    frame = random_frame(1500, seed=1)
    data = columns(frame)
    assert data.all_exact.all()
    parts = price_parts(T, data)
    priced = {sel: parts.total(sel) for sel in T.selections}
    for i, row in enumerate(frame.to_dict("records")):
        u = usage_of(row)
        for (phone, chat), cents in priced.items():
            problem = T.selection_problem(u, phone, chat)
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
        "", "calls: -1.0 is not a whole number >= 0", "calls: 1.5 is not a whole number >= 0",
        "chats: 'ten' is not a whole number >= 0", "calls: nan is not a whole number >= 0",
        "call_seconds: inf is not a finite number >= 0",
        "need_24_7: 2 is not a yes/no value (True/False or 1/0)", ""]
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
    from tests.test_model import altered
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

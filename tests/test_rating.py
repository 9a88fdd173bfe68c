"""rate(): contact logs to invoices (PRICING.md rules 24-28), against hand-computed amounts and an
independent brute force written here (plain Python, zoneinfo, tests/reference.py's prices)."""
from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest

from optimizer import RatingError, Usage, quote, rate
from optimizer.decisions.search import price_all
from optimizer.ground.words import message
from tests import reference

AMS = ZoneInfo("Europe/Amsterdam")


def contracts(*rows):
    return pd.DataFrame([dict(zip(("customer", "phone_plan", "chat_plan", "agreed_aht"), r)) for r in rows])


def ev(customer, start, kind, seconds=0, foreign=None):
    row = {"customer": customer, "start": start, "kind": kind, "seconds": seconds}
    if foreign is not None:
        row["foreign"] = foreign
    return row


# ----------------------------------------------------------------------------- the examples of PRICING.md
def test_rule_25_per_call_not_per_average():
    events = pd.DataFrame([ev("0042", "2026-03-02T10:00:00", "call", 60)] * 60
                          + [ev("0042", "2026-03-03T10:00:00", "call", 120)] * 60)
    r = rate(events, contracts(("0042", "SMART", "", 0)))
    (inv,) = r.invoices.to_dict("records")
    assert (inv["customer"], inv["month"], inv["calls"], inv["billable_call_seconds"]) == ("0042", "2026-03", 120, 1800)
    assert inv["total"] == 292.25 and inv["error"] == ""
    # the average (90 s) would give no call time: 162.50 + 45 x 1.79
    assert quote(Usage(calls=120, call_seconds=90), phone="SMART").total == Decimal("243.05")
    lines = r.lines
    assert lines["amount"].sum().round(2) == 292.25
    assert lines[lines["what"].str.startswith("Call time")]["amount"].tolist() == [49.20]


def test_rule_27_agreed_aht_200_200_220_220():
    rows = []
    for month, secs in (("01", 219), ("04", 220), ("07", 199.5), ("10", 180)):
        rows += [ev("0042", f"2026-{month}-10T09:00:00", "chat", secs)] * 10
    r = rate(pd.DataFrame(rows), contracts(("0042", "", "BASIC", 200)))
    by_month = dict(zip(r.invoices["month"], r.invoices["agreed_aht"], strict=True))
    assert [by_month[m] for m in ("2026-01", "2026-04", "2026-07", "2026-10")] == [200, 200, 220, 220]
    assert len(r.invoices) == 10  # every month of the period, months without contacts too
    ev_ = r.evaluations
    assert ev_["changed"].tolist() == [False, True, False, True]
    assert ev_["agreed_after"].tolist() == [200, 220, 220, 180]
    assert ev_["measured_aht"].tolist() == [219.0, 220.0, 199.5, 180.0]
    # July: 10 chats on BASIC at the agreed 220 s: 35.00 + 33.00 + 10 x 40 s x 1.64/60 (10.93)
    july = r.invoices.set_index("month").loc["2026-07"]
    assert july["total"] == 78.93


def test_agreed_aht_of_zero_is_set_by_the_first_quarter_with_chats_rounded_half_up():
    rows = [ev("a", "2026-02-01T12:00:00", "chat", 200), ev("a", "2026-02-02T12:00:00", "chat", 201)]
    rows += [ev("a", "2026-05-01T12:00:00", "call", 10)]
    r = rate(pd.DataFrame(rows), contracts(("a", "BASIC", "BASIC", 0)))
    assert r.evaluations.to_dict("records") == [{"customer": "a", "quarter": "2026-Q1", "chats": 2, "measured_aht":
                                                 200.5, "agreed_before": 0, "agreed_after": 201, "changed": True}]
    assert dict(zip(r.invoices["month"], r.invoices["agreed_aht"], strict=True)) == \
        {"2026-02": 0, "2026-03": 0, "2026-04": 201, "2026-05": 201}


@pytest.mark.parametrize("start, month", [
    ("2026-03-31T23:30:00Z", "2026-04"),  # summer time: 01:30 on 1 April
    ("2026-03-31T21:59:59Z", "2026-03"),  # 23:59:59 CEST
    ("2026-03-31T22:00:00+00:00", "2026-04"),
    ("2026-10-31T22:59:59Z", "2026-10"),  # winter time since 25 Oct: 23:59:59 CET
    ("2026-10-31T23:00:00Z", "2026-11"),
    ("2026-02-28T23:30:00-01:00", "2026-03"),
    ("2026-03-01T00:30:00+02:00", "2026-02"),  # 23:30 CET on 28 February
    ("2026-03-31T23:59:59", "2026-03"),  # no offset: Amsterdam time already
    ("2026-04-01 00:00:00", "2026-04"),
    ("2026-10-25T02:30:00", "2026-10"),  # the hour that happens twice
    ("2026-03-29T02:30:00", "2026-03"),  # the hour that does not happen
    ("2026-12-31T23:59:59.999+01:00", "2026-12"),
    ("2027-01-01", "2027-01"),
])
def test_rule_28_the_month_in_amsterdam(start, month):
    events = pd.DataFrame([ev("c", "2026-02-15T12:00:00", "call", 1), ev("c", "2027-01-15T12:00:00", "call", 1),
                           ev("c", start, "call", 100)])
    r = rate(events, contracts(("c", "BASIC", "", 0)))
    inv = r.invoices.set_index("month")
    assert inv.loc[month, "billable_call_seconds"] == 10
    assert inv["billable_call_seconds"].sum() == 10


def test_datetimes_in_a_frame_naive_and_aware():
    naive = pd.DataFrame({"customer": ["c", "c"], "start": pd.to_datetime(["2026-03-31 23:30", "2026-04-01 00:30"]),
                          "kind": ["call", "call"], "seconds": [100, 100]})
    r = rate(naive, contracts(("c", "BASIC", "", 0)))
    assert r.invoices["month"].tolist() == ["2026-03", "2026-04"]
    aware = naive.assign(start=naive["start"].dt.tz_localize("UTC"))
    r = rate(aware, contracts(("c", "BASIC", "", 0)))
    assert r.invoices["month"].tolist() == ["2026-04"] and r.invoices["calls"].tolist() == [2]


def test_every_contact_kind_counts_as_the_rules_say():
    events = pd.DataFrame([
        ev("c", "2026-05-02T10:00:00", "call", 89), ev("c", "2026-05-02T10:00:00", "call", 90),
        ev("c", "2026-05-02T10:00:00", "call", 90.01), ev("c", "2026-05-02T10:00:00", "call", 91, "yes"),
        ev("c", "2026-05-02T10:00:00", "forward", 119.2), ev("c", "2026-05-02T10:00:00", "forward", 0, "ja"),
        ev("c", "2026-05-02T10:00:00", "outbound", 59.5, "WAAR"), ev("c", "2026-05-02T10:00:00", "chat", 300),
        ev("c", "2026-05-02T10:00:00", "email_report"), ev("c", "2026-05-02T10:00:00", "sms_report"),
        ev("c", "2026-05-02T10:00:00", "training", 4800), ev("c", "2026-05-02T10:00:00", "assistant", 1800),
    ])
    r = rate(events, contracts(("c", "PLUS", "PLUS", 190)))
    inv = r.invoices.iloc[0]
    assert (inv["calls"], inv["billable_call_seconds"]) == (4, 0 + 0 + 1 + 1)  # 90.01 s is 91 s: one second over
    assert (inv["forwards"], inv["total_forward_seconds"], inv["outbound_calls"], inv["total_outbound_seconds"]) == \
        (2, 120, 1, 60)
    assert inv["foreign_seconds"] == 91 + 0 + 60
    assert (inv["chats"], inv["agreed_aht"], inv["email_reports"], inv["sms_reports"]) == (1, 190, 1, 1)
    assert inv["training_hours"] == pytest.approx(4 / 3) and inv["assistant_hours"] == 0.5
    u = Usage(calls=4, billable_call_seconds=2, forwards=2, total_forward_seconds=120, outbound_calls=1,
              total_outbound_seconds=60, foreign_seconds=151, chats=1, aht=190, email_reports=1, sms_reports=1,
              training_hours=Fraction(4, 3), assistant_hours=Decimal("0.5"))
    assert Decimal(f"{inv['total']:.2f}") == quote(u, phone="PLUS", chat="PLUS").total
    assert Decimal(f"{inv['best_total']:.2f}") == price_all(u_tariff(), u)[0].total
    assert math.isclose(r.lines["amount"].sum(), inv["total"])


def test_a_dutch_log_says_its_kinds_in_dutch(tmp_path):
    """The price list's words for the kinds (gesprek, doorverbinding, telefoonoproep, chat,
    mailverslag, sms_verslag, training, assistent), in any case, a space or hyphen for the
    underscore: the same invoice as the English kinds; a word of neither language is refused, the
    message naming both lists (in Dutch in a Dutch summary)."""
    english = ["call", "forward", "outbound", "chat", "email_report", "sms_report", "training", "assistant"]
    dutch = ["Gesprek", " doorverbinding", "TELEFOONOPROEP", "chat", "mailverslag", "SMS-verslag", "Training",
             "assistent"]
    seconds = [125, 61, 30, 200, 0, 0, 3600, 1800]
    r_en, r_nl = (rate(pd.DataFrame([ev("c", "2026-05-02T10:00:00", k, s) for k, s in zip(kinds, seconds,
                                                                                        strict=True)]),
                       contracts(("c", "PLUS", "PLUS", 190))) for kinds in (english, dutch))
    assert r_nl.errors.empty and r_nl.invoices.equals(r_en.invoices)
    log = tmp_path / "log.csv"  # a Dutch file: headers, kinds, decimal commas
    log.write_text("Klant;Begintijd;Soort;Duur\nc;2026-05-02T10:00:00;gesprek;125,5\nc;2026-05-02T11:00:00;fax;1\n")
    (tmp_path / "c.csv").write_text("klant;telefoonplan;chatplan;afgesproken aht\nc;PLUS;PLUS;190\n")
    r = rate(log, tmp_path / "c.csv")
    assert r.invoices["calls"].tolist() == [1] and r.invoices["billable_call_seconds"].tolist() == [36]
    assert r.errors["reason"].tolist() == [
        "kind: 'fax' is not one of call, forward, outbound, chat, email_report, sms_report, training, assistant "
        "(in Dutch gesprek, doorverbinding, telefoonoproep, chat, mailverslag, sms_verslag, training, assistent)"]
    from optimizer.ground.words import message
    assert "(in het Nederlands gesprek, doorverbinding" in message(r.errors["reason"].iat[0], "nl")
    log.write_text("Klant;Begintijd;Soort;Duur;Buitenland\nc;2026-05-02T10:00:00;gesprek;125,5;misschien\n")
    said = message(rate(log, tmp_path / "c.csv").errors["reason"].iat[0], "nl")
    assert said.startswith("buitenland: 'misschien' is geen ja of nee")  # the field as the Dutch header says it


def u_tariff():
    from optimizer import load_tariff

    return load_tariff()


def test_refused_rows_are_reported_with_their_row_never_dropped():
    events = pd.DataFrame([
        ev("c", "2026-05-02T10:00:00", "call", 100),
        ev("x", "2026-05-02T10:00:00", "call", 100),
        ev("c", "yesterday", "call", 100),
        ev("c", "2026-05-02T10:00:00", "fax", 100),
        ev("c", "2026-05-02T10:00:00", "call", -1),
        ev("c", "2026-05-02T10:00:00", "call", "ten"),
        ev("c", "2026-13-02T10:00:00", "call", 1),
        ev("c", "2026-05-02T10:00:00", "call", 1.0000001),
        ev("c", "2026-05-02T10:00:00", "CALL", 100),
    ])
    r = rate(events, contracts(("c", "BASIC", "", 0)))
    assert r.errors["row"].tolist() == [2, 3, 4, 5, 6, 7, 8]
    reasons = r.errors["reason"].tolist()
    assert reasons[0] == "customer 'x' is not in the contracts"
    assert reasons[1].startswith("start: 'yesterday' is not a time")
    assert reasons[2].startswith("kind: 'fax' is not one of call, forward")
    assert reasons[3] == "seconds: a duration is a number >= 0"
    assert reasons[4] == "seconds: 'ten' is not a number"
    assert reasons[6] == "seconds: 1.0000001 has more than 6 decimals"
    assert r.events_used == 2 and r.invoices["calls"].tolist() == [2]  # 'CALL' is a call


def test_a_wrong_contracts_file_is_counted_whole_and_listed_in_part(monkeypatch):
    import optimizer.decisions.rating as rating
    monkeypatch.setattr(rating, "LISTED", 3)
    monkeypatch.setattr(rating, "CHUNK", 4)  # the listing spans chunks
    unknown, known = ev("x", "2026-05-02T10:00:00", "call", 100), ev("c", "2026-05-02T10:00:00", "call", 5)
    events = pd.DataFrame([unknown] * 10 + [known])
    r = rate(events, contracts(("c", "BASIC", "", 0)))
    assert r.refused == 10 and r.errors["row"].tolist() == [1, 2, 3] and r.events_used == 1
    assert "events refused: 10 (the first 3 listed)" in r.summary()
    assert "geweigerde contacten: 10 (de eerste 3 vermeld)" in r.summary("nl")


def test_contract_problems():
    events = pd.DataFrame([ev("c", "2026-05-02T10:00:00", "call", 100), ev("d", "2026-05-02T10:00:00", "chat", 10)])
    # a plan that does not exist stops the rating, naming the customer: every invoice of it would be wrong
    with pytest.raises(RatingError, match=r"^contracts: customer 'c' \(row 1\): phone_plan: 'GOLD' is not a plan"):
        rate(events, contracts(("c", "GOLD", "", 0), ("d", "BASIC", "", 0)))
    r = rate(events, contracts(("c", "BASIC", "", 0), ("d", "BASIC", "", 0)))
    errors = dict(zip(r.invoices["customer"], r.invoices["error"], strict=True))
    assert errors["d"].startswith("contract plans: the chat service")  # a month the plans cannot serve
    assert errors["c"] == "" and r.invoices["error"].dtype == "str"
    totals = dict(zip(r.invoices["customer"], r.invoices["total"], strict=True))
    assert math.isnan(totals["d"]) and totals["c"] > 0  # no total on plans that cannot serve the month
    assert r.invoices["chat_plan"].isna().all() and r.invoices["phone_plan"].tolist() == ["BASIC", "BASIC"]
    assert r.invoices_in_error == 1 and "invoices with an error: 1" in r.summary()
    assert r.invoices["best_total"].notna().all()
    # a blank plan as pandas' own text column has it (NA) is no plan, as an empty cell is
    blank = contracts(("c", "BASIC", "", 0)).assign(chat_plan=pd.array([pd.NA], dtype="string"))
    r = rate(events.iloc[:1], blank)
    assert r.invoices["chat_plan"].isna().all() and r.invoices["error"].tolist() == [""]
    with pytest.raises(RatingError, match="customer 'c' .row 1.: need_24_7: 'misschien' is not yes or no"):
        rate(events, contracts(("c", "BASIC", "", 0)).assign(need_24_7=["misschien"]))
    with pytest.raises(ValueError, match="customer 'c' is there twice"):
        rate(events, contracts(("c", "BASIC", "", 0), ("c", "PLUS", "", 0)))
    # an agreed AHT that is none is named as the contracts' column (not as a forecast's aht), in Dutch too
    for value, said in (("abc", "'abc' is not a finite number >= 0"), (-5, "-5 is not a finite number >= 0"),
                        (10**7, r"10000000 is not at most 1,000,000 \(the limit for agreed_aht\)$")):
        with pytest.raises(RatingError, match=rf"customer 'c' \(row 1\): agreed_aht: {said}") as caught:
            rate(events, contracts(("c", "BASIC", "", value)))
        assert message(str(caught.value), "nl").startswith("contracten: klant 'c' (rij 1): afgesproken_aht: ")
    assert message(str(caught.value), "nl").endswith("is meer dan 1.000.000 (de grens voor afgesproken_aht)")
    with pytest.raises(RatingError) as caught:
        rate(events, contracts(("c", "GOLD", "", 0)))
    assert message(str(caught.value), "nl").startswith("contracten: klant 'c' (rij 1): plan_telefoon: 'GOLD' is ")
    with pytest.raises(ValueError, match="events: no column for kind"):
        rate(events.drop(columns="kind"), contracts(("c", "BASIC", "", 0)))


def test_customers_without_contacts_pay_their_fees_every_month():
    events = pd.DataFrame([ev("a", "2026-01-05T10:00:00", "call", 10), ev("a", "2026-03-05T10:00:00", "call", 10)])
    r = rate(events, contracts(("a", "BASIC", "", 0), ("0007", "PLUS", "SMART", 0)))
    quiet = r.invoices[r.invoices["customer"] == "0007"]
    assert quiet["month"].tolist() == ["2026-01", "2026-02", "2026-03"]
    assert quiet["total"].tolist() == [float(quote(Usage(), phone="PLUS", chat="SMART").total)] * 3
    assert quiet["best_total"].tolist() == [0.0] * 3 and quiet["saving"].tolist() == [quiet["total"].iat[0]] * 3


# ----------------------------------------------------------------------------- brute force on generated logs
def brute(events: list[dict], contract_rows: list[tuple]) -> dict[tuple[str, str], Decimal]:
    """Invoices by plain Python: each contact's month in Amsterdam, per-call ceilings, the agreed
    AHT walked quarter by quarter, tests/reference.py's prices."""
    months: dict[tuple[str, str], dict[str, Fraction]] = {}
    chat_secs: dict[tuple[str, str], list[Fraction]] = {}
    for e in events:
        text = e["start"]
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
        local = t.astimezone(AMS) if t.tzinfo else t
        key = (e["customer"], f"{local.year:04d}-{local.month:02d}")
        m = months.setdefault(key, {})
        d = Fraction(str(e["seconds"]))
        whole = math.ceil(d)
        kind = e["kind"]
        add = lambda k, v, m=m: m.__setitem__(k, m.get(k, 0) + v)
        if kind == "call":
            add("calls", 1)
            add("billable_call_seconds", max(0, whole - 90))
        elif kind == "forward":
            add("forwards", 1)
            add("total_forward_seconds", whole)
        elif kind == "outbound":
            add("outbound_calls", 1)
            add("total_outbound_seconds", whole)
        elif kind == "chat":
            add("chats", 1)
            chat_secs.setdefault(key, []).append(d)
        elif kind in ("email_report", "sms_report"):
            add(f"{kind}s", 1)
        else:
            add("training_hours" if kind == "training" else "assistant_hours", d / 3600)
        if e.get("foreign") and kind in ("call", "forward", "outbound"):
            add("foreign_seconds", whole)
    keys = sorted({k[1] for k in months})
    first, last = keys[0], keys[-1]
    period = []
    y, mo = int(first[:4]), int(first[5:])
    while f"{y:04d}-{mo:02d}" <= last:
        period.append(f"{y:04d}-{mo:02d}")
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    out = {}
    for customer, phone, chat, agreed in contract_rows:
        agreed = Fraction(agreed)
        quarter_chats: list[Fraction] = []
        for i, month in enumerate(period):
            u = {k: v for k, v in months.get((customer, month), {}).items()}
            u["aht"] = agreed
            out[(customer, month)] = reference.total(u, phone or None, chat or None)
            quarter_chats += chat_secs.get((customer, month), [])
            quarter_ends = int(month[5:]) % 3 == 0 or i == len(period) - 1
            if quarter_ends:
                if quarter_chats:
                    measured = sum(quarter_chats) / len(quarter_chats)
                    if agreed == 0 or abs(measured - agreed) >= agreed / 10:
                        agreed = Fraction((measured * 2 + 1) // 2)  # half-up to whole seconds
                quarter_chats = []
    return out


def random_log(seed: int) -> tuple[list[dict], list[tuple]]:
    rng = random.Random(seed)
    customers = [f"{k:04d}" for k in range(rng.randint(1, 4))]
    plans = ["BASIC", "SMART", "PLUS", "PREMIUM"]
    contract_rows = [(c, rng.choice(plans), rng.choice(plans), rng.choice([0, 150, 180, 200, 240])) for c in customers]
    events = []
    base = datetime(2026, 1, 1, tzinfo=UTC)
    for _ in range(rng.randint(1, 400)):
        t = base + timedelta(seconds=rng.randint(0, 200 * 86400))
        if rng.random() < 0.1:  # right at a month's end, either side of midnight
            t = t.replace(day=1, hour=0, minute=0) - timedelta(minutes=rng.choice([-30, 30, 59, 61, 90, 150]))
        style = rng.random()
        if style < 0.4:
            text = t.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif style < 0.7:
            text = t.astimezone(timezone(timedelta(hours=rng.choice([-5, 0, 1, 2, 9])))).isoformat()
        else:
            text = t.astimezone(AMS).replace(tzinfo=None).isoformat(sep=" ")
        kind = rng.choices(["call", "forward", "outbound", "chat", "email_report", "sms_report", "training",
                            "assistant"], [50, 5, 5, 25, 4, 4, 3, 4])[0]
        seconds = rng.choice([89, 90, 91, 90.5, 89.999, 0, 45, 180, 181, 200.25, 3600, 5400,
                              round(rng.random() * 600, rng.randint(0, 3))])
        events.append({"customer": rng.choice(customers), "start": text, "kind": kind, "seconds": seconds,
                       "foreign": rng.random() < 0.2})
    return events, contract_rows


@pytest.mark.parametrize("seed", range(40))
def test_equal_to_the_brute_force_on_generated_logs(seed):
    events, contract_rows = random_log(seed)
    r = rate(pd.DataFrame(events), contracts(*contract_rows))
    want = brute(events, contract_rows)
    got = {(row["customer"], row["month"]): row for row in r.invoices.to_dict("records")}
    assert set(got) == set(want)
    for key, total in want.items():
        row = got[key]
        if row["error"]:  # the contract's plans cannot serve that month (usage without its service)
            continue
        assert Decimal(f"{row['total']:.2f}") == total, (key, row)
    assert r.errors.empty and r.events_used == len(events)


def test_exactly_ten_percent_changes_and_a_quarter_without_chats_does_not():
    rows = [ev("a", "2026-01-10T10:00:00", "chat", 181)] * 3 + [ev("a", "2026-06-10T10:00:00", "call", 5)]
    rows += [ev("a", "2026-07-10T10:00:00", "chat", 219.99)] * 2  # a hair below 10% above 200
    r = rate(pd.DataFrame(rows), contracts(("a", "BASIC", "BASIC", 200)))
    assert r.evaluations[["quarter", "agreed_before", "agreed_after", "changed"]].values.tolist() == [
        ["2026-Q1", 200, 200, False], ["2026-Q3", 200, 200, False]]  # Q2 had no chats: no evaluation
    rows[-2:] = [ev("a", "2026-07-10T10:00:00", "chat", 219.5), ev("a", "2026-07-11T10:00:00", "chat", 220.5)]
    r = rate(pd.DataFrame(rows), contracts(("a", "BASIC", "BASIC", 200)))  # measured 220: exactly 10%
    assert r.evaluations["changed"].tolist() == [False, True] and r.evaluations["agreed_after"].iat[1] == 220


def test_empty_log():
    r = rate(pd.DataFrame(columns=["customer", "start", "kind", "seconds"]), contracts(("a", "BASIC", "", 0)))
    assert r.invoices.empty and r.events_used == 0 and r.total_invoiced == 0
    assert "customers: 0" in r.summary()


def test_summary_line_in_both_languages():
    events = pd.DataFrame([ev("a", "2026-05-02T10:00:00", "call", 100)] * 1000)
    r = rate(events, contracts(("a", "BASIC", "", 0)))
    assert r.summary() == ("customers: 1, months: 1, events used: 1,000, events refused: 0, total invoiced: "
                           f"EUR {r.total_invoiced:,}, total possible saving: EUR {r.total_saving:,}")
    assert r.total_saving == Decimal(f"{r.invoices['saving'].iat[0]:.2f}") > 0  # SMART beats BASIC here
    assert r.summary("nl").startswith("klanten: 1, maanden: 1, gebruikte contacten: 1.000, geweigerde contacten: 0, "
                                      "totaal gefactureerd: € ")
    assert np.isclose(float(r.total_invoiced), r.invoices["total"].sum())


def test_a_chat_contract_without_an_agreed_aht_is_said(tmp_path):
    """A blank agreed AHT is rule 27's 0 (chats billed on 0 s until a quarter is evaluated): said
    in the summary, as a value forgotten would otherwise bill a quarter of chats at nothing. A 0
    written, or a contract without chats, is not counted; a contracts file without the column is."""
    from optimizer.jobs.rate import rate_files
    from optimizer.pricing.tariff import load_tariff

    events = pd.DataFrame([ev("a", "2026-01-05T10:00:00", "chat", 300), ev("b", "2026-01-05T10:00:00", "chat", 300)])
    r = rate(events, contracts(("a", "SMART", "SMART", None), ("b", "SMART", "SMART", 0), ("c", "SMART", "", None)))
    assert r.chats_without_aht == 1 and r.invoices.set_index("customer")["agreed_aht"].tolist() == [0, 0, 0]
    said = "chat contracts without an agreed AHT (their chats billed on 0 s until a quarter is evaluated): 1"
    assert said in r.summary()
    assert "chatcontracten zonder afgesproken AHT (hun chats op 0 s gefactureerd tot een kwartaal is beoordeeld): 1" \
        in r.summary("nl")
    (tmp_path / "log.csv").write_text("customer,start,kind,seconds\na,2026-01-05T10:00:00,chat,300\n")
    for text, want in (("customer;chatplan;afgesproken aht\na;SMART; \nb;SMART;0\n", 1),
                       ("customer;chatplan\na;SMART\n", 1), ("customer;chatplan;afgesproken aht\na;SMART;200\n", 0)):
        (tmp_path / "c.csv").write_text(text)
        r = rate_files(tmp_path / "log.csv", tmp_path / "c.csv", tmp_path / "inv.csv", tariff=load_tariff(), force=True)
        assert r.chats_without_aht == want, text
    assert said not in r.summary()

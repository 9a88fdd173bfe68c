"""Headers: a field for certain, or not a field for certain."""
from datetime import datetime

import pytest

from optimizer.reading.fields import BULK_SPEC, CONTRACTS_SPEC, EVENTS_SPEC, SCHEDULE_SPEC, SPECS
from optimizer.reading.headers import HeaderError, match_headers, normalise


def fields(headers, mapping=None, spec=BULK_SPEC):
    return match_headers(headers, spec, mapping=mapping).fields


@pytest.mark.parametrize("header, field", [
    ("calls", "calls"), (" Calls ", "calls"), ("CALL-SECONDS", "call_seconds"), ("call seconds", "call_seconds"),
    ("Gesprekken", "calls"), ("Aantal gesprekken", "calls"), ("Gesprekken per maand", "calls"),
    ("calls/month", "calls"), ("Calls pm", "calls"), ("number of chats", "chats"), ("AHT (sec)", "aht"),
    ("Afhandeltijd [s]", "aht"), ("Trainingsuren", "training_hours"), ("Training (uur)", "training_hours"),
    ("24/7", "need_24_7"), ("Bereikbaar 24/7", "need_24_7"), (datetime(2026, 7, 24), "need_24_7"),
    ("Doorverbindingen", "forwards"), ("Huidig telefoonplan", "current_phone"), ("\ufeffcalls", "calls"),
])
def test_recognised(header, field):
    extra = ["chats"] if field != "chats" else ["calls"]
    assert fields(["klant", header, *extra])[field] == 1


@pytest.mark.parametrize("header, message", [
    ("gesprekke", "looks like calls ('gesprekken', which column 'calls' already gives)"),
    ("ath", "looks like aht"),
    ("Total calls", "looks like calls"),
    ("chat", "looks like chats"),
    ("gespreksduur (minuten)", "is in minutes, but call_seconds is in seconds"),
    ("gesprekstijd (totaal)", "is marked (totaal), but call_seconds is in seconds"),
    ("AHT (min)", "is in minutes"),
])
def test_looks_like_a_field_stops(header, message):
    with pytest.raises(HeaderError) as err:
        fields(["klant", "calls", header])
    assert message in str(err.value) and f"--map '{header}=" in err.value.render("cli")
    assert f"map='{header}=" in str(err.value)  # the Python API names the option as a keyword


def test_map_says_it_outright():
    assert fields(["klant", "Total calls"], {"Total calls": "calls"}) == {"calls": 1}
    assert fields(["klant", "calls", "Notities over gesprekken"], {"notities over gesprekken": ""}) == {"calls": 1}
    with pytest.raises(HeaderError, match="'bogus' is not a field of a customer file"):
        fields(["calls"], {"calls": "bogus"})
    with pytest.raises(HeaderError, match="has no column 'nope'"):
        fields(["calls"], {"nope": "calls"})


@pytest.mark.parametrize("headers", [["klant", "c247", "calls"], ["Q3 2026", "calls"], ["customer", "calls", "notes"],
                                     ["Klantnaam", "Plaats", "Gesprekken"]])
def test_other_columns_pass_through(headers):
    assert list(fields(headers)) == ["calls"]


def test_refusals():
    with pytest.raises(HeaderError, match="columns 'calls' and 'Gesprekken' both give calls"):
        fields(["calls", "Gesprekken"])
    with pytest.raises(HeaderError, match="no usage column recognised among the columns found \\('naam', 'plaats'\\)"):
        fields(["naam", "plaats"])


def test_every_name_is_one_field_in_each_table_and_recognised():
    for spec in SPECS:
        seen = {}
        for field in spec.fields:
            for name in spec.names(field):
                key = normalise(name)
                assert seen.setdefault(key, field) == field, (spec.name, name, field, seen[key])
                assert fields([name], spec=spec.with_name("t").__class__(**{**spec.__dict__, "any_of": (),
                                                                            "needed": ()})) == {field: 0}


@pytest.mark.parametrize("spec, headers, message", [
    # a contact log's duration headed as a forecast's: its `seconds`, never 0 s
    (EVENTS_SPEC, ["klant", "begintijd", "soort", "gesprekstijd (min)"], "is in minutes, but seconds is in seconds"),
    (EVENTS_SPEC, ["klant", "begintijd", "soort", "gemiddelde gespreksduur"], "looks like seconds ('gespreksduur')"),
    (EVENTS_SPEC, ["klant", "begintijd", "soort", "chats"], "is chats in a customer file, which a contact log"),
    (EVENTS_SPEC, ["klant", "begintijd", "soort", "calls"], "is calls in a customer file, which a contact log"),
    # a contract's agreed AHT headed `aht`-like: its agreed_aht; a forecast's field in contracts: refused
    (CONTRACTS_SPEC, ["klant", "telefoonplan", "calls"], "is calls in a customer file, which a contracts file"),
    (CONTRACTS_SPEC, ["klant", "begintijd", "soort", "seconden"], "this looks like a contact log"),
    (CONTRACTS_SPEC, ["klant", "afhandeltijd"], "a contracts file needs a phone_plan or chat_plan column"),
    (EVENTS_SPEC, ["klant", "telefoonplan", "chatplan", "aht"], "this looks like a contracts file"),
    (BULK_SPEC, ["klant", "calls", "seconds"], "is seconds in a contact log, which a customer file does not have"),
    (BULK_SPEC, ["klant", "calls", "agreed_aht"], "looks like aht"),
    (BULK_SPEC, ["klant", "calls", "foreign"], "is foreign in a contact log, which a customer file does not have"),
])
def test_a_column_of_another_table_stops_the_run(spec, headers, message):
    with pytest.raises(HeaderError) as err:
        fields(headers, spec=spec)
    assert message in str(err.value)


@pytest.mark.parametrize("spec, headers, want", [
    (EVENTS_SPEC, ["Klant", "Begintijd", "Soort", "Gespreksduur"],
     {"customer": 0, "start": 1, "kind": 2, "seconds": 3}),
    (EVENTS_SPEC, ["klant", "tijdstip", "type", "duur (s)", "buitenland"],
     {"customer": 0, "start": 1, "kind": 2, "seconds": 3, "foreign": 4}),
    (CONTRACTS_SPEC, ["Klant", "Telefoonplan", "Chatplan", "Afhandeltijd", "24/7"],
     {"customer": 0, "phone_plan": 1, "chat_plan": 2, "agreed_aht": 3, "need_24_7": 4}),
    (CONTRACTS_SPEC, ["klant", "plan telefoon", "AHT (s)", "Naam", "Adres"],
     {"customer": 0, "phone_plan": 1, "agreed_aht": 2, "name": 3, "address": 4}),
    (SCHEDULE_SPEC, ["Klant", "Maand", "Gesprekken"], {"customer": 0, "month": 1, "calls": 2}),
])
def test_each_table_knows_its_own_names(spec, headers, want):
    assert fields(headers, spec=spec) == want

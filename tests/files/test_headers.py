"""Headers: a field for certain, or not a field for certain."""
from datetime import datetime

import pytest

from optimizer.jobs.bulk import BULK_SPEC
from optimizer.reading.headers import ALIASES, HeaderError, match_headers, normalise


def fields(headers, mapping=None):
    return match_headers(headers, BULK_SPEC.fields, any_of=BULK_SPEC.any_of, mapping=mapping).fields


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
    assert message in str(err.value) and f"--map '{header}=" in str(err.value)


def test_map_says_it_outright():
    assert fields(["klant", "Total calls"], {"Total calls": "calls"}) == {"calls": 1}
    assert fields(["klant", "calls", "Notities over gesprekken"], {"notities over gesprekken": ""}) == {"calls": 1}
    with pytest.raises(HeaderError, match="'bogus' is not a field here"):
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


def test_every_alias_is_unique_and_recognised():
    seen = {}
    for field, names in ALIASES.items():
        for name in (field, *names):
            key = normalise(name)
            assert seen.setdefault(key, field) == field, (name, field, seen[key])

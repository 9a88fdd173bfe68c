"""Every field a user may name in a table, and the tables each way in reads.

One vocabulary: a field's kind (how its cells are read), the names it is known by besides its own
(English and the Dutch of the price list and of Excel exports), its unit. A table (`TableSpec`) is a
choice of fields, with names that only make sense there (a contact's `gespreksduur` is its
`seconds`; a contract's `afhandeltijd` is its `agreed_aht`). No pyarrow here: the Excel functions and
xlwings Lite read with these too.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from optimizer.ground.errors import FileError
from optimizer.ground.usage import AMOUNT_FIELDS, COUNT_FIELDS, FLAG_FIELDS, USAGE_FIELDS

__all__ = ["ALIASES", "BULK_SPEC", "CONFUSED", "CONTRACTS_SPEC", "CURRENT", "EVENTS_SPEC", "FIELD_UNIT", "KINDS_OF",
           "NUMERIC", "OWNER", "SCENARIOS_SPEC", "SCHEDULE_SPEC", "SPECS", "TABLE_SPEC", "UNITS", "USAGE_LIKE",
           "FileError", "ReadOptions", "TableSpec"]

# kinds: count, amount (numbers), flag (yes/no), month, text (ids, plans, times: read by whoever uses them)
NUMERIC = ("count", "amount")
USAGE_LIKE = ("count", "amount", "flag")  # what is priced: a column of these left out would price as 0

# field -> the names it is known by besides its own, in every table that has the field
ALIASES: dict[str, tuple[str, ...]] = {
    "calls": ("gesprekken", "aantal gesprekken", "telefoongesprekken", "beantwoorde gesprekken", "answered calls"),
    "call_seconds": ("gesprekstijd", "gespreksduur", "gemiddelde gespreksduur", "seconden per gesprek",
                     "average call seconds", "avg call seconds", "call duration", "average call duration"),
    "chats": ("e-mails", "emails", "e-mails/chats", "berichten", "aantal chats", "chatberichten", "messages"),
    "aht": ("afhandeltijd", "afhandelingstijd", "gemiddelde afhandeltijd", "handling time", "average handling time"),
    "forwards": ("doorverbindingen", "doorverbinden", "doorverbonden gesprekken", "forwarded calls"),
    "forward_seconds": ("gesprekstijd doorverbinden", "doorverbindtijd", "gemiddelde doorverbindtijd"),
    "outbound_calls": ("telefoonoproepen", "uitgaande gesprekken", "uitgaande oproepen"),
    "outbound_seconds": ("gesprekstijd telefoonoproep", "gesprekstijd uitgaand", "gemiddelde uitgaande gesprekstijd"),
    "foreign_minutes": ("minuten buitenland", "buitenland minuten", "toeslag buitenland"),
    "voice_response": ("voiceresponse", "spraakmenu"),
    "email_reports": ("gespreksverslagen via mail", "gespreksverslagen mail", "verslagen mail", "mailverslagen"),
    "sms_reports": ("gespreksverslagen via sms", "gespreksverslagen sms", "verslagen sms", "smsverslagen"),
    "month_spec": ("maandspecificatie", "specificatie"),
    "training_hours": ("trainingsuren", "uren training", "training"),
    "assistant_hours": ("direct assistent", "assistent uren", "uren direct assistent", "assistent"),
    "need_24_7": ("24/7", "24x7", "24 uur", "dag en nacht", "24/7 bereikbaar", "bereikbaar 24/7"),
    "billable_call_seconds": ("gesprekstijd boven 90 seconden", "seconden boven 90", "totale gesprekstijd boven 90"),
    "total_forward_seconds": ("totale gesprekstijd doorverbinden", "totale doorverbindtijd"),
    "total_outbound_seconds": ("totale gesprekstijd telefoonoproep", "totale gesprekstijd uitgaand"),
    "foreign_seconds": ("seconden buitenland", "buitenland seconden"),
    "current_phone": ("huidig telefoonplan", "huidige telefoon", "huidig abonnement telefoon", "plan telefoon nu",
                      "huidig plan telefoon"),
    "current_chat": ("huidig chatplan", "huidige chat", "huidig abonnement chat", "plan chat nu", "huidig plan chat"),
    "customer": ("klant", "klantnummer", "klant id", "klantnaam", "debiteur", "debiteurnummer", "customer id"),
    "month": ("maand", "periode"),
    "start": ("begintijd", "starttijd", "tijdstip", "datum tijd", "start time", "timestamp"),
    "kind": ("soort", "type", "contactsoort"),
    "seconds": ("seconden", "duur", "duur seconden", "duration"),
    "foreign": ("buitenland",),
    "phone_plan": ("telefoonplan", "abonnement telefoon", "plan telefoon"),
    "chat_plan": ("chatplan", "abonnement chat", "plan chat"),
    "agreed_aht": ("afgesproken aht", "voorcalculatorische aht", "aht afgesproken", "afgesproken afhandeltijd"),
    "scenario": ("naam", "name"),
    "weight": ("gewicht", "kans", "probability"),
    "name": ("naam", "bedrijfsnaam", "company", "company name"),
    "address": ("adres", "postadres", "factuuradres"),
}
# a unit in brackets after a header, and the fields it may stand beside
UNITS: dict[str, tuple[str, ...]] = {
    "seconds": ("s", "sec", "secs", "second", "seconds", "seconde", "seconden"),
    "minutes": ("m", "min", "mins", "minute", "minutes", "minuut", "minuten"),
    "hours": ("h", "hr", "hrs", "hour", "hours", "u", "uur", "uren"),
    "count": ("#", "n", "nr", "aantal", "count", "stuks", "st"),
    "yes/no": ("ja/nee", "yes/no", "j/n", "y/n"),
}
FIELD_UNIT = {
    **{f: "seconds" for f in ("call_seconds", "aht", "forward_seconds", "outbound_seconds", "billable_call_seconds",
                              "total_forward_seconds", "total_outbound_seconds", "foreign_seconds", "seconds",
                              "agreed_aht")},
    "foreign_minutes": "minutes", "training_hours": "hours", "assistant_hours": "hours",
    **{f: "count" for f in ("calls", "chats", "forwards", "outbound_calls", "email_reports", "sms_reports")},
    **{f: "yes/no" for f in ("voice_response", "month_spec", "need_24_7", "foreign")},
}


@dataclass(frozen=True)
class TableSpec:
    """The fields a table has: field -> kind; at least one of `any_of` must be present (else
    nothing would be priced), every one of `needed`. `aliases`: names that mean a field in this
    table only (besides ALIASES). `what`: the table, as a message names it."""

    fields: dict[str, str]
    any_of: tuple[str, ...] = ()
    needed: tuple[str, ...] = ()
    name: str = "input"
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    what: str = "a customer file"

    def numeric(self) -> list[str]:
        return [f for f, kind in self.fields.items() if kind in NUMERIC]

    def names(self, f: str) -> tuple[str, ...]:
        """Every name of field f in this table, its own first."""
        return (f, *self.aliases.get(f, ()), *ALIASES.get(f, ()))

    def with_name(self, name: str) -> TableSpec:
        from dataclasses import replace

        return replace(self, name=name)


@dataclass(frozen=True)
class ReadOptions:
    separator: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    chunk_rows: int = 100_000
    mapping: Mapping[str, str] | None = None  # header -> field ('' leaves the column out)


CURRENT = ("current_phone", "current_chat")
_USAGE = {**{f: "count" for f in COUNT_FIELDS}, **{f: "amount" for f in AMOUNT_FIELDS},
          **{f: "flag" for f in FLAG_FIELDS}}
BULK_SPEC = TableSpec(fields={**_USAGE, **{c: "text" for c in CURRENT}}, any_of=tuple(USAGE_FIELDS), name="input")
TABLE_SPEC = TableSpec(fields=dict(_USAGE), any_of=tuple(USAGE_FIELDS), name="table", what="a table of forecasts")
SCHEDULE_SPEC = TableSpec(fields={"customer": "text", "month": "month", **BULK_SPEC.fields}, any_of=tuple(USAGE_FIELDS),
                          needed=("customer", "month"), name="input", what="a file of months per customer")
SCENARIOS_SPEC = TableSpec(fields={"scenario": "text", "weight": "amount", **_USAGE}, any_of=tuple(USAGE_FIELDS),
                           name="scenarios", what="a file of scenarios")
EVENTS_SPEC = TableSpec(
    fields={"customer": "text", "start": "text", "kind": "text", "seconds": "amount", "foreign": "flag"},
    needed=("customer", "start", "kind"), name="events", what="a contact log",
    aliases={"seconds": ("gespreksduur", "gesprekstijd", "afhandeltijd", "duur (s)", "seconden gesprek",
                         "call seconds", "call duration", "talk time", "handling time")})
CONTRACTS_SPEC = TableSpec(
    fields={"customer": "text", "phone_plan": "text", "chat_plan": "text", "agreed_aht": "amount",
            "voice_response": "flag", "month_spec": "flag", "need_24_7": "flag", "name": "text", "address": "text"},
    needed=("customer",), any_of=("phone_plan", "chat_plan"), name="contracts", what="a contracts file",
    aliases={"agreed_aht": ("aht", "afhandeltijd", "gemiddelde afhandeltijd", "afhandelingstijd", "handling time",
                            "average handling time")})
SPECS = (BULK_SPEC, SCHEDULE_SPEC, SCENARIOS_SPEC, EVENTS_SPEC, CONTRACTS_SPEC)
# every field of every table: its kind, and the table it belongs to (for "this column belongs elsewhere")
KINDS_OF: dict[str, str] = {f: kind for spec in SPECS for f, kind in spec.fields.items()}
OWNER: dict[str, str] = {}
for _spec in SPECS:
    for _f in _spec.fields:
        OWNER.setdefault(_f, _spec.what)
CONFUSED = {"events": CONTRACTS_SPEC, "contracts": EVENTS_SPEC}  # rate's two inputs, swapped

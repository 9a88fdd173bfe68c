"""Column headers as users write them: any case, spaces, '-', '_', a unit in brackets, and the
Dutch names below. A header that looks like a field but is none gets a did-you-mean, so a column
is never silently ignored (and priced as 0) because of a typo."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import AnswerPlanError

__all__ = ["ALIASES", "HeaderError", "HeaderMap", "match_headers", "normalise"]

# field -> the names it is known by besides its own (README: "Files from Excel")
ALIASES: dict[str, tuple[str, ...]] = {
    "calls": ("gesprekken", "aantal gesprekken", "telefoongesprekken", "beantwoorde gesprekken"),
    "call_seconds": ("gesprekstijd", "gespreksduur", "gemiddelde gespreksduur", "seconden per gesprek",
                     "average call seconds", "avg call seconds"),
    "chats": ("e-mails", "emails", "e-mails/chats", "berichten", "aantal chats", "chatberichten", "messages"),
    "aht": ("afhandeltijd", "afhandelingstijd", "gemiddelde afhandeltijd", "handling time"),
    "forwards": ("doorverbindingen", "doorverbinden", "doorverbonden gesprekken"),
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
    "need_24_7": ("24/7", "24x7", "24 uur", "dag en nacht", "24/7 bereikbaar"),
    "billable_call_seconds": ("gesprekstijd boven 90 seconden", "seconden boven 90", "totale gesprekstijd boven 90"),
    "total_forward_seconds": ("totale gesprekstijd doorverbinden", "totale doorverbindtijd"),
    "total_outbound_seconds": ("totale gesprekstijd telefoonoproep", "totale gesprekstijd uitgaand"),
    "foreign_seconds": ("seconden buitenland", "buitenland seconden"),
    "current_phone": ("huidig telefoonplan", "huidige telefoon", "huidig abonnement telefoon", "plan telefoon nu"),
    "current_chat": ("huidig chatplan", "huidige chat", "huidig abonnement chat", "plan chat nu"),
    "customer": ("klant", "klantnummer", "klant id", "klantnaam", "debiteur", "debiteurnummer", "customer id"),
    "month": ("maand", "periode"),
    "start": ("begintijd", "starttijd", "tijdstip", "datum tijd", "start time", "timestamp"),
    "kind": ("soort", "type", "contactsoort"),
    "seconds": ("seconden", "duur", "duur seconden", "duration"),
    "foreign": ("buitenland",),
    "phone_plan": ("telefoonplan", "abonnement telefoon", "plan telefoon"),
    "chat_plan": ("chatplan", "abonnement chat", "plan chat"),
    "agreed_aht": ("afgesproken aht", "voorcalculatorische aht", "aht afgesproken"),
}

_UNIT = re.compile(r"\s*[(\[][^)\]]{0,12}[)\]]\s*$")  # "AHT (sec)", "gesprekstijd [s]"


def normalise(header: object) -> str:
    """Lower case, a trailing unit in brackets dropped, only letters and digits kept."""
    text = _UNIT.sub("", str(header)).lower()
    return "".join(ch for ch in text if ch.isalnum())


class HeaderError(AnswerPlanError):
    """The headers of a file do not say, with certainty, which column is which field."""


@dataclass(frozen=True)
class HeaderMap:
    """Which input column (by position) holds which field; the rest pass through."""

    fields: dict[str, int]  # field -> column index
    names: list[str]  # the input's column names, as read

    def column(self, field: str) -> int | None:
        return self.fields.get(field)


def _known(fields: Iterable[str]) -> dict[str, str]:
    """normalised name -> field, for the fields asked for."""
    known: dict[str, str] = {}
    for field in fields:
        for name in (field, *ALIASES.get(field, ())):
            known.setdefault(normalise(name), field)
    return known


def recognised(headers: Iterable[object], fields: Iterable[str]) -> int:
    """How many headers name one of `fields` (to find the header row below title rows)."""
    known = _known(fields)
    return sum(1 for h in headers if h is not None and normalise(h) in known)


def match_headers(headers: list[object], fields: Iterable[str], *, needed: Iterable[str] = (),
                  any_of: Iterable[str] = (), source: str = "input") -> HeaderMap:
    """Map headers to fields. Refuses, with one line: two columns for one field; a header close
    to a field that is not otherwise present (did you mean); none of `any_of` found (no usage
    column: everything would be priced as 0); a field of `needed` missing."""
    fields = list(fields)
    known = _known(fields)
    names = ["" if h is None else str(h) for h in headers]
    found: dict[str, int] = {}
    for i, name in enumerate(names):
        field = known.get(normalise(name))
        if field is None:
            continue
        if field in found:
            raise HeaderError(f"{source}: columns {names[found[field]]!r} and {name!r} both give {field}; "
                              "keep one")
        found[field] = i
    for name in names:
        key = normalise(name)
        if not key or key in known:
            continue
        near = difflib.get_close_matches(key, list(known), n=1, cutoff=0.8)
        if near and known[near[0]] not in found:
            field = known[near[0]]
            alias = next(a for a in (field, *ALIASES.get(field, ())) if normalise(a) == near[0])
            raise HeaderError(f"{source}: column {name!r} is not a known field; did you mean {alias!r} "
                              f"({field})? Rename the column, so it is not left out")
    any_of = list(any_of)
    if any_of and not any(f in found for f in any_of):
        shown = ", ".join(repr(n) for n in names[:12]) + (", ..." if len(names) > 12 else "")
        raise HeaderError(f"{source}: no usage column recognised among the columns found ({shown}); expected "
                          f"names such as {', '.join(any_of[:6])} (or Dutch: gesprekken, gesprekstijd, chats, "
                          "afhandeltijd, ...; see the README)")
    missing = [f for f in needed if f not in found]
    if missing:
        raise HeaderError(f"{source}: no column for {', '.join(missing)} (columns found: "
                          f"{', '.join(repr(n) for n in names[:12])})")
    return HeaderMap(found, names)


def aliases_table(fields: Mapping[str, tuple[str, ...]] = ALIASES) -> list[tuple[str, str]]:
    """(field, its other names) for the README and --help."""
    return [(f, ", ".join(names)) for f, names in fields.items()]

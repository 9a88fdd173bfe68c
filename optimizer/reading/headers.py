"""Column headers as users write them: any case, spaces, '-', '_', 'per maand', a unit in brackets,
and the Dutch names below. A header is either a field for certain, or not a field for certain:
one that looks like a usage field (a typo, a field's name inside it, a unit that does not fit)
stops the run with a did-you-mean, because a column left out is priced as 0. `--map` says it
outright: 'HEADER=FIELD', or 'HEADER=' to leave a column out."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from optimizer.ground.errors import AnswerPlanError

__all__ = ["ALIASES", "UNITS", "HeaderError", "HeaderMap", "match_headers", "normalise", "recognised"]

# field -> the names it is known by besides its own (README: "Files from Excel")
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
    "scenario": ("naam", "name"),
    "weight": ("gewicht", "kans", "probability"),
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
_BRACKETS = re.compile(r"\s*[(\[]([^)\]]{0,20})[)\]]\s*$")
_FILLER = re.compile(r"(?:\s+|\s*/\s*)(?:per\s+)?(?:maand|mnd|month|mth)\s*$|\s+(?:pm|p/m|p\.m\.)\s*$",
                     re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:number of|nr\.? of|no\.? of|#)\s+", re.IGNORECASE)


def _text(header: object) -> str:
    if isinstance(header, (datetime, date)) and (header.day, header.month) == (24, 7):
        return "24/7"  # Excel reads a header typed as 24/7 as the 24th of July
    return "" if header is None else str(header).strip().lstrip("\ufeff")


def _split(header: object) -> tuple[str, str | None]:
    """(name without unit and filler words, the unit in brackets or None)."""
    text = _text(header)
    unit = None
    m = _BRACKETS.search(text)
    if m:
        unit = m.group(1).strip().lower()
        text = text[:m.start()]
    text = _LEAD.sub("", _FILLER.sub("", text))
    return text, unit


def normalise(header: object) -> str:
    """Lower case, a trailing unit in brackets and 'per maand' dropped, only letters and digits."""
    text, _ = _split(header)
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _words(header: object) -> list[str]:
    text, _ = _split(header)
    return [w for w in re.split(r"[^0-9a-z]+", text.lower()) if w]


def _unit_kind(unit: str) -> str | None:
    return next((kind for kind, names in UNITS.items() if unit in names), None)


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


def _distance_one(a: str, b: str) -> bool:
    """One letter added, dropped, changed or two swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _looks_like(header: object, known: dict[str, str], usage: set[str]) -> tuple[str, str] | None:
    """(field, the name it looks like) when an unrecognised header looks like a usage field."""
    key = normalise(header)
    if not key:
        return None
    words = _words(header)
    for name, field in known.items():
        if field not in usage:
            continue
        alias_words = next((_words(a) for a in (field, *ALIASES.get(field, ())) if normalise(a) == name), [name])
        k = len(alias_words)
        if k and any(words[i:i + k] == alias_words for i in range(len(words) - k + 1)):
            return field, name  # the field's name inside the header: 'Total calls', 'Gesprekken per dag'
    if any(ch.isdigit() for ch in key):
        return None  # 'c247', 'Q3 2026': not a near miss
    candidates = [n for n, f in known.items() if f in usage and not any(ch.isdigit() for ch in n)]
    if len(key) <= 5:
        near = [n for n in candidates if _distance_one(key, n)]
    else:
        near = difflib.get_close_matches(key, candidates, n=1, cutoff=0.8)
    return (known[near[0]], near[0]) if near else None


def _alias(field: str, key: str) -> str:
    return next((a for a in (field, *ALIASES.get(field, ())) if normalise(a) == key), field)


def match_headers(headers: list[object], fields: Mapping[str, str], *, needed: Iterable[str] = (),
                  any_of: Iterable[str] = (), source: str = "input",
                  mapping: Mapping[str, str] | None = None) -> HeaderMap:
    """Map headers to fields (`fields`: field -> kind). Refuses, with one line: two columns for
    one field; a header that looks like a usage field but is none (did you mean); a unit that does
    not fit its field; none of `any_of` found (everything would be priced as 0); a field of
    `needed` missing. `mapping` (header -> field, or '' to leave the column out) says it outright."""
    known = _known(fields)
    usage = {f for f, kind in fields.items() if kind in ("count", "amount", "flag")}
    names = [_text(h) for h in headers]
    given = {str(k).strip().lower(): v.strip() for k, v in (mapping or {}).items()}
    for header, field in given.items():
        if field and field not in fields:
            raise HeaderError(f"--map {header}={field}: {field!r} is not a field here "
                              f"({', '.join(sorted(fields))})")
        if header not in {n.lower() for n in names}:
            raise HeaderError(f"--map {header}={field}: {source} has no column {header!r}")
    found: dict[str, int] = {}
    left_out: set[int] = set()
    for i, (raw, name) in enumerate(zip(headers, names, strict=True)):
        if name.lower() in given:
            field = given[name.lower()]
            if not field:
                left_out.add(i)
                continue
        else:
            match = known.get(normalise(raw))
            if match is None:
                continue
            field = match
            _, unit = _split(raw)
            kind = _unit_kind(unit) if unit else None
            if unit and field in FIELD_UNIT and kind != FIELD_UNIT[field]:
                what = f"in {kind}" if kind else f"marked ({unit})"
                raise HeaderError(f"{source}: column {name!r} is {what}, but {field} is in {FIELD_UNIT[field]}: "
                                  f"convert the column, or say --map '{name}={field}' if it is in "
                                  f"{FIELD_UNIT[field]} after all")
        if field in found:
            raise HeaderError(f"{source}: columns {names[found[field]]!r} and {name!r} both give {field}; keep one, "
                              f"or say --map '{name}=' to leave one out")
        found[field] = i
    for i, (raw, name) in enumerate(zip(headers, names, strict=True)):
        if i in found.values() or i in left_out or name.lower() in given:
            continue
        near = _looks_like(raw, known, usage)
        if near:
            field, key = near
            also = f", which column {names[found[field]]!r} already gives" if field in found else ""
            raise HeaderError(f"{source}: column {name!r} looks like {field} ({_alias(field, key)!r}{also}); rename "
                              f"it, or say --map '{name}={field}' (or --map '{name}=' to leave it out)")
    any_of = list(any_of)
    if any_of and not any(f in found for f in any_of):
        shown = ", ".join(repr(n) for n in names[:12]) + (", ..." if len(names) > 12 else "")
        raise HeaderError(f"{source}: no usage column recognised among the columns found ({shown}); expected "
                          f"names such as {', '.join(any_of[:6])} (or Dutch: gesprekken, gesprekstijd, chats, "
                          "afhandeltijd, ...; see the README), or say --map 'HEADER=FIELD'")
    missing = [f for f in needed if f not in found]
    if missing:
        raise HeaderError(f"{source}: no column for {', '.join(missing)} (columns found: "
                          f"{', '.join(repr(n) for n in names[:12])})")
    return HeaderMap(found, names)


def aliases_table(fields: Mapping[str, tuple[str, ...]] = ALIASES) -> list[tuple[str, str]]:
    """(field, its other names) for the README and --help."""
    return [(f, ", ".join(names)) for f, names in fields.items()]


"""Column headers as users write them: any case, spaces, '-', '_', 'per maand', a unit in brackets,
and the Dutch names below. A header is either a field for certain, or not a field for certain:
one that looks like a usage field (a typo, a field's name inside it, a unit that does not fit)
stops the run with a did-you-mean, because a column left out is priced as 0. `--map` says it
outright: 'HEADER=FIELD', or 'HEADER=' to leave a column out."""
from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from optimizer.ground.errors import HeaderError
from optimizer.reading.fields import (
    ALIASES,
    CONFUSED,
    EVENTS_SPEC,
    FIELD_UNIT,
    OWNER,
    SPECS,
    UNITS,
    USAGE_LIKE,
    TableSpec,
)

__all__ = ["ALIASES", "UNITS", "HeaderError", "HeaderMap", "match_headers", "normalise", "recognised"]

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


@dataclass(frozen=True)
class HeaderMap:
    """Which input column (by position) holds which field; the rest pass through."""

    fields: dict[str, int]  # field -> column index
    names: list[str]  # the input's column names, as read

    def column(self, field: str) -> int | None:
        return self.fields.get(field)


_KNOWN: dict[int, tuple[TableSpec, dict[str, str]]] = {}


def _known(spec: TableSpec | Iterable[str]) -> dict[str, str]:
    """normalised name -> field, for the fields of a table (or a list of fields); a table's once."""
    known: dict[str, str] = {}
    if isinstance(spec, TableSpec):
        kept = _KNOWN.get(id(spec))
        if kept is not None and kept[0] is spec:
            return kept[1]
        for f in spec.fields:
            for name in spec.names(f):
                known.setdefault(normalise(name), f)
        _KNOWN[id(spec)] = (spec, known)
        return known
    for name, (f, _) in _spellings(spec).items():
        known.setdefault(name, f)
    return known


def _spellings(fields: Iterable[str]) -> dict[str, tuple[str, str]]:
    """normalised name -> (field, the name as written), for a list of fields: each field's own name
    and its aliases (English and Dutch), the first spelling of each normalised name kept."""
    spelled: dict[str, tuple[str, str]] = {}
    for f in fields:
        for name in (f, *ALIASES.get(f, ())):
            spelled.setdefault(normalise(name), (f, name))
    return spelled


@functools.cache
def _everywhere() -> dict[str, str]:
    """normalised name -> field, over every table, for the usage-like fields (what is priced)."""
    known: dict[str, str] = {}
    for spec in SPECS:
        for f, kind in spec.fields.items():
            if kind in USAGE_LIKE:
                for name in spec.names(f):
                    known.setdefault(normalise(name), f)
    return known


def field_named(name: object, fields: TableSpec | Iterable[str]) -> str | None:
    """The field a name stands for, as a header would (English or Dutch, any case, a unit in
    brackets: `gesprekken`, `Calls`, `afhandeltijd (s)`), or None."""
    return _known(fields).get(normalise(name))


def nearest_name(name: object, fields: Iterable[str]) -> str | None:
    """The name of a field (English, or Dutch as a header says it) nearest to a mistyped one, or None."""
    import difflib

    spelled = _spellings(fields)
    near = difflib.get_close_matches(normalise(name), list(spelled), n=1)
    return spelled[near[0]][1] if near else None


def recognised(headers: Iterable[object], fields: TableSpec | Iterable[str]) -> int:
    """How many headers name a field of the table (to find the header row below title rows)."""
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


def _looks_like(header: object, spec: TableSpec, known: dict[str, str], usage: set[str]) -> tuple[str, str] | None:
    """(field, the name it looks like) when an unrecognised header looks like a usage field."""
    key = normalise(header)
    if not key:
        return None
    words = _words(header)
    for name, f in known.items():
        if f not in usage:
            continue
        alias_words = next((_words(a) for a in spec.names(f) if normalise(a) == name), [name])
        k = len(alias_words)
        if k and any(words[i:i + k] == alias_words for i in range(len(words) - k + 1)):
            return f, name  # the field's name inside the header: 'Total calls', 'Gesprekken per dag'
    if any(ch.isdigit() for ch in key):
        return None  # 'c247', 'Q3 2026': not a near miss
    candidates = [n for n, f in known.items() if f in usage and not any(ch.isdigit() for ch in n)]
    if len(key) <= 5:
        near = [n for n in candidates if _distance_one(key, n)]
    else:
        near = difflib.get_close_matches(key, candidates, n=1, cutoff=0.8)
    return (known[near[0]], near[0]) if near else None


def _alias(spec: TableSpec, f: str, key: str) -> str:
    return next((a for a in spec.names(f) if normalise(a) == key), f)


def _map_hint(name: str, f: str | None = None) -> str:
    if f:
        return f"rename it, or say «map '{name}={f}'» (or «map '{name}='» to leave it out)"
    return f"rename it, or say «map '{name}=FIELD'», or «map '{name}='» to leave it out"


def match_headers(headers: list[object], spec: TableSpec, *, source: str | None = None,
                  mapping: Mapping[str, str] | None = None) -> HeaderMap:
    """Map a table's headers to its fields. Refuses, with one line: two columns for one field; a
    header that looks like a usage field but is none (did you mean); a header that is a usage field
    of another kind of table (a contact log's `seconds` among contracts, `gespreksduur` in a contact
    log); a unit that does not fit its field; none of `any_of` found (everything would be priced as
    0); a field of `needed` missing. `mapping` (header -> field, or '' to leave the column out) says
    it outright."""
    source = source or spec.name
    fields = spec.fields
    known = _known(spec)
    usage = {f for f, kind in fields.items() if kind in USAGE_LIKE}
    names = [_text(h) for h in headers]
    given = {str(k).strip().lower(): v.strip() for k, v in (mapping or {}).items()}
    for header, f in given.items():
        if f and f not in fields:
            raise HeaderError(f"«map {header}={f}»: {f!r} is not a field of {spec.what} "
                              f"({', '.join(sorted(fields))})")
        if header not in {n.lower() for n in names}:
            raise HeaderError(f"«map {header}={f}»: {source} has no column {header!r}")
    found: dict[str, int] = {}
    left_out: set[int] = set()
    for i, (raw, name) in enumerate(zip(headers, names, strict=True)):
        if name.lower() in given:
            f = given[name.lower()]
            if not f:
                left_out.add(i)
                continue
        else:
            match = known.get(normalise(raw))
            if match is None:
                continue
            f = match
            _, unit = _split(raw)
            kind = _unit_kind(unit) if unit else None
            if unit and f in FIELD_UNIT and kind != FIELD_UNIT[f]:
                what = f"in {kind}" if kind else f"marked ({unit})"
                raise HeaderError(f"{source}: column {name!r} is {what}, but {f} is in {FIELD_UNIT[f]}: "
                                  f"convert the column, or say «map '{name}={f}'» if it is in "
                                  f"{FIELD_UNIT[f]} after all")
        if f in found:
            raise HeaderError(f"{source}: columns {names[found[f]]!r} and {name!r} both give {f}; keep one, "
                              f"or say «map '{name}='» to leave one out")
        found[f] = i
    other_table = CONFUSED.get(spec.name)
    if other_table is not None:
        theirs = _known(other_table)
        recognised_there = {theirs[normalise(h)] for i, h in enumerate(headers)
                            if i not in found.values() and normalise(h) in theirs}
        present = recognised_there | (set(found) & set(other_table.fields))
        if recognised_there and set(other_table.needed) <= present:
            raise HeaderError(f"{source}: this looks like {other_table.what} (columns "
                              f"{', '.join(sorted(recognised_there))}), not {spec.what}; are the two files swapped?")
    if spec.name != EVENTS_SPEC.name:  # a contact log read as another table would price its rows as 0
        log = _known(EVENTS_SPEC)
        named = {log[normalise(h)] for h in headers if h is not None and normalise(h) in log}
        if set(EVENTS_SPEC.needed) <= named:
            raise HeaderError(f"{source}: this looks like {EVENTS_SPEC.what} (columns {', '.join(sorted(named))}), not "
                              f"{spec.what}; a log is rated: answer-plan rate LOG --contracts FILE")
    elsewhere = _everywhere()
    for i, (raw, name) in enumerate(zip(headers, names, strict=True)):
        if i in found.values() or i in left_out or name.lower() in given:
            continue
        near = _looks_like(raw, spec, known, usage)
        if near:
            f, key = near
            also = f", which column {names[found[f]]!r} already gives" if f in found else ""
            raise HeaderError(f"{source}: column {name!r} looks like {f} ({_alias(spec, f, key)!r}{also}); "
                              + _map_hint(name, f))
        other = elsewhere.get(normalise(raw))
        if other is not None and other not in fields:
            same_unit = [f for f in usage if FIELD_UNIT.get(f) == FIELD_UNIT.get(other) and f not in found]
            hint = (f"did you mean {same_unit[0]}? " + _map_hint(name, same_unit[0]) if len(same_unit) == 1
                    else _map_hint(name))
            raise HeaderError(f"{source}: column {name!r} is {other} in {OWNER[other]}, which {spec.what} does not "
                              f"have; {hint}")
    any_of = list(spec.any_of)
    if any_of and not any(f in found for f in any_of):
        shown = _listed(names)
        if "calls" in any_of:
            raise HeaderError(f"{source}: no usage column recognised among the columns found ({shown}); expected "
                              f"names such as {', '.join(any_of[:6])}; or Dutch: gesprekken, gesprekstijd, chats, "
                              "afhandeltijd, ..., see the README; or say «map 'HEADER=FIELD'»")
        dutch = "; ".join(f"{f}: {', '.join(spec.names(f)[1:3])}" for f in any_of)
        raise HeaderError(f"{source}: {spec.what} needs a {' or '.join(any_of)} column, and none is among the columns "
                          f"found ({shown}); also read as {dutch}; or say «map 'HEADER=FIELD'»")
    missing = [f for f in spec.needed if f not in found]
    if missing:
        raise HeaderError(f"{source}: no column for {', '.join(missing)} (columns found: {_listed(names)}); is this "
                          f"{spec.what}?")
    return HeaderMap(found, names)


def _listed(names: list[str], most: int = 12, longest: int = 40) -> str:
    """The first columns' names for a message, each cut to `longest` characters: a file read in the
    wrong encoding has one name of a whole line, which would make a message of hundreds of kilobytes."""
    cut = [repr(n if len(str(n)) <= longest else str(n)[:longest] + "...") for n in names[:most]]
    return ", ".join(cut) + (", ..." if len(names) > most else "")


def aliases_table(fields: Mapping[str, tuple[str, ...]] = ALIASES) -> list[tuple[str, str]]:
    """(field, its other names) for the README and --help."""
    return [(f, ", ".join(names)) for f, names in fields.items()]

"""Words a person reads, in English and Dutch, in one place (`--lang nl|en`; JSON stays neutral).

`label(key, lang)` gives a short label; `default_lang()` reads the locale (LC_ALL, LC_MESSAGES,
LANG: a value starting with "nl" is Dutch). The tariff supplies the Dutch names of its charges;
the pricing models compose their Dutch line texts from those and `phrase`.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from optimizer.pricing import Line

__all__ = ["LANGS", "default_lang", "label", "line_what", "phrase"]

LANGS = ("en", "nl")

_DUTCH: dict[str, str] = {
    # quote and recommendation
    "Quote": "Offerte",
    "phone": "telefoon",
    "chat": "chat",
    "none": "geen",
    "discount": "Korting",
    "options": "Opties en overige",
    "Total per month": "Totaal per maand",
    "Recommended": "Advies",
    "per month": "per maand",
    "Next best": "Daarna het goedkoopst",
    "solver": "rekenmethode",
    # groups of lines
    "group:phone": "Telefonie",
    "group:chat": "E-mail, chat, WhatsApp",
    "group:discount": "Korting",
    "group:options": "Opties en overige",
    # schedules and choices
    "month": "maand",
    "Schedule": "Planning",
    "changes": "wijzigingen",
    "Best single selection for the whole period": "Beste vaste keuze voor de hele periode",
    "Saving": "Besparing",
    "Total": "Totaal",
    "scenario": "scenario",
    "expected": "verwacht",
    "worst": "slechtst",
    "regret": "spijt",
    # contact logs
    "customers": "klanten",
    "months": "maanden",
    "events used": "gebruikte contacten",
    "events refused": "geweigerde contacten",
    "total invoiced": "totaal gefactureerd",
    "total possible saving": "totale mogelijke besparing",
}

_PHRASES: dict[str, tuple[str, str]] = {  # key -> (English, Dutch) templates
    "included": ("{what} 1-{n}, included", "{what} 1-{n}, inbegrepen"),
    "beyond": ("{what} {n}+", "{what} {n}+"),
    "tier": ("{what} {span}", "{what} {span}"),
    "volume": ("{what}, all at the {span} rate", "{what}, alle tegen het tarief {span}"),
    "average": ("{what} ({n} x {s} s)", "{what} ({n} x {s} s)"),
    "month total": ("{what} (month total)", "{what} (maandtotaal)"),
    "pack": ("{what}, pack of {size} {unit}", "{what}, pakket van {size} {unit}"),
    "beyond packs": ("{what}, beyond packs", "{what}, boven de pakketten"),
    "per piece": ("{what}, per piece", "{what}, per stuk"),
    "unlimited": ("{what}, unlimited", "{what}, onbeperkt"),
    "credit": ("{what}, as credit", "{what}, als tegoed"),
    "fee": ("{what}: {plan} subscription", "{what}: abonnement {plan}"),
    "discount": ("{what} ({rate} of {fees})", "{what} ({rate} van {fees})"),
}


def default_lang() -> str:
    """'nl' when the locale says Dutch (LC_ALL, then LC_MESSAGES, then LANG), else 'en'."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


_ENGLISH: dict[str, str] = {"none": "-", "group:phone": "Phone", "group:chat": "Chat", "group:discount": "Discount",
                             "group:options": "Options and other"}


def label(key: str, lang: str = "en") -> str:
    """The label `key` (English words, or 'group:phone' for a group of lines) in `lang`."""
    return (_DUTCH if lang == "nl" else _ENGLISH).get(key, key)


def phrase(key: str, english: str, dutch: str, **values: object) -> tuple[str, str]:
    """(English, Dutch) texts of a line: the template `key` filled with the charge's name in
    each language and `values`."""
    en, nl = _PHRASES[key]
    return en.format(what=english, **values), nl.format(what=dutch or english, **values)


def line_what(line: Line, lang: str = "en") -> str:
    """What a line is, in the language asked for."""
    return line.dutch if lang == "nl" and line.dutch else line.what

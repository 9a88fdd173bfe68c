"""Every text a person reads, in English and Dutch, in one catalogue (`--lang nl|en`, or the
workbook's language; JSON stays neutral).

`word(key, lang)` gives a text; keys are the English words themselves (`word("Total", "nl")`),
or `section:key` for the texts of one surface (`workbook:title`, `chart:x`, `button:Next best`);
`section(name, lang)` gives a surface all of its texts at once. `phrase` composes the line texts of
the pricing models from a charge's own names (the tariff supplies them, in its own Dutch).
`default_lang()` reads the locale (LC_ALL, LC_MESSAGES, LANG: a value starting with "nl" is Dutch).
"""
from __future__ import annotations

import os
from typing import Any, Protocol


class Named(Protocol):
    """What has a text in both languages (an invoice line)."""

    @property
    def what(self) -> str: ...

    @property
    def dutch(self) -> str: ...

__all__ = ["CATALOGUE", "LANGS", "MONTH_NAMES", "default_lang", "label", "line_what", "phrase", "section", "word"]

LANGS = ("en", "nl")

CATALOGUE: dict[str, tuple[Any, Any]] = {
    'Quote': ('Quote', 'Offerte'),
    'phone': ('phone', 'telefoon'),
    'chat': ('chat', 'chat'),
    'none': ('-', 'geen'),
    'discount': ('discount', 'Korting'),
    'options': ('options', 'Opties en overige'),
    'Total per month': ('Total per month', 'Totaal per maand'),
    'Recommended': ('Recommended', 'Advies'),
    'per month': ('per month', 'per maand'),
    'Next best': ('Next best', 'Daarna het goedkoopst'),
    'solver': ('solver', 'rekenmethode'),
    'VAT': ('VAT', 'BTW'),
    'Total incl. VAT': ('Total incl. VAT', 'Totaal incl. BTW'),
    'group:phone': ('Phone', 'Telefonie'),
    'group:chat': ('Chat', 'E-mail, chat, WhatsApp'),
    'group:discount': ('Discount', 'Korting'),
    'group:options': ('Options and other', 'Opties en overige'),
    'month': ('month', 'maand'),
    'Schedule': ('Schedule', 'Planning'),
    'changes': ('changes', 'wijzigingen'),
    'Best single selection for the whole period': (
        'Best single selection for the whole period',
        'Beste vaste keuze voor de hele periode'),
    'Saving': ('Saving', 'Besparing'),
    'Total': ('Total', 'Totaal'),
    'scenario': ('scenario', 'scenario'),
    'expected': ('expected', 'verwacht'),
    'worst': ('worst', 'slechtst'),
    'regret': ('regret', 'spijt'),
    'rows': ('rows', 'rijen'),
    'errors': ('errors', 'fouten'),
    'blank rows skipped': ('blank rows skipped', 'lege rijen overgeslagen'),
    'priced against current plans': ('priced against current plans', 'vergeleken met huidige plannen'),
    'total saving': ('total saving', 'totale besparing'),
    'customers': ('customers', 'klanten'),
    'months': ('months', 'maanden'),
    'events used': ('events used', 'gebruikte contacten'),
    'events refused': ('events refused', 'geweigerde contacten'),
    'invoices with an error': ('invoices with an error', 'facturen met een fout'),
    'total invoiced': ('total invoiced', 'totaal gefactureerd'),
    'total possible saving': ('total possible saving', 'totale mogelijke besparing'),
    'the first {n} listed': ('the first {n} listed', 'de eerste {n} vermeld'),
    'written to': ('written to', 'geschreven naar'),
    'first refused': ('first refused', 'eerste geweigerde'),
    'row': ('row', 'rij'),
    'chart written to': ('chart written to', 'grafiek geschreven naar'),
    'workbook written to': ('workbook written to', 'werkmap geschreven naar'),
    'written for xlwings Lite': ('written for xlwings Lite', 'geschreven voor xlwings Lite'),
    'the steps are in': ('the steps are in', 'de stappen staan in'),
    'Recommend (xlwings Lite)': ('Recommend (xlwings Lite)', 'Advies (xlwings Lite)'),
    # button
    'button:Recommendation': ('Recommendation', 'Advies'),
    'button:Phone plan': ('Phone plan', 'Plan telefoon'),
    'button:Chat plan': ('Chat plan', 'Plan chat'),
    'button:Total per month (EUR)': ('Total per month (EUR)', 'Totaal per maand (EUR)'),
    'button:Current plans': ('Current plans', 'Huidige plannen'),
    'button:Current total (EUR)': ('Current total (EUR)', 'Huidig totaal (EUR)'),
    'button:Saving per month (EUR)': ('Saving per month (EUR)', 'Besparing per maand (EUR)'),
    'button:Next best': ('Next best', 'Daarna het goedkoopst'),
    'button:phone plan': ('phone plan', 'plan telefoon'),
    'button:chat plan': ('chat plan', 'plan chat'),
    'button:total': ('total', 'totaal'),
    'button:difference': ('difference', 'verschil'),
    'button:none': ('none', 'geen'),
    'button:Could not recommend': ('Could not recommend', 'Geen advies mogelijk'),
    'button:phone': ('phone', 'telefoon'),
    'button:chat': ('chat', 'chat'),
    'button:month': ('month', 'maand'),
    'button:changes': ('changes', 'wijzigingen'),
    'button:Best single plan for the year': ('Best single plan for the year', 'Beste vaste plan voor het jaar'),
    'button:Saving (EUR)': ('Saving (EUR)', 'Besparing (EUR)'),
    'button:Schedule': ('Schedule (cheapest plan per month)', 'Planning (goedkoopste plan per maand)'),
    'button:Total (EUR)': ('Total (EUR)', 'Totaal (EUR)'),
    'button:Could not schedule': ('Could not schedule', 'Geen planning mogelijk'),
    # workbook
    'workbook:title': (
        'answer-plan: monthly cost and the cheapest plans',
        'answer-plan: maandkosten en de goedkoopste plannen'),
    'workbook:note': (
        ('Type the forecast in the yellow cells. The comparison recalculates live (Windows Excel with the functions '
         'imported, or xlwings Lite); Recommend fills the Recommendation, Year and Customers sheets.'),
        ('Vul de prognose in de gele cellen in. De vergelijking rekent direct mee (Excel voor Windows met de '
         'functies geïmporteerd, of xlwings Lite); Advies vult de bladen Advies, Jaar en Klanten.')),
    'workbook:forecast': ('Forecast per month', 'Prognose per maand'),
    'workbook:value': ('Value', 'Waarde'),
    'workbook:unit': ('Unit', 'Eenheid'),
    'workbook:yes': ('yes', 'ja'),
    'workbook:no': ('no', 'nee'),
    'workbook:comparison': (
        'Plan comparison (calls, chats, AHT, call time)',
        'Vergelijking van de plannen (gesprekken, chats, AHT, gesprekstijd)'),
    'workbook:plan': ('Plan', 'Plan'),
    'workbook:monthly': ('Monthly total (EUR)', 'Totaal per maand (EUR)'),
    'workbook:cheapest': ('Cheapest combination (ANSWER_BEST)', 'Goedkoopste combinatie (ANSWER_BEST)'),
    'workbook:phone plan': ('Phone plan', 'Plan telefoon'),
    'workbook:chat plan': ('Chat plan', 'Plan chat'),
    'workbook:total': ('Total (EUR)', 'Totaal (EUR)'),
    'workbook:current': ('Current plans', 'Huidige plannen'),
    'workbook:saving': ('Saving per month', 'Besparing per maand'),
    'workbook:recommend': ('Recommend', 'Advies'),
    'workbook:recommend lite': ('Recommend (xlwings Lite)', 'Advies (xlwings Lite)'),
    'workbook:button note': (
        ('Recommend: the cheapest plans for the whole forecast, with every option, for the year, and for every '
         'customer on the Customers sheet.'),
        ('Advies: de goedkoopste plannen voor de hele prognose, met alle opties, voor het jaar, en voor elke klant '
         'op het blad Klanten.')),
    'workbook:curve': (
        'Monthly cost against calls (chats, AHT and call time as above)',
        'Maandkosten tegen het aantal gesprekken (chats, AHT en gesprekstijd als hierboven)'),
    'workbook:calls': ('Calls', 'Gesprekken'),
    'workbook:chart': ('Monthly cost by number of calls', 'Maandkosten per aantal gesprekken'),
    'workbook:chart x': ('Calls per month', 'Gesprekken per maand'),
    'workbook:chart y': ('EUR per month', 'EUR per maand'),
    'workbook:year title': (
        'Twelve months: the cheapest plan per month',
        'Twaalf maanden: het goedkoopste plan per maand'),
    'workbook:month': ('Month', 'Maand'),
    'workbook:year note': (
        ("Type each month's forecast in the yellow cells; the cost of each plan per month is live, the schedule is "
         'filled by Recommend (or =ANSWER_SCHEDULE(...)).'),
        ('Vul per maand de prognose in de gele cellen in; de kosten van elk plan per maand rekenen direct mee, de '
         'planning vult Advies (of =ANSWER_SCHEDULE(...)).')),
    'workbook:year inputs': (
        ['Calls', 'Call time (s)', 'Chats', 'AHT (s)', '24/7'],
        ['Gesprekken', 'Gesprekstijd (s)', 'Chats', 'AHT (s)', '24/7']),
    'workbook:year chart': (
        'Monthly cost over the year, per plan, and the schedule',
        'Maandkosten over het jaar, per plan, en de planning'),
    'workbook:schedule': ('Schedule', 'Planning'),
    'workbook:year total': (
        "The schedule's total (live, ANSWER_SCHEDULE)",
        'Totaal van de planning (direct, ANSWER_SCHEDULE)'),
    'workbook:discount': (
        '{what}: {pct}% of the subscription fees of all services taken, for each service beyond the first.',
        '{what}: {pct}% van de abonnementsgelden van alle afgenomen diensten, voor elke dienst na de eerste.'),
    'workbook:months': (
        ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
        ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']),
    # chart
    'chart:every': ('for every service used', 'voor elke gebruikte dienst'),
    'chart:cannot': ('not allowed for this forecast', 'niet toegestaan voor deze prognose'),
    'chart:cheapest': ('cheapest combination', 'goedkoopste combinatie'),
    'chart:recommended': ('recommended', 'advies'),
    'chart:phone': ('phone', 'telefoon'),
    'chart:chat': ('chat', 'chat'),
    'chart:forecast': ('forecast', 'prognose'),
    'chart:calls': ('calls', 'gesprekken'),
    'chart:x': ('Answered calls per month', 'Beantwoorde gesprekken per maand'),
    'chart:y': ('Monthly total', 'Totaal per maand'),
    'chart:title': (
        'Monthly cost against the number of calls (the rest of the forecast as given)',
        'Maandkosten tegen het aantal gesprekken (de rest van de prognose zoals gegeven)'),
    # year chart
    'year chart:title': (
        'Monthly cost over the period, per plan, and the cheapest plan per month',
        'Maandkosten over de periode, per plan, en het goedkoopste plan per maand'),
    'year chart:schedule': ('schedule', 'planning'),
    'year chart:month': ('Month', 'Maand'),
    'year chart:y': ('Monthly total', 'Totaal per maand'),
    'year chart:changes': ('changes', 'wijzigingen'),
    'year chart:fixed': ('best single plan', 'beste vaste plan'),
}
MONTH_NAMES = {"en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
               "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")}

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


def word(key: str, lang: str = "en", **values: Any) -> str:
    """The text `key` in `lang` (a key the catalogue lacks is its own English text)."""
    en, nl = CATALOGUE.get(key, (key, key))
    text = str(nl if lang == "nl" else en)
    return text.format(**values) if values else text


label = word  # the older name


def section(name: str, lang: str = "en") -> dict[str, Any]:
    """Every text of one surface (`workbook`, `chart`, `button`, ...) by its short key."""
    prefix = name + ":"
    return {k[len(prefix):]: (nl if lang == "nl" else en) for k, (en, nl) in CATALOGUE.items() if k.startswith(prefix)}


def phrase(key: str, english: str, dutch: str, **values: object) -> tuple[str, str]:
    """(English, Dutch) texts of a line: the template `key` filled with the charge's name in
    each language and `values`."""
    en, nl = _PHRASES[key]
    return en.format(what=english, **values), nl.format(what=dutch or english, **values)


def line_what(line: Named, lang: str = "en") -> str:
    """What a line is, in the language asked for."""
    return line.dutch if lang == "nl" and line.dutch else line.what

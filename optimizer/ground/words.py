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
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Protocol


class Named(Protocol):
    """What has a text in both languages (an invoice line)."""

    @property
    def what(self) -> str: ...

    @property
    def dutch(self) -> str: ...

__all__ = ["CATALOGUE", "CLI_HELP", "LANGS", "MONTH_NAMES", "cli_help", "column", "columns_of", "default_lang", "label",
           "line_what", "message", "phrase", "section", "unit", "word"]

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
    'chat contracts without an agreed AHT (their chats billed on 0 s until a quarter is evaluated)':
        ('chat contracts without an agreed AHT (their chats billed on 0 s until a quarter is evaluated)',
         'chatcontracten zonder afgesproken AHT (hun chats op 0 s gefactureerd tot een kwartaal is beoordeeld)'),
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
    'priced, current plans refused': ('priced, current plans refused', 'geprijsd, huidige plannen geweigerd'),
    'rows without a price': ('rows without a price', 'rijen zonder prijs'),
    'input rows': ('input rows', 'invoerrijen'),
    'first': ('first', 'eerste'),
    'previous results replaced': ('previous results replaced', 'vorige resultaten vervangen'),
    # units of the quote's lines (a tariff's own unit without an entry stays as it is)
    'unit:month': ('month', 'maand'),
    'unit:call': ('call', 'gesprek'),
    'unit:attempt': ('attempt', 'poging'),
    'unit:chat': ('chat', 'chat'),
    'unit:report': ('report', 'verslag'),
    'unit:SMS': ('SMS', 'sms'),
    'unit:h': ('h', 'uur'),
    'unit:min': ('min', 'min'),
    'unit:s': ('s', 's'),
    'unit:EUR': ('EUR', 'EUR'),
    'unit:pack': ('pack', 'pakket'),
    'unit:contact': ('contact', 'contact'),
    'unit:': ('unit', 'stuk'),
    'price:all': ('all at the rate of {span}', 'alle tegen het tarief {span}'),
    'price:pack': ('pack of {size}', 'pakket van {size}'),
    'price:unlimited': ('unlimited', 'onbeperkt'),
    # the columns of the files the commands write (and the Customers sheet): a table's own first
    # ("invoice column:phone_plan" is the plan billed; "column:phone_plan" the plan advised)
    'column:phone_plan': ('phone_plan', 'advies_telefoon'),
    'column:chat_plan': ('chat_plan', 'advies_chat'),
    'column:total': ('total', 'totaal'),
    'column:current_total': ('current_total', 'huidig_totaal'),
    'column:saving': ('saving', 'besparing'),
    'column:error': ('error', 'fout'),
    'column:schedule_total': ('schedule_total', 'totaal_planning'),
    'column:changes': ('changes', 'wijzigingen'),
    'column:fixed_phone': ('fixed_phone', 'vast_telefoon'),
    'column:fixed_chat': ('fixed_chat', 'vast_chat'),
    'column:fixed_total': ('fixed_total', 'totaal_vast'),
    'column:customer': ('customer', 'klant'),
    'column:month': ('month', 'maand'),
    'column:calls': ('calls', 'gesprekken'),
    'column:billable_call_seconds': ('billable_call_seconds', 'gesprekstijd_boven_90s'),
    'column:chats': ('chats', 'chats'),
    'column:aht': ('aht', 'afhandeltijd'),
    'column:forwards': ('forwards', 'doorverbindingen'),
    'column:total_forward_seconds': ('total_forward_seconds', 'gesprekstijd_doorverbinden'),
    'column:outbound_calls': ('outbound_calls', 'telefoonoproepen'),
    'column:total_outbound_seconds': ('total_outbound_seconds', 'gesprekstijd_telefoonoproep'),
    'column:foreign_seconds': ('foreign_seconds', 'seconden_buitenland'),
    'column:email_reports': ('email_reports', 'verslagen_mail'),
    'column:sms_reports': ('sms_reports', 'verslagen_sms'),
    'column:training_hours': ('training_hours', 'uren_training'),
    'column:assistant_hours': ('assistant_hours', 'uren_assistent'),
    'column:voice_response': ('voice_response', 'voiceresponse'),
    'column:month_spec': ('month_spec', 'maandspecificatie'),
    'column:need_24_7': ('need_24_7', 'bereikbaar_24_7'),
    'column:agreed_aht': ('agreed_aht', 'afgesproken_aht'),
    'column:vat': ('vat', 'btw'),
    'column:total_incl_vat': ('total_incl_vat', 'totaal_incl_btw'),
    'invoice column:best_phone': ('best_phone', 'advies_telefoon'),
    'invoice column:best_chat': ('best_chat', 'advies_chat'),
    'invoice column:best_total': ('best_total', 'advies_totaal'),
    'column:group': ('group', 'groep'),
    'column:what': ('what', 'omschrijving_engels'),
    'column:dutch': ('dutch', 'omschrijving'),
    'column:quantity': ('quantity', 'aantal'),
    'column:unit': ('unit', 'eenheid'),
    'column:unit_price': ('unit_price', 'prijs_per_eenheid'),
    'column:per': ('per', 'per'),
    'column:amount': ('amount', 'bedrag'),
    'column:quarter': ('quarter', 'kwartaal'),
    'column:measured_aht': ('measured_aht', 'gemeten_aht'),
    'column:agreed_before': ('agreed_before', 'afgesproken_voor'),
    'column:agreed_after': ('agreed_after', 'afgesproken_na'),
    'column:changed': ('changed', 'gewijzigd'),
    'column:row': ('row', 'rij'),
    'column:start': ('start', 'begintijd'),
    'column:kind': ('kind', 'soort'),
    # a contact log's kinds (rate), as a Dutch export may write them (the price list's words)
    'kind:call': ('call', 'gesprek'),
    'kind:forward': ('forward', 'doorverbinding'),
    'kind:outbound': ('outbound', 'telefoonoproep'),
    'kind:chat': ('chat', 'chat'),
    'kind:email_report': ('email_report', 'mailverslag'),
    'kind:sms_report': ('sms_report', 'sms_verslag'),
    'kind:training': ('training', 'training'),
    'kind:assistant': ('assistant', 'assistent'),
    'column:seconds': ('seconds', 'seconden'),
    'column:reason': ('reason', 'reden'),
    'invoice column:phone_plan': ('phone_plan', 'plan_telefoon'),
    'invoice column:chat_plan': ('chat_plan', 'plan_chat'),
    # the Customers sheet's input headers (names the table reader knows: ALIASES)
    'header:customer': ('customer', 'klant'),
    'header:calls': ('calls', 'gesprekken'),
    'header:call_seconds': ('call seconds (s)', 'gespreksduur (s)'),
    'header:chats': ('chats', 'berichten'),
    'header:aht': ('aht (s)', 'afhandeltijd (s)'),
    'header:forwards': ('forwards', 'doorverbindingen'),
    'header:forward_seconds': ('forward seconds (s)', 'gesprekstijd doorverbinden (s)'),
    'header:outbound_calls': ('outbound calls', 'telefoonoproepen'),
    'header:outbound_seconds': ('outbound seconds (s)', 'gesprekstijd telefoonoproep (s)'),
    'header:foreign_minutes': ('foreign minutes', 'minuten buitenland'),
    'header:voice_response': ('voice response', 'voiceresponse'),
    'header:email_reports': ('email reports', 'gespreksverslagen via mail'),
    'header:sms_reports': ('sms reports', 'gespreksverslagen via sms'),
    'header:month_spec': ('month spec', 'maandspecificatie'),
    'header:training_hours': ('training hours', 'trainingsuren'),
    'header:assistant_hours': ('assistant hours', 'direct assistent (uren)'),
    'header:need_24_7': ('need 24/7', '24/7 bereikbaar'),
    'header:current_phone': ('current phone', 'huidig plan telefoon'),
    'header:current_chat': ('current chat', 'huidig plan chat'),
    # button
    'button:Recommendation': ('Recommendation', 'Advies'),
    'button:Phone plan': ('Phone plan', 'Plan telefoon'),
    'button:Chat plan': ('Chat plan', 'Plan chat'),
    'button:Total per month': ('Total per month', 'Totaal per maand'),
    'button:Current plans': ('Current plans', 'Huidige plannen'),
    'button:Current total per month': ('Current total per month', 'Huidig totaal per maand'),
    'button:Saving per month': ('Saving per month', 'Besparing per maand'),
    'button:Saving per year': ('Saving per year (x 12)', 'Besparing per jaar (x 12)'),
    'button:Next best': ('Next best', 'Daarna het goedkoopst'),
    'button:difference': ('Difference', 'Verschil'),
    'button:none': ('none', 'geen'),
    'button:Could not recommend': ('Could not recommend', 'Geen advies mogelijk'),
    'button:group': ('Service', 'Dienst'),
    'button:what': ('Description', 'Omschrijving'),
    'button:quantity': ('Quantity', 'Aantal'),
    'button:unit': ('Unit', 'Eenheid'),
    'button:unit price': ('Price', 'Prijs'),
    'button:per': ('Per', 'Per'),
    'button:amount': ('Amount', 'Bedrag'),
    'button:phone': ('Phone', 'Telefoon'),
    'button:chat': ('Chat', 'Chat'),
    'button:month': ('Month', 'Maand'),
    'button:total': ('Total', 'Totaal'),
    'button:Total': ('Total', 'Totaal'),
    'button:changes': ('Changes of plan', 'Wijzigingen van plan'),
    'button:Best single plan for the year': ('Best single plan for the year', 'Beste vaste plan voor het jaar'),
    'button:Saving': ('Saving against it', 'Besparing daartegen'),
    'button:Schedule': ('Schedule (cheapest plan per month)', 'Planning (goedkoopste plan per maand)'),
    'button:Could not schedule': ('Could not schedule', 'Geen planning mogelijk'),
    # workbook
    'workbook:title': (
        'answer-plan: monthly cost and the cheapest plans',
        'answer-plan: maandkosten en de goedkoopste plannen'),
    'workbook:note': (
        ('Type the forecast in the yellow cells. The comparison and the cheapest combination read the whole '
         'forecast and recalculate at once; Recommend fills the Recommendation, Year and Customers sheets.'),
        ('Vul de prognose in de gele cellen in. De vergelijking en de goedkoopste combinatie lezen de hele prognose '
         'en rekenen direct mee; Advies vult de bladen Advies, Jaar en Klanten.')),
    'workbook:cached note': (
        ('Without the functions (Windows: xlwings add-in, Import Functions; Mac and web: xlwings Lite) the sheets '
         'show the amounts stored when the file was made; see Read me.'),
        ('Zonder de functies (Windows: xlwings-invoegtoepassing, Import Functions; Mac en web: xlwings Lite) tonen de '
         'bladen de bedragen van toen het bestand werd gemaakt; zie Lees mij.')),
    'workbook:forecast': ('Forecast per month', 'Prognose per maand'),
    'workbook:value': ('Value', 'Waarde'),
    'workbook:unit': ('Unit', 'Eenheid'),
    'workbook:yes': ('yes', 'ja'),
    'workbook:no': ('no', 'nee'),
    'workbook:none': ('none', 'geen'),
    'workbook:want yes no': ('{label}: choose yes or no', '{label}: kies ja of nee'),
    'workbook:want whole': ('{label}: a whole number, 0 or more', '{label}: een geheel getal, 0 of meer'),
    'workbook:want number': ('{label}: a number, 0 or more', '{label}: een getal, 0 of meer'),
    'workbook:want plan': ('{label}: choose a plan, or none', '{label}: kies een plan, of geen'),
    'workbook:comparison': ('Plan comparison (the whole forecast)', 'Vergelijking van de plannen (de hele prognose)'),
    'workbook:plan': ('Plan', 'Plan'),
    'workbook:monthly': ('Total per month', 'Totaal per maand'),
    'workbook:cheapest': ('Cheapest combination', 'Goedkoopste combinatie'),
    'workbook:phone plan': ('Phone plan', 'Plan telefoon'),
    'workbook:chat plan': ('Chat plan', 'Plan chat'),
    'workbook:current': ('Current plans', 'Huidige plannen'),
    'workbook:saving': ('Saving per month', 'Besparing per maand'),
    'workbook:saving year': ('Saving per year (x 12)', 'Besparing per jaar (x 12)'),
    'workbook:recommend': ('Recommend', 'Advies'),
    'workbook:recommend lite': ('Recommend (xlwings Lite)', 'Advies (xlwings Lite)'),
    'workbook:button note': (
        'Recommend: the cheapest plans, itemised; the year; every customer.',
        'Advies: de goedkoopste plannen, per regel; het jaar; elke klant.'),
    'workbook:curve': (
        'Monthly cost by the number of calls (the rest of the forecast as typed above)',
        'Maandkosten naar het aantal gesprekken (de rest van de prognose zoals hierboven)'),
    'workbook:calls': ('Calls', 'Gesprekken'),
    'workbook:cannot': ('Cannot serve this forecast', 'Kan deze prognose niet bedienen'),
    'workbook:chart cheapest': ('cheapest combination, at your calls', 'goedkoopste combinatie, bij uw gesprekken'),
    'workbook:chart': ('Monthly cost by the number of calls', 'Maandkosten naar het aantal gesprekken'),
    'workbook:chart x': ('Calls per month', 'Gesprekken per maand'),
    'workbook:chart y': ('Cost per month', 'Kosten per maand'),
    'workbook:year title': (
        'Twelve months: the cheapest plan per month',
        'Twaalf maanden: het goedkoopste plan per maand'),
    'workbook:month': ('Month', 'Maand'),
    'workbook:year note': (
        ("Type each month's forecast in the yellow cells; each plan's cost per month recalculates at once (a plan "
         'that cannot serve a month shows #N/A), the schedule is filled by Recommend (or =ANSWER_SCHEDULE(...)).'),
        ('Vul per maand de prognose in de gele cellen in; de kosten van elk plan per maand rekenen direct mee (een '
         'plan dat een maand niet kan bedienen toont #N/B), de planning vult Advies (of =ANSWER_SCHEDULE(...)).')),
    'workbook:year inputs': (
        ['Calls', 'Call seconds (s)', 'Chats', 'AHT (s)', '24/7'],
        ['Gesprekken', 'Gespreksduur (s)', 'Berichten', 'Afhandeltijd (s)', '24/7']),
    'workbook:year chart': (
        'Monthly cost over the year, per plan, and the schedule',
        'Maandkosten over het jaar, per plan, en de planning'),
    'workbook:year chart title': (
        'The year: schedule € {total}, saving € {saving} against the best single plan',
        'Het jaar: planning € {total}, besparing € {saving} tegen het beste vaste plan'),
    'workbook:schedule': ('Schedule', 'Planning'),
    'workbook:year total': (
        "The schedule's total (live, ANSWER_SCHEDULE)",
        'Totaal van de planning (direct, ANSWER_SCHEDULE)'),
    'workbook:year fixed': ('The best single plan for the year', 'Het beste vaste plan voor het jaar'),
    'workbook:discount': (
        '{what}: {pct} of the subscription fees of all services taken, for each service beyond the first.',
        '{what}: {pct} van de abonnementsgelden van alle afgenomen diensten, voor elke dienst na de eerste.'),
    'workbook:months': (
        ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
        ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']),
    'workbook:prices note': ('Every price excludes {vat} ({rate}).', 'Alle prijzen zijn exclusief {vat} ({rate}).'),
    'workbook:prices title': ('Price list', 'Prijslijst antwoordservice'),
    'workbook:fee': ('Subscription per month', 'Abonnement per maand'),
    'workbook:open 24/7': ('Reachable 24/7', '24/7 bereikbaar'),
    'workbook:included': ('{unit} included', '{unit} inbegrepen'),
    'workbook:charge': ('Charge', 'Omschrijving'),
    'workbook:service': ('Service', 'Dienst'),
    'workbook:plans': ('Plans', 'Plannen'),
    'workbook:when': ('Tier or condition', 'Staffel of voorwaarde'),
    'workbook:price': ('Price', 'Prijs'),
    'workbook:per': ('Per', 'Per'),
    'workbook:all plans': ('all plans', 'alle plannen'),
    'workbook:readme title': ('Read me: setting the workbook up', 'Lees mij: de werkmap instellen'),
    'workbook:readme': (
        [('Windows (Excel with Python on this computer)', [
            'Install Python 3.11 or later, then in a terminal: pip install answer-plan (or the folder it came in).',
            'xlwings addin install   (adds the xlwings tab to Excel).',
            'Keep {module} beside {book} (answer-plan workbook writes both; the button imports it).',
            'Excel: File > Options > Trust Center > Macro Settings: allow this file\'s macros; on the xlwings tab '
            'click Import Functions. The yellow cells now recalculate; the Recommend button runs.']),
         ('Mac and Excel on the web (xlwings Lite: Python in Excel, nothing to install)', [
            'Excel: Home > Add-ins, search for xlwings Lite and add it.',
            'On a computer with answer-plan: answer-plan lite lite/  (writes main.py and requirements.txt).',
            'In the xlwings Lite pane: paste main.py into main.py and requirements.txt into requirements.txt, then '
            'Restart. The functions answer; the Recommend (xlwings Lite) button runs the script.']),
         ('Without the functions (a colleague it was mailed to)', [
            'The sheets show the amounts stored when the file was made; Excel recalculates a formula only when one '
            'of its inputs changes, and then shows #NAME? until the functions are there.']),
         ('Printing', [
            'Each sheet prints on A4, fitted to the page width, with its title row on every page.'])],
        [('Windows (Excel met Python op deze computer)', [
            'Installeer Python 3.11 of later, en dan in een terminal: pip install answer-plan (of de map waarin het '
            'kwam).',
            'xlwings addin install   (zet het tabblad xlwings in Excel).',
            'Houd {module} naast {book} (answer-plan workbook schrijft ze allebei; de knop importeert het).',
            'Excel: Bestand > Opties > Vertrouwenscentrum > Instellingen voor macro\'s: sta de macro\'s van dit '
            'bestand toe; klik op het tabblad xlwings op Import Functions. De gele cellen rekenen nu mee; de knop '
            'Advies werkt.']),
         ('Mac en Excel op het web (xlwings Lite: Python in Excel, niets te installeren)', [
            'Excel: Start > Invoegtoepassingen, zoek xlwings Lite en voeg het toe.',
            'Op een computer met answer-plan: answer-plan lite lite/  (schrijft main.py en requirements.txt).',
            'In het venster van xlwings Lite: plak main.py in main.py en requirements.txt in requirements.txt, en '
            'kies Restart. De functies rekenen; de knop Advies (xlwings Lite) start het script.']),
         ('Zonder de functies (een collega die het bestand gemaild kreeg)', [
            'De bladen tonen de bedragen van toen het bestand werd gemaakt; Excel rekent een formule pas opnieuw als '
            'een van haar invoercellen verandert, en toont dan #NAAM? tot de functies er zijn.']),
         ('Afdrukken', [
            'Elk blad past op A4, op de breedte van de pagina, met de titelregel op elke pagina.'])]),
    'plural:call': ('Calls', 'Gesprekken'),
    'plural:chat': ('E-mails/chats', 'E-mails/chats'),
    # demo
    'demo:example': ('Example forecast', 'Voorbeeldprognose'),
    'demo:year of a log': ('A year of a contact log (sample)', 'Een jaar contactlog (voorbeeld)'),
    'demo:aht': (
        'agreed AHT of {customer} after {quarter}: {before} s -> {after} s (measured {measured} s)',
        'afgesproken AHT van {customer} na {quarter}: {before} s -> {after} s (gemeten {measured} s)'),
    'demo:plans': (
        'Plans over the year (sample customer 1200): {total} with {changes} changes, against {fixed} on {plan} all '
        'year',
        'Plannen over het jaar (voorbeeldklant 1200): {total} met {changes} wijzigingen, tegen {fixed} met het hele '
        'jaar {plan}'),
    'demo:outputs': ('Outputs', 'Uitvoer'),
    'demo:kept': (
        'workbook: {book} was there already and is kept as it is (--force builds it anew)',
        'werkmap: {book} stond er al en blijft zoals hij is (--force bouwt hem opnieuw)'),
    'demo:workbook': (
        'workbook (open in Excel, Recommend button; keep answer_plan.py beside it): {book}',
        'werkmap (open in Excel, knop Advies; houd answer_plan.py ernaast): {book}'),
    'demo:bulk': ('bulk over the sample customers', 'bulk over de voorbeeldklanten'),
    'demo:chart': ('chart of monthly cost against calls', 'grafiek van de maandkosten naar gesprekken'),
    'demo:invoices': (
        'invoices from the sample contact log: {invoices} (lines: {lines}, AHT evaluations: {evaluations})',
        'facturen uit de voorbeeldlog: {invoices} (regels: {lines}, AHT-evaluaties: {evaluations})'),
    'demo:schedules': (
        'schedules of the sample customers ({n} months): {path}',
        'planningen van de voorbeeldklanten ({n} maanden): {path}'),
    # chart
    'chart:cannot serve': (
        'Not drawn, as the price list does not allow them for this forecast (e.g. 24/7): {plans}.',
        'Niet getekend, want de prijslijst staat ze voor deze prognose niet toe (bijv. 24/7): {plans}.'),
    'chart:cheapest': ('cheapest combination', 'goedkoopste combinatie'),
    'chart:recommended': ('recommended', 'advies'),
    'chart:phone': ('phone', 'telefoon'),
    'chart:chat': ('chat', 'chat'),
    'chart:forecast': ('forecast', 'prognose'),
    'chart:calls': ('calls', 'gesprekken'),
    'chart:x': ('Answered calls per month', 'Beantwoorde gesprekken per maand'),
    'chart:y': ('Cost per month', 'Kosten per maand'),
    'chart:title': (
        'Monthly cost by the number of calls (other usage as forecast)',
        'Maandkosten naar het aantal gesprekken (overig gebruik volgens de prognose)'),
    # year chart
    'year chart:title': (
        'Monthly cost per plan, and the cheapest plan per month',
        'Maandkosten per plan, en het goedkoopste plan per maand'),
    'year chart:schedule': ('schedule', 'planning'),
    'year chart:month': ('Month', 'Maand'),
    'year chart:changes': ('changes', 'wijzigingen'),
    'year chart:saving text': (
        'Saving: {saving}\nagainst the best single plan {fixed} ({total})',
        'Besparing: {saving}\ntegen het beste vaste plan {fixed} ({total})'),
    # documents (invoices and advice letters as PDF: optimizer/documents)
    'document:documents': ('documents', 'documenten'),
    'document:Invoice': ('Invoice', 'Factuur'),
    'document:Draft invoice': ('Draft invoice', 'Conceptfactuur'),
    'document:draft note': (
        "Draft: the seller's details (name, address, Chamber of Commerce number, VAT number, IBAN) are missing. "
        'This document is not an invoice.',
        'Concept: de gegevens van de verkoper (naam, adres, KvK-nummer, btw-nummer, IBAN) ontbreken. '
        'Dit document is geen factuur.'),
    'document:draft footer': ('Draft - seller details missing', 'Concept - gegevens verkoper ontbreken'),
    'document:seller missing': ('Seller details missing', 'Gegevens verkoper ontbreken'),
    'document:Bill to': ('Bill to', 'Factuur aan'),
    'document:Invoice number': ('Invoice number', 'Factuurnummer'),
    'document:Invoice date': ('Invoice date', 'Factuurdatum'),
    'document:Period': ('Period', 'Periode'),
    'document:Customer number': ('Customer number', 'Klantnummer'),
    'document:Due date': ('Due date', 'Vervaldatum'),
    'document:Plans': ('Plans', 'Abonnementen'),
    'document:Description': ('Description', 'Omschrijving'),
    'document:Quantity': ('Quantity', 'Aantal'),
    'document:Unit price': ('Unit price', 'Prijs'),
    'document:Amount': ('Amount', 'Bedrag'),
    'document:Total excl. VAT': ('Total excl. {vat}', 'Totaal excl. {vat}'),
    'document:Total incl. VAT': ('Total incl. {vat}', 'Totaal incl. {vat}'),
    'document:payment': (
        'Please pay {amount} within {days} days to IBAN {iban} in the name of {name}, quoting invoice number '
        '{number}.',
        'Wij verzoeken u {amount} binnen {days} dagen over te maken op IBAN {iban} t.n.v. {name}, onder '
        'vermelding van factuurnummer {number}.'),
    'document:payment no term': (
        'Please pay {amount} to IBAN {iban} in the name of {name}, quoting invoice number {number}.',
        'Wij verzoeken u {amount} over te maken op IBAN {iban} t.n.v. {name}, onder vermelding van '
        'factuurnummer {number}.'),
    'document:KvK': ('CoC (KvK)', 'KvK'),
    'document:VAT number': ('VAT no.', 'Btw-nr.'),
    'document:page': ('Page {n}', 'Pagina {n}'),
    'document:months': (  # split at spaces
        'January February March April May June July August September October November December',
        'januari februari maart april mei juni juli augustus september oktober november december'),
    'document:unit:s': ('s', 's'),
    'document:unit:min': ('min', 'min'),
    'document:unit:h': ('h', 'uur'),
    'document:unit:month': ('month', 'maand'),
    'document:unit:call': ('call', 'gesprek'),
    'document:unit:chat': ('chat', 'chat'),
    'document:unit:attempt': ('attempt', 'poging'),
    'document:unit:report': ('report', 'verslag'),
    'document:unit:pack': ('pack', 'pakket'),
    'document:Advice': ('Advice on your plans', 'Advies over uw abonnementen'),
    'document:Advice per month': ('Advice: your plans month by month', 'Advies: uw abonnementen per maand'),
    'document:Date': ('Date', 'Datum'),
    'document:For': ('For', 'Voor'),
    'document:Dear': ('Dear customer,', 'Geachte relatie,'),
    'document:letter intro': (
        'Based on your expected use in a month, we have worked out which combination of plans costs you the '
        'least. Our advice, with what it saves you:',
        'Op basis van uw verwachte gebruik per maand hebben wij berekend welke combinatie van abonnementen voor '
        'u het voordeligst is. Ons advies, en wat het u bespaart:'),
    'document:schedule intro': (
        'Based on your expected use in each month from {first} to {last}, we have worked out which plans cost '
        'you the least in each month, changing plans only where it pays.',
        'Op basis van uw verwachte gebruik in elke maand van {first} tot en met {last} hebben wij berekend welke '
        'abonnementen u per maand het minst kosten, met alleen een wijziging waar die loont.'),
    'document:Current': ('Current', 'Huidig'),
    'document:Recommended': ('Recommended', 'Advies'),
    'document:Phone': ('Phone', 'Telefonie'),
    'document:Chat': ('E-mail and chat', 'E-mail en chat'),
    'document:Per month': ('Per month', 'Per maand'),
    'document:Over the period': ('Over the period', 'Over de periode'),
    'document:Your saving': ('Your saving', 'Uw besparing'),
    'document:saving': ('{month} per month, {year} per year', '{month} per maand, {year} per jaar'),
    'document:saving period': (
        '{total} over the {months} months, on average {month} per month',
        '{total} over de {months} maanden, gemiddeld {month} per maand'),
    'document:already cheapest': (
        'Your current plans are already the cheapest for this use: we advise you to keep them.',
        'Uw huidige abonnementen zijn voor dit gebruik al het voordeligst: wij adviseren u ze te houden.'),
    'document:no current': (
        'No current plans were given: the advice is the cheapest combination for this use.',
        'Er zijn geen huidige abonnementen opgegeven: het advies is de voordeligste combinatie voor dit gebruik.'),
    'document:current cannot': (
        'Your current plans cannot serve every month of this use (month {month}).',
        'Uw huidige abonnementen kunnen niet elke maand van dit gebruik bedienen (maand {month}).'),
    'document:chart': ('Cost per month', 'Kosten per maand'),
    'document:Itemised': ('The recommended plans, itemised (a month)', 'Het advies, gespecificeerd (per maand)'),
    'document:Itemised first': (
        'The first month of the schedule ({month}), itemised', 'De eerste maand van de planning ({month}), '
        'gespecificeerd'),
    'document:Month': ('Month', 'Maand'),
    'document:Schedule': ('Schedule', 'Planning'),
    'document:changes': ('{n} plan changes', '{n} wijzigingen van abonnement'),
    'document:one change': ('1 plan change', '1 wijziging van abonnement'),
    'document:fixed': (
        'The best single choice for the whole period would be phone {phone}, chat {chat}: {total}; the schedule '
        'saves {saving} against it.',
        'De beste vaste keuze voor de hele periode is telefoon {phone}, chat {chat}: {total}; de planning bespaart '
        'daar {saving} op.'),
    'document:excl vat': (
        'All amounts are per month and exclude {vat}, unless said otherwise.',
        'Alle bedragen zijn per maand en exclusief {vat}, tenzij anders vermeld.'),
    'document:excl vat period': ('All amounts exclude {vat}.', 'Alle bedragen zijn exclusief {vat}.'),
    'document:Kind regards': ('Kind regards,', 'Met vriendelijke groet,'),
    'document:letter without sender': (
        'Draft: the sender is missing (answer-plan ... --pdf DIR --seller FILE adds it).',
        'Concept: de afzender ontbreekt (answer-plan ... --pdf MAP --seller BESTAND voegt die toe).'),
    'document:invoices as PDF': ('invoices as PDF', 'facturen als PDF'),
    'document:letters as PDF': ('advice letters as PDF', 'adviesbrieven als PDF'),
    'document:in': ('in', 'in'),
    'document:drafts': ('drafts: no seller file', 'concepten: geen verkopersbestand'),
    'document:without a PDF': ('without a PDF', 'zonder PDF'),
    'document:and more': ('and {n} more', 'en nog {n}'),
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
    dutch_values = {k: (str(v).replace(".", ",") if isinstance(v, (float, Decimal)) else v) for k, v in values.items()}
    return en.format(what=english, **values), nl.format(what=dutch or english, **dutch_values)


def line_what(line: Named, lang: str = "en") -> str:
    """What a line is, in the language asked for."""
    return line.dutch if lang == "nl" and line.dutch else line.what


def column(name: str, lang: str = "en", table: str = "") -> str:
    """The name of a column the project writes, in a file's language: the table's own word first
    (`invoice column:phone_plan`), then the common one (`column:phone_plan`), else the name."""
    if lang != "nl":
        return name
    for key in (f"{table} column:{name}" if table else "", f"column:{name}"):
        if key and key in CATALOGUE:
            return str(CATALOGUE[key][1])
    return name


def columns_of(names: Iterable[str], table: str = "") -> set[str]:
    """Every name (English and Dutch) a column of `names` is written under."""
    return {n for name in names for n in (name, column(name, "nl", table))}


def unit(name: str, lang: str = "en") -> str:
    """A quote line's unit in the language asked for (a tariff's own unit stays as it is)."""
    return word(f"unit:{name}", lang) if f"unit:{name}" in CATALOGUE else name


# A message in Dutch: the project's messages are composed in English from a few dozen clauses; each
# clause has its Dutch here, applied in order (a message without a known clause stays English).
_DUTCH_FIELDS = {k.removeprefix("header:"): str(v[1]) for k, v in CATALOGUE.items() if k.startswith("header:")}
_DUTCH_COLUMNS = {k.removeprefix("column:"): str(v[1]) for k, v in CATALOGUE.items() if k.startswith("column:")}


def _dutch_field(name: str) -> str:
    """A field's Dutch name: its header's, else its result column's (agreed_aht: afgesproken_aht)."""
    return _DUTCH_FIELDS.get(name) or _DUTCH_COLUMNS.get(name, name)


_CLAUSES: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    # specific clauses first: a general one below (' is not a number') would take their start
    (r"^row (\d+) \(", r"rij \1 ("), (r": row (\d+) \(", r": rij \1 ("), (r": row (\d+): ", r": rij \1: "),
    (r" writes numbers with a decimal comma, and its columns are written as they are: the file would mix both; "
     r"leave --csv-dialect out, or write \.xlsx", " schrijft getallen met een decimale komma, en zijn kolommen komen "
     "erin zoals ze zijn: het bestand zou beide mengen; laat --csv-dialect weg, of schrijf .xlsx"),
    (r" writes numbers with a decimal point, and its columns are written as they are: the file would mix both; "
     r"leave --csv-dialect out, or write \.xlsx", " schrijft getallen met een decimale punt, en zijn kolommen komen "
     "erin zoals ze zijn: het bestand zou beide mengen; laat --csv-dialect weg, of schrijf .xlsx"),
    (r"has the name of a result column; rename it \(or leave the results of an earlier run out of the input\)",
     "heeft de naam van een resultaatkolom; hernoem hem (of laat de resultaten van een eerdere run uit de invoer)"),
    (r" is not a number of a sensible size", " is geen getal van een redelijke grootte"),
    (r" has more than (\d+) digits", r" heeft meer dan \1 cijfers"),
    (r" is not a finite number", " is geen eindig getal"),
    (r"a number is missing", "er ontbreekt een getal"),
    (r"the period ends before it starts", "de periode eindigt voordat ze begint"),
    (r"a period is FROM\.\.TO, e\.g\. ", "een periode is VAN..TOT, bijv. "),
    (r" is not a time \(ISO 8601, e\.g\. ", " is geen tijd (ISO 8601, bijv. "),
    (r"\(--errors FILE lists them\)", "(--errors BESTAND somt ze op)"),
    (r"columns ('[^']*') and ('[^']*') both give (\w+); keep one, or say (?:«map|--map) ('[^']*=')»? to leave one out",
     lambda m: f"kolommen {m.group(1)} en {m.group(2)} geven allebei {_dutch_field(m.group(3))}; houd er één, of zeg "
     f"--map {m.group(4)} om er één weg te laten"),
    (r"(rij \d+ \([^)]*\): |: rij \d+: )(\w+): ", lambda m: f"{m.group(1)}{_dutch_field(m.group(2))}: "),
    (r"; one row per customer", "; één rij per klant"),
    (r"; give each scenario its own name", "; geef elk scenario een eigen naam"),
    (r"no column for ([\w, ]+) \(columns found: ", r"geen kolom voor \1 (gevonden kolommen: "),
    (r"at most ([\d,]+) calls on the axis, and at least 1",
     lambda m: f"ten hoogste {m.group(1).replace(',', '.')} gesprekken op de as, en ten minste 1"),
    (r"«map 'HEADER=FIELD'»", "«map 'KOP=VELD'»"), (r"--map 'HEADER=FIELD'", "--map 'KOP=VELD'"),
    (r"has (\d+) customers \(", r"heeft \1 klanten ("),
    (r"(\w+) \(cell ([A-Z]+[0-9]+)\): a formula whose value", r"\1 (cel \2): een formule waarvan de waarde"),
    (r"^current plans: ", "huidige plannen: "),
    (r"^customer ('[^']*') is not in the contracts", r"klant \1 staat niet in de contracten"),
    (r" is not a whole number >= 0", " is geen geheel getal >= 0"),
    (r" is not a finite number >= 0", " is geen eindig getal >= 0"),
    (r" is not yes or no \(ja/nee, waar/onwaar, yes/no, true/false, j/n, y/n, 1/0, x\)",
     " is geen ja of nee (ja/nee, waar/onwaar, yes/no, true/false, j/n, y/n, 1/0, x)"),
    (r" is not at most ([\d,]+) \(the limit for (\w+)\)",  # a Dutch number, the field's Dutch name
     lambda m: f" is meer dan {m.group(1).replace(',', '.')} (de grens voor {_dutch_field(m.group(2))})"),
    (r" is not a number of at most (\d+) digits and (\d+) decimals",
     r" is geen getal van ten hoogste \1 cijfers en \2 decimalen"),
    (r" is not a month \(2026-03, 2026-3, 03-2026, maart 2026, mrt 2026, March 2026, or a date\)",
     " is geen maand (2026-03, 2026-3, 03-2026, maart 2026, mrt 2026, of een datum)"),
    (r" is not a fraction with a denominator of at most ([\d,]+)", r" is geen breuk met een noemer van ten hoogste \1"),
    (r"^every usage cell is blank: nothing to price \(write 0 to price nothing\)",
     "elke verbruikscel is leeg: niets te prijzen (schrijf 0 om niets te prijzen)"),
    (r"(^|: )phone: ", r"\1telefoon: "),
    (r"(\w+): ('[^']*') is not a plan \(", r"\1: \2 is geen plan ("),
    (r"(\w+): ('[^']*') is not a plan name \(", r"\1: \2 is geen plannaam ("),
    (r"the (\w+) service \(([^)]*)\) is needed for (.+) but not taken",
     r"de dienst \1 (\2) is nodig voor \3, maar niet afgenomen"),
    (r"need_24_7: (\w+) plan (\w+) is not reachable 24/7 \(([^)]*) are\)",
     r"24/7 bereikbaar: plan \2 (\1) is niet 24/7 bereikbaar (\3 wel)"),
    (r"de dienst phone ", "de dienst telefoon "), (r" \(phone\) is niet", " (telefoon) is niet"),
    (r"no plan fits this forecast under the restrictions given: ",
     "geen plan past bij deze prognose onder de gegeven beperkingen: "),
    (r"^month (\d+): no plan can serve it ", r"maand \1: geen plan kan die bedienen "),
    (r"no schedule fits within the limit on changes", "geen planning past binnen de grens op wijzigingen"),
    (r"no selection can serve every scenario", "geen keuze kan elk scenario bedienen"),
    (r" is not one of ", " is niet een van "),
    (r" \(in Dutch ", " (in het Nederlands "),
    (r" does not exist$", " bestaat niet"),
    (r" is not a file$", " is geen bestand"),
    (r" is a folder$", " is een map"),
    (r": the file is empty$", ": het bestand is leeg"),
    (r": there are no rows below the header$", ": er staan geen rijen onder de kopregel"),
    (r" exists and answer-plan did not write it \(or it was changed since\)",
     " bestaat al en answer-plan heeft het niet geschreven (of het is sindsdien gewijzigd)"),
    (r"; replace it with ", "; vervang het met "),
    (r" is an input of this run \(([^)]*)\); write somewhere else", r" is een invoer van deze opdracht (\1); "
     "schrijf ergens anders heen"),
    (r": column ('[^']*') has the name of a result column; rename it, or write the results under ",
     r": kolom \1 heeft de naam van een resultaatkolom; geef die een andere naam, of schrijf de resultaten onder "),
    (r"a prefix \(", "een voorvoegsel ("), (r"another prefix", "een ander voorvoegsel"),
    (r"; nothing was written$", "; er is niets geschreven"),
    (r"^no space left on the disk", "geen ruimte meer op de schijf"),
    (r"'([^']*)' is not a command; did you mean ", r"'\1' is geen opdracht; bedoelde u "),
    (r"'([^']*)' is not a command", r"'\1' is geen opdracht"),
    (r"^unrecognized arguments: ", "onbekende argumenten: "),
    (r"; did you mean (--[\w-]+)\? \(see ", r"; bedoelde u \1? (zie "),
    (r" \((\S+) is not an option; did you mean (--[\w-]+)\?\) \(see ", r" (\1 is geen optie; bedoelde u \2?) (zie "),
    (r"^the following arguments are required: ", "deze argumenten zijn verplicht: "),
    (r"^argument ([^:]+): invalid choice: ", r"argument \1: ongeldige keuze: "),
    (r"\(choose from ", "(kies uit "),
    (r"^argument ([^:]+): expected one argument", r"argument \1: verwacht één waarde"),
    (r" is not a number \(digits 0-9, a decimal point\)", " is geen getal (cijfers 0-9, een decimaalpunt)"),
    (r" is not a finite number$", " is geen eindig getal"),
    (r"\(see answer-plan ([^)]*)\)$", r"(zie answer-plan \1)"),
    (r"^interrupted after the outputs were written", "onderbroken nadat de uitvoer was geschreven"),
    (r"^interrupted", "onderbroken"),
    (r"^out of memory; try a smaller ", "geheugen vol; probeer een kleinere "),
    (r"^internal error \((.*)\); please report it, with the command$", r"interne fout (\1); meld die, met de opdracht"),
    (r"^the input is nested too deeply to be read", "de invoer is te diep genest om te lezen"),
    (r"; the previous files are as they were", "; de vorige bestanden zijn zoals ze waren"),
    (r": no usage column recognised among the columns found \(", ": geen verbruikskolom herkend onder de kolommen ("),
    (r"\); expected ", "); verwacht "),
    (r": row (\d+): ", r": rij \1: "),
    (r"^row (\d+): ", r"rij \1: "),
    (r"; say (--force|«force») to replace it", r"; zeg \1 om het te vervangen"),
    (r" is not \.csv, \.tsv, \.xlsx or \.parquet", " is geen .csv, .tsv, .xlsx of .parquet"),
    (r" is not \.csv, \.xlsx or \.parquet", " is geen .csv, .xlsx of .parquet"),
    (r" \(a workbook with macros is not written here: use \.xlsx\)", " (een werkmap met macro's wordt hier niet "
     "geschreven: gebruik .xlsx)"),
    (r": permission denied", ": geen toestemming"), (r": Permission denied", ": geen toestemming"),
    (r"the disk is full \(or the file is larger than this file system allows\)",
     "de schijf is vol (of het bestand is groter dan dit bestandssysteem toestaat)"),
    (r"the file system is read-only", "het bestandssysteem is alleen-lezen"),
    (r" and ([\d,.]+) more", r" en nog \1"),
    (r" is also the ([^;]+); two outputs cannot share a file, give each its own",
     r" is ook de \1; twee uitvoerbestanden kunnen geen bestand delen, geef elk een eigen"),
    (r": cannot make the folder ('[^']*'): ", r": kan de map \1 niet maken: "),
    (r"File exists", "bestand bestaat al"), (r"No such file or directory", "bestand of map bestaat niet"),
    (r"Is a directory", "is een map"),
    (r" is a file, not a folder for the documents", " is een bestand, geen map voor de documenten"),
    (r" is also an output of this run; give the documents a folder of their own",
     " is ook uitvoer van deze opdracht; geef de documenten een eigen map"),
    (r"^(\S+): the folder is missing \(--pdf DIR\)", r"\1: de map ontbreekt (--pdf MAP)"),
    (r"^--seller: only with --pdf DIR \(the documents it goes on\)",
     "--seller: alleen met --pdf MAP (de documenten waar het op komt)"),
    (r"^--date: only with --pdf DIR \(the invoices it dates\)", "--date: alleen met --pdf MAP (de facturen die het "
     "dateert)"),
    (r"('[^']*') could be a thousand \(Dutch\) or one with three decimals",
     r"\1 kan duizend zijn (Nederlands) of één met drie decimalen"),
    (r"; write (\S+) or (\S+?)( \(|$)", r"; schrijf \1 of \2\3"),
    (r"; say --decimal , or --decimal \.", "; zeg --decimal , of --decimal ."),
    (r": column ('[^']*') looks like (\w+) ", r": kolom \1 lijkt op \2 "),
    (r"say «map '([^']*)'»", r"zeg «map '\1'»"), (r" if it is ", " als het "),
    (r"names such as ", "namen zoals "), (r"; or Dutch: ", "; of Nederlands: "),
    (r", see the README", ", zie de README"),
    (r"; or say ", "; of zeg "),
    (r": a quote \(\"\) is opened( on line ([\d,]+))? and never closed, which would run the rows after it "
     r"together; fix the file \(Excel writes a quote inside a field as \"\"\)",
     lambda m: ": een aanhalingsteken (\") wordt geopend"
     f"{' op regel ' + m.group(2).replace(',', '.') if m.group(2) else ''} en nooit gesloten, waardoor de rijen erna "
     "samenlopen; herstel het bestand (Excel schrijft een aanhalingsteken in een veld als \"\")"),
    (r": this is not a CSV text file \(it looks like a binary file\)", ": dit is geen CSV-tekstbestand (het lijkt "
     "een binair bestand)"),
    (r": this looks like (a contact log|a contracts file) \(columns ([^)]*)\), not (a [\w ]+)",
     r": dit lijkt \1 (kolommen \2), niet \3"),
    (r"; are the two files swapped\?", "; zijn de twee bestanden verwisseld?"),
    (r"a contact log", "een contactlog"), (r"a contracts file", "een contractenbestand"),
    (r"a customer file", "een klantenbestand"), (r"a file of months per customer", "een bestand met maanden per klant"),
    (r"; a log is rated: ", "; een log wordt gefactureerd: "),
    (r" is not a whole number >= 0$", " is geen geheel getal >= 0"),
    (r"^--chunk-rows: must be at least 1", "--chunk-rows: minstens 1"),
    (r"^--max-changes: must be 0 or more", "--max-changes: 0 of meer"),
    (r" is not a date \(YYYY-MM-DD\)", " is geen datum (JJJJ-MM-DD)"),
    (r"^argument ([^:]+): invalid int value: ('[^']*')", r"argument \1: \2 is geen geheel getal"),
    (r"^seller file ('[^']*'): ", r"verkopersbestand \1: "),
    (r": missing", ": ontbreekt"), (r" is not a KvK number \(8 digits\)", " is geen KvK-nummer (8 cijfers)"),
    (r" is not an IBAN", " is geen IBAN"), (r" is not a BTW number", " is geen btw-nummer"),
    (r" is not valid TOML", " is geen geldige TOML"),
    (r"is there twice \(row (\d+)\)", r"staat er twee keer in (rij \1)"),
    (r"is there twice", "staat er twee keer in"),
    (r"^customer ('[^']*') \(row (\d+)\): ", r"klant \1 (rij \2): "),
    (r"customer ('[^']*'): month (\S+) is there more than once", r"klant \1: maand \2 staat er meer dan eens in"),
    (r"month (\S+) of this customer has an error", r"maand \1 van deze klant heeft een fout"),
    (r"row (\d+) of this customer has an error", r"rij \1 van deze klant heeft een fout"),
    (r"a repeated header row, not a customer", "een herhaalde kopregel, geen klant"),
    (r"a formula whose value was never calculated", "een formule waarvan de waarde nooit is berekend"),
    (r" is outside the period ", " valt buiten de periode "),
    (r"(^|: )the log runs from (\S+) \(row ([\d,]+)\) to (\S+) \(row ([\d,]+)\): ([\d,]+) months\. A period over "
     r"(\d+) months is almost always a typo in a year; correct the row, or say (--period|«period) (\S+?)»? \(rows "
     r"outside the period are then refused\)",
     lambda m: f"{m.group(1)}de log loopt van {m.group(2)} (rij {m.group(3).replace(',', '.')}) tot {m.group(4)} "
     f"(rij {m.group(5).replace(',', '.')}): {m.group(6).replace(',', '.')} maanden. Een periode van meer dan "
     f"{m.group(7)} maanden is bijna altijd een tikfout in een jaartal; verbeter de rij, of geef "
     f"{m.group(8).replace('«period', '«period')} {m.group(9)}{'»' if m.group(8).startswith('«') else ''} (rijen "
     "buiten de periode worden dan geweigerd)"),
    (r"^the log runs from ", "de log loopt van "),
    (r"(^|: )customer ('[^']*') \(row (\d+)\): ", r"\1klant \2 (rij \3): "),
    # a contract's field, named as an invoice (and a Dutch contracts file) names it: plan_telefoon, afgesproken_aht
    (r"(klant '[^']*' \(rij \d+\): )(\w+): ", lambda m: f"{m.group(1)}{column(m.group(2), 'nl', 'invoice')}: "),
    (r": period: ", ": periode: "),
    (r": a row (\(line ([\d,]+)\) )?has (\d+) cells where the header has (\d+): the file is not one table \(a "
     r"stray separator, or a quote\?\)",
     lambda m: f": een rij {'(regel ' + m.group(2).replace(',', '.') + ') ' if m.group(2) else ''}heeft "
     f"{m.group(3)} cellen waar de kopregel er {m.group(4)} heeft: het bestand is niet één tabel (een los "
     "scheidingsteken, of een aanhalingsteken?)"),
    (r": the file mixes encodings: it has UTF-8 text, but byte ([\d,]+) is not UTF-8; say --encoding \(utf-8 or "
     r"cp1252\) for what most of it is",
     lambda m: f": het bestand mengt coderingen: het heeft UTF-8-tekst, maar byte {m.group(1).replace(',', '.')} is "
     "geen UTF-8; zeg --encoding (utf-8 of cp1252) voor wat het meeste ervan is"),
    (r": the file is neither UTF-8 nor cp1252 \(byte ([\d,]+)\); say --encoding",
     lambda m: f": het bestand is UTF-8 noch cp1252 (byte {m.group(1).replace(',', '.')}); zeg --encoding"),
    (r": not readable as (\S+) from line ([\d,]+) \(byte ([\d,]+)\); say --encoding \(cp1252 for a file of Dutch "
     r"Windows\)", lambda m: f": niet te lezen als {m.group(1)} vanaf regel {m.group(2).replace(',', '.')} (byte "
     f"{m.group(3).replace(',', '.')}); zeg --encoding (cp1252 voor een bestand van Nederlandse Windows)"),
    (r": not readable as (\S+) further on in the file; say --encoding \(cp1252 for a file of Dutch Windows\)",
     r": verderop niet te lezen als \1; zeg --encoding (cp1252 voor een bestand van Nederlandse Windows)"),
    (r": not readable as (\S+) \(byte ([\d,]+)\); say --encoding", lambda m: f": niet te lezen als {m.group(1)} "
     f"(byte {m.group(2).replace(',', '.')}); zeg --encoding"),
    (r": not readable as (\S+) \(([^)]*)\); say another --encoding", r": niet te lezen als \1 (\2); zeg een andere "
     "--encoding"),
    (r" has no contacts \(only its header\); say (--period|«period) FROM\.\.TO»? to invoice the months' fees",
     lambda m: f" bevat geen contacten (alleen de kopregel); zeg {m.group(1)} VAN..TOT"
     f"{'»' if m.group(1)[0] == '«' else ''} om de vaste kosten van de maanden te factureren"),
    (r" has no customers \(only its header\)", " bevat geen klanten (alleen de kopregel)"),
    (r" is not in the years 1 to 9999 in Amsterdam", " ligt niet in de jaren 1 tot en met 9999 (Amsterdam)"),
    (r" is not a forecast field; did you mean (\w+)\?", r" is geen veld van de prognose; bedoelde u \1?"),
    (r" is not a forecast field", " is geen veld van de prognose"),
    (r" is not FIELD=X", " is geen VELD=X"), (r": no FIELD=X given", ": geen VELD=X gegeven"),
    (r"^choose: give a FILE of scenarios or --scenario NAME:FIELD=X,\.\.\. \(twice or more\)",
     "choose: geef een BESTAND met scenario's of --scenario NAAM:VELD=X,... (twee keer of vaker)"),
    (r" is not a number as this file writes them \(a decimal comma, e\.g\. 1\.234,5\); say --decimal if the file "
     r"is the other way", " is geen getal zoals dit bestand ze schrijft (een decimale komma, bijv. 1.234,5); zeg "
     "--decimal als het bestand het andersom doet"),
    (r" is not a number as this file writes them \(a decimal point, e\.g\. 1,234\.5\); say --decimal if the file "
     r"is the other way", " is geen getal zoals dit bestand ze schrijft (een decimale punt, bijv. 1,234.5); zeg "
     "--decimal als het bestand het andersom doet"),
    (r" is not a number", " is geen getal"),
    (r"«output ([^»]*)»: a chart is written as a \.png file", r"«output \1»: een grafiek wordt geschreven als .png"),
    (r": not a customer of ", ": geen klant van "), (r"; say which$", "; zeg welke"),
    (r" customers \(", " klanten ("),
    (r"^(\S+): the button imports a Python module named as the workbook",
     r"\1: de knop importeert een Python-module met de naam van de werkmap"),
    (r" must end in \.xlsm \(a workbook with macros\)", " moet eindigen op .xlsm (een werkmap met macro's)"),
    (r"problem\(s\)", "probleem/problemen"), (r"cannot read: ", "niet te lezen: "),
    (r"\); is this ", "); is dit "),
    (r"(^|: )column ('[^']*') heeft ", r"\1kolom \2 heeft "),
    (r": not with --year \(the months and their forecasts come from ([^)]*)\); leave it out",
     r": niet samen met --year (de maanden en hun prognoses komen uit \1); laat het weg"),
    (r": only with --year FILE", ": alleen met --year BESTAND"),
    (r"numbers are written both with a decimal comma \(('[^']*')\) and a decimal point \(('[^']*')\)",
     r"getallen staan er zowel met een decimale komma (\1) als met een decimale punt (\2) in"),
    (r"a duration is a number >= 0", "een duur is een getal >= 0"),
    (r" is more than ([\d,]+) \(the limit per contact\)",
     lambda m: f" is meer dan {m.group(1).replace(',', '.')} (de grens per contact)"),
    (r": no input is a workbook \(([^)]*)\); only a workbook \(\.xlsx\) has sheets: leave --sheet out",
     r": geen invoer is een werkmap (\1); alleen een werkmap (.xlsx) heeft werkbladen: laat --sheet weg"),
)
_CLAUSES_RE = tuple((re.compile(a), b) for a, b in _CLAUSES)
_FIELD_LEAD = re.compile(r"^(«?)(\w+)(»?): ")
_NEEDED = re.compile(r"(nodig voor )([\w, ]+?)(, maar)")
_LEADS = {"input": "invoer", "output": "uitvoer", "events": "contactlog", "contracts": "contracten",
          "scenarios": "scenario's", "months": "maanden", "weights": "gewichten", "path": "pad", "table": "tabel",
          "plan": "plan", "tariff": "tarief", "kind": "soort", "customer": "klant", "start": "begintijd",
          "seconds": "seconden", "month": "maand", "period": "periode", "criterion": "criterium",
          "foreign": "buitenland"}


def message(text: str, lang: str = "en") -> str:
    """A message of the project's in the language asked for (Dutch: clause by clause; a field that
    leads it is named as a Dutch header names it)."""
    if lang != "nl" or not text:
        return text
    out = text
    for pattern, dutch in _CLAUSES_RE:
        out = pattern.sub(dutch, out)
    out = _NEEDED.sub(lambda m: m.group(1) + ", ".join(_dutch_field(f.strip()) for f in m.group(2).split(","))
                      + m.group(3), out)
    lead = _FIELD_LEAD.match(out)
    if lead and not lead.group(1):
        name = _DUTCH_FIELDS.get(lead.group(2)) or _LEADS.get(lead.group(2))
        if name:
            out = f"{name}: {out[lead.end():]}"
    return out


# ----------------------------------------------------------------------------- the command line's help
# Every help text of the command line (answer_plan_cli/parser.py writes them in English; --lang nl
# shows these). tests/test_cli.py holds the two together: a help text without its Dutch fails.
CLI_HELP: dict[str, str] = {
    "Exact monthly quotes and the cheapest plans for the answering service's price list.":
        "Exacte maandoffertes en de goedkoopste plannen voor de prijslijst van de antwoordservice.",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon de versie en stop",
    "language of what is printed (also after the command)": "taal van wat er wordt getoond (ook na de opdracht)",
    "the itemised quote for given plans": "de gespecificeerde offerte voor gegeven plannen",
    "the cheapest combination, with its quote and alternatives":
        "de goedkoopste combinatie, met offerte en alternatieven",
    "recommend for every customer of a CSV/XLSX/Parquet file":
        "advies voor elke klant van een CSV-, XLSX- of Parquet-bestand",
    "monthly cost against calls per plan, as a PNG": "maandkosten tegen gesprekken per plan, als PNG",
    "build the Excel workbook (answer_plan.xlsm)": "bouw de Excel-werkmap (answer_plan.xlsm)",
    "invoices from a contact log and the contracts": "facturen uit een contactlog en de contracten",
    "the cheapest plan per month, per customer": "het goedkoopste plan per maand, per klant",
    "one selection for several possible months": "één keuze voor meerdere mogelijke maanden",
    "main.py and requirements.txt for xlwings Lite (Mac, web)":
        "main.py en requirements.txt voor xlwings Lite (Mac, web)",
    "the price list as a table": "de prijslijst als tabel",
    "the whole tour on the shipped price list": "de hele rondleiding met de meegeleverde prijslijst",
    "The itemised monthly quote for a plan per service.": "De gespecificeerde maandofferte voor een plan per dienst.",
    "forecast (per month; all default to 0 / no)": "prognose (per maand; standaard 0 / nee)",
    "a tariff TOML file (default: the shipped price list)":
        "een tarief als TOML-bestand (standaard: de meegeleverde prijslijst)",
    "language of what is printed (default: from the locale, nl when it starts with nl)":
        "taal van wat er wordt getoond (standaard: uit de locale, nl als die met nl begint)",
    "plan of the phone service (omit: not taken)": "plan voor de telefoondienst (weglaten: niet afgenomen)",
    "plan of the chat service (omit: not taken)": "plan voor de chatdienst (weglaten: niet afgenomen)",
    "also the BTW (VAT) line and the total including it": "ook de BTW-regel en het totaal inclusief BTW",
    "print JSON instead of a table": "toon JSON in plaats van een tabel",
    "answered calls per month": "aangenomen gesprekken per maand",
    "average talk time per call (s)": "gemiddelde gespreksduur per gesprek (s)",
    "e-mails, chats and WhatsApp messages per month": "e-mails, chats en WhatsApp-berichten per maand",
    "agreed handling time per chat (s)": "afgesproken afhandeltijd per bericht (s)",
    "forwarded calls per month": "doorverbonden gesprekken per maand",
    "average forwarded talk time (s)": "gemiddelde gesprekstijd na doorverbinden (s)",
    "outbound calls for the customer per month": "uitgaande telefoonoproepen voor de klant per maand",
    "average outbound talk time (s)": "gemiddelde gesprekstijd per telefoonoproep (s)",
    "minutes with foreign surcharge": "minuten met toeslag buitenland",
    "voice response wanted": "voiceresponse gewenst",
    "call reports by e-mail per month": "gespreksverslagen via mail per maand",
    "call reports by SMS per month": "gespreksverslagen via sms per maand",
    "monthly specification wanted": "maandspecificatie gewenst",
    "training hours per month": "trainingsuren per maand",
    "DIRECT Assistent hours per month": "uren DIRECT Assistent per maand",
    "the customer needs 24/7 reachability": "de klant moet 24/7 bereikbaar zijn",
    "instead of --call-seconds: the month's call seconds beyond 90, summed per call":
        "in plaats van --call-seconds: de gespreksseconden van de maand boven 90, per gesprek opgeteld",
    "instead of --forward-seconds: the month's forwarded talk seconds":
        "in plaats van --forward-seconds: de doorverbonden gespreksseconden van de maand",
    "instead of --outbound-seconds: the month's outbound talk seconds":
        "in plaats van --outbound-seconds: de gespreksseconden van de telefoonoproepen van de maand",
    "instead of --foreign-minutes: the month's seconds with foreign surcharge":
        "in plaats van --foreign-minutes: de seconden met toeslag buitenland van de maand",
    "The cheapest plan (or none) per service and pack covers (a MILP).":
        "Het goedkoopste plan (of geen) per dienst en de bundels (een MILP).",
    "print one JSON object": "toon één JSON-object",
    "next-best combinations to show": "aantal op-een-na-beste combinaties om te tonen",
    "keep the phone service on PLAN ('none': not taken)": "houd de telefoondienst op PLAN ('none': niet afgenomen)",
    "keep the chat service on PLAN ('none': not taken)": "houd de chatdienst op PLAN ('none': niet afgenomen)",
    "rule out a phone plan": "sluit een telefoonplan uit",
    "rule out a chat plan": "sluit een chatplan uit",
    "MILP solver (default: HiGHS, else CBC, else exhaustive search)":
        "MILP-solver (standaard: HiGHS, anders CBC, anders alle combinaties doorrekenen)",
    "Columns named as the forecast fields, in English or Dutch (blank = 0); other columns pass through; "
    "current_phone/current_chat give current_total and saving.":
        "Kolommen met de namen van de prognosevelden, in het Nederlands of Engels (leeg = 0); andere kolommen gaan "
        "ongewijzigd mee; huidig plan telefoon/chat geeft het huidige totaal en de besparing.",
    "reading files (found out by themselves; say them when a file is ambiguous)":
        "bestanden lezen (vanzelf bepaald; geef ze op als een bestand dubbelzinnig is)",
    "writing files": "bestanden schrijven",
    "documents (PDF)": "documenten (PDF)",
    "customer file: .csv, .xlsx or .parquet": "klantenbestand: .csv, .xlsx of .parquet",
    "result file: .csv, .xlsx or .parquet (.tsv or .txt: separated by tabs)":
        "resultaatbestand: .csv, .xlsx of .parquet (.tsv of .txt: gescheiden door tabs)",
    "put TEXT before the result columns' names": "zet TEKST voor de namen van de resultaatkolommen",
    "CSV separator: ';', ',', 'tab'": "scheidingsteken van CSV: ';', ',', 'tab'",
    "decimal mark of numbers in a CSV file: ',' (Dutch) or '.' (English)":
        "decimaalteken van getallen in een CSV-bestand: ',' (Nederlands) of '.' (Engels)",
    "text encoding of a CSV file (utf-8, cp1252, ...)": "tekstcodering van een CSV-bestand (utf-8, cp1252, ...)",
    "the sheet of an XLSX file (default: the one with usage columns)":
        "het werkblad van een XLSX-bestand (standaard: dat met verbruikskolommen)",
    "rows per chunk (memory bound)": "rijen per deel (begrenst het geheugen)",
    "say which field a column is ('Gesprekken p/m=calls'), or leave it out ('Notes='); repeatable":
        "zeg welk veld een kolom is ('Gesprekken p/m=calls'), of laat hem weg ('Notities='); herhaalbaar",
    "CSV output: nl (';', decimal comma, UTF-8 with BOM) or en (',', decimal point); default: as a CSV input, "
    "else en":
        "CSV-uitvoer: nl (';', decimale komma, UTF-8 met BOM) of en (',', decimale punt); standaard: als een "
        "CSV-invoer, anders en",
    "replace output files answer-plan did not write (or that were changed since)":
        "vervang uitvoerbestanden die answer-plan niet schreef (of die sindsdien zijn gewijzigd)",
    "also an advice letter for every priced customer as PDF files in DIR (written as one set)":
        "ook een adviesbrief voor elke geprijsde klant, als PDF-bestanden in MAP (als één set geschreven)",
    "with --pdf: the seller's name, address, KvK, BTW number and IBAN (a small TOML file); without it the "
    "documents are drafts":
        "met --pdf: naam, adres, KvK-nummer, BTW-nummer en IBAN van de verkoper (een klein TOML-bestand); zonder "
        "dit bestand zijn de documenten concepten",
    "Monthly cost against calls for each plan, forecast and recommendation marked.":
        "Maandkosten tegen gesprekken voor elk plan, met de prognose en het advies gemarkeerd.",
    "where to write the chart (.png)": "waar de grafiek komt (.png)",
    "right end of the calls axis": "rechtereinde van de as met gesprekken",
    "instead: each plan's cost per month of FILE (months of a customer, as schedule reads them) with the "
    "schedule drawn over it":
        "in plaats daarvan: de kosten per maand van elk plan voor BESTAND (maanden van een klant, zoals schedule "
        "ze leest) met de planning erover getekend",
    "with --year: the customer of FILE to draw": "met --year: de klant uit BESTAND die getekend wordt",
    "with --year: at most N changes of plan": "met --year: ten hoogste N planwissels",
    "Build the workbook with the Recommend button and live ANSWER_ formulas; it carries the tariff it was built "
    "with.":
        "Bouw de werkmap met de adviesknop en werkende ANSWER_-formules; hij bevat het tarief waarmee hij is "
        "gebouwd.",
    "where to write it (default: workbooks/answer_plan.xlsm)": "waar hij komt (standaard: workbooks/answer_plan.xlsm)",
    "Rates a contact log (one row per contact: customer, start, kind, seconds, foreign) against the contracts "
    "(customer, phone_plan, chat_plan, agreed_aht, ...): an invoice per customer and month, call time per call per "
    "second, the agreed AHT evaluated each quarter (PRICING.md rules 24-28, 31, 32).":
        "Prijst een contactlog (een rij per contact: klant, begintijd, soort, seconden, buitenland) tegen de "
        "contracten (klant, telefoonplan, chatplan, afgesproken afhandeltijd, ...): een factuur per klant en maand, "
        "gesprekstijd per gesprek per seconde, de afgesproken afhandeltijd elk kwartaal getoetst (PRICING.md regels "
        "24-28, 31, 32).",
    "the contact log: .csv, .xlsx or .parquet": "de contactlog: .csv, .xlsx of .parquet",
    "the contracts: .csv, .xlsx or .parquet": "de contracten: .csv, .xlsx of .parquet",
    "the invoices: .csv, .xlsx or .parquet": "de facturen: .csv, .xlsx of .parquet",
    "also the itemised lines of every invoice": "ook de regels van elke factuur",
    "also the quarterly AHT evaluations": "ook de kwartaaltoetsen van de afhandeltijd",
    "also the contacts that could not be used, with their rows":
        "ook de contacten die niet te gebruiken waren, met hun rijen",
    "the months to invoice, e.g. 2026-01..2026-12 (needed for a log over more than 24 months; rows outside are "
    "refused)":
        "de te factureren maanden, bijv. 2026-01..2026-12 (nodig voor een log van meer dan 24 maanden; rijen "
        "erbuiten worden geweigerd)",
    "also each invoice as PDF files in DIR (written as one set)":
        "ook elke factuur, als PDF-bestanden in MAP (als één set geschreven)",
    "with --pdf: the invoice date (default: the first day after the month invoiced)":
        "met --pdf: de factuurdatum (standaard: de eerste dag na de gefactureerde maand)",
    "Months per customer (customer, month and the forecast columns, optional current_phone/current_chat): the "
    "cheapest plan per month, the number of changes, the best single plan for the period and the saving "
    "(PRICING.md rule 29; months as dates, rule 31).":
        "Maanden per klant (klant, maand en de prognosekolommen, eventueel huidig plan telefoon/chat): het "
        "goedkoopste plan per maand, het aantal wissels, het beste vaste plan voor de periode en de besparing "
        "(PRICING.md regel 29; maanden als datums, regel 31).",
    "months per customer: .csv, .xlsx or .parquet": "maanden per klant: .csv, .xlsx of .parquet",
    "write the schedules to OUT (else print them)": "schrijf de planningen naar UIT (anders worden ze getoond)",
    "at most N changes of plan in the period": "ten hoogste N planwissels in de periode",
    "print JSON instead of tables": "toon JSON in plaats van tabellen",
    "also an advice letter for every customer scheduled as PDF files in DIR (written as one set)":
        "ook een adviesbrief voor elke geplande klant, als PDF-bestanden in MAP (als één set geschreven)",
    "The best single selection over scenarios (low/expected/high, or last year's months): by expected cost, worst "
    "cost, or largest regret (PRICING.md rule 30).":
        "De beste vaste keuze over scenario's (laag/verwacht/hoog, of de maanden van vorig jaar): naar verwachte "
        "kosten, hoogste kosten of grootste spijt (PRICING.md regel 30).",
    "scenarios, one per row (optional columns scenario, weight, and the forecast columns)":
        "scenario's, een per rij (eventueel de kolommen scenario en gewicht, en de prognosekolommen)",
    "a scenario from flags, e.g. high:calls=160,chats=50,aht=200 (repeatable)":
        "een scenario op de opdrachtregel, bijv. hoog:calls=160,chats=50,aht=200 (herhaalbaar)",
    "weights of the scenarios (default: equal)": "gewichten van de scenario's (standaard: gelijk)",
    "expected: weighted mean cost; worst: lowest highest cost; regret: lowest largest excess over each scenario's "
    "own cheapest":
        "expected: gewogen gemiddelde kosten; worst: de laagste hoogste kosten; regret: het kleinste grootste "
        "verschil met het goedkoopste van elk scenario",
    "Writes what an xlwings Lite user pastes into the Lite editor (Excel on Windows, macOS and the web): main.py "
    "with the package inside, requirements.txt, and the steps (LITE.md).":
        "Schrijft wat een gebruiker van xlwings Lite in de Lite-editor plakt (Excel op Windows, macOS en het web): "
        "main.py met het pakket erin, requirements.txt en de stappen (LITE.md).",
    "where to write them (default: lite)": "waar ze komen (standaard: lite)",
    "The price list, as loaded (and a check of a tariff file).":
        "De prijslijst, zoals geladen (en een controle van een tariefbestand).",
    "Quote and recommend an example, build the workbook, run bulk over the sample customers, rate a sample log, "
    "schedule a year, draw the charts: everything under --out.":
        "Offerte en advies voor een voorbeeld, de werkmap bouwen, bulk over de voorbeeldklanten, een voorbeeldlog "
        "prijzen, een jaar plannen, de grafieken tekenen: alles onder --out.",
    "folder for everything it writes (default: out)": "map voor alles wat het schrijft (standaard: out)",
    "examples:": "voorbeelden:",
    # the placeholders of the flags (metavars), as the usage lines and the messages name them
    "FILE": "BESTAND", "FILE.png": "BESTAND.png", "DIR": "MAP", "OUT": "UIT", "TEXT": "TEKST", "PATH": "PAD",
    "NAME": "NAAM", "INVOICES": "FACTUREN", "EVENTS": "CONTACTLOG", "HEADER=FIELD": "KOP=VELD",
    "NAME:FIELD=X,...": "NAAM:VELD=X,...", "FROM..TO": "VAN..TOT", "SEP": "TEKEN", "YYYY-MM-DD": "JJJJ-MM-DD",
    "COMMAND": "OPDRACHT", "W,W,...": "G,G,...",
    "usage: ": "gebruik: ",
}


def cli_help(text: str, lang: str = "en") -> str:
    """A help text of the command line in the language asked for (as it is when none is known)."""
    return CLI_HELP.get(text, text) if lang == "nl" else text

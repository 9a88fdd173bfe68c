"""The Recommend button's logic, between reading the workbook and writing it back.

The companion module beside the workbook (workbooks/answer_plan.py, or the one written beside a
workbook built under another name) calls run(xw.Book.caller()); in xlwings Lite, main.py's script
does. Everything is found by the workbook's defined names (in_calls, out_recommendation, in_year_*,
cfg_lang, ...), not by sheet names, so a Dutch workbook works the same. Only a few xlwings calls are
used (book.names[...].refers_to_range, .value, .sheet, sheet[address], .expand(), .clear_contents()),
which work in classic xlwings and in Lite, so a small stand-in tests it without Excel.
"""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

from optimizer import AnswerPlanError, Quote, Recommendation, Usage, quote, recommend, recommend_many, schedule
from optimizer.decisions.many import CURRENT
from optimizer.ground.usage import FLAG_FIELDS, FORECAST_FIELDS, USAGE_FIELDS, flag_from_text
from optimizer.reading.headers import match_headers

__all__ = [
    "INPUTS",
    "LABELS",
    "RESULT_COLUMNS",
    "YEAR_FIELDS",
    "customer_frame",
    "customer_result_rows",
    "input_name",
    "read_usage",
    "recommendation_rows",
    "run",
    "year_rows",
]

# the Calculator's inputs: Usage field, (English label, unit), (Dutch label, unit)
INPUTS: tuple[tuple[str, tuple[str, str], tuple[str, str]], ...] = (
    ("calls", ("Answered calls", "per month"), ("Beantwoorde gesprekken", "per maand")),
    ("call_seconds", ("Average talk time per call", "seconds"), ("Gemiddelde gespreksduur", "seconden")),
    ("chats", ("E-mails, chats, WhatsApp messages", "per month"),
     ("E-mails, chats, WhatsApp-berichten", "per maand")),
    ("aht", ("Agreed handling time per chat (AHT)", "seconds"),
     ("Afgesproken afhandeltijd per chat (AHT)", "seconden")),
    ("forwards", ("Forwarded calls", "per month"), ("Doorverbonden gesprekken", "per maand")),
    ("forward_seconds", ("Average forwarded talk time", "seconds"),
     ("Gemiddelde gesprekstijd doorverbinden", "seconden")),
    ("outbound_calls", ("Outbound calls for the customer", "per month"),
     ("Telefoonoproepen voor de klant", "per maand")),
    ("outbound_seconds", ("Average outbound talk time", "seconds"),
     ("Gemiddelde gesprekstijd telefoonoproep", "seconden")),
    ("foreign_minutes", ("Foreign surcharge minutes", "minutes"), ("Minuten met toeslag buitenland", "minuten")),
    ("voice_response", ("Voice response", "yes/no"), ("Voiceresponse", "ja/nee")),
    ("email_reports", ("Call reports by e-mail", "per month"), ("Gespreksverslagen via mail", "per maand")),
    ("sms_reports", ("Call reports by SMS", "per month"), ("Gespreksverslagen via SMS", "per maand")),
    ("month_spec", ("Monthly specification", "yes/no"), ("Maandspecificatie", "ja/nee")),
    ("training_hours", ("Training for specific knowledge", "hours"), ("Trainingen specifieke kennis", "uren")),
    ("assistant_hours", ("DIRECT Assistent", "hours"), ("DIRECT Assistent", "uren")),
    ("need_24_7", ("Needs 24/7 reachability", "yes/no"), ("24/7 bereikbaar nodig", "ja/nee")),
)
assert [f for f, _, _ in INPUTS] == list(FORECAST_FIELDS)
CURRENT_INPUTS: tuple[tuple[str, tuple[str, str], tuple[str, str]], ...] = (
    ("current_phone", ("Current phone plan", "plan"), ("Huidig plan telefoon", "plan")),
    ("current_chat", ("Current chat plan", "plan"), ("Huidig plan chat", "plan")),
)
RESULT_COLUMNS = ("phone_plan", "chat_plan", "total", "current_total", "saving", "error")
YEAR_FIELDS = ("calls", "call_seconds", "chats", "aht", "need_24_7")  # the Year sheet's columns, per month
LABELS: dict[str, dict[str, str]] = {
    "en": {"Recommendation": "Recommendation", "Phone plan": "Phone plan", "Chat plan": "Chat plan",
           "Total per month (EUR)": "Total per month (EUR)", "Current plans": "Current plans",
           "Current total (EUR)": "Current total (EUR)", "Saving per month (EUR)": "Saving per month (EUR)",
           "Next best": "Next best", "phone plan": "phone plan", "chat plan": "chat plan", "total": "total",
           "difference": "difference", "none": "none", "Could not recommend": "Could not recommend",
           "phone": "phone", "chat": "chat", "month": "month", "changes": "changes",
           "Best single plan for the year": "Best single plan for the year", "Saving (EUR)": "Saving (EUR)",
           "Schedule": "Schedule (cheapest plan per month)", "Total (EUR)": "Total (EUR)",
           "Could not schedule": "Could not schedule"},
    "nl": {"Recommendation": "Advies", "Phone plan": "Plan telefoon", "Chat plan": "Plan chat",
           "Total per month (EUR)": "Totaal per maand (EUR)", "Current plans": "Huidige plannen",
           "Current total (EUR)": "Huidig totaal (EUR)", "Saving per month (EUR)": "Besparing per maand (EUR)",
           "Next best": "Daarna het goedkoopst", "phone plan": "plan telefoon", "chat plan": "plan chat",
           "total": "totaal", "difference": "verschil", "none": "geen", "Could not recommend": "Geen advies mogelijk",
           "phone": "telefoon", "chat": "chat", "month": "maand", "changes": "wijzigingen",
           "Best single plan for the year": "Beste vaste plan voor het jaar", "Saving (EUR)": "Besparing (EUR)",
           "Schedule": "Planning (goedkoopste plan per maand)", "Total (EUR)": "Totaal (EUR)",
           "Could not schedule": "Geen planning mogelijk"},
}


def input_name(field: str) -> str:
    """The workbook's defined name of an input cell."""
    return f"in_{field}"


def _cell(value: Any, field: str) -> Any:
    """A spreadsheet cell as Usage wants it: blank = 0 / no, yes/no words as flags."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False if field in FLAG_FIELDS else 0
    if field in FLAG_FIELDS:
        return flag_from_text(value)
    return value


def _name(book: Any, name: str) -> Any:
    return book.names[name].refers_to_range


def _lang(book: Any) -> str:
    try:
        value = _name(book, "cfg_lang").value
    except (KeyError, AttributeError, ValueError):
        return "en"
    return "nl" if isinstance(value, str) and value.strip().lower() == "nl" else "en"


def read_usage(book: Any) -> Usage:
    return Usage(**{f: _cell(_name(book, input_name(f)).value, f) for f in FORECAST_FIELDS})


def read_current(plans: tuple[Any, Any], usage: Usage, tariff: Any = None) -> Quote | str | None:
    """The quote of the customer's current plans (phone, chat), the reason there is none, or None
    when both are blank."""
    if all(p is None or (isinstance(p, str) and not p.strip()) for p in plans):
        return None
    try:
        return quote(usage, phone=plans[0], chat=plans[1], tariff=tariff)
    except AnswerPlanError as exc:
        return str(exc)


def recommendation_rows(r: Recommendation, current: Quote | str | None = None, lang: str = "en") -> list[list[Any]]:
    """What the Recommendation sheet shows: the choice, the current plans and the saving, the
    itemised quote, the alternatives."""
    w = LABELS[lang]
    rows: list[list[Any]] = [
        [w["Recommendation"], "", "", "", "", "", "", ""],
        [w["Phone plan"], r.phone or w["none"]],
        [w["Chat plan"], r.chat or w["none"]],
        [w["Total per month (EUR)"], float(r.total)],
    ]
    if isinstance(current, Quote):
        plans = f"{w['phone']} {current.phone or w['none']}, {w['chat']} {current.chat or w['none']}"
        rows += [[w["Current plans"], plans],
                 [w["Current total (EUR)"], float(current.total)],
                 [w["Saving per month (EUR)"], float(current.total - r.total)]]
    elif isinstance(current, str):
        rows.append([w["Current plans"], current])
    rows.append([])
    for row in r.quote.rows():
        rows.append([float(v) if hasattr(v, "as_tuple") else v for v in row])
    if r.alternatives:
        rows += [[], [w["Next best"], "", "", ""], [w["phone plan"], w["chat plan"], w["total"], w["difference"]]]
        rows += [[a.phone or w["none"], a.chat or w["none"], float(a.total), float(a.difference)]
                 for a in r.alternatives]
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


def customer_frame(table: list[list[Any]]) -> pd.DataFrame:
    """The Customers table (header row first, English or Dutch names) as recommend_many wants
    it: blank usage cells 0; other columns as they are."""
    header = [str(h).strip() if h is not None else "" for h in table[0]]
    fields = {**{f: "count" for f in USAGE_FIELDS if f not in FLAG_FIELDS}, **{f: "flag" for f in FLAG_FIELDS},
              **{c: "text" for c in CURRENT}}
    hmap = match_headers(header, fields, source="Customers")
    frame = pd.DataFrame({f: [row[i] if i < len(row) else None for row in table[1:]] for f, i in hmap.fields.items()})
    for field in USAGE_FIELDS:
        if field in frame.columns:
            frame[field] = pd.Series([_cell(v, field) for v in frame[field]], index=frame.index, dtype=object)
            if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in frame[field]):
                frame[field] = frame[field].astype(float)
    for name in CURRENT:
        if name in frame.columns:
            frame[name] = frame[name].where(frame[name].notna(), "")
    return frame


def customer_result_rows(out: pd.DataFrame) -> list[list[Any]]:
    """Header and one row per customer of the result columns, for beside the table."""
    cols = [c for c in RESULT_COLUMNS if c in out.columns]
    rows: list[list[Any]] = [cols]
    for values in zip(*(out[c] for c in cols), strict=True):
        rows.append(["" if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values])
    return rows


def _column(value: Any) -> list[Any]:
    """A one-column range's value as a list (xlwings gives a list, a stand-in may give rows)."""
    if not isinstance(value, list):
        return [value]
    return [v[0] if isinstance(v, list) else v for v in value]


def year_rows(months: list[Usage], lang: str = "en") -> list[list[Any]]:
    """What the Year sheet shows beside its months: the cheapest plan per month, the total and the
    changes, the best single plan for the year and the saving."""
    w = LABELS[lang]
    s = schedule(months)
    rows: list[list[Any]] = [[w["Schedule"], "", "", ""], [w["month"], w["phone"], w["chat"], w["total"]]]
    rows += [[i + 1, m.phone or w["none"], m.chat or w["none"], float(m.total)] for i, m in enumerate(s.months)]
    rows += [[w["Total (EUR)"], "", "", float(s.total)], [w["changes"], "", "", s.changes]]
    if s.fixed is not None and s.saving is not None:
        rows += [[w["Best single plan for the year"], s.fixed.phone or w["none"], s.fixed.chat or w["none"],
                  float(s.fixed.total)], [w["Saving (EUR)"], "", "", float(s.saving)]]
    return rows


def read_year(book: Any) -> list[Usage]:
    columns = {f: _column(_name(book, f"in_year_{f}").value) for f in YEAR_FIELDS}
    n = max(len(c) for c in columns.values())
    return [Usage(**{f: _cell(columns[f][i] if i < len(columns[f]) else None, f) for f in YEAR_FIELDS})
            for i in range(n)]


def run(book: Any) -> None:
    """The button: recommend for the Calculator's inputs, schedule the Year's months, and
    recommend for every row of Customers."""
    lang = _lang(book)
    w = LABELS[lang]
    sheet = _name(book, "out_recommendation").sheet
    sheet["A1:H60"].clear_contents()
    try:
        usage = read_usage(book)
        plans = tuple(_name(book, input_name(f)).value for f, _, _ in CURRENT_INPUTS)
        sheet["A1"].value = recommendation_rows(recommend(usage), read_current(plans, usage), lang)
    except AnswerPlanError as exc:
        sheet["A1"].value = [[w["Could not recommend"], str(exc)]]
    if "out_year" in _names(book):
        anchor = _name(book, "out_year")
        anchor.sheet[_block(anchor, 20, 4)].clear_contents()
        try:
            anchor.value = year_rows(read_year(book), lang)
        except AnswerPlanError as exc:
            anchor.value = [[w["Could not schedule"], str(exc)]]
    customers = _name(book, "in_customers")
    table = customers.expand().value
    if not table or len(table) < 2:
        return
    header = [str(h).strip() if h is not None else "" for h in table[0]]
    width = next((i for i, h in enumerate(header) if h in RESULT_COLUMNS), len(header))
    frame = customer_frame([row[:width] for row in table])
    out = recommend_many(frame)
    customers.sheet[customers.row - 1, customers.column - 1 + width].value = customer_result_rows(out)


def _names(book: Any) -> set[str]:
    try:
        return {n.name if hasattr(n, "name") else str(n) for n in book.names}
    except TypeError:
        return set(book.names)


def _block(anchor: Any, rows: int, cols: int) -> str:
    """'H4:K23': the block of rows x cols from the anchor cell."""
    def letters(i: int) -> str:
        out = ""
        while i:
            i, rem = divmod(i - 1, 26)
            out = chr(65 + rem) + out
        return out

    return f"{letters(anchor.column)}{anchor.row}:{letters(anchor.column + cols - 1)}{anchor.row + rows - 1}"

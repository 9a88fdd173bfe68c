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
from optimizer.ground.usage import FLAG_FIELDS, FORECAST_FIELDS
from optimizer.ground.words import section
from optimizer.pricing.tariff import Tariff, load_tariff, tariff_from_text
from optimizer.reading.cells import is_blank, number_text, yes_no
from optimizer.reading.fields import BULK_SPEC
from optimizer.reading.frames import read_rows

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
LABELS = {lang: section("button", lang) for lang in ("en", "nl")}  # the catalogue's texts


def input_name(field: str) -> str:
    """The workbook's defined name of an input cell."""
    return f"in_{field}"


def _cell(value: Any, field: str) -> Any:
    """A spreadsheet cell as Usage wants it: blank = 0 / no, yes/no words as flags (anything else
    an error naming the field), numbers typed as text read as numbers."""
    if is_blank(value):
        return False if field in FLAG_FIELDS else 0
    if field in FLAG_FIELDS:
        return yes_no(value, field)
    return number_text(value, field)


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


def book_tariff(book: Any) -> Tariff:
    """The tariff the workbook was built with (the cell named cfg_tariff holds its text); the
    shipped price list for a workbook without one."""
    try:
        text = _name(book, "cfg_tariff").value
    except (KeyError, AttributeError, ValueError):
        return load_tariff()
    return tariff_from_text(text) if isinstance(text, str) and text.strip() else load_tariff()


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


def customer_frame(table: list[list[Any]]) -> tuple[pd.DataFrame, dict[int, str], list[int]]:
    """The Customers table (header row first, English or Dutch names, read as a bulk file is) as
    recommend_many wants it; the rows whose cells cannot be read (why); the rows that are not blank."""
    read, keep = read_rows(table, BULK_SPEC, source="Customers")
    frame = read.fields
    for name in ("current_phone", "current_chat"):
        if name in frame.columns:
            frame[name] = frame[name].where(frame[name].notna(), "")
    return frame, read.errors, keep


def customer_result_rows(out: pd.DataFrame, errors: dict[int, str] | None = None,
                         keep: list[int] | None = None) -> list[list[Any]]:
    """Header and one row per customer of the result columns, for beside the table (a row whose
    cells could not be read: its error; a blank row: blank)."""
    cols = [c for c in RESULT_COLUMNS if c in out.columns]
    rows: list[list[Any]] = [cols]
    kept = set(range(len(out))) if keep is None else set(keep)
    for i, values in enumerate(zip(*(out[c] for c in cols), strict=True)):
        if i not in kept:
            rows.append([""] * len(cols))
        elif errors and i in errors:
            rows.append(["" if c != "error" else errors[i] for c in cols])
        else:
            rows.append(["" if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values])
    return rows


def _column(value: Any) -> list[Any]:
    """A one-column range's value as a list (xlwings gives a list, a stand-in may give rows)."""
    if not isinstance(value, list):
        return [value]
    return [v[0] if isinstance(v, list) else v for v in value]


def year_rows(months: list[Usage], lang: str = "en", tariff: Tariff | None = None) -> list[list[Any]]:
    """What the Year sheet shows beside its months: the cheapest plan per month, the total and the
    changes, the best single plan for the year and the saving."""
    w = LABELS[lang]
    s = schedule(months, tariff=tariff)
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
    t = book_tariff(book)
    sheet = _name(book, "out_recommendation").sheet
    sheet["A1:H60"].clear_contents()
    try:
        usage = read_usage(book)
        plans = tuple(_name(book, input_name(f)).value for f, _, _ in CURRENT_INPUTS)
        sheet["A1"].value = recommendation_rows(recommend(usage, tariff=t), read_current(plans, usage, t), lang)
    except AnswerPlanError as exc:
        sheet["A1"].value = [[w["Could not recommend"], str(exc)]]
    if "out_year" in _names(book):
        anchor = _name(book, "out_year")
        anchor.sheet[_block(anchor, 20, 4)].clear_contents()
        try:
            anchor.value = year_rows(read_year(book), lang, t)
        except AnswerPlanError as exc:
            anchor.value = [[w["Could not schedule"], str(exc)]]
    customers = _name(book, "in_customers")
    table = customers.expand().value
    if not table or len(table) < 2:
        return
    header = [str(h).strip() if h is not None else "" for h in table[0]]
    width = next((i for i, h in enumerate(header) if h in RESULT_COLUMNS), len(header))
    target = customers.sheet[customers.row - 1, customers.column - 1 + width]
    try:
        frame, errors, keep = customer_frame([row[:width] for row in table])
    except AnswerPlanError as exc:
        target.value = [["error"], [str(exc)]]
        return
    target.value = customer_result_rows(recommend_many(frame, tariff=t), errors, keep)


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

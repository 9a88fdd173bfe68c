"""The Recommend button's logic, between reading the workbook and writing it back.

The companion module workbooks/answer_plan.py calls run(xw.Book.caller()). Only a few xlwings
calls are used (book.names[...].refers_to_range.value, book.sheets[...], sheet[address].value,
.expand(), .clear_contents()), so a small stand-in tests it without Excel.
"""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

from optimizer import AnswerPlanError, Quote, Recommendation, Usage, quote, recommend, recommend_many
from optimizer.bulk import CURRENT
from optimizer.usage import FLAG_FIELDS, FORECAST_FIELDS, USAGE_FIELDS, flag_from_text

__all__ = [
    "INPUTS",
    "RESULT_COLUMNS",
    "customer_frame",
    "customer_result_rows",
    "input_name",
    "read_usage",
    "recommendation_rows",
    "run",
]

# the Calculator's inputs: Usage field, label, unit
INPUTS: tuple[tuple[str, str, str], ...] = (
    ("calls", "Answered calls", "per month"),
    ("call_seconds", "Average talk time per call", "seconds"),
    ("chats", "E-mails, chats, WhatsApp messages", "per month"),
    ("aht", "Agreed handling time per chat (AHT)", "seconds"),
    ("forwards", "Forwarded calls", "per month"),
    ("forward_seconds", "Average forwarded talk time", "seconds"),
    ("outbound_calls", "Outbound calls for the customer", "per month"),
    ("outbound_seconds", "Average outbound talk time", "seconds"),
    ("foreign_minutes", "Foreign surcharge minutes", "minutes"),
    ("voice_response", "Voice response", "yes/no"),
    ("email_reports", "Call reports by e-mail", "per month"),
    ("sms_reports", "Call reports by SMS", "per month"),
    ("month_spec", "Monthly specification", "yes/no"),
    ("training_hours", "Training for specific knowledge", "hours"),
    ("assistant_hours", "DIRECT Assistent", "hours"),
    ("need_24_7", "Needs 24/7 reachability", "yes/no"),
)
assert [f for f, _, _ in INPUTS] == list(FORECAST_FIELDS)
CURRENT_INPUTS: tuple[tuple[str, str, str], ...] = (
    ("current_phone", "Current phone plan", "plan"),
    ("current_chat", "Current chat plan", "plan"),
)
RESULT_COLUMNS = ("phone_plan", "chat_plan", "total", "current_total", "saving", "error")


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


def read_usage(book: Any) -> Usage:
    return Usage(**{f: _cell(book.names[input_name(f)].refers_to_range.value, f) for f in FORECAST_FIELDS})


def read_current(plans: tuple[Any, Any], usage: Usage, tariff: Any = None) -> Quote | str | None:
    """The quote of the customer's current plans (phone, chat), the reason there is none, or None
    when both are blank."""
    if all(p is None or (isinstance(p, str) and not p.strip()) for p in plans):
        return None
    try:
        return quote(usage, phone=plans[0], chat=plans[1], tariff=tariff)
    except AnswerPlanError as exc:
        return str(exc)


def recommendation_rows(r: Recommendation, current: Quote | str | None = None) -> list[list[Any]]:
    """What the Recommendation sheet shows: the choice, the current plans and the saving, the
    itemised quote, the alternatives."""
    rows: list[list[Any]] = [
        ["Recommendation", "", "", "", "", "", "", ""],
        ["Phone plan", r.phone or "none"],
        ["Chat plan", r.chat or "none"],
        ["Total per month (EUR)", float(r.total)],
    ]
    if isinstance(current, Quote):
        rows += [["Current plans", f"phone {current.phone or 'none'}, chat {current.chat or 'none'}"],
                 ["Current total (EUR)", float(current.total)],
                 ["Saving per month (EUR)", float(current.total - r.total)]]
    elif isinstance(current, str):
        rows.append(["Current plans", current])
    rows.append([])
    for row in r.quote.rows():
        rows.append([float(v) if hasattr(v, "as_tuple") else v for v in row])
    if r.alternatives:
        rows += [[], ["Next best", "", "", ""], ["phone plan", "chat plan", "total", "difference"]]
        rows += [[a.phone or "none", a.chat or "none", float(a.total), float(a.difference)]
                 for a in r.alternatives]
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


def customer_frame(table: list[list[Any]]) -> pd.DataFrame:
    """The Customers table (header row first) as recommend_many wants it: blank usage cells 0."""
    header = [str(h).strip() if h is not None else "" for h in table[0]]
    frame = pd.DataFrame(table[1:], columns=header)
    frame = frame[[c for c in header if c and c not in RESULT_COLUMNS]]
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
    for values in zip(*(out[c] for c in cols)):
        rows.append(["" if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values])
    return rows


def run(book: Any) -> None:
    """The button: recommend for the Calculator's inputs, and for every row of Customers."""
    sheet = book.sheets["Recommendation"]
    sheet["A1:H60"].clear_contents()
    try:
        usage = read_usage(book)
        plans = tuple(book.names[input_name(f)].refers_to_range.value for f, _, _ in CURRENT_INPUTS)
        sheet["A1"].value = recommendation_rows(recommend(usage), read_current(plans, usage))
    except AnswerPlanError as exc:
        sheet["A1"].value = [["Could not recommend", str(exc)]]
    customers = book.sheets["Customers"]
    table = customers["A1"].expand().value
    if not table or len(table) < 2:
        return
    header = [str(h).strip() if h is not None else "" for h in table[0]]
    width = next((i for i, h in enumerate(header) if h in RESULT_COLUMNS), len(header))
    frame = customer_frame([row[:width] for row in table])
    out = recommend_many(frame)
    customers[0, width].value = customer_result_rows(out)


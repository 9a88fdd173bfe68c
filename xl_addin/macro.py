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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from optimizer import AnswerPlanError, Quote, Recommendation, Usage, quote, recommend, recommend_many, schedule
from optimizer.ground.usage import FLAG_FIELDS, FORECAST_FIELDS
from optimizer.ground.words import MONTH_NAMES, column, columns_of, line_what, message, section, unit, word
from optimizer.pricing.tariff import Tariff, load_tariff, tariff_from_text
from optimizer.reading.cells import is_blank, number_text, yes_no
from optimizer.reading.fields import BULK_SPEC
from optimizer.reading.frames import read_rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FORMATS",
    "INPUTS",
    "LABELS",
    "RESULT_COLUMNS",
    "YEAR_FIELDS",
    "Block",
    "customer_frame",
    "customer_result_rows",
    "input_name",
    "read_usage",
    "recommendation_block",
    "recommendation_rows",
    "run",
    "year_block",
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


# the number formats of the sheets' amounts: euros (a sign, thousands, two decimals), a rate, a count
FORMATS = {"eur": '"€ "#,##0.00;"€ -"#,##0.00', "pct": "0.0%", "int": "#,##0", "num": "#,##0.##"}


@dataclass
class Block:
    """Rows for a sheet (from its anchor cell) and how each cell is shown: `formats` (row, column)
    -> a key of FORMATS, set by the builder and by the button alike; `styles` (row, column) ->
    'title' / 'head' / 'bold', set by the builder."""

    rows: list[list[Any]] = field(default_factory=list)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    styles: dict[tuple[int, int], str] = field(default_factory=dict)

    def add(self, values: list[Any], formats: dict[int, str] | None = None, style: str | None = None) -> None:
        r = len(self.rows)
        self.rows.append(values)
        for c, kind in (formats or {}).items():
            self.formats[(r, c)] = kind
        if style:
            for c, v in enumerate(values):
                if v not in ("", None):
                    self.styles[(r, c)] = style

    def padded(self) -> list[list[Any]]:
        width = max((len(r) for r in self.rows), default=0)
        return [r + [""] * (width - len(r)) for r in self.rows]

    def runs(self) -> list[tuple[int, int, int, str]]:
        """(column, first row, last row, format): the formatted cells as vertical runs."""
        out: list[tuple[int, int, int, str]] = []
        for (r, c), kind in sorted(self.formats.items(), key=lambda x: (x[0][1], x[0][0])):
            if out and out[-1][0] == c and out[-1][2] == r - 1 and out[-1][3] == kind:
                out[-1] = (c, out[-1][1], r, kind)
            else:
                out.append((c, r, r, kind))
        return out


def _money(v: Any) -> float:
    return float(v)


def _quote_block(b: Block, q: Quote, lang: str) -> None:
    """The itemised quote: group, what, quantity, unit, price, per, amount; the discount's rate as a
    percentage; the total."""
    w = LABELS[lang]
    b.add([w["group"], w["what"], w["quantity"], w["unit"], w["unit price"], w["per"], w["amount"]], style="head")
    for c in (2, 4, 6):  # the numbers' headings over the numbers
        b.styles[(len(b.rows) - 1, c)] = "head right"
    shown = ""
    for ln in q.lines:
        group = word("group:" + ln.group, lang) if ln.group != shown else ""
        shown = ln.group
        if ln.group == "discount":  # 12.5% of the fees: the base in euros, the rate as a rate
            b.add([group, line_what(ln, lang), _money(ln.quantity), "", float(ln.unit_price), "", _money(ln.amount)],
                  {2: "eur", 4: "pct", 6: "eur"})
            continue
        qty = ln.quantity
        number = int(qty) if qty == int(qty) else float(qty)
        b.add([group, line_what(ln, lang), number, unit(ln.unit, lang), float(ln.unit_price), unit(ln.per, lang),
               _money(ln.amount)], {2: "int" if isinstance(number, int) else "num", 4: "eur", 6: "eur"})
    b.add(["", w["Total per month"], "", "", "", "", _money(q.total)], {6: "eur"}, style="bold")


def recommendation_block(r: Recommendation, current: Quote | str | None = None, lang: str = "en") -> Block:
    """What the Recommendation sheet shows: the choice, the current plans and the saving (per month
    and per year), the itemised quote, the next best combinations."""
    w = LABELS[lang]
    b = Block()
    b.add([w["Recommendation"]], style="title")
    b.add([w["Phone plan"], r.phone or w["none"]])
    b.add([w["Chat plan"], r.chat or w["none"]])
    b.add([w["Total per month"], _money(r.total)], {1: "eur"}, style="bold")
    b.styles[(len(b.rows) - 1, 1)] = "bold left"
    if isinstance(current, Quote):
        plans = f"{w['phone']} {current.phone or w['none']}, {w['chat']} {current.chat or w['none']}"
        saving = current.total - r.total
        b.add([w["Current plans"], plans])
        b.add([w["Current total per month"], _money(current.total)], {1: "eur"}, style="left")
        b.add([w["Saving per month"], _money(saving)], {1: "eur"}, style="bold")
        b.styles[(len(b.rows) - 1, 1)] = "bold left"
        b.add([w["Saving per year"], _money(saving * 12)], {1: "eur"}, style="left")
    elif isinstance(current, str):
        b.add([w["Current plans"], message(current, lang)])
    b.add([])
    _quote_block(b, r.quote, lang)
    if r.alternatives:
        b.add([])
        b.add([w["Next best"]], style="bold")
        b.add([w["Phone plan"], w["Chat plan"], w["Total per month"], w["difference"]], style="head")
        b.styles[(len(b.rows) - 1, 2)] = b.styles[(len(b.rows) - 1, 3)] = "head right"
        for a in r.alternatives:
            b.add([a.phone or w["none"], a.chat or w["none"], _money(a.total), _money(a.difference)],
                  {2: "eur", 3: "eur"})
    return b


def recommendation_rows(r: Recommendation, current: Quote | str | None = None, lang: str = "en") -> list[list[Any]]:
    """The Recommendation sheet's values (recommendation_block's rows, padded)."""
    return recommendation_block(r, current, lang).padded()


def customer_frame(table: list[list[Any]]) -> tuple[pd.DataFrame, dict[int, str], list[int]]:
    """The Customers table (header row first, English or Dutch names, read as a bulk file is) as
    recommend_many wants it; the rows whose cells cannot be read (why); the rows that are not blank."""
    read, keep = read_rows(table, BULK_SPEC, source="Customers")
    frame = read.fields
    for name in ("current_phone", "current_chat"):
        if name in frame.columns:
            frame[name] = frame[name].where(frame[name].notna(), "")
    return frame, read.errors, keep


MONEY_RESULTS = ("total", "current_total", "saving")


def customer_result_rows(out: pd.DataFrame, errors: dict[int, str] | None = None,
                         keep: list[int] | None = None, lang: str = "en") -> list[list[Any]]:
    """Header (in the workbook's language, as bulk names a Dutch file's) and one row per customer
    of the result columns, for beside the table (a row whose cells could not be read: its error; a
    blank row: blank)."""
    cols = [c for c in RESULT_COLUMNS if c in out.columns]
    rows: list[list[Any]] = [[column(c, lang) for c in cols]]
    kept = set(range(len(out))) if keep is None else set(keep)
    for i, values in enumerate(zip(*(out[c] for c in cols), strict=True)):
        if i not in kept:
            rows.append([""] * len(cols))
        elif errors and i in errors:
            rows.append(["" if c != "error" else message(errors[i], lang) for c in cols])
        else:
            rows.append(["" if v is None or (isinstance(v, float) and math.isnan(v)) else
                         message(v, lang) if c == "error" else v for c, v in zip(cols, values, strict=True)])
    return rows


def customer_block(out: pd.DataFrame, errors: dict[int, str] | None = None, keep: list[int] | None = None,
                   lang: str = "en") -> Block:
    """customer_result_rows with their formats: the amounts in euros."""
    rows = customer_result_rows(out, errors, keep, lang)
    b = Block()
    b.add(rows[0], style="head")
    money = [j for j, c in enumerate(c for c in RESULT_COLUMNS if c in out.columns) if c in MONEY_RESULTS]
    for row in rows[1:]:
        b.add(row, {j: "eur" for j in money if isinstance(row[j], float)})
    return b


def _column(value: Any) -> list[Any]:
    """A one-column range's value as a list (xlwings gives a list, a stand-in may give rows)."""
    if not isinstance(value, list):
        return [value]
    return [v[0] if isinstance(v, list) else v for v in value]


def year_block(months: list[Usage], lang: str = "en", tariff: Tariff | None = None) -> Block:
    """What the Year sheet shows beside its months: the cheapest plan per month (by month name for
    twelve), the total and the changes, the best single plan for the year and the saving."""
    w = LABELS[lang]
    s = schedule(months, tariff=tariff)
    names = MONTH_NAMES[lang]
    b = Block()
    b.add([w["Schedule"]], style="bold")
    b.add([w["month"], w["phone"], w["chat"], w["total"]], style="head")
    for i, m in enumerate(s.months):
        b.add([names[i] if len(s.months) == 12 else i + 1, m.phone or w["none"], m.chat or w["none"],
               _money(m.total)], {3: "eur"})
    b.add([w["Total"], "", "", _money(s.total)], {3: "eur"}, style="bold")
    b.add([w["changes"], "", "", s.changes])
    if s.fixed is not None and s.saving is not None:
        b.add([w["Best single plan for the year"], s.fixed.phone or w["none"], s.fixed.chat or w["none"],
               _money(s.fixed.total)], {3: "eur"})
        b.add([w["Saving"], "", "", _money(s.saving)], {3: "eur"}, style="bold")
    return b


def year_rows(months: list[Usage], lang: str = "en", tariff: Tariff | None = None) -> list[list[Any]]:
    """The Year sheet's values (year_block's rows)."""
    return year_block(months, lang, tariff).padded()


def read_year(book: Any) -> list[Usage]:
    columns = {f: _column(_name(book, f"in_year_{f}").value) for f in YEAR_FIELDS}
    n = max(len(c) for c in columns.values())
    return [Usage(**{f: _cell(columns[f][i] if i < len(columns[f]) else None, f) for f in YEAR_FIELDS})
            for i in range(n)]


def _show(anchor: Any, block: Block) -> None:
    """Write a block from its anchor cell, then its number formats (a handful of ranges; a
    workbook without formats, or a stand-in, keeps what it has)."""
    anchor.value = block.padded() if block.rows else [[""]]
    sheet = anchor.sheet
    for col, first, last, kind in block.runs():
        top = _address(anchor.row + first, anchor.column + col)
        bottom = _address(anchor.row + last, anchor.column + col)
        try:
            sheet[f"{top}:{bottom}" if top != bottom else top].number_format = FORMATS[kind]
        except (AttributeError, NotImplementedError, TypeError):  # pragma: no cover - a book without formats
            return


def run(book: Any) -> None:
    """The button: recommend for the Calculator's inputs, schedule the Year's months, and
    recommend for every row of Customers."""
    lang = _lang(book)
    w = LABELS[lang]
    t = book_tariff(book)
    anchor = _name(book, "out_recommendation")
    sheet = anchor.sheet
    sheet["A1:H60"].clear_contents()
    try:
        usage = read_usage(book)
        plans = tuple(_name(book, input_name(f)).value for f, _, _ in CURRENT_INPUTS)
        _show(sheet["A1"], recommendation_block(recommend(usage, tariff=t), read_current(plans, usage, t), lang))
    except AnswerPlanError as exc:
        sheet["A1"].value = [[w["Could not recommend"], message(str(exc), lang)]]
    if "out_year" in _names(book):
        anchor = _name(book, "out_year")
        anchor.sheet[_block(anchor, 20, 4)].clear_contents()
        try:
            _show(anchor, year_block(read_year(book), lang, t))
        except AnswerPlanError as exc:
            anchor.value = [[w["Could not schedule"], message(str(exc), lang)]]
    customers = _name(book, "in_customers")
    table = customers.expand().value
    if not table or len(table) < 2:
        return
    header = [str(h).strip() if h is not None else "" for h in table[0]]
    ours = columns_of(RESULT_COLUMNS)  # the results of an earlier press, English or Dutch
    width = next((i for i, h in enumerate(header) if h in ours), len(header))
    target = customers.sheet[customers.row - 1, customers.column - 1 + width]
    try:
        frame, errors, keep = customer_frame([row[:width] for row in table])
    except AnswerPlanError as exc:
        target.value = [[column("error", lang)], [message(str(exc), lang)]]
        return
    _show(target, customer_block(recommend_many(frame, tariff=t), errors, keep, lang))


def _names(book: Any) -> set[str]:
    try:
        return {n.name if hasattr(n, "name") else str(n) for n in book.names}
    except TypeError:
        return set(book.names)


def _block(anchor: Any, rows: int, cols: int) -> str:
    """'H4:K23': the block of rows x cols from the anchor cell."""
    return f"{_letters(anchor.column)}{anchor.row}:{_letters(anchor.column + cols - 1)}{anchor.row + rows - 1}"


def _letters(i: int) -> str:
    """Column letters of a 1-based column number: 1 -> A, 27 -> AA."""
    out = ""
    while i:
        i, rem = divmod(i - 1, 26)
        out = chr(65 + rem) + out
    return out


def _address(row: int, col: int) -> str:
    return f"{_letters(col)}{row}"

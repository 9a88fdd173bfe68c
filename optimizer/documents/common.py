"""What invoices and letters share: the addressee, safe file names, dates, numbers, invoice lines."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from optimizer.ground.errors import FileError
from optimizer.ground.money import format_amount
from optimizer.ground.months import Month
from optimizer.ground.words import line_what, message, word
from optimizer.pricing import Line
from optimizer.reading.fields import ALIASES
from optimizer.reading.frames import id_column
from optimizer.reading.headers import normalise

from .pdf import Column, Sheet

__all__ = ["Party", "Skipped", "code", "file_names", "line_columns", "long_date", "money", "number_text", "parties",
           "period_text", "safe_name", "write_lines"]

TIME_UNITS = ("s", "min", "h")
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_STEM = 80


@dataclass(frozen=True)
class Party:
    """Whom a document is for: the customer as identified in the files, a name and an address
    (from optional columns; the customer id stands in for a missing name)."""

    customer: str
    name: str = ""
    address: tuple[str, ...] = ()

    @property
    def block(self) -> list[str]:
        return [self.name or self.customer, *self.address]


def address_lines(text: Any) -> tuple[str, ...]:
    """An address cell as lines: split at line breaks, or (one line) at commas."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ()
    s = str(text).strip()
    parts = s.splitlines() if "\n" in s else s.split(",")
    return tuple(" ".join(p.split()) for p in parts if p.strip())


def _column(frame: pd.DataFrame, field: str) -> str | None:
    names = {normalise(n) for n in (field, *ALIASES.get(field, ()))}
    return next((c for c in frame.columns if normalise(c) in names), None)


def parties(frame: pd.DataFrame) -> list[Party]:
    """The addressee of every row: `customer` (or klant, klantnummer, ...), `name` (naam,
    bedrijfsnaam), `address` (adres, factuuradres), each optional; no customer column: 'row N'."""
    n = len(frame)
    cols = {f: _column(frame, f) for f in ("customer", "name", "address")}
    ids = (id_column(frame[cols["customer"]]).tolist() if cols["customer"] is not None
           else [f"row {k + 1}" for k in range(n)])
    names = (["" if _blank(v) else " ".join(str(v).split()) for v in frame[cols["name"]].tolist()]
             if cols["name"] is not None else [""] * n)
    addresses = (frame[cols["address"]].map(address_lines).tolist() if cols["address"] is not None else [()] * n)
    return [Party(str(c) or f"row {k + 1}", nm, ad) for k, (c, nm, ad) in enumerate(zip(ids, names, addresses))]


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or not str(v).strip()


@dataclass(frozen=True)
class Skipped:
    """A row that gets no document, and why."""

    customer: str
    reason: str
    month: str = ""
    row: int | None = None  # the row of the table (1 = the first row under the header), where there is one

    def text(self, lang: str = "en") -> str:
        where = f"{word('row', lang)} {self.row}, " if self.row is not None else ""
        return f"{where}{self.customer}{' ' + self.month if self.month else ''}: {message(self.reason, lang)}"


# ----------------------------------------------------------------------------- file names

def code(text: str, n: int) -> str:
    """n characters (Crockford's base 32: no I, L, O, U) of the SHA-256 of text: stable across runs."""
    value = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") >> (64 - 5 * n)
    return "".join(_CROCKFORD[(value >> (5 * (n - 1 - k))) & 31] for k in range(n))


def safe_name(text: str) -> str:
    """A customer as part of a file name on any system: letters, digits, '-', '_' and '.' kept
    (accents too), every other run of characters one '_'; no leading dot, no device name of
    Windows (CON, NUL, ...), at most 80 characters."""
    s = unicodedata.normalize("NFC", str(text))
    s = re.sub(r"[^\w.\-]+", "_", s, flags=re.UNICODE).strip("._-")
    s = s[:MAX_STEM].rstrip("._-")
    if not s:
        return "customer"
    if s.split(".")[0].lower() in _RESERVED:
        s = "_" + s
    return s


def file_names(keys: Iterable[str]) -> dict[str, str]:
    """A file stem per key, distinct even where file systems ignore case: keys whose safe names
    would meet (`A/B` and `A_B`, `Smit` and `smit`) each get a stable code of the key itself."""
    keys = list(dict.fromkeys(keys))
    stems = {k: safe_name(k) for k in keys}
    meets: dict[str, list[str]] = {}
    for k, s in stems.items():
        meets.setdefault(s.casefold(), []).append(k)
    for group in meets.values():
        if len(group) > 1:
            for k in group:
                stems[k] = f"{stems[k][:MAX_STEM - 9]}~{code(k, 8)}"
    seen: dict[str, str] = {}
    for k, s in stems.items():
        other = seen.setdefault(s.casefold(), k)
        if other != k:  # a key that is literally another's disambiguated name
            raise FileError(f"customers {other!r} and {k!r} would get the same file name {s!r}; rename one")
    return stems


# ----------------------------------------------------------------------------- text

def money(amount: Decimal, lang: str) -> str:
    return format_amount(amount, lang)


def long_date(d: date, lang: str) -> str:
    """'1 February 2026', '1 februari 2026'."""
    return f"{d.day} {word('document:months', lang).split()[d.month - 1]} {d.year}"


def period_text(month: Month, lang: str) -> str:
    """The days of a month: '1-31 January 2026' (with an en dash)."""
    return f"1\u2013{_days(month)} {word('document:months', lang).split()[month.month - 1]} {month.year}"


def _days(month: Month) -> int:
    nxt = month + 1
    return (date(nxt.year, nxt.month, 1) - date(month.year, month.month, 1)).days


def number_text(value: Any, lang: str, places: int = 3) -> str:
    """A quantity: whole numbers grouped (3,588 / 3.588), decimals kept up to `places`."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    d = value if isinstance(value, Decimal) else Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    d = d.quantize(Decimal(1).scaleb(-places)).normalize() if d != d.to_integral_value() else d.to_integral_value()
    text = f"{d:,f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".") if lang == "nl" else text


# ----------------------------------------------------------------------------- invoice lines

def line_columns(lang: str) -> list[Column]:
    from .pdf import LEFT, RIGHT

    return [Column(word("document:Description", lang), LEFT + 6, wrap=255),
            Column(word("document:Quantity", lang), 378, "right"),
            Column(word("document:Unit price", lang), 462, "right"),
            Column(word("document:Amount", lang), RIGHT - 6, "right")]


def line_cells(ln: Line, lang: str) -> list[str]:
    """Description, quantity, unit price, amount of one line, as printed. A quantity shows its unit
    when it is a time (3,588 s); a price shows what it is per when that differs from the quantity's
    unit (1.64 /min); the discount shows only its amount (its text says the rate and the base)."""
    what = line_what(ln, lang)
    amount = format_amount(ln.amount, lang)
    if ln.group == "discount":
        return [what, "", "", amount]
    unit = word(f"document:unit:{ln.unit}", lang) if ln.unit in TIME_UNITS else ""
    qty = number_text(ln.quantity, lang) + (f" {unit}" if unit else "")
    price = format_amount(ln.unit_price, lang, exact=True)
    if ln.per and ln.per != ln.unit:
        price += f" /{word(f'document:unit:{ln.per}', lang)}"
    return [what, qty, price, amount]


def write_lines(sheet: Sheet, lines: Sequence[Line], lang: str) -> None:
    """The itemised lines, a heading per group (Phone, Chat, Discount, Options), amounts aligned."""
    columns = line_columns(lang)

    def header() -> None:
        sheet.table_header(columns)

    header()
    sheet.on_new_page = header
    group = None
    for ln in lines:
        if ln.group != group:
            group = ln.group
            sheet.space(34)
            if group != "discount":
                sheet.y -= 2
                sheet.row(columns[:1], [word(f"group:{group}", lang)], 8.5, bold=True, color=(0.12, 0.31, 0.47))
        sheet.row(columns, line_cells(ln, lang), 8.5, line_below=True)
    sheet.on_new_page = None

"""One reader for a cell, whichever way in it came (a file, a command-line flag, a DataFrame, an
Excel range): yes/no, months, numbers written as text, Excel's error values. A cell that is none of
what its field wants is an error with its value, never a silent no, 0 or blank.

The vectorised readers of files (optimizer.files.cells) read whole columns with the same words and
the same patterns, and are held equal to these by tests.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from optimizer.ground.errors import AnswerPlanError, UsageError
from optimizer.ground.months import FIRST_YEAR, LAST_YEAR, Month
from optimizer.ground.usage import FLAG_WORDS, NO_WORDS, WANT_FLAG, YES_WORDS

__all__ = [
    "EXCEL_ERRORS",
    "FLAG_WORDS",
    "MONTH_NAMES",
    "NO_WORDS",
    "WANT_MONTH",
    "WANT_YES_NO",
    "YES_WORDS",
    "CellError",
    "excel_error",
    "is_blank",
    "month",
    "number_text",
    "numbers_in",
    "yes_no",
    "yes_no_or_value",
]

WANT_YES_NO = WANT_FLAG
EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!",
                          "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#DATA!",
                          "#N/B", "#WAARDE!", "#VERW!", "#DEEL/0!", "#GETAL!", "#NAAM?", "#LEEG!", "#OVERLOOP!"})


class CellError(str):
    """An Excel error value (#N/A, #VALUE!, ...) read from a cell: shown as it is in messages."""

    def __repr__(self) -> str:
        return str(self)


def excel_error(value: object) -> CellError | None:
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        return CellError(value.strip().upper())
    return None


def is_blank(value: object) -> bool:
    """None, NaN, or text of nothing but spaces."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def yes_no_or_value(value: Any) -> Any:
    """A yes/no cell as a bool; any other value returned as it is, for the caller's message."""
    if isinstance(value, bool):
        return value
    if getattr(getattr(value, "dtype", None), "kind", None) == "b":  # numpy's bool scalar
        return bool(value)
    if is_blank(value):
        return False
    if isinstance(value, str):
        word = value.strip().lower()
        if word in FLAG_WORDS:
            return FLAG_WORDS[word]
        return excel_error(value) or value
    if isinstance(value, (int, float, Decimal)) and value in (0, 1):
        return bool(value)
    return value


def yes_no(value: Any, field: str) -> bool:
    """A yes/no cell (the words of FLAG_WORDS in any case, TRUE/FALSE, 1/0; blank = no), or a
    UsageError naming the field and the value."""
    read = yes_no_or_value(value)
    if isinstance(read, bool):
        return read
    raise UsageError(field, read, WANT_YES_NO)


# ----------------------------------------------------------------------------- numbers written as text

_PLAIN = re.compile(r"^\s*\+?([0-9]+)(?:([.,])([0-9]+))?\s*$")
_POINT = re.compile(r"^\s*\+?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?\s*$|^\s*\+?[0-9]+\.[0-9]+\s*$")
_COMMA = re.compile(r"^\s*\+?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?\s*$|^\s*\+?[0-9]+,[0-9]+\s*$")
MAX_TEXT_DIGITS = 40


def number_text(value: Any, field: str) -> Any:
    """A number written as text outside a file (an Excel cell of text, a DataFrame of strings): as
    a Decimal when it can be read one way only (120, 1.5, 1,5, 1.234,5, 1,234.5); '1.000' (a
    thousand, or one?) is an error naming both readings. Anything that is not text is returned as
    it is; text that is no number too, for Usage's message."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return 0
    if len(text) > MAX_TEXT_DIGITS + 3:
        return value
    m = _PLAIN.match(text)
    if m and (m.group(2) is None or len(m.group(3)) != 3 or m.group(1).startswith("0") or len(m.group(1)) > 3):
        plain = m.group(1) + ("." + m.group(3) if m.group(2) else "")
    elif m:  # one mark and three digits after it: 1.000 / 1,000
        raise UsageError(field, value, "a number that reads one way only: it could be a thousand or one with "
                                       "three decimals; write it without a thousands separator")
    elif _POINT.match(text):
        plain = text.replace(",", "").lstrip("+")
    elif _COMMA.match(text):
        plain = text.replace(".", "").replace(",", ".").lstrip("+")
    else:
        return value
    try:
        return Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the patterns admit only numbers
        return value


# ----------------------------------------------------------------------------- months (rule 31)

MONTH_NAMES: dict[str, int] = {}
for _i, _names in enumerate((
        ("januari", "jan", "january"), ("februari", "feb", "february"), ("maart", "mrt", "mar", "march", "maa"),
        ("april", "apr"), ("mei", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"),
        ("augustus", "aug", "august"), ("september", "sep", "sept"), ("oktober", "okt", "october", "oct"),
        ("november", "nov"), ("december", "dec")), start=1):
    for _n in _names:
        MONTH_NAMES[_n] = _i
WANT_MONTH = "a month (2026-03, 2026-3, 03-2026, maart 2026, mrt 2026, March 2026, or a date)"
_YM = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
_MY = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_NAMED = re.compile(r"^([a-z]+)\.?\s*[-/ ]?\s*(\d{4})$")


def numbers_in(values: Any, field: str, errors: dict[int, str]) -> Any:
    """A column of number cells (a list or an object array) read in place: text as numbers
    (`number_text`), an Excel error value or unreadable text as that row's error (the first one a
    row gets); numbers as they are. The one reading of the API's frames and Excel's ranges."""
    for k, v in enumerate(list(values)):
        if isinstance(v, str):
            err = excel_error(v)
            if err is not None:
                errors.setdefault(k, f"{field}: {err}")
                continue
            try:
                values[k] = number_text(v, field)
            except AnswerPlanError as exc:
                errors.setdefault(k, str(exc))
    return values


def month(value: Any, field: str = "month") -> Month:
    """A month as users write it: 2026-03, 2026-3, 2026/03, 03-2026, 3/2026, maart 2026, mrt 2026,
    March 2026, Mar-2026, a date (2026-03-15, an Excel date). Anything else (2026-13, a bare 2026,
    a blank) is a UsageError naming the field and the value."""
    if isinstance(value, Month):
        return value
    if isinstance(value, (datetime, date)):
        return _checked(value.year, value.month, field, value)
    if hasattr(value, "year") and hasattr(value, "month") and not isinstance(value, str):  # pandas Timestamp, Period
        return _checked(int(value.year), int(value.month), field, value)
    if not isinstance(value, str):
        raise UsageError(field, value, WANT_MONTH)
    text = value.strip().lower()
    for pattern, order in ((_YM, "ym"), (_MY, "my"), (_DATE, "ymd"), (_NAMED, "name")):
        m = pattern.match(text)
        if not m:
            continue
        if order == "name":
            number = MONTH_NAMES.get(m.group(1))
            if number is None:
                break
            return _checked(int(m.group(2)), number, field, value)
        if order == "my":
            return _checked(int(m.group(2)), int(m.group(1)), field, value)
        if order == "ymd":
            try:
                date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
        return _checked(int(m.group(1)), int(m.group(2)), field, value)
    raise UsageError(field, value, WANT_MONTH)


def _checked(year: int, number: int, field: str, value: Any) -> Month:
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= number <= 12):
        raise UsageError(field, value, WANT_MONTH)
    return Month(year, number)

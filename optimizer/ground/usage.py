"""Usage: a customer's monthly forecast (or counted month), validated on construction (rule 22).

Counts are whole numbers, durations, minutes and hours exact numbers, options yes/no, every one
within a documented limit (LIMITS), so no input of any size can make pricing hang or overflow.
A month's line may be given by an average (call_seconds: every call that long) or by the month's
exact total (billable_call_seconds: the seconds beyond the free ones, summed per call; rule 26),
never both.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from optimizer.ground.errors import UsageError
from optimizer.ground.money import Exact

__all__ = [
    "AMOUNT_FIELDS",
    "AVERAGE_OR_TOTAL",
    "COUNT_FIELDS",
    "FLAG_FIELDS",
    "FLAG_WORDS",
    "FORECAST_FIELDS",
    "LIMITS",
    "NO_WORDS",
    "TOTAL_FIELDS",
    "USAGE_FIELDS",
    "WANT_FLAG",
    "YES_WORDS",
    "Usage",
    "check_amount",
    "check_count",
    "check_flag",
    "limit_want",
]

COUNT_FIELDS = ("calls", "chats", "forwards", "outbound_calls", "email_reports", "sms_reports")
AMOUNT_FIELDS = ("call_seconds", "aht", "forward_seconds", "outbound_seconds", "foreign_minutes",
                 "training_hours", "assistant_hours",
                 "billable_call_seconds", "total_forward_seconds", "total_outbound_seconds", "foreign_seconds")
FLAG_FIELDS = ("voice_response", "month_spec", "need_24_7")
# rule 26: one line, given as an average (or minutes) or as the month's total, not both
AVERAGE_OR_TOTAL = (("call_seconds", "billable_call_seconds"), ("forward_seconds", "total_forward_seconds"),
                    ("outbound_seconds", "total_outbound_seconds"), ("foreign_minutes", "foreign_seconds"))

# Limits: far beyond any real month, low enough that every monthly total stays below 10^13 euros,
# so totals in euros are exact to the cent even as float64 (below 2^53 cents).
COUNT_LIMIT = 10**8  # contacts in a month
SECONDS_LIMIT = 10**6  # one contact's duration (11.6 days)
TOTAL_LIMIT = 10**12  # a month's total seconds
LIMITS: dict[str, int] = {
    **{f: COUNT_LIMIT for f in COUNT_FIELDS},
    **{f: SECONDS_LIMIT for f in ("call_seconds", "aht", "forward_seconds", "outbound_seconds")},
    **{f: TOTAL_LIMIT for f in ("billable_call_seconds", "total_forward_seconds", "total_outbound_seconds",
                                "foreign_seconds")},
    "foreign_minutes": 10**8,
    "training_hours": 10**6,
    "assistant_hours": 10**6,
}
_ZERO = Decimal(0)
MAX_DIGITS = 40  # significant digits of a decimal amount
MAX_PLACES = 350  # decimal places of a decimal amount (every float's shortest form fits: 5e-324)
MAX_DENOMINATOR = 10**12  # of an amount given as a Fraction

WANT_COUNT = "a whole number >= 0"
WANT_AMOUNT = "a finite number >= 0"
# the yes/no words of every way in (lower case); blank is no, as an empty cell is
YES_WORDS = ("ja", "waar", "yes", "true", "j", "y", "1", "x")
NO_WORDS = ("nee", "onwaar", "no", "false", "n", "0", "")
FLAG_WORDS: dict[str, bool] = {**{w: True for w in YES_WORDS}, **{w: False for w in NO_WORDS}}
WANT_FLAG = "yes or no (ja/nee, waar/onwaar, yes/no, true/false, j/n, y/n, 1/0, x)"


def limit_want(field: str, name: str | None = None) -> str:
    """What a value beyond a field's limit should be; `name`: the field as the caller's input calls
    it (a contract's agreed_aht is held to aht's limit)."""
    return f"at most {LIMITS[field]:,} (the limit for {name or field})"


def _number(field: str, value: Any, want: str) -> Exact:
    """Any real number (not bool, not text) exactly: ints and decimals as Decimal, floats by their
    shortest repr (0.1 is the decimal 0.1), Fractions as Decimal when they have a decimal form."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, Decimal)):
        raise UsageError(field, value, want)
    if isinstance(value, numbers.Integral):
        number: Exact = Decimal(int(value))
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, Fraction):
        number = _from_fraction(field, value, want)
    else:
        f = float(value)
        if not math.isfinite(f):
            raise UsageError(field, value, want)
        try:
            number = Decimal(repr(f))
        except InvalidOperation:  # pragma: no cover - repr of a finite float is always valid
            raise UsageError(field, value, want) from None
    if isinstance(number, Decimal):
        if not number.is_finite():
            raise UsageError(field, value, want)
        if number < 0:
            raise UsageError(field, value, want)
        if number > LIMITS[field]:
            raise UsageError(field, value, limit_want(field))
        exponent = number.as_tuple().exponent
        assert isinstance(exponent, int)
        if number and (len(number.as_tuple().digits) > MAX_DIGITS or -exponent > MAX_PLACES):
            raise UsageError(field, value, f"a number of at most {MAX_DIGITS} digits and {MAX_PLACES} decimals")
    elif number < 0:
        raise UsageError(field, value, want)
    elif number > LIMITS[field]:
        raise UsageError(field, value, limit_want(field))
    return number


def _from_fraction(field: str, value: Fraction, want: str) -> Exact:
    den = value.denominator
    if den > MAX_DENOMINATOR:
        raise UsageError(field, value, f"a fraction with a denominator of at most {MAX_DENOMINATOR:,}")
    while den % 2 == 0:
        den //= 2
    while den % 5 == 0:
        den //= 5
    if den == 1:  # a finite decimal: hold it as one
        return Decimal(value.numerator) / Decimal(value.denominator)
    return value


def check_count(field: str, value: Any) -> int:
    """A count: a whole number >= 0; an integral float such as 120.0 (Excel's way) is accepted."""
    if type(value) is int and 0 <= value <= COUNT_LIMIT:  # the common cases, fast
        return value
    if type(value) is float and value.is_integer() and 0 <= value <= COUNT_LIMIT:  # 120.0, as Excel sends
        return int(value)
    number = _number(field, value, WANT_COUNT)
    if number != int(number):
        raise UsageError(field, value, WANT_COUNT)
    return int(number)


def check_amount(field: str, value: Any) -> Exact:
    """A duration, number of minutes or hours: a finite number >= 0, kept exact."""
    kind = type(value)
    if kind is Decimal and not value:  # the common cases first: the default, floats, ints
        return _ZERO
    if (kind is float or kind is int) and 0 <= value <= LIMITS[field]:  # (NaN fails the comparison)
        # a float's shortest form has at most 17 digits and 324 decimals: within MAX_DIGITS, MAX_PLACES
        return _ZERO if not value else Decimal(repr(value) if kind is float else value)
    number = _number(field, value, WANT_AMOUNT)
    return number + 0 if isinstance(number, Decimal) else number  # normalise -0 to 0


def check_flag(field: str, value: Any) -> bool:
    """A yes/no option: True/False, the numbers 1/0 (as Excel and CSV files send them), or a yes/no
    word of FLAG_WORDS in any case (ja, nee, WAAR, ...)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in FLAG_WORDS:
        return FLAG_WORDS[value.strip().lower()]
    if getattr(getattr(value, "dtype", None), "kind", None) == "b":  # numpy's bool scalar
        return bool(value)
    if isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, bool):
        if value == 1:
            return True
        if value == 0:
            return False
    raise UsageError(field, value, WANT_FLAG)


@dataclass(frozen=True, slots=True)
class Usage:
    """A monthly forecast. Counts are ints, durations/minutes/hours exact (Decimal, or Fraction
    where no decimal holds them), options bools.

    calls, call_seconds: answered calls and their average talk time (s).
    chats, aht: e-mails, chats and WhatsApp messages, and their agreed handling time (s).
    forwards, forward_seconds; outbound_calls, outbound_seconds: count and average talk time (s).
    foreign_minutes; voice_response; email_reports; sms_reports; month_spec;
    training_hours; assistant_hours (DIRECT Assistent); need_24_7.
    Totals instead of averages (rule 26): billable_call_seconds (beyond the free seconds, summed
    per call), total_forward_seconds, total_outbound_seconds, foreign_seconds.
    """

    calls: int = 0
    call_seconds: Exact = Decimal(0)
    chats: int = 0
    aht: Exact = Decimal(0)
    forwards: int = 0
    forward_seconds: Exact = Decimal(0)
    outbound_calls: int = 0
    outbound_seconds: Exact = Decimal(0)
    foreign_minutes: Exact = Decimal(0)
    voice_response: bool = False
    email_reports: int = 0
    sms_reports: int = 0
    month_spec: bool = False
    training_hours: Exact = Decimal(0)
    assistant_hours: Exact = Decimal(0)
    need_24_7: bool = False
    billable_call_seconds: Exact = Decimal(0)
    total_forward_seconds: Exact = Decimal(0)
    total_outbound_seconds: Exact = Decimal(0)
    foreign_seconds: Exact = Decimal(0)

    def __post_init__(self) -> None:
        for name in COUNT_FIELDS:
            object.__setattr__(self, name, check_count(name, getattr(self, name)))
        for name in AMOUNT_FIELDS:
            object.__setattr__(self, name, check_amount(name, getattr(self, name)))
        for name in FLAG_FIELDS:
            object.__setattr__(self, name, check_flag(name, getattr(self, name)))
        for average, total in AVERAGE_OR_TOTAL:
            if getattr(self, average) and getattr(self, total):
                raise UsageError(total, getattr(self, total),
                                 f"allowed together with {average} ({getattr(self, average)}): "
                                 "give the average or the month's total, not both")

    def replace(self, **changes: Any) -> Usage:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def nonzero(self) -> dict[str, Any]:
        """The fields that differ from their default, for a short display."""
        return {k: v for k, v in self.as_dict().items() if v}


USAGE_FIELDS = tuple(f.name for f in fields(Usage))
TOTAL_FIELDS = tuple(total for _, total in AVERAGE_OR_TOTAL)
FORECAST_FIELDS = tuple(f for f in USAGE_FIELDS if f not in TOTAL_FIELDS)  # a forecast by averages
assert set(USAGE_FIELDS) == set(COUNT_FIELDS + AMOUNT_FIELDS + FLAG_FIELDS) == set(LIMITS) | set(FLAG_FIELDS)

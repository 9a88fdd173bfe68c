"""Usage: a customer's monthly forecast, validated on construction (PRICING.md rule 22)."""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import UsageError

__all__ = [
    "AMOUNT_FIELDS",
    "COUNT_FIELDS",
    "FLAG_FIELDS",
    "USAGE_FIELDS",
    "Usage",
    "check_amount",
    "check_count",
    "check_flag",
]

COUNT_FIELDS = ("calls", "chats", "forwards", "outbound_calls", "email_reports", "sms_reports")
AMOUNT_FIELDS = ("call_seconds", "aht", "forward_seconds", "outbound_seconds",
                 "foreign_minutes", "training_hours", "assistant_hours")
FLAG_FIELDS = ("voice_response", "month_spec", "need_24_7")

WANT_COUNT = "a whole number >= 0"
WANT_AMOUNT = "a finite number >= 0"
WANT_FLAG = "a yes/no value (True/False or 1/0)"


def _number(field: str, value: Any, want: str) -> Decimal:
    """Any real number (not bool, not text) as an exact Decimal; floats by their shortest repr."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, Decimal)):
        raise UsageError(field, value, want)
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        number = value
    else:
        f = float(value)
        if not math.isfinite(f):
            raise UsageError(field, value, want)
        try:
            number = Decimal(repr(f))
        except InvalidOperation:  # pragma: no cover - repr of a finite float is always valid
            raise UsageError(field, value, want) from None
    if not number.is_finite():
        raise UsageError(field, value, want)
    return number


def check_count(field: str, value: Any) -> int:
    """A count: a whole number >= 0; an integral float such as 120.0 (Excel's way) is accepted."""
    number = _number(field, value, WANT_COUNT)
    if number < 0 or number != number.to_integral_value():
        raise UsageError(field, value, WANT_COUNT)
    return int(number)


def check_amount(field: str, value: Any) -> Decimal:
    """A duration, number of minutes or hours: a finite number >= 0, kept exact."""
    number = _number(field, value, WANT_AMOUNT)
    if number < 0:
        raise UsageError(field, value, WANT_AMOUNT)
    return number + 0  # normalise -0 to 0


def check_flag(field: str, value: Any) -> bool:
    """A yes/no option: True/False, or the numbers 1/0 (as Excel and CSV files send them)."""
    if isinstance(value, bool):
        return value
    if getattr(getattr(value, "dtype", None), "kind", None) == "b":  # numpy's bool scalar
        return bool(value)
    if isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, bool):
        if value == 1:
            return True
        if value == 0:
            return False
    raise UsageError(field, value, WANT_FLAG)


FLAG_WORDS = {"yes": True, "no": False, "true": True, "false": False, "ja": True, "nee": False,
              "y": True, "n": False, "j": True, "1": True, "0": False, "": False}


def flag_from_text(value: Any) -> Any:
    """A yes/no word from a spreadsheet or CSV cell (yes/no, true/false, ja/nee, 1/0; blank = no)
    as a bool; anything else is returned unchanged, for Usage to refuse with its message."""
    if isinstance(value, str) and value.strip().lower() in FLAG_WORDS:
        return FLAG_WORDS[value.strip().lower()]
    return value


@dataclass(frozen=True, slots=True)
class Usage:
    """A monthly forecast. Counts are ints, durations/minutes/hours exact Decimals, options bools.

    calls, call_seconds: answered calls and their average talk time (s).
    chats, aht: e-mails, chats and WhatsApp messages, and their agreed handling time (s).
    forwards, forward_seconds; outbound_calls, outbound_seconds: count and average talk time (s).
    foreign_minutes; voice_response; email_reports; sms_reports; month_spec;
    training_hours; assistant_hours (DIRECT Assistent); need_24_7.
    """

    calls: int = 0
    call_seconds: Decimal = Decimal(0)
    chats: int = 0
    aht: Decimal = Decimal(0)
    forwards: int = 0
    forward_seconds: Decimal = Decimal(0)
    outbound_calls: int = 0
    outbound_seconds: Decimal = Decimal(0)
    foreign_minutes: Decimal = Decimal(0)
    voice_response: bool = False
    email_reports: int = 0
    sms_reports: int = 0
    month_spec: bool = False
    training_hours: Decimal = Decimal(0)
    assistant_hours: Decimal = Decimal(0)
    need_24_7: bool = False

    def __post_init__(self) -> None:
        for name in COUNT_FIELDS:
            object.__setattr__(self, name, check_count(name, getattr(self, name)))
        for name in AMOUNT_FIELDS:
            object.__setattr__(self, name, check_amount(name, getattr(self, name)))
        for name in FLAG_FIELDS:
            object.__setattr__(self, name, check_flag(name, getattr(self, name)))

    def replace(self, **changes: Any) -> Usage:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def nonzero(self) -> dict[str, Any]:
        """The fields that differ from their default, for a short display."""
        return {k: v for k, v in self.as_dict().items() if v}


USAGE_FIELDS = tuple(f.name for f in fields(Usage))
assert set(USAGE_FIELDS) == set(COUNT_FIELDS + AMOUNT_FIELDS + FLAG_FIELDS)

"""The ANSWER_ functions, as Excel shows them (xlwings UDFs; Windows Excel, Import Functions).

Excel sends numbers as floats, blank cells as None and ranges as lists; a one-cell call gets a
value back, a column (or several) gets a column back, priced in one vectorised call. A bad
argument gives one line of text naming it, never a traceback and never a number.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd
import xlwings as xw

from optimizer import AnswerPlanError, Usage, recommend, recommend_many
from optimizer.curves import breakeven
from optimizer.plans import plan_costs, plan_quote
from optimizer.tables import plan_table
from optimizer.usage import flag_from_text

__all__ = ["ANSWER_BEST", "ANSWER_BREAKEVEN", "ANSWER_COST", "ANSWER_PLANS", "ANSWER_QUOTE"]

CATEGORY = "answer-plan"
PLAN_DOC = "Plan: BASIC, SMART, PLUS or PREMIUM (any case), or one per service as PHONE/CHAT, e.g. PREMIUM/BASIC"
CALLS_DOC = "Answered calls per month (whole number >= 0; blank = 0)"
CHATS_DOC = "E-mails, chats and WhatsApp messages per month (whole number >= 0; blank = 0)"
AHT_DOC = "Agreed average handling time per chat, seconds (blank = 0)"
SECONDS_DOC = "Optional: average talk time per call, seconds (blank = 0)"


class ArgumentError(AnswerPlanError):
    """An Excel argument of the wrong shape."""


def excel_safe(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Whatever goes wrong becomes one short line of text in the cell."""

    @functools.wraps(fn)
    def wrapper(*args: Any) -> Any:
        try:
            return fn(*[_unwrap(a) for a in args])
        except AnswerPlanError as exc:
            return str(exc).splitlines()[0]
        except Exception as exc:  # never a traceback in a cell
            text = str(exc).splitlines()[0] if str(exc) else ""
            return f"{fn.__name__}: {type(exc).__name__}" + (f": {text}" if text else "")

    return wrapper


def _unwrap(value: Any) -> Any:
    """What a caller may hand over for a range, as xlwings does: numpy arrays as lists, and a
    range of one cell as that cell's value."""
    if hasattr(value, "tolist") and hasattr(value, "ndim"):  # a numpy array (or scalar)
        value = value.tolist()
    while isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    return value


def _cells(value: Any) -> tuple[list[Any], bool]:
    """Excel's value (scalar, 1-D list, or list of rows) as a flat list; True if it was a range."""
    if isinstance(value, (list, tuple)):
        flat: list[Any] = []
        for item in value:
            flat.extend(item if isinstance(item, (list, tuple)) else [item])
        return flat, True
    return [value], False


def _columns(**args: Any) -> tuple[dict[str, list[Any]], int, bool]:
    """Broadcast the arguments to one length (a single cell repeats); say which disagrees."""
    cells = {name: _cells(v) for name, v in args.items()}
    n = max(len(c) for c, _ in cells.values())
    for name, (c, _) in cells.items():
        if len(c) not in (1, n):
            raise ArgumentError(f"{name}: {len(c)} cells, but another argument has {n}; "
                                "give ranges of one size or single cells")
    return ({name: c * n if len(c) == 1 else c for name, (c, _) in cells.items()}, n,
            any(is_range for _, is_range in cells.values()))


def _blank(value: Any) -> Any:
    return 0 if value is None or (isinstance(value, str) and not value.strip()) else value


def _excel(value: Any) -> Any:
    """Decimals as Excel numbers; everything else as it is."""
    return float(value) if isinstance(value, Decimal) else value


@functools.lru_cache(maxsize=4096)
def _cost(plan: Any, calls: Any, chats: Any, aht: Any, call_seconds: Any) -> float:
    usage = Usage(calls=_blank(calls), chats=_blank(chats), aht=_blank(aht), call_seconds=_blank(call_seconds))
    return float(plan_quote(plan, usage).total)


@xw.func(category=CATEGORY)
@xw.arg("plan", doc=PLAN_DOC + "; or a column of plans")
@xw.arg("calls", doc=CALLS_DOC + "; or a column")
@xw.arg("chats", doc=CHATS_DOC + "; or a column")
@xw.arg("aht", doc=AHT_DOC + "; or a column")
@xw.arg("call_seconds", doc=SECONDS_DOC + "; or a column")
@excel_safe
def ANSWER_COST(plan, calls, chats, aht, call_seconds=None):
    """Monthly total in euros: one plan serves the phone service when there are calls (or no chats) and the chat service when there are chats; PHONE/CHAT names one plan per service. Columns in, a column out."""
    if not any(isinstance(v, (list, tuple)) for v in (plan, calls, chats, aht, call_seconds)):
        try:
            return _cost(plan, calls, chats, aht, call_seconds)
        except TypeError:  # an unhashable oddity: take the column path
            pass
    cols, _, _ = _columns(plan=plan, calls=calls, chats=chats, aht=aht, call_seconds=call_seconds)
    frame = pd.DataFrame({k: pd.Series([_blank(v) for v in cols[k]], dtype=object)
                          for k in ("calls", "chats", "aht", "call_seconds")})
    frame = frame.apply(_numeric_if_possible)
    return [[_excel(v)] for v in plan_costs(cols["plan"], frame)]


def _numeric_if_possible(s: pd.Series) -> pd.Series:
    """A column of real numbers as float (the fast path); anything else stays as it came."""
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in s):
        return s.astype(float)
    return s


@xw.func(category=CATEGORY)
@xw.arg("plan", doc=PLAN_DOC)
@xw.arg("calls", doc=CALLS_DOC)
@xw.arg("chats", doc=CHATS_DOC)
@xw.arg("aht", doc=AHT_DOC)
@xw.arg("call_seconds", doc=SECONDS_DOC)
@excel_safe
def ANSWER_QUOTE(plan, calls, chats, aht, call_seconds=None):
    """The itemised monthly quote as a table that spills: a header row, one row per invoice line (group, what, Dutch term, quantity, unit, unit price, per, amount), and the total. Plan as in ANSWER_COST."""
    usage = Usage(calls=_blank(calls), chats=_blank(chats), aht=_blank(aht), call_seconds=_blank(call_seconds))
    rows = plan_quote(plan, usage).rows()
    return [[_excel(v) for v in row] for row in rows]


@xw.func(category=CATEGORY)
@xw.arg("calls", doc=CALLS_DOC + "; or a column")
@xw.arg("chats", doc=CHATS_DOC + "; or a column")
@xw.arg("aht", doc=AHT_DOC + "; or a column")
@xw.arg("call_seconds", doc=SECONDS_DOC + "; or a column")
@xw.arg("need_24_7", doc="Optional: TRUE (or yes) when the customer needs 24/7 reachability; or a column")
@excel_safe
def ANSWER_BEST(calls, chats, aht, call_seconds=None, need_24_7=False):
    """The cheapest combination as one row: phone plan, chat plan ("none" when not taken) and the monthly total in euros. Columns in, one row per customer out."""
    cols, _, is_range = _columns(calls=calls, chats=chats, aht=aht, call_seconds=call_seconds,
                                 need_24_7=need_24_7)
    if not is_range:
        usage = Usage(**{k: (_blank(v[0]) if k != "need_24_7" else flag_from_text(_blank(v[0])))
                         for k, v in cols.items()})
        r = recommend(usage, alternatives=0)
        return [[r.phone or "none", r.chat or "none", float(r.total)]]
    cols["need_24_7"] = [flag_from_text(v) for v in cols["need_24_7"]]
    frame = pd.DataFrame({k: pd.Series([_blank(v) for v in vals], dtype=object) for k, vals in cols.items()})
    frame = frame.apply(_numeric_if_possible)
    out = recommend_many(frame)
    rows = []
    for phone, chat, total, error in zip(out["phone_plan"], out["chat_plan"], out["total"], out["error"]):
        if error:
            rows.append([error, "", ""])
        else:
            rows.append([phone if isinstance(phone, str) else "none",
                         chat if isinstance(chat, str) else "none", float(total)])
    return rows


@xw.func(category=CATEGORY)
@xw.arg("plan_a", doc="The plan now: BASIC, SMART, PLUS or PREMIUM, or PHONE/CHAT")
@xw.arg("plan_b", doc="The plan to compare with (same form)")
@xw.arg("chats", doc="Optional: " + CHATS_DOC)
@xw.arg("aht", doc="Optional: " + AHT_DOC)
@xw.arg("call_seconds", doc=SECONDS_DOC)
@excel_safe
def ANSWER_BREAKEVEN(plan_a, plan_b, chats=None, aht=None, call_seconds=None):
    """The number of calls per month from which plan_b is cheaper than plan_a for every higher number of calls (the rest of the forecast as given), or "never"."""
    usage = Usage(chats=_blank(chats), aht=_blank(aht), call_seconds=_blank(call_seconds))
    n = breakeven(plan_a, plan_b, usage)
    return "never" if n is None else n


@xw.func(category=CATEGORY)
@excel_safe
def ANSWER_PLANS():
    """The plans of the price list as a table that spills: plan, monthly fee, reachable 24/7, contacts included."""
    return [[_excel(v) for v in row] for row in plan_table()]

"""The ANSWER_ functions, as Excel shows them: classic xlwings UDFs (Windows, Import Functions) and
xlwings Lite custom functions (Windows, macOS, the web) from this one module; xlwings picks the
decorators when it is imported.

Excel sends numbers as floats (Lite: ints too), blank cells as None and ranges as lists; a
one-cell call gets a value back, a column (or several) gets a column back, priced in one
vectorised call. Error cells arrive as their text (err_to_str) and are errors: "calls: #N/A",
never a price. A bad argument gives one line of text naming it, never a traceback, never a number.

Every function takes an optional last argument `tariff`: the text of a tariff file (a workbook
built by answer-plan carries its own in the cell named cfg_tariff and passes it), a shipped
tariff's name, or blank for the shipped price list.
"""
from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd
import xlwings as xw

from optimizer import AnswerPlanError, Usage, choose, recommend, recommend_many, schedule
from optimizer.decisions.curves import breakeven
from optimizer.decisions.plans import plan_costs, plan_quote
from optimizer.ground.errors import ArgumentError
from optimizer.ground.usage import FLAG_FIELDS
from optimizer.pricing.tables import plan_table
from optimizer.pricing.tariff import Tariff, load_tariff, tariff_from_text
from optimizer.reading.cells import excel_error, is_blank, yes_no_or_value
from optimizer.reading.fields import TABLE_SPEC
from optimizer.reading.frames import read_rows

__all__ = ["ANSWER_BEST", "ANSWER_BEST_TABLE", "ANSWER_BREAKEVEN", "ANSWER_CHOOSE", "ANSWER_COST",
           "ANSWER_COST_TABLE", "ANSWER_PLANS", "ANSWER_QUOTE", "ANSWER_SCHEDULE"]

CATEGORY = "answer-plan"
PLAN_DOC = "Plan: BASIC, SMART, PLUS or PREMIUM (any case), or one per service as PHONE/CHAT, e.g. PREMIUM/BASIC"
CALLS_DOC = "Answered calls per month (whole number >= 0; blank = 0)"
CHATS_DOC = "E-mails, chats and WhatsApp messages per month (whole number >= 0; blank = 0)"
AHT_DOC = "Agreed average handling time per chat, seconds (blank = 0)"
SECONDS_DOC = "Optional: average talk time per call, seconds (blank = 0)"
H247_DOC = "Optional: TRUE/WAAR (or yes/ja) when the customer needs 24/7 reachability"
TABLE_DOC = ("A table with a header row (calls, call_seconds, chats, aht, forwards, ... or the Dutch names: "
             "gesprekken, gesprekstijd, ...) and one row per customer; an Excel Table works")
TARIFF_DOC = "Optional: the tariff (a workbook built by answer-plan passes its own, cfg_tariff); blank: the price list"


def excel_safe(fn: Callable[..., Any]) -> Callable[..., Any]:
    """An Excel error value in a one-cell argument is the answer ('calls: #N/A'); whatever else
    goes wrong becomes one short line of text in the cell."""
    names = list(inspect.signature(fn).parameters)

    @functools.wraps(fn)
    def wrapper(*args: Any) -> Any:
        try:
            values = [_unwrap(a) for a in args]
            for name, value in zip(names, values, strict=False):
                err = excel_error(value)
                if err:
                    return f"{name}: {err}"
            return fn(*values)
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


def _tariff(value: Any) -> Tariff:
    """The `tariff` argument: blank = the shipped price list; the text of a tariff file (what a
    workbook carries); or a shipped tariff's name."""
    if is_blank(value):
        return load_tariff()
    if not isinstance(value, str):
        raise ArgumentError(f"tariff: {value!r} is not a tariff (the text of a tariff file, or a name)")
    if "\n" in value or "=" in value:
        return tariff_from_text(value)
    return load_tariff(value.strip())


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


def _cell_errors(cols: dict[str, list[Any]], n: int) -> dict[int, str]:
    """Rows with an Excel error value in any argument: 'calls: #N/A' (the first one found)."""
    out: dict[int, str] = {}
    for name, values in cols.items():
        for i, v in enumerate(values):
            err = excel_error(v)
            if err and i not in out:
                out[i] = f"{name}: {err}"
    return out


def _blank(value: Any) -> Any:
    """An empty cell (None, or text of spaces) is 0; a NaN is no cell Excel sends: Usage refuses it."""
    return 0 if value is None or (isinstance(value, str) and not value.strip()) else value


def _excel(value: Any) -> Any:
    """Decimals as Excel numbers; everything else as it is."""
    return float(value) if isinstance(value, Decimal) else value


def _frame(cols: dict[str, list[Any]]) -> pd.DataFrame:
    """Argument columns as a frame of Usage fields: blanks 0, yes/no words read as flags."""
    data = {k: pd.Series([yes_no_or_value(v) if k in FLAG_FIELDS else _blank(v) for v in vals], dtype=object)
            for k, vals in cols.items()}
    return pd.DataFrame(data).apply(_numeric_if_possible)


def _numeric_if_possible(s: pd.Series) -> pd.Series:
    """A column of real numbers as float (the fast path); anything else stays as it came."""
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in s):
        return s.astype(float)
    return s


def _usage(**values: Any) -> Usage:
    return Usage(**{k: (yes_no_or_value(v) if k in FLAG_FIELDS else _blank(v)) for k, v in values.items()})


@functools.lru_cache(maxsize=4096)
def _cost(plan: Any, calls: Any, chats: Any, aht: Any, call_seconds: Any, tariff: Any) -> float:
    return float(plan_quote(plan, _usage(calls=calls, chats=chats, aht=aht, call_seconds=call_seconds),
                            _tariff(tariff)).total)


def _table(table: Any) -> tuple[pd.DataFrame, dict[int, str], list[int]]:
    """A table with a header row (field names in any case, or the Dutch names files take): its
    forecasts, the rows whose cells cannot be read (why), and the rows that are not blank."""
    rows = table if isinstance(table, (list, tuple)) else [[table]]
    read, keep = read_rows(rows, TABLE_SPEC, source="table")
    return read.fields, read.errors, keep


def _per_row(n: int, keep: list[int], errors: dict[int, str], values: list[Any], width: int = 1) -> list[list[Any]]:
    """One output row per table row: blank below the table, the error where a cell could not be read."""
    kept = set(keep)
    out = []
    for i in range(n):
        if i not in kept:
            out.append([""] * width)
        elif i in errors:
            out.append([errors[i]] + [""] * (width - 1))
        else:
            out.append(values[i] if width > 1 else [values[i]])
    return out


# ----------------------------------------------------------------------------- one forecast, or columns

@xw.func(category=CATEGORY)
@xw.arg("plan", err_to_str=True, doc=PLAN_DOC + "; or a column of plans")
@xw.arg("calls", err_to_str=True, doc=CALLS_DOC + "; or a column")
@xw.arg("chats", err_to_str=True, doc=CHATS_DOC + "; or a column")
@xw.arg("aht", err_to_str=True, doc=AHT_DOC + "; or a column")
@xw.arg("call_seconds", err_to_str=True, doc=SECONDS_DOC + "; or a column")
@xw.arg("tariff", err_to_str=True, doc=TARIFF_DOC)
@excel_safe
def ANSWER_COST(plan, calls, chats, aht, call_seconds=None, tariff=None):
    """Monthly total in euros: one plan serves the phone service when there are calls (or no chats) and the chat service when there are chats; PHONE/CHAT names one plan per service. Columns in, a column out."""
    if not any(isinstance(v, (list, tuple)) for v in (plan, calls, chats, aht, call_seconds)):
        try:
            return _cost(plan, calls, chats, aht, call_seconds, tariff)
        except TypeError:  # an unhashable oddity: take the column path
            pass
    cols, n, _ = _columns(plan=plan, calls=calls, chats=chats, aht=aht, call_seconds=call_seconds)
    errors = _cell_errors(cols, n)
    clean = {k: [0 if i in errors else v for i, v in enumerate(vals)] for k, vals in cols.items() if k != "plan"}
    costs = plan_costs(["BASIC" if i in errors else p for i, p in enumerate(cols["plan"])], _frame(clean),
                       _tariff(tariff))
    return [[errors[i] if i in errors else _excel(v)] for i, v in enumerate(costs)]


@xw.func(category=CATEGORY)
@xw.arg("plan", err_to_str=True, doc=PLAN_DOC)
@xw.arg("calls", err_to_str=True, doc=CALLS_DOC)
@xw.arg("chats", err_to_str=True, doc=CHATS_DOC)
@xw.arg("aht", err_to_str=True, doc=AHT_DOC)
@xw.arg("call_seconds", err_to_str=True, doc=SECONDS_DOC)
@xw.arg("tariff", err_to_str=True, doc=TARIFF_DOC)
@excel_safe
def ANSWER_QUOTE(plan, calls, chats, aht, call_seconds=None, tariff=None):
    """The itemised monthly quote as a table that spills: a header row, one row per invoice line (group, what, Dutch term, quantity, unit, unit price, per, amount), and the total. Plan as in ANSWER_COST."""
    usage = _usage(calls=calls, chats=chats, aht=aht, call_seconds=call_seconds)
    rows = plan_quote(plan, usage, _tariff(tariff)).rows()
    return [[_excel(v) for v in row] for row in rows]


@xw.func(category=CATEGORY)
@xw.arg("calls", err_to_str=True, doc=CALLS_DOC + "; or a column")
@xw.arg("chats", err_to_str=True, doc=CHATS_DOC + "; or a column")
@xw.arg("aht", err_to_str=True, doc=AHT_DOC + "; or a column")
@xw.arg("call_seconds", err_to_str=True, doc=SECONDS_DOC + "; or a column")
@xw.arg("need_24_7", err_to_str=True, doc=H247_DOC + "; or a column")
@xw.arg("tariff", err_to_str=True, doc=TARIFF_DOC)
@excel_safe
def ANSWER_BEST(calls, chats, aht, call_seconds=None, need_24_7=False, tariff=None):
    """The cheapest combination as one row: phone plan, chat plan ("none" when not taken) and the monthly total in euros. Columns in, one row per customer out."""
    cols, n, is_range = _columns(calls=calls, chats=chats, aht=aht, call_seconds=call_seconds, need_24_7=need_24_7)
    t = _tariff(tariff)
    if not is_range:
        r = recommend(_usage(**{k: v[0] for k, v in cols.items()}), alternatives=0, tariff=t)
        return [[r.phone or "none", r.chat or "none", float(r.total)]]
    errors = _cell_errors(cols, n)
    cols = {k: [0 if i in errors else v for i, v in enumerate(vals)] for k, vals in cols.items()}
    return _best_rows(recommend_many(_frame(cols), tariff=t), errors)


def _best_rows(out: pd.DataFrame, errors: dict[int, str]) -> list[list[Any]]:
    rows = []
    for i, (phone, chat, total, error) in enumerate(zip(out["phone_plan"], out["chat_plan"], out["total"],
                                                        out["error"], strict=True)):
        if i in errors or error:
            rows.append([errors.get(i) or error, "", ""])
        else:
            rows.append([phone if isinstance(phone, str) else "none", chat if isinstance(chat, str) else "none",
                         float(total)])
    return rows


# ----------------------------------------------------------------------------- the whole forecast: a table

@xw.func(category=CATEGORY)
@xw.arg("plan", err_to_str=True, doc=PLAN_DOC + "; or a column with one plan per row of the table")
@xw.arg("table", err_to_str=True, doc=TABLE_DOC)
@xw.arg("tariff", err_to_str=True, doc=TARIFF_DOC)
@excel_safe
def ANSWER_COST_TABLE(plan, table, tariff=None):
    """Monthly total in euros for every row of a table of forecasts with a header row (every forecast field: calls, forwards, SMS reports, 24/7, ...), on a plan (as in ANSWER_COST). A column out, one value per row; blank rows stay blank."""
    frame, errors, keep = _table(table)
    n = len(frame)
    plans, _ = _cells(plan)
    if len(plans) not in (1, n):
        raise ArgumentError(f"plan: {len(plans)} cells, but the table has {n} rows")
    plans = plans * n if len(plans) == 1 else plans
    priced = [i for i in keep if i not in errors]
    costs = plan_costs([plans[i] for i in priced], frame.iloc[priced].reset_index(drop=True), _tariff(tariff)) \
        if priced else []
    values: list[Any] = [""] * n
    for i, v in zip(priced, costs, strict=True):
        values[i] = _excel(v)
    return _per_row(n, keep, errors, values)


@xw.func(category=CATEGORY)
@xw.arg("table", err_to_str=True, doc=TABLE_DOC)
@xw.arg("tariff", err_to_str=True, doc=TARIFF_DOC)
@excel_safe
def ANSWER_BEST_TABLE(table, tariff=None):
    """The cheapest combination for every row of a table of forecasts with a header row (every forecast field): phone plan, chat plan ("none" when not taken) and the monthly total; one row out per row in, blank rows blank."""
    frame, errors, keep = _table(table)
    n = len(frame)
    priced = [i for i in keep if i not in errors]
    rows: list[Any] = [["", "", ""]] * n
    if priced:
        best = _best_rows(recommend_many(frame.iloc[priced].reset_index(drop=True), tariff=_tariff(tariff)), {})
        for i, row in zip(priced, best, strict=True):
            rows[i] = row
    return _per_row(n, keep, errors, rows, width=3)


# ----------------------------------------------------------------------------- over months, under uncertainty

def _months(**args: Any) -> list[Usage]:
    cols, n, _ = _columns(**args)
    errors = _cell_errors(cols, n)
    if errors:
        i, message = next(iter(errors.items()))
        raise ArgumentError(f"month {i + 1}: {message}")
    months = []
    for i in range(n):
        try:
            months.append(_usage(**{k: v[i] for k, v in cols.items()}))
        except AnswerPlanError as exc:
            raise ArgumentError(f"month {i + 1}: {exc}") from None
    return months


@xw.func(category=CATEGORY)
@xw.arg("calls", err_to_str=True, doc="Answered calls, a column: one row per month")
@xw.arg("chats", err_to_str=True, doc="E-mails, chats and WhatsApp messages, a column: one row per month")
@xw.arg("aht", err_to_str=True, doc="Agreed handling time per chat (s), a column or one cell for every month")
@xw.arg("call_seconds", err_to_str=True, doc="Optional: average talk time per call (s), a column or one cell")
@xw.arg("need_24_7", err_to_str=True, doc="Optional: TRUE/WAAR for months that need 24/7, a column or one cell")
@xw.arg("max_changes", err_to_str=True, doc="Optional: at most this many changes of plan (blank: no limit)")
@xw.arg("current", err_to_str=True, doc="Optional: the plans today as PHONE/CHAT (a change into the first month counts)")
@xw.arg("tariff", err_to_str=True, doc=TARIFF_DOC)
@excel_safe
def ANSWER_SCHEDULE(calls, chats, aht, call_seconds=None, need_24_7=None, max_changes=None, current=None, tariff=None):
    """The cheapest plan per month for a column of months, as a table that spills: month, phone plan, chat plan, total; then the total, the number of changes, the best single plan for the whole period and the saving."""
    months = _months(calls=calls, chats=chats, aht=aht, call_seconds=call_seconds, need_24_7=need_24_7)
    limit = None
    if not is_blank(max_changes):
        if isinstance(max_changes, bool) or not isinstance(max_changes, (int, float)) or max_changes < 0 \
                or max_changes != int(max_changes):
            raise ArgumentError(f"max_changes: {max_changes!r} is not a whole number >= 0")
        limit = int(max_changes)
    start = None
    if isinstance(current, str) and current.strip():
        phone, _, chat = current.partition("/")
        start = (phone or None, chat or None)
    elif not is_blank(current):
        raise ArgumentError(f"current: {current!r} is not the plans today as PHONE/CHAT")
    s = schedule(months, max_changes=limit, current=start, tariff=_tariff(tariff))
    rows: list[list[Any]] = [["month", "phone", "chat", "total"]]
    rows += [[i + 1, m.phone or "none", m.chat or "none", float(m.total)] for i, m in enumerate(s.months)]
    rows.append(["total", "", "", float(s.total)])
    rows.append(["changes", "", "", s.changes])
    if s.fixed is not None and s.saving is not None:
        rows.append(["fixed", s.fixed.phone or "none", s.fixed.chat or "none", float(s.fixed.total)])
        rows.append(["saving", "", "", float(s.saving)])
    return rows


@xw.func(category=CATEGORY)
@xw.arg("calls", err_to_str=True, doc="Answered calls, a column: one row per scenario (low, expected, high, ...)")
@xw.arg("chats", err_to_str=True, doc="E-mails, chats and WhatsApp messages, a column: one row per scenario")
@xw.arg("aht", err_to_str=True, doc="Agreed handling time per chat (s), a column or one cell")
@xw.arg("call_seconds", err_to_str=True, doc="Optional: average talk time per call (s), a column or one cell")
@xw.arg("weights", err_to_str=True, doc="Optional: the weight of each scenario, a column (blank: equal)")
@xw.arg("criterion", err_to_str=True, doc='Optional: "expected" (default), "worst" or "regret"')
@xw.arg("tariff", err_to_str=True, doc=TARIFF_DOC)
@excel_safe
def ANSWER_CHOOSE(calls, chats, aht, call_seconds=None, weights=None, criterion="expected", tariff=None):
    """One selection for several possible months (one row per scenario): phone plan, chat plan, and the criterion's value (the weighted mean cost, the highest cost, or the largest regret)."""
    scenarios = _months(calls=calls, chats=chats, aht=aht, call_seconds=call_seconds)
    w = None
    if not is_blank(weights):
        w, _ = _cells(weights)
        bad = next((excel_error(x) for x in w if excel_error(x)), None)
        if bad:
            raise ArgumentError(f"weights: {bad}")
        w = [_blank(x) for x in w]
    c = choose(scenarios, weights=w, criterion=str(criterion or "expected").strip().lower(), tariff=_tariff(tariff))
    return [[c.phone or "none", c.chat or "none", float(c.value)]]


# ----------------------------------------------------------------------------- the price list

@xw.func(category=CATEGORY)
@xw.arg("plan_a", err_to_str=True, doc="The plan now: BASIC, SMART, PLUS or PREMIUM, or PHONE/CHAT")
@xw.arg("plan_b", err_to_str=True, doc="The plan to compare with (same form)")
@xw.arg("chats", err_to_str=True, doc="Optional: " + CHATS_DOC)
@xw.arg("aht", err_to_str=True, doc="Optional: " + AHT_DOC)
@xw.arg("call_seconds", err_to_str=True, doc=SECONDS_DOC)
@xw.arg("tariff", err_to_str=True, doc=TARIFF_DOC)
@excel_safe
def ANSWER_BREAKEVEN(plan_a, plan_b, chats=None, aht=None, call_seconds=None, tariff=None):
    """The number of calls per month from which plan_b is cheaper than plan_a for every higher number of calls (the chats, AHT and call time as given), or "never"."""
    n = breakeven(plan_a, plan_b, _usage(chats=chats, aht=aht, call_seconds=call_seconds), _tariff(tariff))
    return "never" if n is None else n


@xw.func(category=CATEGORY)
@xw.arg("tariff", err_to_str=True, doc=TARIFF_DOC)
@excel_safe
def ANSWER_PLANS(tariff=None):
    """The plans of the price list as a table that spills: plan, monthly fee, reachable 24/7, contacts included."""
    return [[_excel(v) for v in row] for row in plan_table(_tariff(tariff))]

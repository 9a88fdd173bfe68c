"""rate(): invoices from a contact log (PRICING.md rules 24-28).

Every contact of the log is counted into its customer's month (Europe/Amsterdam); call time is
billed per call, per second (a started second counts whole): a call of d s adds
max(0, ceil(d) - 90) to the month's billable call seconds. Chats are billed on the agreed AHT of
the customer's contract, evaluated after each quarter with chats (rule 27). Each customer of the
contracts gets an invoice for every month of the log's period, priced on the contract's plans by
the same engines as everything else (recommend_many: the invoice total, the cheapest selection
for that month, the saving), and its itemised lines (quote) on demand.

The log is read in chunks and aggregated with vectorised group-bys (pandas), so its size is
bounded by the number of customers x months, not of contacts. A row that cannot be used (unknown
customer or kind, bad time, a negative, non-numeric or over-precise duration) is reported in
`Rating.errors` with its row number, never dropped in silence.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from optimizer.decisions.many import price_batch, recommend_many
from optimizer.engines.exact import quote, resolve_tariff
from optimizer.ground.errors import AnswerPlanError
from optimizer.ground.usage import FLAG_WORDS, SECONDS_LIMIT, Usage, check_amount
from optimizer.pricing.tariff import Tariff
from optimizer.reading.fields import ReadOptions, TableSpec

__all__ = ["CONTRACTS_SPEC", "CONTRACT_FIELDS", "EVENTS_SPEC", "EVENT_FIELDS", "INVOICE_MONEY", "KINDS", "Rating",
           "rate"]

KINDS = ("call", "forward", "outbound", "chat", "email_report", "sms_report", "training", "assistant")
EVENT_FIELDS = ("customer", "start", "kind", "seconds", "foreign")
CONTRACT_FIELDS = ("customer", "phone_plan", "chat_plan", "agreed_aht", "voice_response", "month_spec", "need_24_7")
TZ = "Europe/Amsterdam"
MICRO = 1_000_000  # durations are counted in microseconds, exactly
CHUNK = 1_000_000
LISTED = 100_000  # refused rows listed with their reasons (all are counted): a wrong file stays cheap
SUMS = ("calls", "billable", "chats", "chat_micro", "forwards", "forward_secs", "outbound", "outbound_secs",
        "foreign_secs", "email_reports", "sms_reports", "training_micro", "assistant_micro", "events")
_OFFSET = r"(?:Z|z|[+-][0-9]{2}(?::?[0-9]{2})?)$"


class RatingError(AnswerPlanError):
    """A log or contracts table that cannot be rated as a whole (a missing column, a customer twice)."""


@dataclass(frozen=True)
class Contract:
    customer: str
    phone: str | None
    chat: str | None
    agreed_aht: Decimal
    voice_response: bool
    month_spec: bool
    need_24_7: bool
    error: str = ""


@dataclass
class Rating:
    """What rate() found: `invoices` (one row per customer and month), `evaluations` (per customer
    and quarter with chats), `errors` (event rows that could not be used), `lines` (itemised, on
    demand), and totals for the summary line."""

    invoices: pd.DataFrame
    evaluations: pd.DataFrame
    errors: pd.DataFrame
    events_used: int
    tariff: Tariff = field(repr=False)
    usage: pd.DataFrame | None = field(default=None, repr=False)  # each invoice's usage, exact (hours as Fractions)
    events_refused: int | None = None  # all of them; `errors` lists the first LISTED (None: as many as listed)

    @property
    def refused(self) -> int:
        return len(self.errors) if self.events_refused is None else self.events_refused

    def _listed(self, lang: str) -> str:
        if self.refused <= len(self.errors):
            return ""
        shown = f"{len(self.errors):,}".replace(",", "." if lang == "nl" else ",")
        return f" (de eerste {shown} vermeld)" if lang == "nl" else f" (the first {shown} listed)"

    @cached_property
    def lines(self) -> pd.DataFrame:
        """The itemised lines of every invoice (customer, month, group, what, dutch, quantity,
        unit, unit_price, per, amount), summing to each invoice's total."""
        rows: list[tuple[Any, ...]] = []
        assert self.usage is not None or not len(self.invoices)
        for k, inv in enumerate(self.invoices.itertuples(index=False)):
            if inv.error or not isinstance(inv.total, float) or np.isnan(inv.total):
                continue
            assert self.usage is not None
            q = quote(_usage(self.usage.iloc[k]), phone=_plan(inv.phone_plan), chat=_plan(inv.chat_plan),
                      tariff=self.tariff)
            for ln in q.lines:
                rows.append((inv.customer, inv.month, ln.group, ln.what, ln.dutch, _quantity(ln.quantity), ln.unit,
                             float(ln.unit_price), ln.per, float(ln.amount)))
        return pd.DataFrame(rows, columns=["customer", "month", "group", "what", "dutch", "quantity", "unit",
                                           "unit_price", "per", "amount"])

    @property
    def customers(self) -> int:
        return int(self.invoices["customer"].nunique()) if len(self.invoices) else 0

    @property
    def months(self) -> int:
        return int(self.invoices["month"].nunique()) if len(self.invoices) else 0

    @property
    def total_invoiced(self) -> Decimal:
        return Decimal(int(np.rint(self.invoices["total"].fillna(0).to_numpy() * 100).sum())).scaleb(-2)

    @property
    def total_saving(self) -> Decimal:
        return Decimal(int(np.rint(self.invoices["saving"].fillna(0).to_numpy() * 100).sum())).scaleb(-2)

    def summary(self, lang: str = "en") -> str:
        from optimizer.ground.money import format_amount

        if lang == "nl":
            def n(x: int) -> str:
                return f"{x:,}".replace(",", ".")

            return (f"klanten: {n(self.customers)}, maanden: {self.months}, gebruikte contacten: "
                    f"{n(self.events_used)}, geweigerde contacten: {n(self.refused)}{self._listed('nl')}, "
                    f"totaal gefactureerd: "
                    f"{format_amount(self.total_invoiced, 'nl')}, totale mogelijke besparing: "
                    f"{format_amount(self.total_saving, 'nl')}")
        return (f"customers: {self.customers:,}, months: {self.months}, events used: {self.events_used:,}, "
                f"events refused: {self.refused:,}{self._listed('en')}, "
                f"total invoiced: {format_amount(self.total_invoiced)}, "
                f"total possible saving: {format_amount(self.total_saving)}")


def _plan(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) or value == "" else str(value)


def _quantity(q: Any) -> Any:
    if isinstance(q, Fraction):
        return float(q)
    return int(q) if q == int(q) else float(q)


INVOICE_MONEY = ("total", "best_total", "saving")
INVOICE_USAGE = ("calls", "billable_call_seconds", "chats", "aht", "forwards", "total_forward_seconds",
                 "outbound_calls", "total_outbound_seconds", "foreign_seconds", "email_reports", "sms_reports",
                 "training_hours", "assistant_hours", "voice_response", "month_spec", "need_24_7")


def _usage(row: pd.Series) -> Usage:
    return Usage(**{f: _exact(row[f]) for f in INVOICE_USAGE})


def _exact(value: Any) -> Any:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


# ----------------------------------------------------------------------------- reading the inputs

def _frames(source: pd.DataFrame | str | Path, spec: TableSpec, progress: Callable[[int, float], None] | None,
            options: ReadOptions | None = None) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """(frame of the spec's fields, row numbers) per chunk, from a DataFrame or a file."""
    if isinstance(source, pd.DataFrame):
        missing = [f for f in spec.needed if f not in source.columns]
        if missing:
            raise RatingError(f"{spec.name}: no column {', '.join(map(repr, missing))} (columns: "
                              f"{', '.join(map(repr, source.columns[:12]))})")
        for start in range(0, max(len(source), 1), CHUNK):
            part = source.iloc[start:start + CHUNK]
            if len(part) or start == 0:
                yield part.reset_index(drop=True), np.arange(start + 1, start + len(part) + 1)
        return
    from optimizer.files.read import open_source  # the file readers (pyarrow) only when a file is read

    src = open_source(source, spec, options)
    done_rows = 0
    for chunk in src.chunks():
        frame = pd.DataFrame({f: v for f, v in chunk.values.items()})
        numbers = chunk.numbers if chunk.numbers is not None else np.arange(done_rows + 1, done_rows + chunk.rows + 1)
        done_rows += chunk.rows
        if chunk.errors:
            frame["_input_error"] = pd.Series([chunk.errors.get(i, "") for i in range(chunk.rows)], dtype=object)
        yield frame, numbers
        if progress:
            progress(done_rows, chunk.done)


EVENTS_SPEC = TableSpec({"customer": "text", "start": "text", "kind": "text", "seconds": "amount", "foreign": "flag"},
                        needed=("customer", "start", "kind"), name="events")
CONTRACTS_SPEC = TableSpec({"customer": "text", "phone_plan": "text", "chat_plan": "text", "agreed_aht": "amount",
                            "voice_response": "flag", "month_spec": "flag", "need_24_7": "flag"},
                           needed=("customer",), name="contracts")


def _text(values: Any) -> pd.Series:
    """Customer ids and other text exactly as given (numbers as their digits, blanks empty)."""
    s = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) else values
    if pd.api.types.is_integer_dtype(s.dtype):
        return s.astype(str)
    if pd.api.types.is_string_dtype(s.dtype) and s.dtype != object:  # text from a file: vectorised
        return s.fillna("").str.strip()
    return s.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else
                 str(int(v)) if isinstance(v, float) and v == int(v) else str(v).strip())


def read_contracts(source: pd.DataFrame | str | Path, t: Tariff, options: ReadOptions | None = None
                   ) -> dict[str, Contract]:
    contracts: dict[str, Contract] = {}
    for frame, numbers in _frames(source, CONTRACTS_SPEC, None, options):
        customers = _text(frame["customer"])
        for k, customer in enumerate(customers.tolist()):
            row = {f: frame[f].iat[k] if f in frame.columns else None for f in CONTRACT_FIELDS}
            if not customer:
                raise RatingError(f"contracts: row {numbers[k]} has no customer")
            if customer in contracts:
                raise RatingError(f"contracts: customer {customer!r} is there twice (row {numbers[k]}); one row "
                                  "per customer")
            contracts[customer] = _contract(customer, row, t)
    return contracts


def _contract(customer: str, row: dict[str, Any], t: Tariff) -> Contract:
    error = ""
    try:
        phone = t.plan_name(_blank(row["phone_plan"]), "phone_plan")
        chat = t.plan_name(_blank(row["chat_plan"]), "chat_plan")
    except AnswerPlanError as exc:
        phone = chat = None
        error = f"contract: {exc}"
    try:
        aht = row["agreed_aht"]
        given = check_amount("aht", 0 if aht is None or (isinstance(aht, float) and np.isnan(aht)) else aht)
        agreed = given if isinstance(given, Decimal) else Decimal(given.numerator) / Decimal(given.denominator)
    except AnswerPlanError as exc:
        agreed = Decimal(0)
        error = error or f"contract: agreed_aht: {str(exc).split(': ', 1)[1]}"
    flags = {}
    for f in ("voice_response", "month_spec", "need_24_7"):
        v = row[f]
        if v is None or (isinstance(v, float) and np.isnan(v)):
            flags[f] = False
        elif isinstance(v, (bool, np.bool_)):
            flags[f] = bool(v)
        elif isinstance(v, str) and v.strip().lower() in FLAG_WORDS:
            flags[f] = FLAG_WORDS[v.strip().lower()]
        elif isinstance(v, (int, float)) and v in (0, 1):
            flags[f] = bool(v)
        else:
            flags[f] = False
            error = error or f"contract: {f}: {v!r} is not yes or no"
    return Contract(customer, phone, chat, agreed, flags["voice_response"], flags["month_spec"],
                    flags["need_24_7"], error)


def _blank(v: Any) -> Any:
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else v


# ----------------------------------------------------------------------------- one chunk of the log

def _months(start: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(year * 12 + month - 1 in Europe/Amsterdam, valid) per row: a time with an offset (or Z)
    is converted; one without is Amsterdam time already (its own calendar month)."""
    n = len(start)
    month = np.zeros(n, np.int64)
    ok = np.zeros(n, bool)
    if pd.api.types.is_datetime64_any_dtype(start.dtype):
        times = start
        if getattr(start.dt, "tz", None) is not None:
            times = start.dt.tz_convert(TZ)
        valid = times.notna().to_numpy()
        month[valid] = (times.dt.year * 12 + times.dt.month - 1).to_numpy()[valid]
        return month, valid
    text = _text(start)
    is_dt = np.zeros(n, bool) if start.dtype != object else \
        start.map(lambda v: hasattr(v, "year") and hasattr(v, "month")).to_numpy(dtype=bool)
    if is_dt.any():  # datetime objects (Excel dates): naive = Amsterdam, aware converted
        for k in np.flatnonzero(is_dt).tolist():
            v = pd.Timestamp(start.iat[k])  # type: ignore[arg-type]
            if v.tzinfo is not None:
                v = v.tz_convert(TZ)
            month[k], ok[k] = v.year * 12 + v.month - 1, True
    rest = ~is_dt
    offset = text.str.contains(_OFFSET, regex=True, na=False).to_numpy() & rest
    naive = rest & ~offset
    for mask, utc in ((naive, False), (offset, True)):
        if not mask.any():
            continue
        parsed = pd.to_datetime(text[mask], format="ISO8601", errors="coerce", utc=utc)
        if utc:
            parsed = parsed.dt.tz_convert(TZ)
        valid = parsed.notna().to_numpy()
        idx = np.flatnonzero(mask)
        month[idx[valid]] = (parsed.dt.year * 12 + parsed.dt.month - 1).to_numpy()[valid].astype(np.int64)
        ok[idx[valid]] = True
    return month, ok


def _micro(seconds: Any, n: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Durations in whole microseconds, (micro, valid, reason per row)."""
    reasons = [""] * n
    if seconds is None:
        return np.zeros(n, np.int64), np.ones(n, bool), reasons
    raw = np.asarray(seconds)
    if raw.dtype == object:
        values = np.full(n, np.nan)
        for k, v in enumerate(raw.tolist()):
            if v is None or (isinstance(v, str) and not v.strip()):
                values[k] = 0.0
            elif isinstance(v, (int, float, Decimal, Fraction)) and not isinstance(v, bool):
                values[k] = float(v)
            else:
                reasons[k] = f"seconds: {v!r} is not a number"
    else:
        values = raw.astype(float)
        values = np.where(np.isnan(values), 0.0, values) if raw.dtype.kind == "f" else values
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * MICRO
        micro = np.rint(scaled)
        ok = np.isfinite(values) & (values >= 0) & (values <= SECONDS_LIMIT) & (np.abs(micro - scaled) < 0.01)
    for k in np.flatnonzero(~ok).tolist():
        if not reasons[k]:
            v = values[k]
            reasons[k] = ("seconds: a duration is a number >= 0" if not np.isfinite(v) or v < 0 else
                          f"seconds: {v} is more than {SECONDS_LIMIT:,} (the limit per contact)" if v > SECONDS_LIMIT
                          else f"seconds: {v} has more than 6 decimals")
    return np.where(ok, micro, 0).astype(np.int64), ok, reasons


def _flags(values: Any, n: int) -> np.ndarray:
    if values is None:
        return np.zeros(n, bool)
    if isinstance(values, np.ndarray) and values.dtype == bool:
        return values
    out = np.zeros(n, bool)
    for k, v in enumerate(np.asarray(values, dtype=object).tolist()):
        if isinstance(v, (bool, np.bool_)):
            out[k] = bool(v)
        elif isinstance(v, str):
            out[k] = FLAG_WORDS.get(v.strip().lower(), False)
        elif isinstance(v, (int, float)) and v == 1:
            out[k] = True
    return out


def _chunk(frame: pd.DataFrame, numbers: np.ndarray, known: set[str], free: int, room: int = LISTED
           ) -> tuple[pd.DataFrame, list[dict[str, Any]], int]:
    """Per (customer, month) sums of one chunk of the log, its first `room` refused rows (with
    their reasons), and the number of rows it refused."""
    n = len(frame)
    customer = _text(frame["customer"])
    kind = _text(frame["kind"]).str.lower()
    month, time_ok = _months(frame["start"])
    micro, secs_ok, secs_reason = _micro(frame["seconds"].to_numpy() if "seconds" in frame else None, n)
    foreign = _flags(frame["foreign"].to_numpy() if "foreign" in frame else None, n)
    kind_ok = kind.isin(KINDS).to_numpy()
    cust_ok = customer.isin(known).to_numpy()
    input_error = frame["_input_error"].to_numpy() if "_input_error" in frame else None
    ok = kind_ok & cust_ok & time_ok & secs_ok
    if input_error is not None:
        ok &= input_error == ""
    refused = []
    not_ok = np.flatnonzero(~ok)
    for k in not_ok[:max(room, 0)].tolist():
        reason = (input_error[k] if input_error is not None and input_error[k] else
                  f"customer {customer.iat[k]!r} is not in the contracts" if not cust_ok[k] else
                  f"kind: {frame['kind'].iat[k]!r} is not one of {', '.join(KINDS)}" if not kind_ok[k] else
                  f"start: {frame['start'].iat[k]!r} is not a time (ISO 8601, e.g. 2026-03-02T10:00:00+01:00)"
                  if not time_ok[k] else secs_reason[k])
        refused.append({"row": int(numbers[k]), "customer": customer.iat[k], "start": _show(frame["start"].iat[k]),
                        "kind": _show(frame["kind"].iat[k]),
                        "seconds": _show(frame["seconds"].iat[k]) if "seconds" in frame else "", "reason": reason})
    kind_code = kind.map({k: i for i, k in enumerate(KINDS)}).to_numpy(dtype=float, na_value=-1).astype(np.int64)
    whole = -(-micro // MICRO)  # a started second counts whole
    is_ = {k: (kind_code == i) & ok for i, k in enumerate(KINDS)}
    sums = pd.DataFrame({
        "customer": customer[ok].to_numpy(), "month": month[ok],
        "calls": is_["call"][ok].astype(np.int64),
        "billable": np.where(is_["call"], np.maximum(whole - free, 0), 0)[ok],
        "chats": is_["chat"][ok].astype(np.int64),
        "chat_micro": np.where(is_["chat"], micro, 0)[ok],
        "forwards": is_["forward"][ok].astype(np.int64),
        "forward_secs": np.where(is_["forward"], whole, 0)[ok],
        "outbound": is_["outbound"][ok].astype(np.int64),
        "outbound_secs": np.where(is_["outbound"], whole, 0)[ok],
        "foreign_secs": np.where(foreign & (is_["call"] | is_["forward"] | is_["outbound"]), whole, 0)[ok],
        "email_reports": is_["email_report"][ok].astype(np.int64),
        "sms_reports": is_["sms_report"][ok].astype(np.int64),
        "training_micro": np.where(is_["training"], micro, 0)[ok],
        "assistant_micro": np.where(is_["assistant"], micro, 0)[ok],
        "events": np.ones(int(ok.sum()), np.int64),
    })
    return sums.groupby(["customer", "month"], sort=False).sum().reset_index(), refused, int(not_ok.size)


def _show(v: Any) -> str:
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)


# ----------------------------------------------------------------------------- rule 27

def _round_half_up(x: Fraction) -> Decimal:
    return Decimal(int((x * 2 + 1) // 2))


def _agreed(contract: Contract, by_month: dict[int, tuple[int, int]], first: int, last: int
            ) -> tuple[dict[int, Decimal], list[dict[str, Any]]]:
    """The agreed AHT billed in each month of the period, and the quarter evaluations: after each
    calendar quarter with chats, a deviation of 10% or more (or an agreed AHT of 0) makes the
    measured AHT, rounded half-up to whole seconds, the agreed one from the next quarter."""
    agreed = contract.agreed_aht
    billed: dict[int, Decimal] = {}
    evaluations = []
    m = first
    while m <= last:
        q_end = m - m % 3 + 2  # the quarter's last month
        chats = secs = 0
        for k in range(m, min(q_end, last) + 1):
            billed[k] = agreed
            c, s = by_month.get(k, (0, 0))
            chats += c
            secs += s
        if chats:
            measured = Fraction(secs, MICRO * chats)
            before = agreed
            if agreed == 0 or abs(measured - Fraction(agreed)) * 10 >= Fraction(agreed):
                agreed = _round_half_up(measured)
            evaluations.append({"customer": contract.customer, "quarter": f"{m // 12}-Q{m % 12 // 3 + 1}",
                                "chats": chats, "measured_aht": float(round(measured, 3)),
                                "agreed_before": _num(before), "agreed_after": _num(agreed),
                                "changed": agreed != before})
        m = q_end + 1
    return billed, evaluations


def _num(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _hours(micro: int) -> Any:
    """Seconds of work as hours, exactly: a float when it has at most three decimals (the fast
    path checks), else a Fraction (4,800 s = 4/3 h)."""
    h = Fraction(micro, MICRO * 3600)
    if (h * 1000).denominator == 1:
        return float(h)
    return h


# ----------------------------------------------------------------------------- rate

def rate(events: pd.DataFrame | str | Path, contracts: pd.DataFrame | str | Path, *,
         tariff: Tariff | str | None = None, progress: Callable[[int, float], None] | None = None,
         options: ReadOptions | None = None) -> Rating:
    """Invoices from a contact log and the customers' contracts (PRICING.md rules 24-28).
    `events` and `contracts` are DataFrames or paths (CSV, XLSX, Parquet, read as `bulk` reads)."""
    t = resolve_tariff(tariff)
    known = read_contracts(contracts, t, options)
    free = t.free_seconds("billable_call_seconds")
    parts: list[pd.DataFrame] = []
    refused: list[dict[str, Any]] = []
    ids = set(known)
    refused_count = 0
    for frame, numbers in _frames(events, EVENTS_SPEC, progress, options):
        if not len(frame):
            continue
        sums, bad, count = _chunk(frame, numbers, ids, free, LISTED - len(refused))
        refused_count += count
        parts.append(sums)
        if len(parts) >= 8:  # the sums so far in one frame: memory bounded by customers x months
            parts = [pd.concat(parts).groupby(["customer", "month"], sort=False).sum().reset_index()]
        refused += bad
    errors = pd.DataFrame(refused, columns=["row", "customer", "start", "kind", "seconds", "reason"])
    totals = pd.concat(parts).groupby(["customer", "month"], sort=False).sum() if parts else None
    used = int(totals["events"].sum()) if totals is not None and len(totals) else 0
    if totals is None or not len(totals):
        empty = pd.DataFrame(columns=["customer", "month", *INVOICE_USAGE, "phone_plan", "chat_plan", "total",
                                      "best_phone", "best_chat", "best_total", "saving", "error"])
        return Rating(empty, pd.DataFrame(columns=["customer", "quarter", "chats", "measured_aht", "agreed_before",
                                                  "agreed_after", "changed"]), errors, used, t,
                      events_refused=refused_count)
    months = totals.index.get_level_values("month")
    first, last = int(months.min()), int(months.max())
    rows: list[dict[str, Any]] = []
    evaluations: list[dict[str, Any]] = []
    lookup: dict[tuple[str, int], dict[str, Any]] = {}
    index_keys: list[Any] = list(totals.index)
    for key, values in zip(index_keys, totals.to_dict("records"), strict=True):
        lookup[(str(key[0]), int(key[1]))] = {str(k): v for k, v in values.items()}
    chats: dict[str, dict[int, tuple[int, int]]] = {}
    for (customer, m), v in lookup.items():
        chats.setdefault(customer, {})[m] = (int(v["chats"]), int(v["chat_micro"]))
    nothing: dict[str, Any] = {}
    for customer, contract in known.items():
        billed, evals = _agreed(contract, chats.get(customer, {}), first, last)
        evaluations += evals
        for m in range(first, last + 1):
            found = lookup.get((customer, m), nothing)

            def get(name: str, found: dict[str, Any] = found) -> int:
                return int(found.get(name, 0))

            rows.append({
                "customer": customer, "month": f"{m // 12:04d}-{m % 12 + 1:02d}",
                "calls": get("calls"), "billable_call_seconds": get("billable"), "chats": get("chats"),
                "aht": _num(billed[m]), "forwards": get("forwards"), "total_forward_seconds": get("forward_secs"),
                "outbound_calls": get("outbound"), "total_outbound_seconds": get("outbound_secs"),
                "foreign_seconds": get("foreign_secs"), "email_reports": get("email_reports"),
                "sms_reports": get("sms_reports"), "training_hours": _hours(get("training_micro")),
                "assistant_hours": _hours(get("assistant_micro")), "voice_response": contract.voice_response,
                "month_spec": contract.month_spec, "need_24_7": contract.need_24_7,
                "phone": contract.phone, "chat": contract.chat, "_contract_error": contract.error})
    frame = pd.DataFrame(rows)
    invoices = _price(frame, t)
    ev = pd.DataFrame(evaluations, columns=["customer", "quarter", "chats", "measured_aht", "agreed_before",
                                            "agreed_after", "changed"])
    return Rating(invoices, ev, errors, used, t, frame[list(INVOICE_USAGE)], events_refused=refused_count)


def _price(frame: pd.DataFrame, t: Tariff) -> pd.DataFrame:
    """Each invoice on the contract's plans, and the month's cheapest selection, on the
    vectorised engine (rows it cannot hold: the Decimal engine)."""
    usage = frame[list(INVOICE_USAGE)]
    best = recommend_many(usage, tariff=t)
    batch = price_batch(t, usage)
    index = batch.parts.index
    phone = np.array([index[p if isinstance(p, str) else None] for p in frame["phone"].tolist()], np.int64)
    chat = np.array([index[c if isinstance(c, str) else None] for c in frame["chat"].tolist()], np.int64)
    contract_error = frame["_contract_error"].to_numpy(dtype=object)
    total, errors = batch.selected(t, usage, phone, chat, contract_error == "")
    error = np.array([contract_error[r] or (f"contract plans: {errors[r]}" if r in errors else "")
                      for r in range(len(frame))], dtype=object)
    out = frame[["customer", "month", *INVOICE_USAGE]].rename(columns={"aht": "agreed_aht"})
    for name in ("training_hours", "assistant_hours"):
        out[name] = [float(v) for v in frame[name]]
    out["phone_plan"] = pd.Series(frame["phone"].tolist(), dtype=object).where(phone > 0, None)
    out["chat_plan"] = pd.Series(frame["chat"].tolist(), dtype=object).where(chat > 0, None)
    out["total"] = np.where(error == "", total, np.nan)
    out["best_phone"] = best["phone_plan"]
    out["best_chat"] = best["chat_plan"]
    out["best_total"] = best["total"].to_numpy(dtype=float)
    out["saving"] = np.round(out["total"].to_numpy(dtype=float) - out["best_total"].to_numpy(dtype=float), 2)
    out["error"] = error
    order = ["customer", "month", *[c for c in INVOICE_USAGE if c != "aht"], "agreed_aht", "phone_plan", "chat_plan",
             "total", "best_phone", "best_chat", "best_total", "saving", "error"]
    return out[order]

"""rate(): invoices from a contact log (PRICING.md rules 24-28).

Every contact of the log is counted into its customer's month (Europe/Amsterdam); call time is
billed per call, per second (a started second counts whole): a call of d s adds
max(0, ceil(d) - 90) to the month's billable call seconds. Chats are billed on the agreed AHT of
the customer's contract, evaluated after each quarter with chats (rule 27). Each customer of the
contracts gets an invoice for every month of the log's period, priced on the contract's plans by
the same engines as everything else (recommend_many: the invoice total, the cheapest selection
for that month, the saving), and its itemised lines (quote) on demand.

The log comes in chunks (`Rater.add`, or `Rater.prepare` in the file reader's thread and
`Rater.take` in the caller's: optimizer.jobs.rate reads files into them), read with Arrow and
numpy, and is summed per (customer, month) in int64 arrays over dense numbers (np.add.at: exact), so
the memory it takes is bounded by the number of customers x months, not of contacts.
A row that cannot be used (unknown customer or kind, bad time, a negative, non-numeric or
over-precise duration, a `foreign` that is not yes or no, a month outside the period) is reported
in `Rating.errors` with its row number, never dropped in silence. A contract
that cannot be priced (a plan that does not exist) stops the rating, naming the customer: every
invoice of that customer would be wrong. A log whose period (rule 31) runs over more than 24 months
stops too, naming its earliest and latest rows, unless the period is given.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal
from fractions import Fraction
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from optimizer.decisions.many import best_of
from optimizer.engines.batch import plan_codes, price_batch
from optimizer.engines.exact import quote
from optimizer.ground.errors import AnswerPlanError, RatingError, UsageError, shown
from optimizer.ground.money import format_amount, vat_cents
from optimizer.ground.months import Month
from optimizer.ground.usage import SECONDS_LIMIT, Usage, check_amount, limit_want
from optimizer.ground.words import word
from optimizer.pricing.tariff import Tariff, resolve_tariff
from optimizer.reading.cells import WANT_YES_NO, yes_no_or_value
from optimizer.reading.fields import CONTRACTS_SPEC, EVENTS_SPEC
from optimizer.reading.frames import id_column, read_frame

if TYPE_CHECKING:  # Arrow counts the logs; imported when a log is rated (Lite runs without it)
    import pyarrow as pa

__all__ = ["CONTRACT_FIELDS", "EVENT_FIELDS", "INVOICE_MONEY", "KINDS", "MAX_PERIOD", "Contract", "Rater", "Rating",
           "rate_frames", "read_contracts"]

KINDS = ("call", "forward", "outbound", "chat", "email_report", "sms_report", "training", "assistant")
DUTCH_KINDS = tuple(word("kind:" + k, "nl") for k in KINDS)  # gesprek, doorverbinding, ...: a Dutch log's words
EVENT_FIELDS = ("customer", "start", "kind", "seconds", "foreign")
CONTRACT_FIELDS = ("customer", "phone_plan", "chat_plan", "agreed_aht", "voice_response", "month_spec", "need_24_7")
TZ = "Europe/Amsterdam"
MICRO = 1_000_000  # durations are counted in microseconds, exactly
CHUNK = 1_000_000
GROUPED = 1_000_000  # contacts summed at once at most (Rater.take): some 40 MB of them waiting
SUMMED = 400_000  # ... and at least: each column of a group then under 4 MB, below numpy's huge pages
DENSE = 1 << 21  # (month, customer, kind) cells summed in arrays at most (_Grid: two of 16 MB); beyond, sorted sums
Cells = pd.DataFrame | Mapping[str, Any]  # a chunk of the log's fields by name: a frame, or a file's columns as read
LISTED = 100_000  # refused rows listed with their reasons (all are counted): a wrong file stays cheap
_OFFSET = r"(?:Z|z|[+-][0-9]{2}(?::?[0-9]{2})?)$"
MAX_PERIOD = 24  # months; a longer log is almost always a typo in a year (rule 31)
MAX_INVOICES = 2_000_000  # customers x months in one run: some 1.6 GB of invoices and their sums
Period = tuple[Month, Month]


@dataclass(frozen=True)
class Contract:
    customer: str
    phone: str | None
    chat: str | None
    agreed_aht: Decimal
    voice_response: bool
    month_spec: bool
    need_24_7: bool
    name: str = ""
    address: str = ""
    aht_given: bool = True  # False: the cell was blank (an agreed AHT of 0, rule 27)


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
    contracts: dict[str, Contract] = field(default_factory=dict, repr=False)  # by customer (name, address: documents)

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
    def invoices_in_error(self) -> int:
        """Invoices without a total: the contract's plans cannot serve that month (rules 3, 4)."""
        return int((self.invoices["error"].astype(str) != "").sum()) if len(self.invoices) else 0

    @property
    def chats_without_aht(self) -> int:
        """Contracts with a chat plan and a blank agreed AHT: their chats are billed on 0 s (rule 27's
        agreed AHT of 0) until a quarter with chats is evaluated. Said in the summary: a value
        forgotten would otherwise bill a quarter of chats at nothing without a word."""
        return sum(1 for c in self.contracts.values() if c.chat and not c.aht_given)

    @property
    def total_saving(self) -> Decimal:
        return Decimal(int(np.rint(self.invoices["saving"].fillna(0).to_numpy() * 100).sum())).scaleb(-2)

    def summary(self, lang: str = "en") -> str:
        def n(x: int) -> str:
            return f"{x:,}".replace(",", ".") if lang == "nl" else f"{x:,}"

        text = (f"{word('customers', lang)}: {n(self.customers)}, {word('months', lang)}: {self.months}, "
                f"{word('events used', lang)}: {n(self.events_used)}, {word('events refused', lang)}: "
                f"{n(self.refused)}{self._listed(lang)}")
        if self.invoices_in_error:
            text += f", {word('invoices with an error', lang)}: {n(self.invoices_in_error)}"
        if self.chats_without_aht:
            without = "chat contracts without an agreed AHT (their chats billed on 0 s until a quarter is evaluated)"
            text += f", {word(without, lang)}: {n(self.chats_without_aht)}"
        return (text + f", {word('total invoiced', lang)}: {format_amount(self.total_invoiced, lang)}, "
                f"{word('total possible saving', lang)}: {format_amount(self.total_saving, lang)}")


def _plan(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) or value == "" else str(value)


def _quantity(q: Any) -> Any:
    if isinstance(q, Fraction):
        return float(q)
    return int(q) if q == int(q) else float(q)


INVOICE_MONEY = ("total", "vat", "total_incl_vat", "best_total", "saving")
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


# ----------------------------------------------------------------------------- the contracts

def read_contracts(fields: pd.DataFrame, numbers: np.ndarray, t: Tariff, errors: dict[int, str] | None = None,
                   stopped: Callable[[], bool] | None = None) -> dict[str, Contract]:
    """The contracts (a frame of CONTRACTS_SPEC's fields, as read_frame or a file reader gives it)
    by customer. A contract that cannot be priced stops the rating, naming the customer and row: a
    plan that does not exist, an agreed AHT or a yes/no that is none, a customer twice or none."""
    contracts: dict[str, Contract] = {}
    customers = id_column(fields["customer"]).tolist()
    columns = {f: fields[f].tolist() if f in fields.columns else [None] * len(customers)
               for f in (*CONTRACT_FIELDS, "name", "address")}
    for k, customer in enumerate(customers):
        if stopped is not None and not k % 10_000 and stopped():  # the run ended elsewhere (an error, Ctrl-C)
            raise RatingError("contracts: not read to the end")
        row = int(numbers[k])
        if not customer:
            raise RatingError(f"contracts: row {row} has no customer")
        if customer in contracts:
            raise RatingError(f"contracts: customer {customer!r} is there twice (row {row}); one row per customer")
        if errors and k in errors:
            raise RatingError(f"contracts: customer {customer!r} (row {row}): {errors[k]}")
        cells = {f: column[k] for f, column in columns.items()}
        try:
            contracts[customer] = _contract(customer, cells, t)
        except AnswerPlanError as exc:
            raise RatingError(f"contracts: customer {customer!r} (row {row}): {exc}") from None
    return contracts


def _contract(customer: str, row: dict[str, Any], t: Tariff) -> Contract:
    phone = t.plan_name(_blank(row["phone_plan"]), "phone_plan")
    chat = t.plan_name(_blank(row["chat_plan"]), "chat_plan")
    aht = _blank(row["agreed_aht"])
    try:
        given = check_amount("aht", 0 if aht is None else aht)  # (aht's limits)
    except UsageError as exc:  # named as the contracts' column is
        beyond = exc.want == limit_want("aht")
        raise UsageError("agreed_aht", exc.value, limit_want("aht", "agreed_aht") if beyond else exc.want) from None
    agreed = given if isinstance(given, Decimal) else Decimal(given.numerator) / Decimal(given.denominator)
    flags = {}
    for f in ("voice_response", "month_spec", "need_24_7"):
        read = yes_no_or_value(row[f])
        if not isinstance(read, bool):
            raise AnswerPlanError(f"{f}: {read!r} is not {WANT_YES_NO}")
        flags[f] = read
    text = {f: "" if _blank(row.get(f)) is None else str(row[f]).strip() for f in ("name", "address")}
    return Contract(customer, phone, chat, agreed, flags["voice_response"], flags["month_spec"],
                    flags["need_24_7"], text["name"], text["address"], aht is not None)


def _blank(v: Any) -> Any:
    """A contract's cell, None when blank: missing (None, NaN, pandas' NA), empty or spaces."""
    return None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) \
        or (isinstance(v, str) and not v.strip()) else v


# ----------------------------------------------------------------------------- one chunk of the log

def _text(s: Any) -> pa.Array | None:
    """A column of text (pandas', or Arrow's as a file reader gives it) as Arrow (blanks empty), or
    None when it holds other things."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(s, (pa.Array, pa.ChunkedArray)):
        if isinstance(s, pa.ChunkedArray):
            s = s.combine_chunks()
        if pa.types.is_large_string(s.type):
            s = s.cast(pa.string())
        if not pa.types.is_string(s.type):
            return None
        return pc.fill_null(s, "") if s.null_count else s
    if pd.api.types.is_string_dtype(s.dtype) and s.dtype != object:
        found = pa.array(s, type=pa.string(), from_pandas=True)
        if isinstance(found, pa.ChunkedArray):  # a frame of pandas' Arrow strings, in several chunks
            found = found.combine_chunks()
        return pc.fill_null(found, "")
    if s.dtype == object:
        try:
            found = pa.array(s.to_numpy(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None
        if pa.types.is_string(found.type):
            return pc.fill_null(found, "")
    return None


def _series(column: Any) -> pd.Series:
    """A column of a chunk's cells as pandas' (Arrow's text in Arrow: pd.ArrowDtype, no copy)."""
    if isinstance(column, pd.Series):
        return column
    if hasattr(column, "type"):  # Arrow's
        return pd.Series(pd.arrays.ArrowExtensionArray(column), copy=False)
    return pd.Series(column)


def _cell(column: Any, k: int) -> Any:
    """Cell k of a column of a chunk's cells: pandas', Arrow's or numpy's."""
    if isinstance(column, pd.Series):
        return column.iat[k]
    v = column[k]
    return v.as_py() if hasattr(v, "as_py") else v


def _months(start: Any) -> tuple[np.ndarray, np.ndarray]:
    """(year * 12 + month - 1 in Europe/Amsterdam, valid) per row: a time with an offset (or Z)
    is converted; one without is Amsterdam time already (its own calendar month). ISO 8601 text
    is read by Arrow's parser in C++; a chunk with a time Arrow cannot read (or datetimes from a
    workbook) goes row by row, so the bad row is named."""
    text = _text(start)
    if text is not None:
        found = _months_arrow(text)
        if found is not None:
            return found
    return _months_rows(_series(start))


def _months_arrow(text: pa.Array) -> tuple[np.ndarray, np.ndarray] | None:
    """The months of a column of ISO 8601 text, or None when a cell is not one Arrow can read: the
    cells with an offset parsed as instants, the others as Amsterdam's wall clock, each kind in one
    cast (a failed cast is slow: which cells have an offset is told from their bytes first)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(text)
    if text.null_count or not pa.types.is_string(text.type):
        return None
    ends, first, last = _ends(text)
    if _any_space(first) or _any_space(last):
        text = pc.utf8_trim_whitespace(text)
        ends, first, last = _ends(text)
    offset = _offsets(text, ends, last)
    month = np.zeros(n, np.int32)
    for mask, kind in ((~offset, pa.timestamp("us")), (offset, pa.timestamp("us", tz="UTC"))):
        if not mask.any():
            continue
        every = bool(mask.all())
        try:
            times = pc.cast(text if every else text.take(pa.array(np.flatnonzero(mask))), kind)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None
        found = _local_months(times) if kind.tz is not None else _month_of(_days(times))[0]
        if every:
            return found, np.ones(n, bool)
        month[mask] = found
    return month, np.ones(n, bool)


def _offsets(text: pa.Array, ends: tuple[np.ndarray, np.ndarray], last: np.ndarray) -> np.ndarray:
    """The cells whose text ends in an offset: Z, +01:00, +0100 or +01 (a false guess is caught by
    the parser)."""
    zulu: np.ndarray = (last == ord("Z")) | (last == ord("z"))
    if zulu.all():  # a log written by a system, in UTC: nothing more to look at
        return zulu
    data = _data(text)
    long_ = ends[1] - ends[0] > 19
    sign = np.zeros(len(text), bool)
    for back in (6, 5, 3):
        at = np.clip(ends[1] - back, 0, len(data) - 1)
        sign |= long_ & np.isin(data[at], _SIGNS)
    found: np.ndarray = (zulu | sign) & (ends[1] > ends[0])
    return found


DAY = 86_400 * MICRO
AHEAD = 2 * 3600 * MICRO  # Amsterdam's clock is ahead of UTC, never behind, by at most two hours (tzdata, from 1835)
ARROW_TZ_UNTIL = 2_145_916_800 * MICRO  # 2038-01-01 UTC: Arrow applies no summer time from here on


def _days(times: pa.Array) -> np.ndarray:
    """Whole days since 1970-01-01 of Arrow timestamps (microseconds), as their clock reads."""
    return _day_of(_micros(times))


def _micros(times: pa.Array) -> np.ndarray:
    import pyarrow as pa

    micro: np.ndarray = times.cast(pa.int64()).to_numpy(zero_copy_only=False)
    return micro


def _day_of(micro: np.ndarray) -> np.ndarray:
    days: np.ndarray = np.floor_divide(micro, DAY)
    return days


def _local_months(times: pa.Array) -> np.ndarray:
    """The month in Amsterdam of each instant (timestamps in UTC). Amsterdam's clock is ahead of
    UTC by at most two hours (AHEAD; a test holds it over the whole time-zone database), so only an
    instant in the last two hours of a month (in UTC) can be in the next month in Amsterdam: only
    those (some 0.3%) go through the time-zone database."""
    import pyarrow as pa
    import pyarrow.compute as pc

    micro = _micros(times)
    days = _day_of(micro)
    month, last = _month_of(days)
    near = np.flatnonzero(last)
    near = near[micro[near] >= (days[near] + 1) * DAY - AHEAD]
    later = near[micro[near] >= ARROW_TZ_UNTIL]
    near = near[micro[near] < ARROW_TZ_UNTIL]
    if near.size:
        local = pc.local_timestamp(times.take(pa.array(near)).cast(pa.timestamp("us", tz=TZ)))
        month[near] = _month_of(_days(local))[0]
    if later.size:  # Arrow knows the clocks' changes only to 2037: zoneinfo reads the rule for the years after
        from zoneinfo import ZoneInfo

        zone, epoch = ZoneInfo(TZ), datetime(1970, 1, 1, tzinfo=UTC)
        month[later] = [_zone_month(epoch + timedelta(microseconds=m), zone) for m in micro[later].tolist()]
    return month


def _zone_month(t: datetime, zone: tzinfo) -> int:
    """The month index of an instant in a zone; the last hours of 9999 (UTC) are January 10000 there,
    which Python's dates do not hold (a month no period reaches: the row is refused, not a crash)."""
    try:
        local = t.astimezone(zone)
    except OverflowError:
        return 10_000 * 12
    return local.year * 12 + local.month - 1


def _month_of(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(_month_index of each day, whether the day is its month's last): worked out for each day of
    the days' span once, when that span is short (a log covers months, not centuries), and looked up."""
    if not days.size:
        return days, np.zeros(0, bool)
    low, high = int(days.min()), int(days.max()) + 1
    if high - low > max(days.size, 1000):
        month = _month_index(days)
        return month, _month_index(days + 1) != month
    table = _month_index(np.arange(low, high + 1, dtype=np.int64)).astype(np.int32)  # a month's index fits
    at = days - low
    last = np.concatenate([table[1:] != table[:-1], [False]])  # `high`, the day after the last: not asked
    return table[at], last[at]


def _month_index(days: np.ndarray) -> np.ndarray:
    """year * 12 + month - 1 of days since 1970-01-01 (the proleptic Gregorian calendar; the civil
    date of a day count, in whole numbers: Hinnant's algorithm)."""
    z = days + 719_468
    era = np.floor_divide(z, 146_097)
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    index: np.ndarray = year * 12 + month - 1
    return index


_SPACES = np.zeros(256, bool)
_SPACES[[9, 10, 11, 12, 13, 32]] = True
_SPACES[0x80:] = True  # may be a Unicode space


def _any_space(octets: np.ndarray) -> bool:
    """Whether a byte of these may be (the start of) a space (_SPACES); bytes all between the ASCII
    spaces and 0x80 (digits, letters: a time's first and last) are told by two reductions."""
    if not octets.size or (int(octets.min()) > 32 and int(octets.max()) < 0x80):
        return False
    return bool(_SPACES[octets].any())


_SIGNS = np.frombuffer(b"+-", np.uint8)


def _ends(text: pa.Array) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray, np.ndarray]:
    """((start, end) byte offsets, first byte, last byte) of every cell (0 for an empty one)."""
    offsets = np.frombuffer(text.buffers()[1], np.int32, len(text) + 1, text.offset * 4)  # files.cells.offsets_of's
    # reading (the core does not import the file readers): a slice's offset counts elements, frombuffer's bytes
    start, end = offsets[:-1], offsets[1:]
    data = _data(text)
    if len(text) and (end > start).all():  # no cell empty: the usual case, read directly
        return (start, end), data[start], data[end - 1]
    has = end > start
    first = np.where(has, data[np.clip(start, 0, len(data) - 1)], 0)
    last = np.where(has, data[np.clip(end - 1, 0, len(data) - 1)], 0)
    return (start, end), first, last


def _data(text: pa.Array) -> np.ndarray:
    """The bytes of a column of text (one zero byte when it has none: every cell empty, or a copy of
    a slice of empty cells, whose buffer Arrow leaves empty)."""
    data = text.buffers()[2]
    return np.frombuffer(data, np.uint8) if data is not None and data.size else np.zeros(1, np.uint8)


def _months_rows(start: pd.Series) -> tuple[np.ndarray, np.ndarray]:
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
    text = id_column(start)
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
        valid = parsed.notna().to_numpy()
        idx = np.flatnonzero(mask)
        if utc:  # Amsterdam's month of each instant as the Arrow path tells it (the last hours of 9999: 10000)
            import pyarrow as pa

            instants = parsed[valid].dt.tz_convert(None).to_numpy(dtype="datetime64[us]")
            month[idx[valid]] = _local_months(pa.array(instants, pa.timestamp("us", tz="UTC")))
        else:
            month[idx[valid]] = (parsed.dt.year * 12 + parsed.dt.month - 1).to_numpy()[valid].astype(np.int64)
        ok[idx[valid]] = True
    return month, ok


def _negative(cell: Any) -> bool:
    """Text that is a negative number in either decimal convention (-5, -1,5, -1.5)."""
    if not isinstance(cell, str) or not cell.strip().startswith("-"):
        return False
    try:
        return float(cell.strip().replace(",", ".")) < 0
    except ValueError:
        return False


def _micro(seconds: Any, n: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Durations in whole microseconds, (micro, valid, reason per row)."""
    reasons = _NO_REASONS if n <= len(_NO_REASONS) else [""] * n  # (a list of its own once one is written)
    if seconds is None:
        return np.zeros(n, np.int64), np.ones(n, bool), reasons
    raw = np.asarray(seconds)
    if raw.dtype == object:
        reasons = [""] * n
        values = np.full(n, np.nan)
        for k, v in enumerate(raw.tolist()):
            if v is None or (isinstance(v, str) and not v.strip()):
                values[k] = 0.0
            elif isinstance(v, (int, float, Decimal, Fraction)) and not isinstance(v, bool):
                values[k] = float(v)
            elif _negative(v):  # kept as written by the reader: a negative duration, rule 28 says so
                reasons[k] = f"seconds: a duration is a number >= 0 ({v.strip()})"
            else:
                reasons[k] = f"seconds: {v!r} is not a number"
    else:
        values = raw.astype(float, copy=False)
        if raw.dtype.kind == "f":
            blank = np.isnan(values)  # a blank cell of a frame: 0
            if blank.any():
                values = np.where(blank, 0.0, values)
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * MICRO
        micro = np.rint(scaled)
        if n and values.min() >= 0 and values.max() <= SECONDS_LIMIT:  # (a NaN fails it) every duration good
            off = np.subtract(micro, scaled)  # (as a file's column mostly is: told by reductions, without
            if np.abs(off, out=off).max() < 0.01:  # a mask per row)
                return micro.astype(np.int64), np.ones(n, bool), reasons
        ok = (values >= 0) & (values <= SECONDS_LIMIT)  # neither NaN nor an infinity is
        ok &= np.abs(micro - scaled) < 0.01
    if ok.all():
        return micro.astype(np.int64), ok, reasons
    reasons = reasons if reasons is not _NO_REASONS else [""] * n
    for k in np.flatnonzero(~ok).tolist():
        if not reasons[k]:
            v = values[k]
            reasons[k] = ("seconds: a duration is a number >= 0" if not np.isfinite(v) or v < 0 else
                          f"seconds: {shown(v)} is more than {SECONDS_LIMIT:,} (the limit per contact)"
                          if v > SECONDS_LIMIT else f"seconds: {v} has more than 6 decimals")
    return np.where(ok, micro, 0).astype(np.int64), ok, reasons


def _flags(values: Any, n: int) -> tuple[np.ndarray, list[str]]:
    """A yes/no column (foreign): (the flags, the reason per row where a cell is not yes or no)."""
    reasons = _NO_REASONS if n <= len(_NO_REASONS) else [""] * n
    if values is None:
        return np.zeros(n, bool), reasons
    if isinstance(values, np.ndarray) and values.dtype == bool:
        return values, reasons
    reasons = [""] * n
    out = np.zeros(n, bool)
    for k, v in enumerate(np.asarray(values, dtype=object).tolist()):
        read = yes_no_or_value(v)
        if isinstance(read, bool):
            out[k] = read
        else:
            reasons[k] = f"foreign: {read!r} is not {WANT_YES_NO}"
    return out, reasons


_NO_REASONS: list[str] = [""] * 1_000_000  # shared, never written: a column of yes/no read cleanly

SUM_COLUMNS = ("calls", "billable", "chats", "chat_micro", "forwards", "forward_secs", "outbound", "outbound_secs",
               "foreign_secs", "email_reports", "sms_reports", "training_micro", "assistant_micro", "events")
# what a contact of each kind adds to its month (rules 25-27): one to a count, its duration to a sum
# (a call its billable seconds, max(0, ceil(d) - free); a forward or an outbound call its started
# seconds; a chat, training or the assistant its exact microseconds), the started seconds of a
# foreign call, forward or outbound call to foreign_secs; every contact one to events
KIND_COUNTS = {"call": "calls", "forward": "forwards", "outbound": "outbound", "chat": "chats",
               "email_report": "email_reports", "sms_report": "sms_reports"}
KIND_TIMES = {"call": "billable", "forward": "forward_secs", "outbound": "outbound_secs", "chat": "chat_micro",
              "training": "training_micro", "assistant": "assistant_micro"}
_KIND_NAMES = list(dict.fromkeys(KINDS + DUTCH_KINDS))  # each word once (chat and training are both)
_KIND_OF = np.array([KINDS.index(w) if w in KINDS else DUTCH_KINDS.index(w) for w in _KIND_NAMES], np.int32)
_IN_MICRO = np.array([k in ("chat", "training", "assistant") for k in KINDS])
_CALLED = np.array([k in ("call", "forward", "outbound") for k in KINDS])


class Words(NamedTuple):
    """The words a column's cells are looked up in (_lookup), and whether each is as a cell is read
    (trimmed; and lowered, a space or a hyphen an underscore, when `lower`): told once, not per chunk."""

    values: pa.Array
    lower: bool
    plain: bool


def _words(values: Sequence[str], lower: bool = False) -> Words:
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.array(list(values), pa.string())
    return Words(array, lower, bool(pc.all(pc.equal(_normal(array, True, lower), array)).as_py()))


@cache
def _kind_words() -> Words:
    return _words(_KIND_NAMES, lower=True)


def _normal(cells: pa.Array, trim: bool, lower: bool) -> pa.Array:
    import pyarrow.compute as pc

    cells = pc.utf8_trim_whitespace(cells) if trim else cells
    return pc.replace_substring_regex(pc.utf8_lower(cells), "[ -]", "_") if lower else cells


def _lookup(s: Any, known: Words) -> tuple[np.ndarray, pa.Array]:
    """Each cell's index in the words (-1: not there) and the cells as looked up: text trimmed (and,
    when asked, lowered, with a space or a hyphen read as an underscore: `SMS-verslag`). A column
    whose cells are all among the words as they stand (a clean file's are) is looked up as it is:
    trimming would change none of them (when it changes none of the words)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = _text(s)
    trim = text is not None  # else ids from other cells (id_column), stripped already
    cells = text if text is not None else pa.array(id_column(_series(s)).tolist(), pa.string())
    found = pc.index_in(cells, value_set=known.values)
    if found.null_count or not known.plain:
        cells = _normal(cells, trim, known.lower)
        found = pc.index_in(cells, value_set=known.values)
    if found.null_count:
        found = pc.fill_null(found, -1)
    return found.to_numpy(zero_copy_only=False).astype(np.int32, copy=False), cells  # Arrow's own int32


class Read(NamedTuple):
    """One chunk of the log as read (Rater.prepare): per row the customer (its index in the
    contracts, -1: none) and its cell, the kind (its index in KINDS, -1: none), the month in
    Amsterdam, the duration in microseconds, the foreign flag, and whether each could be read (with
    the reasons where not); the cells and the row numbers, for the rows refused."""

    cells: Cells
    numbers: np.ndarray
    who: np.ndarray
    customer: pa.Array
    kind: np.ndarray
    month: np.ndarray
    time_ok: np.ndarray
    micro: np.ndarray
    secs_ok: np.ndarray
    secs_reason: list[str]
    foreign: np.ndarray
    foreign_reason: list[str]


def _read_chunk(cells: Cells, numbers: np.ndarray, known: Words) -> Read:
    """The cells of one chunk of the log read, vectorised in Arrow and numpy (customers as their
    index in `known`): what needs nothing of the chunks before."""
    n = len(numbers)
    who, customer = _lookup(cells["customer"], known)
    kind, _ = _lookup(cells["kind"], _kind_words())
    kind = np.where(kind >= 0, _KIND_OF[kind], -1)  # a Dutch word is its kind
    month, time_ok = _months(cells["start"])
    micro, secs_ok, secs_reason = _micro(np.asarray(cells["seconds"]) if "seconds" in cells else None, n)
    foreign, foreign_reason = _flags(np.asarray(cells["foreign"]) if "foreign" in cells else None, n)
    return Read(cells, numbers, who, customer, kind, month, time_ok, micro, secs_ok, secs_reason, foreign,
                foreign_reason)


def _use(read: Read, free: int, room: int = LISTED, period: Period | None = None
         ) -> tuple[Contacts, list[dict[str, Any]], int, list[tuple[int, int]]]:
    """The contacts used of a chunk read, its first `room` refused rows (with their reasons), the
    number of rows it refused, and (month, row) of its earliest and latest contact used."""
    cells, numbers, who, customer, kind, month, time_ok, micro, secs_ok, secs_reason, foreign, foreign_reason = read
    n = len(numbers)
    kind_text, start = cells["kind"], cells["start"]
    dated = (month >= 12) & (month < 10_000 * 12)  # a calendar month (years 1-9999) in Amsterdam
    foreign_ok = np.ones(n, bool) if foreign_reason is _NO_REASONS else np.array([not r for r in foreign_reason], bool)
    inside = np.ones(n, bool) if period is None else (month >= period[0].index) & (month <= period[1].index)
    kind_ok, cust_ok = kind >= 0, who >= 0
    input_error = np.asarray(cells["_input_error"]) if "_input_error" in cells else None
    ok = kind_ok & cust_ok & time_ok & dated & secs_ok & foreign_ok & inside
    if input_error is not None:
        ok &= input_error == ""
    refused = []
    shown_seconds = cells.get("_seconds_text", cells.get("seconds"))  # as the file wrote it (1,5), where it is text
    not_ok = np.flatnonzero(~ok)
    for k in not_ok[:max(room, 0)].tolist():
        c = customer[k].as_py()
        reason = (input_error[k] if input_error is not None and input_error[k] else
                  f"customer {c!r} is not in the contracts" if not cust_ok[k] else
                  f"kind: {_cell(kind_text, k)!r} is not one of {', '.join(KINDS)} (in Dutch {', '.join(DUTCH_KINDS)})"
                  if not kind_ok[k] else
                  f"start: {_cell(start, k)!r} is not a time (ISO 8601, e.g. 2026-03-02T10:00:00+01:00)"
                  if not time_ok[k] else
                  f"start: {_cell(start, k)} is not in the years 1 to 9999 in Amsterdam" if not dated[k] else
                  secs_reason[k] or foreign_reason[k] or
                  f"start: {_cell(start, k)} is outside the period {_period_text(period)}")
        refused.append({"row": int(numbers[k]), "customer": c, "start": _show(_cell(start, k)),
                        "kind": _show(_cell(kind_text, k)),
                        "seconds": _show(_cell(shown_seconds, k)) if shown_seconds is not None else "",
                        "reason": reason})
    if not_ok.size:
        who, month, kind, micro, foreign, numbers = (a[ok] for a in (who, month, kind, micro, foreign, numbers))
    extremes = [(int(month[k]), int(numbers[k])) for k in (np.argmin(month), np.argmax(month))] if month.size else []
    return _contacts(who, month, kind, micro, foreign, free), refused, int(not_ok.size), extremes


class Contacts(NamedTuple):
    """The contacts used, one row each: the customer (its index in the contracts), the month, the
    kind (its index in KINDS), what its duration adds to its KIND_TIMES column and its foreign
    seconds. Kept a while (Rater.take), to be summed many chunks at once."""

    who: np.ndarray
    month: np.ndarray
    kind: np.ndarray
    duration: np.ndarray
    foreign: np.ndarray


def _contacts(who: np.ndarray, month: np.ndarray, kind: np.ndarray, micro: np.ndarray, foreign: np.ndarray,
              free: int) -> Contacts:
    """The contacts used, from their durations in microseconds and foreign flags."""
    whole = np.negative(micro)  # a started second counts whole: -(-micro // MICRO), in place
    np.floor_divide(whole, MICRO, out=whole)
    np.negative(whole, out=whole)
    # a call's first seconds are free (rule 25); a kind counted without its time (a report) frees
    # all of them: max(whole - free, 0) is then 0, with no second mask
    free_of = np.array([free if k == "call" else 0 if k in KIND_TIMES else SECONDS_LIMIT + 1 for k in KINDS])
    seconds = free_of[kind]
    np.subtract(whole, seconds, out=seconds)
    np.maximum(seconds, 0, out=seconds)
    duration = np.where(_IN_MICRO[kind], micro, seconds)
    abroad = np.zeros(len(whole), np.int64)  # the started seconds of a foreign call, forward or outbound call
    at = np.flatnonzero(foreign)  # a few
    abroad[at] = np.where(_CALLED[kind[at]], whole[at], 0)
    return Contacts(who, month, kind, duration, abroad)


MONTH_KEYS = 1 << 17  # a month's index (year * 12 + month - 1, years to 9999) is below this
Sums = tuple[np.ndarray, dict[str, np.ndarray]]  # (customer * MONTH_KEYS + month, a sum per column)


def _sums(contacts: Contacts) -> Sums:
    """Per (customer, month) sums of contacts: a count and a sum of durations per (customer, month,
    kind), each added in place (exact in int64), split into the columns by KIND_COUNTS and KIND_TIMES."""
    cell, keys = _cells(contacts.who, contacts.month)
    width = len(KINDS)
    bins, size = cell * width + contacts.kind, len(keys) * width
    counts, times, foreign = np.zeros(size, np.int64), np.zeros(size, np.int64), np.zeros(len(keys), np.int64)
    _sum_into(counts, times, foreign, bins, cell, contacts)
    return keys, _columns(counts.reshape(-1, width), times.reshape(-1, width), foreign)


def _sum_into(counts: np.ndarray, times: np.ndarray, foreign: np.ndarray, bins: np.ndarray, cell: np.ndarray,
              contacts: Contacts) -> None:
    """Contacts added to sums in place: a count and a duration to each one's bin (cell x kind), its
    foreign seconds to its cell. np.add.at adds in int64, exact (a float bincount is not past 2^53),
    and touches only the bins it adds to: no array over every cell made per chunk, whose pages the
    allocator would hand back and fault in again (a fifth of a fresh process's rating)."""
    np.add.at(counts, bins, 1)
    np.add.at(times, bins, contacts.duration)
    abroad = np.flatnonzero(contacts.foreign)  # a few: foreign calls
    if abroad.size:
        np.add.at(foreign, cell[abroad], contacts.foreign[abroad])


def _columns(counts: np.ndarray, times: np.ndarray, foreign: np.ndarray) -> dict[str, np.ndarray]:
    """The SUM_COLUMNS of (customer, month) pairs from their counts and times per kind (a row
    each, a column per kind) and their foreign seconds: split by KIND_COUNTS and KIND_TIMES."""
    sums = {c: counts[:, KINDS.index(k)] for k, c in KIND_COUNTS.items()}
    sums |= {c: times[:, KINDS.index(k)] for k, c in KIND_TIMES.items()}
    sums["foreign_secs"] = foreign
    sums["events"] = counts.sum(axis=1)  # every contact is of one kind
    return sums


def _cells(who: np.ndarray, month: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (customer, month) pairs numbered densely: (each row's number, each number's key,
    customer * MONTH_KEYS + month, ascending). The pairs are counted off directly over their span
    (customers x months from the first to the last) when it is modest, else sorted."""
    if not who.size:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    low = int(month.min())
    span = int(month.max()) - low + 1
    pair = who.astype(np.int64) * span + (month - low)  # customers x months may pass int32
    if (int(who.max()) + 1) * span <= max(4 * who.size, 1 << 20):
        present = np.bincount(pair).astype(bool)
        numbered = np.flatnonzero(present)
        cell = (np.cumsum(present) - 1)[pair]
    else:
        numbered, cell = np.unique(pair, return_inverse=True)
    keys: np.ndarray = numbered // span * MONTH_KEYS + numbered % span + low
    return cell, keys


def _add(totals: Sums, part: Sums) -> Sums:
    """The sums so far plus more (both by ascending key): added in place, in int64, where a key is
    there already; the keys that are not are put in their places."""
    keys, sums = totals
    more, added = part
    at = np.searchsorted(keys, more)
    there = at < keys.size  # and, of those, where the key found is the one looked for:
    there[there] = keys[at[there]] == more[there]
    for c in SUM_COLUMNS:
        sums[c][at[there]] += added[c][there]  # the keys of `part` are distinct: each lands once
    if there.all():
        return totals
    new = ~there
    return np.insert(keys, at[new], more[new]), {c: np.insert(sums[c], at[new], added[c][new]) for c in SUM_COLUMNS}


class _Grid:
    """Sums of contacts kept in arrays over (month, customer, kind), for the months seen so far: a
    chunk is added in place (_sum_into), with nothing sorted, grouped or kept waiting. For a log
    whose months x customers x kinds stay within DENSE (a few thousand customers over a year or
    two); Rater keeps sorted sums (_sums, _add) beyond that."""

    def __init__(self, customers: int) -> None:
        self.customers, self.low, self.span = customers, 0, 0  # the months low .. low + span - 1
        self.counts = self.times = np.zeros(0, np.int64)  # per (month, customer, kind)
        self.foreign = np.zeros(0, np.int64)  # per (month, customer)

    def add(self, contacts: Contacts) -> bool:
        """The contacts summed in; False (nothing added) when their months would take the arrays
        beyond DENSE cells."""
        who, month, kind = contacts.who, contacts.month, contacts.kind
        if not who.size:
            return True
        first, last = int(month.min()), int(month.max())
        low, high = (first, last) if not self.span else (min(self.low, first), max(self.low + self.span - 1, last))
        width, customers = len(KINDS), self.customers
        if (high - low + 1) * customers * width > DENSE:
            return False
        if (low, high - low + 1) != (self.low, self.span):
            self._widen(low, high - low + 1)
        cell = (month - self.low).astype(np.int64) * customers + who
        _sum_into(self.counts, self.times, self.foreign, cell * width + kind, cell, contacts)
        return True

    def _widen(self, low: int, span: int) -> None:
        width, customers = len(KINDS), self.customers
        before = (self.low - low) * customers if self.span else 0  # cells of months added in front
        counts, times = np.zeros(span * customers * width, np.int64), np.zeros(span * customers * width, np.int64)
        foreign = np.zeros(span * customers, np.int64)
        kept = self.span * customers
        counts[before * width:(before + kept) * width] = self.counts
        times[before * width:(before + kept) * width] = self.times
        foreign[before:before + kept] = self.foreign
        self.low, self.span, self.counts, self.times, self.foreign = low, span, counts, times, foreign

    def sums(self) -> Sums:
        """The sums as _sums gives them: the (customer, month) pairs with a contact, by ascending key."""
        span, customers, width = self.span, self.customers, len(KINDS)

        def pairs(a: np.ndarray, kinds: int) -> np.ndarray:  # a row per (customer, month), customer first
            return a.reshape(span, customers, kinds).transpose(1, 0, 2).reshape(customers * span, kinds)

        counts = pairs(self.counts, width)
        present = np.flatnonzero(counts.any(axis=1))
        keys = present // span * MONTH_KEYS + present % span + self.low
        return keys, _columns(counts[present], pairs(self.times, width)[present], pairs(self.foreign, 1)[present, 0])


def _period_text(period: Period | None) -> str:
    return "" if period is None else f"{period[0]}..{period[1]}"


def _show(v: Any) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):  # a blank cell, however it came
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


# ----------------------------------------------------------------------------- rule 27

def _quarters(first: int, last: int) -> tuple[list[int], list[str]]:
    """The first month of each calendar quarter of the period (of the first: the period's first),
    and the quarter's name (2026-Q1)."""
    starts = [first, *range(first - first % 3 + 3, last + 1, 3)]
    return starts, [f"{m // 12}-Q{m % 12 // 3 + 1}" for m in starts]


class Agreed(NamedTuple):
    """What rule 27 gives for all customers at once: the agreed AHT billed in each quarter (floats,
    customers x quarters) and the quarter evaluations (a frame of EVALUATION_COLUMNS)."""

    billed: np.ndarray
    evaluations: pd.DataFrame


def _agreed(contracts: list[Contract], chats: np.ndarray, micro: np.ndarray, quarters: list[str]) -> Agreed:
    """The agreed AHT billed in each quarter of the period (`quarters`: their names; `chats` and
    `micro`: customers x quarters, their chats and those chats' microseconds), and the quarter
    evaluations: after each calendar quarter with chats, a deviation of 10% or more (or an agreed
    AHT of 0) makes the measured AHT, rounded half-up to whole seconds, the agreed one from the next
    quarter. In whole numbers (an agreed AHT is num / den, the measured one secs / (MICRO x chats)),
    all customers a quarter at a time: in int64 where every product fits, else Python's ints."""
    ratios = [c.agreed_aht.as_integer_ratio() for c in contracts]
    most = int(micro.max(initial=0)) + MICRO * int(chats.max(initial=0))
    big = max([*(abs(n) + d for n, d in ratios), 1000]) * most
    kind: Any = np.int64 if big < 2**58 else object  # every product and sum below is at most 20 x big: exact
    num = np.array([n for n, _ in ratios], kind)
    den = np.array([d for _, d in ratios], kind)
    count, secs = chats.astype(kind), micro.astype(kind)
    billed = np.zeros(chats.shape, float)
    found: list[tuple[np.ndarray, ...]] = []
    for q in range(chats.shape[1]):
        billed[:, q] = _quotients(num, den)
        has = np.flatnonzero(count[:, q] > 0)
        if not has.size:
            continue
        n, d, c, s = num[has], den[has], count[has, q], secs[has, q]
        scale = c * MICRO
        change = (n == 0) | (abs(s * d - n * scale) * 10 >= n * scale)
        after_num = np.where(change, (2 * s + scale) // (2 * scale), n)  # rounded half-up to whole seconds
        after_den = np.where(change, 1, d)
        milli, rest = (s * 1000) // scale, (s * 1000) % scale  # the measured AHT to the millisecond, half-even
        milli = milli + ((2 * rest > scale) | ((2 * rest == scale) & (milli % 2 == 1)))
        found.append((has, np.full(has.size, q), c, milli, n, d, after_num, after_den))
        num[has], den[has] = after_num, after_den
    if not found:
        return Agreed(billed, pd.DataFrame(columns=EVALUATION_COLUMNS))
    who, at, c, milli, n0, d0, n1, d1 = (np.concatenate(part) for part in zip(*found, strict=True))
    order = np.lexsort((at, who))  # each customer's quarters in turn
    who, at, c, milli, n0, d0, n1, d1 = (a[order] for a in (who, at, c, milli, n0, d0, n1, d1))
    names = np.array(quarters, dtype=object)
    return Agreed(billed, pd.DataFrame({
        "customer": np.array([contracts[k].customer for k in who.tolist()], dtype=object), "quarter": names[at],
        "chats": c.astype(np.int64), "measured_aht": [m / 1000 for m in milli.tolist()],
        "agreed_before": _nums(n0, d0), "agreed_after": _nums(n1, d1),
        "changed": (n0 != n1) | (d0 != d1)}, columns=EVALUATION_COLUMNS))


def _quotients(num: np.ndarray, den: np.ndarray) -> np.ndarray | list[float]:
    """num / den correctly rounded, as Python's int / int: in float64 where both are below 2^53 (held
    exactly, and IEEE division rounds correctly), else by Python."""
    if num.dtype != object and (not num.size or max(int(np.abs(num).max()), int(den.max())) < 2**53):
        quotients: np.ndarray = num / den
        return quotients
    return [n / d for n, d in zip(num.tolist(), den.tolist(), strict=True)]


def _nums(num: np.ndarray, den: np.ndarray) -> list[int | float]:
    """Each num / den as an int when whole, else its float (the fractions are in lowest terms)."""
    return [n if d == 1 else n / d for n, d in zip(num.tolist(), den.tolist(), strict=True)]


class Hours(NamedTuple):
    """Seconds of work (in microseconds) as hours: `exact` (floats where every value has at most
    three decimals, else an object column with a Fraction where a value has more: 4,800 s = 4/3 h),
    `nearest` (the floats), and `near` (the rows whose float is only the nearest: vector.columns)."""

    exact: pd.Series
    nearest: np.ndarray
    near: np.ndarray


def _hours(micro: np.ndarray) -> Hours:
    hour = MICRO * 3600
    exact = (micro * 1000) % hour == 0
    if micro.size and int(micro.max()) >= 2**53:  # beyond a float's whole numbers: divided by Python
        values = [m / hour if ok else Fraction(m, hour) for m, ok in zip(micro.tolist(), exact.tolist(), strict=True)]
        return Hours(pd.Series(values, dtype=object), np.array([float(v) for v in values]), ~exact)
    hours = micro / hour  # correctly rounded, as Python's int / int
    if exact.all():
        return Hours(pd.Series(hours), hours, ~exact)
    mixed = hours.astype(object)
    distinct, at = np.unique(micro[~exact], return_inverse=True)  # Fractions are slow to make: one a value
    fractions = np.empty(len(distinct), object)
    fractions[:] = [Fraction(m, hour) for m in distinct.tolist()]
    mixed[~exact] = fractions[at]
    return Hours(pd.Series(mixed, dtype=object), hours, ~exact)


# ----------------------------------------------------------------------------- rate

class Rater:
    """Invoices from a contact log, a chunk at a time: `add` each chunk of events (a frame of
    EVENTS_SPEC's fields and their row numbers), then `finish`."""

    def __init__(self, contracts: dict[str, Contract], t: Tariff, period: Period | None = None) -> None:
        check_period(period)
        self.contracts, self.t, self.period = contracts, t, period
        self.free = t.free_seconds("billable_call_seconds")
        self.totals: Sums | None = None  # the sums so far: memory bounded by customers x months
        self.waiting: list[Contacts] = []  # and the contacts not summed yet (_sum_waiting)
        # or all of them in arrays over (month, customer, kind), while those stay within DENSE cells
        self.grid: _Grid | None = _Grid(len(contracts)) if len(contracts) * len(KINDS) <= DENSE else None
        self.known = _words(list(contracts))
        self.refused: list[dict[str, Any]] = []
        self.refused_count = 0
        self.ids = set(contracts)
        self.first: tuple[int, int] | None = None  # (month, row) of the earliest contact used
        self.last: tuple[int, int] | None = None

    def add(self, cells: Cells, numbers: np.ndarray) -> None:
        self.take(self.prepare(cells, numbers))

    def prepare(self, cells: Cells, numbers: np.ndarray) -> Read | None:
        """A chunk's cells read (_read_chunk): work that needs nothing of the chunks before, so the
        reader's thread may prepare the next chunks while `take` counts this one in. `cells`: the
        chunk's fields by name (a frame, or a file's columns as read: Arrow's text, numpy's numbers),
        `numbers`: its rows' numbers (one a row)."""
        return _read_chunk(cells, numbers, self.known) if len(numbers) else None

    def take(self, read: Read | None) -> None:
        """A chunk read counted in, in the log's order: its contacts used (summed into the grid,
        or beyond it in groups), its refused rows counted (the first LISTED of the log kept, with
        their reasons)."""
        if read is None:
            return
        contacts, bad, count, extremes = _use(read, self.free, LISTED - len(self.refused), self.period)
        self.refused_count += count
        self.refused += bad
        if self.grid is not None and not self.grid.add(contacts):  # months beyond DENSE: sorted sums from here on
            self.totals, self.grid = self.grid.sums(), None
        if self.grid is None:
            self.waiting.append(contacts)
            kept = 0 if self.totals is None else len(self.totals[0])
            if sum(len(c.who) for c in self.waiting) >= min(GROUPED, max(SUMMED, kept)):
                self._sum_waiting()
        for m, row in extremes:
            if self.first is None or (m, row) < self.first:
                self.first = (m, row)
            if self.last is None or m > self.last[0] or (m == self.last[0] and row < self.last[1]):
                self.last = (m, row)

    def _sum_waiting(self) -> None:
        """The contacts waiting summed into the totals: a group of SUMMED contacts (their arrays
        small enough for the caches and for plain pages), or as many as the totals have sums (the
        work of adding to them grows with their number: a log of many customers) up to GROUPED;
        not every chunk the reader gives (some 100,000 rows) on its own."""
        if self.waiting:
            part = _sums(Contacts(*(np.concatenate(column) for column in zip(*self.waiting, strict=True))))
            self.totals = part if self.totals is None else _add(self.totals, part)
            self.waiting = []

    def finish(self) -> Rating:
        t = self.t
        if self.grid is not None:
            self.totals = self.grid.sums()
        self._sum_waiting()
        errors = pd.DataFrame(self.refused, columns=["row", "customer", "start", "kind", "seconds", "reason"])
        totals = self.totals
        used = int(totals[1]["events"].sum()) if totals is not None else 0
        if self.period is not None:
            first, last = self.period[0].index, self.period[1].index
        elif totals is None or not totals[0].size:
            return _empty(errors, used, t, self.refused_count)
        else:
            assert self.first is not None and self.last is not None
            first, last = self.first[0], self.last[0]
            if last - first + 1 > MAX_PERIOD:
                raise RatingError(
                    f"events: the log runs from {Month.of(first)} (row {self.first[1]:,}) to {Month.of(last)} "
                    f"(row {self.last[1]:,}): {last - first + 1:,} months. A period over {MAX_PERIOD} months is "
                    f"almost always a typo in a year; correct the row, or say «period {Month.of(first)}..YYYY-MM» "
                    "(rows outside the period are then refused)")
        # every contract's customer for every month of the period: a grid of sums, filled from the keys
        customers = list(self.contracts.values())
        span = last - first + 1
        check_invoices(len(customers), span)
        grid = {c: np.zeros((len(customers), span), np.int64) for c in SUM_COLUMNS}
        if totals is not None and totals[0].size:
            who, when = totals[0] // MONTH_KEYS, totals[0] % MONTH_KEYS - first
            inside = (when >= 0) & (when < span)
            for c in SUM_COLUMNS:
                grid[c][who[inside], when[inside]] = totals[1][c][inside]
        quarters, names = _quarters(first, last)
        starts = np.array(quarters) - first  # each quarter's first column in the grid
        per_quarter = {c: np.add.reduceat(grid[c], starts, axis=1) for c in ("chats", "chat_micro")}
        agreed = _agreed(customers, per_quarter["chats"], per_quarter["chat_micro"], names)
        n = len(customers) * span
        if not n:
            return _empty(errors, used, t, self.refused_count)

        def each(values: Sequence[str | None]) -> Any:  # a text per customer, on each of its months
            return _texts(values, np.repeat(np.arange(len(values)), span))

        months = [str(Month.of(first + k)) for k in range(span)]
        aht = np.repeat(agreed.billed, np.diff([*starts, span]), axis=1)  # a quarter's, on its months
        training, assistant = _hours(grid["training_micro"].ravel()), _hours(grid["assistant_micro"].ravel())
        frame = pd.DataFrame({
            "customer": each([c.customer for c in customers]),
            "month": _texts(months, np.tile(np.arange(span), len(customers))),
            "calls": grid["calls"].ravel(), "billable_call_seconds": grid["billable"].ravel(),
            "chats": grid["chats"].ravel(), "aht": aht.ravel(), "forwards": grid["forwards"].ravel(),
            "total_forward_seconds": grid["forward_secs"].ravel(), "outbound_calls": grid["outbound"].ravel(),
            "total_outbound_seconds": grid["outbound_secs"].ravel(), "foreign_seconds": grid["foreign_secs"].ravel(),
            "email_reports": grid["email_reports"].ravel(), "sms_reports": grid["sms_reports"].ravel(),
            "training_hours": training.exact, "assistant_hours": assistant.exact,
            "voice_response": np.repeat([c.voice_response for c in customers], span),
            "month_spec": np.repeat([c.month_spec for c in customers], span),
            "need_24_7": np.repeat([c.need_24_7 for c in customers], span),
            "phone": each([c.phone for c in customers]), "chat": each([c.chat for c in customers])})
        invoices = _price(frame, t, {"training_hours": training, "assistant_hours": assistant})
        return Rating(invoices, agreed.evaluations, errors, used, t, frame[list(INVOICE_USAGE)],
                      events_refused=self.refused_count, contracts=self.contracts)


EVALUATION_COLUMNS = ["customer", "quarter", "chats", "measured_aht", "agreed_before", "agreed_after", "changed"]
INVOICE_COLUMNS = ["customer", "month", *[c for c in INVOICE_USAGE if c != "aht"], "agreed_aht", "phone_plan",
                   "chat_plan", "total", "vat", "total_incl_vat", "best_phone", "best_chat", "best_total", "saving",
                   "error"]


def _empty(errors: pd.DataFrame, used: int, t: Tariff, refused: int) -> Rating:
    return Rating(pd.DataFrame(columns=INVOICE_COLUMNS), pd.DataFrame(columns=EVALUATION_COLUMNS), errors, used, t,
                  events_refused=refused)


def check_period(period: Period | str | None) -> Period | None:
    """A period as given (FROM..TO text, or a pair of months) read, and refused when it ends before
    it starts."""
    if isinstance(period, str):
        period = parse_period(period)
    if period is not None and period[1] < period[0]:
        raise RatingError(f"«period {period[0]}..{period[1]}»: the period ends before it starts")
    return period


def check_invoices(customers: int, months: int) -> None:
    """A run invoices every customer for every month: at most MAX_INVOICES of them, said before the
    memory runs out (a period of centuries, or a million contracts over a year)."""
    if customers * months > MAX_INVOICES:
        raise RatingError(f"contracts: {customers:,} customers x {months:,} months is {customers * months:,} invoices, "
                          f"over the {MAX_INVOICES:,} one run makes; rate the customers in parts (a contracts file "
                          "each), or a shorter «period FROM..TO»")


def parse_period(text: str) -> Period:
    """'2026-01..2026-12' (any month form of rule 31 on either side) as (first, last)."""
    from optimizer.reading.cells import month

    first, sep, last = str(text).partition("..")
    if not sep or not first.strip() or not last.strip():
        raise RatingError(f"«period {text}»: a period is FROM..TO, e.g. 2026-01..2026-12")
    try:
        return month(first, "period"), month(last, "period")
    except AnswerPlanError as exc:
        raise RatingError(f"«period {text}»: {exc}") from None


def rate_frames(events: pd.DataFrame, contracts: pd.DataFrame, *, tariff: Tariff | str | None = None,
                period: Period | str | None = None) -> Rating:
    """Invoices from a contact log and the contracts given as DataFrames, their columns named as
    the fields or as a file's headers may be (`Klant`, `Begintijd`, `Soort`, `Duur`)."""
    t = resolve_tariff(tariff)
    c = read_frame(contracts, CONTRACTS_SPEC, source="contracts")
    known = read_contracts(c.fields, np.arange(1, len(c.fields) + 1), t, c.errors)
    rater = Rater(known, t, parse_period(period) if isinstance(period, str) else period)
    e = read_frame(events, EVENTS_SPEC, source="events")
    fields = e.fields
    if e.errors:
        fields = fields.assign(_input_error=pd.Series([e.errors.get(i, "") for i in range(len(fields))], dtype=object))
    for start in range(0, max(len(fields), 1), CHUNK):
        part = fields.iloc[start:start + CHUNK].reset_index(drop=True)
        rater.add(part, np.arange(start + 1, start + len(part) + 1))
    return rater.finish()


def _price(frame: pd.DataFrame, t: Tariff, hours: dict[str, Hours]) -> pd.DataFrame:
    """Each invoice on the contract's plans, and the month's cheapest selection, on the
    vectorised engine (rows it cannot hold: the Decimal engine, from the exact hours)."""
    usage = frame[list(INVOICE_USAGE)]
    nearest = usage.assign(**{name: h.nearest for name, h in hours.items()})  # read fast, `near` told
    # once: the contract's plans and the month's cheapest from the same parts
    batch = price_batch(t, nearest, {name: h.near for name, h in hours.items()})
    best_phone, best_chat, best_total = best_of(t, usage, batch, {})
    phone, chat = plan_codes(t, frame["phone"])[0], plan_codes(t, frame["chat"])[0]  # the contracts' (checked)
    total, errors = batch.selected(t, usage, phone, chat)
    out = frame[["customer", "month", *INVOICE_USAGE]].rename(columns={"aht": "agreed_aht"})
    for name, h in hours.items():
        out[name] = h.nearest
    names = [None, *t.plans]
    out["phone_plan"], out["chat_plan"] = _texts(names, phone), _texts(names, chat)
    total = np.array(total, dtype=float)
    total[list(errors)] = np.nan  # no total on plans that cannot serve the month (said in `error`)
    out["total"] = total
    tax = _vat_cents(t, out["total"].to_numpy(dtype=float))
    out["vat"] = tax / 100
    out["total_incl_vat"] = (np.rint(out["total"].to_numpy(dtype=float) * 100) + tax) / 100
    out["best_phone"], out["best_chat"] = _texts(names, best_phone), _texts(names, best_chat)
    out["best_total"] = best_total
    out["saving"] = np.round(out["total"].to_numpy(dtype=float) - out["best_total"].to_numpy(dtype=float), 2)
    notes = [""] + [f"contract plans: {errors[r]}" for r in errors]  # a row without one: the first, ""
    at = np.zeros(len(frame), np.int64)
    at[list(errors)] = np.arange(1, len(errors) + 1)
    out["error"] = _texts(notes, at)
    return out[INVOICE_COLUMNS]


def _texts(values: Sequence[str | None], at: np.ndarray) -> Any:
    """pandas' text column of values[at], made in Arrow (pandas would look at each of its cells)."""
    import pyarrow as pa

    return pd.array(pa.array(values, pa.large_string()).take(pa.array(at)), dtype="str")


def _vat_cents(t: Tariff, totals: np.ndarray) -> np.ndarray:
    """Rule 32 per invoice, in cents (NaN where the invoice has no total): money.vat_cents on all of
    them at once, so the rule has one home."""
    out = np.full(len(totals), np.nan)
    ok = ~np.isnan(totals)
    cents = np.rint(totals[ok] * 100).astype(np.int64)
    out[ok] = np.asarray(vat_cents(t.vat_rate, cents), np.float64)
    return out

"""The fast paths of rate() (issue 18) give what the rules give: the month in Amsterdam without
the time-zone database for most contacts, exact int64 sums from float bincounts, the contacts
summed many chunks at once, the ids looked up as they stand, hours as exact Fractions; against
zoneinfo, Python's own sums and the brute force of tests/test_rating.py."""
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest

import optimizer.decisions.rating as rating
from optimizer import rate
from optimizer.ground.usage import SECONDS_LIMIT
from tests.test_rating import brute, contracts, ev, random_log

AMS = ZoneInfo("Europe/Amsterdam")


def month_index(text: str) -> int:
    """year * 12 + month - 1 in Amsterdam, by zoneinfo (a time without an offset is Amsterdam's)."""
    t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    local = t.astimezone(AMS) if t.tzinfo else t
    return local.year * 12 + local.month - 1


def near_turns(seed: int, n: int) -> list[str]:
    """Times within a day or two of a month's turn (either side, summer and winter, leap days, the
    nights the clocks change), in UTC, with offsets from -12:00 to +14:00, and without."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        turn = datetime(rng.choice([1999, 2024, 2025, 2026, 2028]), rng.randint(1, 12), 1, tzinfo=UTC)
        t = turn + timedelta(seconds=rng.randint(-2 * 86400, 2 * 86400))
        if rng.random() < 0.1:  # the clocks change: the last Sundays of March and October, 01:00 UTC
            t = datetime(2026, rng.choice([3, 10]), rng.choice([25, 29]), 1, tzinfo=UTC) + \
                timedelta(seconds=rng.randint(-7200, 7200))
        style = rng.randrange(5)
        if style == 0:
            out.append(t.strftime("%Y-%m-%dT%H:%M:%SZ"))
        elif style == 1:
            zone = timezone(timedelta(minutes=rng.choice([-720, -570, -300, -60, 0, 60, 120, 330, 765, 840])))
            out.append(t.astimezone(zone).isoformat())
        elif style == 2:  # +0100 and +01
            text = t.astimezone(timezone(timedelta(hours=rng.choice([-5, 1, 2])))).isoformat()
            out.append(text[:-3] + text[-2:] if rng.random() < 0.5 else text[:-3])
        else:
            out.append(t.astimezone(AMS).replace(tzinfo=None).isoformat(sep=rng.choice("T ")))
    return out


@pytest.mark.parametrize("dtype", ["str", object])
@pytest.mark.parametrize("seed", range(6))
def test_the_month_in_amsterdam_near_every_turn(seed, dtype):
    texts = near_turns(seed, 3000)
    if seed % 2:  # one kind only: the column cast whole, without splitting it
        texts = [t for t in texts if t.endswith("Z")] or texts
    month, ok = rating._months(pd.Series(texts, dtype=dtype))
    assert ok.all()
    assert month.tolist() == [month_index(t) for t in texts]


@pytest.mark.parametrize("far", [False, True])
def test_the_month_of_days_and_the_days_at_a_turn(far):
    days = np.array([-1, 0, 15, 30, 31, 45, 58, 59, 788], np.int64)  # 31 Dec 1969 to 28 Feb 1972 (a leap year)
    if far:  # a span of millennia: worked out day by day, not from a table
        days = np.concatenate([days, [2_900_000]])
    month, last = rating._month_of(days)
    dates = [datetime(1970, 1, 1) + timedelta(days=d) for d in days.tolist()]
    assert month.tolist() == [d.year * 12 + d.month - 1 for d in dates]
    assert last.tolist()[:9] == [True, False, False, True, False, False, True, False, False]  # 28 Feb 1970: a last
    assert last.tolist()[9:] == [(d + timedelta(days=1)).month != d.month for d in dates[9:]]


def test_amsterdam_is_ahead_of_utc_by_at_most_two_hours_at_every_turn_of_a_month():
    """What _local_months stands on (AHEAD): every instant from three hours before to three hours
    after each month's turn (UTC), 1800-2200, every ten minutes, is in the month zoneinfo says."""
    import pyarrow as pa

    turns = [datetime(y, m, 1, tzinfo=UTC) for y in range(1800, 2201) for m in range(1, 13)]
    instants = [t + timedelta(minutes=k) for t in turns for k in range(-180, 181, 10)]
    micro = np.array([int((t - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(microseconds=1)) for t in instants])
    got = rating._local_months(pa.array(micro, pa.timestamp("us", tz="UTC")))
    want = [(lambda a: a.year * 12 + a.month - 1)(t.astimezone(AMS)) for t in instants]
    assert got.tolist() == want
    assert all(timedelta(0) < t.astimezone(AMS).utcoffset() <= timedelta(seconds=rating.AHEAD // rating.MICRO)
               for t in instants)


def test_a_log_read_from_a_file_rated_as_the_brute_force_says(tmp_path):
    rows = [{"customer": f"{k % 3:04d}", "start": text, "kind": ("call", "chat", "forward")[k % 3],
             "seconds": (89.5, 181, 3600.000001)[k % 3], "foreign": k % 5 == 0}
            for k, text in enumerate(near_turns(7, 400))]
    contract_rows = [("0000", "BASIC", "SMART", 180), ("0001", "PLUS", "BASIC", 0), ("0002", "SMART", "PLUS", 200)]
    events = tmp_path / "events.csv"
    pd.DataFrame(rows).assign(foreign=[("yes" if r["foreign"] else "") for r in rows]).to_csv(events, index=False)
    (tmp_path / "contracts.csv").write_text("customer,phone_plan,chat_plan,agreed_aht\n" + "".join(
        f"{c},{p},{q},{a}\n" for c, p, q, a in contract_rows))
    r = rate(events, tmp_path / "contracts.csv", period="1998-01..2029-12")
    want = brute(rows, contract_rows)
    got = {(i["customer"], i["month"]): i for i in r.invoices.to_dict("records")}
    for key, total in want.items():  # the log's months (the period around them: fees only)
        if not got[key]["error"]:
            assert Decimal(f"{got[key]['total']:.2f}") == total, key
    assert r.events_used == len(rows) and r.errors.empty


def test_sums_stay_exact_beyond_two_to_the_53():
    """The sums of durations are exact int64 past 2^53 (a float's whole numbers end there), in the
    sorted sums and in the grid alike."""
    rng = np.random.default_rng(18)
    n = 60_000
    duration = rng.integers(0, SECONDS_LIMIT * rating.MICRO, n, dtype=np.int64)  # some 1.5 x 10^16 a customer
    contacts = rating.Contacts(rng.integers(0, 2, n).astype(np.int32), np.full(n, 24_300, np.int32),
                               np.zeros(n, np.int32), duration, np.zeros(n, np.int64))
    _, sums = rating._sums(contacts)
    want = [sum(d for d, w in zip(duration.tolist(), contacts.who.tolist(), strict=True) if w == k) for k in range(2)]
    assert sums["billable"].tolist() == want
    assert min(want) > 2**53  # a float sum would have rounded
    grid = rating._Grid(2)
    assert grid.add(contacts)
    assert grid.sums()[1]["billable"].tolist() == want


def test_long_trainings_sum_to_exact_hours():
    n = 10_000  # 10,000 x 999,999.999999 s: 9,999,999,999,990,000 microseconds, above 2^53
    events = pd.DataFrame([ev("c", "2026-05-02T10:00:00", "training", 999_999.999999)] * n)
    r = rate(events, contracts(("c", "BASIC", "", 0)))
    assert r.usage is not None
    assert r.usage["training_hours"].iat[0] == Fraction(n * 999_999_999_999, rating.MICRO * 3600)


@pytest.mark.parametrize("seed", range(8))
def test_the_cells_of_customers_and_months(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3000))
    who = rng.integers(0, [5, 4000, 2_000_000][seed % 3], n)
    month = rng.integers(24_000, 24_000 + [1, 13, 200_000 // 2][seed % 3], n)  # the last: sorted, not counted
    cell, keys = rating._cells(who, month)
    want, inverse = np.unique(who * rating.MONTH_KEYS + month, return_inverse=True)
    assert keys.tolist() == want.tolist() and cell.tolist() == inverse.tolist()


def test_adding_sums_in_place_and_new_keys_in_order():
    def sums(keys, base):
        return np.array(keys, np.int64), {c: np.arange(len(keys), dtype=np.int64) + base for c in rating.SUM_COLUMNS}

    keys, got = rating._add(sums([3, 5, 9], 10), sums([1, 5, 7, 12], 100))
    assert keys.tolist() == [1, 3, 5, 7, 9, 12]
    assert got["events"].tolist() == [100, 10, 11 + 101, 102, 12, 103]
    keys, again = rating._add((keys, got), sums([1, 12], 1000))  # all there: in place
    assert keys.tolist() == [1, 3, 5, 7, 9, 12] and again["calls"].tolist() == [1100, 10, 112, 102, 12, 1104]


def random_contacts(rng: np.random.Generator, n: int, customers: int, months: int, low: int = 24_300,
                    large: float = 0.01) -> rating.Contacts:
    kind = rng.integers(0, len(rating.KINDS), n)  # `large`: the share of durations near 2^50 (sums past 2^53)
    duration = np.where(rng.random(n) < large, 2**50 + rng.integers(0, 2**40, n), rng.integers(0, 10**9, n))
    foreign = np.where(rng.random(n) < 0.1, rng.integers(1, 5000, n), 0)
    return rating.Contacts(rng.integers(0, customers, n).astype(np.int32),
                           rng.integers(low, low + months, n).astype(np.int32), kind.astype(np.int32), duration,
                           foreign)


def same_sums(a: rating.Sums, b: rating.Sums) -> None:
    assert a[0].tolist() == b[0].tolist()
    for c in rating.SUM_COLUMNS:
        assert a[1][c].tolist() == b[1][c].tolist(), c


@pytest.mark.parametrize("seed", range(16))
def test_the_grid_sums_as_the_sorted_sums_do(seed):
    """_Grid (arrays over month, customer and kind) gives exactly _sums' keys and sums, chunk by
    chunk, whatever order the months come in (the arrays widened in front and behind)."""
    rng = np.random.default_rng(seed)
    customers = int(rng.integers(1, [3, 50][seed % 2]))
    grid = rating._Grid(customers)
    parts = []
    for _ in range(int(rng.integers(1, 6))):
        part = random_contacts(rng, int(rng.integers(0, 400)), customers, int(rng.integers(1, 4)),
                               low=24_300 + int(rng.integers(-5, 6)), large=[0.9, 0.01][seed % 2])
        assert grid.add(part)
        parts.append(part)
    every = rating.Contacts(*(np.concatenate(c) for c in zip(*parts, strict=True)))
    if not every.who.size:
        assert not grid.span or not grid.sums()[0].size
        return
    same_sums(grid.sums(), rating._sums(every))


def test_the_grid_refuses_months_beyond_its_cells(monkeypatch):
    monkeypatch.setattr(rating, "DENSE", 10 * len(rating.KINDS) * 3)  # ten customers over three months
    grid = rating._Grid(10)
    rng = np.random.default_rng(1)
    first = random_contacts(rng, 50, 10, 3)
    assert grid.add(first)
    counts = grid.counts.copy()
    assert not grid.add(random_contacts(rng, 50, 10, 1, low=24_303))  # a fourth month: nothing added
    assert grid.counts.tolist() == counts.tolist() and grid.span == 3
    same_sums(grid.sums(), rating._sums(first))


@pytest.mark.parametrize("dense", [1 << 21, 0, 40])  # arrays; sorted sums only; arrays, then sorted sums
@pytest.mark.parametrize("grouped, summed", [(1, 1), (5, 5), (64, 64), (1_000_000, 400_000), (40, 3)])
@pytest.mark.parametrize("seed", range(6))
def test_chunks_and_groups_change_nothing(monkeypatch, seed, grouped, summed, dense):
    events, contract_rows = random_log(100 + seed)
    frame = pd.DataFrame(events)
    whole = rate(frame, contracts(*contract_rows))
    monkeypatch.setattr(rating, "CHUNK", 7)  # the log in chunks of 7 contacts, summed in groups of `summed`
    monkeypatch.setattr(rating, "GROUPED", grouped)  # contacts, or as many as the sums kept, up to `grouped`
    monkeypatch.setattr(rating, "SUMMED", summed)
    monkeypatch.setattr(rating, "DENSE", dense)  # the cells the grid may take
    parts = rate(frame, contracts(*contract_rows))
    pd.testing.assert_frame_equal(parts.invoices, whole.invoices)
    pd.testing.assert_frame_equal(parts.evaluations, whole.evaluations)
    assert parts.events_used == whole.events_used == len(events)


@pytest.mark.parametrize("seed", range(6))
def test_the_grid_full_midway_hands_its_sums_on(monkeypatch, seed):
    """A log in time order whose months outgrow the grid midway: the sums so far go on as sorted
    sums, and the invoices are those of the log rated whole."""
    events, contract_rows = random_log(200 + seed)
    events.sort(key=lambda e: datetime.fromisoformat(e["start"].replace("Z", "+00:00")).replace(tzinfo=None))
    frame = pd.DataFrame(events)
    whole = rate(frame, contracts(*contract_rows))
    monkeypatch.setattr(rating, "CHUNK", 7)
    monkeypatch.setattr(rating, "DENSE", len(contract_rows) * len(rating.KINDS) * 3)  # three months' cells
    handed = []
    monkeypatch.setattr(rating._Grid, "sums", lambda self, sums=rating._Grid.sums: handed.append(self.span) or
                        sums(self))
    parts = rate(frame, contracts(*contract_rows))
    pd.testing.assert_frame_equal(parts.invoices, whole.invoices)
    assert handed and handed[0] >= 1 and parts.events_used == len(events)  # the grid held sums when full


def test_a_month_that_comes_late_in_the_log(monkeypatch):
    monkeypatch.setattr(rating, "CHUNK", 2)
    monkeypatch.setattr(rating, "GROUPED", 2)
    rows = [ev("b", "2026-02-01T10:00:00", "call", 100), ev("a", "2026-03-01T10:00:00", "chat", 200)] * 3
    rows += [ev("a", "2026-01-31T23:30:00Z", "call", 95), ev("b", "2026-04-01T00:30:00+03:00", "forward", 9.5)]
    r = rate(pd.DataFrame(rows), contracts(("a", "BASIC", "BASIC", 0), ("b", "PLUS", "", 0)))
    inv = r.invoices.set_index(["customer", "month"])
    assert inv.loc[("a", "2026-02"), "billable_call_seconds"] == 5  # 00:30 on 1 February in Amsterdam
    assert inv.loc[("a", "2026-03"), "chats"] == 3 and inv.loc[("b", "2026-02"), "calls"] == 3
    assert inv.loc[("b", "2026-03"), ["forwards", "total_forward_seconds"]].tolist() == [1, 10]  # 23:30 on 31 March
    assert len(r.invoices) == 2 * 2


def test_ids_and_kinds_looked_up_trimmed_and_in_any_case():
    rows = [ev(" 0042 ", "2026-05-02T10:00:00", " Call", 100), ev("0042", "2026-05-02T10:00:00", "CHAT ", 60),
            ev("0042\u00a0", "2026-05-02T10:00:00", "call", 100), ev(" 42", "2026-05-02T10:00:00", "call", 1)]
    r = rate(pd.DataFrame(rows), contracts(("0042", "BASIC", "BASIC", 0)))
    assert (r.invoices["calls"].tolist(), r.invoices["chats"].tolist()) == ([2], [1])
    assert r.errors["reason"].tolist() == ["customer '42' is not in the contracts"]
    numbers = pd.DataFrame([ev(1200, "2026-05-02T10:00:00", "call", 100), ev(7, "2026-05-02T10:00:00", "call", 100)])
    r = rate(numbers, contracts(("1200", "BASIC", "", 0)))
    assert r.invoices["calls"].tolist() == [1]
    assert r.errors["reason"].tolist() == ["customer '7' is not in the contracts"]


def test_hours_exact_as_floats_or_fractions():
    hour = rating.MICRO * 3600
    micro = np.array([0, hour, 4_800 * rating.MICRO, 4_800 * rating.MICRO, 1, 3_600_000, 2**60, 2**60 + 1], np.int64)
    got = rating._hours(micro)
    want = [m / hour if (m * 1000) % hour == 0 else Fraction(m, hour) for m in micro.tolist()]
    assert got.exact.tolist() == want and [type(g) for g in got.exact] == [type(w) for w in want]
    assert got.nearest.tolist() == [float(w) for w in want]  # the nearest float of each, for the fast read
    assert got.near.tolist() == [isinstance(w, Fraction) for w in want]  # and which are only near
    assert rating._hours(micro[:2]).exact.dtype == np.float64
    assert rating._hours(micro[:6]).exact.tolist() == want[:6]  # below 2^53: divided by numpy, the same


def _agreed_one_by_one(agreed: Decimal, chats: list[int], micro: list[int]) -> tuple[list[Decimal], list[tuple]]:
    """Rule 27 for one customer in Decimals, quarter after quarter, as PRICING.md says it (the
    measured AHT to the millisecond in Decimal's own half-even quantize)."""
    billed, evaluations = [], []
    for count, secs in zip(chats, micro, strict=True):
        billed.append(agreed)
        if count:
            measured = Decimal(secs) / (rating.MICRO * count)
            before = agreed
            if agreed == 0 or abs(measured - agreed) >= agreed / 10:
                agreed = (measured + Decimal("0.5")).to_integral_value(rounding="ROUND_FLOOR")
            evaluations.append((count, float(measured.quantize(Decimal("0.001"))), before, agreed, agreed != before))
    return billed, evaluations


@pytest.mark.parametrize("huge", [False, True])
def test_rule_27_for_all_customers_at_once_as_one_by_one(huge):
    """_agreed works on every customer a quarter at a time, in int64 (or Python's ints when a
    product could pass 2^63): the same billed AHT and evaluations as the rule quarter by quarter."""
    rng = random.Random(27 + huge)
    people, quarters = 300, 5
    agreed = [Decimal(rng.choice(["0", "1", "180", "180.5", "95.25", "33.333", "600"])) for _ in range(people)]
    chats = np.array([[rng.choice([0, 0, 1, 2, 3, 10, 997]) for _ in range(quarters)] for _ in range(people)])
    scale = 10**13 if huge else 1
    micro = np.array([[c * rng.randint(0, 900 * rating.MICRO) * scale + rng.choice([0, 500, rating.MICRO // 2])
                       for c in row] for row in chats.tolist()], dtype=object if huge else np.int64)
    if huge:
        micro = micro.astype(object)
    people_ = [rating.Contract(f"C{k}", "BASIC", "BASIC", a, False, False, False) for k, a in enumerate(agreed)]
    names = [f"2026-Q{q + 1}" for q in range(quarters)]
    got = rating._agreed(people_, chats, micro if not huge else np.array(micro.tolist(), dtype=object), names)
    rows = got.evaluations.itertuples(index=False)
    for k, a in enumerate(agreed):
        billed, evaluations = _agreed_one_by_one(a, chats[k].tolist(), [int(m) for m in micro[k].tolist()])
        assert got.billed[k].tolist() == [float(b) for b in billed]
        for count, measured, before, after, changed in evaluations:
            row = next(rows)
            assert (row.customer, row.chats, row.measured_aht, row.changed) == (f"C{k}", count, measured, changed)
            assert Decimal(str(row.agreed_before)) == before and Decimal(str(row.agreed_after)) == after
    assert next(rows, None) is None


def test_summer_time_after_2037_moves_a_late_call_into_the_next_month():
    """Arrow's time-zone rules stop in 2037; 22:30 UTC on 31 July 2040 is 00:30 on 1 August in
    Amsterdam (summer time), and in winter 23:30 UTC on 31 January 2040 is 00:30 on 1 February."""
    log = pd.DataFrame([ev("1", start, "call", 100) for start in (
        "2040-07-31T22:30:00Z", "2040-07-31T21:30:00Z", "2040-01-31T23:30:00Z", "2040-01-31T22:30:00+00:00")])
    r = rate(log, contracts(("1", "BASIC", "", 0)), period="2040-01..2040-08")
    calls = dict(zip(r.invoices["month"], r.invoices["calls"], strict=True))
    assert (calls["2040-01"], calls["2040-02"], calls["2040-07"], calls["2040-08"]) == (1, 1, 1, 1)


def test_the_last_hour_of_9999_is_refused_not_a_crash():
    """9999-12-31T23:30:00Z is January 10000 in Amsterdam, a month no calendar of ours holds: that
    row is refused with its reason (a placeholder date of an export), the others are rated."""
    log = pd.DataFrame([ev("1", "9999-12-31T23:30:00Z", "call", 10), ev("1", "2026-01-05T10:00:00Z", "call", 10)])
    r = rate(log, contracts(("1", "BASIC", "", 0)))
    assert r.errors["reason"].tolist() == ["start: 9999-12-31T23:30:00Z is not in the years 1 to 9999 in Amsterdam"]
    assert r.invoices["month"].tolist() == ["2026-01"] and r.invoices["calls"].tolist() == [1]


def test_the_shared_list_of_no_reasons_is_never_written():
    """_micro and _flags hand out one shared list of empty reasons when a column reads cleanly; a
    column with a bad cell gets a list of its own, so the shared one stays empty for the next chunk."""
    rows = [ev("a", "2026-05-02T10:00:00", "call", 100), ev("a", "2026-05-02T10:00:00", "call", -5),
            ev("a", "2026-05-02T10:00:00", "call", 10**7), ev("a", "2026-05-02T10:00:00", "call", 1.0000001)]
    r = rate(pd.DataFrame(rows), contracts(("a", "BASIC", "", 0)))
    assert [x.split(":")[0] for x in r.errors["reason"]] == ["seconds"] * 3
    micro, ok, reasons = rating._micro(np.array([1.5, 2.0]), 2)
    assert micro.tolist() == [1_500_000, 2_000_000]
    assert ok.all() and reasons is rating._NO_REASONS
    assert not any(rating._NO_REASONS)


def _rated(cells_of, rows, contract_rows):
    """rate()'s Rater fed a log in two chunks, each chunk's cells as `cells_of` makes them."""
    from optimizer.pricing.tariff import load_tariff
    from optimizer.reading.fields import CONTRACTS_SPEC
    from optimizer.reading.frames import read_frame

    t = load_tariff()
    c = read_frame(contracts(*contract_rows), CONTRACTS_SPEC, source="contracts")
    rater = rating.Rater(rating.read_contracts(c.fields, np.arange(1, len(c.fields) + 1), t, c.errors), t)
    half = len(rows) // 2
    for a, b in ((0, half), (half, len(rows))):
        rater.add(cells_of(rows[a:b]), np.arange(a + 1, b + 1))
    return rater.finish()


@pytest.mark.parametrize("arrow", ["string", "large_string", "chunked", "nulls"])
@pytest.mark.parametrize("seed", range(6))
def test_a_files_columns_are_read_as_a_frame_of_the_same_cells(seed, arrow):
    """The file reader hands the rating its columns as read (Arrow's text, numpy's numbers, the
    seconds as the file wrote them), no frame made: the same invoices and the same refused rows,
    with the same reasons, as the same cells in a frame (the API's way in). Hostile rows too."""
    import pyarrow as pa

    events, contract_rows = random_log(seed)
    events += [ev("nobody", "2026-03-01T10:00:00Z", "call", 5), ev("0000", "yesterday", "call", 5),
               ev("0000", "2026-03-01T10:00:00Z", "fax", 5), ev("0000", "2026-03-01T10:00:00Z", "call", -5),
               ev(" 0000 ", "2026-03-01T10:00:00Z", " Call ", 5), ev("", "", "", 0)]
    random.Random(seed).shuffle(events)

    def text(values):
        if arrow == "nulls":
            return pa.array([v or None for v in values], pa.string())  # a blank cell missing (Parquet)
        column = pa.array(values, pa.large_string() if arrow == "large_string" else pa.string())
        return pa.chunked_array([column[:3], column[3:]]) if arrow == "chunked" else column

    def frame(rows):
        return pd.DataFrame({"customer": [r["customer"] for r in rows], "start": [r["start"] for r in rows],
                             "kind": [r["kind"] for r in rows], "seconds": [float(r["seconds"]) for r in rows],
                             "_seconds_text": [f"{float(r['seconds'])}".replace(".", ",") for r in rows]})

    def columns(rows):
        return {"customer": text([r["customer"] for r in rows]), "start": text([r["start"] for r in rows]),
                "kind": text([r["kind"] for r in rows]), "seconds": np.array([float(r["seconds"]) for r in rows]),
                "_seconds_text": text([f"{float(r['seconds'])}".replace(".", ",") for r in rows])}

    want, got = _rated(frame, events, contract_rows), _rated(columns, events, contract_rows)
    pd.testing.assert_frame_equal(got.invoices, want.invoices)
    pd.testing.assert_frame_equal(got.errors, want.errors)
    assert len(want.errors) == 5 and "-5,0" in want.errors["seconds"].tolist()
    assert (got.events_used, got.events_refused) == (want.events_used, want.events_refused)


def test_a_space_at_a_times_ends_is_told_as_the_table_tells_it():
    """_any_space tells bytes between the ASCII spaces and 0x80 by two reductions, the others by
    the table of spaces (a Unicode space starts with a byte from 0x80): the same for every byte."""
    for byte in range(256):
        for around in ([], [ord("2")], [ord("Z"), ord("0")]):
            octets = np.array([*around, byte], np.uint8)
            assert rating._any_space(octets) is bool(rating._SPACES[octets].any()), (byte, around)
    assert rating._any_space(np.zeros(0, np.uint8)) is False


@pytest.mark.parametrize("seed", range(4))
def test_a_chunk_read_row_by_row_gives_amsterdams_months_as_arrow_does(seed):
    """A chunk with a time Arrow cannot read goes row by row (pandas' parser): each instant gets its
    month in Amsterdam as the Arrow path gives it (the time-zone database to 2037, zoneinfo after),
    and the last hours of 9999 are a month no calendar holds, refused, not a crash."""
    starts = [*near_turns(seed, 300), "9999-12-31T23:30:00Z", "2040-07-31T22:30:00Z", "2040-01-31T23:30:00+00:00"]
    by_arrow, ok_arrow = rating._months(pd.Series(starts))
    by_rows, ok_rows = rating._months(pd.Series([*starts, "yesterday"]))
    assert ok_arrow.all() and ok_rows[:-1].all() and not ok_rows[-1]
    assert by_rows[:-1].tolist() == by_arrow.tolist()
    assert by_rows[len(starts) - 3] == 10_000 * 12  # (January 10000 in Amsterdam)
    log = pd.DataFrame([ev("1", "yesterday", "call", 10), ev("1", "9999-12-31T23:30:00Z", "call", 10),
                        ev("1", "2026-01-05T10:00:00Z", "call", 10)])
    r = rate(log, contracts(("1", "BASIC", "", 0)))
    assert [x.split(" is ")[0] for x in r.errors["reason"]] == ["start: 'yesterday'", "start: 9999-12-31T23:30:00Z"]
    assert r.invoices["calls"].tolist() == [1]


def test_the_plan_columns_of_the_invoices_are_text_also_when_none_has_a_plan():
    """phone_plan, chat_plan, best_phone, best_chat and error are pandas' text columns (missing: NaN)
    whether some rows or no row has a plan: a log of calls only, contracts without chat."""
    r = rate(pd.DataFrame([ev("1", "2026-01-05T10:00:00Z", "call", 10)]), contracts(("1", "BASIC", "", 0)))
    for column in ("phone_plan", "chat_plan", "best_phone", "best_chat", "error"):
        assert r.invoices[column].dtype == "str", column
    assert r.invoices["chat_plan"].isna().all() and r.invoices["best_chat"].isna().all()
    assert r.invoices["phone_plan"].tolist() == ["BASIC"] and r.invoices["error"].tolist() == [""]


def test_agreed_aht_quotients_round_as_python_does():
    """An agreed AHT num / den billed as a float: numpy's division of whole numbers below 2^53 is
    Python's int / int (correctly rounded), to the last bit; beyond, Python's own."""
    rng = np.random.default_rng(27)
    for high in (1000, 2**30, 2**53 - 1):
        num, den = rng.integers(0, high, 5000), rng.integers(1, high, 5000)
        got = rating._quotients(num, den)
        assert [float(x).hex() for x in got] == [(n / d).hex() for n, d in zip(num.tolist(), den.tolist(), strict=True)]
    big = np.array([2**60 + 1, 7], object), np.array([3, 2**59 + 5], object)
    assert rating._quotients(*big) == [(2**60 + 1) / 3, 7 / (2**59 + 5)]

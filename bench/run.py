"""`make bench`: every speed figure of answer-plan beside its floor, measured in this one run.

A floor is the least the same job could cost here: one pass over the input columns, a bare
pyarrow CSV read and write of the same file, a bare HiGHS solve of the same model, quote() under
an Excel function. The ratio (figure / floor) is what to compare between machines and runs: the
machine is shared and noisy, ratios from one run are steadier than seconds.

    python bench/run.py            # everything, the 10,000,000-row files too (a few minutes)
    python bench/run.py --quick    # without the 10,000,000-row files
"""
from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import customers, median_seconds

from optimizer import Usage, choose, load_tariff, quote, recommend, recommend_many, schedule
from optimizer.decisions.recommend import Numbers, _kept_model, _pick_solver
from optimizer.decisions.schedule import schedule_many
from optimizer.decisions.search import NONE, price_all
from optimizer.engines.exact import Priced
from optimizer.ground.usage import AMOUNT_FIELDS, USAGE_FIELDS
from optimizer.jobs.bulk import bulk_file
from optimizer.jobs.rate import rate_files
from xl_addin import udfs

EXE = Path(sys.executable).parent / "answer-plan"


@dataclass
class Row:
    figure: str
    value: float
    unit: str
    floor: float | None
    floor_what: str
    target: str
    met: bool | None

    def cells(self) -> list[str]:
        ratio = f"{self.value / self.floor:,.1f}x" if self.floor else ""
        floor = f"{_fmt(self.floor, self.unit)} ({self.floor_what})" if self.floor is not None else self.floor_what
        met = "" if self.met is None else ("yes" if self.met else "NO")
        return [self.figure, _fmt(self.value, self.unit), floor, ratio, self.target, met]


def _fmt(x: float, unit: str) -> str:
    if unit == "s":
        return f"{x:.2f} s" if x < 100 else f"{x:.0f} s"
    if unit == "ms":
        return f"{x * 1e3:.2f} ms"
    if unit == "us":
        return f"{x * 1e6:.1f} us"
    if unit == "MB":
        return f"{x:,.0f} MB"
    return f"{x:,.0f} {unit}"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


M = TypeVar("M", float, tuple[float, float])  # seconds, or (seconds, peak MB)


def paired(floor: Callable[[], float], measure: Callable[[], M], repeat: int) -> tuple[float, M]:
    """The least of `repeat` runs of a floor and of the figure measured against it, taken in turns:
    a busy spell of the shared machine falls on both sides alike, not on one side's block of runs."""
    floors: list[float] = []
    measured: list[M] = []
    for _ in range(repeat):
        floors.append(floor())
        measured.append(measure())
    return min(floors), min(measured)


_LAUNCH = ("import os, subprocess, sys\n"
           "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
           "_, status, use = os.wait4(p.pid, 0)\n"
           "print(use.ru_maxrss)\n"
           "sys.exit(os.waitstatus_to_exitcode(status))\n")


def run_cli(args: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB) of one answer-plan process: started by a small launcher, so
    its peak is its own (a process forked from this large one would count this one's pages)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _LAUNCH, str(EXE), *args], capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"answer-plan {' '.join(args)} failed: {done.stderr}")
    return took, int(done.stdout.split()[-1]) / 1024


def one_pass(frame: pd.DataFrame) -> float:
    """The floor of bulk pricing: touch every input column once (a sum of each)."""
    cols = [frame[c].to_numpy() for c in frame.columns]
    return median_seconds(lambda: [np.add.reduce(c, dtype=np.float64) for c in cols], repeat=5, warmup=1)


def csv_floor(path: Path, out: Path) -> float:
    """A bare pyarrow read (every cell as text) and write of the same file."""
    def job() -> None:
        sep = ";" if path.read_bytes()[:200].count(b";") > 2 else ","
        table = pcsv.read_csv(path, parse_options=pcsv.ParseOptions(delimiter=sep),
                              convert_options=pcsv.ConvertOptions(default_column_type=pa.string()))
        pcsv.write_csv(table, out, write_options=pcsv.WriteOptions(delimiter=sep))
    return timed(job)


_FLOOR = ("import sys, pyarrow as pa, pyarrow.csv as pcsv\n"
          "src, out, sep = sys.argv[1], sys.argv[2], sys.argv[3]\n"
          "table = pcsv.read_csv(src, parse_options=pcsv.ParseOptions(delimiter=sep),\n"
          "                      convert_options=pcsv.ConvertOptions(default_column_type=pa.string()))\n"
          "if out != '-':\n"
          "    pcsv.write_csv(table, out, write_options=pcsv.WriteOptions(delimiter=sep))\n")


def process_floor(path: Path, out: Path | None) -> float:
    """The floor of a command: a process that starts Python, imports pyarrow, reads the file (every
    cell as text) and, given `out`, writes it: what the command would cost if it did nothing else."""
    sep = ";" if path.read_bytes()[:200].count(b";") > 2 else ","
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _FLOOR, str(path), str(out) if out else "-", sep], check=True)
    return time.perf_counter() - start


def write_customer_csv(path: Path, rows: int, dutch: bool = False) -> None:
    """The benchmark's customer base as a CSV, as Excel writes it in English or Dutch
    (semicolons, decimal commas, ja/nee, Dutch headers)."""
    block = customers(min(rows, 1_000_000))
    block.insert(0, "customer_id", [f"C{i:08d}" for i in range(len(block))])
    block["current_phone"], block["current_chat"] = "PREMIUM", "PLUS"
    table = pa.Table.from_pandas(block, preserve_index=False)
    if dutch:
        names = {"customer_id": "klantnummer", "calls": "gesprekken", "call_seconds": "gespreksduur (sec)",
                 "chats": "e-mails/chats", "aht": "afhandeltijd", "forwards": "doorverbindingen",
                 "forward_seconds": "doorverbindtijd", "outbound_calls": "telefoonoproepen",
                 "outbound_seconds": "gesprekstijd telefoonoproep", "foreign_minutes": "minuten buitenland",
                 "voice_response": "voiceresponse", "email_reports": "gespreksverslagen via mail",
                 "sms_reports": "gespreksverslagen via sms", "month_spec": "maandspecificatie",
                 "training_hours": "trainingsuren", "assistant_hours": "direct assistent (uur)",
                 "need_24_7": "24/7", "current_phone": "huidig telefoonplan", "current_chat": "huidig chatplan"}
        cols = []
        for col in table.columns:
            if pa.types.is_boolean(col.type):
                col = pc.if_else(col, "ja", "nee")
            elif pa.types.is_floating(col.type):
                col = pc.replace_substring(pc.cast(col, pa.string()), ".", ",")
            cols.append(col)
        table = pa.Table.from_arrays(cols, names=[names[n] for n in table.column_names])
    options = pcsv.WriteOptions(delimiter=";" if dutch else ",", quoting_style="needed")
    with pcsv.CSVWriter(path, table.schema, write_options=options) as w:
        done = 0
        while done < rows:
            part = table.slice(0, rows - done)
            w.write_table(part)
            done += len(part)


# ----------------------------------------------------------------------------- the figures

def bench_recommend_many(rows: list[Row]) -> None:
    n = 1_000_000
    frame = customers(n)
    recommend_many(frame.head(1000))
    floor = one_pass(frame)
    took = min(timed(lambda: recommend_many(frame)) for _ in range(3))
    rows.append(Row("recommend_many, 1,000,000 customers (every field)", took, "s", floor,
                    "one pass over the input", "< 0.3 s", took < 0.3))
    gc.collect()
    tracemalloc.start()
    out = recommend_many(frame)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    rows.append(Row("recommend_many, 1,000,000 customers: peak memory (traced)", peak, "MB", None,
                    f"input {frame.memory_usage(deep=True).sum() / 1e6:,.0f} MB", "< 600 MB", peak < 600))
    sample = frame.sample(500, random_state=1)  # exact: the bulk path against quote()
    for i, r in zip(sample.index, sample.to_dict("records"), strict=True):
        u = Usage(**{f: r[f] for f in USAGE_FIELDS if f in r})
        phone, chat = out.at[i, "phone_plan"], out.at[i, "chat_plan"]
        q = quote(u, phone=phone if isinstance(phone, str) else None, chat=chat if isinstance(chat, str) else None)
        assert q.total == Decimal(f"{out.at[i, 'total']:.2f}")
    rng = np.random.default_rng(3)
    floats = frame.copy()
    for f in AMOUNT_FIELDS:
        if f in floats:
            floats[f] = floats[f] * rng.random(n) * 1.37
    recommend_many(floats.head(1000))
    took = min(timed(lambda: recommend_many(floats)) for _ in range(3))
    rows.append(Row("recommend_many, 1,000,000 customers, full-precision floats", took, "s", floor,
                    "one pass over the input", "< 0.4 s", took < 0.4))
    out = recommend_many(floats.head(20_000))
    t = load_tariff()
    for i, r in zip(range(300), floats.head(300).to_dict("records"), strict=False):
        best = price_all(t, Usage(**{f: r[f] for f in USAGE_FIELDS if f in r}))[0].total
        assert best == Decimal(f"{out.at[i, 'total']:.2f}")


def bench_recommend(rows: list[Row]) -> None:
    """recommend's median on a quiet machine and with both cores busy elsewhere (a user's PC with
    Excel, mail and a browser), each beside the bare HiGHS solve of the same kept model."""
    frame = customers(400, seed=11)
    usages = [Usage(**{f: r[f] for f in USAGE_FIELDS if f in r}) for r in frame.to_dict("records")]
    for u in usages[:20]:
        recommend(u)
    t = load_tariff()
    name, engine = _pick_solver(None) or ("", None)

    def measure() -> tuple[list[float], list[float]]:
        times = [timed(lambda u=u: recommend(u)) for u in usages]
        bare = []
        if name == "HiGHS":  # the floor: HiGHS alone on the same kept model, the forecast's numbers written
            for u in usages:
                model = _kept_model(t, NONE, Numbers.of(t, u, Priced(t, u)))
                model.solve_highs(engine, Numbers.of(t, u, Priced(t, u)))
                bare.append(timed(model.highs.run))
        return times, bare

    times, bare = measure()
    med = statistics.median(times)
    rows.append(Row("recommend (PuLP model kept, HiGHS), median of 400 customers, quiet machine", med, "ms",
                    statistics.median(bare) if bare else None, "bare HiGHS solve of the same model", "< 2 ms",
                    med < 0.002))
    q90 = float(np.quantile(times, 0.9))
    rows.append(Row("recommend, 90th percentile, quiet", q90, "ms", float(np.quantile(bare, 0.9)) if bare else None,
                    "bare HiGHS solve, 90th percentile", "", None))
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 2)]
    try:
        time.sleep(0.5)
        times, bare = measure()
    finally:
        for proc in busy:
            proc.kill()
            proc.wait()
    med = statistics.median(times)
    rows.append(Row(f"recommend, median, every core busy elsewhere ({len(busy)} busy loops)", med, "ms",
                    statistics.median(bare) if bare else None, "bare HiGHS solve, cores busy", "< 2 ms",
                    med < 0.002))


def bench_excel(rows: list[Row]) -> None:
    """Per cell and per column (bench/excel.py): ANSWER_COST and ANSWER_BEST on one cell, and a
    10,000-row column bare and through xlwings' own Office.js call path."""
    from excel import figures as excel_figures

    rows.extend(Row(*f) for f in excel_figures())


def bench_docs(rows: list[Row]) -> None:
    """A year of invoices for 500 customers and 500 advice letters as PDF sets (bench/documents.py)."""
    from documents import bench_documents

    f = bench_documents(show=False)
    rows.append(Row(f"documents: {f['invoice_pdfs']:,} invoices (500 customers x 12 months) + {f['letter_pdfs']:,} "
                    f"advice letters as PDF ({f['per_second']:,.0f} per second)", f["total_s"], "s", None, "",
                    "< 90 s", f["met"]))


def bench_start(rows: list[Row]) -> None:
    """What every answer-plan process pays before its work: Python, numpy, pandas, pyarrow."""
    took = min(run_cli(["--version"])[0] for _ in range(3))
    bare = min(timed(lambda: subprocess.run([sys.executable, "-c", "import pyarrow.csv"], check=True))
               for _ in range(3))
    rows.append(Row("answer-plan process start (interpreter and imports), in every CLI figure below", took, "s",
                    bare, "python -c 'import pyarrow.csv'", "", None))


def bench_files(rows: list[Row], tmp: Path, big: bool) -> None:
    for dutch in (False, True):
        src, out = tmp / ("klanten.csv" if dutch else "customers.csv"), tmp / "out.csv"
        write_customer_csv(src, 1_000_000, dutch)
        repeat = 5  # the least of five, of each side in turns, as rate's
        pfloor, (took, peak) = paired(lambda src=src: process_floor(src, tmp / "floor.csv"),
                                      lambda src=src, out=out: run_cli(["bulk", str(src), "-o", str(out), "--force"]),
                                      repeat)
        tariff = load_tariff()
        floor, inside = paired(lambda src=src: csv_floor(src, tmp / "floor.csv"),
                               lambda src=src, out=out, t=tariff: timed(lambda: bulk_file(src, out, tariff=t,
                                                                                         force=True)), repeat)
        what = "Dutch (;  decimal comma, Dutch headers)" if dutch else "English"
        rows.append(Row(f"answer-plan bulk, CSV of 1,000,000 rows, {what}: the command", took, "s", pfloor,
                        "a process: Python, import pyarrow, bare read + write", "< 3 s, within 3x",
                        took < 3 and took < 3 * pfloor))
        rows.append(Row(f"bulk_file(), the same file, in this process ({what})", inside, "s", floor,
                        "bare pyarrow read + write, in this process", "within 3x", inside < 3 * floor))
        if not dutch:
            table = pcsv.read_csv(src)
            parquet = tmp / "customers.parquet"
            pq.write_table(table, parquet)
            pfloor = timed(lambda parquet=parquet: pq.write_table(pq.read_table(parquet), tmp / "floor.parquet"))
            took, _ = run_cli(["bulk", str(parquet), "-o", str(tmp / "out.parquet"), "--force"])
            rows.append(Row("answer-plan bulk, Parquet of 1,000,000 rows", took, "s", pfloor,
                            "bare pyarrow read + write", "", None))
            xlsx = tmp / "customers.xlsx"
            table.slice(0, 50_000).to_pandas().to_excel(xlsx, index=False)
            took, _ = run_cli(["bulk", str(xlsx), "-o", str(tmp / "out.xlsx"), "--force"])
            xfloor = timed(lambda xlsx=xlsx: pd.read_excel(xlsx, engine="openpyxl").to_excel(tmp / "floor.xlsx",
                                                                                            index=False))
            rows.append(Row("answer-plan bulk, XLSX of 50,000 rows", took, "s", xfloor,
                            "bare pandas read + write (openpyxl)", "", None))
    if big:
        src = tmp / "big.csv"
        write_customer_csv(src, 10_000_000)
        floor = csv_floor(src, tmp / "floor.csv")
        took, peak = run_cli(["bulk", str(src), "-o", str(tmp / "out.csv"), "--force"])
        rows.append(Row("answer-plan bulk, CSV of 10,000,000 rows", took, "s", floor, "bare pyarrow read + write",
                        "< 30 s", took < 30))
        rows.append(Row("answer-plan bulk, CSV of 10,000,000 rows: peak memory (process)", peak, "MB", None,
                        f"file {src.stat().st_size / 1e6:,.0f} MB", "< 1,000 MB", peak < 1000))
        src.unlink()


def write_events(path: Path, n: int, customers_n: int = 3000) -> Path:
    rng = np.random.default_rng(1)
    kinds = np.array(["call", "chat", "forward", "outbound", "email_report", "sms_report", "training", "assistant"])
    with pcsv.CSVWriter(path, pa.schema([("customer", pa.string()), ("start", pa.string()), ("kind", pa.string()),
                                         ("seconds", pa.float64()), ("foreign", pa.string())])) as w:
        for start in range(0, n, 1_000_000):
            m = min(1_000_000, n - start)
            secs = rng.integers(1_704_067_200, 1_735_689_600, m)  # 2024, UTC
            text = pc.strftime(pa.array(secs * 1_000_000, pa.timestamp("us", tz="UTC")), format="%Y-%m-%dT%H:%M:%SZ")
            w.write_table(pa.table({
                "customer": pc.binary_join_element_wise(
                    "C", pc.utf8_lpad(pc.cast(pa.array(rng.integers(0, customers_n, m)), pa.string()), 5, "0"), ""),
                "start": text,
                "kind": kinds[rng.choice(8, m, p=[0.6, 0.25, 0.04, 0.03, 0.03, 0.03, 0.01, 0.01])],
                "seconds": np.round(rng.exponential(110, m), 1),
                "foreign": np.where(rng.random(m) < 0.03, "yes", "")}))
    contracts = path.with_name(path.stem + "_contracts.csv")
    plans = ["BASIC", "SMART", "PLUS", "PREMIUM"]
    contracts.write_text("customer,phone_plan,chat_plan,agreed_aht\n" + "".join(
        f"C{c:05d},{plans[c % 4]},{plans[(c // 4) % 4]},{180 + c % 60}\n" for c in range(customers_n)))
    return contracts


def bench_time(rows: list[Row], tmp: Path, big: bool) -> None:
    for n in (1_000_000, 3_000_000, 10_000_000) if big else (1_000_000, 3_000_000):
        events = tmp / f"events{n}.csv"
        contracts = write_events(events, n)
        ten = n >= 10_000_000
        repeat = 1 if ten else 5  # the least of five, of each side in turns: a busy machine's slow runs left out alike
        pfloor, (took, peak) = paired(
            lambda events=events: timed(lambda: subprocess.run(
                [sys.executable, "-c", "import sys, pyarrow.csv as c; c.read_csv(sys.argv[1])", str(events)],
                check=True)),
            lambda events=events, contracts=contracts: run_cli(
                ["rate", str(events), "--contracts", str(contracts), "-o", str(tmp / "inv.csv"), "--force"]), repeat)
        target, met = (("< 20 s, within 3x", took < 20 and took < 3 * pfloor) if ten else
                       ("within 3x", took < 3 * pfloor) if n >= 3_000_000 else ("", None))
        rows.append(Row(f"answer-plan rate, {n:,} contacts ({n / took:,.0f} per second): the command", took, "s",
                        pfloor, "a process: Python, import pyarrow, bare read", target, met))
        rows.append(Row(f"answer-plan rate, {n:,} contacts: peak memory (process)", peak, "MB", None,
                        f"file {events.stat().st_size / 1e6:,.0f} MB", "< 1,500 MB" if ten else "",
                        peak < 1500 if ten else None))
        if not ten:
            tariff = load_tariff()
            floor, inside = paired(lambda events=events: timed(lambda: pcsv.read_csv(events)),
                                   lambda events=events, contracts=contracts, t=tariff: timed(lambda: rate_files(
                                       events, contracts, tmp / "inv.csv", tariff=t, force=True)), repeat)
            rows.append(Row("rate_files(), the same log, in this process", inside, "s", floor,
                            "bare pyarrow CSV read, in this process", "within 3x" if n >= 3_000_000 else "",
                            inside < 3 * floor if n >= 3_000_000 else None))
        events.unlink()
    c = 100_000
    frame = customers(c * 12)
    frame.insert(0, "customer", np.repeat([f"C{i:06d}" for i in range(c)], 12))
    frame.insert(1, "month", np.tile([f"2027-{m:02d}" for m in range(1, 13)], c))
    frame["current_phone"], frame["current_chat"] = "SMART", "SMART"
    schedule_many(frame.head(1200))
    pricing = timed(lambda: recommend_many(frame.drop(columns=["customer", "month"])))
    for limit in (None, 2):
        took = timed(lambda limit=limit: schedule_many(frame, max_changes=limit))
        what = "no limit on changes" if limit is None else f"at most {limit} changes"
        rows.append(Row(f"schedule_many, 100,000 customers x 12 months, {what} ({c * 12 / took:,.0f} "
                        "customer-months per second)", took, "s", pricing, "recommend_many of the same rows",
                        "< 5 s", took < 5))


def bench_horizon(rows: list[Row], tmp: Path) -> None:
    """Plans over any horizon, and any allowed input in bounded time and memory (issue 17)."""
    rng = np.random.default_rng(9)
    months = [Usage(calls=int(c), chats=int(h), aht=200, need_24_7=bool(n)) for c, h, n in
              zip(rng.choice([20, 80, 300], 1000), rng.choice([0, 40, 60], 1000), rng.random(1000) < 0.1,
                  strict=True)]
    floor = timed(lambda: [quote(u, phone="PREMIUM", chat="PREMIUM") for u in months])
    for limit, target in ((None, 1.0), (10, 2.0)):
        took = min(timed(lambda limit=limit: schedule(months, max_changes=limit)) for _ in range(2))
        what = "no limit" if limit is None else f"at most {limit} changes"
        rows.append(Row(f"schedule, 1,000 months, {what}", took, "s", floor, "1,000 quotes of one selection",
                        f"< {target:.0f} s", took < target))
    calls = [[float(c)] for c in rng.choice([20, 80, 300], 120)]
    chats = [[float(c)] for c in rng.choice([0, 40], 120)]
    udfs.ANSWER_SCHEDULE(calls[:3], chats[:3], 200.0)
    took = median_seconds(lambda: udfs.ANSWER_SCHEDULE(calls, chats, 200.0), repeat=5, warmup=1)
    rows.append(Row("ANSWER_SCHEDULE over 120 months", took, "ms", None, "", "< 100 ms", took < 0.1))
    scenarios = [Usage(calls=int(c)) for c in rng.integers(0, 400, 1000)]
    weights = [int(w) for w in rng.integers(1, 10**12, 1000)]
    took = timed(lambda: choose(scenarios, weights=weights, criterion="regret"))
    rows.append(Row("choose, 1,000 scenarios, weights up to 10^12, regret", took, "s", None, "", "< 1 s", took < 1))
    took, peak = run_cli(["chart", "--calls", "100000000", "-o", str(tmp / "c.png"), "--force"])
    small, small_peak = run_cli(["chart", "--calls", "120", "-o", str(tmp / "s.png"), "--force"])
    rows.append(Row("answer-plan chart, 10^8 calls", took, "s", small, "the same chart of 120 calls", "< 2 s",
                    took < 2))
    rows.append(Row("answer-plan chart, 10^8 calls: peak memory (process)", peak, "MB", small_peak,
                    "the chart of 120 calls", "< 300 MB", peak < 300))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="leave out the 10,000,000-row files")
    args = parser.parse_args()
    rows: list[Row] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for step in (bench_recommend_many, bench_recommend, bench_excel):
            step(rows)
        bench_start(rows)
        bench_files(rows, Path(tmp), big=not args.quick)
        bench_time(rows, Path(tmp), big=not args.quick)
        bench_horizon(rows, Path(tmp))
        bench_docs(rows)
    head = ["figure", "measured", "floor (measured in this run)", "ratio", "target", "met"]
    table = [head, ["---"] * len(head), *[r.cells() for r in rows]]
    for line in table:
        print("| " + " | ".join(line) + " |")
    print(f"\n{os.cpu_count()} cores, Python {sys.version.split()[0]}; {time.perf_counter() - started:.0f} s in all")
    print("ran with " + ", ".join(f"{name} {_version(name)}" for name in VERSIONS))


VERSIONS = ("numpy", "pandas", "pyarrow", "pulp", "highspy", "openpyxl", "XlsxWriter", "python-calamine", "xlwings",
            "matplotlib", "reportlab")


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


if __name__ == "__main__":
    main()

"""answer-plan: the command line, an adapter over optimizer (and xl_addin for the workbook).

main(argv) returns the exit status; run() is the entry point. Exit status: 0 done; 2 bad usage
or input (one line on stderr); 1 anything else (one line too); 130 / 143 interrupted (SIGINT /
SIGTERM), with no partial output left behind.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import re
import signal
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

from optimizer import AnswerPlanError, Recommendation, SolverError, Tariff, Usage, load_tariff, quote, recommend
from optimizer.ground.usage import COUNT_FIELDS, FLAG_FIELDS, USAGE_FIELDS
from optimizer.ground.words import LANGS, default_lang

__all__ = ["EXAMPLE", "build_parser", "main", "run"]

PROG = "answer-plan"
EXAMPLE: dict[str, Any] = dict(calls=300, call_seconds=100, chats=60, aht=240, forwards=10, forward_seconds=120,
                               outbound_calls=5, outbound_seconds=60, foreign_minutes=3, voice_response=True,
                               email_reports=90, sms_reports=275, month_spec=True, training_hours=2,
                               assistant_hours=7, need_24_7=True)
HELP = {
    "calls": "answered calls per month", "call_seconds": "average talk time per call (s)",
    "chats": "e-mails, chats and WhatsApp messages per month", "aht": "agreed handling time per chat (s)",
    "forwards": "forwarded calls per month", "forward_seconds": "average forwarded talk time (s)",
    "outbound_calls": "outbound calls for the customer per month",
    "outbound_seconds": "average outbound talk time (s)", "foreign_minutes": "minutes with foreign surcharge",
    "voice_response": "voice response wanted", "email_reports": "call reports by e-mail per month",
    "sms_reports": "call reports by SMS per month", "month_spec": "monthly specification wanted",
    "training_hours": "training hours per month", "assistant_hours": "DIRECT Assistent hours per month",
    "need_24_7": "the customer needs 24/7 reachability",
    "billable_call_seconds": "instead of --call-seconds: the month's call seconds beyond 90, summed per call",
    "total_forward_seconds": "instead of --forward-seconds: the month's forwarded talk seconds",
    "total_outbound_seconds": "instead of --outbound-seconds: the month's outbound talk seconds",
    "foreign_seconds": "instead of --foreign-minutes: the month's seconds with foreign surcharge",
}


class UsageFailure(Exception):
    """Bad usage of the command line (exit status 2)."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM: unwinds like KeyboardInterrupt, so no partial output is left."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageFailure(f"{message} (see {self.prog} --help)")


NUMBER = re.compile(r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$")
LOOKS_NUMERIC = re.compile(r"^[+-]?(\.?[0-9]|inf|nan)", re.IGNORECASE)


def _number(text: str) -> Decimal:
    if text.strip().lower().lstrip("+-") in ("inf", "infinity", "nan"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    if not NUMBER.match(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number (digits 0-9, a decimal point)")
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is too large a number") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _join_values(argv: list[str]) -> list[str]:
    """'--calls -5' as '--calls=-5', so a negative (or odd) number reaches its check and message
    instead of argparse taking it for an option."""
    out: list[str] = []
    value_flags = {"--" + f.replace("_", "-") for f in USAGE_FIELDS if f not in FLAG_FIELDS}
    i = 0
    while i < len(argv):
        if argv[i] in value_flags and i + 1 < len(argv) and LOOKS_NUMERIC.match(argv[i + 1]):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
            continue
        out.append(argv[i])
        i += 1
    return out


def _usage_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("forecast (per month; all default to 0 / no)")
    for name in USAGE_FIELDS:
        flag = "--" + name.replace("_", "-")
        if name in FLAG_FIELDS:
            g.add_argument(flag, dest=name, action="store_true", help=HELP[name])
        else:
            kind = "N" if name in COUNT_FIELDS else "X"
            g.add_argument(flag, dest=name, type=_number, default=Decimal(0), metavar=kind, help=HELP[name])


def _usage(args: argparse.Namespace) -> Usage:
    return Usage(**{name: getattr(args, name) for name in USAGE_FIELDS})


def _tariff(args: argparse.Namespace) -> Tariff:
    return load_tariff(getattr(args, "tariff", None))


def _common(lang: bool = True, tariff: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    if tariff:
        p.add_argument("--tariff", metavar="FILE", help="a tariff TOML file (default: the shipped price list)")
    if lang:
        p.add_argument("--lang", choices=LANGS, default=None,
                       help="language of what is printed (default: from the locale, nl when it starts with nl)")
    return p


def _file_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("reading files (found out by themselves; say them when a file is ambiguous)")
    g.add_argument("--csv-sep", metavar="SEP", help="CSV separator: ';', ',', 'tab'")
    g.add_argument("--decimal", choices=[",", "."], help="decimal mark of numbers in a CSV file")
    g.add_argument("--encoding", metavar="NAME", help="text encoding of a CSV file (utf-8, cp1252, ...)")
    g.add_argument("--sheet", metavar="NAME", help="the sheet of an XLSX file (default: the one with usage columns)")
    g.add_argument("--chunk-rows", type=int, default=100_000, metavar="N", help="rows per chunk (memory bound)")
    g.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                   help="say which field a column is ('Gesprekken p/d=calls'), or leave it out ('Notes='); repeatable")
    w = p.add_argument_group("writing files")
    w.add_argument("--csv-dialect", choices=["nl", "en"],
                   help="CSV output: nl (';', decimal comma, UTF-8 with BOM) or en (',', decimal point); "
                        "default: as the input")
    w.add_argument("--force", action="store_true", help="replace an existing .xlsx output not written by answer-plan")


def _read_options(args: argparse.Namespace) -> Any:
    from optimizer.reading.fields import ReadOptions

    if args.chunk_rows < 1:
        raise UsageFailure("--chunk-rows: must be at least 1")
    sep = {"tab": "\t", "\\t": "\t"}.get(args.csv_sep or "", args.csv_sep)
    mapping = {}
    for item in args.map:
        header, eq, field = item.rpartition("=")
        if not eq or not header.strip():
            raise UsageFailure(f"--map: {item!r} is not HEADER=FIELD (or HEADER= to leave a column out)")
        mapping[header.strip()] = field.strip()
    return ReadOptions(separator=sep, decimal=args.decimal, encoding=args.encoding, sheet=args.sheet,
                       chunk_rows=args.chunk_rows, mapping=mapping)


def build_parser() -> Parser:
    p = Parser(prog=PROG, description="Exact monthly quotes and the cheapest plans for the answering "
                                      "service's price list.")
    p.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser, metavar="COMMAND")
    common = _common()

    q = sub.add_parser("quote", help="the itemised quote for given plans", parents=[common],
                       description="The itemised monthly quote for a plan per service.")
    q.add_argument("--phone", metavar="PLAN", help="plan of the phone service (omit: not taken)")
    q.add_argument("--chat", metavar="PLAN", help="plan of the chat service (omit: not taken)")
    q.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _usage_flags(q)
    q.set_defaults(func=cmd_quote)

    r = sub.add_parser("recommend", help="the cheapest combination, with its quote and alternatives", parents=[common],
                       description="The cheapest plan (or none) per service and pack covers (a MILP).")
    r.add_argument("--json", action="store_true", help="print one JSON object")
    r.add_argument("--alternatives", type=int, default=3, metavar="N", help="next-best combinations to show")
    r.add_argument("--fix-phone", metavar="PLAN", help="keep the phone service on PLAN ('none': not taken)")
    r.add_argument("--fix-chat", metavar="PLAN", help="keep the chat service on PLAN ('none': not taken)")
    r.add_argument("--exclude-phone", metavar="PLAN", action="append", default=[], help="rule out a phone plan")
    r.add_argument("--exclude-chat", metavar="PLAN", action="append", default=[], help="rule out a chat plan")
    r.add_argument("--solver", choices=["highs", "cbc", "exhaustive"],
                   help="MILP solver (default: HiGHS, else CBC, else exhaustive search)")
    _usage_flags(r)
    r.set_defaults(func=cmd_recommend)

    b = sub.add_parser("bulk", help="recommend for every customer of a CSV/XLSX/Parquet file", parents=[common],
                       description="Columns named as the forecast fields, in English or Dutch (blank = 0); other "
                                   "columns pass through; current_phone/current_chat give current_total and saving.")
    b.add_argument("input", metavar="IN", help="customer file: .csv, .xlsx or .parquet")
    b.add_argument("-o", "--output", required=True, metavar="OUT", help="result file: .csv, .xlsx or .parquet")
    b.add_argument("--prefix", default="", metavar="TEXT", help="put TEXT before the result columns' names")
    _file_options(b)
    b.set_defaults(func=cmd_bulk)

    c = sub.add_parser("chart", help="monthly cost against calls per plan, as a PNG", parents=[common],
                       description="Monthly cost against calls for each plan, forecast and recommendation marked.")
    c.add_argument("-o", "--output", required=True, metavar="FILE.png", help="where to write the chart")
    c.add_argument("--max-calls", type=int, metavar="N", help="right end of the calls axis")
    c.add_argument("--year", metavar="FILE", help="instead: each plan's cost per month of FILE (months of a customer, "
                                                  "as schedule reads them) with the schedule drawn over it")
    c.add_argument("--customer", metavar="ID", help="with --year: the customer of FILE to draw")
    c.add_argument("--max-changes", type=int, metavar="N", help="with --year: at most N changes of plan")
    _usage_flags(c)
    c.set_defaults(func=cmd_chart)

    w = sub.add_parser("workbook", help="build the Excel workbook (answer_plan.xlsm)", parents=[common],
                       description="Build the workbook with the Recommend button and live ANSWER_ formulas.")
    w.add_argument("path", nargs="?", default="workbooks/answer_plan.xlsm", metavar="PATH",
                   help="where to write it (default: workbooks/answer_plan.xlsm)")
    w.add_argument("--force", action="store_true", help="replace an existing workbook")
    w.set_defaults(func=cmd_workbook)

    rt = sub.add_parser("rate", help="invoices from a contact log and the contracts", parents=[common],
                        description="Rates a contact log (one row per contact: customer, start, kind, seconds, "
                                    "foreign) against the contracts (customer, phone_plan, chat_plan, agreed_aht, "
                                    "...): an invoice per customer and month, call time per call per second, the "
                                    "agreed AHT evaluated each quarter (PRICING.md rules 24-28).")
    rt.add_argument("events", metavar="EVENTS", help="the contact log: .csv, .xlsx or .parquet")
    rt.add_argument("--contracts", required=True, metavar="FILE", help="the contracts: .csv, .xlsx or .parquet")
    rt.add_argument("-o", "--output", required=True, metavar="INVOICES", help="the invoices: .csv, .xlsx or .parquet")
    rt.add_argument("--lines", metavar="FILE", help="also the itemised lines of every invoice")
    rt.add_argument("--evaluations", metavar="FILE", help="also the quarterly AHT evaluations")
    rt.add_argument("--errors", metavar="FILE", help="also the contacts that could not be used, with their rows")
    _file_options(rt)
    rt.set_defaults(func=cmd_rate)

    sc = sub.add_parser("schedule", help="the cheapest plan per month, per customer", parents=[common],
                        description="Months per customer (customer, month and the forecast columns, optional "
                                    "current_phone/current_chat): the cheapest plan per month, the number of changes, "
                                    "the best single plan for the period and the saving (PRICING.md rule 29).")
    sc.add_argument("input", metavar="FILE", help="months per customer: .csv, .xlsx or .parquet")
    sc.add_argument("-o", "--output", metavar="OUT", help="write the schedules to OUT (else print them)")
    sc.add_argument("--max-changes", type=int, metavar="N", help="at most N changes of plan in the period")
    sc.add_argument("--json", action="store_true", help="print JSON instead of tables")
    _file_options(sc)
    sc.set_defaults(func=cmd_schedule)

    ch = sub.add_parser("choose", help="one selection for several possible months", parents=[common],
                        description="The best single selection over scenarios (low/expected/high, or last year's "
                                    "months): by expected cost, worst cost, or largest regret.")
    ch.add_argument("input", nargs="?", metavar="FILE", help="scenarios, one per row (optional columns scenario, "
                                                             "weight, and the forecast columns)")
    ch.add_argument("--scenario", action="append", default=[], metavar="NAME:FIELD=X,...",
                    help="a scenario from flags, e.g. high:calls=160,chats=50,aht=200 (repeatable)")
    ch.add_argument("--weights", metavar="W,W,...", help="weights of the scenarios (default: equal)")
    ch.add_argument("--criterion", choices=["expected", "worst", "regret"], default="expected",
                    help="expected: weighted mean cost; worst: lowest highest cost; regret: lowest largest excess "
                         "over each scenario's own best")
    ch.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _file_options(ch)
    ch.set_defaults(func=cmd_choose)

    lt = sub.add_parser("lite", help="main.py and requirements.txt for xlwings Lite (Mac, web)",
                        parents=[_common(tariff=False)],
                        description="Writes what an xlwings Lite user pastes into the Lite editor (Excel on "
                                    "Windows, macOS and the web): main.py with the package inside, "
                                    "requirements.txt, and the steps (LITE.md).")
    lt.add_argument("folder", nargs="?", default="lite", metavar="DIR", help="where to write them (default: lite)")
    lt.set_defaults(func=cmd_lite)

    t = sub.add_parser("tariff", help="the price list as a table", parents=[_common(lang=False)],
                       description="The price list, as loaded (and a check of a tariff file).")
    t.set_defaults(func=cmd_tariff)

    d = sub.add_parser("demo", help="the whole tour on the shipped price list", parents=[_common(tariff=False)],
                       description="Quote and recommend an example, build the workbook, run bulk over the sample "
                                   "customers, draw the chart: everything under --out.")
    d.add_argument("--out", default="out", metavar="DIR", help="folder for everything it writes (default: out)")
    d.add_argument("--force", action="store_true", help="replace a workbook already in DIR")
    d.set_defaults(func=cmd_demo)
    return p


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("answer-plan")
    except PackageNotFoundError:
        return "(not installed)"


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or default_lang()


# ----------------------------------------------------------------------------- commands

def cmd_quote(args: argparse.Namespace) -> int:
    q = quote(_usage(args), phone=args.phone, chat=args.chat, tariff=_tariff(args))
    print(json.dumps(q.as_dict(), indent=2) if args.json else q.table(_lang(args)))
    return 0


def _recommend(args: argparse.Namespace) -> Recommendation:
    fix = {}
    if args.fix_phone is not None:
        fix["phone"] = args.fix_phone
    if args.fix_chat is not None:
        fix["chat"] = args.fix_chat
    exclude = {"phone": args.exclude_phone, "chat": args.exclude_chat}
    return recommend(_usage(args), tariff=_tariff(args), fix=fix, exclude=exclude,
                     alternatives=args.alternatives, solver=args.solver)


def _jsonable(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) or type(value).__name__ == "Fraction" else value


def cmd_recommend(args: argparse.Namespace) -> int:
    r = _recommend(args)
    if args.json:
        d = r.as_dict()
        d["usage"] = {k: _jsonable(v) for k, v in r.quote.usage.as_dict().items()}
        print(json.dumps(d, indent=2))
    else:
        print(r.table(_lang(args)))
    return 0


def cmd_bulk(args: argparse.Namespace) -> int:
    from optimizer.jobs.bulk import bulk_file, terminal_progress

    summary = bulk_file(args.input, args.output, tariff=_tariff(args), options=_read_options(args),
                        csv_dialect=args.csv_dialect, prefix=args.prefix, force=args.force,
                        progress=terminal_progress())
    lang = _lang(args)
    written = "geschreven naar" if lang == "nl" else "written to"
    print(f"{summary.line(lang)}; {written} {args.output}")
    return 0


def cmd_chart(args: argparse.Namespace) -> int:
    from optimizer.jobs.chart import cost_chart

    if args.year:
        return _year_chart(args)
    t = _tariff(args)
    usage = _usage(args)
    r = recommend(usage, tariff=t, alternatives=0)
    path = cost_chart(usage, r, args.output, t, args.max_calls, lang=_lang(args))
    print(f"chart written to {path}")
    return 0


def _year_chart(args: argparse.Namespace) -> int:
    from optimizer import schedule
    from optimizer.ground.usage import USAGE_FIELDS as FIELDS
    from optimizer.jobs.bulk import read_schedule
    from optimizer.jobs.chart import year_chart
    from optimizer.reading.fields import ReadOptions

    frame = read_schedule(args.year, ReadOptions())
    customers = list(dict.fromkeys(str(c) for c in frame["customer"]))
    if args.customer is None and len(customers) > 1:
        raise UsageFailure(f"--customer: {args.year} has {len(customers)} customers ({', '.join(customers[:5])}"
                           f"{', ...' if len(customers) > 5 else ''}); say which")
    chosen = args.customer if args.customer is not None else customers[0]
    rows = frame[frame["customer"].astype(str) == chosen].sort_values("month")
    if rows.empty:
        raise UsageFailure(f"--customer: {chosen!r} is not in {args.year}")
    months = [Usage(**{f: _cell(r[f]) for f in FIELDS if f in rows.columns}) for _, r in rows.iterrows()]
    t = _tariff(args)
    s = schedule(months, max_changes=args.max_changes, tariff=t)
    path = year_chart(months, [str(m) for m in rows["month"]], s, args.output, t, lang=_lang(args))
    print(f"chart written to {path}")
    return 0


def cmd_workbook(args: argparse.Namespace) -> int:
    from xl_addin.workbook import build

    path = build(args.path, tariff=_tariff(args), force=args.force, lang=_lang(args))
    print(f"workbook written to {path}")
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    from optimizer.decisions.rating import INVOICE_MONEY, rate
    from optimizer.files.read import open_source
    from optimizer.files.tables import write_table
    from optimizer.jobs.bulk import output_dialect, terminal_progress

    lang = _lang(args)
    options = _read_options(args)
    events_path = Path(args.events)
    targets = [Path(p) for p in (args.output, args.lines, args.evaluations, args.errors) if p]
    for p in targets:  # refuse before the work, not after
        if p.exists() and any(p.resolve() == Path(i).resolve() for i in (args.events, args.contracts)):
            raise UsageFailure(f"output: {str(p)!r} is an input file; write somewhere else")
    from optimizer.decisions.rating import EVENTS_SPEC

    src = open_source(events_path, EVENTS_SPEC, options)
    r = rate(events_path, args.contracts, tariff=_tariff(args), progress=terminal_progress(), options=options)
    inputs = (events_path, Path(args.contracts))
    out = Path(args.output)
    dialect = output_dialect(src, out, args.csv_dialect)
    write_table(r.invoices, out, dialect=dialect, money=INVOICE_MONEY, inputs=inputs, sheet="invoices")
    if args.lines:
        write_table(r.lines, args.lines, dialect=dialect, money=("amount",), inputs=inputs, sheet="lines")
    if args.evaluations:
        write_table(r.evaluations, args.evaluations, dialect=dialect, inputs=inputs, sheet="evaluations")
    if args.errors:
        write_table(r.errors, args.errors, dialect=dialect, inputs=inputs, sheet="refused")
    written = "geschreven naar" if lang == "nl" else "written to"
    print(f"{r.summary(lang)}; {written} {', '.join(str(p) for p in targets)}")
    if len(r.errors) and not args.errors:
        first = r.errors.iloc[0]
        note = "eerste geweigerde" if lang == "nl" else "first refused"
        print(f"  {note}: row {first['row']}: {first['reason']} (--errors FILE lists them)")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    from optimizer.decisions.planning import schedule_many
    from optimizer.jobs.bulk import read_schedule, schedule_file

    lang = _lang(args)
    if args.max_changes is not None and args.max_changes < 0:
        raise UsageFailure("--max-changes: must be 0 or more")
    if args.output:
        result, summary = schedule_file(args.input, args.output, tariff=_tariff(args), max_changes=args.max_changes,
                                        options=_read_options(args), csv_dialect=args.csv_dialect, force=args.force)
    else:
        result = schedule_many(read_schedule(args.input, _read_options(args)), max_changes=args.max_changes,
                               tariff=_tariff(args))
    if args.json:
        print(json.dumps(_schedules_json(result), indent=2))
    elif not args.output:
        print(_schedules_text(result, lang))
    else:
        written = "geschreven naar" if lang == "nl" else "written to"
        customers = result["customer"].nunique()
        print(f"customers: {customers:,}, {summary.line(lang)}; {written} {args.output}")
    return 0


def _schedules_json(result: Any) -> list[dict[str, Any]]:
    out = []
    for customer, rows in result.groupby("customer", sort=False):
        first = rows.iloc[0]
        out.append({"customer": str(customer), "error": first["error"] or None,
                    "months": [{"month": str(r["month"]), "phone": r["phone_plan"], "chat": r["chat_plan"],
                                "total": None if r["total"] != r["total"] else f"{r['total']:.2f}",
                                "error": r["error"] or None} for _, r in rows.iterrows()],
                    "total": None if first["schedule_total"] != first["schedule_total"]
                    else f"{first['schedule_total']:.2f}",
                    "changes": None if first["error"] else int(first["changes"]),
                    "fixed": None if first["error"] else {"phone": first["fixed_phone"], "chat": first["fixed_chat"],
                                                         "total": f"{first['fixed_total']:.2f}"},
                    "saving": None if first["error"] else f"{first['saving']:.2f}"})
    return out


def _schedules_text(result: Any, lang: str) -> str:
    from optimizer.ground.money import format_amount
    from optimizer.ground.words import label

    none = label("none", lang)
    blocks = []
    for customer, rows in result.groupby("customer", sort=False):
        first = rows.iloc[0]
        lines = [f"{customer}:"]
        if first["error"]:
            lines.append(f"  {first['error']}")
            blocks.append("\n".join(lines))
            continue
        for _, r in rows.iterrows():
            lines.append(f"  {r['month']:<10} {label('phone', lang)} {r['phone_plan'] or none:<8} "
                         f"{label('chat', lang)} {r['chat_plan'] or none:<8} "
                         f"{format_amount(r['total'], lang, symbol=False, grouping=lang == 'nl'):>10}")
        total = format_amount(first["schedule_total"], lang)
        lines.append(f"  {label('Total', lang)}: {total}, {label('changes', lang)}: {int(first['changes'])}; "
                     f"{label('Best single selection for the whole period', lang)}: "
                     f"{label('phone', lang)} {first['fixed_phone'] or none}, {label('chat', lang)} "
                     f"{first['fixed_chat'] or none}: {format_amount(first['fixed_total'], lang)}; "
                     f"{label('Saving', lang)}: {format_amount(first['saving'], lang)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _scenarios(args: argparse.Namespace) -> tuple[dict[str, Usage], list[Any] | None]:
    scenarios: dict[str, Usage] = {}
    weights: list[Any] | None = None
    if args.input:
        from optimizer.jobs.bulk import read_all
        from optimizer.reading.fields import BULK_SPEC, TableSpec

        spec = TableSpec({"scenario": "text", "weight": "amount", **BULK_SPEC.fields}, any_of=BULK_SPEC.any_of,
                         name="scenarios")
        _, _, frame, errors = read_all(args.input, spec, _read_options(args))
        if errors:
            row, message = next(iter(errors.items()))
            raise UsageFailure(f"{args.input}: row {row + 1}: {message}")
        fields = [f for f in USAGE_FIELDS if f in frame.columns]
        for i in range(len(frame)):
            name = str(frame["scenario"].iat[i]) if "scenario" in frame.columns and frame["scenario"].iat[i] \
                else f"scenario {i + 1}"
            scenarios[name] = Usage(**{f: _cell(frame[f].iat[i]) for f in fields})
        if "weight" in frame.columns:
            weights = [_cell(w) for w in frame["weight"]]
    for text in args.scenario:
        name, _, fields_text = text.partition(":") if ":" in text else (f"scenario {len(scenarios) + 1}", "", text)
        values: dict[str, Any] = {}
        for part in filter(None, (p.strip() for p in fields_text.split(","))):
            key, _, value = part.partition("=")
            key = key.strip().replace("-", "_")
            if key not in USAGE_FIELDS:
                raise UsageFailure(f"--scenario {text!r}: {key!r} is not a forecast field")
            values[key] = value.strip().lower() in ("yes", "ja", "true", "1") if key in FLAG_FIELDS \
                else _number(value)
        scenarios[name.strip()] = Usage(**values)
    if args.weights:
        try:
            weights = [Decimal(w) for w in args.weights.split(",")]
        except InvalidOperation:
            raise UsageFailure(f"--weights: {args.weights!r} is not numbers separated by commas") from None
    if not scenarios:
        raise UsageFailure("choose: give a FILE of scenarios or --scenario NAME:FIELD=X,... (twice or more)")
    return scenarios, weights


def _cell(value: Any) -> Any:
    return 0 if value is None or (isinstance(value, float) and value != value) else value


def cmd_choose(args: argparse.Namespace) -> int:
    from optimizer.decisions.planning import choose
    from optimizer.ground.money import format_amount
    from optimizer.ground.words import label

    lang = _lang(args)
    scenarios, weights = _scenarios(args)
    c = choose(scenarios, weights=weights, criterion=args.criterion, tariff=_tariff(args))
    if args.json:
        print(json.dumps(c.as_dict(), indent=2, default=str))
        return 0
    none = label("none", lang)
    print(f"{label('Recommended', lang)} ({label(args.criterion, lang)}): {label('phone', lang)} {c.phone or none}, "
          f"{label('chat', lang)} {c.chat or none}: {format_amount(c.value, lang, grouping=lang == 'nl')}")
    names = list(scenarios)
    head = f"  {label('phone', lang):<8} {label('chat', lang):<8} " + " ".join(f"{n[:12]:>12}" for n in names) + \
        f" {label('expected', lang):>10} {label('worst', lang):>10} {label('regret', lang):>10}"
    print(head)
    for row in c.table.to_dict("records"):
        amounts = [row[n] for n in names] + [row["expected"], row["worst"], row["regret"]]
        print(f"  {row['phone'] or none:<8} {row['chat'] or none:<8} " + " ".join(
            f"{format_amount(a, lang, symbol=False, grouping=lang == 'nl'):>{12 if k < len(names) else 10}}"
            for k, a in enumerate(amounts)))
    return 0


def cmd_lite(args: argparse.Namespace) -> int:
    from xl_addin.lite import build_lite

    paths = build_lite(args.folder, lang=_lang(args))
    print(f"written for xlwings Lite: {', '.join(str(p) for p in paths)} (the steps are in LITE.md)")
    return 0


def cmd_tariff(args: argparse.Namespace) -> int:
    from optimizer.pricing.tables import charge_rows, plan_table

    t = _tariff(args)
    print(f"{t.title} ({t.source})")
    for row in plan_table(t):
        print("  " + "".join(f"{v!s:<16}" for v in row))
    print(f"  discount: {(t.discount_rate * 100).normalize()}% of the fees of all services taken, per extra "
          f"service ({t.discount_dutch})")
    print("  charges:")
    for key, what, _, service, plans, _, prices in charge_rows(t)[1:]:
        plans = "all plans" if plans == "all" and service != "-" else "no service needed" if service == "-" else plans
        print(f"    {key:<24} {service:<6} {plans:<18} {what}: {prices}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from importlib import resources

    from optimizer import rate, schedule_many
    from optimizer.decisions.rating import INVOICE_MONEY
    from optimizer.files.tables import write_table
    from optimizer.ground.money import format_amount
    from optimizer.jobs.bulk import DIALECTS, bulk_file, read_schedule, schedule_file
    from optimizer.jobs.chart import cost_chart
    from xl_addin.workbook import build

    lang = _lang(args)
    out = Path(args.out)
    t = load_tariff()
    usage = Usage(**EXAMPLE)
    shown = ", ".join(f"{k}={v}" for k, v in usage.nonzero().items())
    print(f"== Example forecast: {shown}\n")
    print(quote(usage, phone="PREMIUM", chat="PLUS", tariff=t).table(lang))
    r = recommend(usage, tariff=t)
    print()
    print(r.table(lang))
    book = out / "answer_plan.xlsm"
    kept = book.exists() and not args.force  # a workbook the user may have edited is never replaced
    if not kept:
        build(book, tariff=t, force=args.force, lang=lang)
    sample = resources.files("optimizer.samples").joinpath("customers.csv")
    with resources.as_file(sample) as sample_path:
        summary = bulk_file(sample_path, out / "customers_recommended.csv", tariff=t)
    chart = cost_chart(usage, r, out / "cost_by_calls.png", t, lang=lang)
    samples = resources.files("optimizer.samples")
    with resources.as_file(samples.joinpath("events.csv")) as events, \
            resources.as_file(samples.joinpath("contracts.csv")) as contracts, \
            resources.as_file(samples.joinpath("months.csv")) as months:
        rating = rate(events, contracts, tariff=t)
        dialect = DIALECTS["en"]
        write_table(rating.invoices, out / "invoices.csv", dialect=dialect, money=INVOICE_MONEY)
        write_table(rating.lines, out / "invoice_lines.csv", dialect=dialect, money=("amount",))
        write_table(rating.evaluations, out / "aht_evaluations.csv", dialect=dialect)
        _, schedules = schedule_file(months, out / "schedules.csv", tariff=t)
        year = schedule_many(read_schedule(months), tariff=t)
    print("\n== A year of a contact log (sample): " + rating.summary(lang))
    changed = rating.evaluations[rating.evaluations["changed"]]
    for row in changed.head(3).to_dict("records"):
        print(f"  agreed AHT of {row['customer']} after {row['quarter']}: {row['agreed_before']} s -> "
              f"{row['agreed_after']} s (measured {row['measured_aht']} s)")
    first = year[year["customer"] == "1200"].iloc[0]
    print(f"\n== Plans over the year (sample customer 1200): {format_amount(first['schedule_total'], lang)} with "
          f"{int(first['changes'])} changes, against {format_amount(first['fixed_total'], lang)} on "
          f"{first['fixed_phone']} all year")
    print("\n== Outputs")
    if kept:
        print(f"  workbook: {book} was there already and is kept as it is (--force builds it anew)")
    else:
        print(f"  workbook (open in Excel, Recommend button; keep answer_plan.py beside it): {book}")
    print(f"  bulk over the sample customers ({summary.line(lang)}): {out / 'customers_recommended.csv'}")
    print(f"  chart of monthly cost against calls: {chart}")
    print(f"  invoices from the sample contact log: {out / 'invoices.csv'} (lines: {out / 'invoice_lines.csv'}, "
          f"AHT evaluations: {out / 'aht_evaluations.csv'})")
    print(f"  schedules of the sample customers ({schedules.rows} months): {out / 'schedules.csv'}")
    return 0


# ----------------------------------------------------------------------------- entry

def _on_signal(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


def _install_signals() -> Callable[[], None]:
    """SIGTERM (and SIGINT) unwind the run, so its temporary output is removed."""
    previous: dict[int, Any] = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not the main thread: leave the handlers as they are
            previous[sig] = signal.signal(sig, _on_signal)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors map to exit statuses here and only here."""
    parser = build_parser()
    restore = _install_signals()
    try:
        args = parser.parse_args(_join_values(list(sys.argv[1:] if argv is None else argv)))
        status: int = args.func(args)
        return status
    except UsageFailure as exc:
        return _fail(str(exc), 2)
    except SolverError as exc:
        return _fail(str(exc), 1)
    except AnswerPlanError as exc:
        return _fail(str(exc).splitlines()[0] + _more(exc), 2)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        return _fail(f"{exc.filename}: {exc.strerror}", 2)
    except BrokenPipeError:
        return 0
    except (KeyboardInterrupt, Interrupted) as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        return _fail("interrupted; nothing was written", 128 + int(signum))
    except MemoryError:
        return _fail("out of memory; try a smaller --chunk-rows", 1)
    except OSError as exc:
        return _fail(f"{exc.filename or ''}: {exc.strerror or exc}", 1)
    finally:
        restore()


def _more(exc: AnswerPlanError) -> str:
    problems = getattr(exc, "problems", None)
    return f" ({'; '.join(problems)})" if problems else ""


def _fail(message: str, status: int) -> int:
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")  # a file name may hold a newline
    print(f"{PROG}: error: {one_line}", file=sys.stderr)
    return status


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()

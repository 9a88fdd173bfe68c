"""The command line's words: every subcommand, its flags and its help, and what a flag's text
means (numbers, --map, --scenario). Turning the arguments into calls is commands.py's work."""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, NoReturn

from optimizer.ground.usage import COUNT_FIELDS, FLAG_FIELDS, USAGE_FIELDS
from optimizer.ground.words import LANGS, cli_help

__all__ = ["EXAMPLE", "PROG", "Parser", "UsageFailure", "build_parser", "join_values", "number", "read_options"]

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


_GLOBAL_FLAGS = ("--version", "--help", "--lang")  # before the command, or (--help, --lang) after it too


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        m = re.search(r"^argument (?:COMMAND|OPDRACHT): invalid choice: '([^']*)'", message)
        if m and self._subparsers is not None:  # a mistyped subcommand: did you mean
            choices = [a for action in self._subparsers._group_actions for a in getattr(action, "choices", {})]
            near = difflib.get_close_matches(m.group(1), choices, n=1, cutoff=0.6)
            if near:
                raise UsageFailure(f"{m.group(1)!r} is not a command; did you mean {near[0]!r}? (see {self.prog} "
                                   "--help)")
        if message.startswith("the following arguments are required"):  # because a flag was mistyped?
            meant = self._meant(self._words)
            if meant:
                raise UsageFailure(f"{message} ({meant[0]} is not an option; did you mean {meant[1]}?) (see "
                                   f"{self.prog} --help)")
        raise UsageFailure(f"{message} (see {self.prog} --help)")

    _words: ClassVar[list[str]] = []  # the arguments being parsed (for a did-you-mean in error())

    def _meant(self, words: list[str]) -> tuple[str, str] | None:
        """(an argument no option of this parser knows, the option closest to it): --froce and
        --force; an em dash pasted from a document, —force, and --force. None when none is close."""
        flags = [o for a in self._actions for o in a.option_strings if o.startswith("--")]
        for w in words:
            given = w.partition("=")[0]
            flag = re.sub(r"^[\u2012-\u2015\u2212]+", "--", given)
            if flag != given and flag in flags:
                return given, flag
            if not flag.startswith("--") or len(flag) < 3 or flag in flags or flag in _GLOBAL_FLAGS:
                continue
            if any(f.startswith(flag) for f in flags):
                continue  # an abbreviation argparse takes
            near = difflib.get_close_matches(flag, flags, n=1, cutoff=0.7)
            if near:
                return given, near[0]
        return None

    def parse_args(self, args: Any = None, namespace: Any = None) -> argparse.Namespace:  # type: ignore[override]
        """As argparse's, but an argument no option of the command knows is said with that command's
        help (and the option meant, when one is close: --froce is --force)."""
        Parser._words = list(sys.argv[1:] if args is None else args)
        found, extra = self.parse_known_args(args, namespace)
        if extra:
            command = getattr(found, "command", None)
            sub = self._subparsers._group_actions[0].choices.get(command) if self._subparsers and command else None
            owner = sub if isinstance(sub, Parser) else self
            meant = owner._meant(extra)
            hint = f"; did you mean {meant[1]}?" if meant else ""
            raise UsageFailure(f"unrecognized arguments: {' '.join(extra)}{hint} (see {owner.prog} --help)")
        return found


NUMBER = re.compile(r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$")
LOOKS_NUMERIC = re.compile(r"^[+-]?(\.?[0-9]|inf|nan)", re.IGNORECASE)
MAX_DIGITS = 40


def number(text: str) -> Decimal:
    """A number on the command line: digits, one decimal point, an exponent; at most 40 digits."""
    if text.strip().lower().lstrip("+-") in ("inf", "infinity", "nan"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    if not text.strip():
        raise argparse.ArgumentTypeError("a number is missing")
    from optimizer.files.dialect import is_ambiguous

    if is_ambiguous(text):  # 1.000 or 1,000: a thousand to a Dutch eye, one with three decimals to an English one
        plain = text.strip().replace(".", "").replace(",", "")
        raise argparse.ArgumentTypeError(f"{text.strip()!r} could be a thousand (Dutch) or one with three decimals; "
                                         f"write {plain} or {text.strip().replace(',', '.').rstrip('0')}0")
    if "," in text and "." not in text and text.count(",") == 1:  # a decimal comma: 1,5 is one and a half
        text = text.replace(",", ".")
    if not NUMBER.match(text):
        raise argparse.ArgumentTypeError(f"{_short(text)!r} is not a number (digits 0-9, a decimal point)")
    if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        raise argparse.ArgumentTypeError(f"{_short(text)!r} has more than {MAX_DIGITS} digits")
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{_short(text)!r} is too large a number") from None
    if not value.is_finite() or abs(value.adjusted()) > 1000:
        raise argparse.ArgumentTypeError(f"{_short(text)!r} is not a number of a sensible size")
    return value


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def join_values(argv: list[str]) -> list[str]:
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
            g.add_argument(flag, dest=name, type=number, default=Decimal(0), metavar=kind, help=HELP[name])


def _common(lang: bool = True, tariff: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    if tariff:
        p.add_argument("--tariff", metavar="FILE", help="a tariff TOML file (default: the shipped price list)")
    if lang:
        p.add_argument("--lang", choices=LANGS, type=str.lower, default=argparse.SUPPRESS,
                       help="language of what is printed (default: from the locale, nl when it starts with nl)")
    return p


def _force(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true",
                   help="replace output files answer-plan did not write (or that were changed since)")


def _file_options(p: argparse.ArgumentParser, writes: bool = True) -> None:
    g = p.add_argument_group("reading files (found out by themselves; say them when a file is ambiguous)")
    g.add_argument("--csv-sep", metavar="SEP", help="CSV separator: ';', ',', 'tab'")
    g.add_argument("--decimal", choices=[",", "."], metavar="{',' | '.'}",
                   help="decimal mark of numbers in a CSV file: ',' (Dutch) or '.' (English)")
    g.add_argument("--encoding", metavar="NAME", help="text encoding of a CSV file (utf-8, cp1252, ...)")
    g.add_argument("--sheet", metavar="NAME", help="the sheet of an XLSX file (default: the one with usage columns)")
    g.add_argument("--chunk-rows", type=int, default=100_000, metavar="N", help="rows per chunk (memory bound)")
    g.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                   help="say which field a column is ('Gesprekken p/m=calls'), or leave it out ('Notes='); repeatable")
    if writes:
        w = p.add_argument_group("writing files")
        w.add_argument("--csv-dialect", choices=["nl", "en"],
                       help="CSV output: nl (';', decimal comma, UTF-8 with BOM) or en (',', decimal point); "
                            "default: as a CSV input, else en")
        _force(w)  # type: ignore[arg-type]


def _documents(p: argparse.ArgumentParser, what: str, date: bool = False) -> None:
    g = p.add_argument_group("documents (PDF)")
    g.add_argument("--pdf", metavar="DIR", help=f"also {what} as PDF files in DIR (written as one set)")
    g.add_argument("--seller", metavar="FILE", help="with --pdf: the seller's name, address, KvK, BTW number and IBAN "
                                                    "(a small TOML file); without it the documents are drafts")
    if date:
        g.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                       help="with --pdf: the invoice date (default: the first day after the month invoiced)")


def _date(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def read_options(args: argparse.Namespace) -> Any:
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
    if args.sheet is not None:  # a sheet of a file that has none would be ignored: said instead
        inputs = [str(getattr(args, a)) for a in ("input", "events", "contracts") if getattr(args, a, None)]
        if inputs and not any(i.lower().endswith((".xlsx", ".xlsm")) for i in inputs):
            raise UsageFailure(f"--sheet {args.sheet}: no input is a workbook ({', '.join(inputs)}); only a "
                               "workbook (.xlsx) has sheets: leave --sheet out")
    return ReadOptions(separator=sep, decimal=args.decimal, encoding=args.encoding, sheet=args.sheet,
                       chunk_rows=args.chunk_rows, mapping=mapping)


def _sub(sub: Any, name: str, help: str, description: str, parents: list[argparse.ArgumentParser],
         examples: list[str]) -> argparse.ArgumentParser:
    epilog = "examples:\n" + "\n".join(f"  {PROG} {e}" for e in examples)
    p: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description, parents=parents,
                                                epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    return p


def build_parser(lang: str = "en") -> Parser:
    """The command line's parser; its help in `lang` (English as written here, Dutch from the words
    module's CLI_HELP)."""
    from answer_plan_cli import commands as c

    p = Parser(prog=PROG, description="Exact monthly quotes and the cheapest plans for the answering "
                                      "service's price list.")
    p.add_argument("--version", action=_Version, nargs=0, help="show program's version number and exit")
    p.add_argument("--lang", choices=LANGS, type=str.lower, default=None,
                   help="language of what is printed (also after the command)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser, metavar="COMMAND")
    common = _common()

    q = _sub(sub, "quote", "the itemised quote for given plans", "The itemised monthly quote for a plan per service.",
             [common], ["quote --phone SMART --chat SMART --calls 120 --call-seconds 150 --chats 40 --aht 200",
                        "quote --phone PREMIUM --calls 300 --need-24-7 --vat --lang nl"])
    q.add_argument("--phone", metavar="PLAN", help="plan of the phone service (omit: not taken)")
    q.add_argument("--chat", metavar="PLAN", help="plan of the chat service (omit: not taken)")
    q.add_argument("--vat", action="store_true", help="also the BTW (VAT) line and the total including it")
    q.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _usage_flags(q)
    q.set_defaults(func=c.cmd_quote)

    r = _sub(sub, "recommend", "the cheapest combination, with its quote and alternatives",
             "The cheapest plan (or none) per service and pack covers (a MILP).", [common],
             ["recommend --calls 120 --call-seconds 150 --chats 40 --aht 200",
              "recommend --calls 300 --need-24-7 --fix-chat none --json"])
    r.add_argument("--json", action="store_true", help="print one JSON object")
    r.add_argument("--alternatives", type=int, default=3, metavar="N", help="next-best combinations to show")
    r.add_argument("--fix-phone", metavar="PLAN", help="keep the phone service on PLAN ('none': not taken)")
    r.add_argument("--fix-chat", metavar="PLAN", help="keep the chat service on PLAN ('none': not taken)")
    r.add_argument("--exclude-phone", metavar="PLAN", action="append", default=[], help="rule out a phone plan")
    r.add_argument("--exclude-chat", metavar="PLAN", action="append", default=[], help="rule out a chat plan")
    r.add_argument("--solver", choices=["highs", "cbc", "exhaustive"],
                   help="MILP solver (default: HiGHS, else CBC, else exhaustive search)")
    _usage_flags(r)
    r.set_defaults(func=c.cmd_recommend)

    b = _sub(sub, "bulk", "recommend for every customer of a CSV/XLSX/Parquet file",
             "Columns named as the forecast fields, in English or Dutch (blank = 0); other columns pass through; "
             "current_phone/current_chat give current_total and saving.", [common],
             ["bulk klanten.csv -o advies.csv", "bulk klanten.xlsx --sheet Klanten -o advies.xlsx --lang nl",
              "bulk export.csv -o out.csv --map 'Gesprekken p/m=calls' --decimal ,",
              "bulk klanten.csv -o advies.csv --pdf brieven --seller verkoper.toml --lang nl"])
    b.add_argument("input", metavar="IN", help="customer file: .csv, .xlsx or .parquet")
    b.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="result file: .csv, .xlsx or .parquet (.tsv or .txt: separated by tabs)")
    b.add_argument("--prefix", default="", metavar="TEXT", help="put TEXT before the result columns' names")
    _file_options(b)
    _documents(b, "an advice letter for every priced customer")
    b.set_defaults(func=c.cmd_bulk)

    ch = _sub(sub, "chart", "monthly cost against calls per plan, as a PNG",
              "Monthly cost against calls for each plan, forecast and recommendation marked.", [common],
              ["chart -o kosten.png --calls 120 --chats 40 --aht 200",
               "chart -o jaar.png --year maanden.csv --customer 1200"])
    ch.add_argument("-o", "--output", required=True, metavar="FILE.png", help="where to write the chart (.png)")
    ch.add_argument("--max-calls", type=int, metavar="N", help="right end of the calls axis")
    ch.add_argument("--year", metavar="FILE", help="instead: each plan's cost per month of FILE (months of a "
                                                   "customer, as schedule reads them) with the schedule drawn over it")
    ch.add_argument("--customer", metavar="ID", help="with --year: the customer of FILE to draw")
    ch.add_argument("--max-changes", type=int, metavar="N", help="with --year: at most N changes of plan")
    _force(ch)
    _usage_flags(ch)
    ch.set_defaults(func=c.cmd_chart)

    w = _sub(sub, "workbook", "build the Excel workbook (answer_plan.xlsm)",
             "Build the workbook with the Recommend button and live ANSWER_ formulas; it carries the tariff it "
             "was built with.", [common],
             ["workbook", "workbook offerte.xlsm --lang nl", "workbook klant.xlsm --tariff mijn_prijzen.toml"])
    w.add_argument("path", nargs="?", default="workbooks/answer_plan.xlsm", metavar="PATH",
                   help="where to write it (default: workbooks/answer_plan.xlsm)")
    _force(w)
    w.set_defaults(func=c.cmd_workbook)

    rt = _sub(sub, "rate", "invoices from a contact log and the contracts",
              "Rates a contact log (one row per contact: customer, start, kind, seconds, foreign) against the "
              "contracts (customer, phone_plan, chat_plan, agreed_aht, ...): an invoice per customer and month, call "
              "time per call per second, the agreed AHT evaluated each quarter (PRICING.md rules 24-28, 31, 32).",
              [common], ["rate contacten.csv --contracts contracten.csv -o facturen.csv",
                         "rate log.xlsx --contracts c.xlsx -o inv.xlsx --lines lines.xlsx --period 2026-01..2026-12",
                         "rate log.csv --contracts c.csv -o facturen.csv --pdf facturen --seller verkoper.toml"])
    rt.add_argument("events", metavar="EVENTS", help="the contact log: .csv, .xlsx or .parquet")
    rt.add_argument("--contracts", required=True, metavar="FILE", help="the contracts: .csv, .xlsx or .parquet")
    rt.add_argument("-o", "--output", required=True, metavar="INVOICES", help="the invoices: .csv, .xlsx or .parquet")
    rt.add_argument("--lines", metavar="FILE", help="also the itemised lines of every invoice")
    rt.add_argument("--evaluations", metavar="FILE", help="also the quarterly AHT evaluations")
    rt.add_argument("--errors", metavar="FILE", help="also the contacts that could not be used, with their rows")
    rt.add_argument("--period", metavar="FROM..TO", help="the months to invoice, e.g. 2026-01..2026-12 (needed for a "
                                                         "log over more than 24 months; rows outside are refused)")
    _file_options(rt)
    _documents(rt, "each invoice", date=True)
    rt.set_defaults(func=c.cmd_rate)

    sc = _sub(sub, "schedule", "the cheapest plan per month, per customer",
              "Months per customer (customer, month and the forecast columns, optional current_phone/current_chat): "
              "the cheapest plan per month, the number of changes, the best single plan for the period and the saving "
              "(PRICING.md rule 29; months as dates, rule 31).", [common],
              ["schedule maanden.csv", "schedule maanden.xlsx -o planning.xlsx --max-changes 2",
               "schedule maanden.csv -o planning.csv --pdf brieven --lang nl"])
    sc.add_argument("input", metavar="FILE", help="months per customer: .csv, .xlsx or .parquet")
    sc.add_argument("-o", "--output", metavar="OUT", help="write the schedules to OUT (else print them)")
    sc.add_argument("--max-changes", type=int, metavar="N", help="at most N changes of plan in the period")
    sc.add_argument("--json", action="store_true", help="print JSON instead of tables")
    _file_options(sc)
    _documents(sc, "an advice letter for every customer scheduled")
    sc.set_defaults(func=c.cmd_schedule)

    co = _sub(sub, "choose", "one selection for several possible months",
              "The best single selection over scenarios (low/expected/high, or last year's months): by expected "
              "cost, worst cost, or largest regret (PRICING.md rule 30).", [common],
              ["choose --scenario laag:calls=80 --scenario hoog:calls=300,need_24_7=ja --criterion regret",
               "choose scenarios.csv --weights 1,2,1"])
    co.add_argument("input", nargs="?", metavar="FILE", help="scenarios, one per row (optional columns scenario, "
                                                             "weight, and the forecast columns)")
    co.add_argument("--scenario", action="append", default=[], metavar="NAME:FIELD=X,...",
                    help="a scenario from flags, e.g. high:calls=160,chats=50,aht=200 (repeatable)")
    co.add_argument("--weights", metavar="W,W,...", help="weights of the scenarios (default: equal)")
    co.add_argument("--criterion", choices=["expected", "worst", "regret"], default="expected",
                    help="expected: weighted mean cost; worst: lowest highest cost; regret: lowest largest excess "
                         "over each scenario's own cheapest")
    co.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _file_options(co, writes=False)
    co.set_defaults(func=c.cmd_choose)

    lt = _sub(sub, "lite", "main.py and requirements.txt for xlwings Lite (Mac, web)",
              "Writes what an xlwings Lite user pastes into the Lite editor (Excel on Windows, macOS and the web): "
              "main.py with the package inside, requirements.txt, and the steps (LITE.md).",
              [_common(tariff=False)], ["lite", "lite mijnmap --lang nl"])
    lt.add_argument("folder", nargs="?", default="lite", metavar="DIR", help="where to write them (default: lite)")
    _force(lt)
    lt.set_defaults(func=c.cmd_lite)

    t = _sub(sub, "tariff", "the price list as a table", "The price list, as loaded (and a check of a tariff file).",
             [_common()], ["tariff", "tariff --lang nl", "tariff --tariff mijn_prijzen.toml"])
    t.set_defaults(func=c.cmd_tariff)

    d = _sub(sub, "demo", "the whole tour on the shipped price list",
             "Quote and recommend an example, build the workbook, run bulk over the sample customers, rate a sample "
             "log, schedule a year, draw the charts: everything under --out.", [_common(tariff=False)],
             ["demo", "demo --out tour --lang nl"])
    d.add_argument("--out", default="out", metavar="DIR", help="folder for everything it writes (default: out)")
    _force(d)
    d.set_defaults(func=c.cmd_demo)
    if lang != "en":
        _in_language(p, lang)
    return p


class _HelpNl(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, cli_help("usage: ", "nl") if prefix is None else prefix)


class _RawNl(argparse.RawDescriptionHelpFormatter, _HelpNl):
    pass


def _in_language(parser: argparse.ArgumentParser, lang: str) -> None:
    """Every help text of `parser` and its commands (descriptions, group titles, each flag's help
    and placeholder, argparse's own words, the examples' heading) in `lang`."""
    done: set[int] = set()

    def said(text: str | None) -> str | None:
        return cli_help(text, lang) if text and text != argparse.SUPPRESS else text

    def walk(p: argparse.ArgumentParser) -> None:
        if id(p) in done:
            return
        done.add(id(p))
        p.description = said(p.description)
        if p.epilog and p.epilog.startswith("examples:"):
            p.epilog = cli_help("examples:", lang) + p.epilog[len("examples:"):]
        p.formatter_class = _RawNl if issubclass(p.formatter_class, argparse.RawDescriptionHelpFormatter) else _HelpNl
        for group in p._action_groups:
            group.title = said(group.title)
        for action in p._actions:
            action.help = said(action.help)
            if isinstance(action.metavar, str):
                action.metavar = cli_help(action.metavar, lang)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    choice.help = said(choice.help)
                for sub in action.choices.values():
                    walk(sub)

    walk(parser)


class _Version(argparse.Action):
    """--version, its number looked up only when asked (importlib.metadata costs every command 10 ms)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        print(f"{PROG} {_version()}")  # on stdout, as argparse's own version action prints it
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("answer-plan")
    except PackageNotFoundError:
        return "(not installed)"

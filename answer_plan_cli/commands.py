"""The commands: each turns its arguments into one call of optimizer's jobs and decisions, and
prints what a person reads (in the words of the catalogue). No rule lives here."""
from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from answer_plan_cli.parser import EXAMPLE, UsageFailure, number, read_options
from answer_plan_cli.process import loading
from answer_plan_cli.progress import progress_bar
from optimizer import Recommendation, Tariff, Usage, load_tariff, quote, recommend
from optimizer.ground.money import format_amount, format_percent
from optimizer.ground.usage import FLAG_FIELDS, USAGE_FIELDS, check_flag
from optimizer.ground.words import default_lang, message, section, word
from optimizer.reading.headers import field_named, nearest_name

__all__ = ["cmd_bulk", "cmd_chart", "cmd_choose", "cmd_demo", "cmd_lite", "cmd_quote", "cmd_rate", "cmd_recommend",
           "cmd_schedule", "cmd_tariff", "cmd_workbook"]


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or default_lang()


def _usage(args: argparse.Namespace) -> Usage:
    return Usage(**{name: getattr(args, name) for name in USAGE_FIELDS})


def _tariff(args: argparse.Namespace) -> Tariff:
    return load_tariff(getattr(args, "tariff", None))


def _written(lang: str, paths: list[Path] | list[str]) -> str:
    return f"{word('written to', lang)} {', '.join(str(p) for p in paths)}"


# ----------------------------------------------------------------------------- one forecast

def cmd_quote(args: argparse.Namespace) -> int:
    q = quote(_usage(args), phone=args.phone, chat=args.chat, tariff=_tariff(args))
    lang = _lang(args)
    if args.json:
        d = q.as_dict()
        if args.vat:
            d.update(vat=str(q.vat), total_incl_vat=str(q.total_incl_vat))
        print(json.dumps(d, indent=2))
        return 0
    print(q.table(lang))
    if args.vat:
        rate = format_percent(q.vat_rate, lang)
        print(f"  {word('VAT', lang)} {rate}: {format_amount(q.vat, lang, q.currency)}; "
              f"{word('Total incl. VAT', lang)}: {format_amount(q.total_incl_vat, lang, q.currency)}")
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


# ----------------------------------------------------------------------------- files

def _seller(args: argparse.Namespace) -> Any:
    """The seller file, read before any work (a bad one stops the run before a row is read)."""
    if getattr(args, "pdf", None) is not None and not args.pdf.strip():
        raise UsageFailure("--pdf: the folder is missing (--pdf DIR)")
    if getattr(args, "seller", None) and not getattr(args, "pdf", None):
        raise UsageFailure("--seller: only with --pdf DIR (the documents it goes on)")
    if getattr(args, "date", None) and not getattr(args, "pdf", None):
        raise UsageFailure("--date: only with --pdf DIR (the invoices it dates)")
    if not getattr(args, "pdf", None) or not args.seller:
        return None
    from optimizer.documents.seller import load_seller

    return load_seller(args.seller)


def _documents(lang: str) -> Any:
    """A progress bar for a set of documents: progress(done, of)."""
    return progress_bar(lang, unit=word("document:documents", lang))


def _per(show: Any) -> Any:
    return None if show is None else (lambda done, of: show(done, done / of if of else 1.0))


def cmd_bulk(args: argparse.Namespace) -> int:
    with loading():
        from optimizer.files.outputs import Outputs
        from optimizer.jobs.bulk import bulk_file

    lang = _lang(args)
    seller = _seller(args)
    docs = None
    with Outputs(inputs=(args.input,), force=args.force) as run:
        with progress_bar(lang) as show:
            summary = bulk_file(args.input, args.output, tariff=_tariff(args), options=read_options(args),
                                csv_dialect=args.csv_dialect, prefix=args.prefix, progress=show, lang=lang,
                                outputs=run)
        if args.pdf:
            from optimizer.jobs.documents import letters_file

            with _documents(lang) as show:
                docs = letters_file(args.input, args.pdf, tariff=_tariff(args), options=read_options(args), lang=lang,
                                    seller=seller, outputs=run, progress=_per(show))
    print(f"{summary.line(lang)}; {_written(lang, [args.output])}")
    if docs is not None:
        print(docs.line(lang))
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    with loading():
        from optimizer.files.outputs import Outputs
        from optimizer.jobs.rate import rate_files

    lang = _lang(args)
    seller = _seller(args)
    docs = None
    with Outputs(inputs=(args.events, args.contracts), force=args.force) as run:
        with progress_bar(lang) as show:
            r = rate_files(args.events, args.contracts, args.output, tariff=_tariff(args), lines=args.lines,
                           evaluations=args.evaluations, errors=args.errors, options=read_options(args),
                           csv_dialect=args.csv_dialect, period=args.period, progress=show, lang=lang,
                           outputs=run)
        if args.pdf:
            from optimizer.jobs.documents import invoice_pdfs

            with _documents(lang) as show:
                docs = invoice_pdfs(r, args.pdf, seller=seller, lang=lang, issued=args.date, outputs=run,
                                    progress=_per(show))
    targets = [p for p in (args.output, args.lines, args.evaluations, args.errors) if p]
    print(f"{r.summary(lang)}; {_written(lang, targets)}")
    if docs is not None:
        print(docs.line(lang))
    if len(r.errors) and not args.errors:
        first = r.errors.iloc[0]
        print(f"  {word('first refused', lang)}: {word('row', lang)} {first['row']}: {message(first['reason'], lang)} "
              f"{message('(--errors FILE lists them)', lang)}")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    with loading():
        from optimizer.decisions.schedule import schedule_many
        from optimizer.files.outputs import Outputs
        from optimizer.jobs.schedule import schedule_file, schedule_rows

    lang = _lang(args)
    if args.max_changes is not None and args.max_changes < 0:
        raise UsageFailure("--max-changes: must be 0 or more")
    seller = _seller(args)
    docs = None
    with Outputs(inputs=(args.input,), force=args.force) as run:
        with progress_bar(lang, unit=word("customers", lang)) as show:
            if args.output:
                result, summary = schedule_file(args.input, args.output, tariff=_tariff(args),
                                                max_changes=args.max_changes, options=read_options(args),
                                                csv_dialect=args.csv_dialect, lang=lang, progress=show, outputs=run)
            else:
                months, numbers = schedule_rows(args.input, read_options(args))
                result = schedule_many(months, max_changes=args.max_changes, tariff=_tariff(args), progress=show,
                                       row_numbers=numbers)
        if args.pdf:
            from optimizer.jobs.documents import schedule_letter_pdfs, schedule_parties

            with _documents(lang) as show:
                docs = schedule_letter_pdfs(result, args.pdf, tariff=_tariff(args), lang=lang, seller=seller,
                                            who=schedule_parties(args.input, read_options(args)), outputs=run,
                                            progress=_per(show))
    if args.json:
        print(json.dumps(_schedules_json(result), indent=2))
    elif not args.output:
        print(_schedules_text(result, lang))
    else:
        customers = len(set(_ids(result).tolist()))
        print(f"{word('customers', lang)}: {customers:,}, {summary.line(lang)}; {_written(lang, [args.output])}")
    if docs is not None and not args.json:
        print(docs.line(lang))
    return 0


def _ids(result: Any) -> Any:
    """The customer of each row as schedule_many told them apart (' 7 ' and 7 are one customer)."""
    from optimizer.reading.frames import id_column

    return id_column(result["customer"]).to_numpy()


def _schedules_json(result: Any) -> list[dict[str, Any]]:
    out = []
    for customer, rows in result.groupby(_ids(result), sort=False):
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
    none = word("none", lang)
    blocks = []
    for customer, rows in result.groupby(_ids(result), sort=False):
        first = rows.iloc[0]
        lines = [f"{customer}:"]
        if first["error"]:
            lines.append(f"  {message(first['error'], lang)}")
            blocks.append("\n".join(lines))
            continue
        for _, r in rows.iterrows():
            lines.append(f"  {r['month']!s:<10} {word('phone', lang)} {r['phone_plan'] or none:<8} "
                         f"{word('chat', lang)} {r['chat_plan'] or none:<8} "
                         f"{format_amount(r['total'], lang, symbol=False, grouping=lang == 'nl'):>10}")
        total = format_amount(first["schedule_total"], lang)
        lines.append(f"  {word('Total', lang)}: {total}, {word('changes', lang)}: {int(first['changes'])}; "
                     f"{word('Best single selection for the whole period', lang)}: "
                     f"{word('phone', lang)} {first['fixed_phone'] or none}, {word('chat', lang)} "
                     f"{first['fixed_chat'] or none}: {format_amount(first['fixed_total'], lang)}; "
                     f"{word('Saving', lang)}: {format_amount(first['saving'], lang)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# ----------------------------------------------------------------------------- choices

def scenario_flag(text: str, k: int) -> tuple[str, Usage]:
    """One --scenario: NAME:FIELD=X,... (the name may be left out: 'scenario K'); values read as
    every other way in reads them (numbers; ja/nee, waar/onwaar, yes/no, 1/0 for yes/no fields)."""
    name, colon, fields_text = text.partition(":")
    if not colon:
        name, fields_text = f"scenario {k}", text
    name = name.strip()
    if not name:
        raise UsageFailure(f"--scenario {text!r}: the name before ':' is empty")
    values: dict[str, Any] = {}
    parts = [p.strip() for p in fields_text.split(",")]
    if not any(parts):
        raise UsageFailure(f"--scenario {text!r}: no FIELD=X given (e.g. {name}:calls=120,chats=40)")
    for part in parts:
        if not part:
            continue
        key, eq, value = part.partition("=")
        key = field_named(key, USAGE_FIELDS) or key.strip().lower().replace("-", "_")  # gesprekken: calls
        if not eq:
            raise UsageFailure(f"--scenario {text!r}: {part!r} is not FIELD=X")
        if key not in USAGE_FIELDS:
            near = nearest_name(key, USAGE_FIELDS)
            raise UsageFailure(f"--scenario {text!r}: {key!r} is not a forecast field"
                               + (f"; did you mean {near}?" if near else ""))
        if key in values:
            raise UsageFailure(f"--scenario {text!r}: {key} is given twice")
        if not value.strip():
            raise UsageFailure(f"--scenario {text!r}: {key} has no value")
        try:
            values[key] = check_flag(key, value) if key in FLAG_FIELDS else number(value)
        except argparse.ArgumentTypeError as exc:
            raise UsageFailure(f"--scenario {text!r}: {key}: {exc}") from None
    return name, Usage(**values)


def _scenarios(args: argparse.Namespace) -> tuple[list[tuple[str, Usage]], list[Any] | None]:
    from optimizer.jobs.choose import read_scenarios

    scenarios: list[tuple[str, Usage]] = []
    weights: list[Any] | None = None
    if args.input:
        scenarios, weights = read_scenarios(args.input, read_options(args))
    for text in args.scenario:
        scenarios.append(scenario_flag(text, len(scenarios) + 1))
    if args.weights is not None:
        parts = [w.strip() for w in args.weights.split(",")]
        if not all(parts):
            raise UsageFailure(f"--weights: {args.weights!r} is not numbers separated by commas")
        weights = parts
    if not scenarios:
        raise UsageFailure("choose: give a FILE of scenarios or --scenario NAME:FIELD=X,... (twice or more)")
    return scenarios, weights


def cmd_choose(args: argparse.Namespace) -> int:
    from optimizer import choose

    lang = _lang(args)
    scenarios, weights = _scenarios(args)
    c = choose(scenarios, weights=weights, criterion=args.criterion, tariff=_tariff(args))
    if args.json:
        print(json.dumps(c.as_dict(), indent=2, default=str))
        return 0
    none = word("none", lang)
    print(f"{word('Recommended', lang)} ({word(args.criterion, lang)}): {word('phone', lang)} {c.phone or none}, "
          f"{word('chat', lang)} {c.chat or none}: {format_amount(c.value, lang, grouping=lang == 'nl')}")
    columns = [col for col in c.table.columns if col not in ("phone", "chat", "expected", "worst", "regret")]
    head = f"  {word('phone', lang):<8} {word('chat', lang):<8} " + " ".join(f"{n[:12]:>12}" for n in columns) + \
        f" {word('expected', lang):>10} {word('worst', lang):>10} {word('regret', lang):>10}"
    print(head)
    for row in c.table.to_dict("records"):
        amounts = [row[n] for n in columns] + [row["expected"], row["worst"], row["regret"]]
        print(f"  {row['phone'] or none:<8} {row['chat'] or none:<8} " + " ".join(
            f"{format_amount(a, lang, symbol=False, grouping=lang == 'nl'):>{12 if k < len(columns) else 10}}"
            for k, a in enumerate(amounts)))
    return 0


# ----------------------------------------------------------------------------- pictures and workbooks

def cmd_chart(args: argparse.Namespace) -> int:
    from optimizer.jobs.chart import cost_chart_file, year_chart_file

    lang = _lang(args)
    if args.year:  # a flag the chart would not use: said, not ignored
        unused = [f"--{n.replace('_', '-')}" for n in USAGE_FIELDS if getattr(args, n)]
        unused += ["--max-calls"] if args.max_calls is not None else []
        if unused:
            raise UsageFailure(f"{unused[0]}: not with --year (the months and their forecasts come from "
                               f"{args.year}); leave it out")
    elif args.customer is not None or args.max_changes is not None:
        raise UsageFailure(f"{'--customer' if args.customer is not None else '--max-changes'}: only with --year FILE")
    t = _tariff(args)
    if args.year:
        path = year_chart_file(args.year, args.output, customer=args.customer, max_changes=args.max_changes,
                               tariff=t, lang=lang, force=args.force)
    else:
        path = cost_chart_file(_usage(args), args.output, tariff=t, max_calls=args.max_calls, lang=lang,
                               force=args.force)
    print(f"{word('chart written to', lang)} {path}")
    return 0


def cmd_workbook(args: argparse.Namespace) -> int:
    from xl_addin.workbook import build

    lang = _lang(args)
    path = build(args.path, tariff=_tariff(args), force=args.force, lang=lang)
    print(f"{word('workbook written to', lang)} {path}")
    return 0


def cmd_lite(args: argparse.Namespace) -> int:
    from xl_addin.lite import build_lite

    lang = _lang(args)
    paths = build_lite(args.folder, lang=lang, force=args.force)
    print(f"{word('written for xlwings Lite', lang)}: {', '.join(str(p) for p in paths)} "
          f"({word('the steps are in', lang)} LITE.md)")
    return 0


def cmd_tariff(args: argparse.Namespace) -> int:
    from optimizer.pricing.tables import plan_table, price_rows

    lang = _lang(args)
    t = _tariff(args)
    w = section("workbook", lang)
    print(f"{t.title} ({t.source})")
    units = [h.removeprefix("included ").removesuffix("s") for h in plan_table(t)[0][3:]]
    head = [w["plan"], w["fee"], w["open 24/7"], *[w["included"].format(unit=word(f"plural:{u}", lang)) for u in units]]
    print("  " + "".join(f"{h:<24}" for h in head))
    for name, fee, open_, *included in plan_table(t)[1:]:
        cells = [name, format_amount(fee, lang, t.currency), w["yes"] if open_ == "yes" else w["no"], *included]
        print("  " + "".join(f"{v!s:<24}" for v in cells))
    what = t.discount_dutch if lang == "nl" else t.discount_what
    print("  " + w["discount"].format(what=what, pct=format_percent(t.discount_rate, lang)))
    if t.vat_rate:
        print("  " + w["prices note"].format(vat=t.vat_dutch if lang == "nl" else t.vat_what,
                                             rate=format_percent(t.vat_rate, lang)))
    print(f"  {w['charge']:<44} {w['service']:<22} {w['plans']:<16} {w['when']:<26} {w['price']:>12} {w['per']}")
    for name, service, plans, when, price, per in price_rows(t, lang):
        print(f"  {name[:44]:<44} {service[:22]:<22} {plans:<16} {when:<26} "
              f"{format_amount(price, lang, t.currency):>12} {per}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from answer_plan_cli.demo import demo

    lang = _lang(args)
    for line in demo(Path(args.out), EXAMPLE, lang=lang, force=args.force):
        print(line)
    return 0

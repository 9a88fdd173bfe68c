"""The cost chart: monthly cost against the number of calls for each plan, the rest of the
forecast fixed, with the forecast and the recommendation marked (matplotlib, no screen needed).
A plan that cannot serve the forecast (24/7 on BASIC) is drawn nowhere and named as not allowed."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from optimizer.decisions.curves import chart_points
from optimizer.decisions.plans import plan_for
from optimizer.decisions.recommend import Recommendation
from optimizer.decisions.schedule import Schedule
from optimizer.files.outputs import Outputs, joined
from optimizer.ground.errors import FileError
from optimizer.ground.money import format_amount
from optimizer.ground.usage import USAGE_FIELDS, Usage
from optimizer.ground.words import MONTH_NAMES, section, word
from optimizer.pricing.tariff import Tariff

__all__ = ["cost_chart", "cost_chart_file", "year_chart", "year_chart_file"]

WORDS = {lang: section("chart", lang) for lang in ("en", "nl")}  # the catalogue's texts
MAX_CALLS = 10**8  # the calls axis, as Usage bounds a count


def cost_chart(usage: Usage, recommendation: Recommendation, path: str | Path, tariff: Tariff,
               max_calls: int | None = None, lang: str = "en") -> Path:
    """Each plan's monthly cost against the number of calls (the rest of the forecast as it is),
    the cheapest combination under them as a wide band, the recommendation marked; a plan that
    cannot serve the forecast is not drawn and is named once, in words, under the chart."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lang = "nl" if lang == "nl" else "en"
    w = WORDS[lang]
    path = Path(path)
    top = min(max_calls or max(200, int(usage.calls * 2)), MAX_CALLS)  # a count's limit (Usage)
    calls, curves = chart_points(usage, top, tariff)  # exact at every point where a line bends
    with_calls = usage.replace(calls=max(usage.calls, 1))
    lines = {plan: plan_for(plan, with_calls) for plan in tariff.plans}
    fig, ax = plt.subplots(figsize=(9, 5.4), dpi=110)
    cheapest = np.nanmin(np.vstack(list(curves.values())), axis=0)
    # under the plans' lines, wide and light: where it runs along a plan, both stay visible
    ax.plot(calls, cheapest, color="#CFCFCF", linewidth=9, solid_capstyle="round", zorder=1, label=w["cheapest"])
    unserved = []
    for plan, sel in lines.items():
        if np.isnan(curves[sel]).all():
            unserved.append(plan)
            continue
        ax.plot(calls, curves[sel], label=plan, linewidth=1.6, zorder=2)
    ax.axvline(usage.calls, color="grey", linestyle=":", linewidth=1, zorder=1)
    none = word("none", lang)
    label = (f"{w['recommended']}: {w['phone']} {recommendation.phone or none}, {w['chat']} "
             f"{recommendation.chat or none}, {format_amount(recommendation.total, lang, tariff.currency)}")
    ax.plot([usage.calls], [float(recommendation.total)], marker="*", markersize=16, color="black",
            linestyle="none", label=label, zorder=3)
    ax.annotate(f"{w['forecast']}: {usage.calls:,} {w['calls']}".replace(",", "." if lang == "nl" else ","),
                (usage.calls, 0), xytext=(4, 6), textcoords="offset points", color="grey", fontsize=8)
    note = w["cannot serve"].format(plans=", ".join(unserved)) if unserved else ""
    return _finish(fig, ax, w["x"], w["y"], w["title"], "upper left", path, lang, tariff.currency, note)


YEAR_WORDS = {lang: section("year chart", lang) for lang in ("en", "nl")}


def year_chart(months: list[Usage], labels: list[str], plan: Schedule, path: str | Path, tariff: Tariff,
               lang: str = "en", month_index: list[int] | None = None) -> Path:
    """Each plan's monthly cost over the months (the plan for every service a month uses; a month
    it cannot serve is left out), and the schedule drawn over it, its plan named at each change;
    the months by name, the saving against the best single plan written on the chart."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from optimizer.decisions.search import allowed_selections
    from optimizer.engines.exact import Priced

    lang = "nl" if lang == "nl" else "en"
    w = {**WORDS[lang], **YEAR_WORDS[lang]}
    path = Path(path)
    x = np.arange(len(months))
    fig, ax = plt.subplots(figsize=(10, 5.6), dpi=110)
    unserved = []
    for name in tariff.plans:
        costs = []
        for u in months:
            sel = plan_for(name, u)
            ok = sel in allowed_selections(tariff, u)
            costs.append(float(Priced(tariff, u).total(sel)) if ok else np.nan)
        if np.isnan(costs).all():
            unserved.append(name)
        else:
            ax.plot(x, costs, marker="o", markersize=3, linewidth=1.4, label=name, zorder=2)
    totals = [float(m.total) for m in plan.months]
    none = word("none", lang)
    ax.plot(x, totals, color="black", linestyle="--", linewidth=2.2, zorder=3,
            label=f"{w['schedule']}: {format_amount(plan.total, lang, tariff.currency)}, {plan.changes} "
                  f"{w['changes']}")
    previous = None
    for i, m in enumerate(plan.months):
        selection = (m.phone, m.chat)
        if selection != previous:
            ax.annotate(f"{m.phone or none}/{m.chat or none}", (i, totals[i]), xytext=(0, 10),
                        textcoords="offset points", ha="center", fontsize=8)
        previous = selection
    if plan.fixed is not None and plan.saving is not None:
        fixed = f"{plan.fixed.phone or none}/{plan.fixed.chat or none}"
        ax.text(0.99, 0.97, w["saving text"].format(saving=format_amount(plan.saving, lang, tariff.currency),
                                                     fixed=fixed,
                                                     total=format_amount(plan.fixed.total, lang, tariff.currency)),
                transform=ax.transAxes, ha="right", va="top", fontsize=9,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "#BFBFBF"})
    names = _month_names(labels, month_index, lang)
    ax.set_xticks(x, names, rotation=45 if len(names) > 12 else 0)
    note = w["cannot serve"].format(plans=", ".join(unserved)) if unserved else ""
    return _finish(fig, ax, w["month"], w["y"], w["title"], "upper left", path, lang, tariff.currency, note)


def _month_names(labels: list[str], index: list[int] | None, lang: str) -> list[str]:
    """'jan 2026', 'feb', ... (the year at the first month and at each January); the labels as
    they are when the months are not calendar months."""
    if index is None:
        return labels
    names = MONTH_NAMES[lang]
    return [f"{names[i % 12]} {i // 12}" if k == 0 or i % 12 == 0 else names[i % 12] for k, i in enumerate(index)]


def _finish(fig: Any, ax: Any, xlabel: str, ylabel: str, title: str, legend: str, path: Path, lang: str,
            currency: str, note: str = "") -> Path:
    """Labels, the amount axis in euros from 0 (thousands separated as the language writes
    them), grid, legend, a note under the chart, then the PNG written (its folder made)."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.18)  # from 0, with room above the lines for the legend
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_amount(v, lang, currency).rsplit(
        "," if lang == "nl" else ".", 1)[0]))
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc=legend)
    if note:
        fig.text(0.01, 0.01, note, fontsize=8, color="#595959", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.04 if note else 0, 1, 1))
    try:
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
    return path


def _png(target: Path) -> Path:
    if target.suffix.lower() != ".png":
        raise FileError(f"«output {target}»: a chart is written as a .png file")
    return target


def cost_chart_file(usage: Usage, output: str | Path, *, tariff: Tariff, max_calls: int | None = None,
                    lang: str = "en", force: bool = False, outputs: Outputs | None = None) -> Path:
    """The cost chart of a forecast (its recommendation marked) into a PNG, through the run's set."""
    from optimizer.decisions.recommend import recommend

    target = _png(Path(output))
    if max_calls is not None and not 1 <= max_calls <= MAX_CALLS:
        raise FileError(f"«max_calls {max_calls}»: at most {MAX_CALLS:,} calls on the axis, and at least 1")
    with joined(outputs, force=force) as run:
        out = run.add(target, what="chart (-o)")
        r = recommend(usage, tariff=tariff, alternatives=0)
        cost_chart(usage, r, out.tmp, tariff, max_calls, lang=lang)
    return target


def year_chart_file(source: str | Path, output: str | Path, *, customer: str | None = None,
                    max_changes: int | None = None, tariff: Tariff, lang: str = "en", force: bool = False) -> Path:
    """Each plan's cost per month of one customer of a months file, the schedule drawn over it."""
    from optimizer.decisions.schedule import schedule
    from optimizer.jobs.schedule import read_schedule
    from optimizer.reading.fields import SCHEDULE_SPEC
    from optimizer.reading.frames import id_column, read_frame

    target = _png(Path(output))
    with Outputs(inputs=(source,), force=force) as outputs:
        out = outputs.add(target, what="chart (-o)")
        read = read_frame(read_schedule(source), SCHEDULE_SPEC, source=str(source))
        if read.errors:
            row, message = next(iter(read.errors.items()))
            raise FileError(f"{source}: row {row + 1}: {message}")
        frame = read.fields.assign(customer=id_column(read.fields["customer"]))
        customers = list(dict.fromkeys(frame["customer"]))
        if customer is None and len(customers) > 1:
            raise FileError(f"«customer»: {source} has {len(customers)} customers ({', '.join(customers[:5])}"
                            f"{', ...' if len(customers) > 5 else ''}); say which")
        chosen = customer if customer is not None else customers[0]
        rows = frame[frame["customer"] == str(chosen).strip()]
        if rows.empty:
            raise FileError(f"«customer {chosen}»: not a customer of {source}")
        rows = rows.assign(_order=[m.index for m in rows["month"]]).sort_values("_order")
        if rows["_order"].duplicated().any():
            raise FileError(f"{source}: customer {chosen!r} has a month twice")
        fields = [f for f in USAGE_FIELDS if f in rows.columns]
        months = [Usage(**{str(f): (0 if v is None or v != v else v) for f, v in r.items()})  # type: ignore[arg-type]
                  for r in rows[fields].to_dict("records")]
        s = schedule(months, max_changes=max_changes, tariff=tariff)
        year_chart(months, [str(m) for m in rows["month"]], s, out.tmp, tariff, lang=lang,
                   month_index=[m.index for m in rows["month"]])
    return target

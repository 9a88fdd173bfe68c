"""The cost chart: monthly cost against the number of calls for each plan, the rest of the
forecast fixed, with the forecast and the recommendation marked (matplotlib, no screen needed).
A plan that cannot serve the forecast (24/7 on BASIC) is drawn nowhere and named as not allowed."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from optimizer.decisions.curves import cost_curve
from optimizer.decisions.planning import Schedule
from optimizer.decisions.plans import plan_for
from optimizer.decisions.recommend import Recommendation
from optimizer.ground.money import format_amount
from optimizer.ground.usage import Usage
from optimizer.pricing.tariff import Tariff

__all__ = ["cost_chart", "year_chart"]

WORDS = {
    "en": {"every": "for every service used", "cannot": "not allowed for this forecast", "cheapest":
           "cheapest combination", "recommended": "recommended", "phone": "phone", "chat": "chat", "forecast":
           "forecast", "calls": "calls", "x": "Answered calls per month", "y": "Monthly total", "title":
           "Monthly cost against the number of calls (the rest of the forecast as given)"},
    "nl": {"every": "voor elke gebruikte dienst", "cannot": "niet toegestaan voor deze prognose", "cheapest":
           "goedkoopste combinatie", "recommended": "advies", "phone": "telefoon", "chat": "chat", "forecast":
           "prognose", "calls": "gesprekken", "x": "Beantwoorde gesprekken per maand", "y": "Totaal per maand",
           "title": "Maandkosten tegen het aantal gesprekken (de rest van de prognose zoals gegeven)"},
}


def cost_chart(usage: Usage, recommendation: Recommendation, path: str | Path, tariff: Tariff,
               max_calls: int | None = None, lang: str = "en") -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    w = WORDS["nl" if lang == "nl" else "en"]
    path = Path(path)
    top = max_calls or max(200, int(usage.calls * 2))
    calls = np.arange(0, top + 1)
    with_calls = usage.replace(calls=max(usage.calls, 1))
    lines = {plan: plan_for(plan, with_calls) for plan in tariff.plans}
    curves = cost_curve(usage, tariff.selections, calls, tariff)
    fig, ax = plt.subplots(figsize=(9, 5.2), dpi=110)
    for plan, sel in lines.items():
        if np.isnan(curves[sel]).all():
            ax.plot([], [], " ", label=f"{plan}: {w['cannot']}")
            continue
        ax.plot(calls, curves[sel], label=f"{plan} ({w['every']})", linewidth=1.6)
    cheapest = np.nanmin(np.vstack(list(curves.values())), axis=0)
    ax.plot(calls, cheapest, color="black", linestyle="--", linewidth=1, label=w["cheapest"])
    ax.axvline(usage.calls, color="grey", linestyle=":", linewidth=1)
    none = "-" if lang != "nl" else "geen"
    label = (f"{w['recommended']}: {w['phone']} {recommendation.phone or none}, {w['chat']} "
             f"{recommendation.chat or none}")
    ax.plot([usage.calls], [float(recommendation.total)], marker="*", markersize=16, color="black",
            linestyle="none", label=f"{label}: {format_amount(recommendation.total, lang, tariff.currency)}")
    ax.annotate(f"{w['forecast']}: {usage.calls} {w['calls']}", (usage.calls, ax.get_ylim()[0]), xytext=(4, 6),
                textcoords="offset points", color="grey", fontsize=8)
    return _finish(fig, ax, w["x"], f"{w['y']} ({tariff.currency})", w["title"], "upper left", path)


YEAR_WORDS = {
    "en": {"title": "Monthly cost over the period, per plan, and the cheapest plan per month",
           "schedule": "schedule", "month": "Month", "y": "Monthly total", "changes": "changes",
           "fixed": "best single plan"},
    "nl": {"title": "Maandkosten over de periode, per plan, en het goedkoopste plan per maand",
           "schedule": "planning", "month": "Maand", "y": "Totaal per maand", "changes": "wijzigingen",
           "fixed": "beste vaste plan"},
}


def year_chart(months: list[Usage], labels: list[str], plan: Schedule, path: str | Path, tariff: Tariff,
               lang: str = "en") -> Path:
    """Each plan's monthly cost over the months (the plan for every service a month uses; a month
    it cannot serve is left out), and the schedule drawn over it, its plan named at each change."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from optimizer.decisions.search import allowed_selections
    from optimizer.engines.exact import Priced

    w = {**WORDS["nl" if lang == "nl" else "en"], **YEAR_WORDS["nl" if lang == "nl" else "en"]}
    path = Path(path)
    x = np.arange(len(months))
    fig, ax = plt.subplots(figsize=(10, 5.4), dpi=110)
    for name in tariff.plans:
        costs = []
        for u in months:
            sel = plan_for(name, u)
            ok = sel in allowed_selections(tariff, u)
            costs.append(float(Priced(tariff, u).total(sel)) if ok else np.nan)
        if np.isnan(costs).all():
            ax.plot([], [], " ", label=f"{name}: {w['cannot']}")
        else:
            ax.plot(x, costs, marker="o", markersize=3, linewidth=1.4, label=f"{name} ({w['every']})")
    totals = [float(m.total) for m in plan.months]
    none = "-" if lang != "nl" else "geen"
    ax.plot(x, totals, color="black", linestyle="--", linewidth=2.2,
            label=f"{w['schedule']}: {format_amount(plan.total, lang, tariff.currency)}, {plan.changes} "
                  f"{w['changes']}")
    previous = None
    for i, m in enumerate(plan.months):
        selection = (m.phone, m.chat)
        if selection != previous:
            ax.annotate(f"{m.phone or none}/{m.chat or none}", (i, totals[i]), xytext=(0, 10),
                        textcoords="offset points", ha="center", fontsize=8)
        previous = selection
    if plan.fixed is not None:
        ax.plot([], [], " ", label=f"{w['fixed']}: {plan.fixed.phone or none}/{plan.fixed.chat or none} "
                                   f"{format_amount(plan.fixed.total, lang, tariff.currency)}")
    ax.set_xticks(x, labels, rotation=45 if len(labels) > 12 else 0)
    return _finish(fig, ax, w["month"], f"{w['y']} ({tariff.currency})", w["title"], "upper right", path)


def _finish(fig: Any, ax: Any, xlabel: str, ylabel: str, title: str, legend: str, path: Path) -> Path:
    """Labels, grid and legend, then the PNG written (its folder made)."""
    import matplotlib.pyplot as plt

    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc=legend)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path

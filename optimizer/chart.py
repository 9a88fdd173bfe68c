"""The cost chart: monthly cost against the number of calls for each plan, the rest of the
forecast fixed, with the forecast and the recommendation marked (matplotlib, no screen needed).
A plan that cannot serve the forecast (24/7 on BASIC) is drawn nowhere and named as not allowed."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .curves import cost_curve
from .milp import Recommendation
from .money import format_amount
from .plans import plan_for
from .tariff import Tariff
from .usage import Usage

__all__ = ["cost_chart"]

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
    ax.set_xlabel(w["x"])
    ax.set_ylabel(f"{w['y']} ({tariff.currency})")
    ax.set_title(w["title"])
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path

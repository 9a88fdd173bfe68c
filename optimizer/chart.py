"""The cost chart: monthly cost against the number of calls for each plan, the rest of the
forecast fixed, with the forecast and the recommendation marked (matplotlib, no screen needed)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .analysis import cost_curve, plan_for
from .model import Recommendation
from .tariff import Tariff
from .usage import Usage

__all__ = ["cost_chart"]


def cost_chart(usage: Usage, recommendation: Recommendation, path: str | Path, tariff: Tariff,
               max_calls: int | None = None) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    top = max_calls or max(200, int(usage.calls * 2))
    calls = np.arange(0, top + 1)
    with_calls = usage.replace(calls=max(usage.calls, 1))
    lines = {plan: plan_for(plan, with_calls) for plan in tariff.plans}
    curves = cost_curve(usage, tariff.selections, calls, tariff)
    fig, ax = plt.subplots(figsize=(9, 5.2), dpi=110)
    for plan, sel in lines.items():
        if np.isnan(curves[sel]).all():
            ax.plot([], [], " ", label=f"{plan}: cannot serve this forecast")
            continue
        ax.plot(calls, curves[sel], label=f"{plan} (for every service used)", linewidth=1.6)
    cheapest = np.nanmin(np.vstack(list(curves.values())), axis=0)
    ax.plot(calls, cheapest, color="black", linestyle="--", linewidth=1, label="cheapest combination")
    ax.axvline(usage.calls, color="grey", linestyle=":", linewidth=1)
    label = f"recommended: phone {recommendation.phone or '-'}, chat {recommendation.chat or '-'}"
    ax.plot([usage.calls], [float(recommendation.total)], marker="*", markersize=16, color="black",
            linestyle="none", label=f"{label}: EUR {recommendation.total}")
    ax.annotate(f"forecast: {usage.calls} calls", (usage.calls, ax.get_ylim()[0]), xytext=(4, 6),
                textcoords="offset points", color="grey", fontsize=8)
    ax.set_xlabel("Answered calls per month")
    ax.set_ylabel("Monthly total (EUR)")
    ax.set_title("Monthly cost against the number of calls (the rest of the forecast as given)")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path

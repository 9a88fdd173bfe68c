"""answer-plan: exact quotes and the cheapest plans for the answering service's price list.

Importing it loads neither numpy nor pandas (nor pyarrow): quote, recommend, schedule and choose
answer on the Decimal engine alone where those cannot be loaded (xlwings Lite without Pyodide's
package repository); the column paths load them when first called. rate() and Rating, made of
Arrow and pandas through and through, are loaded on first use.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from optimizer.decisions.choose import Choice, choose
from optimizer.decisions.many import recommend_many
from optimizer.decisions.recommend import Alternative, Recommendation, recommend
from optimizer.decisions.schedule import MonthPlan, Schedule, schedule, schedule_many
from optimizer.engines.exact import Line, Quote, quote
from optimizer.ground.errors import (
    AnswerPlanError,
    FileError,
    HeaderError,
    NoPlanFits,
    RatingError,
    SelectionError,
    SolverError,
    TariffError,
    UsageError,
)
from optimizer.ground.months import Month
from optimizer.ground.usage import USAGE_FIELDS, Usage
from optimizer.pricing.tariff import Tariff, load_tariff

if TYPE_CHECKING:
    from optimizer.decisions.rating import Rating
    from optimizer.jobs.rate import rate

__all__ = [
    "USAGE_FIELDS",
    "Alternative",
    "AnswerPlanError",
    "Choice",
    "FileError",
    "HeaderError",
    "Line",
    "Month",
    "MonthPlan",
    "NoPlanFits",
    "Quote",
    "Rating",
    "RatingError",
    "Recommendation",
    "Schedule",
    "SelectionError",
    "SolverError",
    "Tariff",
    "TariffError",
    "Usage",
    "UsageError",
    "choose",
    "load_tariff",
    "quote",
    "rate",
    "recommend",
    "recommend_many",
    "schedule",
    "schedule_many",
]


def __getattr__(name: str) -> Any:
    """rate and Rating, imported when first asked for (they need pandas and pyarrow)."""
    if name == "rate":
        from optimizer.jobs.rate import rate

        return rate
    if name == "Rating":
        from optimizer.decisions.rating import Rating

        return Rating
    raise AttributeError(f"module 'optimizer' has no attribute {name!r}")

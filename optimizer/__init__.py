"""answer-plan: exact quotes and the cheapest plans for the answering service's price list."""
from __future__ import annotations

from optimizer.decisions.choose import Choice, choose
from optimizer.decisions.many import recommend_many
from optimizer.decisions.rating import Rating
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
from optimizer.jobs.rate import rate
from optimizer.pricing.tariff import Tariff, load_tariff

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

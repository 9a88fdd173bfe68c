"""answer-plan: exact quotes and the cheapest plans for the answering service's price list."""
from __future__ import annotations

from optimizer.decisions.many import recommend_many
from optimizer.decisions.planning import Choice, MonthPlan, Schedule, choose, schedule, schedule_many
from optimizer.decisions.rating import Rating, rate
from optimizer.decisions.recommend import Alternative, Recommendation, recommend
from optimizer.engines.exact import Line, Quote, quote
from optimizer.ground.errors import AnswerPlanError, NoPlanFits, SelectionError, SolverError, TariffError, UsageError
from optimizer.ground.usage import USAGE_FIELDS, Usage
from optimizer.pricing.tariff import Tariff, load_tariff

__all__ = [
    "USAGE_FIELDS",
    "Alternative",
    "AnswerPlanError",
    "Choice",
    "Line",
    "MonthPlan",
    "NoPlanFits",
    "Quote",
    "Rating",
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

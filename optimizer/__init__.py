"""answer-plan: exact quotes and the cheapest plans for the answering service's price list."""
from __future__ import annotations

from .bulk import recommend_many
from .errors import AnswerPlanError, NoPlanFits, SelectionError, SolverError, TariffError, UsageError
from .milp import Alternative, Recommendation, recommend
from .planning import Choice, MonthPlan, Schedule, choose, schedule, schedule_many
from .quote import Line, Quote, quote
from .rating import Rating, rate
from .tariff import Tariff, load_tariff
from .usage import USAGE_FIELDS, Usage

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

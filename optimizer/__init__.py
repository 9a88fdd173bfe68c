"""answer-plan: exact quotes and the cheapest plans for the answering service's price list."""
from __future__ import annotations

from .bulk import recommend_many
from .errors import AnswerPlanError, NoPlanFits, SelectionError, SolverError, TariffError, UsageError
from .milp import Alternative, Recommendation, recommend
from .quote import Line, Quote, quote
from .tariff import Tariff, load_tariff
from .usage import USAGE_FIELDS, Usage

__all__ = [
    "USAGE_FIELDS",
    "Alternative",
    "AnswerPlanError",
    "Line",
    "NoPlanFits",
    "Quote",
    "Recommendation",
    "SelectionError",
    "SolverError",
    "Tariff",
    "TariffError",
    "Usage",
    "UsageError",
    "load_tariff",
    "quote",
    "recommend",
    "recommend_many",
]

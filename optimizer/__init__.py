"""answer-plan: exact quotes and the cheapest plans for the answering service's price list."""
from __future__ import annotations

from .errors import AnswerPlanError, NoPlanFits, SelectionError, SolverError, TariffError, UsageError
from .quote import Line, Quote, quote
from .tariff import Tariff, load_tariff
from .usage import USAGE_FIELDS, Usage

__all__ = [
                     "USAGE_FIELDS",
                     "AnswerPlanError",
                     "Line",
                     "NoPlanFits",
                     "Quote",
                     "SelectionError",
                     "SolverError",
                     "Tariff",
                     "TariffError",
                     "Usage",
                     "UsageError",
                     "load_tariff",
                     "quote",
]

from .model import Alternative, Recommendation, recommend

__all__ += ["Alternative", "Recommendation", "recommend"]

from .bulk import recommend_many  # noqa: E402

__all__ += ["recommend_many"]

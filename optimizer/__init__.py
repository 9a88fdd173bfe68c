"""answer-plan: exact quotes and the cheapest plans for the answering service's price list."""
from __future__ import annotations

from .errors import (AnswerPlanError, NoPlanFits, SelectionError, SolverError, TariffError,
                     UsageError)
from .quote import Line, Quote, quote
from .tariff import Tariff, load_tariff
from .usage import USAGE_FIELDS, Usage

__all__ = [
    "Usage", "USAGE_FIELDS", "quote", "Quote", "Line", "load_tariff", "Tariff",
    "AnswerPlanError", "UsageError", "TariffError", "SelectionError", "NoPlanFits", "SolverError",
]

from .model import Alternative, Recommendation, recommend  # noqa: E402

__all__ += ["recommend", "Recommendation", "Alternative"]

from .bulk import recommend_many  # noqa: E402

__all__ += ["recommend_many"]

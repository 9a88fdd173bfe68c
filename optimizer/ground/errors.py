"""The project's exceptions: one module, one base class (a ValueError)."""
from __future__ import annotations

import contextlib

__all__ = [
    "AnswerPlanError",
    "NoPlanFits",
    "SelectionError",
    "SolverError",
    "TariffError",
    "UsageError",
]


class AnswerPlanError(ValueError):
    """Base of every error this project raises on purpose."""


class UsageError(AnswerPlanError):
    """A forecast field has a value that cannot be priced; the message names field and value."""

    def __init__(self, field: str, value: object, want: str) -> None:
        self.field, self.value, self.want = field, value, want
        super().__init__(f"{field}: {_show(value)} is not {want}")


class TariffError(AnswerPlanError):
    """A price list failed validation; `problems` lists every problem with its key path."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source, self.problems = source, list(problems)
        listed = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{source}: {len(self.problems)} problem(s)\n{listed}")


class SelectionError(AnswerPlanError):
    """A choice of plans that breaks a rule of the price list (24/7, usage without its service)."""


class NoPlanFits(SelectionError):
    """No combination of plans can serve the forecast under the given restrictions."""


class SolverError(AnswerPlanError):
    """The MILP solver is missing, failed, or disagreed with the pricing core."""


def _show(value: object) -> str:
    if hasattr(value, "item") and callable(value.item):  # numpy scalars: show the plain value
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()
    if isinstance(value, (str, float)):
        return repr(value)
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."

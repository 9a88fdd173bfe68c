"""Scenarios from a file (one per row: an optional name and weight, and the forecast columns), read
as every other table is, for choose()."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from optimizer.files.read import FileError, ReadOptions, read_all
from optimizer.ground.errors import AnswerPlanError
from optimizer.ground.usage import USAGE_FIELDS, Usage
from optimizer.reading.cells import is_blank
from optimizer.reading.fields import SCENARIOS_SPEC

__all__ = ["read_scenarios"]


def read_scenarios(source: str | Path, options: ReadOptions | None = None
                   ) -> tuple[list[tuple[str, Usage]], list[Any] | None]:
    """(name, Usage) per row (a row without a name: 'scenario K'), and the weights when the file
    has a weight column. A cell that cannot be read stops, naming its row; two rows of one name
    are choose()'s error, never merged."""
    whole = read_all(source, SCENARIOS_SPEC, options)
    frame, errors = whole.frame, whole.errors
    if errors:
        row, message = next(iter(errors.items()))
        raise FileError(f"{source}: row {whole.row(row)}: {message}")
    fields = [f for f in USAGE_FIELDS if f in frame.columns]
    scenarios = []
    for i in range(len(frame)):
        name = frame["scenario"].iat[i] if "scenario" in frame.columns else None
        name = f"scenario {i + 1}" if is_blank(name) else " ".join(str(name).split())  # a line break in a cell: a space
        try:
            scenarios.append((name, Usage(**{f: _cell(frame[f].iat[i]) for f in fields})))
        except AnswerPlanError as exc:
            raise FileError(f"{source}: row {whole.row(i)} ({name}): {exc}") from None
    weights = [_cell(w) for w in frame["weight"]] if "weight" in frame.columns else None
    return scenarios, weights


def _cell(value: Any) -> Any:
    return 0 if is_blank(value) else value

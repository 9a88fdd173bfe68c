"""Tables the commands write besides bulk results (invoices, lines, evaluations, schedules), with
the same safety: atomically, in the dialect asked for, text neutralised."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from optimizer.files.dialect import Dialect
from optimizer.files.write import OutputColumn, Writer, atomic_target, output_format

__all__ = ["write_table"]


def write_table(frame: pd.DataFrame, target: str | Path, *, dialect: Dialect, money: Iterable[str] = (),
                inputs: tuple[Path, ...] = (), force: bool = True, sheet: str = "results") -> Path:
    """Write a frame (its columns as they are; `money` columns as amounts with two decimals) to
    a CSV, XLSX or Parquet file, complete or not at all."""
    target = Path(target)
    kind = output_format(target)
    money = set(money)
    columns = []
    for name in frame.columns:
        values = frame[name]
        if name in money:
            col_kind = "money"
        elif pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
            col_kind = "number"
        else:
            col_kind = "text"
            values = pd.Series([_plain(v) for v in values], dtype=object)
        columns.append(OutputColumn(str(name), values, col_kind))
    with atomic_target(target, inputs=inputs, force=force) as tmp:
        writer = Writer(tmp, kind, dialect, sheet=sheet, shown=target)
        try:
            if len(frame) or kind != "csv":
                writer.write([], [], columns)
            else:  # no rows: the header alone
                writer.write([], [], [OutputColumn(c.name, np.array([], dtype=object), "text") for c in columns])
        finally:
            writer.close()
    return target


def _plain(v: Any) -> Any:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    return v

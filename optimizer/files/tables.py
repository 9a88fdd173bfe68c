"""Tables the commands write besides bulk results (invoices, lines, evaluations, schedules,
refused rows): into an output of the run's set, in the dialect asked for, text neutralised."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from optimizer.files.dialect import Dialect
from optimizer.files.outputs import Output
from optimizer.files.write import OutputColumn, Writer, output_format

__all__ = ["write_table"]


def write_table(frame: pd.DataFrame, out: Output, *, dialect: Dialect, money: Iterable[str] = (),
                sheet: str = "results", yes: str = "yes", no: str = "no") -> None:
    """Write a frame (its columns as they are; `money` columns as amounts with two decimals) into
    an output of the run's set (its kind from the target's extension)."""
    kind = output_format(out.target)
    money = set(money)
    columns = []
    for name in frame.columns:
        values = frame[name]
        if name in money:
            col_kind = "money"
        elif pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
            col_kind = "number"
        elif pd.api.types.is_bool_dtype(values.dtype):
            col_kind = "text"
            values = pd.Series(np.where(values.to_numpy(dtype=bool), yes, no), dtype=object)
        else:
            col_kind = "text"
            plain = values.to_numpy(dtype=object)
            if any(isinstance(v, (bool, np.bool_, float)) for v in plain[:1000]) or \
                    any(isinstance(v, (bool, np.bool_, float)) for v in plain):
                values = pd.Series([_plain(v, yes, no) for v in plain], dtype=object)
        columns.append(OutputColumn(str(name), values, col_kind))
    writer = Writer(out.tmp, kind, dialect, sheet=sheet, shown=out.target)
    try:
        if len(frame) or kind != "csv":
            writer.write([], [], columns)
        else:  # no rows: the header alone
            writer.write([], [], [OutputColumn(c.name, np.array([], dtype=object), "text") for c in columns])
    finally:
        writer.close()


def _plain(v: Any, yes: str, no: str) -> Any:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        return yes if v else no
    return v

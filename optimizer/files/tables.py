"""Tables the commands write besides bulk results (invoices, lines, evaluations, schedules,
refused rows): into an output of the run's set, in the dialect asked for, text neutralised."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from optimizer.files.dialect import Dialect
from optimizer.files.outputs import Output
from optimizer.files.read import FileError
from optimizer.files.write import OutputColumn, Writer, error_texts, file_lang, output_format
from optimizer.ground.words import CATALOGUE, column

__all__ = ["read_results", "write_table"]


def write_table(frame: pd.DataFrame, out: Output, *, dialect: Dialect, money: Iterable[str] = (),
                sheet: str = "results", yes: str = "yes", no: str = "no", lang: str = "en", table: str = "",
                errors: Iterable[str] = ("error", "reason")) -> None:
    """Write a frame (its columns as they are; `money` columns as amounts with two decimals) into
    an output of the run's set (its kind from the target's extension). The column names and the
    `errors` columns' texts are in the file's language (`file_lang`), names as `table` says them."""
    kind = output_format(out.target)
    flang = file_lang(kind, dialect, lang)
    if flang == "nl":
        yes, no = ("ja", "nee") if (yes, no) == ("yes", "no") else (yes, no)
    errors = set(errors)
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
            values = pc.if_else(pa.array(values.to_numpy(dtype=bool)), pa.scalar(yes), pa.scalar(no))  # in Arrow
        elif pd.api.types.is_string_dtype(values.dtype) and values.dtype != object and name not in errors:
            col_kind = "text"  # pandas' own text (held by Arrow): handed on as it is, no Python objects
            values = pa.array(values, type=pa.string(), from_pandas=True)
        else:
            col_kind = "text"
            plain = values.to_numpy(dtype=object)
            if pd.api.types.infer_dtype(plain, skipna=True) not in ("string", "empty"):  # text, blanks: as they are
                values = pd.Series([_plain(v, yes, no) for v in plain], dtype=object)
        if name in errors and col_kind == "text":
            values = error_texts(values, flang)
        columns.append(OutputColumn(column(str(name), flang, table), values, col_kind))
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


def read_results(path: str | Path, table: str = "", prefix: str = "") -> pd.DataFrame:
    """A file the commands wrote (bulk, schedule, rate's invoices, lines, evaluations, refused
    rows), in either language and dialect, back as a frame whose columns are named as the Python
    API names them (`advies_telefoon` is `phone_plan`; `plan_telefoon` of an invoice too, with
    table="invoice"; results written under a `prefix` keep it). Only the columns the commands add
    (the last ones) are renamed; the input's own stay as they are. Every cell as its text (amounts
    in the file's decimal mark)."""
    from optimizer.files.dialect import sniff
    from optimizer.files.read import FORMATS

    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind == "csv":
        dialect, _ = sniff(path)
        frame = pd.read_csv(path, sep=dialect.separator, dtype=str, keep_default_na=False,
                            encoding="utf-8-sig" if dialect.encoding == "utf-8" else dialect.encoding)
    elif kind == "xlsx":
        frame = pd.read_excel(path, dtype=str, keep_default_na=False)
    elif kind == "parquet":
        frame = pd.read_parquet(path)
    else:
        raise FileError(f"{path}: not a file the commands write (.csv, .tsv, .xlsx, .parquet)")
    english = {str(nl): key.split(":", 1)[1] for key, (_, nl) in CATALOGUE.items()
               if key.startswith("column:") and key.split(":", 1)[1] != nl}
    if table:
        english.update({str(nl): key.split(":", 1)[1] for key, (_, nl) in CATALOGUE.items()
                        if key.startswith(f"{table} column:")})
    ours = {str(nl) for key, (_, nl) in CATALOGUE.items() if key.startswith(("column:", f"{table} column:"))}
    names = list(frame.columns)
    k = len(names)  # the commands add their columns after the input's: rename from the right
    while k and str(names[k - 1]).startswith(prefix) and str(names[k - 1])[len(prefix):] in ours:
        k -= 1
        if not table and str(names[k])[len(prefix):] in ("phone_plan", column("phone_plan", "nl")):
            break  # the first column bulk and schedule add: the input's are before it
    return frame.rename(columns={c: prefix + english[str(c)[len(prefix):]] for c in names[k:]
                                 if str(c)[len(prefix):] in english})

"""Files from users: CSV as every Excel writes it, XLSX, Parquet; read with certainty or refused
with one line; written atomically, in the input's dialect, safe to open in a spreadsheet.

The names below load their module on first use, so `optimizer.files.headers` and `.spec` work
where pyarrow is not installed (xlwings Lite)."""
from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "BULK_SPEC": "spec", "DIALECTS": "bulk", "SCHEDULE_SPEC": "spec", "BulkSummary": "bulk", "bulk_file": "bulk",
    "output_dialect": "bulk", "read_all": "bulk", "read_schedule": "bulk", "schedule_file": "bulk",
    "terminal_progress": "bulk", "usage_frame": "bulk",
    "CellError": "cells", "excel_error": "cells",
    "Dialect": "dialect", "DialectError": "dialect",
    "ALIASES": "headers", "HeaderError": "headers", "match_headers": "headers", "normalise": "headers",
    "FORMATS": "read", "Chunk": "read", "Source": "read", "open_source": "read",
    "FileError": "spec", "ReadOptions": "spec", "TableSpec": "spec",
    "write_table": "tables",
    "XLSX_MAX_ROWS": "write", "OutputColumn": "write", "Writer": "write", "atomic_target": "write",
    "neutralise": "write", "output_format": "write",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'optimizer.files' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)

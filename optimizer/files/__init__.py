"""Files from users: CSV as every Excel writes it, XLSX, Parquet; read with certainty or refused
with one line; written atomically, in the input's dialect, safe to open in a spreadsheet."""
from __future__ import annotations

from .bulk import (
    BULK_SPEC,
    DIALECTS,
    SCHEDULE_SPEC,
    BulkSummary,
    bulk_file,
    output_dialect,
    read_all,
    read_schedule,
    schedule_file,
    terminal_progress,
    usage_frame,
)
from .cells import CellError, excel_error
from .dialect import Dialect, DialectError
from .headers import ALIASES, HeaderError, match_headers, normalise
from .read import FORMATS, Chunk, FileError, ReadOptions, Source, TableSpec, open_source
from .tables import write_table
from .write import XLSX_MAX_ROWS, OutputColumn, Writer, atomic_target, neutralise, output_format

__all__ = [
    "ALIASES",
    "BULK_SPEC",
    "DIALECTS",
    "FORMATS",
    "SCHEDULE_SPEC",
    "XLSX_MAX_ROWS",
    "BulkSummary",
    "CellError",
    "Chunk",
    "Dialect",
    "DialectError",
    "FileError",
    "HeaderError",
    "OutputColumn",
    "ReadOptions",
    "Source",
    "TableSpec",
    "Writer",
    "atomic_target",
    "bulk_file",
    "excel_error",
    "match_headers",
    "neutralise",
    "normalise",
    "open_source",
    "output_dialect",
    "output_format",
    "read_all",
    "read_schedule",
    "schedule_file",
    "terminal_progress",
    "usage_frame",
    "write_table",
]

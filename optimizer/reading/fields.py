"""What a command reads from a file and how it may be told (no pyarrow here: the Excel functions
and xlwings Lite use these without the file readers)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from optimizer.ground.errors import AnswerPlanError
from optimizer.ground.usage import AMOUNT_FIELDS, COUNT_FIELDS, FLAG_FIELDS, USAGE_FIELDS

__all__ = ["BULK_SPEC", "SCHEDULE_SPEC", "FileError", "ReadOptions", "TableSpec"]


class FileError(AnswerPlanError):
    """A file that cannot be read or written as asked."""


@dataclass(frozen=True)
class TableSpec:
    """The fields a command reads: field -> kind ("count", "amount", "flag", "text"); at least one
    of `any_of` must be present (else nothing would be priced), every one of `needed`."""

    fields: dict[str, str]
    any_of: tuple[str, ...] = ()
    needed: tuple[str, ...] = ()
    name: str = "input"

    def numeric(self) -> list[str]:
        return [f for f, kind in self.fields.items() if kind in ("count", "amount")]


@dataclass(frozen=True)
class ReadOptions:
    separator: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    chunk_rows: int = 100_000
    mapping: Mapping[str, str] | None = None  # header -> field ('' leaves the column out)


CURRENT = ("current_phone", "current_chat")
BULK_SPEC = TableSpec(
    fields={**{f: "count" for f in COUNT_FIELDS}, **{f: "amount" for f in AMOUNT_FIELDS},
            **{f: "flag" for f in FLAG_FIELDS}, **{c: "text" for c in CURRENT}},
    any_of=tuple(USAGE_FIELDS), name="input")
SCHEDULE_SPEC = TableSpec(fields={"customer": "text", "month": "text", **BULK_SPEC.fields},
                          any_of=tuple(USAGE_FIELDS), needed=("customer", "month"), name="input")

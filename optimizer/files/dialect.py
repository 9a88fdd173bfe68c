"""What a CSV file is, read from its first bytes: encoding, separator, decimal mark, where the
header is. Excel in Dutch saves `;`, decimal commas, `1.000` for a thousand, cp1252 or UTF-8
with a BOM; in English `,` and decimal points. A file that cannot be read with certainty stops
with one line that says why (and which option settles it)."""
from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import AnswerPlanError

__all__ = ["SAMPLE_BYTES", "Dialect", "DialectError", "decide_decimal", "sniff"]

SAMPLE_BYTES = 256 * 1024
SEPARATORS = (";", ",", "\t", "|")
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# a number as the two conventions write it (sign, thousands groups, decimals, an exponent)
POINT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$|^[+-]?\.\d+$")
COMMA = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?([eE][+-]?\d+)?$|^[+-]?,\d+$")
AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}[.,]\d{3}$")  # 1.000 / 1,000: a thousand, or one?


class DialectError(AnswerPlanError):
    """A CSV file whose dialect cannot be told with certainty."""


@dataclass(frozen=True)
class Dialect:
    encoding: str = "utf-8"  # a Python codec name
    bom: bool = False
    separator: str = ","
    decimal: str = "."  # "." or ","
    header_line: int = 0  # physical lines before the header (title rows)
    newline: str = "\r\n"

    @property
    def dutch(self) -> bool:
        return self.decimal == ","

    def describe(self) -> str:
        sep = {"\t": "tab", ";": "';'", ",": "','", "|": "'|'"}[self.separator]
        return (f"separator {sep}, decimal {self.decimal!r}, {self.encoding}{' with BOM' if self.bom else ''}"
                + (f", header on line {self.header_line + 1}" if self.header_line else ""))

    def with_(self, **changes: object) -> Dialect:
        return replace(self, **changes)  # type: ignore[arg-type]


def _encoding(sample: bytes, given: str | None) -> tuple[str, bool, int]:
    """(codec, BOM present, BOM length)."""
    for bom, name in BOMS:
        if sample.startswith(bom):
            if given and codecs.lookup(given).name not in (codecs.lookup(name).name, "utf-8-sig"):
                raise DialectError(f"--encoding {given}: the file starts with a {name} byte order mark")
            return name, True, len(bom)
    if given:
        try:
            codecs.lookup(given)
        except LookupError:
            raise DialectError(f"--encoding: {given!r} is not an encoding (utf-8, cp1252, latin-1, ...)") from None
        return given, False, 0
    try:
        sample.decode("utf-8")
        return "utf-8", False, 0
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # a character cut by the end of the sample
            return "utf-8", False, 0
        return "cp1252", False, 0


def _looks_binary(sample: bytes, encoding: str) -> bool:
    if encoding == "utf-16":
        return False
    head = sample[:4096]
    return b"\0" in head or head.startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"PAR1"))


def _rows(text: str, separator: str, limit: int = 200) -> list[tuple[int, list[str]]]:
    """(physical line of the row's start, cells) of the first rows, quotes honoured."""
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    out: list[tuple[int, list[str]]] = []
    try:
        while len(out) < limit:
            line = reader.line_num
            row = next(reader)
            out.append((line, row))
    except (StopIteration, csv.Error):
        pass
    if out and not text.endswith(("\n", "\r")) and len(out) >= limit:
        out.pop()  # the last row may be cut by the end of the sample
    return out


def _separator(text: str) -> str:
    """The separator that splits the first rows most consistently into more than one cell."""
    best, score = ",", -1.0
    for sep in SEPARATORS:
        rows = [r for _, r in _rows(text, sep, 50) if any(c.strip() for c in r)]
        if not rows:
            continue
        widths = [len(r) for r in rows]
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        agree = widths.count(common) / len(widths)
        s = agree * 10 + min(common, 50) / 50
        if s > score:
            best, score = sep, s
    return best


def sniff(path: Path, *, encoding: str | None = None, separator: str | None = None,
          is_header: object = None) -> tuple[Dialect, list[list[str]]]:
    """The dialect of a CSV file from its first SAMPLE_BYTES, and the sample's rows from the
    header on. `is_header` scores a row (how many known fields it names) to find the header below
    title rows."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not sample.strip():
        raise DialectError(f"{path}: the file is empty")
    codec, bom, skip = _encoding(sample, encoding)
    if _looks_binary(sample, codec):
        raise DialectError(f"{path}: this is not a CSV text file (it looks like a binary file)")
    try:
        text = codecs.getincrementaldecoder(codec)(errors="strict").decode(sample[skip:], final=False)
    except UnicodeDecodeError as exc:
        raise DialectError(f"{path}: not readable as {codec} (byte {exc.start}); say --encoding") from None
    if separator is not None and len(separator) != 1:
        raise DialectError(f"--csv-sep: {separator!r} must be one character (';', ',', or 'tab')")
    sep = separator or _separator(text)
    rows = _rows(text, sep, 2000)
    first = 0
    if callable(is_header):
        scores = [int(is_header(cells)) for _, cells in rows[:30]]
        top = max(scores, default=0)
        if top > 0:
            first = scores.index(top)
    while first < len(rows) - 1 and not any(c.strip() for c in rows[first][1]):
        first += 1
    line = rows[first][0] if rows else 0
    return (Dialect(encoding=codec, bom=bom, separator=sep, header_line=line),
            [cells for _, cells in rows[first:]])


def decide_decimal(cells: Iterable[str], separator: str, given: str | None, path: object) -> str:
    """The decimal mark of a file from the numbers in its numeric columns: evidence for one
    convention (150,5 or 1.234,5; 150.5 or 1,234.5) decides; evidence for both is an error; only
    ambiguous numbers (1.000) decide nothing and are an error when the separator does not
    settle it (',' as separator: decimal point)."""
    if given:
        if given not in (".", ","):
            raise DialectError(f"--decimal: {given!r} must be '.' or ','")
        return given
    comma = point = None
    ambiguous = None
    for raw in cells:
        cell = raw.strip()
        if not cell or not any(ch.isdigit() for ch in cell):
            continue
        if AMBIGUOUS.match(cell):
            ambiguous = ambiguous or cell
            continue
        has_comma, has_point = "," in cell, "." in cell
        if has_comma and (not has_point or cell.rfind(",") > cell.rfind(".")) and COMMA.match(cell):
            comma = comma or cell
        elif has_point and (not has_comma or cell.rfind(".") > cell.rfind(",")) and POINT.match(cell):
            point = point or cell
    if comma and point:
        raise DialectError(f"{path}: numbers are written both with a decimal comma ({comma!r}) and a decimal "
                           f"point ({point!r}); say --decimal , or --decimal .")
    if comma:
        return ","
    if point:
        return "."
    if ambiguous and separator != ",":
        raise DialectError(f"{path}: {ambiguous!r} could be a thousand (Dutch) or one with three decimals "
                           "(English); say --decimal , or --decimal .")
    return "," if separator in (";", "\t") else "."

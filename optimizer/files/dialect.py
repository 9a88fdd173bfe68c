"""What a CSV file is: encoding, separator, decimal mark, where the header is. Excel in Dutch saves
`;`, decimal commas, `1.000` for a thousand, cp1252 or UTF-8 with a BOM; in English `,` and decimal
points; as "Unicode text" UTF-16 with tabs. The whole file is scanned once before anything is
read (encoding, quotes that are never closed), the rest is told from its first rows. A file that
cannot be read with certainty stops with one line that says why (and which option settles it)."""
from __future__ import annotations

import codecs
import csv
import io
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

import numpy as np

from optimizer.ground.errors import AnswerPlanError

__all__ = ["SAMPLE_BYTES", "Dialect", "DialectError", "decide_decimal", "is_ambiguous", "sniff"]

SAMPLE_BYTES = 256 * 1024
SCAN_BLOCK = 1 << 20  # a block the caches hold: the pass over a file is twice as fast as with 16 MiB
SPLIT_BYTES = 16 << 20  # a larger file is passed over in two halves at once
QUOTE = ord('"')
SEPARATORS = (";", ",", "\t", "|")
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))  # UTF-32's before UTF-16's:
# UTF-32-LE's mark (FF FE 00 00) starts with UTF-16-LE's (FF FE)
WIDE_BOMS = tuple(bom for bom, name in BOMS if name != "utf-8")
# a number as the two conventions write it (sign, thousands groups, decimals, an exponent)
POINT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$|^[+-]?\.\d+$")
COMMA = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?([eE][+-]?\d+)?$|^[+-]?,\d+$")
AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}([.,]\d{3})+$")  # 1.000 / 1,000: a thousand, or one?
AMBIGUOUS_RE2 = r"^[+-]?[0-9]{1,3}([.,][0-9]{3})+$"
_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_CP1252_HOLES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


class DialectError(AnswerPlanError):
    """A CSV file whose dialect cannot be told with certainty."""


@dataclass(frozen=True)
class Dialect:
    encoding: str = "utf-8"  # a Python codec name
    bom: bool = False
    separator: str = ","
    decimal: str = "."  # "." or ","
    header_line: int = 0  # physical lines before the header (title rows)
    header_row: int = 0  # rows before the header as a spreadsheet counts them (a quoted line break is no row)
    newline: str = "\r\n"
    decided: bool = True  # False: no number in the sample told the decimal mark (later ones still may not)
    utf8_checked: int = -1  # the file's size when the pass over it read it all as UTF-8 (-1: it did not): the
    # reader need not check a file of that size again

    @property
    def dutch(self) -> bool:
        return self.decimal == ","

    def describe(self) -> str:
        sep = {"\t": "tab", ";": "';'", ",": "','", "|": "'|'"}.get(self.separator, repr(self.separator))
        return (f"separator {sep}, decimal {self.decimal!r}, {self.encoding}{' with BOM' if self.bom else ''}"
                + (f", header on line {self.header_line + 1}" if self.header_line else ""))

    def with_(self, **changes: object) -> Dialect:
        return replace(self, **changes)  # type: ignore[arg-type]


def text_encoding(name: str, option: str = "--encoding") -> str:
    """A codec that turns bytes into text (not rot13 or base64), by its Python name."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise DialectError(f"{option}: {name!r} is not an encoding (utf-8, cp1252, latin-1, ...)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise DialectError(f"{option}: {name!r} is not a text encoding (utf-8, cp1252, latin-1, ...)")
    return info.name


@dataclass(frozen=True)
class _Scan:
    """What one pass over the whole file found."""

    valid: bool = True  # valid UTF-8
    multibyte: bool = False  # has UTF-8 multi-byte text
    bad: int = -1  # the first byte that is not UTF-8
    holes: bool = False  # has bytes cp1252 leaves undefined
    quotes_closed: bool = True  # an even number of quote characters
    size: int = -1  # where the pass ended: the file's size then


def _scan(path: Path, skip: int, encoding: bool, codec: str = "utf-8") -> _Scan:
    """One pass over the whole file (after its BOM): the quote characters counted and, when the
    encoding is to be told (`encoding`), the UTF-8 checked. Quoted fields (Excel doubles a quote
    inside one) always hold an even number of quotes, so an odd count means a quote that is never
    closed, which would run every row after it into one field. In UTF-16 (or -32) a quote is a unit
    of its own (the byte 0x22 is also half of a bullet, U+2022, or of a Latvian G, U+0122). A large
    file is passed over in two halves at once (the second in a thread of its own), split where no
    character is cut."""
    size = path.stat().st_size
    unit = _unit(codec)
    if size - skip < SPLIT_BYTES:
        return _scanned(_scan_part(path, skip, size, encoding, unit), size)
    half = (size - skip) // 2
    middle = _between_characters(path, skip + half) if unit == "u1" else skip + half - half % np.dtype(unit).itemsize
    second: list[_Part | BaseException] = []

    def scan_second() -> None:
        try:
            second.append(_scan_part(path, middle, size, encoding, unit))
        except BaseException as exc:  # to this thread, as it is
            second.append(exc)

    worker = threading.Thread(target=scan_second, name="answer-plan-scan", daemon=True)
    worker.start()
    try:
        first = _scan_part(path, skip, middle, encoding, unit)
    finally:
        worker.join()
    if isinstance(second[0], BaseException):
        raise second[0]
    return _scanned(first.then(second[0]), size)


class _Part(NamedTuple):
    """What the pass over a part of the file found (_Scan's, with the quotes counted)."""

    valid: bool
    multibyte: bool
    bad: int
    holes: bool
    quotes: int

    def then(self, later: _Part) -> _Part:
        """This part and the one after it, as one pass over both finds them."""
        return _Part(self.valid and later.valid, self.multibyte or later.multibyte,
                     self.bad if not self.valid else later.bad, self.holes or later.holes, self.quotes + later.quotes)


def _scanned(part: _Part, size: int) -> _Scan:
    return _Scan(part.valid, part.multibyte, part.bad, part.holes, part.quotes % 2 == 0, size)


def _between_characters(path: Path, at: int) -> int:
    """`at`, or the first place after it (at most 3 bytes on) that is not inside a UTF-8 character:
    no byte of one is left on either side of it (a byte that continues a character is 10xxxxxx)."""
    with path.open("rb") as f:
        f.seek(at)
        following = f.read(3)
    for k, byte in enumerate(following):
        if not 0x80 <= byte <= 0xBF:
            return at + k
    return at + len(following)


def _unit(codec: str) -> str:
    """numpy's type of the units a codec writes a quote as: a byte, or UTF-16's and UTF-32's units
    in their byte order (without one said, Python reads them little-endian)."""
    name = codecs.lookup(codec).name
    for width, family in (("2", "utf-16"), ("4", "utf-32")):
        if name.startswith(family):
            return (">u" if name.endswith("-be") else "<u") + width
    return "u1"


def _scan_part(path: Path, start: int, end: int, encoding: bool, unit: str = "u1") -> _Part:
    """The pass over bytes start..end, into one reused buffer; blocks of plain ASCII cost only the
    count of quotes (after a character cut by the block before is finished). `unit`: what a quote
    is written as (_unit; `start` is at one)."""
    valid, multibyte, bad, holes, quotes = True, False, -1, False, 0
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = start
    tail = b""  # the end of the block before: a pair of UTF-8 bytes may be cut between blocks
    buffer = bytearray(SCAN_BLOCK)
    view = memoryview(buffer)
    octets, hits = np.frombuffer(buffer, np.uint8), np.empty(SCAN_BLOCK, bool)  # numpy counts 3x faster than bytes
    with path.open("rb", buffering=0) as f:
        f.seek(start)
        while offset < end and (size := f.readinto(view[:min(SCAN_BLOCK, end - offset)])):
            block = buffer if size == len(buffer) else buffer[:size]
            if buffer.find(b'"', 0, size) >= 0:  # memchr: a block without quotes is not counted
                if unit == "u1":
                    quotes += int(np.count_nonzero(np.equal(octets[:size], QUOTE, out=hits[:size])))
                else:  # (a block holds whole units: its start is at one, SCAN_BLOCK a multiple of 4)
                    units = np.frombuffer(buffer, unit, size // np.dtype(unit).itemsize)
                    quotes += int(np.count_nonzero(units == QUOTE))
            if encoding:
                pending = len(decoder.getstate()[0])
                if not block.isascii() or pending:
                    seam = tail + block[:3]
                    multibyte = multibyte or bool(_MULTIBYTE.search(seam) or _MULTIBYTE.search(block))
                    holes = holes or bool(_CP1252_HOLES.search(block))
                    if valid:
                        try:
                            decoder.decode(block)
                        except UnicodeDecodeError as exc:
                            valid, bad = False, offset - pending + exc.start
                tail = bytes(block[-3:])
            offset += size
    view.release()
    if encoding and valid:
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(b"", final=True)  # a character cut by the end of the part
        except UnicodeDecodeError:
            valid, bad = False, offset - pending
    return _Part(valid, multibyte, bad, holes, quotes)


def _encoding(path: Path, sample: bytes, given: str | None) -> tuple[str, bool, int, _Scan]:
    """(codec, BOM present, BOM length, the whole file's scan). A file said or marked to be UTF-8
    is checked as such on the way (its `valid`), not refused here: the reader says where it is not."""
    for bom, name in BOMS:
        if sample.startswith(bom):
            family = "utf-8-sig" if name == "utf-8" else name[:6]  # utf-16 or utf-32: its byte order from the mark
            if given and text_encoding(given) not in (codecs.lookup(name).name, family):
                raise DialectError(f"--encoding {given}: the file starts with a {name} byte order mark")
            return name, True, len(bom), _scan(path, len(bom), encoding=name == "utf-8", codec=name)
    if given:
        codec = text_encoding(given)
        return codec, False, 0, _scan(path, 0, encoding=codec == "utf-8", codec=codec)
    scan = _scan(path, 0, encoding=True)
    if scan.valid:
        return "utf-8", False, 0, scan
    if scan.multibyte:
        raise DialectError(f"{path}: the file mixes encodings: it has UTF-8 text, but byte {scan.bad:,} is not "
                           "UTF-8; say --encoding (utf-8 or cp1252) for what most of it is")
    if scan.holes:
        raise DialectError(f"{path}: the file is neither UTF-8 nor cp1252 (byte {scan.bad:,}); say --encoding")
    return "cp1252", False, 0, scan


def _looks_binary(sample: bytes, encoding: str) -> bool:
    if encoding.startswith(("utf-16", "utf-32")):
        return False
    head = sample[:4096]
    return b"\0" in head or head.startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"PAR1"))


def _rows(text: str, separator: str, limit: int = 200) -> list[tuple[int, list[str]]]:
    """(physical line of the row's start, cells) of the first rows, quotes honoured; CR, LF and
    CR LF all end a line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
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


def _separator(text: str) -> str | None:
    """The separator that splits the first rows most consistently into more than one cell; None
    when no separator does (a file of one column)."""
    best, score = None, -1.0
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
    """The dialect of a CSV file (the encoding from the whole file, the rest from its first
    SAMPLE_BYTES) and the sample's rows from the header on. `is_header` scores a row (how many
    known fields it names) to find the header below title rows."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not sample.strip():
        raise DialectError(f"{path}: the file is empty")
    said = text_encoding(encoding) if encoding else "utf-8"  # (UTF-16 without its mark, said: not binary)
    if not sample.startswith(WIDE_BOMS) and _looks_binary(sample, said):
        raise DialectError(f"{path}: this is not a CSV text file (it looks like a binary file)")
    codec, bom, skip, scan = _encoding(path, sample, encoding)
    try:
        text = codecs.getincrementaldecoder(codec)(errors="strict").decode(sample[skip:], final=False)
    except UnicodeDecodeError as exc:
        raise DialectError(f"{path}: not readable as {codec} (byte {exc.start:,}); say --encoding") from None
    except UnicodeError as exc:  # utf-16 without its byte order mark, ...
        raise DialectError(f"{path}: not readable as {codec} ({exc}); say another --encoding") from None
    if not scan.quotes_closed:
        line = _open_quote(path, codec, skip, separator or _separator(text) or ",")
        where = f" on line {line:,}" if line else ""
        raise DialectError(f"{path}: a quote (\") is opened{where} and never closed, which would run the rows after "
                           "it together; fix the file (Excel writes a quote inside a field as \"\")")
    if separator is not None and len(separator) != 1:
        raise DialectError(f"--csv-sep: {separator!r} must be one character (';', ',', or 'tab')")
    found = separator or _separator(text)
    rows = _rows(text, found or ",", 2000)
    first = 0
    if callable(is_header):
        scores = [int(is_header(cells)) for _, cells in rows[:30]]
        top = max(scores, default=0)
        if top > 0:
            first = scores.index(top)
    while first < len(rows) - 1 and not any(c.strip() for c in rows[first][1]):
        first += 1
    line = rows[first][0] if rows else 0
    return (Dialect(encoding=codec, bom=bom, separator=found or ",", header_line=line, header_row=first,
                    decided=found is not None, utf8_checked=scan.size if codec == "utf-8" and scan.valid else -1),
            [cells for _, cells in rows[first:]])


def _open_quote(path: Path, codec: str, skip: int, separator: str) -> int | None:
    """The line where the row with a quote that is never closed starts (Python's csv module, strict,
    over the whole file: on this error's path only), or None when it cannot be told."""
    line = 1
    try:
        with path.open("r", encoding=codec, errors="replace", newline="") as f:
            f.seek(skip)
            reader = csv.reader(f, delimiter=separator, strict=True)
            for _ in reader:
                line = reader.line_num + 1
    except csv.Error:
        return line
    except (OSError, UnicodeError, LookupError):
        return None
    return None


def is_ambiguous(cell: str) -> bool:
    return bool(AMBIGUOUS.match(cell.strip()))


def decide_decimal(cells: Iterable[str], separator: str | None, given: str | None, path: object) -> tuple[str, bool]:
    """(decimal mark, decided by evidence) of a file from the numbers in its numeric columns:
    evidence for one convention (150,5 or 1.234,5; 150.5 or 1,234.5) decides; evidence for both is
    an error; only ambiguous numbers (1.000) decide nothing and are an error unless the separator
    settles it (',' as separator: decimal point). separator None: a file of one column."""
    if given:
        if given not in (".", ","):
            raise DialectError(f"--decimal: {given!r} must be '.' or ','")
        return given, True
    comma = point = None
    ambiguous = None
    for raw in cells:
        cell = raw.strip() if isinstance(raw, str) else ""
        if not cell or cell.isdigit() or not any(ch.isdigit() for ch in cell):
            continue  # blank, a whole number without marks (most cells: no evidence), or no number
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
        return ",", True
    if point:
        return ".", True
    if ambiguous and separator != ",":
        raise DialectError(f"{path}: {ambiguous!r} could be a thousand (Dutch) or one with three decimals "
                           "(English); say --decimal , or --decimal .")
    if separator == ",":
        return ".", True  # a comma cannot be a decimal mark in an unquoted field here
    return ("," if separator in (";", "\t") else "."), False

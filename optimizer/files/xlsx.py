"""XLSX written as a stream: the sheet's XML made a column at a time in Arrow's C++ (numbers, text,
yes/no) and streamed into the zip, so 50,000 rows take a fraction of a second rather than the
seconds of a cell-by-cell writer. Cells from a workbook (a column of mixed Python values) are
made one by one, still without a writer's bookkeeping per cell.

What a spreadsheet shows is what the other writers give: text as text (inline strings, a
formula-like text neutralised by the caller), numbers as numbers (money with two decimals and
thousands separators), dates as dates, yes/no as booleans; a blank or NaN is an empty cell, an
infinity the error #NUM!. Characters XML 1.0 cannot hold are written as Excel writes them (_x0001_).
"""
from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from optimizer.files.cells import offsets_of

__all__ = ["XlsxStream"]

# styles: 0 none, 1 money, 2 date, 3 date and time
MONEY, DATE, DATETIME = 1, 2, 3
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>\
<numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = ("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
                  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  '<Default Extension="xml" ContentType="application/xml"/>'
                  f'<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}.sheet.main+xml"/>'
                  f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OOXML}.worksheet+xml"/>'
                  f'<Override PartName="/xl/styles.xml" ContentType="{_OOXML}.styles+xml"/>'
                  '<Override PartName="/docProps/core.xml" '
                  'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>')
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
Target="docProps/core.xml"/></Relationships>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
Target="styles.xml"/></Relationships>"""
_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>answer-plan</dc:creator>\
<dc:description>{mark}</dc:description></cp:coreProperties>"""
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_TAIL = "</sheetData></worksheet>"
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BAD_XML_RE2 = r"[\x{00}-\x{08}\x{0b}\x{0c}\x{0e}-\x{1f}\x{fffe}\x{ffff}]"
EPOCH = datetime(1899, 12, 30)


def letters(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        out = chr(65 + rem) + out
    return out


def _escape(text: pa.Array) -> pa.Array:
    """Text for XML: &, <, > escaped; characters XML cannot hold as _xHHHH_ (rare: in Python)."""
    text = pc.replace_substring(pc.replace_substring(pc.replace_substring(text, "&", "&amp;"), "<", "&lt;"),
                                ">", "&gt;")
    bad = np.flatnonzero(np.asarray(pc.fill_null(pc.match_substring_regex(text, _BAD_XML_RE2), False)
                                    .to_numpy(zero_copy_only=False), bool))
    if bad.size:
        values = text.to_pylist()
        for k in bad.tolist():
            values[k] = _BAD_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", values[k])
        text = pa.array(values, pa.string())
    return text


def _escape_one(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BAD_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text) if _BAD_XML.search(text) else text


class XlsxStream:
    """One sheet written row block by row block into an .xlsx file."""

    def __init__(self, path: Path, sheet: str, mark: str) -> None:
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self.sheet_name, self.mark = sheet, mark
        self.rows = 0
        self.sheet = self.zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self.sheet.write(_SHEET_HEAD.encode())

    def header(self, names: list[str]) -> None:
        cells = "".join(f'<c r="{letters(j)}1" t="inlineStr" s="4"><is><t xml:space="preserve">{_escape_one(n)}'
                        "</t></is></c>" for j, n in enumerate(names))
        self.sheet.write(f'<row r="1">{cells}</row>'.encode())
        self.rows = 1

    def write(self, columns: list[tuple[Any, str]]) -> None:
        """Rows below those written: each column (values, kind) with kind "text", "number",
        "money", "bool" or "mixed" (Python values of a workbook's column, one by one)."""
        n = len(columns[0][0]) if columns else 0
        if not n:
            return
        numbers = pc.cast(pa.array(np.arange(self.rows + 1, self.rows + n + 1)), pa.string())
        cells = [self._cells(values, kind, letters(j), numbers) for j, (values, kind) in enumerate(columns)]
        rows = pc.binary_join_element_wise(pa.scalar('<row r="'), numbers, pa.scalar('">'), *cells,
                                           pa.scalar("</row>"), "")
        data = rows.buffers()[2]
        offsets = offsets_of(rows)
        self.sheet.write(memoryview(data)[offsets[0]:offsets[-1]] if data is not None else b"")
        self.rows += n

    def _cells(self, values: Any, kind: str, column: str, numbers: pa.Array) -> pa.Array:
        ref = pc.binary_join_element_wise(pa.scalar(column), numbers, "")
        if kind in ("number", "money"):
            floats = np.asarray(values, dtype=float)
            finite = np.isfinite(floats)
            text = pc.cast(pa.array(np.where(finite, floats, 0.0)), pa.string())
            style = f' s="{MONEY}"' if kind == "money" else ""
            cell = pc.binary_join_element_wise(pa.scalar('<c r="'), ref, pa.scalar(f'"{style}><v>'), text,
                                               pa.scalar("</v></c>"), "")
            if finite.all():
                return cell
            error = pc.binary_join_element_wise(pa.scalar('<c r="'), ref, pa.scalar('" t="e"><v>#NUM!</v></c>'), "")
            blank = np.isnan(floats)
            return pc.if_else(pa.array(finite), cell, pc.if_else(pa.array(blank), pa.scalar(""), error))
        if kind == "bool":
            flags = pa.array(np.asarray(values, dtype=bool))
            return pc.binary_join_element_wise(pa.scalar('<c r="'), ref, pa.scalar('" t="b"><v>'),
                                               pc.if_else(flags, "1", "0"), pa.scalar("</v></c>"), "")
        if kind == "text":
            text = values if isinstance(values, pa.Array) else pa.array(values, pa.string(), from_pandas=True)
            present = pc.fill_null(pc.greater(pc.utf8_length(text), 0), False)
            cell = pc.binary_join_element_wise(pa.scalar('<c r="'), ref,
                                               pa.scalar('" t="inlineStr"><is><t xml:space="preserve">'),
                                               _escape(pc.fill_null(text, "")), pa.scalar("</t></is></c>"), "")
            return pc.if_else(present, cell, pa.scalar(""))
        refs = ref.to_pylist()  # mixed: a workbook's cells, one by one
        return pa.array([_cell(r, v) for r, v in zip(refs, values, strict=True)], pa.string())

    def close(self) -> None:
        self.sheet.write(_SHEET_TAIL.encode())
        self.sheet.close()
        name = _escape_one(self.sheet_name).replace('"', "&quot;")
        self.zip.writestr("[Content_Types].xml", _CONTENT_TYPES)
        self.zip.writestr("_rels/.rels", _RELS)
        self.zip.writestr("docProps/core.xml", _CORE.format(mark=_escape_one(self.mark)))
        self.zip.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                          f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
        self.zip.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        self.zip.writestr("xl/styles.xml", _STYLES)
        self.zip.close()


def _cell(ref: str, v: Any) -> str:
    """One cell of a workbook's column (its value as the reader gave it)."""
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, str):
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_escape_one(v)}</t></is></c>'
    if isinstance(v, (bool, np.bool_)):
        return f'<c r="{ref}" t="b"><v>{int(bool(v))}</v></c>'
    if isinstance(v, datetime):
        if v.tzinfo is not None:
            return _cell(ref, v.isoformat())
        serial = (v - EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="{DATETIME}"><v>{serial!r}</v></c>'
    if isinstance(v, date):
        return f'<c r="{ref}" s="{DATE}"><v>{(v - EPOCH.date()).days}</v></c>'
    if isinstance(v, (int, float, np.integer, np.floating, Decimal)):
        f = float(v)
        if f != f or f in (float("inf"), float("-inf")):
            return f'<c r="{ref}" t="e"><v>#NUM!</v></c>'
        return f'<c r="{ref}"><v>{f!r}</v></c>'
    return _cell(ref, str(v))

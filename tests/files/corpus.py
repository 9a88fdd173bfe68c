"""The hostile-input corpus: files as Dutch Excel users have them, and broken ones, each with what
must happen. Run `python -m tests.files.corpus DIR` to write the files out and look at them;
tests/files/test_corpus.py runs every case through the command line end to end.

A case either prices (every row's total is the cheapest total of the usage that row means, or
the row's error says why) or is refused (exit 2, one line naming the problem, the previous
output untouched)."""
from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import xlsxwriter

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@dataclass
class Case:
    name: str
    files: dict[str, bytes]
    args: list[str]  # after `bulk IN -o OUT`
    rows: list[dict[str, Any] | str] = field(default_factory=list)  # per output row: usage, or an error fragment
    refused: str = ""  # a fragment of the one line, when the run must stop
    source: str = "in.csv"
    output: str = "out.csv"


def cp1252(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("cp1252")


def utf8_bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def xlsx(sheets: dict[str, list[list[Any]]], formulas: dict[str, str] | None = None) -> bytes:
    """A workbook as openpyxl writes it (formulas without saved values)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    for ref, formula in (formulas or {}).items():
        sheet, cell = ref.split("!")
        book[sheet][cell] = formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsxwriter_book(rows: list[list[Any]], formula_cells: dict[tuple[int, int], str]) -> bytes:
    """A workbook as pandas/XlsxWriter write it: formulas saved with a value of 0, never calculated."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = book.add_worksheet("Klanten")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if (r, c) in formula_cells:
                ws.write_formula(r, c, formula_cells[(r, c)])
            else:
                ws.write(r, c, v)
    book.close()
    return out.getvalue()


def parquet(table: pa.Table) -> bytes:
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


U = dict  # a row's usage, as it is meant


def cases() -> list[Case]:
    c: list[Case] = []
    dutch = "Klant;Gesprekken;Gesprekstijd;Chats;AHT;24/7\nBakkerij;1.200;150,5;40;200;ja\nCafé Müller;120;150;40;200;nee\n"
    c.append(Case("dutch excel cp1252", {"in.csv": cp1252(dutch)}, [],
                  [U(calls=1200, call_seconds="150.5", chats=40, aht=200, need_24_7=True),
                   U(calls=120, call_seconds=150, chats=40, aht=200)]))
    c.append(Case("dutch excel utf-8 bom", {"in.csv": utf8_bom(dutch)}, [],
                  [U(calls=1200, call_seconds="150.5", chats=40, aht=200, need_24_7=True),
                   U(calls=120, call_seconds=150, chats=40, aht=200)]))
    c.append(Case("decimal comma in the first row", {"in.csv": cp1252("naam;gesprekken;gesprekstijd\nA;10;95,5\nB;20;100\n")},
                  [], [U(calls=10, call_seconds="95.5"), U(calls=20, call_seconds=100)]))
    c.append(Case("odd header case and spaces", {"in.csv": b"Name, Calls , CHATS,aht ,Call-Seconds\nA,100,40,200,150\n"},
                  [], [U(calls=100, chats=40, aht=200, call_seconds=150)]))
    c.append(Case("dutch header words", {"in.csv": cp1252(
        "Klant;Gesprekken per maand;Gemiddelde gespreksduur (sec);Chats per maand;Afhandeltijd;Doorverbindingen\n"
        "Bakker;120;150;30;200;3\n")}, [], [U(calls=120, call_seconds=150, chats=30, aht=200, forwards=3)]))
    c.append(Case("english thousands", {"in.csv": b'customer,calls,call_seconds\nA,"1,234",150.5\nB,12,1\n'}, [],
                  [U(calls=1234, call_seconds="150.5"), U(calls=12, call_seconds=1)]))
    c.append(Case("tab separated utf-16 (Excel unicode text)", {"in.txt": "\ufeffKlant\tGesprekken\tGesprekstijd\r\nA\t100\t95\r\n".encode("utf-16-le")},
                  [], [U(calls=100, call_seconds=95)], source="in.txt"))
    for codec in ("utf-32-le", "utf-32-be"):  # its mark read as UTF-32's, not taken for UTF-16's (FF FE)
        c.append(Case(f"tab separated {codec}", {"in.txt": "\ufeffKlant\tGesprekken\tGesprekstijd\r\nA \u2022\t100\t95\r\n"
                                                 .encode(codec)}, [], [U(calls=100, call_seconds=95)], source="in.txt"))
    c.append(Case("utf-16 without its mark, said", {"in.txt": "Klant\tGesprekken\r\nA\t100\r\n".encode("utf-16-le")},
                  ["--encoding", "utf-16-le"], [U(calls=100)], source="in.txt"))
    c.append(Case("utf-16 without its mark, not said", {"in.txt": "Klant\tGesprekken\r\nA\t100\r\n".encode("utf-16-le")},
                  [], refused="it looks like a binary file", source="in.txt"))
    c.append(Case("quoted fields with newlines", {"in.csv": b'naam,calls\n"Bakker\nde Molen",10\n"x, y",20\n'}, [],
                  [U(calls=10), U(calls=20)]))
    c.append(Case("title rows above the header", {"in.csv": cp1252("Klantenoverzicht 2026;;\n;;\nKlant;Gesprekken;Chats\nA;10;0\n")},
                  [], [U(calls=10)]))
    c.append(Case("old mac line endings", {"in.csv": b"klant;gesprekken\rA;10\rB;20\r"}, [], [U(calls=10), U(calls=20)]))
    c.append(Case("blank rows skipped, a name without usage is an error", {"in.csv": b"klant;gesprekken;chats\nA;10;\n;;\nB;;\n"},
                  [], [U(calls=10), "every usage cell is blank: nothing to price (write 0 to price nothing)"]))
    c.append(Case("bad cells are row errors", {"in.csv": cp1252(
        "klant;gesprekken;gesprekstijd\nA;10;0\nB;-5;0\nC;tien;0\nD;1e30;0\nE;#N/B;0\nF;10;120.5\nG;12;0\n")}, [],
        [U(calls=10), "calls: '-5' is not a whole number", "calls: 'tien' is not a whole number",
         "calls: 1e+30 is not at most", "calls: #N/B", U(calls=10, call_seconds="120.5"), U(calls=12)]))
    late = "klant;gesprekken;gesprekstijd\n" + "A;10;95,5\n" * 2500 + "B;10;120.5\n"
    c.append(Case("a number in the other convention, past the sample", {"in.csv": late.encode()}, [],
                  [U(calls=10, call_seconds="95.5")] * 2500
                  + ["call_seconds: '120.5' is not a number as this file writes them (a decimal comma, e.g. 1.234,5); "
                     "say --decimal if the file is the other way"]))
    c.append(Case("yes no words", {"in.csv": b"klant;gesprekken;24/7;maandspecificatie;voiceresponse\nA;10;WAAR;ja;x\nB;10;ONWAAR;nee;\n"},
                  [], [U(calls=10, need_24_7=True, month_spec=True, voice_response=True), U(calls=10)]))
    c.append(Case("formula-like names neutralised", {"in.csv": b'name;calls\n"=HYPERLINK(""x"")";1\n"\xc2\xa0=1+1";2\n"a;=b";3\n"\r=c";4\n'},
                  [], [U(calls=1), U(calls=2), U(calls=3), U(calls=4)]))
    # refused before anything is written
    c.append(Case("empty file", {"in.csv": b""}, [], refused="the file is empty"))
    c.append(Case("a PNG named .csv", {"in.csv": PNG}, [], refused="not a CSV text file"))
    c.append(Case("a CSV named .xlsx", {"in.xlsx": b"calls\n1\n"}, [], refused="not an Excel workbook", source="in.xlsx"))
    c.append(Case("an old .xls", {"in.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}, [], refused="old .xls workbook",
                  source="in.xls"))
    c.append(Case("no usage column", {"in.csv": b"naam,plaats\nA,Utrecht\n"}, [], refused="no usage column recognised"))
    c.append(Case("a typo in a header", {"in.csv": b"klant;gesprekke;chats\nA;10;0\n"}, [],
                  refused="column 'gesprekke' looks like calls"))
    c.append(Case("a field's name inside a header", {"in.csv": b"klant,Total calls,chats\nA,10,0\n"}, [],
                  refused="column 'Total calls' looks like calls"))
    c.append(Case("minutes where seconds are meant", {"in.csv": b"klant;gesprekken;gespreksduur (minuten)\nA;10;2,5\n"},
                  [], refused="is in minutes, but call_seconds is in seconds"))
    c.append(Case("two columns for one field", {"in.csv": b"calls,Gesprekken\n1,2\n"}, [], refused="both give calls"))
    c.append(Case("an input column named like a result", {"in.csv": b"klant,calls,total\nA,1,5\n"}, [],
                  refused="has the name of a result column"))
    c.append(Case("a result name, with --prefix", {"in.csv": b"klant,calls,total\nA,1,5\n"}, ["--prefix", "new_"],
                  [U(calls=1)]))
    c.append(Case("ambiguous thousands", {"in.csv": b"klant;gesprekken\nA;1.000\nB;2.000\n"}, [],
                  refused="could be a thousand"))
    c.append(Case("ambiguous, said outright", {"in.csv": b"klant;gesprekken\nA;1.000\nB;2.000\n"}, ["--decimal", ","],
                  [U(calls=1000), U(calls=2000)]))
    c.append(Case("both conventions", {"in.csv": b"klant;gesprekken;gesprekstijd\nA;10;150,5\nB;10;150.5\n"}, [],
                  refused="both with a decimal comma"))
    c.append(Case("mixed encodings", {"in.csv": "klant;gesprekken\nCafé Één;10\n".encode() + "Müller;20\n".encode("cp1252")},
                  [], refused="mixes encodings"))
    c.append(Case("an unclosed quote", {"in.csv": b'klant;gesprekken;gesprekstijd\nA;100;"120\nB;10;0\nC;20;0\n'}, [],
                  refused="never closed"))
    c.append(Case("a row with more cells", {"in.csv": b"klant;gesprekken\nA;1\nB;2;3\n"}, [], refused="has 3 cells where"))
    c.append(Case("a huge field, kept whole", {"in.csv": b"klant;gesprekken\n" + b'"' + b"x" * (6 << 20) + b'";1\n'},
                  [], [U(calls=1)]))
    c.append(Case("text over an Excel cell's size to xlsx", {"in.csv": b"klant;gesprekken\n" + b"y" * 40_000 + b";1\n"},
                  [], ["characters, more than an Excel cell holds"], output="out.xlsx"))
    c.append(Case("an unknown encoding asked", {"in.csv": b"calls\n1\n"}, ["--encoding", "rot13"],
                  refused="not a text encoding"))
    # workbooks
    c.append(Case("xlsx title row and second sheet", {"in.xlsx": xlsx({
        "Notities": [["Lijst van klanten, zie blad 2"]],
        "Klanten": [["Klantenlijst 2026"], [], ["Klant", "Gesprekken", "Gesprekstijd", "24/7"],
                    ["A", 100, 95.5, "WAAR"], ["B", 10, 0, False]]})}, [],
        [U(calls=100, call_seconds="95.5", need_24_7=True), U(calls=10)], source="in.xlsx"))
    c.append(Case("xlsx two sheets with usage", {"in.xlsx": xlsx({"a": [["calls"], [1]], "b": [["calls"], [2]]})}, [],
                  refused="say --sheet", source="in.xlsx"))
    c.append(Case("xlsx --sheet", {"in.xlsx": xlsx({"a": [["calls"], [1]], "b": [["calls"], [2]]})}, ["--sheet", "B"],
                  [U(calls=2)], source="in.xlsx"))
    c.append(Case("xlsx error cell, formula without value, repeated header", {"in.xlsx": xlsx(
        {"Klanten": [["klant", "gesprekken"], ["A", 10], ["B", "#N/A"], ["C", None], ["klant", "gesprekken"], ["D", 5]]},
        {"Klanten!B4": "=B2*2"})}, [],
        [U(calls=10), "calls (cell B3): #N/A", "a formula whose value was never calculated", "a repeated header row",
         U(calls=5)], source="in.xlsx"))
    c.append(Case("xlsx written by a program that does not calculate", {"in.xlsx": xlsxwriter_book(
        [["klant", "gesprekken"], ["A", 10], ["B", 0]], {(2, 1): "=B2*10"})}, [],
        [U(calls=10), "a formula whose value was never calculated"], source="in.xlsx"))
    c.append(Case("xlsx 24/7 header read as a date", {"in.xlsx": xlsx({"Klanten": [
        ["Klant", "Gesprekken", datetime(2026, 7, 24)], ["A", 100, "ja"]]})}, [], [U(calls=100, need_24_7=True)],
        source="in.xlsx"))
    c.append(Case("xlsx cells right of the header", {"in.xlsx": xlsx({"Klanten": [["klant", "calls"], ["A", 1, "x"]]})},
                  [], refused="cells right of the header", source="in.xlsx"))
    c.append(Case("xlsx numbers as text, ambiguous", {"in.xlsx": xlsx({"Klanten": [["klant", "calls"], ["A", "1.000"]]})},
                  [], refused="could be a thousand", source="in.xlsx"))
    # parquet
    table = pa.table({"customer": ["A", "B"], "calls": pa.array([100, None], pa.int64()),
                      "chats": pa.array([None, None], pa.null()),
                      "call_seconds": pa.array(["150", "90"]).dictionary_encode()})
    c.append(Case("parquet nulls and a dictionary", {"in.parquet": parquet(table)}, [],
                  [U(calls=100, call_seconds=150), U(call_seconds=90)],
                  source="in.parquet"))
    return c


def write(case: Case, folder: Path) -> None:
    for name, data in case.files.items():
        (folder / name).write_bytes(data)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "corpus")
    for case in cases():
        folder = out / case.name.replace(" ", "_").replace("/", "-")
        folder.mkdir(parents=True, exist_ok=True)
        write(case, folder)
        (folder / "EXPECT.txt").write_text(f"answer-plan bulk {case.source} -o {case.output} {' '.join(case.args)}\n"
                                           + (f"refused: {case.refused}\n" if case.refused else
                                              "".join(f"row {i + 1}: {r}\n" for i, r in enumerate(case.rows))))
    print(f"{len(cases())} cases written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

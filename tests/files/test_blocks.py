"""A CSV is parsed in blocks of 1 MiB (the first rows priced at once), grouped into chunks; a row
longer than a block (a long text) makes the reader start again with blocks of 8 MiB, on from the
rows already given: every row once, in order, wherever the long one is."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from optimizer.files import read
from optimizer.files.read import FileError, ReadOptions, open_source
from optimizer.reading.fields import BULK_SPEC


def _rows(path: Path) -> tuple[list[str], list[float], list[int]]:
    src = open_source(path, BULK_SPEC, ReadOptions())
    names, calls, sizes = [], [], []
    for chunk in src.chunks():
        names += chunk.raw[0].to_pylist()
        calls += chunk.values["calls"].tolist()
        sizes.append(chunk.rows)
    return names, calls, sizes


def _customers(n: int, start: int = 0) -> str:
    return "".join(f"C{i:07d};{i % 500};{i % 7},5\n" for i in range(start, start + n))


@pytest.mark.parametrize("long_at", [0, 40_000, 150_000])
def test_a_long_row_anywhere_costs_no_row(tmp_path: Path, long_at: int) -> None:
    n = 200_000  # about 4 MiB: several blocks
    text = "klant;gesprekken;afhandeltijd\n" + _customers(long_at)
    text += f'"{"x" * (3 << 20)}";7;1,5\n' + _customers(n - long_at - 1, long_at + 1)
    path = tmp_path / "klanten.csv"
    path.write_text(text, encoding="utf-8")
    names, calls, _ = _rows(path)
    assert len(names) == n
    assert names[long_at] == "x" * (3 << 20) and calls[long_at] == 7
    rest = [i for i in range(n) if i != long_at]
    assert [names[i] for i in rest] == [f"C{i:07d}" for i in rest]
    assert [calls[i] for i in rest] == [i % 500 for i in rest]


def test_the_first_chunk_is_one_block_and_the_rest_are_large(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    rows = "".join(f"C{i:07d};{i % 500};{i % 7},5;customer number {i:07d} of the north\n" for i in range(400_000))
    path.write_text("customer;calls;aht;name\n" + rows, encoding="utf-8")  # about 22 MiB, 55 bytes a row
    names, calls, sizes = _rows(path)
    assert len(names) == 400_000 and names[-1] == "C0399999" and calls[-1] == 399_999 % 500
    assert sizes[0] < 20_000 and 60_000 < sizes[1] <= 100_000  # the first block (1 MiB) alone, then several


def test_a_row_longer_than_the_largest_block_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "LARGEST", 1 << 20)
    path = tmp_path / "customers.csv"
    path.write_text("customer,calls\n" + "C1,5\n" * 10 + f'"{"x" * (3 << 20)}",7\n' + "C2,5\n" * 500_000,
                    encoding="utf-8")
    with pytest.raises(FileError, match="larger than 1 MiB"):
        _rows(path)


def test_empty_lines_are_blank_rows_and_keep_the_numbers_after_them(tmp_path: Path) -> None:
    """pyarrow would drop an empty line; a spreadsheet shows it as a row: counted as blank, and the
    rows after it keep their numbers (CRLF too; a title over two lines is one row)."""
    for text, rows, blank in (('customer,calls\n1,5\n\n2,7\n', [2, 4], 1),
                              ('customer,calls\r\n1,5\r\n\r\n\r\n2,7\r\n3,9', [2, 5, 6], 2),
                              ('"Report\nof May",x\n\ncustomer,calls\n\n1,5\n2,7\n', [5, 6], 1)):
        path = tmp_path / "customers.csv"
        path.write_text(text, encoding="utf-8", newline="")
        src = open_source(path, BULK_SPEC, ReadOptions())
        numbers = [int(n) for chunk in src.chunks() for n in chunk.numbers]
        assert numbers == rows, (text, numbers)
        assert src.blank_rows == blank


@pytest.mark.parametrize("encoding, newline", [("utf-8", "\n"), ("cp1252", "\n"), ("utf-8", "\r"), ("utf-16", "\r\n"),
                                               ("utf-32", "\r")])
def test_lines_of_spaces_are_blank_rows_anywhere(tmp_path: Path, encoding: str, newline: str) -> None:
    """A line of only spaces or tabs (Arrow would take it for a row of one cell and stop) is a blank
    row as a spreadsheet shows it: counted, the rows after it keep their numbers, in the first block
    or blocks further on (the rows already given not given twice); inside a quoted cell it stays.
    In UTF-16 and UTF-32 (with their marks: Excel's "Unicode text") too, and with old Mac line ends
    (CR alone)."""
    n = 120_000  # some 2.5 MiB: the line of spaces far beyond the first block
    spaces = "\t \r" if newline == "\n" else "\t "  # (a CR before LF: one line end)
    before = {3: ["   "], 100_000: [spaces], 110_000: ['"Zoë\n  \nvan Dijk";5;1', "  "]}  # lines before row i
    lines = [line for i in range(n) for line in (*before.get(i, []), f"C{i:07d};{i % 500};{i % 7},5")]
    path = tmp_path / "klanten.csv"
    path.write_bytes(("klant;gesprekken;afhandeltijd" + newline + newline.join(lines) + newline).encode(encoding))
    src = open_source(path, BULK_SPEC, ReadOptions())
    names, numbers = [], []
    for chunk in src.chunks():
        names += chunk.raw[0].to_pylist()
        numbers += chunk.numbers.tolist()
    assert src.blank_rows == 3 and len(names) == n + 1
    assert names[:4] == ["C0000000", "C0000001", "C0000002", "C0000003"] and numbers[:4] == [2, 3, 4, 6]
    assert names[100_000] == "C0100000" and numbers[100_000] == 2 + 100_000 + 2  # two blank rows before
    assert names[109_999:110_002] == ["C0109999", "Zoë\n  \nvan Dijk", "C0110000"]  # the quoted cell as it is
    assert numbers[110_000] == 2 + 110_000 + 2 and numbers[110_001] == numbers[110_000] + 2  # (a blank row between)
    assert names[-1] == f"C{n - 1:07d}" and numbers[-1] == 2 + n + 3  # the quoted row counts as one


@pytest.mark.parametrize("seed", range(12))
def test_blank_lines_are_told_from_quoted_cells_as_arrow_reads_them(tmp_path: Path, seed: int) -> None:
    """Lines of spaces, tabs and separators between rows are blank rows; inside a quoted cell (over
    several lines, with "" in it) they stay, also where other cells hold a stray quote (27" scherm,
    a quote that opens nothing), in any separator and in a one-byte code page."""
    rng = random.Random(seed)
    sep = rng.choice([";", ",", "\t", "|"])
    encoding = rng.choice(["utf-8", "cp1252", "iso-8859-15", "utf-16", "utf-32"])
    newline = rng.choice(["\n", "\r\n", "\r"])
    notes, extras, lines = [], [], []
    for i in range(rng.randint(1, 60)):
        kind = rng.random()
        if kind < 0.3:
            note = rng.choice(['27" scherm', '32" scherm'])  # a stray quote, literal (one more at the end
            cell = note  # when their number is odd: a file with an odd number of quotes is refused)
        elif kind < 0.6:
            note = rng.choice(["regel1\n   \nregel2", "één\n\t\n", 'zei ""ja""\n  ', f"a{sep}b\n \n"])
            cell = '"' + note + '"'
            note = note.replace('""', '"')
        else:
            note = rng.choice(["", "plain", "Zoë"])
            cell = note
        notes.append(note)
        extra = rng.choice(["", "x", '5" kabel'])  # a stray quote before a quoted cell on its line
        extras.append(extra)
        lines.append(sep.join([f"C{i}", str(i), extra, cell]))
        for _ in range(rng.choice([0, 0, 1, 2])):  # blank lines after the row
            lines.append(rng.choice(["   ", "\t", sep * rng.randint(1, 4), " " + sep + " ", "\t \t"]))
    if sum(n.count('"') for n in notes + extras) % 2:
        notes.append('5" kabel')
        extras.append("")
        lines.append(sep.join([f"C{len(notes) - 1}", "1", "", notes[-1]]))
    path = tmp_path / "klanten.csv"
    header = sep.join(["klant", "gesprekken", "extra", "notitie"])
    path.write_bytes((newline.join([header, *lines]) + newline).encode(encoding))
    src = open_source(path, BULK_SPEC, ReadOptions())
    names, read_extras, read_notes = [], [], []
    for chunk in src.chunks():
        names += chunk.raw[0].to_pylist()
        read_extras += chunk.raw[2].to_pylist()
        read_notes += chunk.raw[3].to_pylist()
    assert names == [f"C{i}" for i in range(len(notes))] and read_extras == extras
    assert [n.replace("\r\n", "\n") for n in read_notes] == notes


def test_where_a_line_ends_inside_a_quoted_cell(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"")
    blank = read._BlankLines(path, ";", "utf-8")
    for line, quoted, inside in ((b'C1;5" kabel;"regel1', False, True), (b'C1;"a;b";"c', False, True),
                                 (b'C1;"a""";x', False, False), (b'C1;"a"""', False, False),
                                 (b'nog ""meer"" tekst', True, True), (b'einde";C2;"open', True, True),
                                 (b'einde"" nog";5', True, False), (b'27" en 5"', False, False)):
        assert blank._ends_quoted(line, quoted) is inside, line
    blank.close()


@pytest.mark.parametrize("encoding, newline", [("utf-8", "\n"), ("utf-8", "\r"), ("cp1252", "\r\n"), ("utf-16", "\r\n"),
                                               ("utf-32", "\n")])
def test_a_ragged_row_is_named_by_its_own_line(tmp_path: Path, encoding: str, newline: str) -> None:
    """The line of a row of the wrong width is told as Arrow tells lines (CR LF, LF, CR alone), by the
    whole line: a row of one tab is not the first line holding a tab."""
    path = tmp_path / "klanten.txt"
    for lines, line in ((["klant\tgesprekken\tchats", "C1\t5\t1", "   ", "C2\t5\t1\t9"], 4),
                        (["klant\tgesprekken\tchats", "C1\t5\t1", "\t", "C2\t5"], 4)):
        path.write_bytes((newline.join(lines) + newline).encode(encoding))
        with pytest.raises(FileError, match=rf"a row \(line {line}\) has \d cells where the header has 3"):
            _rows(path)


def test_a_row_of_one_cell_with_text_still_stops_the_reading(tmp_path: Path) -> None:
    path = tmp_path / "klanten.csv"
    path.write_text("klant;gesprekken\nC1;5\n   \nnot a row\nC2;5\n", encoding="utf-8")
    with pytest.raises(FileError, match=r"a row \(line 4\) has 1 cells where the header has 2"):
        _rows(path)


def test_the_work_on_each_chunk_runs_a_chunk_ahead_in_order_and_its_error_stops_the_reading(tmp_path: Path) -> None:
    """Source.each: the caller's work on a chunk (rate's Rater.prepare) is done in the reader's
    thread, a chunk ahead; the results come in the file's order; an error in that work is raised
    to the caller, and the reader stops (no thread left reading)."""
    import threading

    path = tmp_path / "klanten.csv"
    path.write_text("klant;gesprekken;afhandeltijd\n" + _customers(250_000), encoding="utf-8")
    src = open_source(path, BULK_SPEC, ReadOptions(chunk_rows=50_000))
    where: set[str] = set()

    def first(chunk: read.Chunk) -> str:
        where.add(threading.current_thread().name)
        return str(chunk.raw[0][0])

    firsts = list(src.each(first))
    assert firsts == [str(c.raw[0][0]) for c in open_source(path, BULK_SPEC, ReadOptions(chunk_rows=50_000)).chunks()]
    assert len(firsts) > 5 and firsts == sorted(firsts) and where == {"answer-plan-reader"}

    def fails(chunk: read.Chunk) -> int:
        if chunk.numbers is not None and chunk.numbers[0] > 100_000:
            raise ValueError("the third chunk")
        return chunk.rows

    before = set(threading.enumerate())
    src = open_source(path, BULK_SPEC, ReadOptions(chunk_rows=50_000))
    with pytest.raises(ValueError, match="the third chunk"):
        list(src.each(fails))
    assert not [t.name for t in set(threading.enumerate()) - before]


@pytest.mark.parametrize("body, numbers, blank", [
    (b"C1;5\r   \nC2;6\n", [2, 4], 1),  # a CR, a line of spaces, an LF: two line ends still, not one CR LF
    (b"C1;5\r  \r  \nC2;6\r", [2, 5], 2),  # two lines of spaces between CRs and an LF
    (b"C1;5\n" + b" " * 300 + b"\nC2;6\n", [2, 4], 1),  # longer than Arrow's error shows of a row
    (b"C1;5\r\n;\r\n\t \r\nC2;6\r\n", [2, 5], 2),
])
def test_blank_lines_between_any_line_ends_keep_the_rows_numbers(tmp_path: Path, body: bytes, numbers: list[int],
                                                                  blank: int) -> None:
    path = tmp_path / "klanten.csv"
    path.write_bytes(b"klant;gesprekken\n" + body)
    src = open_source(path, BULK_SPEC, ReadOptions())
    got = [int(n) for chunk in src.chunks() for n in chunk.numbers]
    assert got == numbers and src.blank_rows == blank


def test_a_row_cut_short_in_arrows_error_still_stops_the_reading(tmp_path: Path) -> None:
    """A long line of spaces with text at its end is no blank row: the reading stops on it, named by
    its line (found by the start Arrow shows of it)."""
    path = tmp_path / "klanten.csv"
    path.write_bytes(b"klant;gesprekken;chats\nC1;5;1\n" + b" " * 300 + b"x\nC2;6;1\n")
    with pytest.raises(FileError, match=r"a row \(line 3\) has 1 cells where the header has 3"):
        _rows(path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16", "utf-32"])
def test_a_row_is_found_as_a_whole_line_from_the_files_start(tmp_path: Path, encoding: str) -> None:
    """_line_of: the first whole line that is the row (not a longer line holding it), counted from
    the file's first line (its byte order mark no line), CR alone a line end too."""
    path = tmp_path / "f.csv"
    path.write_bytes("a;b\r\nx;yé;z\rx;yé\n\ry\nx;yé".encode(encoding))
    assert read._line_of(path, "x;yé", encoding) == 3
    assert read._line_of(path, "a;b", encoding) == 1 and read._line_of(path, "y", encoding) == 5
    assert read._line_of(path, "x;y", encoding) is None


def _bulk_rows(path: Path, **options: Any) -> tuple[list[str], list[int], int]:
    src = open_source(path, BULK_SPEC, ReadOptions(**options))
    names, numbers = [], []
    for chunk in src.chunks():
        names += chunk.raw[0].to_pylist()
        numbers += chunk.numbers.tolist()
    return names, numbers, src.blank_rows


@pytest.mark.parametrize("tail", [b"C9,x,1,1\nC10,x,1,1\n", b"C9,x,1,1\r", b"C9,x,1,1"])
def test_a_line_of_spaces_after_a_lone_cr_across_a_read_keeps_its_row(tmp_path: Path, tail: bytes) -> None:
    """A lone CR ends the first 1 MiB the file gives, the line of spaces after it runs over into the
    next and ends in an LF: emptied, it stays a line of its own (Arrow would take CR | LF for one
    CR LF, and a read of that LF alone for the end of the file: rows lost)."""
    m = 1 << 20
    body = bytearray(b"customer,calls,chats,aht\r")
    i = 0
    while len(body) < m - 43:
        body += b"C%d,1,2,3\r" % i
        i += 1
    body += b"Z," + b"1" * (m - 3 - len(body) - 7) + b",1,1\r" + b"      \n"
    path = tmp_path / "mixed.csv"
    path.write_bytes(bytes(body) + tail)
    names, numbers, blank = _bulk_rows(path)
    extra = tail.count(b"C")
    assert names[-extra - 1:] == ["Z", *[f"C{k}" for k in (9, 10)[:extra]]] and blank == 1
    assert numbers[-extra:] == list(range(numbers[-extra - 1] + 2, numbers[-extra - 1] + 2 + extra))


def test_a_crlf_file_read_again_gives_every_row_whatever_its_reads_end_on(tmp_path: Path) -> None:
    """A CR LF file with a line of spaces (read again with it emptied), whose reads of 1 MiB end
    between a CR and its LF: no read ends on that CR, so none is the LF alone (Arrow takes such a
    read for the end of the file: the rows after it were lost, silently)."""
    body = b"customer,calls,chats,aht\r\n" + b"".join(b"C%06d,1,2,300\r\n" % i for i in range(300_000))
    path = tmp_path / "crlf.csv"
    path.write_bytes(body + b"   \r\nC9,x,1,1\r\n")
    names, numbers, blank = _bulk_rows(path)
    assert len(names) == 300_001 and names[-1] == "C9" and numbers[-1] == 300_003 and blank == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_a_long_quoted_cell_before_a_line_of_spaces_is_read_whole(tmp_path: Path, encoding: str) -> None:
    """Read again with its blank lines emptied, a file gives Arrow reads as large as it asks for: a
    cell of 2.5 MB (over several reads of the file) is one cell, not 'larger than 8 MiB'."""
    cell = "\n".join("x" * 99 for _ in range(25_000))
    text = "customer;calls;chats\n" + "".join(f"C{i};1;2\n" for i in range(10))
    path = tmp_path / "long.csv"
    path.write_bytes((text + f'"{cell}";2;3\n   \nC8;1;1\n').encode(encoding))
    names, numbers, blank = _bulk_rows(path)
    assert names[10] == cell and names[-1] == "C8" and blank == 1 and numbers[-1] == 14  # (one row)


def test_a_doubled_quote_before_a_line_end_keeps_the_cell_open(tmp_path: Path) -> None:
    """`"a""` then a line end: the "" is one quote and the cell goes on (as Arrow reads it), so a
    line of spaces in it stays, and a line after it is no ragged row."""
    path = tmp_path / "q.csv"
    path.write_bytes(b'customer,calls,chats,aht\nC1,"a""\n   \nb",2,3\n   \nC2,1,2,3\n')
    names, numbers, blank = _bulk_rows(path)
    assert names == ["C1", "C2"] and numbers == [2, 4] and blank == 1
    path.write_bytes(b'customer,calls,chats,aht\nC1,"a"",b\n   \n",2,3\n   \nC2,1,2,3\n')
    assert _bulk_rows(path)[0] == ["C1", "C2"]


@pytest.mark.parametrize("width", [96, 97, 100, 101, 150])
def test_a_ragged_row_of_any_length_is_named_by_its_line(tmp_path: Path, width: int) -> None:
    """Arrow shows a row of up to 100 bytes whole, a longer one by its first 96 and ' ...': found
    as a whole line, or by the start shown."""
    row = "C2," + "n" * (width - 5) + ",1"
    path = tmp_path / "r.csv"
    path.write_text("customer,calls,chats,aht\nC1,1,2,3\n" + "C2,1,2,3\n" * 3 + row + "\nC3,1,2,3\n")
    with pytest.raises(FileError, match=r"a row \(line 6\) has 3 cells"):
        _rows(path)


def test_a_ragged_rows_line_is_found_among_many_lines_holding_its_text(tmp_path: Path) -> None:
    """A row broken before its last cell leaves a line `""`, the text every row ends in: only lines
    that start with it are looked at (each of 60,000 was, and the file's start copied each time)."""
    rows = [f'"C{i}","2024-03-02T10:00:00Z","call",1,""' for i in range(60_000)]
    rows[50_000:50_000] = ['"C1","2024-03-02T10:00:00Z","call",1,', '""']
    path = tmp_path / "broken.csv"
    path.write_text('"customer","start","kind","seconds","foreign"\n' + "\n".join(rows) + "\n")
    assert read._line_of(path, '""', "utf-8") == 50_003

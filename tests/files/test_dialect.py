"""Telling a CSV file's dialect: encoding from the whole file, separator, header, decimal mark."""
from pathlib import Path

import pytest

from optimizer.files.dialect import DialectError, decide_decimal, sniff


def sniffed(tmp_path: Path, data: bytes, **kw):
    p = tmp_path / "f.csv"
    p.write_bytes(data)
    return sniff(p, is_header=lambda cells: sum(c.strip().lower() in ("calls", "gesprekken") for c in cells), **kw)


@pytest.mark.parametrize("data, encoding, bom, sep", [
    (b"a;calls\r\nx;1\r\n", "utf-8", False, ";"),
    (b"\xef\xbb\xbfa,calls\nx,1\n", "utf-8", True, ","),
    ("naam;gesprekken\nCafé;1\n".encode("cp1252"), "cp1252", False, ";"),
    ("naam\tcalls\nx\t1\n".encode("utf-16-le").join([b"\xff\xfe", b""]), "utf-16-le", True, "\t"),
    (b"a|calls\nx|1\n", "utf-8", False, "|"),
    ("naam\tcalls\nx\t1\n".encode("utf-32-le").join([b"\xff\xfe\0\0", b""]), "utf-32-le", True, "\t"),
    ("naam\tcalls\nx\t1\n".encode("utf-32-be").join([b"\0\0\xfe\xff", b""]), "utf-32-be", True, "\t"),
])
def test_encoding_and_separator(tmp_path, data, encoding, bom, sep):
    d, rows = sniffed(tmp_path, data)
    assert (d.encoding, d.bom, d.separator) == (encoding, bom, sep)
    assert rows[0][-1] == "calls" or rows[0][-1] == "gesprekken"


def test_title_rows_and_cr_line_ends(tmp_path):
    d, rows = sniffed(tmp_path, b"Overzicht;;\r;;\rklant;gesprekken\rA;1\r")
    assert d.header_line == 2 and rows[0] == ["klant", "gesprekken"]


def test_a_late_non_utf8_byte_is_seen(tmp_path):
    data = b"naam;calls\n" + b"x;1\n" * 200_000 + "Café;2\n".encode("cp1252")
    d, _ = sniffed(tmp_path, data)
    assert d.encoding == "cp1252"


def test_a_cp1252_character_cut_by_the_end_of_the_file_or_of_a_scan_block_is_seen(tmp_path, monkeypatch):
    """A lead byte of UTF-8 with nothing after it (the file ends; or the next scan block is plain
    ASCII) is no UTF-8: the file is cp1252."""
    d, _ = sniffed(tmp_path, b"naam;calls\n" + b"x;1\n" * 10 + "Café".encode("cp1252"))  # no final newline
    assert d.encoding == "cp1252"
    from optimizer.files import dialect

    monkeypatch.setattr(dialect, "SCAN_BLOCK", 1 << 12)
    data = bytearray(b"naam;calls\n" + b"x;1\n" * 5000)
    data[(1 << 12) - 1] = 0xE9  # the last byte of the first block
    d, _ = sniffed(tmp_path, bytes(data))
    assert d.encoding == "cp1252"


def test_utf8_cut_between_scan_blocks_is_utf8(tmp_path, monkeypatch):
    """A UTF-8 pair across two scan blocks is UTF-8 text: with cp1252 later, the file mixes encodings."""
    from optimizer.files import dialect

    monkeypatch.setattr(dialect, "SCAN_BLOCK", 1 << 12)
    data = bytearray(b"naam;calls\n" + b"x;1\n" * 5000)
    data[(1 << 12) - 1:(1 << 12) + 1] = "é".encode()
    assert sniffed(tmp_path, bytes(data))[0].encoding == "utf-8"
    with pytest.raises(DialectError, match="mixes encodings"):
        sniffed(tmp_path, bytes(data) + "Müller;2\n".encode("cp1252"))


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not a CSV text file"),
    ("a;calls\nÉén;1\n".encode() + "Müller;2\n".encode("cp1252"), "mixes encodings"),
    (b'a;calls\n"x;1\ny;2\n', "never closed"),
    (b"calls\n1\n\x81\x8d\n", "neither UTF-8 nor cp1252"),
])
def test_refusals(tmp_path, data, message):
    with pytest.raises(DialectError, match=message):
        sniffed(tmp_path, data)


def test_an_encoding_that_is_neither_is_said_in_dutch(tmp_path):
    from optimizer.ground.words import message

    with pytest.raises(DialectError) as caught:
        sniffed(tmp_path, b"calls\n1\n" * 600 + b"\x81\x8d\n")
    assert message(str(caught.value), "nl").endswith(": het bestand is UTF-8 noch cp1252 (byte 4.800); zeg --encoding")


@pytest.mark.parametrize("cells, sep, want", [
    (["150,5", "10"], ";", (",", True)), (["1.234,5"], ";", (",", True)), (["150.5"], ";", (".", True)),
    (["1,234.5"], ",", (".", True)), (["10", "20"], ";", (",", False)), (["10"], ",", (".", True)),
    (["1.000", "150,5"], ";", (",", True)), (["1.000", "2.5"], ";", (".", True)),
])
def test_decimal_from_evidence(cells, sep, want):
    assert decide_decimal(cells, sep, None, "f") == want


@pytest.mark.parametrize("cells, sep", [(["1.000"], ";"), (["1,000"], "\t"), (["1.000"], None)])
def test_ambiguous_numbers_are_asked_about(cells, sep):
    with pytest.raises(DialectError, match="could be a thousand"):
        decide_decimal(cells, sep, None, "f")


def test_both_conventions_refused_and_the_option_settles_it():
    with pytest.raises(DialectError, match="both with a decimal comma"):
        decide_decimal(["150,5", "150.5"], ";", None, "f")
    assert decide_decimal(["1.000"], ";", ",", "f") == (",", True)


@pytest.mark.parametrize("data, kw, checked", [
    (b"a;calls\nx;1\n", {}, True),
    ("a;calls\nCaf\u00e9;1\n".encode(), {}, True),
    (b"\xef\xbb\xbfa,calls\nx,1\n", {}, True),
    ("naam;gesprekken\nCaf\u00e9;1\n".encode("cp1252"), {}, False),
    (b"a;calls\nx;1\n", {"encoding": "utf-8"}, True),
    (b"a;calls\nx;1\n" * 30_000 + b"x\xe9;1\n", {"encoding": "utf-8"}, False),
    (b"\xef\xbb\xbfa;calls\n" + b"x;1\n" * 70_000 + b"x\xe9;1\n", {}, False),
    (b"a;calls\nx;1\n", {"encoding": "latin-1"}, False),
])
def test_a_file_its_pass_read_as_utf8_is_not_checked_again(tmp_path, data, kw, checked):
    """The pass over the whole file decodes a UTF-8 file (told, marked by its BOM, or said); Arrow
    then need not check every cell again. Any other file (a byte that is not UTF-8, another codec)
    is checked as Arrow reads it."""
    d, _ = sniffed(tmp_path, data, **kw)
    assert d.utf8_checked == (len(data) if checked else -1)


def test_a_late_byte_that_is_not_utf8_after_a_bom_is_named_by_its_line(tmp_path):
    from optimizer.files.read import FileError, open_source
    from optimizer.reading.fields import EVENTS_SPEC

    p = tmp_path / "log.csv"
    p.write_bytes(b"\xef\xbb\xbfcustomer,start,kind,seconds\n" + b"C1,2026-01-01T10:00:00Z,call,5\n" * 20_000
                  + b"C\xe9,2026-01-01T10:00:00Z,call,5\n")
    src = open_source(p, EVENTS_SPEC)
    assert src.dialect is not None and src.dialect.utf8_checked == -1
    with pytest.raises(FileError, match="not readable as utf-8 from line 20,002"):
        list(src.chunks())


def test_a_file_that_grew_after_its_pass_is_checked_as_it_is_read(tmp_path):
    """A log written to (a line of another encoding appended) between the pass over it and the
    reading is checked again by Arrow: the byte is named, never read into the invoices unchecked."""
    from optimizer.files.read import FileError, open_source
    from optimizer.reading.fields import EVENTS_SPEC

    p = tmp_path / "log.csv"
    p.write_bytes(b"customer,start,kind,seconds\n" + b"C1,2026-01-01T10:00:00Z,call,5\n" * 20_000)
    src = open_source(p, EVENTS_SPEC)
    assert src.dialect is not None and src.dialect.utf8_checked == p.stat().st_size
    with p.open("ab") as log:
        log.write(b"C\xe9,2026-01-01T10:00:00Z,call,5\n")
    with pytest.raises(FileError, match="not readable as utf-8 from line 20,002"):
        list(src.chunks())


@pytest.mark.parametrize("seed", range(40))
def test_the_pass_in_two_halves_finds_what_one_pass_finds(tmp_path, monkeypatch, seed):
    """A large file is passed over in two halves at once, split where no UTF-8 character is cut:
    at every place a split may fall, the halves together find what one pass finds (UTF-8 or not,
    its first bad byte, multi-byte text, cp1252's holes, the quotes' parity), in blocks of any size."""
    import random

    from optimizer.files import dialect

    rng = random.Random(seed)
    pieces = [b"klant;12\n", b'"a;b"', b'"', "Caf\u00e9".encode(), "Caf\u00e9".encode("cp1252"), b"\xe2\x82\xac",
              b"\xe2\x82", b"\x82\x82\x82\x82", b"\xc3", b"\x81", b"\xf0\x9f\x98\x80", b"\xed\xa0\x80", b"\n"]
    data = b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
    p = tmp_path / "f.csv"
    p.write_bytes(data)
    monkeypatch.setattr(dialect, "SCAN_BLOCK", rng.choice([1, 2, 3, 5, 64]))
    for skip in {0, min(3, len(data))}:
        whole = dialect._scan_part(p, skip, len(data), True)
        assert whole.valid == _decodes(data[skip:])
        for at in range(skip, len(data) + 1):
            middle = dialect._between_characters(p, at)
            assert at <= middle <= min(at + 3, len(data))
            halves = dialect._scan_part(p, skip, middle, True).then(dialect._scan_part(p, middle, len(data), True))
            assert halves == whole, (at, middle)
    monkeypatch.setattr(dialect, "SPLIT_BYTES", 0)  # _scan itself, split in two threads
    assert dialect._scan(p, 0, True) == dialect._scanned(dialect._scan_part(p, 0, len(data), True), len(data))


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                        ("utf-32-le", b"\xff\xfe\0\0"), ("utf-32-be", b"\0\0\xfe\xff")])
@pytest.mark.parametrize("split", [False, True])
def test_a_quote_in_utf16_or_utf32_is_a_unit_of_its_own(tmp_path, monkeypatch, codec, bom, split):
    """Excel's "Unicode text" (UTF-16 with tabs): a bullet (U+2022), a Latvian G (U+0122), infinity
    (U+221E) hold the byte 0x22 and are no quotes; a quote left open is still found (in one pass or
    in two halves, in blocks of any size)."""
    from optimizer.files import dialect

    if split:
        monkeypatch.setattr(dialect, "SPLIT_BYTES", 0)
        monkeypatch.setattr(dialect, "SCAN_BLOCK", 8)
    text = "naam\tcalls\n\u2022 Ko\u0122 \u221e\t1\n\"a\tb\"\t2\n" * 7
    p = tmp_path / "f.csv"
    p.write_bytes(bom + text.encode(codec))
    d, rows = sniff(p, is_header=lambda cells: sum(c.strip().lower() == "calls" for c in cells))
    assert (d.encoding, d.separator) == (codec, "\t") and rows[1] == ["\u2022 Ko\u0122 \u221e", "1"]
    p.write_bytes(bom + (text + "\"open\t3\n").encode(codec))
    with pytest.raises(DialectError, match="is opened on line 22 and never closed"):
        sniff(p)


@pytest.mark.parametrize("bom, given, said", [(b"\xff\xfe\0\0", "utf-16", "utf-32-le"),
                                              (b"\xff\xfe", "utf-32", "utf-16-le"),
                                              (b"\0\0\xfe\xff", "utf-8", "utf-32-be")])
def test_an_encoding_said_against_the_files_mark_is_refused(tmp_path, bom, given, said):
    with pytest.raises(DialectError, match=f"--encoding {given}: the file starts with a {said} byte order mark"):
        sniffed(tmp_path, bom + "naam\tcalls\nx\t1\n".encode(said), encoding=given)

"""Invoices and advice letters as PDF (issue 20): every amount read back with pdftotext equals
rate()/quote()/schedule() to the cent; invoice numbers unique and stable; Dutch and English; a
draft without a seller; the seller file's errors; safe file names; no letter without a price; the
set written atomically."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import optimizer.samples
from optimizer import Usage, quote, rate, recommend_many, schedule
from optimizer.decisions.rating import Rating
from optimizer.decisions.schedule import schedule_many
from optimizer.documents import common, invoice
from optimizer.documents.common import file_names, safe_name
from optimizer.documents.pdf import plain
from optimizer.documents.seller import load_seller
from optimizer.ground.errors import FileError, RatingError
from optimizer.ground.money import format_amount
from optimizer.jobs import documents as jobs
from optimizer.jobs.documents import invoice_pdfs, letter_pdfs, letters_file, schedule_letter_pdfs
from tests import support

SAMPLES = Path(optimizer.samples.__file__).parent
SELLER = SAMPLES / "seller.toml"
LABELS = {"nl": ("Factuurnummer", "Totaal excl. BTW", "BTW 21%", "Totaal incl. BTW"),
          "en": ("Invoice number", "Total excl. VAT", "VAT 21%", "Total incl. VAT")}
AMOUNT = {"nl": r"€ -?[0-9.]+,[0-9]{2,}", "en": r"EUR -?[0-9,]+\.[0-9]{2,}"}


def text_of(pdf: Path) -> str:
    assert shutil.which("pdftotext"), "make test installs poppler-utils (pdftotext)"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def info_of(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout


def plan(v: object) -> str | None:
    return None if v is None or (isinstance(v, float) and v != v) else str(v)


def none(lang: str) -> str:
    return "geen" if lang == "nl" else "-"


def money(x: float | Decimal, lang: str) -> str:
    return format_amount(Decimal(str(x)), lang)


def contracts() -> pd.DataFrame:
    c = pd.read_csv(SAMPLES / "contracts.csv", dtype=str, keep_default_na=False).drop(columns=["name", "address"])
    c["naam"] = ["Bakkerij De Molen", "Café 't Hoekje", "Łódź Trading Sp. z o.o.", "", "Van Dijk Advocaten"]
    c["adres"] = ["Dorpsstraat 1, 1234 AB Ede", "", "Zuidlaan 9\n9711 AA Groningen", "", ""]
    return c


@pytest.fixture(scope="module")
def rating() -> Rating:
    return rate(SAMPLES / "events.csv", contracts())


def customers() -> pd.DataFrame:
    """The sample customers, and one more whose row cannot be priced (the last)."""
    frame = pd.read_csv(SAMPLES / "customers.csv")
    bad = {**frame.iloc[0].to_dict(), "customer": "Onbekend formaat", "calls": -5}
    return pd.concat([frame, pd.DataFrame([bad])], ignore_index=True)


@pytest.fixture(scope="module")
def priced() -> pd.DataFrame:
    return recommend_many(customers())


# ----------------------------------------------------------------------------- invoices

def lines_of(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def check_invoice(text: str, rating: Rating, customer: str, month: str, lang: str) -> None:
    """Every amount of the page is one of the invoice's, each where it belongs."""
    inv = rating.invoices.set_index(["customer", "month"]).loc[(customer, month)]
    lines = rating.lines[(rating.lines.customer == customer) & (rating.lines.month == month)]
    rows = lines_of(text)
    _, excl, vat, incl = LABELS[lang]
    assert any(re.fullmatch(rf"{excl}\s+{re.escape(money(inv.total, lang))}", r) for r in rows)
    assert any(re.fullmatch(rf"{vat}\s+{re.escape(money(inv.vat, lang))}", r) for r in rows)
    assert any(re.fullmatch(rf"{incl}\s+{re.escape(money(inv.total_incl_vat, lang))}", r) for r in rows)
    assert Decimal(str(inv.total)) + Decimal(str(inv.vat)) == Decimal(str(inv.total_incl_vat))
    expected = Counter([money(inv.total, lang), money(inv.vat, lang), money(inv.total_incl_vat, lang),
                        money(inv.total_incl_vat, lang)])  # the last: the payment sentence
    for ln in lines.itertuples():
        what = ln.dutch if lang == "nl" else ln.what
        amount = money(ln.amount, lang)
        assert any(r.startswith(what) and r.endswith(amount) for r in rows), (what, amount)
        expected[amount] += 1
        if ln.group != "discount":
            expected[format_amount(Decimal(repr(ln.unit_price)), lang, exact=True)] += 1
    printed = Counter(re.findall(AMOUNT[lang], text))
    assert printed == expected


@pytest.mark.external
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_invoices_amounts_as_rated(rating: Rating, tmp_path: Path, lang: str) -> None:
    done = invoice_pdfs(rating, tmp_path / "pdf", seller=SELLER, lang=lang)
    ok = rating.invoices[rating.invoices.error == ""]
    assert len(done.written) == len(ok) and not done.skipped
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == sorted(p.name for p in done.written)
    for customer, month in [("0042", "2026-01"), ("0233", "2026-03"), ("0107", "2026-12"), ("0301", "2026-07")]:
        pdf = tmp_path / "pdf" / f"{customer}_{month}.pdf"
        text = text_of(pdf)
        check_invoice(text, rating, customer, month, lang)
        assert re.search(rf"{LABELS[lang][0]}\s+{month}-[0-9A-Z]{{8}}", text)
        assert "Pages:           1" in info_of(pdf) and "(A4)" in info_of(pdf)
    text = text_of(tmp_path / "pdf" / "0233_2026-03.pdf")
    assert "Lódz Trading Sp. z o.o." in text and "Zuidlaan 9" in text and "9711 AA Groningen" in text
    assert ("1–31 maart 2026" if lang == "nl" else "1–31 March 2026") in text
    assert "Antwoordservice Voorbeeld B.V." in text and "NL91 ABNA 0417 1643 00" in text and "12345678" in text


@pytest.mark.external
def test_big_worked_example_reads_back_exactly(tmp_path: Path) -> None:
    """PRICING.md's big example: on phone PREMIUM, chat PLUS it costs € 1.590,71; PREMIUM/PREMIUM
    is cheaper (€ 1.581,74): the letter says both and the saving, € 8,97 a month, € 107,64 a year."""
    frame = pd.DataFrame([{**support.BIG, "customer": "BIG", "current_phone": "PREMIUM", "current_chat": "PLUS"}])
    done = letter_pdfs(recommend_many(frame), tmp_path, lang="nl")
    text = text_of(done.written[0])
    assert re.search(r"Huidig\s+PREMIUM\s+PLUS\s+€ 1\.590,71\n", text)
    assert re.search(r"Advies\s+PREMIUM\s+PREMIUM\s+€ 1\.581,74\n", text)
    assert "€ 8,97 per maand, € 107,64 per jaar" in text
    assert quote(Usage(**support.BIG), phone="PREMIUM", chat="PLUS").total == Decimal("1590.71")


def test_invoice_numbers_unique_and_stable(rating: Rating, tmp_path: Path) -> None:
    invoices, _ = invoice.invoices_of(rating)
    numbers = [i.number for i in invoices]
    assert len(set(numbers)) == len(numbers) == len(rating.invoices) == 60
    assert all(re.fullmatch(r"2026-[01][0-9]-[0-9A-HJKMNP-TV-Z]{8}", n) for n in numbers)
    # the same customer and month: the same number, whatever else is rated (fewer customers, a period)
    fewer = rate(SAMPLES / "events.csv", contracts().iloc[[2, 0]], period="2026-03..2026-05")
    again = {(i.party.customer, str(i.month)): i.number for i in invoice.invoices_of(fewer)[0]}
    assert again and all(again[(i.party.customer, str(i.month))] == i.number for i in invoices
                         if (i.party.customer, str(i.month)) in again)


def test_invoice_numbers_that_meet_are_refused(rating: Rating, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(invoice, "code", lambda text, n: "X" * n)
    with pytest.raises(RatingError, match="get the same number 2026-01-XXXXXXXX"):
        invoice_pdfs(rating, tmp_path / "pdf")
    assert not (tmp_path / "pdf").exists()


@pytest.mark.external
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_draft_without_seller(rating: Rating, tmp_path: Path, lang: str) -> None:
    done = invoice_pdfs(rating, tmp_path, lang=lang)
    assert done.draft and "(drafts: no seller file)" in done.line("en")
    text = text_of(tmp_path / "0042_2026-02.pdf")
    if lang == "nl":
        assert "Conceptfactuur" in text and "Gegevens verkoper ontbreken" in text
        assert "de gegevens van de verkoper (naam, adres, KvK-nummer, btw-nummer, IBAN) ontbreken. Dit document is " \
            "geen factuur." in " ".join(text.split())
    else:
        assert "Draft invoice" in text and "Seller details missing" in text
        assert "the seller's details (name, address, Chamber of Commerce number, VAT number, IBAN) are missing. This " \
            "document is not an invoice." in " ".join(text.split())
    assert "IBAN NL" not in text and "KvK 1" not in text
    inv = rating.invoices.set_index(["customer", "month"]).loc[("0042", "2026-02")]
    rows = lines_of(text)
    assert any(re.fullmatch(rf"{LABELS[lang][3]}\s+{re.escape(money(inv.total_incl_vat, lang))}", r) for r in rows)


@pytest.mark.external
def test_invoice_with_an_error_gets_no_pdf(tmp_path: Path) -> None:
    c = pd.DataFrame({"customer": ["X1", "X2"], "phone_plan": ["BASIC", "SMART"], "chat_plan": ["", ""],
                      "agreed_aht": [0, 0], "need_24_7": ["yes", "no"]})
    e = pd.DataFrame({"customer": ["X1", "X2", "X1"], "start": ["2026-01-05T10:00:00"] * 2 + ["2026-02-03T09:00"],
                      "kind": ["call"] * 3, "seconds": [100, 30, 20]})
    r = rate(e, c)
    done = invoice_pdfs(r, tmp_path, seller=SELLER)
    assert [p.name for p in done.written] == ["X2_2026-01.pdf", "X2_2026-02.pdf"]
    assert [(s.customer, s.month) for s in done.skipped] == [("X1", "2026-01"), ("X1", "2026-02")]
    assert all("need_24_7" in s.reason for s in done.skipped)
    line = done.line("en")
    assert line.startswith(f"invoices as PDF: 2 in {tmp_path}; without a PDF: 2 (X1 2026-01: contract plans:")
    assert "facturen als PDF: 2 in" in done.line("nl")


# ----------------------------------------------------------------------------- the seller file

def test_seller_file_read(tmp_path: Path) -> None:
    s = load_seller(SELLER)
    assert (s.name, s.kvk, s.btw, s.iban, s.payment_days) == ("Antwoordservice Voorbeeld B.V.", "12345678",
                                                              "NL123456789B01", "NL91ABNA0417164300", 14)
    assert s.iban_text == "NL91 ABNA 0417 1643 00" and s.address == ("Stationsplein 1", "9711 AA Groningen")
    f = tmp_path / "s.toml"
    f.write_text('name = "X"\naddress = "Straat 1\\n1234 AB Plaats"\nkvk = "1234 5678"\nbtw = "nl 1234.56789.b01"\n'
                 'iban = "nl91abna0417164300"\n', "utf-8")
    s = load_seller(f)
    assert (s.address, s.kvk, s.btw, s.iban, s.payment_days) == (("Straat 1", "1234 AB Plaats"), "12345678",
                                                                 "NL123456789B01", "NL91ABNA0417164300", None)


GOOD = {"name": '"X B.V."', "address": '["Straat 1", "1234 AB Plaats"]', "kvk": '"12345678"',
        "btw": '"NL123456789B01"', "iban": '"NL91ABNA0417164300"'}


@pytest.mark.parametrize(("change", "message"), [
    ({"kvk": '"1234"'}, "kvk: '1234' is not a KvK number (8 digits)"),
    ({"iban": '"NL92ABNA0417164300"'}, "iban: 'NL92ABNA0417164300' is not an IBAN (its check digits do not match"),
    ({"btw": '"NL12345678B01"'}, "btw: 'NL12345678B01' is not a VAT identification number"),
    ({"name": None}, "name: missing"),
    ({"address": '[]'}, "address: missing"),
    ({"address": "12"}, "address: 12 is not a text or a list of lines"),
    ({"ibna": '"x"'}, "ibna: not a field of a seller file (did you mean 'iban'?)"),
    ({"payment_days": "-3"}, "payment_days: -3 is not a whole number of days from 0 to 365"),
    ({"email": '"no-at-sign"'}, "email: 'no-at-sign' is not an e-mail address"),
])
def test_seller_file_errors_name_file_and_field(tmp_path: Path, change: dict[str, str | None], message: str) -> None:
    fields = {**GOOD, **change}
    f = tmp_path / "seller.toml"
    f.write_text("".join(f"{k} = {v}\n" for k, v in fields.items() if v is not None), "utf-8")
    with pytest.raises(FileError) as err:
        load_seller(f)
    assert str(err.value).startswith(f"seller file {str(f)!r}: ") and message in str(err.value)


def test_seller_file_every_problem_at_once(tmp_path: Path) -> None:
    f = tmp_path / "seller.toml"
    f.write_text('name = "X"\nkvk = "1"\n', "utf-8")
    with pytest.raises(FileError, match=r"address: missing; btw: missing; iban: missing; kvk: '1' is not"):
        load_seller(f)


@pytest.mark.parametrize(("content", "message"), [
    (None, "does not exist"), (b"name = ", "not valid TOML"), (b"\xff\xfe", "is not UTF-8 text")])
def test_seller_file_unreadable(tmp_path: Path, content: bytes | None, message: str) -> None:
    f = tmp_path / "seller.toml"
    if content is not None:
        f.write_bytes(content)
    with pytest.raises(FileError, match=f"seller file '{re.escape(str(f))}': {message}"):
        load_seller(f)


def test_bad_seller_stops_before_anything_is_written(rating: Rating, tmp_path: Path) -> None:
    with pytest.raises(FileError, match="seller file 'nope.toml': does not exist"):
        invoice_pdfs(rating, tmp_path / "pdf", seller="nope.toml")
    assert not (tmp_path / "pdf").exists()


# ----------------------------------------------------------------------------- file names

def test_safe_names() -> None:
    assert safe_name("../../etc/passwd") == "etc_passwd"
    assert safe_name("Café 't Hoekje") == "Café_t_Hoekje"
    assert safe_name("CON") == "_CON" and safe_name("nul.txt") == "_nul.txt"
    assert safe_name("  ") == "customer" and safe_name("...") == "customer"
    assert safe_name('a<b>c:d"e|f?g*h\\i\x00j') == "a_b_c_d_e_f_g_h_i_j"
    assert len(safe_name("x" * 500)) == 80
    stems = file_names(["A/B", "A_B", "Smit", "smit", "Jansen"])
    assert stems["Jansen"] == "Jansen"
    assert len({s.casefold() for s in stems.values()}) == 5
    assert stems["A/B"].startswith("A_B~") and stems["Smit"].startswith("Smit~")
    assert file_names(["A_B", "A/B"]) == {k: stems[k] for k in ("A_B", "A/B")}  # stable whatever the order


def test_customers_with_one_safe_name_do_not_overwrite(tmp_path: Path) -> None:
    ids = ["A/B", "A_B", "../up", "smit", "Smit"]
    c = pd.DataFrame({"customer": ids, "phone_plan": ["SMART"] * 5})
    e = pd.DataFrame({"customer": ids, "start": ["2026-04-01T10:00:00"] * 5, "kind": ["call"] * 5,
                      "seconds": [60] * 5})
    done = invoice_pdfs(rate(e, c), tmp_path / "pdf")
    names = [p.name for p in done.written]
    assert len(set(n.casefold() for n in names)) == 5 and all(p.parent == tmp_path / "pdf" for p in done.written)
    assert "up_2026-04.pdf" in names
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == sorted(names)


# ----------------------------------------------------------------------------- letters

@pytest.mark.external
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_letters_amounts_as_quoted(priced: pd.DataFrame, tmp_path: Path, lang: str) -> None:
    done = letter_pdfs(priced, tmp_path, lang=lang, seller=SELLER, issued=date(2026, 5, 4))
    frame = customers()
    n = len(frame)
    assert len(done.written) == n - 1 and [s.row for s in done.skipped] == [n]
    assert "calls: -5" in done.skipped[0].reason and done.skipped[0].customer == "Onbekend formaat"
    assert not (tmp_path / "Onbekend_formaat_advice.pdf").exists()
    usage_fields = [c for c in frame.columns if c not in ("customer", "current_phone", "current_chat")]
    for r in (0, 3, 7, 15):
        row = frame.iloc[r]
        u = Usage(**{f: (row[f] in ("yes", True)) if f in ("month_spec", "need_24_7") else row[f]
                     for f in usage_fields})
        rec = quote(u, phone=plan(priced.phone_plan[r]), chat=plan(priced.chat_plan[r]))
        cur = quote(u, phone=plan(row.current_phone), chat=plan(row.current_chat))
        text = text_of(tmp_path / f"{safe_name(row.customer)}_advice.pdf")
        rows = lines_of(text)
        current, advice = ("Huidig", "Advies") if lang == "nl" else ("Current", "Recommended")
        assert any(re.fullmatch(rf"{current}\s+{cur.phone}\s+{cur.chat or none(lang)}\s+"
                                rf"{re.escape(money(cur.total, lang))}", x) for x in rows)
        assert any(re.fullmatch(rf"{advice}\s+{rec.phone}\s+{rec.chat or none(lang)}\s+"
                                rf"{re.escape(money(rec.total, lang))}", x)
                   for x in rows)
        saving = cur.total - rec.total
        if saving > 0:
            per = "per maand" if lang == "nl" else "per month"
            year = "per jaar" if lang == "nl" else "per year"
            assert f"{money(saving, lang)} {per}, {money(saving * 12, lang)} {year}" in text
        for ln in rec.lines:
            what = ln.dutch if lang == "nl" else ln.what
            assert any(x.startswith(what) and x.endswith(money(ln.amount, lang)) for x in rows), what
        total = "Totaal per maand" if lang == "nl" else "Total per month"
        assert any(re.fullmatch(rf"{total}\s+{re.escape(money(rec.total, lang))}", x) for x in rows)
        assert row.customer in text and ("Antwoordservice Voorbeeld B.V." in text)


@pytest.mark.external
def test_letters_from_a_file_as_bulk_reads_it(tmp_path: Path, tariff: object) -> None:
    src = tmp_path / "klanten.csv"
    frame = customers()
    frame.insert(1, "Adres", ["Markt 1, 1000 AA Amsterdam"] + [""] * (len(frame) - 1))
    frame.loc[2, ["calls", "call_seconds", "chats", "aht", "forwards", "forward_seconds", "email_reports",
                  "sms_reports", "month_spec", "assistant_hours", "need_24_7"]] = None
    frame.to_csv(src, sep=";", decimal=",", index=False)
    done = letters_file(src, tmp_path / "pdf", tariff=tariff, lang="nl")  # type: ignore[arg-type]
    # rows as the spreadsheet shows them (the header is row 1): the frame's third row and its last
    assert sorted(s.row for s in done.skipped if s.row is not None) == [4, len(frame) + 1]
    assert "every usage cell is blank" in done.skipped[0].reason
    assert len(done.written) == len(frame) - 2
    text = text_of(tmp_path / "pdf" / "Bakkerij_De_Molen_advice.pdf")
    assert "Markt 1" in text and "1000 AA Amsterdam" in text and "Bakkerij De Molen" in text
    assert "€ 13,84 per maand, € 166,08 per jaar" in text


@pytest.mark.external
def test_prospect_and_already_cheapest(tmp_path: Path) -> None:
    frame = pd.DataFrame({"klant": ["P1", "K2"], "calls": [120, 120], "call_seconds": [150, 150],
                          "current_phone": [None, "SMART"], "current_chat": [None, None]})
    done = letter_pdfs(recommend_many(frame), tmp_path, lang="en")
    assert [p.name for p in done.written] == ["P1_advice.pdf", "K2_advice.pdf"]
    assert "No current plans were given" in text_of(tmp_path / "P1_advice.pdf")
    assert "already the cheapest" in text_of(tmp_path / "K2_advice.pdf")


@pytest.mark.external
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_schedule_letters_amounts_as_scheduled(tmp_path: Path, lang: str) -> None:
    months = pd.read_csv(SAMPLES / "months.csv", dtype={"customer": str})
    months.loc[months.customer == "0107", "calls"] = -1  # a row in error: that customer gets no letter
    done = schedule_letter_pdfs(schedule_many(months), tmp_path, lang=lang, seller=SELLER)
    assert [s.customer for s in done.skipped] == ["0107"] and len(done.written) == 4
    for customer in ("0233", "1200"):
        rows = months[months.customer == customer]
        usages = [Usage(calls=r.calls, call_seconds=r.call_seconds, chats=r.chats, aht=r.aht)
                  for r in rows.itertuples()]
        current = (rows.current_phone.iloc[0], None if pd.isna(rows.current_chat.iloc[0]) else
                   rows.current_chat.iloc[0])
        s = schedule(usages, current=current)
        current_each = [quote(u, phone=current[0], chat=current[1]).total for u in usages]
        text = text_of(tmp_path / f"{customer}_schedule.pdf")
        lines = lines_of(text)
        for m, month_plan, cur in zip(rows.month, s.months, current_each, strict=True):
            year, month = m.split("-")
            name = common.word("document:months", lang).split()[int(month) - 1]
            assert any(re.fullmatch(rf"{name} {year}\s+.*\s{re.escape(money(cur, lang))}\s+"
                                    rf"{re.escape(money(month_plan.total, lang))}", x) for x in lines), m
        saving = sum(current_each, Decimal(0)) - s.total
        assert money(s.total, lang) in text and money(saving, lang) in text
        assert money(sum(current_each, Decimal(0)), lang) in text


# ----------------------------------------------------------------------------- the set, written as one

def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, RuntimeError])
def test_a_failure_half_way_leaves_the_previous_set(rating: Rating, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    interrupt: type[BaseException]) -> None:
    folder = tmp_path / "pdf"
    invoice_pdfs(rating, folder, seller=SELLER, lang="nl")
    before = snapshot(folder)
    real = jobs.render_invoice
    drawn = []

    def failing(*args: object, **kwargs: object) -> bytes:
        drawn.append(1)
        if len(drawn) == 20:
            raise interrupt("half-way")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jobs, "render_invoice", failing)
    with pytest.raises(interrupt):
        invoice_pdfs(rating, folder, lang="en")
    assert snapshot(folder) == before  # no file changed, none added, no temporary file left
    monkeypatch.setattr(jobs, "render_invoice", real)
    invoice_pdfs(rating, folder, lang="en")  # the next run replaces the set it wrote
    assert snapshot(folder).keys() == before.keys() and snapshot(folder) != before


def test_files_the_project_did_not_write_are_refused(rating: Rating, tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "pdf"
    folder.mkdir(parents=True)
    mine = folder / "0233_2026-05.pdf"
    mine.write_bytes(b"the user's own file")
    with pytest.raises(FileError, match="0233_2026-05.pdf' exists and answer-plan did not write it"):
        invoice_pdfs(rating, folder)
    assert snapshot(folder) == {"0233_2026-05.pdf": b"the user's own file"}
    invoice_pdfs(rating, folder, force=True)
    assert mine.read_bytes().startswith(b"%PDF") and len(snapshot(folder)) == 60


def test_pdfs_join_the_runs_set(rating: Rating, tmp_path: Path) -> None:
    """With the run's outputs, the PDFs appear together with the other outputs, or none does."""
    from optimizer.files.outputs import Outputs

    with pytest.raises(RuntimeError), Outputs() as run:
        other = run.add(tmp_path / "invoices.csv")
        other.tmp.write_text("x", "utf-8")
        invoice_pdfs(rating, tmp_path / "pdf", outputs=run)
        assert not (tmp_path / "pdf" / "0042_2026-01.pdf").exists()
        raise RuntimeError("the run fails after the PDFs were drawn")
    assert not (tmp_path / "invoices.csv").exists() and not (tmp_path / "pdf").exists()  # the folder made, gone
    with Outputs() as run:
        invoice_pdfs(rating, tmp_path / "pdf", outputs=run)
    assert len(list((tmp_path / "pdf").iterdir())) == 60


# ----------------------------------------------------------------------------- text and pages

def test_text_the_core_fonts_cannot_write() -> None:
    assert plain("Café € 1.590,71 – “ok”") == "Café € 1.590,71 – “ok”"
    assert plain("Łódź Straße ş 中\tx") == "Lódz Straße s ? x"


def test_format_amount_exact_keeps_a_price_below_a_cent() -> None:
    assert format_amount(Decimal("0.0125"), "nl", exact=True) == "€ 0,0125"
    assert format_amount(Decimal("1234.5"), "en", exact=True) == "EUR 1,234.50"
    assert format_amount(Decimal("1590.71"), "nl") == "€ 1.590,71"


@pytest.mark.external
def test_pages_render(rating: Rating, priced: pd.DataFrame, tmp_path: Path) -> None:
    """Every kind of page renders to PNG (looked at while building: tests/test_documents.py's
    docstring says how to look again: pdftoppm -r 60 -png FILE.pdf out)."""
    invoice_pdfs(rating, tmp_path, seller=SELLER, lang="nl")
    letter_pdfs(priced.iloc[:2], tmp_path, lang="nl", seller=SELLER)
    for name in ("0233_2026-01.pdf", "Bakkerij_De_Molen_advice.pdf"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(tmp_path / name), str(tmp_path / "page")], check=True)
        png = sorted(tmp_path.glob("page*.png"))
        assert png and png[0].stat().st_size > 5000
        for p in png:
            p.unlink()


def test_schedule_letters_from_the_command_line_carry_the_customers_names(tmp_path: Path) -> None:
    """The file's name and address columns reach the letters (the first of a customer's rows that has them)."""
    from answer_plan_cli import main

    (tmp_path / "maanden.csv").write_text("klant;naam;adres;maand;gesprekken\n"
                                          "1200;;;2027-01;100\n"
                                          "1200;Bakkerij De Korst;Dorpsstraat 1, 1234 AB Ergens;2027-02;150\n"
                                          "7;Smid;;2027-01;40\n", encoding="utf-8")
    assert main(["--lang", "nl", "schedule", str(tmp_path / "maanden.csv"), "-o", str(tmp_path / "plan.csv"),
                 "--pdf", str(tmp_path / "brieven")]) == 0
    korst = text_of(tmp_path / "brieven" / "1200_schedule.pdf")
    assert "Bakkerij De Korst" in korst and "Dorpsstraat 1" in korst and "1234 AB Ergens" in korst
    assert "Smid" in text_of(tmp_path / "brieven" / "7_schedule.pdf")


def test_bulk_letters_name_rows_as_the_spreadsheet_shows_them(tmp_path: Path) -> None:
    """A customer twice: `<customer>_row<N>_advice.pdf` with N the file's row; a row without a price
    named by that row too (a title row above the header counts)."""
    from answer_plan_cli import main

    (tmp_path / "klanten.csv").write_text("Klanten 2027\nklant;gesprekken\nA;10\nB;x\nA;20\n", encoding="utf-8")
    assert main(["--lang", "nl", "bulk", str(tmp_path / "klanten.csv"), "-o", str(tmp_path / "advies.csv"),
                 "--pdf", str(tmp_path / "brieven")]) == 0
    assert sorted(p.name for p in (tmp_path / "brieven").iterdir()) == ["A_row3_advice.pdf", "A_row5_advice.pdf"]

"""The seller of an invoice (and the sender of a letter): a small TOML file, validated at load.

    name = "Antwoordservice Noord B.V."
    address = ["Stationsplein 1", "9711 AA Groningen"]   # or one text, lines split at newlines
    kvk = "12345678"                                     # Chamber of Commerce (KvK): 8 digits
    btw = "NL123456789B01"                               # BTW (VAT) identification number
    iban = "NL91 ABNA 0417 1643 00"                      # checked by its mod-97 check digits
    # optional: bic, email, phone, website, payment_days (the term of payment, in days)

Every problem of the file is named at once, each with its field, in one FileError that names the
file: `seller file 'seller.toml': kvk: '1234' is not a KvK number (8 digits)`.
"""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from optimizer.ground.errors import FileError

__all__ = ["SELLER_FIELDS", "Seller", "load_seller", "seller_from"]

REQUIRED = ("name", "address", "kvk", "btw", "iban")
OPTIONAL = ("bic", "email", "phone", "website", "payment_days")
SELLER_FIELDS = (*REQUIRED, *OPTIONAL)
MAX_BYTES = 64 << 10
_VAT_NL = re.compile(r"NL[0-9]{9}B[0-9]{2}")
_VAT_EU = re.compile(r"[A-Z]{2}[0-9A-Z+*]{2,13}")
_BIC = re.compile(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?")


@dataclass(frozen=True)
class Seller:
    name: str
    address: tuple[str, ...]
    kvk: str
    btw: str
    iban: str  # without spaces; `iban_text` groups it in fours
    bic: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    payment_days: int | None = None

    @property
    def iban_text(self) -> str:
        return " ".join(self.iban[i:i + 4] for i in range(0, len(self.iban), 4))


def load_seller(path: str | Path) -> Seller:
    """The seller file read and validated (FileError naming the file and every bad field)."""
    path = Path(path)
    where = f"seller file {str(path)!r}"
    try:
        if not path.is_file():
            raise FileError(f"{where}: {'is a folder' if path.is_dir() else 'does not exist'}")
        if path.stat().st_size > MAX_BYTES:
            raise FileError(f"{where}: too large for a seller file (at most {MAX_BYTES:,} bytes)")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise FileError(f"{where}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise FileError(f"{where}: is not UTF-8 text (a seller file is TOML)") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FileError(f"{where}: not valid TOML: {exc}") from None
    return seller_from(data, where)


def seller_from(data: dict[str, Any], where: str = "seller") -> Seller:
    """A Seller from a table of the fields (a seller file's, or a Python dict)."""
    problems: list[str] = []
    for key in data:
        if key not in SELLER_FIELDS:
            near = difflib.get_close_matches(key, SELLER_FIELDS, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else f" (the fields: {', '.join(SELLER_FIELDS)})"
            problems.append(f"{key}: not a field of a seller file{hint}")
    for key in REQUIRED:
        if key not in data or (isinstance(data[key], str) and not data[key].strip()):
            problems.append(f"{key}: missing")
    values: dict[str, Any] = {}
    for key in SELLER_FIELDS:
        if key not in data or key in ("address", "payment_days"):
            continue
        v = data[key]
        if not isinstance(v, (str, int)) or isinstance(v, bool):
            problems.append(f"{key}: {v!r} is not a text")
            continue
        values[key] = " ".join(str(v).split())
    if "address" in data:
        v = data["address"]
        lines = v.splitlines() if isinstance(v, str) else v
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            problems.append(f"address: {v!r} is not a text or a list of lines")
        else:
            values["address"] = tuple(" ".join(x.split()) for x in lines if x.strip())
            if not values["address"] and isinstance(v, list):
                problems.append("address: missing")
    if "payment_days" in data:
        v = data["payment_days"]
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 365:
            problems.append(f"payment_days: {v!r} is not a whole number of days from 0 to 365")
        else:
            values["payment_days"] = v
    problems += _check(values)
    if problems:
        raise FileError(f"{where}: " + "; ".join(problems))
    return Seller(**values)


def _check(values: dict[str, Any]) -> list[str]:
    problems = []
    if "kvk" in values:
        kvk = values["kvk"].replace(" ", "").replace(".", "")
        if not re.fullmatch(r"[0-9]{8}", kvk):
            problems.append(f"kvk: {values['kvk']!r} is not a KvK number (8 digits)")
        values["kvk"] = kvk
    if "btw" in values:
        btw = re.sub(r"[ .\-]", "", values["btw"]).upper()
        if not (_VAT_NL.fullmatch(btw) if btw.startswith("NL") else _VAT_EU.fullmatch(btw)):
            problems.append(f"btw: {values['btw']!r} is not a VAT identification number "
                            "(NL: NL, 9 digits, B, 2 digits: NL123456789B01)")
        values["btw"] = btw
    if "iban" in values:
        iban = values["iban"].replace(" ", "").upper()
        if not _iban_ok(iban):
            problems.append(f"iban: {values['iban']!r} is not an IBAN (its check digits do not match, or its "
                            "form is wrong)")
        values["iban"] = iban
    if values.get("bic"):
        bic = values["bic"].replace(" ", "").upper()
        if not _BIC.fullmatch(bic):
            problems.append(f"bic: {values['bic']!r} is not a BIC (8 or 11 letters and digits)")
        values["bic"] = bic
    if values.get("email") and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", values["email"]):
        problems.append(f"email: {values['email']!r} is not an e-mail address")
    return problems


def _iban_ok(iban: str) -> bool:
    """ISO 13616: two letters, two check digits, up to 30 letters and digits; mod 97 of the
    rearranged number is 1."""
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", iban):
        return False
    digits = "".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])
    return int(digits) % 97 == 1

"""An independent implementation of PRICING.md for the shipped price list, written straight from
its text with its amounts typed in (no tariff file, no project code). Exact Fractions; brute
force for the pack covers. Slow and plain on purpose: the yardstick the project is held to."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F
from itertools import product

PLANS = ("BASIC", "SMART", "PLUS", "PREMIUM")
FEE = {"BASIC": F("35.00"), "SMART": F("162.50"), "PLUS": F("60.45"), "PREMIUM": F("243.00")}
OPEN_24_7 = {"PLUS", "PREMIUM"}


def r(x: F) -> F:
    """Half-up to cents."""
    return F(_dec(x))


def _dec(x: F) -> Decimal:
    sign = -1 if x < 0 else 1
    cents = (abs(x) * 100 * 2 + 1) // 2  # half away from zero
    return (Decimal(sign * int(cents)) / 100).quantize(Decimal("0.01"))


def tiers(n: int, table: list[tuple[int, int | None, str]]) -> F:
    total = F(0)
    for first, last, price in table:
        q = (n if last is None else min(n, last)) - first + 1
        if q > 0:
            total += r(q * F(price))
    return total


def sms_cover(n: int) -> F:
    if n == 0:
        return F(0)
    best = None
    for a, b, c in product(range(n // 75 + 2), range(n // 200 + 2), range(n // 500 + 2)):
        covered = 75 * a + 200 * b + 500 * c
        cost = a * F("13.53") + b * F("33.24") + c * F("66.49") + max(0, n - covered) * F("0.67")
        best = cost if best is None else min(best, cost)
    return best


def assistant_cover(h: F) -> F:
    if h == 0:
        return F(0)
    best = None
    top = int(h) + 1
    for a, b, c in product(range(top // 5 + 2), range(top // 15 + 2), range(top // 25 + 2)):
        covered = 5 * a + 15 * b + 25 * c
        cost = a * F("218.01") + b * F("593.85") + c * F("889.71") + r(max(F(0), h - covered) * F("49.76"))
        best = cost if best is None else min(best, cost)
    return best


def total(u: dict, phone: str | None, chat: str | None) -> Decimal:
    """Monthly total; raises ValueError when the selection breaks rule 3 or 4."""
    g = lambda k: F(str(u.get(k, 0)))
    calls, chats = int(g("calls")), int(g("chats"))
    phone_use = (calls or g("forwards") or g("outbound_calls") or g("foreign_minutes") or u.get("voice_response")
                 or g("billable_call_seconds") or g("total_forward_seconds") or g("total_outbound_seconds")
                 or g("foreign_seconds"))
    if phone is None and phone_use:
        raise ValueError("phone usage without the phone service")
    if chat is None and chats:
        raise ValueError("chats without the chat service")
    if u.get("need_24_7") and any(p is not None and p not in OPEN_24_7 for p in (phone, chat)):
        raise ValueError("24/7 on a plan that is not open 24/7")
    amt = F(0)
    if phone:
        amt += FEE[phone]
        if phone in ("BASIC", "PLUS"):
            amt += tiers(calls, [(1, 50, "3.03"), (51, 100, "2.52"), (101, None, "1.84")])
        else:
            amt += r(max(0, calls - 75) * F("1.79"))
        amt += r((calls * max(F(0), g("call_seconds") - 90) + g("billable_call_seconds")) * F("1.64") / 60)
        amt += r(g("forwards") * F("1.06"))
        amt += r((g("forwards") * g("forward_seconds") + g("total_forward_seconds")) * F("0.75") / 60)
        amt += r(g("outbound_calls") * F("1.06"))
        amt += r((g("outbound_calls") * g("outbound_seconds") + g("total_outbound_seconds")) * F("1.64") / 60)
        amt += r((g("foreign_minutes") * 60 + g("foreign_seconds")) * F("2.37") / 60)
        amt += F("37.07") if u.get("voice_response") else 0
    if chat:
        amt += FEE[chat]
        if chat in ("BASIC", "PLUS"):
            amt += tiers(chats, [(1, 50, "3.30"), (51, 100, "3.03"), (101, None, "2.78")])
        else:
            amt += r(max(0, chats - 50) * F("2.66"))
        amt += r(chats * max(F(0), g("aht") - 180) * F("1.64") / 60)
    if phone and chat:
        amt -= r(F("0.125") * (FEE[phone] + FEE[chat]))
    reports = int(g("email_reports"))
    amt += min(F("19.83"), r(reports * F("0.25"))) if reports else 0
    amt += sms_cover(int(g("sms_reports")))
    amt += F("13.23") if u.get("month_spec") else 0
    amt += r(g("training_hours") * F("33.05"))
    amt += assistant_cover(g("assistant_hours"))
    return _dec(amt)


def best(u: dict) -> tuple[str | None, str | None, Decimal]:
    """Exhaustive search with rule 23's tie-break."""
    found = []
    for phone in (None, *PLANS):
        for chat in (None, *PLANS):
            try:
                t = total(u, phone, chat)
            except ValueError:
                continue
            order = {None: -1, **{p: i for i, p in enumerate(PLANS)}}
            taken = [p for p in (phone, chat) if p]
            key = (t, len(taken), sum(FEE[p] for p in taken), order[phone], order[chat])
            found.append((key, phone, chat, t))
    found.sort(key=lambda f: f[0])
    _, phone, chat, t = found[0]
    return phone, chat, t

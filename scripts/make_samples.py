"""Writes the sample contact log, contracts and monthly forecasts shipped in optimizer/samples
(rated and scheduled by `make demo`). Deterministic: run it again and the files are the same.

    python scripts/make_samples.py
"""
from __future__ import annotations

import csv
import random
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

OUT = Path(__file__).resolve().parents[1] / "optimizer" / "samples"
AMS = ZoneInfo("Europe/Amsterdam")
# customer, plans, agreed AHT, calls per month (Jan..Dec pattern), chats per month, their real AHT
CUSTOMERS = [
    ("0042", "SMART", "SMART", 200, [130] * 12, [40] * 12, 215),
    ("0107", "BASIC", "", 0, [35] * 12, [0] * 12, 0),
    ("0233", "PREMIUM", "PLUS", 240, [60, 60, 70, 80, 90, 120, 150, 150, 90, 70, 200, 320], [20] * 12, 310),
    ("0301", "PLUS", "BASIC", 180, [10] * 12, [70] * 12, 175),
    ("1200", "SMART", "", 0, [300, 280, 260, 40, 30, 20, 20, 20, 30, 40, 60, 90], [0] * 12, 0),
]


def main() -> None:
    rng = random.Random(2026)
    events = []
    for customer, _, _, _, calls, chats, aht in CUSTOMERS:
        for month in range(1, 13):
            for kind, count in (("call", calls[month - 1]), ("chat", chats[month - 1])):
                for _ in range(count):
                    day = rng.randint(1, 28)
                    local = datetime(2026, month, day, rng.randint(7, 19), rng.randint(0, 59), rng.randint(0, 59),
                                     tzinfo=AMS)
                    if rng.random() < 0.5:  # half the platform's times in UTC, half local without offset
                        start = local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                    else:
                        start = local.replace(tzinfo=None).isoformat()
                    seconds = (round(rng.expovariate(1 / 110), 1) if kind == "call"
                               else round(max(20.0, rng.gauss(aht, 40)), 1))
                    foreign = "yes" if kind == "call" and rng.random() < 0.03 else ""
                    events.append((customer, start, kind, seconds, foreign))
            if customer == "0233":
                events += [(customer, f"2026-{month:02d}-15T12:00:00", "forward", rng.randint(30, 200), "")
                           for _ in range(5)]
                events += [(customer, f"2026-{month:02d}-16T12:00:00", "sms_report", 0, "") for _ in range(80)]
            if customer == "0301" and month % 3 == 0:
                events.append((customer, f"2026-{month:02d}-20T09:00:00", "assistant", 3 * 3600 + 1800, ""))
    # a month's end in UTC that is the next month in Amsterdam, and two rows the log cannot use
    events.append(("0042", "2026-03-31T23:30:00Z", "call", 95.0, ""))
    events.append(("9999", "2026-05-05T10:00:00", "call", 60.0, ""))
    events.append(("0107", "2026-05-05 10:00", "fax", 60.0, ""))
    events.sort(key=lambda e: (e[1][:10], e[0]))
    with (OUT / "events.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["customer", "start", "kind", "seconds", "foreign"])
        w.writerows(events)
    with (OUT / "contracts.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["customer", "phone_plan", "chat_plan", "agreed_aht", "month_spec"])
        for customer, phone, chat, agreed, *_ in CUSTOMERS:
            w.writerow([customer, phone, chat, agreed, "yes" if customer == "0233" else "no"])
    with (OUT / "months.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["customer", "month", "calls", "call_seconds", "chats", "aht", "current_phone", "current_chat"])
        for customer, phone, chat, _, calls, chats, aht in CUSTOMERS:
            for month in range(1, 13):
                w.writerow([customer, f"2026-{month:02d}", calls[month - 1], 110, chats[month - 1], aht, phone, chat])
    print(f"wrote {len(events):,} events, {len(CUSTOMERS)} contracts and 12 months each to {OUT}")


if __name__ == "__main__":
    main()

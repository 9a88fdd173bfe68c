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


# the Customers sheet's and the demo's forecasts: customer, forecast fields, current plans
FORECAST_HEADER = ['customer', 'calls', 'call_seconds', 'chats', 'aht', 'forwards', 'forward_seconds', 'email_reports',
                   'sms_reports', 'month_spec', 'assistant_hours', 'need_24_7', 'current_phone', 'current_chat']
FORECASTS = [
    ('Bakkerij De Molen', '340', '113', '38', '356', '0', '72', '0', '0', 'no', '0.0', 'no', 'SMART', 'BASIC'),
    ('Tandartspraktijk Zuid', '71', '205', '182', '236', '0', '125', '0', '0', 'no', '0.0', 'yes', 'PREMIUM', 'PLUS'),
    ('Van Dijk Advocaten', '10', '197', '243', '315', '0', '188', '48', '144', 'no', '0.0', 'no', 'PLUS', 'PLUS'),
    ('Installatiebedrijf Smit',
     '255', '235', '137', '171', '0', '64', '43', '0', 'no', '14.5', 'yes', 'PREMIUM', 'PLUS'),
    ('Fysio Centrum Oost', '146', '70', '112', '307', '29', '6', '8', '0', 'no', '0.0', 'no', 'SMART', 'BASIC'),
    ('Hoveniers Jansen', '186', '173', '155', '229', '0', '131', '22', '0', 'yes', '0.0', 'no', 'SMART', 'BASIC'),
    ('Notariskantoor Bos', '31', '207', '8', '163', '23', '120', '0', '106', 'yes', '0.0', 'yes', 'PREMIUM', 'PLUS'),
    ('Garage Visser', '148', '254', '0', '91', '17', '67', '0', '0', 'no', '0.0', 'no', 'SMART', 'PLUS'),
    ('Dierenkliniek West', '257', '210', '0', '119', '22', '112', '0', '0', 'no', '0.0', 'no', 'SMART', 'PLUS'),
    ('Makelaardij Mulder', '141', '156', '0', '367', '0', '133', '0', '220', 'no', '0.0', 'no', 'PREMIUM', 'BASIC'),
    ('IT Support Noord', '332', '159', '185', '210', '0', '163', '0', '0', 'yes', '0.0', 'no', 'BASIC', 'SMART'),
    ('Schildersbedrijf De Vries', '316', '128', '0', '396', '4', '25', '0', '502', 'no', '0.0', 'no', 'SMART', 'SMART'),
    ('Huisartsen Centrum', '281', '80', '213', '179', '23', '94', '0', '380', 'no', '0.0', 'yes', 'PREMIUM', 'PLUS'),
    ('Loodgieter 24', '362', '112', '117', '79', '0', '55', '0', '0', 'no', '0.0', 'yes', 'PREMIUM', 'PLUS'),
    ('Webshop Bloem', '288', '77', '0', '147', '0', '66', '71', '551', 'yes', '18.7', 'no', 'PREMIUM', 'PLUS'),
    ('Administratiekantoor Bakker', '70', '98', '168', '181', '0', '6', '0', '0', 'yes', '0.0', 'no', 'SMART', 'SMART'),
    ('Cateraar Smaak', '343', '261', '0', '298', '0', '84', '0', '0', 'no', '0.0', 'no', 'BASIC', ''),
    ('Verhuizer Snel', '261', '176', '144', '308', '0', '16', '0', '0', 'no', '0.0', 'yes', 'PREMIUM', 'PLUS'),
    ('Autorijschool Groen', '39', '63', '234', '310', '0', '185', '55', '0', 'yes', '0.0', 'yes', 'PREMIUM', 'PLUS'),
    ('Klusbedrijf Meijer', '119', '152', '0', '166', '2', '110', '0', '257', 'no', '0.0', 'no', 'BASIC', 'BASIC'),
    ('Restaurant De Gouden Leeuw',
     '240', '110', '199', '189', '0', '84', '0', '0', 'yes', '0.0', 'no', 'BASIC', 'SMART'),
    ('Beveiliging Nacht', '386', '212', '0', '252', '0', '46', '0', '129', 'no', '0.0', 'no', 'PLUS', 'BASIC'),
    ('Kinderopvang Zon', '291', '255', '9', '266', '0', '187', '29', '0', 'yes', '0.0', 'no', 'PLUS', 'BASIC'),
    ('Bouwbedrijf Hendriks', '95', '43', '198', '201', '0', '103', '25', '439', 'yes', '0.0', 'no', 'PLUS', 'BASIC'),
]

NAMES = {  # the contracts' optional name and address (the invoices are addressed to them)
    "0042": ("Bakkerij De Molen", "Molenstraat 12, 9711 AB Groningen"),
    "0107": ("Garage Visser", "Industrieweg 4, 8011 CD Zwolle"),
    "0233": ("Tandartspraktijk Zuid", "Zuiderpark 7, 3083 EF Rotterdam"),
    "0301": ("Van Dijk Advocaten", "Keizersgracht 301, 1016 ED Amsterdam"),
    "1200": ("Hoveniers Jansen", "Tuinlaan 20, 5611 GH Eindhoven"),
}


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
        w.writerow(["customer", "phone_plan", "chat_plan", "agreed_aht", "month_spec", "name", "address"])
        for customer, phone, chat, agreed, *_ in CUSTOMERS:
            name, address = NAMES[customer]
            w.writerow([customer, phone, chat, agreed, "yes" if customer == "0233" else "no", name, address])
    with (OUT / "months.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["customer", "month", "calls", "call_seconds", "chats", "aht", "current_phone", "current_chat"])
        for customer, phone, chat, _, calls, chats, aht in CUSTOMERS:
            for month in range(1, 13):
                w.writerow([customer, f"2026-{month:02d}", calls[month - 1], 110, chats[month - 1], aht, phone, chat])
    with (OUT / "customers.csv").open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FORECAST_HEADER)
        w.writerows(FORECASTS)
    print(f"wrote {len(FORECASTS)} customers' forecasts, {len(events):,} events, {len(CUSTOMERS)} contracts and "
          f"12 months each to {OUT}")


if __name__ == "__main__":
    main()

"""Median time of quote() for a typical forecast, and of Usage validation, in one run."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import median_seconds

from answer_plan_cli.main import EXAMPLE
from optimizer import Usage, quote

TYPICAL = dict(calls=120, call_seconds=150, chats=40, aht=200)


def main() -> None:
    typical = Usage(**TYPICAL)
    everything = Usage(**EXAMPLE)
    t_typical = median_seconds(lambda: quote(typical, phone="SMART", chat="SMART"), repeat=20_000)
    t_all = median_seconds(lambda: quote(everything, phone="PREMIUM", chat="PREMIUM"), repeat=20_000)
    t_usage = median_seconds(lambda: Usage(**EXAMPLE), repeat=20_000)
    print(f"quote(), typical forecast (calls, chats, AHT, call time), SMART/SMART: median {t_typical * 1e6:.1f} us")
    print(f"quote(), every field used (the big worked example), PREMIUM/PREMIUM: median {t_all * 1e6:.1f} us")
    print(f"Usage(...) with every field: median {t_usage * 1e6:.1f} us")


if __name__ == "__main__":
    main()

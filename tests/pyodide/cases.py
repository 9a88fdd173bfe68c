"""Every Excel function on a set of inputs, written as Office.js hands them to xlwings Lite: each
argument a cell value or a 2-D list of cells, a blank cell null (None here), an error cell an
Error object, numbers as floats or, as Lite sends them too, ints. `classic` turns such an argument
into what the desktop's functions get (xlwings' err_to_str reading), `excel` a desktop answer into
what Office.js shows (a value is a 1 x 1 array), so a Lite run's answers can be held to the
desktop's, to the cent."""
from __future__ import annotations

import inspect
from typing import Any


def error(text: str, kind: str) -> dict[str, str]:
    """An error cell as Office.js hands it over (custom functions allow errors for type any)."""
    return {"type": "Error", "basicValue": text, "errorType": kind}


NA = error("#N/A", "NotAvailable")
VALUE = error("#VALUE!", "Value")
TABLE = [["Klant", "Gesprekken", "Gesprekstijd", "Chats", "AHT", "Doorverbindingen", "SMS-verslagen", "24/7"],
         ["A", 120, 150.0, 40.0, 200, 10.0, 275, "ja"],
         ["B", 10.0, None, None, None, None, None, None],
         ["C", NA, 0.0, 0.0, 0.0, 0.0, 0.0, False],
         [None, None, None, None, None, None, None, None],
         ["D", "1.000", 0.0, 0.0, 0.0, 0.0, 0.0, "nee"],
         ["E", "12", "90,5", 3, 240.5, 0, 0, "misschien"],
         ["F", 300.0, 120.0, 80.0, 180.0, 25.0, 1200.0, "WAAR"]]
MONTHS = [[300.0]] * 3 + [[20.0]] * 9
COLUMN = {"plans": [["BASIC"], ["smart"], ["GOLD"], ["PLUS"], [None], ["PREMIUM/BASIC"], ["/SMART"], ["plus"]],
          "calls": [[100.0], [120], [1.0], [-1.0], [5.0], [NA], [3.0], [""]],
          "chats": [[0.0], [40.0], [0.0], [0.0], [None], [2.0], [0.0], [7]],
          "seconds": [[0.0], [150.0], [0.0], [0.0], [None], [0], [12.5], [90.25]],
          "h247": [[False], ["ja"], [True], ["maybe"], [None], [VALUE], ["nee"], ["WAAR"]]}

CASES: list[tuple[str, list[Any]]] = [
    ("ANSWER_COST", ["SMART", 120, 40, 200, 150]),
    ("ANSWER_COST", ["SMART", 120.0, 40.0, 200.0, 150.0]),
    ("ANSWER_COST", [" premium / basic ", 10.0, 10.0, 0.0, None]),
    ("ANSWER_COST", ["Basic", 100.0, None, None]),
    ("ANSWER_COST", ["GOLD", 1.0, 0.0, 0.0]),
    ("ANSWER_COST", ["BASIC", -1, 0, 0]),
    ("ANSWER_COST", ["BASIC", 1.5, 0, 0]),
    ("ANSWER_COST", ["BASIC", True, 0, 0]),
    ("ANSWER_COST", ["SMART", NA, 40.0, 200.0]),
    ("ANSWER_COST", ["SMART", 120.0, 40.0, 200.0, 150.0, "prijslijst"]),
    ("ANSWER_COST", [COLUMN["plans"], COLUMN["calls"], COLUMN["chats"], 200.0, COLUMN["seconds"]]),
    ("ANSWER_COST", ["SMART", [[120.0], [120.0], [None]], [[40.0], [None], [""]], 200, 150]),
    ("ANSWER_COST", ["SMART", [[1.0], [2.0]], [[1.0], [2.0], [3.0]], 0]),
    ("ANSWER_QUOTE", ["SMART/PLUS", 120.0, 40.0, 200.0, 150.0]),
    ("ANSWER_QUOTE", ["premium", 300, 80, 180, 120]),
    ("ANSWER_QUOTE", ["gold", 1, 0, 0]),
    ("ANSWER_QUOTE", ["SMART", 1, 0, NA]),
    ("ANSWER_BEST", [120.0, 40.0, 200.0, 150.0]),
    ("ANSWER_BEST", [120, 40, 200, 150]),
    ("ANSWER_BEST", [0.0, 0.0, 0.0]),
    ("ANSWER_BEST", [10.0, None, None, None, True]),
    ("ANSWER_BEST", [10.0, 0.0, 0.0, 0.0, "WAAR"]),
    ("ANSWER_BEST", [1, 0, 0, 0, "maybe"]),
    ("ANSWER_BEST", [120.0, 40.0, 200.0, 150.0, NA]),
    ("ANSWER_BEST", [COLUMN["calls"], COLUMN["chats"], 200.0, COLUMN["seconds"], COLUMN["h247"]]),
    ("ANSWER_BEST", [[[300.0], [80.0], [1000.0]], [[300.0], [60.0], [0.0]], [[180.0], [240.0], [0.0]],
                     [[120.0], [90.0], [200.0]], [[False], ["ja"], [True]]]),
    ("ANSWER_PLANS", []),
    ("ANSWER_PLANS", ["prijslijst"]),
    ("ANSWER_BREAKEVEN", ["BASIC", "SMART", None, None, 150.0]),
    ("ANSWER_BREAKEVEN", ["SMART", "BASIC"]),
    ("ANSWER_BREAKEVEN", ["plus", "premium", 0.0, 0.0, 0.0]),
    ("ANSWER_BREAKEVEN", ["SMART/SMART", "PREMIUM/PLUS", 40, 200, 120]),
    ("ANSWER_BREAKEVEN", ["BASIC", "GOLD"]),
    ("ANSWER_SCHEDULE", [MONTHS, [[0.0]] * 12, 0.0]),
    ("ANSWER_SCHEDULE", [MONTHS, [[0.0]] * 12, 0.0, None, None, 0]),
    ("ANSWER_SCHEDULE", [MONTHS, [[40.0]] * 6 + [[0.0]] * 6, 200, 150, [[False]] * 11 + [["ja"]], 1, "SMART/PLUS"]),
    ("ANSWER_SCHEDULE", [MONTHS, 0.0, 0.0, None, None, -1]),
    ("ANSWER_SCHEDULE", [[[1.0], [NA]], 0.0, 0.0]),
    ("ANSWER_CHOOSE", [[[20.0], [100.0], [300.0]], 0.0, 0.0, None, None, "worst"]),
    ("ANSWER_CHOOSE", [[[20.0], [100.0], [300.0]], [[0.0], [40.0], [80.0]], 200, 150, [[1], [2], [1]], "regret"]),
    ("ANSWER_CHOOSE", [[[20.0], [100.0], [300.0]], 0.0, 0.0, None, [[1.0], [3.0], [0.5]]]),
    ("ANSWER_CHOOSE", [[[20.0], [100.0]], 0.0, 0.0, None, None, "best"]),
    ("ANSWER_COST_TABLE", ["PREMIUM/PREMIUM", TABLE]),
    ("ANSWER_COST_TABLE", [[["BASIC"], ["SMART"], ["PLUS"], [None], ["GOLD"], ["SMART"], ["PREMIUM"]], TABLE]),
    ("ANSWER_COST_TABLE", ["SMART", [["naam"], ["x"]]]),
    ("ANSWER_BEST_TABLE", [TABLE]),
    ("ANSWER_BEST_TABLE", [[["klant", "gesprekke"], ["x", 1]]]),
    ("ANSWER_BEST_TABLE", [[["calls", "chats", "aht"], [120, 40, 200], [None, None, None], [10, 0, 0]], "prijslijst"]),
]


def classic(value: Any) -> Any:
    """An argument as the desktop's function gets it (xlwings with err_to_str): an error cell its
    text, a blank None; a 1 x 1 range stays a list (the function takes it as its value). A whole
    number is an int, as Lite's Python gets it (JS has one kind of number; to_py() makes a whole
    one an int), so both sides price the same values: 150 s shows as 150, 150.0 as 150.0."""
    if isinstance(value, list):
        return [classic(v) for v in value]
    if isinstance(value, dict):
        return value["basicValue"]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None if value == "" else value


def desktop_call(module: Any, name: str, args: list[Any]) -> Any:
    """The desktop's answer, called as Excel calls it: a blank argument that has a default gets
    it (an optional argument left out), every other one as classic xlwings hands it over."""
    func = getattr(module, name)
    params = list(inspect.signature(func).parameters.values())
    given = [p.default if a is None and p.default is not inspect.Parameter.empty else classic(a)
             for p, a in zip(params, args + [None] * (len(params) - len(args)), strict=True)]
    return excel(func(*given))


def excel(answer: Any) -> Any:
    """What Office.js gets from xlwings for an answer: a value as a 1 x 1 array."""
    return answer if isinstance(answer, list) else [[answer]]

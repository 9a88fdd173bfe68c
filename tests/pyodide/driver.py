"""What the xlwings Lite runtime does with main.py, in the Python that runs it (Pyodide under Node,
or a CPython that cannot load numpy and pandas): import xlwings with the settings the runtime
sets (XLWINGS_ON_SERVER, so `xlwings.func` and friends are xlwings.pro.udfs_officejs's, and the
license key it uses), execute main.py's text as the module "main", and answer each call of a
custom function with xlwings' own `custom_functions_call(data, module)`, `data` converted from
JS with `to_py()` in Pyodide. (So does the runtime of github.com/xlwings/xlwings-server: its
app/lite/main.py, its config setting XLWINGS_ON_SERVER, app/wasm/xlwings.env the key.) No Excel
here: `data` is built as Office.js builds it (every parameter there and a matrix, a blank cell
null, an error cell an Error object): by run.mjs in JS, by `data` here.

Used by tests/pyodide/run.mjs (Pyodide) and by tests/test_lite.py (CPython without numpy)."""
from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
import types
from typing import Any

os.environ["XLWINGS_ON_SERVER"] = "true"  # as the Lite runtime sets it before xlwings is imported
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings
from xlwings.server import custom_functions_call

MAIN: types.ModuleType | None = None


def load_main(text: str) -> list[str]:
    """main.py's text executed as the module "main", as the runtime does; its custom functions."""
    global MAIN
    spec = importlib.util.spec_from_loader("main", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(text, "main.py", "exec"), module.__dict__)
    sys.modules["main"] = module
    MAIN = module
    return sorted(name for name, obj in vars(module).items() if hasattr(obj, "__xlfunc__"))


def shell(name: str) -> str:
    """What a call of `name` says besides its arguments, and how many parameters it has (JSON)."""
    assert MAIN is not None
    return json.dumps({"arity": len(getattr(MAIN, name).__xlfunc__["args"]),
                       "data": {"func_name": name, "version": xlwings.__version__, "client": "Office.js",
                                "runtime": "1.4", "culture_info_name": "nl-NL", "date_format": "d-M-yyyy",
                                "caller_address": "Blad1!B2"}})


def data(name: str, args: list[Any]) -> dict[str, Any]:
    """A call as Office.js sends it and the runtime's to_py() makes it: every parameter there (a
    blank one null), as a matrix, a whole number an int (JS has one kind of number)."""
    found = json.loads(shell(name))
    full = [_as_js(a) for a in list(args) + [None] * (found["arity"] - len(args))]
    return {**found["data"], "args": [None if a is None else a if isinstance(a, list) else [[a]] for a in full]}


def _as_js(value: Any) -> Any:
    if isinstance(value, list):
        return [_as_js(v) for v in value]
    return int(value) if isinstance(value, float) and value.is_integer() else value


async def call(payload: Any) -> str:
    """One call of a custom function: `payload` the call's data (a JS object in Pyodide, turned
    into Python with to_py() as the runtime does: a blank cell becomes JsNull there), the answer
    as xlwings converts it for Office.js, in JSON."""
    d = payload.to_py() if hasattr(payload, "to_py") else payload
    try:
        result = await custom_functions_call(d, module=MAIN)
    except Exception as exc:  # the runtime shows it as the cell's error; here: the test says which
        return json.dumps({"error": f"{type(exc).__name__}: {exc}"})
    return json.dumps(result)


def report(answers_json: str) -> str:
    """The run in JSON: main.py's functions, the answers (JSON), the solvers recommend and schedule
    name, the top-level modules loaded, the package's file, where."""
    assert MAIN is not None
    functions = sorted(name for name, obj in vars(MAIN).items() if hasattr(obj, "__xlfunc__"))
    from optimizer import recommend, schedule
    from optimizer.ground.usage import Usage

    solvers = [recommend(Usage(calls=120, chats=40, aht=200)).solver, schedule([Usage(calls=300)] * 3).solver]
    import optimizer

    options = sorted({json.dumps(a["options"]) for f in functions for a in getattr(MAIN, f).__xlfunc__["args"]})
    return json.dumps({"functions": functions, "answers": json.loads(answers_json), "solvers": solvers,
                       "options": options,
                       "modules": sorted({m.split(".")[0] for m in sys.modules}), "package": optimizer.__file__,
                       "platform": sys.platform, "python": sys.version.split()[0]})


async def run(main_text: str, cases_json: str) -> str:
    """Every case (name, args) answered (the calls' data built here, in Python), in `report`."""
    load_main(main_text)
    answers = [json.loads(await call(data(name, args))) for name, args in json.loads(cases_json)]
    return report(json.dumps(answers))


async def timings(rows: int = 10_000) -> str:
    """For the README, not for any test: seconds per call here (one cell; a 10,000-row column)."""
    import random

    rng = random.Random(1)
    column = [[[rng.choice(["BASIC", "SMART", "PLUS", "PREMIUM"])] for _ in range(rows)]] + \
        [[[float(rng.randint(0, 499))] for _ in range(rows)] for _ in range(4)]
    out = {}
    await call(data("ANSWER_COST", [c[:10] for c in column]))
    start = time.perf_counter()
    await call(data("ANSWER_COST", column))
    out["ANSWER_COST column through custom_functions_call"] = time.perf_counter() - start
    assert MAIN is not None
    for name, f in (("ANSWER_COST cell", lambda k: MAIN.ANSWER_COST("SMART", float(k), 40.0, 200.0, 150.0)),
                    ("ANSWER_BEST cell", lambda k: MAIN.ANSWER_BEST(float(k), 40.0, 200.0, 150.0))):
        f(0)
        start = time.perf_counter()
        for k in range(1, 201):
            f(k)
        out[name] = (time.perf_counter() - start) / 200
    return json.dumps(out)

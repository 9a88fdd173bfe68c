"""What an xlwings Lite user pastes into the Lite editor (Excel on Windows, macOS and the web; Python
in the browser through Pyodide, no local Python): main.py and requirements.txt, and the steps.

How the package reaches Pyodide: inside main.py. The optimizer and xl_addin packages (pure Python,
with the price list) travel as a zip in the file, written once to Pyodide's file system and put on
sys.path (zipimport), so there is nothing to host or upload. requirements.txt names only what
Pyodide has or installs from PyPI (xlwings, numpy, pandas). No PuLP or HiGHS is asked for (highspy
is built for Pyodide, with numpy, from its package repository; PuLP would come from PyPI):
recommend answers by exact exhaustive search over the 25 selections, which needs nothing
downloaded and is what the desktop's MILP is held to, schedule by its exact dynamic programme,
each saying so.

main.py imports neither numpy nor pandas: where Pyodide cannot load them (no package repository
within reach) every function still answers, the column forms row by row on the Decimal engine;
only the Recommend button (the workbook's customers, with pandas) needs them, and loads them
when pressed.
"""
from __future__ import annotations

import base64
import io
import zipfile
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from optimizer.files.outputs import Outputs
from optimizer.ground.errors import AnswerPlanError
from optimizer.ground.words import word
from xl_addin.workbook import LITE_BUTTON, LITE_BUTTON_CELL, SHEETS

__all__ = ["FUNCTIONS", "build_lite", "lite_main", "package_zip"]

FUNCTIONS = ("ANSWER_BEST", "ANSWER_BEST_TABLE", "ANSWER_BREAKEVEN", "ANSWER_CHOOSE", "ANSWER_COST",
             "ANSWER_COST_TABLE", "ANSWER_PLANS", "ANSWER_QUOTE", "ANSWER_SCHEDULE")
PACKAGES = ("optimizer", "xl_addin")


def package_zip() -> bytes:
    """The pure-Python packages (sources, the tariff, the samples) as a zip for zipimport."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for package in PACKAGES:
            root = resources.files(package)
            _add(z, root, package)
    return out.getvalue()


def _add(z: zipfile.ZipFile, folder: object, prefix: str) -> None:
    for item in folder.iterdir():  # type: ignore[attr-defined]
        name = f"{prefix}/{item.name}"
        if item.is_dir():
            if item.name not in ("__pycache__", "samples"):  # the samples are for the demo, not for Excel
                _add(z, item, name)
        elif item.name.endswith((".py", ".toml", ".csv")):
            z.writestr(name, item.read_bytes())


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def lite_main(lang: str = "en") -> str:
    """main.py for the Lite editor: the package inside, the functions, the Recommend script."""
    blob = base64.b64encode(package_zip()).decode()
    lines = [blob[i:i + 100] for i in range(0, len(blob), 100)]
    sheet = SHEETS["nl" if lang == "nl" else "en"]["calc"]
    functions = ",\n    ".join(FUNCTIONS)
    body = "\n".join(f'    "{line}"' for line in lines)
    release = _version("answer-plan")
    return f'''"""answer-plan {release} for xlwings Lite: the ANSWER_ functions and the Recommend button.

Written by `answer-plan lite`. Paste it into the xlwings Lite editor as main.py, with the
requirements.txt written beside it, and restart Python. The answer-plan packages are inside this
file (PACKAGE, a zip): nothing to host or upload. Edit above PACKAGE if you must, never the zip.
No MILP solver is loaded here: recommend answers by exact exhaustive search (its `solver` says
so), schedules by an exact dynamic programme; the amounts are the same to the cent. numpy and
pandas (requirements.txt) make long columns faster; without them every function still answers.
"""
import base64
import hashlib
import sys
import tempfile
from pathlib import Path

import xlwings as xw
from xlwings import script

PACKAGE = (
{body}
)


def _install():
    data = base64.b64decode(PACKAGE)
    path = Path(tempfile.gettempdir()) / f"answer_plan_{{hashlib.sha256(data).hexdigest()[:16]}}.zip"
    if not path.exists():
        path.write_bytes(data)
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))


_install()

from xl_addin.udfs import (  # noqa: E402, F401  the functions Excel calls
    {functions},
)


@script(button="[{LITE_BUTTON}]{sheet}!{LITE_BUTTON_CELL}")
def recommend(book: xw.Book):
    """The Recommend button of a workbook answer-plan built: the recommendation, the year's
    schedule and every customer of the customers sheet, as the desktop button writes them."""
    from xl_addin.macro import run  # pandas: loaded when the button is pressed, not for the functions

    run(book)
'''


REQUIREMENTS = """xlwings=={xlwings}
numpy
pandas
"""

STEPS = """# answer-plan in xlwings Lite (Excel on Windows, macOS and the web)

1. In Excel, open the workbook: `answer-plan workbook {workbook}` builds one (or use your own).
2. Add the xlwings Lite add-in (Home > Add-ins > search "xlwings Lite") and open it.
3. In the Lite editor, replace main.py with the main.py of this folder, and requirements.txt with the
   requirements.txt of this folder. Restart Python (the Lite menu), so the requirements are installed.
4. The functions are there in every cell: =ANSWER_COST("SMART", 120, 40, 200, 150),
   =ANSWER_BEST(...), =ANSWER_COST_TABLE("SMART", Table1[#All]), =ANSWER_SCHEDULE(...), ...
   (Lite may show them with a prefix, as its settings say.)
5. The "{caption}" button on the {sheet} sheet runs the recommendation: Lite binds the script to the
   shape named {button} (with a link to {sheet}!{cell}), which the built workbook has.

What runs here: the same pricing as the desktop (the same package, inside main.py). The cheapest
plans come from exact exhaustive search (every selection priced exactly; no solver to download)
and schedules from the exact dynamic programme (the desktop's MILP is checked against both in the
tests). If numpy and pandas cannot be installed (no access to Pyodide's package repository), the
functions still answer, long columns more slowly; only the Recommend button needs pandas.
Tested without Excel: this main.py in Pyodide, its functions decorated and called by xlwings' own
Office.js code (what Lite runs), answering as the desktop does. Only a real Excel with xlwings Lite
shows the rest: Excel registering the functions and binding the button.
"""


def build_lite(folder: str | Path, lang: str = "en", force: bool = False) -> list[Path]:
    """Write main.py, requirements.txt and LITE.md into `folder`, as one set; return their paths.
    A file of that name that answer-plan did not write (your own main.py) is replaced only with
    force (or when it already holds exactly what would be written)."""
    folder = Path(folder)
    lang = "nl" if lang == "nl" else "en"
    sheet = SHEETS[lang]["calc"]
    caption = word("Recommend (xlwings Lite)", lang)
    files = {
        "main.py": lite_main(lang),
        "requirements.txt": REQUIREMENTS.format(xlwings=_version("xlwings")),
        "LITE.md": STEPS.format(workbook="answer_plan.xlsm" + (" --lang nl" if lang == "nl" else ""), sheet=sheet,
                                caption=caption, button=LITE_BUTTON, cell=LITE_BUTTON_CELL),
    }
    if folder.exists() and not folder.is_dir():
        raise AnswerPlanError(f"folder: {str(folder)!r} is a file, not a folder")
    with Outputs(force=force) as run:
        for name, text in files.items():
            run.add(folder / name, what=name, same_ok=True).tmp.write_text(text)
    return [folder / name for name in files]

"""The answer-plan command line: an adapter over optimizer and xl_addin (neither imports it).
parser.py: the commands and their flags; commands.py: each command, thin; main.py: the entry
point, where errors become exit statuses; progress.py: the progress bar; demo.py: the tour."""
from __future__ import annotations

from answer_plan_cli.process import tune

tune()  # before numpy loads: see process.py

from answer_plan_cli.main import main, run  # noqa: E402
from answer_plan_cli.parser import build_parser  # noqa: E402

__all__ = ["build_parser", "main", "run"]

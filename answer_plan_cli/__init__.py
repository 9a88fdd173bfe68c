"""The answer-plan command line: an adapter over optimizer and xl_addin (neither imports it).
parser.py: the commands and their flags; commands.py: each command, thin; main.py: the entry
point, where errors become exit statuses; progress.py: the progress bar; demo.py: the tour."""
from __future__ import annotations

from answer_plan_cli.main import main, run
from answer_plan_cli.parser import build_parser

__all__ = ["build_parser", "main", "run"]

"""The answer-plan command line: an adapter over optimizer and xl_addin (neither imports it)."""
from __future__ import annotations

from answer_plan_cli.main import build_parser, main, run

__all__ = ["build_parser", "main", "run"]

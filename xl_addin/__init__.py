"""Thin Excel adapters over optimizer: the ANSWER_ functions (udfs), the Recommend button's
logic (macro), and the workbook builder (workbook). All pricing logic stays in optimizer."""
from __future__ import annotations

__all__ = ["macro", "udfs", "workbook"]

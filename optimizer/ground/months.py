"""A calendar month (PRICING.md rule 31): ordered by date, written YYYY-MM, the same however it was
read. Quarters (rule 27) are months too: Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec."""
from __future__ import annotations

from functools import total_ordering

__all__ = ["FIRST_YEAR", "LAST_YEAR", "Month"]

FIRST_YEAR, LAST_YEAR = 1900, 9999


@total_ordering
class Month:
    """One calendar month; `index` = year * 12 + month - 1 (consecutive months differ by 1)."""

    __slots__ = ("index",)

    def __init__(self, year: int, month: int) -> None:
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            raise ValueError(f"{year}-{month:02d} is not a calendar month")
        self.index = year * 12 + month - 1

    @classmethod
    def of(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    @property
    def year(self) -> int:
        return self.index // 12

    @property
    def month(self) -> int:
        return self.index % 12 + 1

    @property
    def quarter(self) -> str:
        return f"{self.year}-Q{(self.month - 1) // 3 + 1}"

    def __add__(self, months: int) -> Month:
        return Month.of(self.index + months)

    def __sub__(self, other: Month) -> int:
        return self.index - other.index

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Month) and other.index == self.index

    def __lt__(self, other: Month) -> bool:
        return self.index < other.index

    def __hash__(self) -> int:
        return hash(("Month", self.index))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __repr__(self) -> str:
        return f"Month({self.year}, {self.month})"

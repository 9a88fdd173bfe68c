"""Money: exact Decimal amounts, rounded in one place (per line, half-up, to cents)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["CENT", "ZERO", "round_cents"]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def round_cents(amount: Decimal) -> Decimal:
    """Round one invoice line to whole cents, half away from zero (PRICING.md rule 21)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)

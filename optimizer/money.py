"""Money: exact Decimal amounts, rounded in one place (per line, half-up, to cents)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["CENT", "ZERO", "cents", "euros", "round_cents"]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def round_cents(amount: Decimal) -> Decimal:
    """Round one invoice line to whole cents, half away from zero (PRICING.md rule 21)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def cents(amount: Decimal) -> int:
    """An amount of whole cents as an int (the amount must already be rounded)."""
    return int(amount.scaleb(2))


def euros(amount_cents: int) -> Decimal:
    """Whole cents back to a 2-place Decimal of euros."""
    return Decimal(amount_cents).scaleb(-2).quantize(CENT)

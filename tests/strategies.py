"""Hypothesis strategies for forecasts, shared by the test modules."""
from decimal import Decimal

from hypothesis import strategies as st

from optimizer.ground.usage import AMOUNT_FIELDS, AVERAGE_OR_TOTAL, COUNT_FIELDS, FLAG_FIELDS

PLAN_CHOICES = (None, "BASIC", "SMART", "PLUS", "PREMIUM")


def amounts(top: int = 600, places: int = 2) -> st.SearchStrategy:
    """Whole numbers mostly, some with decimals, as floats (Excel's way) or Decimals."""
    whole = st.integers(0, top)
    decimal = st.decimals(0, top, places=places, allow_nan=False, allow_infinity=False)
    return st.one_of(whole, whole.map(float), decimal, decimal.map(lambda d: float(d)))


def usages(small: bool = False) -> st.SearchStrategy[dict]:
    top = 60 if small else 400
    fields = {f: st.integers(0, top) for f in COUNT_FIELDS}
    fields["sms_reports"] = st.integers(0, 1200 if not small else 300)
    fields.update({f: amounts() for f in AMOUNT_FIELDS})
    fields["foreign_minutes"] = amounts(50)
    fields["training_hours"] = amounts(20)
    fields["assistant_hours"] = amounts(60, places=2)
    fields["billable_call_seconds"] = amounts(40_000)
    fields["total_forward_seconds"] = amounts(8000)
    fields["total_outbound_seconds"] = amounts(8000)
    fields["foreign_seconds"] = amounts(3000)
    fields.update({f: st.booleans() for f in FLAG_FIELDS})
    sparse = {k: st.one_of(st.just(0) if k not in FLAG_FIELDS else st.just(False), v)
              for k, v in fields.items()}
    return st.fixed_dictionaries({}, optional=sparse).map(_one_of_each_pair)


def _one_of_each_pair(u: dict) -> dict:
    """Rule 26: a line is given by its average or by its month total, not both."""
    for average, total in AVERAGE_OR_TOTAL:
        if u.get(average) and u.get(total):
            del u[total if hash((average, str(u[average]))) % 2 else average]
    return u


def as_decimal(value) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)

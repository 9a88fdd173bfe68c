"""The pricing models: one module each, one registry.

Every model is a frozen dataclass subclass of `Charge` (base.py) that parses its table of the
tariff file (schema and key paths), yields exact Decimal invoice lines (`lines`), prices whole
columns in integer cents (`cents`), and describes itself (`describe`). The tariff file names a
model per charge (`model = "graduated"`); `MODELS` maps that name to its class.
"""
from __future__ import annotations

from optimizer.pricing.base import MILLI, Charge, Line, Vec
from optimizer.pricing.flat import Flat
from optimizer.pricing.graduated import Graduated, Tier
from optimizer.pricing.included import Included
from optimizer.pricing.pack_cover import Pack, PackCover, PackTable
from optimizer.pricing.per_second import PerSecond
from optimizer.pricing.per_unit import PerUnit
from optimizer.pricing.schema import Schema
from optimizer.pricing.volume import Volume

__all__ = [
    "MILLI",
    "MODELS",
    "Charge",
    "Flat",
    "Graduated",
    "Included",
    "Line",
    "Pack",
    "PackCover",
    "PackTable",
    "PerSecond",
    "PerUnit",
    "Schema",
    "Tier",
    "Vec",
    "Volume",
]

MODELS: dict[str, type[Charge]] = {m.model: m for m in (Flat, PerUnit, Graduated, Volume, Included, PerSecond,
                                                         PackCover)}

"""Values computed from a tariff alone (its fee lines, its selections in rule-23 order, its MILP
models), kept while the tariff lives: explicit, typed caches, each with its name and its bound,
and `clear_all()` for tests. A tariff is keyed by identity (it is immutable and loaded once per
file), weakly, so a cache never keeps a tariff alive."""
from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["TariffCache", "clear_all"]

K = TypeVar("K")
V = TypeVar("V")

_ALL: list[TariffCache[Any, Any]] = []


class TariffCache(Generic[K, V]):
    """name: what it holds (for a reader of the code); bound: at most this many keys per tariff
    (the oldest go first; None: no bound, for keys of a known small set)."""

    def __init__(self, name: str, bound: int | None = None) -> None:
        self.name, self.bound = name, bound
        self._data: weakref.WeakKeyDictionary[Any, dict[K, V]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()
        _ALL.append(self)

    def get(self, tariff: Any, key: K, make: Callable[[], V]) -> V:
        """The value for (tariff, key), made by make() the first time."""
        table = self._data.get(tariff)
        if table is not None and key in table:
            return table[key]
        value = make()
        with self._lock:
            table = self._data.setdefault(tariff, {})
            if key not in table:
                if self.bound is not None:
                    while len(table) >= self.bound:
                        table.pop(next(iter(table)))
                table[key] = value
            return table[key]

    def __len__(self) -> int:
        return sum(len(t) for t in self._data.values())

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __repr__(self) -> str:
        return f"TariffCache({self.name!r}, bound={self.bound}, {len(self)} kept)"


def clear_all() -> None:
    """Empty every cache (tests that must start cold)."""
    for cache in _ALL:
        cache.clear()

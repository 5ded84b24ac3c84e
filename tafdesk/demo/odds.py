"""Weighted choices made many times with the same weights."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Odds(Generic[T]):
    """`rng.choices(items, weights)[0]`, the same choice from the same random
    number, with the running totals worked out once instead of on every call
    (a large demo council makes millions of these choices)."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if len(items) != len(weights) or not items:
            raise ValueError("one weight for each item, and at least one item")
        self.items = tuple(items)
        self._totals = list(accumulate(weights))
        self._sum = self._totals[-1] + 0.0
        self._last = len(self._totals) - 1

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self._totals, rng.random() * self._sum, 0, self._last)]

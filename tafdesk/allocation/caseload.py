"""Capacity, load, headroom and utilisation, per professional and per agency.

capacity = FTE x the agency's points per full-time professional (or the
           professional's own figure where one is set)
load     = weights of the cases they lead + support_fraction x weights of
           the cases they support
headroom = capacity - load;  utilisation = load / capacity
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K", bound=Hashable)  # what totals are grouped by

SUPPORT_FRACTION = 0.25  # supporting a TAF is about a quarter of leading one


@dataclass(frozen=True)
class Load:
    capacity: float
    led: float  # weight of cases led
    supported: float  # weight of cases supported
    support_fraction: float = SUPPORT_FRACTION

    @property
    def load(self) -> float:
        return self.led + self.support_fraction * self.supported

    @property
    def headroom(self) -> float:
        return self.capacity - self.load

    @property
    def utilisation(self) -> float:
        return self.load / self.capacity if self.capacity > 0 else float("inf")

    def plus(self, weight: float) -> Load:
        """The load after leading one more case of this weight."""
        return Load(self.capacity, self.led + weight, self.supported, self.support_fraction)


def capacity(fte: float, capacity_per_fte: float, own_capacity: float | None = None) -> float:
    return own_capacity if own_capacity is not None else fte * capacity_per_fte


@dataclass(frozen=True)
class GroupTotal:
    """Capacity and load added up over professionals, e.g. an agency in a locality."""

    capacity: float
    load: float
    professionals: int

    @property
    def headroom(self) -> float:
        return self.capacity - self.load

    @property
    def utilisation(self) -> float:
        return self.load / self.capacity if self.capacity > 0 else 0.0


def totals(rows: Iterable[tuple[K, Load]]) -> dict[K, GroupTotal]:
    """Totals per group key, e.g. rows of ((agency, locality), load)."""
    sums: dict[K, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for key, load in rows:
        entry = sums[key]
        entry[0] += load.capacity
        entry[1] += load.load
        entry[2] += 1
    return {key: GroupTotal(cap, used, int(n)) for key, (cap, used, n) in sums.items()}

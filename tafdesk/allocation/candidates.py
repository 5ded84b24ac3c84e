"""What the allocation reasons about, without the arithmetic: a family's
facts, a candidate lead professional, and a candidate ranked with its reasons.
Kept apart from suitability.py (numpy) so that screens showing them load fast."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from tafdesk.allocation.caseload import Load
from tafdesk.models.enums import Level, NeedArea


@dataclass(frozen=True)
class CaseFacts:
    key: object
    weight: float
    locality: object
    needs: Mapping[NeedArea, Level]  # the highest level in each area
    agencies: Mapping[object, str] = field(default_factory=dict)  # agency -> "current" | "historic"
    workers: Mapping[str, str] = field(default_factory=dict)  # worker's name -> "Kai (Education Welfare, current)"
    suggested_agency: object | None = None


Key = TypeVar("Key")  # what the caller keys professionals, agencies and localities by (their ids)


@dataclass(frozen=True)
class Candidate(Generic[Key]):
    key: Key
    name: str
    agency: Key
    agency_name: str
    locality: Key
    load: Load
    specialisms: frozenset[NeedArea] = frozenset()
    active: bool = True
    leave: tuple[tuple[dt.date, dt.date], ...] = ()


@dataclass(frozen=True)
class Reason:
    points: float
    text: str


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: float
    eligible: bool
    reasons: tuple[Reason, ...]
    blocked: str | None = None  # why not eligible, in words
    over_capacity: bool = False

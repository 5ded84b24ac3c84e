"""What a TAF plan says, as plain values shared by the plan service, the
editor and the documents."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from tafdesk.models.enums import ActionStatus, NeedArea


@dataclass(frozen=True)
class Owner:
    """Who an action belongs to: a professional, an agency or a family member."""

    kind: str  # "professional" | "agency" | "person"
    id: uuid.UUID
    label: str


@dataclass(frozen=True)
class OutcomeItem:
    id: uuid.UUID
    area: NeedArea
    need: str
    outcome_wanted: str


@dataclass(frozen=True)
class ActionItem:
    id: uuid.UUID
    description: str
    outcome_id: uuid.UUID | None = None
    owner: Owner | None = None
    starts_on: dt.date | None = None
    due_on: dt.date | None = None
    measure: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    dropped_reason: str | None = None


@dataclass(frozen=True)
class PlanContent:
    """The editable part of a plan version."""

    voice_of_child: str | None = None
    voice_of_parents: str | None = None
    strengths: str | None = None
    consent_confirmed_on: dt.date | None = None
    review_interval_weeks: int = 6
    outcomes: tuple[OutcomeItem, ...] = field(default_factory=tuple)
    actions: tuple[ActionItem, ...] = field(default_factory=tuple)

"""A plan as the services hand it to windows and documents: plain data, read
in one go and never written back as it is."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from tafdesk.models.enums import ClosureReason, NeedArea, PlanStatus, Rag
from tafdesk.plans.content import PlanContent


@dataclass(frozen=True)
class TeamMember:
    name: str
    role: str  # "Lead professional" or "Supporting"
    agency: str
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class FamilyMember:
    name: str
    role: str
    relationship: str | None
    age: str
    in_household: bool


@dataclass(frozen=True)
class PlanPeople:
    family: tuple[FamilyMember, ...]
    team: tuple[TeamMember, ...]


@dataclass(frozen=True)
class ReviewView:
    id: uuid.UUID
    plan_version: int
    held_on: dt.date
    attendees: str | None
    notes: str | None
    scores: dict[NeedArea, int]
    progress: dict[uuid.UUID, tuple[Rag, str | None]]  # outcome id -> RAG and comment


@dataclass(frozen=True)
class PlanView:
    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    family_name: str
    plan_version: int
    status: PlanStatus
    row_version: int
    content: PlanContent
    next_review_on: dt.date | None
    agreed_on: dt.date | None
    agreed_by: str | None
    closed_on: dt.date | None
    closure_reason: ClosureReason | None
    reviews: tuple[ReviewView, ...]  # every review of this plan, all versions, oldest first
    people: PlanPeople  # family members and the Team Around the Family
    editable: bool

    @property
    def is_draft(self) -> bool:
        return self.status is PlanStatus.DRAFT

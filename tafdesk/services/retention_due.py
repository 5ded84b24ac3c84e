"""What the retention schedule makes due on a day (services/retention_periods.py
says for how long each kind of record is kept):

- a family whose every case has ended and that an early help team worked
  with (a case had a lead professional, a team or an agreed TAF plan): on the later
  of its youngest child's birthday of that age (an unborn child's expected
  date counts) and the years after its last case ended;
- a family never allocated (every case ended at the front door, or at the
  meeting with advice, a step up or a step down): years after its last case
  ended;
- a TAF plan's draft never agreed, months after its case ended;
- a meeting's minutes (files, register entries, notes and declarations),
  years after the meeting.

A family a waiting profile may belong to (a match not yet confirmed or
rejected) is held: it may be coming back."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select

from tafdesk import models as m
from tafdesk.models.enums import DocumentType, MemberRole, PlanStatus, SuggestionStatus
from tafdesk.services.retention_periods import RetentionPeriods, add_months, add_years

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

WORKED_WITH, NOT_ALLOCATED = "worked_with", "not_allocated"
CHILDREN = (MemberRole.CHILD, MemberRole.YOUNG_PERSON)
MINUTES = (DocumentType.MINUTES_FULL, DocumentType.MINUTES_CIRCULATION)


@dataclass(frozen=True)
class DueFamily:
    id: uuid.UUID
    reference: str
    rule: str  # WORKED_WITH or NOT_ALLOCATED
    due_on: dt.date
    cases: tuple[str, ...]  # the case references, oldest first


@dataclass(frozen=True)
class DueDraft:
    id: uuid.UUID
    case_reference: str
    plan_version: int


@dataclass(frozen=True)
class DueMeeting:
    id: uuid.UUID
    name: str  # "North 2019-01-08"
    files: int  # minutes in the register


@dataclass(frozen=True)
class Due:
    families: tuple[DueFamily, ...]
    held: tuple[str, ...]  # references of families due but held for a waiting profile
    drafts: tuple[DueDraft, ...]
    meetings: tuple[DueMeeting, ...]
    documents: int  # register entries (and their files) that go with the families and minutes


def due(s: Session, today: dt.date, periods: RetentionPeriods) -> Due:
    families, held = _families(s, today, periods)
    meetings = _meetings(s, today, periods)
    documents = len(family_documents(s, [f.id for f in families])) + sum(x.files for x in meetings)
    return Due(tuple(families), tuple(held), tuple(_drafts(s, today, periods)), tuple(meetings), documents)


def _families(s: Session, today: dt.date, periods: RetentionPeriods) -> tuple[list[DueFamily], list[str]]:
    case = m.Case
    ended = {
        family_id: last_end
        for family_id, last_end in s.execute(  # every case closed: last_end is a day
            select(case.family_id, func.max(case.closed_on))
            .join(m.Family, m.Family.id == case.family_id)
            .where(m.Family.anonymised_on.is_(None))
            .group_by(case.family_id)
            .having(func.count() == func.count(case.closed_on))
        )
        if last_end
    }
    # A family with no case at all (none is made so, but one would never end): from when it was recorded.
    caseless = s.execute(
        select(m.Family.id, m.Family.created_at).where(
            m.Family.anonymised_on.is_(None), ~select(case.id).where(case.family_id == m.Family.id).exists()
        )
    ).all()
    ended |= {family_id: created.date() for family_id, created in caseless}
    if not ended:
        return [], []
    worked, youngest, pending = _worked_with(s), _youngest_children(s), _pending(s)
    found: list[tuple[uuid.UUID, str, dt.date]] = []
    held: list[tuple[uuid.UUID, str, dt.date]] = []
    for family_id, last_end in ended.items():
        if family_id in worked:
            due_on = add_years(last_end, periods.years_after_work)
            if family_id in youngest:
                due_on = max(due_on, add_years(youngest[family_id], periods.youngest_child_age))
            rule = WORKED_WITH
        else:
            due_on, rule = add_years(last_end, periods.years_not_allocated), NOT_ALLOCATED
        if due_on <= today:
            (held if family_id in pending else found).append((family_id, rule, due_on))
    references = _references(s, [f for f, _, _ in found + held])
    cases = _case_references(s, [f for f, _, _ in found])
    return (
        sorted(
            (DueFamily(f, references[f], rule, due_on, cases.get(f, ())) for f, rule, due_on in found),
            key=lambda d: d.reference,
        ),
        sorted(references[f] for f, _, _ in held),
    )


def _worked_with(s: Session) -> set[uuid.UUID]:
    case = m.Case
    return set(
        s.scalars(
            select(case.family_id)
            .where(
                or_(
                    case.lead_professional_id.is_not(None),
                    select(m.CaseSupporter.id).where(m.CaseSupporter.case_id == case.id).exists(),
                    select(m.TafPlan.id).where(m.TafPlan.case_id == case.id, m.TafPlan.agreed_on.is_not(None)).exists(),
                )
            )
            .distinct()
        )
    )


def _youngest_children(s: Session) -> dict[uuid.UUID, dt.date]:
    person = m.Person
    born = func.max(func.coalesce(person.date_of_birth, person.expected_date))
    return {
        family_id: day
        for family_id, day in s.execute(
            select(person.family_id, born).where(person.role.in_(CHILDREN)).group_by(person.family_id)
        )
        if day
    }


def _pending(s: Session) -> set[uuid.UUID]:
    suggestion = m.MatchSuggestion
    return set(s.scalars(select(suggestion.family_id).where(suggestion.status == SuggestionStatus.PENDING)))


def _references(s: Session, family_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    from tafdesk.services.family_rows import chunks

    found: dict[uuid.UUID, str] = {}
    for part in chunks(family_ids):
        found.update(s.execute(select(m.Family.id, m.Family.reference).where(m.Family.id.in_(part))).all())
    return found


def _case_references(s: Session, family_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[str, ...]]:
    from tafdesk.services.family_rows import chunks

    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    for part in chunks(family_ids):
        rows = s.execute(
            select(m.Case.family_id, m.Case.reference)
            .where(m.Case.family_id.in_(part))
            .order_by(m.Case.opened_on, m.Case.reference)
        )
        for family_id, reference in rows:
            found[family_id].append(reference)
    return {family_id: tuple(refs) for family_id, refs in found.items()}


def _drafts(s: Session, today: dt.date, periods: RetentionPeriods) -> list[DueDraft]:
    rows = s.execute(
        select(m.TafPlan.id, m.Case.reference, m.TafPlan.plan_version, m.Case.closed_on)
        .join(m.Case, m.Case.id == m.TafPlan.case_id)
        .where(m.TafPlan.status == PlanStatus.DRAFT, m.Case.closed_on.is_not(None))
    )
    return sorted(
        (
            DueDraft(plan_id, reference, version)
            for plan_id, reference, version, closed in rows
            if closed and add_months(closed, periods.months_draft_after_end) <= today
        ),
        key=lambda d: (d.case_reference, d.plan_version),
    )


def _meetings(s: Session, today: dt.date, periods: RetentionPeriods) -> list[DueMeeting]:
    """Meetings held on or before the day `years_minutes` ago that still have minutes, notes or declarations."""
    from tafdesk.clock import LOCAL_TIME

    meeting, document = m.Meeting, m.GeneratedDocument
    last_day = add_years(today, -periods.years_minutes)
    before = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), LOCAL_TIME).astimezone(dt.UTC)
    files = (
        select(func.count())
        .where(document.meeting_id == meeting.id, document.doc_type.in_(MINUTES), document.case_id.is_(None))
        .scalar_subquery()
    )
    rows = s.execute(
        select(meeting.id, m.Locality.name, meeting.starts_at, files)
        .join(m.Locality, m.Locality.id == meeting.locality_id)
        .where(
            meeting.starts_at < before,
            or_(files > 0, meeting.minutes_notes.is_not(None), meeting.declarations.is_not(None)),
        )
    )
    return sorted(
        (
            DueMeeting(meeting_id, f"{name} {starts.astimezone(LOCAL_TIME).date().isoformat()}", count)
            for meeting_id, name, starts, count in rows
        ),
        key=lambda d: d.name,
    )


def family_documents(s: Session, family_ids: list[uuid.UUID]) -> list[tuple]:
    """(id, path, sha256) of the documents made for these families' cases."""
    from tafdesk.services.family_rows import chunks

    document = m.GeneratedDocument
    found: list[tuple] = []
    for part in chunks(family_ids):
        found += s.execute(
            select(document.id, document.path, document.sha256).where(
                document.case_id.in_(select(m.Case.id).where(m.Case.family_id.in_(part)))
            )
        ).all()
    return found


def minutes_documents(s: Session, meeting_ids: list[uuid.UUID]) -> list[tuple]:
    """(id, path, sha256) of these meetings' minutes."""
    from tafdesk.services.family_rows import chunks

    document = m.GeneratedDocument
    found: list[tuple] = []
    for part in chunks(meeting_ids):
        found += s.execute(
            select(document.id, document.path, document.sha256).where(
                document.meeting_id.in_(part), document.doc_type.in_(MINUTES), document.case_id.is_(None)
            )
        ).all()
    return found

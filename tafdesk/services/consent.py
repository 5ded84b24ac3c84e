"""Consent to share a family's information: per person and per purpose.

A person consents to sharing within the Team Around the Family, or with one
named agency; each is recorded with its date, how it was given and who
recorded it. Withdrawing it (date, how, a note) keeps the row and stops
further sharing with the agencies it concerns: every agency of the team for
the TAF, the named agency otherwise. The services that share (restricted
items shared with a team member, letters to a professional or referrer,
copies of the plan for the team, the circulation minutes) ask
`sharing_blocks` and refuse or leave out what consent no longer covers, in
a sentence saying who withdrew what, and when. A withdrawal while the family
has an open Team Around the Family puts the case on the next agenda of its
locality (AgendaKind.CONSENT_WITHDRAWN: services/meetings.py's `_due`, and at
once when whoever records it keeps the meetings).

Consent given again after a withdrawal is a new row: the newest row for a
person, purpose and agency is what holds.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.ids import new_id
from tafdesk.models import (
    Agency,
    AgendaItem,
    AgendaKind,
    AgendaStatus,
    Case,
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Meeting,
    MeetingStatus,
    Person,
    Professional,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ConflictError, ConsentWithdrawn, ValidationError
from tafdesk.services.locks import lock_row
from tafdesk.services.lookup import existing
from tafdesk.services.open_loads import OPEN_STATUSES

METHOD_WORDS = {
    ConsentMethod.WRITTEN: "In writing",
    ConsentMethod.VERBAL: "Verbally",
    ConsentMethod.ELECTRONIC: "Electronically",
    ConsentMethod.OTHER: "Another way",
}
TEAM_WORDS = "the Team Around the Family"
NOTE_LIMIT = 2000


def day_words(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class ConsentInput:
    person_id: uuid.UUID
    purpose: ConsentPurpose
    given_on: dt.date
    given_how: ConsentMethod
    agency_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ConsentView:
    id: uuid.UUID
    version: int
    case_id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    purpose: ConsentPurpose
    agency_id: uuid.UUID | None
    agency_name: str | None
    given_on: dt.date
    given_how: ConsentMethod
    recorded_by: str
    withdrawn_on: dt.date | None = None
    withdrawn_how: ConsentMethod | None = None
    withdrawal_note: str | None = None
    withdrawn_by: str | None = None
    on_agenda: str | None = None  # set by withdraw: the meeting it went on the agenda of, if any

    @property
    def purpose_words(self) -> str:
        return f"Sharing with {self.agency_name}" if self.purpose is ConsentPurpose.AGENCY else "Sharing within the TAF"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    @property
    def state_words(self) -> str:
        if self.withdrawn_on is None:
            return "Given"
        how = METHOD_WORDS[self.withdrawn_how].lower() if self.withdrawn_how else ""
        return f"Withdrawn {day_words(self.withdrawn_on)} ({how})"


@dataclass(frozen=True)
class Withdrawal:
    person_name: str
    purpose: ConsentPurpose
    agency_id: uuid.UUID | None
    agency_name: str | None
    withdrawn_on: dt.date

    @property
    def words(self) -> str:
        whom = TEAM_WORDS if self.purpose is ConsentPurpose.TAF else self.agency_name
        return f"{self.person_name} withdrew consent to share with {whom} on {day_words(self.withdrawn_on)}"

    def concerns(self, agency_id: uuid.UUID | None) -> bool:
        return self.purpose is ConsentPurpose.TAF or (agency_id is not None and agency_id == self.agency_id)


@dataclass(frozen=True)
class SharingBlocks:
    """The withdrawals that hold for a case (the newest row of each person,
    purpose and agency, withdrawn)."""

    withdrawals: tuple[Withdrawal, ...] = ()

    @property
    def whole_team(self) -> Withdrawal | None:
        return next((w for w in self.withdrawals if w.purpose is ConsentPurpose.TAF), None)

    def reason(self, agency_id: uuid.UUID | None) -> str | None:
        """Why the case's information may not go to this agency now, or None."""
        found = next((w for w in self.withdrawals if w.concerns(agency_id)), None)
        return found.words if found else None

    def reason_for_name(self, agency_name: str | None) -> str | None:
        """As reason, for an agency known only by name (a referrer's)."""
        if self.whole_team is not None:
            return self.whole_team.words
        if not agency_name:
            return None
        folded = agency_name.casefold().strip()
        found = next(
            (w for w in self.withdrawals if w.agency_name and w.agency_name.casefold().strip() == folded), None
        )
        return found.words if found else None

    def __bool__(self) -> bool:
        return bool(self.withdrawals)


def sharing_blocks(s: Session, case_id: uuid.UUID) -> SharingBlocks:
    rows = s.execute(
        select(Consent, Person.given_name, Person.family_name, Agency.name)
        .join(Person, Person.id == Consent.person_id)
        .outerjoin(Agency, Agency.id == Consent.agency_id)
        .where(Consent.case_id == case_id)
        .order_by(Consent.given_on, Consent.created_at)
    ).all()
    newest: dict[tuple, tuple] = {}
    for row in rows:
        consent = row[0]
        newest[(consent.person_id, consent.purpose, consent.agency_id)] = row
    return SharingBlocks(
        tuple(
            Withdrawal(f"{given} {family}", c.purpose, c.agency_id, agency, c.withdrawn_on)
            for c, given, family, agency in newest.values()
            if c.withdrawn_on is not None
        )
    )


def require_covered(s: Session, case_id: uuid.UUID, agency_id: uuid.UUID | None, what: str) -> None:
    """Refuse `what` ("Sharing this item with Sam Lee (Police)") when consent
    no longer covers the agency."""
    reason = sharing_blocks(s, case_id).reason(agency_id)
    if reason is not None:
        raise ConsentWithdrawn(f"{what} is not allowed: {reason}.")


def professional_agency(s: Session, professional_id: uuid.UUID | None) -> uuid.UUID | None:
    if professional_id is None:
        return None
    return s.scalar(select(Professional.agency_id).where(Professional.id == professional_id))


class ConsentService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    # -- reading ------------------------------------------------------------------------

    def consents(self, case_id: uuid.UUID) -> list[ConsentView]:
        """Every consent recorded for the case, each person's in turn, newest first."""
        self._actor.require(Permission.RECORD_CONSENT)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "see the consent")
            rows = s.scalars(select(Consent).where(Consent.case_id == case_id)).all()
            views = _views(s, rows)
            return sorted(views, key=lambda v: (v.person_name, v.purpose_words, -v.given_on.toordinal()))

    def people(self, case_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
        """The family's members, who may give or withdraw consent."""
        self._actor.require(Permission.RECORD_CONSENT)
        with self._db.reader() as s:
            case = scope.case(s, self._actor, case_id, "see the consent")
            found = s.execute(
                select(Person.id, Person.given_name, Person.family_name)
                .where(Person.family_id == case.family_id)
                .order_by(Person.position, Person.given_name)
            )
            return [(pid, f"{given} {family}") for pid, given, family in found]

    def agencies(self) -> list[tuple[uuid.UUID, str]]:
        self._actor.require(Permission.RECORD_CONSENT)
        with self._db.reader() as s:
            return [(a, n) for a, n in s.execute(select(Agency.id, Agency.name).order_by(Agency.name))]

    def blocks(self, case_id: uuid.UUID) -> SharingBlocks:
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "see the consent")
            return sharing_blocks(s, case_id)

    # -- writing ------------------------------------------------------------------------

    def record(self, case_id: uuid.UUID, given: ConsentInput) -> ConsentView:
        self._actor.require(Permission.RECORD_CONSENT)
        with self._db.session() as s:
            lock_row(s, Case, case_id)  # two people recording the same consent at once: one row
            case = scope.case(s, self._actor, case_id, "record consent")
            _check(s, case, given)
            current = s.scalar(
                select(Consent)
                .where(
                    Consent.case_id == case_id,
                    Consent.person_id == given.person_id,
                    Consent.purpose == given.purpose,
                    Consent.agency_id.is_(None) if given.agency_id is None else Consent.agency_id == given.agency_id,
                )
                .order_by(Consent.given_on.desc(), Consent.created_at.desc())
                .limit(1)
            )
            if current is not None and current.withdrawn_on is None:
                raise ConflictError(
                    f"That consent is already recorded (given {day_words(current.given_on)}): "
                    "withdraw it first to record it again."
                )
            row = Consent(
                id=new_id(),
                case_id=case_id,
                person_id=given.person_id,
                purpose=given.purpose,
                agency_id=given.agency_id if given.purpose is ConsentPurpose.AGENCY else None,
                given_on=given.given_on,
                given_how=given.given_how,
                recorded_by_id=self._actor.user_id,
                recorded_by_name=self._actor.name,
            )
            s.add(row)
            audit.record(
                s,
                self._actor,
                "consent.given",
                "consent",
                row.id,
                {
                    "person_id": [None, given.person_id],
                    "purpose": [None, given.purpose],
                    "agency_id": [None, row.agency_id],
                    "given_on": [None, given.given_on],
                    "given_how": [None, given.given_how],
                },
                case_id=case.id,
                locality_id=case.locality_id,
            )
            s.flush()
            return _views(s, [row])[0]

    def withdraw(
        self,
        consent_id: uuid.UUID,
        expected_version: int,
        withdrawn_on: dt.date,
        how: ConsentMethod | None,
        note: str = "",
    ) -> ConsentView:
        """Withdraw it (kept, with the withdrawal). During a Team Around the
        Family the case goes on the next agenda of its locality."""
        self._actor.require(Permission.RECORD_CONSENT)
        note = (note or "").strip()
        with self._db.session() as s:
            s.execute(select(Consent.id).where(Consent.id == consent_id).with_for_update())
            row = existing(s, Consent, consent_id, "consent")
            case = scope.case(s, self._actor, row.case_id, "withdraw consent")
            if row.version != expected_version or row.withdrawn_on is not None:
                who = f" by {row.withdrawal_recorded_by}" if row.withdrawal_recorded_by else ""
                raise ConflictError(
                    f"That consent was withdrawn{who} since you read it: read it again."
                    if row.withdrawn_on is not None
                    else "Someone changed that consent since you read it: read it again."
                )
            problems = {}
            if how is None:
                problems["withdrawn_how"] = "Say how consent was withdrawn (in writing, verbally, electronically…)."
            if withdrawn_on > clock.today():
                problems["withdrawn_on"] = "The withdrawal has happened: its date cannot be in the future."
            elif withdrawn_on < row.given_on:
                problems["withdrawn_on"] = (
                    f"Consent was given on {day_words(row.given_on)}: it cannot be withdrawn before then."
                )
            if len(note) > NOTE_LIMIT:
                problems["note"] = f"Keep the note under {NOTE_LIMIT:,} characters."
            if problems:
                raise ValidationError(problems)
            row.withdrawn_on, row.withdrawn_how = withdrawn_on, how
            row.withdrawal_note = note or None
            row.withdrawal_recorded_at = clock.now()
            row.withdrawal_recorded_by = self._actor.name
            audit.record(
                s,
                self._actor,
                "consent.withdrawn",
                "consent",
                row.id,
                {
                    "withdrawn_on": [None, withdrawn_on],
                    "withdrawn_how": [None, how],
                    "note": [None, row.withdrawal_note],
                },
                case_id=case.id,
                locality_id=case.locality_id,
            )
            on_agenda = None
            if case.status in OPEN_STATUSES and self._actor.can(Permission.MANAGE_MEETINGS):
                on_agenda = _onto_next_agenda(s, self._actor, case, _withdrawal_reason(s, row))
            s.flush()
            view = _views(s, [row])[0]
            return ConsentView(**{**view.__dict__, "on_agenda": on_agenda})


def _check(s: Session, case: Case, given: ConsentInput) -> None:
    problems = {}
    person = s.get(Person, given.person_id)
    if person is None or person.family_id != case.family_id:
        problems["person_id"] = "Choose a member of the family."
    if given.purpose is ConsentPurpose.AGENCY:
        if given.agency_id is None or s.get(Agency, given.agency_id) is None:
            problems["agency_id"] = "Name the agency the consent is for."
    elif given.agency_id is not None:
        problems["agency_id"] = "Consent to share within the TAF names no agency: choose sharing with an agency."
    if given.given_on > clock.today():
        problems["given_on"] = "Consent is recorded once given: the date cannot be in the future."
    if given.given_how not in ConsentMethod:
        problems["given_how"] = "Say how consent was given."
    if problems:
        raise ValidationError(problems)


def _withdrawal_reason(s: Session, row: Consent) -> str:
    person = s.get(Person, row.person_id)
    name = person.name if person else "A family member"
    if row.purpose is ConsentPurpose.TAF:
        whom = TEAM_WORDS
    else:
        whom = s.scalar(select(Agency.name).where(Agency.id == row.agency_id)) or "an agency"
    assert row.withdrawn_on is not None
    return f"Consent withdrawn: {name}, sharing with {whom}, on {day_words(row.withdrawn_on)}"


def pending_withdrawals(s: Session, locality_id: uuid.UUID) -> list[tuple[Case, str]]:
    """Open cases of the locality with a withdrawal not yet on any agenda since
    it was recorded, each with the reason the agenda shows."""
    later_item = (
        select(AgendaItem.id)
        .where(
            AgendaItem.case_id == Consent.case_id,
            AgendaItem.kind == AgendaKind.CONSENT_WITHDRAWN,
            AgendaItem.created_at >= Consent.withdrawal_recorded_at,
        )
        .exists()
    )
    rows = s.execute(
        select(Case, Consent)
        .join(Consent, Consent.case_id == Case.id)
        .where(
            Case.locality_id == locality_id,
            Case.status.in_(OPEN_STATUSES),
            Consent.withdrawn_on.is_not(None),
            ~later_item,
        )
        .order_by(Consent.withdrawal_recorded_at)
    ).all()
    found: dict[uuid.UUID, tuple[Case, str]] = {}
    for case, consent in rows:
        found.setdefault(case.id, (case, _withdrawal_reason(s, consent)))
    return list(found.values())


def _onto_next_agenda(s: Session, actor: Actor, case: Case, reason: str) -> str | None:
    """The case onto the next planned meeting of its locality (unless already
    on an open agenda); the meeting's words, or None when none is planned."""
    meeting = s.scalar(
        select(Meeting)
        .where(
            Meeting.locality_id == case.locality_id,
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.starts_at > clock.now(),
        )
        .order_by(Meeting.starts_at)
        .limit(1)
    )
    if meeting is None:
        return None
    scope.require_meeting(s, actor, meeting, "add a family to a meeting's agenda")
    lock_row(s, Meeting, meeting.id)
    already = s.scalar(
        select(AgendaItem)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            AgendaItem.case_id == case.id,
            Meeting.status.in_((MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS)),
        )
    )
    when = f"{meeting.starts_at.astimezone(clock.LOCAL_TIME):%d %b %Y}"
    if already is not None:
        return f"already on the agenda of the meeting of {when}"
    position = s.scalar(
        select(func.coalesce(func.max(AgendaItem.position), -1)).where(AgendaItem.meeting_id == meeting.id)
    )
    item = AgendaItem(
        meeting_id=meeting.id,
        case_id=case.id,
        position=(position if position is not None else -1) + 1,
        kind=AgendaKind.CONSENT_WITHDRAWN,
        status=AgendaStatus.PENDING,
        reason=reason,
    )
    s.add(item)
    s.flush()
    audit.record(
        s,
        actor,
        "meeting.agenda_item_added",
        "meeting",
        meeting.id,
        {"case": [None, case.reference], "kind": [None, AgendaKind.CONSENT_WITHDRAWN]},
        case_id=case.id,
        locality_id=case.locality_id,
    )
    return f"on the agenda of the meeting of {when}"


def _views(s: Session, rows: Iterable[Consent]) -> list[ConsentView]:
    rows = list(rows)
    names = {
        pid: f"{given} {family}"
        for pid, given, family in s.execute(
            select(Person.id, Person.given_name, Person.family_name).where(Person.id.in_({r.person_id for r in rows}))
        )
    }
    agency_ids = {r.agency_id for r in rows if r.agency_id}
    agencies = (
        dict(s.execute(select(Agency.id, Agency.name).where(Agency.id.in_(agency_ids))).all()) if agency_ids else {}
    )
    return [
        ConsentView(
            r.id,
            r.version,
            r.case_id,
            r.person_id,
            names.get(r.person_id, ""),
            r.purpose,
            r.agency_id,
            agencies.get(r.agency_id) if r.agency_id else None,
            r.given_on,
            r.given_how,
            r.recorded_by_name,
            r.withdrawn_on,
            r.withdrawn_how,
            r.withdrawal_note,
            r.withdrawal_recorded_by,
        )
        for r in rows
    ]

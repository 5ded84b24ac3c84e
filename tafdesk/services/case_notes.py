"""Case notes: the contacts a Team Around the Family records between meetings.

The case's lead professional and supporters add notes; the locality managers
of the case's locality read them. A note is never edited in place: a
correction is a new note naming the one it corrects, and both stay (and
both are in the audit trail). A note marked restricted is withheld from the
editions made for other agencies.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.ids import new_id
from tafdesk.models import Case, CaseNote, CaseNoteChild, MemberRole, NoteType, Person
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ConflictError, ValidationError
from tafdesk.services.lookup import existing
from tafdesk.services.views import Looks

NOTE_TYPE_WORDS = {
    NoteType.HOME_VISIT: "Home visit",
    NoteType.SCHOOL_VISIT: "School visit",
    NoteType.OFFICE: "Office",
    NoteType.PHONE: "Phone call",
    NoteType.VIDEO: "Video call",
    NoteType.MESSAGE: "Message",
    NoteType.TAF_MEETING: "TAF meeting",
    NoteType.OTHER_AGENCY: "Other agency contact",
}
CHILD_ROLES = (MemberRole.CHILD, MemberRole.YOUNG_PERSON)
SUMMARY_LIMIT = 20_000


@dataclass(frozen=True)
class ChildSeen:
    person_id: uuid.UUID
    seen: bool = False
    seen_alone: bool = False


@dataclass(frozen=True)
class NoteInput:
    contact_on: dt.date
    note_type: NoteType
    summary: str
    who_seen: str = ""
    follow_ups: str = ""
    restricted: bool = False
    first_contact_family: bool = False
    first_contact_referrer: bool = False
    children: tuple[ChildSeen, ...] = ()


@dataclass(frozen=True)
class ChildView:
    person_id: uuid.UUID
    name: str
    seen: bool
    seen_alone: bool

    @property
    def words(self) -> str:
        return f"{self.name}: " + ("seen alone" if self.seen_alone else "seen" if self.seen else "not seen")


@dataclass(frozen=True)
class NoteView:
    id: uuid.UUID
    case_id: uuid.UUID
    contact_on: dt.date
    note_type: NoteType
    summary: str
    who_seen: str
    follow_ups: str
    restricted: bool
    first_contact_family: bool
    first_contact_referrer: bool
    written_by: str
    written_at: dt.datetime
    corrects_id: uuid.UUID | None
    correction_reason: str | None
    children: tuple[ChildView, ...] = field(default=())

    @property
    def type_words(self) -> str:
        return NOTE_TYPE_WORDS[self.note_type]

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


@dataclass(frozen=True)
class Child:
    """A child of the family, for the note form's "seen" ticks."""

    person_id: uuid.UUID
    name: str


class CaseNotesService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor
        self._looks = Looks(db, actor)

    # -- reading ------------------------------------------------------------------------

    def notes(self, case_id: uuid.UUID) -> list[NoteView]:
        """The current version of each note, newest contact first."""
        self._actor.require(Permission.READ_CASE_NOTES)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "read the case notes")
        self._looks.record("case_notes.viewed", "case", case_id, "The family's case notes")
        with self._db.reader() as s:
            rows = current_notes(s, [case_id])
            return _views(s, rows)

    def history(self, note_id: uuid.UUID) -> list[NoteView]:
        """Every version of a note, the first written first."""
        self._actor.require(Permission.READ_CASE_NOTES)
        with self._db.reader() as s:
            note = existing(s, CaseNote, note_id, "case note")
            scope.case(s, self._actor, note.case_id, "read the case notes")
            chain = {n.id: n for n in s.scalars(select(CaseNote).where(CaseNote.case_id == note.case_id))}
            by_corrected = {n.corrects_id: n for n in chain.values() if n.corrects_id}
            first = note
            while first.corrects_id is not None and first.corrects_id in chain:
                first = chain[first.corrects_id]
            versions = [first]
            while versions[-1].id in by_corrected:
                versions.append(by_corrected[versions[-1].id])
            return _views(s, versions)

    def children(self, case_id: uuid.UUID) -> list[Child]:
        """The family's children, for whether each was seen."""
        self._actor.require(Permission.READ_CASE_NOTES)
        with self._db.reader() as s:
            case = scope.case(s, self._actor, case_id, "read the case notes")
            people = s.scalars(
                select(Person)
                .where(Person.family_id == case.family_id, Person.role.in_(CHILD_ROLES))
                .order_by(Person.position, Person.given_name)
            )
            return [Child(p.id, f"{p.given_name} {p.family_name}") for p in people]

    # -- writing ------------------------------------------------------------------------

    def add(self, case_id: uuid.UUID, note: NoteInput, *, note_id: uuid.UUID | None = None) -> NoteView:
        """`note_id`: a note written in an offline copy keeps its id, so that
        sending it twice (a sync run again) is seen to be once."""
        self._actor.require(Permission.WRITE_CASE_NOTES)
        with self._db.session() as s:
            case = scope.case(s, self._actor, case_id, "add a case note")
            row = self._write(s, case, note, None, None, note_id)
            audit.record(s, self._actor, "case_note.added", "case_note", row.id, _values(row, note), **_where(case))
            s.flush()
            return _views(s, [row])[0]

    def correct(self, note_id: uuid.UUID, note: NoteInput, reason: str) -> NoteView:
        """A new version of the note; the one it corrects is kept as it was."""
        self._actor.require(Permission.WRITE_CASE_NOTES)
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"reason": "Say what the correction puts right."})
        with self._db.session() as s:
            old = existing(s, CaseNote, note_id, "case note")
            case = scope.case(s, self._actor, old.case_id, "correct a case note")
            if s.scalar(select(CaseNote.id).where(CaseNote.corrects_id == old.id)) is not None:
                raise ConflictError("That note has already been corrected: correct its newest version.")
            row = self._write(s, case, note, old.id, reason)
            changes = {
                key: [getattr(old, key), value[1]]
                for key, value in _values(row, note).items()
                if key != "children" and getattr(old, key) != value[1]
            }
            changes["corrects"] = [None, str(old.id)]
            changes["reason"] = [None, reason]
            audit.record(s, self._actor, "case_note.corrected", "case_note", row.id, changes, **_where(case))
            s.flush()
            return _views(s, [row])[0]

    def _write(
        self,
        s: Session,
        case: Case,
        note: NoteInput,
        corrects: uuid.UUID | None,
        reason: str | None,
        note_id: uuid.UUID | None = None,
    ):
        _check(note, case)
        family_children = set(
            s.scalars(select(Person.id).where(Person.family_id == case.family_id, Person.role.in_(CHILD_ROLES)))
        )
        row = CaseNote(
            id=note_id or new_id(),
            case_id=case.id,
            corrects_id=corrects,
            contact_on=note.contact_on,
            note_type=note.note_type,
            who_seen=note.who_seen.strip() or None,
            summary=note.summary.strip(),
            follow_ups=note.follow_ups.strip() or None,
            restricted=note.restricted,
            first_contact_family=note.first_contact_family,
            first_contact_referrer=note.first_contact_referrer,
            written_by_id=self._actor.user_id,
            written_by_name=self._actor.name,
            correction_reason=reason,
        )
        for position, child in enumerate(note.children):
            if child.person_id not in family_children:
                raise ValidationError({"children": "Only the family's own children can be recorded as seen."})
            row.children.append(
                CaseNoteChild(
                    person_id=child.person_id, position=position, seen=child.seen, seen_alone=child.seen_alone
                )
            )
        s.add(row)
        return row


def _check(note: NoteInput, case: Case) -> None:
    problems = {}
    if not note.summary.strip():
        problems["summary"] = "Write what happened at the contact."
    elif len(note.summary) > SUMMARY_LIMIT:
        problems["summary"] = f"Keep the summary under {SUMMARY_LIMIT:,} characters."
    if note.contact_on > clock.today():
        problems["contact_on"] = "A note records a contact that has happened: the date cannot be in the future."
    elif note.contact_on < case.opened_on:
        problems["contact_on"] = f"The case was opened on {case.opened_on:%d %b %Y}: the contact cannot be before it."
    if any(c.seen_alone and not c.seen for c in note.children):
        problems["children"] = "A child seen alone was seen: tick both."
    if len({c.person_id for c in note.children}) != len(note.children):
        problems["children"] = "Each child once."
    if problems:
        raise ValidationError(problems)


def _values(row: CaseNote, note: NoteInput) -> dict:
    return {
        "contact_on": [None, row.contact_on],
        "note_type": [None, row.note_type],
        "who_seen": [None, row.who_seen],
        "summary": [None, row.summary],
        "follow_ups": [None, row.follow_ups],
        "restricted": [None, row.restricted],
        "first_contact_family": [None, row.first_contact_family],
        "first_contact_referrer": [None, row.first_contact_referrer],
        "children": [None, [[str(c.person_id), c.seen, c.seen_alone] for c in note.children]],
    }


def _where(case: Case) -> dict:
    return {"case_id": case.id, "locality_id": case.locality_id}


def current_notes(s: Session, case_ids: Sequence[uuid.UUID]) -> list[CaseNote]:
    """The notes of these cases that no later note corrects, newest contact first."""
    later = aliased(CaseNote)
    return list(
        s.scalars(
            select(CaseNote)
            .where(
                CaseNote.case_id.in_(case_ids),
                ~select(later.id).where(later.corrects_id == CaseNote.id).exists(),
            )
            .order_by(CaseNote.contact_on.desc(), CaseNote.created_at.desc())
        )
    )


def _views(s: Session, rows: Sequence[CaseNote]) -> list[NoteView]:
    ids = [r.id for r in rows]
    children: dict[uuid.UUID, list[ChildView]] = {}
    if ids:
        found = s.execute(
            select(CaseNoteChild, Person.given_name, Person.family_name)
            .join(Person, Person.id == CaseNoteChild.person_id)
            .where(CaseNoteChild.note_id.in_(ids))
            .order_by(CaseNoteChild.position)
        )
        for child, given, family in found:
            children.setdefault(child.note_id, []).append(
                ChildView(child.person_id, f"{given} {family}", child.seen, child.seen_alone)
            )
    return [
        NoteView(
            r.id,
            r.case_id,
            r.contact_on,
            r.note_type,
            r.summary,
            r.who_seen or "",
            r.follow_ups or "",
            r.restricted,
            r.first_contact_family,
            r.first_contact_referrer,
            r.written_by_name,
            r.created_at,
            r.corrects_id,
            r.correction_reason,
            tuple(children.get(r.id, ())),
        )
        for r in rows
    ]

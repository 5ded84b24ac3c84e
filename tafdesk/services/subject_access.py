"""A subject access request: everything tafdesk holds about one person (or a
whole family) — their family's record, referrals, 360° profiles, cases,
what meetings said and decided, TAF plans, the documents made about them
and the audit trail's events about those records — gathered for whoever
answers the request, with what needs a look before disclosure marked
(restricted items, who referred, what is also about someone else).

A person is named by the id their family's record shows (F-000042-7KQ2,
services/person_ids.py); a family by its reference or a case's. For one
person, items about other members alone are left out; items about the whole
family stay. Administrators alone may do this, and on PostgreSQL only
through the owner's connection (cli_sar.py), as it reads every record of the
family whatever the locality. Each request is in the audit trail."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from tafdesk import models as m
from tafdesk.services import audit, family_rows, person_ids
from tafdesk.services import subject_access_casework as casework
from tafdesk.services import subject_access_sections as sections
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.document_register import TYPE_WORDS
from tafdesk.services.errors import NotFound, ValidationError
from tafdesk.services.lookup import existing
from tafdesk.services.subject_access_sections import OTHERS, Item, Names

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TO_REFERRER = "A letter to the referrer: it may say what the referrer was told about other agencies' work."
OTHER_FAMILIES = (
    "Minutes cover every family on the meeting's agenda: disclose only what is about this family "
    "(the file is listed, not copied)."
)


@dataclass(frozen=True)
class Document:
    title: str  # "Family letter, N-2026-0012 (version 2)"
    made_at: dt.datetime
    made_by: str
    recipient: str | None
    path: str
    sha256: str
    copy: bool  # copied into the pack (minutes are listed only)
    review: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditEntry:
    occurred_at: dt.datetime
    who: str
    action: str
    record: str  # "case N-2026-0012", "person", "TAF plan"
    values: str  # "field: old → new; …", "[anonymised]" once retention took them


@dataclass(frozen=True)
class SubjectAccess:
    subject: str  # "Jade Smith (F-000042-7KQ2)" or "the Smith family (F-000042)"
    family_reference: str
    person_id: uuid.UUID | None
    gathered_at: dt.datetime
    gathered_by: str
    items: tuple[Item, ...]
    documents: tuple[Document, ...]
    audit: tuple[AuditEntry, ...]

    @property
    def for_review(self) -> int:
        return sum(bool(i.review) for i in self.items) + sum(bool(d.review) for d in self.documents)


class SubjectAccessService(ClockedService):
    def gather(self, *, person: str | None = None, family: str | None = None) -> SubjectAccess:
        """Everything about the person (their id as shown) or the family (a
        family or case reference), recorded in the audit trail as gathered."""
        self._actor.require(Permission.SUBJECT_ACCESS)
        if (person is None) == (family is None):
            raise ValidationError({"person": "Name one person (--person ID) or one family (--family REF)."})
        with self._db.session() as s:
            person_id = person_ids.find(s, person) if person else None
            found = existing(s, m.Person, person_id, "person").family if person_id else _family(s, family or "")
            if found.anonymised_on is not None:
                raise NotFound(
                    f"{found.reference} was anonymised on {found.anonymised_on:%-d %B %Y} under the "
                    "retention schedule: tafdesk holds nothing more that says who its people were."
                )
            result = self._gather(s, found, person_id)
            audit.record(
                s,
                self._actor,
                "subject_access.gathered",
                "person" if person_id else "family",
                person_id or found.id,
                {
                    "items": [None, len(result.items)],
                    "documents": [None, len(result.documents)],
                    "audit_events": [None, len(result.audit)],
                },
            )
        return result

    def _gather(self, s: Session, family: m.Family, person_id: uuid.UUID | None) -> SubjectAccess:
        people = list(s.scalars(select(m.Person).where(m.Person.family_id == family.id)))
        shown = person_ids.short_ids(family.reference, [p.id for p in people])
        named = {p.id: p.name for p in people}
        names = Names(people)
        items = [
            *sections.people(s, family, shown),
            *sections.family_record(s, family, named),
            *sections.referrals(s, family, person_id),
            *sections.profiles(s, family, names),
            *sections.amendments(s, family),
            *casework.cases(s, family),
            *casework.meetings(s, family, names),
            *casework.plans(s, family, names),
            *sections.restricted_wording(s, family, names),
        ]
        if person_id is not None:
            items = [_with_others_marked(i, person_id) for i in items if i.about is None or person_id in i.about]
        subject = (
            f"{named[person_id]} ({shown[person_id]})"
            if person_id
            else f"the {family.family_name} family ({family.reference})"
        )
        others = {p.id for p in people} - {person_id} if person_id else set()
        return SubjectAccess(
            subject,
            family.reference,
            person_id,
            self.now(),
            self._actor.name,
            tuple(items),
            tuple(_documents(s, family)),
            tuple(_audit_entries(s, family, others)),
        )


def _family(s: Session, typed: str) -> m.Family:
    reference = typed.strip().upper()
    family_id = s.scalar(select(m.Family.id).where(m.Family.reference == reference)) or s.scalar(
        select(m.Case.family_id).where(m.Case.reference == reference)
    )
    if family_id is None:
        raise NotFound(f"There is no family or case with the reference “{typed.strip()}”.")
    return existing(s, m.Family, family_id, "family")


def _with_others_marked(found: Item, person_id: uuid.UUID) -> Item:
    if found.about is not None and found.about - {person_id}:
        return replace(found, review=(*found.review, OTHERS))
    return found


def _documents(s: Session, family: m.Family) -> list[Document]:
    from tafdesk.models.enums import DocumentType

    cases = select(m.Case.id).where(m.Case.family_id == family.id)
    meetings = select(m.AgendaItem.meeting_id).where(m.AgendaItem.case_id.in_(cases))
    minutes = (DocumentType.MINUTES_FULL, DocumentType.MINUTES_CIRCULATION)
    rows = s.execute(
        select(m.GeneratedDocument, m.Case.reference, m.User.display_name)
        .outerjoin(m.Case, m.Case.id == m.GeneratedDocument.case_id)
        .outerjoin(m.User, m.User.id == m.GeneratedDocument.generated_by_id)
        .where(
            m.GeneratedDocument.case_id.in_(cases)
            | (
                m.GeneratedDocument.meeting_id.in_(meetings)
                & m.GeneratedDocument.doc_type.in_(minutes)
                & m.GeneratedDocument.case_id.is_(None)
            )
        )
        .order_by(m.GeneratedDocument.generated_at)
    )
    found = []
    for doc, reference, maker in rows:
        is_minutes = doc.doc_type in minutes
        review = (
            (OTHER_FAMILIES,) if is_minutes else (TO_REFERRER,) if doc.doc_type is DocumentType.LETTER_REFERRER else ()
        )
        title = f"{TYPE_WORDS[doc.doc_type]}, {reference or Path(doc.path).stem} (version {doc.file_version})"
        found.append(
            Document(
                title, doc.generated_at, maker or "tafdesk", doc.recipient, doc.path, doc.sha256, not is_minutes, review
            )
        )
    return found


def _audit_entries(s: Session, family: m.Family, others: set[uuid.UUID]) -> list[AuditEntry]:
    """The events about the family's records, but those about another member alone."""
    records = family_rows.row_ids(s, [family.id])
    cases = dict(s.execute(select(m.Case.id, m.Case.reference).where(m.Case.family_id == family.id)).all())
    wanted = [r for r in records if r not in others]
    entries = []
    for part in family_rows.chunks(wanted):
        for e in s.scalars(select(m.AuditEvent).where(m.AuditEvent.entity_id.in_(part))):
            record = (
                f"case {cases[e.entity_id]}"
                if e.entity_id in cases
                else (f"family {family.reference}" if e.entity_id == family.id else e.entity_type.replace("_", " "))
            )
            entries.append(AuditEntry(e.occurred_at, e.actor_name, e.action, record, _values(e.changes)))
    return sorted(entries, key=lambda x: x.occurred_at)


def _values(changes: str | None) -> str:
    if not changes:
        return ""
    try:
        values = json.loads(changes)
    except ValueError:
        return changes
    if not isinstance(values, dict):
        return str(values)
    return "; ".join(f"{field}: {_pair(pair)}" for field, pair in values.items())


def _pair(pair: object) -> str:
    if isinstance(pair, list) and len(pair) == 2:
        old, new = pair
        return f"{'—' if old is None else old} → {'—' if new is None else new}"
    return str(pair)

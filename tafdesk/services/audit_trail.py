"""Reading the audit trail (administrators only): who did or looked at what,
and when, newest first — "who looked at this family between these dates".

Filters: a case or family reference (every event about that family: the
family and its people, its referrals and profiles, every case of it, their
plans, documents, agenda items and decisions), who (a username, or a name as
the trail keeps it), and a first and last day as people type them, day first,
in England's time. Each event names its record by reference (N-2026-0012,
F-000042, a meeting as "North 2026-12-01"), never by a family's name.

Administrators read no case content, so on PostgreSQL the references come
from two functions of migration 0018 that give ids and references only; on
SQLite the tables are read here."""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import ARRAY, Uuid, bindparam, func, or_, select, text, union_all

from tafdesk import models
from tafdesk.plans.dates import DateProblem, long_day, read_date
from tafdesk.private_files import open_private
from tafdesk.services.actor import Permission
from tafdesk.services.audit_words import action_words
from tafdesk.services.clock import ClockedService
from tafdesk.services.errors import PermissionDenied, ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")
LONDON = ZoneInfo("Europe/London")
LIMIT = 1000
FAMILY_RECORDS = text("SELECT tafdesk_audit_family_records(:ref)")
RECORDS = text("SELECT entity_id, reference, doc_type FROM tafdesk_audit_records(:ids)").bindparams(
    bindparam("ids", type_=ARRAY(Uuid))
)
# Records that belong to no family, named by their kind.
KINDS = {
    "agency": "Agency",
    "professional": "Professional",
    "app_setting": "Setting",
    "database": "Database",
    "letter_template": "Letter template",
}


@dataclass(frozen=True)
class TrailFilter:
    case: str = ""  # a case or family reference
    actor: str = ""  # a username, or a name as the trail keeps it
    date_from: str = ""  # a day as typed (8/1/2027, 8 Jan 2027, today, -2w), England's time
    date_to: str = ""


@dataclass(frozen=True)
class TrailEvent:
    id: uuid.UUID
    occurred_at: dt.datetime  # UTC
    who: str  # "Sam Lee (sam.lee)"
    action: str
    words: str  # "Viewed the TAF plan"
    record: str  # "N-2026-0012", "F-000042", "North 2026-12-01", "User sam.lee", "Agency"; "" for none

    @property
    def when(self) -> str:
        """The time in England, as both the command line and the page show it: 2026-12-01 14:02:33."""
        return f"{self.occurred_at.astimezone(LONDON):%Y-%m-%d %H:%M:%S}"


@dataclass(frozen=True)
class Trail:
    events: tuple[TrailEvent, ...]
    more: bool  # more events matched than the limit let through


class AuditTrailService(ClockedService):
    def events(self, filters: TrailFilter = TrailFilter(), limit: int = LIMIT) -> Trail:
        """The events the filters keep, newest first: `limit` of them at most."""
        if self._actor.user_id is None and not self._actor.is_system:
            raise PermissionDenied("Sign in as an administrator to read the audit trail (--user NAME).")
        self._actor.require(Permission.READ_AUDIT)
        problems: dict[str, str] = {}  # every filter's problem at once, not the first alone
        start, end = _checked(problems, lambda: self._period(filters)) or (None, None)
        event, user = models.AuditEvent, models.User
        query = (
            select(event, user.username)
            .outerjoin(user, user.id == event.actor_id)
            .order_by(event.occurred_at.desc(), event.id)
            .limit(limit + 1)
        )
        if start is not None:
            query = query.where(event.occurred_at >= start)
        if end is not None:
            query = query.where(event.occurred_at < end)
        with self._db.reader() as s:
            if filters.case.strip():
                ids = _checked(problems, lambda: _family_records(s, filters.case))
                query = query.where(event.entity_id.in_(ids or ()))
            by = _checked(problems, lambda: _by(s, filters.actor)) if filters.actor.strip() else None
            if by is not None:
                query = query.where(by)
            if problems:
                raise ValidationError(problems)
            rows = s.execute(query).all()
            shown = rows[:limit]
            references = _references(s, [e.entity_id for e, _ in shown if e.entity_id is not None])
            usernames = _usernames(s, [e.entity_id for e, _ in shown if e.entity_type == "app_user" and e.entity_id])
        return Trail(tuple(_event(e, username, references, usernames) for e, username in shown), len(rows) > limit)

    def _period(self, filters: TrailFilter) -> tuple[dt.datetime | None, dt.datetime | None]:
        """The UTC instants the first day begins and the day after the last begins, in England."""
        today = self.now().astimezone(LONDON).date()
        problems, days = {}, {}
        for name, typed in (("from", filters.date_from), ("to", filters.date_to)):
            try:
                days[name] = read_date(typed, today)
            except DateProblem as problem:
                problems[name] = str(problem)
        if problems:
            raise ValidationError(problems)
        first, last = days["from"], days["to"]
        if first and last and first > last:
            raise ValidationError({"to": f"The last day ({long_day(last)}) is before the first ({long_day(first)})."})
        return (_midnight(first) if first else None, _midnight(last + dt.timedelta(days=1)) if last else None)


def _checked(problems: dict[str, str], work: Callable[[], T]) -> T | None:
    """What work gives, or None with its problems added to `problems`."""
    try:
        return work()
    except ValidationError as exc:
        problems.update(exc.fields)
        return None


def write_csv(events: Iterable[TrailEvent], path: Path) -> None:
    """The events as a CSV file only its owner may read, in the columns the page shows."""
    with open_private(Path(path), "w", encoding="utf-8", newline="") as out:
        rows = csv.writer(out)
        rows.writerow(["When (England)", "Who", "What", "Record"])
        rows.writerows([_cell(e.when), _cell(e.who), _cell(e.words), _cell(e.record)] for e in events)


def _cell(value: str) -> str:
    """A spreadsheet opening the file takes no cell for a formula (a display name typed as "=…")."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), LONDON).astimezone(dt.UTC)


def _by(s: Session, typed: str):
    """Events by whoever `typed` names: a user by username or display name,
    or the name an event keeps (someone since renamed, or tafdesk itself)."""
    key = typed.strip().lower()
    event, user = models.AuditEvent, models.User
    ids = list(
        s.scalars(select(user.id).where(or_(func.lower(user.username) == key, func.lower(user.display_name) == key)))
    )
    by_name = func.lower(event.actor_name) == key
    if not ids and s.scalar(select(event.id).where(by_name).limit(1)) is None:
        raise ValidationError(
            {
                "actor": f"No one called “{typed.strip()}” is in the audit trail: give a username "
                "(as the Users page lists them) or a name as the trail shows it."
            }
        )
    return or_(event.actor_id.in_(ids), by_name) if ids else by_name


def _family_records(s: Session, typed: str) -> list[uuid.UUID]:
    """Every id an event about the family of this case or family reference may name."""
    reference = typed.strip().upper()
    if _on_server(s):
        ids = list(s.scalars(FAMILY_RECORDS, {"ref": reference}))
    else:
        ids = _family_records_here(s, reference)
    if not ids:
        raise ValidationError({"case": f"There is no case or family with the reference “{typed.strip()}”."})
    return ids


def _family_records_here(s: Session, reference: str) -> list[uuid.UUID]:
    m = models
    family_id = s.scalar(select(m.Family.id).where(m.Family.reference == reference)) or s.scalar(
        select(m.Case.family_id).where(m.Case.reference == reference)
    )
    if family_id is None:
        return []
    cases = select(m.Case.id).where(m.Case.family_id == family_id)
    referrals = select(m.Referral.id).where(m.Referral.family_id == family_id)
    profiles = select(m.Profile360.id).where(m.Profile360.referral_id.in_(referrals))
    parts = [
        select(m.Person.id).where(m.Person.family_id == family_id),
        select(m.RestrictedWording.id).where(m.RestrictedWording.family_id == family_id),
        referrals,
        profiles,
        select(m.ProfileInvolvement.id).where(m.ProfileInvolvement.profile_id.in_(profiles)),
        select(m.ProfileAmendment.id).where(m.ProfileAmendment.profile_id.in_(profiles)),
        cases,
        *(
            select(table.id).where(table.case_id.in_(cases))
            for table in (m.TafPlan, m.GeneratedDocument, m.AgendaItem, m.Decision)
        ),
    ]
    return [family_id, *s.scalars(union_all(*parts))]


def _references(s: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str | None]]:
    """id -> (reference, a document's type or None), for the ids that are case content."""
    if not ids:
        return {}
    wanted = sorted(set(ids))
    if _on_server(s):
        return {row.entity_id: (row.reference, row.doc_type) for row in s.execute(RECORDS, {"ids": wanted})}
    return _references_here(s, wanted)


def _references_here(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str | None]]:
    m = models
    by_referral = func.coalesce(m.Case.reference, m.Family.reference)

    def of_referral(query):
        return query.join(m.Family, m.Family.id == m.Referral.family_id).outerjoin(
            m.Case, m.Case.id == m.Referral.case_id
        )

    def through_profile(table):
        return of_referral(
            select(table.id, by_referral)
            .join(m.Profile360, m.Profile360.id == table.profile_id)
            .join(m.Referral, m.Referral.id == m.Profile360.referral_id)
        ).where(table.id.in_(ids))

    queries = [
        select(m.Case.id, m.Case.reference).where(m.Case.id.in_(ids)),
        select(m.Family.id, m.Family.reference).where(m.Family.id.in_(ids)),
        *(
            select(table.id, m.Family.reference).join(m.Family, m.Family.id == table.family_id).where(table.id.in_(ids))
            for table in (m.Person, m.RestrictedWording)
        ),
        of_referral(select(m.Referral.id, by_referral)).where(m.Referral.id.in_(ids)),
        of_referral(
            select(m.Profile360.id, by_referral).join(m.Referral, m.Referral.id == m.Profile360.referral_id)
        ).where(m.Profile360.id.in_(ids)),
        through_profile(m.ProfileInvolvement),
        through_profile(m.ProfileAmendment),
        *(
            select(table.id, m.Case.reference).join(m.Case, m.Case.id == table.case_id).where(table.id.in_(ids))
            for table in (m.TafPlan, m.AgendaItem, m.Decision)
        ),
    ]
    found: dict[uuid.UUID, tuple[str, str | None]] = {}
    for query in queries:
        found.update((row_id, (reference, None)) for row_id, reference in s.execute(query))
    document = m.GeneratedDocument
    documents = s.execute(
        select(document.id, m.Case.reference, document.meeting_id, document.doc_type)
        .outerjoin(m.Case, m.Case.id == document.case_id)
        .where(document.id.in_(ids))
    ).all()
    meetings = _meeting_names(s, [*ids, *(meeting_id for _, _, meeting_id, _ in documents if meeting_id)])
    found.update((meeting_id, (name, None)) for meeting_id, name in meetings.items())
    found.update(
        (row_id, (reference or (meetings.get(meeting_id, "") if meeting_id else ""), doc_type.value))
        for row_id, reference, meeting_id, doc_type in documents
    )
    return found


def _meeting_names(s: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """ "North 2026-12-01", as the command line names meetings."""
    meeting = models.Meeting
    rows = s.execute(
        select(meeting.id, models.Locality.name, meeting.starts_at)
        .join(models.Locality, models.Locality.id == meeting.locality_id)
        .where(meeting.id.in_(set(ids)))
    )
    return {row_id: f"{name} {starts.astimezone(LONDON).date().isoformat()}" for row_id, name, starts in rows}


def _usernames(s: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return dict(s.execute(select(models.User.id, models.User.username).where(models.User.id.in_(set(ids)))).all())


def _event(e, username: str | None, references: dict, usernames: dict) -> TrailEvent:
    reference, doc_type = references.get(e.entity_id, ("", None))
    if not reference:
        reference = f"User {usernames[e.entity_id]}" if e.entity_id in usernames else KINDS.get(e.entity_type, "")
    who = e.actor_name if not username or username == e.actor_name else f"{e.actor_name} ({username})"
    return TrailEvent(e.id, e.occurred_at, who, e.action, action_words(e.action, doc_type), reference)


def _on_server(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"

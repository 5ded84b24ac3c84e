"""The intake queue and the case summary behind each row."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from tafdesk import clock
from tafdesk.clock import LOCAL_TIME
from tafdesk.db import Database
from tafdesk.intake.workdays import working_days_between
from tafdesk.models import (
    AgendaItem,
    AuditEvent,
    Case,
    CaseStatus,
    ClosureReason,
    ConsentStatus,
    Family,
    Level,
    Locality,
    MatchSuggestion,
    Meeting,
    NeedArea,
    Pathway,
    Person,
    Professional,
    Profile360,
    ProfileInvolvement,
    ProfileNeed,
    ProfileRisk,
    Referral,
    RestrictedShare,
    SuggestionStatus,
    TafOutcome,
    TafPlan,
)
from tafdesk.models.enums import NEED_AREA_ORDER
from tafdesk.services import person_ids, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import NotFound
from tafdesk.services.lookup import existing
from tafdesk.services.views import Looks

QUEUE_STATUSES = (CaseStatus.AWAITING_TRIAGE, CaseStatus.AWAITING_MEETING)
LEVEL_ORDER = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}


@dataclass(frozen=True)
class QueueRow:
    case_id: uuid.UUID
    case_reference: str
    profile_ref: str
    family_name: str
    locality: str
    received_on: dt.date
    working_days_waiting: int
    need_areas: tuple[NeedArea, ...]
    highest_need: Level | None
    highest_risk: Level | None
    repeat: bool
    consent: ConsentStatus
    consent_overridden: bool
    status: CaseStatus
    match_to_confirm: bool
    meeting_starts_at: dt.datetime | None

    @property
    def id(self) -> uuid.UUID:  # a row of the queue is found by its case
        return self.case_id

    @property
    def active(self) -> bool:  # (every case waiting is)
        return True


@dataclass(frozen=True)
class MemberView:
    name: str
    role: str
    relationship: str | None
    date_of_birth: dt.date | None
    age: str
    in_household: bool
    school_or_setting: str | None
    shown_id: str = ""  # the person's id as the family's record shows it (services/person_ids.py); "" if not known yet


@dataclass(frozen=True)
class Item:
    """A need, an agency's involvement or a risk, ready to show."""

    heading: str
    level: Level | None
    summary: str
    members: tuple[str, ...]
    restricted: bool = False
    detail: str = ""
    id: uuid.UUID | None = None  # an agency's involvement: its id (the chair shares a restricted one by it)
    shared_with: tuple[str, ...] = ()  # a restricted item: the members of the team the chair shared it with


@dataclass(frozen=True)
class Pairing:
    """One line of a profile compared with a known family: a profile member
    and the known person the matcher took them for (None: no one, they would
    join the family), or a known person no one in the profile is (None on the left)."""

    ours: MemberView | None
    known: MemberView | None


@dataclass(frozen=True)
class Suggestion:
    id: uuid.UUID
    score: int
    evidence: tuple[str, ...]
    known_family: str
    pairings: tuple[Pairing, ...]


@dataclass(frozen=True)
class HandLink:
    """The profile was linked to its family by hand: by whom, when, and why."""

    who: str
    on: dt.date
    family_reference: str
    note: str


@dataclass(frozen=True)
class History:
    earlier_cases: int
    last_closed_on: dt.date | None
    last_closed_how: ClosureReason | None


@dataclass(frozen=True)
class ProfileSummary:
    case_id: uuid.UUID
    case_reference: str
    case_version: int
    status: CaseStatus
    profile_ref: str
    family_name: str
    address: str
    locality: str
    language: str | None
    interpreter_needed: bool
    received_on: dt.date
    working_days_waiting: int
    referrer: str
    reason: str
    consent: ConsentStatus
    consent_detail: str
    consent_override_reason: str | None
    members: tuple[MemberView, ...]
    needs: tuple[Item, ...]
    involvement: tuple[Item, ...]
    risks: tuple[Item, ...]
    strengths: tuple[str, ...]
    family_views: str | None
    pathway: Pathway | None  # None for a case with no 360° profile
    suggested_lead_agency: str | None
    level_of_need: int | None
    rationale: str
    repeat: bool
    history: History
    suggestion: Suggestion | None
    front_door_note: str | None
    hand_link: HandLink | None = None
    # Who the family's letters go to: members marked "risk to others here / do
    # not write to this address", and the chair's choice to let letters home
    # name sensitive services.
    not_written_to: tuple[str, ...] = ()
    letters_name_sensitive: bool = False

    @property
    def consent_blocks_allocation(self) -> bool:
        return self.consent in (ConsentStatus.REFUSED, ConsentStatus.WITHDRAWN) and not self.consent_override_reason


class IntakeQueueService:
    def __init__(self, db: Database, actor: Actor, today: dt.date | None = None) -> None:
        self._db = db
        self._actor = actor
        self._today = today
        self._looks = Looks(db, actor)

    def today(self) -> dt.date:
        return self._today or clock.today()

    def queue(self) -> list[QueueRow]:
        """Every case of the actor's localities waiting for a front-door decision or a meeting."""
        self._actor.require(Permission.VIEW_INTAKE)
        today = self.today()
        waiting = Case.status.in_(QUEUE_STATUSES) & scope.in_localities(self._actor, Case.locality_id)
        with self._db.reader() as s:
            # Columns, not whole records, and each part joined to the same
            # filter rather than sent a list of ids: the queue may hold thousands.
            rows = s.execute(
                select(
                    Case.id,
                    Case.reference,
                    Case.status,
                    Case.is_repeat,
                    Case.consent_override_reason,
                    Referral.received_on,
                    Referral.consent_status,
                    Profile360.id,
                    Profile360.profile_ref,
                    Family.family_name,
                    Locality.name,
                )
                .join(Referral, Referral.case_id == Case.id)
                .join(Profile360, Profile360.referral_id == Referral.id)
                .join(Family, Family.id == Case.family_id)
                .join(Locality, Locality.id == Case.locality_id)
                .where(waiting)
                .order_by(Referral.received_on, Case.reference)
            ).all()
            needs = _grouped(
                s,
                _of_waiting(
                    select(ProfileNeed.profile_id, ProfileNeed.area, ProfileNeed.level), ProfileNeed.profile_id
                ),
            )
            risks = _grouped(s, _of_waiting(select(ProfileRisk.profile_id, ProfileRisk.level), ProfileRisk.profile_id))
            pending = set(
                s.scalars(
                    _of_waiting(
                        select(MatchSuggestion.profile_id).where(MatchSuggestion.status == SuggestionStatus.PENDING),
                        MatchSuggestion.profile_id,
                    )
                )
            )
            meetings = dict(
                s.execute(
                    select(AgendaItem.case_id, func.min(Meeting.starts_at))
                    .join(Meeting, Meeting.id == AgendaItem.meeting_id)
                    .join(Case, Case.id == AgendaItem.case_id)
                    .where(waiting)
                    .group_by(AgendaItem.case_id)
                ).all()
            )
        seen, result = set(), []
        for (
            case_id,
            reference,
            status,
            repeat,
            overridden,
            received_on,
            consent,
            profile_id,
            profile_ref,
            family_name,
            locality,
        ) in rows:
            if case_id in seen:  # a case with several referrals shows once, by its first
                continue
            seen.add(case_id)
            profile_needs = needs.get(profile_id, [])
            result.append(
                QueueRow(
                    case_id,
                    reference,
                    profile_ref,
                    family_name,
                    locality,
                    received_on,
                    working_days_between(received_on, today),
                    tuple(sorted({area for area, _ in profile_needs}, key=NEED_AREA_ORDER.__getitem__)),
                    _highest(level for _, level in profile_needs),
                    _highest(level for (level,) in risks.get(profile_id, [])),
                    repeat,
                    consent,
                    bool(overridden),
                    status,
                    profile_id in pending,
                    meetings.get(case_id),
                )
            )
        return result

    def summary(self, case_id: uuid.UUID) -> ProfileSummary:
        """The case's 360° profile, with the restricted items the actor may
        read, for them to look at now: the look is audited first (services/views.py)."""
        summary = self.summary_ahead(case_id)
        self.looked_at(summary)
        return summary

    def looked_at(self, summary: ProfileSummary) -> None:
        """The actor is shown this summary (read ahead): audited, or LookNotRecorded."""
        restricted = any(item.restricted for item in summary.involvement)
        action = "case.summary_viewed_restricted" if restricted else "case.summary_viewed"
        self._looks.record(action, "case_record", summary.case_id, "The family's summary")

    def summary_ahead(self, case_id: uuid.UUID) -> ProfileSummary:
        """The summary read before anyone looks at it (meeting mode reads the
        agenda's ahead): whoever shows it calls `looked_at` first."""
        self._actor.require(Permission.VIEW_PROFILES)
        with self._db.reader() as s:
            case = scope.case(s, self._actor, case_id, "see the 360° profile")
            # A match to confirm is intake's business: a lead professional may not read them (on PostgreSQL, at all).
            summary = _summary(s, case_id, self.today(), matches=self._actor.can(Permission.CONFIRM_MATCHES))
            return replace(
                summary,
                not_written_to=_not_written_to(s, case_id),
                letters_name_sensitive=case.names_sensitive_agencies,
                involvement=_readable(s, self._actor, summary.involvement),
            )


def _readable(s: Session, actor: Actor, items: tuple[Item, ...]) -> tuple[Item, ...]:
    """The involvement items the actor may read: the restricted ones only if
    they may read them all (managers and business support of the locality)
    or the chair shared them with them; the shares shown to those who read all."""
    restricted = [i.id for i in items if i.restricted and i.id]
    if not restricted:
        return items
    if not scope.reads_all_restricted(actor):
        mine = scope.shared_with(s, actor, restricted)
        return tuple(i for i in items if not i.restricted or i.id in mine)
    shares: dict[uuid.UUID, list[str]] = defaultdict(list)
    for involvement_id, given, family in s.execute(
        select(RestrictedShare.involvement_id, Professional.given_name, Professional.family_name)
        .join(Professional, Professional.id == RestrictedShare.professional_id)
        .where(RestrictedShare.involvement_id.in_(restricted))
        .order_by(Professional.family_name)
    ):
        shares[involvement_id].append(f"{given} {family}")
    return tuple(replace(i, shared_with=tuple(shares.get(i.id, ()))) if i.restricted and i.id else i for i in items)


def _not_written_to(s: Session, case_id: uuid.UUID) -> tuple[str, ...]:
    family_id = select(Case.family_id).where(Case.id == case_id).scalar_subquery()
    marked = s.execute(
        select(Person.given_name, Person.family_name)
        .where(Person.family_id == family_id, Person.do_not_write)
        .order_by(Person.position)
    )
    return tuple(f"{given} {family}" for given, family in marked)


def _of_waiting(query, profile_id):
    """A query over parts of profiles, kept to the profiles of waiting cases."""
    return (
        query.join(Profile360, Profile360.id == profile_id)
        .join(Referral, Referral.id == Profile360.referral_id)
        .join(Case, Case.id == Referral.case_id)
        .where(Case.status.in_(QUEUE_STATUSES))
    )


def _grouped(s: Session, query) -> dict[uuid.UUID, list[tuple]]:
    grouped: dict[uuid.UUID, list[tuple]] = defaultdict(list)
    for key, *rest in s.execute(query):
        grouped[key].append(tuple(rest))
    return grouped


def _highest(levels) -> Level | None:
    return max(levels, key=LEVEL_ORDER.__getitem__, default=None)


def _summary(s: Session, case_id: uuid.UUID, today: dt.date, *, matches: bool) -> ProfileSummary:
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound("That case is no longer in the database.")
    referral = s.scalar(
        select(Referral).where(Referral.case_id == case.id).order_by(Referral.received_on.desc()).limit(1)
    )
    profile = (
        s.scalar(
            select(Profile360)
            .where(Profile360.referral_id == referral.id)
            .options(
                selectinload(Profile360.members),
                selectinload(Profile360.needs).selectinload(ProfileNeed.members),
                selectinload(Profile360.involvements).selectinload(ProfileInvolvement.members),
                selectinload(Profile360.risks).selectinload(ProfileRisk.members),
                selectinload(Profile360.strengths),
            )
        )
        if referral
        else None
    )
    if referral is None or profile is None:
        return _case_without_profile(s, case, referral, today)
    names = {m.id: m.given_name for m in profile.members}

    def who(members) -> tuple[str, ...]:
        return tuple(names[m.id] for m in members)

    shown = _shown_ids(s, case.family_id)
    return ProfileSummary(
        case_id=case.id,
        case_reference=case.reference,
        case_version=case.version,
        status=case.status,
        profile_ref=profile.profile_ref,
        family_name=profile.family_name,
        address=", ".join(
            p for p in (profile.address_line1, profile.address_line2, profile.town, profile.postcode) if p
        ),
        locality=existing(s, Locality, case.locality_id, "locality").name,
        language=profile.language,
        interpreter_needed=bool(profile.interpreter_needed),
        received_on=referral.received_on,
        working_days_waiting=working_days_between(referral.received_on, today),
        referrer=", ".join(p for p in (referral.referrer_name, referral.referrer_role, referral.referrer_agency) if p),
        reason=referral.reason,
        consent=referral.consent_status,
        consent_detail=_consent_detail(referral),
        consent_override_reason=case.consent_override_reason,
        members=tuple(
            _member_view(m, today, shown.get(m.person_id, "") if m.person_id else "") for m in profile.members
        ),
        needs=tuple(Item(n.area.label, n.level, n.summary, who(n.members)) for n in profile.needs),
        involvement=tuple(
            Item(
                i.agency_name,
                None,
                i.summary or "",
                who(i.members),
                i.restricted,
                "; ".join(
                    p
                    for p in (
                        i.status.value.replace("_", " "),
                        i.worker and f"worker: {i.worker}",
                        i.source and f"from {i.source}",
                        None if i.agency_id else "not in the directory",
                    )
                    if p
                ),
                i.id,
            )
            for i in profile.involvements
        ),
        risks=tuple(Item("Risk", r.level, r.summary, who(r.members)) for r in profile.risks),
        strengths=tuple(st.text for st in profile.strengths),
        family_views=profile.family_views,
        pathway=profile.pathway,
        suggested_lead_agency=profile.suggested_lead_agency,
        level_of_need=profile.level_of_need,
        rationale=profile.rationale,
        repeat=case.is_repeat,
        history=_history(s, case),
        suggestion=_suggestion(s, profile, today) if matches else None,
        front_door_note=case.front_door_note,
        hand_link=_hand_link(s, profile.id),
    )


def _case_without_profile(s: Session, case: Case, referral: Referral | None, today: dt.date) -> ProfileSummary:
    """An open case that came before 360° profiles were kept (or was entered
    by hand): the family as recorded, and the needs its TAF plan works on."""
    family = existing(s, Family, case.family_id, "family")
    people = s.scalars(select(Person).where(Person.family_id == family.id).order_by(Person.position))
    shown = _shown_ids(s, family.id)
    plan = s.scalar(select(TafPlan).where(TafPlan.case_id == case.id).order_by(TafPlan.plan_version.desc()).limit(1))
    outcomes = (
        s.scalars(select(TafOutcome).where(TafOutcome.plan_id == plan.id).order_by(TafOutcome.position)).all()
        if plan
        else ()
    )
    received = referral.received_on if referral else case.opened_on
    return ProfileSummary(
        case_id=case.id,
        case_reference=case.reference,
        case_version=case.version,
        status=case.status,
        profile_ref="",
        family_name=family.family_name,
        address=", ".join(p for p in (family.address_line1, family.address_line2, family.town, family.postcode) if p),
        locality=existing(s, Locality, case.locality_id, "locality").name,
        language=family.language,
        interpreter_needed=family.interpreter_needed,
        received_on=received,
        working_days_waiting=working_days_between(received, today),
        referrer=", ".join(p for p in (referral.referrer_name, referral.referrer_role, referral.referrer_agency) if p)
        if referral
        else "",
        reason=referral.reason if referral else "",
        consent=referral.consent_status if referral else ConsentStatus.NOT_SOUGHT,
        consent_detail=_consent_detail(referral) if referral else "not recorded",
        consent_override_reason=case.consent_override_reason,
        members=tuple(_member_view(p, today, shown.get(p.id, "")) for p in people),
        needs=tuple(Item(o.area.label, None, o.need, ()) for o in outcomes),
        involvement=(),
        risks=(),
        strengths=(),
        family_views=None,
        pathway=None,
        suggested_lead_agency=None,
        level_of_need=case.level_of_need,
        rationale=case.review_note or "",
        repeat=case.is_repeat,
        history=_history(s, case),
        suggestion=None,
        front_door_note=case.front_door_note,
    )


def _shown_ids(s: Session, family_id: uuid.UUID) -> dict[uuid.UUID, str]:
    reference = existing(s, Family, family_id, "family").reference
    return person_ids.short_ids(reference, s.scalars(select(Person.id).where(Person.family_id == family_id)))


def _member_view(m, today: dt.date, shown_id: str = "") -> MemberView:
    return MemberView(
        name=m.name if hasattr(m, "name") else f"{m.given_name} {m.family_name}",
        role=m.role.value.replace("_", " "),
        relationship=m.relationship_,
        date_of_birth=m.date_of_birth,
        age=age_text(m.date_of_birth, m.expected_date, today),
        in_household=m.lives_in_household,
        school_or_setting=m.school_or_setting,
        shown_id=shown_id,
    )


def age_text(born: dt.date | None, expected: dt.date | None, today: dt.date) -> str:
    """'12', '7 months', 'due 3 Mar 2027' or 'unknown'."""
    if born is None:
        return f"due {expected:%d %b %Y}" if expected else "unknown"
    months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
    if months < 24:
        return f"{max(months, 0)} month{'s' * (months != 1)}"
    return str(months // 12)


def _consent_detail(referral: Referral) -> str:
    parts = [referral.consent_status.value.replace("_", " ")]
    if referral.consent_given_by:
        parts.append(f"by {referral.consent_given_by}")
    if referral.consent_date:
        parts.append(f"on {referral.consent_date:%d %b %Y}")
    detail = " ".join(parts)
    return f"{detail}. {referral.consent_notes}" if referral.consent_notes else detail


def _history(s: Session, case: Case) -> History:
    earlier = s.execute(
        select(Case.closed_on, Case.closure_reason)
        .where(Case.family_id == case.family_id, Case.id != case.id, Case.opened_on <= case.opened_on)
        .order_by(Case.closed_on.desc().nulls_last())
    ).all()
    closed = [row for row in earlier if row.closed_on]
    last = max(closed, key=lambda row: row.closed_on, default=None)
    return History(len(earlier), last.closed_on if last else None, last.closure_reason if last else None)


def _hand_link(s: Session, profile_id: uuid.UUID) -> HandLink | None:
    """Read from the audit trail, which holds who, when and why."""
    event = s.scalar(
        select(AuditEvent)
        .where(AuditEvent.entity_id == profile_id, AuditEvent.action == "match.linked_by_hand")
        .order_by(AuditEvent.occurred_at.desc())
        .limit(1)
    )
    if event is None or event.changes is None:
        return None
    changes = json.loads(event.changes)
    return HandLink(
        event.actor_name,
        event.occurred_at.astimezone(LOCAL_TIME).date(),
        changes["family_reference"][1],
        changes["note"][1],
    )


def _suggestion(s: Session, profile: Profile360, today: dt.date) -> Suggestion | None:
    suggestion = s.scalar(
        select(MatchSuggestion)
        .where(MatchSuggestion.profile_id == profile.id, MatchSuggestion.status == SuggestionStatus.PENDING)
        .order_by(MatchSuggestion.score.desc())
        .limit(1)
    )
    if suggestion is None:
        return None
    family = existing(s, Family, suggestion.family_id, "family")
    people = s.scalars(select(Person).where(Person.family_id == family.id).order_by(Person.position)).all()
    pairs = {ref: uuid.UUID(person_id) for ref, person_id in json.loads(suggestion.pairs)}
    return Suggestion(
        suggestion.id,
        suggestion.score,
        tuple(json.loads(suggestion.evidence)),
        f"{family.family_name} ({family.reference}), {family.address_line1}, {family.postcode}",
        pairings(profile.members, people, pairs, today),
    )


def pairings(ours, known, pairs: dict[str, uuid.UUID], today: dt.date) -> tuple[Pairing, ...]:
    """A profile's members (ProfileMember) beside a known family's people
    (Person), as `pairs` (member_ref -> person id) pairs them."""
    by_id = {p.id: p for p in known}
    rows = [
        Pairing(
            _member_view(m, today),
            _member_view(by_id[pairs[m.member_ref]], today) if pairs.get(m.member_ref) in by_id else None,
        )
        for m in ours
    ]
    paired = set(pairs.values())
    return tuple(rows + [Pairing(None, _member_view(p, today)) for p in known if p.id not in paired])

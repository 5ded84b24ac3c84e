"""Reading what documents are made from, inside a session the caller opens.

Letters: `LetterFacts` for each decision of a meeting, or for a case. The
restricted items of a 360° profile are never selected here, and of family
members only names, roles, relationships and ages are read; every free text
in the facts has had restricted quotes withheld (`redaction.withheld_facts`)
and the proposal's machine wording made plain.

Minutes: each item's summary for the full edition.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tafdesk.allocation.wording import for_documents
from tafdesk.clock import LOCAL_TIME
from tafdesk.db import letter_decision
from tafdesk.db.grants import may_read
from tafdesk.exports import redaction
from tafdesk.exports.letter_data import ClosureFacts, Contact, LetterFacts, MeetingFacts, MemberFacts, ReviewFacts
from tafdesk.exports.letter_rules import is_member_name, is_sensitive_agency
from tafdesk.models import (
    NEED_AREA_LABELS,
    Agency,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Case,
    CaseClosure,
    CaseClosureNeed,
    CaseSupporter,
    ClosureStatus,
    Consent,
    Decision,
    Family,
    InvolvementStatus,
    Locality,
    Meeting,
    MemberRole,
    Person,
    PlanStatus,
    Professional,
    Profile360,
    ProfileInvolvement,
    ProfileNeed,
    Referral,
    TafPlan,
)
from tafdesk.services import document_secrets
from tafdesk.services.consent import professional_agency, sharing_blocks
from tafdesk.services.errors import NotFound
from tafdesk.services.intake_queue import age_text
from tafdesk.services.lookup import existing

ADULT_ROLES = (MemberRole.PARENT, MemberRole.CARER, MemberRole.ADULT)


def meeting_facts(s: Session, meeting: Meeting) -> MeetingFacts:
    locality = existing(s, Locality, meeting.locality_id, "locality")
    return MeetingFacts(meeting.starts_at.astimezone(LOCAL_TIME).date(), locality.name, meeting.venue)


def meeting_label(s: Session, meeting_id: uuid.UUID) -> str:
    """ "North 2026-12-01": how meetings are named on the command line and in file names."""
    meeting = s.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting is no longer in the database.")
    facts = meeting_facts(s, meeting)
    return f"{facts.locality} {facts.date.isoformat()}"


def find_meeting(s: Session, name: str) -> uuid.UUID:
    """The meeting called "LOCALITY YYYY-MM-DD" (its local date), or its id."""
    text = name.strip()
    try:
        meeting_id = uuid.UUID(text)
    except ValueError:
        meeting_id = None
    if meeting_id is not None:
        if s.get(Meeting, meeting_id) is None:
            raise NotFound(f"There is no meeting with the id {text}.")
        return meeting_id
    locality_name, _, date_text = text.rpartition(" ")
    try:
        day = dt.date.fromisoformat(date_text)
    except ValueError:
        raise NotFound(
            f"“{name}” does not name a meeting: write the locality and the date, such as “North 2026-12-01”."
        ) from None
    locality = s.scalar(select(Locality).where(Locality.name.ilike(locality_name.strip())))
    if locality is None:
        known = ", ".join(s.scalars(select(Locality.name).order_by(Locality.name)))
        raise NotFound(f"There is no locality called “{locality_name.strip()}” (localities: {known}).")
    start = dt.datetime.combine(day, dt.time(), LOCAL_TIME)
    found = s.scalars(
        select(Meeting.id).where(
            Meeting.locality_id == locality.id,
            Meeting.starts_at >= start,
            Meeting.starts_at < start + dt.timedelta(days=1),
        )
    ).all()
    if not found:
        raise NotFound(f"{locality.name} had no meeting on {day:%A} {day.day} {day:%B %Y}.")
    return found[0]


def case_localities(s: Session, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """Each case's locality: whose letterhead and templates its letters and plan use."""
    return dict(s.execute(select(Case.id, Case.locality_id).where(Case.id.in_(case_ids))).all()) if case_ids else {}


def meeting_letter_facts(s: Session, meeting_id: uuid.UUID, today: dt.date) -> list[tuple[uuid.UUID, LetterFacts]]:
    """(case id, facts) for each decided item of the meeting, in agenda order."""
    meeting = s.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting is no longer in the database.")
    context = _Context(s, meeting)
    items = s.scalars(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position)
        .options(
            selectinload(AgendaItem.decision).selectinload(Decision.supporters),
            selectinload(AgendaItem.decision).selectinload(Decision.actions),
        )
    ).all()
    redact = redaction.redactor(document_secrets.for_meeting(s, meeting_id))  # once for the whole meeting
    decided = [item for item in items if item.decision is not None]
    rows = _CaseRows(s, [item.case_id for item in decided])
    return [
        (
            item.case_id,
            redaction.withheld_facts(_facts(s, context, rows, rows.cases[item.case_id], item.decision, today), redact),
        )
        for item in decided
    ]


def case_letter_facts(
    s: Session, case_id: uuid.UUID, today: dt.date, *, current_lead: bool = False, offline_copy: bool = False
) -> LetterFacts:
    """Facts for a case's letter outside a meeting pack (a review invitation,
    or a letter made again): its latest decision, if any, and its plan;
    `current_lead`: naming the case's lead now (after a change of lead
    outside a meeting) rather than the one the decision allocated.
    An account that may not read decisions (a lead professional's on
    PostgreSQL), or an offline copy taken by one, has only what the letter
    to the family says of it (db/letter_decision.py)."""
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound("That case is no longer in the database.")
    readable = may_read(s, "decision")
    decision = (
        s.scalar(select(Decision).where(Decision.case_id == case_id).order_by(Decision.decided_at.desc()).limit(1))
        if readable
        else None
    )
    meeting = None
    if decision is not None:
        meeting = s.scalar(
            select(Meeting)
            .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .where(AgendaItem.id == decision.agenda_item_id)
        )
    decided, unknown = _letter_decision(s, case_id, readable=readable, offline_copy=offline_copy and decision is None)
    context = _Context(s, meeting)
    if decided is not None:
        locality = existing(s, Locality, decided.meeting_locality_id, "locality")
        context.meeting_facts = MeetingFacts(decided.meeting_on, locality.name, decided.meeting_venue)
    facts = _facts(s, context, _CaseRows(s, [case_id]), case, decision, today, decided)
    facts = dataclasses.replace(facts, decision_unknown=unknown)
    plan = s.scalar(
        select(TafPlan)
        .where(TafPlan.case_id == case_id, TafPlan.status != PlanStatus.SUPERSEDED)
        .order_by(TafPlan.plan_version.desc())
        .limit(1)
    )
    if plan is not None:
        facts = _with_review(s, facts, case, plan)
    if current_lead and case.lead_professional_id is not None:
        lead = _professional(s, context, case.lead_professional_id)
        team = [f"{lead.name}, {lead.organisation} (lead professional)"] if lead else []
        for supporter in s.scalars(
            select(Professional)
            .join(CaseSupporter, CaseSupporter.professional_id == Professional.id)
            .where(CaseSupporter.case_id == case_id, Professional.id != case.lead_professional_id)
        ):
            team.append(f"{supporter.name}, {context.agencies[supporter.agency_id].name}")
        facts = dataclasses.replace(
            facts, lead=lead, manager=_manager(s, context, case.lead_professional_id), team=tuple(team)
        )
    facts = _with_closure(s, facts, case)
    return redaction.withheld_facts(facts, redaction.redactor(document_secrets.for_case(s, case_id)))


def _letter_decision(
    s: Session, case_id: uuid.UUID, *, readable: bool, offline_copy: bool
) -> tuple[letter_decision.LetterDecision | None, str | None]:
    """What the letter to the family says was decided, where the decision
    itself cannot be read here, and why it is not known if it is not."""
    if offline_copy:
        from tafdesk.offline import store

        kept = store.letter_decision(s.connection(), case_id)
        if kept is None:
            return None, (
                "this offline copy does not hold what the group decided for the family (it was taken by an "
                "older version of tafdesk): sync the copy, or make the letter when connected to the server"
            )
        return letter_decision.parse(kept), None
    if readable:
        return None, None  # read whole, if there is one
    return letter_decision.from_server(s, case_id), None


class _Context:
    """What every item of one meeting shares: agencies, and who sat for them."""

    def __init__(self, s: Session, meeting: Meeting | None) -> None:
        self.meeting = meeting
        self.meeting_facts = meeting_facts(s, meeting) if meeting else None
        self.agencies = {a.id: a for a in s.scalars(select(Agency))}
        self.sensitive_names = tuple(
            n
            for a in self.agencies.values()
            if is_sensitive_agency(a.name, a.sector)
            for n in (a.name, a.short_name)
            if n
        )
        self.attendance = (
            {a.agency_id: a for a in s.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))}
            if meeting
            else {}
        )


class _CaseRows:
    """The rows each case's letter reads (family, members, latest referral,
    its profile's needs and involvements), read for all of a meeting's cases
    in a few queries rather than a few per case."""

    def __init__(self, s: Session, case_ids: list[uuid.UUID]) -> None:
        self.cases = {c.id: c for c in s.scalars(select(Case).where(Case.id.in_(case_ids)))}
        family_ids = {c.family_id for c in self.cases.values()}
        self.families = {f.id: f for f in s.scalars(select(Family).where(Family.id.in_(family_ids)))}
        self.people: dict[uuid.UUID, list[Person]] = defaultdict(list)
        for person in s.scalars(select(Person).where(Person.family_id.in_(family_ids)).order_by(Person.position)):
            self.people[person.family_id].append(person)
        self.referrals: dict[uuid.UUID, Referral] = {}  # the latest of each case
        for referral in s.scalars(
            select(Referral).where(Referral.case_id.in_(case_ids)).order_by(Referral.received_on.desc())
        ):
            if referral.case_id:  # always (asked by case)
                self.referrals.setdefault(referral.case_id, referral)
        referral_ids = [r.id for r in self.referrals.values()]
        self.profiles = {
            p.referral_id: p for p in s.scalars(select(Profile360).where(Profile360.referral_id.in_(referral_ids)))
        }
        profile_ids = [p.id for p in self.profiles.values()]
        self.needs: dict[uuid.UUID, list[ProfileNeed]] = defaultdict(list)
        for need in s.scalars(
            select(ProfileNeed).where(ProfileNeed.profile_id.in_(profile_ids)).order_by(ProfileNeed.position)
        ):
            self.needs[need.profile_id].append(need)
        self.involvements: dict[uuid.UUID, list[tuple[ProfileInvolvement, str | None]]] = defaultdict(list)
        for row, agency in s.execute(
            select(ProfileInvolvement, Agency.name)
            .outerjoin(Agency, Agency.id == ProfileInvolvement.agency_id)
            .where(ProfileInvolvement.profile_id.in_(profile_ids))
            .order_by(ProfileInvolvement.position)
        ):
            self.involvements[row.profile_id].append((row, agency))


def _facts(
    s: Session,
    context: _Context,
    rows: _CaseRows,
    case: Case,
    decision: Decision | None,
    today: dt.date,
    decided: letter_decision.LetterDecision | None = None,
) -> LetterFacts:
    """`decided`: what the letter to the family may say of the decision,
    where the decision itself could not be read."""
    family = rows.families[case.family_id]
    people = rows.people[family.id]
    members = tuple(
        MemberFacts(
            p.name,
            p.role.value.replace("_", " "),
            p.relationship_,
            age_text(p.date_of_birth, p.expected_date, today),
            p.lives_in_household,
            _adult(p, today),
            p.do_not_write,
        )
        for p in people
    )
    referral = rows.referrals.get(case.id)
    profile = rows.profiles.get(referral.id) if referral else None
    involvements = rows.involvements[profile.id] if profile else []
    decided_by = decision or decided
    lead_id = decided_by.lead_professional_id if decided_by else case.lead_professional_id
    lead = _professional(s, context, lead_id)
    blocks = sharing_blocks(s, case.id)
    team = []
    if lead is not None:
        team.append(f"{lead.name}, {lead.organisation} (lead professional)")
    for agency_id, professional_id in _decided_team(decision, decided):
        agency = context.agencies[agency_id].name
        person = s.get(Professional, professional_id) if professional_id else None
        team.append(f"{person.name}, {agency}" if person else agency)
    actions: tuple[str, ...] = ()
    if decision is not None:
        names: dict[uuid.UUID | None, str] = {}
        for a in decision.actions:
            if a.owner_professional_id and a.owner_professional_id not in names:
                names[a.owner_professional_id] = existing(s, Professional, a.owner_professional_id, "professional").name
        actions = tuple(
            f"{a.description}: {names.get(a.owner_professional_id) or a.owner_name or (lead.name if lead else 'the group')}"
            + (f", by {a.due_on.day} {a.due_on:%B %Y}" if a.due_on else "")
            for a in decision.actions
        )
    return LetterFacts(
        case_reference=case.reference,
        family_name=family.family_name,
        family_address=tuple(
            x for x in (family.address_line1, family.address_line2, family.town, family.postcode) if x
        ),
        family_phone=family.phone,
        family_language=family.language,
        interpreter_needed=family.interpreter_needed,
        members=members,
        meeting=context.meeting_facts,
        outcome=decided_by.outcome if decided_by else None,
        lead=lead,
        manager=_manager(s, context, lead_id),
        referrer=_referrer(referral),
        referral_date=referral.received_on if referral else None,
        referral_reason=referral.reason if referral else None,
        needs=_need_lines(rows.needs[profile.id] if profile else []),
        involvements=_involvement_lines(involvements),
        team=tuple(team),
        rationale=for_documents(decision.rationale) if decision else None,
        actions=actions,
        self_referral=_self_referral(referral, people),
        sensitive_agencies=context.sensitive_names + _restricted_agencies(involvements),
        may_name_sensitive=case.names_sensitive_agencies,
        lead_not_covered=blocks.reason(professional_agency(s, lead_id)) if blocks and lead_id else None,
        referrer_not_covered=blocks.reason_for_name(referral.referrer_agency) if blocks and referral else None,
    )


def _decided_team(
    decision: Decision | None, decided: letter_decision.LetterDecision | None
) -> tuple[tuple[uuid.UUID, uuid.UUID | None], ...]:
    """(agency, professional) of each supporter the group added to the team."""
    if decision is not None:
        added = sorted(decision.supporters, key=lambda sp: (sp.created_at, str(sp.id)))  # as the server's function
        return tuple((sp.agency_id, sp.professional_id) for sp in added)
    return decided.supporters if decided else ()


def _self_referral(referral: Referral | None, people: list[Person]) -> bool:
    """Recorded, or, until someone records it, the referrer's name is a member's."""
    if referral is None:
        return False
    if referral.self_referral_recorded:
        return referral.self_referral_person_id is not None
    return any(is_member_name(referral.referrer_name, p.name) for p in people)


def _adult(person: Person, today: dt.date) -> bool:
    if person.role in ADULT_ROLES:
        return True
    born = person.date_of_birth
    return born is not None and (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) >= 18


def _restricted_agencies(involvements: list[tuple[ProfileInvolvement, str | None]]) -> tuple[str, ...]:
    """The agencies whose involvement with this family is restricted: their
    names only, never what they know."""
    return tuple(
        dict.fromkeys(n for row, agency in involvements if row.restricted for n in (row.agency_name, agency) if n)
    )


def _professional(s: Session, context: _Context, professional_id: uuid.UUID | None) -> Contact | None:
    if professional_id is None:
        return None
    p = existing(s, Professional, professional_id, "professional")
    agency = context.agencies[p.agency_id]
    address = tuple(x for x in (agency.address_line1, agency.address_line2, agency.town, agency.postcode) if x)
    return Contact(p.name, p.job_title, agency.name, address, p.phone or agency.phone, p.email or agency.email)


def _manager(s: Session, context: _Context, lead_id: uuid.UUID | None) -> Contact | None:
    """Who sat at the meeting for the lead's agency, if not the lead."""
    if lead_id is None:
        return None
    lead = existing(s, Professional, lead_id, "professional")
    row = context.attendance.get(lead.agency_id)
    agency = context.agencies[lead.agency_id].name
    if row is None or row.status is AttendanceStatus.APOLOGIES or row.professional_id == lead_id:
        return None
    if row.status is AttendanceStatus.DEPUTY:
        return Contact(row.deputy_name, "deputy at the Case Management Group", agency) if row.deputy_name else None
    person = s.get(Professional, row.professional_id) if row.professional_id else None
    name = person.name if person else row.attendee_name
    return Contact(name, person.job_title if person else None, agency) if name else None


def _referrer(referral: Referral | None) -> Contact | None:
    if referral is None:
        return None
    address = tuple(
        x
        for x in (
            referral.referrer_address_line1,
            referral.referrer_address_line2,
            referral.referrer_town,
            referral.referrer_postcode,
        )
        if x
    )
    return Contact(
        referral.referrer_name,
        referral.referrer_role,
        referral.referrer_agency,
        address,
        referral.referrer_phone,
        referral.referrer_email,
    )


def _needs(s: Session, profile: Profile360 | None) -> tuple[str, ...]:
    if profile is None:
        return ()
    return _need_lines(
        s.scalars(select(ProfileNeed).where(ProfileNeed.profile_id == profile.id).order_by(ProfileNeed.position))
    )


def _need_lines(needs: Iterable[ProfileNeed]) -> tuple[str, ...]:
    return tuple(f"{NEED_AREA_LABELS[n.area]} ({n.level.value}): {n.summary}" for n in needs)


def _involvement_lines(involvements: list[tuple[ProfileInvolvement, str | None]]) -> tuple[str, ...]:
    """Agencies' involvement as the lead professional may read it: never a
    restricted item."""
    out = []
    for i, _ in involvements:
        if i.restricted or i.status is InvolvementStatus.NONE_FOUND:
            continue
        text = f"{i.agency_name}: {i.status.value}"
        if i.worker:
            text += f", {i.worker}"
        if i.summary:
            text += f". {i.summary}"
        out.append(text)
    return tuple(out)


def _with_closure(s: Session, facts: LetterFacts, case: Case) -> LetterFacts:
    """The case's approved closure (not reopened since), for its closure letters."""
    from dataclasses import replace

    from tafdesk.services.closure import MET_WORDS

    closure = s.scalar(
        select(CaseClosure)
        .where(
            CaseClosure.case_id == case.id,
            CaseClosure.status == ClosureStatus.APPROVED,
            CaseClosure.reopened_on.is_(None),
        )
        .order_by(CaseClosure.decided_on.desc())
        .limit(1)
    )
    if closure is None or closure.decided_on is None or case.closed_on is None:
        return facts
    needs = s.scalars(
        select(CaseClosureNeed).where(CaseClosureNeed.closure_id == closure.id).order_by(CaseClosureNeed.position)
    )
    return replace(
        facts,
        closure=ClosureFacts(
            case.closed_on, closure.reason, tuple((n.area.label, MET_WORDS[n.met].lower()) for n in needs)
        ),
    )


def _with_review(s: Session, facts: LetterFacts, case: Case, plan: TafPlan) -> LetterFacts:
    from dataclasses import replace

    if plan.next_review_on is None:
        return facts
    team = list(facts.team[:1]) if facts.lead else []
    for supporter in s.scalars(select(CaseSupporter).where(CaseSupporter.case_id == case.id)):
        p = existing(s, Professional, supporter.professional_id, "professional")
        team.append(f"{p.name}, {existing(s, Agency, p.agency_id, 'agency').name}")
    return replace(facts, team=tuple(team), review=ReviewFacts(plan.next_review_on, plan.plan_version, tuple(team)))


# -- minutes ------------------------------------------------------------------------


def consent_withdrawn_references(s: Session, meeting_id: uuid.UUID) -> set[str]:
    """The case references on the meeting's agenda whose family's consent to
    share no longer holds, for anyone (services/consent.py): what the
    circulation minutes leave out. As things are now, not as they were at the
    meeting: making the document again is sharing again."""
    rows = s.execute(
        select(Case.id, Case.reference)
        .join(AgendaItem, AgendaItem.case_id == Case.id)
        .where(
            AgendaItem.meeting_id == meeting_id,
            select(Consent.id).where(Consent.case_id == Case.id, Consent.withdrawn_on.is_not(None)).exists(),
        )
    ).all()
    return {reference for case_id, reference in rows if sharing_blocks(s, case_id)}


def minutes_summaries(s: Session, meeting_id: uuid.UUID) -> dict[str, str]:
    """For the full minutes: each case's referral reason and profile needs."""
    out = {}
    rows = s.execute(
        select(Case.id, Case.reference)
        .join(AgendaItem, AgendaItem.case_id == Case.id)
        .where(AgendaItem.meeting_id == meeting_id)
    ).all()
    for case_id, reference in rows:
        referral = s.scalar(
            select(Referral).where(Referral.case_id == case_id).order_by(Referral.received_on.desc()).limit(1)
        )
        if referral is None:
            continue
        profile = s.scalar(select(Profile360).where(Profile360.referral_id == referral.id))
        areas = [need.split(":", 1)[0] for need in _needs(s, profile)]
        out[reference] = referral.reason + (f" Needs: {'; '.join(areas)}." if areas else "")
    return out

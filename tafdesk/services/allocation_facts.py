"""From the database to the facts the allocation arithmetic works on.

Loads are read with two grouped queries over open cases (led, supported;
services/open_loads.py), so building the candidate pool costs the same at 400
families as at 10,000.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from tafdesk.allocation.candidates import Candidate, CaseFacts
from tafdesk.allocation.caseload import Load, capacity
from tafdesk.allocation.weights import CaseComplexity, WeightRules, case_weight
from tafdesk.clock import meeting_day
from tafdesk.models import (
    Agency,
    Attendance,
    CandidateWidening,
    Case,
    Level,
    Meeting,
    MemberRole,
    Professional,
    Profile360,
    ProfileInvolvement,
    ProfileMember,
    ProfileNeed,
    ProfileRisk,
    Referral,
    at_table,
)
from tafdesk.services.open_loads import OPEN_STATUSES, OpenLoad, open_loads
from tafdesk.services.shared_settings import weight_rules

LEVEL_ORDER = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}
CHILD_ROLES = (MemberRole.CHILD, MemberRole.YOUNG_PERSON)


def candidates(
    s: Session, *, locality_id: uuid.UUID | None = None, only: uuid.UUID | None = None
) -> list[Candidate[uuid.UUID]]:
    """Every professional (of one locality, or only one of them), with their current load."""
    loads = open_loads(s, only=only)  # every case's weight, whatever the user may see of them
    # One professional's few rows in one statement; everyone's in four (a
    # join would repeat each person for every specialism and leave).
    load = selectinload if only is None else joinedload
    query = (
        select(Professional)
        .options(load(Professional.agency), load(Professional.specialisms), load(Professional.leave))
        .order_by(Professional.family_name, Professional.given_name)
    )
    if locality_id is not None:
        query = query.where(Professional.locality_id == locality_id)
    if only is not None:
        query = query.where(Professional.id == only)
    people = s.scalars(query).unique()
    return [
        Candidate(
            key=p.id,
            name=p.name,
            agency=p.agency_id,
            agency_name=p.agency.name,
            locality=p.locality_id,
            load=Load(
                capacity(p.fte, p.agency.capacity_per_fte, p.capacity),
                loads.get(p.id, OpenLoad()).led_weight,
                loads.get(p.id, OpenLoad()).supported_weight,
            ),
            specialisms=frozenset(sp.area for sp in p.specialisms),
            active=p.active and p.agency.active,
            leave=tuple((lp.starts_on, lp.ends_on) for lp in p.leave),
        )
        for p in people
    ]


@dataclass(frozen=True)
class CandidateSet:
    """Who the meeting may allocate: professionals of its locality whose agency
    is at the table (present or deputised) or that the chair widened the set
    to, active and not on leave on the day. The ranking, the agency round and
    the whole-agenda proposal all draw from this one set."""

    people: list[Candidate]
    widened: dict[uuid.UUID, str]  # agency id -> why the chair included it
    attendance_taken: bool


def meeting_candidates(s: Session, meeting: Meeting, *, only: uuid.UUID | None = None) -> CandidateSet:
    """The meeting's candidate set; `only`: of that professional alone (a
    decision checks its lead without reading everyone else)."""
    day = meeting_day(meeting.starts_at)
    statuses = dict(
        s.execute(select(Attendance.agency_id, Attendance.status).where(Attendance.meeting_id == meeting.id)).all()
    )
    widened = dict(
        s.execute(
            select(CandidateWidening.agency_id, CandidateWidening.reason).where(
                CandidateWidening.meeting_id == meeting.id
            )
        ).all()
    )
    offered = {a for a, status in statuses.items() if at_table(status)} | set(widened)
    people = [
        c
        for c in candidates(s, locality_id=meeting.locality_id, only=only)
        if c.agency in offered and c.active and not any(start <= day <= end for start, end in c.leave)
    ]
    return CandidateSet(people, widened, bool(statuses))


def case_facts(s: Session, case_ids: list[uuid.UUID], rules: WeightRules) -> dict[uuid.UUID, CaseFacts]:
    """What the ranking needs to know about each case, from its newest profile.
    A case already open keeps the weight it was given."""
    cases = {c.id: c for c in s.scalars(select(Case).where(Case.id.in_(case_ids)))}
    newest = _newest_profiles(s, case_ids)
    facts = {}
    for case_id, case in cases.items():
        profile = newest.get(case_id)
        if profile is None:
            facts[case_id] = CaseFacts(case_id, case.complexity_weight, case.locality_id, {})
            continue
        needs: dict = {}
        for need in profile.needs:
            if need.area not in needs or LEVEL_ORDER[need.level] > LEVEL_ORDER[needs[need.area]]:
                needs[need.area] = need.level
        weight = (
            case.complexity_weight if case.status in OPEN_STATUSES else case_weight(_complexity(case, profile), rules)
        )
        facts[case_id] = CaseFacts(
            case_id,
            weight,
            case.locality_id,
            needs,
            agencies={
                i.agency_id: i.status.value
                for i in profile.involvements
                if i.agency_id and i.status.value != "none_found"
            },
            workers=_workers(profile),
            suggested_agency=profile.suggested_lead_agency_id,
        )
    return facts


def weight_of(s: Session, case: Case) -> float:
    """The weight a decision gives the case: an open case keeps its own, a
    new one is weighed from its newest profile, counted in the database (one
    statement: on a shared server each profile table's access rule scans its
    parent, so reading the profile's rows would cost four such scans)."""
    if case.status in OPEN_STATUSES:
        return case.complexity_weight
    counted = _counted_complexity(s, case)
    return case.complexity_weight if counted is None else case_weight(counted, weight_rules(s))


def _counted_complexity(s: Session, case: Case) -> CaseComplexity | None:
    profile = Profile360.id

    def count(*criteria):
        return select(func.count()).where(*criteria).correlate(Profile360).scalar_subquery()

    row = s.execute(
        select(
            Profile360.level_of_need,
            count(ProfileMember.profile_id == profile, ProfileMember.role.in_(CHILD_ROLES)),
            select(func.count(distinct(ProfileNeed.area)))
            .where(ProfileNeed.profile_id == profile, ProfileNeed.level == Level.HIGH)
            .correlate(Profile360)
            .scalar_subquery(),
            count(ProfileRisk.profile_id == profile, ProfileRisk.level == Level.HIGH),
            count(ProfileRisk.profile_id == profile, ProfileRisk.level == Level.MEDIUM),
        )
        .join(Referral, Profile360.referral_id == Referral.id)
        .where(Referral.case_id == case.id)
        .order_by(Referral.received_on.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    level, children, high_needs, high_risks, medium_risks = row
    return CaseComplexity(level or case.level_of_need, children, high_needs, high_risks, medium_risks, case.is_repeat)


def _newest_profiles(s: Session, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, Profile360]:
    """Each case's newest profile with what weighing needs (needs, members,
    risks) and, for ranking, the agencies involved."""
    loads = [
        selectinload(Profile360.needs),
        selectinload(Profile360.members),
        selectinload(Profile360.risks),
        selectinload(Profile360.involvements).selectinload(ProfileInvolvement.members),
    ]
    rows = s.execute(
        select(Referral.case_id, Profile360)
        .join(Profile360, Profile360.referral_id == Referral.id)
        .where(Referral.case_id.in_(case_ids))
        .order_by(Referral.received_on)
        .options(*loads)
    ).all()
    return {case_id: profile for case_id, profile in rows if case_id}  # later rows replace earlier: the newest wins


def _complexity(case: Case, profile: Profile360) -> CaseComplexity:
    return CaseComplexity(
        level_of_need=profile.level_of_need or case.level_of_need,
        children=sum(m.role in CHILD_ROLES for m in profile.members),
        high_needs=len({n.area for n in profile.needs if n.level is Level.HIGH}),
        high_risks=sum(r.level is Level.HIGH for r in profile.risks),
        medium_risks=sum(r.level is Level.MEDIUM for r in profile.risks),
        repeat=case.is_repeat,
    )


def _workers(profile: Profile360) -> dict[str, str]:
    """Workers named in current involvement: 'Kai (Education Welfare, current)'."""
    workers = {}
    for item in profile.involvements:
        if item.worker and item.status.value == "current":
            who = " and ".join(m.given_name for m in item.members) or f"the {profile.family_name} family"
            workers[item.worker] = f"{who} ({item.agency_name}, current)"
    return workers


def agency_names(s: Session) -> dict[uuid.UUID, str]:
    return dict(s.execute(select(Agency.id, Agency.name)).all())

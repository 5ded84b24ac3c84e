"""The people around a plan, and moving plan content in and out of the tables.

Who may see or change a plan is the need-to-know check's (services/scope.py):
the locality's managers, or a lead professional in the family's Team Around
the Family (its lead or a supporter).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tafdesk.ids import new_id
from tafdesk.models import (
    Agency,
    Case,
    CaseSupporter,
    ConsentStatus,
    Person,
    Professional,
    Profile360,
    Referral,
    TafAction,
    TafOutcome,
    TafPlan,
)
from tafdesk.plans.content import ActionItem, OutcomeItem, Owner, PlanContent
from tafdesk.plans.view import FamilyMember, PlanPeople, TeamMember
from tafdesk.services import scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.intake_queue import age_text
from tafdesk.services.lookup import existing


def editable_case(s: Session, actor: Actor, case_id: uuid.UUID, doing: str = "change the plan") -> Case:
    """The case, if the actor may change its plan (or do `doing`, which reads on
    with "of a family"); else refused, saying why."""
    actor.require(Permission.EDIT_PLANS)
    return scope.case(s, actor, case_id, doing)


def team_ids(s: Session, case: Case) -> list[uuid.UUID]:
    """The Team Around the Family: its lead first, then its supporters."""
    supporters = s.scalars(select(CaseSupporter.professional_id).where(CaseSupporter.case_id == case.id)).all()
    return [p for p in (case.lead_professional_id, *supporters) if p]


def plan_people(s: Session, case: Case, today: dt.date) -> PlanPeople:
    people = s.scalars(select(Person).where(Person.family_id == case.family_id).order_by(Person.position))
    family = tuple(
        FamilyMember(
            p.name,
            p.role.value.replace("_", " "),
            p.relationship_,
            age_text(p.date_of_birth, p.expected_date, today),
            p.lives_in_household,
        )
        for p in people
    )
    team = []
    for index, professional_id in enumerate(team_ids(s, case)):
        p = existing(s, Professional, professional_id, "professional")
        team.append(
            TeamMember(
                p.name,
                "Lead professional" if index == 0 and case.lead_professional_id else "Supporting",
                existing(s, Agency, p.agency_id, "agency").name,
                p.email,
                p.phone,
            )
        )
    return PlanPeople(family, tuple(team))


def owner_choices(s: Session, case: Case) -> list[Owner]:
    """Who an action can belong to: the team, their agencies, and the family."""
    owners, agencies = [], {}
    for professional_id in team_ids(s, case):
        p = existing(s, Professional, professional_id, "professional")
        agency = existing(s, Agency, p.agency_id, "agency")
        owners.append(Owner("professional", p.id, f"{p.name} ({agency.name})"))
        agencies[agency.id] = agency.name
    owners += [Owner("agency", agency_id, name) for agency_id, name in sorted(agencies.items(), key=lambda kv: kv[1])]
    owners += [
        Owner("person", p.id, f"{p.name} (family)")
        for p in s.scalars(select(Person).where(Person.family_id == case.family_id).order_by(Person.position))
    ]
    return owners


def load_content(s: Session, plan: TafPlan) -> PlanContent:
    outcomes = s.scalars(select(TafOutcome).where(TafOutcome.plan_id == plan.id).order_by(TafOutcome.position)).all()
    actions = s.scalars(select(TafAction).where(TafAction.plan_id == plan.id).order_by(TafAction.position)).all()
    owners = _owners_held(s, actions)  # noqa: F841 (held: the identity map keeps only what is referenced)
    return PlanContent(
        voice_of_child=plan.voice_of_child,
        voice_of_parents=plan.voice_of_parents,
        strengths=plan.strengths,
        consent_confirmed_on=plan.consent_confirmed_on,
        review_interval_weeks=plan.review_interval_weeks,
        outcomes=tuple(OutcomeItem(o.id, o.area, o.need, o.outcome_wanted) for o in outcomes),
        actions=tuple(
            ActionItem(
                a.id,
                a.description,
                a.outcome_id,
                _owner(s, a),
                a.starts_on,
                a.due_on,
                a.measure,
                a.status,
                a.dropped_reason,
            )
            for a in actions
        ),
    )


def _owners_held(s: Session, actions) -> list:
    """The actions' owners read in three statements, not one each: while the
    list is held, _owner's gets find them in the session's identity map."""
    professionals = s.scalars(
        select(Professional).where(Professional.id.in_({a.owner_professional_id for a in actions} - {None}))
    ).all()
    agency_ids = {a.owner_agency_id for a in actions} | {p.agency_id for p in professionals}
    agencies = s.scalars(select(Agency).where(Agency.id.in_(agency_ids - {None}))).all()
    persons = s.scalars(select(Person).where(Person.id.in_({a.owner_person_id for a in actions} - {None}))).all()
    return [*professionals, *agencies, *persons]


def _owner(s: Session, action: TafAction) -> Owner | None:
    if action.owner_professional_id:
        p = existing(s, Professional, action.owner_professional_id, "professional")
        return Owner("professional", p.id, f"{p.name} ({existing(s, Agency, p.agency_id, 'agency').name})")
    if action.owner_agency_id:
        return Owner("agency", action.owner_agency_id, existing(s, Agency, action.owner_agency_id, "agency").name)
    if action.owner_person_id:
        return Owner(
            "person", action.owner_person_id, f"{existing(s, Person, action.owner_person_id, 'person').name} (family)"
        )
    return None


def write_content(
    s: Session, plan: TafPlan, content: PlanContent, *, copy: bool = False, ids: dict | None = None
) -> None:
    """Replace the plan's content. With copy, outcomes and actions get new ids
    (those `ids` gives by the copied item's id, else fresh ones) and remember
    the ones they were copied from; otherwise they keep theirs."""
    origins: dict[uuid.UUID, uuid.UUID | None]  # each outcome's and action's id: the one it was copied from
    if copy:
        given = ids or {}
        new_ids = {o.id: given.get(o.id) or new_id() for o in content.outcomes}
        new_ids |= {a.id: given.get(a.id) or new_id() for a in content.actions}
        origins = {new: old for old, new in new_ids.items()}
    else:
        origins = dict(
            s.execute(select(TafOutcome.id, TafOutcome.copied_from_id).where(TafOutcome.plan_id == plan.id)).all()
        )
        origins.update(
            s.execute(select(TafAction.id, TafAction.copied_from_id).where(TafAction.plan_id == plan.id)).all()
        )
        new_ids = {}
    s.execute(delete(TafAction).where(TafAction.plan_id == plan.id))
    s.execute(delete(TafOutcome).where(TafOutcome.plan_id == plan.id))
    plan.voice_of_child, plan.voice_of_parents, plan.strengths = (
        content.voice_of_child,
        content.voice_of_parents,
        content.strengths,
    )
    plan.consent_confirmed_on, plan.review_interval_weeks = content.consent_confirmed_on, content.review_interval_weeks
    for position, o in enumerate(content.outcomes):
        oid = new_ids.get(o.id, o.id)
        s.add(
            TafOutcome(
                id=oid,
                plan_id=plan.id,
                position=position,
                area=o.area,
                need=o.need,
                outcome_wanted=o.outcome_wanted,
                copied_from_id=origins.get(oid),
            )
        )
    s.flush()
    for position, a in enumerate(content.actions):
        aid = new_ids.get(a.id, a.id)
        owner = a.owner
        s.add(
            TafAction(
                id=aid,
                plan_id=plan.id,
                position=position,
                description=a.description,
                outcome_id=new_ids.get(a.outcome_id, a.outcome_id) if a.outcome_id else None,
                owner_professional_id=owner.id if owner and owner.kind == "professional" else None,
                owner_agency_id=owner.id if owner and owner.kind == "agency" else None,
                owner_person_id=owner.id if owner and owner.kind == "person" else None,
                starts_on=a.starts_on,
                due_on=a.due_on,
                measure=a.measure,
                status=a.status,
                dropped_reason=a.dropped_reason,
                copied_from_id=origins.get(aid),
            )
        )
    s.flush()


def first_draft(s: Session, case: Case) -> PlanContent:
    """A plan begun from the family's newest 360° profile: its needs become
    outcomes to fill in, its strengths and views carried over."""
    row = s.execute(
        select(Profile360, Referral)
        .join(Referral, Referral.id == Profile360.referral_id)
        .where(Referral.case_id == case.id)
        .order_by(Referral.received_on.desc())
        .limit(1)
    ).first()
    if row is None:
        return PlanContent()
    profile, referral = row
    consent = referral.consent_date if referral.consent_status is ConsentStatus.GIVEN else None
    from tafdesk.services.assessments import needs_as_outcomes, newest_assessments

    outcomes = tuple(OutcomeItem(new_id(), n.area, n.summary, "") for n in profile.needs)
    # An Early Help Assessment's needs (with their levels) join the profile's.
    outcomes += needs_as_outcomes(s, newest_assessments(s, case.id)[:1], outcomes)
    return PlanContent(
        voice_of_parents=profile.family_views,
        strengths="\n".join(st.text for st in profile.strengths) or None,
        consent_confirmed_on=consent,
        outcomes=outcomes,
    )

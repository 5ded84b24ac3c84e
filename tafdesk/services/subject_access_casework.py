"""A subject access request's items from the casework: the family's cases,
what the Case Management Group said and decided about them, and their TAF
plans (see services/subject_access_sections.py for the items themselves)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy import select

from tafdesk import models as m
from tafdesk.plans.dates import long_day
from tafdesk.services.subject_access_sections import Item, Names, item

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _professional(s: Session, professional_id) -> str | None:
    found = s.get(m.Professional, professional_id) if professional_id else None
    return f"{found.given_name} {found.family_name}" if found else None


def cases(s: Session, family: m.Family) -> Iterator[Item]:
    for c in s.scalars(select(m.Case).where(m.Case.family_id == family.id).order_by(m.Case.opened_on)):
        team = [_professional(s, x.professional_id) for x in c.supporters]
        yield item(
            "Cases",
            f"Case {c.reference}",
            [
                ("Status", c.status),
                ("Opened", c.opened_on),
                ("Closed", c.closed_on),
                ("Why it closed", c.closure_reason),
                ("Level of need", c.level_of_need),
                ("A repeat referral", c.is_repeat or None),
                ("Lead professional", _professional(s, c.lead_professional_id)),
                ("Team", ", ".join(t for t in team if t)),
                ("Front door note", c.front_door_note),
                ("Why consent was overridden", c.consent_override_reason),
                ("Back to the group because", c.review_flag),
                ("Review note", c.review_note),
            ],
        )


def meetings(s: Session, family: m.Family, names: Names) -> Iterator[Item]:
    from tafdesk.clock import LOCAL_TIME

    rows = s.execute(
        select(m.AgendaItem, m.Meeting, m.Locality.name, m.Case.reference)
        .join(m.Meeting, m.Meeting.id == m.AgendaItem.meeting_id)
        .join(m.Locality, m.Locality.id == m.Meeting.locality_id)
        .join(m.Case, m.Case.id == m.AgendaItem.case_id)
        .where(m.Case.family_id == family.id)
        .order_by(m.Meeting.starts_at)
    )
    for agenda, meeting, locality, reference in rows:
        title = f"{locality} meeting, {long_day(meeting.starts_at.astimezone(LOCAL_TIME).date())}: case {reference}"
        d = agenda.decision
        texts = (agenda.reason, agenda.minute_text, *((d.rationale, d.deferral_reason) if d else ()))
        yield item(
            "Meetings and decisions",
            title,
            [
                ("On the agenda as", agenda.kind),
                ("Why", agenda.reason),
                ("Minuted as", agenda.minute_text),
                *(_decision(s, d) if d else ()),
            ],
            names.in_text(*texts) or None,
        )
        for a in d.actions if d else ():
            yield item(
                "Meetings and decisions",
                f"{title}: action",
                [
                    ("Action", a.description),
                    ("Who", a.owner_name or _professional(s, a.owner_professional_id)),
                    ("By", a.due_on),
                    ("Done", a.done),
                ],
                names.in_text(a.description, a.owner_name) or None,
            )


def _decision(s: Session, d: m.Decision) -> list[tuple[str, object]]:
    agency = s.get(m.Agency, d.lead_agency_id) if d.lead_agency_id else None
    return [
        ("Decided", d.outcome),
        ("When", d.decided_at),
        ("Rationale", d.rationale),
        ("Lead professional", _professional(s, d.lead_professional_id)),
        ("Lead agency", agency.name if agency else None),
        ("Deferred until", d.deferred_until),
        ("Why deferred", d.deferral_reason),
        ("Over a professional's capacity because", d.capacity_override_reason),
        ("Agencies widened", d.widening_note),
    ]


def plans(s: Session, family: m.Family, names: Names) -> Iterator[Item]:
    rows = s.execute(
        select(m.TafPlan, m.Case.reference)
        .join(m.Case, m.Case.id == m.TafPlan.case_id)
        .where(m.Case.family_id == family.id)
        .order_by(m.Case.reference, m.TafPlan.plan_version)
    )
    for plan, reference in rows:
        title = f"TAF plan for {reference}, version {plan.plan_version}"
        yield item(
            "TAF plans",
            title,
            [
                ("Status", plan.status),
                ("Agreed", plan.agreed_on),
                ("Agreed by", plan.agreed_by),
                ("Consent confirmed", plan.consent_confirmed_on),
                ("Reviewed every (weeks)", plan.review_interval_weeks),
                ("Next review", plan.next_review_on),
                ("The child's voice", plan.voice_of_child),
                ("The parents' voice", plan.voice_of_parents),
                ("Strengths", plan.strengths),
                ("Closed", plan.closed_on),
                ("Why it closed", plan.closure_reason),
            ],
        )
        for o in plan.outcomes:
            yield item(
                "TAF plans",
                f"{title}: {o.area.label}",
                [("Need", o.need), ("Outcome wanted", o.outcome_wanted)],
                names.in_text(o.need, o.outcome_wanted) or None,
            )
        for a in plan.actions:
            named = names.in_text(a.description, a.measure) | ({a.owner_person_id} if a.owner_person_id else set())
            yield item(
                "TAF plans",
                f"{title}: action",
                [
                    ("Action", a.description),
                    ("Measure", a.measure),
                    ("Owner", _owner(s, a)),
                    ("Starts", a.starts_on),
                    ("Due", a.due_on),
                    ("Status", a.status),
                    ("Why dropped", a.dropped_reason),
                ],
                named or None,
            )
        for r in plan.reviews:
            yield item(
                "TAF plans",
                f"{title}: review of {long_day(r.held_on)}",
                [
                    ("Who came", r.attendees),
                    ("Notes", r.notes),
                    (
                        "Scores",
                        ", ".join(f"{x.area.label} {x.score}" for x in sorted(r.scores, key=lambda x: x.area.value)),
                    ),
                    (
                        "Progress",
                        "; ".join(f"{x.rag.value}{f': {x.comment}' if x.comment else ''}" for x in r.progress),
                    ),
                ],
                names.in_text(r.attendees, r.notes, *(x.comment for x in r.progress)) or None,
            )


def _owner(s: Session, action: m.TafAction) -> str | None:
    if action.owner_person_id:
        person = s.get(m.Person, action.owner_person_id)
        return person.name if person else None
    if action.owner_professional_id:
        return _professional(s, action.owner_professional_id)
    agency = s.get(m.Agency, action.owner_agency_id) if action.owner_agency_id else None
    return agency.name if agency else None

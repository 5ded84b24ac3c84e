"""A family's chronology: what tafdesk holds about it, merged in date order.

Referrals and their 360° profiles, front-door decisions, the meeting's
decisions, case notes, plan versions and reviews, letters and documents made
(and sent), outcomes evidenced, and closure (proposed, approved or returned)
and reopening. Each entry has its date, its type, a one-line
summary and whether it is restricted (withheld from the edition for other
agencies). Everyone allowed to see the family sees its chronology, each of
the parts their role reads: a lead professional, whose role does not read
the group's decisions or letters, sees their plan documents but not those;
only the team and the locality's managers read case notes.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.clock import meeting_day
from tafdesk.db import Database
from tafdesk.models import (
    Agency,
    AgendaItem,
    AgendaKind,
    AssessmentChild,
    Case,
    CaseClosure,
    ClosureReason,
    ClosureStatus,
    Consent,
    ConsentPurpose,
    Decision,
    DocumentType,
    EarlyHelpAssessment,
    Family,
    GeneratedDocument,
    GroupRequest,
    LeadChange,
    Person,
    PlanStatus,
    Professional,
    Profile360,
    Referral,
    TafPlan,
    TafReview,
    TransitionPlan,
)
from tafdesk.services import scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.case_notes import NOTE_TYPE_WORDS, current_notes
from tafdesk.services.minutes import OUTCOME_WORDS
from tafdesk.services.outcome_evidence import case_evidence
from tafdesk.services.views import Looks


class EntryType(enum.StrEnum):
    REFERRAL = "Referral"
    PROFILE = "360° profile"
    FRONT_DOOR = "Front door"
    MEETING = "Meeting decision"
    NOTE = "Case note"
    PLAN = "Plan"
    REVIEW = "Plan review"
    DOCUMENT = "Letter or document"
    REQUEST = "Request to the group"
    LEAD_CHANGE = "Change of lead"
    CONSENT = "Consent"
    ASSESSMENT = "Early Help Assessment"
    OUTCOME = "Outcome evidenced"
    CLOSURE = "Closure"
    REOPENING = "Reopening"


ORDER = {kind: n for n, kind in enumerate(EntryType)}
CLOSURE_WORDS = {
    ClosureReason.NEEDS_MET: "needs met",
    ClosureReason.INFORMATION_ADVICE_GUIDANCE: "information, advice and guidance",
    ClosureReason.STEPPED_UP: "stepped up to children's social care",
    ClosureReason.STEPPED_DOWN: "stepped down to universal services",
    ClosureReason.DISENGAGED: "the family disengaged",
    ClosureReason.MOVED_AWAY: "the family moved to another council",
    ClosureReason.CONSENT_WITHDRAWN: "the family withdrew consent",
    ClosureReason.MOVED_WITHIN_COUNCIL: "the family moved within the council",
    ClosureReason.OTHER: "other reasons",
}
FRONT_DOOR_REASONS = (
    ClosureReason.INFORMATION_ADVICE_GUIDANCE,
    ClosureReason.STEPPED_UP,
    ClosureReason.STEPPED_DOWN,
)
DOCUMENT_WORDS = {
    DocumentType.TAF_PLAN: "TAF plan",
    DocumentType.LETTER_ALLOCATION: "Allocation letter",
    DocumentType.LETTER_REFERRER: "Outcome letter",
    DocumentType.LETTER_FAMILY: "Letter to the family",
    DocumentType.LETTER_STEP_UP: "Step up letter",
    DocumentType.LETTER_STEP_DOWN: "Step down letter",
    DocumentType.LETTER_IAG: "Information and advice letter",
    DocumentType.LETTER_REVIEW_INVITATION: "TAF review invitation",
    DocumentType.LETTER_CLOSURE_FAMILY: "Closure letter to the family",
    DocumentType.LETTER_CLOSURE_REFERRER: "Closure letter to the referrer",
    DocumentType.CHRONOLOGY_FULL: "Chronology (full edition)",
    DocumentType.CHRONOLOGY_AGENCIES: "Chronology for other agencies",
}


@dataclass(frozen=True)
class Entry:
    on: dt.date
    type: EntryType
    summary: str
    restricted: bool = False
    case_reference: str = ""


@dataclass(frozen=True)
class Chronology:
    case_id: uuid.UUID
    case_reference: str
    family_name: str
    locality_id: uuid.UUID
    entries: tuple[Entry, ...]

    def of_types(self, types: Iterable[EntryType] | None) -> tuple[Entry, ...]:
        if types is None:
            return self.entries
        wanted = set(types)
        return tuple(e for e in self.entries if e.type in wanted)


class ChronologyService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor
        self._looks = Looks(db, actor)

    def chronology(self, case_id: uuid.UUID, types: Iterable[EntryType] | None = None) -> Chronology:
        """The family's chronology, from the case asked for and the family's
        other cases the actor may see; `types` keeps only those."""
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "see the chronology")
        self._looks.record("chronology.viewed", "case", case_id, "The family's chronology")
        with self._db.reader() as s:
            found = self._gather(s, case_id)
        return Chronology(
            found.case_id, found.case_reference, found.family_name, found.locality_id, found.of_types(types)
        )

    def _gather(self, s: Session, case_id: uuid.UUID) -> Chronology:
        case = s.get_one(Case, case_id)
        family_name = s.scalar(select(Family.family_name).where(Family.id == case.family_id)) or ""
        cases = list(s.scalars(select(Case).where(Case.family_id == case.family_id, scope.case_rows(self._actor))))
        if case not in cases:
            cases.append(case)
        refs = {c.id: c.reference for c in cases}
        ids = list(refs)
        entries: list[Entry] = []
        entries += _referrals(s, case.family_id)
        closures = list(s.scalars(select(CaseClosure).where(CaseClosure.case_id.in_(ids))))
        entries += _cases(cases, {c.case_id for c in closures if c.status is ClosureStatus.APPROVED})
        entries += _closures(closures, refs)
        entries += _outcomes(s, ids, refs)
        lead = scope.by_own_cases(self._actor)
        if not lead:  # the group's own records: a lead professional's role does not read them
            entries += _decisions(s, ids, refs)
        if self._actor.can(Permission.READ_CASE_NOTES):
            entries += _notes(s, ids, refs)
        entries += _plans(s, ids, refs)
        entries += _documents(s, ids, refs, plans_only=lead)
        entries += _requests(s, ids, refs)
        entries += _lead_changes(s, ids, refs)
        entries += _consents(s, ids, refs)
        entries += _assessments(s, ids, refs)
        entries.sort(key=lambda e: (e.on, ORDER[e.type]))
        return Chronology(case.id, case.reference, family_name, case.locality_id, tuple(entries))


def _referrals(s: Session, family_id: uuid.UUID) -> list[Entry]:
    entries = []
    rows = s.execute(
        select(Referral, Profile360.compiled_at, Profile360.compiled_by_agency, Profile360.level_of_need)
        .outerjoin(Profile360, Profile360.referral_id == Referral.id)
        .where(Referral.family_id == family_id)
    )
    for referral, compiled_at, agency, level in rows:
        who = ", ".join(x for x in (referral.referrer_name, referral.referrer_agency) if x)
        entries.append(Entry(referral.received_on, EntryType.REFERRAL, f"Referral from {who}: {referral.reason}"))
        if compiled_at is not None:
            by = f" by {agency}" if agency else ""
            need = f"; level of need {level}" if level else ""
            entries.append(Entry(meeting_day(compiled_at), EntryType.PROFILE, f"360° profile compiled{by}{need}"))
    return entries


def _cases(cases: list[Case], closed_by_approval: set[uuid.UUID]) -> list[Entry]:
    """Closures at the front door or by a meeting; those approved from a
    lead's proposal are the closures' own entries (_closures)."""
    entries = []
    for case in cases:
        if case.closed_on is None or case.closure_reason is None or case.id in closed_by_approval:
            continue
        words = CLOSURE_WORDS.get(case.closure_reason, case.closure_reason.value.replace("_", " "))
        if case.front_door_note and case.closure_reason in FRONT_DOOR_REASONS:
            entries.append(
                Entry(
                    case.closed_on,
                    EntryType.FRONT_DOOR,
                    f"{case.reference}: {words}: {case.front_door_note}",
                    case_reference=case.reference,
                )
            )
        else:
            entries.append(
                Entry(
                    case.closed_on,
                    EntryType.CLOSURE,
                    f"{case.reference} closed: {words}",
                    case_reference=case.reference,
                )
            )
    return entries


def _closures(closures: list[CaseClosure], refs: dict[uuid.UUID, str]) -> list[Entry]:
    entries = []
    for c in closures:
        ref = refs[c.case_id]
        why = CLOSURE_WORDS.get(c.reason, c.reason.value.replace("_", " "))
        entries.append(
            Entry(
                c.proposed_on,
                EntryType.CLOSURE,
                f"{ref}: closing proposed by {c.proposed_by_name}: {why}",
                case_reference=ref,
            )
        )
        if c.status is ClosureStatus.APPROVED and c.decided_on:
            text = f"{ref} closed, approved by {c.decided_by_name}: {why}. {c.summary} Family's view: {c.family_view}"
            entries.append(Entry(c.decided_on, EntryType.CLOSURE, text, case_reference=ref))
        elif c.status is ClosureStatus.RETURNED and c.decided_on:
            text = f"{ref}: closing returned to the lead by {c.decided_by_name}: {c.returned_why}"
            entries.append(Entry(c.decided_on, EntryType.CLOSURE, text, case_reference=ref))
        if c.reopened_on is not None:
            text = f"{ref} reopened by {c.reopened_by_name}: {c.reopen_reason}"
            entries.append(Entry(c.reopened_on, EntryType.REOPENING, text, case_reference=ref))
    return entries


def _outcomes(s: Session, ids: list[uuid.UUID], refs: dict[uuid.UUID, str]) -> list[Entry]:
    return [
        Entry(
            e.recorded_on,
            EntryType.OUTCOME,
            f"Outcome evidenced by {e.recorded_by}: {e.words}",
            case_reference=refs[e.case_id],
        )
        for e in case_evidence(s, ids)
    ]


def _decisions(s: Session, ids: list[uuid.UUID], refs: dict[uuid.UUID, str]) -> list[Entry]:
    entries = []
    for item in s.scalars(
        select(AgendaItem).where(AgendaItem.case_id.in_(ids), AgendaItem.kind == AgendaKind.NEW_PROFILE)
    ):
        entries.append(
            Entry(
                meeting_day(item.created_at),
                EntryType.FRONT_DOOR,
                f"{refs[item.case_id]}: sent to the case management group",
                case_reference=refs[item.case_id],
            )
        )
    rows = s.execute(
        select(Decision, Professional.given_name, Professional.family_name)
        .outerjoin(Professional, Professional.id == Decision.lead_professional_id)
        .where(Decision.case_id.in_(ids))
    )
    for decision, given, family in rows:
        text = OUTCOME_WORDS[decision.outcome]
        if given:
            text += f"; lead professional {given} {family}"
        if decision.rationale:
            text += f". {decision.rationale}"
        entries.append(
            Entry(meeting_day(decision.decided_at), EntryType.MEETING, text, case_reference=refs[decision.case_id])
        )
    return entries


def _notes(s: Session, ids: list[uuid.UUID], refs: dict[uuid.UUID, str]) -> list[Entry]:
    entries = []
    for note in current_notes(s, ids):
        text = f"{NOTE_TYPE_WORDS[note.note_type]}"
        if note.who_seen:
            text += f" (seen: {note.who_seen})"
        text += f": {note.summary}"
        if note.corrects_id is not None:
            text += " [corrected]"
        entries.append(Entry(note.contact_on, EntryType.NOTE, text, note.restricted, refs[note.case_id]))
    return entries


def _plans(s: Session, ids: list[uuid.UUID], refs: dict[uuid.UUID, str]) -> list[Entry]:
    entries = []
    plans = list(s.scalars(select(TafPlan).where(TafPlan.case_id.in_(ids))))
    for plan in plans:
        ref = refs[plan.case_id]
        if plan.agreed_on is not None:
            entries.append(
                Entry(plan.agreed_on, EntryType.PLAN, f"Plan version {plan.plan_version} agreed", case_reference=ref)
            )
        if plan.closed_on is not None and plan.status is PlanStatus.CLOSED:
            why = CLOSURE_WORDS.get(plan.closure_reason, "") if plan.closure_reason else ""
            entries.append(
                Entry(plan.closed_on, EntryType.PLAN, f"Plan closed{': ' + why if why else ''}", case_reference=ref)
            )
    versions = {p.id: (p.plan_version, refs[p.case_id]) for p in plans}
    if versions:
        for review in s.scalars(select(TafReview).where(TafReview.plan_id.in_(list(versions)))):
            number, ref = versions[review.plan_id]
            entries.append(
                Entry(review.held_on, EntryType.REVIEW, f"TAF review of plan version {number}", case_reference=ref)
            )
    return entries


def _documents(s: Session, ids: list[uuid.UUID], refs: dict[uuid.UUID, str], plans_only: bool) -> list[Entry]:
    query = select(GeneratedDocument).where(GeneratedDocument.case_id.in_(ids))
    if plans_only:
        query = query.where(GeneratedDocument.doc_type == DocumentType.TAF_PLAN)
    entries = []
    for doc in s.scalars(query):
        what = DOCUMENT_WORDS.get(doc.doc_type, doc.doc_type.value.replace("_", " "))
        to = f" to {doc.recipient}" if doc.recipient else ""
        if doc.sent_on is not None:
            how = f" by {doc.sent_how.value.replace('_', ' ')}" if doc.sent_how else ""
            text, on = f"{what} sent{to}{how}", doc.sent_on
        else:
            text, on = f"{what} made{to} ({doc.doc_format.value.upper()})", meeting_day(doc.generated_at)
        entries.append(Entry(on, EntryType.DOCUMENT, text, case_reference=refs[doc.case_id or ids[0]]))
    return entries


def _requests(s: Session, ids: list[uuid.UUID], refs: dict[uuid.UUID, str]) -> list[Entry]:
    """Requests raised, the group's answers, step-up referrals and their outcomes."""
    from tafdesk.services.requests import KIND_WORDS, REFERRAL_WORDS, VERDICT_WORDS

    entries = []
    for r in s.scalars(select(GroupRequest).where(GroupRequest.case_id.in_(ids))):
        ref, kind = refs[r.case_id], KIND_WORDS[r.kind]
        entries.append(Entry(r.raised_on, EntryType.REQUEST, f"{kind} raised by {r.raised_by}: {r.reason}", False, ref))
        if r.decided_at is not None:
            text = f"{kind} {VERDICT_WORDS[r.state]} by the case management group"
            if r.deferred_until:
                text += f" (to {r.deferred_until:%d %b %Y})"
            entries.append(Entry(meeting_day(r.decided_at), EntryType.REQUEST, f"{text}: {r.rationale}", False, ref))
        if r.referred_on is not None:
            entries.append(Entry(r.referred_on, EntryType.REQUEST, "Referred to children's social care", False, ref))
        if r.referral_outcome is not None and r.referral_outcome_on is not None:
            note = f": {r.referral_note}" if r.referral_note else ""
            entries.append(
                Entry(
                    r.referral_outcome_on,
                    EntryType.REQUEST,
                    f"Children's social care's answer to the referral: {REFERRAL_WORDS[r.referral_outcome].lower()}{note}",
                    False,
                    ref,
                )
            )
    return entries


def _lead_changes(s: Session, ids: list[uuid.UUID], refs: dict[uuid.UUID, str]) -> list[Entry]:
    entries = []
    rows = s.execute(
        select(LeadChange, Professional.given_name, Professional.family_name)
        .join(Professional, Professional.id == LeadChange.to_lead_id)
        .where(LeadChange.case_id.in_(ids))
    )
    for change, given, family in rows:
        ref = refs[change.case_id]
        entries.append(
            Entry(
                change.proposed_on,
                EntryType.LEAD_CHANGE,
                f"{given} {family} proposed as lead professional by {change.proposed_by}: {change.reason}",
                False,
                ref,
            )
        )
        if change.answered_on is not None:
            entries.append(
                Entry(
                    change.answered_on,
                    EntryType.LEAD_CHANGE,
                    f"Change of lead to {given} {family} {change.state.value} by {change.answered_by}",
                    False,
                    ref,
                )
            )
    for plan in s.scalars(select(TransitionPlan).where(TransitionPlan.case_id.in_(ids))):
        entries.append(
            Entry(
                plan.recorded_on,
                EntryType.LEAD_CHANGE,
                f"Stepped down from children's social care: social worker {plan.social_worker_name}; "
                f"joint visit on {plan.joint_visit_on:%d %b %Y}",
                False,
                refs[plan.case_id],
            )
        )
    return entries


def _consents(s: Session, ids: list[uuid.UUID], refs: dict[uuid.UUID, str]) -> list[Entry]:
    from tafdesk.services.consent import METHOD_WORDS

    entries = []
    rows = s.execute(
        select(Consent, Person.given_name, Person.family_name, Agency.name)
        .join(Person, Person.id == Consent.person_id)
        .outerjoin(Agency, Agency.id == Consent.agency_id)
        .where(Consent.case_id.in_(ids))
    )
    for consent, given, family, agency in rows:
        whom = "the Team Around the Family" if consent.purpose is ConsentPurpose.TAF else agency
        ref = refs[consent.case_id]
        how = METHOD_WORDS[consent.given_how].lower()
        entries.append(
            Entry(
                consent.given_on,
                EntryType.CONSENT,
                f"{given} {family} consented ({how}) to sharing with {whom}",
                case_reference=ref,
            )
        )
        if consent.withdrawn_on is not None:
            how = METHOD_WORDS[consent.withdrawn_how].lower() if consent.withdrawn_how else ""
            entries.append(
                Entry(
                    consent.withdrawn_on,
                    EntryType.CONSENT,
                    f"{given} {family} withdrew consent ({how}) to sharing with {whom}",
                    case_reference=ref,
                )
            )
    return entries


def _assessments(s: Session, ids: list[uuid.UUID], refs: dict[uuid.UUID, str]) -> list[Entry]:
    entries = []
    assessments = list(s.scalars(select(EarlyHelpAssessment).where(EarlyHelpAssessment.case_id.in_(ids))))
    names: dict[uuid.UUID, list[str]] = {}
    if assessments:
        for assessment_id, given in s.execute(
            select(AssessmentChild.assessment_id, Person.given_name)
            .join(Person, Person.id == AssessmentChild.person_id)
            .where(AssessmentChild.assessment_id.in_([a.id for a in assessments]))
            .order_by(AssessmentChild.position)
        ):
            names.setdefault(assessment_id, []).append(given)
    for a in assessments:
        of = "the family" if a.whole_family else ", ".join(names.get(a.id, [])) or "a child"
        ref = refs[a.case_id]
        entries.append(
            Entry(
                a.started_on,
                EntryType.ASSESSMENT,
                f"Early Help Assessment of {of} started by {a.organisation_name}",
                case_reference=ref,
            )
        )
        if a.completed_on is not None:
            entries.append(
                Entry(
                    a.completed_on, EntryType.ASSESSMENT, f"Early Help Assessment of {of} completed", case_reference=ref
                )
            )
    return entries

"""Changing a case's lead professional, or moving it to another locality,
outside a meeting; and the transition plan of a case stepped down from
children's social care.

A locality manager of the case's locality proposes the new lead (whose own
locality becomes the case's); the receiving professional, or a locality
manager of the receiving locality, accepts or declines it. Accepting makes
them the lead from that day (the allocation letter's promises run from it),
is audited on the proposal and on the case, and the letters to the family
and to the new lead are then made (DocumentService.produce_lead_change_letters).
One proposal waits per case at a time; a second answer to the same proposal
is refused (the row is locked and its version checked).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from tafdesk.models import (
    Case,
    Family,
    LeadChange,
    LeadChangeState,
    Locality,
    Professional,
    Role,
    TransitionPlan,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from tafdesk.services.locks import lock_row
from tafdesk.services.open_loads import OPEN_STATUSES

TEXT_MAX = 4000
NAME_MAX = 160
CONTACT_MAX = 200


@dataclass(frozen=True)
class LeadChangeRow:
    id: uuid.UUID
    version: int
    case_id: uuid.UUID
    case_reference: str
    family_name: str
    from_lead: str | None
    to_lead: str
    to_lead_id: uuid.UUID
    from_locality: str
    to_locality: str
    reason: str
    state: LeadChangeState
    proposed_on: dt.date
    proposed_by: str
    answered_on: dt.date | None
    answered_by: str | None
    answer_note: str | None

    @property
    def moves_locality(self) -> bool:
        return self.from_locality != self.to_locality


@dataclass(frozen=True)
class TransitionView:
    case_id: uuid.UUID
    receiving_lead: str
    receiving_lead_id: uuid.UUID
    social_worker_name: str
    social_worker_contact: str
    joint_visit_on: dt.date
    recorded_on: dt.date
    recorded_by: str


class LeadChangeService(ClockedService):
    # -- reading ------------------------------------------------------------------

    def for_case(self, case_id: uuid.UUID) -> list[LeadChangeRow]:
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "see the changes of lead")
            return _rows(s, LeadChange.case_id == case_id)

    def to_answer(self) -> list[LeadChangeRow]:
        """Proposals waiting for the actor's answer: to them as the receiving
        professional, or (a manager) to a professional of their localities."""
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            waiting = LeadChange.state == LeadChangeState.PROPOSED
            if self._actor.role is Role.LOCALITY_MANAGER or self._actor.is_system:
                return _rows(s, waiting & scope.in_localities(self._actor, LeadChange.to_locality_id))
            if self._actor.professional_id is None:
                return []
            return _rows(s, waiting & (LeadChange.to_lead_id == self._actor.professional_id))

    # -- proposing and answering ---------------------------------------------------------

    def propose(self, case_id: uuid.UUID, to_lead_id: uuid.UUID, reason: str) -> uuid.UUID:
        """A new lead (in their own locality: the case moves there if it differs)."""
        self._actor.require(Permission.CHAIR_MEETING)  # a locality manager's
        reason = (reason or "").strip()
        if len(reason) < 10:
            raise ValidationError({"reason": "Say why the lead professional should change (at least a sentence)."})
        if len(reason) > TEXT_MAX:
            raise ValidationError({"reason": f"Keep the reason to {TEXT_MAX} characters."})
        with self._db.session() as s:
            lock_row(s, Case, case_id)  # two proposals at once: the second sees the first
            case = scope.case(s, self._actor, case_id, "propose a new lead professional")
            if case.status not in OPEN_STATUSES:
                raise ConflictError(f"{case.reference} is not open: only an open case changes its lead.")
            person = s.get(Professional, to_lead_id)
            if person is None:
                raise ValidationError({"to_lead_id": "That professional is not in the directory."})
            if not (person.active and person.agency.active):
                raise ValidationError({"to_lead_id": f"{person.name} is no longer active."})
            if person.id == case.lead_professional_id:
                raise ValidationError({"to_lead_id": f"{person.name} already leads this case."})
            if s.scalar(
                select(LeadChange.id).where(LeadChange.case_id == case_id, LeadChange.state == LeadChangeState.PROPOSED)
            ):
                raise ConflictError(f"A change of lead for {case.reference} is already waiting for an answer.")
            change = LeadChange(
                case_id=case.id,
                locality_id=case.locality_id,
                to_locality_id=person.locality_id,
                from_lead_id=case.lead_professional_id,
                to_lead_id=person.id,
                reason=reason,
                state=LeadChangeState.PROPOSED,
                proposed_on=self.today(),
                proposed_by=self._actor.name,
                proposed_by_id=self._actor.user_id,
            )
            s.add(change)
            s.flush()
            audit.record(
                s,
                self._actor,
                "lead_change.proposed",
                "lead_change",
                change.id,
                {
                    "lead_professional_id": [case.lead_professional_id, person.id],
                    "locality_id": [case.locality_id, person.locality_id],
                    "reason": [None, reason],
                },
                locality_id=case.locality_id,
                case_id=case.id,
            )
            return change.id

    def accept(self, change_id: uuid.UUID, expected_version: int, note: str | None = None) -> None:
        """The receiving professional (or their manager) takes the case on from today."""
        self._answer(change_id, expected_version, LeadChangeState.ACCEPTED, note)

    def decline(self, change_id: uuid.UUID, expected_version: int, note: str) -> None:
        if not (note or "").strip():
            raise ValidationError({"note": "Say why the change of lead is declined."})
        self._answer(change_id, expected_version, LeadChangeState.DECLINED, note)

    def _answer(self, change_id: uuid.UUID, expected_version: int, state: LeadChangeState, note: str | None) -> None:
        self._actor.require(Permission.VIEW_PLANS)
        note = (note or "").strip() or None
        if note and len(note) > TEXT_MAX:
            raise ValidationError({"note": f"Keep the note to {TEXT_MAX} characters."})
        with self._db.session() as s:
            change = s.get(LeadChange, change_id, with_for_update=True, populate_existing=True)
            if change is None:
                raise NotFound("That change of lead is no longer recorded.")
            self._require_receiver(s, change)
            if change.version != expected_version or change.state is not LeadChangeState.PROPOSED:
                raise ConflictError("This change of lead was answered or changed elsewhere. It has been reloaded.")
            case = s.get(Case, change.case_id, with_for_update=True, populate_existing=True)
            if case is None:
                raise NotFound("That case is no longer in the database.")
            if case.lead_professional_id != change.from_lead_id or case.locality_id != change.locality_id:
                raise ConflictError(
                    f"{case.reference}'s lead or locality changed since this was proposed: ask for a new proposal."
                )
            change.state, change.answered_on = state, self.today()
            change.answered_by, change.answered_by_id, change.answer_note = (
                self._actor.name,
                self._actor.user_id,
                note,
            )
            audit.record(
                s,
                self._actor,
                f"lead_change.{state.value}",
                "lead_change",
                change.id,
                {"state": [LeadChangeState.PROPOSED, state], "note": [None, note]},
                locality_id=change.to_locality_id,
                case_id=case.id,
            )
            if state is LeadChangeState.ACCEPTED:
                before = (case.lead_professional_id, case.locality_id)
                case.lead_professional_id, case.locality_id = change.to_lead_id, change.to_locality_id
                case.allocated_on = self.today()
                audit.record(
                    s,
                    self._actor,
                    "case.lead_changed",
                    "case",
                    case.id,
                    {
                        "lead_professional_id": [before[0], change.to_lead_id],
                        "locality_id": [before[1], change.to_locality_id],
                    },
                    locality_id=change.to_locality_id,
                    case_id=case.id,
                )

    def _require_receiver(self, s: Session, change: LeadChange) -> None:
        if self._actor.is_system:
            return
        if self._actor.role is Role.LOCALITY_MANAGER:
            scope.require_locality(s, self._actor, change.to_locality_id, "answer a change of lead")
            return
        if self._actor.professional_id is not None and self._actor.professional_id == change.to_lead_id:
            return
        raise PermissionDenied(
            f"{self._actor.who} may not answer this change of lead: only the receiving professional or their manager."
        )

    # -- a case stepped down from social care ------------------------------------------------

    def record_transition(
        self,
        case_id: uuid.UUID,
        receiving_lead_id: uuid.UUID,
        social_worker_name: str,
        social_worker_contact: str,
        joint_visit_on: dt.date | None,
    ) -> None:
        """At intake: the transition plan a case stepped down from children's
        social care arrives with (made again if corrected)."""
        self._actor.require(Permission.IMPORT_PROFILES)
        name, contact = (social_worker_name or "").strip(), (social_worker_contact or "").strip()
        errors = {}
        if not name:
            errors["social_worker_name"] = "Name the social worker handing the family over."
        elif len(name) > NAME_MAX:
            errors["social_worker_name"] = f"Keep the name to {NAME_MAX} characters."
        if not contact:
            errors["social_worker_contact"] = "Give the social worker's phone number or email."
        elif len(contact) > CONTACT_MAX:
            errors["social_worker_contact"] = f"Keep the contact to {CONTACT_MAX} characters."
        if joint_visit_on is None:
            errors["joint_visit_on"] = "Give the date of the joint visit with the social worker."
        with self._db.session() as s:
            lock_row(s, Case, case_id)
            case = scope.case(s, self._actor, case_id, "record a transition plan")
            person = s.get(Professional, receiving_lead_id)
            if person is None or not person.active:
                errors["receiving_lead_id"] = "Choose an active professional to receive the family."
            elif person.locality_id != case.locality_id:
                errors["receiving_lead_id"] = f"{person.name} works in another locality than this family's."
            if errors:
                raise ValidationError(errors)
            assert joint_visit_on is not None and person is not None  # (refused above otherwise)
            plan = s.scalar(select(TransitionPlan).where(TransitionPlan.case_id == case_id))
            before = None
            if plan is None:
                plan = TransitionPlan(case_id=case.id, locality_id=case.locality_id)
                s.add(plan)
            else:
                before = {"receiving_lead_id": plan.receiving_lead_id, "joint_visit_on": plan.joint_visit_on}
            plan.receiving_lead_id, plan.social_worker_name, plan.social_worker_contact = person.id, name, contact
            plan.joint_visit_on, plan.recorded_on = joint_visit_on, self.today()
            plan.recorded_by, plan.recorded_by_id = self._actor.name, self._actor.user_id
            s.flush()
            audit.record(
                s,
                self._actor,
                "case.transition_plan",
                "transition_plan",
                plan.id,
                {
                    "receiving_lead_id": [before and before["receiving_lead_id"], person.id],
                    "social_worker": [None, name],
                    "joint_visit_on": [before and before["joint_visit_on"], joint_visit_on],
                },
                locality_id=case.locality_id,
                case_id=case.id,
            )

    def transition(self, case_id: uuid.UUID) -> TransitionView | None:
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "see the transition plan")
            row = s.execute(
                select(TransitionPlan, Professional.given_name, Professional.family_name)
                .join(Professional, Professional.id == TransitionPlan.receiving_lead_id)
                .where(TransitionPlan.case_id == case_id)
            ).first()
            if row is None:
                return None
            plan, given, family = row
            return TransitionView(
                plan.case_id,
                f"{given} {family}",
                plan.receiving_lead_id,
                plan.social_worker_name,
                plan.social_worker_contact,
                plan.joint_visit_on,
                plan.recorded_on,
                plan.recorded_by,
            )


def _rows(s: Session, condition) -> list[LeadChangeRow]:
    old, new = aliased(Professional), aliased(Professional)
    here, there = aliased(Locality), aliased(Locality)
    rows = s.execute(
        select(
            LeadChange,
            Case.reference,
            Family.family_name,
            old.given_name,
            old.family_name,
            new.given_name,
            new.family_name,
            here.name,
            there.name,
        )
        .join(Case, Case.id == LeadChange.case_id)
        .join(Family, Family.id == Case.family_id)
        .outerjoin(old, old.id == LeadChange.from_lead_id)
        .join(new, new.id == LeadChange.to_lead_id)
        .join(here, here.id == LeadChange.locality_id)
        .join(there, there.id == LeadChange.to_locality_id)
        .where(condition)
        .order_by(LeadChange.proposed_on.desc(), LeadChange.created_at.desc())
    ).all()
    return [
        LeadChangeRow(
            c.id,
            c.version,
            c.case_id,
            ref,
            fam,
            f"{og} {of}" if og else None,
            f"{ng} {nf}",
            c.to_lead_id,
            here_name,
            there_name,
            c.reason,
            c.state,
            c.proposed_on,
            c.proposed_by,
            c.answered_on,
            c.answered_by,
            c.answer_note,
        )
        for c, ref, fam, og, of, ng, nf, here_name, there_name in rows
    ]

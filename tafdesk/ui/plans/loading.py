"""What the plan screens read, in one go and off the interface thread: the
plan (or a past version), who may own its actions, its versions, and any
draft of it kept on this computer. Plain Python: no Qt here."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from tafdesk.models.enums import NeedArea, PlanStatus
from tafdesk.plans.content import Owner
from tafdesk.plans.view import PlanView, ReviewView
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.case_notes import CaseNotesService
from tafdesk.services.chronology import ChronologyService
from tafdesk.services.chronology_export import ChronologyExport
from tafdesk.services.closure import ClosureService
from tafdesk.services.draft_journal import Draft, DraftJournal
from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.lead_changes import LeadChangeService
from tafdesk.services.locality_cases import LocalityCasesService
from tafdesk.services.my_cases import MyCasesService
from tafdesk.services.offline_held import HeldOfflineService
from tafdesk.services.offline_work import OfflineWork
from tafdesk.services.outcome_evidence import OutcomeEvidenceService
from tafdesk.services.plans import PlanService
from tafdesk.services.requests import RequestService
from tafdesk.services.restricted_text import RestrictedTextService
from tafdesk.ui.plans.edits import with_typed

VersionRow = tuple[uuid.UUID, int, PlanStatus, dt.date | None]


@dataclass(frozen=True)
class CaseRef:
    case_id: uuid.UUID
    reference: str
    family_name: str


@dataclass(frozen=True)
class PlanServices:
    """The services the Cases and TAF plans area is handed."""

    plans: PlanService
    my_cases: MyCasesService
    locality: LocalityCasesService
    journal: DraftJournal
    actor: Actor
    restricted: RestrictedTextService | None = None  # warns as plan text quoting restricted information is typed
    profiles: IntakeQueueService | None = None  # the family's 360° profile, as far as the actor may read it
    notes: CaseNotesService | None = None  # a case's notes, for those who read them
    chronology: ChronologyService | None = None
    chronology_export: ChronologyExport | None = None
    follow_up: FollowUpService | None = None  # the actions a professional owns, marked done or not done
    requests: RequestService | None = None  # requests to the group
    lead_changes: LeadChangeService | None = None  # changes of lead to answer
    closure: ClosureService | None = None  # proposing, approving and reopening the closing of a case
    evidence: OutcomeEvidenceService | None = None  # the evidence of a plan's outcomes
    offline: OfflineWork | None = None  # the person's offline copy, for those with cases of their own
    held_offline: HeldOfflineService | None = None  # offline changes held for a locality manager

    @property
    def may_write_notes(self) -> bool:
        return self.actor.can(Permission.WRITE_CASE_NOTES)

    @property
    def may_produce_documents(self) -> bool:
        return self.actor.can(Permission.PRODUCE_DOCUMENTS)

    @property
    def may_write_to_families(self) -> bool:
        """The letter to the family and the review invitation (services/documents.FAMILY_LETTERS)."""
        return self.actor.can(Permission.PRODUCE_FAMILY_LETTERS)

    @property
    def may_edit(self) -> bool:
        """May edit some plans (which ones, each PlanView says)."""
        return self.actor.can(Permission.EDIT_PLANS)

    @property
    def has_own_cases(self) -> bool:
        return self.actor.professional_id is not None


@dataclass(frozen=True)
class PlanBundle:
    case: CaseRef
    plan: PlanView | None  # None: the case has no plan yet
    owners: tuple[Owner, ...]
    versions: tuple[VersionRow, ...]
    journal: Draft | None  # a draft of this plan kept on this computer
    newest: bool = True  # False when looking back at a past version
    may_edit: bool = False  # the actor may change this case's plan (revise, review, close)
    today: dt.date = dt.date.min

    @property
    def newest_id(self) -> uuid.UUID | None:
        return self.versions[-1][0] if self.versions else None


def load_bundle(services: PlanServices, case: CaseRef, plan_id: uuid.UUID | None = None) -> PlanBundle:
    """The newest version of the case's plan, or the version plan_id."""
    plans = services.plans
    plan = plans.open(case.case_id, plan_id)
    if plan is None:
        return PlanBundle(case, None, (), (), None, may_edit=plans.may_edit(case.case_id), today=plans.today())
    case = CaseRef(plan.case_id, plan.case_reference, plan.family_name)
    versions = tuple(plans.versions(case.case_id))
    newest = not versions or versions[-1][0] == plan.id
    owners = tuple(plans.owner_choices(case.case_id)) if plan.editable else ()
    journal = services.journal.read(plan.id) if newest else None
    may_edit = plan.editable or (newest and plans.may_edit(case.case_id))
    return PlanBundle(case, plan, owners, versions, journal, newest, may_edit, plans.today())


def score_history(reviews: tuple[ReviewView, ...]) -> dict[NeedArea, list[tuple[dt.date, int]]]:
    """Each area's scores at the reviews, oldest first (the reviews are in order)."""
    history: dict[NeedArea, list[tuple[dt.date, int]]] = {}
    for review in reviews:
        for area in NeedArea:
            if area in review.scores:
                history.setdefault(area, []).append((review.held_on, review.scores[area]))
    return history


def drafts_waiting(services: PlanServices) -> int:
    """How many plans have a draft left on this computer by an earlier session
    (closed while the database was out of reach, or killed) that the database
    does not have: opening the plan puts it back and says so. Drafts the
    database already has are dropped. Nothing is saved here, unseen."""
    waiting = 0
    for plan_id in services.journal.pending():
        draft = services.journal.read(plan_id)
        if draft is None:
            continue
        try:
            same = services.plans.version(plan_id).content == with_typed(draft.content, draft.typing)
        except Exception:  # noqa: BLE001 (out of reach, or no longer this user's to read: it waits)
            same = False
        if same:
            services.journal.discard(plan_id)
        else:
            waiting += 1
    return waiting

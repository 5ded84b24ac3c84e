"""Words the plan screens show for the domain's values. Plain Python: no Qt here."""

from __future__ import annotations

from tafdesk.models.enums import ActionStatus, ClosureReason, PlanStatus, Rag
from tafdesk.ui.text import plural

PLAN_STATUS_LABELS = {
    PlanStatus.DRAFT: "Draft",
    PlanStatus.AGREED: "Agreed",
    PlanStatus.SUPERSEDED: "Superseded",
    PlanStatus.CLOSED: "Closed",
}

ACTION_STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}

RAG_LABELS = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green"}
RAG_MEANING = {
    Rag.RED: "Red: not moving, or getting worse",
    Rag.AMBER: "Amber: some progress",
    Rag.GREEN: "Green: on track or achieved",
}

# The reasons a plan closes with its case (services/closure.py).
CLOSURE_LABELS = {
    ClosureReason.NEEDS_MET: "Needs met",
    ClosureReason.STEPPED_DOWN: "Stepped down to universal services",
    ClosureReason.STEPPED_UP: "Stepped up to social care",
    ClosureReason.DISENGAGED: "The family disengaged",
    ClosureReason.MOVED_AWAY: "Moved to another council",
    ClosureReason.CONSENT_WITHDRAWN: "Consent withdrawn",
    ClosureReason.MOVED_WITHIN_COUNCIL: "Moved within the council",
    ClosureReason.OTHER: "Other",
}

OWNER_KIND_LABELS = {"professional": "Professional", "agency": "Agency", "person": "Family member"}

SMART_FIELD_LABELS = {
    "description": "What",
    "owner": "Who",
    "due_on": "Due",
    "measure": "How we will know",
    "outcome_id": "Outcome",
    "outcomes": "Outcomes",
    "actions": "Actions",
    "consent_confirmed_on": "Consent",
}


def plan_state(status: PlanStatus | None, version: int | None, *, short: bool = False) -> str:
    """'Agreed, version 3' (short: 'Agreed, v3'), 'Draft, version 1' or 'No plan yet'."""
    if status is None:
        return "No plan yet"
    return f"{PLAN_STATUS_LABELS[status]}, {'v' if short else 'version '}{version}"


def things_to_put_right(count: int) -> str:
    if count == 0:
        return "Ready to agree: every action has an owner, a due date and a measure."
    return f"{plural(count, 'thing')} to put right before agreeing"

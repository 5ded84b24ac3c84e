"""The deliberate steps in a plan's life, each asked for on the workspace:
start it, agree it, revise it, record a review, close it, compare versions.
Each is a short write through the plan service (an Operation, ui/operation.py),
then a fresh read; a refusal is said in the workspace's banner."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tafdesk.services.errors import ValidationError
from tafdesk.services.plans import ReviewInput
from tafdesk.ui.errors import explain
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.closure_windows import propose_closure
from tafdesk.ui.plans.compare import CompareDialog
from tafdesk.ui.plans.dialogs import AgreeDialog
from tafdesk.ui.plans.outcome_evidence import open_outcome_evidence
from tafdesk.ui.plans.review_dialog import ReviewDialog
from tafdesk.ui.text import day, plural

if TYPE_CHECKING:
    from tafdesk.plans.view import PlanView
    from tafdesk.ui.plans.workspace import PlanWorkspace

DOING = "a plan operation"


@dataclass
class _Outcome:
    """What a dialog's service call came to, kept for when the dialog has closed."""

    view: PlanView | None = None
    error: Exception | None = None


def _operation(workspace: PlanWorkspace, call: Callable[[], object], failed: str) -> Operation:
    """A step through the plan service; refused, the plan is read again (it may have changed)."""
    return Operation(workspace.banner, call, failed=failed, doing=DOING).refused(lambda _error: workspace.reload())


def _refused(workspace: PlanWorkspace, error: Exception, failed: str) -> None:
    """A dialog's refusal, said once the dialog has closed."""
    workspace.banner.say(f"{failed} {explain(error, DOING)}", error=True)
    workspace.reload()


def start(workspace: PlanWorkspace) -> None:
    case = workspace.bundle.case if workspace.bundle else None
    if case is None:
        return

    def started(_view: object) -> None:
        workspace.changed.emit()
        workspace.status_message.emit(f"A draft plan for the {case.family_name} family has been started.")
        workspace.open_case(case)

    _operation(workspace, lambda: workspace.services.plans.start(case.case_id), "The plan was not started.").done(
        started
    ).run()


def _saved_first(workspace: PlanWorkspace, doing: str) -> bool:
    """A draft must be in the database before it is agreed or closed."""
    if workspace.flush():
        return True
    saver = workspace.editor.autosaver
    workspace.banner.say(
        f"The plan cannot be {doing} until the draft is saved in the database. {saver.text if saver else ''}".strip(),
        error=True,
    )
    return False


def agree(workspace: PlanWorkspace) -> AgreeDialog | None:
    """Ask who agreed the plan and when; the dialog is open when this returns."""
    plan = workspace.plan
    if plan is None or not _saved_first(workspace, "agreed"):
        return None
    outcome = _Outcome()

    def attempt(agreed_by: str, agreed_on: dt.date) -> dict[str, str] | None:
        saver = workspace.editor.autosaver  # (a draft being agreed has one; with none, nothing was saved since)
        base = saver.base_version if saver is not None else plan.row_version
        return _attempt(outcome, lambda: workspace.services.plans.agree(plan.id, base, agreed_by, agreed_on))

    dialog = AgreeDialog(attempt, workspace.services.plans.today(), _suggested_agreement(plan), workspace)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        if outcome.error is not None:
            _refused(workspace, outcome.error, "The plan was not agreed.")
        elif (view := outcome.view) is not None:
            workspace.services.journal.discard(plan.id)
            workspace.changed.emit()
            _open_again(workspace)
            workspace.status_message.emit(
                f"The plan is agreed as version {view.plan_version}. The first review is on {day(view.next_review_on)}."
            )
        elif dialog.refused:
            workspace.editor.show_refused(dialog.refused)
            count = len(dialog.refused)
            workspace.note(
                f"Not agreed: {plural(count, 'thing')} to put right first, marked in the plan "
                "and listed in the SMART check."
            )

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def _attempt(outcome: _Outcome, call: Callable[[], PlanView]) -> dict[str, str] | None:
    """A dialog's try at a service call: problems with its fields go back to
    the dialog; the result, or a refusal, is kept for when it has closed."""
    try:
        outcome.view = call()
    except ValidationError as exc:
        return exc.fields
    except Exception as exc:  # noqa: BLE001 (said in the banner once the dialog has closed, never raised into Qt)
        outcome.error = exc
    return None


def _open_again(workspace: PlanWorkspace) -> None:
    """The case's plans read again, after a change."""
    if workspace.bundle is not None:
        workspace.open_case(workspace.bundle.case)


def _suggested_agreement(plan) -> str:
    grown_ups = [m.name for m in plan.people.family if m.in_household and m.role in ("parent", "carer", "adult")]
    family = " and ".join(grown_ups[:2])
    return f"{family} with the Team Around the Family" if family else "The family with the Team Around the Family"


def revise(workspace: PlanWorkspace) -> None:
    plan = workspace.plan
    if plan is None:
        return

    def revised(draft) -> None:
        workspace.changed.emit()
        workspace.status_message.emit(f"Version {draft.plan_version} is a new draft, begun from the agreed plan.")
        _open_again(workspace)

    _operation(workspace, lambda: workspace.services.plans.revise(plan.id), "The plan was not revised.").done(
        revised
    ).run()


def record_review(workspace: PlanWorkspace) -> ReviewDialog | None:
    plan = workspace.plan
    if plan is None:
        return None
    outcome = _Outcome()

    def attempt(review: ReviewInput) -> dict[str, str] | None:
        return _attempt(outcome, lambda: workspace.services.plans.record_review(plan.id, plan.row_version, review))

    dialog = ReviewDialog(plan, attempt, workspace.services.plans.today(), workspace, workspace.wording)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        if outcome.error is not None:
            _refused(workspace, outcome.error, "The review was not recorded.")
        elif (view := outcome.view) is not None:
            workspace.changed.emit()
            _open_again(workspace)
            workspace.tabs.setCurrentWidget(workspace.reviews)
            workspace.status_message.emit(
                f"Review recorded. The plan as reviewed is version {view.plan_version}; "
                f"the next review is on {day(view.next_review_on)}."
            )

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def close(workspace: PlanWorkspace) -> QDialog | None:
    """Propose closing the case (a plan closes only with its case, once a
    locality manager approves: services/closure.py)."""
    plan, bundle = workspace.plan, workspace.bundle
    service = workspace.services.closure
    if plan is None or bundle is None or service is None:
        return None
    if plan.editable and not _saved_first(workspace, "proposed for closure"):
        return None

    def proposed() -> None:
        workspace.changed.emit()
        workspace.status_message.emit(
            f"Closing the {plan.family_name} family's case is proposed: a locality manager will approve or return it."
        )

    return propose_closure(workspace, workspace.banner, service, bundle.case, proposed)


def evidence(workspace: PlanWorkspace) -> QDialog | None:
    """The plan's outcomes with their evidence, and recording more."""
    plan, bundle = workspace.plan, workspace.bundle
    service = workspace.services.evidence
    if plan is None or bundle is None or service is None:
        return None
    return open_outcome_evidence(workspace, service, bundle.case, plan.id, may_record=bundle.may_edit)


def compare(workspace: PlanWorkspace, older: uuid.UUID | None, newer: uuid.UUID | None) -> CompareDialog | None:
    """Compare two versions; given one, compare it with the one before it."""
    bundle = workspace.bundle
    if bundle is None or len(bundle.versions) < 2:
        return None
    ids = [row[0] for row in bundle.versions]
    if older is None and newer in ids:
        at = ids.index(newer)
        older, newer = (ids[at - 1], newer) if at > 0 else (newer, ids[-1])
    dialog = CompareDialog(
        bundle.versions, workspace.services.plans.differences, older=older, newer=newer, parent=workspace
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

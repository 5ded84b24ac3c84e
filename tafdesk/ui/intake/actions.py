"""The Intake area's actions, with their shortcuts, and whether each may be
taken now: by this user, on the profile chosen. An action that may not be
taken is disabled, and its tooltip says why."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

from tafdesk.models.enums import CaseStatus
from tafdesk.services.actor import Permission
from tafdesk.services.intake_queue import ProfileSummary
from tafdesk.ui.intake.labels import CONSENT_LABELS
from tafdesk.ui.intake.rights import IntakeRights

CHOOSE_FIRST = "Choose a profile in the queue first."


@dataclass(frozen=True)
class _Spec:
    text: str
    shortcut: str | None
    tip: str
    permission: Permission | None


class IntakeActions(QObject):
    """Built once per page; `update(summary)` after every change of selection or data."""

    SPECS = {
        "import_profiles": _Spec(
            "Import profiles…",
            "Ctrl+I",
            "Import 360° profile files (JSON) from the access team",
            Permission.IMPORT_PROFILES,
        ),
        "new_profile": _Spec("New profile…", "Ctrl+N", "Enter a 360° profile by hand", Permission.IMPORT_PROFILES),
        "correct_profile": _Spec(
            "Correct profile…", "Ctrl+E", "Correct the chosen profile", Permission.IMPORT_PROFILES
        ),
        "correct_family": _Spec(
            "Correct family address and household…",
            "Ctrl+Shift+H",
            "Correct where the family's letters go and who lives in the household, before or after a decision",
            Permission.CORRECT_FAMILY_RECORD,
        ),
        "letter_recipients": _Spec(
            "Who letters go to…",
            "Ctrl+Shift+L",
            "Mark who must never be written to, and whether the referrer is a family member",
            Permission.IMPORT_PROFILES,
        ),
        "settings": _Spec(
            "Inbox folder…", None, "Choose the folder the access team's files arrive in", Permission.IMPORT_PROFILES
        ),
        "case_page": _Spec(
            "Case page…",
            None,
            "The family's case page: summary, chronology, notes, actions, plan",
            Permission.VIEW_PLANS,
        ),
        "code_ethnicity": _Spec(
            "Ethnicity to code…",
            None,
            "The people whose ethnicity could not be mapped to a DfE code: choose the code",
            Permission.CODE_ETHNICITY,
        ),
        "refresh": _Spec("Refresh", "F5", "Read the queue again", None),
        "find": _Spec("Find", "Ctrl+F", "Search the queue", None),
        "add_to_meeting": _Spec(
            "Add to next meeting",
            "Ctrl+M",
            "Put the family on the agenda of its locality's next weekly meeting",
            Permission.SEND_TO_MEETING,
        ),
        "advice": _Spec(
            "Information, advice and guidance…",
            "Ctrl+G",
            "Close the case with information, advice and guidance to the referrer",
            Permission.DECIDE_FRONT_DOOR,
        ),
        "step_up": _Spec(
            "Step up to social care…",
            "Ctrl+U",
            "Escalate the family to statutory social care",
            Permission.DECIDE_FRONT_DOOR,
        ),
        "step_down": _Spec(
            "Step down to universal services…",
            "Ctrl+D",
            "Signpost the family to universal services",
            Permission.DECIDE_FRONT_DOOR,
        ),
        "override_consent": _Spec(
            "Record consent override…",
            "Ctrl+Shift+O",
            "Record why the family may go to a meeting without consent",
            Permission.OVERRIDE_CONSENT,
        ),
        "confirm_match": _Spec(
            "Confirm match",
            None,
            "This is the family already known: link the profile to it",
            Permission.CONFIRM_MATCHES,
        ),
        "reject_match": _Spec(
            "Not the same family",
            None,
            "Keep this profile's family apart from the one suggested",
            Permission.CONFIRM_MATCHES,
        ),
        "link_family": _Spec(
            "Link to a known family…",
            "Ctrl+Shift+K",
            "Find the family this profile is a repeat referral of, compare its people and say why",
            Permission.CONFIRM_MATCHES,
        ),
    }
    DECISIONS = ("add_to_meeting", "advice", "step_up", "step_down", "override_consent")

    def __init__(self, rights: IntakeRights, owner: QWidget) -> None:
        super().__init__(owner)
        self.rights = rights
        self.actions: dict[str, QAction] = {}
        for name, spec in self.SPECS.items():
            action = QAction(spec.text, owner)
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.setObjectName(f"{name}Action")
            owner.addAction(action)
            self.actions[name] = action
        self.update(None)

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def update(self, summary: ProfileSummary | None) -> None:
        for name, spec in self.SPECS.items():
            self._set(name, *self._state(name, spec, summary))

    def _state(self, name: str, spec: _Spec, summary: ProfileSummary | None) -> tuple[bool, str]:
        if spec.permission is not None and not self.rights.can(spec.permission):
            return False, self.rights.why_not(spec.permission)
        if name in ("import_profiles", "new_profile", "settings", "refresh", "find", "code_ethnicity"):
            return True, spec.tip
        if summary is None:
            return False, CHOOSE_FIRST
        if name in ("confirm_match", "reject_match"):
            return (True, spec.tip) if summary.suggestion else (False, "There is no match to confirm for this family.")
        if name in ("letter_recipients", "correct_family", "case_page"):
            return True, spec.tip
        if name == "link_family" and not summary.profile_ref:
            return False, f"The {summary.family_name} case has no 360° profile to link."
        if name in ("correct_profile", "link_family"):
            if summary.status in (CaseStatus.AWAITING_TRIAGE, CaseStatus.AWAITING_MEETING):  # the service's rule
                return True, spec.tip
            done = "corrected" if name == "correct_profile" else "linked to another family"
            return False, (
                f"The {summary.family_name} case has been decided "
                f"({summary.status.value.replace('_', ' ')}), so its profile can no longer be {done}."
                + (
                    " Where letters go and who lives there: Correct family address and household."
                    if name == "correct_profile"
                    else ""
                )
            )
        if summary.status is not CaseStatus.AWAITING_TRIAGE:
            return False, self._decided(summary)
        consent = CONSENT_LABELS[summary.consent].lower()
        if name == "override_consent":
            if not summary.consent_blocks_allocation:
                overridden = " and overridden" if summary.consent_override_reason else ""
                return False, f"Consent is {consent}{overridden}: nothing blocks allocation."
            return True, spec.tip
        if name == "add_to_meeting" and summary.consent_blocks_allocation:
            return True, (
                f"Consent {consent}: a locality manager must record why the family may go ahead before it can go "
                "to a meeting."
            )
        return True, spec.tip

    @staticmethod
    def _decided(summary: ProfileSummary) -> str:
        if summary.status is CaseStatus.AWAITING_MEETING:
            return f"The {summary.family_name} family is already on the agenda of {summary.locality}'s next meeting."
        return f"The {summary.family_name} case has been decided: {summary.status.value.replace('_', ' ')}."

    def _set(self, name: str, enabled: bool, tip: str) -> None:
        action = self.actions[name]
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setEnabled(enabled)
        action.setToolTip(f"{tip} ({shortcut})" if shortcut and enabled else tip)
        action.setStatusTip(tip)


def action_button(action: QAction, *, primary: bool = False, object_name: str = "", label: str = "") -> QPushButton:
    """A push button that shows and triggers an action, following its enabled
    state and tooltip. It shows `label` if given (a shorter text where room is
    short), else the action's text; its accessible name is the action's text."""
    button = QPushButton(label or action.text())
    if primary:
        button.setObjectName("primaryButton")
    elif object_name:
        button.setObjectName(object_name)
    follower = _Follower(button, action, label)
    action.changed.connect(follower.follow)  # a slot of the button's child: dropped with the button
    button.clicked.connect(action.trigger)
    follower.follow()
    return button


class _Follower(QObject):
    def __init__(self, button: QPushButton, action: QAction, label: str) -> None:
        super().__init__(button)
        self._button = button
        self._action = action
        self._label = label

    @Slot()
    def follow(self) -> None:
        button, action = self._button, self._action
        button.setText(self._label or action.text())
        button.setEnabled(action.isEnabled())
        button.setToolTip(action.toolTip())
        button.setAccessibleName(action.text().rstrip("…"))
        button.setAccessibleDescription(action.toolTip())

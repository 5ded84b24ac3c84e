"""The dialog around the profile form: new profiles go through the same
checks and import as a file would; corrections are saved against the case
version read, and a clash with someone else's change reloads the form."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget

from tafdesk.logs import log_unexpected
from tafdesk.services.errors import ServiceError
from tafdesk.services.profile_editing import ProfileEditingService
from tafdesk.ui.errors import explain, save_refused
from tafdesk.ui.intake.profile_form import LoadedProfile, ProfileForm
from tafdesk.ui.window_fit import resize_within_screen

log = logging.getLogger(__name__)

RECHECK_MS = 400  # after the first failed save, problems are checked again this long after typing stops


class ProfileDialog(QDialog):
    saved = Signal(str, object, object)  # what happened, the case id (or None), the case reference (or None)

    def __init__(
        self,
        editing: ProfileEditingService,
        localities: list[str],
        agencies: list[str],
        *,
        case_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self._editing = editing
        self._case_id = case_id
        self._checking = False  # problems are shown: check again as the user types
        self.loaded_ok = True
        self.load_error = ""
        self.form = ProfileForm(localities, agencies)
        self._recheck = QTimer(self, singleShot=True, interval=RECHECK_MS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.form)
        resize_within_screen(self, 1040, 780)
        self.form.save_requested.connect(self.save)
        self.form.revert_requested.connect(self.reject)
        self.form.edited.connect(self._edited)
        self._recheck.timeout.connect(self._check_again)
        if case_id is None:
            self.setWindowTitle("New 360° profile")
            self.form.show_new({})
        else:
            self.setWindowTitle("Correct 360° profile")
            self._load()

    def _load(self) -> bool:
        assert self._case_id is not None  # a correction's dialog
        try:
            document, version = self._editing.document(self._case_id)
        except ServiceError as exc:
            self.loaded_ok, self.load_error = False, f"The profile could not be opened. {exc}"
            return False
        self.form.show_record(LoadedProfile(self._case_id, version, document))
        return True

    @property
    def is_new(self) -> bool:
        return self._case_id is None

    # -- saving ----------------------------------------------------------------------

    def save(self) -> bool:
        document = self.form.values()
        try:
            problems = self._editing.problems(document)
        except Exception as exc:  # noqa: BLE001 (said, not raised into Qt)
            self._say(f"The profile could not be checked. {explain(exc, 'checking a profile')}")
            return False
        if problems:
            self._show_errors(problems)
            return False
        try:
            message, reference = self._store(document)
        except Exception as exc:  # noqa: BLE001 (said, not raised into Qt)
            refusal = save_refused(
                exc, "the profile", "this profile", "saving a profile", at_fields=self._show_errors, reload=self._load
            )
            if refusal:
                self._say(refusal)
            return False
        self.form.set_dirty(False)
        self.saved.emit(message, self._case_id, reference)
        self.accept()
        return True

    def _show_errors(self, problems: dict[str, str]) -> None:
        self._checking = True  # checked again as the fields change
        self.form.show_errors(problems)

    def _store(self, document: dict) -> tuple[str, str | None]:
        family = document["family"]["family_name"]
        if self.is_new:
            outcome = self._editing.create(document)
            extra = ""
            if outcome.repeat:
                extra = " It is a repeat referral of a family already known."
            elif outcome.match_to_confirm:
                extra = " It may be a family already known: confirm or reject the match."
            return (
                f"Added the {family} family's profile to {outcome.locality}'s queue as {outcome.case_reference}.{extra}",
                outcome.case_reference,
            )
        record = self.form.record
        self._editing.correct(record.case_id, record.version, document)
        return f"Saved the correction to the {family} family's profile.", None

    def _say(self, text: str) -> None:
        self.form.form_error.setText(text)
        self.form.form_error.show()

    # -- checking as the user types, once problems are shown --------------------------------

    def _edited(self) -> None:
        if self._checking:
            self._recheck.start()

    def _check_again(self) -> None:
        try:
            problems = self._editing.problems(self.form.values())
        except Exception as exc:  # noqa: BLE001 (the save will say)
            log_unexpected(log, "checking a profile again", exc)  # not log.exception: its text may quote the form
            return
        if problems:
            self.form.show_errors(problems, move_focus=False)
        else:
            self.form.clear_errors()

    def reject(self) -> None:
        if self.form.is_dirty:
            answer = QMessageBox.question(
                self,
                "Unsaved changes",
                "Close without saving this profile?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

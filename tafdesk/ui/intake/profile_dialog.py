"""The dialog around the profile form: new profiles go through the same
checks and import as a file would; corrections are saved against the case
version read, and a clash with someone else's change reloads the form.
Saving is an Operation (ui/operation.py): a broken rule is shown at its
field, any other refusal in the dialog's banner, and the dialog stays open
with what was typed. A correction's profile is read before the dialog is
made: the opener says why if it cannot be."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget

from tafdesk.logs import log_unexpected
from tafdesk.services.errors import ConflictError
from tafdesk.services.profile_editing import ProfileEditingService
from tafdesk.ui.banner import Banner
from tafdesk.ui.intake.profile_form import LoadedProfile, ProfileForm
from tafdesk.ui.operation import Operation
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
        loaded = _read(editing, case_id) if case_id is not None else None  # first: refused, no dialog is left behind
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self._editing = editing
        self._case_id = case_id
        self._checking = False  # problems are shown: check again as the user types
        self.banner = Banner()
        self.form = ProfileForm(localities, agencies)
        self._recheck = QTimer(self, singleShot=True, interval=RECHECK_MS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        resize_within_screen(self, 1040, 780)
        self.form.save_requested.connect(self.save)
        self.form.revert_requested.connect(self.reject)
        self.form.edited.connect(self._edited)
        self._recheck.timeout.connect(self._check_again)
        if loaded is None:
            self.setWindowTitle("New 360° profile")
            self.form.show_new({})
        else:
            self.setWindowTitle("Correct 360° profile")
            self.form.show_record(loaded)

    @property
    def is_new(self) -> bool:
        return self._case_id is None

    # -- saving ----------------------------------------------------------------------

    def save(self) -> bool:
        """Check, then store the form; True (and the dialog accepted) if saved."""
        document = self.form.values()
        problems: list[dict[str, str]] = []
        checked = Operation(
            self.banner,
            lambda: self._editing.problems(document),
            failed="The profile could not be checked.",
            doing="checking a profile",
        ).done(problems.append)
        if not checked.run():
            return False
        if problems[0]:
            self._show_errors(problems[0])
            return False
        return (
            Operation(self.banner, lambda: self._store(document), failed="Not saved.", doing="saving a profile")
            .at_fields(self._show_errors)
            .handle(ConflictError, self._clashed)
            .retry_with(self.save)
            .done(self._stored)
            .run()
        )

    def _stored(self, outcome: tuple[str, str | None]) -> None:
        message, reference = outcome
        self.form.set_dirty(False)
        self.saved.emit(message, self._case_id, reference)
        self.accept()

    def _clashed(self, error: ConflictError) -> None:
        """Someone else saved the profile meanwhile: the form shows it as stored, to correct again."""
        case_id = self._case_id
        assert case_id is not None  # (a new profile meets no clash)

        def reloaded(loaded: LoadedProfile) -> None:
            self.form.show_record(loaded)
            self.banner.say(
                f"Not saved. {error} The form now shows the profile as it is stored; make your correction again.",
                error=True,
            )

        Operation(
            self.banner, lambda: _read(self._editing, case_id), failed="Not saved.", doing="reading a profile again"
        ).done(reloaded).run()

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


def _read(editing: ProfileEditingService, case_id: uuid.UUID) -> LoadedProfile:
    document, version = editing.document(case_id)
    return LoadedProfile(case_id, version, document)

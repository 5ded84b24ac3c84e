"""The Settings area: what is shared by everyone on the database
(services/shared_settings.py), one part per subject. The first is Case
closure: for how many months after it closed a case may be reopened rather
than referred again. Administrators change it (each change audited by the
service); anyone else shown the page reads it. Saving is an Operation: a
value the service refuses is said at its field. (ui/settings.py is this
computer's own settings: the window's place, the colours.)"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from tafdesk.services.actor import Actor, Permission
from tafdesk.services.shared_settings import SharedSettings
from tafdesk.ui.banner import Banner
from tafdesk.ui.count_spin import follow_count
from tafdesk.ui.field_errors import FieldMarks
from tafdesk.ui.live import ChangeSignal, LiveReload
from tafdesk.ui.operation import Operation

MOST_MONTHS = 120  # what may be typed; the service says which of it is allowed, at the field


class CaseClosurePart(QGroupBox):
    """How long a closed case may be reopened."""

    def __init__(self, *, may_change: bool, parent: QWidget | None = None) -> None:
        super().__init__("Case closure", parent)
        self.setAccessibleName("Case closure")
        self.months = QSpinBox(minimum=0, maximum=MOST_MONTHS)
        self.months.setAccessibleName("Months within which a closed case may be reopened")
        follow_count(self.months, "month", "months")
        self.months.setReadOnly(not may_change)
        self.months.setButtonSymbols(
            QSpinBox.ButtonSymbols.UpDownArrows if may_change else QSpinBox.ButtonSymbols.NoButtons
        )
        self.save_button = QPushButton("&Save", objectName="primaryButton")
        self.save_button.setAccessibleName("Save the case closure setting")
        self.save_button.setVisible(may_change)
        self.marks = FieldMarks()
        label = QLabel("&Reopen within:")
        label.setBuddy(self.months)
        number = QWidget()  # the box as wide as its number, not the form
        row = QHBoxLayout(number)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.months)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(
            label,
            self.marks.cell(
                "reopen_months",
                number,
                focus=self.months,
                hint="After its closure is approved, a case may be reopened with a reason for this long, taking "
                "up its plan where it was. After that the family needs a new referral, counted as a repeat. "
                "0: only on the day it closed.",
            ),
        )
        buttons = QHBoxLayout()
        if not may_change:
            buttons.addWidget(QLabel("Only an administrator can change this.", objectName="hint", wordWrap=True), 1)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.setMaximumWidth(self.fontMetrics().averageCharWidth() * 90)  # lines short enough to read

    def dirty(self, saved: int | None) -> bool:
        return saved is not None and self.months.value() != saved


class SettingsPage(QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        service: SharedSettings,
        *,
        may_change: bool,
        changes: ChangeSignal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Settings")
        self.service = service
        self.saved: int | None = None  # the months as last read or saved
        self.banner = Banner()
        self.closure = CaseClosurePart(may_change=may_change)
        self.closure.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(QLabel("Settings", objectName="pageTitle"))
        layout.addWidget(
            QLabel(
                "Settings shared by everyone who uses this database. Every change is audited.",
                objectName="pageNote",
                wordWrap=True,
            )
        )
        layout.addWidget(self.banner)
        layout.addWidget(self.closure, 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        # Another administrator's change shows here, unless a value typed here is not yet saved.
        self.live = LiveReload(
            self, changes, lambda change: change.about("app_setting"), self.reload, holding=self.holding
        )
        self.reload()

    def holding(self) -> bool:
        return self.closure.dirty(self.saved)

    def reload(self) -> None:
        self.live.reading()
        Operation(
            self.banner, self.service.reopen_months, failed="The settings could not be read.", doing="reading settings"
        ).reading().done(self._show).run()

    def _show(self, months: int) -> None:
        self.saved = months
        self.closure.months.setValue(months)
        self.closure.marks.clear()

    def save(self) -> bool:
        months = self.closure.months.value()

        def saved(_none: object) -> None:
            self.saved = months
            text = (
                f"Saved: a closed case may be reopened for {months} month{'s' * (months != 1)} after it closed."
                if months
                else "Saved: a closed case may be reopened only on the day it closed."
            )
            self.banner.say(text)
            self.status_message.emit(text)

        return (
            Operation(
                self.banner,
                lambda: self.service.set_reopen_months(months),
                failed="Not saved.",
                doing="saving a shared setting",
            )
            .at_fields(self.closure.marks.at_fields(self.banner, "Not saved."))
            .done(saved)
            .run()
        )


def build_settings_page(db, actor: Actor, *, changes: ChangeSignal | None = None) -> QWidget:
    return SettingsPage(SharedSettings(db, actor), may_change=actor.can(Permission.MANAGE_SETTINGS), changes=changes)

"""My cases' "Take offline…" and "Sync offline copy…": the signed-in
person's one offline copy (services/offline_work.py), made and synced in a
worker thread while the dialog shows that it is working. Conflicts a sync
finds are listed side by side, each settled as yours or the server's, and
the sync runs again with those choices."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.offline.merge import Conflict
from tafdesk.services.my_cases import MyCase
from tafdesk.services.offline_sync import CaseOutcome
from tafdesk.services.offline_work import OfflineWork
from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation
from tafdesk.ui.password_field import PasswordField
from tafdesk.ui.scrolling import scrolling
from tafdesk.ui.text import plural
from tafdesk.ui.window_fit import resize_within_screen

SIDES = (("mine", "Yours (this computer's)"), ("theirs", "The server's"))


KEYRING_WORDS = "You sign in without a password: the copy's key is kept in this computer's keyring."


class _WorkingDialog(QDialog):
    """A small dialog with a banner for refusals, the password, and a busy bar while the worker runs."""

    def __init__(self, title: str, explanation: str, go: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.banner = Banner(self)
        self.explanation = QLabel(explanation, wordWrap=True)
        self.password = PasswordField("Your sign-in password")
        self.password_label = QLabel("Your sign-in &password (the copy's key is made from it):", wordWrap=True)
        self.password_label.setBuddy(self.password.edit)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Working")
        self.progress.setRange(0, 0)  # busy: the service reports no steps
        self.progress.hide()
        self.status = QLabel(wordWrap=True, objectName="hint")
        self.status.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_button = QPushButton(go, objectName="primaryButton")
        self.go_button.setDefault(True)
        self.buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.go_button.clicked.connect(self.start)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.banner)
        self.layout_.addWidget(self.explanation)
        self.body = QVBoxLayout()
        self.layout_.addLayout(self.body, 1)
        self.layout_.addWidget(self.password_label)
        self.layout_.addWidget(self.password)
        self.layout_.addWidget(self.status)
        self.layout_.addWidget(self.progress)
        self.layout_.addWidget(self.buttons)

    def start(self) -> None:
        raise NotImplementedError

    def without_password(self, single_sign_on: bool) -> None:
        """Single sign-on: no password to ask; the keyring keeps the copy's key."""
        if single_sign_on:
            self.password_label.setText(KEYRING_WORDS)
            self.password_label.setBuddy(None)  # type: ignore[arg-type]
            self.password.hide()

    def working(self, text: str | None) -> None:
        """While the worker runs: the bar and a sentence, and nothing to press twice."""
        busy = text is not None
        self.progress.setVisible(busy)
        self.status.setVisible(busy)
        self.status.setText(text or "")
        for widget in (self.go_button, self.password, self.body_widget()):
            if widget is not None:
                widget.setEnabled(not busy)

    def body_widget(self) -> QWidget | None:
        return None


class TakeOfflineDialog(_WorkingDialog):
    """Choose which of your cases to take; they go into your offline copy."""

    def __init__(self, work: OfflineWork, cases: Sequence[MyCase], parent: QWidget | None = None) -> None:
        super().__init__(
            "Take cases offline",
            "The cases you tick are copied onto this computer, encrypted, for working without the network: "
            "plans, reviews, actions, notes and contacts. Sync the copy when you are back online; it expires "
            f"after the period your administrators set. It is kept at {work.path}.",
            "&Take offline",
            parent,
        )
        self.work = work
        self.without_password(work.single_sign_on)
        self.taken: list[str] = []
        self.cases = QListWidget()
        self.cases.setAccessibleName("Your cases to take offline")
        for row in cases:
            item = QListWidgetItem(f"{row.case_reference}  {row.family_name}  ({row.role})")
            item.setData(Qt.ItemDataRole.UserRole, row.case_reference)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.cases.addItem(item)
        self.body.addWidget(self.cases, 1)
        resize_within_screen(self, 640, 520)

    def body_widget(self) -> QWidget | None:
        return getattr(self, "cases", None)

    def chosen(self) -> list[str]:
        items = (self.cases.item(i) for i in range(self.cases.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def start(self) -> None:
        references, password = self.chosen(), self.password.text()
        if not references:
            self.banner.say("Tick at least one case to take offline.", error=True)
            return
        self.working(f"Taking {plural(len(references), 'case')} offline…")
        Operation(
            self.banner,
            lambda: self.work.take(references, password),
            failed="Nothing was taken offline.",
            doing="taking cases offline",
            slow=True,
        ).done(self._taken).refused(lambda _e: self.working(None)).run()

    def _taken(self, taken: list[str]) -> None:
        self.working(None)
        self.taken = taken
        self.accept()


class SyncOfflineDialog(_WorkingDialog):
    """Send the copy's work to the server; conflicts come back to be chosen."""

    def __init__(
        self, work: OfflineWork, resolve: Callable[[list[tuple[str, Conflict]]], dict[str, str] | None], parent=None
    ) -> None:
        super().__init__(
            "Sync offline copy",
            "Your offline copy's changes are sent to the server, field by field; what others changed "
            "meanwhile comes down. Where you and someone else changed the same thing you choose which to keep.",
            "&Sync",
            parent,
        )
        self.work = work
        self.without_password(work.single_sign_on)
        self._resolve = resolve
        self.sides: dict[str, str] = {}
        self.outcomes: list[CaseOutcome] = []
        self.body.addStretch(0)
        resize_within_screen(self, 560, 240)

    def start(self) -> None:
        password = self.password.text()
        sides = dict(self.sides)
        self.working("Syncing your offline copy…")
        Operation(
            self.banner,
            lambda: self.work.sync(password, sides),
            failed="Not synced.",
            doing="syncing an offline copy",
            slow=True,
        ).done(self._synced).refused(lambda _e: self.working(None)).run()

    def _synced(self, outcomes: list[CaseOutcome]) -> None:
        self.working(None)
        self.outcomes = outcomes
        waiting = [(o.reference, c) for o in outcomes for c in o.conflicts]
        if waiting:
            chosen = self._resolve(waiting)
            if chosen:
                self.sides.update(chosen)
                self.start()
                return
            self.banner.say(
                f"{plural(len(waiting), 'conflict')} still wait for your choice; those cases were not sent.",
                error=True,
            )
            return
        self.accept()


def summary(outcomes: Sequence[CaseOutcome]) -> str:
    synced = sum(1 for o in outcomes if o.state == "synced")
    held = [o for o in outcomes if o.state == "held"]
    text = f"Synced {plural(synced, 'case')} from your offline copy."
    if held:
        text += " Held: " + "; ".join(f"{o.reference}: {o.note}" for o in held)
    return text


class ConflictsDialog(QDialog):
    """Each conflict with both values side by side; the user picks yours or
    the server's for each. One group of two choices per conflict, so Tab
    moves from conflict to conflict and the arrow keys choose."""

    def __init__(self, conflicts: Sequence[tuple[str, Conflict]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose between your changes and the server's")
        self.setAccessibleName(self.windowTitle())
        self.conflicts = list(conflicts)
        intro = QLabel(
            "You and someone else changed the same things while you were offline. For each, choose which value "
            "to keep; the other is kept in the audit trail.",
            wordWrap=True,
        )
        body = QWidget()
        rows = QVBoxLayout(body)
        self.choices: list[dict[str, QRadioButton]] = [
            _conflict_group(reference, conflict, rows) for reference, conflict in self.conflicts
        ]
        rows.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = QPushButton("&Sync with these choices", objectName="primaryButton")
        self.apply_button.setDefault(True)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 1000, 560)

    def sides(self) -> dict[str, str]:
        return {
            c.name: next(side for side, button in group.items() if button.isChecked())
            for (_, c), group in zip(self.conflicts, self.choices, strict=True)
        }


def _conflict_group(reference: str, conflict: Conflict, rows: QVBoxLayout) -> dict[str, QRadioButton]:
    """The conflict's case, item and field as a heading; yours and the
    server's side by side, each a choice with its value under it."""
    group = QGroupBox(f"{reference}: {conflict.label} — {_field(conflict.field)}")
    grid = QGridLayout(group)
    when = f" (changed {conflict.theirs_changed_at:%d %b %Y %H:%M})" if conflict.theirs_changed_at else ""
    values = {"mine": shown(conflict.mine), "theirs": shown(conflict.theirs) + when}
    buttons: dict[str, QRadioButton] = {}
    for column, (side, words) in enumerate(SIDES):
        button = QRadioButton(words, checked=side == "mine")
        value = QLabel(values[side], wordWrap=True, objectName="pageText")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        button.setAccessibleDescription(f"{words}: {values[side]}")
        grid.addWidget(button, 0, column)
        grid.addWidget(value, 1, column, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(column, 1)
        buttons[side] = button
    rows.addWidget(group)
    return buttons


def shown(value: object) -> str:
    return "(empty)" if value in (None, "") else str(getattr(value, "value", value))


def ask_conflicts(parent: QWidget) -> Callable[[list[tuple[str, Conflict]]], dict[str, str] | None]:
    def resolve(conflicts: list[tuple[str, Conflict]]) -> dict[str, str] | None:
        dialog = ConflictsDialog(conflicts, parent)
        return dialog.sides() if dialog.exec() == QDialog.DialogCode.Accepted else None

    return resolve


def _field(name: str) -> str:
    """A field as people say it: voice_of_child → voice of child."""
    return name.replace("_", " ")

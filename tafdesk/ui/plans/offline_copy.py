"""My cases' "Take offline…" and "Sync offline copy…": the signed-in
person's one offline copy (services/offline_work.py), made and synced in a
worker thread while the dialog shows that it is working. Conflicts a sync
finds are listed side by side, with who changed each side and when, each
settled as yours, the server's or another value written there, and the
sync runs again with those choices."""

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
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.offline.merge import Choice, Conflict
from tafdesk.services.my_cases import MyCase
from tafdesk.services.offline_sync import CaseOutcome
from tafdesk.services.offline_work import OfflineWork
from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation
from tafdesk.ui.password_field import PasswordField
from tafdesk.ui.scrolling import scrolling
from tafdesk.ui.text import plural, when
from tafdesk.ui.window_fit import resize_within_screen

SIDES = (("mine", "Yours (this computer's)"), ("theirs", "The server's"))
EDIT, EDIT_WORDS = "edit", "Write another value"


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
        self, work: OfflineWork, resolve: Callable[[list[tuple[str, Conflict]]], dict[str, Choice] | None], parent=None
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
        self.sides: dict[str, Choice] = {}
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
    """Each conflict with both values side by side, who changed each and
    when; the user picks yours or the server's, or (for text) writes another
    value. One group of choices per conflict, so Tab moves from conflict to
    conflict (and into the text to write) and the arrow keys choose."""

    def __init__(self, conflicts: Sequence[tuple[str, Conflict]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose between your changes and the server's")
        self.setAccessibleName(self.windowTitle())
        self.conflicts = list(conflicts)
        intro = QLabel(
            "You and someone else changed the same things while you were offline. For each, choose which value "
            "to keep, or write another; the values not kept stay in the audit trail.",
            wordWrap=True,
        )
        body = QWidget()
        rows = QVBoxLayout(body)
        self.choices = [_conflict_group(reference, conflict, rows) for reference, conflict in self.conflicts]
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

    def sides(self) -> dict[str, Choice]:
        return {c.name: choice.chosen() for (_, c), choice in zip(self.conflicts, self.choices, strict=True)}


class _Choice:
    """One conflict's choices: a radio button per side, and the text written
    for "Write another value" (None where the field is not text)."""

    def __init__(self, buttons: dict[str, QRadioButton], text: QPlainTextEdit | None) -> None:
        self.buttons = buttons
        self.text = text

    def __getitem__(self, side: str) -> QRadioButton:
        return self.buttons[side]

    def chosen(self) -> Choice:
        side = next(side for side, button in self.buttons.items() if button.isChecked())
        if side == EDIT and self.text is not None:
            return {EDIT: self.text.toPlainText()}
        return side


def _conflict_group(reference: str, conflict: Conflict, rows: QVBoxLayout) -> _Choice:
    """The conflict's case, item and field as a heading; yours and the
    server's side by side, each a choice with its value and who changed it
    under it; then, for text, another value to write (yours to start from)."""
    group = QGroupBox(f"{reference}: {conflict.label} — {_field(conflict.field)}")
    grid = QGridLayout(group)
    values = {"mine": shown(conflict.mine), "theirs": shown(conflict.theirs)}
    buttons: dict[str, QRadioButton] = {}
    for column, (side, words) in enumerate(SIDES):
        button = QRadioButton(words, checked=side == "mine")
        value = QLabel(values[side], wordWrap=True, objectName="pageText")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        who = QLabel(changed_words(conflict, side), wordWrap=True, objectName="hint")
        if not who.text():
            who.hide()  # nothing known of who or when
        button.setAccessibleDescription(f"{words}: {values[side]}" + (f" — {who.text()}" if who.text() else ""))
        grid.addWidget(button, 0, column)
        grid.addWidget(value, 1, column, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(who, 2, column, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(column, 1)
        buttons[side] = button
    text = _another_value(conflict, grid, buttons) if conflict.editable else None
    rows.addWidget(group)
    return _Choice(buttons, text)


def _another_value(conflict: Conflict, grid: QGridLayout, buttons: dict[str, QRadioButton]) -> QPlainTextEdit:
    """The third choice: a value written here, starting from yours; typing chooses it."""
    button = QRadioButton(EDIT_WORDS)
    text = QPlainTextEdit(conflict.mine or "")
    text.setTabChangesFocus(True)
    text.setAccessibleName(f"{EDIT_WORDS} for {_field(conflict.field)}")
    text.setAccessibleDescription("Kept instead of either value when “Write another value” is chosen.")
    text.setFixedHeight(text.fontMetrics().lineSpacing() * 4)
    text.textChanged.connect(lambda: button.setChecked(True))
    grid.addWidget(button, 3, 0, 1, 2)
    grid.addWidget(text, 4, 0, 1, 2)
    buttons[EDIT] = button
    return text


def changed_words(conflict: Conflict, side: str) -> str:
    """Who changed this side and when, as far as is known: "Changed on the
    server by NAME, Tue 1 Dec 2026, 14:05"."""
    at, by = (
        (conflict.mine_changed_at, conflict.mine_changed_by)
        if side == "mine"
        else (conflict.theirs_changed_at, conflict.theirs_changed_by)
    )
    words = "Changed offline" if side == "mine" else "Changed on the server"
    if by:
        words += f" by {by}"
    if at:
        words += f", {when(at)}"
    return words if (at or by) else ""


def shown(value: object) -> str:
    return "(empty)" if value in (None, "") else str(getattr(value, "value", value))


def ask_conflicts(parent: QWidget) -> Callable[[list[tuple[str, Conflict]]], dict[str, Choice] | None]:
    def resolve(conflicts: list[tuple[str, Conflict]]) -> dict[str, Choice] | None:
        dialog = ConflictsDialog(conflicts, parent)
        return dialog.sides() if dialog.exec() == QDialog.DialogCode.Accepted else None

    return resolve


def _field(name: str) -> str:
    """A field as people say it: voice_of_child → voice of child."""
    return name.replace("_", " ")

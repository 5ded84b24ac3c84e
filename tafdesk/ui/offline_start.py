"""Starting with the server out of reach: say so, and offer the plan drafts
kept on this computer, read-only, until it is back.

`reach_server` asks db/start_mode.py what can be opened. Online: sign in as
usual. Otherwise `OfflineStartDialog` says since when the server has not
answered and offers Try again, the drafts (`DraftsViewer`) or Quit; with an
offline copy of the person's on this computer (OFFLINE_WITH_COPY), first of
all to open it (`CopyUnlockDialog`): the window then opens on the copy.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tafdesk import clock
from tafdesk.db.reachability import ConnectionState
from tafdesk.db.start_mode import Start, StartMode, decide_start
from tafdesk.plans.content import PlanContent
from tafdesk.services import journal_key
from tafdesk.services.draft_journal import Draft, DraftJournal, JournalLocked
from tafdesk.services.errors import ServiceError
from tafdesk.services.offline_work import OpenedCopy, copy_on_this_computer, open_for_work
from tafdesk.ui.background import run_in_background
from tafdesk.ui.connection import ConnectionBand
from tafdesk.ui.icons import icon
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.password_field import PasswordField
from tafdesk.ui.plans.edits import with_typed
from tafdesk.ui.plans.labels import ACTION_STATUS_LABELS
from tafdesk.ui.qt_app import qt_application
from tafdesk.ui.theme import apply_stylesheet
from tafdesk.ui.window_fit import resize_within_screen

RETRY, DRAFTS, COPY, QUIT = "retry", "drafts", "copy", "quit"


@dataclass(frozen=True)
class Reach:
    """How start-up goes on: `online` (sign in to the server), the offline
    `copy` opened instead, or neither (the person chose to quit)."""

    online: bool
    copy: OpenedCopy | None = None
    offline_since: dt.datetime | None = None  # UTC, with a copy: when the server was found out of reach


def reach_server(url, label: str, username: str, *, journal: DraftJournal | None = None) -> Reach:
    start = _decide(url, username)
    while start.mode is not StartMode.ONLINE:
        apply_stylesheet(qt_application())
        choice = OfflineStartDialog(label, start).ask()
        if choice == QUIT:
            return Reach(False)
        if choice == COPY and start.copy is not None:
            opened = CopyUnlockDialog(start.copy, username).opened_copy()
            if opened is not None:
                return Reach(False, opened, start.offline_since)
        if choice == DRAFTS and not DraftsViewer(start, username, journal=journal).exec():
            return Reach(False)  # closed: Quit
        start = _decide(url, username)
    return Reach(True)


def _decide(url, username: str) -> Start:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # up to the connect timeout
    try:
        return decide_start(url, offline_copy=lambda: copy_on_this_computer(username))
    finally:
        QGuiApplication.restoreOverrideCursor()


def _since(start: Start) -> str:
    return (start.offline_since or clock.now()).astimezone(clock.LOCAL_TIME).strftime("%H:%M")


class OfflineStartDialog(QDialog):
    def __init__(self, label: str, start: Start, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The server cannot be reached")
        self.setWindowIcon(icon("tafdesk"))
        self.choice = QUIT
        title = QLabel("The database server cannot be reached", objectName="formTitle")
        with_copy = start.mode is StartMode.OFFLINE_WITH_COPY
        what = (
            "Your offline copy on this computer can be opened and worked on: what you change is sent to "
            "the server when you reconnect and sync it."
            if with_copy
            else "The plan drafts kept on this computer can be read (not changed) until it is back. "
            "Nothing in them is lost."
        )
        text = QLabel(
            f"tafdesk has had no answer from {label} since {_since(start)}: this computer may be "
            f"off the network, or the server may be down.\n\n{what}",
            wordWrap=True,
            objectName="pageText",
        )
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton("Open my &offline copy", QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button.clicked.connect(lambda: self._chosen(COPY))
        self.copy_button.setVisible(with_copy)
        self.drafts_button = buttons.addButton("Open my &drafts (read-only)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.retry_button = buttons.addButton("&Try again", QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.drafts_button.clicked.connect(lambda: self._chosen(DRAFTS))
        self.retry_button.clicked.connect(lambda: self._chosen(RETRY))
        self.quit_button.clicked.connect(lambda: self._chosen(QUIT))
        (self.copy_button if with_copy else self.drafts_button).setDefault(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(680 if with_copy else 520)  # four buttons, or three

    def _chosen(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != QUIT else self.reject()

    def ask(self) -> str:
        self.exec()
        return self.choice


class CopyUnlockDialog(QDialog):
    """The password that opens the person's offline copy (a wrong one is
    counted by the copy; too many wipe it). Accepted: `opened` holds it."""

    def __init__(self, path: Path, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open my offline copy — tafdesk")
        self.setWindowIcon(icon("tafdesk"))
        self.path = path
        self.opened: OpenedCopy | None = None
        self.password = PasswordField("Your password")
        label = QLabel("&Password:")
        label.setBuddy(self.password.edit)
        self.message = QLabel(objectName="formError", wordWrap=True)
        self.message.setAccessibleDescription("Why the offline copy did not open")
        self.message.hide()
        self.status = QLabel("Opening your offline copy…", objectName="hint")
        self.status.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = buttons.addButton("&Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("primaryButton")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_copy)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Username:", QLabel(username))
        form.addRow(label, self.password)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(QLabel("Open my offline copy", objectName="formTitle"))
        layout.addWidget(
            QLabel(
                "Your offline copy is locked with the password you signed in with when you took it. "
                f"It is kept at {path}.",
                wordWrap=True,
                objectName="pageText",
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def opened_copy(self) -> OpenedCopy | None:
        self.exec()
        return self.opened

    def open_copy(self) -> None:
        """Derive the key and open the copy off the interface thread (Argon2id takes a moment)."""
        password = self.password.text()
        if not password:
            self._refused(ServiceError("Give your password: your offline copy is locked with it."))
            return
        self.password.clear()
        self._working(True)
        run_in_background(lambda: _open_and_unlock(self.path, password), self._opened, self._refused, context=self)

    def _working(self, busy: bool) -> None:
        self.status.setVisible(busy)
        self.open_button.setEnabled(not busy and self.path.exists())
        self.password.setEnabled(not busy)

    def _opened(self, opened: OpenedCopy) -> None:
        self.opened = opened
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._working(False)
        said = str(error) if isinstance(error, ServiceError) else "Your offline copy could not be opened."
        self.message.setText(said)
        self.message.show()
        self.password.edit.setFocus()


def _open_and_unlock(path: Path, password: str) -> OpenedCopy:
    """The copy, and the key of the person's plan drafts from the same password (as at sign-in)."""
    opened = open_for_work(path, password)
    username = opened.actor.username or ""
    journal_key.unlock_with_password(DraftJournal(username=username).folder, username, password)
    return opened


class DraftsViewer(QDialog):
    """The drafts of one person kept on this computer, read-only. Accepted:
    try the server again; rejected (closed, Quit): stop."""

    def __init__(
        self, start: Start, username: str, *, journal: DraftJournal | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan drafts on this computer (read-only) — tafdesk")
        self.setWindowIcon(icon("tafdesk"))
        self.setObjectName("draftsViewer")
        self._journal_given = journal
        self.journal: DraftJournal | None = None
        self.band = ConnectionBand()
        self.band.show_state(ConnectionState(False, start.offline_since))
        self.username = QLineEdit(username, objectName="username")
        self.username.setAccessibleName("Username")
        self.password = PasswordField()
        self.open_button = QPushButton("&Open drafts")
        self.message = QLabel(objectName="formError", wordWrap=True)
        self.message.setAccessibleDescription("Why the drafts did not open")
        self.message.hide()
        self.drafts = QListWidget(objectName="draftsList")
        self.drafts.setAccessibleName("Plan drafts")
        self.page = QTextBrowser(objectName="draftPage")
        self.page.setAccessibleName("The draft, read-only")
        self.page.setOpenLinks(False)
        self.empty = QLabel(objectName="pageNote", wordWrap=True)
        self.empty.hide()
        self._build()
        self.open_button.clicked.connect(self.open_drafts)
        self.password.edit.returnPressed.connect(self.open_drafts)
        self.drafts.currentItemChanged.connect(self._show)
        if username and journal_key.key_for(DraftJournal(username=username).folder, username) is not None:
            self.open_drafts()  # the keyring holds this person's key: nothing to ask

    def _build(self) -> None:
        unlock = QWidget(objectName="draftsUnlock")
        unlock.setMaximumWidth(560)
        form = QFormLayout(unlock)
        form.addRow("&Username", self.username)
        form.addRow("&Password", self.password)
        form.addRow("", self.open_button)
        form.addRow(self.message)
        self.unlock = unlock
        split = QSplitter()
        split.addWidget(self.drafts)
        split.addWidget(self.page)
        split.setStretchFactor(1, 3)
        split.setSizes([280, 720])
        self.split = split
        buttons = QDialogButtonBox()
        self.retry_button = buttons.addButton("&Try the server again", QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.retry_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self.reject)
        body = QVBoxLayout()
        body.setContentsMargins(16, 12, 16, 12)
        body.setSpacing(10)
        body.addWidget(QLabel("Plan drafts kept on this computer", objectName="formTitle"))
        body.addWidget(
            QLabel(
                "Read-only while the server cannot be reached: each draft is saved to the database "
                "when its plan is next opened with the server in reach.",
                wordWrap=True,
                objectName="hint",
            )
        )
        body.addWidget(unlock)
        body.addWidget(self.empty)
        body.addWidget(split, 1)
        body.addStretch(0)  # takes the room only while the drafts are not shown
        body.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.band)
        layout.addLayout(body, 1)
        split.hide()
        resize_within_screen(self, 1000, 640)

    def open_drafts(self) -> None:
        """Open this person's drafts with the keyring's key, or one from their password."""
        username = self.username.text().strip().lower()
        journal = self._journal_given or DraftJournal(username=username)
        if self._journal_given is None and journal_key.key_for(journal.folder, username) is None:
            if not self.password.text():
                self._refused("Give your password: your drafts are locked with it on this computer.")
                return
            journal_key.unlock_with_password(journal.folder, username, self.password.text())
        self.password.clear()
        found: list[tuple[object, Draft]] = []
        for plan_id in journal.pending():
            try:
                found.append((plan_id, journal.view(plan_id)))
            except ValueError:
                continue  # another key's, or damaged: never shown, never moved
            except (FileNotFoundError, JournalLocked):
                continue
        if journal.pending() and not found:
            journal_key.forget(journal.folder)
            self._refused("That password does not open the drafts kept for this username.")
            return
        self.journal = journal
        self._list(found)

    def _refused(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _list(self, found: list[tuple[object, Draft]]) -> None:
        self.unlock.hide()
        self.drafts.clear()
        found.sort(key=lambda pair: pair[1].saved_at or clock.now(), reverse=True)
        for plan_id, draft in found:
            item = QListWidgetItem(_title(draft, plan_id))
            item.setData(Qt.ItemDataRole.UserRole, draft)
            self.drafts.addItem(item)
        self.empty.setText("" if found else "There are no plan drafts kept on this computer for this username.")
        self.empty.setVisible(not found)
        self.split.setVisible(bool(found))
        if found:
            self.drafts.setCurrentRow(0)
            self.drafts.setFocus()

    def _show(self, item: QListWidgetItem | None) -> None:
        draft = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.page.setHtml(draft_html(draft) if draft is not None else "")


def _title(draft: Draft, plan_id: object) -> str:
    name = draft.label or f"Plan {str(plan_id)[:8]}"
    when = draft.saved_at.astimezone(clock.LOCAL_TIME).strftime("%d %b %Y, %H:%M") if draft.saved_at else ""
    return f"{name}\nKept {when}" if when else name


def draft_html(draft: Draft) -> str:
    """A draft as a read-only page: its text, outcomes and actions (with anything that was being typed)."""
    content: PlanContent = with_typed(draft.content, draft.typing)
    e = html.escape
    parts = [f"<h2>{e(draft.label or 'Plan draft')}</h2>"]
    if draft.saved_at:
        when = draft.saved_at.astimezone(clock.LOCAL_TIME).strftime("%d %B %Y at %H:%M")
        parts.append(f"<p><i>Kept on this computer {e(when)}; not yet in the database.</i></p>")
    for heading, text in (
        ("Voice of the child", content.voice_of_child),
        ("Voice of the parents and carers", content.voice_of_parents),
        ("Strengths", content.strengths),
    ):
        parts.append(f"<h3>{heading}</h3><p>{e(text or '—').replace(chr(10), '<br>')}</p>")
    if content.outcomes:
        parts.append("<h3>Outcomes</h3><ul>")
        for outcome in content.outcomes:
            area = NEED_AREA_SHORT.get(outcome.area, str(outcome.area))
            parts.append(f"<li><b>{e(area)}</b>: {e(outcome.need or '—')} → {e(outcome.outcome_wanted or '—')}</li>")
        parts.append("</ul>")
    if content.actions:
        parts.append("<h3>Actions</h3><table cellpadding='4' border='1' cellspacing='0'>")
        parts.append("<tr><th align='left'>Action</th><th align='left'>Who</th><th>Due</th><th>Status</th></tr>")
        for action in content.actions:
            due = f"{action.due_on:%d/%m/%Y}" if action.due_on else "—"
            who = action.owner.label if action.owner else "—"
            status = ACTION_STATUS_LABELS.get(action.status, str(action.status))
            parts.append(
                f"<tr><td>{e(action.description)}</td><td>{e(who)}</td><td>{due}</td><td>{e(status)}</td></tr>"
            )
        parts.append("</table>")
    return "".join(parts)

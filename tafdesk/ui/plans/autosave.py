"""Saving a draft as it is typed, with no Save button.

Every change goes at once to the draft journal on this computer (a small
file replaced atomically, so a crash or a power cut never loses more than
the keystroke being typed), and, after a short pause in typing, to the
database off the interface thread. When the database has it, the journal's
copy goes. If the database cannot be reached the journal keeps the draft,
the status says so calmly, and saving is tried again now and then; the
draft is also saved the next time the plan is opened with the database in
reach. If someone else changed the plan meanwhile, `conflict` asks for a
reload. While the connection watcher says the server is out of reach
(`connection_changed`), nothing is sent: the status says the draft is on
this computer, and it is saved as soon as the server is back.

Text typed into a cell of the tables is not part of the plan until the cell
is committed; a moment after each keystroke (`typing`) it goes to the journal
beside the draft, never to the database, so that a crash mid-paragraph loses
nothing either.
"""

from __future__ import annotations

import enum
import logging
import uuid
from collections.abc import Callable

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QObject, QTimer, Signal

from tafdesk.plans.content import PlanContent
from tafdesk.services.draft_journal import Draft, DraftJournal, TypedText
from tafdesk.services.errors import ConflictError, ServiceError, ValidationError
from tafdesk.ui.background import run_in_background
from tafdesk.ui.plans.document import PlanDocument
from tafdesk.ui.plans.edits import with_typed

log = logging.getLogger(__name__)

DELAY_MS = 400
TYPING_MS = 500  # after the last keystroke in a cell, what it holds goes to the journal
RETRY_MS = 15_000
# Closing the plan (or the window) waits at most this long for the database:
# the journal already holds every change, so quitting never hangs on a network.
FLUSH_MS = 1_200
OFFLINE_TEXT = "Saved on this computer — will be saved to the database when it is back"

Save = Callable[[int, PlanContent], int]  # (row version it was read at, content) -> the new row version


class SaveState(enum.Enum):
    SAVED = "saved"
    SAVING = "saving"
    LOCAL = "local"  # on this computer only: the database is out of reach
    REFUSED = "refused"  # on this computer only: the database refused this content as it stands
    CONFLICT = "conflict"


class Autosaver(QObject):
    state_changed = Signal(object, str)  # SaveState, what to tell the user
    conflict = Signal(str)
    refused = Signal(dict)  # a ValidationError's fields
    saved = Signal(int)  # the new row version
    idle = Signal()  # no save is running

    def __init__(
        self,
        document: PlanDocument,
        save: Save,
        journal: DraftJournal,
        plan_id: uuid.UUID,
        base_version: int,
        *,
        delay_ms: int | None = None,
        retry_ms: int | None = None,
        label: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._save = save
        self._journal = journal
        self.plan_id = plan_id
        self.base_version = base_version
        self._label = label  # the case's reference, kept with the draft for the offline drafts viewer
        self._offline = False  # the connection watcher says the server cannot be reached
        self._generation = 0  # counts changes
        self._stored = 0  # the generation the database has
        self._in_flight = False
        self._gone = False  # the editor shows another plan
        self._typing: TypedText | None = None  # what an open cell editor holds, not yet committed
        self._typing_kept = False  # the journal has self._typing
        self.state = SaveState.SAVED
        self.text = "Saved"
        self._debounce = QTimer(self, singleShot=True, interval=delay_ms or DELAY_MS)
        self._debounce.timeout.connect(self.save_now)
        self._retry = QTimer(self, singleShot=True, interval=retry_ms or RETRY_MS)
        self._retry.timeout.connect(self.save_now)
        self._typing_pause = QTimer(self, singleShot=True, interval=TYPING_MS)
        self._typing_pause.timeout.connect(self._keep_here)
        document.content_changed.connect(self.changed)

    @property
    def pending(self) -> bool:
        """Changes the database does not have yet."""
        return self._generation != self._stored

    @property
    def quiet(self) -> bool:
        """Nothing being typed, saved or waiting to be: reading the plan again loses nothing."""
        return not self.pending and self._typing is None and not self._in_flight

    # -- changes -----------------------------------------------------------------

    def changed(self) -> None:
        self._generation += 1
        self._keep_here()
        if self.state is SaveState.CONFLICT:
            return
        if self._offline:
            self._set_state(SaveState.LOCAL, OFFLINE_TEXT)
            return
        self._set_state(SaveState.SAVING, "Saving…")
        self._debounce.start()

    def typing(self, typed: TypedText | None) -> None:
        """What an open cell editor holds, as it is typed; None when the editor closes
        (committed or not: a commit is a change of its own)."""
        self._typing = typed
        if typed is not None:
            self._typing_pause.start()
            return
        self._typing_pause.stop()
        if self._typing_kept:  # the journal holds text no longer being typed
            if self.pending:
                self._keep_here()
            else:
                self._journal.discard(self.plan_id)
                self._typing_kept = False

    def _keep_here(self) -> None:
        if self._gone:
            return
        self._typing_pause.stop()
        try:
            self._journal.write(
                self.plan_id, self.base_version, self._document.content, self._typing, label=self._label
            )
            self._typing_kept = self._typing is not None
        except OSError as exc:
            log.error(
                "the draft journal could not be written: %s", exc.strerror or type(exc).__name__
            )  # not the path or text
            self._set_state(
                SaveState.SAVING, f"Could not keep a copy on this computer ({exc.strerror or exc}); saving…"
            )

    def save_now(self) -> None:
        """Save to the database now (off the interface thread)."""
        self._debounce.stop()
        self._retry.stop()
        if self.state is SaveState.CONFLICT or not self.pending:
            return
        if self._offline:  # sent when the server is back (connection_changed)
            self._set_state(SaveState.LOCAL, OFFLINE_TEXT)
            return
        if self._in_flight:
            self._debounce.start()  # once this save is back
            return
        self._in_flight = True
        generation, base, content = self._generation, self.base_version, self._document.content
        self._set_state(SaveState.SAVING, "Saving…")
        run_in_background(
            lambda: self._save(base, content),
            lambda version: self._done(version, generation),
            self._failed,
            context=self,
        )

    def flush(self, timeout_ms: int | None = None) -> bool:
        """Before the editor closes: save what is left, waiting at most
        timeout_ms (FLUSH_MS) for the database; nothing is waited for while
        the server is known to be out of reach. True if the database has
        every change; if not, the journal has them."""
        self._debounce.stop()
        self._retry.stop()
        deadline, asked = QDeadlineTimer(timeout_ms or FLUSH_MS), False
        while not self._offline and self.state is not SaveState.CONFLICT and (self.pending or self._in_flight):
            if deadline.hasExpired():
                break
            if not self._in_flight:
                if asked:
                    break  # asked once and refused or out of reach: the journal has it
                asked = True
                self.save_now()
                if not self._in_flight:
                    break
            loop = QEventLoop()
            self.idle.connect(loop.quit)
            QTimer.singleShot(max(1, deadline.remainingTime()), loop.quit)
            loop.exec()
            self.idle.disconnect(loop.quit)
        self._retry.stop()
        self._debounce.stop()
        return not self.pending

    def connection_changed(self, state) -> None:
        """The connection watcher's news (a ConnectionState): out of reach,
        the draft stays here; back, it is saved now."""
        self._offline = not state.online
        if self._gone:
            return
        if self._offline:
            self._debounce.stop()
            self._retry.stop()
            if self.pending and self.state is SaveState.SAVING:
                self._set_state(SaveState.LOCAL, OFFLINE_TEXT)
        elif self.pending and self.state is SaveState.LOCAL:
            self.save_now()

    def document_gone(self) -> None:
        """The editor shows another plan now (after `flush`): stop listening and saving."""
        self._gone = True
        self._debounce.stop()
        self._retry.stop()
        self._typing_pause.stop()
        self._document.content_changed.disconnect(self.changed)

    # -- results ------------------------------------------------------------------

    def _done(self, version: int, generation: int) -> None:
        self._in_flight = False
        self.base_version = version
        self._stored = generation
        if self.pending:  # typed on while saving: keep the newer draft against the new version
            self._keep_here()
            if not self._gone:
                self._debounce.start()
        else:
            if self._typing is not None:  # a cell is still being typed in: its text stays on this computer
                self._keep_here()
            else:
                self._journal.discard(self.plan_id)
            self._set_state(SaveState.SAVED, "Saved")
        self.saved.emit(version)
        self.idle.emit()

    def _failed(self, error: Exception) -> None:
        self._in_flight = False
        if isinstance(error, ConflictError):
            self._set_state(SaveState.CONFLICT, str(error))
            self.conflict.emit(str(error))
        elif isinstance(error, ValidationError):
            first = next(iter(error.fields.values()), str(error))
            self._set_state(SaveState.REFUSED, f"Saved on this computer. Not yet in the database: {first}")
            self.refused.emit(error.fields)
        elif isinstance(error, ServiceError) and not error.retryable:  # a refusal: waiting will not mend it
            self._set_state(SaveState.REFUSED, f"Saved on this computer only. {error}")
        else:  # the database is out of reach, busy or failing: the journal holds the draft
            log.warning("draft not saved to the database, kept on this computer: %s", type(error).__name__)
            self._set_state(SaveState.LOCAL, OFFLINE_TEXT)
            self._retry.start()
        self.idle.emit()

    def _set_state(self, state: SaveState, text: str) -> None:
        if (state, text) != (self.state, self.text):
            self.state, self.text = state, text
            self.state_changed.emit(state, text)


def journal_verdict(draft: Draft | None, row_version: int, content: PlanContent) -> str:
    """What to do with a draft found on this computer when its plan opens:
    "none" (there is none), "discard" (the database has the same), "restore"
    (it was edited from this very version: take it and save it) or "ask"
    (the plan was changed in the database since the draft was written)."""
    if draft is None:
        return "none"
    if with_typed(draft.content, draft.typing) == content:
        return "discard"
    return "restore" if draft.base_version == row_version else "ask"

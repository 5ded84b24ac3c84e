"""The undo step the Directory and meeting screens share.

The screen applies a command itself first (`apply()`, which raises what the
service raises), so that a broken rule is shown where it was made and never
reaches the undo stack; pushing the command afterwards does not apply it
again. Later undo and redo never raise into Qt: a step that cannot be taken
is made obsolete (dropped from the stack) and reported. Subclasses say what
the first application, redo and undo do, and what to show after each."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtGui import QUndoCommand

from tafdesk.ui.errors import explain

Report = Callable[[str], None]  # what went wrong, for the user


class GuardedCommand(QUndoCommand):
    LOG: ClassVar[logging.Logger] = logging.getLogger(__name__)
    WHAT: ClassVar[str] = "change"  # for the log: "<verb> of a <WHAT> failed"

    def __init__(self, text: str, report: Report) -> None:
        super().__init__(text)
        self._report = report
        self._applied = False

    def apply(self) -> Any:
        """The first application, from the screen; raises what the service raises."""
        result = self._first()
        self._applied = True
        return result

    def redo(self) -> None:
        if self._applied:  # pushed right after apply(): already done
            self._applied = False
            return
        self._guarded(self._redo, "redo")

    def undo(self) -> None:
        self._guarded(self._undo, "undo")

    def _guarded(self, action: Callable[[], None], verb: str) -> None:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 (reported in one sentence, never raised into Qt)
            self.setObsolete(True)
            self._report(f"Could not {verb} “{self.text()}”. {explain(exc, f'{verb} of a {self.WHAT}')}")
        self._after()

    # -- what subclasses say ----------------------------------------------

    def _first(self) -> Any:
        self._redo()

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def _after(self) -> None:
        """Shows the outcome of an undo or redo, whether or not it was taken."""

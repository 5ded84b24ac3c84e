"""One way for a screen to act through a service, in the spirit of Anki's
CollectionOp: say what to call, and the operation runs it (off the interface
thread when marked slow), then either pushes its undo step onto the area's
stack and hands the result on, or shows why nothing was done:

- a broken rule at the fields it names, when the screen gives a field map;
- an error the screen asked to handle itself (a conflict: the field-by-field
  dialog), to that handler;
- anything else in the page's banner (ui/banner.py), in one sentence, with
  Retry when repeating the same request may work.

    Operation(banner, lambda: service.update(...), failed="Not saved.", doing="saving a professional")
        .at_fields(form.show_errors).handle(ConflictError, merge).done(after_save).run()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtGui import QUndoStack

from tafdesk.services.errors import ValidationError
from tafdesk.ui.background import run_in_background
from tafdesk.ui.banner import Banner
from tafdesk.ui.errors import explain
from tafdesk.ui.undo import GuardedCommand

T = TypeVar("T")


class Operation(Generic[T]):
    def __init__(self, banner: Banner, call: Callable[[], T], *, failed: str, doing: str, slow: bool = False) -> None:
        """`failed` opens the sentence shown when it is refused ("Not saved.");
        `doing` names it in the log should it fail unforeseen ("saving a plan")."""
        self._banner = banner
        self._call = call
        self._failed = failed
        self._doing = doing
        self._slow = slow
        self._fields: Callable[[dict[str, str]], None] | None = None
        self._handlers: list[tuple[type[BaseException], Callable[[Any], None]]] = []
        self._done: Callable[[T], None] | None = None
        self._refused: Callable[[Exception], None] | None = None
        self._retry: Callable[[], object] | None = (
            None  # None: run again (not self.run here: no cycle to keep it alive)
        )
        self._command: GuardedCommand | None = None
        self._stack: QUndoStack | None = None
        self._reading = False

    @classmethod
    def undoable(
        cls, banner: Banner, command: GuardedCommand, stack: QUndoStack | None, *, failed: str, doing: str
    ) -> Operation[Any]:
        """The command's first application; once done it goes onto `stack` (if
        the area has one) for Ctrl+Z."""
        operation: Operation[Any] = cls(banner, command.apply, failed=failed, doing=doing)
        operation._command, operation._stack = command, stack
        return operation

    # -- what the screen says ---------------------------------------------------

    def at_fields(self, show: Callable[[dict[str, str]], None]) -> Operation[T]:
        """A broken rule is shown at the fields it names, not in the banner."""
        self._fields = show
        return self

    def handle(self, kind: type[BaseException], handler: Callable[[Any], None]) -> Operation[T]:
        """Errors of this kind go to handler instead of the banner."""
        self._handlers.append((kind, handler))
        return self

    def done(self, then: Callable[[T], None]) -> Operation[T]:
        self._done = then
        return self

    def refused(self, then: Callable[[Exception], None]) -> Operation[T]:
        """Called after a refusal has been shown (to read the record again, say)."""
        self._refused = then
        return self

    def retry_with(self, again: Callable[[], object]) -> Operation[T]:
        """What Retry does, when not simply this call again (a form's Save reads the form again)."""
        self._retry = again
        return self

    def reading(self) -> Operation[T]:
        """A read: done, it takes away only its own problem said earlier (that
        this could not be read), never a refusal said since. A read made after
        someone else's change, or after a refusal to show the record as it now
        is, leaves the sentence that says why."""
        self._reading = True
        return self

    # -- running ------------------------------------------------------------------

    def run(self) -> bool:
        """Run the call; True if it was done now. A slow one starts in the
        background and returns False: its outcome arrives later."""
        if self._slow:
            run_in_background(self._call, self._succeeded, self._failed_with, context=self._banner)
            return False
        try:
            result = self._call()
        except Exception as exc:  # noqa: BLE001 (shown in a sentence, never raised into Qt)
            self._failed_with(exc)
            return False
        self._succeeded(result)
        return True

    def _succeeded(self, result: T) -> None:
        if not self._reading or self._banner.text().startswith(self._failed):
            self._banner.clear_problem()
        if self._command is not None and self._stack is not None:
            self._stack.push(self._command)
        if self._done is not None:
            self._done(result)

    def _failed_with(self, error: Exception) -> None:
        handler = next((h for kind, h in self._handlers if isinstance(error, kind)), None)
        if handler is not None:
            handler(error)
        elif isinstance(error, ValidationError) and self._fields is not None:
            self._fields(error.fields)
        else:
            retry = (self._retry or self.run) if getattr(error, "retryable", False) else None
            self._banner.say(f"{self._failed} {explain(error, self._doing)}".strip(), error=True, retry=retry)
        if self._refused is not None:
            self._refused(error)

"""How the window tells a person that something failed: one plain sentence.

Services raise ServiceError (database failures included: tafdesk/db/failures.py
translates them) and the storage layer StorageError; their messages are
written for people and shown as they are. Anything else is a fault nobody
foresaw: the person gets one sentence, the log gets where it was raised
(never its text, which may quote a family's data). `explain` is that rule for
every screen (ui/operation.py shows it, with Retry when repeating may work);
`install_excepthook` is the last resort for an exception that
escapes a slot.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMessageBox

from tafdesk.db.errors import StorageError
from tafdesk.logs import log_unexpected
from tafdesk.services.errors import ServiceError


def explain(error: BaseException, doing: str = "an action in the window") -> str:
    """The sentence to show for error; an unforeseen one is logged."""
    if isinstance(error, (ServiceError, StorageError)):
        return str(error)
    if isinstance(error, OSError) and error.strerror:  # a file or folder: the system's own words name the fix
        return f"{error.filename or 'A file'}: {error.strerror}."
    log_unexpected(logging.getLogger(__name__), doing, error)
    from tafdesk.paths import log_dir

    return (
        f"tafdesk met a problem it did not expect ({type(error).__name__}), so this was not done. "
        f"The details are in its log, in {log_dir()}."
    )


def install_excepthook() -> Callable[[], None]:
    """An exception that escapes a slot would otherwise print a traceback to
    the terminal (and may end the app): instead, log it and say so once. One
    that ends a thread of tafdesk's own is logged (no window is shown from
    another thread). Returns what puts the previous hooks back."""
    previous, previous_thread = sys.excepthook, threading.excepthook

    def hook(kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(trace)
        text = explain(error, "a step in the window")
        if QApplication.instance() is not None:
            QMessageBox.critical(QApplication.activeWindow(), "tafdesk", text)
        else:
            print(f"tafdesk: {text}", file=sys.stderr)  # noqa: T201 (no window to show it in; the plain words only)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            explain(args.exc_value, f"work on the thread {args.thread.name if args.thread else '?'}")

    sys.excepthook, threading.excepthook = hook, thread_hook

    def restore() -> None:
        sys.excepthook, threading.excepthook = previous, previous_thread

    return restore

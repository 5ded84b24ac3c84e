"""One tafdesk window per SQLite file: a lock file beside the database,
held with the operating system's own file lock (flock, or a locked byte on
Windows), so that a crashed or killed tafdesk leaves no stale lock behind:
the system lets go of it with the process.

The window holds it while open, and `tafdesk db restore` while it replaces
the file. Other commands do not: SQLite's own locking lets a script import
profiles or add a user beside an open window, each write a short
transaction that waits its turn (see database.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tafdesk.db.errors import StorageError
from tafdesk.private_files import open_private


class AlreadyOpen(StorageError):
    """Another tafdesk holds the database; the message says so."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class InstanceLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path(database)
        self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """True if this process now holds the lock (or already did)."""
        while self._handle is None:
            handle = open_private(self.path, "ab")
            if not _try_lock(handle):
                handle.close()
                return False
            if _same_file(handle, self.path):  # not unlinked by a holder letting go meanwhile
                handle.seek(0)
                handle.truncate()
                handle.write(str(os.getpid()).encode("ascii"))
                handle.flush()
                self._handle = handle
            else:
                handle.close()
        return True

    def require(self) -> None:
        """Acquire, or raise AlreadyOpen saying who has the database."""
        if not self.acquire():
            raise AlreadyOpen(already_open_message(self.database, self.holder()))

    def holder(self) -> int | None:
        """The process id of whoever holds it (POSIX; None if unknown)."""
        try:
            text = self.path.read_text("ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def release(self) -> None:
        if self._handle is None:
            return
        self.path.unlink(missing_ok=True)  # while locked: whoever opens it next makes a new one
        self._handle.close()  # closing lets go of the lock
        self._handle = None

    def __enter__(self) -> InstanceLock:
        self.require()
        return self

    def __exit__(self, *_exc) -> None:
        self.release()


def already_open_message(database: Path, pid: int | None = None) -> str:
    who = f" (process {pid})" if pid else ""
    return f"tafdesk is already open on this database{who}: {database}. Use that window, or close it first."


def _same_file(handle, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except FileNotFoundError:
        return False


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

"""What the database raised, as one plain sentence for the person.

Every session the services take comes from Database (database.py), which hands
whatever the driver or the ORM raises to `translate` here: this is the one
place where a database failure becomes a ServiceError. The person sees the
sentence; the log gets the kind of failure (exception class, SQLSTATE or SQLite
code, constraint and table), never the statement's parameters, row values or
the server's message, which may quote a family's data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from tafdesk.db.errors import damaged_message
from tafdesk.services.errors import ConflictError, DamagedFile, DatabaseProblem, RecordBusy, ServiceError

log = logging.getLogger(__name__)

LOCK_WAIT_S = 5  # how long a change waits for a record someone else holds


def translate(
    exc: BaseException, where: str, holder: Callable[[BaseException], str | None] | None = None
) -> ServiceError | None:
    """The error to raise instead of exc, or None if exc is not a database
    failure. `where` names the database; `holder` says who holds a lock."""
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm.exc import StaleDataError

    if isinstance(exc, StaleDataError):
        log.warning("database failure: StaleDataError (the row changed or went since it was read)")
        return ConflictError(
            "Someone else changed this record at the same moment. Look at it again and make your change again."
        )
    if not isinstance(exc, DBAPIError):
        return None
    kind, code = classify(exc)
    _log(exc, kind, code)
    if kind == "busy":
        return _busy(exc, holder)
    if kind == "damaged":
        return DamagedFile(damaged_message(where))
    message, retryable = MESSAGES.get(kind, MESSAGES["other"])
    return DatabaseProblem(message.format(seconds=LOCK_WAIT_S), retryable=retryable)


def classify(exc) -> tuple[str, str | None]:
    """(kind, code): the kind of failure and the driver's code for the log."""
    orig = exc.orig
    name = getattr(orig, "sqlite_errorname", None)
    if name is not None:
        return SQLITE_KINDS.get(name.split("_")[1] if "_" in name else name, "other"), name
    state = getattr(orig, "sqlstate", None)
    if state is None:  # psycopg says nothing: the connection went
        return ("connection" if exc.connection_invalidated or _is_operational(orig) else "other"), None
    return PG_KINDS.get(state, PG_KINDS.get(state[:2], "other")), state


def _is_operational(orig) -> bool:
    # psycopg's ConnectionTimeout (a connection not answered in time) is one too
    return any(kind.__name__ == "OperationalError" for kind in type(orig).__mro__)


# SQLite primary result codes (the part after SQLITE_); extended codes share them.
SQLITE_KINDS = {
    "BUSY": "busy",
    "LOCKED": "busy",
    "CORRUPT": "damaged",
    "NOTADB": "damaged",
    "CONSTRAINT": "integrity",
    "TOOBIG": "data",
    "MISMATCH": "data",
    "RANGE": "data",
    "FULL": "full",
    "READONLY": "readonly",
    "PERM": "readonly",
    "IOERR": "io",
    "CANTOPEN": "io",
}
# PostgreSQL SQLSTATEs, whole or by their two-character class.
PG_KINDS = {
    "55P03": "busy",
    "40001": "busy",
    "40P01": "busy",
    "57014": "timeout",
    "57P01": "connection",
    "57P02": "connection",
    "57P03": "connection",
    "08": "connection",
    "23": "integrity",
    "22": "data",
    "42501": "permission",
    "53": "resources",
    "XX001": "damaged",
}
NOTHING = "Nothing was changed"
MESSAGES = {
    "timeout": (
        f"The database took too long to answer, so tafdesk stopped waiting. {NOTHING}; try again, "
        "and tell whoever runs the database server if it keeps happening.",
        True,
    ),
    "integrity": (
        f"This clashes with a record already in the database, perhaps one saved by someone else "
        f"at the same moment. {NOTHING}; look at the records again.",
        False,
    ),
    "data": (f"A value is too long, or not in a form the database can store. {NOTHING}.", False),
    "full": (f"The disk holding the database is full. {NOTHING}; free some space and try again.", True),
    "readonly": (f"The database cannot be written to from here (the file or folder is read-only). {NOTHING}.", False),
    "io": (
        f"tafdesk could not read or write the database file (a disk or network problem). {NOTHING}; try again.",
        True,
    ),
    "connection": (
        "The connection to the database server was lost, so what you were doing may not have been "
        "saved. Check the network, then try again.",
        True,
    ),
    "permission": (
        f"Your database account is not allowed to do this. {NOTHING}; ask whoever runs the database server.",
        False,
    ),
    "resources": (f"The database server is short of space, memory or connections. {NOTHING}; try again later.", True),
    "other": (
        f"tafdesk met an unexpected problem with the database. {NOTHING}; the details are in tafdesk's log.",
        False,
    ),
}


def _busy(exc, holder) -> RecordBusy:
    if getattr(exc.orig, "sqlite_errorname", None) is not None:
        return RecordBusy(
            f"The database file is busy: someone else is saving to it, and tafdesk stopped waiting after "
            f"{LOCK_WAIT_S} seconds. {NOTHING}; try again in a moment."
        )
    if getattr(exc.orig, "sqlstate", None) in ("40001", "40P01"):
        return RecordBusy(f"Someone else was changing the same records at the same moment. {NOTHING}; try again.")
    who = holder(exc) if holder else None
    return RecordBusy(
        f"This record is in use by {who or 'another connection to the database'}, and tafdesk stopped "
        f"waiting after {LOCK_WAIT_S} seconds. {NOTHING}; try again when they have finished.",
        holder=who,
    )


def _log(exc, kind: str, code: str | None) -> None:
    """Class, code, constraint and table: enough to find the cause, and no data."""
    from tafdesk.logs import frames

    orig = exc.orig
    diag = getattr(orig, "diag", None)
    where = {name: getattr(diag, name, None) for name in ("constraint_name", "table_name", "column_name")}
    if getattr(orig, "sqlite_errorname", None) is not None and kind == "integrity":
        where["constraint_name"] = str(orig)  # SQLite names the rule and columns, never the values
    detail = " ".join(f"{k}={v}" for k, v in where.items() if v)
    if kind == "other":
        log.error("database failure: %s %s %s; at\n%s", type(orig).__name__, code, detail, frames(exc))
    else:
        log.warning("database failure (%s): %s %s %s", kind, type(orig).__name__, code, detail)

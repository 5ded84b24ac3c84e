"""Errors the services raise for the UI and the command line to show."""

from __future__ import annotations


class ServiceError(Exception):
    """Something the user asked for cannot be done; the message says why.
    `retryable` says whether the same request may work if simply repeated."""

    retryable = False


class ValidationError(ServiceError):
    """Input that breaks a rule. `fields` maps each field name to what is wrong
    with it, so a form can show the message at the field."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.fields.items()))


class PermissionDenied(ServiceError):
    pass


class NotFound(ServiceError):
    pass


class ConsentWithdrawn(ServiceError):
    """Sharing the family's information with an agency that consent no longer
    covers; the message says who withdrew it, when, and from whom."""


class ConflictError(ServiceError):
    """Someone else changed the record since it was read (optimistic locking)."""


class RecordBusy(ServiceError):
    """Someone else holds the record (or, on SQLite, the whole file) and
    tafdesk stopped waiting for it. Trying again later may work."""

    retryable = True

    def __init__(self, message: str, holder: str | None = None) -> None:
        super().__init__(message)
        self.holder = holder


class DatabaseProblem(ServiceError):
    """The database failed or refused the work; the message says so in one
    plain sentence and the log has the detail."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class DamagedFile(DatabaseProblem):
    """The SQLite file is damaged: tafdesk refuses to write to it."""


class SignInRefused(ServiceError):
    """The username and password (or the server's single sign-on) did not
    let this person in; the message never says which of the two was wrong."""

"""Errors the services raise for the UI and the command line to show."""

from __future__ import annotations


class ServiceError(Exception):
    """Something the user asked for cannot be done; the message says why."""


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


class ConflictError(ServiceError):
    """Someone else changed the record since it was read (optimistic locking)."""

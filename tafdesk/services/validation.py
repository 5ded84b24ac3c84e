"""Field rules shared by the services. Each check returns the message to show
at the field, or None when the value is acceptable."""

from __future__ import annotations

import re
from typing import TypeVar, cast

T = TypeVar("T")

# The same pattern as the 360-degree profile contract uses for postcodes.
POSTCODE = re.compile(r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")


def required(value: object, label: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"{label} is required."
    return None


def max_length(value: str | None, limit: int, label: str) -> str | None:
    if value and len(value) > limit:
        return f"{label} is {len(value)} characters long; the most is {limit}."
    return None


def postcode(value: str | None) -> str | None:
    if value and not POSTCODE.match(value.strip()):
        return f"“{value}” is not a UK postcode (for example NT3 8LD)."
    return None


def email(value: str | None) -> str | None:
    if value and not EMAIL.match(value.strip()):
        return f"“{value}” is not an email address."
    return None


def phone(value: str | None) -> str | None:
    if value and not PHONE.match(value.strip()):
        return f"“{value}” is not a telephone number (digits, spaces, brackets and + only)."
    return None


def number_between(value: object, low: float, high: float, label: str, *, low_inclusive: bool = True) -> str | None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return f"{label} must be a number."
    too_low = value < low if low_inclusive else value <= low
    if too_low or value > high:
        bound = "from" if low_inclusive else "more than"
        return f"{label} must be {bound} {low:g} up to {high:g}; {value:g} is outside that."
    return None


def clean_text(value: T) -> T | None:
    """Strip text and turn blank text into None; leave other values alone."""
    if isinstance(value, str):
        return cast("T | None", value.strip() or None)  # T is str here (mypy does not narrow a TypeVar)
    return value

"""The string formats the profile contract uses (date, date-time), checked here.

jsonschema probes a dozen optional packages for its own format checks when it
is imported; one of them (rfc3987-syntax) builds a grammar at import, which
cost every `tafdesk import` most of a second. The contract needs two formats,
so tafdesk checks those itself and turns the probes away while jsonschema loads.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# The optional packages jsonschema's format module tries to import.
_PROBED = (
    "fqdn",
    "idna",
    "rfc3987",
    "rfc3986_validator",
    "rfc3987_syntax",
    "rfc3339_validator",
    "webcolors",
    "jsonpointer",
    "uri_template",
    "isoduration",
)

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# RFC 3339 date-time: a time zone is required, seconds too; T and Z in either case.
_DATE_TIME = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?)([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def is_date(value: Any) -> bool:
    """A full date, YYYY-MM-DD, that exists (not 2026-02-30). Non-strings are for other rules to judge."""
    if not isinstance(value, str):
        return True
    return _DATE.fullmatch(value) is not None and _parses(dt.date.fromisoformat, value)


def is_date_time(value: Any) -> bool:
    """An RFC 3339 date and time with a time zone: 2026-11-19T14:32:00+00:00."""
    if not isinstance(value, str):
        return True
    found = _DATE_TIME.fullmatch(value)
    if found is None:
        return False
    date, time, zone = found.groups()
    zone = "+00:00" if zone in "Zz" else zone
    return _parses(dt.datetime.fromisoformat, f"{date}T{time}{zone}")


def _parses(parse: Callable[[str], object], text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


FORMATS = {"date": is_date, "date-time": is_date_time}


def format_checker():
    """A jsonschema FormatChecker knowing only the contract's formats."""
    with _without_probed_packages():
        from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    return checker


@contextmanager
def _without_probed_packages() -> Iterator[None]:
    """While jsonschema first loads, its optional format packages are not found
    (a None entry in sys.modules makes an import fail at once); afterwards
    they can be imported again by anything that wants them."""
    blocked = [name for name in _PROBED if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in blocked:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]

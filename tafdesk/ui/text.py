"""How the windows write days, times, counts and figures: one way each.

Days and times are England's (tafdesk/clock.py), whatever zone the computer
is set to.
"""

from __future__ import annotations

import datetime as dt

from tafdesk.clock import LOCAL_TIME


def day(value: dt.date | None, empty: str = "") -> str:
    """16 Nov 2026 (empty when there is no day)."""
    return f"{value.day} {value:%b %Y}" if value else empty


def short_day(value: dt.date) -> str:
    """Mon 16 Nov."""
    return f"{value:%a} {value.day} {value:%b}"


def when(moment: dt.datetime) -> str:
    """Tue 1 Dec 2026, 09:30."""
    at = moment.astimezone(LOCAL_TIME)
    return f"{at:%a} {at.day} {at:%b %Y}, {at:%H:%M}"


def short_when(moment: dt.datetime) -> str:
    """Tue 1 Dec 09:30."""
    at = moment.astimezone(LOCAL_TIME)
    return f"{short_day(at)} {at:%H:%M}"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 day', '3 days', '2 families' (with many='families')."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def working_days(count: int) -> str:
    return plural(count, "working day")


def number(value: float) -> str:
    """A figure as people write it: 1, 0.8, 0.75, 16.5 (caseload points, FTE)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def percent(ratio: float) -> str:
    return "no capacity" if ratio == float("inf") else f"{ratio:.0%}"


def and_list(names: list[str] | tuple[str, ...]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if not names:
        return ""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def shortened(text: str, limit: int = 40) -> str:
    """The text on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

"""The warnings a meeting carries, in a few lines: closed, not quorate, and
which core agencies are not here. Plain Python: no Qt here."""

from __future__ import annotations

import html

from tafdesk.models.enums import AttendanceStatus, at_table
from tafdesk.services.meetings import MeetingView
from tafdesk.ui.text import plural

CLOSED = (
    "The meeting is closed: its decisions can no longer be changed or undone. Reopen it, with a reason, to change them."
)


def meeting_warnings(view: MeetingView, frozen: bool) -> tuple[str, ...]:
    lines = [CLOSED] if frozen else []
    lines += [w for w in view.quorum_warnings if w.startswith("Not quorate")]
    missing = [
        f"{a.agency}{' (apologies)' if a.status is AttendanceStatus.APOLOGIES else ''}"
        for a in view.attendance
        if a.core and not at_table(a.status)
    ]
    if missing:
        lines.append(f"Core agenc{'ies' if len(missing) != 1 else 'y'} not here: {', '.join(missing)}.")
    return tuple(lines)


def quorate_text(view: MeetingView) -> str:
    here = sum(1 for a in view.attendance if a.core and at_table(a.status))
    return f"Quorate: {plural(here, 'core agency', 'core agencies')} here."


def warnings_html(warnings: tuple[str, ...]) -> str:
    """One warning a line; the meeting's state and the quorum in bold."""

    def line(text: str) -> str:
        strong = text.startswith(("Not quorate", "The meeting is closed"))
        return f"<b>{html.escape(text)}</b>" if strong else html.escape(text)

    return "<br/>".join(line(w) for w in warnings)

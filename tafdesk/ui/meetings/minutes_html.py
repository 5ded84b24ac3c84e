"""The minutes record as it builds during the meeting, for QTextBrowser:
attendance, each family's decision in the minutes' wording (marked when
business support has edited it), rationale and actions, the action log and
the notes. Every value is escaped."""

from __future__ import annotations

from tafdesk.exports.minutes_data import MinuteAction, Minutes
from tafdesk.ui.colours import current
from tafdesk.ui.intake.summary_html import chip, e
from tafdesk.ui.text import day, when


def minutes_html(minutes: Minutes) -> str:
    parts = [
        f'<p style="font-size:large; font-weight:700; color:{current().heading}; margin-bottom:0;">'
        f"{e(minutes.locality)} Locality Case Management Group</p>",
        f'<p style="color:{current().muted}; margin-top:0;">{e(when(minutes.starts_at))}'
        f"{' · ' + e(minutes.venue) if minutes.venue else ''}{' · Chair: ' + e(minutes.chair) if minutes.chair else ''}"
        f"{' · Minutes: ' + e(minutes.minute_taker) if minutes.minute_taker else ''}</p>",
        _heading("Present"),
        _list(minutes.present, "No attendance recorded yet."),
        _muted(minutes.quorum) if minutes.quorum else "",
        _heading("Apologies"),
        _list(minutes.apologies, "None."),
        _heading("Declarations of interest"),
        f"<p style='margin-top:0;'>{e(minutes.declarations)}</p>" if minutes.declarations else _muted("None recorded."),
        _heading(f"Families ({sum(i.decided for i in minutes.items)} of {len(minutes.items)} decided)"),
    ]
    for number, item in enumerate(minutes.items, start=1):
        state = chip("Decided", current().ok) if item.decided else chip("To decide", current().neutral)
        edited = f" {chip('Edited by business support', current().warn)}" if item.edited else ""
        body = [
            f"<p style='margin-bottom:0;'><b>{number}. {e(item.initials)} – {e(item.case_reference)}</b> "
            f"({e(item.kind.replace('_', ' '))}) {state}{edited}</p>",
            f"<p style='margin-top:2px;'>{e(item.wording)}</p>",
        ]
        if item.actions:
            body.append(_actions(item.actions))
        parts.append("".join(body))
    parts += [_heading("Action log"), _log(minutes.action_log)]
    parts += [_heading("Notes"), f"<p>{e(minutes.notes)}</p>" if minutes.notes else _muted("No notes.")]
    if minutes.next_meeting:
        parts += [_heading("Next meeting"), f"<p style='margin-top:0;'>{e(day(minutes.next_meeting))}</p>"]
    return "".join(parts)


def _heading(text: str) -> str:
    return f'<p style="font-weight:700; color:{current().heading}; margin-top:12px; margin-bottom:2px;">{e(text)}</p>'


def _muted(text: str) -> str:
    return f'<p style="color:{current().muted}; margin-top:0;">{e(text)}</p>'


def _list(names: tuple[str, ...], empty: str) -> str:
    return f"<p style='margin-top:0;'>{'; '.join(e(n) for n in names)}</p>" if names else _muted(empty)


def _actions(actions: tuple[MinuteAction, ...]) -> str:
    rows = "".join(
        f"<li>{e(a.description)} – <i>{e(a.owner)}</i>{', by ' + e(day(a.due_on)) if a.due_on else ''}</li>"
        for a in actions
    )
    return f"<ul style='margin-top:0;'>{rows}</ul>"


def _log(actions: tuple[MinuteAction, ...]) -> str:
    if not actions:
        return _muted("No actions yet.")
    head = "".join(
        f'<td style="font-weight:700; color:{current().muted};">{h}</td>' for h in ("Case", "Action", "Owner", "By")
    )
    rows = "".join(
        f"<tr><td>{e(a.case_reference)}</td><td>{e(a.description)}</td><td>{e(a.owner)}</td>"
        f"<td>{e(day(a.due_on)) if a.due_on else ''}</td></tr>"
        for a in actions
    )
    return f'<table width="100%" cellspacing="0" cellpadding="3"><tr>{head}</tr>{rows}</table>'

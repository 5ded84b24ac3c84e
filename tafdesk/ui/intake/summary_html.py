"""A profile's case summary as HTML for the detail pane: what a chair reads
before the family comes up at the meeting.

Written for QTextBrowser's subset of HTML and CSS (tables, cell padding,
background colours, no rounded corners). Every value is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence

from tafdesk.models.enums import CaseStatus, Level
from tafdesk.services.intake_queue import HandLink, History, Item, MemberView, ProfileSummary, Suggestion
from tafdesk.ui.colours import Tone, current
from tafdesk.ui.intake.labels import (
    BLOCKING_CONSENT,
    CLOSURE_LABELS,
    CONSENT_LABELS,
    LEVEL_LABELS,
    LEVEL_OF_NEED_LABELS,
    PATHWAY_LABELS,
    STATUS_LABELS,
)
from tafdesk.ui.text import day, plural, short_when, working_days

RESTRICTED_TAG = "Restricted – LCMG only"


_POINTS = re.compile(r"^([+-]\d+)\s+(.*)$")


def e(text: object) -> str:
    return html.escape(str(text), quote=False)


def chip(text: str, tone: Tone) -> str:
    """A word on the tone's tint (colours are read as the HTML is made: ui/theme.keep_coloured)."""
    return (
        f'<span style="background-color:{tone.tint}; color:{tone.ink}; font-weight:600;">&nbsp;{e(text)}&nbsp;</span>'
    )


def level_tone(level: Level) -> Tone:
    colours = current()
    return {Level.HIGH: colours.error, Level.MEDIUM: colours.warn, Level.LOW: colours.ok}[level]


def level_chip(level: Level | None) -> str:
    return "" if level is None else chip(LEVEL_LABELS[level], level_tone(level))


def summary_html(summary: ProfileSummary, meeting: dt.datetime | None = None) -> str:
    """The summary; `meeting` is when the meeting it is on the agenda of starts."""
    parts = [_title(summary, meeting), _glance(summary)]
    if summary.suggestion is not None:
        parts.append(_match(summary.suggestion))
    parts += [
        _section("Family", _family(summary)),
        _section("Referral", _referral(summary)),
        _section("Consent", _consent(summary)),
        _section(f"Members ({len(summary.members)})", _members(summary.members)),
        _section("Needs", _items(summary.needs, "No needs recorded.")),
        _section("Agency involvement", _involvement(summary.involvement)),
        _section("Risks", _items(summary.risks, "No risks recorded.", headed=False)),
        _section("Strengths", _bullets(summary.strengths, "No strengths recorded.")),
        _section("The family's views", _paragraph(summary.family_views, "The family's views are not recorded.")),
        _section("Recommendation", _recommendation(summary)),
    ]
    if summary.repeat or summary.history.earlier_cases:
        parts.append(_section("Earlier referrals", _history(summary.history) + _hand_link(summary.hand_link)))
    if summary.front_door_note:
        parts.append(_section("Front-door note", _paragraph(summary.front_door_note, "")))
    return "".join(parts)


# -- pieces -----------------------------------------------------------------


def _title(summary: ProfileSummary, meeting: dt.datetime | None) -> str:
    badges = []
    if summary.repeat:
        badges.append(chip("Repeat referral", current().info))
    if summary.suggestion is not None:
        badges.append(chip("Match to confirm", current().warn))
    if summary.interpreter_needed:
        badges.append(chip("Interpreter needed", current().info))
    status = STATUS_LABELS.get(summary.status, summary.status.value.replace("_", " ").capitalize())
    if summary.status is CaseStatus.AWAITING_MEETING and meeting is not None:
        status = f"On the agenda for {short_when(meeting)}"
    facts = " · ".join((e(summary.locality), e(summary.profile_ref), e(summary.case_reference), e(status)))
    badge_line = f'<p style="margin-top:4px;">{" &nbsp;".join(badges)}</p>' if badges else ""
    return (
        f'<p style="font-size:16pt; font-weight:600; color:{current().heading}; margin-bottom:0;">{e(summary.family_name)} family</p>'
        f'<p style="color:{current().muted}; margin-top:2px;">{facts}</p>{badge_line}'
    )


def _glance(summary: ProfileSummary) -> str:
    """The few facts a chair needs before anything else, one a line."""
    lines = [f"<b>{working_days(summary.working_days_waiting)}</b> waiting since {day(summary.received_on)}."]
    if summary.consent_blocks_allocation:
        lines.append(
            f'<span style="color:{current().error.ink};"><b>Consent {CONSENT_LABELS[summary.consent].lower()}:</b> '
            "allocation is blocked until a locality manager records an override reason.</span>"
        )
    if summary.suggestion is not None:
        lines.append(
            f"<b>May be a family already known</b> ({summary.suggestion.score} points): confirm or reject the match below."
        )
    if summary.repeat or summary.history.earlier_cases:
        lines.append(f"<b>Referred before:</b> {e(_history_text(summary.history))}")
    restricted = [item.heading for item in summary.involvement if item.restricted]
    if restricted:
        lines.append(
            f"{chip(RESTRICTED_TAG, current().restricted)} information from {e(_and(restricted))}: never in letters or "
            "circulated minutes."
        )
    if summary.interpreter_needed:
        lines.append(f"<b>Interpreter needed</b>{f' ({e(summary.language)})' if summary.language else ''}.")
    rows = "".join(f"<tr><td>{line}</td></tr>" for line in lines)
    return (
        f'<table width="100%" cellspacing="0" cellpadding="3" style="background-color:{current().alternate}; margin-top:6px;">'
        f"{rows}</table>"
    )


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _section(heading: str, body: str) -> str:
    return (
        f'<p style="font-size:12pt; font-weight:600; color:{current().heading}; margin-top:14px; margin-bottom:4px;">{e(heading)}</p>'
        f'<hr style="color:{current().rule}; background-color:{current().rule}; height:1px; border:none; margin:0;"/>{body}'
    )


def _rows(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><td width="30%" style="color:{current().muted};">{e(label)}</td><td>{value}</td></tr>'
        for label, value in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="3">{cells}</table>'


def _family(summary: ProfileSummary) -> str:
    language = e(summary.language) if summary.language else "Not recorded"
    if summary.interpreter_needed:
        language += " – <b>interpreter needed</b>"
    return _rows([("Address", e(summary.address)), ("Locality", e(summary.locality)), ("Language", language)])


def _referral(summary: ProfileSummary) -> str:
    waiting = f"{day(summary.received_on)} – <b>{working_days(summary.working_days_waiting)}</b> waiting"
    return _rows(
        [("Received", waiting), ("Referrer", e(summary.referrer) or "Not recorded"), ("Reason", e(summary.reason))]
    )


def _consent(summary: ProfileSummary) -> str:
    said = summary.consent_detail
    if said.replace(" ", "_") == summary.consent.value:  # nothing but the status itself
        said = ""
    detail = e(said[:1].upper() + said[1:])
    if summary.consent in BLOCKING_CONSENT:
        label = CONSENT_LABELS[summary.consent]
        if summary.consent_override_reason:
            return _band(
                f"<b>Consent {label.lower()}; a locality manager has recorded why the family may go ahead:</b> "
                f"{e(summary.consent_override_reason)}{'<br/>' + detail if detail else ''}",
                current().warn,
            )
        return _band(
            f"<b>Consent {label.lower()}. Allocation is blocked</b> until a locality manager records an override "
            f"reason.{'<br/>' + detail if detail else ''}",
            current().error,
        )
    return f"<p>{detail or e(CONSENT_LABELS[summary.consent])}</p>"


def _band(text: str, tone: Tone) -> str:
    return (
        f'<table width="100%" cellspacing="0" cellpadding="8" style="margin-top:4px;">'
        f'<tr><td style="background-color:{tone.tint}; color:{tone.ink}; border-left:4px solid {tone.mark};">{text}</td>'
        "</tr></table>"
    )


def _members(members: Sequence[MemberView]) -> str:
    if not members:
        return "<p>No members recorded.</p>"
    head = "".join(
        f'<td style="color:{current().muted}; font-weight:600;">{h}</td>'
        for h in ("Name", "Age", "Relationship", "School or setting")
    )
    rows = []
    for m in members:
        relation = e(m.relationship or m.role)
        if not m.in_household:
            relation += f' <span style="color:{current().muted};">(lives elsewhere)</span>'
        age = e(m.age) + (
            f'<br/><span style="color:{current().muted};">born {day(m.date_of_birth)}</span>' if m.date_of_birth else ""
        )
        shown = f'<br/><span style="color:{current().muted};">id {e(m.shown_id)}</span>' if m.shown_id else ""
        rows.append(
            f"<tr><td><b>{e(m.name)}</b>{shown}</td><td>{age}</td><td>{relation}</td>"
            f"<td>{e(m.school_or_setting or '')}</td></tr>"
        )
    return f'<table width="100%" cellspacing="0" cellpadding="3"><tr>{head}</tr>{"".join(rows)}</table>'


def _items(items: Sequence[Item], empty: str, *, headed: bool = True) -> str:
    if not items:
        return f"<p>{e(empty)}</p>"
    rows = []
    for item in items:
        about = f' <span style="color:{current().muted};">({e(", ".join(item.members))})</span>' if item.members else ""
        heading = f"<b>{e(item.heading)}</b><br/>" if headed else ""
        rows.append(f'<tr><td width="80">{level_chip(item.level)}</td><td>{heading}{e(item.summary)}{about}</td></tr>')
    return f'<table width="100%" cellspacing="0" cellpadding="3">{"".join(rows)}</table>'


def _involvement(items: Sequence[Item]) -> str:
    if not items:
        return "<p>No agency involvement recorded.</p>"
    rows = []
    for item in items:
        tag = f" &nbsp;{chip(RESTRICTED_TAG, current().restricted)}" if item.restricted else ""
        detail = f'<br/><span style="color:{current().muted};">{e(item.detail)}</span>' if item.detail else ""
        about = f" ({e(', '.join(item.members))})" if item.members else ""
        summary = f"<br/>{e(item.summary)}{about}" if item.summary else about
        rows.append(f"<tr><td><b>{e(item.heading)}</b>{tag}{summary}{detail}</td></tr>")
    return f'<table width="100%" cellspacing="0" cellpadding="3">{"".join(rows)}</table>'


def _bullets(lines: Sequence[str], empty: str) -> str:
    if not lines:
        return f"<p>{e(empty)}</p>"
    return "<ul style='margin-top:2px;'>" + "".join(f"<li>{e(line)}</li>" for line in lines) + "</ul>"


def _paragraph(text: str | None, empty: str) -> str:
    return f"<p>{e(text)}</p>" if text else f'<p style="color:{current().muted};">{e(empty)}</p>'


def _recommendation(summary: ProfileSummary) -> str:
    rows = [("Pathway", e(PATHWAY_LABELS[summary.pathway]))] if summary.pathway else []
    if summary.suggested_lead_agency:
        rows.append(("Suggested lead", e(summary.suggested_lead_agency)))
    if summary.level_of_need:
        rows.append(("Level of need", e(LEVEL_OF_NEED_LABELS.get(summary.level_of_need, summary.level_of_need))))
    rows.append(("Rationale", e(summary.rationale)))
    return _rows(rows)


def _history(history: History) -> str:
    return f"<p>{e(_history_text(history))}</p>"


def _hand_link(link: HandLink | None) -> str:
    if link is None:
        return ""
    return (
        f"<p>Linked to this family ({e(link.family_reference)}) by hand by {e(link.who)} on {day(link.on)}: "
        f"“{e(link.note)}”</p>"
    )


def _history_text(history: History) -> str:
    if not history.earlier_cases:
        return "a repeat referral of a family already known."
    text = f"{plural(history.earlier_cases, 'earlier case')} with this family."
    if history.last_closed_on:
        how = CLOSURE_LABELS.get(history.last_closed_how, "") if history.last_closed_how else ""
        text += f" The last closed on {day(history.last_closed_on)}" + (f": {how}." if how else ".")
    else:
        text += " None has closed yet."
    return text


def _match(suggestion: Suggestion) -> str:
    body = (
        f"<p>Known family: <b>{e(suggestion.known_family)}</b></p>"
        f"{pairs_table([(p.ours, p.known) for p in suggestion.pairings])}"
        f'<p style="margin-top:8px;">Why they may be the same family: <b>{suggestion.score} points</b>. '
        "tafdesk links a family by itself only when nothing is in doubt; this one needs a person.</p>"
        f"{evidence_table(suggestion.evidence)}"
    )
    return '<a name="match"></a>' + _section("Possible earlier referral", body)


def evidence_table(evidence: Sequence[str]) -> str:
    """The matcher's sentences, each with its points in a column of their own."""
    rows = []
    for sentence in evidence:
        found = _POINTS.match(sentence)
        points, text = (found.group(1), found.group(2)) if found else ("", sentence)
        rows.append(f'<tr><td width="48" align="right"><b>{e(points)}</b></td><td>{e(text)}</td></tr>')
    return f'<table width="100%" cellspacing="0" cellpadding="3">{"".join(rows)}</table>'


def pairs_table(
    rows: Sequence[tuple[MemberView | None, MemberView | None]], known_heading: str = "Known family"
) -> str:
    """Two columns of people, the profile's and a known family's, a row's two
    the matcher took for one person (marked ↔); a dash where one side has no one."""
    head = (
        f'<tr><td width="47%" style="background-color:{current().header}; font-weight:600;">In this profile</td>'
        f'<td width="6%"></td><td width="47%" style="background-color:{current().header}; font-weight:600;">'
        f"{e(known_heading)}</td></tr>"
    )
    cells = []
    for a, b in rows:
        mark = "↔" if a is not None and b is not None else ""
        cells.append(f'<tr><td>{_person(a)}</td><td align="center">{mark}</td><td>{_person(b)}</td></tr>')
    return f'<table width="100%" cellspacing="0" cellpadding="4" style="margin-top:6px;">{head}{"".join(cells)}</table>'


def _person(member: MemberView | None) -> str:
    if member is None:
        return f'<span style="color:{current().muted};">—</span>'
    born = f"born {day(member.date_of_birth)}" if member.date_of_birth else e(member.age)
    relation = e(member.relationship or member.role)
    return f'<b>{e(member.name)}</b><br/><span style="color:{current().muted};">{born} · {relation}</span>'

"""The current family for the projector: who is in it, what they need, who
already knows them, the risks and what the access team recommends. Shorter
than the Intake area's case summary (which Ctrl+I opens in full) and
written for QTextBrowser's HTML subset. Every value is escaped."""

from __future__ import annotations

from collections.abc import Sequence

from tafdesk.models.enums import Level
from tafdesk.services.intake_queue import Item, ProfileSummary
from tafdesk.services.meetings import AgendaRow
from tafdesk.ui.colours import current
from tafdesk.ui.intake.summary_html import RESTRICTED_TAG, chip, e, level_chip
from tafdesk.ui.meetings.labels import KIND_LABELS
from tafdesk.ui.text import and_list, working_days

PATHWAY_WORDS = {
    "lcmg_allocation": "Allocate a lead professional",
    "multi_agency_plan": "Multi-agency plan with the agencies involved",
    "working_together_meeting": "Working Together Meeting",
    "step_up": "Step up to social care",
    "step_down": "Step down to universal services",
    "information_advice_guidance": "Information, advice and guidance",
}


def family_html(
    row: AgendaRow, summary: ProfileSummary | str | None, *, can_share: bool = False, columns: int = 1
) -> str:
    """`can_share`: the chair, whose restricted items carry a "Share with…" link (share:ID).
    `columns`: 2 sets the sections side by side (a wide screen the room reads without scrolling)."""
    parts = [_title(row, summary)]
    if row.reason:
        parts.append(_band(f"<b>{e(KIND_LABELS[row.kind])}:</b> {e(row.reason)}"))
    if summary is None:
        parts.append(f'<p style="color:{current().muted};">Reading the family’s profile…</p>')
    elif isinstance(summary, str):
        parts.append(f'<p style="color:{current().muted};">{e(summary)}</p>')
    else:
        sections = [
            _section("Family", _members(summary)),
            _section("Needs", _needs(summary.needs)),
            _section("Who knows them", _involvement(summary.involvement, can_share)),
            _section("Risks", _needs(summary.risks, headed=False) if summary.risks else _muted("No risks recorded.")),
            _section(
                "Strengths",
                _muted("None recorded.")
                if not summary.strengths
                else "<p>" + " · ".join(e(s) for s in summary.strengths) + "</p>",
            ),
            _section("Recommendation", _recommendation(summary)),
        ]
        parts.append(_side_by_side(sections[:3], sections[3:]) if columns == 2 else "".join(sections))
    return "".join(parts)


def _side_by_side(left: list[str], right: list[str]) -> str:
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="50%" valign="top" style="padding-right:16px;">{"".join(left)}</td>'
        f'<td width="50%" valign="top" style="padding-left:16px;">{"".join(right)}</td></tr></table>'
    )


def _title(row: AgendaRow, summary: ProfileSummary | str | None) -> str:
    facts = [row.case_reference, KIND_LABELS[row.kind]]
    badges = []
    if isinstance(summary, ProfileSummary):
        facts.append(f"{working_days(summary.working_days_waiting)} waiting")
        if summary.repeat:
            badges.append(chip("Repeat referral", current().info))
        if summary.interpreter_needed:
            badges.append(chip(f"Interpreter{': ' + summary.language if summary.language else ''}", current().info))
        if summary.consent_blocks_allocation:
            badges.append(chip("Consent refused: allocation blocked", current().error))
        if any(item.restricted for item in summary.involvement):
            badges.append(chip(RESTRICTED_TAG, current().restricted))
        if summary.not_written_to:
            badges.append(chip(f"Not written to: {', '.join(summary.not_written_to)}", current().error))
        if summary.letters_name_sensitive:
            badges.append(chip("Letters home may name sensitive services (chair's choice)", current().restricted))
    badge_line = f'<p style="margin-top:2px;">{" &nbsp;".join(badges)}</p>' if badges else ""
    return (
        f'<p style="font-size:x-large; font-weight:700; color:{current().heading}; margin-bottom:0;">{e(row.family_name)} family</p>'
        f'<p style="color:{current().muted}; margin-top:0;">{" · ".join(e(f) for f in facts)}</p>{badge_line}'
    )


def _band(text: str) -> str:
    warn = current().warn
    return (
        f'<table width="100%" cellspacing="0" cellpadding="6"><tr><td style="background-color:{warn.tint}; '
        f'color:{warn.ink}; border-left:4px solid {warn.mark};">{text}</td></tr></table>'
    )


def _section(heading: str, body: str) -> str:
    return (
        f'<p style="font-size:large; font-weight:700; color:{current().heading}; margin-top:14px; margin-bottom:2px;">'
        f"{e(heading)}</p>"
        f'<hr style="background-color:{current().rule}; height:1px; border:none; margin:0;"/>{body}'
    )


def _muted(text: str) -> str:
    return f'<p style="color:{current().muted};">{e(text)}</p>'


def _members(summary: ProfileSummary) -> str:
    if not summary.members:
        return _muted("No members recorded.")
    rows = []
    for m in summary.members:
        relation = e(m.relationship or m.role)
        if not m.in_household:
            relation += " (lives elsewhere)"
        setting = (
            f'<span style="color:{current().muted};">{e(m.school_or_setting)}</span>' if m.school_or_setting else ""
        )
        rows.append(f"<tr><td><b>{e(m.name)}</b> {e(m.age)}, {relation}</td><td>{setting}</td></tr>")
    return f'<table width="100%" cellspacing="0" cellpadding="2" style="margin-bottom:4px;">{"".join(rows)}</table>'


def _needs(items: Sequence[Item], *, headed: bool = True) -> str:
    if not items:
        return _muted("No needs recorded.")
    order = {Level.HIGH: 0, Level.MEDIUM: 1, Level.LOW: 2}
    rows = []
    for item in sorted(items, key=lambda i: order.get(i.level, 9) if i.level else 9):
        about = (
            f' <span style="color:{current().muted};">({e(and_list(list(item.members)))})</span>'
            if item.members
            else ""
        )
        heading = f"<b>{e(item.heading)}</b> – " if headed else ""
        rows.append(
            f'<tr><td nowrap width="1%">{level_chip(item.level)}</td><td>{heading}{e(item.summary)}{about}</td></tr>'
        )
    return f'<table width="100%" cellspacing="0" cellpadding="2" style="margin-bottom:4px;">{"".join(rows)}</table>'


def _involvement(items: Sequence[Item], can_share: bool = False) -> str:
    known = [i for i in items if not i.detail.startswith("none found")]
    if not known:
        return _muted("No agency involvement found.")
    rows = []
    for item in sorted(known, key=lambda i: not i.detail.startswith("current")):
        status = item.detail.split(";", 1)[0]
        tag = f" {chip(RESTRICTED_TAG, current().restricted)}{_sharing(item, can_share)}" if item.restricted else ""
        who = f" – {e(and_list(list(item.members)))}" if item.members else ""
        worker = next(
            (p.strip()[len("worker: ") :] for p in item.detail.split(";") if p.strip().startswith("worker: ")), ""
        )
        worker_text = f'<br/><span style="color:{current().muted};">Worker: {e(worker)}</span>' if worker else ""
        rows.append(
            f"<tr><td><b>{e(item.heading)}</b> ({e(status)}){who}{tag}"
            f"{'<br/>' + e(item.summary) if item.summary else ''}{worker_text}</td></tr>"
        )
    return f'<table width="100%" cellspacing="0" cellpadding="2" style="margin-bottom:4px;">{"".join(rows)}</table>'


def _sharing(item: Item, can_share: bool) -> str:
    """Whom the chair shared a restricted item with, and the link to share it."""
    shared = (
        f' <span style="color:{current().muted};">shared with {e(and_list(list(item.shared_with)))}</span>'
        if item.shared_with
        else ""
    )
    link = f' <a href="share:{item.id}">Share with…</a>' if can_share and item.id else ""
    return shared + link


def _recommendation(summary: ProfileSummary) -> str:
    if summary.pathway is None:  # an open case with no 360° profile
        lines = ["<b>Open case, back for review</b>"]
    else:
        lines = [f"<b>{e(PATHWAY_WORDS.get(summary.pathway.value, summary.pathway.value))}</b>"]
    if summary.suggested_lead_agency:
        lines.append(f"Suggested lead: <b>{e(summary.suggested_lead_agency)}</b>")
    if summary.level_of_need:
        lines.append(f"Level of need: {e(summary.level_of_need)}")
    return f"<p>{' · '.join(lines)}</p><p>{e(summary.rationale)}</p>"

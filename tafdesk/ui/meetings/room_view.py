"""What the room may see of the meeting, for the projector view: the
meeting, its progress, the family under discussion and the decision being
made, with every restricted item left out before anything is written.

Restricted 360° items (an agency's involvement marked "Restricted – LCMG
only") are dropped whole, with whom the chair shared them. Every free text
(the agenda's reason, the profile's wording, a decision's rationale and
actions) goes through the family's quote check first, which puts
"[withheld: restricted]" in place of what quotes restricted information or
wording marked restricted; until that check has been read, free text is left
out. A request put to the group (a blockage, a step up or a step down) is
shown as a family's decision is: what is asked, by whom and why, then the
answer being chosen or the one recorded, with its rationale checked alike.
Plain Python: no Qt here, so that a `RoomView` can travel as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from tafdesk.allocation.candidates import Candidate
from tafdesk.models.enums import AgendaKind, AgendaStatus, DecisionOutcome, RequestState, Verdict
from tafdesk.services.intake_queue import Item, ProfileSummary
from tafdesk.services.meetings import AgendaRow, MeetingView
from tafdesk.services.minutes import MinuteItem
from tafdesk.services.requests import RequestRow
from tafdesk.ui.colours import current
from tafdesk.ui.intake.summary_html import e
from tafdesk.ui.meetings.drafts import Draft
from tafdesk.ui.meetings.family_html import family_html
from tafdesk.ui.meetings.labels import (
    MEETING_STATUS_LABELS,
    OUTCOME_DONE,
    OUTCOME_LABELS,
    TAKES_LEAD,
    VERDICT_LABELS,
)
from tafdesk.ui.text import and_list, day, when

Withhold = Callable[[str], str | None]  # the text as the room may read it; None: not to be shown


@dataclass(frozen=True)
class AgendaLine:
    family: str
    decided: bool
    current: bool


@dataclass(frozen=True)
class RoomView:
    title: str
    meeting: str
    progress: str
    decided: int
    items: int
    state: str
    agenda: tuple[AgendaLine, ...]
    family_html: str
    decision_html: str


@dataclass(frozen=True)
class Deciding:
    """Where the decision on the current family stands: the chair's choices
    so far (pending), or what the minutes record (decided)."""

    draft: Draft | None = None
    proposed: Candidate | None = None  # the lead tafdesk proposes, while none is chosen
    recorded: MinuteItem | None = None
    # A request put to the group: the request as last read, and the chair's answer so far.
    request: RequestRow | None = None
    verdict: Verdict | None = None
    until: dt.date | None = None  # the day to come back to a deferred request


def nothing(_text: str) -> None:
    """No quote check to hand: free text is left out."""
    return None


def room_view(
    view: MeetingView,
    row: AgendaRow | None,
    summary: ProfileSummary | str | None,
    deciding: Deciding,
    withhold: Withhold = nothing,
) -> RoomView:
    s = view.summary
    meeting = f"{s.locality} Locality Case Management Group · {when(s.starts_at)}" + (
        f" · {s.venue}" if s.venue else ""
    )
    agenda = tuple(
        AgendaLine(r.family_name, r.status is AgendaStatus.DECIDED, row is not None and r.id == row.id)
        for r in view.agenda
    )
    return RoomView(
        title=f"{row.family_name} family" if row else "No families on the agenda",
        meeting=meeting,
        progress=f"{s.decided} of {s.items} decided",
        decided=s.decided,
        items=s.items,
        state=MEETING_STATUS_LABELS[s.status],
        agenda=agenda,
        family_html=family_html(_shown_row(row, withhold), for_the_room(summary, withhold), columns=2) if row else "",
        decision_html=decision_html(row, deciding, withhold) if row else "",
    )


def for_the_room(summary: ProfileSummary | str | None, withhold: Withhold) -> ProfileSummary | str | None:
    """The summary with its restricted items gone and its free text checked.
    Who the family's letters may not go to (and the chair's choice about
    naming sensitive services) is the chair's business, not the room's."""
    if not isinstance(summary, ProfileSummary):
        return summary
    return replace(
        summary,
        needs=_items(summary.needs, withhold),
        risks=_items(summary.risks, withhold),
        involvement=_items([i for i in summary.involvement if not i.restricted], withhold),
        strengths=tuple(t for t in map(withhold, summary.strengths) if t),
        rationale=withhold(summary.rationale) or "",
        not_written_to=(),
        letters_name_sensitive=False,
    )


def _items(items: Sequence[Item], withhold: Withhold) -> tuple[Item, ...]:
    return tuple(replace(i, summary=withhold(i.summary) or "", shared_with=()) for i in items)


def _shown_row(row: AgendaRow, withhold: Withhold) -> AgendaRow:
    return replace(row, reason=withhold(row.reason) if row.reason else None)


def decision_html(row: AgendaRow, deciding: Deciding, withhold: Withhold) -> str:
    if row.kind is AgendaKind.REQUEST:
        return request_html(row, deciding, withhold)
    if row.status is AgendaStatus.DECIDED:
        return _recorded(row, deciding.recorded, withhold)
    return _pending(deciding)


def _recorded(row: AgendaRow, item: MinuteItem | None, withhold: Withhold) -> str:
    lines = [_heading("Decided")]
    if item is None or not item.decided:  # the minutes are being read again
        lines.append(_line("Outcome", OUTCOME_DONE.get(row.outcome, "decided") if row.outcome else "decided"))
        return "".join(lines)
    lines.append(_line("Outcome", item.outcome))
    if item.lead:
        lines.append(_line("Lead professional", item.lead))
    if item.members:
        lines.append(_line("Team Around the Family", and_list(item.members)))
    rationale = withhold(item.rationale) if item.rationale else None
    if rationale:
        lines.append(_line("Why", rationale))
    actions = [_action(a.description, a.owner, a.due_on, withhold) for a in item.actions]
    if any(actions):
        lines.append("<p><b>Actions</b></p><ul>" + "".join(f"<li>{a}</li>" for a in actions if a) + "</ul>")
    return "".join(lines)


def _action(description: str, owner: str, due_on, withhold: Withhold) -> str:
    what, who = withhold(description), withhold(owner) if owner else None
    if not what:
        return ""
    return e(what) + (f" – {e(who)}" if who else "") + (f", by {day(due_on)}" if due_on else "")


def _pending(deciding: Deciding) -> str:
    draft = deciding.draft or Draft()
    lines = [_heading("Being decided")]
    outcome: DecisionOutcome | None = draft.outcome
    lines.append(_line("Outcome", OUTCOME_LABELS[outcome] if outcome else "not chosen yet"))
    leads = outcome is None or outcome in TAKES_LEAD
    if leads and draft.lead is not None:
        lines.append(_line("Lead professional", f"{draft.lead.name} ({draft.lead.agency_name})"))
    elif leads:
        lines.append(_line("Lead professional", "not chosen yet"))
        if deciding.proposed is not None:
            c = deciding.proposed
            lines.append(_line("Proposed lead", f"{c.name} ({c.agency_name})"))
    if leads and draft.team:
        lines.append(_line("Team Around the Family", and_list(draft.team_names())))
    return "".join(lines)


def request_html(row: AgendaRow, deciding: Deciding, withhold: Withhold) -> str:
    """What the request asks, by whom and why; then the answer being chosen, or the one recorded and why."""
    request = deciding.request
    decided = row.status is AgendaStatus.DECIDED
    lines = [_heading("Decided" if decided else "Being decided")]
    if request is None:  # being read: the agenda's words for it, checked
        reason = withhold(row.reason) if row.reason else None
        lines.append(_line("Request to the group", reason or "being read"))
        return "".join(lines)
    lines.append(_line("Request", request.kind_words))
    lines.append(_line("Raised by", f"{request.raised_by} on {day(request.raised_on)}"))
    why = withhold(request.reason) if request.reason else None
    if why:
        lines.append(_line("Why it was raised", why))
    if decided:
        lines += _answer(request, withhold)
        return "".join(lines)
    lines.append(_line("Answer", VERDICT_LABELS[deciding.verdict] if deciding.verdict else "not chosen yet"))
    if deciding.verdict is Verdict.DEFER and deciding.until is not None:
        lines.append(_line("Back on", day(deciding.until)))
    return "".join(lines)


def _answer(request: RequestRow, withhold: Withhold) -> list[str]:
    if request.state is RequestState.PENDING:  # decided since it was read: read again shortly
        return [_line("Answer", "decided")]
    lines = [_line("Answer", request.state_words)]
    rationale = withhold(request.rationale) if request.rationale else None
    if rationale:
        lines.append(_line("Why", rationale))
    if request.referral_words:
        lines.append(_line("Referral", request.referral_words))
    return lines


def _heading(text: str) -> str:
    return f'<p style="font-size:large; font-weight:700; color:{current().ink}; margin-bottom:6px;">{e(text)}</p>'


def _line(label: str, value: str) -> str:
    return f"<p><b>{e(label)}:</b> {e(value)}</p>"

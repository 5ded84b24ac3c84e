"""The Team Around the Family plan: its details, the family and the team,
what the family say, needs and outcomes, the SMART actions, and the review
history with the "distance travelled" chart of scores, described in words
for a screen reader and given as a table too (a chart alone shuts out
anyone who cannot see it)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from tafdesk.exports.chart import Series, scores_chart_png
from tafdesk.exports.document import Document, DocumentBuilder, Image, Letterhead, Metadata
from tafdesk.models.enums import NEED_AREA_LABELS, ActionStatus, PlanStatus, Rag

if TYPE_CHECKING:
    from tafdesk.plans.view import PlanView

STATUS_WORDS = {
    PlanStatus.DRAFT: "Draft (not yet agreed)",
    PlanStatus.AGREED: "Agreed",
    PlanStatus.SUPERSEDED: "Superseded by a later version",
    PlanStatus.CLOSED: "Closed",
}
ACTION_WORDS = {ActionStatus.OPEN: "Open", ActionStatus.DONE: "Done", ActionStatus.DROPPED: "Dropped"}
CHART_DESCRIPTION = "Chart: the family's scores out of 10 in each need area at each review (higher is better)."


def _day(value: dt.date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else "—"


def build_plan(plan: PlanView, letterhead: Letterhead | None, author: str) -> Document:
    content = plan.content
    doc = DocumentBuilder()
    doc.heading(f"Team Around the Family plan: the {plan.family_name} family", 1)
    doc.labels(
        [
            ("Case reference", plan.case_reference),
            ("Plan version", f"{plan.plan_version}: {STATUS_WORDS[plan.status]}"),
            (
                "Agreed",
                f"{_day(plan.agreed_on)} by {plan.agreed_by}"
                if plan.agreed_on and plan.agreed_by
                else _day(plan.agreed_on),
            ),
            ("Consent to share confirmed", _day(content.consent_confirmed_on)),
            ("Reviewed every", f"{content.review_interval_weeks} week{'s' * (content.review_interval_weeks != 1)}"),
            ("Next review", _day(plan.next_review_on) if plan.status is not PlanStatus.CLOSED else None),
            (
                "Closed",
                f"{_day(plan.closed_on)}: {plan.closure_reason.value.replace('_', ' ')}"
                if plan.closed_on and plan.closure_reason
                else None,
            ),
        ]
    )

    doc.heading("The family", 2)
    doc.table(
        ["Name", "Relationship or role", "Age", "Lives at home"],
        [(m.name, m.relationship or m.role, m.age, "Yes" if m.in_household else "No") for m in plan.people.family],
        (4, 3, 1.5, 1.6),
    )
    doc.heading("The Team Around the Family", 2)
    doc.table(
        ["Name", "Role", "Agency", "Contact"],
        [(t.name, t.role, t.agency, "\n".join(x for x in (t.phone, t.email) if x) or "—") for t in plan.people.team],
        (3, 2.2, 3, 4.6),
    )

    if content.voice_of_child or content.voice_of_parents or content.strengths:
        doc.heading("What the family say", 2)
        doc.labels(
            [
                ("The child's voice", content.voice_of_child),
                ("The parents' and carers' voice", content.voice_of_parents),
                ("Strengths", content.strengths),
            ]
        )

    doc.heading("Needs and the outcomes we want", 2)
    outcome_number: dict[uuid.UUID | None, int] = {o.id: n for n, o in enumerate(content.outcomes, start=1)}
    doc.table(
        ["#", "Area", "Need", "Outcome wanted"],
        [(str(n), NEED_AREA_LABELS[o.area], o.need, o.outcome_wanted) for n, o in enumerate(content.outcomes, start=1)],
        (0.5, 2.6, 4, 4),
    )

    doc.heading("Actions", 2)
    rows = []
    for a in content.actions:
        status = ACTION_WORDS[a.status] + (
            f": {a.dropped_reason}" if a.status is ActionStatus.DROPPED and a.dropped_reason else ""
        )
        rows.append(
            (
                str(outcome_number.get(a.outcome_id, "—")),
                a.description,
                a.owner.label if a.owner else "—",
                _day(a.starts_on),
                _day(a.due_on),
                a.measure or "—",
                status,
            )
        )
    doc.table(
        ["#", "Action", "Who", "Starts", "Due", "How we will know", "Status"],
        rows,
        (0.55, 3.9, 2.4, 1.75, 1.75, 3.0, 2.3),
        caption="# is the number of the outcome each action works towards.",
    )

    doc.heading("Reviews", 2)
    if not plan.reviews:
        doc.para("The plan has not been reviewed yet.")
    else:
        doc.table(
            ["Held", "Version", "Who came", "Progress", "Notes"],
            [
                (_day(r.held_on), str(r.plan_version), r.attendees or "—", _rag_summary(r.progress), r.notes or "—")
                for r in plan.reviews
            ],
            (1.8, 1.6, 4.0, 2.2, 4.0),
        )
        series = _series(plan)
        if series:
            doc.heading("Distance travelled", 3)
            doc.add(Image(scores_chart_png(series), 165, 80, chart_alt_text(series)))
            doc.para(CHART_DESCRIPTION, "small")
            _scores_table(doc, series)
    meta = Metadata(
        title=f"TAF plan {plan.case_reference}, version {plan.plan_version}",
        author=author,
        subject="Team Around the Family plan",
        keywords=("TAF plan", plan.case_reference),
    )
    return doc.build(meta, letterhead, "OFFICIAL-SENSITIVE")


def chart_alt_text(series: list[Series]) -> str:
    """What the chart shows, in words: where each area started and where it is now."""
    days = sorted({d for s in series for d, _ in s.points})
    span = f"from {_day(days[0])} to {_day(days[-1])}" if len(days) > 1 else f"on {_day(days[0])}"
    moves = []
    for s in series:
        scores = [score for _, score in sorted(s.points)]
        first, last = scores[0], scores[-1]
        if len(scores) == 1:
            moves.append(f"{s.label} scored {first}")
        elif first == last:
            moves.append(f"{s.label} stayed at {first}")
        else:
            moves.append(f"{s.label} {'rose' if last > first else 'fell'} from {first} to {last}")
    return (
        f"Line chart of the family's scores out of 10 in each need area at each review {span} (higher is "
        f"better): {'; '.join(moves)}. The table below gives every score."
    )


def _scores_table(doc: DocumentBuilder, series: list[Series]) -> None:
    """The chart's scores: a row for each need area, a column for each review."""
    days = sorted({d for s in series for d, _ in s.points})
    rows = []
    for s in series:
        by_day = dict(s.points)
        rows.append((s.label, *(str(by_day[d]) if d in by_day else "—" for d in days)))
    doc.table(
        ["Need area", *(_day(d) for d in days)],
        rows,
        (3.2, *(1.2,) * len(days)),
        caption="Scores out of 10 at each review (higher is better).",
    )


def _rag_summary(progress: dict) -> str:
    counts = dict.fromkeys(Rag, 0)
    for rag, _ in progress.values():
        counts[rag] += 1
    parts = [f"{counts[rag]} {rag.value}" for rag in (Rag.GREEN, Rag.AMBER, Rag.RED) if counts[rag]]
    return ", ".join(parts) or "—"


def _series(plan: PlanView) -> list[Series]:
    by_area: dict = {}
    for review in plan.reviews:
        for area, score in review.scores.items():
            by_area.setdefault(area, []).append((review.held_on, score))
    order = [o.area for o in plan.content.outcomes]
    areas = sorted(by_area, key=lambda a: (order.index(a) if a in order else len(order), a.value))
    return [Series(NEED_AREA_LABELS[a], tuple(by_area[a])) for a in areas]

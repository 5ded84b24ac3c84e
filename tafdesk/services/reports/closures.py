"""Closures by reason and length of involvement: the cases closed in the
period, in the case's locality (at the front door, by a group's decision or
after a Team Around the Family: every closure has a reason), by reason and by
how long the case was open, in calendar days from the day the referral was
received (case_record.opened_on) to the day it closed, with the median
length (nearest rank) for each reason."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, String, case, func, literal, select, type_coerce

from tafdesk.models import Case, ClosureReason
from tafdesk.services.closure import REASON_WORDS
from tafdesk.services.reports.context import ReportContext
from tafdesk.services.reports.days_sql import days_between
from tafdesk.services.reports.figures import ClosureFigures, ClosureReasonRow, DrillDown, Figure
from tafdesk.services.reports.ranks import medians_by

# (label, fewer than this many days); the last has no limit.
LENGTHS = (
    ("Under 3 months", 91),
    ("3 to 6 months", 182),
    ("6 to 12 months", 365),
    ("12 months or more", None),
)


def _length_label(days: Any) -> ColumnElement[str]:
    bounded = [(days < limit, literal(label)) for label, limit in LENGTHS if limit is not None]
    return case(*bounded, else_=literal(LENGTHS[-1][0]))


def _closed(q: ReportContext) -> Any:
    """(case_id, reason, days, length) for each case closed in the period."""
    days = days_between(Case.opened_on, Case.closed_on)
    return (
        select(
            Case.id.label("case_id"),
            type_coerce(Case.closure_reason, String).label("reason"),
            days.label("days"),
            _length_label(days).label("length"),
        )
        .where(q.local(Case.locality_id), q.in_period(Case.closed_on), Case.closure_reason.is_not(None))
        .subquery("closed")
    )


def figures(q: ReportContext) -> ClosureFigures:
    closed = _closed(q)
    found = {
        (reason, length): n
        for reason, length, n in q.s.execute(
            select(closed.c.reason, closed.c.length, func.count()).group_by(closed.c.reason, closed.c.length)
        )
    }
    medians = medians_by(q.s, select(closed.c.reason.label("key"), closed.c.days.label("value")).subquery("lengths"))
    lengths = tuple(label for label, _ in LENGTHS)
    rows = tuple(_reason(q, reason, lengths, found, medians.get(reason.value)) for reason in REASON_WORDS)
    return ClosureFigures(sum(found.values()), lengths, rows, q.drill(Figure.CLOSURES))


def _reason(
    q: ReportContext, reason: ClosureReason, lengths: tuple[str, ...], found: dict, median: int | None
) -> ClosureReasonRow:
    counts = tuple(found.get((reason.value, length), 0) for length in lengths)
    drill = q.drill(Figure.CLOSURES, category=reason.value)
    return ClosureReasonRow(reason.value, REASON_WORDS[reason], sum(counts), counts, median, drill)


def families(q: ReportContext, drill: DrillDown) -> tuple[Select, str, str]:
    closed = _closed(q)
    query = select(closed.c.case_id, closed.c.days.label("value"))
    title = "Closures"
    if drill.category:
        query = query.where(closed.c.reason == drill.category)
        title = f"Closed: {REASON_WORDS[ClosureReason(drill.category)].lower()}"
    if drill.subcategory:
        query = query.where(closed.c.length == drill.subcategory)
        title += f", {drill.subcategory.lower()}"
    return query, "Days open", title

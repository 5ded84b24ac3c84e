"""The days each case reached the steps the reports time, as subqueries of
(case_id, day): one row per case that reached the step.

- received: the day the referral whose 360° profile opened the case was
  received (case_record.opened_on: intake opens the case on that day);
- front-door decision: the day the family was first put on a meeting's
  agenda as a new profile (the agenda item's creation, as a day in England),
  or, for a case the front door closed without a meeting (advice, a step up
  or a step down, and no agenda item ever), the day it closed;
- the group's decision: the day of the first meeting that decided on the
  family's profile other than by deferring it;
- allocation: the day of the first meeting that named a lead professional,
  or else the case's allocation day (allocated outside a meeting).

Given a period, each gives only the cases whose day falls in it, found by
the indexes on the days (migration 0033) rather than by working out every
case's day since the council began: the union of the few decided at
meetings (a small table) and those found by case_record's own day. Each row
carries the case's opened_on, closed_on and locality_id beside, so that a
figure reads no case twice (PostgreSQL would hash every case to join them).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.sql import Subquery

from tafdesk.models import (
    AgendaItem,
    AgendaKind,
    Case,
    ClosureReason,
    Decision,
    DecisionOutcome,
    Meeting,
)
from tafdesk.services.reports.days_sql import LondonDay
from tafdesk.services.reports.period import ReportPeriod

FRONT_DOOR_REASONS = (
    ClosureReason.INFORMATION_ADVICE_GUIDANCE,
    ClosureReason.STEPPED_UP,
    ClosureReason.STEPPED_DOWN,
)
SENT_TO_MEETING = "meeting"  # the front door's fourth outcome, beside the three closure reasons
PROFILE_ITEMS = (AgendaKind.NEW_PROFILE, AgendaKind.DEFERRED)


def on_an_agenda() -> ColumnElement[bool]:
    """The case has been on a meeting's agenda."""
    return exists().where(AgendaItem.case_id == Case.id)


def closed_at_front_door() -> ColumnElement[bool]:
    return and_(Case.closure_reason.in_(FRONT_DOOR_REASONS), ~on_an_agenda())


def _sent_to_meeting() -> Subquery:
    return (
        select(AgendaItem.case_id, LondonDay(func.min(AgendaItem.created_at)).label("day"))
        .where(AgendaItem.kind == AgendaKind.NEW_PROFILE)
        .group_by(AgendaItem.case_id)
        .subquery("sent")
    )


def front_door_decisions(period: ReportPeriod | None = None) -> Subquery:
    """(case_id, day, outcome): outcome is SENT_TO_MEETING or the closure reason's value."""
    if period is not None:
        return _front_door_decisions_in(period)
    sent = _sent_to_meeting()
    went = sent.c.day.is_not(None)
    return (
        select(
            Case.id.label("case_id"),
            case((went, sent.c.day), else_=Case.closed_on).label("day"),
            case((went, literal(SENT_TO_MEETING, String)), else_=type_coerce(Case.closure_reason, String)).label(
                "outcome"
            ),
        )
        .outerjoin(sent, sent.c.case_id == Case.id)
        .where(or_(went, closed_at_front_door()))
        .subquery("front_door")
    )


def _case_columns() -> tuple[ColumnElement[Any], ...]:
    return Case.opened_on.label("opened_on"), Case.closed_on.label("closed_on"), Case.locality_id.label("locality_id")


def _front_door_decisions_in(period: ReportPeriod) -> Subquery:
    """front_door_decisions() of the days in the period: those sent to a
    meeting then, and those closed then at the front door (never on an
    agenda, so never sent)."""
    sent = _sent_to_meeting()
    return union_all(
        select(sent.c.case_id, sent.c.day, literal(SENT_TO_MEETING, String).label("outcome"), *_case_columns())
        .join(Case, Case.id == sent.c.case_id)
        .where(sent.c.day.between(period.start, period.end)),
        select(
            Case.id.label("case_id"),
            Case.closed_on.label("day"),
            type_coerce(Case.closure_reason, String).label("outcome"),
            *_case_columns(),
        ).where(Case.closed_on.between(period.start, period.end), closed_at_front_door()),
    ).subquery("front_door")


def meeting_decisions(period: ReportPeriod | None = None) -> Subquery:
    """(case_id, day): the group's first decision on the family's profile, deferrals aside."""
    day = LondonDay(func.min(Meeting.starts_at))
    query = (
        select(Decision.case_id, day.label("day"))
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Decision.outcome != DecisionOutcome.DEFER, AgendaItem.kind.in_(PROFILE_ITEMS))
        .group_by(Decision.case_id)
    )
    if period is None:
        return query.subquery("decided")
    decided = query.having(day.between(period.start, period.end)).subquery("decided_then")
    return (
        select(decided.c.case_id, decided.c.day, *_case_columns())
        .join(Case, Case.id == decided.c.case_id)
        .subquery("decided")
    )


def _first_leads() -> Subquery:
    """(case_id, day): the first meeting that named the case's lead professional."""
    return (
        select(Decision.case_id, LondonDay(func.min(Meeting.starts_at)).label("day"))
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Decision.lead_professional_id.is_not(None))
        .group_by(Decision.case_id)
        .subquery("first_lead")
    )


def allocations(period: ReportPeriod | None = None) -> Subquery:
    """(case_id, day): the first allocation of a lead professional."""
    if period is not None:
        return _allocations_in(period)
    day, allocated = allocated_cases(Case.id.label("case_id"))
    return allocated.add_columns(day.label("day")).subquery("allocated")


def allocated_cases(*columns: Any) -> tuple[ColumnElement[Any], Select]:
    """(the allocation day, case_record's columns of the cases allocated):
    the day beside the case's own row, where a join to allocations() would
    read each case's row a second time."""
    first = _first_leads()
    day = func.coalesce(first.c.day, Case.allocated_on)
    query = (
        select(*columns)
        .select_from(Case)
        .outerjoin(first, first.c.case_id == Case.id)
        .where(or_(first.c.day.is_not(None), Case.allocated_on.is_not(None)))
    )
    return day, query


def _allocations_in(period: ReportPeriod) -> Subquery:
    """allocations() of the days in the period: those allocated at a meeting
    then, and those allocated then outside any meeting."""
    first, at_meetings = _first_leads(), _first_leads()
    return union_all(
        select(first.c.case_id, first.c.day, *_case_columns())
        .join(Case, Case.id == first.c.case_id)
        .where(first.c.day.between(period.start, period.end)),
        select(Case.id.label("case_id"), Case.allocated_on.label("day"), *_case_columns()).where(
            Case.allocated_on.between(period.start, period.end), Case.id.not_in(select(at_meetings.c.case_id))
        ),
    ).subquery("allocated")

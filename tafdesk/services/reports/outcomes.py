"""What the front door and the Case Management Groups decided: the mix of
outcomes, step-ups and step-downs, families stepped down into early help
from children's social care, and deferrals (how many, and how often each
family deferred in the period has been deferred).

- Front-door outcomes count each case whose front-door decision
  (case_days.py) fell in the period, in the case's locality.
- Meeting decisions count every decision recorded at a meeting held in the
  period, in the meeting's locality (reviews of open cases included).
- Step-ups and step-downs count the cases closed in the period as stepped
  up or down, by where it was decided: at the front door (the case was never
  on an agenda), by the group on the family's profile (a step-up or
  step-down decision), or after a Team Around the Family (its closure).
- Into early help: transition plans recorded in the period (a case stepped
  down from children's social care).
- Deferrals: the deferral decisions of meetings held in the period, the
  families they deferred, and for each family how many times it has been
  deferred up to the end of the period."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, String, case, exists, func, literal, select, type_coerce

from tafdesk.models import (
    AgendaItem,
    Case,
    ClosureReason,
    Decision,
    DecisionOutcome,
    Meeting,
    TransitionPlan,
)
from tafdesk.services.closure import REASON_WORDS
from tafdesk.services.minutes import OUTCOME_WORDS
from tafdesk.services.reports import case_days
from tafdesk.services.reports.context import ReportContext
from tafdesk.services.reports.days_sql import LondonDay
from tafdesk.services.reports.figures import (
    Count,
    DeferralFigures,
    DrillDown,
    Figure,
    OutcomeFigures,
    StepCount,
    rate,
)

FRONT_DOOR_WORDS = {
    case_days.SENT_TO_MEETING: "Sent to the Case Management Group",
    **{reason.value: REASON_WORDS[reason] for reason in case_days.FRONT_DOOR_REASONS},
}
DIRECTIONS = {
    ClosureReason.STEPPED_UP.value: "Stepped up to children's social care",
    ClosureReason.STEPPED_DOWN.value: "Stepped down to universal services",
}
ROUTES = {
    "front_door": "At the front door",
    "meeting": "By the Case Management Group",
    "taf": "After a Team Around the Family",
}
TIMES = {"1": "Once", "2": "Twice", "3+": "Three times or more"}


def figures(q: ReportContext) -> OutcomeFigures:
    front_door = _front_door(q)
    meeting = _meeting(q)
    return OutcomeFigures(
        sum(c.count for c in front_door),
        front_door,
        sum(c.count for c in meeting),
        meeting,
        _steps(q),
        _into_early_help(q),
        _deferrals(q),
    )


def _counts(q: ReportContext, figure: Figure, words: dict[str, str], found: dict[str, int]) -> tuple[Count, ...]:
    total = sum(found.values())
    return tuple(
        Count(key, label, found.get(key, 0), rate(found.get(key, 0), total), q.drill(figure, category=key))
        for key, label in words.items()
    )


# -- the front door -------------------------------------------------------------------------


def _front_door_rows(q: ReportContext) -> Any:
    decided = case_days.front_door_decisions(q.period)
    return decided, [q.local(decided.c.locality_id)]


def _front_door(q: ReportContext) -> tuple[Count, ...]:
    decided, where = _front_door_rows(q)
    found = q.s.execute(select(decided.c.outcome, func.count()).where(*where).group_by(decided.c.outcome)).all()
    return _counts(q, Figure.FRONT_DOOR_OUTCOMES, FRONT_DOOR_WORDS, dict(found))


# -- the groups' decisions ------------------------------------------------------------------


def _held(q: ReportContext) -> list[ColumnElement[bool]]:
    """Decisions of meetings held in the period in the localities reached (joined below)."""
    return [q.local(Meeting.locality_id), q.in_period(LondonDay(Meeting.starts_at))]


def _decisions(*columns: Any) -> Select:
    return (
        select(*columns)
        .select_from(Decision)
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
    )


def _meeting(q: ReportContext) -> tuple[Count, ...]:
    found = q.s.execute(_decisions(Decision.outcome, func.count()).where(*_held(q)).group_by(Decision.outcome)).all()
    words = {outcome.value: OUTCOME_WORDS[outcome] for outcome in DecisionOutcome}
    return _counts(q, Figure.MEETING_DECISIONS, words, {outcome.value: n for outcome, n in found})


# -- step-ups and step-downs ----------------------------------------------------------------


def _route() -> ColumnElement[str]:
    by_group = exists().where(
        Decision.case_id == Case.id, Decision.outcome.in_((DecisionOutcome.STEP_UP, DecisionOutcome.STEP_DOWN))
    )
    return case(
        (~case_days.on_an_agenda(), literal("front_door")), (by_group, literal("meeting")), else_=literal("taf")
    )


def _stepped(q: ReportContext) -> list[ColumnElement[bool]]:
    directions = (ClosureReason.STEPPED_UP, ClosureReason.STEPPED_DOWN)
    return [Case.closure_reason.in_(directions), q.in_period(Case.closed_on), q.local(Case.locality_id)]


def _steps(q: ReportContext) -> tuple[StepCount, ...]:
    direction, route = type_coerce(Case.closure_reason, String), _route()
    found = {
        (d, r): n
        for d, r, n in q.s.execute(
            select(direction, route, func.count()).where(*_stepped(q)).group_by(direction, route)
        ).all()
    }
    return tuple(
        StepCount(d, d_words, r, r_words, found.get((d, r), 0), q.drill(Figure.STEPS, category=d, subcategory=r))
        for d, d_words in DIRECTIONS.items()
        for r, r_words in ROUTES.items()
    )


def _into_early_help(q: ReportContext) -> Count:
    where = [q.local(TransitionPlan.locality_id), q.in_period(TransitionPlan.recorded_on)]
    n = q.s.scalar(select(func.count(TransitionPlan.id)).where(*where)) or 0
    words = "Stepped down to early help from children's social care"
    return Count("into_early_help", words, n, None, q.drill(Figure.INTO_EARLY_HELP))


# -- deferrals ------------------------------------------------------------------------------


def _times_deferred(q: ReportContext) -> Any:
    """(case_id, times) for each family deferred in the period: its deferrals up to the period's end."""
    deferred = _decisions(Decision.case_id).where(Decision.outcome == DecisionOutcome.DEFER, *_held(q))
    return (
        _decisions(Decision.case_id, func.count().label("times"))
        .where(
            Decision.outcome == DecisionOutcome.DEFER,
            q.local(Meeting.locality_id),
            LondonDay(Meeting.starts_at) <= q.period.end,
            Decision.case_id.in_(deferred),
        )
        .group_by(Decision.case_id)
        .subquery("deferred")
    )


def _times_key(times: Any) -> ColumnElement[str]:
    return case((times >= 3, literal("3+")), (times == 2, literal("2")), else_=literal("1"))


def _deferrals(q: ReportContext) -> DeferralFigures:
    decisions = q.s.scalar(_decisions(func.count()).where(Decision.outcome == DecisionOutcome.DEFER, *_held(q)))
    per_family = _times_deferred(q)
    key = _times_key(per_family.c.times)
    found = dict(q.s.execute(select(key, func.count()).group_by(key)).all())
    families, times = q.s.execute(
        select(func.count(), func.coalesce(func.sum(per_family.c.times), 0)).select_from(per_family)
    ).one()
    return DeferralFigures(
        decisions or 0,
        families,
        times / families if families else None,
        _counts(q, Figure.DEFERRALS, TIMES, found),
        q.drill(Figure.DEFERRALS),
    )


# -- the families behind them ---------------------------------------------------------------


def families(q: ReportContext, drill: DrillDown) -> tuple[Select, str, str]:
    """(case_id, value) rows, the value's heading, and the list's title."""
    return FAMILIES[drill.figure](q, drill)


def _front_door_families(q: ReportContext, drill: DrillDown) -> tuple[Select, str, str]:
    decided, where = _front_door_rows(q)
    if drill.category:
        where.append(decided.c.outcome == drill.category)
    title = FRONT_DOOR_WORDS.get(drill.category or "", "Front-door decisions")
    return select(decided.c.case_id, decided.c.day.label("value")).where(*where), "Decided", title


def _meeting_families(q: ReportContext, drill: DrillDown) -> tuple[Select, str, str]:
    query = _decisions(Decision.case_id.label("case_id"), LondonDay(Meeting.starts_at).label("value"))
    where = _held(q)
    if drill.category:
        where.append(Decision.outcome == DecisionOutcome(drill.category))
    title = OUTCOME_WORDS[DecisionOutcome(drill.category)] if drill.category else "Meeting decisions"
    return query.where(*where), "Decided", title


def _step_families(q: ReportContext, drill: DrillDown) -> tuple[Select, str, str]:
    where = _stepped(q)
    if drill.category:
        where.append(Case.closure_reason == ClosureReason(drill.category))
    if drill.subcategory:
        where.append(_route() == drill.subcategory)
    words = [DIRECTIONS.get(drill.category or ""), ROUTES.get(drill.subcategory or "", "").lower()]
    title = ", ".join(w for w in words if w) or "Step-ups and step-downs"
    return select(Case.id.label("case_id"), Case.closed_on.label("value")).where(*where), "Closed", title


def _into_early_help_families(q: ReportContext, _drill: DrillDown) -> tuple[Select, str, str]:
    where = [q.local(TransitionPlan.locality_id), q.in_period(TransitionPlan.recorded_on)]
    query = select(TransitionPlan.case_id.label("case_id"), TransitionPlan.recorded_on.label("value"))
    return query.where(*where), "Recorded", "Stepped down to early help from children's social care"


def _deferred_families(q: ReportContext, drill: DrillDown) -> tuple[Select, str, str]:
    per_family = _times_deferred(q)
    query = select(per_family.c.case_id, per_family.c.times.label("value"))
    if drill.category:
        query = query.where(_times_key(per_family.c.times) == drill.category)
    title = f"Deferred {TIMES[drill.category].lower()}" if drill.category else "Families deferred"
    return query, "Times deferred", title


FAMILIES = {
    Figure.FRONT_DOOR_OUTCOMES: _front_door_families,
    Figure.MEETING_DECISIONS: _meeting_families,
    Figure.STEPS: _step_families,
    Figure.INTO_EARLY_HELP: _into_early_help_families,
    Figure.DEFERRALS: _deferred_families,
}

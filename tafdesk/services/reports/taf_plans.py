"""Team Around the Family plans: agreed within 20 working days of
allocation, reviews held on time, and distance travelled (the change in the
1-10 scores families give each need area at reviews).

- Plan timeliness: the cases allocated in the period (case_days.allocations),
  in the case's locality, by whether their first plan version was agreed
  within 20 working days of that day (on time), later (late), not yet and
  the 20 days are gone (overdue), not yet and they are not (not yet due), or
  never because the case closed first.
- Reviews: the agreed plan versions whose review fell due in the period, by
  whether the review of that version was held by the day due (on time),
  after it (late), or not yet while the version is still the family's plan
  (overdue once the day has passed, else not yet due). A version replaced or
  closed without a review is no longer due and is not counted.
- Distance travelled: for each need area, the families scored in it at two
  reviews or more, the latest of them held in the period (earlier ones at
  any time before): their first and latest scores, the change, and how many
  improved, stayed the same or got worse."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Date, Select, and_, case, func, literal, literal_column, or_, select

from tafdesk.models import NeedArea, PlanStatus, TafPlan, TafReview, TafReviewScore
from tafdesk.models.taf import TRAVELLED_TIMES
from tafdesk.services.case_promises import PLAN_DAYS
from tafdesk.services.reports import case_days
from tafdesk.services.reports.context import ReportContext
from tafdesk.services.reports.days_sql import working_days
from tafdesk.services.reports.figures import (
    AreaDistance,
    Count,
    DrillDown,
    Figure,
    PlanFigures,
    PlanTimeliness,
    ReviewTimeliness,
    rate,
)

PLAN_WORDS = {
    "on_time": f"Agreed within {PLAN_DAYS} working days",
    "late": f"Agreed after {PLAN_DAYS} working days",
    "overdue": "Not agreed, overdue",
    "not_yet_due": "Not agreed, not yet due",
    "closed": "Case closed before a plan was agreed",
}
REVIEW_WORDS = {
    "on_time": "Held on time",
    "late": "Held late",
    "overdue": "Not held, overdue",
    "not_yet_due": "Not held, not yet due",
}


def figures(q: ReportContext) -> PlanFigures:
    return PlanFigures(_plan_timeliness(q), _review_timeliness(q), _distance(q))


def _counted(q: ReportContext, figure: Figure, words: dict[str, str], rows: Any) -> tuple[Count, ...]:
    counted = select(rows.c.status, func.count()).group_by(rows.c.status)
    found: dict[str, int] = dict(q.s.execute(counted).all())
    total = sum(found.values())
    return tuple(
        Count(key, label, found.get(key, 0), rate(found.get(key, 0), total), q.drill(figure, category=key))
        for key, label in words.items()
    )


def _on_time_rate(counts: tuple[Count, ...]) -> float | None:
    found = {c.key: c.count for c in counts}
    return rate(found["on_time"], found["on_time"] + found["late"] + found["overdue"])


# -- plans agreed in time ---------------------------------------------------------------------


def _plans(q: ReportContext) -> Any:
    """(case_id, status, value): each case allocated in the period, and working days to its plan (or so far)."""
    allocated = case_days.allocations(q.period)
    first = (
        select(
            allocated.c.case_id,
            allocated.c.day,
            allocated.c.closed_on,
            func.min(TafPlan.agreed_on).label("agreed"),
        )
        .outerjoin(TafPlan, and_(TafPlan.case_id == allocated.c.case_id, TafPlan.agreed_on.is_not(None)))
        .where(q.local(allocated.c.locality_id))
        .group_by(allocated.c.case_id, allocated.c.day, allocated.c.closed_on)
        .subquery("first_plan")
    )
    agreed = first.c.agreed.is_not(None)
    to_plan = working_days(first.c.day, first.c.agreed)
    so_far = working_days(first.c.day, literal(q.today, Date))
    status = case(
        (and_(agreed, to_plan <= PLAN_DAYS), literal("on_time")),
        (agreed, literal("late")),
        (first.c.closed_on.is_not(None), literal("closed")),
        (so_far > PLAN_DAYS, literal("overdue")),
        else_=literal("not_yet_due"),
    )
    value = case((agreed, to_plan), else_=so_far)
    return select(first.c.case_id, status.label("status"), value.label("value")).subquery("plans")


def _plan_timeliness(q: ReportContext) -> PlanTimeliness:
    counts = _counted(q, Figure.PLAN_TIMELINESS, PLAN_WORDS, _plans(q))
    return PlanTimeliness(sum(c.count for c in counts), counts, _on_time_rate(counts))


# -- reviews on time --------------------------------------------------------------------------


def _reviews(q: ReportContext) -> Any:
    """(case_id, status, value): each review due in the period, and working days late (0 if on time)."""
    # The version's first review day is kept on it (score_spans.py): read with the rest from the plans' index.
    due = select(
        TafPlan.case_id,
        TafPlan.next_review_on.label("due"),
        (TafPlan.status == PlanStatus.AGREED).label("current"),
        TafPlan.reviewed_on.label("held_on"),
    ).where(TafPlan.agreed_on.is_not(None), q.in_period(TafPlan.next_review_on))
    held = q.of_cases_reached(due, TafPlan.case_id).subquery("held")
    done = held.c.held_on.is_not(None)
    status = case(
        (and_(done, held.c.held_on <= held.c.due), literal("on_time")),
        (done, literal("late")),
        (held.c.due < literal(q.today, Date), literal("overdue")),
        else_=literal("not_yet_due"),
    )
    late = working_days(held.c.due, func.coalesce(held.c.held_on, literal(q.today, Date)))
    return (
        select(held.c.case_id, status.label("status"), late.label("value"))
        .where(done | held.c.current)
        .subquery("reviews")
    )


def _review_timeliness(q: ReportContext) -> ReviewTimeliness:
    counts = _counted(q, Figure.REVIEWS, REVIEW_WORDS, _reviews(q))
    return ReviewTimeliness(sum(c.count for c in counts), counts, _on_time_rate(counts))


# -- distance travelled -----------------------------------------------------------------------


def _travelled(q: ReportContext, *, families: bool = False) -> Any:
    """(area, first, latest[, case_id]) for each family and area scored twice
    or more, the latest up to the period's end held in it: the score held in
    the period that no later one up to its end follows (score_spans.py keeps
    the review's day, the family's first score, how many, and the next one's
    day on each). The whole council's from the scores' partial index alone
    (its condition written as the index has it, models.taf.TRAVELLED_WHERE); the
    review, plan and case are read only for the family's id or locality."""
    score = TafReviewScore
    query = select(score.area, score.first_score.label("first"), score.score.label("latest")).where(
        q.in_period(score.held_on),
        score.scored_times >= literal_column(str(TRAVELLED_TIMES)),
        or_(score.next_held_on.is_(None), score.next_held_on > q.period.end),
    )
    if families or not q.whole_council:
        query = (
            query.add_columns(TafPlan.case_id)
            .join(TafReview, TafReview.id == score.review_id)
            .join(TafPlan, TafPlan.id == TafReview.plan_id)
        )
        query = q.of_cases_reached(query, TafPlan.case_id)
    return query.subquery("travelled")


def _distance(q: ReportContext) -> tuple[AreaDistance, ...]:
    t = _travelled(q)
    change = t.c.latest - t.c.first
    rows = {
        area: rest
        for area, *rest in q.s.execute(
            select(
                t.c.area,
                func.count(),
                func.avg(t.c.first),
                func.avg(t.c.latest),
                func.avg(change),
                _how_many(change > 0),
                _how_many(change == 0),
                _how_many(change < 0),
            ).group_by(t.c.area)
        )
    }
    return tuple(_area(q, area, rows.get(area)) for area in NeedArea)


def _how_many(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _area(q: ReportContext, area: NeedArea, row: list[Any] | None) -> AreaDistance:
    n, first, latest, change, up, same, down = row or (0, None, None, None, 0, 0, 0)
    return AreaDistance(
        area.value,
        area.label,
        n,
        _float(first),
        _float(latest),
        _float(change),
        int(up),
        int(same),
        int(down),
        q.drill(Figure.DISTANCE_TRAVELLED, category=area.value),
    )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


# -- the families behind them -----------------------------------------------------------------


def families(q: ReportContext, drill: DrillDown) -> tuple[Select, str, str]:
    if drill.figure is Figure.DISTANCE_TRAVELLED:
        t = _travelled(q, families=True)
        area = NeedArea(drill.named_category)
        query = select(t.c.case_id, (t.c.latest - t.c.first).label("value")).where(t.c.area == area)
        return query, "Score change", f"Distance travelled: {area.label}"
    plan = drill.figure is Figure.PLAN_TIMELINESS
    rows = _plans(q) if plan else _reviews(q)
    query = select(rows.c.case_id, rows.c.value)
    words = PLAN_WORDS if plan else REVIEW_WORDS
    if drill.category:
        query = query.where(rows.c.status == drill.category)
    heading = "Working days to the plan" if plan else "Working days late"
    title = words.get(drill.category or "", "Plans after allocation" if plan else "Reviews due")
    return query, heading, title

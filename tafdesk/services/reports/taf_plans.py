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

from sqlalchemy import ColumnElement, Date, Integer, Select, String, and_, case, cast, func, literal, select

from tafdesk.models import Case, NeedArea, PlanStatus, TafPlan, TafReview, TafReviewScore
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
SCORE_SHIFT = 10  # scores 1-10 written as two digits, 11-20
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
            Case.closed_on,
            func.min(TafPlan.agreed_on).label("agreed"),
        )
        .join(Case, Case.id == allocated.c.case_id)
        .outerjoin(TafPlan, and_(TafPlan.case_id == allocated.c.case_id, TafPlan.agreed_on.is_not(None)))
        .where(q.local(Case.locality_id))
        .group_by(allocated.c.case_id, allocated.c.day, Case.closed_on)
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
    held = (
        select(
            TafPlan.case_id,
            TafPlan.next_review_on.label("due"),
            (TafPlan.status == PlanStatus.AGREED).label("current"),
            func.min(TafReview.held_on).label("held_on"),
        )
        .join(Case, Case.id == TafPlan.case_id)
        .outerjoin(TafReview, TafReview.plan_id == TafPlan.id)
        .where(q.local(Case.locality_id), TafPlan.agreed_on.is_not(None), q.in_period(TafPlan.next_review_on))
        .group_by(TafPlan.id, TafPlan.case_id, TafPlan.next_review_on, TafPlan.status)
        .subquery("held")
    )
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


def _reviewed(q: ReportContext) -> Any:
    """The cases with a review held in the period: the only ones whose latest score can be in it."""
    return (
        select(TafPlan.case_id)
        .join(TafReview, TafReview.plan_id == TafPlan.id)
        .where(q.in_period(TafReview.held_on))
        .distinct()
        .subquery("reviewed")
    )


def _ordered(score: Any) -> ColumnElement[str]:
    """A score as text that sorts as its review does (by the day held, then
    the review's id), the score in the last two characters: min() and max()
    of it over a family's scores in an area are the first and the latest, in
    one pass without window functions."""
    return cast(TafReview.held_on, String) + cast(TafReview.id, String) + cast(score + SCORE_SHIFT, String)


def _score_of(ordered: Any) -> ColumnElement[int]:
    return cast(func.substr(ordered, func.length(ordered) - 1), Integer) - SCORE_SHIFT


def _scores(q: ReportContext) -> Any:
    """(case_id, area, first, latest, latest_on) for each family and area scored twice or more, to the period's end."""
    reviewed = _reviewed(q)
    ordered = _ordered(TafReviewScore.score)
    each = (
        select(
            TafPlan.case_id,
            TafReviewScore.area,
            func.min(ordered).label("first"),
            func.max(ordered).label("latest"),
            func.max(TafReview.held_on).label("latest_on"),
        )
        .select_from(reviewed)
        .join(Case, Case.id == reviewed.c.case_id)
        .join(TafPlan, TafPlan.case_id == reviewed.c.case_id)
        .join(TafReview, TafReview.plan_id == TafPlan.id)
        .join(TafReviewScore, TafReviewScore.review_id == TafReview.id)
        .where(q.local(Case.locality_id), TafReview.held_on <= q.period.end)
        .group_by(TafPlan.case_id, TafReviewScore.area)
        .having(func.count() >= 2)
        .subquery("each")
    )
    return select(
        each.c.case_id,
        each.c.area,
        _score_of(each.c.first).label("first"),
        _score_of(each.c.latest).label("latest"),
        each.c.latest_on,
    ).subquery("scored")


def _travelled(q: ReportContext) -> Any:
    scored = _scores(q)
    return select(scored).where(q.in_period(scored.c.latest_on)).subquery("travelled")


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
        t = _travelled(q)
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

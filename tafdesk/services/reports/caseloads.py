"""Caseload against capacity, by professional and by agency, week by week
(utilisation), and allocations made over capacity with their reasons.

A case counts against its lead professional from its allocation
(case_days.allocations) until it closed (not on the day it closed), with its
complexity weight; against each supporter from the day they joined, with a
quarter of it (tafdesk/allocation/caseload.py: SUPPORT_FRACTION). Only the
cases of the localities reached count. Capacity is a professional's own
figure, or their FTE × their agency's points per full-time professional, as
the directory holds it now (its history is not kept); the professionals are
the active ones of the localities reached and anyone carrying one of their
cases. Utilisation = load / capacity. A case counts for its current lead and
weight throughout (earlier leads and weights are not kept)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased

from tafdesk.allocation.caseload import SUPPORT_FRACTION
from tafdesk.models import Agency, AgendaItem, Case, CaseSupporter, Decision, Locality, Meeting, Professional
from tafdesk.services.reports import case_days
from tafdesk.services.reports.context import ReportContext
from tafdesk.services.reports.days_sql import LondonDay, WeekStart
from tafdesk.services.reports.figures import (
    AgencyLoad,
    CaseloadFigures,
    DrillDown,
    Figure,
    OverCapacityAllocation,
    ProfessionalLoad,
    UtilisationPoint,
)

EVERY_AGENCY = "All agencies"


def _capacity() -> ColumnElement[float]:
    return func.coalesce(Professional.capacity, Professional.fte * Agency.capacity_per_fte)


def _carried_on(q: ReportContext, day: dt.date) -> Any:
    """(case_id, lead_id, weight) for each case of the localities reached
    carried on the day: allocated by then and not closed by then. Found
    first, by the open and recently closed cases (closed_on's index), and
    only then counted by professional: otherwise SQLite reads every case a
    lead has ever had, in their order, to save a sort of a few hundred rows."""
    allocated_on, cases = case_days.allocated_cases(
        Case.id.label("case_id"), Case.lead_professional_id.label("lead_id"), Case.complexity_weight.label("weight")
    )
    return (
        cases.where(q.local(Case.locality_id), allocated_on <= day, or_(Case.closed_on.is_(None), Case.closed_on > day))
        .cte("carried_on")
        .prefix_with("MATERIALIZED")
    )


def _led(carried: Any, *columns: Any) -> Select:
    return select(*columns).where(carried.c.lead_id.is_not(None))


def _helping(carried: Any, day: dt.date) -> Any:
    """(case_id, professional_id, weight) for each supporter of those cases
    on the day: found from the cases (for the same reason)."""
    return (
        select(carried.c.case_id, CaseSupporter.professional_id, carried.c.weight)
        .join(CaseSupporter, CaseSupporter.case_id == carried.c.case_id)
        .where(CaseSupporter.since <= day)
        .cte("helping")
        .prefix_with("MATERIALIZED")
    )


def figures(q: ReportContext) -> CaseloadFigures:
    professionals = _professionals(q)
    return CaseloadFigures(
        q.as_at,
        professionals,
        _agencies(q, professionals),
        _utilisation(q),
        _over_capacity(q),
        q.drill(Figure.OVER_CAPACITY),
    )


# -- by professional and agency, on one day -------------------------------------------------


def _professionals(q: ReportContext) -> tuple[ProfessionalLoad, ...]:
    day = q.as_at
    carried = _carried_on(q, day)
    weight = func.sum(carried.c.weight)
    led = {
        pid: (n, float(w))
        for pid, n, w in q.s.execute(_led(carried, carried.c.lead_id, func.count(), weight).group_by(carried.c.lead_id))
    }
    helping = _helping(carried, day)
    supported = {
        pid: (n, float(w))
        for pid, n, w in q.s.execute(
            select(helping.c.professional_id, func.count(), func.sum(helping.c.weight)).group_by(
                helping.c.professional_id
            )
        )
    }
    carrying = sorted(set(led) | set(supported))
    people = q.s.execute(
        select(
            Professional.id, Professional.given_name, Professional.family_name, Agency.name, Locality.name, _capacity()
        )
        .join(Agency, Agency.id == Professional.agency_id)
        .join(Locality, Locality.id == Professional.locality_id)
        .where(or_(and_(q.local(Professional.locality_id), Professional.active), Professional.id.in_(carrying)))
        .order_by(Agency.name, Professional.family_name, Professional.given_name)
    ).all()
    return tuple(_load(q, day, row, led.get(row[0], (0, 0.0)), supported.get(row[0], (0, 0.0))) for row in people)


def _load(
    q: ReportContext, day: dt.date, row: Any, led: tuple[int, float], supported: tuple[int, float]
) -> ProfessionalLoad:
    pid, given, family, agency, locality, capacity = row
    load = led[1] + SUPPORT_FRACTION * supported[1]
    return ProfessionalLoad(
        pid,
        f"{given} {family}",
        agency,
        locality,
        float(capacity),
        led[0],
        led[1],
        supported[0],
        supported[1],
        load,
        load / capacity if capacity else None,
        q.drill(Figure.CASELOAD, category="professional", subcategory=str(pid), week=day),
    )


def _agencies(q: ReportContext, people: tuple[ProfessionalLoad, ...]) -> tuple[AgencyLoad, ...]:
    ids = dict(q.s.execute(select(Agency.name, Agency.id)).all())
    sums: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0, 0, 0.0])
    for p in people:
        total = sums[p.agency]
        total[0] += 1
        total[1] += p.capacity
        total[2] += p.led_cases
        total[3] += p.supported_cases
        total[4] += p.load
    return tuple(
        AgencyLoad(
            ids[name],
            name,
            int(n),
            capacity,
            int(led),
            int(supported),
            load,
            load / capacity if capacity else None,
            q.drill(Figure.CASELOAD, category="agency", subcategory=str(ids[name]), week=q.as_at),
        )
        for name, (n, capacity, led, supported, load) in sorted(sums.items())
    )


# -- week by week -----------------------------------------------------------------------------


def _carried_cases(q: ReportContext) -> Any:
    """(case_id, agency_id, weight, until, since) for each allocated case of the
    localities reached: its lead's agency, and the days it was carried from and
    until (None while open). A case closed before the period rose and fell
    before it: nothing to count. The open cases and those closed since are
    read apart, each from closed_on's index: PostgreSQL reads every case for
    the two conditions together."""

    def carried(open_or_closed_since: ColumnElement[bool]) -> Select:
        since, cases = case_days.allocated_cases(
            Case.id.label("case_id"),
            Professional.agency_id.label("agency_id"),
            Case.complexity_weight.label("weight"),
            Case.closed_on.label("until"),
        )
        return (
            cases.add_columns(since.label("since"))
            .join(Professional, Professional.id == Case.lead_professional_id)
            .where(q.local(Case.locality_id), open_or_closed_since)
        )

    return union_all(carried(Case.closed_on.is_(None)), carried(Case.closed_on >= q.period.start)).cte("carried")


def _events(q: ReportContext) -> Any:
    """(day, agency_id, change): loads rise on allocation (or joining) and fall
    on closure, up to the period's last day counted; summed by day and agency,
    the days before the period as one (day None)."""
    carried = _carried_cases(q)
    helper = aliased(Professional)
    joined = case((CaseSupporter.since > carried.c.since, CaseSupporter.since), else_=carried.c.since)
    # Each supporter of a case carried, found once for their rise and their fall.
    helping = (
        select(
            joined.label("since"),
            carried.c.until,
            helper.agency_id,
            (literal(SUPPORT_FRACTION) * carried.c.weight).label("share"),
        )
        .select_from(carried)
        .join(CaseSupporter, CaseSupporter.case_id == carried.c.case_id)
        .join(helper, helper.id == CaseSupporter.professional_id)
        .cte("helping_then")
    )
    return union_all(
        _by_day(q, carried.c.since, carried.c.agency_id, carried.c.weight),
        _by_day(q, carried.c.until, carried.c.agency_id, -carried.c.weight),
        _by_day(q, helping.c.since, helping.c.agency_id, helping.c.share),
        _by_day(q, helping.c.until, helping.c.agency_id, -helping.c.share),
    ).subquery("events")


def _by_day(q: ReportContext, day: Any, agency: Any, change: Any) -> Select:
    """One kind of event summed by day and agency before they are put
    together: grouping each apart is a third quicker on SQLite than grouping
    all the events at once."""
    on = case((day >= q.period.start, day), else_=None)
    return (
        select(on.label("day"), agency.label("agency_id"), func.sum(change).label("change"))
        .where(day <= q.as_at)  # and so not None: a case still open does not fall
        .group_by(on, agency)
    )


def _utilisation(q: ReportContext) -> tuple[UtilisationPoint, ...]:
    """The loads before the period (week None) and each week's changes, in one statement."""
    events = _events(q)
    week = WeekStart(events.c.day).label("week")  # None for the days before the period
    found = q.s.execute(
        select(week, events.c.agency_id, func.sum(events.c.change)).group_by(week, events.c.agency_id)
    ).all()
    opening = {agency: change for on, agency, change in found if on is None}
    return _points(q, opening, [row for row in found if row[0] is not None])


def _capacities(q: ReportContext) -> dict[uuid.UUID, tuple[str, float]]:
    rows = q.s.execute(
        select(Agency.id, Agency.name, func.sum(_capacity()))
        .join(Professional, Professional.agency_id == Agency.id)
        .where(q.local(Professional.locality_id), Professional.active)
        .group_by(Agency.id, Agency.name)
    ).all()
    return {agency: (name, float(capacity or 0.0)) for agency, name, capacity in rows}


def _points(q: ReportContext, opening: dict[uuid.UUID, float], changes: Sequence[Any]) -> tuple[UtilisationPoint, ...]:
    capacities = _capacities(q)
    names = dict(q.s.execute(select(Agency.id, Agency.name)).all())
    by_week: dict[dt.date, dict[uuid.UUID, float]] = defaultdict(dict)
    for week, agency, change in changes:
        by_week[week][agency] = float(change)
    load = {agency: float(value or 0.0) for agency, value in opening.items()}
    agencies = sorted(set(capacities) | set(load) | {a for w in by_week.values() for a in w}, key=lambda a: names[a])
    points: list[UtilisationPoint] = []
    for week in q.period.weeks():
        as_at = min(week + dt.timedelta(days=6), q.as_at)
        if as_at < week:
            break  # weeks still to come
        for agency, change in by_week.get(week, {}).items():
            load[agency] = load.get(agency, 0.0) + change
        points.append(
            _point(q, week, as_at, None, EVERY_AGENCY, sum(load.values()), sum(c for _, c in capacities.values()))
        )
        for agency in agencies:
            points.append(
                _point(
                    q, week, as_at, agency, names[agency], load.get(agency, 0.0), capacities.get(agency, ("", 0.0))[1]
                )
            )
    return tuple(points)


def _point(
    q: ReportContext, week: dt.date, as_at: dt.date, agency: uuid.UUID | None, name: str, load: float, capacity: float
) -> UtilisationPoint:
    load = round(load, 6)  # sums of weights: no 1e-16 left over from rises and falls
    drill = q.drill(
        Figure.CASELOAD, category="agency" if agency else None, subcategory=str(agency) if agency else None, week=as_at
    )
    return UtilisationPoint(week, as_at, agency, name, load, capacity, load / capacity if capacity else None, drill)


# -- over capacity -----------------------------------------------------------------------------


def _over_capacity_rows(q: ReportContext, *columns: Any) -> Select:
    return (
        select(*columns)
        .select_from(Decision)
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            Decision.capacity_override_reason.is_not(None),
            q.local(Meeting.locality_id),
            q.in_period(LondonDay(Meeting.starts_at)),
        )
    )


def _over_capacity(q: ReportContext) -> tuple[OverCapacityAllocation, ...]:
    day = LondonDay(Meeting.starts_at)
    rows = q.s.execute(
        _over_capacity_rows(
            q,
            day,
            Case.reference,
            Locality.name,
            Professional.given_name,
            Professional.family_name,
            Agency.name,
            Decision.capacity_override_reason,
        )
        .join(Case, Case.id == Decision.case_id)
        .join(Locality, Locality.id == Meeting.locality_id)
        .outerjoin(Professional, Professional.id == Decision.lead_professional_id)
        .outerjoin(Agency, Agency.id == Professional.agency_id)
        .order_by(day, Case.reference)
    ).all()
    return tuple(
        OverCapacityAllocation(on, ref, place, f"{given or ''} {family or ''}".strip(), agency or "", reason)
        for on, ref, place, given, family, agency, reason in rows
    )


# -- the families behind them ------------------------------------------------------------------


def families(q: ReportContext, drill: DrillDown) -> tuple[Select, str, str]:
    if drill.figure is Figure.OVER_CAPACITY:
        query = _over_capacity_rows(q, Decision.case_id.label("case_id"), LondonDay(Meeting.starts_at).label("value"))
        return query, "Decided", "Allocations over capacity"
    day = drill.week or q.as_at
    carried = _carried_on(q, day)
    led = _led(carried, carried.c.case_id, carried.c.weight.label("value"))
    helping = _helping(carried, day)
    helped = select(helping.c.case_id, (literal(SUPPORT_FRACTION) * helping.c.weight).label("value"))
    title = f"Cases carried on {day.day} {day:%b %Y}"
    if drill.category == "professional":
        pid = uuid.UUID(drill.subcategory or "")
        led = led.where(carried.c.lead_id == pid)
        helped = helped.where(helping.c.professional_id == pid)
        title += f" by {_professional_name(q, pid)}"
    elif drill.category == "agency":
        agency = uuid.UUID(drill.subcategory or "")
        led = led.join(Professional, Professional.id == carried.c.lead_id).where(Professional.agency_id == agency)
        helped = helped.join(Professional, Professional.id == helping.c.professional_id).where(
            Professional.agency_id == agency
        )
        title += f" by {q.s.scalar(select(Agency.name).where(Agency.id == agency))}"
    return union_all(led, helped).subquery("carried").select(), "Weight counted", title


def _professional_name(q: ReportContext, pid: uuid.UUID) -> str:
    row = q.s.execute(select(Professional.given_name, Professional.family_name).where(Professional.id == pid)).first()
    return f"{row[0]} {row[1]}" if row else "a professional"

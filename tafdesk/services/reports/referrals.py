"""Referrals received, week by week, by locality, referring agency and need
area; repeat referrals within 12 months, as a count and a rate.

A referral counts in the week (Monday to Sunday) of the day it was received,
in its own locality. Its referring agency is the agency the referrer gave,
as written ("The family (self-referral)" where a family member referred,
"Not recorded" where none was given); its need areas are those its 360°
profile names, each once. A repeat referral within 12 months is one whose
case intake marked so: the family's previous case had closed in the 12
months before this referral was received (services/repeats.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, case, distinct, func, literal, select

from tafdesk.models import Case, Locality, NeedArea, Profile360, ProfileNeed, Referral
from tafdesk.services.reports.context import ReportContext
from tafdesk.services.reports.days_sql import WeekStart
from tafdesk.services.reports.figures import (
    DrillDown,
    Figure,
    ReferralFigures,
    RepeatReferrals,
    WeeklySeries,
    rate,
)

SELF_REFERRAL = "The family (self-referral)"
NOT_RECORDED = "Not recorded"
BY = ("locality", "agency", "need")


def agency_label() -> ColumnElement[str]:
    written = func.trim(func.coalesce(Referral.referrer_agency, ""))
    return case(
        (Referral.self_referral_person_id.is_not(None), literal(SELF_REFERRAL)),
        (written != "", written),
        else_=literal(NOT_RECORDED),
    )


def _received(q: ReportContext) -> list[ColumnElement[bool]]:
    return [q.local(Referral.locality_id), q.in_period(Referral.received_on)]


def figures(q: ReportContext) -> ReferralFigures:
    weeks = q.period.weeks()
    everything = q.drill(Figure.REFERRALS)
    names = dict(q.s.execute(select(Locality.id, Locality.name).where(q.local(Locality.id))).all())
    by_locality = _series(q, weeks, "locality", Referral.locality_id, lambda key: names[key], names)
    by_agency = _series(q, weeks, "agency", agency_label(), str)
    by_need = _series(q, weeks, "need", ProfileNeed.area, lambda area: NeedArea(area).label, dict.fromkeys(NeedArea))
    received = sum(series.total for series in by_locality)
    return ReferralFigures(weeks, received, everything, by_locality, by_agency, by_need, _repeats(q))


def _weekly(q: ReportContext, key: Any) -> Select:
    week = WeekStart(Referral.received_on).label("week")
    query = select(week, key.label("key"), func.count(distinct(Referral.id))).where(*_received(q))
    if key is ProfileNeed.area:
        query = _with_needs(query)
    return query.group_by(week, key)


def _with_needs(query: Select) -> Select:
    """With the need areas the referral's profile names: one row for each."""
    query = query.join(Profile360, Profile360.referral_id == Referral.id)
    return query.join(ProfileNeed, ProfileNeed.profile_id == Profile360.id)


def _series(
    q: ReportContext,
    weeks: tuple[dt.date, ...],
    by: str,
    key: Any,
    label: Callable[[Any], str],
    every: Iterable[Any] = (),
) -> tuple[WeeklySeries, ...]:
    """One series per key found (and per key in `every`, found or not), most referrals first."""
    slot = {week: n for n, week in enumerate(weeks)}
    counts: dict[Any, list[int]] = {k: [0] * len(weeks) for k in every}
    for week, found, n in q.s.execute(_weekly(q, key)):
        counts.setdefault(found, [0] * len(weeks))[slot[week]] += n
    series = [
        WeeklySeries(_key(k), label(k), tuple(c), sum(c), q.drill(Figure.REFERRALS, category=by, subcategory=_key(k)))
        for k, c in counts.items()
    ]
    return tuple(sorted(series, key=lambda one: (-one.total, one.label)))


def _key(value: Any) -> str:
    return value.value if isinstance(value, NeedArea) else str(value)


def _repeats(q: ReportContext) -> RepeatReferrals:
    repeat = case((Case.repeat_within_12_months.is_(True), 1), else_=0)
    received, repeats = q.s.execute(
        select(func.count(Referral.id), func.coalesce(func.sum(repeat), 0))
        .outerjoin(Case, Case.id == Referral.case_id)
        .where(*_received(q))
    ).one()
    return RepeatReferrals(received, int(repeats), rate(int(repeats), received), q.drill(Figure.REPEAT_REFERRALS))


# -- the families behind them ------------------------------------------------------------


def families(q: ReportContext, drill: DrillDown) -> tuple[Select, str, str]:
    """(case_id, value) rows, the value's heading, and the list's title."""
    conditions: list[Any] = _received(q)
    query = select(Referral.case_id.label("case_id"), Referral.received_on.label("value"))
    if drill.figure is Figure.REPEAT_REFERRALS:
        query = query.join(Case, Case.id == Referral.case_id)
        conditions.append(Case.repeat_within_12_months.is_(True))
        return query.where(*conditions), "Received", "Repeat referrals within 12 months"
    if drill.week is not None:
        conditions.append(WeekStart(Referral.received_on) == drill.week)
    if drill.category == "locality":
        conditions.append(Referral.locality_id == _uuid(drill.subcategory))
    elif drill.category == "agency":
        conditions.append(agency_label() == drill.subcategory)
    elif drill.category == "need":
        query = _with_needs(query)
        conditions.append(ProfileNeed.area == NeedArea(str(drill.subcategory)))
    query = query.where(*conditions, Referral.case_id.is_not(None)).distinct()
    return query, "Received", _title(q, drill)


def _title(q: ReportContext, drill: DrillDown) -> str:
    part = ""
    if drill.category == "locality":
        part = f" in {q.s.scalar(select(Locality.name).where(Locality.id == _uuid(drill.subcategory)))}"
    elif drill.category == "agency":
        part = f" from {drill.subcategory}"
    elif drill.category == "need":
        part = f": {NeedArea(str(drill.subcategory)).label}"
    week = f", week of {drill.week.day} {drill.week:%b %Y}" if drill.week else ""
    return f"Referrals received{part}{week}"


def _uuid(text: str | None) -> uuid.UUID | None:
    return uuid.UUID(text) if text else None

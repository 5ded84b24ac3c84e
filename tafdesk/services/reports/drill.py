"""The families behind a figure: each figure's module gives its rows as
(case_id, value); here they become the case's reference, the family's name
and locality and the value, for the families the user may see (on SQLite by
the services' rules, scope.py; on PostgreSQL row-level security narrows them
the same way), most first."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from sqlalchemy import Select, select

from tafdesk.models import Case, Family, Locality
from tafdesk.services import scope
from tafdesk.services.actor import Actor
from tafdesk.services.reports import caseloads, closures, outcomes, referrals, taf_plans, timeliness
from tafdesk.services.reports.context import ReportContext
from tafdesk.services.reports.figures import DrillDown, FamilyList, FamilyRow, Figure
from tafdesk.services.shared_settings import TimelinessTargets

Rows = Callable[[ReportContext, DrillDown], tuple[Select, str, str]]


def _rows_for(figure: Figure, targets: TimelinessTargets) -> Rows:
    by_figure: dict[Figure, Rows] = {
        Figure.REFERRALS: referrals.families,
        Figure.REPEAT_REFERRALS: referrals.families,
        Figure.TIMELINESS: partial(timeliness.families, targets=targets),
        Figure.CASELOAD: caseloads.families,
        Figure.OVER_CAPACITY: caseloads.families,
        Figure.PLAN_TIMELINESS: taf_plans.families,
        Figure.REVIEWS: taf_plans.families,
        Figure.DISTANCE_TRAVELLED: taf_plans.families,
        Figure.CLOSURES: closures.families,
    }
    return by_figure.get(figure, outcomes.families)


def family_list(q: ReportContext, actor: Actor, drill: DrillDown, targets: TimelinessTargets, limit: int) -> FamilyList:
    query, heading, title = _rows_for(drill.figure, targets)(q, drill)
    behind = query.subquery("behind")
    # Someone who may see every locality may see every family of them: a
    # list of them all would only lead the database to read every case.
    visible = (
        []
        if q.whole_council and not scope.by_own_cases(actor)
        else [scope.case_rows(actor), scope.in_localities(actor, Family.locality_id)]
    )
    found = q.s.execute(
        select(Case.reference, Family.family_name, Locality.name, behind.c.value, Case.id)
        .join(Case, Case.id == behind.c.case_id)
        .join(Family, Family.id == Case.family_id)
        .join(Locality, Locality.id == Case.locality_id)
        .where(*visible)
        .order_by(behind.c.value.desc().nulls_last(), Case.reference)
        .limit(limit + 1)
    ).all()
    rows = tuple(FamilyRow(ref, name, place, value, case_id) for ref, name, place, value, case_id in found[:limit])
    return FamilyList(title, heading, rows, more=len(found) > limit)

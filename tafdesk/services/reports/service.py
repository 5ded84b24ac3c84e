"""The Reports page's figures, for a period and a locality (or every
locality the user may see), and the families behind each figure.

    reports = ReportService(db, actor)
    period = ReportPeriod.of(dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    report = reports.performance(period)            # every locality the user may see
    north = reports.caseloads(period, locality_id)  # one locality
    families = reports.families(report.referrals.by_agency[0].drill)

Locality managers and business support see the figures of their own
localities (Permission.VIEW_REPORTS); lead professionals and administrators
are refused, as the reports are about whole localities' families. Every
figure is counted in the database (SQL aggregates, the same on SQLite and
PostgreSQL); the README's "How the reports count" defines each one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from tafdesk.models import Locality
from tafdesk.services import audit, scope
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.errors import NotFound, PermissionDenied, ValidationError
from tafdesk.services.reports import caseloads, closures, outcomes, referrals, taf_plans, timeliness
from tafdesk.services.reports.calendar import ensure_bank_holidays, years_needed
from tafdesk.services.reports.context import ReportContext
from tafdesk.services.reports.drill import family_list
from tafdesk.services.reports.figures import (
    CaseloadReport,
    ClosureFigures,
    DrillDown,
    FamilyList,
    OutcomeFigures,
    PerformanceReport,
    PlanFigures,
    ReferralFigures,
    TimelinessFigures,
)
from tafdesk.services.reports.period import Reach, ReportPeriod
from tafdesk.services.shared_settings import TimelinessTargets, timeliness_targets

DRILL_LIMIT = 500


class ReportService(ClockedService):
    # -- choices ----------------------------------------------------------------------

    def localities(self) -> list[tuple[uuid.UUID, str]]:
        """The localities the user may choose, by name (None, not in the list, means all of them)."""
        self._actor.require(Permission.VIEW_REPORTS)
        with self._db.reader() as s:
            query = select(Locality.id, Locality.name).where(scope.in_localities(self._actor, Locality.id))
            return [(i, name) for i, name in s.execute(query.order_by(Locality.name))]

    def locality_named(self, name: str | None) -> uuid.UUID | None:
        """A locality by its name or code (any case), as a person types it; None for None."""
        if name is None:
            return None
        self._actor.require(Permission.VIEW_REPORTS)
        wanted = name.strip().casefold()
        with self._db.reader() as s:
            found = s.scalar(
                select(Locality.id).where(or_(func.lower(Locality.name) == wanted, func.lower(Locality.code) == wanted))
            )
        if found is None:
            raise NotFound(f"There is no locality called “{name}”.")
        return found

    def targets(self) -> TimelinessTargets:
        self._actor.require(Permission.VIEW_REPORTS)
        with self._db.reader() as s:
            return timeliness_targets(s)

    # -- figures ------------------------------------------------------------------------

    def performance(self, period: ReportPeriod, locality: uuid.UUID | None = None) -> PerformanceReport:
        """Every figure group but caseloads, read together."""
        with self._context(period, locality, working_days=True) as q:
            return PerformanceReport(
                period,
                q.reach,
                referrals.figures(q),
                timeliness.figures(q, timeliness_targets(q.s)),
                outcomes.figures(q),
                taf_plans.figures(q),
                closures.figures(q),
            )

    def referrals(self, period: ReportPeriod, locality: uuid.UUID | None = None) -> ReferralFigures:
        with self._context(period, locality) as q:
            return referrals.figures(q)

    def timeliness(self, period: ReportPeriod, locality: uuid.UUID | None = None) -> TimelinessFigures:
        with self._context(period, locality, working_days=True) as q:
            return timeliness.figures(q, timeliness_targets(q.s))

    def outcomes(self, period: ReportPeriod, locality: uuid.UUID | None = None) -> OutcomeFigures:
        with self._context(period, locality) as q:
            return outcomes.figures(q)

    def caseloads(self, period: ReportPeriod, locality: uuid.UUID | None = None) -> CaseloadReport:
        with self._context(period, locality) as q:
            return CaseloadReport(period, q.reach, caseloads.figures(q))

    def plans(self, period: ReportPeriod, locality: uuid.UUID | None = None) -> PlanFigures:
        with self._context(period, locality, working_days=True) as q:
            return taf_plans.figures(q)

    def closures(self, period: ReportPeriod, locality: uuid.UUID | None = None) -> ClosureFigures:
        with self._context(period, locality) as q:
            return closures.figures(q)

    # -- the families behind a figure ---------------------------------------------------

    def families(self, drill: DrillDown, limit: int = DRILL_LIMIT) -> FamilyList:
        """The families behind a figure that the user may see, at most `limit`
        of them (FamilyList.more says whether there were more). Listing them
        is recorded in the audit trail first."""
        self._actor.require(Permission.VIEW_REPORTS)
        with self._db.reader() as s:
            self._reach(s, drill.locality_id)  # refused before anything is recorded
        self._record_look(drill)
        with self._context(drill.period, drill.locality_id, working_days=True) as q:
            try:
                return family_list(q, self._actor, drill, timeliness_targets(q.s), limit)
            except ValueError:  # a category or part the figure does not have
                raise ValidationError({"drill": f"The {drill.figure.value} figure has no such part to list."}) from None

    # -- helpers --------------------------------------------------------------------------

    @contextmanager
    def _context(
        self, period: ReportPeriod, locality: uuid.UUID | None, *, working_days: bool = False
    ) -> Iterator[ReportContext]:
        self._actor.require(Permission.VIEW_REPORTS)
        if working_days:
            ensure_bank_holidays(self._db, years_needed(period.start, period.end, self.today()))
        with self._db.reader() as s:
            reach = self._reach(s, locality)
            whole = reach.locality_ids >= set(s.scalars(select(Locality.id)))
            yield ReportContext(s, period, reach, self.today(), whole)

    def _reach(self, s: Session, locality: uuid.UUID | None) -> Reach:
        if locality is not None:
            scope.require_locality(s, self._actor, locality, "see the reports")
        query = select(Locality.id, Locality.name).where(scope.in_localities(self._actor, Locality.id))
        if locality is not None:
            query = query.where(Locality.id == locality)
        found = s.execute(query.order_by(Locality.name)).all()
        if locality is not None and not found:
            raise NotFound("That locality is no longer in the database.")
        if not found and not scope.everywhere(self._actor):
            raise PermissionDenied(f"{self._actor.who} works in no locality, so has no figures to see.")
        every = locality is None and scope.everywhere(self._actor)
        return Reach(locality, frozenset(i for i, _ in found), tuple(name for _, name in found), every)

    def _record_look(self, drill: DrillDown) -> None:
        if self._actor.is_system:
            return  # tafdesk acting for itself looks at nothing
        part = ", ".join(str(p) for p in (drill.category, drill.subcategory, drill.week) if p) or None
        with self._db.session() as s:
            audit.record(
                s,
                self._actor,
                "report.families_listed",
                "report",
                None,
                {
                    "figure": [None, drill.figure.value],
                    "part": [None, part],
                    "period": [None, f"{drill.period.start.isoformat()} to {drill.period.end.isoformat()}"],
                },
                locality_id=drill.locality_id,
                look=True,
            )

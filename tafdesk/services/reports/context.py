"""What every figure's query is given: the open session, the period, the
localities reached, today, and how to make the figure's drill-down."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, true
from sqlalchemy.orm import Session

from tafdesk.models import Case
from tafdesk.services.reports.figures import DrillDown, Figure
from tafdesk.services.reports.period import Reach, ReportPeriod


@dataclass(frozen=True)
class ReportContext:
    s: Session
    period: ReportPeriod
    reach: Reach
    today: dt.date
    whole_council: bool = False  # the report reaches every locality there is

    def local(self, column: Any) -> ColumnElement[bool]:
        """The locality `column` names is one the report reaches: always so
        when it reaches them all (a list of every locality would only keep
        the database from reading by day)."""
        if self.whole_council:
            return true()
        return column.in_(sorted(self.reach.locality_ids))

    def of_cases_reached(self, query: Select, case_id: Any) -> Select:
        """query kept to the cases (case_id) of the localities reached: joined
        to case_record only if that leaves some out, as reading every case's
        row to keep them all would cost more than the rest of the figure."""
        if self.whole_council:
            return query
        return query.join(Case, Case.id == case_id).where(self.local(Case.locality_id))

    def in_period(self, column: Any) -> ColumnElement[bool]:
        return column.between(self.period.start, self.period.end)

    def drill(self, figure: Figure, **parts: Any) -> DrillDown:
        return DrillDown(figure, self.period, self.reach.chosen, **parts)

    @property
    def as_at(self) -> dt.date:
        """The day loads are counted on: the period's last, or today if that is still to come."""
        return min(self.period.end, self.today)

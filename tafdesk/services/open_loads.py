"""Each professional's open caseload: how many open cases they lead and
support, and their weights. Counts only, no family data.

Ranking, the balance chart and the directory need everyone's load, but on
PostgreSQL a user sees only the cases their role allows (row-level security,
migration 0014): there the server's tafdesk_open_caseloads() counts every
case for those allowed the figures (a lead professional gets their own). On
SQLite the same grouped queries run here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text

from tafdesk import models  # the mapped classes load on first use: off the start-up path
from tafdesk.models.enums import CaseStatus

if TYPE_CHECKING:  # the ORM stays off the start-up path
    from sqlalchemy.orm import Session

# The cases that count against a caseload.
OPEN_STATUSES = (CaseStatus.TAF_OPEN, CaseStatus.MULTI_AGENCY_PLAN, CaseStatus.WORKING_TOGETHER_MEETING)

SERVER_COUNTS = text(
    "SELECT professional_id, led_cases, led_weight, supported_cases, supported_weight FROM tafdesk_open_caseloads()"
)
SERVER_COUNT_ONE = text(
    "SELECT :professional, led_cases, led_weight, supported_cases, supported_weight "
    "FROM tafdesk_open_caseload(:professional) WHERE led_cases + supported_cases > 0"
)


@dataclass(frozen=True)
class OpenLoad:
    led_cases: int = 0
    led_weight: float = 0.0
    supported_cases: int = 0
    supported_weight: float = 0.0


def open_loads(s: Session, *, only: uuid.UUID | None = None) -> dict[uuid.UUID, OpenLoad]:
    """Professional id -> open load (everyone's, or `only` that
    professional's); a professional with no open case is absent."""
    if s.get_bind().dialect.name == "postgresql":
        rows = s.execute(SERVER_COUNTS) if only is None else s.execute(SERVER_COUNT_ONE, {"professional": only})
        return {row[0]: OpenLoad(int(row[1]), float(row[2]), int(row[3]), float(row[4])) for row in rows}
    return counted(s, only=only)


def counted(s: Session, *, only: uuid.UUID | None = None) -> dict[uuid.UUID, OpenLoad]:
    """The same, counted from the rows this session can see."""
    case, supporter = models.Case, models.CaseSupporter
    led_query = (
        select(case.lead_professional_id, func.count(), func.sum(case.complexity_weight))
        .where(case.status.in_(OPEN_STATUSES), case.lead_professional_id.is_not(None))
        .group_by(case.lead_professional_id)
    )
    supported_query = (
        select(supporter.professional_id, func.count(), func.sum(case.complexity_weight))
        .join(case, case.id == supporter.case_id)
        .where(case.status.in_(OPEN_STATUSES))
        .group_by(supporter.professional_id)
    )
    if only is not None:
        led_query = led_query.where(case.lead_professional_id == only)
        supported_query = supported_query.where(supporter.professional_id == only)
    led = s.execute(led_query)
    loads = {pid: OpenLoad(n, float(weight or 0.0)) for pid, n, weight in led if pid}  # (every row has a lead)
    supported = s.execute(supported_query)
    for pid, n, weight in supported:
        mine = loads.get(pid, OpenLoad())
        loads[pid] = OpenLoad(mine.led_cases, mine.led_weight, n, float(weight or 0.0))
    return loads

"""Repeat referrals: a family referred again after a case of theirs closed.

A closed case may be reopened for a few months after it closed (the shared
setting, services/closure.py): that is a reopening, not a referral. A new
referral of the family is a repeat referral; it names the family's case that
closed most recently before it was received, and is marked as a repeat
within 12 months when that case closed in the 12 months before, as councils
count them.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.models import Case
from tafdesk.services.retention_periods import add_months

REPEAT_MONTHS = 12


def previous_closure(
    s: Session, family_id: uuid.UUID, received_on: dt.date, other_than: uuid.UUID | None = None
) -> tuple[uuid.UUID | None, bool]:
    """The family's case closed most recently on or before `received_on`
    (None if none), and whether it closed in the 12 months before."""
    query = (
        select(Case.id, Case.closed_on)
        .where(Case.family_id == family_id, Case.closed_on.is_not(None), Case.closed_on <= received_on)
        .order_by(Case.closed_on.desc())
        .limit(1)
    )
    if other_than is not None:
        query = query.where(Case.id != other_than)
    row = s.execute(query).first()
    if row is None:
        return None, False
    case_id, closed_on = row
    return case_id, closed_on is not None and add_months(closed_on, REPEAT_MONTHS) >= received_on


def mark_repeat(s: Session, case: Case) -> None:
    """Mark a case as a repeat referral of its family, following the case closed before it."""
    case.is_repeat = True
    case.repeat_of_case_id, case.repeat_within_12_months = previous_closure(s, case.family_id, case.opened_on, case.id)

"""Early Help Assessments of the families whose Team Around the Family is
history (closed before the demo's today), written as rows: one per family
allocated, started in the days after the meeting that allocated it, with its
children (up to three) and the needs found, completed a few weeks later if
the case ran that long. The families still open get theirs as the work
between the meetings is played (between.py), so that Ofsted's Annex A list
(services/reports/annex_a.py) has a year's assessments in proportion."""

from __future__ import annotations

import datetime as dt
import random

from tafdesk.db.rowset import RowSet
from tafdesk.demo.between import LEVELS, workday
from tafdesk.demo.cases import CaseRec
from tafdesk.models import AssessmentChild, AssessmentNeed, EarlyHelpAssessment

MAX_CHILDREN = 3


def write_assessment(rng: random.Random, rows: RowSet, case: CaseRec) -> None:
    """The closed case's assessment, if a lead was allocated and the family has children."""
    if case.lead is None or case.decided is None or case.closed is None or not case.family.children:
        return
    started = workday(case.decided + dt.timedelta(days=rng.randint(3, 10)))
    if started > case.closed:
        return
    done = workday(started + dt.timedelta(days=rng.randint(10, 30)))
    children = case.family.children[:MAX_CHILDREN]
    assessment = rows.add(
        EarlyHelpAssessment,
        case_id=case.id,
        started_on=started,
        completed_on=done if done <= case.closed else None,
        organisation_id=case.lead.agency.id,
        organisation_name=case.lead.agency.name,
        whole_family=len(children) > 1,
        recorded_by_name=case.lead.name,
    )
    for n, child in enumerate(children):
        rows.add(AssessmentChild, assessment_id=assessment, person_id=child.id, position=n, seen=n < 2)
    for n, (area, level) in enumerate(case.needs):
        rows.add(
            AssessmentNeed, assessment_id=assessment, position=n, area=area, description=area.label, level=LEVELS[level]
        )

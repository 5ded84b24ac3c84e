"""Who changed the server's side of a sync's conflict, read as the lead's own
login role: the plan's audit events are not theirs to read (row-level
security), so the conflict says when alone, and nothing is refused."""

from __future__ import annotations

from sqlalchemy import select

from tafdesk.models import TafPlan
from tafdesk.offline.graph import CaseRows
from tafdesk.offline.merge import Conflict
from tafdesk.services import offline_who


def _named(db, case_id):
    """The server's side of a conflict on the case's plan (its plan rows as
    this login reads them: the lead reads their case's plan)."""
    with db.session() as s:
        theirs = CaseRows(case_id)
        theirs.add("taf_plan", s.execute(select(TafPlan.id).where(TafPlan.case_id == case_id)).mappings())
        [plan] = theirs.of("taf_plan")
        conflict = Conflict("plan", "plan", "strengths", "the plan", None, "Mine.", "Theirs.", theirs_id=plan["id"])
        [found] = offline_who.named(s, case_id, [conflict], theirs, None, "Tomas")
    return found


def test_the_lead_reads_no_plan_events_so_no_name_is_given(world, signed_in):
    db, _ = signed_in("lp")
    found = _named(db, world.cases["Mensah"])
    assert (found.theirs_changed_by, found.mine_changed_by) == (None, "Tomas")


def test_the_owner_reads_who_started_the_plan(world):
    assert _named(world.db, world.cases["Mensah"]).theirs_changed_by == "World Builder"

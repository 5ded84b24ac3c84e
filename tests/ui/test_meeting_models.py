"""The meeting screens' table models, checked with pytest-qt's model tester,
and the plain arithmetic of the agency round."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from meeting_helpers import CHAIR, NOW
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from tafdesk.models import AgendaKind, AgendaStatus, AttendanceStatus, DecisionOutcome, MeetingStatus
from tafdesk.services.allocation import AllocationService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.meetings import AgendaRow, MeetingService, MeetingSummary
from tafdesk.ui.colours import current
from tafdesk.ui.meetings import agenda_model as agm
from tafdesk.ui.meetings import attendance_model as am
from tafdesk.ui.meetings import candidate_model as cm
from tafdesk.ui.meetings import list_model as lm
from tafdesk.ui.meetings import round_model as rm
from tafdesk.ui.meetings.agency_round import build_round, for_agency
from tafdesk.ui.meetings.balance_chart import balance_rows
from tafdesk.ui.meetings.proposal import build_proposal
from tafdesk.ui.meetings.proposal_panel import ProposalModel
from tafdesk.ui.meetings.roles import AFTER_ROLE, KEY_ROLE, LOCALITY_ROLE, RATIO_ROLE, SORT_ROLE


def _summary(days: int, status: MeetingStatus, locality: str = "North") -> MeetingSummary:
    return MeetingSummary(uuid.uuid4(), locality, NOW + dt.timedelta(days=days), "Hub", status, 4, 1)


def test_meeting_list_model_and_its_filters(qtmodeltester):
    rows = [
        _summary(-14, MeetingStatus.CLOSED),
        _summary(6, MeetingStatus.PLANNED),
        _summary(-7, MeetingStatus.CLOSED, "South"),
        _summary(-1, MeetingStatus.IN_PROGRESS),
    ]
    model = lm.MeetingListModel(today=NOW.date())
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.index(1, lm.COL_STATUS).data() == "Planned · 1 of 4"
    assert model.index(3, lm.COL_STATUS).data(SORT_ROLE) < model.index(1, lm.COL_STATUS).data(
        SORT_ROLE
    )  # running first
    assert model.index(1, lm.COL_WHEN).data() == "Tue 1 Dec 09:00"  # London time: GMT in winter
    assert model.index(1, lm.COL_WHEN).data(SORT_ROLE) > model.index(0, lm.COL_WHEN).data(SORT_ROLE)
    proxy = lm.MeetingListProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_when(lm.MeetingListProxy.UPCOMING)
    assert {proxy.index(n, 0).data(KEY_ROLE) for n in range(proxy.rowCount())} == {rows[1].id, rows[3].id}
    proxy.set_when(lm.MeetingListProxy.RECENT)
    proxy.set_locality("South")
    assert [proxy.index(n, 0).data(LOCALITY_ROLE) for n in range(proxy.rowCount())] == ["South"]


def _agenda_rows() -> list[AgendaRow]:
    return [
        AgendaRow(
            uuid.uuid4(),
            uuid.uuid4(),
            f"N-2026-00{n}",
            name,
            AgendaKind.NEW_PROFILE,
            None,
            AgendaStatus.DECIDED if n == 1 else AgendaStatus.PENDING,
            DecisionOutcome.STEP_DOWN if n == 1 else None,
            None,
        )
        for n, name in enumerate(["Mensah", "Kowalczyk", "Byrne"])
    ]


def test_agenda_model_asks_for_moves_dropped_on_it(qtmodeltester):
    model = agm.AgendaModel()
    rows = _agenda_rows()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert [model.index(n, agm.COL_DECISION).data() for n in range(3)] == ["To decide", "Stepped down", "To decide"]
    moves = []
    model.move_requested.connect(lambda a, b: moves.append((a, b)))
    data = model.mimeData([model.index(0, 0)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, model.index(-1, -1)) is False  # nothing moved here
    assert moves == [(0, 2)]  # the first family, dropped below the last
    assert agm.moved(["a", "b", "c"], 0, 2) == ["b", "c", "a"]
    model.movable = False
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))


@pytest.mark.attendance_not_taken
def test_attendance_model_puts_core_agencies_first(qtmodeltester, world):
    view = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id)
    model = am.AttendanceModel()
    model.set_rows(view.attendance)
    qtmodeltester.check(model)
    names = [model.index(n, am.COL_AGENCY).data() for n in range(model.rowCount())]
    assert names[-1] == "Schools" and names[0] == "Education Welfare"
    assert model.index(0, am.COL_STATUS).data() == "Not recorded"
    assert model.index(0, am.COL_STATUS).data(Qt.ItemDataRole.ForegroundRole) == QColor(current().error.ink)


@pytest.mark.attendance_not_taken
def test_round_candidates_and_proposal_models(qtmodeltester, world):
    meetings = MeetingService(world.db, CHAIR, now=NOW)
    meetings.record_attendance(
        world.meeting_id, world.agencies["Education Welfare"], AttendanceStatus.PRESENT, "A Head"
    )
    meetings.record_attendance(
        world.meeting_id, world.agencies["Family Support"], AttendanceStatus.DEPUTY, deputy_name="Sam Deputy"
    )
    meetings.record_attendance(world.meeting_id, world.agencies["Police"], AttendanceStatus.APOLOGIES)
    view = meetings.meeting(world.meeting_id)
    allocation = AllocationService(world.db, CHAIR).for_meeting(world.meeting_id)
    first = view.agenda[0]
    summary = IntakeQueueService(world.db, CHAIR, today=NOW.date()).summary(first.case_id)
    ranked = allocation.rank(first.case_id, allow_over_capacity=True)
    rows = build_round(
        view.attendance,
        allocation.locality_id,
        allocation.pool.candidates,
        allocation.facts[first.case_id],
        summary,
        ranked,
    )
    # Here: Education Welfare and Family Support; Police sent apologies and knows nothing of the family.
    assert [r.agency for r in rows] == ["Education Welfare", "Family Support"]
    welfare = rows[0]
    assert (welfare.involvement, welfare.best.candidate.name, welfare.professionals) == ("current", "Tomas Okafor", 1)
    assert welfare.matched and "education" in [a.value for a in welfare.matched]
    assert rows[1].attendance == "Deputy: Sam Deputy"

    round_model = rm.AgencyRoundModel()
    round_model.set_rows(rows)
    qtmodeltester.check(round_model)
    assert round_model.index(0, rm.COL_INVOLVEMENT).data().startswith("Working with them now")
    assert round_model.index(0, rm.COL_HEADROOM).data(RATIO_ROLE) == welfare.utilisation

    support = for_agency(ranked, world.agencies["Family Support"], allocation.locality_id)
    assert [r.candidate.name for r in support] == ["Ruth Adeyemi", "Full Person"]  # within capacity first
    assert support[1].over_capacity and support[1].eligible
    weight = allocation.facts[first.case_id].weight
    people = cm.CandidateModel()
    people.set_candidates(support, weight)
    people.set_marks(support[0].candidate.key, {support[1].candidate.key})
    qtmodeltester.check(people)
    assert people.index(0, cm.COL_ROLE).data() == "★ Lead" and people.index(1, cm.COL_ROLE).data() == "✓ TAF"
    assert people.index(1, cm.COL_CAPACITY).data(AFTER_ROLE) > 1.0
    assert cm.reasons_text(support[1]).startswith("Over capacity")

    table = build_proposal(allocation, view.agenda)
    assert table.total >= table.greedy_total and len(table.rows) == 3
    proposal = ProposalModel()
    proposal.set_rows(table.rows)
    qtmodeltester.check(proposal)


def test_balance_rows_put_the_agencies_that_moved_first(world):
    allocation = AllocationService(world.db, CHAIR).for_meeting(world.meeting_id)
    start = allocation.balance().by_agency
    now = dict(start)
    from tafdesk.allocation.caseload import GroupTotal

    welfare = start["Education Welfare"]
    now["Education Welfare"] = GroupTotal(welfare.capacity, welfare.load + 4, welfare.professionals)
    rows = balance_rows(start, now)
    assert rows[0].agency == "Education Welfare" and rows[0].moved and rows[0].now > rows[0].start
    assert all(not r.moved for r in rows[1:])

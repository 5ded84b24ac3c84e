"""The intake queue's table model and its filter proxy, without widgets."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt

from tafdesk.models.enums import CaseStatus, ConsentStatus, Level, NeedArea
from tafdesk.services.intake_queue import QueueRow
from tafdesk.ui.colours import current
from tafdesk.ui.intake import queue_model as qm
from tafdesk.ui.intake.queue_proxy import QueueFilterProxy
from tafdesk.ui.intake.roles import BADGES_ROLE, CONSENT_ROLE, ID_ROLE, REPEAT_ROLE, RISK_ROLE, SORT_ROLE, STATUS_ROLE


def row(
    name: str,
    locality: str = "North",
    *,
    days: int = 3,
    received: dt.date = dt.date(2026, 11, 20),
    areas=(NeedArea.HOUSING,),
    need=Level.MEDIUM,
    risk=None,
    repeat=False,
    consent=ConsentStatus.GIVEN,
    overridden=False,
    status=CaseStatus.AWAITING_TRIAGE,
    match=False,
    meeting=None,
) -> QueueRow:
    return QueueRow(
        uuid.uuid4(),
        f"C-{name[:3].upper()}",
        f"ESAT-{name.upper()}",
        name,
        locality,
        received,
        days,
        tuple(areas),
        need,
        risk,
        repeat,
        consent,
        overridden,
        status,
        match,
        meeting,
    )


@pytest.fixture
def rows() -> list[QueueRow]:
    return [
        row("Abbott", days=12, received=dt.date(2026, 11, 9), risk=Level.LOW, repeat=True),
        row(
            "Baker",
            "Central",
            days=2,
            received=dt.date(2026, 11, 23),
            risk=Level.HIGH,
            areas=(NeedArea.EDUCATION, NeedArea.CRIME),
        ),
        row("Clarke", "South", days=9, risk=Level.MEDIUM, consent=ConsentStatus.REFUSED, need=Level.HIGH),
        row("Dixon", "South", days=1, consent=ConsentStatus.WITHDRAWN, overridden=True, match=True),
        row(
            "Evans",
            "North",
            days=5,
            status=CaseStatus.AWAITING_MEETING,
            meeting=dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC),
            areas=(NeedArea.EDUCATION,),
        ),
    ]


@pytest.fixture
def model(rows) -> qm.QueueTableModel:
    model = qm.QueueTableModel()
    model.set_records(rows)
    return model


@pytest.fixture
def proxy(model) -> QueueFilterProxy:
    proxy = QueueFilterProxy()
    proxy.setSourceModel(model)
    return proxy


def names(proxy: QueueFilterProxy) -> list[str]:
    return [proxy.index(r, qm.COL_FAMILY).data() for r in range(proxy.rowCount())]


def test_model_and_proxy_pass_the_model_tester(qtmodeltester, model, proxy):
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(proxy, force_py=True)
    qtmodeltester.check(qm.QueueTableModel(), force_py=True)


def test_cells_say_what_a_chair_looks_for(model, rows):
    def cell(name: str, column: int, role=Qt.ItemDataRole.DisplayRole):
        return model.index(model.row_of(next(r.case_id for r in rows if r.family_name == name)), column).data(role)

    assert cell("Abbott", qm.COL_WAITING) == "12 days" and cell("Dixon", qm.COL_WAITING) == "1 day"
    assert "12 working days since 9 Nov 2026" in cell("Abbott", qm.COL_WAITING, Qt.ItemDataRole.ToolTipRole)
    assert cell("Baker", qm.COL_RISK) == "High" and cell("Evans", qm.COL_RISK) == "None"
    assert cell("Baker", qm.COL_NEED_AREAS) == "Education, Crime"
    assert cell("Evans", qm.COL_STATUS) == "Meeting Tue 1 Dec 10:00"  # London time in winter
    assert cell("Abbott", qm.COL_STATUS) == "Awaiting triage"
    assert cell("Abbott", qm.COL_RECEIVED) == "9 Nov 2026"
    assert cell("Abbott", qm.COL_FAMILY, BADGES_ROLE) == (qm.REPEAT_BADGE,)
    assert cell("Dixon", qm.COL_FAMILY, BADGES_ROLE) == (qm.MATCH_BADGE,)
    assert cell("Baker", qm.COL_FAMILY, BADGES_ROLE) == ()
    assert "Repeat referral" in cell("Abbott", qm.COL_FAMILY, Qt.ItemDataRole.ToolTipRole)
    # Consent refused and not overridden is red and bold; overridden is said in words, not red.
    assert cell("Clarke", qm.COL_CONSENT) == "Refused"
    assert cell("Clarke", qm.COL_CONSENT, Qt.ItemDataRole.ForegroundRole).name() == current().error.ink
    assert cell("Clarke", qm.COL_CONSENT, Qt.ItemDataRole.FontRole).bold()
    assert "blocked" in cell("Clarke", qm.COL_CONSENT, Qt.ItemDataRole.ToolTipRole)
    assert cell("Dixon", qm.COL_CONSENT) == "Withdrawn – overridden"
    assert cell("Dixon", qm.COL_CONSENT, Qt.ItemDataRole.ForegroundRole) is None
    assert cell("Abbott", qm.COL_FAMILY, ID_ROLE) == rows[0].case_id
    assert model.headerData(qm.COL_WAITING, Qt.Orientation.Horizontal) == "Waiting"
    assert "bank holidays" in model.headerData(qm.COL_WAITING, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_days_dates_and_levels_sort_as_people_expect(proxy):
    def column_sorted(column: int, order=Qt.SortOrder.AscendingOrder) -> list[str]:
        proxy.sort(column, order)
        return names(proxy)

    # As text, "12 days" would sort before "2 days".
    assert column_sorted(qm.COL_WAITING, Qt.SortOrder.DescendingOrder) == [
        "Abbott",
        "Clarke",
        "Evans",
        "Baker",
        "Dixon",
    ]
    assert column_sorted(qm.COL_RECEIVED)[0] == "Abbott" and column_sorted(qm.COL_RECEIVED)[-1] == "Baker"
    # Levels by severity (High > Medium > Low > none), not alphabetically.
    assert column_sorted(qm.COL_RISK, Qt.SortOrder.DescendingOrder)[:3] == ["Baker", "Clarke", "Abbott"]
    assert column_sorted(qm.COL_NEED, Qt.SortOrder.DescendingOrder)[0] == "Clarke"
    # A blocking consent first when sorted descending, then an overridden one.
    assert column_sorted(qm.COL_CONSENT, Qt.SortOrder.DescendingOrder)[:2] == ["Clarke", "Dixon"]
    proxy.sort(qm.COL_WAITING, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, qm.COL_WAITING).data(SORT_ROLE) for r in range(proxy.rowCount())] == [1, 2, 5, 9, 12]
    # Waiting for a decision before waiting for a meeting.
    assert column_sorted(qm.COL_STATUS, Qt.SortOrder.DescendingOrder)[0] == "Evans"


def test_search_matches_family_name_profile_and_case_reference(proxy):
    proxy.set_search("bak")
    assert names(proxy) == ["Baker"]
    proxy.set_search("esat-clarke")
    assert names(proxy) == ["Clarke"]
    proxy.set_search("c-dix")
    assert names(proxy) == ["Dixon"]
    proxy.set_search("north")  # localities have their own filter
    assert names(proxy) == []


def test_each_filter_and_the_locality_counts(proxy):
    assert proxy.locality_counts() == {"North": 2, "Central": 1, "South": 2}
    proxy.set_locality("South")
    assert names(proxy) == ["Clarke", "Dixon"]
    assert proxy.locality_counts() == {"North": 2, "Central": 1, "South": 2}  # the locality's own filter is left out
    proxy.set_locality(None)

    proxy.set_waiting_more_than(5)
    assert sorted(names(proxy)) == ["Abbott", "Clarke"]
    assert proxy.locality_counts() == {"North": 1, "South": 1}
    proxy.set_waiting_more_than(0)

    proxy.set_required(REPEAT_ROLE, True)
    assert names(proxy) == ["Abbott"]
    proxy.set_required(REPEAT_ROLE, None)

    proxy.set_required(CONSENT_ROLE, ConsentStatus.REFUSED.value)
    assert names(proxy) == ["Clarke"]
    proxy.set_required(CONSENT_ROLE, None)

    proxy.set_need_area(NeedArea.EDUCATION)
    assert sorted(names(proxy)) == ["Baker", "Evans"]
    proxy.set_need_area(None)

    proxy.set_required(RISK_ROLE, Level.HIGH.value)
    assert names(proxy) == ["Baker"]
    proxy.set_required(RISK_ROLE, "")  # no risks recorded
    assert sorted(names(proxy)) == ["Dixon", "Evans"]
    proxy.set_required(RISK_ROLE, None)

    proxy.set_required(STATUS_ROLE, CaseStatus.AWAITING_MEETING.value)
    assert names(proxy) == ["Evans"]
    proxy.set_required(STATUS_ROLE, None)

    proxy.set_received_between(dt.date(2026, 11, 10), dt.date(2026, 11, 22))
    assert sorted(names(proxy)) == ["Clarke", "Dixon", "Evans"]
    proxy.set_received_between(None, dt.date(2026, 11, 9))
    assert names(proxy) == ["Abbott"]
    proxy.clear_filters()
    assert proxy.rowCount() == 5


def test_filter_changes_are_announced_once_each(proxy):
    heard = []
    proxy.filter_changed.connect(lambda: heard.append(True))
    proxy.set_locality("North")
    proxy.set_locality("North")  # no change
    proxy.set_search("a")
    proxy.set_required(REPEAT_ROLE, True)
    proxy.set_waiting_more_than(None)  # already off
    assert len(heard) == 3

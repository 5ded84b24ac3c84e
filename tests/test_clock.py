"""The one clock: England's day whatever the computer's zone, and pinned for every layer at once."""

import datetime as dt

import pytest

from tafdesk import clock
from tafdesk.models.utc import utcnow
from tafdesk.services.clock import ClockedService

# 23:30 UTC on a summer evening is already the next day in England (BST).
SUMMER_NIGHT = dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC)


def test_today_is_englands_day_not_utcs():
    with clock.pinned(SUMMER_NIGHT):
        assert clock.today() == dt.date(2026, 7, 2)
        assert clock.local_now().hour == 0 and clock.now() == SUMMER_NIGHT


def test_pinning_reaches_services_and_stored_timestamps_then_lets_go():
    with clock.pinned(SUMMER_NIGHT):
        assert ClockedService(None, None).now() == SUMMER_NIGHT  # type: ignore[arg-type]
        assert utcnow() == SUMMER_NIGHT
    assert abs(clock.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)


def test_a_service_given_its_own_moment_keeps_it():
    own = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    with clock.pinned(SUMMER_NIGHT):
        assert ClockedService(None, None, now=own).now() == own  # type: ignore[arg-type]


def test_a_moment_without_a_zone_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        with clock.pinned(dt.datetime(2026, 7, 1, 12, 0)):
            pass


def test_windows_read_the_same_clock(qtbot):
    from tafdesk.ui.meetings.actions_editor import ActionsEditor

    with clock.pinned(SUMMER_NIGHT):
        editor = ActionsEditor()
    qtbot.addWidget(editor)
    editor.add_button.click()
    assert editor.rows[0].due.date().toPython() == dt.date(2026, 7, 16)  # England's 2 July, plus a fortnight

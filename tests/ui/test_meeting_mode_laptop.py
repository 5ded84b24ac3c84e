"""Meeting mode on a 1366×768 laptop, where its panes scroll: whatever the
keyboard moves to is brought into view."""

from __future__ import annotations

from meeting_helpers import CHAIR, NOW, focused, make_page, open_mode, press
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from tafdesk.models import Agency, AttendanceStatus, Membership, Sector
from tafdesk.services.meetings import MeetingService

LAPTOP = QSize(1366, 768)
MORE = (
    "Adult Mental Health",
    "Domestic Abuse Service",
    "Fire and Rescue",
    "Employment Support",
    "Young Carers",
    "Harbour Family Trust",
    "Substance Misuse Service",
    "Children's Centres",
)


def _more_at_the_table(world) -> None:
    """Fifteen agencies round the table, as at a busy locality's meeting."""
    with world.db.session() as s:
        agencies = [Agency(name=name, membership=Membership.ASSOCIATE, sector=Sector.VOLUNTARY) for name in MORE]
        s.add_all(agencies)
        s.flush()
        ids = [agency.id for agency in agencies]
    meetings = MeetingService(world.db, CHAIR, now=NOW)
    for agency_id in ids:
        meetings.record_attendance(world.meeting_id, agency_id, AttendanceStatus.PRESENT)


def _on_a_laptop(qtbot, world, undo_stack):
    mode = open_mode(qtbot, make_page(qtbot, world.db, CHAIR, undo_stack))
    mode.showNormal()
    mode.resize(LAPTOP)
    qtbot.waitUntil(lambda: mode.size() == LAPTOP, timeout=5_000)
    return mode


def _whole(widget: QWidget) -> bool:
    return widget.visibleRegion().boundingRect().size() == widget.size()


def _current_in_view(view: QAbstractItemView) -> bool:
    index = view.currentIndex()
    return index.isValid() and view.viewport().rect().contains(view.visualRect(index))


def test_alt_a_puts_the_cursor_in_the_new_action_in_view(qtbot, world, undo_stack):
    mode = _on_a_laptop(qtbot, world, undo_stack)
    actions = mode.ui.decision.actions_editor
    for count in range(1, 6):  # more than the decision pane has room for
        press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
        assert len(actions.rows) == count and focused() is actions.rows[-1].description
        assert _whole(actions.rows[-1]), f"action {count} is out of view"


def test_the_chosen_agency_is_in_view_from_family_to_family(qtbot, world, undo_stack):
    _more_at_the_table(world)
    mode = _on_a_laptop(qtbot, world, undo_stack)
    view = mode.ui.round.view
    assert view.verticalScrollBar().maximum() > 0  # the round scrolls on this screen
    mode.focus_pane("round")
    press(qtbot, Qt.Key.Key_End)  # the last agency round the table
    assert view.currentIndex().row() == view.model().rowCount() - 1 and _current_in_view(view)
    first = mode.current
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # the next family
    qtbot.waitUntil(lambda: mode.current != first and mode.populated(), timeout=10_000)
    qtbot.wait(10)  # the round is fitted to its rows once the burst of changes is over
    assert _current_in_view(view), "the chosen agency is scrolled out of view"

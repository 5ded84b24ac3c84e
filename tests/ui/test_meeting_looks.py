"""Meeting mode records the chair's look at each family's summary: once the
window is shown (not while it is made ready unseen), once a family however
often the chair comes back to it, and a summary whose look the audit trail
cannot take is not shown."""

from __future__ import annotations

from meeting_helpers import CHAIR, make_page, open_mode, press
from PySide6.QtCore import Qt
from sqlalchemy import select

from tafdesk.models import AuditEvent
from tests.audit.test_views import _refuse_new_audit_events


def _looks(db) -> list:
    with db.reader() as s:
        return list(
            s.scalars(
                select(AuditEvent.entity_id)
                .where(AuditEvent.actor_name == CHAIR.name, AuditEvent.action.like("case.summary_viewed%"))
                .order_by(AuditEvent.occurred_at)
            )
        )


def test_each_family_shown_is_one_look(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    qtbot.waitUntil(lambda: page._prepared is not None and page._prepared.current is not None, timeout=15_000)
    assert _looks(world.db) == []  # made ready while the chair looks at the agenda: not yet seen
    mode = open_mode(qtbot, page)
    first = mode.current_row().case_id
    assert _looks(world.db) == [first]
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    second = mode.current_row().case_id
    for _ in range(2):  # back and forth, as the discussion goes
        press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
        press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # the whole profile: the same look
    assert _looks(world.db) == [first, second]


def test_a_summary_whose_look_cannot_be_recorded_is_not_shown(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    _refuse_new_audit_events(world.db)
    mode = open_mode(qtbot, page)
    text = mode.ui.family.toPlainText()
    assert (
        "The family's summary is not shown: tafdesk could not record in the audit trail that you looked at it." in text
    )
    assert "Who knows them" not in text and "Police" not in text
    press(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert mode.ui.notice.text().startswith("The family's summary is not shown")

"""Helpers the interface tests share (imported by name: tests/ui is on the
path while its tests run)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from sqlalchemy import select

from tafdesk.models import AuditEvent


def open_page(qtbot, service, undo_stack, *, can_edit: bool = True, changes=None):
    """A Directory page, shown, with its first read finished (following `changes`, if given)."""
    from PySide6.QtWidgets import QApplication

    from tafdesk.ui.directory.page import DirectoryPage
    from tafdesk.ui.theme import apply_theme

    apply_theme(QApplication.instance())  # fonts and sizes as people see them
    page = DirectoryPage(service, undo_stack, can_edit=can_edit, changes=changes)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def click_row(qtbot, panel, record_id) -> None:
    index = panel.proxy.mapFromSource(panel.model.index(panel.model.row_of(record_id), 0))
    assert index.isValid(), "the row is not showing"
    panel.table.scrollTo(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=panel.table.visualRect(index).center())


def retype(qtbot, widget, text: str) -> None:
    """Replace what an editor (or a spin box's text) holds, key by key."""
    edit = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def audit(db, action: str) -> list[tuple]:
    """(entity id, changes, actor name) of each audit event with this action."""
    with db.reader() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.occurred_at))
        return [(e.entity_id, json.loads(e.changes or "{}"), e.actor_name) for e in events]


def cell(panel, record_id, column) -> str | None:
    row = panel.model.row_of(record_id)
    return panel.model.index(row, column).data() if row >= 0 else None

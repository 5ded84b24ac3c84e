"""The Settings area: the months within which a closed case may be reopened
(shared by everyone, services/shared_settings.py), changed by an
administrator with the service's refusal said at the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from tafdesk.models import AuditEvent, Role
from tafdesk.services.actor import Actor
from tafdesk.services.shared_settings import DEFAULT_REOPEN_MONTHS, SharedSettings
from tafdesk.ui.areas import build_areas
from tafdesk.ui.settings_page import SettingsPage

ADMIN = Actor(user_id=None, name="Jo Admin", role=Role.ADMIN)
MANAGER = Actor(user_id=None, name="Nadia Hughes", role=Role.LOCALITY_MANAGER)


def _page(qtbot, db, actor: Actor) -> SettingsPage:
    page = SettingsPage(SharedSettings(db, actor), may_change=actor.role is Role.ADMIN)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_only_administrators_have_the_settings_area(db):
    assert "settings" in [a.key for a in build_areas(db, ADMIN)]
    for role in (Role.LOCALITY_MANAGER, Role.LEAD_PROFESSIONAL, Role.BUSINESS_SUPPORT):
        assert "settings" not in [a.key for a in build_areas(db, Actor(None, "Someone", role))]


def test_an_administrator_changes_the_reopening_period(qtbot, db, tmp_path):
    page = _page(qtbot, db, ADMIN)
    part = page.closure
    assert part.months.value() == DEFAULT_REOPEN_MONTHS and part.months.suffix() == " months"
    part.months.setValue(30)
    qtbot.mouseClick(part.save_button, Qt.MouseButton.LeftButton)  # more than the service allows: said at the field
    assert "0 to 24 months" in part.marks.text("reopen_months") and page.banner.isHidden()
    assert SharedSettings(db, ADMIN).reopen_months() == DEFAULT_REOPEN_MONTHS
    page.grab().save(str(tmp_path / "settings_refused.png"))
    part.months.setFocus()
    qtbot.keyClick(part.months, Qt.Key.Key_Down)
    assert part.marks.text("reopen_months") == ""  # gone as soon as the value is edited
    part.months.setValue(6)
    qtbot.mouseClick(part.save_button, Qt.MouseButton.LeftButton)
    assert SharedSettings(db, ADMIN).reopen_months() == 6
    assert page.banner.text() == "Saved: a closed case may be reopened for 6 months after it closed."
    with db.reader() as s:
        assert s.scalar(select(AuditEvent.action).where(AuditEvent.action == "setting.changed")) is not None


def test_others_read_it_and_cannot_change_it(qtbot, db):
    SharedSettings(db, ADMIN).set_reopen_months(1)
    page = _page(qtbot, db, MANAGER)
    part = page.closure
    assert part.months.value() == 1 and part.months.suffix() == " month"
    assert part.months.isReadOnly() and not part.save_button.isVisible()

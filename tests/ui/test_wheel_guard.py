"""Scrolling a form with the mouse wheel never changes a drop-down, a number
or a date the user has not focused; the one they have focused still answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QScrollArea

from tafdesk.ui.directory.agency_form import AgencyForm
from tafdesk.ui.directory.professional_form import ProfessionalForm
from tafdesk.ui.intake.profile_form import ProfileForm
from tafdesk.ui.meetings.decision_panel import DecisionPanel
from tafdesk.ui.wheel_guard import guard_wheel


def _forms():
    profile = ProfileForm(["North", "South"], ["Police", "Housing"])
    profile.show_new()
    agency = AgencyForm(can_edit=True)
    agency.show_new()
    professional = ProfessionalForm(can_edit=True)
    professional.set_choices([], [])
    professional.show_new()
    return {"profile": profile, "agency": agency, "professional": professional, "decision": DecisionPanel()}


def _value(field) -> object:
    return field.currentIndex() if isinstance(field, QComboBox) else field.text()


def _wheel(field, notches: int = -3) -> None:
    centre = QPointF(field.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(field.mapToGlobal(field.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(field, event)


def _fields(form):
    found = [
        f
        for f in form.findChildren(QComboBox) + form.findChildren(QAbstractSpinBox)
        if f.isVisible() and f.isEnabled() and not getattr(f, "isReadOnly", lambda: False)()
    ]
    return [f for f in found if not isinstance(f.parentWidget(), QComboBox)]  # a combo's own line edit


@pytest.mark.parametrize("name", ["profile", "agency", "professional", "decision"])
def test_scrolling_over_a_form_changes_no_value(qtbot, qapp, name):
    guard_wheel(qapp)
    form = _forms()[name]
    scroller = QScrollArea()
    scroller.setWidget(form)
    scroller.setWidgetResizable(True)
    qtbot.addWidget(scroller)
    scroller.resize(700, 400)
    scroller.show()
    qtbot.waitExposed(scroller)
    scroller.setFocus()
    fields = _fields(form)
    assert fields, f"the {name} form has no drop-down, number or date"
    assert all(f.focusPolicy() != Qt.FocusPolicy.WheelFocus for f in fields)
    before = [_value(f) for f in fields]

    for field in fields:
        _wheel(field)
        _wheel(field, notches=3)
        _wheel(field)

    assert [_value(f) for f in fields] == before


def test_the_focused_field_still_answers_the_wheel(qtbot, qapp):
    guard_wheel(qapp)
    form = _forms()["agency"]
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    field = next(f for f in _fields(form) if isinstance(f, QComboBox) and f.count() > 1)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    before = field.currentIndex()
    _wheel(field, notches=1 if before > 0 else -1)  # towards an item there is
    assert field.currentIndex() != before


def test_the_application_guards_the_wheel_once_its_window_has_painted(qapp, db, monkeypatch):
    from tafdesk.models import Role, User
    from tafdesk.ui.app import run_gui
    from tafdesk.ui.wheel_guard import WheelGuard
    from tests.conftest import PASSWORD, allow_sign_in, db_argument

    with db.session() as s:
        s.add(User(username="manager.north", display_name="Nadia Hughes", role=Role.LOCALITY_MANAGER))
    allow_sign_in(db, "manager.north")
    for guard in qapp.findChildren(WheelGuard):  # guards an earlier test installed
        qapp.removeEventFilter(guard)
        guard.setParent(None)
    qapp.setProperty("wheel_guarded", False)
    monkeypatch.setenv("TAFDESK_QUIT_AFTER_STARTUP", "1")

    assert run_gui(db_argument(db), "manager.north", PASSWORD) == 0
    assert len(qapp.findChildren(WheelGuard)) == 1

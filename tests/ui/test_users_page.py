"""The administration page: the users commands as a list and forms, for
administrators only."""

from __future__ import annotations

import pytest

from tafdesk.models import Role
from tafdesk.services.actor import SYSTEM
from tafdesk.services.user_admin import NewUser, UserAdminService
from tafdesk.services.users import UserService
from tafdesk.ui.areas import build_areas
from tafdesk.ui.users.page import UsersPage

ADMIN_PASSWORD = "the admin's password"


@pytest.fixture
def page(qtbot, db, sample):
    UserAdminService(db, SYSTEM).add(NewUser("jo.admin", Role.ADMIN, "Jo Admin"), ADMIN_PASSWORD)
    admin = UserService(db).sign_in("jo.admin", ADMIN_PASSWORD)
    made = UsersPage(UserAdminService(db, admin), needs_password=True)
    qtbot.addWidget(made)
    made.resize(1100, 600)
    made.show()
    return made


def _rows(page: UsersPage) -> list[tuple[str, ...]]:
    model = page.table.model()
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def test_only_administrators_see_the_users_area(db, users, sample):
    from tafdesk.services.actor import Actor

    as_manager = Actor(user_id=users["manager"].id, name="Nadia Hughes", role=Role.LOCALITY_MANAGER)
    as_admin = Actor(user_id=users["manager"].id, name="Jo Admin", role=Role.ADMIN)
    assert "users" not in [a.key for a in build_areas(db, as_manager)]
    assert [a.key for a in build_areas(db, as_admin)][-3:] == ["users", "audit", "settings"]


def test_adding_a_user_through_the_form(qtbot, page):
    assert _rows(page) == [("jo.admin", "Jo Admin", "Administrator", "", "", "Active")]
    dialog = page.add_user()
    qtbot.keyClicks(dialog.username, "Manager.North")
    qtbot.keyClicks(dialog.display_name, "Nadia Hughes")
    dialog.role.role.setCurrentIndex(list(Role).index(Role.LOCALITY_MANAGER))
    [north] = [box for box in dialog.role.boxes if box.text() == "North"]
    north.setChecked(True)
    qtbot.keyClicks(dialog.passwords.first.edit, "short")
    qtbot.keyClicks(dialog.passwords.again.edit, "short")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "at least 10 characters" in dialog.error_text("password")  # at the field
    assert dialog.username.text() == "Manager.North" and north.isChecked()  # nothing typed is lost
    assert dialog.focusWidget() is dialog.passwords.first.edit and dialog.banner.isHidden()
    for edit in (dialog.passwords.first.edit, dialog.passwords.again.edit):
        edit.setText("nadia's own password")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert ("manager.north", "Nadia Hughes", "Locality manager", "North", "", "Active") in _rows(page)
    assert page.selected().username == "manager.north" and page.banner.text() == "manager.north added."


def test_disable_enable_new_password_and_role(qtbot, db, page):
    page.service.add(NewUser("support1", Role.BUSINESS_SUPPORT, "Sam Clerk", ("North",)), "sam's first password")
    page.refresh(select="support1")
    page.enable_button.click()
    assert page.selected().active is False and page.enable_button.text() == "&Enable"
    page.enable_button.click()
    assert page.selected().active is True

    dialog = page.new_password()
    dialog.passwords.first.edit.setText("sam's second password")
    dialog.passwords.again.edit.setText("sam's second passwrod")
    dialog.buttons.accepted.emit()
    assert dialog.error_text("password") == "The two passwords differ."
    dialog.passwords.again.edit.setText("sam's second password")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    if db.is_sqlite:
        assert UserService(db).sign_in("support1", "sam's second password").username == "support1"

    roles = page.change_role()
    roles.role.role.setCurrentIndex(list(Role).index(Role.LOCALITY_MANAGER))
    for box in roles.role.boxes:
        box.setChecked(True)
    roles.buttons.accepted.emit()
    assert page.selected().role is Role.LOCALITY_MANAGER and page.selected().localities == ("North", "South")


def test_the_page_says_why_not(page):
    page.refresh(select="jo.admin")
    page.enable_button.click()  # disabling oneself
    assert page.banner.text().startswith("jo.admin was not disabled.") and page.banner.property("error") is True
    assert "cannot have your own account disabled" in page.banner.text()

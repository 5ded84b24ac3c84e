"""Signing in, on both backends."""

from __future__ import annotations

import pytest

from tafdesk.db import Database
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import Role
from tafdesk.services.errors import NotFound
from tafdesk.services.users import UserService


@pytest.fixture
def users(any_url):
    upgrade_schema(any_url)
    database = Database(any_url)
    yield UserService(database)
    database.dispose()


def test_first_user_of_a_new_database_becomes_its_administrator(users):
    users.ensure_first_admin("jo.bloggs")
    users.ensure_first_admin("someone.else")  # only while there is nobody
    assert [(u.username, u.role) for u in users.active_users()] == [("jo.bloggs", Role.ADMIN)]
    actor = users.sign_in("  JO.Bloggs ")
    assert (actor.name, actor.role, actor.professional_id) == ("jo.bloggs", Role.ADMIN, None)
    assert actor.user_id == users.active_users()[0].id


def test_unknown_or_inactive_user_cannot_sign_in(users):
    users.ensure_first_admin("jo.bloggs")
    with pytest.raises(NotFound, match="no active user called “nobody”"):
        users.sign_in("nobody")

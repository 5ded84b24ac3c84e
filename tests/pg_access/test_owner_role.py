"""The README's setup: a separate owner role with CREATEROLE owns the database
and its tables and runs `tafdesk db upgrade`; a role that cannot create roles
is refused with a plain sentence before anything changes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from tafdesk.db import Database
from tafdesk.db.errors import CannotCreateRoles
from tafdesk.db.schema import State, inspect_database, upgrade_schema
from tests.conftest import PG_ADMIN_URL, _pg_admin_engine

GROUPS = {"tafdesk_admin", "tafdesk_locality_manager", "tafdesk_business_support", "tafdesk_lead_professional"}


def _owned_database(attributes: str) -> Iterator[URL]:
    """A new database owned by a new login role with these attributes, both dropped afterwards."""
    admin = _pg_admin_engine()
    name = f"tafdesk_owner_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {name} LOGIN {attributes}"))
        conn.execute(text(f"CREATE DATABASE {name} OWNER {name}"))
    try:
        yield make_url(PG_ADMIN_URL).set(username=name, database=name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            conn.execute(text(f"DROP ROLE IF EXISTS {name}"))
        admin.dispose()


@pytest.fixture
def owner_url() -> Iterator[URL]:
    yield from _owned_database("CREATEROLE")


@pytest.fixture
def plain_url() -> Iterator[URL]:
    yield from _owned_database("NOCREATEROLE")


def test_the_owner_role_upgrades_and_owns_everything(owner_url):
    upgrade_schema(owner_url)
    db = Database(owner_url)
    try:
        with db.connection() as conn:
            owners = set(
                conn.execute(
                    text("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = current_schema()")
                ).scalars()
            )
            groups = set(
                conn.execute(
                    text("SELECT rolname FROM pg_roles WHERE rolname LIKE 'tafdesk\\_%' AND NOT rolcanlogin")
                ).scalars()
            )
            helpers = set(
                conn.execute(
                    text("SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc WHERE proname LIKE 'tafdesk\\_my\\_%'")
                ).scalars()
            )
    finally:
        db.dispose()
    assert owners == helpers == {owner_url.username}
    assert groups >= GROUPS


def test_a_role_that_cannot_create_roles_is_refused_before_anything_changes(plain_url):
    with pytest.raises(CannotCreateRoles, match=f"The role {plain_url.username} cannot create roles.*tafdesk_owner"):
        upgrade_schema(plain_url)
    assert inspect_database(plain_url).state is State.EMPTY

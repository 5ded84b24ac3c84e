"""Signing in to PostgreSQL as one's own login role: on a cluster of the
tests' own that checks passwords (SCRAM), and on the machine's server, which
trusts local connections but still says who is connected."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import create_engine, text

from tafdesk.db import Database
from tafdesk.db.login import MISMATCH, Login
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import Locality, Role
from tafdesk.services.actor import SYSTEM
from tafdesk.services.errors import PermissionDenied, SignInRefused
from tafdesk.services.user_admin import NewUser, UserAdminService
from tafdesk.services.users import UserService, open_signed_in
from tests.conftest import PASSWORD, allow_sign_in, let_groups_use_the_tables

ADMIN_PASSWORD = "first admin's password"


@pytest.fixture
def council(scram_cluster):
    """A tafdesk database on the password-checking cluster with its first
    administrator (made by the owner) and a locality manager."""
    name = scram_cluster.new_database()
    owner_url = scram_cluster.owner_url(name)
    upgrade_schema(owner_url)
    let_groups_use_the_tables(owner_url)
    owner = Database(owner_url)
    with owner.session() as s:
        s.add(Locality(name="North", code="N"))
    UserAdminService(owner, SYSTEM).add(NewUser("jo.admin", Role.ADMIN), ADMIN_PASSWORD)
    owner.dispose()
    return scram_cluster, name


def test_a_person_signs_in_as_their_own_role_and_a_wrong_password_is_refused(council):
    cluster, name = council
    url = cluster.url(name)  # nobody's: the person's credentials come at sign-in
    database, actor = open_signed_in(url, "Jo.Admin", ADMIN_PASSWORD)
    try:
        assert (actor.username, actor.role) == ("jo.admin", Role.ADMIN)
        with database.connection() as conn:
            assert conn.execute(text("SELECT current_user")).scalar() == "jo.admin"
        assert "first admin" not in repr(database.engine.url)  # the password is not shown even in a repr
        UserService(database).confirm(actor, ADMIN_PASSWORD)  # unlocking the window
        with pytest.raises(SignInRefused, match=MISMATCH):
            UserService(database).confirm(actor, "not it at all")
    finally:
        database.dispose()
    for username, password in (("jo.admin", "not the password"), ("nobody.here", ADMIN_PASSWORD)):
        with pytest.raises(SignInRefused) as refused:
            open_signed_in(url, username, password)
        assert str(refused.value) == MISMATCH  # the same words whether the user exists or not


def test_a_login_role_that_is_not_a_tafdesk_user_is_refused(council):
    cluster, name = council
    admin = create_engine(cluster.owner_url(name), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP ROLE IF EXISTS dba_person"))
        conn.execute(text("CREATE ROLE dba_person LOGIN PASSWORD 'the dba password' IN ROLE tafdesk_admin"))
    admin.dispose()
    with pytest.raises(SignInRefused, match="“dba_person” is not an active tafdesk user of this database"):
        open_signed_in(cluster.url(name), "dba_person", "the dba password")


def test_the_users_commands_change_the_login_role(council):
    cluster, name = council
    database, admin = open_signed_in(cluster.url(name), "jo.admin", ADMIN_PASSWORD)
    try:
        users = UserAdminService(database, admin)
        users.add(NewUser("sam.clerk", Role.BUSINESS_SUPPORT, "Sam Clerk", ("north",)), "sam's first password")
        with pytest.raises(PermissionDenied, match="owns tafdesk's tables"):
            users.add(NewUser(cluster.owner_url().username, Role.ADMIN), "any password at all")
        role_of = _memberships(cluster, "sam.clerk")
        assert role_of == {"tafdesk_business_support"}
        open_signed_in(cluster.url(name), "sam.clerk", "sam's first password")[0].dispose()

        users.set_password("sam.clerk", "sam's second password")
        with pytest.raises(SignInRefused, match=MISMATCH):
            open_signed_in(cluster.url(name), "sam.clerk", "sam's first password")
        open_signed_in(cluster.url(name), "sam.clerk", "sam's second password")[0].dispose()

        users.set_active("sam.clerk", False)
        with pytest.raises(SignInRefused, match="disabled"):
            open_signed_in(cluster.url(name), "sam.clerk", "sam's second password")
        users.set_active("sam.clerk", True)
        users.change_role("sam.clerk", Role.ADMIN)
        assert _memberships(cluster, "sam.clerk") == {"tafdesk_admin"}
    finally:
        database.dispose()


def test_the_first_administrator_is_made_by_the_owner_only(council):
    cluster, _name = council
    fresh = cluster.new_database()
    upgrade_schema(cluster.owner_url(fresh))
    let_groups_use_the_tables(cluster.owner_url(fresh))
    as_admin = Database(cluster.url(fresh, "jo.admin", ADMIN_PASSWORD))  # a login role, but not the owner
    try:
        with pytest.raises(PermissionDenied, match="Only the database's owner role"):
            UserAdminService(as_admin, SYSTEM).add(NewUser("mallory", Role.ADMIN), "a password of mine")
    finally:
        as_admin.dispose()


def _memberships(cluster, username: str) -> set[str]:
    with psycopg.connect(
        host="127.0.0.1", port=cluster.port, user="cluster_super", password="super secret for tests", dbname="postgres"
    ) as conn:
        rows = conn.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s",
            (username,),
        ).fetchall()
    return {row[0] for row in rows}


# -- the machine's own server (trust): who is connected ---------------------------------------


def test_signing_in_on_the_server_connects_as_the_persons_role(pg_schema_url):
    database = Database(pg_schema_url)
    try:
        from tafdesk.models import User

        with database.session() as s:
            s.add(User(username="lead.north1", display_name="Amira Khan", role=Role.LEAD_PROFESSIONAL))
        allow_sign_in(database, "lead.north1")
        actor = UserService(database).sign_in("Lead.North1", PASSWORD)
        with database.connection() as conn:
            who, named = conn.execute(text("SELECT current_user, current_setting('application_name')")).one()
        assert (who, named, actor.username) == ("lead.north1", "tafdesk lead.north1", "lead.north1")
        database.forget_login()
        with database.connection() as conn:
            assert conn.execute(text("SELECT current_user")).scalar() == pg_schema_url.username
    finally:
        database.dispose()


def test_connect_as_keeps_the_connection_when_refused(pg_schema_url):
    database = Database(pg_schema_url)
    try:
        with pytest.raises(SignInRefused, match=MISMATCH):
            database.connect_as(Login("no_such_role_anywhere", "x"))
        with database.connection() as conn:
            assert conn.execute(text("SELECT current_user")).scalar() == pg_schema_url.username
    finally:
        database.dispose()


def test_an_administrator_whose_role_may_not_create_roles_is_told_so(council):
    cluster, name = council
    owner = create_engine(cluster.owner_url(name), isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        conn.execute(text('ALTER ROLE "jo.admin" NOCREATEROLE'))
    owner.dispose()
    database, admin = open_signed_in(cluster.url(name), "jo.admin", ADMIN_PASSWORD)
    try:
        with pytest.raises(
            PermissionDenied,
            match="“jo.admin” may not create or change login roles \\(it lacks CREATEROLE\\), so no user was changed",
        ):
            UserAdminService(database, admin).add(NewUser("sam.clerk", Role.ADMIN), "sam's first password")
        assert [u.username for u in UserAdminService(database, admin).users()] == ["jo.admin"]
    finally:
        database.dispose()


def test_the_demo_makes_every_users_login_role_with_the_password_demo(scram_cluster):
    import datetime as dt

    from tafdesk.demo import generate

    name = scram_cluster.new_database()
    upgrade_schema(scram_cluster.owner_url(name))
    let_groups_use_the_tables(scram_cluster.owner_url(name))
    owner = Database(scram_cluster.owner_url(name))
    try:
        generate(owner, families=12, seed=2, today=dt.date(2026, 12, 1))
    finally:
        owner.dispose()
    database, actor = open_signed_in(scram_cluster.url(name), "manager.north", "demo")
    database.dispose()
    assert actor.role is Role.LOCALITY_MANAGER and len(actor.localities) == 1
    with pytest.raises(SignInRefused, match=MISMATCH):
        open_signed_in(scram_cluster.url(name), "support1", "not demo")

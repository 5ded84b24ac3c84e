"""Managing users through the service, on both backends: who may, what is
checked, and the audit trail."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sqlalchemy import select

from tafdesk.models import Agency, AuditEvent, Locality, Membership, Professional, Role, Sector, User
from tafdesk.services.actor import SYSTEM
from tafdesk.services.errors import PermissionDenied, ValidationError
from tafdesk.services.user_admin import NewUser, UserAdminService
from tafdesk.services.users import UserService

FIRST = "first admin password"


@pytest.fixture
def place(db):
    with db.session() as s:
        north, south = Locality(name="North", code="N"), Locality(name="South", code="S")
        s.add_all([north, south])
        s.flush()
        agency = Agency(
            name="Family Support", membership=Membership.CORE, sector=Sector.LOCAL_AUTHORITY, capacity_per_fte=20.0
        )
        s.add(agency)
        s.flush()
        s.add(
            Professional(
                agency_id=agency.id,
                locality_id=north.id,
                given_name="Amira",
                family_name="Khan",
                job_title="Family Support Worker",
                email="Amira.Khan@ambervale.example",
            )
        )
    return north, south


@pytest.fixture
def admin(db, place):
    """The first administrator, made as a new database's owner makes it, then signed in."""
    UserAdminService(db, SYSTEM).add(NewUser("jo.admin", Role.ADMIN, "Jo Admin"), FIRST)
    return UserAdminService(db, UserService(db).sign_in("jo.admin", FIRST))


def test_the_first_administrator_only_while_there_are_no_users(db, admin):
    with pytest.raises(PermissionDenied, match="has users already"):
        UserAdminService(db, SYSTEM).add(NewUser("someone", Role.ADMIN), "another password")
    [only] = admin.users()
    assert (only.username, only.role, only.active) == ("jo.admin", Role.ADMIN, True)


def test_a_new_databases_first_user_must_be_an_administrator(db, place):
    with pytest.raises(ValidationError, match="first user must be an administrator"):
        UserAdminService(db, SYSTEM).add(NewUser("lee", Role.BUSINESS_SUPPORT, localities=("North",)), FIRST)


def test_adding_users_with_their_localities_and_directory_entry(db, admin):
    made = admin.add(NewUser("Manager.North", Role.LOCALITY_MANAGER, "Nadia Hughes", ("north", "S")), "a good password")
    assert (made.username, made.localities) == ("manager.north", ("North", "South"))
    lead = admin.add(
        NewUser("lead.north1", Role.LEAD_PROFESSIONAL, professional="amira.khan@ambervale.example"), "another good one"
    )
    assert (lead.display_name, lead.professional) == ("Amira Khan", "Amira.Khan@ambervale.example")
    with db.reader() as s:  # read as the administrator: signing in below connects as the new user on PostgreSQL
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "user.created", AuditEvent.entity_id == made.id)
        ).one()
    changes = json.loads(event.changes)
    assert changes["role"] == [None, "locality_manager"] and changes["localities"] == [None, ["North", "South"]]
    assert event.actor_name == "Jo Admin"
    assert "a good password" not in event.changes
    actor = UserService(db).sign_in("manager.north", "a good password")
    assert len(actor.localities) == 2 and actor.role is Role.LOCALITY_MANAGER


@pytest.mark.parametrize(
    ("new", "password", "says"),
    [
        (NewUser("jo.admin", Role.ADMIN), "a good password", "already a user called “jo.admin”"),
        (NewUser("bad name", Role.ADMIN), "a good password", "cannot be a username"),
        (NewUser("pg_sneaky", Role.ADMIN), "a good password", "cannot be a username"),
        (NewUser("lee", Role.BUSINESS_SUPPORT), "a good password", "Say which localities"),
        (
            NewUser("lee", Role.BUSINESS_SUPPORT, localities=("East",)),
            "a good password",
            "no locality called “East” (there are: North, South)",
        ),
        (NewUser("lee", Role.ADMIN, localities=("North",)), "a good password", "Only locality managers and business"),
        (NewUser("lee", Role.LEAD_PROFESSIONAL), "a good password", "needs their directory entry"),
        (
            NewUser("lee", Role.LEAD_PROFESSIONAL, professional="who@x.example"),
            "a good password",
            "No professional in the directory has the email “who@x.example”",
        ),
        (NewUser("lee", Role.ADMIN), "short", "at least 10 characters"),
    ],
)
def test_what_is_refused_is_said_plainly(admin, new, password, says):
    with pytest.raises(ValidationError, match=re.escape(says)):
        admin.add(new, password)
    assert [u.username for u in admin.users()] == ["jo.admin"]


def test_only_an_administrator_manages_users(db, admin):
    admin.add(NewUser("support1", Role.BUSINESS_SUPPORT, localities=("North",)), "support's password")
    support = UserAdminService(db, UserService(db).sign_in("support1", "support's password"))
    for attempt in (
        support.users,
        lambda: support.set_active("jo.admin", False),
        lambda: support.add(NewUser("x", Role.ADMIN), "a good password"),
    ):
        with pytest.raises(PermissionDenied, match="may not manage users"):
            attempt()


def test_disable_enable_password_and_role_are_audited(db, admin):
    admin.add(NewUser("support1", Role.BUSINESS_SUPPORT, localities=("North",)), "support's password")
    assert admin.set_active("support1", False).active is False
    assert admin.set_active("Support1", True).active is True
    admin.set_password("support1", "a new password")
    changed = admin.change_role("support1", Role.LOCALITY_MANAGER, ("South", "North"))
    assert (changed.role, changed.localities) == (Role.LOCALITY_MANAGER, ("North", "South"))
    again = admin.change_role("support1", Role.LOCALITY_MANAGER, ("North",))  # a locality kept, one dropped
    assert again.localities == ("North",)
    with db.reader() as s:  # read as the administrator, before signing in as support1
        actions = list(
            s.scalars(
                select(AuditEvent.action).where(AuditEvent.entity_id == changed.id).order_by(AuditEvent.occurred_at)
            )
        )
    assert actions == [
        "user.created",
        "user.disabled",
        "user.enabled",
        "user.password_changed",
        "user.role_changed",
        "user.role_changed",
    ]
    assert UserService(db).sign_in("support1", "a new password").role is Role.LOCALITY_MANAGER


def test_the_last_administrator_stays(db, admin):
    with pytest.raises(PermissionDenied, match="your own account"):
        admin.set_active("jo.admin", False)
    with pytest.raises(PermissionDenied, match="your own account"):
        admin.change_role("jo.admin", Role.BUSINESS_SUPPORT, ("North",))


@pytest.fixture
def sqlite_admin(sqlite_url):
    from tafdesk.db import Database
    from tafdesk.db.schema import upgrade_schema

    upgrade_schema(sqlite_url)
    database = Database(sqlite_url)
    UserAdminService(database, SYSTEM).add(NewUser("jo.admin", Role.ADMIN), FIRST)
    yield database, UserAdminService(database, UserService(database).sign_in("jo.admin", FIRST))
    database.dispose()


def test_on_sqlite_a_password_reset_ends_a_lock_out(sqlite_admin):
    from tafdesk.services.errors import SignInRefused

    database, admin = sqlite_admin
    admin.add(NewUser("lee.admin", Role.ADMIN), "lee's password")
    now = dt.datetime.now(dt.UTC)
    for _ in range(5):
        with pytest.raises(SignInRefused):
            UserService(database, now=now).sign_in("lee.admin", "guessing wrong")
    [lee] = [u for u in admin.users() if u.username == "lee.admin"]
    assert lee.locked_until is not None
    admin.set_password("lee.admin", "lee's new password")
    assert UserService(database).sign_in("lee.admin", "lee's new password").username == "lee.admin"
    with database.reader() as s:
        assert s.scalars(select(User.password_hash).where(User.username == "lee.admin")).one().startswith("$argon2id$")

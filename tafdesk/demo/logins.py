"""The demo users' login roles on a PostgreSQL server, each with the
password `demo`. Roles are shared by every database on the server: one that
already exists (the same name on another demo database) keeps its password."""

from __future__ import annotations

from sqlalchemy import select

from tafdesk.db import Database, server_logins
from tafdesk.services.passwords import DEMO_PASSWORD


def require_role_management(db: Database) -> None:
    with db.connection() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None  # an open connection has its driver's
        server_logins.require_role_management(driver)


def make_logins(db: Database, taken: set[str]) -> None:
    """A login role for each user the demo made (not those there before it)."""
    from tafdesk.models import User

    with db.session() as s:
        conn = server_logins.raw(s)
        for username, role in s.execute(select(User.username, User.role)).all():
            if username.lower() not in taken:
                server_logins.create_login(conn, username.lower(), role, DEMO_PASSWORD)

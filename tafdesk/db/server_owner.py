"""The role a server database's schema is upgraded as: the owner of its
tables, which may create roles (tafdesk_owner in the README's setup). The
migrations set up the group roles and the row-level security that decide what
each person may see, and `tafdesk users add` creates login roles, so a role
that cannot create roles is refused before anything changes."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import URL

from tafdesk.db.database import make_engine
from tafdesk.db.errors import CannotCreateRoles, NotTheOwner

# The connection is not held back by row-level security: the tables' owner
# (or a member of it), a superuser, or a role that bypasses it.
SEES_EVERY_ROW = text(
    "SELECT r.rolname, r.rolsuper OR r.rolbypassrls OR pg_has_role(current_user, c.relowner, 'MEMBER') "
    "FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'family'::regclass"
)
CAN_CREATE_ROLES = text("SELECT current_user, rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")


def require_role_maker(url: URL) -> None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            name, can = conn.execute(CAN_CREATE_ROLES).one()
    finally:
        engine.dispose()
    if not can:
        raise CannotCreateRoles(
            f"The role {name} cannot create roles, so it cannot set up the group roles and access rules tafdesk "
            "needs: run `tafdesk db upgrade` as the database's owner role (tafdesk_owner, made with CREATEROLE as "
            "the README shows)."
        )


def require_owner_connection(conn, what: str) -> None:  # noqa: ANN001 (Connection)
    """Work that reads every family's records (retention, subject access)
    runs as the owner role: no person's role may read them all, by design.
    A connection that row-level security narrows would see part and say it
    was all, so it is refused."""
    name, sees_all = conn.execute(SEES_EVERY_ROW).one()
    if not sees_all:
        raise NotTheOwner(
            f"{what} reads every family's records, which no person's database account may (not even an "
            f"administrator's), and {name} is one. Connect as the database's owner role with --db, e.g. "
            "postgresql+psycopg://tafdesk_owner@HOST/tafdesk, and sign in as an administrator with --user."
        )

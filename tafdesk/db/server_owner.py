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


# The connection's role owns the tables (or is a superuser): tafdesk's own
# commands may then act as tafdesk itself, as `tafdesk db upgrade` does.
OWNS_THE_TABLES = text(
    "SELECT pg_has_role(current_user, relowner, 'MEMBER') FROM pg_class WHERE oid = to_regclass('audit_event')"
)


def connects_as_owner(engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(OWNS_THE_TABLES).scalar())


def require_owner_connection(conn, what: str) -> None:
    """Work that reads every family's records (retention, subject access)
    runs as the owner role: no person's role may read them all, by design.
    A connection that row-level security narrows would see part and say it
    was all, so it is refused."""
    name = conn.exec_driver_sql("SELECT current_user").scalar_one()
    if not conn.execute(OWNS_THE_TABLES).scalar():
        raise NotTheOwner(
            f"{what} reads every family's records, which no person's database account may (not even an "
            f"administrator's), and {name} is one. Connect as the database's owner role with --db, e.g. "
            "postgresql+psycopg://tafdesk_owner@HOST/tafdesk, and sign in as an administrator with --user."
        )

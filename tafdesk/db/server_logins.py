"""PostgreSQL login roles: each person connects as their own role (their
tafdesk username), a member of the one group role of their tafdesk role.

Everything here runs inside the caller's transaction, on its connection,
so a user's row and their login role change together or not at all. Names
are quoted with psycopg.sql; a password reaches the server only as the SCRAM
verifier libpq computes on this computer, so the server's own statement log
never holds it, and no error raised from here quotes a statement.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from tafdesk.models.enums import Role
from tafdesk.services.errors import PermissionDenied, ServiceError

# Cluster-wide names, shared by every tafdesk database on the server.
GROUPS: dict[Role, str] = {
    Role.ADMIN: "tafdesk_admin",
    Role.LOCALITY_MANAGER: "tafdesk_locality_manager",
    Role.BUSINESS_SUPPORT: "tafdesk_business_support",
    Role.LEAD_PROFESSIONAL: "tafdesk_lead_professional",
}
DUPLICATES = ("42710", "23505")  # duplicate_object; unique_violation when two sessions race


def raw(session) -> psycopg.Connection:
    """The psycopg connection under a SQLAlchemy session, in its transaction."""
    return session.connection().connection.driver_connection


def connected_role(conn: psycopg.Connection) -> str:
    row = conn.execute("SELECT current_user").fetchone()
    assert row is not None  # a SELECT without FROM returns one row
    return row[0]


def require_role_management(conn: psycopg.Connection) -> None:
    """Refuse, saying why, unless the connected role may create and change roles."""
    row = conn.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user").fetchone()
    if not (row and row[0]):
        raise PermissionDenied(
            f"The database account “{connected_role(conn)}” may not create or change login roles (it lacks "
            "CREATEROLE), so no user was changed. Run this as the database's owner role, or as an administrator "
            "whose login role has CREATEROLE."
        )


def owns_database(conn: psycopg.Connection) -> bool:
    """Whether the connected role owns tafdesk's tables (or is a superuser,
    who may act for the owner): who makes a new database's first administrator."""
    row = conn.execute(
        "SELECT pg_has_role(current_user, tableowner, 'MEMBER') FROM pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'app_user'"
    ).fetchone()
    return bool(row and row[0])


def ensure_group_roles(conn: psycopg.Connection) -> None:
    for group in GROUPS.values():
        _create_if_missing(conn, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)), group)


def login_exists(conn: psycopg.Connection, username: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (username,)).fetchone() is not None


def create_login(conn: psycopg.Connection, username: str, role: Role, password: str | None) -> bool:
    """The person's login role, made if missing (with password; None: single
    sign-on, no password) and put in role's group. An existing role keeps its
    password: it may be the same person's on another database. True if made."""
    require_role_management(conn)
    _refuse_privileged(conn, username)
    ensure_group_roles(conn)
    statement = sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(username))
    if password is not None:
        statement += sql.SQL(" PASSWORD {}").format(sql.Literal(_verifier(conn, username, password)))
    made = _create_if_missing(conn, statement, username)
    if not made and not _attribute(conn, username, "rolcanlogin"):
        _execute(conn, sql.SQL("ALTER ROLE {} LOGIN").format(sql.Identifier(username)), username)
    set_group(conn, username, role)
    return made


def set_password(conn: psycopg.Connection, username: str, password: str) -> None:
    require_role_management(conn)
    _require_login(conn, username)
    statement = sql.SQL("ALTER ROLE {} PASSWORD {}").format(
        sql.Identifier(username), sql.Literal(_verifier(conn, username, password))
    )
    _execute(conn, statement, username)


def set_can_log_in(conn: psycopg.Connection, username: str, can: bool) -> None:
    """LOGIN or NOLOGIN: a disabled user's role can no longer connect."""
    require_role_management(conn)
    if not login_exists(conn, username) or _attribute(conn, username, "rolcanlogin") == can:
        return  # nothing to change (enabling makes no role: it would have no password)
    _refuse_privileged(conn, username)
    keyword = "LOGIN" if can else "NOLOGIN"
    _execute(conn, sql.SQL(f"ALTER ROLE {{}} {keyword}").format(sql.Identifier(username)), username)


def set_group(conn: psycopg.Connection, username: str, role: Role) -> None:
    """Member of role's group and of no other tafdesk group. Administrators'
    roles may create and change roles (they run the users commands)."""
    require_role_management(conn)
    _require_login(conn, username)
    name = sql.Identifier(username)
    for other_role, group in GROUPS.items():
        member = (
            conn.execute(
                "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = %s AND u.rolname = %s",
                (group, username),
            ).fetchone()
            is not None
        )
        if other_role is role and not member:
            _create_if_missing(conn, sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), name), username)
        elif other_role is not role and member:
            _execute(conn, sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), name), username)
    if _attribute(conn, username, "rolcreaterole") != (role is Role.ADMIN):
        keyword = "CREATEROLE" if role is Role.ADMIN else "NOCREATEROLE"
        _execute(conn, sql.SQL(f"ALTER ROLE {{}} {keyword}").format(name), username)


# -- the details --------------------------------------------------------------


def _verifier(conn: psycopg.Connection, username: str, password: str) -> str:
    """The password as the server stores it (SCRAM-SHA-256 by default), made
    here by libpq under the server's own password_encryption setting."""
    return conn.pgconn.encrypt_password(password.encode(), username.encode()).decode()


def _attribute(conn: psycopg.Connection, username: str, column: str) -> bool:
    """One of pg_roles' flags (column: a fixed name, never user input)."""
    row = conn.execute(
        sql.SQL("SELECT {} FROM pg_roles WHERE rolname = %s").format(sql.Identifier(column)), (username,)
    ).fetchone()
    return bool(row and row[0])


def _refuse_privileged(conn: psycopg.Connection, username: str) -> None:
    """A person's role is never a superuser, a role that bypasses row-level
    security, or one that owns the tables: those see everything."""
    row = conn.execute(
        "SELECT r.rolsuper OR r.rolbypassrls OR EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = "
        "current_schema() AND t.tablename = 'app_user' AND pg_has_role(r.rolname, t.tableowner, 'MEMBER')) "
        "FROM pg_roles r WHERE r.rolname = %s",
        (username,),
    ).fetchone()
    if row and row[0]:
        raise PermissionDenied(
            f"The database role “{username}” owns tafdesk's tables or bypasses their rules, so it cannot be a "
            "person's login: choose another username."
        )


def _require_login(conn: psycopg.Connection, username: str) -> None:
    if not login_exists(conn, username):
        raise ServiceError(
            f"There is no login role “{username}” on the database server: disable the user and add them again, "
            "or ask whoever runs the server."
        )


def _create_if_missing(conn: psycopg.Connection, statement: sql.Composed, name: str) -> bool:
    """Run a CREATE or GRANT that another session may be running at the same
    moment (cluster-wide names): if it already exists, that is fine."""
    conn.execute("SAVEPOINT tafdesk_login")
    try:
        conn.execute(statement)
    except psycopg.Error as exc:
        conn.execute("ROLLBACK TO SAVEPOINT tafdesk_login")
        if exc.sqlstate in DUPLICATES:
            return False
        raise _plain(exc, name) from None
    conn.execute("RELEASE SAVEPOINT tafdesk_login")
    return True


def _execute(conn: psycopg.Connection, statement: sql.Composed, name: str) -> None:
    try:
        conn.execute(statement)
    except psycopg.Error as exc:
        raise _plain(exc, name) from None


def _plain(exc: psycopg.Error, name: str) -> ServiceError:
    """The server's refusal without the statement (which may hold a verifier)."""
    if exc.sqlstate == "42501":
        return PermissionDenied(
            f"The database account may not change the login role “{name}” ({exc.diag.message_primary}). "
            "Run this as the database's owner role, or ask whoever runs the server."
        )
    return ServiceError(f"The database server refused to change the login role “{name}”: {exc.diag.message_primary}.")

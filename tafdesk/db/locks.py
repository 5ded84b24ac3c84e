"""Who holds what a PostgreSQL connection waited for.

When lock_timeout ends a wait, the wait is over and the server no longer links
the two connections (pg_blocking_pids needs the waiter). The holder still has
its transaction open, though, so the connections with a transaction open that
hold more than a read lock on the table waited for (when the server named it)
are the ones to name, the longest open first. tafdesk sets each connection's
application_name to "tafdesk <username>" (see database.py). A person's own
login role sees other people's application_name and user but not when their
transaction began (pg_stat_activity hides it): then the first such holder is
named (a relation lock stronger than a read lasts until its transaction ends).
"""

from __future__ import annotations

import logging
import re

from sqlalchemy import Engine, text

log = logging.getLogger(__name__)

HOLDERS = text("""
SELECT a.application_name, a.usename
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.granted AND l.pid <> pg_backend_pid() AND l.locktype = 'relation'
  AND l.mode <> 'AccessShareLock'
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND (CAST(:relation AS text) IS NULL OR l.relation = to_regclass(CAST(:relation AS text)))
GROUP BY a.pid, a.application_name, a.usename, a.xact_start
ORDER BY a.xact_start NULLS LAST, a.pid
LIMIT 1
""")


def lock_holder(engine: Engine, exc: BaseException) -> str | None:
    """Who holds the lock exc gave up on, as a phrase: "manager.north in
    tafdesk (database user postgres)"; None if it cannot be told."""
    try:
        with engine.connect() as conn:
            row = conn.execute(HOLDERS, {"relation": _relation(exc)}).first()
    except Exception as error:  # noqa: BLE001 (naming the holder is a courtesy; the busy message stands without it)
        log.warning("could not find who holds a lock: %s", type(error).__name__)
        return None
    return describe_holder(row.application_name, row.usename) if row else None


def describe_holder(application: str | None, user: str | None) -> str:
    if application and application.startswith("tafdesk "):
        who = f"{application.removeprefix('tafdesk ')} in tafdesk"
    else:
        who = f"“{application}”" if application else "a connection with no name"
    return f"{who} (database user {user})" if user else who


def _relation(exc: BaseException) -> str | None:
    """The table named in the server's context line ("while updating tuple
    (0,1) in relation "shared_setting""), whatever the server's language."""
    diag = getattr(getattr(exc, "orig", None), "diag", None)
    found = re.search(r'"([^"]+)"\s*$', getattr(diag, "context", None) or "", re.MULTILINE)
    return found.group(1) if found else None

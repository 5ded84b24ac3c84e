"""Putting a case's rows into an offline copy, and seeing what changed there.

Each row goes in twice: into its table (what the user works on) and into
the table's base twin (what it was when taken, with its version): sync's
three-way merge compares the two with the server's row.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert

from tafdesk.offline.graph import SHARED, CaseRows, Row, read_case
from tafdesk.offline.store import base_tables, keep_letter_decision, table


def put_case(conn: Connection, rows: CaseRows, now: tuple[CaseRows, CaseRows] | None = None) -> None:
    """Write (or rewrite) one case in the copy, work tables and base alike.
    The case's own rows as the copy now has them are removed first, so that
    rows the server no longer has (and those added offline, now sent) go.
    `now`: the copy's work and base rows of the case, if the caller has just
    read them (a sync has: nothing else writes the copy meanwhile)."""
    before = now[0] if now else read_case(conn, rows.case_id, readable_restricted=None)
    before_base = now[1] if now else base_case(conn, rows.case_id)
    for twin, old in ((table, before), (lambda n: base_tables()[n], before_base)):
        own = set(old.own_tables())
        for name in sorted(own | set(rows.rows)):
            replace = name in SHARED or name not in before.rows  # a shared row, or one another reading left
            _rewrite(conn, twin(name), old.of(name) if name in own else [], rows.of(name), replace=replace)
    if rows.letter_decision is not None:
        keep_letter_decision(conn, rows.case_id, rows.letter_decision)


def _rewrite(conn: Connection, t, old_rows: list[Row], new_rows: list[Row], *, replace: bool) -> None:
    """The table's rows of the case from old to new, touching only those that
    differ (a sync's refresh leaves most of a case as it was)."""
    old = {r["id"]: r for r in old_rows}
    new = {r["id"]: r for r in new_rows}
    if replace:
        drop, write = [*old, *(i for i in new if i not in old)], list(new.values())
    else:
        write = [r for i, r in new.items() if old.get(i) != r]
        drop = [i for i in old if i not in new] + [r["id"] for r in write if r["id"] in old]
    _delete(conn, t, drop)
    if write:
        conn.execute(insert(t), write)


def _delete(conn: Connection, t, ids: list) -> None:
    for start in range(0, len(ids), 500):  # SQLite's limit on bound values
        conn.execute(delete(t).where(t.c.id.in_(ids[start : start + 500])))


def base_case(conn: Connection, case_id) -> CaseRows:
    """The case as it was taken: the base twins' rows, read as the work
    tables' are (so rows removed offline, still in base, are found too)."""
    return read_case(conn, case_id, tables=base_tables().__getitem__)


@dataclass(frozen=True)
class Pending:
    """What the copy holds for one case that the server has not yet had."""

    added: int
    changed: int
    removed: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def words(self) -> str:
        if not self.any:
            return "nothing to send"
        parts = [(self.added, "added"), (self.changed, "changed"), (self.removed, "removed")]
        return ", ".join(f"{n} {what}" for n, what in parts if n)


TRACKED = ("taf_plan", "taf_outcome", "taf_action", "taf_review", "case_note")
IGNORED = {"created_at", "updated_at", "version"}  # kept by the database, not the user's changes


def pending(conn: Connection, case_id) -> Pending:
    """Rows of the case's work the user added, changed or removed offline."""
    return differences(base_case(conn, case_id), read_case(conn, case_id))


def differences(base: CaseRows, mine: CaseRows) -> Pending:
    added = changed = removed = 0
    for name in TRACKED:
        now = {r["id"]: r for r in mine.of(name)}
        then = {r["id"]: r for r in base.of(name)}
        added += len(now.keys() - then.keys())
        removed += len(then.keys() - now.keys())
        changed += sum(1 for i in now.keys() & then.keys() if _values(now[i]) != _values(then[i]))
    return Pending(added, changed, removed)


def _values(row: Row) -> dict:
    return {k: v for k, v in row.items() if k not in IGNORED}

"""Putting a case's rows into an offline copy, and seeing what changed there.

Each row goes in twice: into its table (what the user works on) and into
the table's base twin (what it was when taken, with its version): sync's
three-way merge compares the two with the server's row.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert

from tafdesk.offline.graph import IN_AT_ONCE, SHARED, CaseRows, Row, read_case, read_cases
from tafdesk.offline.store import base_tables, keep_letter_decision, table


def put_case(conn: Connection, rows: CaseRows, now: tuple[CaseRows, CaseRows] | None = None) -> None:
    """Write (or rewrite) one case in the copy, work tables and base alike.
    Of the case's own rows, those `rows` no longer has (the server's removed,
    those added offline and now sent under the server's) go; shared rows are
    only replaced.
    `now`: the copy's work and base rows of the case, if the caller has just
    read them (a sync has: nothing else writes the copy meanwhile)."""
    before = now[0] if now else read_case(conn, rows.case_id, readable_restricted=None)
    before_base = now[1] if now else base_case(conn, rows.case_id)
    for twin, old in ((table, before), (lambda n: base_tables()[n], before_base)):
        for name in sorted(set(old.rows) | set(rows.rows)):
            t = twin(name)
            if name in SHARED:
                _put(conn, t, old.of(name), rows.of(name), drop_missing=False)
            elif name in before.rows:
                _put(conn, t, old.of(name), rows.of(name), drop_missing=True)
            else:  # a table the copy's reading left out: what the copy holds of it is not known, so replaced
                _delete(conn, t, [*old.ids(name), *(r["id"] for r in rows.of(name))])
                if rows.of(name):
                    conn.execute(insert(t), rows.of(name))
    if rows.letter_decision is not None:
        keep_letter_decision(conn, rows.case_id, rows.letter_decision)


def _put(conn: Connection, t, old_rows: list[Row], new_rows: list[Row], *, drop_missing: bool) -> None:
    """The table's rows from old (as the copy holds them) to new, touching
    only those that differ: a sync's refresh leaves most of a case as it
    was. `drop_missing`: old rows not in new are deleted (the case's own);
    else kept (shared rows, which another case may need)."""
    old = {r["id"]: r for r in old_rows}
    write = [r for r in new_rows if old.get(r["id"]) != r]
    drop = [r["id"] for r in write]  # written anew: a row not read for this case may be there for another
    if drop_missing:
        kept = {r["id"] for r in new_rows}
        drop += [i for i in old if i not in kept]
    _delete(conn, t, drop)
    if write:
        conn.execute(insert(t), write)


def _delete(conn: Connection, t, ids: list) -> None:
    for start in range(0, len(ids), IN_AT_ONCE):
        conn.execute(delete(t).where(t.c.id.in_(ids[start : start + IN_AT_ONCE])))


def base_case(conn: Connection, case_id) -> CaseRows:
    """The case as it was taken: the base twins' rows, read as the work
    tables' are (so rows removed offline, still in base, are found too)."""
    return base_cases(conn, [case_id])[case_id]


def base_cases(conn: Connection, case_ids: list) -> dict:
    """base_case of each case, read at once."""
    return read_cases(conn, case_ids, tables=base_tables().__getitem__)


@dataclass(frozen=True)
class Pending:
    """What the copy holds for one case that the server has not yet had:
    (table, what happened, how many) for each kind of change, in TRACKED order."""

    counts: tuple[tuple[str, str, int], ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.counts)

    def words(self) -> str:
        """E.g. "the plan changed, 2 actions changed, 1 note added"."""
        if not self.counts:
            return "nothing to send"
        return ", ".join(_changed_words(name, what, n) for name, what, n in self.counts)


TRACKED = ("taf_plan", "taf_outcome", "taf_action", "taf_review", "case_note")
NAMED = {"taf_outcome": "outcome", "taf_action": "action", "taf_review": "review", "case_note": "note"}
IGNORED = {"created_at", "updated_at", "version"}  # kept by the database, not the user's changes


def _changed_words(name: str, what: str, n: int) -> str:
    if name == "taf_plan":  # a version changed is the draft worked on; one added, a version a review made
        return "the plan changed" if what == "changed" else f"{n} plan version{'s' if n != 1 else ''} {what}"
    return f"{n} {NAMED[name]}{'s' if n != 1 else ''} {what}"


def pending(conn: Connection, case_id) -> Pending:
    """Rows of the case's work the user added, changed or removed offline."""
    return differences(base_case(conn, case_id), read_case(conn, case_id))


def differences(base: CaseRows, mine: CaseRows) -> Pending:
    # A plan version made offline (a review's, a revision's) brings copies of
    # the outcomes and actions before it: the version added says it.
    made = set(mine.ids("taf_plan")) - set(base.ids("taf_plan"))
    counts = []
    for name in TRACKED:
        now = {r["id"]: r for r in mine.of(name) if r.get("plan_id") not in made or name == "taf_review"}
        then = {r["id"]: r for r in base.of(name)}
        changed = sum(1 for i in now.keys() & then.keys() if _values(now[i]) != _values(then[i]))
        found = (
            ("added", len(now.keys() - then.keys())),
            ("changed", changed),
            ("removed", len(then.keys() - now.keys())),
        )
        counts += [(name, what, n) for what, n in found if n]
    return Pending(tuple(counts))


def _values(row: Row) -> dict:
    return {k: v for k, v in row.items() if k not in IGNORED}

"""Which rows make up one case in an offline copy, read from any connection:
the server's when a case is taken, the copy's own when it is synced or
refreshed (the same reading finds what was added offline).

A case's own rows (its family, plan, notes, profile) belong to it alone;
shared rows (a locality, the team's professionals and agencies, the letter
templates and letterheads, the meetings that decided and who sat at them)
may be needed by several cases of the copy, and are only ever
replaced, never deleted, when one case is refreshed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Connection, RowMapping, Table, or_, select

from tafdesk.db import letter_decision
from tafdesk.db.grants import may_read
from tafdesk.offline.store import table

Row = dict[str, Any]
SHARED = ("locality", "agency", "professional", "letter_template", "app_setting", "meeting", "attendance")
# The council-wide letterhead's setting, and a locality's own beside it
# (services/letterhead.py's KEY and key_for): the copy's letters carry them.
LETTERHEAD = "documents.letterhead"
PROFILE_PARTS = ("profile_member", "profile_need", "profile_involvement", "profile_risk", "profile_strength")
PROFILE_LINKS = {  # link table: (its column naming the part, the part's table)
    "profile_need_member": ("need_id", "profile_need"),
    "profile_involvement_member": ("involvement_id", "profile_involvement"),
    "profile_risk_member": ("risk_id", "profile_risk"),
}


@dataclass
class CaseRows:
    case_id: uuid.UUID
    rows: dict[str, list[Row]] = field(default_factory=dict)
    # What the letter to the family says was decided, as JSON
    # (db/letter_decision.py); None: not read (a copy's own reading).
    letter_decision: str | None = None

    def of(self, name: str) -> list[Row]:
        return self.rows.get(name, [])

    def add(self, name: str, found: Iterable[Row] | Iterable[RowMapping]) -> list[Row]:
        got = [dict(r) for r in found]
        self.rows.setdefault(name, []).extend(got)
        return got

    def ids(self, name: str) -> list[uuid.UUID]:
        return [r["id"] for r in self.of(name)]

    @property
    def reference(self) -> str:
        return self.of("case_record")[0]["reference"]

    def own_tables(self) -> list[str]:
        return [name for name in self.rows if name not in SHARED]


def read_case(
    conn: Connection,
    case_id: uuid.UUID,
    *,
    notes: bool = True,
    profile: bool = True,
    readable_restricted: Callable[[list[uuid.UUID]], set[uuid.UUID]] | None = None,
    tables: Callable[[str], Table] = table,
) -> CaseRows:
    """The case's rows. `readable_restricted` narrows the profile's restricted
    involvement items to those the reader may read (None: all of them).
    `tables`: where each table's rows are read (an offline copy's base twins)."""
    read = read_cases(
        conn, [case_id], notes=notes, profile=profile, readable_restricted=readable_restricted, tables=tables
    )
    return read[case_id]


def read_cases(
    conn: Connection,
    case_ids: Iterable[uuid.UUID],
    *,
    notes: bool = True,
    profile: bool = True,
    readable_restricted: Callable[[list[uuid.UUID]], set[uuid.UUID]] | None = None,
    tables: Callable[[str], Table] = table,
) -> dict[uuid.UUID, CaseRows]:
    """Each case's rows as read_case reads one, read for all of them at once:
    a statement per table, not one per table and case (a sync reads every
    case of a copy twice, a take every case it takes)."""
    found = {case_id: CaseRows(case_id) for case_id in case_ids}
    src = Source(conn, tables)
    Reading(src, list(found.values())).add("case_record", "id", lambda f: [f.case_id])
    cases = Reading(src, [f for f in found.values() if f.of("case_record")])
    if not cases.found:
        return found
    cases.add("family", "id", lambda f: [_case(f)["family_id"]])
    cases.add("person", "family_id", lambda f: [_case(f)["family_id"]])
    cases.add("restricted_wording", "family_id", lambda f: [_case(f)["family_id"]])
    cases.add("locality", "id", lambda f: [_case(f)["locality_id"]])
    cases.add("case_supporter", "case_id", lambda f: [f.case_id])
    read_work(cases, notes=notes)
    if profile:
        _profile(cases, readable_restricted)
    named = _decisions(cases)
    _team(cases, named)
    cases.add("app_setting", "key", lambda f: [LETTERHEAD, f"{LETTERHEAD}.{f.of('locality')[0]['code']}"])
    _letter_templates(cases)
    return found


def _case(found: CaseRows) -> Row:
    return found.of("case_record")[0]


def _ids(name: str) -> Callable[[CaseRows], list[uuid.UUID]]:
    """The ids of the case's rows of `name` (the values another table is read by)."""
    return lambda found: found.ids(name)


def _team(cases: Reading, named: dict[uuid.UUID, list[Row]]) -> None:
    """The Team Around the Family and whoever the plan's actions and the
    group's decisions name, with their agencies; and who sat for those
    agencies at the meetings that decided (a letter names the lead's manager
    who was there)."""

    def professionals(f: CaseRows) -> list:
        supporters = [s["professional_id"] for s in f.of("case_supporter")]
        owners = [a["owner_professional_id"] for a in f.of("taf_action")]
        return [
            _case(f)["lead_professional_id"],
            *supporters,
            *owners,
            *(r["professional_id"] for r in named[f.case_id]),
        ]

    def agencies(f: CaseRows) -> list:
        owners = [a["owner_agency_id"] for a in f.of("taf_action")]
        return [*(p["agency_id"] for p in f.of("professional")), *owners, *(r["agency_id"] for r in named[f.case_id])]

    cases.add("professional", "id", professionals)
    cases.add("agency", "id", agencies)
    cases.add("attendance", "meeting_id", _ids("meeting"))
    for f in cases.found:
        sat = set(f.ids("agency"))
        f.rows["attendance"] = [r for r in f.of("attendance") if r["agency_id"] in sat]


def _letter_templates(cases: Reading) -> None:
    """The current letter templates: the council's and the case's locality's."""
    templates = cases.src.tables("letter_template")
    localities = {_case(f)["locality_id"] for f in cases.found}
    current = templates.c.is_current & or_(templates.c.locality_id.is_(None), templates.c.locality_id.in_(localities))
    rows = dicts(cases.src.conn.execute(select(templates).where(current)))
    for f in cases.found:
        f.add("letter_template", [r for r in rows if r["locality_id"] in (None, _case(f)["locality_id"])])


def _decisions(cases: Reading) -> dict[uuid.UUID, list[Row]]:
    """Into each case, the group's decisions on it and the meetings that
    made them: what the family's letters say was decided (a letter made
    offline), if the account may read them; else (on PostgreSQL a lead
    professional's may not) only what the letter to the family says of the
    latest, as the server gives it to the case's team. Returns, by case, the
    rows naming professionals and agencies."""
    if not may_read(cases.src.conn, *DECIDED):
        return {f.case_id: _letter_decision(cases.src, f) for f in cases.found}
    cases.add("decision", "case_id", lambda f: [f.case_id])
    cases.add("agenda_item", "id", lambda f: [d["agenda_item_id"] for d in f.of("decision")])
    cases.add("meeting", "id", lambda f: [i["meeting_id"] for i in f.of("agenda_item")])
    cases.add("decision_action", "decision_id", _ids("decision"))
    cases.add("decision_supporter", "decision_id", _ids("decision"))
    named = {}
    for f in cases.found:
        decisions, supporters = f.of("decision"), f.of("decision_supporter")
        latest = letter_decision.from_rows(decisions, f.of("agenda_item"), f.of("meeting"), supporters)
        f.letter_decision = letter_decision.as_json(latest)
        leads = [{"professional_id": d["lead_professional_id"], "agency_id": d["lead_agency_id"]} for d in decisions]
        named[f.case_id] = [*supporters, *leads]
    return named


def _letter_decision(src: Source, found: CaseRows) -> list[Row]:
    decided = letter_decision.from_server(src.conn, found.case_id)
    found.letter_decision = letter_decision.as_json(decided)
    if decided is None:
        return []
    if decided.meeting_locality_id not in found.ids("locality"):  # the meeting's, if the case has since moved
        found.add("locality", _where(src, "locality", "id", [decided.meeting_locality_id]))
    return decided.named()


DECIDED = ("decision", "agenda_item", "meeting", "decision_action", "decision_supporter", "attendance")
WORK = (
    "taf_plan",
    "taf_outcome",
    "taf_action",
    "taf_review",
    "taf_review_score",
    "taf_review_progress",
    "case_note",
    "case_note_child",
)


def read_work(cases: Reading, *, notes: bool = True) -> None:
    """Into each case, its plan (every version, its items and reviews) and
    notes: what a sync changes."""
    cases.add("taf_plan", "case_id", lambda f: [f.case_id])
    for name in ("taf_outcome", "taf_action", "taf_review"):
        cases.add(name, "plan_id", _ids("taf_plan"))
    for name in ("taf_review_score", "taf_review_progress"):
        cases.add(name, "review_id", _ids("taf_review"))
    if notes:
        cases.add("case_note", "case_id", lambda f: [f.case_id])
        cases.add("case_note_child", "note_id", _ids("case_note"))


def with_work(rows: CaseRows, conn: Connection, *, notes: bool, also: CaseRows) -> CaseRows:
    """`rows` with its work read again (after a sync sent some): the rest of
    the case, which a sync does not change, as it was. The professionals and
    agencies of `also` are kept beside `rows`' own: an action's owner chosen
    offline is named by it."""
    out = CaseRows(rows.case_id, {k: v for k, v in rows.rows.items() if k not in WORK}, rows.letter_decision)
    read_work(Reading(Source(conn), [out]), notes=notes)
    for name in ("professional", "agency"):
        known = {r["id"] for r in out.of(name)}
        out.add(name, [r for r in also.of(name) if r["id"] not in known])
    return out


def _profile(cases: Reading, readable_restricted: Callable[[list[uuid.UUID]], set[uuid.UUID]] | None) -> None:
    cases.add("referral", "case_id", lambda f: [f.case_id])
    cases.add("profile360", "referral_id", _ids("referral"))
    for part in PROFILE_PARTS:
        cases.add(part, "profile_id", _ids("profile360"))
    if readable_restricted is not None:
        _readable_only(cases.found, readable_restricted)
    for link, (column, parent) in PROFILE_LINKS.items():
        cases.add(link, column, _ids(parent))


def _readable_only(found: list[CaseRows], readable_restricted: Callable[[list[uuid.UUID]], set[uuid.UUID]]) -> None:
    """The profiles' restricted involvement items narrowed to those the reader may read."""
    restricted = [r["id"] for f in found for r in f.of("profile_involvement") if r["restricted"]]
    readable = readable_restricted(restricted) if restricted else set()
    for f in found:
        items = f.of("profile_involvement")
        f.rows["profile_involvement"] = [r for r in items if not r["restricted"] or r["id"] in readable]


class Source(NamedTuple):
    """Where a case's rows are read: a connection, and its tables (an
    offline copy's work tables, or their base twins)."""

    conn: Connection
    tables: Callable[[str], Table] = table


@dataclass
class Reading:
    """Cases read together: each table's rows for all of them in one statement."""

    src: Source
    found: list[CaseRows]

    def add(self, name: str, column: str, values: Callable[[CaseRows], Iterable[Any]]) -> None:
        """Into each case, the table's rows whose `column` holds one of the case's `values`."""
        wanted: dict[Any, list[CaseRows]] = {}
        for found in self.found:
            for value in {v for v in values(found) if v is not None}:
                wanted.setdefault(value, []).append(found)
        got: dict[uuid.UUID, list[Row]] = {found.case_id: [] for found in self.found}
        for row in _where(self.src, name, column, list(wanted)):
            for found in wanted[row[column]]:
                got[found.case_id].append(row)
        for found in self.found:
            found.add(name, got[found.case_id])


# Columns that stay on the server, with what the copy holds instead: the
# server's access rules' own copy of a row's locality (the app never reads
# it), and the document the access team received, no part of the work (a
# lead professional's login may read neither).
NOT_TAKEN = {"access_locality": None}
NOT_TAKEN_FROM = {"profile360": {**NOT_TAKEN, "original_document": ""}}


IN_AT_ONCE = 500  # values bound in one statement (SQLite limits them)


def _where(src: Source, name: str, column: str, values: list) -> list[Row]:
    t = src.tables(name)
    instead = {c: v for c, v in NOT_TAKEN_FROM.get(name, NOT_TAKEN).items() if c in t.c}
    taken = [c for c in t.c if c.name not in instead]
    rows = []
    for start in range(0, len(values), IN_AT_ONCE):
        rows += dicts(src.conn.execute(select(*taken).where(t.c[column].in_(values[start : start + IN_AT_ONCE]))))
    for row in rows:
        row.update(instead)
    return rows


def dicts(result) -> list[Row]:
    """The rows as dicts: the keys read once (dict() of each RowMapping asks for them row by row)."""
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]

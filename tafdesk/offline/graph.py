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

from tafdesk.db.grants import may_read
from tafdesk.offline.store import table
from tafdesk.services import letter_decision

Row = dict[str, Any]
SHARED = ("locality", "agency", "professional", "letter_template", "app_setting", "meeting", "attendance")
# The council-wide letterhead's setting, and a locality's own beside it
# (services/letterhead.py's KEY and key_for): the copy's letters carry them.
LETTERHEAD = "documents.letterhead"
PROFILE_PARTS = ("profile_member", "profile_need", "profile_involvement", "profile_risk", "profile_strength")
PROFILE_LINKS = {
    "profile_need_member": "need_id",
    "profile_involvement_member": "involvement_id",
    "profile_risk_member": "risk_id",
}


@dataclass
class CaseRows:
    case_id: uuid.UUID
    rows: dict[str, list[Row]] = field(default_factory=dict)
    # What the letter to the family says was decided, as JSON
    # (services/letter_decision.py); None: not read (a copy's own reading).
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
    src = Source(conn, tables)
    found = CaseRows(case_id)
    case = found.add("case_record", _where(src, "case_record", "id", [case_id]))
    if not case:
        return found
    family_id, locality_id = case[0]["family_id"], case[0]["locality_id"]
    found.add("family", _where(src, "family", "id", [family_id]))
    found.add("person", _where(src, "person", "family_id", [family_id]))
    found.add("restricted_wording", _where(src, "restricted_wording", "family_id", [family_id]))
    found.add("locality", _where(src, "locality", "id", [locality_id]))
    supporters = found.add("case_supporter", _where(src, "case_supporter", "case_id", [case_id]))
    actions = read_work(src, found, case_id, notes=notes)
    if profile:
        _profile(src, found, case_id, readable_restricted)
    named = _decisions(src, found, case_id)
    # The Team Around the Family and whoever the plan's actions and the group's decisions name, with their agencies.
    professional_ids = {case[0]["lead_professional_id"], *(s["professional_id"] for s in supporters)}
    professional_ids |= {a["owner_professional_id"] for a in actions} | {r["professional_id"] for r in named}
    professionals = found.add("professional", _where(src, "professional", "id", _known(professional_ids)))
    agency_ids = {p["agency_id"] for p in professionals} | {a["owner_agency_id"] for a in actions}
    agency_ids |= {r["agency_id"] for r in named}
    found.add("agency", _where(src, "agency", "id", _known(agency_ids)))
    _attendance(src, found, agency_ids)
    code = found.of("locality")[0]["code"] if found.of("locality") else None
    found.add("app_setting", _where(src, "app_setting", "key", [LETTERHEAD, f"{LETTERHEAD}.{code}"]))
    templates = tables("letter_template")
    found.add(
        "letter_template",
        dicts(
            src.conn.execute(
                select(templates).where(
                    templates.c.is_current,
                    or_(templates.c.locality_id.is_(None), templates.c.locality_id == locality_id),
                )
            )
        ),
    )
    return found


def _decisions(src: Source, found: CaseRows, case_id: uuid.UUID) -> list[Row]:
    """Into `found`, the group's decisions on the case and the meetings that
    made them: what the family's letters say was decided (a letter made
    offline), if the account may read them; else (on PostgreSQL a lead
    professional's may not) only what the letter to the family says of the
    latest, as the server gives it to the case's team. Returns the rows
    naming professionals and agencies."""
    if not may_read(src.conn, *DECIDED):
        return _letter_decision(src, found, case_id)
    decisions = found.add("decision", _where(src, "decision", "case_id", [case_id]))
    decision_ids = [d["id"] for d in decisions]
    items = found.add("agenda_item", _where(src, "agenda_item", "id", [d["agenda_item_id"] for d in decisions]))
    found.add("meeting", _where(src, "meeting", "id", _known({i["meeting_id"] for i in items})))
    found.add("decision_action", _where(src, "decision_action", "decision_id", decision_ids))
    supporters = found.add("decision_supporter", _where(src, "decision_supporter", "decision_id", decision_ids))
    latest = letter_decision.from_rows(decisions, items, found.of("meeting"), supporters)
    found.letter_decision = letter_decision.as_json(latest)
    return [
        *supporters,
        *({"professional_id": d["lead_professional_id"], "agency_id": d["lead_agency_id"]} for d in decisions),
    ]


def _letter_decision(src: Source, found: CaseRows, case_id: uuid.UUID) -> list[Row]:
    decided = letter_decision.from_server(src.conn, case_id)
    found.letter_decision = letter_decision.as_json(decided)
    if decided is None:
        return []
    if decided.meeting_locality_id not in found.ids("locality"):  # the meeting's, if the case has since moved
        found.add("locality", _where(src, "locality", "id", [decided.meeting_locality_id]))
    return decided.named()


def _attendance(src: Source, found: CaseRows, agency_ids: set) -> None:
    """Who sat for the team's agencies at those meetings (a letter names the
    lead's manager who was there)."""
    rows = _where(src, "attendance", "meeting_id", found.ids("meeting"))
    found.add("attendance", [r for r in rows if r["agency_id"] in agency_ids])


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


def read_work(src: Source, found: CaseRows, case_id: uuid.UUID, *, notes: bool = True) -> list[Row]:
    """Into `found`, the case's plan (every version, its items and reviews)
    and notes: what a sync changes. Returns the plan's actions."""
    plans = found.add("taf_plan", _where(src, "taf_plan", "case_id", [case_id]))
    plan_ids = [p["id"] for p in plans]
    found.add("taf_outcome", _where(src, "taf_outcome", "plan_id", plan_ids))
    actions = found.add("taf_action", _where(src, "taf_action", "plan_id", plan_ids))
    reviews = found.add("taf_review", _where(src, "taf_review", "plan_id", plan_ids))
    review_ids = [r["id"] for r in reviews]
    found.add("taf_review_score", _where(src, "taf_review_score", "review_id", review_ids))
    found.add("taf_review_progress", _where(src, "taf_review_progress", "review_id", review_ids))
    if notes:
        note_rows = found.add("case_note", _where(src, "case_note", "case_id", [case_id]))
        found.add("case_note_child", _where(src, "case_note_child", "note_id", [n["id"] for n in note_rows]))
    return actions


def with_work(rows: CaseRows, conn: Connection, *, notes: bool, also: CaseRows) -> CaseRows:
    """`rows` with its work read again (after a sync sent some): the rest of
    the case, which a sync does not change, as it was. The professionals and
    agencies of `also` are kept beside `rows`' own: an action's owner chosen
    offline is named by it."""
    out = CaseRows(rows.case_id, {k: v for k, v in rows.rows.items() if k not in WORK}, rows.letter_decision)
    read_work(Source(conn), out, rows.case_id, notes=notes)
    for name in ("professional", "agency"):
        known = {r["id"] for r in out.of(name)}
        out.add(name, [r for r in also.of(name) if r["id"] not in known])
    return out


def _profile(src: Source, found: CaseRows, case_id, readable_restricted) -> None:
    referrals = found.add("referral", _where(src, "referral", "case_id", [case_id]))
    profiles = found.add("profile360", _where(src, "profile360", "referral_id", [r["id"] for r in referrals]))
    profile_ids = [p["id"] for p in profiles]
    for part in PROFILE_PARTS:
        rows = list(_where(src, part, "profile_id", profile_ids))
        if part == "profile_involvement" and readable_restricted is not None:
            restricted = [r["id"] for r in rows if r["restricted"]]
            readable = readable_restricted(restricted) if restricted else set()
            rows = [r for r in rows if not r["restricted"] or r["id"] in readable]
        found.add(part, rows)
    for link, parent in PROFILE_LINKS.items():
        parent_table = {"need_id": "profile_need", "involvement_id": "profile_involvement", "risk_id": "profile_risk"}
        found.add(link, _where(src, link, parent, found.ids(parent_table[parent])))


class Source(NamedTuple):
    """Where a case's rows are read: a connection, and its tables (an
    offline copy's work tables, or their base twins)."""

    conn: Connection
    tables: Callable[[str], Table] = table


# Columns that stay on the server, with what the copy holds instead: the
# server's access rules' own copy of a row's locality (the app never reads
# it), and the document the access team received, no part of the work (a
# lead professional's login may read neither).
NOT_TAKEN = {"access_locality": None}
NOT_TAKEN_FROM = {"profile360": {**NOT_TAKEN, "original_document": ""}}


def _where(src: Source, name: str, column: str, values: list) -> list[Row]:
    if not values:
        return []
    t = src.tables(name)
    instead = {c: v for c, v in NOT_TAKEN_FROM.get(name, NOT_TAKEN).items() if c in t.c}
    rows = dicts(src.conn.execute(select(*(c for c in t.c if c.name not in instead)).where(t.c[column].in_(values))))
    for row in rows:
        row.update(instead)
    return rows


def dicts(result) -> list[Row]:
    """The rows as dicts: the keys read once (dict() of each RowMapping asks for them row by row)."""
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


def _known(ids: set) -> list:
    return sorted(i for i in ids if i is not None)

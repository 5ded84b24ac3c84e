"""Which rows make up one case in an offline copy, read from any connection:
the server's when a case is taken, the copy's own when it is synced or
refreshed (the same reading finds what was added offline).

A case's own rows (its family, plan, notes, profile) belong to it alone;
shared rows (a locality, the team's professionals and agencies, the letter
templates) may be needed by several cases of the copy, and are only ever
replaced, never deleted, when one case is refreshed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, RowMapping, or_, select

from tafdesk.offline.store import table

Row = dict[str, Any]
SHARED = ("locality", "agency", "professional", "letter_template")
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
) -> CaseRows:
    """The case's rows. `readable_restricted` narrows the profile's restricted
    involvement items to those the reader may read (None: all of them)."""
    found = CaseRows(case_id)
    case = found.add("case_record", _where(conn, "case_record", "id", [case_id]))
    if not case:
        return found
    family_id, locality_id = case[0]["family_id"], case[0]["locality_id"]
    found.add("family", _where(conn, "family", "id", [family_id]))
    found.add("person", _where(conn, "person", "family_id", [family_id]))
    found.add("restricted_wording", _where(conn, "restricted_wording", "family_id", [family_id]))
    found.add("locality", _where(conn, "locality", "id", [locality_id]))
    supporters = found.add("case_supporter", _where(conn, "case_supporter", "case_id", [case_id]))
    plans = found.add("taf_plan", _where(conn, "taf_plan", "case_id", [case_id]))
    plan_ids = [p["id"] for p in plans]
    found.add("taf_outcome", _where(conn, "taf_outcome", "plan_id", plan_ids))
    actions = found.add("taf_action", _where(conn, "taf_action", "plan_id", plan_ids))
    reviews = found.add("taf_review", _where(conn, "taf_review", "plan_id", plan_ids))
    review_ids = [r["id"] for r in reviews]
    found.add("taf_review_score", _where(conn, "taf_review_score", "review_id", review_ids))
    found.add("taf_review_progress", _where(conn, "taf_review_progress", "review_id", review_ids))
    if notes:
        note_rows = found.add("case_note", _where(conn, "case_note", "case_id", [case_id]))
        found.add("case_note_child", _where(conn, "case_note_child", "note_id", [n["id"] for n in note_rows]))
    if profile:
        _profile(conn, found, case_id, readable_restricted)
    # The Team Around the Family and whoever the plan's actions name, with their agencies.
    professional_ids = {case[0]["lead_professional_id"], *(s["professional_id"] for s in supporters)}
    professional_ids |= {a["owner_professional_id"] for a in actions}
    professionals = found.add("professional", _where(conn, "professional", "id", _known(professional_ids)))
    agency_ids = {p["agency_id"] for p in professionals} | {a["owner_agency_id"] for a in actions}
    found.add("agency", _where(conn, "agency", "id", _known(agency_ids)))
    templates = table("letter_template")
    found.add(
        "letter_template",
        dicts(
            conn.execute(
                select(templates).where(
                    templates.c.is_current,
                    or_(templates.c.locality_id.is_(None), templates.c.locality_id == locality_id),
                )
            )
        ),
    )
    return found


def _profile(conn, found: CaseRows, case_id, readable_restricted) -> None:
    referrals = found.add("referral", _where(conn, "referral", "case_id", [case_id]))
    profiles = found.add("profile360", _where(conn, "profile360", "referral_id", [r["id"] for r in referrals]))
    profile_ids = [p["id"] for p in profiles]
    for part in PROFILE_PARTS:
        rows = list(_where(conn, part, "profile_id", profile_ids))
        if part == "profile_involvement" and readable_restricted is not None:
            restricted = [r["id"] for r in rows if r["restricted"]]
            readable = readable_restricted(restricted) if restricted else set()
            rows = [r for r in rows if not r["restricted"] or r["id"] in readable]
        found.add(part, rows)
    for link, parent in PROFILE_LINKS.items():
        parent_table = {"need_id": "profile_need", "involvement_id": "profile_involvement", "risk_id": "profile_risk"}
        found.add(link, _where(conn, link, parent, found.ids(parent_table[parent])))


def _where(conn: Connection, name: str, column: str, values: list) -> list[Row]:
    if not values:
        return []
    t = table(name)
    return dicts(conn.execute(select(t).where(t.c[column].in_(values))))


def dicts(result) -> list[Row]:
    """The rows as dicts: the keys read once (dict() of each RowMapping asks for them row by row)."""
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


def _known(ids: set) -> list:
    return sorted(i for i in ids if i is not None)

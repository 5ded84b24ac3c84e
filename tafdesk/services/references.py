"""What still refers to a row: found from the schema's foreign keys, so that
tables added later are covered without changing this."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Uuid, bindparam, select, text

from tafdesk import models  # loaded on first use

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

REFERRING = text("SELECT tafdesk_referring_tables(:table, :id)").bindparams(bindparam("id", type_=Uuid))
# How each referring table is described to people; others are named by table.
_DESCRIPTIONS = {
    "agency": "agencies",
    "professional": "professionals",
    "case_record": "cases",
    "case_supporter": "Teams Around the Family",
    "attendance": "meeting attendance",
    "agenda_item": "meeting agendas",
    "decision": "meeting decisions",
    "decision_supporter": "meeting decisions",
    "decision_action": "meeting actions",
    "profile360": "360° profiles",
    "profile_involvement": "360° profiles",
    "taf_action": "TAF plan actions",
    "app_user": "user accounts",
}


def referred_to_by(s: Session, entity: Any) -> list[str]:
    """Descriptions of what refers to `entity`, sorted; empty if nothing does.
    Rows that belong to it (foreign keys with ON DELETE CASCADE, such as a
    professional's specialisms) do not count: they go with it."""
    table = type(entity).__table__
    if s.get_bind().dialect.name == "postgresql":
        # The user may not see every referring row (row-level security): the
        # server names the referring tables from all of them (migration 0014).
        tables = set(s.scalars(REFERRING, {"table": table.name, "id": entity.id}))
    else:
        tables = {
            other.name
            for other in models.Base.metadata.sorted_tables
            for fk in other.foreign_keys
            if fk.column.table is table
            and (fk.ondelete or "").upper() != "CASCADE"
            and s.scalar(select(fk.parent).where(fk.parent == entity.id).limit(1)) is not None
        }
    return sorted({_DESCRIPTIONS.get(name, name.replace("_", " ")) for name in tables})

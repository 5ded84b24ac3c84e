"""What a letter to the family says the group decided, and nothing more.

On PostgreSQL a lead professional's account reads no decision or meeting
(their rationale, restricted reasons and other families stay with the
group); the server gives them these few facts of their own cases' latest
decision instead (migration 0037's tafdesk_letter_decision). An offline copy
keeps the same JSON for each case it takes (offline/store.py), so that the
letter can be made away from the network.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from tafdesk.clock import LOCAL_TIME
from tafdesk.models.enums import DecisionOutcome

NONE_YET = "null"  # the JSON kept for a case the group has not yet decided on


@dataclass(frozen=True)
class LetterDecision:
    outcome: DecisionOutcome
    lead_professional_id: uuid.UUID | None
    supporters: tuple[tuple[uuid.UUID, uuid.UUID | None], ...]  # (agency, professional), as decided
    meeting_on: dt.date
    meeting_locality_id: uuid.UUID
    meeting_venue: str | None

    def named(self) -> list[dict[str, uuid.UUID | None]]:
        """The professionals and agencies it names (an offline copy takes them)."""
        lead = {"professional_id": self.lead_professional_id, "agency_id": None}
        return [lead, *({"professional_id": p, "agency_id": a} for a, p in self.supporters)]

    def to_json(self) -> str:
        return json.dumps(
            {
                "outcome": self.outcome.value,
                "lead_professional_id": _text(self.lead_professional_id),
                "supporters": [[str(a), _text(p)] for a, p in self.supporters],
                "meeting_on": self.meeting_on.isoformat(),
                "meeting_locality_id": str(self.meeting_locality_id),
                "meeting_venue": self.meeting_venue,
            },
            sort_keys=True,
        )


def as_json(decided: LetterDecision | None) -> str:
    return decided.to_json() if decided else NONE_YET


def parse(found: str | Mapping[str, Any] | None) -> LetterDecision | None:
    """From the server's function (a mapping) or a copy's JSON text."""
    data = json.loads(found) if isinstance(found, str) else found
    if data is None:
        return None
    return LetterDecision(
        DecisionOutcome(data["outcome"]),
        _id(data["lead_professional_id"]),
        tuple((uuid.UUID(a), _id(p)) for a, p in data["supporters"]),
        dt.date.fromisoformat(data["meeting_on"]),
        uuid.UUID(data["meeting_locality_id"]),
        data["meeting_venue"],
    )


def from_server(bind: Connection | Session, case_id: uuid.UUID) -> LetterDecision | None:
    """The case's latest decision as the server gives it to the case's team
    (PostgreSQL; the case must be one the account's user leads or supports)."""
    found = bind.execute(text("SELECT tafdesk_letter_decision(:case_id)"), {"case_id": case_id}).scalar()
    return parse(found)


def from_rows(
    decisions: Iterable[Mapping], items: Iterable[Mapping], meetings: Iterable[Mapping], supporters: Iterable[Mapping]
) -> LetterDecision | None:
    """The latest of a case's decisions, from rows read whole (an account
    that may read them)."""
    latest = max(decisions, key=lambda d: d["decided_at"], default=None)
    if latest is None:
        return None
    item = next(i for i in items if i["id"] == latest["agenda_item_id"])
    meeting = next(m for m in meetings if m["id"] == item["meeting_id"])
    return LetterDecision(
        DecisionOutcome(latest["outcome"]),
        latest["lead_professional_id"],
        tuple((s["agency_id"], s["professional_id"]) for s in supporters if s["decision_id"] == latest["id"]),
        meeting["starts_at"].astimezone(LOCAL_TIME).date(),
        meeting["locality_id"],
        meeting["venue"],
    )


def _text(value: uuid.UUID | None) -> str | None:
    return str(value) if value else None


def _id(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None

"""What minutes are made from: the meeting's record as the minutes service
reads it, for the minutes documents and the minutes pane alike."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from tafdesk.clock import LOCAL_TIME


@dataclass(frozen=True)
class MinuteAction:
    description: str
    owner: str
    due_on: dt.date | None
    case_reference: str


@dataclass(frozen=True)
class MatterArising:
    """An action due by the meeting's day, agreed earlier, and what the
    meeting recorded of it."""

    case_reference: str
    family_name: str
    description: str
    owner: str
    due_on: dt.date | None
    agreed_at: str  # "Meeting of 1 Dec 2026", "Plan version 2"
    review: str  # "Done", "Not done", "Carried forward to 15 Dec 2026", "Not reviewed"
    note: str | None


@dataclass(frozen=True)
class MinuteItem:
    item_id: uuid.UUID
    case_reference: str
    family_name: str
    initials: str
    kind: str
    decided: bool
    outcome: str
    lead: str | None
    members: tuple[str, ...]  # the Team Around the Family besides the lead
    rationale: str | None
    actions: tuple[MinuteAction, ...]
    generated: str  # the wording tafdesk writes
    wording: str  # what the minutes say: business support's, if edited

    @property
    def edited(self) -> bool:
        return self.wording != self.generated


@dataclass(frozen=True)
class Minutes:
    meeting_id: uuid.UUID
    locality: str
    starts_at: dt.datetime
    venue: str | None
    chair: str | None
    present: tuple[str, ...]
    apologies: tuple[str, ...]
    items: tuple[MinuteItem, ...]
    notes: str | None
    closed: bool = False  # the minutes are the record: reworded only once the meeting is reopened
    minute_taker: str | None = None
    declarations: str | None = None  # declarations of interest, as recorded
    quorum: str = ""  # one sentence: quorate or not, and how many core agencies were represented
    next_meeting: dt.date | None = None
    # The review of the actions due (full minutes only: they name families).
    matters_arising: tuple[MatterArising, ...] = ()

    @property
    def action_log(self) -> tuple[MinuteAction, ...]:
        return tuple(a for item in self.items for a in item.actions)

    def local_start(self) -> dt.datetime:
        return self.starts_at.astimezone(LOCAL_TIME)

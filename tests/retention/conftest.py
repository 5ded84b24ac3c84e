"""A council for retention and subject access: the documents tests' North
meeting of 1 December 2026 (five families: Nguyễn allocated a lead and a
plan; Byrne stepped up, Hussain stepped down and Kowalczyk given advice, so
never allocated; Mensah to a working together meeting), with its letters and
minutes made as PDF files, a draft plan left on Byrne's ended case, and a
waiting profile (Mensah's) that may be Kowalczyk's. The clock is then moved
on: in mid-2029 the never-allocated families are two years past their end."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.db import Database
from tafdesk.models import (
    Base,
    DocumentFormat,
    DocumentType,
    MatchSuggestion,
    PlanStatus,
    Profile360,
    Referral,
    Role,
    SuggestionStatus,
    TafOutcome,
    TafPlan,
    User,
)
from tafdesk.models.enums import NeedArea
from tafdesk.services.actor import Actor
from tafdesk.services.documents import DocumentService
from tests.conftest import allow_sign_in
from tests.documents.conftest import CHAIR, TODAY, PackWorld, build_pack_world

LATER = dt.datetime(2029, 6, 1, 9, 0, tzinfo=dt.UTC)  # the never-allocated families are due
ADMIN_NAME = "retention.admin"


@dataclass
class RetentionWorld:
    pack: PackWorld
    db: Database
    admin: Actor
    folder: Path  # where the letters and minutes were written
    draft_id: uuid.UUID  # Byrne's draft

    def family(self, surname: str) -> uuid.UUID:
        from tafdesk.models import Case

        with self.db.reader() as s:
            return s.scalar(select(Case.family_id).where(Case.id == self.pack.cases[surname]))


@pytest.fixture
def world(db, tmp_path) -> RetentionWorld:
    return build_world(db, tmp_path / "letters")


def build_world(db: Database, folder: Path) -> RetentionWorld:
    pack = build_pack_world(db)
    documents = DocumentService(db, CHAIR, today=TODAY)
    documents.produce_letters(pack.meeting_id, folder, formats=(DocumentFormat.PDF,))
    documents.produce_minutes(pack.meeting_id, DocumentType.MINUTES_FULL, DocumentFormat.PDF, folder / "minutes.pdf")
    with db.session() as s:
        draft = TafPlan(
            case_id=pack.cases["Byrne"],
            plan_version=1,
            status=PlanStatus.DRAFT,
            voice_of_child="Ciarán wants to stay at his school.",
        )
        draft.outcomes.append(
            TafOutcome(area=NeedArea.EDUCATION, need="Ciarán misses school", outcome_wanted="Back in class")
        )
        s.add(draft)
        profiles = dict(
            s.execute(
                select(Referral.family_id, Profile360.id).join(Profile360, Profile360.referral_id == Referral.id)
            ).all()
        )
        s.add(User(username=ADMIN_NAME, display_name="Rita Retention", role=Role.ADMIN))
        s.flush()
        admin_id = s.scalar(select(User.id).where(User.username == ADMIN_NAME))
    world = RetentionWorld(
        pack,
        db,
        Actor(admin_id, "Rita Retention", Role.ADMIN, localities=frozenset(), username=ADMIN_NAME),
        folder,
        draft.id,
    )
    with db.session() as s:
        s.add(
            MatchSuggestion(
                profile_id=profiles[world.family("Mensah")],
                family_id=world.family("Kowalczyk"),
                score=60,
                evidence=json.dumps(["Same postcode (30 points)"]),
                pairs="[]",
                status=SuggestionStatus.PENDING,
            )
        )
    allow_sign_in(db, ADMIN_NAME)
    return world


def dump(db: Database) -> dict[str, dict]:
    """Every table's rows by id (an event's links and values by their event's)."""
    contents = {}
    with db.reader() as s:
        for table in Base.metadata.sorted_tables:
            rows = s.execute(select(*table.columns)).mappings().all()
            contents[table.name] = {row["id"]: dict(row) for row in rows}
    return contents


def text_everywhere(db: Database) -> str:
    """Every value of every row of every table, as one text to search."""
    return json.dumps({name: list(rows.values()) for name, rows in dump(db).items()}, default=str, ensure_ascii=False)

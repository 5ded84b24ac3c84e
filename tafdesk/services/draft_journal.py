"""Drafts kept on this computer as they are typed.

The plan editor writes each change here first (a small file, written to a
temporary name and renamed, so a crash or power cut never leaves half of one)
and then saves it to the database. If the database cannot be reached — a lead
professional in a family's home with no network — the draft waits here and is
saved when the plan is next opened with the database in reach.

Text being typed in a cell of the plan's tables, not yet committed, is kept
beside the draft (`TypedText`), so that a crash mid-paragraph loses nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tafdesk.models.enums import ActionStatus, NeedArea
from tafdesk.plans.content import ActionItem, OutcomeItem, Owner, PlanContent
from tafdesk.paths import data_dir
from tafdesk.private_files import open_private, private_folder


@dataclass(frozen=True)
class TypedText:
    """What an open cell editor holds: the text typed so far into one field of an action or outcome."""

    item_id: uuid.UUID
    field: str
    text: str


@dataclass(frozen=True)
class Draft:
    """A draft kept on this computer, with the database version it was edited from."""

    base_version: int
    content: PlanContent
    saved_at: dt.datetime | None = None  # when it was written (UTC)
    typing: TypedText | None = None


class DraftJournal:
    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder or data_dir() / "drafts"

    def _path(self, plan_id: uuid.UUID) -> Path:
        return self._folder / f"{plan_id}.json"

    def write(self, plan_id: uuid.UUID, base_version: int, content: PlanContent,
              typing: TypedText | None = None) -> None:  # fmt: skip
        """Keep the draft, with the database version it was edited from, and any text being typed."""
        private_folder(self._folder, ours=True)
        path = self._path(plan_id)
        partial = path.with_name(path.name + ".partial")
        with open_private(partial, "w", encoding="utf-8") as handle:
            json.dump({"base_version": base_version, "saved_at": dt.datetime.now(dt.UTC).isoformat(),
                       "content": asdict(content), "typing": asdict(typing) if typing else None},
                      handle, default=_plain, ensure_ascii=False)  # fmt: skip
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)

    def read(self, plan_id: uuid.UUID) -> Draft | None:
        try:
            data = json.loads(self._path(plan_id).read_text(encoding="utf-8"))
            typing = data.get("typing")  # drafts written before typing was kept have none
            return Draft(
                int(data["base_version"]), _content(data["content"]),
                dt.datetime.fromisoformat(data["saved_at"]) if data.get("saved_at") else None,
                TypedText(uuid.UUID(typing["item_id"]), str(typing["field"]), str(typing["text"])) if typing else None,
            )  # fmt: skip
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError):  # a damaged file is set aside, not trusted
            self._path(plan_id).replace(self._path(plan_id).with_suffix(".damaged"))
            return None

    def discard(self, plan_id: uuid.UUID) -> None:
        self._path(plan_id).unlink(missing_ok=True)

    def pending(self) -> list[uuid.UUID]:
        """Plans with a draft not yet saved to the database."""
        return sorted(uuid.UUID(p.stem) for p in self._folder.glob("*.json")) if self._folder.is_dir() else []


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "value"):
        return value.value
    raise TypeError(f"cannot keep {type(value).__name__} in a draft")


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _id(text: str | None) -> uuid.UUID | None:
    return uuid.UUID(text) if text else None


def _content(data: dict) -> PlanContent:
    return PlanContent(
        voice_of_child=data["voice_of_child"], voice_of_parents=data["voice_of_parents"], strengths=data["strengths"],
        consent_confirmed_on=_day(data["consent_confirmed_on"]), review_interval_weeks=int(data["review_interval_weeks"]),
        outcomes=tuple(OutcomeItem(uuid.UUID(o["id"]), NeedArea(o["area"]), o["need"], o["outcome_wanted"])
                       for o in data["outcomes"]),
        actions=tuple(ActionItem(
            uuid.UUID(a["id"]), a["description"], _id(a["outcome_id"]),
            Owner(a["owner"]["kind"], uuid.UUID(a["owner"]["id"]), a["owner"]["label"]) if a["owner"] else None,
            _day(a["starts_on"]), _day(a["due_on"]), a["measure"], ActionStatus(a["status"]), a["dropped_reason"],
        ) for a in data["actions"]),
    )

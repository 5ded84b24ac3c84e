"""Settings shared by everyone on the database (case weight rules, the meeting
quorum, the retention periods, the reports' timeliness targets), stored as
JSON in app_setting. Changing one is audited."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.allocation.weights import WeightRules
from tafdesk.db import Database
from tafdesk.models import AppSetting
from tafdesk.services import audit, retention_periods
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ValidationError
from tafdesk.services.retention_periods import RetentionPeriods

WEIGHT_RULES = "allocation.weight_rules"
QUORUM = "meeting.quorum_core_agencies"
DEFAULT_QUORUM = 4  # of the core agencies, present or deputised
REOPEN_MONTHS = "closure.reopen_months"
DEFAULT_REOPEN_MONTHS = 3  # a closed case is reopened, not referred again, within this many months
TIMELINESS_TARGETS = "reports.timeliness_targets"
MAX_TARGET_DAYS = 130  # working days: half a year


@dataclass(frozen=True)
class TimelinessTargets:
    """The working days within which the reports count a family's profile as
    dealt with in time: from the day it was received to the front door's
    decision, to the Case Management Group's decision, and to the allocation
    of a lead professional (services/reports/timeliness.py)."""

    front_door: int = 3
    meeting_decision: int = 10
    allocation: int = 10

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TimelinessTargets:
        """Targets as saved; a name no longer known is ignored, a missing one takes its default."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{name: int(value) for name, value in values.items() if name in known})

    def checked(self) -> TimelinessTargets:
        """The targets, or a ValidationError naming each one that is not a whole number of working days in range."""
        problems = {}
        for name, value in self.as_dict().items():
            whole = isinstance(value, int) and not isinstance(value, bool)
            if not whole or not 1 <= value <= MAX_TARGET_DAYS:
                problems[f"timeliness.{name}"] = (
                    f"{value!r} is not a whole number of working days from 1 to {MAX_TARGET_DAYS}."
                )
        if problems:
            raise ValidationError(problems)
        return self


def timeliness_targets(s: Session) -> TimelinessTargets:
    """The reports' timeliness targets in force, read inside an open session."""
    text = s.scalar(select(AppSetting.value).where(AppSetting.key == TIMELINESS_TARGETS))
    return TimelinessTargets.from_dict(json.loads(text)) if text else TimelinessTargets()


def reopen_months(s: Session) -> int:
    """How many months after its closure a case may be reopened, read inside an open session."""
    text = s.scalar(select(AppSetting.value).where(AppSetting.key == REOPEN_MONTHS))
    return int(json.loads(text)) if text is not None else DEFAULT_REOPEN_MONTHS


def weight_rules(s: Session) -> WeightRules:
    """The case weight rules in force, read inside an open session."""
    text = s.scalar(select(AppSetting.value).where(AppSetting.key == WEIGHT_RULES))
    return WeightRules.from_dict(json.loads(text)) if text else WeightRules()


class SharedSettings:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def _get(self, key: str, default: Any) -> Any:
        with self._db.reader() as s:
            text = s.scalar(select(AppSetting.value).where(AppSetting.key == key))
        return json.loads(text) if text is not None else default

    def _set(self, key: str, value: Any) -> None:
        self._actor.require(Permission.MANAGE_SETTINGS)
        text = json.dumps(value, sort_keys=True)
        with self._db.session() as s:
            row = s.scalar(select(AppSetting).where(AppSetting.key == key))
            before = json.loads(row.value) if row else None
            if row is None:
                s.add(AppSetting(key=key, value=text))
            else:
                row.value = text
            audit.record(
                s, self._actor, "setting.changed", "app_setting", row.id if row else None, {key: [before, value]}
            )

    def weight_rules(self) -> WeightRules:
        with self._db.reader() as s:
            return weight_rules(s)

    def set_weight_rules(self, rules: WeightRules) -> None:
        if rules.minimum <= 0 or rules.maximum < rules.minimum:
            raise ValidationError({"minimum": "Weights need a minimum above 0 and a maximum at least as large."})
        self._set(WEIGHT_RULES, rules.as_dict())

    def quorum(self) -> int:
        return int(self._get(QUORUM, DEFAULT_QUORUM))

    def set_quorum(self, core_agencies: int) -> None:
        if not 0 <= core_agencies <= 20:
            raise ValidationError({"quorum": "The quorum is a number of core agencies, from 0 to 20."})
        self._set(QUORUM, core_agencies)

    def reopen_months(self) -> int:
        with self._db.reader() as s:
            return reopen_months(s)

    def set_reopen_months(self, months: int) -> None:
        if not isinstance(months, int) or isinstance(months, bool) or not 0 <= months <= 24:
            raise ValidationError(
                {"reopen_months": "A closed case may be reopened for 0 to 24 months after it closed."}
            )
        self._set(REOPEN_MONTHS, months)

    def retention_periods(self) -> RetentionPeriods:
        with self._db.reader() as s:
            return retention_periods.read(s)

    def set_retention_periods(self, periods: RetentionPeriods) -> None:
        self._set(retention_periods.KEY, retention_periods.checked(periods).as_dict())

    def timeliness_targets(self) -> TimelinessTargets:
        with self._db.reader() as s:
            return timeliness_targets(s)

    def set_timeliness_targets(self, targets: TimelinessTargets) -> None:
        self._set(TIMELINESS_TARGETS, targets.checked().as_dict())

    def offline_expiry_days(self) -> int:
        """How many days an offline copy may be worked on before it must be synced or discarded."""
        from tafdesk.services.offline_take import expiry_days

        with self._db.reader() as s:
            return expiry_days(s)

    def set_offline_expiry_days(self, days: int) -> None:
        from tafdesk.services.offline_take import EXPIRY_DAYS, check_expiry_days

        self._set(EXPIRY_DAYS, check_expiry_days(days))

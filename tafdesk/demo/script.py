"""The script of the weeks between the meetings (made by between.py, played
by between_run.py in the row writer's process): plain data, light to load."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tafdesk.services.actor import Actor


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    order: int  # ties at one moment are played in the order written
    actor: Actor
    action: str  # a function of between_run.ACTIONS
    args: dict[str, Any]


@dataclass
class Script:
    seed: int
    today: dt.date
    steps: list[Step] = field(default_factory=list)

"""At start-up: can the server be reached, and if not, what can be opened
instead. A decision of its own, so that the offline copy (cases taken off
the server to work on without it) takes its place here when it exists.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from tafdesk import clock
from tafdesk.db.location import sqlite_path
from tafdesk.db.network import server_answers


class StartMode(enum.Enum):
    ONLINE = "online"
    OFFLINE_WITH_COPY = "offline-with-copy"  # an offline copy on this computer opens instead
    OFFLINE_DRAFTS_ONLY = "offline-drafts-only"  # only the plan drafts kept here can be read


@dataclass(frozen=True)
class Start:
    mode: StartMode
    offline_since: dt.datetime | None = None  # UTC, when the server was found out of reach
    copy: Path | None = None  # the offline copy, for OFFLINE_WITH_COPY


def no_offline_copy() -> Path | None:
    """Where the offline copy will be found; none exists yet."""
    return None


def decide_start(
    url: URL,
    *,
    offline_copy: Callable[[], Path | None] = no_offline_copy,
    answers: Callable[[URL], bool] = server_answers,
) -> Start:
    """ONLINE for a file or a server that answers within the connect timeout
    (refused at once, or silent until then: out of reach); otherwise the
    offline copy if there is one, else the drafts only."""
    if sqlite_path(url) is not None or answers(url):
        return Start(StartMode.ONLINE)
    since = clock.now()
    copy = offline_copy()
    if copy is not None:
        return Start(StartMode.OFFLINE_WITH_COPY, since, copy)
    return Start(StartMode.OFFLINE_DRAFTS_ONLY, since)

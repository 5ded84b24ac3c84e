"""A case's rows as JSON and back, their types kept (ids, days and times
tagged): the offline changes held for a locality manager are kept so."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from tafdesk.offline.graph import WORK, CaseRows

_TAGS: dict[str, Any] = {"$id": uuid.UUID, "$day": dt.date.fromisoformat, "$at": dt.datetime.fromisoformat}


def dumps(sides: dict[str, CaseRows]) -> str:
    """Each side's work: what a merge needs."""
    return json.dumps({name: {t: rows.of(t) for t in WORK} for name, rows in sides.items()}, default=_tagged)


def loads(text: str, case_id: uuid.UUID) -> dict[str, CaseRows]:
    data = json.loads(text, object_hook=_untagged)
    return {name: CaseRows(case_id, dict(tables)) for name, tables in data.items()}


def _tagged(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return {"$id": str(value)}
    if isinstance(value, dt.datetime):
        return {"$at": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$day": value.isoformat()}
    raise TypeError(f"cannot keep {type(value).__name__} in held offline changes")


def _untagged(found: dict) -> Any:
    if len(found) == 1:
        [(key, value)] = found.items()
        if key in _TAGS:
            return _TAGS[key](value)
    return found

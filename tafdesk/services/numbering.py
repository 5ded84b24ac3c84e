"""References numbered from counter rows (F-000042, N-2026-0012).

The counter row of a prefix is locked when a transaction first numbers with
it (on PostgreSQL, SELECT ... FOR UPDATE; SQLite has one writer at a time), so
two imports at once never hand out the same number, and reading the counter
costs the same however many families the council holds.
"""

from __future__ import annotations

import re

from sqlalchemy import insert, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from tafdesk.models import ReferenceCounter, utcnow


class Numbering:
    """The next numbers after each prefix, for one transaction; `save` before it commits."""

    def __init__(self, s: Session) -> None:
        self._s = s
        self._last: dict[str, int] = {}

    def next(self, prefix: str, column: InstrumentedAttribute) -> int:
        if prefix not in self._last:
            self._last[prefix] = self._locked_counter(prefix, column)
        self._last[prefix] += 1
        return self._last[prefix]

    def save(self) -> None:
        for prefix, last in self._last.items():
            self._s.execute(
                update(ReferenceCounter)
                .where(ReferenceCounter.prefix == prefix)
                .values(last_number=last, updated_at=utcnow(), version=ReferenceCounter.version + 1)
            )

    def _locked_counter(self, prefix: str, column: InstrumentedAttribute) -> int:
        last = self._s.scalar(
            select(ReferenceCounter.last_number).where(ReferenceCounter.prefix == prefix).with_for_update()
        )
        if last is None:  # a prefix never numbered here (a new year): start after any already used
            last = highest_used(self._s, column, prefix)
            self._s.execute(insert(ReferenceCounter).values(prefix=prefix, last_number=last))
        return last


def highest_used(s: Session, column: InstrumentedAttribute, prefix: str) -> int:
    """The highest number already used after prefix; 0 if none is."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    numbers = [
        int(m.group(1))
        for ref in s.scalars(select(column).where(column.like(f"{prefix}%")))
        if (m := pattern.fullmatch(ref))
    ]
    return max(numbers, default=0)

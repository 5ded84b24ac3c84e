"""The one source of new record ids, as tafdesk/clock.py is the one clock.

Every id a service or the ORM makes is a random UUID (version 4), unless a
block has `seeded` the source: the demo council, which replays weeks of work
through the services, then gets the same ids from the same seed on every run
and every database (its bulk rows have seeded ids of their own: db/rowset.py).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

_seeded: random.Random | None = None


def new_id() -> uuid.UUID:
    """A new record id."""
    if _seeded is None:
        return uuid.uuid4()
    return uuid.UUID(int=_seeded.getrandbits(128), version=4)


@contextmanager
def seeded(rng: random.Random) -> Iterator[None]:
    """Within the block, new ids come from rng (one process, one thread: the demo's)."""
    global _seeded
    before, _seeded = _seeded, rng
    try:
        yield
    finally:
        _seeded = before

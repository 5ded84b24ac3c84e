"""Whether a database is fresh enough for a demo council to go into it.

Kept apart from the demo itself: it runs in the process that writes the
council (see db.row_writer), which need not load the demo's generator.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk.models import Agency, Family, Locality, User
from tafdesk.services.errors import ServiceError


def usernames_if_empty(session: Session) -> set[str]:
    """The usernames already taken (a first administrator), in lower case,
    if the database holds no families, localities or agencies; otherwise
    refuses with a message that says what it holds."""
    count = session.scalar(select(func.count()).select_from(Family))
    if count:
        raise ServiceError(
            f"This database already holds {count} families, so the demo council was not added: it can only be "
            "generated into an empty database. Create a new database and generate the demo there."
        )
    if session.scalar(select(func.count()).select_from(Locality)) or session.scalar(
        select(func.count()).select_from(Agency)
    ):
        raise ServiceError(
            "This database already has its own localities or agencies, so the demo council was not added: "
            "it can only be generated into an empty database."
        )
    return {name.lower() for name in session.scalars(select(User.username))}

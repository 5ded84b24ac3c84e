"""Alembic environment: always run in-process on the connection the runner gives."""

from __future__ import annotations

from typing import Literal

from alembic import context

from tafdesk.models import Base
from tafdesk.models.utc import UTCDateTime

config = context.config


def render_item(type_: str, obj: object, autogen_context) -> str | Literal[False]:
    # Migrations must not import application types that may change later.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()

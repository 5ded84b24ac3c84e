"""Declarative base, column types and the columns every table shares."""

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import Enum, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from tafdesk.ids import new_id
from tafdesk.models.utc import UTCDateTime, utcnow

# Named constraints, so that migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def enum_type(enum_cls: type[enum.Enum], name: str | None = None) -> Enum:
    """A portable enum column: VARCHAR plus a named CHECK constraint."""
    return Enum(
        enum_cls,
        name=name or _snake(enum_cls.__name__),
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        values_callable=lambda e: [m.value for m in e],
        length=max(len(m.value) for m in enum_cls),
    )


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime}


class Entity(Base):
    """Every table: a UUID key (offline copies merge without clashes),
    UTC timestamps, and a version counter for optimistic locking."""

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 (a declared_attr is given the class)
        return {"version_id_col": cls.__table__.c.version}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


def contract_text(*where: str, **kwargs: Any) -> Any:
    """A column for a field of the access team's profile contract, as long as
    the contract allows (unbounded where it sets no limit): the contract is
    the one source of these lengths. `where` is as for contracts.max_length."""
    from sqlalchemy import String, Text

    from tafdesk.contracts import max_length

    limit = max_length(*where)
    return mapped_column(String(limit) if limit else Text(), info={"contract": where}, **kwargs)


def access_locality_column() -> Any:
    """The parent's locality on a child row, for PostgreSQL's access rules:
    the server's triggers keep it (migration 0031), so that a rule reads the
    row's own column rather than every parent the user may see. The app
    never sets or reads it; on SQLite it stays empty."""
    return mapped_column(deferred=True)

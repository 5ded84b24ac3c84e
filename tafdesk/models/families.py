"""Families and the people in them."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import Gender, MemberRole


class Family(Entity):
    __tablename__ = "family"

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    family_name: Mapped[str] = mapped_column(String(200), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    address_line1: Mapped[str] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str] = mapped_column(String(10), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(60))
    interpreter_needed: Mapped[bool] = mapped_column(default=False)

    members: Mapped[list[Person]] = relationship(
        back_populates="family", cascade="all, delete-orphan", order_by="Person.position"
    )


class Person(Entity):
    """A member of a family, in or out of the household."""

    __tablename__ = "person"

    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100), index=True)
    known_as: Mapped[str | None] = mapped_column(String(100))
    date_of_birth: Mapped[dt.date | None] = mapped_column(index=True)
    expected_date: Mapped[dt.date | None]
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender))
    role: Mapped[MemberRole] = mapped_column(enum_type(MemberRole))
    relationship_: Mapped[str | None] = mapped_column("relationship", String(100))
    lives_in_household: Mapped[bool] = mapped_column(default=True)
    school_or_setting: Mapped[str | None] = mapped_column(String(200))
    ethnicity: Mapped[str | None] = mapped_column(String(100))
    first_language: Mapped[str | None] = mapped_column(String(60))
    disability: Mapped[str | None] = mapped_column(String(400))

    family: Mapped[Family] = relationship(back_populates="members")

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

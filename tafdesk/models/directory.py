"""The partnership: localities, agencies, their professionals, users."""

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import Membership, NeedArea, Role, Sector


class Locality(Entity):
    """A patch with its own Case Management Group and co-located team."""

    __tablename__ = "locality"

    __table_args__ = (CheckConstraint("meeting_weekday BETWEEN 0 AND 6", name="meeting_weekday_range"),)

    name: Mapped[str] = mapped_column(String(80), unique=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    default_venue: Mapped[str | None] = mapped_column(String(200))
    # The weekly Case Management Group: Monday is 0.
    meeting_weekday: Mapped[int] = mapped_column(server_default=text("1"))
    meeting_time: Mapped[dt.time] = mapped_column(server_default=text("'10:00:00'"))


class Agency(Entity):
    __tablename__ = "agency"
    __table_args__ = (CheckConstraint("capacity_per_fte > 0", name="capacity_per_fte_positive"),)

    name: Mapped[str] = mapped_column(String(120), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(30))
    membership: Mapped[Membership] = mapped_column(enum_type(Membership))
    sector: Mapped[Sector] = mapped_column(enum_type(Sector))
    # Weight points one full-time professional of this agency can carry.
    capacity_per_fte: Mapped[float] = mapped_column(default=20.0)
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)

    professionals: Mapped[list["Professional"]] = relationship(back_populates="agency")


class Professional(Entity):
    """A practitioner who can lead or support a Team Around the Family."""

    __tablename__ = "professional"
    __table_args__ = (
        CheckConstraint("fte > 0 AND fte <= 1", name="fte_range"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        # A professional's agency from the index alone (the reports' caseloads, once per case on SQLite).
        Index("ix_professional_agencies", "id", "agency_id"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    job_title: Mapped[str] = mapped_column(String(120))
    fte: Mapped[float] = mapped_column(default=1.0)
    # Weight points; None means FTE x the agency's capacity per FTE.
    capacity: Mapped[float | None]
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(default=True)

    agency: Mapped[Agency] = relationship(back_populates="professionals")
    locality: Mapped[Locality] = relationship()
    specialisms: Mapped[list["Specialism"]] = relationship(back_populates="professional", cascade="all, delete-orphan")
    leave: Mapped[list["LeavePeriod"]] = relationship(back_populates="professional", cascade="all, delete-orphan")

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Specialism(Entity):
    """A need area a professional is skilled in."""

    __tablename__ = "specialism"
    __table_args__ = (UniqueConstraint("professional_id", "area"),)

    professional_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("professional.id", ondelete="CASCADE"))
    area: Mapped[NeedArea] = mapped_column(enum_type(NeedArea))

    professional: Mapped[Professional] = relationship(back_populates="specialisms")


class LeavePeriod(Entity):
    __tablename__ = "leave_period"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="ends_after_start"),)

    professional_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("professional.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]
    reason: Mapped[str | None] = mapped_column(String(200))

    professional: Mapped[Professional] = relationship(back_populates="leave")


class User(Entity):
    """Someone who signs in to tafdesk. On PostgreSQL `username` is also
    their database login role, and the server checks their password; on
    SQLite tafdesk keeps an Argon2id hash of it."""

    __tablename__ = "app_user"

    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(160))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    professional_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))  # SQLite only; None: cannot sign in yet
    failed_sign_ins: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    locked_until: Mapped[dt.datetime | None]

    professional: Mapped[Professional | None] = relationship()
    localities: Mapped[list["UserLocality"]] = relationship(cascade="all, delete-orphan")


class UserLocality(Entity):
    """A locality a manager or business support officer works in (one or more)."""

    __tablename__ = "user_locality"
    __table_args__ = (UniqueConstraint("user_id", "locality_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)

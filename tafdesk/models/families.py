"""Families and the people in them.

Each row also stores the keys known families are looked up by when a profile
arrives (a folded postcode, folded names). They are derived from the row's own
columns in one place, `derive_keys`, which every way of writing these tables
goes through: the ORM by the events below, bulk inserts through RowSet.
"""

import datetime as dt
import random
import uuid
from collections.abc import Callable
from typing import Any, ClassVar

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, event, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tafdesk.intake.keys import fold_name, postcode_key
from tafdesk.models.base import Entity, contract_text, enum_type
from tafdesk.models.enums import Ethnicity, Gender, MemberRole, RecordSource
from tafdesk.models.person_reference import new_reference


class Family(Entity):
    __tablename__ = "family"

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    family_name: Mapped[str] = contract_text("profile", "family", "family_name")
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    address_line1: Mapped[str] = contract_text("address", "line1")
    address_line2: Mapped[str | None] = contract_text("address", "line2")
    town: Mapped[str | None] = contract_text("address", "town")
    postcode: Mapped[str] = mapped_column(String(10), index=True)
    postcode_key: Mapped[str] = mapped_column(String(10), index=True)
    phone: Mapped[str | None] = contract_text("profile", "family", "phone")
    language: Mapped[str | None] = contract_text("profile", "family", "language")
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    # The day the retention schedule anonymised the family (services/retention.py):
    # its people, names, address and free text are gone; references, dates,
    # statuses and outcomes stay for the council's figures.
    anonymised_on: Mapped[dt.date | None]

    members: Mapped[list["Person"]] = relationship(
        back_populates="family", cascade="all, delete-orphan", order_by="Person.position"
    )

    @staticmethod
    def derive_keys(values: dict[str, Any]) -> dict[str, Any]:
        return {"postcode_key": postcode_key(values["postcode"])}


class Person(Entity):
    """A member of a family, in or out of the household."""

    __tablename__ = "person"

    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    # The person's own short reference, drawn at random when first written
    # (models/person_reference.py): Annex A's Child Unique ID.
    reference: Mapped[str] = mapped_column(String(10), index=True, unique=True)
    given_name: Mapped[str] = contract_text("person", "first_name")
    family_name: Mapped[str] = contract_text("person", "last_name")
    known_as: Mapped[str | None] = contract_text("person", "known_as")
    date_of_birth: Mapped[dt.date | None]
    expected_date: Mapped[dt.date | None]
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender))
    role: Mapped[MemberRole] = mapped_column(enum_type(MemberRole))
    relationship_: Mapped[str | None] = contract_text("person", "relationship", name="relationship")
    lives_in_household: Mapped[bool] = mapped_column(default=True)
    school_or_setting: Mapped[str | None] = contract_text("person", "school_or_setting")
    ethnicity: Mapped[str | None] = contract_text("person", "ethnicity")  # as the profile wrote it
    # The DfE's code for it (intake/ethnicity.py maps wording that is
    # unambiguous; a person chooses the rest: services/ethnicity.py).
    ethnicity_code: Mapped[Ethnicity | None] = mapped_column(enum_type(Ethnicity, "ethnicity_code"))
    first_language: Mapped[str | None] = contract_text("person", "first_language")
    disability: Mapped[str | None] = contract_text("person", "disability")
    # "Risk to others here / do not write to this address": the 360° contract
    # cannot say who in a household poses a risk, so people record it. A
    # marked person is never an addressee, and letters to the home never name
    # sensitive agencies (tafdesk.exports.letter_rules).
    do_not_write: Mapped[bool] = mapped_column(default=False, server_default=false())
    given_key: Mapped[str] = mapped_column(String(100))
    family_key: Mapped[str] = mapped_column(String(100))

    family: Mapped[Family] = relationship(back_populates="members")

    # Candidates for a match are looked up by birthday; the index holds the
    # folded names and the family too, so the lookup never reads the table.
    # Business support find a family by name (services/family_links.py).
    __table_args__ = (
        Index("ix_person_match_keys", "date_of_birth", "given_key", "family_key", "family_id"),
        Index("ix_person_name_keys", "family_key", "given_key", "family_id"),
        Index("ix_person_given_keys", "given_key", "family_key", "family_id"),  # the family search by given name
    )

    # Columns drawn at random for each new row, by the ORM (below) and by bulk
    # inserts (RowSet, whose column defaults are one value for all its rows).
    drawn_keys: ClassVar[dict[str, Callable[[random.Random | None], str]]] = {"reference": new_reference}

    @staticmethod
    def derive_keys(values: dict[str, Any]) -> dict[str, Any]:
        return {"given_key": fold_name(values["given_name"]), "family_key": fold_name(values["family_name"])}

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class FamilyRecordVersion(Entity):
    """One version of a family's current record: its address, phone and who
    lived in the household. Family and Person hold the newest, which letters
    read; the versions keep the earlier ones readable. They are written when
    the record changes (services/family_record.py): the first change writes
    the record as it stood too, as version 1."""

    __tablename__ = "family_record_version"
    __table_args__ = (UniqueConstraint("family_id", "number"),)

    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"))
    number: Mapped[int]
    source: Mapped[RecordSource] = mapped_column(enum_type(RecordSource))
    profile_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("profile360.id", ondelete="SET NULL"))
    # When it was known to be true: the profile's compiled_at, or the moment
    # of the correction (None for the record as it stood before).
    as_of: Mapped[dt.datetime | None]
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(160))  # kept even if the user is renamed
    address_line1: Mapped[str] = contract_text("address", "line1")
    address_line2: Mapped[str | None] = contract_text("address", "line2")
    town: Mapped[str | None] = contract_text("address", "town")
    postcode: Mapped[str] = mapped_column(String(10))
    phone: Mapped[str | None] = contract_text("profile", "family", "phone")
    household: Mapped[str] = mapped_column(Text)  # JSON list of the ids of the people living in the household


class RestrictedWording(Entity):
    """Wording a user marked restricted for one family (services/restricted_text.py):
    no document beyond the full minutes may quote it, whole if short, any four
    words in a row of it if long (exports/quotes.py)."""

    __tablename__ = "restricted_wording"

    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    marked_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    marked_by_name: Mapped[str] = mapped_column(String(160))  # kept even if the user is renamed


def _keep_keys(_mapper: Any, _connection: Any, target: Family | Person) -> None:
    sources = {name: getattr(target, name, None) for name in ("postcode", "given_name", "family_name")}
    for name, value in type(target).derive_keys(sources).items():
        setattr(target, name, value)


def _draw_keys(_mapper: Any, _connection: Any, target: Person) -> None:
    for name, draw in target.drawn_keys.items():
        if getattr(target, name, None) is None:
            setattr(target, name, draw(None))


for _model in (Family, Person):
    event.listen(_model, "before_insert", _keep_keys)
    event.listen(_model, "before_update", _keep_keys)
event.listen(Person, "before_insert", _draw_keys)

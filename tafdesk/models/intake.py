"""Referrals and the 360-degree profiles the access team compiles.

Every field of profile360-v1 has a column here; the document as received is
also kept verbatim (with its SHA-256) for audit.
"""

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tafdesk.models.base import Entity, access_locality_column, contract_text, enum_type
from tafdesk.models.enums import (
    ConsentStatus,
    Gender,
    InvolvementStatus,
    Level,
    MemberRole,
    NeedArea,
    Pathway,
    SuggestionStatus,
)


class Referral(Entity):
    """A concern raised about a family, with the referrer and consent."""

    __tablename__ = "referral"

    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family.id"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_record.id"), index=True)
    received_on: Mapped[dt.date] = mapped_column(index=True)
    reason: Mapped[str] = contract_text("profile", "referral", "reason")
    referrer_name: Mapped[str] = contract_text("contact", "name")
    referrer_role: Mapped[str | None] = contract_text("contact", "role")
    referrer_agency: Mapped[str | None] = contract_text("contact", "agency")
    referrer_email: Mapped[str | None] = contract_text("contact", "email")
    referrer_phone: Mapped[str | None] = contract_text("contact", "phone")
    referrer_address_line1: Mapped[str | None] = contract_text("address", "line1")
    referrer_address_line2: Mapped[str | None] = contract_text("address", "line2")
    referrer_town: Mapped[str | None] = contract_text("address", "town")
    referrer_postcode: Mapped[str | None] = mapped_column(String(10))
    consent_status: Mapped[ConsentStatus] = mapped_column(enum_type(ConsentStatus))
    consent_given_by: Mapped[str | None] = contract_text("profile", "referral", "consent", "given_by")
    consent_date: Mapped[dt.date | None]
    consent_notes: Mapped[str | None] = contract_text("profile", "referral", "consent", "notes")
    # Set when the referrer is this family member (a self-referral): they get
    # the family's letter, never the professionals' referrer letter.
    self_referral_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    # Someone answered who referred (None above then means: not a member).
    # Until then a referrer whose name is a member's is taken to be them.
    self_referral_recorded: Mapped[bool] = mapped_column(default=False, server_default=false())

    profile: Mapped["Profile360 | None"] = relationship(back_populates="referral")


class Profile360(Entity):
    __tablename__ = "profile360"
    __table_args__ = (CheckConstraint("level_of_need BETWEEN 1 AND 4", name="level_of_need_range"),)

    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referral.id"), unique=True)
    access_locality: Mapped[uuid.UUID | None] = access_locality_column()
    profile_ref: Mapped[str] = mapped_column(String(64), unique=True)  # the access team's profile_id
    format: Mapped[str] = mapped_column(String(40))
    compiled_at: Mapped[dt.datetime]
    compiled_by_name: Mapped[str | None] = contract_text("contact", "name")
    compiled_by_role: Mapped[str | None] = contract_text("contact", "role")
    compiled_by_agency: Mapped[str | None] = contract_text("contact", "agency")
    compiled_by_email: Mapped[str | None] = contract_text("contact", "email")
    compiled_by_phone: Mapped[str | None] = contract_text("contact", "phone")
    compiled_by_address_line1: Mapped[str | None] = contract_text("address", "line1")
    compiled_by_address_line2: Mapped[str | None] = contract_text("address", "line2")
    compiled_by_town: Mapped[str | None] = contract_text("address", "town")
    compiled_by_postcode: Mapped[str | None] = mapped_column(String(10))
    locality_name: Mapped[str] = contract_text("profile", "locality")  # as written in the file
    family_name: Mapped[str] = contract_text("profile", "family", "family_name")
    address_line1: Mapped[str] = contract_text("address", "line1")
    address_line2: Mapped[str | None] = contract_text("address", "line2")
    town: Mapped[str | None] = contract_text("address", "town")
    postcode: Mapped[str] = mapped_column(String(10))
    family_phone: Mapped[str | None] = contract_text("profile", "family", "phone")
    language: Mapped[str | None] = contract_text("profile", "family", "language")
    interpreter_needed: Mapped[bool | None]
    family_views: Mapped[str | None] = contract_text("profile", "family_views")
    pathway: Mapped[Pathway] = mapped_column(enum_type(Pathway))
    suggested_lead_agency: Mapped[str | None] = contract_text("profile", "recommendation", "suggested_lead_agency")
    suggested_lead_agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agency.id"))
    level_of_need: Mapped[int | None]
    rationale: Mapped[str] = contract_text("profile", "recommendation", "rationale")
    # Holds the restricted items too: loaded only when asked for, because on
    # PostgreSQL lead professionals may read every column of this table but
    # this one (migration 0014).
    original_document: Mapped[str] = mapped_column(Text, deferred=True)
    original_sha256: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str | None] = mapped_column(String(400))
    imported_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))

    referral: Mapped[Referral] = relationship(back_populates="profile")
    members: Mapped[list["ProfileMember"]] = relationship(
        cascade="all, delete-orphan", order_by="ProfileMember.position"
    )
    needs: Mapped[list["ProfileNeed"]] = relationship(cascade="all, delete-orphan", order_by="ProfileNeed.position")
    involvements: Mapped[list["ProfileInvolvement"]] = relationship(
        cascade="all, delete-orphan", order_by="ProfileInvolvement.position"
    )
    risks: Mapped[list["ProfileRisk"]] = relationship(cascade="all, delete-orphan", order_by="ProfileRisk.position")
    strengths: Mapped[list["ProfileStrength"]] = relationship(
        cascade="all, delete-orphan", order_by="ProfileStrength.position"
    )


class _ProfilePart(Entity):
    __abstract__ = True

    profile_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("profile360.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    access_locality: Mapped[uuid.UUID | None] = access_locality_column()


class ProfileMember(_ProfilePart):
    """A family member as the profile describes them."""

    __tablename__ = "profile_member"
    __table_args__ = (UniqueConstraint("profile_id", "member_ref"),)

    member_ref: Mapped[str] = mapped_column(String(40))  # the profile's member_id
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
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
    ethnicity: Mapped[str | None] = contract_text("person", "ethnicity")
    first_language: Mapped[str | None] = contract_text("person", "first_language")
    disability: Mapped[str | None] = contract_text("person", "disability")


class ProfileNeed(_ProfilePart):
    __tablename__ = "profile_need"

    area: Mapped[NeedArea] = mapped_column(enum_type(NeedArea))
    level: Mapped[Level] = mapped_column(enum_type(Level))
    summary: Mapped[str] = contract_text("profile", "needs", "summary")
    members: Mapped[list[ProfileMember]] = relationship(
        secondary="profile_need_member", order_by="ProfileMember.position"
    )


class ProfileInvolvement(_ProfilePart):
    """What one agency knows of the family. Restricted items stay in the LCMG."""

    __tablename__ = "profile_involvement"

    agency_name: Mapped[str] = contract_text("profile", "agency_involvement", "agency")  # as written in the file
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agency.id"), index=True)
    status: Mapped[InvolvementStatus] = mapped_column(enum_type(InvolvementStatus))
    worker: Mapped[str | None] = contract_text("profile", "agency_involvement", "worker")
    summary: Mapped[str | None] = contract_text("profile", "agency_involvement", "summary")
    source: Mapped[str | None] = contract_text("profile", "agency_involvement", "source")
    restricted: Mapped[bool] = mapped_column(default=False)
    members: Mapped[list[ProfileMember]] = relationship(
        secondary="profile_involvement_member", order_by="ProfileMember.position"
    )


class RestrictedShare(Entity):
    """The chair shared a restricted item with one member of the Team Around
    the Family: only they, beyond the locality's managers and business
    support, may read it."""

    __tablename__ = "restricted_share"
    __table_args__ = (UniqueConstraint("involvement_id", "professional_id"),)

    involvement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("profile_involvement.id", ondelete="CASCADE"), index=True
    )
    professional_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("professional.id"), index=True)
    shared_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    shared_by_name: Mapped[str] = mapped_column(String(160))  # kept even if the user is renamed


class ProfileRisk(_ProfilePart):
    __tablename__ = "profile_risk"

    summary: Mapped[str] = contract_text("profile", "risks", "summary")
    level: Mapped[Level] = mapped_column(enum_type(Level))
    members: Mapped[list[ProfileMember]] = relationship(
        secondary="profile_risk_member", order_by="ProfileMember.position"
    )


class ProfileStrength(_ProfilePart):
    __tablename__ = "profile_strength"

    text: Mapped[str] = contract_text("profile", "strengths")


class ProfileNeedMember(Entity):
    __tablename__ = "profile_need_member"
    __table_args__ = (UniqueConstraint("need_id", "member_id"),)

    need_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("profile_need.id", ondelete="CASCADE"))
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("profile_member.id", ondelete="CASCADE"))


class ProfileInvolvementMember(Entity):
    __tablename__ = "profile_involvement_member"
    __table_args__ = (UniqueConstraint("involvement_id", "member_id"),)

    involvement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("profile_involvement.id", ondelete="CASCADE"))
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("profile_member.id", ondelete="CASCADE"))


class ProfileRiskMember(Entity):
    __tablename__ = "profile_risk_member"
    __table_args__ = (UniqueConstraint("risk_id", "member_id"),)

    risk_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("profile_risk.id", ondelete="CASCADE"))
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("profile_member.id", ondelete="CASCADE"))


class MatchSuggestion(Entity):
    """A known family the incoming profile may belong to, for a person to
    confirm or reject. `evidence` is a JSON list of sentences with points;
    `pairs` a JSON list of [member_ref, person id] pairings. A profile linked
    to a family by hand keeps the link here, confirmed, with the person's
    `note` saying why (services/family_links.py)."""

    __tablename__ = "match_suggestion"
    __table_args__ = (UniqueConstraint("profile_id", "family_id"),)

    profile_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("profile360.id", ondelete="CASCADE"), index=True)
    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    score: Mapped[int]
    evidence: Mapped[str] = mapped_column(Text)
    pairs: Mapped[str] = mapped_column(Text)
    status: Mapped[SuggestionStatus] = mapped_column(enum_type(SuggestionStatus), index=True)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    decided_at: Mapped[dt.datetime | None]
    note: Mapped[str | None] = mapped_column(Text)  # why it was linked by hand

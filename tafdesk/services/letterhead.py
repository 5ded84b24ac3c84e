"""The letterhead documents carry: the organisation's name, department,
address, contact details, footer, logo and who signs letters. Shared by
everyone on the database (AppSetting "documents.letterhead", JSON; the logo
as base64 PNG). Changing it is audited.

A locality may have a letterhead of its own (a different department, address,
telephone or signatory), kept beside the council-wide one as AppSetting
"documents.letterhead.<locality code>" in the same form: settings need no
table of their own, and codes are fixed (they begin every case reference).
A locality without one follows the council-wide letterhead, whole; resetting
a locality deletes its own, so that it follows again."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import asdict, dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tafdesk.db import Database
from tafdesk.exports.document import Letterhead
from tafdesk.models import AppSetting, Locality
from tafdesk.services import audit, locality_choice
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ValidationError
from tafdesk.services.locality_choice import ForChoice

KEY = "documents.letterhead"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_LOGO_BYTES = 512 * 1024
DEFAULT = Letterhead(
    organisation="Early Help Service",
    footer="This document contains personal information. Keep it safe and share it only with those who need it.",
)


@dataclass(frozen=True)
class LetterheadSettings:
    """The letterhead as a form edits it (the logo as PNG bytes or None)."""

    organisation: str
    department: str = ""
    address: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    website: str = ""
    footer: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    logo_png: bytes | None = None
    complaints: str = ""
    privacy_contact: str = ""


class LetterheadService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def letterhead(self, locality_id: uuid.UUID | None = None) -> Letterhead:
        """The letterhead a locality's documents carry (its own, or the
        council-wide one); with no locality, the council-wide one."""
        with self._db.reader() as s:
            return letterheads_for(s, {locality_id})[locality_id]

    def choices(self) -> list[ForChoice]:
        """Council-wide, then each locality by name, saying which have their own."""
        with self._db.reader() as s:
            keys = s.scalars(select(AppSetting.key).where(AppSetting.key.startswith(f"{KEY}.")))
            return locality_choice.choices(s, own_codes={k.removeprefix(f"{KEY}.") for k in keys})

    def reset(self, locality_id: uuid.UUID) -> None:
        """The locality follows the council-wide letterhead again (its own is
        deleted; the audit trail keeps what it said)."""
        self._actor.require(Permission.EDIT_TEMPLATES)
        with self._db.session() as s:
            key = key_for(locality_choice.name_and_code(s, locality_id)[1])
            row = s.scalar(select(AppSetting).where(AppSetting.key == key))
            if row is None:
                return
            audit.record(s, self._actor, "letterhead.reset", "app_setting", row.id, {key: [_audited(row.value), None]})
            s.execute(delete(AppSetting).where(AppSetting.id == row.id))

    def save(self, settings: LetterheadSettings, locality_id: uuid.UUID | None = None) -> Letterhead:
        """Save the council-wide letterhead, or a locality's own."""
        self._actor.require(Permission.EDIT_TEMPLATES)
        problems = {}
        if not settings.organisation.strip():
            problems["organisation"] = "Every letterhead needs the organisation's name."
        if settings.logo_png is not None:
            if not settings.logo_png.startswith(PNG_SIGNATURE):
                problems["logo"] = "The logo must be a PNG picture."
            elif len(settings.logo_png) > MAX_LOGO_BYTES:
                problems["logo"] = "The logo is larger than 512 KB: please use a smaller picture."
        if problems:
            raise ValidationError(problems)
        head = Letterhead(
            organisation=settings.organisation.strip(),
            department=settings.department.strip() or None,
            address=tuple(line.strip() for line in settings.address if line.strip()),
            phone=settings.phone.strip() or None,
            email=settings.email.strip() or None,
            website=settings.website.strip() or None,
            footer=settings.footer.strip() or None,
            signatory_name=settings.signatory_name.strip() or None,
            signatory_title=settings.signatory_title.strip() or None,
            logo_png=settings.logo_png,
            complaints=settings.complaints.strip() or None,
            privacy_contact=settings.privacy_contact.strip() or None,
        )
        text = to_json(head)
        with self._db.session() as s:
            key = KEY if locality_id is None else key_for(locality_choice.name_and_code(s, locality_id)[1])
            row = s.scalar(select(AppSetting).where(AppSetting.key == key))
            if row is None:
                row = AppSetting(key=key, value=text)
                s.add(row)
                s.flush()
            else:
                row.value = text
            audit.record(s, self._actor, "letterhead.changed", "app_setting", row.id, {key: [None, _audited(text)]})
        return head


def key_for(code: str) -> str:
    return f"{KEY}.{code}"


def letterheads_for(s: Session, locality_ids: set[uuid.UUID | None]) -> dict[uuid.UUID | None, Letterhead]:
    """Each locality's letterhead (None: the council-wide one), in two small
    reads, for every document of a pack or a plan's one."""
    wanted = locality_ids - {None}
    codes = dict(s.execute(select(Locality.id, Locality.code).where(Locality.id.in_(wanted))).all()) if wanted else {}
    keys = [KEY, *(key_for(code) for code in codes.values())]
    texts = dict(s.execute(select(AppSetting.key, AppSetting.value).where(AppSetting.key.in_(keys))).all())
    council = from_json(texts[KEY]) if texts.get(KEY) else DEFAULT
    own: dict[uuid.UUID | None, str | None] = {i: texts.get(key_for(code)) for i, code in codes.items()}
    return {i: from_json(text) if (text := own.get(i)) else council for i in locality_ids}


def own_letterhead_name(s: Session, locality_id: uuid.UUID | None) -> str | None:
    """The locality's name if it has a letterhead of its own (to say which
    letterhead lacks something); None if it follows the council-wide one."""
    if locality_id is None:
        return None
    name, code = locality_choice.name_and_code(s, locality_id)
    return name if s.scalar(select(AppSetting.id).where(AppSetting.key == key_for(code))) else None


def _audited(text: str) -> dict:
    """The letterhead as the audit trail keeps it: every field, the logo as set or none."""
    data = json.loads(text)
    data["logo"] = "set" if data.pop("logo_png", None) else "none"
    return data


def to_json(head: Letterhead) -> str:
    data = asdict(head)
    data["address"] = list(head.address)
    data["logo_png"] = base64.b64encode(head.logo_png).decode("ascii") if head.logo_png else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> Letterhead:
    data = json.loads(text)
    logo = data.get("logo_png")
    try:
        logo_bytes = base64.b64decode(logo) if logo else None
    except (binascii.Error, ValueError):
        logo_bytes = None
    return Letterhead(
        organisation=data.get("organisation") or DEFAULT.organisation,
        department=data.get("department"),
        address=tuple(data.get("address") or ()),
        phone=data.get("phone"),
        email=data.get("email"),
        website=data.get("website"),
        footer=data.get("footer"),
        signatory_name=data.get("signatory_name"),
        signatory_title=data.get("signatory_title"),
        logo_png=logo_bytes,
        complaints=data.get("complaints"),
        privacy_contact=data.get("privacy_contact"),
    )

"""The letterhead documents carry: the organisation's name, department,
address, contact details, footer, logo and who signs letters. Shared by
everyone on the database (AppSetting "documents.letterhead", JSON; the logo
as base64 PNG). Changing it is audited."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import asdict, dataclass

from sqlalchemy import select

from tafdesk.db import Database
from tafdesk.exports.document import Letterhead
from tafdesk.models import AppSetting
from tafdesk.services import audit
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ValidationError

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

    def letterhead(self) -> Letterhead:
        with self._db.reader() as s:
            text = s.scalar(select(AppSetting.value).where(AppSetting.key == KEY))
        return from_json(text) if text else DEFAULT

    def save(self, settings: LetterheadSettings) -> Letterhead:
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
            organisation=settings.organisation.strip(), department=settings.department.strip() or None,
            address=tuple(line.strip() for line in settings.address if line.strip()), phone=settings.phone.strip() or None,
            email=settings.email.strip() or None, website=settings.website.strip() or None,
            footer=settings.footer.strip() or None, signatory_name=settings.signatory_name.strip() or None,
            signatory_title=settings.signatory_title.strip() or None, logo_png=settings.logo_png,
            complaints=settings.complaints.strip() or None, privacy_contact=settings.privacy_contact.strip() or None,
        )  # fmt: skip
        text = to_json(head)
        with self._db.session() as s:
            row = s.scalar(select(AppSetting).where(AppSetting.key == KEY))
            if row is None:
                row = AppSetting(key=KEY, value=text)
                s.add(row)
                s.flush()
            else:
                row.value = text
            changes = {k: v for k, v in json.loads(text).items() if k != "logo_png"}
            changes["logo"] = "set" if head.logo_png else "none"
            audit.record(s, self._actor, "letterhead.changed", "app_setting", row.id, {KEY: [None, changes]})
        return head


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
        organisation=data.get("organisation") or DEFAULT.organisation, department=data.get("department"),
        address=tuple(data.get("address") or ()), phone=data.get("phone"), email=data.get("email"),
        website=data.get("website"), footer=data.get("footer"), signatory_name=data.get("signatory_name"),
        signatory_title=data.get("signatory_title"), logo_png=logo_bytes, complaints=data.get("complaints"),
        privacy_contact=data.get("privacy_contact"),
    )  # fmt: skip

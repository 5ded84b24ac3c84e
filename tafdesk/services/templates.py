"""Letter templates: the current version of each letter type, its history,
checking and saving a new version, and a preview with sample data.

Until someone saves a version, a letter type uses the default shipped in
resources/templates (shown as version 0). Saving checks every merge field
against the letter type's catalogue; a template with an unknown field is
refused with each problem's line and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update

from tafdesk.db import Database
from tafdesk.exports import merge_fields
from tafdesk.exports.document import Document
from tafdesk.exports.merge_fields import LETTER_NAMES, LETTER_TYPES, RECIPIENT, FieldInfo
from tafdesk.exports.template_text import TemplateError, TemplateProblem, check
from tafdesk.models import DocumentType, LetterTemplate
from tafdesk.paths import resource_path
from tafdesk.services import audit
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ServiceError, ValidationError

MAX_BODY = 40_000


class TemplateInvalid(ServiceError):
    """The template has problems; `problems` says where each is."""

    def __init__(self, problems: list[TemplateProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("The template was not saved: " + "; ".join(str(p) for p in problems))


class LetterheadIncomplete(ServiceError):
    """The template is sound, but letters made from it would ask the
    letterhead for something it lacks (a telephone number, say)."""

    def __init__(self, why: str) -> None:
        super().__init__(f"The preview cannot be shown, and letters cannot be made yet: {why}")


@dataclass(frozen=True)
class TemplateVersion:
    letter_type: DocumentType
    version: int  # 0: the default shipped with tafdesk
    body: str
    note: str | None
    created_by: str
    created_at: dt.datetime | None
    is_current: bool


def default_body(letter_type: DocumentType) -> str:
    return resource_path("templates", f"{letter_type.value}.md").read_text(encoding="utf-8")


def recipient_words(letter_type: DocumentType) -> str:
    from tafdesk.exports.builders.letters import RECIPIENT_WORDS

    return RECIPIENT_WORDS[RECIPIENT[letter_type]]


class TemplateService:
    """Everyone may read the templates; business support, managers and administrators change them."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    @staticmethod
    def letter_types() -> list[tuple[DocumentType, str]]:
        return [(t, LETTER_NAMES[t]) for t in LETTER_TYPES]

    @staticmethod
    def catalogue(letter_type: DocumentType) -> tuple[FieldInfo, ...]:
        _letter(letter_type)
        return merge_fields.catalogue(letter_type)

    def current(self, letter_type: DocumentType) -> TemplateVersion:
        _letter(letter_type)
        with self._db.reader() as s:
            row = s.scalar(select(LetterTemplate).where(LetterTemplate.letter_type == letter_type,
                                                        LetterTemplate.is_current))  # fmt: skip
            return _version(row) if row else _default(letter_type)

    def current_bodies(self) -> dict[DocumentType, str]:
        """Every letter type's current template, in one read (for a meeting pack)."""
        with self._db.reader() as s:
            saved = {r.letter_type: r.body for r in s.scalars(select(LetterTemplate).where(LetterTemplate.is_current))}
        return {t: saved.get(t) or default_body(t) for t in LETTER_TYPES}

    def versions(self, letter_type: DocumentType) -> list[TemplateVersion]:
        """Every saved version, newest first, then the shipped default."""
        _letter(letter_type)
        with self._db.reader() as s:
            rows = s.scalars(select(LetterTemplate).where(LetterTemplate.letter_type == letter_type)
                             .order_by(LetterTemplate.template_version.desc())).all()  # fmt: skip
            out = [_version(r) for r in rows]
        default = _default(letter_type)
        return [*out, TemplateVersion(letter_type, 0, default.body, default.note, default.created_by, None, not out)]

    def check(self, letter_type: DocumentType, body: str) -> list[TemplateProblem]:
        _letter(letter_type)
        return check(body, {f.name: f for f in merge_fields.catalogue(letter_type)}, recipient_words(letter_type))

    def save(self, letter_type: DocumentType, body: str, note: str | None = None) -> TemplateVersion:
        """Save the body as the letter type's new current version."""
        self._actor.require(Permission.EDIT_TEMPLATES)
        _letter(letter_type)
        if not body.strip():
            raise ValidationError({"body": "A letter template cannot be empty."})
        if len(body) > MAX_BODY:
            raise ValidationError({"body": f"A letter template can be at most {MAX_BODY:,} characters long."})
        problems = self.check(letter_type, body)
        if problems:
            raise TemplateInvalid(problems)
        with self._db.session() as s:
            number = (s.scalar(select(func.max(LetterTemplate.template_version))
                               .where(LetterTemplate.letter_type == letter_type)) or 0) + 1  # fmt: skip
            s.execute(update(LetterTemplate).where(LetterTemplate.letter_type == letter_type, LetterTemplate.is_current)
                      .values(is_current=False, version=LetterTemplate.version + 1),
                      execution_options={"synchronize_session": False})  # fmt: skip
            row = LetterTemplate(letter_type=letter_type, template_version=number, body=body, note=(note or "").strip() or None,
                                 is_current=True, created_by_id=self._actor.user_id, created_by_name=self._actor.name)  # fmt: skip
            s.add(row)
            s.flush()
            audit.record(s, self._actor, "template.saved", "letter_template", row.id,
                         {"letter_type": [None, letter_type], "template_version": [number - 1 or None, number]})  # fmt: skip
            return _version(row)

    def preview(self, letter_type: DocumentType, body: str) -> Document:
        """The letter as it would look, with sample data and the organisation's
        letterhead. Raises TemplateInvalid if the body has problems."""
        from tafdesk.exports.builders.letters import build_letter
        from tafdesk.exports.letter_notices import LetterheadGap
        from tafdesk.exports.samples import sample_common, sample_view
        from tafdesk.services.letterhead import LetterheadService

        problems = self.check(letter_type, body)
        if problems:
            raise TemplateInvalid(problems)
        letterhead = LetterheadService(self._db, self._actor).letterhead()
        common = sample_common()
        common = type(common)(common.today, letterhead, letterhead.signatory_name or "", letterhead.signatory_title)
        try:
            return build_letter(letter_type, body, sample_view(letter_type), common, letterhead)
        except TemplateError as exc:  # the template is sound; what it asks of the letterhead is missing
            raise LetterheadIncomplete("; ".join(str(p) for p in exc.problems)) from None
        except LetterheadGap as exc:
            raise LetterheadIncomplete(str(exc)) from None


def _letter(letter_type: DocumentType) -> None:
    if letter_type not in LETTER_TYPES:
        raise ValidationError({"letter_type": f"{letter_type.value} is not a kind of letter."})


def _version(row: LetterTemplate) -> TemplateVersion:
    return TemplateVersion(row.letter_type, row.template_version, row.body, row.note, row.created_by_name, row.created_at,
                           row.is_current)  # fmt: skip


def _default(letter_type: DocumentType) -> TemplateVersion:
    return TemplateVersion(letter_type, 0, default_body(letter_type), "The template shipped with tafdesk.", "tafdesk",
                           None, True)  # fmt: skip

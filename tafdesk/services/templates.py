"""Letter templates: the current version of each letter type, its history,
checking and saving a new version, and a preview with sample data.

Until someone saves a version, a letter type uses the default shipped in
resources/templates (shown as version 0). Saving checks every merge field
against the letter type's catalogue; a template with an unknown field is
refused with each problem's line and column.

A locality may have versions of its own, numbered apart from the
council-wide ones; a locality without a current one of its own uses the
council-wide current version (or the shipped default). Following the
council-wide template again keeps the locality's versions for the record.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tafdesk.db import Database
from tafdesk.exports.document import Document
from tafdesk.exports.merge_fields import LETTER_NAMES, LETTER_TYPES, RECIPIENT, FieldInfo
from tafdesk.exports.samples import catalogue, sample_common, sample_view
from tafdesk.exports.template_text import TemplateError, TemplateProblem, check
from tafdesk.models import DocumentType, LetterTemplate
from tafdesk.paths import resource_path
from tafdesk.services import audit, locality_choice
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ServiceError, ValidationError
from tafdesk.services.locality_choice import ForChoice

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
    locality_id: uuid.UUID | None = None  # whose version it is (None: council-wide, or the shipped default)
    template_id: uuid.UUID | None = None  # its row (None: the shipped default)


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
        return catalogue(letter_type)

    def current(self, letter_type: DocumentType, locality_id: uuid.UUID | None = None) -> TemplateVersion:
        """The template a locality's letters of this type use: its own current
        version, else the council-wide one, else the shipped default."""
        _letter(letter_type)
        with self._db.reader() as s:
            return current_templates(s, {locality_id}, (letter_type,))[locality_id][letter_type]

    def choices(self, letter_type: DocumentType) -> list[ForChoice]:
        """Council-wide, then each locality by name, saying which have a current version of their own."""
        _letter(letter_type)
        with self._db.reader() as s:
            own = {
                locality_id
                for locality_id in s.scalars(
                    select(LetterTemplate.locality_id).where(
                        LetterTemplate.letter_type == letter_type, LetterTemplate.is_current
                    )
                )
                if locality_id
            }
            return locality_choice.choices(s, own=own)

    def versions(self, letter_type: DocumentType, locality_id: uuid.UUID | None = None) -> list[TemplateVersion]:
        """Every saved version, newest first: council-wide ones then the
        shipped default, or one locality's own."""
        _letter(letter_type)
        with self._db.reader() as s:
            rows = s.scalars(
                select(LetterTemplate)
                .where(LetterTemplate.letter_type == letter_type, _of(locality_id))
                .order_by(LetterTemplate.template_version.desc())
            ).all()
            out = [_version(r) for r in rows]
        if locality_id is not None:
            return out
        default = _default(letter_type)
        return [*out, TemplateVersion(letter_type, 0, default.body, default.note, default.created_by, None, not out)]

    def check(self, letter_type: DocumentType, body: str) -> list[TemplateProblem]:
        _letter(letter_type)
        return check(body, {f.name: f for f in catalogue(letter_type)}, recipient_words(letter_type))

    def save(
        self, letter_type: DocumentType, body: str, note: str | None = None, locality_id: uuid.UUID | None = None
    ) -> TemplateVersion:
        """Save the body as the letter type's new current version, council-wide
        or for one locality."""
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
            whose = _whose(s, locality_id)
            number = (
                s.scalar(
                    select(func.max(LetterTemplate.template_version)).where(
                        LetterTemplate.letter_type == letter_type, _of(locality_id)
                    )
                )
                or 0
            ) + 1
            _not_current(s, letter_type, locality_id)
            row = LetterTemplate(
                letter_type=letter_type,
                locality_id=locality_id,
                template_version=number,
                body=body,
                note=(note or "").strip() or None,
                is_current=True,
                created_by_id=self._actor.user_id,
                created_by_name=self._actor.name,
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self._actor,
                "template.saved",
                "letter_template",
                row.id,
                {
                    "letter_type": [None, letter_type],
                    "for": [None, whose],
                    "template_version": [number - 1 or None, number],
                },
            )
            return _version(row)

    def follow_council(self, letter_type: DocumentType, locality_id: uuid.UUID) -> TemplateVersion:
        """The locality's letters of this type use the council-wide template
        again; its own versions are kept, none current. Returns what it now uses."""
        self._actor.require(Permission.EDIT_TEMPLATES)
        _letter(letter_type)
        with self._db.session() as s:
            whose = _whose(s, locality_id)
            was = s.scalar(
                select(LetterTemplate).where(
                    LetterTemplate.letter_type == letter_type, _of(locality_id), LetterTemplate.is_current
                )
            )
            if was is not None:
                _not_current(s, letter_type, locality_id)
                audit.record(
                    s,
                    self._actor,
                    "template.reset",
                    "letter_template",
                    was.id,
                    {
                        "letter_type": [None, letter_type],
                        "for": [None, whose],
                        "template_version": [was.template_version, None],
                    },
                )
        return self.current(letter_type, locality_id)

    def preview(self, letter_type: DocumentType, body: str, locality_id: uuid.UUID | None = None) -> Document:
        """The letter as it would look, with sample data and the letterhead
        (the locality's, if given). Raises TemplateInvalid if the body has problems."""
        from tafdesk.exports.builders.letters import build_letter
        from tafdesk.exports.letter_notices import LetterheadGap
        from tafdesk.services.letterhead import LetterheadService, own_letterhead_name

        problems = self.check(letter_type, body)
        if problems:
            raise TemplateInvalid(problems)
        letterhead = LetterheadService(self._db, self._actor).letterhead(locality_id)
        common = sample_common()
        common = type(common)(common.today, letterhead, letterhead.signatory_name or "", letterhead.signatory_title)
        try:
            return build_letter(letter_type, body, sample_view(letter_type), common, letterhead)
        except TemplateError as exc:  # the template is sound; what it asks of the letterhead is missing
            raise LetterheadIncomplete("; ".join(str(p) for p in exc.problems)) from None
        except LetterheadGap as exc:  # saying whose letterhead, when the locality has its own
            with self._db.reader() as s:
                whose = own_letterhead_name(s, locality_id)
            raise LetterheadIncomplete(str(LetterheadGap(list(exc.gaps), whose))) from None


def _letter(letter_type: DocumentType) -> None:
    if letter_type not in LETTER_TYPES:
        raise ValidationError({"letter_type": f"{letter_type.value} is not a kind of letter."})


def current_templates(
    s: Session, locality_ids: set[uuid.UUID | None], letter_types: Iterable[DocumentType]
) -> dict[uuid.UUID | None, dict[DocumentType, TemplateVersion]]:
    """For each locality (None: council-wide) and letter type, the template
    its letters use, in one read."""
    wanted = [i for i in locality_ids if i is not None]
    rows = s.scalars(
        select(LetterTemplate).where(
            LetterTemplate.is_current, LetterTemplate.locality_id.is_(None) | LetterTemplate.locality_id.in_(wanted)
        )
    ).all()
    saved = {(r.locality_id, r.letter_type): _version(r) for r in rows}
    council = {t: saved.get((None, t)) or _default(t) for t in letter_types}
    return {i: {t: saved.get((i, t)) or council[t] for t in letter_types} for i in locality_ids}


def _of(locality_id: uuid.UUID | None):
    return LetterTemplate.locality_id.is_(None) if locality_id is None else LetterTemplate.locality_id == locality_id


def _whose(s: Session, locality_id: uuid.UUID | None) -> str:
    """ "Council-wide" or the locality's name (NotFound if it has gone), for the audit trail."""
    return locality_choice.COUNCIL_WIDE if locality_id is None else locality_choice.name_and_code(s, locality_id)[0]


def _not_current(s: Session, letter_type: DocumentType, locality_id: uuid.UUID | None) -> None:
    s.execute(
        update(LetterTemplate)
        .where(LetterTemplate.letter_type == letter_type, _of(locality_id), LetterTemplate.is_current)
        .values(is_current=False, version=LetterTemplate.version + 1),
        execution_options={"synchronize_session": False},
    )


def _version(row: LetterTemplate) -> TemplateVersion:
    return TemplateVersion(
        row.letter_type,
        row.template_version,
        row.body,
        row.note,
        row.created_by_name,
        row.created_at,
        row.is_current,
        row.locality_id,
        row.id,
    )


def _default(letter_type: DocumentType) -> TemplateVersion:
    return TemplateVersion(
        letter_type, 0, default_body(letter_type), "The template shipped with tafdesk.", "tafdesk", None, True
    )

"""Letterheads and letter templates per locality: a locality's own are what
its documents carry (minutes: the meeting's locality; letters and plans: the
case's), a locality without its own follows the council-wide ones, and can
be made to follow them again; the register records which template version
made each letter; and only those who edit templates may change any of it.

The files are read as a reader sees them (pdftotext, python-docx)."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.models import AuditEvent, Case, DocumentFormat, DocumentType, LetterTemplate, Locality, Role
from tafdesk.services.actor import Actor
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConflictError, NotFound, PermissionDenied, ServiceError
from tafdesk.services.letterhead import LetterheadService
from tafdesk.services.templates import TemplateService
from tests.documents.conftest import CLERK, LETTERHEAD, TODAY, docx_text, pdf_text, squash

T = DocumentType
PDF = (DocumentFormat.PDF,)
LEAD = Actor(None, "Lead Tester", Role.LEAD_PROFESSIONAL)
NORTH_HEAD = dataclasses.replace(
    LETTERHEAD,
    department="North Locality Team",
    address=("North Hub", "1 Mill Lane", "Northtown", "NT9 9ZZ"),
    phone="01632 961111",
    signatory_name="Riley Northsign",
    signatory_title="North Locality Manager",
)
SOUTH_HEAD = dataclasses.replace(
    LETTERHEAD,
    department="South Locality Team",
    address=("South Hub", "Southtown", "ST1 2AB"),
    phone="01632 962222",
    signatory_name="Sam Southsign",
    signatory_title="South Locality Manager",
)
COUNCIL_SIGNATORY = LETTERHEAD.signatory_name


def _north(db) -> uuid.UUID:
    with db.reader() as s:
        return s.scalar(select(Locality.id).where(Locality.code == "N"))


def _south_with(db, case_id: uuid.UUID) -> uuid.UUID:
    """A South locality, to which the case has moved since it was referred."""
    with db.session() as s:
        south = Locality(name="South", code="S")
        s.add(south)
        s.flush()
        s.get(Case, case_id).locality_id = south.id
        return south.id


def _texts(entries) -> dict[tuple, str]:
    return {(e.case_id, e.doc_type): squash(pdf_text(Path(e.path))) for e in entries}


def test_a_localitys_own_letterhead_is_on_its_letters_and_the_others_follow_the_council_wide_one(pack_world, tmp_path):
    db, byrne = pack_world.db, pack_world.cases["Byrne"]
    south = _south_with(db, byrne)
    LetterheadService(db, CLERK).save(SOUTH_HEAD, south)
    entries = DocumentService(db, CLERK, today=TODAY).produce_meeting_pack(pack_world.meeting_id, tmp_path, PDF)
    texts = _texts(entries)
    byrne_letters = {k: v for k, v in texts.items() if k[0] == byrne}
    assert {t for _, t in byrne_letters} == {T.LETTER_REFERRER, T.LETTER_STEP_UP}
    for text in byrne_letters.values():  # the case's locality: South
        assert "South Locality Team" in text and "South Hub" in text and "Sam Southsign South Locality Manager" in text
        assert COUNCIL_SIGNATORY not in text
    others = [v for (case, _), v in texts.items() if case not in (byrne, None)]
    assert others and all(COUNCIL_SIGNATORY in v and "South" not in v for v in others)
    for edition in (T.MINUTES_FULL, T.MINUTES_CIRCULATION):  # the meeting's locality: North, which has none of its own
        assert "Early Help Service" in texts[(None, edition)] and "South Locality Team" not in texts[(None, edition)]


def test_a_locality_letterhead_reaches_the_minutes_letters_and_plan_until_it_is_reset(pack_world, tmp_path):
    db, north = pack_world.db, _north(pack_world.db)
    letterheads = LetterheadService(db, CLERK)
    letterheads.save(NORTH_HEAD, north)
    assert letterheads.letterhead() == letterheads.letterhead(None) != letterheads.letterhead(north)
    service = DocumentService(db, CLERK, today=TODAY)
    entries = service.produce_meeting_pack(pack_world.meeting_id, tmp_path / "pack", PDF)
    entries.append(service.produce_plan(pack_world.cases["Nguyễn"], DocumentFormat.PDF, tmp_path / "plan.pdf"))
    for text in _texts(entries).values():
        assert "North Locality Team" in text and "NT9 9ZZ" in text and "01632 961111" in text
        assert COUNCIL_SIGNATORY not in text
    family = next(e for e in entries if e.doc_type is T.LETTER_FAMILY)
    assert "Riley Northsign North Locality Manager" in squash(pdf_text(Path(family.path)))
    word = service.produce_case_letter(
        pack_world.cases["Nguyễn"], T.LETTER_REVIEW_INVITATION, DocumentFormat.DOCX, tmp_path / "review.docx"
    )
    assert "North Locality Team" in docx_text(Path(word.path)) and "Riley Northsign" in docx_text(Path(word.path))

    letterheads.reset(north)
    letterheads.reset(north)  # already following: nothing to do, nothing audited
    assert letterheads.letterhead(north) == letterheads.letterhead()
    again = service.produce_letter(pack_world.meeting_id, pack_world.cases["Nguyễn"], T.LETTER_FAMILY, tmp_path, PDF)
    text = squash(pdf_text(Path(again[0].path)))
    assert COUNCIL_SIGNATORY in text and "North Locality Team" not in text
    with db.reader() as s:
        events = s.execute(
            select(AuditEvent.action, AuditEvent.changes)
            .where(AuditEvent.action.like("letterhead.%"))
            .order_by(AuditEvent.occurred_at)
        ).all()
    assert [action for action, _ in events] == ["letterhead.changed", "letterhead.changed", "letterhead.reset"]
    assert '"documents.letterhead.N"' in events[1][1] and "Riley Northsign" in events[2][1]


def test_choices_say_which_localities_have_their_own(db):
    with db.session() as s:
        s.add_all([Locality(name="North", code="N"), Locality(name="South", code="S")])
    letterheads = LetterheadService(db, CLERK)
    north = _north(db)
    letterheads.save(NORTH_HEAD, north)
    assert [(c.name, c.own, c.code) for c in letterheads.choices()] == [
        ("Council-wide", True, None),
        ("North", True, "N"),
        ("South", False, "S"),
    ]
    with pytest.raises(NotFound, match="locality is no longer in the database"):
        letterheads.save(NORTH_HEAD, uuid.uuid4())


def test_only_those_who_edit_templates_may_change_a_localitys_letterhead_or_templates(db):
    with db.session() as s:
        s.add(Locality(name="North", code="N"))
    north = _north(db)
    LetterheadService(db, CLERK).save(NORTH_HEAD, north)
    TemplateService(db, CLERK).save(T.LETTER_IAG, "Dear «referrer.name»,\n\nNorth wording.", locality_id=north)
    with pytest.raises(PermissionDenied, match="may not edit letter templates and the letterhead"):
        LetterheadService(db, LEAD).save(SOUTH_HEAD, north)
    with pytest.raises(PermissionDenied):
        LetterheadService(db, LEAD).reset(north)
    with pytest.raises(PermissionDenied):
        TemplateService(db, LEAD).save(T.LETTER_IAG, "Dear «referrer.name»,\n\nMine.", locality_id=north)
    with pytest.raises(PermissionDenied):
        TemplateService(db, LEAD).follow_council(T.LETTER_IAG, north)
    assert LetterheadService(db, CLERK).letterhead(north).department == "North Locality Team"
    assert TemplateService(db, CLERK).current(T.LETTER_IAG, north).body.endswith("North wording.")


def test_a_locality_template_is_numbered_apart_and_followed_until_it_is_reset(db):
    with db.session() as s:
        s.add_all([Locality(name="North", code="N"), Locality(name="South", code="S")])
    north = _north(db)
    templates = TemplateService(db, CLERK)
    assert templates.current(T.LETTER_IAG, north).version == 0  # nothing saved: the shipped default
    templates.save(T.LETTER_IAG, "Dear «referrer.name»,\n\nCouncil one.")
    templates.save(T.LETTER_IAG, "Dear «referrer.name»,\n\nCouncil two.")
    mine = templates.save(T.LETTER_IAG, "Dear «referrer.name»,\n\nNorth one.", locality_id=north)
    assert (mine.version, mine.locality_id) == (1, north)
    assert templates.current(T.LETTER_IAG).body.endswith("Council two.")
    assert templates.current(T.LETTER_IAG, north).body.endswith("North one.")
    south = next(c.locality_id for c in templates.choices(T.LETTER_IAG) if c.name == "South")
    assert templates.current(T.LETTER_IAG, south).body.endswith("Council two.")
    assert [(c.name, c.own) for c in templates.choices(T.LETTER_IAG)] == [
        ("Council-wide", True),
        ("North", True),
        ("South", False),
    ]
    assert [c.own for c in templates.choices(T.LETTER_FAMILY)] == [True, False, False]  # per letter type
    assert [v.version for v in templates.versions(T.LETTER_IAG)] == [2, 1, 0]
    assert [v.version for v in templates.versions(T.LETTER_IAG, north)] == [1]

    now = templates.follow_council(T.LETTER_IAG, north)
    assert (now.version, now.locality_id) == (2, None) and now.body.endswith("Council two.")
    assert [(v.version, v.is_current) for v in templates.versions(T.LETTER_IAG, north)] == [(1, False)]
    assert templates.save(T.LETTER_IAG, "Dear «referrer.name»,\n\nNorth two.", locality_id=north).version == 2
    with db.reader() as s:
        audited = s.scalars(select(AuditEvent.changes).where(AuditEvent.action == "template.reset")).all()
    assert len(audited) == 1 and '"North"' in audited[0]


def test_one_current_version_per_letter_type_and_locality_council_wide_included(db):
    """The database itself refuses a second current version, and a version
    number twice, where the locality is NULL as much as where it is not."""
    with db.session() as s:
        s.add(Locality(name="North", code="N"))
    north = _north(db)

    def add(locality_id, number, current=True) -> None:
        with db.session() as s:
            s.add(
                LetterTemplate(
                    letter_type=T.LETTER_IAG,
                    locality_id=locality_id,
                    template_version=number,
                    body="x",
                    is_current=current,
                    created_by_name="test",
                )
            )

    for locality_id in (None, north):
        add(locality_id, 1)
        with pytest.raises(ServiceError):
            add(locality_id, 2)  # a second current one
        with pytest.raises(ServiceError):
            add(locality_id, 1, current=False)  # the same number again
        add(locality_id, 2, current=False)
    with db.reader() as s:
        assert s.scalar(select(LetterTemplate.id).where(LetterTemplate.locality_id.is_(None)).limit(1)) is not None


def test_letters_use_their_case_localitys_template_and_the_register_records_the_version(pack_world, tmp_path):
    db, byrne = pack_world.db, pack_world.cases["Byrne"]
    north = _north(db)
    _south_with(db, byrne)
    templates = TemplateService(db, CLERK)
    council = templates.save(T.LETTER_REFERRER, "# Council\n\nDear «referrer.name», the council-wide wording.")
    templates.save(T.LETTER_REFERRER, "# North\n\nDear «referrer.name», North's first wording.", locality_id=north)
    mine = templates.save(T.LETTER_REFERRER, "# North\n\nDear «referrer.name», North's wording.", locality_id=north)
    service = DocumentService(db, CLERK, today=TODAY)
    entries = service.produce_letters(pack_world.meeting_id, tmp_path, PDF)
    referrer = {e.case_id: e for e in entries if e.doc_type is T.LETTER_REFERRER}
    assert "North's wording" in squash(pdf_text(Path(referrer[pack_world.cases["Nguyễn"]].path)))
    assert "the council-wide wording" in squash(pdf_text(Path(referrer[byrne].path)))  # South has none of its own
    assert (referrer[byrne].template_version, referrer[byrne].template_locality) == (council.version, None)
    north_entry = referrer[pack_world.cases["Nguyễn"]]
    assert (north_entry.template_version, north_entry.template_locality) == (mine.version, "North")
    assert north_entry.template_words == "North’s template, version 2"
    family = next(e for e in entries if e.doc_type is T.LETTER_FAMILY)
    assert family.template_words == "the shipped template"

    templates.follow_council(T.LETTER_REFERRER, north)
    again = service.reproduce(north_entry.id)
    assert "the council-wide wording" in squash(pdf_text(Path(again.path)))
    listed = {e.id: e for e in service.list()}  # as the register reads them back
    assert listed[north_entry.id].template_words == "North’s template, version 2"
    assert listed[again.id].template_words == "the council-wide template, version 1"
    assert listed[family.id].template_words == "the shipped template"
    minutes = service.produce_minutes(pack_world.meeting_id, T.MINUTES_FULL, DocumentFormat.PDF, tmp_path / "m.pdf")
    assert service.entry(minutes.id).template_words is None
    with db.reader() as s:
        produced = s.scalar(select(AuditEvent.changes).where(AuditEvent.entity_id == north_entry.id))
    assert '"template_version": [null, 2]' in produced


def test_a_pack_names_the_locality_whose_own_letterhead_lacks_what_letters_need(pack_world, tmp_path):
    db = pack_world.db
    LetterheadService(db, CLERK).save(dataclasses.replace(NORTH_HEAD, phone=""), _north(db))
    with pytest.raises(ConflictError) as refused:
        DocumentService(db, CLERK, today=TODAY).produce_letters(pack_world.meeting_id, tmp_path / "letters", PDF)
    assert str(refused.value) == (
        "Letters cannot be made until North’s letterhead has a telephone number: add them "
        "under Documents → Letterhead, for North."
    )
    assert not (tmp_path / "letters").exists() or not list((tmp_path / "letters").iterdir())

"""Letter templates: the language, the catalogue per letter type, errors at
their line and column, versions, preview, and templates used by the pack."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.exports.document import BulletList, Heading, Paragraph, Run
from tafdesk.exports.merge_fields import LETTER_TYPES, RECIPIENT
from tafdesk.exports.samples import catalogue
from tafdesk.exports.template_text import TemplateError, render
from tafdesk.models import AuditEvent, DocumentFormat, DocumentType, Role
from tafdesk.services.actor import Actor
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConflictError, PermissionDenied
from tafdesk.services.letterhead import LetterheadService
from tafdesk.services.templates import LetterheadIncomplete, TemplateInvalid, TemplateService, default_body
from tests.documents.conftest import CLERK, LETTERHEAD, TODAY, docx_text, squash

T = DocumentType


def test_the_template_language():
    body = (
        "# Dear «name»\n\nWe met on **«day»** and *agreed*;\nsnake_case and a \\* stay.\nLine\\\nbroken\n\n"
        "- one «name»\n- **two**\n\n«list»\n"
    )
    blocks = render(body, {"name": "Zoë *star*", "day": "1 December", "list": ("a", "b")})
    assert blocks[0] == Heading("Dear Zoë *star*", 1)
    assert blocks[1] == Paragraph(
        (
            Run("We met on "),
            Run("1 December", bold=True),
            Run(" and "),
            Run("agreed", italic=True),
            Run("; snake_case and a * stay. Line\nbroken"),
        )
    )
    assert blocks[2] == BulletList(((Run("one Zoë *star*"),), (Run("two", bold=True),)))
    assert blocks[3] == BulletList(((Run("a"),), (Run("b"),)))


def test_an_unknown_field_is_an_error_at_its_line_and_column_never_a_blank():
    with pytest.raises(TemplateError) as error:
        render("Dear «name»,\n\nYour «lead.phone» and «Bad Name» and «open", {"name": "Zoë"})
    problems = [(p.line, p.column, p.field) for p in error.value.problems]
    assert problems == [(3, 6, "lead.phone"), (3, 23, "Bad Name"), (3, 38, None)]
    assert "is not a merge field" in str(error.value.problems[0])


@pytest.mark.parametrize("letter_type", LETTER_TYPES)
def test_every_default_template_uses_only_its_own_fields(db, letter_type):
    assert TemplateService(db, CLERK).check(letter_type, default_body(letter_type)) == []


def test_letters_to_families_and_referrers_offer_no_field_for_what_they_may_not_see():
    forbidden = {
        "involvements",
        "needs",
        "family.members",
        "referral.reason",
        "decision.rationale",
        "decision.actions",
        "family.phone",
        "family.address",
        "manager.name",
    }
    for letter_type in LETTER_TYPES:
        names = {f.name for f in catalogue(letter_type)}
        if RECIPIENT[letter_type] == "professional":
            assert forbidden <= names
        else:
            assert not names & forbidden, letter_type


def test_asking_a_family_letter_for_agency_involvement_is_refused(db):
    service = TemplateService(db, CLERK)
    body = default_body(T.LETTER_FAMILY) + "\n\nWhat others know: «involvements»\n"
    with pytest.raises(TemplateInvalid) as error:
        service.save(T.LETTER_FAMILY, body)
    (problem,) = error.value.problems
    assert (
        problem.field == "involvements"
        and problem.line == body.count("\n")
        and "letters to families" in problem.message
    )


def test_saving_makes_versions_and_the_newest_is_current(db):
    service = TemplateService(db, CLERK)
    assert service.current(T.LETTER_IAG).version == 0
    first = service.save(T.LETTER_IAG, "Dear «referrer.name»,\n\nFirst wording.", note="shorter")
    second = service.save(T.LETTER_IAG, "Dear «referrer.name»,\n\nSecond wording.")
    assert (first.version, second.version) == (1, 2)
    assert service.current(T.LETTER_IAG).body.endswith("Second wording.")
    assert [(v.version, v.is_current) for v in service.versions(T.LETTER_IAG)] == [(2, True), (1, False), (0, False)]
    with db.reader() as s:
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == "template.saved")).all()) == 2
    with pytest.raises(PermissionDenied):
        TemplateService(db, Actor(None, "Lead", Role.LEAD_PROFESSIONAL)).save(T.LETTER_IAG, "Hello")


def test_preview_fills_the_template_with_sample_data(db):
    service = TemplateService(db, CLERK)
    with pytest.raises(
        LetterheadIncomplete,
        match="the letterhead has the name of who signs letters, the signatory's "
        "job title, a telephone number, a complaints route and a privacy",
    ):
        service.preview(T.LETTER_FAMILY, "Dear «family.salutation»,")
    LetterheadService(db, CLERK).save(LETTERHEAD)
    document = service.preview(
        T.LETTER_FAMILY, "Dear «family.salutation»,\n\nYour lead is **«lead_professional.name»**."
    )
    text = document.text()
    assert "Dear Nguyễn Thị Mai," in text and "Łukasz Nowak" in text and "14 Heron Way" in text
    assert "Morgan Testsignatory\nEarly Help Locality Manager" in text and "How we use your information" in text
    with pytest.raises(TemplateInvalid):
        service.preview(T.LETTER_FAMILY, "Dear «family.nickname»")


def test_the_pack_uses_the_saved_template(pack_world, tmp_path):
    TemplateService(pack_world.db, CLERK).save(
        T.LETTER_FAMILY,
        "# Hello\n\nDear «family.salutation», we will ring you on «organisation.phone». «decision.lead»",
    )
    entries = DocumentService(pack_world.db, CLERK, today=TODAY).produce_letters(
        pack_world.meeting_id, tmp_path, formats=(DocumentFormat.DOCX,)
    )
    family = next(
        e for e in entries if e.doc_type is T.LETTER_FAMILY and e.case_reference == pack_world.references["Nguyễn"]
    )
    assert "Dear Thị Mai Nguyễn, we will ring you on 01632 960000. Your lead professional is Łukasz Kowalski" in squash(
        docx_text(Path(family.path))
    )


def test_a_pack_whose_template_names_a_lead_that_was_not_allocated_is_refused_before_any_file(pack_world, tmp_path):
    """The Working Together Meeting allocated nobody: a family template that
    names the lead professional would print something untrue."""
    TemplateService(pack_world.db, CLERK).save(
        T.LETTER_FAMILY, "# Hello\n\nDear «family.salutation»,\n\nCall «lead_professional.name»."
    )
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    with pytest.raises(ConflictError) as refused:
        service.produce_letters(pack_world.meeting_id, tmp_path / "letters", formats=(DocumentFormat.PDF,))
    message = str(refused.value)
    assert f"{pack_world.references['Mensah']}, letter to the family: line 5" in message
    assert "«lead_professional.name» cannot be filled: the group allocated no lead professional" in message
    assert pack_world.references["Nguyễn"] not in message  # its lead was allocated
    assert not (tmp_path / "letters").exists() or list((tmp_path / "letters").iterdir()) == []


def test_fields_may_be_typed_in_double_braces_and_mix_with_guillemets():
    values = {"family_name": "Nguyễn", "team": ("Łukasz Kowalski", "Tomas Okafor")}
    blocks = render("# The {{ family_name }} family\n\nDear «family_name» and {{family_name}}.\n\n{{team}}", values)
    assert blocks[0] == Heading("The Nguyễn family", 1)
    assert blocks[1] == Paragraph((Run("Dear Nguyễn and Nguyễn."),))
    assert blocks[2] == BulletList(((Run("Łukasz Kowalski"),), (Run("Tomas Okafor"),)))


def test_a_misspelt_field_names_its_line_and_the_nearest_valid_field():
    body = (
        "# Hello\n\nDear «family.salutation»,\n\nYour lead is {{lead_profesional.name}}, {{decision.outcom}}.\n\n«zzz»"
    )
    with pytest.raises(TemplateError) as error:
        render(
            body,
            dict.fromkeys(("family.salutation", "lead_professional.name", "decision.outcome"), "x"),
            "letters to families",
        )
    found = [(p.line, p.column, p.message) for p in error.value.problems]
    assert found[0] == (
        5,
        14,
        "«lead_profesional.name» is not a merge field of letters to families. Did you mean «lead_professional.name»?",
    )
    assert found[1][:2] == (5, 41) and found[1][2].endswith("Did you mean «decision.outcome»?")
    assert found[2] == (7, 1, "«zzz» is not a merge field of letters to families. Choose one from the list of fields.")
    unclosed = render_problems("Dear {{family_name,\n\n}} stray")
    assert [(p.line, p.column) for p in unclosed] == [(1, 6), (3, 1)]


def render_problems(body: str) -> list:
    with pytest.raises(TemplateError) as error:
        render(body, {"family_name": "x"})
    return list(error.value.problems)

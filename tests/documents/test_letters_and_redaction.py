"""Every letter a closed meeting calls for, what each says, and what none of
them may ever say."""

from __future__ import annotations

from pathlib import Path

import pytest

from tafdesk.models import DocumentFormat, DocumentType
from tafdesk.services.documents import DocumentService
from tests.documents.conftest import ARABIC_NAME, CLERK, SECRET, SECRET_WORKER, SENSITIVE, TODAY, squash, text_of

T = DocumentType


@pytest.fixture(scope="module")
def pack(shared_world, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack")
    service = DocumentService(shared_world.db, CLERK, today=TODAY)
    entries = service.produce_meeting_pack(shared_world.meeting_id, folder)
    case = shared_world.cases["Nguyễn"]
    review = service.produce_case_letter(case, T.LETTER_REVIEW_INVITATION, DocumentFormat.PDF, folder / "review.pdf")
    review_docx = service.produce_case_letter(
        case, T.LETTER_REVIEW_INVITATION, DocumentFormat.DOCX, folder / "review.docx"
    )
    return shared_world, [*entries, review, review_docx]


def test_the_pack_holds_both_minutes_and_the_letters_each_decision_calls_for(pack):
    world, entries = pack
    ref = world.references
    made = {Path(e.path).name for e in entries}
    expected = {
        f"minutes_North_2026-12-01_{edition}.{fmt}" for edition in ("full", "circulation") for fmt in ("pdf", "docx")
    }
    expected |= {
        f"{ref['Nguyễn']}_{kind}.{fmt}"
        for kind in ("allocation-letter", "referrer-letter", "family-letter")
        for fmt in ("pdf", "docx")
    }
    expected |= {
        f"{ref['Byrne']}_{kind}.{fmt}" for kind in ("referrer-letter", "step-up-letter") for fmt in ("pdf", "docx")
    }
    expected |= {
        f"{ref['Hussain']}_{kind}.{fmt}" for kind in ("referrer-letter", "step-down-letter") for fmt in ("pdf", "docx")
    }
    expected |= {f"{ref['Kowalczyk']}_iag-letter.{fmt}" for fmt in ("pdf", "docx")}
    expected |= {
        f"{ref['Mensah']}_{kind}.{fmt}" for kind in ("referrer-letter", "family-letter") for fmt in ("pdf", "docx")
    }
    assert made == expected | {"review.pdf", "review.docx"}
    assert all(Path(e.path).is_file() for e in entries)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_each_letter_says_what_its_reader_needs(pack, fmt):
    world, entries = pack
    ref = world.references
    text = {(e.doc_type, e.case_reference): squash(text_of(Path(e.path))) for e in entries if e.path.endswith(fmt)}

    allocation = text[(T.LETTER_ALLOCATION, ref["Nguyễn"])]
    assert "Dear Łukasz Kowalski" in allocation and "Zoë Nguyễn, child" in allocation
    assert "Visit Zoë Nguyễn at home" in allocation and "Tomas Okafor, Education Welfare" in allocation
    assert f"Copy to: {ARABIC_NAME} Rahman" in allocation or (ARABIC_NAME in allocation and "Rahman" in allocation)
    assert "Siobhán O'Neill" in allocation  # the referrer, for the lead to call

    family = text[(T.LETTER_FAMILY, ref["Nguyễn"])]
    assert "Dear Thị Mai Nguyễn" in family and "Łukasz Kowalski" in family and "01632 960123" in family
    assert "What happens next" in family and "PRIVATE AND CONFIDENTIAL" in family

    referrer = text[(T.LETTER_REFERRER, ref["Byrne"])]
    assert "Dear Siobhán O'Neill" in referrer and "step up to children's social care" in referrer
    assert "No lead professional was allocated." in referrer

    step_down = text[(T.LETTER_STEP_DOWN, ref["Hussain"])]
    assert ARABIC_NAME in step_down and "Hussain" in step_down and "everyday services" in step_down
    assert "children's social care" in text[(T.LETTER_STEP_UP, ref["Byrne"])]
    assert "Information, advice and guidance" in text[(T.LETTER_IAG, ref["Kowalczyk"])]
    assert "Working Together Meeting" in text[(T.LETTER_FAMILY, ref["Mensah"])]
    invitation = text[(T.LETTER_REVIEW_INVITATION, ref["Nguyễn"])]
    assert "Invitation to your Team Around the Family review" in invitation and "Tomas Okafor" in invitation
    for letter in text.values() if fmt == "pdf" else ():
        assert "Page 1 of" in letter


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_no_letter_and_no_circulated_minutes_carry_restricted_or_sensitive_details(pack, fmt):
    _world, entries = pack
    checked = set()
    for entry in entries:
        if not entry.path.endswith(fmt) or entry.doc_type is T.MINUTES_FULL:
            continue
        text = text_of(Path(entry.path))
        for secret in (SECRET, SECRET_WORKER, SENSITIVE, "call-out at the family home"):
            assert secret not in text, f"{secret} leaked into {Path(entry.path).name}"
        checked.add(entry.doc_type)
    assert checked == {
        T.MINUTES_CIRCULATION,
        T.LETTER_ALLOCATION,
        T.LETTER_REFERRER,
        T.LETTER_FAMILY,
        T.LETTER_STEP_UP,
        T.LETTER_STEP_DOWN,
        T.LETTER_IAG,
        T.LETTER_REVIEW_INVITATION,
    }


def test_letters_to_families_and_referrers_leave_out_other_members_and_other_agencies(pack):
    _world, entries = pack
    for entry in entries:
        if entry.doc_type in (
            T.LETTER_FAMILY,
            T.LETTER_STEP_UP,
            T.LETTER_STEP_DOWN,
            T.LETTER_REFERRER,
            T.LETTER_IAG,
        ) and entry.path.endswith(".pdf"):
            text = squash(text_of(Path(entry.path)))
            assert "Minh" not in text  # another member of the family
            assert "Attendance 68%" not in text and "low mood" not in text  # the needs in the profile
            assert "EWO Example" not in text  # an agency's (unrestricted) involvement
            assert "The group agreed this" not in text  # the chair's rationale


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_circulation_minutes_show_families_by_reference_and_initials_only(pack, fmt):
    world, entries = pack
    by_type = {
        e.doc_type: squash(text_of(Path(e.path)))
        for e in entries
        if e.path.endswith(fmt) and e.doc_type in (T.MINUTES_FULL, T.MINUTES_CIRCULATION)
    }
    full, circulation = by_type[T.MINUTES_FULL], by_type[T.MINUTES_CIRCULATION]
    for surname, reference in world.references.items():
        assert reference in circulation and reference in full
        assert f"the {surname} family" in full
        assert surname not in circulation
    assert "Z.N." in circulation  # "Visit Zoë Nguyễn at home" with the names as initials
    assert "The group agreed this" in full and "The group agreed this" not in circulation
    assert "North Locality Case Management Group" in circulation and "Police" in circulation  # apologies stay


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_full_minutes_carry_the_meetings_record_and_the_circulation_edition_its_outline(pack, fmt):
    from tests.documents.conftest import DECLARATION, MINUTE_TAKER

    _, entries = pack
    full = squash(text_of(next(Path(e.path) for e in entries if e.path.endswith(f"_full.{fmt}"))))
    assert f"Minutes taken by {MINUTE_TAKER}" in full or ("Minutes taken by" in full and MINUTE_TAKER in full)
    assert "Declarations of interest" in full and DECLARATION in full
    assert "Not quorate: 1 of the" in full  # only Family Support was at the table; the police sent apologies
    assert "Apologies" in full and "Police" in full
    assert "Next meeting" in full and "8 December 2026" in full
    circulation = squash(text_of(next(Path(e.path) for e in entries if e.path.endswith(f"_circulation.{fmt}"))))
    assert MINUTE_TAKER in circulation and "Not quorate" in circulation and "8 December 2026" in circulation
    assert DECLARATION not in circulation  # declarations may be about a family: full minutes only

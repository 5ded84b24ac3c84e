"""Consent withdrawn stops sharing in the documents that go to agencies: the
circulation minutes leave the family out (the full minutes, kept by the
chair, still record it), and the chronology for other agencies is refused
(the whole team) or says where it may not go (one agency). Read from the
real PDF and Word files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tafdesk import clock
from tafdesk.models import ConsentMethod, ConsentPurpose, DocumentFormat, DocumentType, Person
from tafdesk.services.chronology_export import ChronologyExport
from tafdesk.services.consent import ConsentInput, ConsentService
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConsentWithdrawn
from tests.documents.conftest import CHAIR, CLERK, TODAY, pack_world, squash, text_of  # noqa: F401 (fixture)

T = DocumentType
LATER = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
WITHDRAWN_ON = dt.date(2026, 12, 3)


def _withdraw(world, surname: str, agency: str | None = None) -> None:
    """The family's parent withdraws consent: to share within the TAF, or with the named agency."""
    from sqlalchemy import select

    from tafdesk.models import Agency, Case

    with world.db.reader() as s:
        family_id = s.scalar(select(Case.family_id).where(Case.id == world.cases[surname]))
        parent = s.scalar(select(Person.id).where(Person.family_id == family_id).order_by(Person.position).limit(1))
        agency_id = s.scalar(select(Agency.id).where(Agency.name == agency)) if agency else None
    purpose = ConsentPurpose.AGENCY if agency else ConsentPurpose.TAF
    with clock.pinned(LATER):
        service = ConsentService(world.db, CHAIR)
        given = service.record(
            world.cases[surname],
            ConsentInput(parent, purpose, dt.date(2026, 12, 1), ConsentMethod.WRITTEN, agency_id),
        )
        service.withdraw(given.id, given.version, WITHDRAWN_ON, ConsentMethod.VERBAL, "Told the lead by phone.")


@pytest.mark.parametrize("fmt", list(DocumentFormat))
def test_circulation_minutes_leave_out_a_family_that_withdrew_consent_and_the_full_minutes_keep_it(
    pack_world,  # noqa: F811
    fmt,
    tmp_path,
):
    world = pack_world
    service = DocumentService(world.db, CLERK, today=TODAY)
    before = squash(
        text_of(Path(service.produce_minutes(world.meeting_id, T.MINUTES_CIRCULATION, fmt, tmp_path / f"a.{fmt}").path))
    )
    nguyen, mensah = world.references["Nguyễn"], world.references["Mensah"]
    assert nguyen in before and "Z.N." in before and "recorded in the full minutes only" not in before

    _withdraw(world, "Nguyễn")  # the whole team
    _withdraw(world, "Mensah", agency="Police")  # one agency: the circulation goes to every agency, Police too
    circulated = squash(
        text_of(Path(service.produce_minutes(world.meeting_id, T.MINUTES_CIRCULATION, fmt, tmp_path / f"b.{fmt}").path))
    )
    full = squash(
        text_of(Path(service.produce_minutes(world.meeting_id, T.MINUTES_FULL, fmt, tmp_path / f"c.{fmt}").path))
    )

    for reference in (nguyen, mensah):
        assert reference not in circulated and reference in full
    assert "Z.N." not in circulated  # nor its action ("Visit Zoë Nguyễn at home", in initials)
    assert "Visit Zoë Nguyễn at home" in full and "the Nguyễn family" in full and "the Mensah family" in full
    assert "2 further items were considered; they are recorded in the full minutes only." in circulated
    assert "consent" not in circulated.lower()  # the reason is itself about the family
    for other in ("Byrne", "Hussain", "Kowalczyk"):
        assert world.references[other] in circulated
    assert "Police" in circulated  # the attendance stays


def test_the_chronology_for_other_agencies_is_refused_once_the_team_may_not_share_and_the_full_edition_is_kept(
    pack_world,  # noqa: F811
    tmp_path,
):
    world = pack_world
    case = world.cases["Nguyễn"]
    export = ChronologyExport(world.db, CHAIR)
    export.produce(case, DocumentFormat.PDF, tmp_path / "before.pdf", full=False)
    _withdraw(world, "Nguyễn")
    with clock.pinned(LATER), pytest.raises(ConsentWithdrawn, match="No chronology can be made for other agencies"):
        export.produce(case, DocumentFormat.PDF, tmp_path / "after.pdf", full=False)
    assert not (tmp_path / "after.pdf").exists()
    with clock.pinned(LATER):
        kept = export.produce(case, DocumentFormat.DOCX, tmp_path / "full.docx", full=True)
    words = squash(text_of(Path(kept.path)))
    assert "Chronology: the Nguyễn family" in words and "withdrew consent" in words.lower()


@pytest.mark.parametrize("fmt", list(DocumentFormat))
def test_the_chronology_for_other_agencies_names_an_agency_consent_no_longer_covers(
    pack_world,  # noqa: F811
    fmt,
    tmp_path,
):
    world = pack_world
    _withdraw(world, "Mensah", agency="Police")
    with clock.pinned(LATER):
        made = ChronologyExport(world.db, CHAIR).produce(
            world.cases["Mensah"], fmt, tmp_path / f"mensah.{fmt}", full=False
        )
    text = squash(text_of(Path(made.path)))
    assert "Not to be shared with" in text and "Police (consent withdrawn 3 Dec 2026)" in text

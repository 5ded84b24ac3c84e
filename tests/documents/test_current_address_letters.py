"""Letters go to the family's current record: after a repeat referral with
a new address and the father gone, or a correction after the decision, the
family letter goes to the new address and not to the father."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.exports import redaction
from tafdesk.models import DocumentFormat, DocumentType, Person
from tafdesk.services.document_sources import case_letter_facts
from tafdesk.services.documents import DocumentService
from tafdesk.services.family_record import FamilyRecordService, RecordCorrection
from tafdesk.services.intake import IntakeService
from tests.documents.conftest import CLERK, TODAY, Plants, _profile, build_pack_world, squash, text_of

FATHER = {
    "member_id": "f1",
    "first_name": "Quang",
    "last_name": "Nguyễn",
    "role": "parent",
    "relationship": "father",
    "date_of_birth": "1983-03-14",
    "gender": "male",
}
NEW_HOME = {"line1": "Flat 6, Osprey House", "line2": "Quayside", "town": "Northtown", "postcode": "NT9 2WX"}


class WithFather(Plants):
    def profile(self, n: int, profile: dict) -> None:
        if n == 1:  # the Nguyễn family, allocated a lead at the meeting
            profile["family"]["members"].append(copy.deepcopy(FATHER))


@pytest.fixture
def world(db):
    return build_pack_world(db, WithFather())


def _repeat_referral() -> dict:
    """The Nguyễn family referred again after the meeting: moved, the father has left."""
    profile = _profile(1, "Nguyễn", "Thị Mai", "Zoë")
    WithFather().profile(1, profile)
    profile.update(profile_id="ESAT-D1-AGAIN", compiled_at="2026-12-03T10:00:00+00:00")
    profile["family"]["address"] = dict(NEW_HOME)
    profile["family"]["members"][-1]["lives_in_household"] = False
    return profile


def _family_letter(world, tmp_path: Path) -> tuple[str, str]:
    service = DocumentService(world.db, CLERK, today=TODAY)
    [entry] = service.produce_letter(
        world.meeting_id, world.cases["Nguyễn"], DocumentType.LETTER_FAMILY, tmp_path, (DocumentFormat.PDF,)
    )
    return entry.recipient, squash(text_of(Path(entry.path)))


def test_before_anything_changes_the_letter_goes_to_both_parents_at_the_old_address(world, tmp_path):
    recipient, text = _family_letter(world, tmp_path)
    assert recipient == "Thị Mai Nguyễn and Quang Nguyễn"
    assert "7 Heron Way" in text


def test_after_a_repeat_referral_the_family_letter_goes_to_the_new_address_and_not_to_the_father(world, tmp_path):
    [outcome] = IntakeService(world.db, CLERK).import_document(_repeat_referral(), "again.json").imported
    assert outcome.repeat
    with world.db.reader() as s:
        view = redaction.for_family(case_letter_facts(s, world.cases["Nguyễn"], TODAY))
    assert view.addressees == ("Thị Mai Nguyễn",)
    assert view.address == ("Flat 6, Osprey House", "Quayside", "Northtown", "NT9 2WX")

    recipient, text = _family_letter(world, tmp_path)
    assert recipient == "Thị Mai Nguyễn"
    assert "Flat 6, Osprey House Quayside Northtown NT9 2WX" in text
    assert "7 Heron Way" not in text and "Quang" not in text


def test_a_correction_after_the_decision_is_where_the_letter_goes(world, tmp_path):
    service = FamilyRecordService(world.db, CLERK)
    record = service.record(service.family_of_case(world.cases["Nguyễn"]))
    with world.db.reader() as s:
        father = s.scalar(select(Person.id).where(Person.given_name == "Quang"))
    at_home = frozenset(m.person_id for m in record.members if m.in_household) - {father}
    correction = RecordCorrection(
        NEW_HOME["line1"], NEW_HOME["line2"], NEW_HOME["town"], NEW_HOME["postcode"], record.phone, at_home
    )
    service.correct(record.family_id, record.version, dataclasses.replace(correction))
    recipient, text = _family_letter(world, tmp_path)
    assert recipient == "Thị Mai Nguyễn"
    assert "Flat 6, Osprey House" in text and "7 Heron Way" not in text and "Quang" not in text

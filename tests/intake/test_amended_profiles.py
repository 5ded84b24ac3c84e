"""A profile_id imported again with different content is never dropped: it
waits, with its differences, for business support to take or reject."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from tafdesk.models import AmendmentStatus, AuditEvent, Family, Profile360, ProfileAmendment
from tafdesk.services.amendment_review import AmendmentService
from tafdesk.services.errors import ConflictError
from tests.intake.conftest import BASE_PROFILE, make_profile, write


def _amended() -> dict:
    profile = make_profile()
    profile["family"]["address"]["line1"] = "Flat 2, 9 Kestrel Court"
    profile["family"]["members"][1]["date_of_birth"] = "2013-10-30"
    return profile


@pytest.fixture
def imported(intake, tmp_path):
    assert not intake.import_path(write(tmp_path / "first.json", BASE_PROFILE)).needs_attention
    return intake


def test_identical_content_again_is_unchanged(imported, tmp_path):
    again = make_profile(compiled_at="2026-11-19T14:32:00Z")  # the same moment, written another way
    report = imported.import_path(write(tmp_path / "again.json", again))
    assert report.already_present == ("ESAT-2026-10001",) and report.amended == ()
    assert not report.needs_attention


def test_different_content_is_reported_with_the_fields_that_differ(imported, directory, tmp_path):
    report = imported.import_path(write(tmp_path / "reissue.json", _amended()))
    assert report.already_present == () and report.needs_attention and not report.rejected
    assert report.amended[0].fields == ("family.address.line1", "family.members[1].date_of_birth")
    assert "ESAT-2026-10001 differs in family.address.line1, family.members[1].date_of_birth" in report.summary()
    assert "unchanged" not in report.summary()
    with directory.reader() as s:
        assert s.scalar(select(Profile360.address_line1)) == "7 Heron Way"  # nothing taken yet
        assert s.scalar(select(func.count()).select_from(ProfileAmendment)) == 1
        assert s.scalar(select(func.count()).select_from(Family)) == 1
        assert "profile.amendment_received" in s.scalars(select(AuditEvent.action)).all()


def test_the_same_amendment_twice_waits_once(imported, directory, tmp_path):
    imported.import_path(write(tmp_path / "a.json", _amended()))
    report = imported.import_path(write(tmp_path / "b.json", _amended()))
    assert report.needs_attention and len(report.amended) == 1
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(ProfileAmendment)) == 1


def test_business_support_see_the_differences_and_take_the_amendment(imported, directory, clerk, tmp_path):
    imported.import_path(write(tmp_path / "reissue.json", _amended()))
    review = AmendmentService(directory, clerk)
    [pending] = review.pending()
    assert pending.profile_ref == "ESAT-2026-10001" and pending.case_reference.startswith("N-")
    assert [(d.path, d.stored, d.amended) for d in pending.differences] == [
        ("family.address.line1", "7 Heron Way", "Flat 2, 9 Kestrel Court"),
        ("family.members[1].date_of_birth", "2013-09-30", "2013-10-30"),
    ]
    assert review.accept(pending.id, pending.version) == 2
    assert review.pending() == []
    with directory.reader() as s:
        profile = s.scalar(select(Profile360))
        assert profile.address_line1 == "Flat 2, 9 Kestrel Court"
        assert json.loads(profile.original_document) == BASE_PROFILE  # the original stays on record
        amendment = s.scalar(select(ProfileAmendment))
        assert amendment.status is AmendmentStatus.ACCEPTED and amendment.version_number == 2
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "profile.amended"))
        changes = json.loads(event.changes)
        assert changes["family.address.line1"] == ["7 Heron Way", "Flat 2, 9 Kestrel Court"]
        assert changes["profile_version"] == [1, 2]
    # the amended file once more is a version already taken: unchanged
    again = imported.import_path(write(tmp_path / "again.json", _amended()))
    assert again.already_present == ("ESAT-2026-10001",) and not again.needs_attention


def test_a_rejected_amendment_leaves_the_profile_and_cannot_be_decided_twice(imported, directory, clerk, tmp_path):
    imported.import_path(write(tmp_path / "reissue.json", _amended()))
    review = AmendmentService(directory, clerk)
    [pending] = review.pending()
    review.reject(pending.id, pending.version)
    with pytest.raises(ConflictError):
        review.accept(pending.id, pending.version)
    with directory.reader() as s:
        assert s.scalar(select(Profile360.address_line1)) == "7 Heron Way"
        assert s.scalar(select(ProfileAmendment.status)) is AmendmentStatus.REJECTED
        assert "profile.amendment_rejected" in s.scalars(select(AuditEvent.action)).all()

"""Importing profile files: whole or nothing, with messages that say where."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from tafdesk.models import (
    AuditEvent,
    Case,
    CaseStatus,
    Family,
    Person,
    Profile360,
)
from tests.intake.conftest import BASE_PROFILE, make_profile, write


def _table_counts(db) -> dict[str, int]:
    from tafdesk.models import Base

    with db.reader() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def test_example_profile_is_stored_in_full(intake, directory, tmp_path):
    report = intake.import_path(write(tmp_path / "one.json", BASE_PROFILE))
    assert not report.rejected and len(report.imported) == 1
    assert report.summary() == "one.json: imported 1 profile"
    with directory.reader() as s:
        profile = s.scalar(select(Profile360))
        assert profile.profile_ref == "ESAT-2026-10001" and profile.postcode == "NT3 9QA"
        assert json.loads(profile.original_document) == BASE_PROFILE
        assert [m.given_name for m in profile.members] == ["Adaeze", "Tobi", "Zoë"]
        assert [n.area.value for n in profile.needs] == ["education", "health"]
        assert [m.member_ref for m in profile.needs[0].members] == ["c1"]
        police = profile.involvements[1]
        assert police.restricted and police.agency_id is not None
        assert profile.involvements[2].agency_id is None  # kept as text
        assert profile.suggested_lead_agency_id is not None
        referral = profile.referral
        assert referral.referrer_name == "Referrer Testperson" and referral.referrer_postcode == "NT4 2QP"
        case = s.get(Case, referral.case_id)
        assert case.status is CaseStatus.AWAITING_TRIAGE and case.reference.startswith("N-")
        assert not case.is_repeat and case.level_of_need == 3
        assert s.scalar(select(func.count()).select_from(Person)) == 3
        assert all(m.person_id for m in profile.members)
        assert s.scalar(select(AuditEvent.action)) == "profile.imported"


def test_unknown_agency_is_a_warning_naming_the_place(intake, tmp_path):
    report = intake.import_path(write(tmp_path / "one.json", BASE_PROFILE))
    assert report.warnings == (
        "one.json: agency_involvement[2].agency: “Youth Justice Service” is not in the directory; kept as text.",
    )


def test_locality_matches_ignoring_case_and_unknown_lists_known(intake, directory, tmp_path):
    assert not intake.import_path(write(tmp_path / "a.json", make_profile(locality="nORTH"))).rejected
    before = _table_counts(directory)
    report = intake.import_path(
        write(
            tmp_path / "b.json",
            [
                make_profile(profile_id="ESAT-2", locality="South"),
                make_profile(profile_id="ESAT-3", locality="Westmoor"),
            ],
        )
    )
    assert report.errors == (
        "b.json: profile 2 (ESAT-3): locality: “Westmoor” is not a locality in the directory (known: Central, North, South).",
    )
    assert _table_counts(directory) == before  # the good profile in the same file was not imported either


def test_same_profile_again_changes_nothing_and_says_so(intake, directory, tmp_path):
    intake.import_path(write(tmp_path / "a.json", BASE_PROFILE))
    before = _table_counts(directory)
    report = intake.import_path(write(tmp_path / "again.json", BASE_PROFILE))
    assert not report.rejected and report.imported == ()
    assert report.already_present == ("ESAT-2026-10001",)
    assert "already imported, unchanged (ESAT-2026-10001)" in report.summary()
    assert _table_counts(directory) == before


def test_array_of_profiles_imports_each(intake, directory, tmp_path):
    profiles = []
    for n in range(1, 4):
        profile = make_profile(profile_id=f"ESAT-{n}")
        profile["family"]["family_name"] = f"Family {n}"
        for member in profile["family"]["members"]:
            member["last_name"] = f"Family{n}"
            year, rest = member["date_of_birth"].split("-", 1)
            member["date_of_birth"] = f"{int(year) - n}-{rest}"  # different people, different birthdays
        profile["family"]["address"]["postcode"] = f"NT{n} 1AA"
        profiles.append(profile)
    report = intake.import_path(write(tmp_path / "three.json", profiles))
    assert report.errors == ()
    assert [p.profile_ref for p in report.imported] == ["ESAT-1", "ESAT-2", "ESAT-3"]
    assert len({p.case_reference for p in report.imported}) == 3
    assert not any(p.repeat or p.match_to_confirm for p in report.imported)
    with directory.reader() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 3


BAD_INPUTS = {
    "empty": (b"", "empty.json: the file is empty."),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary.json: this is not a text file (binary data at byte 8)."),
    "latin1": ('{"a": "Siobh\u00e1n"}'.encode("latin-1"), "latin1.json: this is not UTF-8 text (byte 0xE1"),
    "syntax": (
        b'{\n  "format": "tafdesk.profile360/1",\n  "profile_id": "X"\n  "locality": "North"\n}',
        "syntax.json: line 4, column 3: a comma was expected here.",
    ),
    "trailing_comma": (b'[\r\n  {"a": 1},\r\n]', "trailing_comma.json: line 3, column 1: a value was expected here"),
    "not_profiles": (b'"hello"', "not_profiles.json: expected a profile object or a list of them, found text."),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_unreadable_files_are_rejected_with_the_reason(intake, directory, tmp_path, name):
    data, message = BAD_INPUTS[name]
    path = tmp_path / f"{name}.json"
    path.write_bytes(data)
    before = _table_counts(directory)
    report = intake.import_path(path)
    assert report.rejected and report.errors[0].startswith(message)
    assert _table_counts(directory) == before


def test_oversized_file_is_rejected(intake, tmp_path, monkeypatch):
    from tafdesk.intake import reader

    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    report = intake.import_path(write(tmp_path / "big.json", BASE_PROFILE))
    assert report.rejected and "the most tafdesk reads is" in report.errors[0]


def test_byte_order_mark_and_crlf_are_accepted(intake, tmp_path):
    path = write(tmp_path / "windows.json", BASE_PROFILE, encoding="utf-8-sig", newline="\r\n")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(intake.import_path(path).imported) == 1


def test_contract_errors_name_item_and_path_and_nothing_is_written(intake, directory, tmp_path):
    bad = make_profile(profile_id="ESAT-BAD")
    bad["referral"]["received_on"] = "2026-02-30"
    bad["needs"][0]["area"] = "schooling"
    before = _table_counts(directory)
    report = intake.import_path(write(tmp_path / "mixed.json", [make_profile(profile_id="ESAT-OK"), bad]))
    assert (
        'mixed.json: profile 2 (ESAT-BAD): referral.received_on: "2026-02-30" is not a valid date (YYYY-MM-DD).'
        in report.errors
    )
    assert any('needs[0].area: "schooling" is not one of: education' in e for e in report.errors)
    assert _table_counts(directory) == before


REFUSE_SECOND = {
    "sqlite": [
        "CREATE TRIGGER refuse_second BEFORE INSERT ON profile360 "
        "WHEN NEW.profile_ref = 'ESAT-B' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_second() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.profile_ref = 'ESAT-B' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$",
        "CREATE TRIGGER refuse_second BEFORE INSERT ON profile360 FOR EACH ROW EXECUTE FUNCTION refuse_second()",
    ],
}


def test_database_failure_mid_import_leaves_nothing(intake, directory, tmp_path):
    # A reference already taken makes the insert of the second family fail.
    with directory.session() as s:
        for statement in REFUSE_SECOND["sqlite" if directory.is_sqlite else "postgresql"]:
            s.execute(text(statement))
    before = _table_counts(directory)
    from tafdesk.services.errors import DatabaseProblem

    with pytest.raises(DatabaseProblem, match="Nothing was changed"):  # one sentence; the trigger's text stays out
        intake.import_path(
            write(
                tmp_path / "two.json",
                [
                    make_profile(profile_id="ESAT-A"),
                    make_profile(profile_id="ESAT-B", family={**BASE_PROFILE["family"], "family_name": "Other"}),
                ],
            )
        )
    assert _table_counts(directory) == before


def test_lead_professional_may_not_import(directory, tmp_path):
    from tafdesk.models import Role
    from tafdesk.services.actor import Actor
    from tafdesk.services.errors import PermissionDenied
    from tafdesk.services.intake import IntakeService

    service = IntakeService(directory, Actor(None, "Lead", Role.LEAD_PROFESSIONAL))
    with pytest.raises(PermissionDenied):
        service.import_path(write(tmp_path / "a.json", BASE_PROFILE))


@pytest.mark.parametrize("character", ["\u0000", "\u001b", "\u000b", "\u0085", "\ud800"])
def test_control_characters_are_rejected_at_the_door_with_the_json_path(intake, directory, tmp_path, character):
    profile = make_profile()
    profile["family"]["members"][2]["first_name"] = f"Zo{character}ë"
    path = tmp_path / "control.json"
    path.write_text(json.dumps(profile), encoding="utf-8")  # as \\uXXXX escapes, which pass the file's NUL check
    before = _table_counts(directory)
    report = intake.import_path(path)
    assert report.rejected
    assert (
        f"family.members[2].first_name: holds a control character (U+{ord(character):04X}) at character 3"
        in report.errors[0]
    )
    assert _table_counts(directory) == before


def test_tab_and_new_line_are_allowed_in_text(intake, tmp_path):
    profile = make_profile(family_views="Adaeze said:\n\tI want help.")
    assert not intake.import_path(write(tmp_path / "ok.json", profile)).rejected

"""Known families are found through keys in the database: on both databases,
within one file, for rows written before the keys existed, and without
reading the whole council."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy import event, func, select

from tafdesk.db import Database
from tafdesk.db.migrations.runner import run_upgrade
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import Case, Family, Person
from tafdesk.services.intake import IntakeService
from tafdesk.services.profile_editing import ProfileEditingService
from tests.intake.conftest import BASE_PROFILE, make_profile, write


def _again(profile_id: str, **family_changes) -> dict:
    profile = make_profile(profile_id=profile_id)
    profile["family"].update(copy.deepcopy(family_changes))
    return profile


def _only(profile: dict, members: list[dict]) -> dict:
    """The profile with just these members (and nothing referring to the others)."""
    profile["family"]["members"] = copy.deepcopy(members)
    profile["needs"] = [{"area": "housing", "level": "high", "summary": "Facing eviction."}]
    profile["agency_involvement"], profile["risks"] = [], []
    return profile


def _moved_with_slips(profile_id: str) -> dict:
    """The base family at a new address, names typed differently and one birthday with day and month swapped."""
    profile = _again(profile_id, address={"line1": "2 Quay Street", "postcode": "SB9 1ZZ"})
    mother, _son, daughter = profile["family"]["members"]
    mother["first_name"], mother["last_name"] = "Adaze", "Okonkwo Hale"
    daughter["first_name"], daughter["date_of_birth"] = "Zoe", "2017-03-02"
    return profile


def _families(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Family))


def test_repeat_and_uncertain_matches_on_both_databases(any_db, clerk, tmp_path):
    intake = IntakeService(any_db, clerk)
    intake.import_path(write(tmp_path / "first.json", BASE_PROFILE))
    [moved] = intake.import_path(write(tmp_path / "moved.json", _moved_with_slips("ESAT-2027-00001"))).imported
    mother_only = _only(
        _again("ESAT-2027-00002", address={"line1": "1 New Road", "postcode": "SB2 4XY"}),
        BASE_PROFILE["family"]["members"][:1],
    )
    [uncertain] = intake.import_path(write(tmp_path / "mother.json", mother_only)).imported
    assert moved.repeat and not moved.match_to_confirm
    assert uncertain.match_to_confirm and not uncertain.repeat
    assert _families(any_db) == 2


def test_family_added_earlier_in_the_same_file_is_recognised_through_its_birthdays(any_db, clerk, tmp_path):
    both = [BASE_PROFILE, _moved_with_slips("ESAT-2027-00001")]  # no postcode in common
    report = IntakeService(any_db, clerk).import_path(write(tmp_path / "both.json", both))
    assert [p.repeat for p in report.imported] == [False, True]
    assert _families(any_db) == 1


def test_people_added_earlier_in_the_same_file_are_paired_not_added_again(any_db, clerk, tmp_path):
    intake = IntakeService(any_db, clerk)
    intake.import_path(write(tmp_path / "first.json", BASE_PROFILE))
    baby = {
        "member_id": "b1",
        "first_name": "Chidi",
        "last_name": "Okonkwo-Hale",
        "role": "child",
        "date_of_birth": "2026-08-02",
    }
    second, third = make_profile(profile_id="ESAT-2027-00001"), make_profile(profile_id="ESAT-2027-00002")
    for profile in (second, third):
        profile["family"]["members"].append(dict(baby))
    report = intake.import_path(write(tmp_path / "two.json", [second, third]))
    assert [p.repeat for p in report.imported] == [True, True]
    with any_db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 4  # the baby once


def test_keys_follow_names_written_through_the_orm(directory, clerk):
    ProfileEditingService(directory, clerk).create(make_profile())
    with directory.session() as s:
        person = s.scalar(select(Person).where(Person.given_name == "Zoë"))
        person.given_name, person.family_name = "Łucja", "O’Brien-Hale"
        s.get(Family, person.family_id).postcode = "nt3 9qa"
    with directory.reader() as s:
        assert s.scalar(select(Person.given_key).where(Person.id == person.id)) == "lucja"
        assert s.scalar(select(Person.family_key).where(Person.id == person.id)) == "obrien hale"
        assert s.scalar(select(Family.postcode_key)) == "NT39QA"


def test_rows_from_before_the_keys_get_them_and_numbering_carries_on(sqlite_url, clerk, tmp_path):
    run_upgrade(sqlite_url, "0002")
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as conn:
        _old_family(conn)
    engine.dispose()
    upgrade_schema(sqlite_url)
    db = Database(sqlite_url)
    intake = IntakeService(db, clerk, today=dt.date(2026, 11, 25))
    report = intake.import_path(write(tmp_path / "again.json", _moved_with_slips("ESAT-2027-00001")))
    stranger = {
        "member_id": "x1",
        "first_name": "Nobody",
        "last_name": "Known",
        "role": "parent",
        "date_of_birth": "1990-01-01",
    }
    fresh = _only(_again("ESAT-2027-00002", address={"line1": "3 Elm Row", "postcode": "SB1 1AA"}), [stranger])
    [new] = intake.import_path(write(tmp_path / "new.json", fresh)).imported
    with db.reader() as s:
        references = set(s.scalars(select(Family.reference)))
        cases = set(s.scalars(select(Case.reference)))
    db.dispose()
    assert report.imported[0].repeat
    assert references == {"F-000041", "F-000042"}
    assert new.case_reference == "N-2026-0008" and report.imported[0].case_reference == "N-2026-0007"
    assert cases == {"N-2026-0006", "N-2026-0007", "N-2026-0008"}


def _old_family(conn) -> None:
    """A family, its people and a case written at revision 0002, as an older tafdesk did."""
    import uuid

    now = dt.datetime(2026, 1, 1)
    common = {"created_at": now, "updated_at": now, "version": 1}
    locality, family = uuid.uuid4().hex, uuid.uuid4().hex
    conn.execute(
        sa.text(
            "INSERT INTO locality (id, name, code, created_at, updated_at, version) "
            "VALUES (:id, 'North', 'N', :created_at, :updated_at, :version)"
        ),
        {"id": locality, **common},
    )
    conn.execute(
        sa.text(
            "INSERT INTO family (id, reference, family_name, locality_id, address_line1, postcode, "
            "interpreter_needed, created_at, updated_at, version) VALUES (:id, 'F-000041', "
            "'Okonkwo-Hale', :loc, '7 Heron Way', 'NT3 9QA', 0, :created_at, :updated_at, :version)"
        ),
        {"id": family, "loc": locality, **common},
    )
    for position, member in enumerate(BASE_PROFILE["family"]["members"]):
        conn.execute(
            sa.text(
                "INSERT INTO person (id, family_id, position, given_name, family_name, date_of_birth, "
                "role, lives_in_household, created_at, updated_at, version) VALUES (:id, :family, :pos, "
                ":given, :surname, :born, :role, 1, :created_at, :updated_at, :version)"
            ),
            {
                "id": uuid.uuid4().hex,
                "family": family,
                "pos": position,
                "given": member["first_name"],
                "surname": member["last_name"],
                "born": member["date_of_birth"],
                "role": member["role"],
                **common,
            },
        )
    conn.execute(
        sa.text(
            "INSERT INTO case_record (id, reference, family_id, locality_id, status, is_repeat, "
            "opened_on, complexity_weight, created_at, updated_at, version) VALUES (:id, 'N-2026-0006', "
            ":family, :loc, 'closed', 0, '2026-01-05', 1.0, :created_at, :updated_at, :version)"
        ),
        {"id": uuid.uuid4().hex, "family": family, "loc": locality, **common},
    )


def test_an_import_reads_only_through_the_keys(directory, clerk, tmp_path):
    """No statement of an import scans the people or families: what it reads
    follows the file, however large the council."""
    if not directory.is_sqlite:
        pytest.skip("read on SQLite's query plans: PostgreSQL's planner scans tables this small whatever indexes exist")
    intake = IntakeService(directory, clerk)
    intake.import_path(write(tmp_path / "first.json", BASE_PROFILE))
    statements = []
    listener = lambda _c, _cur, sql, params, _ctx, many: statements.append((sql, params)) if not many else None  # noqa: E731
    event.listen(directory.engine, "before_cursor_execute", listener)
    try:
        intake.import_path(
            write(
                tmp_path / "both.json",
                [_moved_with_slips("ESAT-2027-00001"), make_profile(profile_id="ESAT-2027-00002")],
            )
        )
    finally:
        event.remove(directory.engine, "before_cursor_execute", listener)
    with directory.engine.connect() as conn:
        plans = [
            " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
            for sql, params in statements
            if sql.lstrip().upper().startswith("SELECT")
        ]
    scans = [plan for plan in plans if "SCAN person" in plan or "SCAN family" in plan]
    assert plans and scans == []

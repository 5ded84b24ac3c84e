"""The locality copied onto supporters and profile rows for the access rules
(migration 0031): the server keeps it, whatever a writer sends, and moves it
with the case or referral, so managers see exactly their locality's rows."""

from __future__ import annotations

import psycopg
import pytest

from tests.pg_access.conftest import DENIED

PROFILE_PARTS = ("profile_member", "profile_need", "profile_risk", "profile_strength", "profile_involvement")


def _seen(world, who: str, sql: str, *params) -> int:
    with world.connect(who) as conn:
        return conn.execute(sql, params).fetchone()[0]


def _profile_of(world, surname: str):
    return world.owner_rows(
        "SELECT p.id, r.id FROM profile360 p JOIN referral r ON r.id = p.referral_id WHERE r.case_id = :c",
        c=world.cases[surname],
    )[0]


def test_every_copied_locality_is_its_parents(world):
    mismatched = world.owner_rows(
        "SELECT count(*) FROM case_supporter s JOIN case_record c ON c.id = s.case_id "
        "WHERE s.access_locality IS DISTINCT FROM c.locality_id"
    ) + [
        row
        for part in PROFILE_PARTS
        for row in world.owner_rows(
            f"SELECT count(*) FROM {part} x JOIN profile360 p ON p.id = x.profile_id "
            "JOIN referral r ON r.id = p.referral_id WHERE x.access_locality IS DISTINCT FROM r.locality_id"
        )
    ]
    assert mismatched == [(0,)] * (1 + len(PROFILE_PARTS))
    assert world.owner_rows("SELECT count(*) FROM case_supporter")[0][0] > 0


def test_a_writer_cannot_set_the_copy_and_another_localitys_case_is_refused(world):
    north, south = world.localities["North"], world.localities["South"]
    with world.connect("lm_north") as conn:
        conn.execute(
            "INSERT INTO case_supporter (id, case_id, professional_id, since, access_locality, created_at, "
            "updated_at, version) VALUES (gen_random_uuid(), %s, %s, current_date, %s, now(), now(), 1) "
            "RETURNING access_locality",
            (world.cases["Okoro"], world.people["Tomas"], south),
        )
        kept = conn.execute(
            "SELECT access_locality FROM case_supporter WHERE case_id = %s AND professional_id = %s",
            (world.cases["Okoro"], world.people["Tomas"]),
        ).fetchone()[0]
        assert kept == north  # the case's locality, not what was sent
        conn.rollback()
        with pytest.raises(psycopg.Error) as refused:
            conn.execute(
                "INSERT INTO case_supporter (id, case_id, professional_id, since, created_at, updated_at, version) "
                "VALUES (gen_random_uuid(), %s, %s, current_date, now(), now(), 1)",
                (world.cases["Byrne"], world.people["Tomas"]),
            )
        assert refused.value.sqlstate == DENIED


def test_rows_follow_their_case_and_referral_to_another_locality(world):
    case_id = world.cases["Kowalczyk"]
    profile_id, referral_id = _profile_of(world, "Kowalczyk")
    supporters = "SELECT count(*) FROM case_supporter WHERE case_id = %s"
    needs = "SELECT count(*) FROM profile_need WHERE profile_id = %s"
    before = (_seen(world, "lm_north", supporters, case_id), _seen(world, "lm_north", needs, profile_id))
    assert min(before) > 0
    assert (_seen(world, "lm_south", supporters, case_id), _seen(world, "lm_south", needs, profile_id)) == (0, 0)
    south, north = world.localities["South"], world.localities["North"]
    try:
        world.owner_change("UPDATE case_record SET locality_id = :l WHERE id = :c", l=south, c=case_id)
        world.owner_change("UPDATE referral SET locality_id = :l WHERE id = :r", l=south, r=referral_id)
        assert (_seen(world, "lm_south", supporters, case_id), _seen(world, "lm_south", needs, profile_id)) == before
        assert (_seen(world, "lm_north", supporters, case_id), _seen(world, "lm_north", needs, profile_id)) == (0, 0)
    finally:
        world.owner_change("UPDATE case_record SET locality_id = :l WHERE id = :c", l=north, c=case_id)
        world.owner_change("UPDATE referral SET locality_id = :l WHERE id = :r", l=north, r=referral_id)
    assert _seen(world, "lm_north", needs, profile_id) == before[1]

"""Each person's own reference, Annex A's Child Unique ID: drawn when the
person is first written (one by one or in bulk), kept through changes,
unique, and given by migration 0029 to the people already held."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import create_engine, inspect, select, text

from tafdesk.db import Database
from tafdesk.db.migrations.runner import run_downgrade, run_upgrade
from tafdesk.db.rowset import RowSet
from tafdesk.models import Family, Locality, MemberRole, Person
from tafdesk.models.person_reference import new_reference
from tafdesk.services.errors import DatabaseProblem

REFERENCE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{10}$")  # Crockford's base 32: no I, L, O or U


def _family(s) -> uuid.UUID:
    locality = Locality(name="North", code="N")
    s.add(locality)
    s.flush()
    family = Family(
        reference="F-000001", family_name="Testa", locality_id=locality.id, address_line1="1 Road", postcode="NT1 1AA"
    )
    s.add(family)
    s.flush()
    return family.id


def test_people_get_a_reference_when_written_and_keep_it(db):
    with db.session() as s:
        family_id = _family(s)
        ada = Person(family_id=family_id, given_name="Ada", family_name="Testa", role=MemberRole.CHILD)
        s.add(ada)
        s.flush()
        rows = RowSet()
        for n in range(50):
            rows.add(
                Person, family_id=family_id, position=n + 1, given_name=f"Kid{n}", family_name="Testa", role="child"
            )
        rows.insert_all(s)
    with db.session() as s:
        first = s.scalars(select(Person).where(Person.given_name == "Ada")).one()
        kept = first.reference
        first.given_name, first.family_name = "Adaeze", "Testa-Okoro"
    with db.reader() as s:
        references = list(s.scalars(select(Person.reference)))
        assert s.scalar(select(Person.reference).where(Person.given_name == "Adaeze")) == kept
    assert len(references) == 51 == len(set(references))
    assert all(REFERENCE.match(r) for r in references)


def test_two_people_cannot_share_a_reference(db):
    with db.session() as s:
        family_id = _family(s)
        s.add(Person(family_id=family_id, given_name="Ada", family_name="Testa", role=MemberRole.CHILD))
    with db.reader() as s:
        taken = s.scalar(select(Person.reference))
    with pytest.raises(DatabaseProblem, match="clashes with a record already in the database"), db.session() as s:
        s.add(Person(family_id=family_id, given_name="Bo", family_name="Testa", role=MemberRole.CHILD, reference=taken))


def test_references_are_drawn_at_random_not_from_the_person():
    drawn = {new_reference() for _ in range(5000)}
    assert len(drawn) == 5000 and all(REFERENCE.match(r) for r in drawn)
    # Every character of the alphabet turns up in every place: nothing fixed, nothing counted.
    for place in range(10):
        assert len({r[place] for r in drawn}) == 32


def test_0029_gives_the_people_already_held_a_reference_each(any_url):
    run_upgrade(any_url, "0026")
    engine = create_engine(any_url)
    ids = {name: uuid.uuid4().hex for name in ("locality", "family")}  # as SQLAlchemy stores them on SQLite
    stamp = "'2026-12-01 10:00:00+00'"
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    f"INSERT INTO locality (id, name, code, created_at, updated_at, version) "
                    f"VALUES ('{ids['locality']}', 'North', 'N', {stamp}, {stamp}, 1)"
                )
            )
            conn.execute(
                text(
                    f"INSERT INTO family (id, reference, family_name, locality_id, address_line1, postcode, "
                    f"postcode_key, interpreter_needed, created_at, updated_at, version) VALUES "
                    f"('{ids['family']}', 'F-1', 'Testa', '{ids['locality']}', '1 Road', 'NT1 1AA', 'NT11AA', false, "
                    f"{stamp}, {stamp}, 1)"
                )
            )
            for n, name in enumerate(("Ada", "Bo", "Cy")):
                conn.execute(
                    text(
                        f"INSERT INTO person (id, family_id, position, given_name, family_name, role, "
                        f"lives_in_household, do_not_write, given_key, family_key, created_at, updated_at, version) "
                        f"VALUES ('{uuid.uuid4().hex}', '{ids['family']}', {n}, '{name}', 'Testa', 'child', true, false, "
                        f"'{name.lower()}', 'testa', {stamp}, {stamp}, 1)"
                    )
                )
        run_upgrade(any_url)
        with engine.connect() as conn:
            references = dict(conn.execute(text("SELECT given_name, reference FROM person")).all())
        assert set(references) == {"Ada", "Bo", "Cy"} and len(set(references.values())) == 3
        assert all(REFERENCE.match(r) for r in references.values())
        column = next(c for c in inspect(engine).get_columns("person") if c["name"] == "reference")
        assert column["nullable"] is False
        assert "person_reference_new" not in inspect(engine).get_table_names()
        run_downgrade(any_url, "0026")
        assert "reference" not in {c["name"] for c in inspect(engine).get_columns("person")}
    finally:
        engine.dispose()
    db = Database(any_url)  # and a person added after the upgrade gets one too
    try:
        run_upgrade(any_url)
        with db.session() as s:
            family_id = s.scalar(select(Family.id))
            s.add(Person(family_id=family_id, given_name="Di", family_name="Testa", role=MemberRole.CHILD))
        with db.reader() as s:
            assert len(set(s.scalars(select(Person.reference)))) == 4
    finally:
        db.dispose()


def test_a_demo_council_draws_the_same_references_from_the_same_seed():
    import random

    def drawn(seed: int) -> list[str]:
        rows = RowSet(random.Random(seed))
        for n in range(20):
            rows.add(Person, family_id=uuid.uuid4(), given_name=f"Kid{n}", family_name="Testa", role="child")
        return [row["reference"] for row in rows.rows(Person)]

    assert drawn(7) == drawn(7) != drawn(8)
    assert len(set(drawn(7))) == 20 and all(REFERENCE.match(r) for r in drawn(7))

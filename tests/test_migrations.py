"""The migrations build exactly the models, round-trip, and upgrades back up first."""

from __future__ import annotations

import shutil
import sqlite3
import textwrap

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from tafdesk.db import Database, migrations
from tafdesk.db.migrations.runner import alembic_config, run_downgrade, run_upgrade
from tafdesk.db.schema import State, inspect_database, open_database, upgrade_schema
from tafdesk.models import Base


def _differences(url) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    finally:
        engine.dispose()


def test_head_constant_names_the_newest_migration():
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_current_head() == migrations.HEAD_REVISION
    assert {rev.revision for rev in script.walk_revisions()} == migrations.known_revisions()


def test_migrations_build_exactly_the_models(any_url):
    upgrade_schema(any_url)
    assert _differences(any_url) == []


def test_downgrade_to_base_and_upgrade_round_trips(any_url):
    upgrade_schema(any_url)
    tables_at_head = set(inspect(create_engine(any_url)).get_table_names())
    run_downgrade(any_url, "base")
    assert set(inspect(create_engine(any_url)).get_table_names()) <= {"alembic_version"}
    assert inspect_database(any_url).state is State.EMPTY
    run_upgrade(any_url)
    assert set(inspect(create_engine(any_url)).get_table_names()) == tables_at_head
    assert _differences(any_url) == []


@pytest.fixture
def newer_migrations(tmp_path, monkeypatch):
    """A copy of the shipped migrations plus one more, as a later tafdesk would have."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrations.SCRIPT_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_add_locality_motto.py").write_text(
        textwrap.dedent(
            f"""
            from alembic import op
            import sqlalchemy as sa

            revision = "9001"
            down_revision = {migrations.HEAD_REVISION!r}
            branch_labels = None
            depends_on = None

            def upgrade():
                with op.batch_alter_table("locality") as batch:
                    batch.add_column(sa.Column("motto", sa.String(80)))

            def downgrade():
                with op.batch_alter_table("locality") as batch:
                    batch.drop_column("motto")
            """
        )
    )
    monkeypatch.setattr(migrations, "SCRIPT_DIR", scripts)
    monkeypatch.setattr(migrations, "HEAD_REVISION", "9001")


def test_opening_an_older_file_backs_it_up_then_upgrades(sqlite_url, tmp_path, newer_migrations):
    run_upgrade(sqlite_url, "0001")
    path = tmp_path / "tafdesk.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO locality (id, name, code, created_at, updated_at, version) "
            "VALUES ('00000000000000000000000000000001', 'North', 'N', '2026-01-01', '2026-01-01', 1)"
        )
    backups = tmp_path / "backups"
    db = open_database(sqlite_url, backup_dir=backups)
    db.dispose()

    copies = list(backups.glob("*.sqlite"))
    assert len(copies) == 1 and "before-upgrade-from-0001" in copies[0].name
    with sqlite3.connect(copies[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT name FROM locality").fetchall() == [("North",)]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9001",)
        assert conn.execute("SELECT name, motto FROM locality").fetchall() == [("North", None)]


def test_a_new_empty_file_is_created_without_a_backup(sqlite_url, tmp_path):
    db = open_database(sqlite_url, backup_dir=tmp_path / "backups")
    db.dispose()
    assert inspect_database(sqlite_url).state is State.CURRENT
    assert not (tmp_path / "backups").exists()


def test_sqlite_file_uses_wal_and_enforces_foreign_keys(sqlite_url):
    upgrade_schema(sqlite_url)
    db = Database(sqlite_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_0008_keeps_existing_people_and_register_entries_with_safe_defaults(any_url):
    """Rows written under 0007 survive 0008: nobody is marked, every register
    entry is its file's version 1 and not yet sent."""
    import uuid

    from sqlalchemy import text

    run_upgrade(any_url, "0007")
    ids = {name: str(uuid.uuid4()) for name in ("locality", "family", "person", "document")}
    stamp = "'2026-12-01 10:00:00+00'"
    engine = create_engine(any_url)
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
                f"postcode_key, interpreter_needed, created_at, updated_at, version) VALUES ('{ids['family']}', "
                f"'F-1', 'Testfamily', '{ids['locality']}', '1 Any Road', 'NT1 1AA', 'NT11AA', false, {stamp}, "
                f"{stamp}, 1)"
            )
        )
        conn.execute(
            text(
                f"INSERT INTO person (id, family_id, position, given_name, family_name, role, "
                f"lives_in_household, given_key, family_key, created_at, updated_at, version) VALUES "
                f"('{ids['person']}', '{ids['family']}', 0, 'Ada', 'Testfamily', 'parent', true, 'ada', "
                f"'testfamily', {stamp}, {stamp}, 1)"
            )
        )
        conn.execute(
            text(
                f"INSERT INTO generated_document (id, doc_type, doc_format, path, sha256, generated_at, "
                f"created_at, updated_at, version) VALUES ('{ids['document']}', 'minutes_full', 'pdf', "
                f"'/tmp/m.pdf', '{'0' * 64}', {stamp}, {stamp}, {stamp}, 1)"
            )
        )
    run_upgrade(any_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT given_name, do_not_write FROM person")).one() == ("Ada", False)
        assert conn.execute(text("SELECT count(*) FROM referral WHERE self_referral_recorded")).scalar() == 0
        assert conn.execute(
            text("SELECT path, file_version, sent_on, sent_how, sent_by_name FROM generated_document")
        ).one() == ("/tmp/m.pdf", 1, None, None, None)
    engine.dispose()
    assert _differences(any_url) == []


def test_0014_keeps_saved_templates_council_wide_and_downgrading_drops_only_locality_versions(any_url):
    """Templates saved under 0013 stay council-wide and current; a locality's
    version (and a register entry made from it) can be added; going back to
    0013 deletes the locality versions, keeps the rest, and its rule of one
    version number per letter type holds again."""
    import uuid

    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    run_upgrade(any_url, "0013")
    ids = {name: uuid.uuid4().hex for name in ("locality", "council", "local", "document", "copy")}
    stamp = "'2026-12-01 10:00:00+00'"

    def template(key: str, locality: str | None, number: int) -> str:
        column, value = (", locality_id", f", '{ids[locality]}'") if locality else ("", "")
        return (
            f"INSERT INTO letter_template (id, letter_type, template_version, body, is_current, created_by_name, "
            f"created_at, updated_at, version{column}) VALUES ('{ids[key]}', 'letter_iag', {number}, 'Dear you', "
            f"true, 'Clerk', {stamp}, {stamp}, 1{value})"
        )

    engine = create_engine(any_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                f"INSERT INTO locality (id, name, code, created_at, updated_at, version) "
                f"VALUES ('{ids['locality']}', 'North', 'N', {stamp}, {stamp}, 1)"
            )
        )
        conn.execute(text(template("council", None, 1)))
    run_upgrade(any_url)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT template_version, locality_id, is_current FROM letter_template")).one() == (
            1,
            None,
            True,
        )
        conn.execute(text(template("local", "locality", 1)))  # North's own version 1 beside the council-wide one
        conn.execute(
            text(
                f"INSERT INTO generated_document (id, doc_type, doc_format, path, sha256, generated_at, "
                f"created_at, updated_at, version, template_id, template_version) VALUES ('{ids['document']}', "
                f"'letter_iag', 'pdf', '/tmp/l.pdf', '{'0' * 64}', {stamp}, {stamp}, {stamp}, 1, "
                f"'{ids['local']}', 1)"
            )
        )
    assert _differences(any_url) == []

    run_downgrade(any_url, "0013")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM letter_template")).scalar() == 1
        assert conn.execute(text("SELECT path FROM generated_document")).scalar() == "/tmp/l.pdf"
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text(template("copy", None, 1).replace("true", "false")))
    run_upgrade(any_url)
    assert _differences(any_url) == []
    engine.dispose()


def test_0026_gives_each_meeting_action_its_case_and_the_day_of_its_meeting(any_url):
    """Actions agreed before 0026 get their decision's case and the day in
    England of the meeting that agreed them (23:30 UTC on a summer evening is
    the next day there); the copy of the case cannot then differ from the decision's."""
    import datetime as dt
    import uuid

    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from tafdesk import models as m
    from tafdesk.db.database import make_engine

    upgrade_schema(any_url)
    db = Database(any_url)
    try:
        with db.session() as s:
            locality = m.Locality(name="North", code="N")
            s.add(locality)
            s.flush()
            family = m.Family(
                reference="F-1",
                family_name="Testfamily",
                locality_id=locality.id,
                address_line1="1 Any Road",
                postcode="NT1 1AA",
                postcode_key="NT11AA",
            )
            s.add(family)
            s.flush()
            cases = [
                m.Case(
                    reference=f"C-{n}",
                    family_id=family.id,
                    locality_id=locality.id,
                    status=m.CaseStatus.TAF_OPEN,
                    opened_on=dt.date(2026, 6, 1),
                )
                for n in (1, 2)
            ]
            late = m.Meeting(
                locality_id=locality.id,
                starts_at=dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC),
                status=m.MeetingStatus.CLOSED,
            )
            s.add_all([*cases, late])
            s.flush()
            for case in cases:
                item = m.AgendaItem(
                    meeting_id=late.id,
                    case_id=case.id,
                    kind=m.AgendaKind.NEW_PROFILE,
                    status=m.AgendaStatus.DECIDED,
                )
                s.add(item)
                s.flush()
                s.add(
                    m.Decision(
                        agenda_item_id=item.id,
                        case_id=case.id,
                        outcome=m.DecisionOutcome.ALLOCATE_LEAD,
                        decided_at=late.starts_at,
                        actions=[m.DecisionAction(description="Visit", agreed_on=dt.date(2000, 1, 1))],
                    )
                )
        case_ids = sorted(str(c.id) for c in cases)
    finally:
        db.dispose()
    run_downgrade(any_url, "0025")
    engine = create_engine(any_url)
    try:
        assert "case_id" not in {c["name"] for c in inspect(engine).get_columns("decision_action")}
        run_upgrade(any_url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT case_id, agreed_on FROM decision_action ORDER BY case_id")).all()
        assert sorted(str(uuid.UUID(str(c))) for c, _ in rows) == case_ids
        assert {str(day) for _, day in rows} == {"2026-07-01"}
    finally:
        engine.dispose()
    checked = make_engine(any_url)  # foreign keys enforced, on SQLite too
    try:
        with pytest.raises(IntegrityError), checked.begin() as conn:  # another case than the decision's
            conn.execute(text("UPDATE decision_action SET case_id = :other"), {"other": rows[0][0]})
    finally:
        checked.dispose()
    assert _differences(any_url) == []


def test_no_migration_imports_the_app():
    """A migration runs as it was written, years later: code of the app it
    uses could have changed since (0024 once used the intake's ethnicity map)."""
    import ast

    for path in sorted((migrations.SCRIPT_DIR / "versions").glob("[0-9]*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            assert not [n for n in names if n.split(".")[0] == "tafdesk"], path.name


def test_0024_codes_the_ethnicity_already_held_where_its_wording_is_clear(any_url):
    """Wording held before 0024 gets its DfE code on upgrade (with the map
    frozen in the migration); the unclear is left for a person."""
    from sqlalchemy import text

    from tafdesk import models as m

    upgrade_schema(any_url)
    held = {"Ada": "Black British – Nigerian", "Bo": "Mixed", "Cy": "wbri", "Di": None}
    db = Database(any_url)
    try:
        with db.session() as s:
            locality = m.Locality(name="North", code="N")
            s.add(locality)
            s.flush()
            family = m.Family(
                reference="F-1",
                family_name="Testfamily",
                locality_id=locality.id,
                address_line1="1 Any Road",
                postcode="NT1 1AA",
                postcode_key="NT11AA",
            )
            s.add(family)
            s.flush()
            for n, (name, wording) in enumerate(held.items()):
                s.add(
                    m.Person(
                        family_id=family.id,
                        position=n,
                        given_name=name,
                        family_name="Testfamily",
                        role=m.MemberRole.CHILD,
                        given_key=name.lower(),
                        family_key="testfamily",
                        ethnicity=wording,
                    )
                )
    finally:
        db.dispose()
    run_downgrade(any_url, "0023")
    run_upgrade(any_url)
    engine = create_engine(any_url)
    try:
        with engine.connect() as conn:
            coded = dict(conn.execute(text("SELECT given_name, ethnicity_code FROM person")).all())
    finally:
        engine.dispose()
    assert coded == {"Ada": "BAFR", "Bo": None, "Cy": "WBRI", "Di": None}


def test_0037_gives_the_familys_team_what_their_letter_says_was_decided_and_downgrades(any_url):
    """On PostgreSQL one function, SECURITY DEFINER with its search path
    pinned, which only lead professionals' logins may call; on SQLite nothing."""
    from sqlalchemy import text

    query = text(
        "SELECT p.prosecdef, p.proconfig, has_function_privilege('tafdesk_lead_professional', p.oid, 'EXECUTE'), "
        "has_function_privilege('tafdesk_business_support', p.oid, 'EXECUTE') "
        "FROM pg_proc p WHERE p.proname = 'tafdesk_letter_decision'"
    )

    def found() -> list:
        engine = create_engine(any_url)
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(query)] if engine.dialect.name == "postgresql" else []
        finally:
            engine.dispose()

    upgrade_schema(any_url)
    postgresql = any_url.get_backend_name() == "postgresql"
    if postgresql:
        [(definer, config, leads, support)] = found()
        assert definer and leads and not support
        assert any(setting.startswith("search_path=") for setting in config)
    run_downgrade(any_url, "0036")
    assert found() == []
    run_upgrade(any_url)
    assert len(found()) == (1 if postgresql else 0)
    assert _differences(any_url) == []

"""`tafdesk retention` and `tafdesk sar` from the command line, on both
databases: administrators only, on PostgreSQL only through the owner's
connection, one plain sentence for every refusal, and nothing printed that
names a family."""

from __future__ import annotations

import datetime as dt
import io
import stat

import pytest
from sqlalchemy import select, update

from tafdesk.cli import main
from tafdesk.models import AppSetting, AuditEvent, Case, Family, Person, Role, User
from tafdesk.services.person_ids import short_ids
from tests.conftest import PASSWORD, allow_sign_in, db_argument
from tests.retention.conftest import ADMIN_NAME

NAMES = ("Nguyễn", "Byrne", "Hussain", "Kowalczyk", "Mensah", "Zoë", "Ciarán", "Yusuf")


@pytest.fixture
def passwords(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n" * 20))


@pytest.fixture
def long_ago(world):
    """Byrne's and Hussain's cases ended in 2020: due today."""
    with world.db.session() as s:
        s.execute(
            update(Case)
            .where(Case.id.in_([world.pack.cases["Byrne"], world.pack.cases["Hussain"]]))
            .values(opened_on=dt.date(2019, 11, 1), closed_on=dt.date(2020, 1, 6))
        )
    return world


def run(world, *command: str, user: str = ADMIN_NAME, db: str | None = None) -> int:
    return main([*command, "--db", db or db_argument(world.db), "--user", user, "--password-stdin"])


def test_report_then_apply_with_confirm(long_ago, capsys, passwords):
    world = long_ago
    assert run(world, "retention", "report") == 0
    report = capsys.readouterr().out
    assert "Families never allocated (2 years after the last case ended): 2 to anonymise" in report
    assert world.pack.references["Byrne"] in report and "4 (and their files)" in report
    assert run(world, "retention", "apply") == 0
    assert "Nothing was changed: run `tafdesk retention apply --confirm`" in capsys.readouterr().out
    with world.db.reader() as s:
        assert s.scalar(select(Family.anonymised_on).where(Family.id == world.family("Byrne"))) is None

    assert run(world, "retention", "apply", "--confirm") == 0
    done = capsys.readouterr()
    assert (
        "Anonymised 2 families, deleted 1 draft and the minutes of 0 meetings" in done.out
        and "Files removed: 4." in done.out
    )
    printed = report + done.out + done.err
    assert not [name for name in NAMES if name in printed]
    with world.db.reader() as s:
        assert s.scalar(select(Family.anonymised_on).where(Family.id == world.family("Byrne"))) == dt.date.today()
        assert (
            s.scalar(select(AuditEvent.actor_name).where(AuditEvent.action == "retention.applied")) == "Rita Retention"
        )


def test_only_an_administrator_may_and_says_so_in_a_sentence(long_ago, capsys, passwords):
    world = long_ago
    with world.db.session() as s:
        s.add(User(username="chair1", display_name="Chair One", role=Role.LOCALITY_MANAGER))
    allow_sign_in(world.db, "chair1")
    assert run(world, "retention", "apply", "--confirm", user="chair1") == 1
    assert (
        run(world, "sar", "--family", world.pack.references["Byrne"], "--out", str(world.folder / "sar"), user="chair1")
        == 1
    )
    err = capsys.readouterr().err
    assert "Chair One (locality manager) may not see what the retention schedule makes due" in err
    assert "Chair One (locality manager) may not gather everything held about a person" in err
    assert "Traceback" not in err and not (world.folder / "sar").exists()
    with world.db.reader() as s:
        assert s.scalar(select(Family.anonymised_on).where(Family.id == world.family("Byrne"))) is None


def test_on_postgresql_an_administrators_own_account_is_refused(long_ago, capsys, passwords):
    world = long_ago
    if world.db.is_sqlite:
        pytest.skip("PostgreSQL's roles")
    own = world.db.url.set(username=ADMIN_NAME, password=PASSWORD).render_as_string(hide_password=False)
    assert run(world, "retention", "report", db=own) == 1
    assert (
        run(world, "sar", "--family", world.pack.references["Byrne"], "--out", str(world.folder / "sar"), db=own) == 1
    )
    err = capsys.readouterr().err
    assert (
        err.count(f"which no person's database account may (not even an administrator's), and {ADMIN_NAME} is one") == 2
    )
    assert "postgresql+psycopg://tafdesk_owner@HOST/tafdesk" in err and "Traceback" not in err
    assert main(["retention", "report", "--db", db_argument(world.db)]) == 1
    assert "Say who you are with --user NAME (an administrator)" in capsys.readouterr().err


def test_retention_periods_are_settings_checked_and_audited(world, capsys, passwords):
    assert run(world, "settings", "set", "retention.years_not_allocated", "3") == 0
    assert '"years_not_allocated": 3' in capsys.readouterr().out
    for name, value, said in (
        ("retention.years_not_allocated", "7", "would be kept longer (7 years) than one worked with (6 years"),
        ("retention.youngest_child_age", "16", "16 is not from 18 to 100 years of age"),
        ("retention.years_minutes", "six", "“six” is not a whole number of years"),
        ("retention.forever", "1", "There is no retention period called “forever”"),
    ):
        assert run(world, "settings", "set", name, value) == 1
        assert said in capsys.readouterr().err
    with world.db.reader() as s:
        assert (
            s.scalar(select(AppSetting.value).where(AppSetting.key == "retention.periods")).count(
                '"years_not_allocated": 3'
            )
            == 1
        )
        changes = s.scalars(select(AuditEvent.changes).where(AuditEvent.action == "setting.changed")).all()
    assert [c for c in changes if "retention.periods" in c and '"years_not_allocated": 3' in c]


def test_a_subject_access_pack_for_one_person(world, tmp_path, capsys, passwords):
    with world.db.reader() as s:
        family = s.get(Family, world.family("Nguyễn"))
        people = {p.given_name: p.id for p in s.scalars(select(Person).where(Person.family_id == family.id))}
    shown = short_ids(family.reference, people.values())
    out = tmp_path / "sar"
    assert run(world, "sar", "--person", shown[people["Thị Mai"]].lower(), "--out", str(out)) == 0
    printed = capsys.readouterr().out
    assert "marked for review before disclosure" in printed and not [n for n in NAMES if n in printed]
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    files = [p for p in out.rglob("*") if p.is_file()]
    assert {"index.html", "records.json", "audit.csv"} <= {p.name for p in files}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
    assert any(p.parent.name == "documents" and p.suffix == ".pdf" for p in files)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Subject access request: Thị Mai Nguyễn" in index and "Review before disclosure: Restricted" in index
    assert "<h3>Zoë Nguyễn</h3>" not in index  # her child's own record is hers
    assert "Minutes cover every family" in index and "subject_access.gathered" not in index

    assert run(world, "sar", "--person", shown[people["Thị Mai"]], "--out", str(out)) == 1
    assert run(world, "sar", "--person", f"{family.reference}-ZZZZ", "--out", str(tmp_path / "other")) == 1
    assert run(world, "sar", "--person", "Nguyen", "--out", str(tmp_path / "other")) == 1
    err = capsys.readouterr().err
    assert "is not an empty folder" in err and f"Nobody in {family.reference} has the id" in err
    assert "“Nguyen” is not a person's id" in err and "Traceback" not in err and not (tmp_path / "other").exists()

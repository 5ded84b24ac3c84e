"""The reports' timeliness targets: a shared setting, checked, audited, and
changed from the command line by an administrator."""

from __future__ import annotations

import io
import json
import uuid

import pytest
from sqlalchemy import select

from tafdesk.cli import main
from tafdesk.models import AuditEvent, Role, User
from tafdesk.services.actor import Actor
from tafdesk.services.errors import PermissionDenied, ValidationError
from tafdesk.services.shared_settings import SharedSettings, TimelinessTargets
from tests.conftest import PASSWORD, allow_sign_in, db_argument

ADMIN = Actor(None, "Ada Admin", Role.ADMIN)


def test_the_targets_have_defaults_and_are_kept(db):
    settings = SharedSettings(db, ADMIN)
    assert settings.timeliness_targets() == TimelinessTargets(front_door=3, meeting_decision=10, allocation=10)
    settings.set_timeliness_targets(TimelinessTargets(2, 8, 12))
    assert settings.timeliness_targets() == TimelinessTargets(2, 8, 12)
    with db.reader() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "setting.changed")).one()
        assert "reports.timeliness_targets" in (event.changes or "")


@pytest.mark.parametrize(
    ("targets", "field"),
    [
        (TimelinessTargets(0, 10, 10), "timeliness.front_door"),
        (TimelinessTargets(3, 131, 10), "timeliness.meeting_decision"),
        (TimelinessTargets(3, 10, 2.5), "timeliness.allocation"),  # type: ignore[arg-type]
        (TimelinessTargets(True, 10, 10), "timeliness.front_door"),  # type: ignore[arg-type]
    ],
)
def test_a_target_out_of_range_is_refused_naming_it(db, targets, field):
    with pytest.raises(ValidationError) as refused:
        SharedSettings(db, ADMIN).set_timeliness_targets(targets)
    assert list(refused.value.fields) == [field]
    assert "whole number of working days from 1 to 130" in refused.value.fields[field]
    assert SharedSettings(db, ADMIN).timeliness_targets() == TimelinessTargets()


def test_only_administrators_change_them(db):
    manager = Actor(None, "Mo Manager", Role.LOCALITY_MANAGER, localities=frozenset())
    with pytest.raises(PermissionDenied, match="change settings shared by everyone"):
        SharedSettings(db, manager).set_timeliness_targets(TimelinessTargets(2, 8, 12))


def test_settings_set_and_show_from_the_command_line(db, monkeypatch, capsys):
    name = f"rep_admin_{uuid.uuid4().hex[:8]}"  # on PostgreSQL a login role of the whole server
    with db.session() as s:
        s.add(User(username=name, display_name="Ada Admin", role=Role.ADMIN))
    allow_sign_in(db, name)
    common = ["--db", db_argument(db), "--user", name, "--password-stdin"]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n" * 3))
    assert main(["settings", "set", "timeliness.allocation", "15", *common]) == 0
    assert json.loads(capsys.readouterr().out)["timeliness"] == {
        "front_door": 3,
        "meeting_decision": 10,
        "allocation": 15,
    }
    assert main(["settings", "set", "timeliness.soon", "2", *common]) == 1
    assert "There is no timeliness target called “soon”" in capsys.readouterr().err

"""Logs hold ids and actions, never personal data: errors carrying a family's
names, date of birth, address and plan text through the services' database
layer, the command line and a background task leave none of it in the log
file or on stderr."""

from __future__ import annotations

import datetime as dt
import logging
import uuid

import pytest

from tafdesk import cli
from tafdesk.logs import configure_logging
from tafdesk.models import Family, Person
from tafdesk.models.enums import MemberRole
from tafdesk.paths import log_dir
from tafdesk.services.errors import ServiceError

SURNAME, FORENAMES, BORN = "Okonkwo-Brightwater", "Ifeoma Chidinma", dt.date(2013, 4, 27)
ADDRESS, PLAN_ROW = "14 Larkspur Row", "Sleeps at her nan's on Fridays after the row"
PLANTED = (SURNAME, FORENAMES, "Ifeoma", "Larkspur", PLAN_ROW, "2013-04-27", "27/04/2013")


@pytest.fixture
def log_text():
    """The log file tafdesk writes (TAFDESK_HOME/logs), read when asked."""
    root = logging.getLogger()
    kept = list(root.handlers)
    configure_logging()
    for handler in root.handlers:
        handler.flush()
    yield lambda: (log_dir() / "tafdesk.log").read_text(encoding="utf-8")
    for handler in root.handlers[:]:
        if handler not in kept:
            root.removeHandler(handler)
            handler.close()


def assert_clean(*texts: str) -> None:
    for text in texts:
        for planted in PLANTED:
            assert planted not in text, planted


def test_a_failing_write_in_a_service_session(db, log_text) -> None:
    family = Family(
        reference="F-PLANT-1",
        family_name=SURNAME,
        locality_id=uuid.uuid4(),
        address_line1=ADDRESS,
        postcode="ZZ9 9ZZ",
        postcode_key="ZZ99ZZ",
    )  # no such locality: the database refuses it
    family.members.append(
        Person(
            given_name=FORENAMES,
            family_name=SURNAME,
            date_of_birth=BORN,
            role=MemberRole.CHILD,
            school_or_setting=PLAN_ROW,
            given_key="ifeoma",
            family_key="okonkwo",
        )
    )
    with pytest.raises(ServiceError) as refused:
        with db.session() as session:
            session.add(family)
    with pytest.raises(RuntimeError):
        with db.session():
            raise RuntimeError(f"{SURNAME} born {BORN}: {PLAN_ROW}")  # not the database's: passed on, not logged
    assert "database failure" in log_text()
    assert_clean(str(refused.value), log_text())


def test_an_unexpected_error_in_a_command(monkeypatch, capsys, log_text) -> None:
    def fails(_args, _db):
        try:
            raise KeyError(f"{FORENAMES} {SURNAME}, {ADDRESS}")
        except KeyError as exc:
            raise ValueError(f"could not write {PLAN_ROW} for the child born {BORN:%d/%m/%Y}") from exc

    monkeypatch.setitem(cli._COMMANDS, "settings", fails)
    assert cli.main(["settings", "show"]) == cli.EXIT_FAILED
    said = capsys.readouterr()
    logged = log_text()
    assert "tafdesk settings failed: ValueError" in logged and "KeyError" in logged  # where, and what came first
    assert "Traceback" not in said.err and "ValueError" in said.err
    assert_clean(said.out, said.err, logged)


def test_a_failing_background_task(qtbot, log_text) -> None:
    from PySide6.QtWidgets import QWidget

    from tafdesk.ui.background import run_in_background
    from tafdesk.ui.errors import explain

    def work() -> None:
        raise RuntimeError(f"{SURNAME}, {ADDRESS}, born {BORN}: {PLAN_ROW}")

    widget, said = QWidget(), []
    qtbot.addWidget(widget)
    run_in_background(work, said.append, lambda error: said.append(explain(error, "reading a plan")), context=widget)
    qtbot.waitUntil(lambda: bool(said))
    assert "RuntimeError" in said[0]
    assert "reading a plan failed: RuntimeError" in log_text()
    assert_clean(said[0], log_text())

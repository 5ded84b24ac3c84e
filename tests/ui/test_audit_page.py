"""The Audit trail page: administrators only, the trail newest first, its
filters typed as on the command line, problems said at the fields, and the
events saved as CSV."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt

from tafdesk.services.audit_trail import AuditTrailService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.plans import PlanService
from tafdesk.ui.areas import build_areas
from tafdesk.ui.audit.page import AuditPage
from tafdesk.ui.directory.roles import SORT_ROLE
from tests.audit.conftest import people  # noqa: F401 (fixture)
from tests.meetings.conftest import world  # noqa: F401 (fixture)


@pytest.fixture
def page(qtbot, people):  # noqa: F811
    IntakeQueueService(people.db, people.actors["support"]).summary(people.case_ids["Mensah"])
    IntakeQueueService(people.db, people.actors["manager"]).summary(people.case_ids["Kowalczyk"])
    PlanService(people.db, people.actors["lead"]).open(people.case_ids["Mensah"])
    made = AuditPage(AuditTrailService(people.db, people.actors["admin"]))
    qtbot.addWidget(made)
    made.resize(1100, 640)
    made.show()
    return made


def shown(page: AuditPage) -> list[tuple[str, ...]]:
    model = page.table.model()
    return [tuple(model.index(r, c).data() for c in range(1, 4)) for r in range(model.rowCount())]


def test_only_administrators_have_the_audit_trail(people):  # noqa: F811
    for who in ("manager", "support", "lead"):
        assert "audit" not in [a.key for a in build_areas(people.db, people.actors[who])]
    assert "audit" in [a.key for a in build_areas(people.db, people.actors["admin"])]


def test_the_trail_newest_first(page, people, qtmodeltester):  # noqa: F811
    qtmodeltester.check(page.model)
    rows = shown(page)
    mensah = people.references["Mensah"]
    assert rows[:3] == [
        ("Tomas Okafor (audit.lead)", "Viewed the TAF plan", mensah),
        (
            "Nadia Hughes (audit.manager)",
            "Viewed the family's summary, restricted items included",
            people.references["Kowalczyk"],
        ),
        ("Tyler Thompson (audit.support)", "Viewed the family's summary, restricted items included", mensah),
    ]
    assert page.count.text() == f"{len(rows)} events."


def test_filters_typed_and_applied_with_enter(qtbot, page, people):  # noqa: F811
    qtbot.keyClicks(page.edits["case"], people.family_references["Mensah"])
    qtbot.keyClicks(page.edits["actor"], "tomas okafor")
    qtbot.keyClicks(page.edits["from"], "today")
    qtbot.keyClick(page.edits["from"], Qt.Key.Key_Return)
    assert shown(page) == [("Tomas Okafor (audit.lead)", "Viewed the TAF plan", people.references["Mensah"])]
    assert page.count.text() == "1 event."
    page.clear_button.click()
    assert len(shown(page)) > 3 and page.edits["case"].text() == ""


def test_bad_filters_are_said_and_marked_at_their_fields(qtbot, page):
    qtbot.keyClicks(page.edits["to"], "31/2/2026")
    qtbot.keyClicks(page.edits["case"], "Z-1")
    page.show_button.click()
    assert page.note.isVisible()
    assert page.note.text() == (
        "Case or family: There is no case or family with the reference “Z-1”.\n"
        "To: There is no 31 February 2026: it has 28 days."
    )
    assert [name for name, edit in page.edits.items() if edit.property("invalid")] == ["case", "to"]
    assert page.edits["to"].accessibleDescription() == "There is no 31 February 2026: it has 28 days."
    assert shown(page) == [] and page.count.text() == "Correct the search above to see events."
    assert not page.export_button.isEnabled()
    page.edits["to"].clear()
    page.edits["case"].clear()
    page.show_button.click()
    assert not page.note.isVisible() and not page.edits["to"].property("invalid") and shown(page)


def test_every_filter_is_labelled_for_the_keyboard_and_screen_readers(page):
    from PySide6.QtWidgets import QLabel

    buddies = {label.buddy(): label.text() for label in page.findChildren(QLabel) if label.buddy() is not None}
    assert {buddies[edit] for edit in page.edits.values()} == {"&Case or family", "&Who", "&From", "&To"}
    assert all(edit.accessibleName() for edit in page.edits.values())
    assert page.table.accessibleName() == "Audit events"


def test_export_saves_the_events_shown_for_its_owner_only(page, tmp_path):
    path = page.export(str(tmp_path / "trail.csv"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "When (England),Who,What,Record" and len(lines) == page.model.rowCount() + 1
    assert lines[1].endswith(",Tomas Okafor (audit.lead),Viewed the TAF plan," + page.model.row(0).record)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_model_sorts_by_time_not_text(page):
    assert page.model.index(0, 0).data(SORT_ROLE) == page.model.row(0).occurred_at.isoformat()

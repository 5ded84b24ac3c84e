# ruff: noqa: F811 (the fixtures imported from tests/plans are parameters here)
"""Live updates on the screens: a page reads again when something it shows
changes (at once if visible, else when next shown; once for a burst), never
under someone's unsaved typing; the Meetings page follows attendance and
decisions recorded by another process on the same database, keeping the
attendance form and the minutes being typed."""

from __future__ import annotations

import pytest
from meeting_helpers import CHAIR, make_page, settle_session
from PySide6.QtWidgets import QWidget
from ui_helpers import click_row, open_page, retype

from tafdesk.db import change_watch
from tafdesk.db.changes import Change, ChangeBus
from tafdesk.models import AgendaStatus, AttendanceStatus
from tafdesk.ui.live import HELD_TEXT, ChangeSignal, LiveReload
from tests.live.another_process import APOLOGIES, DEFER, in_another_process
from tests.plans.conftest import allocated  # noqa: F401 (fixture)

ARRIVES_MS = 8_000  # a couple of seconds, with room for a loaded machine


class Counted:
    def __init__(self) -> None:
        self.reads = 0

    def __call__(self) -> None:
        self.reads += 1


@pytest.fixture
def bus(qtbot):
    bus = ChangeBus()
    signal = ChangeSignal(bus)
    yield bus, signal
    signal.close()


def _page(qtbot) -> QWidget:
    page = QWidget()
    qtbot.addWidget(page)
    return page


def test_a_visible_page_reads_once_for_a_burst_and_a_hidden_one_when_shown(qtbot, bus):
    bus, signal = bus
    page, reads = _page(qtbot), Counted()
    live = LiveReload(page, signal, lambda change: change.about("case"), reads)
    page.show()
    bus.publish([Change("case"), Change("case"), Change("meeting")])
    bus.publish([Change("case")])
    qtbot.waitUntil(lambda: reads.reads == 1)
    qtbot.wait(300)
    assert reads.reads == 1 and not live.stale
    bus.publish([Change("meeting"), Change("case", look=True)])  # not what it shows, and a look changes nothing
    qtbot.wait(300)
    assert reads.reads == 1

    page.hide()
    bus.publish([Change("case")])
    qtbot.wait(300)
    assert reads.reads == 1 and live.stale
    page.show()
    qtbot.waitUntil(lambda: reads.reads == 2)


def test_a_change_the_page_has_read_already_is_not_read_again(qtbot, bus):
    bus, signal = bus
    page, reads = _page(qtbot), Counted()
    live = LiveReload(page, signal, lambda change: True, reads)
    page.show()
    bus.publish([Change("case")])  # the page's own write…
    live.reading()  # …read back by the page at once, before the bus's word of it arrives
    qtbot.wait(300)
    assert reads.reads == 0


def test_a_page_with_unsaved_edits_is_not_read_under_its_user(qtbot, bus):
    bus, signal = bus
    page, reads, said = _page(qtbot), Counted(), []
    editing = [True]
    LiveReload(page, signal, lambda change: True, reads, holding=lambda: editing[0], say=said.append)
    page.show()
    bus.publish([Change("taf_plan")])
    bus.publish([Change("taf_plan")])
    qtbot.wait(1500)
    assert reads.reads == 0 and said == [HELD_TEXT]
    editing[0] = False  # saved
    qtbot.waitUntil(lambda: reads.reads == 1, timeout=3000)


def test_the_directory_reads_again_when_shown_keeping_the_chosen_row_and_unsaved_edits(
    qtbot, db, service, undo_stack, sample
):
    changes = ChangeSignal(db.changes)
    page = open_page(qtbot, service, undo_stack, changes=changes)
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.amira.id)
    retype(qtbot, tab.form.job_title, "Senior Family Support Worker")  # typed, not saved
    page.hide()
    service.create_agency({"name": "Early Years Outreach", "membership": "associate", "sector": "education"})
    qtbot.wait(300)
    names = lambda: {a.name for a in page.agencies.panel.model.rows()}  # noqa: E731
    assert page.live.stale and "Early Years Outreach" not in names()  # hidden: nothing read
    page.show()
    qtbot.waitUntil(lambda: "Early Years Outreach" in names(), timeout=10_000)
    assert tab.panel.current_id() == sample.amira.id
    assert tab.form.is_dirty and tab.form.job_title.text() == "Senior Family Support Worker"
    changes.close()


def test_intake_f5_reads_through_the_same_path(qtbot, db, users):
    from tafdesk.services.actor import Actor
    from tafdesk.ui.intake.page import build_intake_page
    from tafdesk.ui.settings import AppSettings

    user = users["manager"]
    actor = Actor(user.id, user.display_name, user.role, localities=None)
    page = build_intake_page(db, actor, AppSettings.open(), changes=ChangeSignal(db.changes))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    with qtbot.waitSignal(page.live.reloaded, timeout=5_000), qtbot.waitSignal(page.loaded, timeout=10_000):
        page.intake_actions["refresh"].trigger()


def test_an_open_plan_saved_on_another_computer_is_read_again_when_nothing_is_typed(
    qtbot, allocated, undo_stack, tmp_path, watched_plans
):
    import dataclasses

    from plan_helpers import TODAY, journal, member, open_row

    from tafdesk.db import Database
    from tafdesk.services.plans import PlanService
    from tafdesk.ui.plans.page import build_cases_page

    lead = member(allocated, "Tomas Okafor")
    plan = PlanService(allocated.db, lead, today=TODAY).start(allocated.case_id)
    page = build_cases_page(
        allocated.db, lead, undo_stack, journal=journal(tmp_path), today=TODAY, changes=watched_plans
    )
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    open_row(qtbot, page)
    elsewhere = Database(allocated.db.url)  # another computer's connections
    try:
        ruth = PlanService(elsewhere, member(allocated, "Ruth Adeyemi"), today=TODAY)
        with qtbot.waitSignal(page.workspace.shown, timeout=ARRIVES_MS):
            ruth.save_draft(plan.id, plan.row_version, dataclasses.replace(plan.content, strengths="Written by Ruth"))
    finally:
        elsewhere.dispose()
    assert page.workspace.editor.family_tab.texts["strengths"].toPlainText() == "Written by Ruth"


# -- the Meetings page, with another process writing ------------------------------------------


def _watched(db):
    changes = ChangeSignal(db.changes)
    watcher = change_watch.watch(db, interval=0.2)
    assert watcher.ready.wait(10)
    yield changes
    watcher.stop()
    changes.close()


@pytest.fixture
def watched(world, qtbot):
    yield from _watched(world.db)


@pytest.fixture
def watched_plans(allocated, qtbot):
    yield from _watched(allocated.db)


def _status(page, agency_id):
    model = page.ui.attendance.model
    return model.row(model.row_of(agency_id)).status


def test_the_meetings_page_follows_attendance_and_a_decision_made_elsewhere(qtbot, world, undo_stack, watched):
    page = make_page(qtbot, world.db, CHAIR, undo_stack, changes=watched)
    police = world.agencies["Police"]
    assert _status(page, police) is AttendanceStatus.PRESENT
    in_another_process(world.db, APOLOGIES, str(world.meeting_id), str(police))
    qtbot.waitUntil(lambda: _status(page, police) is AttendanceStatus.APOLOGIES, timeout=ARRIVES_MS)

    first = page.session.rows()[0]
    in_another_process(world.db, DEFER, str(first.id))
    qtbot.waitUntil(lambda: page.ui.agenda.model.row(0).status is AgendaStatus.DECIDED, timeout=ARRIVES_MS)
    qtbot.waitUntil(
        lambda: page.ui.model.row(page.ui.model.row_of(world.meeting_id)).decided == 1, timeout=ARRIVES_MS
    )  # the list of meetings counts it too


def test_typing_in_the_attendance_form_and_the_minutes_survives_a_change_made_elsewhere(
    qtbot, world, undo_stack, watched
):
    page = make_page(qtbot, world.db, CHAIR, undo_stack, changes=watched)
    editor, minutes = page.ui.attendance, page.ui.minutes
    housing = world.agencies["Housing"]
    editor.select_agency(housing)
    editor.attendee.setText("Priya Sandhu")  # typed, not yet recorded
    minutes.notes.setPlainText("Apologies noted from the police.")  # typed, not yet saved
    minutes.minute_taker.setText("Sam")
    in_another_process(world.db, APOLOGIES, str(world.meeting_id), str(world.agencies["Police"]))
    qtbot.waitUntil(lambda: _status(page, world.agencies["Police"]) is AttendanceStatus.APOLOGIES, timeout=ARRIVES_MS)
    first = page.session.rows()[0]
    in_another_process(world.db, DEFER, str(first.id))
    qtbot.waitUntil(lambda: any(item.decided for item in page.session.minutes.items), timeout=ARRIVES_MS)
    settle_session(qtbot, page)
    assert editor.current_agency() == housing and editor.attendee.text() == "Priya Sandhu"
    assert minutes.notes.toPlainText() == "Apologies noted from the police." and minutes.minute_taker.text() == "Sam"
    editor.submit()  # recorded: the form moves on, and the next read shows the table as it is
    assert _status(page, housing) is AttendanceStatus.PRESENT
    assert (
        page.session.view.attendance[[r.agency_id for r in page.session.view.attendance].index(housing)].attendee_name
        == "Priya Sandhu"
    )

"""One way to act (issue 16): a service call from a screen is run by an
Operation, which pushes its undo step onto the area's stack when it is done
and otherwise says why not in one place: at the fields a broken rule names,
to a handler the screen gave, or in the page's banner with Retry where
repeating may work."""

# ruff: noqa: F811 (the fixtures imported from tests/plans and tests/meetings are parameters here)
from __future__ import annotations

import logging

import pytest
from plan_helpers import journal, member, open_cases, open_row
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QVBoxLayout, QWidget

from tafdesk.services.errors import ConflictError, RecordBusy, ValidationError
from tafdesk.services.plans import PlanService
from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation
from tafdesk.ui.undo import GuardedCommand
from tests.meetings.conftest import world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated  # noqa: F401 (fixture)


@pytest.fixture
def banner(qtbot) -> Banner:
    """A banner on a page that is shown: hidden until it has something to say."""
    page = QWidget()
    banner = Banner(page)
    QVBoxLayout(page).addWidget(banner)
    qtbot.addWidget(page)
    page.show()
    yield banner  # the page lives until the test ends


class Step(GuardedCommand):
    def __init__(self, outcome: list) -> None:
        super().__init__("Do the thing", lambda _text: None)
        self.outcome = outcome

    def _first(self) -> str:
        step = self.outcome.pop(0)
        if isinstance(step, Exception):
            raise step
        return step

    def _undo(self) -> None:
        pass


def test_done_pushes_the_undo_step_and_hands_the_result_on(banner):
    stack, results = QUndoStack(), []
    banner.say("Not saved. Earlier.", error=True)
    done = (
        Operation.undoable(banner, Step(["saved"]), stack, failed="Not saved.", doing="a test")
        .done(results.append)
        .run()
    )
    assert done and results == ["saved"]
    assert stack.count() == 1 and stack.undoText() == "Do the thing"
    assert banner.isHidden()  # the problem is over


def test_a_broken_rule_goes_to_the_fields_and_nothing_is_pushed(banner):
    stack, shown = QUndoStack(), []
    step = Step([ValidationError({"name": "Give a name."})])
    done = Operation.undoable(banner, step, stack, failed="Not saved.", doing="a test").at_fields(shown.append).run()
    assert not done and shown == [{"name": "Give a name."}]
    assert stack.count() == 0 and banner.isHidden()


def test_without_fields_a_broken_rule_is_said_in_the_banner(banner):
    def refuse() -> None:
        raise ValidationError({"reason": "Say why."})

    assert not Operation(banner, refuse, failed="Not done.", doing="a test").run()
    assert banner.text() == "Not done. reason: Say why." and banner.property("error") is True


def test_an_error_the_screen_handles_is_not_shown(banner):
    handled, refused = [], []

    def conflict() -> None:
        raise ConflictError("Changed meanwhile.")

    Operation(banner, conflict, failed="Not saved.", doing="a test").handle(ConflictError, handled.append).refused(
        refused.append
    ).run()
    assert [str(e) for e in handled] == ["Changed meanwhile."] == [str(e) for e in refused]
    assert banner.isHidden()


def test_retry_is_offered_only_where_repeating_may_work_and_repeats(qtbot, banner):
    outcome: list = [RecordBusy("The record is busy."), "saved"]
    stack = QUndoStack()
    Operation.undoable(banner, Step(outcome), stack, failed="Not saved.", doing="a test").run()
    assert banner.text() == "Not saved. The record is busy." and banner.retry_button.isVisible()
    qtbot.mouseClick(banner.retry_button, Qt.MouseButton.LeftButton)
    assert stack.count() == 1 and banner.isHidden()

    def changed() -> None:
        raise ConflictError("Changed.")

    Operation(banner, changed, failed="Not saved.", doing="a test").run()
    assert banner.text() == "Not saved. Changed." and not banner.retry_button.isVisible()


def test_an_unforeseen_failure_is_one_sentence_and_its_text_stays_out_of_the_log(banner, caplog):
    caplog.set_level(logging.INFO)

    name = "-".join(("Okonkwo", "Hollis"))  # data in a variable, as a real fault would carry it

    def fault() -> None:
        raise KeyError(name)

    Operation(banner, fault, failed="Not saved.", doing="saving a test").run()
    assert banner.text().startswith("Not saved. tafdesk met a problem it did not expect (KeyError)")
    assert "saving a test failed: KeyError" in caplog.text and "Okonkwo" not in caplog.text + banner.text()


def test_a_slow_call_runs_in_the_background(qtbot, banner):
    results: list = []
    assert (
        Operation(banner, lambda: "read", failed="Not read.", doing="a test", slow=True).done(results.append).run()
        is False
    )  # its outcome comes later
    qtbot.waitUntil(lambda: results == ["read"], timeout=5_000)


def test_a_refused_plan_step_is_said_in_the_workspaces_banner(qtbot, allocated, undo_stack, tmp_path):
    lead = member(allocated, "Tomas Okafor")
    page = open_cases(qtbot, allocated.db, lead, undo_stack, journal(tmp_path))
    open_row(qtbot, page)
    workspace = page.workspace
    assert workspace.start_button.isVisible()
    PlanService(allocated.db, lead).start(allocated.case_id)  # meanwhile, on another computer

    with qtbot.waitSignal(workspace.shown, timeout=10_000):  # read again: the plan they started is shown
        qtbot.mouseClick(workspace.start_button, Qt.MouseButton.LeftButton)

    assert workspace.banner.isVisible() and workspace.banner.property("error") is True
    assert workspace.banner.text().startswith("The plan was not started. ")
    assert "already has a plan" in workspace.banner.text()
    assert workspace.plan is not None and workspace.editor.document.editable


def test_a_read_takes_away_only_its_own_problem(banner):
    banner.say("Not saved. Someone else holds the record.", error=True)
    assert Operation(banner, lambda: ["row"], failed="The list could not be read.", doing="a test").reading().run()
    assert banner.isVisible() and banner.text() == "Not saved. Someone else holds the record."  # still said

    def unreadable() -> None:
        raise RecordBusy("The list is busy.")

    assert not Operation(banner, unreadable, failed="The list could not be read.", doing="a test").reading().run()
    assert banner.text() == "The list could not be read. The list is busy."
    assert Operation(banner, lambda: ["row"], failed="The list could not be read.", doing="a test").reading().run()
    assert banner.isHidden()  # its own problem is over


def test_an_operation_done_with_is_let_go_at_once(banner):
    import gc
    import weakref

    def refuse() -> None:
        raise ValidationError({"name": "Give a name."})

    operation = Operation(banner, refuse, failed="Not saved.", doing="a test").at_fields(lambda _fields: None)
    gone = weakref.ref(operation)
    operation.run()
    gc.disable()  # freed by its count, not by a later collection (which may come in the middle of a paint)
    try:
        del operation
        assert gone() is None
    finally:
        gc.enable()

"""Held offline changes…: a locality manager's window of what waits, on each
database (here, where the keyboard rules and focus rings are the app's for
the whole session; the service is tested in tests/offline/test_held.py)."""

from __future__ import annotations

import pytest
from keyboard_walk import keyboard_problems
from PySide6.QtWidgets import QApplication
from screen_check import cut_text

from tafdesk.services.offline_held import HeldOfflineService
from tafdesk.ui.plans.held_offline import HeldOfflineWindow
from tests.meetings.conftest import CHAIR, world  # noqa: F401 (fixture)
from tests.offline.conftest import _today, copy_path, with_draft  # noqa: F401 (fixtures)
from tests.offline.test_held import withdrawn  # noqa: F401 (fixture)
from tests.offline.test_offline_ui import _shot
from tests.offline.test_sync import server_plan, taken  # noqa: F401 (fixture)
from tests.plans.conftest import allocated, lead  # noqa: F401 (fixtures)


@pytest.fixture
def window(qtbot, withdrawn):  # noqa: F811
    from tafdesk.ui.theme import apply_theme

    apply_theme(QApplication.instance())
    changed = []
    window = HeldOfflineWindow(HeldOfflineService(withdrawn.db, CHAIR), on_change=lambda: changed.append(1))
    window.changed = changed
    qtbot.addWidget(window)
    window.resize(1000, 480)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.activateWindow()
    return window


def test_the_manager_sees_the_held_changes_and_applies_them(qtbot, window, withdrawn):  # noqa: F811
    assert window.model.display(window.model.row(0), 0) == withdrawn.reference
    assert "Seen at home." in window.detail.text()  # the note written offline, shown
    assert cut_text(window) == [] and keyboard_problems(window) == []
    _shot(window, "held-offline")
    window.apply_button.click()
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=10_000)
    assert "offline changes" in window.banner.text() and window.changed
    assert server_plan(withdrawn, CHAIR).content.voice_of_child == "Written offline."


def test_discarding_asks_why(qtbot, window, withdrawn):  # noqa: F811
    window.discard("The new lead has seen the family since.")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=10_000)
    assert "were discarded" in window.banner.text()
    assert server_plan(withdrawn, CHAIR).content.voice_of_child != "Written offline."


def test_managers_open_it_from_the_lists_of_cases(qtbot, window, withdrawn):  # noqa: F811
    from PySide6.QtGui import QUndoStack

    from tafdesk.ui.plans.page import build_cases_page
    from tests.plans.test_plan_service import TODAY

    page = build_cases_page(withdrawn.db, CHAIR, QUndoStack(), today=TODAY)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    assert page.cases.held_offline_button.isVisible()
    _shot(page, "cases-manager")
    opened = page.open_held_offline()
    qtbot.waitUntil(lambda: opened.model.rowCount() == 1, timeout=10_000)
    opened.close()

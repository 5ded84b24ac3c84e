"""Every dialog each of the four roles can open, walked from the keyboard as
the pages are (test_keyboard_walk.py): opened the way the user opens it, by
its action or button, walked, then cancelled. A dialog a role may not open
(its action disabled or hidden) is left out for that role."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from keyboard_walk import keyboard_problems
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget
from test_keyboard_walk import ROLES, TIMEOUT, give_the_lead_a_plan, open_window
from test_screens import council  # noqa: F401 (the demo council, shared with the screen tests)

from tafdesk.models import PlanStatus
from tafdesk.ui.area_page import AreaNote
from tafdesk.ui.idle_lock import LockDialog
from tafdesk.ui.intake.import_results import ImportResultsDialog
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.meetings.reason_dialog import ReasonDialog
from tafdesk.ui.meetings.widen_dialog import WidenDialog
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.sign_in import SignInDialog

Opener = tuple[str, Callable[[], object]]  # what it is, and how the user opens it
# (or with the kind of dialog awaited, if another shows first: a progress dialog)


def walk_dialog(
    qtbot,
    open_it: Callable[[], object],
    kind: type = QDialog,
    *,
    check: Callable[[QWidget], list[str]] = keyboard_problems,
) -> tuple[str, list[str]] | None:
    """Open a dialog (of `kind`), walk it (or `check` it otherwise), cancel
    it: (its title, what is wrong). A dialog run with exec() is walked from
    within its own event loop. None if no dialog opened."""
    before = set(QApplication.topLevelWidgets())
    caught: list[tuple[str, list[str]] | None] = []
    tries = [0]

    def look() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in before and isinstance(w, kind)]
        if not shown:
            tries[0] += 1
            if tries[0] > 40:
                caught.append(None)
            else:
                QTimer.singleShot(50, look)
            return
        dialog = shown[-1]
        QTest.qWait(300)  # what it reads in the background is shown
        dialog.activateWindow()
        QTest.qWait(20)
        caught.append((dialog.windowTitle() or type(dialog).__name__, check(dialog)))
        dialog.reject()

    QTimer.singleShot(0, look)
    open_it()
    qtbot.waitUntil(lambda: bool(caught), timeout=TIMEOUT)
    return caught[0]


def _usable(button: QAbstractButton) -> bool:
    return button.isVisible() and button.isEnabled()


def _triggers(actions: dict, *names: str) -> Iterator[Opener]:
    for name in names:
        action = actions.get(name) if hasattr(actions, "get") else actions[name]
        if action is not None and action.isEnabled() and action.isVisible():
            yield name, action.trigger


def _intake(qtbot, window: MainWindow, council, tmp) -> Iterator[Opener]:  # noqa: F811
    page = window.page("intake")
    if isinstance(page, AreaNote):
        return  # this role has no intake
    qtbot.waitUntil(lambda: page.is_loaded, timeout=TIMEOUT)
    page.table.select_row(0)
    qtbot.waitUntil(lambda: page.detail.summary is not None, timeout=TIMEOUT)
    yield from _triggers(
        page.intake_actions,
        "new_profile",
        "correct_profile",
        "correct_family",
        "link_family",
        "settings",
        "letter_recipients",
    )
    yield "amended profiles", page.open_amendments
    yield "rejected files", page.open_rejected_files
    not_a_profile = tmp / "not-a-profile.json"
    not_a_profile.write_text("{}", encoding="utf-8")
    yield "what an import did", lambda: page.import_paths([not_a_profile]), ImportResultsDialog
    for row in range(page.model.rowCount()):  # a profile a front-door decision may be made on
        page.table.select_row(row)
        qtbot.waitUntil(lambda: page.detail.summary is not None, timeout=TIMEOUT)
        if page.intake_actions["advice"].isEnabled():
            yield from _triggers(page.intake_actions, "advice")
            break


def _meetings(qtbot, window: MainWindow, council, tmp) -> Iterator[Opener]:  # noqa: F811
    yield "meeting shortcuts", window.show_meeting_shortcuts
    page = window.page("meetings")
    if isinstance(page, AreaNote):
        return
    qtbot.waitUntil(lambda: page.is_loaded, timeout=TIMEOUT)
    page.choose_meeting(council.north_meeting)
    qtbot.waitUntil(lambda: page.session is not None and page.session.view is not None, timeout=TIMEOUT)
    if not page.ui.start_button.isEnabled():
        return
    page.start_meeting()
    mode = page.meeting_mode
    qtbot.waitUntil(lambda: mode.populated() and page.session.allocation is not None, timeout=TIMEOUT)
    mode.activateWindow()
    yield from (
        (f"meeting mode: {name}", trigger)
        for name, trigger in _triggers(
            mode.mode_actions,
            "attendance",
            "who_letters_go_to",
            "share_restricted_information",
            "consider_an_agency_not_at_the_table",
            "profile",
            "close_meeting",
        )
    )
    if page.rights.chair:  # what the demo's meeting does not call for: an agency away, a closed meeting
        away = [(row.agency_id, row.agency) for row in page.session.view.attendance[:2]]
        yield "meeting mode: an agency not at the table", lambda: WidenDialog(mode, away, lambda *_: None).open()
        yield (
            "meeting mode: reopening",
            lambda: ReasonDialog(
                mode, title="Reopen the meeting", prompt="Why?", submit=lambda _reason: None, accept_label="Reopen"
            ).open(),
        )
    mode.leave()


def _cases(qtbot, window: MainWindow, council, tmp) -> Iterator[Opener]:  # noqa: F811
    page = window.page("cases")
    if isinstance(page, AreaNote):
        return
    qtbot.waitUntil(lambda: page.is_loaded, timeout=TIMEOUT)
    for status in (PlanStatus.DRAFT, PlanStatus.AGREED):
        row = next((r for r in page.cases.model.rows() if r.plan_status is status), None)
        if row is None:
            continue
        with qtbot.waitSignal(page.workspace.shown, timeout=TIMEOUT):
            page.open_case(CaseRef(row.case_id, row.case_reference, row.family_name))
        buttons = page.workspace.buttons
        for name in ("profile", "agree", "review", "close", "letter"):
            if _usable(buttons[name]):
                yield f"{status.value} plan: {name}", buttons[name].click
        if page.workspace.wording is not None:
            yield f"{status.value} plan: wording marked restricted", lambda: page.workspace.wording.show_list(window)
        page.workspace.tabs.setCurrentWidget(page.workspace.versions)
        versions = page.workspace.versions
        versions.table.selectRow(0)
        if _usable(versions.compare_button):
            yield f"{status.value} plan: compare versions", versions.compare_button.click
    page.show_list()
    if _usable(page.cases.take_offline_button):
        yield "taking cases offline", page.cases.take_offline_button.click


def _reports(qtbot, window: MainWindow, council, tmp) -> Iterator[Opener]:  # noqa: F811
    """The board pack, how a group is counted, and the families behind a figure."""
    page = window.page("reports")
    if isinstance(page, AreaNote):
        return
    qtbot.waitUntil(lambda: page.shown is not None and not page.is_reading(), timeout=TIMEOUT)
    if _usable(page.board_pack_button):
        yield "board pack", page.board_pack_button.click
    section = page.show_section("referrals")
    yield "how referrals are counted", section.explain_button.click
    view = section.tables[0]
    view.setCurrentIndex(view.model().index(0, 1))
    yield "the families behind a figure", lambda: QTest.keyClick(view, Qt.Key.Key_Return)


def _documents(qtbot, window: MainWindow, council, tmp) -> Iterator[Opener]:  # noqa: F811
    page = window.page("documents")
    for name in ("pack_button", "templates_button", "letterhead_button"):
        button = getattr(page, name, None)
        if button is not None and _usable(button):
            yield name, button.click


def _users(qtbot, window: MainWindow, council, tmp) -> Iterator[Opener]:  # noqa: F811
    page = window.page("users")
    qtbot.waitUntil(lambda: page.table.model().rowCount() > 0, timeout=TIMEOUT)
    page.table.selectRow(0)
    for button in page.findChildren(QAbstractButton):
        if _usable(button) and button.text().endswith("…"):
            yield button.text(), button.click


AREAS: dict[str, Callable[..., Iterator[Opener]]] = {
    "intake": _intake,
    "meetings": _meetings,
    "cases": _cases,
    "documents": _documents,
    "users": _users,
    "reports": _reports,
}
MUST_OPEN = {  # dialogs added after the walks were written, so that a renamed button cannot drop them unseen
    "lead professional": ("cases, taking cases offline", "cases, agreed plan: letter"),
    "manager": ("reports, board pack", "reports, how referrals are counted", "reports, the families behind a figure"),
}


@pytest.mark.parametrize("role", list(ROLES))
def test_every_dialog_works_from_the_keyboard_and_to_a_screen_reader(qtbot, council, role, messages, tmp_path):  # noqa: F811
    give_the_lead_a_plan(council.db)
    window = open_window(qtbot, council.db, ROLES[role])
    found: dict[str, list[str]] = {}
    opened = 0
    for area, openers in AREAS.items():
        if area not in window.area_keys:
            continue
        window.show_area(area)
        window.activateWindow()
        for name, open_it, *kind in openers(qtbot, window, council, tmp_path):
            walked = walk_dialog(qtbot, open_it, *kind)
            if walked is not None:
                opened += 1
                title, problems = walked
                found[f"{area}, {name} ({title})"] = problems
    assert opened, "no dialog opened"
    assert [name for name in MUST_OPEN.get(role, ()) if not any(k.startswith(name) for k in found)] == []
    assert not any(found.values()), "\n".join(
        f"{where}:\n  " + "\n  ".join(problems) for where, problems in found.items() if problems
    )


def test_signing_in_and_unlocking_work_from_the_keyboard(qtbot):
    from tafdesk.ui.theme import apply_theme

    apply_theme(QApplication.instance())
    for dialog in (
        SignInDialog(lambda *_: None, "tafdesk.sqlite", "manager.north"),
        LockDialog("Nadia Hughes (Locality manager)", lambda _password: None),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert keyboard_problems(dialog) == [], type(dialog).__name__
        dialog.reject()


def test_the_dialogs_before_the_window_work_from_the_keyboard(qtbot, tmp_path):
    from starting_dialogs import problems_in_each

    found = problems_in_each(qtbot, tmp_path, keyboard_problems)
    assert not any(found.values()), "\n".join(f"{n}:\n  " + "\n  ".join(p) for n, p in found.items() if p)

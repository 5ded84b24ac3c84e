"""What each role sees of need-to-know on screen: the directory's other
localities' professionals shown but not changeable, caseload figures for
those who may see them, a lead professional's 360° profile from their plan
(with a restricted item only once the chair shares it), and a note in an
area a role does not include."""

from __future__ import annotations

from plan_helpers import journal, member, open_cases, open_row
from PySide6.QtWidgets import QTextBrowser
from ui_helpers import click_row

from tafdesk.models import Role
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.directory import DirectoryService
from tafdesk.services.plans import PlanService
from tafdesk.services.restricted_shares import RestrictedShareService
from tafdesk.ui.area_page import AreaNote
from tafdesk.ui.directory import professional_model as pm
from tafdesk.ui.directory.page import DirectoryPage
from tafdesk.ui.plans.page import build_cases_page
from tests.meetings.conftest import CHAIR, world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated  # noqa: F401 (fixture)


def _directory(qtbot, db, actor: Actor, undo_stack) -> DirectoryPage:
    page = DirectoryPage(
        DirectoryService(db, actor),
        undo_stack,
        can_edit=actor.can(Permission.EDIT_DIRECTORY),
        show_caseloads=actor.can(Permission.VIEW_CASELOADS),
    )
    qtbot.addWidget(page)
    page.resize(1280, 760)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def test_a_manager_keeps_their_own_localitys_professionals_and_looks_at_the_others(qtbot, db, sample, undo_stack):
    manager = Actor(None, "Nadia Hughes", Role.LOCALITY_MANAGER, localities=frozenset({sample.north.id}))
    page = _directory(qtbot, db, manager, undo_stack)
    tab = page.professionals
    form = tab.form
    click_row(qtbot, tab.panel, sample.amira.id)
    assert not form.locked and form.save_button.isVisibleTo(form) and not form.read_only_note.isVisibleTo(form)
    offered = [
        form.locality.itemText(i) for i in range(form.locality.count()) if form.locality.model().item(i).isEnabled()
    ]
    assert offered == ["North"]
    click_row(qtbot, tab.panel, sample.tom.id)
    assert form.locked and not form.save_button.isVisibleTo(form)
    assert form.read_only_note.text().startswith("South's professionals are kept by its own locality managers")
    assert form.job_title.isReadOnly() and form.locality.currentText() == "South"
    qtbot.keyClicks(form.job_title, "Lead")
    assert not form.is_dirty
    click_row(qtbot, tab.panel, sample.amira.id)  # back to one of hers: editable again
    assert not form.locked and not form.job_title.isReadOnly()


def test_a_lead_professional_sees_no_one_elses_caseload(qtbot, db, sample, users, undo_stack):
    lead = Actor(users["lead"].id, "Amira Khan", Role.LEAD_PROFESSIONAL, professional_id=sample.amira.id)
    page = _directory(qtbot, db, lead, undo_stack)
    table = page.professionals.panel.table
    assert table.isColumnHidden(pm.COL_LOAD) and table.isColumnHidden(pm.COL_OPEN_CASES)
    click_row(qtbot, page.professionals.panel, sample.tom.id)
    assert "open case" not in page.professionals.form.subtitle.text()


def test_a_lead_professional_reads_the_profile_from_the_plan_with_what_the_chair_shared(
    qtbot,
    allocated,  # noqa: F811 (the fixture)
    undo_stack,
    tmp_path,
):
    lead = member(allocated, "Tomas Okafor")
    PlanService(allocated.db, lead).start(allocated.case_id)
    page = open_cases(qtbot, allocated.db, lead, undo_stack, journal(tmp_path))
    open_row(qtbot, page)
    workspace = page.workspace

    def profile_text() -> str:
        workspace.buttons["profile"].click()
        qtbot.waitUntil(
            lambda: getattr(workspace, "profile_window", None) is not None and workspace.profile_window.isVisible(),
            timeout=10_000,
        )
        window = workspace.profile_window
        text = window.findChild(QTextBrowser).toPlainText()
        window.close()
        workspace.profile_window = None
        return text

    assert workspace.buttons["profile"].isVisible()
    shown = profile_text()
    assert "Education Welfare" in shown and "Call-out in 2024" not in shown
    shares = RestrictedShareService(allocated.db, CHAIR)
    [police] = shares.items(allocated.case_id)
    shares.share(police.involvement_id, allocated.people["Tomas Okafor"])
    assert "Call-out in 2024" in profile_text()


def test_an_administrator_is_told_cases_are_not_theirs(qtbot, db, undo_stack):
    admin = Actor(None, "Ada Admin", Role.ADMIN)
    page = build_cases_page(db, admin, undo_stack)
    qtbot.addWidget(page)
    assert isinstance(page, AreaNote) and "Administrators run tafdesk" in page.note.text()

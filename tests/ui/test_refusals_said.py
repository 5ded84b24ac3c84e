"""One way to act (issue 16), seen from the screens: a service's refusal is
shown at the field it names or in the banner of the page or dialog that
asked, never in a message box of its own; a dialog stays open with what was
typed; and an error nobody foresaw is one sentence, its own text (which may
quote a family's data) kept out of the window."""

# ruff: noqa: F811 (the fixtures imported from tests/plans are parameters here)
from __future__ import annotations

from pathlib import Path

import pytest
from intake_helpers import MANAGER, choose, import_through_page, make_council, open_intake, queue_files
from PySide6.QtCore import Qt
from sqlalchemy import select

from tafdesk.models import Case, Person, Referral, Role
from tafdesk.models.enums import CaseStatus, DocumentFormat
from tafdesk.services.actor import SYSTEM
from tafdesk.services.documents import DocumentService
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.letter_recipients import LetterRecipientService
from tafdesk.services.templates import TemplateService
from tafdesk.services.user_admin import NewUser, UserAdminService
from tafdesk.services.users import UserService
from tafdesk.ui.documents.page import DocumentsPage
from tafdesk.ui.documents.register_model import ENTRY_ROLE
from tafdesk.ui.intake.recipients_dialog import RecipientsDialog
from tafdesk.ui.users.page import UsersPage
from tests.documents.conftest import CHAIR, CLERK, TODAY, build_pack_world
from tests.plans.conftest import allocated  # noqa: F401 (fixture)

SECRET = "Nguyễn family, 12 Larch Road"  # what an unforeseen error's text might quote


def _unforeseen(*_args, **_kwargs):
    raise RuntimeError(SECRET)


def _no_message_box(messages) -> None:
    assert messages == [], "a refusal was shown in a message box of its own"


# -- a dialog: the note a front-door decision needs ------------------------------------------


def test_a_note_refused_is_said_in_the_dialog_which_keeps_it(qtbot, db, tmp_path, messages):
    council = make_council(db)
    page = open_intake(qtbot, council, MANAGER)
    import_through_page(qtbot, page, queue_files(tmp_path / "in"))
    page.results_dialog.close()
    choose(qtbot, page, "Bell")
    case_id = page.detail.summary.case_id
    page.intake_actions["step_down"].trigger()
    dialog = page.decisions.dialog
    note = "Universal services: the children's centre will follow up."
    qtbot.keyClicks(dialog.note, note)
    FrontDoorService(council, MANAGER).step_up(case_id, "Decided on another computer meanwhile.")

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.note.toPlainText() == note  # open, the note as typed
    assert dialog.banner.isVisibleTo(dialog) and dialog.banner.property("error") is True
    assert (
        dialog.banner.text().startswith("Nothing was recorded.") and "has already been decided" in dialog.banner.text()
    )
    assert dialog.error_text() == ""  # not the note's fault: nothing at the field
    with council.reader() as s:
        assert s.get(Case, case_id).status is CaseStatus.STEPPED_UP
    _no_message_box(messages)
    dialog.grab().save(str(tmp_path / "note-refused.png"))


def test_an_unforeseen_failure_is_one_sentence_in_the_dialog(qtbot, db, tmp_path, messages, monkeypatch):
    council = make_council(db)
    page = open_intake(qtbot, council, MANAGER)
    import_through_page(qtbot, page, queue_files(tmp_path / "in"))
    page.results_dialog.close()
    choose(qtbot, page, "Bell")
    monkeypatch.setattr(FrontDoorService, "step_down", _unforeseen)
    page.intake_actions["step_down"].trigger()
    dialog = page.decisions.dialog
    qtbot.keyClicks(dialog.note, "Signposted to the children's centre.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.note.toPlainText() == "Signposted to the children's centre."
    said = dialog.banner.text()
    assert "did not expect (RuntimeError)" in said and SECRET not in said and "Larch" not in said
    _no_message_box(messages)


# -- a dialog: who letters go to ----------------------------------------------------------------


def _kowalczyk(db):
    world = build_pack_world(db)
    case = world.cases["Kowalczyk"]
    with db.reader() as s:
        family_id = s.get(Case, case).family_id
        people = {p.given_name: p.id for p in s.scalars(select(Person).where(Person.family_id == family_id))}
    return world, case, people


def test_a_reason_left_out_is_said_at_its_field_and_the_choices_stay(qtbot, db, messages):
    _world, case, people = _kowalczyk(db)
    dialog = RecipientsDialog(LetterRecipientService(db, CHAIR), case, chair=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.marks[people["Minh"]].setChecked(True)
    dialog.sensitive.setChecked(True)  # no reason given

    assert not dialog.save()

    assert dialog.isVisible() and dialog.sensitive.isChecked() and dialog.marks[people["Minh"]].isChecked()
    assert dialog.marks_at_fields.text("reason") == "Say why letters to this home may name these services."
    assert dialog.sensitive_reason.property("invalid") is True and dialog.focusWidget() is dialog.sensitive_reason
    assert dialog.banner.isHidden()  # said at the field, not twice
    dialog.sensitive_reason.setText("The chair agreed: the father asked for it in writing.")
    assert dialog.save() and not dialog.isVisible()
    assert LetterRecipientService(db, CHAIR).recipients(case).names_sensitive_agencies
    _no_message_box(messages)


def test_a_refusal_naming_no_field_is_said_in_the_dialogs_banner(qtbot, db, messages):
    _world, case, _people = _kowalczyk(db)
    with db.session() as s:
        s.scalar(select(Referral).where(Referral.case_id == case)).referrer_name = "Agnieszka Kowalczyk"
    # Business support may mark who letters go to, but only the chair lets them name sensitive services.
    dialog = RecipientsDialog(LetterRecipientService(db, CLERK), case, chair=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.sensitive.setChecked(True)
    dialog.sensitive_reason.setText("Asked for by the family.")

    assert not dialog.save()

    assert dialog.isVisible() and dialog.sensitive_reason.text() == "Asked for by the family."
    assert dialog.banner.isVisibleTo(dialog) and dialog.banner.text().startswith("Not saved. ")
    assert dialog.marks_at_fields.text("reason") == ""
    _no_message_box(messages)


# -- the Documents page -------------------------------------------------------------------------


@pytest.fixture
def documents_page(qtbot, db, tmp_path):
    world = build_pack_world(db)
    documents = DocumentService(world.db, CLERK, today=TODAY)
    made = documents.produce_letters(world.meeting_id, tmp_path / "letters", formats=(DocumentFormat.PDF,))
    page = DocumentsPage(documents, TemplateService(world.db, CLERK), can_edit_templates=True)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == len(made))
    return page, made[0]


def _choose(page: DocumentsPage, entry) -> None:
    page.search.setText(Path(entry.path).stem.split("_")[0])
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(ENTRY_ROLE).id == entry.id)
    page.select_row(row)


def test_the_documents_page_says_a_refusal_in_its_banner_and_keeps_the_search(
    qtbot, documents_page, tmp_path, messages
):
    page, entry = documents_page
    _choose(page, entry)
    typed = page.search.text()
    Path(entry.path).unlink()  # gone from its folder since it was made

    page.open_selected()

    assert page.banner.isVisible() and page.banner.property("error") is True
    assert page.banner.text().startswith("The document was not opened.")
    assert page.search.text() == typed and page.selected().id == entry.id  # what the user chose stays
    page.grab().save(str(tmp_path / "documents-refused.png"))
    _no_message_box(messages)


def test_the_documents_page_says_an_unforeseen_failure_in_one_sentence(documents_page, monkeypatch, messages):
    page, entry = documents_page
    _choose(page, entry)
    monkeypatch.setattr(DocumentService, "mark_sent", _unforeseen)
    page.mark_posted()
    said = page.banner.text()
    assert said.startswith("Not marked posted. tafdesk met a problem it did not expect (RuntimeError)")
    assert SECRET not in said and "Larch" not in said
    _no_message_box(messages)


# -- the Users page -----------------------------------------------------------------------------


@pytest.fixture
def users_page(qtbot, db, sample):
    UserAdminService(db, SYSTEM).add(NewUser("jo.admin", Role.ADMIN, "Jo Admin"), "the admin's password")
    admin = UserService(db).sign_in("jo.admin", "the admin's password")
    UserAdminService(db, admin).add(
        NewUser("sam.clerk", Role.BUSINESS_SUPPORT, "Sam Clerk", ("North",)), "sam's password"
    )
    page = UsersPage(UserAdminService(db, admin), needs_password=True)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    return page


def test_a_username_taken_is_said_at_its_field_and_the_form_keeps_what_was_typed(qtbot, users_page, messages):
    dialog = users_page.add_user()
    qtbot.keyClicks(dialog.username, "Sam.Clerk")
    qtbot.keyClicks(dialog.display_name, "Another Sam")
    dialog.role.role.setCurrentIndex(list(Role).index(Role.ADMIN))
    for edit in (dialog.passwords.first.edit, dialog.passwords.again.edit):
        edit.setText("a long enough password")

    dialog.buttons.accepted.emit()

    assert dialog.isVisible() and dialog.error_text("username") == "There is already a user called “sam.clerk”."
    assert dialog.username.property("invalid") is True and dialog.focusWidget() is dialog.username
    assert (dialog.username.text(), dialog.display_name.text()) == ("Sam.Clerk", "Another Sam")
    assert dialog.passwords.first.edit.text() == "a long enough password" and dialog.banner.isHidden()
    _no_message_box(messages)


def test_a_refusal_about_no_field_of_the_form_is_said_in_its_banner(qtbot, users_page, tmp_path, messages):
    users_page.refresh(select="sam.clerk")
    dialog = users_page.change_role()
    dialog.role.role.setCurrentIndex(list(Role).index(Role.LEAD_PROFESSIONAL))  # has no directory entry

    dialog.buttons.accepted.emit()

    assert dialog.isVisible() and dialog.role.chosen_role() is Role.LEAD_PROFESSIONAL
    assert dialog.banner.isVisibleTo(dialog) and dialog.banner.property("error") is True
    assert dialog.banner.text().startswith("Not saved. A lead professional needs their directory entry")
    assert users_page.selected().role is Role.BUSINESS_SUPPORT  # nothing changed
    dialog.grab().save(str(tmp_path / "role-refused.png"))
    _no_message_box(messages)


def test_the_users_page_says_a_refusal_in_its_banner(users_page, messages, monkeypatch):
    users_page.refresh(select="sam.clerk")
    monkeypatch.setattr(UserAdminService, "set_active", _unforeseen)
    users_page.enable_button.click()
    said = users_page.banner.text()
    assert said.startswith("sam.clerk was not disabled. tafdesk met a problem it did not expect (RuntimeError)")
    assert SECRET not in said and users_page.selected().active  # still active, still chosen
    _no_message_box(messages)


# -- the plan's copy ------------------------------------------------------------------------------


def test_a_copy_of_the_plan_not_made_is_said_in_the_workspaces_banner(
    qtbot, allocated, undo_stack, tmp_path, monkeypatch, messages
):
    from plan_helpers import agreed_plan, journal, member, open_cases, open_row
    from PySide6.QtWidgets import QFileDialog

    from tafdesk.ui.documents import os_print

    lead = member(allocated, "Tomas Okafor")
    agreed_plan(allocated, lead)
    page = open_cases(qtbot, allocated.db, lead, undo_stack, journal(tmp_path))
    open_row(qtbot, page)
    workspace = page.workspace
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("a file where the folder would be")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(in_the_way / "plan.pdf"), ""))
    said: list[str] = []
    workspace.status_message.connect(said.append)

    qtbot.mouseClick(workspace.buttons["copy"], Qt.MouseButton.LeftButton)

    assert workspace.banner.isVisible() and workspace.banner.property("error") is True
    assert workspace.banner.text().startswith("The copy was not made. ")
    assert "could not be written" in workspace.banner.text() and not any("saved in" in s for s in said)
    workspace.grab().save(str(tmp_path / "plan-copy-refused.png"))

    monkeypatch.setattr(os_print, "printers", list)
    qtbot.mouseClick(workspace.buttons["print"], Qt.MouseButton.LeftButton)
    assert workspace.banner.text().startswith("The plan was not printed: no printer is set up")
    _no_message_box(messages)


# -- meeting mode's banner ---------------------------------------------------------------------------


def test_meeting_modes_banner_takes_the_place_of_the_key_hints_until_the_next_family(qtbot, world, undo_stack):
    from meeting_helpers import CHAIR as MEETING_CHAIR
    from meeting_helpers import make_page, open_mode

    page = make_page(qtbot, world.db, MEETING_CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    assert mode.ui.keys.isVisible() and not mode.ui.notice.isVisible()
    mode.notify("Not recorded. The meeting could not be saved.", error=True)
    assert mode.ui.notice.isVisible() and not mode.ui.keys.isVisible()
    assert mode.ui.notice.property("error") is True and mode.ui.notice.text().startswith("Not recorded.")
    mode.show_item(page.session.rows()[1].id)
    assert mode.ui.keys.isVisible() and not mode.ui.notice.isVisible()

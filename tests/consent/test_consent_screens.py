"""The case page's Consent and Assessment sections, and Intake's Ethnicity to
code…, offscreen: recorded, refused at the field with what was typed kept,
withdrawn saying what it stops, fed to the plan; each screen rendered."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select, update

from tafdesk import clock
from tafdesk.models import ConsentMethod, ConsentPurpose, NeedArea, Person, Role
from tafdesk.services.actor import Actor
from tafdesk.services.assessments import AssessmentService
from tafdesk.services.consent import ConsentInput, ConsentService
from tafdesk.services.ethnicity import EthnicityService
from tafdesk.services.plans import PlanService
from tafdesk.ui.case_page.assessments import AssessmentDialog, AssessmentPanel
from tafdesk.ui.case_page.consent import ConsentPanel, RecordConsentDialog, WithdrawDialog
from tafdesk.ui.case_page.sections import sections_for
from tafdesk.ui.case_page.window import CaseWindow
from tafdesk.ui.intake.ethnicity_dialog import EthnicityDialog
from tafdesk.ui.plans.loading import CaseRef
from tests.consent.conftest import CHAIR, CLERK

TODAY = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def _case(world) -> CaseRef:
    return CaseRef(world.case_id, "ref", "Mensah")


def _fits(widget: QWidget) -> None:
    widget.adjustSize()
    assert widget.width() <= 1366 and widget.height() <= 740, (widget.width(), widget.height())


def test_case_page_has_consent_and_assessment_sections_for_those_who_record_them(qtbot, allocated, lead):
    with clock.pinned(TODAY):
        window = CaseWindow(allocated.db, lead, _case(allocated))
        qtbot.addWidget(window)
        assert {"consent", "assessment"} <= set(window.section_keys())
        window.show()
        assert isinstance(window.show_section("consent"), ConsentPanel)
        window.grab().save("/tmp/consentui_case_consent.png")
        assert isinstance(window.show_section("assessment"), AssessmentPanel)
        window.grab().save("/tmp/consentui_case_assessment.png")
        # An administrator, who records neither, is offered neither section.
        admin = Actor(None, "Admin", Role.ADMIN)
        assert not {"consent", "assessment"} & {s.key for s in sections_for(admin)}


def test_consent_recorded_refused_at_the_field_and_withdrawn(qtbot, allocated, lead):
    with clock.pinned(TODAY):
        panel = ConsentPanel(ConsentService(allocated.db, lead), _case(allocated))
        qtbot.addWidget(panel)
        panel.resize(1100, 560)
        panel.show()
        assert panel.model.rowCount() == 0 and not panel.withdraw_button.isEnabled()

        panel.record()
        dialog = panel.dialog
        assert isinstance(dialog, RecordConsentDialog)
        dialog.agency_choice.setChecked(True)
        dialog.agency.setCurrentIndex(dialog.agency.findText("Police"))
        dialog.record_button.click()  # how it was given not said: refused at the field, kept open
        assert dialog.isVisible() and dialog.errors["given_how"].isVisible()
        assert dialog.agency.currentText() == "Police"
        dialog.given_how.setCurrentIndex(dialog.given_how.findData(ConsentMethod.WRITTEN))
        assert not dialog.errors["given_how"].isVisible()  # gone once a way is chosen
        dialog.given_on.setDate(QDate(2026, 12, 2))
        dialog.grab().save("/tmp/consentui_record_dialog.png")
        _fits(dialog)
        dialog.record_button.click()
        assert not dialog.isVisible()
        assert panel.model.rowCount() == 1
        assert panel.model.display(panel.model.row(0), 1) == "Sharing with Police"

        # The same consent again: the service's ConflictError in the banner, the dialog kept as typed.
        panel.record()
        again = panel.dialog
        again.agency_choice.setChecked(True)
        again.agency.setCurrentIndex(again.agency.findText("Police"))
        again.given_how.setCurrentIndex(again.given_how.findData(ConsentMethod.VERBAL))
        again.record_button.click()
        assert again.isVisible() and "already recorded" in panel.banner.text()
        assert again.given_how.currentData() == ConsentMethod.VERBAL
        again.reject()

        panel.table.selectRow(0)
        assert panel.withdraw_button.isEnabled()
        panel.withdraw()
        withdraw = panel.dialog
        assert isinstance(withdraw, WithdrawDialog)
        assert "stops" in withdraw.stops.text() and "Police" in withdraw.stops.text()
        assert "next meeting" in withdraw.stops.text()
        withdraw.note.setPlainText("Mum rang to say no more sharing with the police.")
        withdraw.withdraw_button.click()  # how not said: the service's ValidationError at the field
        assert withdraw.isVisible() and withdraw.errors["withdrawn_how"].isVisible()
        assert withdraw.note.toPlainText().startswith("Mum rang")
        withdraw.withdrawn_how.setCurrentIndex(withdraw.withdrawn_how.findData(ConsentMethod.VERBAL))
        withdraw.withdrawn_on.setDate(QDate(2026, 12, 3))
        withdraw.grab().save("/tmp/consentui_withdraw_dialog.png")
        _fits(withdraw)
        withdraw.withdraw_button.click()
        assert not withdraw.isVisible()
        row = panel.model.row(0)
        assert row.withdrawn and panel.model.display(row, 6) == "Verbally"
        assert not panel.withdraw_button.isEnabled()
        panel.grab().save("/tmp/consentui_consent_panel.png")


def test_a_withdrawal_someone_else_made_first_is_a_conflict_in_the_banner(qtbot, allocated, lead):
    with clock.pinned(TODAY):
        service = ConsentService(allocated.db, lead)
        person = service.people(allocated.case_id)[0][0]
        given = service.record(
            allocated.case_id, ConsentInput(person, ConsentPurpose.TAF, dt.date(2026, 12, 1), ConsentMethod.WRITTEN)
        )
        panel = ConsentPanel(service, _case(allocated))
        qtbot.addWidget(panel)
        ConsentService(allocated.db, CHAIR).withdraw(given.id, given.version, dt.date(2026, 12, 2), ConsentMethod.OTHER)
        panel.withdraw()
        dialog = panel.dialog
        dialog.withdrawn_how.setCurrentIndex(dialog.withdrawn_how.findData(ConsentMethod.WRITTEN))
        dialog.withdraw_button.click()
        assert "withdrawn by" in panel.banner.text()
        assert dialog.isVisible()


def test_assessment_started_completed_and_used_in_the_plan(qtbot, allocated, lead):
    with clock.pinned(TODAY):
        service = AssessmentService(allocated.db, lead)
        panel = AssessmentPanel(service, _case(allocated), may_feed_plan=True)
        qtbot.addWidget(panel)
        panel.resize(1100, 560)
        panel.show()
        panel.start()
        dialog = panel.dialog
        assert isinstance(dialog, AssessmentDialog)
        dialog.started_on.setDate(QDate(2026, 12, 1))
        dialog.save_button.click()  # no organisation, no child: both at their fields
        assert dialog.isVisible()
        assert dialog.errors["organisation_id"].isVisible() and dialog.errors["children"].isVisible()
        dialog.organisation.setCurrentIndex(dialog.organisation.findText("Education Welfare"))
        assert not dialog.errors["organisation_id"].isVisible() and dialog.errors["children"].isVisible()
        _pid, of, seen = dialog.child_boxes[0]
        of.setChecked(True)
        assert not dialog.errors["children"].isVisible()  # each field's message goes as it is edited
        seen.setChecked(True)
        dialog.whole_family.setChecked(True)
        dialog.add_need()
        dialog.save_button.click()  # a need without words: refused at the need
        assert dialog.isVisible() and "Need 1" in dialog.errors["needs"].text()
        qtbot.keyClicks(dialog.needs.cellWidget(0, 1), "Attendance below 70%")
        assert not dialog.errors["needs"].isVisible()  # the need it spoke of is edited
        dialog.needs.cellWidget(0, 0).setCurrentIndex(dialog.needs.cellWidget(0, 0).findData(NeedArea.EDUCATION))
        dialog.needs.cellWidget(0, 2).setValue(3)
        dialog.grab().save("/tmp/consentui_assessment_dialog.png")
        _fits(dialog)
        dialog.save_button.click()
        assert not dialog.isVisible()
        assert panel.model.rowCount() == 1 and panel.complete_button.isEnabled()
        assert "level 3 enhanced" in panel.model.display(panel.model.row(0), 5)

        # Use in the plan before there is a draft: the ConflictError in the banner.
        panel.feed_button.click()
        assert "no draft plan" in panel.banner.text()

        panel.edit(completing=True)
        complete = panel.dialog
        assert complete.completed.isChecked()
        complete.completed_on.setDate(QDate(2026, 12, 3))
        complete.save_button.click()
        assert not complete.isVisible(), [e.text() for e in complete.errors.values()] + [panel.banner.text()]
        assert panel.model.display(panel.model.row(0), 1) == "3 Dec 2026"
        assert not panel.complete_button.isEnabled()

        PlanService(allocated.db, lead, today=TODAY.date()).start(allocated.case_id)
        added = service.feed_plan(panel.model.row(0).id)  # the plan begun after it already holds its needs
        assert added == 0
        panel.feed_button.click()
        assert "already has" in panel.banner.text()
        panel.grab().save("/tmp/consentui_assessment_panel.png")


def test_assessment_without_plan_rights_offers_no_use_in_the_plan(qtbot, allocated):
    with clock.pinned(TODAY):
        panel = AssessmentPanel(AssessmentService(allocated.db, CLERK), _case(allocated), may_feed_plan=False)
        qtbot.addWidget(panel)
        assert panel.feed_button.isHidden()


def test_tab_leaves_the_tables(qtbot, allocated, lead):
    with clock.pinned(TODAY):
        panel = ConsentPanel(ConsentService(allocated.db, lead), _case(allocated))
        qtbot.addWidget(panel)
        panel.show()
        panel.table.setFocus()
        qtbot.keyClick(panel.table, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not panel.table
        assessments = AssessmentPanel(AssessmentService(allocated.db, lead), _case(allocated), may_feed_plan=True)
        qtbot.addWidget(assessments)
        assessments.show()
        assessments.table.setFocus()
        qtbot.keyClick(assessments.table, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not assessments.table


def test_ethnicity_to_code_lists_the_unmapped_and_records_a_code(qtbot, allocated):
    with allocated.db.session() as s:
        person = s.scalars(select(Person).order_by(Person.family_id, Person.position)).first()
        s.execute(update(Person).where(Person.id == person.id).values(ethnicity="Mixed", ethnicity_code=None))
        person_id = person.id
    dialog = EthnicityDialog(EthnicityService(allocated.db, CLERK))
    qtbot.addWidget(dialog)
    dialog.show()
    ids = [r.person_id for r in dialog.model.rows()]
    assert person_id in ids
    dialog.table.selectRow(ids.index(person_id))
    dialog.choose_button.click()  # no code chosen: refused at the picker
    assert dialog.code_error.isVisible() and "DfE" in dialog.code_error.text()
    assert dialog.code.findText("MWAS", Qt.MatchFlag.MatchStartsWith) > 0
    dialog.code.setCurrentIndex(dialog.code.findText("MWAS", Qt.MatchFlag.MatchStartsWith))
    dialog.grab().save("/tmp/consentui_ethnicity_dialog.png")
    said = []
    dialog.changed.connect(said.append)
    dialog.choose_button.click()
    assert said and person_id not in [r.person_id for r in dialog.model.rows()]
    with allocated.db.reader() as s:
        assert s.get(Person, person_id).ethnicity_code.value == "MWAS"

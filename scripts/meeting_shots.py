"""The Meetings area's screenshots, for scripts/screenshots.py: the agenda
and attendance with a quorum warning, meeting mode mid-meeting (1920×1080)
and the agency balance after several decisions. They run in this order on
the demo council's next North meeting, recording attendance and decisions
as a chair would (in the screenshots' own database)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QWidget
from settling import settle

from tafdesk.allocation.wording import proposal_rationale
from tafdesk.models import AttendanceStatus, DecisionOutcome
from tafdesk.services.decisions import DecisionInput
from tafdesk.ui.meetings.agency_round import for_agency
from tafdesk.ui.meetings.mode_layout import TAB_BALANCE
from tafdesk.ui.meetings.proposal import build_proposal
from tafdesk.ui.meetings.session import AttendanceChange

PROJECTOR = (1920, 1080)
ATTENDING = {  # agency -> who came
    "Education Welfare": "Hannah Price",
    "Family Support": "Tom Ellis",
    "Health Visiting and School Nursing": "Priya Shah",
    "Schools": "Mrs J. Adams",
    "Domestic Abuse Service": "Rachel Moss",
}


def _page(window, app: QApplication):
    window.show_area("meetings")
    page = window.page("meetings")
    settle(app)
    north = next(
        r for r in page.ui.model.rows() if r.locality == "North" and r.status.value in ("planned", "in_progress")
    )
    page.choose_meeting(north.id)
    settle(app)
    return page


def meeting_agenda(window, app: QApplication) -> QWidget:
    """The agenda and the roll call under way: three core agencies here, a deputy not yet arrived."""
    page = _page(window, app)
    session = page.session
    for row in session.view.attendance:
        if row.agency in ATTENDING and row.agency != "Health Visiting and School Nursing":
            session.set_attendance(
                AttendanceChange(row.agency_id, AttendanceStatus.PRESENT, ATTENDING[row.agency], None)
            )
        elif row.agency == "Youth Service":
            session.set_attendance(AttendanceChange(row.agency_id, AttendanceStatus.APOLOGIES, None, None))
    settle(app)
    page.ui.tabs.setCurrentIndex(0)
    page.ui.attendance.select_agency(next(r.agency_id for r in session.view.attendance if r.agency == "Housing"))
    page.ui.attendance.deputy.setChecked(True)
    page.ui.attendance.deputy_name.setText("Sam Okoro")
    settle(app)
    return window


def _mode(window, app: QApplication):
    page = window.page("meetings")
    if page.meeting_mode is None:
        session = page.session
        for row in session.view.attendance:
            if row.agency == "Health Visiting and School Nursing":
                session.set_attendance(
                    AttendanceChange(row.agency_id, AttendanceStatus.PRESENT, ATTENDING[row.agency], None)
                )
            elif row.agency == "Housing":
                session.set_attendance(AttendanceChange(row.agency_id, AttendanceStatus.DEPUTY, None, "Sam Okoro"))
        page.start_meeting()
        page.meeting_mode.showNormal()
        page.meeting_mode.resize(*PROJECTOR)
        settle(app, 400)
    return page.meeting_mode


def _decide(mode, app: QApplication, outcome: DecisionOutcome, rationale: str) -> None:
    """The current family, decided: the best placed lead of the round's first agency, if one is needed."""
    decider = mode.decider
    if outcome is DecisionOutcome.ALLOCATE_LEAD:
        best = next(r.best for r in mode.ui.round.model.rows() if r.best is not None)
        decider.choose_lead(best)
    mode.ui.decision.choose_outcome(outcome)
    mode.ui.decision.rationale.setPlainText(rationale)
    decider.confirm()
    settle(app)


def meeting_mode(window, app: QApplication) -> QWidget:
    """Mid-meeting: two families decided; for the third, an agency chosen in the round, its professionals
    with their caseloads and reasons, a lead picked and a team member ticked."""
    mode = _mode(window, app)
    _decide(
        mode,
        app,
        DecisionOutcome.ALLOCATE_LEAD,
        "Already involved with Isla; right skills for the education and domestic abuse needs.",
    )
    _decide(mode, app, DecisionOutcome.STEP_DOWN, "Universal services and the school can meet the needs.")
    rows, session = mode.ui.round.model.rows(), mode.session
    ranked = session.ranking(mode.current_row().case_id)

    def people(n: int) -> int:  # the agency with the most professionals to choose from, one within capacity
        return len(for_agency(ranked, rows[n].agency_id, session.allocation.locality_id)) if rows[n].best else 0

    mode.ui.round.view.selectRow(max(range(len(rows)), key=people))
    settle(app)
    candidates = mode.ui.candidates
    lead = next(r for r in candidates.model.rows() if r.eligible and not r.over_capacity)
    mode.decider.choose_lead(lead)
    other = next((r for r in candidates.model.rows() if r is not lead and r.eligible), None)
    if other is not None:
        mode.decider.toggle_member(other)
    decision = mode.ui.decision
    decision.rationale.setPlainText(
        "Best placed: the specialisms match the main need and there is room in the caseload."
    )
    row = decision.actions.add_action(focus=False)
    row.description.setText("Contact the family and the referrer this week")
    row.owner.setEditText(lead.candidate.name)
    mode.focus_pane("people")
    candidates.view.selectRow(0)
    mode.notify("Recorded: stepped down for the previous family. Ctrl+Z undoes it.")
    settle(app)
    return mode


def meeting_balance(window, app: QApplication) -> QWidget:
    """The agency balance after more families are allocated: the start of the meeting beside now."""
    mode = _mode(window, app)
    mode.decider.confirm()  # the family shown in meeting mode's screenshot
    settle(app, 400)
    session = mode.session
    proposal = build_proposal(session.allocation, session.rows())  # leads that fit everyone's capacity together
    for row in [r for r in proposal.rows if r.lead is not None][:4]:
        session.decide(
            row.item_id,
            DecisionInput(DecisionOutcome.ALLOCATE_LEAD, row.lead.key, rationale=proposal_rationale(row.score or 0)),
        )
    settle(app, 400)
    mode.show_tab(TAB_BALANCE)
    mode.notify("The pale bars are each agency at the start of the meeting; the solid bars are now.")
    settle(app)
    picture = mode.grab()
    mode.close()
    settle(app)
    label = QLabel()
    label.setPixmap(picture)
    label.resize(picture.size())
    return label

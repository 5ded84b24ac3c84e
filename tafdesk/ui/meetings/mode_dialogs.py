"""Meeting mode's two windows on the side: attendance (taken or corrected
during the meeting) and the family's full case summary, as the Intake area
shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.intake_queue import ProfileSummary
from tafdesk.ui.actions_due import ActionsDuePanel
from tafdesk.ui.intake.summary_html import summary_html
from tafdesk.ui.meetings.attendance_editor import AttendanceEditor, Record
from tafdesk.ui.meetings.session import MeetingSession
from tafdesk.ui.reading import whole_words
from tafdesk.ui.theme import keep_coloured


class AttendanceDialog(QDialog):
    """One per meeting mode window: opened again, it shows the attendance as it is now."""

    def __init__(self, parent: QWidget, session: MeetingSession, record: Record) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceDialog")
        self.setWindowTitle("Attendance")
        self.setAccessibleName("Attendance")
        self.session = session
        self.editor = AttendanceEditor(record, self)
        QVBoxLayout(self).addWidget(self.editor)
        session.view_changed.connect(self.refresh)

    def refresh(self, *, editable: bool | None = None) -> None:
        view = self.session.view
        if view is not None:
            self.editor.set_rows(view.attendance)
        if editable is not None:
            self.editor.set_editable(editable and not self.session.frozen, "The meeting is closed.")


def attendance_dialog(mode: QWidget, session: MeetingSession, record: Record, *, editable: bool) -> AttendanceDialog:
    dialog = mode.findChild(AttendanceDialog) or AttendanceDialog(mode, session, record)
    dialog.refresh(editable=editable)
    dialog.resize(round(mode.width() * 0.6), round(mode.height() * 0.75))
    return dialog


def profile_dialog(mode: QWidget, family: str, summary: ProfileSummary) -> QDialog:
    dialog = QDialog(mode)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(f"The {family} family: case summary")
    browser = whole_words(QTextBrowser())
    browser.setAccessibleName("Case summary")
    browser.setOpenLinks(False)
    keep_coloured(browser, lambda: browser.setHtml(summary_html(summary)))
    QVBoxLayout(dialog).addWidget(browser)
    dialog.resize(round(mode.width() * 0.6), round(mode.height() * 0.85))
    return dialog


class ArisingDialog(QDialog):
    """The matters arising, beside meeting mode: one per window."""

    def __init__(self, parent: QWidget, follow_up: FollowUpService) -> None:
        super().__init__(parent)
        self.setObjectName("arisingDialog")
        self.setWindowTitle("Matters arising")
        self.setAccessibleName("Matters arising")
        self.panel = ActionsDuePanel(follow_up, at_meeting=True, title="Matters arising")
        QVBoxLayout(self).addWidget(self.panel)


def arising_dialog(mode: QWidget, follow_up: FollowUpService, meeting_id, *, editable: bool) -> ArisingDialog:
    dialog = mode.findChild(ArisingDialog) or ArisingDialog(mode, follow_up)
    dialog.panel.show_meeting(meeting_id, editable=editable)
    dialog.panel.reload()
    dialog.resize(round(mode.width() * 0.8), round(mode.height() * 0.75))
    return dialog

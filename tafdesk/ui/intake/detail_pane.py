"""The pane beside the queue: the chosen profile's case summary, a red band
when consent blocks allocation, a bar to confirm or reject a suggested
family match, and the front-door decisions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from tafdesk.services.intake_queue import ProfileSummary
from tafdesk.ui.intake.actions import IntakeActions, action_button
from tafdesk.ui.intake.labels import CONSENT_LABELS
from tafdesk.ui.intake.summary_html import summary_html
from tafdesk.ui.reading import whole_words
from tafdesk.ui.theme import keep_coloured

EMPTY = "Choose a profile in the queue to read its case summary here."
SUMMARY_LINES = 8


class DetailPane(QWidget):
    def __init__(self, actions: IntakeActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeDetail")
        self.setAccessibleName("Case summary")
        self.summary: ProfileSummary | None = None
        self.empty_note = QLabel(EMPTY, objectName="pageNote", wordWrap=True)
        self.browser = whole_words(QTextBrowser(objectName="caseSummary"))
        self.consent_band = QFrame(objectName="consentBand")
        self.consent_text = QLabel(objectName="consentBandText", wordWrap=True)
        self.match_bar = QFrame(objectName="matchBar")
        self.match_text = QLabel(objectName="matchBarText", wordWrap=True)
        self.decision_bar = QFrame(objectName="decisionBar")
        self.override_button = action_button(actions["override_consent"], object_name="bandButton")
        self.confirm_button = action_button(actions["confirm_match"], primary=True)
        self.reject_button = action_button(actions["reject_match"])
        self.other_family_button = action_button(actions["link_family"], label="Another family…")
        self.meeting_button = action_button(actions["add_to_meeting"], primary=True)
        self.advice_button = action_button(actions["advice"], label="Advice and guidance…")
        self.step_up_button = action_button(actions["step_up"], label="Step up…")
        self.step_down_button = action_button(actions["step_down"], label="Step down…")
        self._body = QWidget()
        self._build()
        self.show_summary(None)

    def _build(self) -> None:
        self.browser.setOpenLinks(False)
        self.browser.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )  # text wraps; a table may round up a pixel
        self.browser.setAcceptDrops(False)  # files dropped here go to the page, to be imported
        self.browser.setAccessibleName("Case summary")
        self.browser.document().setDocumentMargin(14)
        # Never squeezed below a few lines of reading (large text on a small screen: the page scrolls).
        self.browser.setMinimumHeight(self.browser.fontMetrics().lineSpacing() * SUMMARY_LINES)

        self.consent_text.setAccessibleDescription("Consent warning")
        _band(self.consent_band, self.consent_text, self.override_button)
        _band(self.match_bar, self.match_text, self.other_family_button, self.reject_button, self.confirm_button)

        decisions = QGridLayout(self.decision_bar)
        decisions.setContentsMargins(0, 8, 0, 0)
        decisions.setHorizontalSpacing(8)
        decisions.setVerticalSpacing(6)
        caption = QLabel("Front-door decision", objectName="hint")
        decisions.addWidget(caption, 0, 0, 1, 2)
        decisions.addWidget(self.meeting_button, 1, 0)
        decisions.addWidget(self.advice_button, 1, 1)
        decisions.addWidget(self.step_down_button, 2, 0)
        decisions.addWidget(self.step_up_button, 2, 1)

        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        body.addWidget(self.consent_band)
        body.addWidget(self.match_bar)
        body.addWidget(self.browser, 1)
        body.addWidget(self.decision_bar)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 16, 12)
        layout.addWidget(self.empty_note)
        layout.addWidget(self._body, 1)

    def show_summary(self, summary: ProfileSummary | None, meeting: dt.datetime | None = None) -> None:
        """Show a profile's summary (None: nothing chosen); `meeting` is the
        start of the meeting whose agenda it is on, if any."""
        self.summary = summary
        self._body.setVisible(summary is not None)
        self.empty_note.setVisible(summary is None)
        if summary is None:
            keep_coloured(self.browser, self.browser.clear)
            return
        scroll = self.browser.verticalScrollBar().value()
        same_case = self.browser.property("caseId") == str(summary.case_id)
        keep_coloured(self.browser, lambda: self.browser.setHtml(summary_html(summary, meeting)))
        self.browser.setProperty("caseId", str(summary.case_id))
        if same_case:  # read again after a change: stay where the reader was
            self.browser.verticalScrollBar().setValue(scroll)
        self.consent_band.setVisible(summary.consent_blocks_allocation)
        if summary.consent_blocks_allocation:
            self.consent_text.setText(
                f"<b>Consent {CONSENT_LABELS[summary.consent].lower()}.</b> Allocation is blocked until a locality "
                "manager records an override reason."
            )
        self.match_bar.setVisible(summary.suggestion is not None)
        if summary.suggestion is not None:
            self.match_text.setText(
                f"<b>Possibly a family already known</b> ({summary.suggestion.score} points). "
                "Compare the evidence and the members below."
            )

    def text(self) -> str:
        """What the pane says, as plain text (for tests and screen readers)."""
        parts = []
        if self.consent_band.isVisibleTo(self):
            parts.append(self.consent_text.text())
        if self.match_bar.isVisibleTo(self):
            parts.append(self.match_text.text())
        parts.append(self.browser.toPlainText() if self.summary else self.empty_note.text())
        return "\n".join(parts)


def _band(frame: QFrame, text: QLabel, *buttons: QWidget) -> None:
    """A message with its buttons beneath it, on the right."""
    row = QHBoxLayout()
    row.setSpacing(8)
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 8, 8, 8)
    layout.setSpacing(6)
    layout.addWidget(text)
    layout.addLayout(row)

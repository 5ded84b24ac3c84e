"""Meeting mode's decision panels show whatever a family, a professional or
a reason says as typed, never read as markup (a name with & or <, a reason
pasted with tags): escaped in the decision panel's rich text, plain text in
the request panel."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from tafdesk.allocation.candidates import Candidate
from tafdesk.models.enums import DecisionOutcome, RequestKind, RequestState
from tafdesk.services.requests import RequestRow
from tafdesk.ui.meetings.decision_panel import DecisionPanel
from tafdesk.ui.meetings.drafts import Draft
from tafdesk.ui.meetings.request_panel import RequestDecisionPanel, RequestDraft


def _shown(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def test_names_and_reasons_with_markup_are_shown_as_typed(qtbot):
    panel = DecisionPanel()
    qtbot.addWidget(panel)
    lead = Candidate("p1", "Sam <b>Bold</b> O'Neil", "a1", "Health & Care <Trust>", "north", load=None)
    draft = Draft(
        outcome=DecisionOutcome.ALLOCATE_LEAD,
        lead=lead,
        override_reason="Over by 2 & the family <i>asked</i> for her",
        team={("a2", "p2"): "Ruth <img src=x> Adeyemi (Family Support)"},
    )
    panel.choose_outcome(DecisionOutcome.ALLOCATE_LEAD)
    panel.show_choice(draft)
    html = panel.choice.text()
    assert "<b>Bold</b>" not in html and "<i>" not in html and "<img" not in html and "<Trust>" not in html
    shown = _shown(html)
    assert "Lead: Sam <b>Bold</b> O'Neil (Health & Care <Trust>)" in shown
    assert "agreed because: Over by 2 & the family <i>asked</i> for her" in shown
    assert "Ruth <img src=x> Adeyemi (Family Support)" in shown


def test_a_recorded_decision_is_shown_as_typed(qtbot):
    panel = DecisionPanel()
    qtbot.addWidget(panel)
    panel.load(Draft(), meeting_day=dt.date(2026, 12, 1), editable=True, decided="Led by A & <B>")
    assert "Decided. Led by A & <B>" in _shown(panel.decided.text())


def test_a_request_and_its_answer_are_shown_as_typed(qtbot):
    panel = RequestDecisionPanel()
    qtbot.addWidget(panel)
    request = RequestRow(
        uuid.uuid4(),
        1,
        uuid.uuid4(),
        "N-1",
        "Smith & <b>Jones</b>",
        RequestKind.BLOCKAGE,
        "School <i>won't</i> share",
        dt.date(2026, 12, 2),
        "Tomas Okafor",
        RequestState.DECLINED,
        None,
        "Try <u>again</u> & ask",
        dt.date(2026, 12, 8),
        "Chair",
        None,
        None,
        None,
        None,
    )
    panel.load(request, RequestDraft(), meeting_day=dt.date(2026, 12, 8), editable=True, why_not="")
    for label in (panel.heading, panel.about, panel.decided):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert "Smith & <b>Jones</b>" in panel.heading.text() and "Try <u>again</u> & ask" in panel.decided.text()

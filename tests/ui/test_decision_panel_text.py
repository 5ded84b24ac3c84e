"""The decision panel's summary of the choice is rich text: whatever a
family, a professional or a reason says is shown as typed, never read as
markup (a name with & or <, a reason pasted with tags)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QTextDocument

from tafdesk.allocation.candidates import Candidate
from tafdesk.models.enums import DecisionOutcome
from tafdesk.ui.meetings.decision_panel import DecisionPanel
from tafdesk.ui.meetings.drafts import Draft


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

"""Reviews and distance travelled: the scores chart beside the record of each
review (who came, the notes, red/amber/green progress per outcome, the
scores). Outcomes are named from the version each review looked at, read
off the interface thread when the tab is first shown."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from tafdesk.models.enums import NeedArea, Rag
from tafdesk.plans.content import OutcomeItem
from tafdesk.plans.view import PlanView, ReviewView
from tafdesk.ui.background import run_in_background
from tafdesk.ui.colours import current
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.plans.labels import RAG_LABELS
from tafdesk.ui.plans.loading import VersionRow, score_history
from tafdesk.ui.plans.score_chart import ScoreChart
from tafdesk.ui.reading import whole_words
from tafdesk.ui.text import day
from tafdesk.ui.theme import keep_coloured

ReadOutcomes = Callable[[list[uuid.UUID]], dict[uuid.UUID, OutcomeItem]]  # plan version ids -> their outcomes


class ReviewsTab(QWidget):
    def __init__(self, read_outcomes: ReadOutcomes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_outcomes = read_outcomes
        self.chart = ScoreChart()
        self.caption = QLabel(
            "Scores chosen with the family at each review, from 1 (serious worries) to 10 (going well).",
            objectName="hint",
            wordWrap=True,
        )
        self.browser = whole_words(QTextBrowser(objectName="reviewRecord"))
        self.browser.setAccessibleName("Reviews")
        self.browser.setOpenLinks(False)
        self._plan: PlanView | None = None
        self._versions: tuple[VersionRow, ...] = ()
        self._outcomes: dict[uuid.UUID, OutcomeItem] = {}
        self._named = False
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(16, 6, 8, 12)
        column.addWidget(QLabel("Distance travelled", objectName="sectionTitle"))
        column.addWidget(self.caption)
        column.addWidget(self.chart, 1)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(8, 6, 16, 12)
        column.addWidget(QLabel("Reviews", objectName="sectionTitle"))
        column.addWidget(self.browser, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_plan(self, plan: PlanView, versions: tuple[VersionRow, ...]) -> None:
        self._plan, self._versions = plan, versions
        self._outcomes = {o.id: o for o in plan.content.outcomes}
        self._named = False
        self.chart.set_history(score_history(plan.reviews))
        self._write()
        if self.isVisible():
            self._name_outcomes()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._name_outcomes()

    def _name_outcomes(self) -> None:
        if self._named or self._plan is None or not self._plan.reviews:
            return
        self._named = True
        ids = {number: plan_id for plan_id, number, _status, _agreed in self._versions}
        wanted = sorted({ids[r.plan_version] for r in self._plan.reviews if r.plan_version in ids})
        run_in_background(lambda: self._read_outcomes(wanted), self._named_outcomes, lambda _e: None, context=self)

    def _named_outcomes(self, outcomes: dict[uuid.UUID, OutcomeItem]) -> None:
        self._outcomes.update(outcomes)
        self._write()

    # -- the record ------------------------------------------------------------------

    def _write(self) -> None:
        keep_coloured(self.browser, lambda: self.browser.setHtml(self._html()))

    def _html(self) -> str:
        plan = self._plan
        if plan is None or not plan.reviews:
            return (
                f"<p style='color:{current().muted}'>No reviews yet. Record the first one with "
                "<b>Record review…</b> once the plan is agreed and the review has been held.</p>"
            )
        parts: list[str] = []
        before: dict[NeedArea, int] = {}  # each area's score at the review before
        for review in plan.reviews:
            parts.append(self._review_html(review, before))
            before = {**before, **review.scores}
        return "".join(reversed(parts))

    def _review_html(self, review: ReviewView, before: dict) -> str:
        e, colours = html.escape, current()
        rag_colours = {Rag.RED: colours.error.mark, Rag.AMBER: colours.warn.mark, Rag.GREEN: colours.ok.mark}
        out = [
            f"<h3 style='margin-bottom:2px'>{review.held_on:%A} {e(day(review.held_on))}</h3>",
            f"<p style='color:{colours.muted};margin-top:0'>Review of version {review.plan_version}</p>",
        ]
        if review.attendees:
            out.append(f"<p><b>Who came:</b> {e(review.attendees)}</p>")
        if review.notes:
            out.append(f"<p>{e(review.notes)}</p>")
        if review.progress:
            for outcome_id, (rag, comment) in review.progress.items():
                outcome = self._outcomes.get(outcome_id)
                area = (
                    f"<b>{e(NEED_AREA_SHORT[outcome.area])}</b>: {e(outcome.outcome_wanted or outcome.need)}"
                    if outcome
                    else ""
                )
                out.append(
                    f"<p><span style='background:{rag_colours[rag]};color:{colours.mark_ink};font-weight:600'>"
                    f"&nbsp;{RAG_LABELS[rag]}&nbsp;</span> {area or 'An outcome'}"
                    f"{'<br><i>' + e(comment) + '</i>' if comment else ''}</p>"
                )
        if review.scores:
            scores = []
            for area, score in review.scores.items():
                change = score - before[area] if area in before else None
                moved = (
                    ""
                    if change is None
                    else (f" (up {change})" if change > 0 else f" (down {-change})" if change < 0 else " (same)")
                )
                scores.append(f"{e(NEED_AREA_SHORT[area])} <b>{score}</b>{moved}")
            out.append(f"<p><b>Scores:</b> {' · '.join(scores)}</p>")
        return "".join(out) + "<hr>"

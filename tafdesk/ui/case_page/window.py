"""The case page: one case in a window of its own, its sections as tabs
(sections.py: one table), reached from My cases and the open cases, the
intake queue, meeting mode and the family search.

A window, not a page of the main window: it is opened from four places, two
of which (meeting mode, full screen, and the intake queue mid-triage) must
stay as they are under it; a lead professional compares two families side by
side; and it is closed with Escape to be back where they were. One window per
case: opening a case already open raises its window. Each is a child window
of the main one, so the idle lock covers it and signing out closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from tafdesk.db import Database
from tafdesk.services.actor import Actor
from tafdesk.services.case_page import CasePageService, CaseSummary
from tafdesk.ui.banner import Banner
from tafdesk.ui.case_page.sections import Section, sections_for
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.window_fit import resize_within_screen

if TYPE_CHECKING:
    pass

SIZE = (1200, 640)  # fits 1366x768 with the taskbar and the title bar; every section's tab shows


class CaseContext(QObject):
    """What every section of one case page shares."""

    summary_read = Signal(object)  # CaseSummary
    plan_requested = Signal(object)  # CaseRef
    changed = Signal()  # a section changed the case (closed it, say): the page reads its summary again

    def __init__(self, db: Database, actor: Actor, case: CaseRef, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.case = db, actor, case
        self.summary: CaseSummary | None = None


class CaseWindow(QWidget):
    plan_requested = Signal(object)  # CaseRef

    def __init__(self, db: Database, actor: Actor, case: CaseRef, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.context = CaseContext(db, actor, case, self)
        self.context.plan_requested.connect(self.plan_requested)
        self.context.changed.connect(self.reload)
        self._service = CasePageService(db, actor)
        self.sections: list[Section] = sections_for(actor, offline=db.offline_copy)
        self._built: dict[int, QWidget] = {}
        self.setWindowTitle(f"{case.family_name} family – {case.reference} – tafdesk")
        self.setAccessibleName(f"Case page: {case.family_name} family, {case.reference}")
        self.banner = Banner(self)
        self.title = QLabel(f"The {case.family_name} family", objectName="pageTitle")
        self.subtitle = QLabel(case.reference, objectName="formSubtitle", wordWrap=True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Sections of the case")
        self.tabs.setDocumentMode(True)
        for section in self.sections:
            placeholder = QLabel("Reading…", objectName="hint")
            self.tabs.addTab(placeholder, section.title)
        self.tabs.currentChanged.connect(self._build_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self.banner)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        for number in range(1, min(len(self.sections), 9) + 1):
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda n=number - 1: self.tabs.setCurrentIndex(n))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        resize_within_screen(self, *SIZE)
        self._build_tab(0)
        self.reload()

    def section_keys(self) -> list[str]:
        return [s.key for s in self.sections]

    def show_section(self, key: str) -> QWidget:
        index = self.section_keys().index(key)
        self.tabs.setCurrentIndex(index)
        return self._build_tab(index)

    def _build_tab(self, index: int) -> QWidget:
        if index < 0:
            return self.tabs.currentWidget()
        if index not in self._built:
            widget = self.sections[index].build(self.context)
            self._built[index] = widget
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, self.sections[index].title)
            self.tabs.setCurrentIndex(index)
            self.tabs.blockSignals(False)
        return self._built[index]

    def reload(self) -> None:
        case_id = self.context.case.case_id
        Operation(
            self.banner,
            lambda: self._service.summary(case_id),
            failed="The case could not be read.",
            doing="reading a case page",
            slow=True,
        ).done(self._show).run()

    def _show(self, summary: CaseSummary) -> None:
        self.context.summary = summary
        self.subtitle.setText(
            f"{summary.case_reference} · {summary.family_reference} · {summary.locality} · {summary.state}"
        )
        self.context.summary_read.emit(summary)

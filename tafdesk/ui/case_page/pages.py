"""Opening case pages (one window per case) and the family search, for the
main window. Light on purpose: it is made at start-up, and the case page's
modules (services, exports, plan screens) load when a case is first opened."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from tafdesk.db import Database
from tafdesk.services.actor import Actor, Permission

if TYPE_CHECKING:
    from tafdesk.ui.case_page.search import FamilySearchDialog
    from tafdesk.ui.case_page.window import CaseWindow
    from tafdesk.ui.plans.loading import CaseRef


class CasePages(QObject):
    """Opens case pages (one window per case) and the family search, for the main window."""

    plan_requested = Signal(object)  # CaseRef: the main window opens the plan editor

    def __init__(self, db: Database, actor: Actor, host: QWidget) -> None:
        super().__init__(host)
        self._db, self._actor, self._host = db, actor, host
        self.windows: dict[uuid.UUID, CaseWindow] = {}
        self.search: FamilySearchDialog | None = None

    @property
    def available(self) -> bool:
        return self._actor.can(Permission.VIEW_PLANS)

    def open(self, case: CaseRef) -> CaseWindow | None:
        if not self.available:
            return None
        window = self.windows.get(case.case_id)
        if window is None:
            from tafdesk.ui.case_page.window import CaseWindow

            window = CaseWindow(self._db, self._actor, case, self._host)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.plan_requested.connect(self.plan_requested)
            window.destroyed.connect(lambda _o=None, key=case.case_id: self.windows.pop(key, None))
            self.windows[case.case_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def find_family(self) -> FamilySearchDialog | None:
        if not self.available:
            return None
        from tafdesk.services.family_search import FamilySearchService
        from tafdesk.ui.case_page.search import FamilySearchDialog

        if self.search is None:
            self.search = FamilySearchDialog(FamilySearchService(self._db, self._actor), self._host)
            self.search.case_chosen.connect(self.open)
        self.search.show()
        self.search.raise_()
        self.search.activateWindow()
        self.search.field.setFocus()
        self.search.field.selectAll()
        return self.search

    def close_all(self) -> None:
        for window in list(self.windows.values()):
            window.close()

"""The areas of tafdesk, in the order of the sidebar, and how each page is
built. Pages are built when first opened, so start-up pays only for the
first one shown. Each page follows `changes` (ui/live.py): what is committed
here or elsewhere shows without anyone pressing anything. The areas where
changes can be undone (Directory, Intake, Meetings, Plan) each have an undo
history of their own (ui/area_undo.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from tafdesk.db import Database
from tafdesk.models.enums import Role
from tafdesk.services.actor import Actor, Permission
from tafdesk.ui.settings import AppSettings

if TYPE_CHECKING:
    from tafdesk.ui.intake.inbox_watcher import InboxWatcher
    from tafdesk.ui.live import ChangeSignal


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    icon: str
    build: Callable[[], QWidget]
    undo: QUndoStack | None = None  # the area's own undo history
    undo_name: str = ""  # what the Edit menu calls the area: "Undo Add an action — Plan"


def undoable(key: str, title: str, build: Callable[[QUndoStack], QWidget], undo_name: str) -> Area:
    """An area whose page is built with an undo history of its own."""
    stack = QUndoStack()
    stack.setObjectName(f"{key}Undo")
    return Area(key, title, key, lambda: build(stack), stack, undo_name)


# The page each role opens on: the work that is theirs.
HOME = {
    Role.LOCALITY_MANAGER: "meetings",
    Role.LEAD_PROFESSIONAL: "cases",
    Role.BUSINESS_SUPPORT: "intake",
    Role.ADMIN: "users",
}


def home_area(actor: Actor) -> str:
    return HOME.get(actor.role, "directory")


def build_areas(
    db: Database,
    actor: Actor,
    *,
    settings: AppSettings | None = None,
    inbox: InboxWatcher | None = None,
    changes: ChangeSignal | None = None,
) -> list[Area]:
    def directory(undo_stack: QUndoStack) -> QWidget:
        # Imported here: only a session that opens the Directory pays for it.
        from tafdesk.services.directory import DirectoryService
        from tafdesk.ui.directory.page import DirectoryPage

        return DirectoryPage(
            DirectoryService(db, actor),
            undo_stack,
            can_edit=actor.can(Permission.EDIT_DIRECTORY),
            show_caseloads=actor.can(Permission.VIEW_CASELOADS),
            changes=changes,
        )

    def meetings(undo_stack: QUndoStack) -> QWidget:
        # Imported here: the Meetings page, its services and theirs load when it is first opened.
        from tafdesk.ui.meetings.page import build_meetings_page

        return build_meetings_page(db, actor, undo_stack, changes=changes)

    def intake(undo_stack: QUndoStack) -> QWidget:
        # Imported here: the Intake page, its services and theirs load when it is first opened.
        from tafdesk.ui.intake.page import build_intake_page

        return build_intake_page(db, actor, settings or AppSettings.open(), inbox, undo_stack, changes=changes)

    def cases(undo_stack: QUndoStack) -> QWidget:
        # Imported here: the plan screens and their services load when the area is first opened.
        from tafdesk.ui.plans.page import build_cases_page

        return build_cases_page(db, actor, undo_stack, changes=changes)

    def documents() -> QWidget:
        # Imported here: the Documents page and its services load when it is first opened.
        from tafdesk.ui.documents.page import build_documents_page

        return build_documents_page(db, actor, changes=changes)

    def reports() -> QWidget:
        # Imported here: the Reports page and its services load when it is first opened.
        from tafdesk.ui.reports.page import build_reports_page

        return build_reports_page(db, actor)

    def users() -> QWidget:
        # Imported here: administrators' page, loaded when first opened.
        from tafdesk.ui.users.page import build_users_page

        return build_users_page(db, actor, changes=changes)

    def audit() -> QWidget:
        # Imported here: administrators' page, loaded when first opened.
        from tafdesk.ui.audit.page import build_audit_page

        return build_audit_page(db, actor, changes=changes)

    def settings_page() -> QWidget:
        # Imported here: administrators' page, loaded when first opened.
        from tafdesk.ui.settings_page import build_settings_page

        return build_settings_page(db, actor, changes=changes)

    areas = [
        undoable("intake", "Intake", intake, "Intake"),
        undoable("meetings", "Meetings", meetings, "Meetings"),
        undoable("cases", "Cases and TAF plans", cases, "Plan"),
        Area("documents", "Documents", "documents", documents),
        undoable("directory", "Directory", directory, "Directory"),
        Area("reports", "Reports", "reports", reports),
    ]
    if actor.can(Permission.MANAGE_USERS):
        areas.append(Area("users", "Users", "users", users))
    if actor.can(Permission.READ_AUDIT):
        areas.append(Area("audit", "Audit trail", "audit", audit))
    if actor.can(Permission.MANAGE_SETTINGS):  # shared by everyone, changed by administrators
        areas.append(Area("settings", "Settings", "settings", settings_page))
    return areas

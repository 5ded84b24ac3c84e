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


def home_area(actor: Actor, *, offline: bool = False) -> str:
    return "cases" if offline else HOME.get(actor.role, "directory")


# Working on the offline copy (only the person's own cases, away from the
# server): the areas that need the server, each saying why rather than hidden.
OFFLINE_AREAS = frozenset({"cases"})
NOT_OFFLINE_WHY = {
    "intake": "profiles are matched against every family the council holds, and the queue is shared with "
    "business support: both are on the server, not in your offline copy.",
    "meetings": "a meeting's decisions are the group's, recorded on the server where everyone sees them at once.",
    "documents": "the register of documents is kept on the server. A copy of a plan can be saved or printed "
    "from the plan itself, in Cases and TAF plans.",
    "directory": "the directory of agencies and professionals is shared by everyone, so it is changed only "
    "on the server, where no two copies can disagree.",
    "reports": "reports count every family of a locality; your offline copy holds only the cases you took.",
    "users": "users are managed on the server.",
    "audit": "the audit trail is kept on the server; what you do offline joins it when you sync.",
    "settings": "the settings are shared by everyone and kept on the server.",
}


def offline_note(area: Area) -> QWidget:
    """What an area that needs the server says while working offline."""
    from tafdesk.ui.area_page import not_offline

    return not_offline(area.title, NOT_OFFLINE_WHY.get(area.key, "it needs the server."))


def offline_areas(areas: list[Area]) -> list[Area]:
    """The areas as they are on the offline copy: those needing the server say why."""
    return [
        area if area.key in OFFLINE_AREAS else Area(area.key, area.title, area.icon, _noted(area)) for area in areas
    ]


def _noted(area: Area) -> Callable[[], QWidget]:
    return lambda: offline_note(area)


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
    return offline_areas(areas) if db.offline_copy else areas

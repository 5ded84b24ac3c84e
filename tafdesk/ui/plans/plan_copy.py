"""A copy of the family's plan for everyone in the Team Around the Family:
saved as PDF or Word where the user chooses, or sent to a printer. The
document is the same one business support's register holds (restricted
information withheld), and the copy is recorded in that register. Each
step is an Operation (ui/operation.py): what stopped it is said in the
workspace's banner."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from tafdesk.models.enums import DocumentFormat
from tafdesk.paths import data_dir
from tafdesk.ui.documents import os_print
from tafdesk.ui.operation import Operation

if TYPE_CHECKING:
    from tafdesk.services.document_register import RegisterEntry
    from tafdesk.services.documents import DocumentService
    from tafdesk.ui.plans.workspace import PlanWorkspace

FILTERS = "PDF document (*.pdf);;Word document (*.docx)"
FORMATS = {".pdf": DocumentFormat.PDF, ".docx": DocumentFormat.DOCX}


def save_copy(workspace: PlanWorkspace) -> Path | None:
    """Ask where, then save the plan as it is in the database; the path, or None."""
    plan = workspace.plan
    if plan is None or not workspace.flush():
        return None
    suggested = Path.home() / _file_name(f"{plan.case_reference} TAF plan v{plan.plan_version}.pdf")
    chosen, _filter = QFileDialog.getSaveFileName(workspace, "Save a copy of the plan", str(suggested), FILTERS)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in FORMATS:
        path = path.with_suffix(".pdf")
    if _produce(workspace, path) is not None:
        workspace.status_message.emit(f"A copy of the plan is saved in {path}.")
        return path
    return None


def print_copy(workspace: PlanWorkspace) -> None:
    """Choose a printer and the copies, then print the plan as a PDF."""
    plan = workspace.plan
    if plan is None or not workspace.flush():
        return
    if not os_print.printers():
        workspace.banner.say(
            "The plan was not printed: no printer is set up on this computer. Save a copy "
            "(Ctrl+Shift+S) and send or print it from there, or ask IT to add a printer.",
            error=True,
        )
        return
    choice = os_print.ask_for_printer(workspace)
    if choice is None:
        return
    path = data_dir() / "documents" / "printed" / _file_name(f"{plan.case_reference} TAF plan v{plan.plan_version}.pdf")
    entry = _produce(workspace, path)
    if entry is None:
        return

    def send(printed: Path) -> None:
        problem = os_print.print_file(printed, choice)
        if problem:
            workspace.banner.say(f"The plan was not printed. {problem}", error=True)
        else:
            workspace.status_message.emit(f"The plan went to {choice.printer}.")

    Operation(
        workspace.banner,
        lambda: documents_of(workspace).print_file(entry.id),  # the printing audited
        failed="The plan was not printed.",
        doing="printing a plan",
    ).done(send).run()


def _produce(workspace: PlanWorkspace, path: Path) -> RegisterEntry | None:
    plan = workspace.plan
    if plan is None:  # (the buttons are shown with a plan)
        return None
    made: list[RegisterEntry] = []
    Operation(
        workspace.banner,
        lambda: documents_of(workspace).produce_plan(plan.case_id, FORMATS[path.suffix.lower()], path),
        failed="The copy was not made.",
        doing="making a copy of a plan",
    ).done(made.append).run()
    return made[0] if made else None


def documents_of(workspace: PlanWorkspace) -> DocumentService:
    from tafdesk.services.documents import DocumentService  # documents load only when one is made

    services = workspace.services
    return DocumentService(services.plans.database, services.actor, today=services.plans.today())


def _file_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|]+', "-", name)

"""The case page's sections, in the order of its tabs: ONE table. A section
is added by one line in SECTIONS: its title, who may see it, and how its
widget is made from the case's context (a function, imported when the tab is
first shown, so a page opens at the price of its summary)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tafdesk.services.actor import Actor, Permission

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from tafdesk.ui.case_page.window import CaseContext


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # with its mnemonic: "&Summary"
    may_see: Callable[[Actor], bool]
    build: Callable[[CaseContext], QWidget]


def _anyone(actor: Actor) -> bool:
    return actor.can(Permission.VIEW_PLANS)


def _summary(context: CaseContext) -> QWidget:
    from tafdesk.ui.case_page.panels import SummaryPanel

    return SummaryPanel(context)


def _chronology(context: CaseContext) -> QWidget:
    from tafdesk.services.chronology import ChronologyService
    from tafdesk.services.chronology_export import ChronologyExport
    from tafdesk.ui.plans.case_windows import ChronologyPanel

    return ChronologyPanel(
        ChronologyService(context.db, context.actor), ChronologyExport(context.db, context.actor), context.case
    )


def _notes(context: CaseContext) -> QWidget:
    from tafdesk.services.case_notes import CaseNotesService
    from tafdesk.ui.plans.case_windows import NotesPanel

    may_write = context.actor.can(Permission.WRITE_CASE_NOTES)
    return NotesPanel(CaseNotesService(context.db, context.actor), context.case, may_write=may_write)


def _actions(context: CaseContext) -> QWidget:
    from tafdesk.services.follow_up import FollowUpService
    from tafdesk.ui.actions_due import ActionsDuePanel

    panel = ActionsDuePanel(
        FollowUpService(context.db, context.actor), at_meeting=False, title="Actions", case_id=context.case.case_id
    )
    panel.reload()
    return panel


def _plan(context: CaseContext) -> QWidget:
    from tafdesk.ui.case_page.panels import PlanPanel

    return PlanPanel(context)


def _closure(context: CaseContext) -> QWidget:
    from tafdesk.ui.case_page.closure import ClosurePanel

    return ClosurePanel(context)


def _requests(context: CaseContext) -> QWidget:
    from tafdesk.ui.case_page.requests_panel import RequestsPanel

    return RequestsPanel(context)


def _documents(context: CaseContext) -> QWidget:
    from tafdesk.ui.case_page.panels import DocumentsPanel

    return DocumentsPanel(context)


def _consent(context: CaseContext) -> QWidget:
    from tafdesk.services.consent import ConsentService
    from tafdesk.ui.case_page.consent import ConsentPanel

    return ConsentPanel(ConsentService(context.db, context.actor), context.case)


def _assessment(context: CaseContext) -> QWidget:
    from tafdesk.services.assessments import AssessmentService
    from tafdesk.ui.case_page.assessments import AssessmentPanel

    may_feed = context.actor.can(Permission.EDIT_PLANS)
    return AssessmentPanel(AssessmentService(context.db, context.actor), context.case, may_feed_plan=may_feed)


SECTIONS: tuple[Section, ...] = (
    Section("summary", "&Summary", _anyone, _summary),
    Section("chronology", "C&hronology", _anyone, _chronology),
    Section("notes", "&Notes", lambda a: a.can(Permission.READ_CASE_NOTES), _notes),
    Section("actions", "&Actions", _anyone, _actions),
    Section("plan", "&Plan", _anyone, _plan),
    Section("requests", "Re&quests and changes", _anyone, _requests),
    Section("closure", "C&losure", _anyone, _closure),
    Section("consent", "C&onsent", lambda a: a.can(Permission.RECORD_CONSENT), _consent),
    Section("assessment", "Assessmen&t", lambda a: a.can(Permission.RECORD_ASSESSMENTS), _assessment),
    Section("documents", "&Documents", lambda a: a.can(Permission.PRODUCE_DOCUMENTS), _documents),
)


# What runs on the offline copy: its changes are the ones a sync sends
# (offline/copying.TRACKED). The other sections say why they wait.
OFFLINE_SECTIONS = frozenset({"summary", "chronology", "notes", "actions", "plan"})
OFFLINE_WHY = "requests, closure, consent, assessments and documents are decided and kept on the server."


def sections_for(actor: Actor, *, offline: bool = False) -> list[Section]:
    seen = [section for section in SECTIONS if section.may_see(actor)]
    if not offline:
        return seen
    return [s if s.key in OFFLINE_SECTIONS else dataclasses.replace(s, build=_offline_note(s)) for s in seen]


def _offline_note(section: Section) -> Callable[[CaseContext], QWidget]:
    def build(_context: CaseContext) -> QWidget:
        from tafdesk.ui.area_page import not_offline

        return not_offline(section.title.replace("&", ""), OFFLINE_WHY)

    return build

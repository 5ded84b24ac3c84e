"""The retention schedule: what is due (`report`) and, in one transaction,
anonymising and deleting it (`apply`), with an audit event for each family,
draft and meeting and one for the whole run. The old and new values the
audit trail keeps about what went are anonymised in the same transaction.

Administrators alone may do either. Both read every family's records, which
an administrator's own database account may not on PostgreSQL: there they run
through the owner's connection (cli_retention.py says how), so no person's
database role can do this by itself."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from tafdesk import models as m
from tafdesk.services import audit, family_rows, retention_anonymise, retention_due, retention_periods
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.retention_due import Due
from tafdesk.services.retention_files import FileOutcome, remove_files
from tafdesk.services.retention_periods import RetentionPeriods

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class RetentionReport:
    today: dt.date
    periods: RetentionPeriods
    due: Due

    @property
    def nothing_due(self) -> bool:
        d = self.due
        return not (d.families or d.drafts or d.meetings)


@dataclass(frozen=True)
class RetentionResult:
    report: RetentionReport  # what was due, and so was done
    audit_values: int  # audit events whose values were anonymised
    files: FileOutcome


class RetentionService(ClockedService):
    def report(self) -> RetentionReport:
        self._actor.require(Permission.APPLY_RETENTION)
        with self._db.reader() as s:
            return self._report(s)

    def apply(self) -> RetentionResult:
        """Everything due, anonymised or deleted in one transaction; then the
        files of the documents that went, where they are the files tafdesk made."""
        self._actor.require(Permission.APPLY_RETENTION)
        with self._db.session() as s:
            report = self._report(s)
            documents, audited = self._apply(s, report)
        return RetentionResult(report, audited, remove_files(documents))

    def _report(self, s: Session) -> RetentionReport:
        today = self.today()
        periods = retention_periods.read(s)
        return RetentionReport(today, periods, retention_due.due(s, today, periods))

    def _apply(self, s: Session, report: RetentionReport) -> tuple[list[tuple[str, str]], int]:
        due = report.due
        family_ids = [f.id for f in due.families]
        meeting_ids = [x.id for x in due.meetings]
        minutes = retention_due.minutes_documents(s, meeting_ids)
        documents = retention_due.family_documents(s, family_ids) + minutes
        # The events about what goes, found before any is written about the run itself.
        events = family_rows.audit_event_ids(
            s, [*family_rows.row_ids(s, family_ids), *(d.id for d in due.drafts), *(doc_id for doc_id, _, _ in minutes)]
        )
        events += _minutes_events(s, meeting_ids)
        retention_anonymise.delete_drafts(s, [d.id for d in due.drafts])
        retention_anonymise.clear_minutes(s, meeting_ids, [doc_id for doc_id, _, _ in minutes])
        for part in family_rows.chunks(family_ids):
            retention_anonymise.anonymise_families(s, part, report.today)
        self._record(s, report, len(documents))
        return [(path, sha) for _, path, sha in documents], audit.anonymise_values(s, self._actor, events)

    def _record(self, s: Session, report: RetentionReport, documents: int) -> None:
        due = report.due
        for family in due.families:
            audit.record(
                s,
                self._actor,
                "retention.family_anonymised",
                "family",
                family.id,
                {"rule": [None, family.rule], "due_on": [None, family.due_on]},
            )
        for draft in due.drafts:
            audit.record(
                s,
                self._actor,
                "retention.draft_deleted",
                "taf_plan",
                draft.id,
                {"case": [None, draft.case_reference], "plan_version": [None, draft.plan_version]},
            )
        for meeting in due.meetings:
            audit.record(
                s, self._actor, "retention.minutes_removed", "meeting", meeting.id, {"documents": [None, meeting.files]}
            )
        audit.record(
            s,
            self._actor,
            "retention.applied",
            "app_setting",
            None,
            {
                "families_worked_with": [None, sum(f.rule == retention_due.WORKED_WITH for f in due.families)],
                "families_not_allocated": [None, sum(f.rule == retention_due.NOT_ALLOCATED for f in due.families)],
                "drafts": [None, len(due.drafts)],
                "meetings": [None, len(due.meetings)],
                "documents": [None, documents],
                "periods": [None, report.periods.as_dict()],
            },
        )


def _minutes_events(s: Session, meeting_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """The events that hold a meeting's notes, declarations or minutes' wording."""
    found: list[uuid.UUID] = []
    for part in family_rows.chunks(meeting_ids):
        found += s.scalars(
            select(m.AuditEvent.id).where(m.AuditEvent.entity_id.in_(part), m.AuditEvent.action.like("minutes.%"))
        )
    return found

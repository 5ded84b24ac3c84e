"""One meeting as the screens see it, kept current.

The agenda and attendance (`view`) are read again at once after every
change, so what was just decided shows straight away. The caseloads
(`allocation`, with every pending family's ranking) and the minutes are read
off the interface thread after each change; until the new loads arrive,
`allocation_stale` is true. Each family's profile summary is read once, in
the background, and kept: switching family at the meeting then costs only
drawing it, and recording in the audit trail that the chair looked (once
per look: services/views.py).

The balance at the start of the meeting is the first one read in this
session of tafdesk.

What others change is read too (ui/live.py): a decision, a reordering or
attendance recorded for this meeting, here on another screen or on another
computer (the chair's and the minute-taker's follow each other), and the
caseloads when anyone's allocation or the directory changes.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from tafdesk.allocation.candidates import Ranked
from tafdesk.allocation.caseload import GroupTotal
from tafdesk.db.changes import Change
from tafdesk.exports.minutes_data import Minutes
from tafdesk.models.enums import AgendaStatus, AttendanceStatus, MeetingStatus, Verdict
from tafdesk.services.allocation import AllocationService, MeetingAllocation
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.errors import ConflictError, ServiceError
from tafdesk.services.intake_queue import IntakeQueueService, ProfileSummary
from tafdesk.services.letter_recipients import LetterRecipientService
from tafdesk.services.meetings import AgendaRow, AttendanceRow, MeetingService, MeetingView
from tafdesk.services.minutes import MinutesService
from tafdesk.services.requests import RequestRow, RequestService
from tafdesk.services.restricted_shares import RestrictedShareService
from tafdesk.services.restricted_text import Context, RestrictedTextService
from tafdesk.ui.background import run_in_background
from tafdesk.ui.errors import explain
from tafdesk.ui.live import ChangeSignal
from tafdesk.ui.meetings.meeting_changes import KINDS, concerns
from tafdesk.ui.restricted import FamilyWording

log = logging.getLogger(__name__)

Rankings = dict[uuid.UUID, list[Ranked]]
NO_PROFILE = "No 360° profile summary could be read for this family."


def _rank_all(allocation: MeetingAllocation) -> Rankings:
    return {case_id: allocation.rank(case_id, allow_over_capacity=True) for case_id in allocation.facts}


@dataclass(frozen=True)
class AttendanceChange:
    agency_id: uuid.UUID
    status: AttendanceStatus | None  # None: not recorded
    attendee: str | None = None  # who came, or who sent apologies
    deputy: str | None = None
    arrived_at: dt.time | None = None

    @classmethod
    def of(cls, row: AttendanceRow) -> AttendanceChange:
        """The attendance as a row shows it now (to go back to on undo)."""
        return cls(row.agency_id, row.status, row.attendee_name, row.deputy_name, row.arrived_at)


class MeetingSession(QObject):
    view_changed = Signal()
    allocation_changed = Signal()
    minutes_changed = Signal()
    summary_ready = Signal(object)  # case id
    changed = Signal()  # something was written: lists of meetings may show it
    problem = Signal(str)  # a background read failed

    def __init__(
        self,
        meeting_id: uuid.UUID,
        *,
        meetings: MeetingService,
        decisions: DecisionService,
        allocation: AllocationService,
        minutes: MinutesService,
        profiles: IntakeQueueService,
        recipients: LetterRecipientService | None = None,
        restricted: RestrictedTextService | None = None,
        shares: RestrictedShareService | None = None,
        changes: ChangeSignal | None = None,
        requests: RequestService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.meeting_id = meeting_id
        self._requests = requests  # the group's decisions on requests put to it (agenda items of kind 'request')
        self._meetings, self._decisions, self._allocation = meetings, decisions, allocation
        self._minutes, self._profiles = minutes, profiles
        self.recipients = recipients  # who each family's letters go to (the chair may change it)
        self._restricted = restricted
        self.shares = shares  # the chair shares a family's restricted items with its team
        self._wording: dict[uuid.UUID, FamilyWording] = {}  # case id: its family's quote check, read once
        self.view: MeetingView | None = None
        self.allocation: MeetingAllocation | None = None
        self.allocation_stale = True
        self.start: dict[str, GroupTotal] | None = None  # balance by agency when first read
        self.minutes: Minutes | None = None
        self._rankings: Rankings = {}
        self._summaries: dict[uuid.UUID, ProfileSummary | str] = {}  # read ahead, shown once looked at
        self._not_shown: dict[uuid.UUID, str] = {}  # why a summary read ahead is not shown (its look was not audited)
        self._asked: set[uuid.UUID] = set()
        self._generation = {"view": 0, "allocation": 0, "minutes": 0}
        self._read_at = dict.fromkeys(KINDS, 0.0)  # when each kind's latest read began (time.monotonic())
        self._due: set[str] = set()  # kinds to read again for changes heard, together
        if changes is not None:
            changes.changed.connect(self.heard)

    # -- reading ------------------------------------------------------------------

    def load(self) -> None:
        """Read everything off the interface thread."""
        for kind in KINDS:
            self._read_later(kind)

    def read_now(self) -> None:
        """Read everything on this thread (scripts, tests, benchmarks)."""
        for kind in KINDS:
            self._generation[kind] += 1
            self._read_at[kind] = time.monotonic()
            self._arrived(kind, self._generation[kind], self._work(kind)())

    def heard(self, change: Change) -> None:
        """A change committed here or elsewhere: read again what it may alter,
        unless a read begun since it was heard has it already."""
        wanted = {kind for kind in concerns(change, self.meeting_id) if change.at > self._read_at[kind]}
        if wanted - self._due:
            if not self._due:
                QTimer.singleShot(0, self, self._read_due)  # the changes of one commit, read once
            self._due |= wanted

    def _read_due(self) -> None:
        due, self._due = self._due, set()
        for kind in KINDS:
            if kind in due:
                self._read_later(kind)

    def _work(self, kind: str) -> Callable[[], Any]:
        if kind == "view":
            return lambda: self._meetings.meeting(self.meeting_id)
        if kind == "minutes":
            return lambda: self._minutes.minutes(self.meeting_id)

        def allocation() -> tuple[MeetingAllocation, Rankings]:
            result = self._allocation.for_meeting(self.meeting_id)
            return result, _rank_all(result)

        return allocation

    def _read_later(self, kind: str) -> None:
        self._read_at[kind] = time.monotonic()
        self._generation[kind] += 1
        generation = self._generation[kind]
        if kind == "allocation":
            self.allocation_stale = True
        run_in_background(
            self._work(kind),
            lambda result: self._arrived(kind, generation, result),
            lambda error: self._failed(kind, generation, error),
            context=self,
        )

    def _arrived(self, kind: str, generation: int, result: Any) -> None:
        if generation != self._generation[kind]:
            return  # a newer read is on its way
        if kind == "view":
            self.view = result
            first = self.next_pending(None)
            if first is not None and not self.frozen:  # meeting mode opens on it: ready before F11
                self.want_summaries([first.case_id])
            self.view_changed.emit()
        elif kind == "allocation":
            self.allocation, self._rankings = result
            self.allocation_stale = False
            if self.start is None:
                self.start = self.allocation.balance().by_agency
            self.allocation_changed.emit()
        else:
            self.minutes = result
            self.minutes_changed.emit()

    def _failed(self, kind: str, generation: int, error: Exception) -> None:
        if generation == self._generation[kind]:
            self.problem.emit(f"The meeting's {kind} could not be read. {explain(error, 'reading a meeting')}")

    def _read_view_now(self) -> None:
        self._read_at["view"] = time.monotonic()
        self._generation["view"] += 1
        self._arrived("view", self._generation["view"], self._meetings.meeting(self.meeting_id))

    # -- what is known ------------------------------------------------------------

    @property
    def frozen(self) -> bool:
        return self.view is not None and self.view.summary.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED)

    def rows(self) -> tuple[AgendaRow, ...]:
        return self.view.agenda if self.view else ()

    def row(self, item_id: uuid.UUID) -> AgendaRow | None:
        return next((r for r in self.rows() if r.id == item_id), None)

    def next_pending(self, after: uuid.UUID | None) -> AgendaRow | None:
        """The first undecided item after `after` (wrapping round), or None."""
        rows = list(self.rows())
        start = next((n + 1 for n, r in enumerate(rows) if r.id == after), 0)
        for row in rows[start:] + rows[:start]:
            if row.status is AgendaStatus.PENDING:
                return row
        return None

    def ranking(self, case_id: uuid.UUID) -> list[Ranked]:
        """Every candidate lead for a pending family, over capacity included (marked)."""
        if self.allocation is None or case_id not in self.allocation.facts:
            return []
        if case_id not in self._rankings:
            self._rankings[case_id] = self.allocation.rank(case_id, allow_over_capacity=True)
        return self._rankings[case_id]

    def summary(self, case_id: uuid.UUID) -> ProfileSummary | str | None:
        """The family's summary; a sentence if it cannot be read or shown; None while it is being read."""
        found = self._summaries.get(case_id)
        if found is None:
            self.want_summaries([case_id])
        return self._not_shown.get(case_id, found)

    def look_at(self, case_id: uuid.UUID) -> bool:
        """The family's summary is about to be shown to the chair: audited
        first (once per look, services/views.py). False if the audit trail
        could not take it: `summary` then says so in its place until a look is recorded."""
        found = self._summaries.get(case_id)
        if not isinstance(found, ProfileSummary):
            return True  # nothing of the family's to show yet
        try:
            self._profiles.looked_at(found)
        except ServiceError as exc:
            self._not_shown[case_id] = str(exc)
            return False
        self._not_shown.pop(case_id, None)
        return True

    def want_summaries(self, case_ids: Iterable[uuid.UUID]) -> None:
        for case_id in case_ids:
            if case_id in self._asked:
                continue
            self._asked.add(case_id)
            run_in_background(
                partial(self._profiles.summary_ahead, case_id),
                partial(self._summary_arrived, case_id),
                partial(self._summary_failed, case_id),
                context=self,
            )

    def wording(self, case_id: uuid.UUID) -> FamilyWording | None:
        """The family's check of what the rationale and actions quote, and its wording marked restricted."""
        if self._restricted is None:
            return None
        if case_id not in self._wording:
            self._wording[case_id] = FamilyWording(self._restricted, case_id, Context.MEETING, self)
        return self._wording[case_id]

    def read_summary_again(self, case_id: uuid.UUID) -> None:
        """The family's summary is read afresh (who its letters go to changed, say)."""
        self._asked.discard(case_id)
        self._summaries.pop(case_id, None)
        self.want_summaries([case_id])

    def forget_summaries(self) -> None:
        """Read each family's summary again when next wanted (their profiles may have been corrected)."""
        self._summaries.clear()
        self._asked.clear()

    def summaries_waiting(self) -> int:
        return len(self._asked) - len(self._summaries)

    def _summary_arrived(self, case_id: uuid.UUID, summary: ProfileSummary) -> None:
        self._summaries[case_id] = summary
        self.summary_ready.emit(case_id)

    def _summary_failed(self, case_id: uuid.UUID, error: Exception) -> None:
        log.info("no summary for case %s: %s", case_id, type(error).__name__)
        self._summaries[case_id] = NO_PROFILE
        self.summary_ready.emit(case_id)

    # -- changing -------------------------------------------------------------------
    # Each call goes straight to the service, which commits it; what it raises
    # is the caller's to show.

    def decide(self, item_id: uuid.UUID, choice: DecisionInput, decision_id: uuid.UUID | None = None) -> uuid.UUID:
        recorded = self._decisions.decide(item_id, choice, decision_id=decision_id)
        self._after_change()
        return recorded

    def withdraw(self, decision_id: uuid.UUID) -> None:
        self._decisions.withdraw(decision_id)
        self._after_change()

    def request(self, item_id: uuid.UUID) -> RequestRow | None:
        """The request a request item puts to the group, read afresh (None: not one, or no service)."""
        return self._requests.for_item(item_id) if self._requests is not None else None

    def decide_request(
        self, item_id: uuid.UUID, verdict: Verdict, rationale: str, deferred_until: dt.date | None
    ) -> None:
        if self._requests is None:
            raise ConflictError("Requests to the group cannot be decided from this screen.")
        self._requests.decide(item_id, verdict, rationale, deferred_until)
        self._after_change(allocation=False)

    def withdraw_request(self, item_id: uuid.UUID) -> None:
        if self._requests is None:
            raise ConflictError("Requests to the group cannot be decided from this screen.")
        self._requests.withdraw_decision(item_id)
        self._after_change(allocation=False)

    def defer_remaining(self) -> tuple[int, dt.date]:
        """Every family still waiting goes to the locality's next meeting."""
        following = self._meetings.next_meeting_day(self.meeting_id)
        deferred = self._decisions.defer_remaining(
            self.meeting_id, following, "Not reached at this meeting; deferred to the next one."
        )
        self._after_change()
        return deferred, following

    def take_off_agenda(self, item_id: uuid.UUID) -> None:
        self._meetings.take_off_agenda(item_id)
        self._after_change()

    def reorder(self, item_ids: list[uuid.UUID]) -> None:
        self._meetings.reorder(self.meeting_id, item_ids)
        self._after_change(allocation=False)

    def build_agenda(self) -> int:
        added = self._meetings.build_agenda(self.meeting_id)
        self._after_change()
        return added

    def set_attendance(self, change: AttendanceChange) -> None:
        """Record one agency's attendance, or take it back to "not recorded"."""
        if change.status is None:
            self._meetings.clear_attendance(self.meeting_id, change.agency_id)
        else:
            self._meetings.record_attendance(
                self.meeting_id, change.agency_id, change.status, change.attendee, change.deputy, change.arrived_at
            )
        self._after_change()  # who is at the table decides who may be allocated

    def widen_candidates(self, agency_id: uuid.UUID, reason: str) -> None:
        self._meetings.widen_candidates(self.meeting_id, agency_id, reason)
        self._after_change()

    def narrow_candidates(self, agency_id: uuid.UUID) -> None:
        self._meetings.narrow_candidates(self.meeting_id, agency_id)
        self._after_change()

    def close(self) -> None:
        self._meetings.close(self.meeting_id)
        self._after_change(allocation=False)

    def reopen(self, reason: str) -> None:
        self._meetings.reopen(self.meeting_id, reason)
        self._after_change(allocation=False)

    def minutes_edited(self) -> None:
        self._read_later("minutes")

    def _after_change(self, *, allocation: bool = True) -> None:
        """What was written is committed; a failure to read it back is reported, never raised as if the
        change had failed."""
        try:
            self._read_view_now()
        except Exception as exc:  # noqa: BLE001 (the change itself stands; read again in the background)
            self.problem.emit(
                f"Saved, but the meeting could not be read again just now. {explain(exc, 'reading a meeting back')}"
            )
            self._read_later("view")
        if allocation:
            self._read_later("allocation")
        self._read_later("minutes")
        self.changed.emit()

"""Deciding in meeting mode: the chair's draft for each family (lead, team,
outcome, rationale, actions), picking a lead over capacity with a reason,
confirming as an undoable command, accepting the proposal for one family or
all, and closing and reopening the meeting."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog
from shiboken6 import isValid

from tafdesk.allocation.candidates import Candidate, Ranked
from tafdesk.allocation.wording import proposal_rationale
from tafdesk.clock import meeting_day
from tafdesk.models.enums import AgendaKind, AgendaStatus, DecisionOutcome, Verdict, at_table
from tafdesk.services.decisions import DecisionInput
from tafdesk.services.errors import ConflictError
from tafdesk.services.intake_queue import ProfileSummary
from tafdesk.services.requests import RequestRow
from tafdesk.ui.meetings.closing import ask_reopen, confirm_close
from tafdesk.ui.meetings.commands import VERDICT_DONE, DecideCommand, RequestDecideCommand, attendance_recorder
from tafdesk.ui.meetings.drafts import ActionDraft, Draft
from tafdesk.ui.meetings.labels import CHAIR_ONLY, OUTCOME_DONE, SHARE_ONLY, TAKES_LEAD
from tafdesk.ui.meetings.mode_dialogs import attendance_dialog, profile_dialog
from tafdesk.ui.meetings.mode_layout import TAB_DECISION, TAB_PROPOSAL
from tafdesk.ui.meetings.proposal import build_proposal
from tafdesk.ui.meetings.reason_dialog import ReasonDialog
from tafdesk.ui.meetings.request_panel import RequestDraft
from tafdesk.ui.meetings.widen_dialog import WidenDialog
from tafdesk.ui.operation import Operation

if TYPE_CHECKING:
    from tafdesk.ui.meetings.meeting_mode import MeetingMode
    from tafdesk.ui.restricted import FamilyWording

log = logging.getLogger(__name__)


class Decider:
    def __init__(self, mode: MeetingMode) -> None:
        self.mode = mode
        self.drafts: dict[uuid.UUID, Draft] = {}
        self.request_drafts: dict[uuid.UUID, RequestDraft] = {}  # request items' verdict and rationale as typed
        self.requests_read: dict[uuid.UUID, RequestRow] = {}  # each request item's request as last read (the room's)
        self.dialog: QDialog | None = None  # the reason, attendance or profile dialog open now
        self._proposal_for: object | None = None  # the allocation the proposal shown was worked out on
        self._wording: FamilyWording | None = None  # the current family's, whose messages are shown

    def _follow_wording(self, case_id: uuid.UUID) -> None:
        """The decision's text is checked against this family's restricted information; marking it says how it went."""
        wording = self.session.wording(case_id)
        if wording is not self._wording:
            if self._wording is not None:
                self._wording.said.disconnect(self.mode.notify_said)
            if wording is not None:
                wording.said.connect(self.mode.notify_said)
            self._wording = wording
        self.mode.ui.decision.set_wording(wording)

    @property
    def session(self):
        return self.mode.session

    # -- the current family's draft ------------------------------------------------------

    def draft(self) -> Draft | None:
        item = self.mode.current
        return self.drafts.setdefault(item, Draft()) if item else None

    def editable(self) -> bool:
        row = self.mode.current_row()
        return (
            self.mode.rights.chair
            and not self.session.frozen
            and row is not None
            and row.status is AgendaStatus.PENDING
        )

    def on_request(self) -> bool:
        """The current item is a request to the group, decided on itself."""
        row = self.mode.current_row()
        return row is not None and row.kind is AgendaKind.REQUEST

    def save_draft(self) -> None:
        if self.on_request():
            if self.editable() and self.mode.current is not None:
                self.mode.ui.request.save(self.request_drafts.setdefault(self.mode.current, RequestDraft()))
            return
        draft = self.draft()
        if draft is not None and self.editable():
            self.mode.ui.decision.save(draft)

    def load_draft(self) -> None:
        row, draft = self.mode.current_row(), self.draft()
        if row is None or draft is None:
            return
        self.mode.ui.show_request(row.kind is AgendaKind.REQUEST)
        if row.kind is AgendaKind.REQUEST:
            self._load_request(row)
            return
        decided = None
        if row.status is AgendaStatus.DECIDED:
            minutes = self.session.minutes
            item = next((i for i in minutes.items if i.item_id == row.id), None) if minutes else None
            decided = item.wording if item and item.decided else OUTCOME_DONE.get(row.outcome, "Decided")
        why = CHAIR_ONLY if not self.mode.rights.chair else "The meeting is closed."
        day = self.session.allocation.day if self.session.allocation else self.session.view.summary.starts_at.date()
        self._follow_wording(row.case_id)
        self.mode.ui.decision.load(draft, meeting_day=day, editable=self.editable(), decided=decided, why_not=why)
        self.mode.ui.decision.check_quotes()  # the warning is about this family's rationale, now

    def _load_request(self, row) -> None:
        why = CHAIR_ONLY if not self.mode.rights.chair else "The meeting is closed."
        assert self.session.view is not None  # (a row is shown once the meeting is read)
        day = meeting_day(self.session.view.summary.starts_at)

        def show(request: RequestRow | None) -> None:  # None: it could not be read (the notice bar says why)
            if request is not None:
                self.requests_read[row.id] = request
            else:
                self.requests_read.pop(row.id, None)
            self.mode.ui.request.load(
                request,
                self.request_drafts.setdefault(row.id, RequestDraft()),
                meeting_day=day,
                editable=self.editable(),
                why_not=why,
            )

        Operation(
            self.mode.ui.notice,
            lambda: self.session.request(row.id),
            failed="The request could not be read.",
            doing="reading a request to the group",
        ).done(show).refused(lambda _error: show(None)).run()

    def choose_verdict(self, number: int) -> None:
        """Alt+1 … Alt+3 on a request: approve, decline, defer."""
        if self.refuse():
            return
        verdicts = (Verdict.APPROVE, Verdict.DECLINE, Verdict.DEFER)
        if 1 <= number <= len(verdicts):
            self.mode.ui.request.choose(verdicts[number - 1], focus=True)
        else:
            self.mode.notify("A request is approved (Alt+1), declined (Alt+2) or deferred (Alt+3).", error=True)

    def confirm_request(self) -> None:
        row, panel = self.mode.current_row(), self.mode.ui.request
        if row is None:
            return
        verdict = panel.verdict()
        if verdict is None:
            panel.show_errors({"verdict": "Choose approve, decline or defer first: Alt+1 to Alt+3."})
            return
        command = RequestDecideCommand(
            self.session,
            row.id,
            row.family_name,
            verdict,
            panel.rationale.toPlainText(),
            panel.until(),
            self._report,
            self._request_shown,
        )

        def recorded(_decision: object) -> None:
            self.request_drafts.pop(row.id, None)
            self._next(row.id, f"Recorded: {VERDICT_DONE[verdict].lower()}, the {row.family_name} family's request.")

        def decided_elsewhere(error: ConflictError) -> None:  # another chair's screen got there first: show it
            self.session.load()
            self.mode.notify(f"Not recorded. {error} The meeting has been read again to show it.", error=True)

        Operation.undoable(
            self.mode.ui.notice,
            command,
            self.mode.undo_stack,
            failed="Not recorded.",
            doing="recording the group's answer to a request",
        ).at_fields(panel.show_errors).handle(ConflictError, decided_elsewhere).done(recorded).run()

    def _request_shown(self, command: RequestDecideCommand) -> None:
        """After an undo or redo of a request's decision: show it again; after an undo, with what was chosen."""
        if not isValid(self.mode):
            return
        row = self.session.row(command.item_id)
        if row is not None and row.status is AgendaStatus.PENDING:
            self.request_drafts[command.item_id] = RequestDraft(command.verdict, command.rationale, command.until)
        if self.mode.isVisible():
            self.mode.current = None
            self.mode.show_item(command.item_id)

    def draft_changed(self) -> None:
        draft = self.draft()
        if draft is not None:
            self.mode.ui.decision.show_choice(draft)
        self.mode.tell_room()

    def marks(self) -> tuple[uuid.UUID | None, set[uuid.UUID]]:
        draft = self.draft()
        if draft is None:
            return None, set()
        return (draft.lead.key if draft.lead else None), {p for (_a, p) in draft.team if p is not None}

    def team_agencies(self) -> set[uuid.UUID]:
        draft = self.draft()
        return {a for (a, p) in draft.team if p is None} if draft else set()

    def _refresh_marks(self) -> None:
        lead, team = self.marks()
        self.mode.ui.candidates.set_marks(lead, team)
        self.mode.ui.round.set_team(self.team_agencies())
        self.draft_changed()

    def refuse(self) -> bool:
        if self.editable():
            return False
        row = self.mode.current_row()
        if not self.mode.rights.chair:
            self.mode.notify(CHAIR_ONLY, error=True)
        elif self.session.frozen:
            self.mode.notify("The meeting is closed: reopen it with a reason to change a decision.", error=True)
        elif row is not None and row.status is AgendaStatus.DECIDED:
            self.mode.notify(
                f"The {row.family_name} family is already decided; Ctrl+Z undoes the last decision.", error=True
            )
        return True

    # -- lead and team -------------------------------------------------------------------

    def choose_lead(self, ranked: Ranked) -> None:
        if self.refuse():
            return
        c = ranked.candidate
        if not ranked.eligible:
            self.mode.notify(f"{c.name} cannot lead: {ranked.blocked}.", error=True)
            return
        if ranked.over_capacity:
            after = c.load.plus(self.mode.ui.candidates.model.weight).utilisation
            self._ask_override(ranked, after)
            return
        self._set_lead(ranked, None)

    def _set_lead(self, ranked: Ranked, reason: str | None) -> None:
        self.save_draft()  # the rationale as typed, which a new lead may clear
        draft = self.draft()
        if draft is None:  # no family is current
            return
        draft.set_lead(ranked.candidate, reason)
        if self.mode.ui.decision.rationale.toPlainText() != draft.rationale:
            self.mode.ui.decision.rationale.setPlainText(draft.rationale)
        if draft.outcome is None or draft.outcome not in TAKES_LEAD:
            self.mode.ui.decision.choose_outcome(DecisionOutcome.ALLOCATE_LEAD)
            draft.outcome = DecisionOutcome.ALLOCATE_LEAD
        self._refresh_marks()
        self.mode.notify(f"Lead: {ranked.candidate.name}. Space adds team members; Ctrl+4 goes to the decision.")

    def _ask_override(self, ranked: Ranked, after: float) -> None:
        name = ranked.candidate.name

        def submit(reason: str) -> str | None:
            self._set_lead(ranked, reason)
            return None

        self.dialog = ReasonDialog(
            self.mode,
            title="Over capacity",
            submit=submit,
            accept_label="Make lead",
            prompt=f"{name} would be at {after:.0%} of capacity with this family. The group may still choose them: "
            "say why, and the reason is recorded with the decision.",
            placeholder="e.g. Already trusted by the family; caseload falls next week when two cases close",
        )
        self.dialog.open()

    def toggle_member(self, ranked: Ranked) -> None:
        if self.refuse():
            return
        c, draft = ranked.candidate, self.draft()
        if draft is None:
            return
        if draft.lead is not None and draft.lead.key == c.key:
            self.mode.notify(f"{c.name} is the lead; the team is the others round the family.", error=True)
            return
        added = draft.toggle_team((c.agency, c.key), f"{c.name} ({c.agency_name})")
        self._refresh_marks()
        self.mode.notify(f"{c.name} {'joins' if added else 'leaves'} the Team Around the Family.")

    def toggle_agency(self, agency_id: uuid.UUID) -> None:
        if self.refuse():
            return
        row, draft = self.mode.ui.round.current_row(), self.draft()
        if row is None or row.agency_id != agency_id or draft is None:
            return
        added = draft.toggle_team((agency_id, None), row.agency)
        self._refresh_marks()
        self.mode.notify(f"{row.agency} {'joins' if added else 'leaves'} the Team Around the Family.")

    # -- confirming ------------------------------------------------------------------------

    def confirm(self) -> None:
        if self.refuse():
            return
        if self.on_request():
            self.confirm_request()
            return
        row, draft, panel = self.mode.current_row(), self.draft(), self.mode.ui.decision
        if row is None or draft is None:  # (editable: a family is current)
            return
        panel.save(draft)
        if draft.outcome is None:
            panel.show_problem("Choose the outcome first: Alt+1 to Alt+7.")
            return
        outcome = draft.outcome

        def recorded(_decision: object) -> None:
            panel.clear_errors()
            self.drafts.pop(row.id, None)
            self._next(row.id, f"Recorded: {OUTCOME_DONE[outcome].lower()} for the {row.family_name} family.")

        def decided_elsewhere(error: ConflictError) -> None:  # another chair's screen got there first: show it
            self.session.load()
            self.mode.notify(f"Not recorded. {error} The meeting has been read again to show it.", error=True)

        command = DecideCommand(self.session, row.id, row.family_name, draft.to_input(), self._report, self._shown)
        Operation.undoable(
            self.mode.ui.notice, command, self.mode.undo_stack, failed="Not recorded.", doing="recording a decision"
        ).at_fields(panel.show_errors).handle(ConflictError, decided_elsewhere).done(recorded).run()

    def _next(self, decided: uuid.UUID, message: str) -> None:
        following = self.session.next_pending(decided)
        if following is not None:
            self.mode.show_item(following.id)
        else:
            self.mode.show_item(decided)
            message += " Every family is decided: Ctrl+Shift+C closes the meeting."
        self.mode.notify(message + " Ctrl+Z undoes it.")
        self.mode.focus_pane("agenda")

    def _shown(self, command: DecideCommand) -> None:
        """After an undo or redo: show that family again; after an undo, with the undone choice as its draft."""
        if not isValid(self.mode):
            return  # meeting mode was left: the Meetings page shows the change
        item_id = command.item_id
        row = self.session.row(item_id)
        if row is not None and row.status is AgendaStatus.PENDING:
            self.drafts[item_id] = self._draft_from(command.choice)
        if self.mode.isVisible():
            self.mode.current = None  # show it afresh
            self.mode.show_item(item_id)

    def _draft_from(self, choice: DecisionInput) -> Draft:
        pool = {c.key: c for c in self.session.allocation.pool.candidates} if self.session.allocation else {}
        names = {c.key: f"{c.name} ({c.agency_name})" for c in pool.values()}
        return Draft(
            outcome=choice.outcome,
            lead=pool.get(choice.lead_professional_id),
            override_reason=choice.capacity_override_reason,
            team={(a, p): names.get(p, "An agency") for a, p in choice.supporters},
            rationale=choice.rationale,
            deferral_reason=choice.deferral_reason or "",
            deferred_until=choice.deferred_until,
            actions=[
                ActionDraft(
                    a.description,
                    names.get(a.owner_professional_id, a.owner_name or "").split(" (")[0],
                    a.owner_professional_id,
                    a.due_on,
                )
                for a in choice.actions
            ],
        )

    def _report(self, text: str) -> None:
        self.mode.notify(text, error=True)

    # -- the proposal ---------------------------------------------------------------------------

    def refresh_proposal(self) -> None:
        allocation = self.session.allocation
        if allocation is None or self.session.allocation_stale:
            self.mode.ui.proposal.show_waiting()
            return
        if allocation is self._proposal_for and self.mode.ui.proposal.table is not None:
            return
        self._proposal_for = allocation
        self.mode.ui.proposal.show_waiting()
        rows = self.session.rows()
        Operation(
            self.mode.ui.notice,
            lambda: build_proposal(allocation, rows),
            failed="The proposal could not be worked out.",
            doing="working out the proposal",
            slow=True,
        ).reading().done(lambda table: self._proposal_ready(allocation, table)).run()

    def _proposal_ready(self, allocation, table) -> None:
        if allocation is self.session.allocation:
            self.mode.ui.proposal.set_table(table)
            self.mode.tell_room()

    def proposed_lead(self, row) -> Candidate | None:
        """The lead the proposal gives the family, once worked out on the caseloads as they are; else the
        best placed within capacity."""
        table = self.mode.ui.proposal.table
        if table is not None and self._proposal_for is self.session.allocation and not self.session.allocation_stale:
            return next((r.lead for r in table.rows if r.item_id == row.id), None)
        best = next((r for r in self.session.ranking(row.case_id) if r.eligible and not r.over_capacity), None)
        return best.candidate if best else None

    def accept_proposal(self, item_id: uuid.UUID) -> None:
        if not self.mode.rights.chair or self.session.frozen:
            self.mode.notify(CHAIR_ONLY if not self.mode.rights.chair else "The meeting is closed.", error=True)
            return
        table = self.mode.ui.proposal.table
        prow = next((r for r in table.rows if r.item_id == item_id), None) if table else None
        row = self.session.row(item_id)
        if prow is None or prow.lead is None or row is None or row.status is AgendaStatus.DECIDED:
            self.mode.notify("There is no proposed lead to accept for that family.", error=True)
            return
        # The proposal becomes this family's draft, to check and confirm (Ctrl+Enter) like any decision.
        self.mode.show_item(item_id)  # first: showing a family keeps what its panel held as its draft
        self.drafts.setdefault(item_id, Draft()).take_proposal(prow.lead, proposal_rationale(prow.score or 0))
        self.load_draft()
        self.mode.show_tab(TAB_DECISION)
        self.mode.ui.decision.rationale.setFocus()
        self.mode.notify(
            f"Proposed: {prow.lead.name} leads for the {row.family_name} family. Check the rationale "
            "and confirm with Ctrl+Enter."
        )

    def ask_accept_all(self) -> None:
        self.mode.show_tab(TAB_PROPOSAL)
        self.mode.ui.proposal.ask_all()

    def accept_all(self) -> None:
        table = self.mode.ui.proposal.table
        if table is None or not self.mode.rights.chair or self.session.frozen:
            return
        stack, done = self.mode.undo_stack, []
        for prow in table.rows:
            row = self.session.row(prow.item_id)
            if prow.lead is None or row is None or row.status is AgendaStatus.DECIDED:
                continue
            command = DecideCommand(
                self.session, row.id, row.family_name, self._proposed(prow), self._report, self._shown
            )
            applied = Operation(
                self.mode.ui.notice,
                command.apply,  # pushed below, with the others, as one step to undo
                failed=f"Stopped at the {row.family_name} family:",
                doing="accepting the proposal",
            ).run()
            if not applied:
                break
            done.append(command)
            self.drafts.pop(row.id, None)
        if done:
            stack.beginMacro(f"Accept the proposal for {len(done)} famil{'ies' if len(done) != 1 else 'y'}")
            for command in done:
                stack.push(command)
            stack.endMacro()
            self._proposal_for = None
            self.mode.notify(
                f"Accepted the proposal for {len(done)} famil{'ies' if len(done) != 1 else 'y'}. "
                "Ctrl+Z undoes them together."
            )

    @staticmethod
    def _proposed(prow) -> DecisionInput:
        return DecisionInput(
            DecisionOutcome.ALLOCATE_LEAD, prow.lead.key, rationale=proposal_rationale(prow.score or 0)
        )

    # -- dialogs and the meeting itself -----------------------------------------------------------

    def show_attendance(self) -> None:
        record = attendance_recorder(self.session, self.mode.undo_stack, self._report)
        self.dialog = attendance_dialog(self.mode, self.session, record, editable=self.mode.rights.manage)
        self.dialog.open()
        self.dialog.editor.table.setFocus()

    def show_profile(self) -> None:
        row = self.mode.current_row()
        if row is None:
            return
        self.session.look_at(row.case_id)  # the same look as the family's panel, unless that one was refused
        summary = self.session.summary(row.case_id)
        if not isinstance(summary, ProfileSummary):
            self.mode.notify(summary or "The family's profile is not available.", error=True)
            return
        self.dialog = profile_dialog(self.mode, row.family_name, summary)
        self.dialog.open()

    def who_letters_go_to(self) -> None:
        """Who the current family's letters go to, and (the chair) whether they may name sensitive services."""
        from tafdesk.ui.intake.recipients_dialog import RecipientsDialog

        row = self.mode.current_row()
        recipients = self.session.recipients
        if row is None or recipients is None:
            return
        self._open(
            lambda: RecipientsDialog(recipients, row.case_id, self.mode, chair=self.mode.rights.chair),
            row.case_id,
            "Who the letters go to could not be read.",
            "reading who the letters go to",
        )

    def _open(self, make, case_id: uuid.UUID, failed: str, doing: str) -> None:
        """A dialog about the family that reads first (if it cannot, the banner says why)."""

        def opened(dialog: QDialog) -> None:
            self.dialog = dialog
            dialog.accepted.connect(lambda: self.session.read_summary_again(case_id))
            dialog.open()

        Operation(self.mode.ui.notice, make, failed=failed, doing=doing).done(opened).run()

    def share_restricted(self, involvement_id: uuid.UUID | None = None) -> None:
        """The chair shares the current family's restricted items with members of its team."""
        from tafdesk.ui.meetings.share_dialog import ShareDialog

        row = self.mode.current_row()
        if row is None:
            return
        shares = self.session.shares
        if shares is None:
            self.mode.notify(SHARE_ONLY, error=True)
            return
        self._open(
            lambda: ShareDialog(shares, row.case_id, row.family_name, involvement_id, self.mode),
            row.case_id,
            "The family's restricted information could not be read.",
            "reading the family's restricted information",
        )

    def widen(self) -> None:
        """Ask which agency not at the table to consider, and why."""
        if not self.mode.rights.chair:
            self.mode.notify(CHAIR_ONLY, error=True)
            return
        view, allocation = self.session.view, self.session.allocation
        considered = set(allocation.widened) if allocation else set()
        absent = (
            [
                (a.agency_id, a.agency)
                for a in view.attendance
                if not at_table(a.status) and a.agency_id not in considered
            ]
            if view
            else []
        )
        if not absent:
            self.mode.notify("Every agency is at the table or already considered.")
            return

        dialog = WidenDialog(self.mode, absent, self.session.widen_candidates)

        def widened() -> None:
            name = dict(absent)[dialog.agency.currentData()]
            self.mode.notify(f"{name}'s professionals are now considered; decisions that use them say why.")

        dialog.accepted.connect(widened)
        self.dialog = dialog
        dialog.open()

    def close_meeting(self) -> None:
        if not self.mode.rights.chair:
            self.mode.notify(CHAIR_ONLY, error=True)
            return
        if not self.session.frozen:
            self.save_draft()
            self.dialog = confirm_close(self.mode, self.session, self.mode.undo_stack, self.mode.ui.notice)

    def reopen_meeting(self) -> None:
        if self.mode.rights.chair and self.session.frozen:
            self.dialog = ask_reopen(self.mode, self.session, lambda: self.mode.notify("The meeting is open again."))

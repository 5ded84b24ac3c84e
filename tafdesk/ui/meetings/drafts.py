"""The chair's choices for one family before they are confirmed: kept per
agenda item, so moving to another family and back loses nothing. Plain
Python: no Qt here."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from tafdesk.allocation.candidates import Candidate
from tafdesk.allocation.wording import is_proposal_rationale
from tafdesk.models.enums import DecisionOutcome
from tafdesk.services.decisions import ActionInput, DecisionInput
from tafdesk.ui.meetings.labels import TAKES_LEAD

TeamKey = tuple[uuid.UUID, uuid.UUID | None]  # (agency, professional or None for the agency itself)


@dataclass
class ActionDraft:
    description: str = ""
    owner: str = ""  # as typed or chosen
    owner_professional_id: uuid.UUID | None = None  # when chosen from the lead and team
    due_on: dt.date | None = None

    def is_blank(self) -> bool:
        return not self.description.strip() and not self.owner.strip()


@dataclass
class Draft:
    outcome: DecisionOutcome | None = None
    lead: Candidate[uuid.UUID] | None = None
    override_reason: str | None = None  # why the chair takes the lead over capacity
    team: dict[TeamKey, str] = field(default_factory=dict)  # -> the name shown
    rationale: str = ""
    deferral_reason: str = ""
    deferred_until: dt.date | None = None
    actions: list[ActionDraft] = field(default_factory=list)

    def take_proposal(self, lead: Candidate[uuid.UUID], rationale: str) -> None:
        """The proposal's lead, as an allocation, with its wording unless the chair wrote their own."""
        self.set_lead(lead)
        self.outcome = DecisionOutcome.ALLOCATE_LEAD
        if not self.rationale.strip():
            self.rationale = rationale

    def toggle_team(self, key: TeamKey, name: str) -> bool:
        """Add or remove a TAF member; True if now in the team."""
        if key in self.team:
            del self.team[key]
            return False
        self.team[key] = name
        return True

    def set_lead(self, lead: Candidate[uuid.UUID] | None, override_reason: str | None = None) -> None:
        changed = (lead.key if lead else None) != (self.lead.key if self.lead else None)
        if changed and is_proposal_rationale(self.rationale):
            self.rationale = ""  # the proposal's reason was for its own lead, not this one
        self.lead, self.override_reason = lead, override_reason
        if lead is not None:
            self.team.pop((lead.agency, lead.key), None)  # the lead is not also a supporter

    def team_names(self) -> list[str]:
        return list(self.team.values())

    def to_input(self) -> DecisionInput:
        outcome = self.outcome or DecisionOutcome.ALLOCATE_LEAD
        leads = outcome in TAKES_LEAD
        lead = self.lead if leads else None
        return DecisionInput(
            outcome=outcome,
            lead_professional_id=lead.key if lead else None,
            supporters=tuple(self.team) if leads else (),
            rationale=self.rationale.strip(),
            actions=tuple(
                ActionInput(
                    a.description.strip(),
                    a.due_on,
                    a.owner_professional_id,
                    None if a.owner_professional_id else (a.owner.strip() or None),
                )
                for a in self.actions
                if not a.is_blank()
            ),
            capacity_override_reason=(self.override_reason or None) if lead else None,
            deferred_until=self.deferred_until if outcome is DecisionOutcome.DEFER else None,
            deferral_reason=(self.deferral_reason.strip() or None) if outcome is DecisionOutcome.DEFER else None,
        )

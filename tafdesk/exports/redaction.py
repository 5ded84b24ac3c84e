"""Information governance, enforced where documents are made: each recipient's
view is cut from the facts here, and builders only ever receive a view.

- A family's letter knows the family's name and address, the parents and
  carers in the household (who it is addressed to), the lead professional's
  work contact details and the team. Not the other members' ages or roles,
  not the needs, the referral's reasons or any agency's involvement.
- A referrer's letter knows the referrer, the family's name and case
  reference, the outcome, and who leads. Nothing any other agency told the
  group.
- A lead professional's letter knows the family members' names, roles and
  ages, the needs, and the agencies' involvement that is not restricted.
- Circulation minutes show each family by case reference and initials; they
  drop the family's name, the reasons and rationale, the edited wording and
  the meeting's notes, and scrub any family member's name or restricted text
  from what remains (action descriptions).

Restricted 360° profile items are never read for letters at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tafdesk.exports.letter_data import Contact, FamilyView, LetterFacts, ProfessionalView, ReferrerView

if TYPE_CHECKING:
    from tafdesk.services.minutes import Minutes

WITHHELD = "[withheld]"


def for_family(facts: LetterFacts) -> FamilyView:
    carers = tuple(m.name for m in facts.members if m.is_carer)
    return FamilyView(
        case_reference=facts.case_reference, family_name=facts.family_name,
        addressees=carers or (f"The {facts.family_name} family",), address=facts.family_address,
        language=facts.family_language, interpreter_needed=facts.interpreter_needed, meeting=facts.meeting,
        outcome=facts.outcome, lead=_work_contact(facts.lead), team=facts.team, review=facts.review,
    )  # fmt: skip


def for_referrer(facts: LetterFacts) -> ReferrerView:
    if facts.referrer is None:
        raise ValueError(f"{facts.case_reference} has no referrer to write to")
    return ReferrerView(
        case_reference=facts.case_reference, family_name=facts.family_name, referrer=facts.referrer,
        referral_date=facts.referral_date, meeting=facts.meeting, outcome=facts.outcome, lead=_work_contact(facts.lead),
    )  # fmt: skip


def for_professional(facts: LetterFacts) -> ProfessionalView:
    if facts.lead is None:
        raise ValueError(f"{facts.case_reference} has no lead professional to write to")
    members = tuple(
        f"{m.name}, {m.relationship or m.role}, {m.age}" + ("" if m.in_household else " (lives elsewhere)")
        for m in facts.members
    )
    return ProfessionalView(
        case_reference=facts.case_reference, family_name=facts.family_name, family_address=facts.family_address,
        family_phone=facts.family_phone, language=facts.family_language, interpreter_needed=facts.interpreter_needed,
        members=members, meeting=facts.meeting, outcome=facts.outcome, lead=facts.lead, manager=facts.manager,
        referrer=facts.referrer, referral_date=facts.referral_date, referral_reason=facts.referral_reason,
        needs=facts.needs, involvements=facts.involvements, team=facts.team, rationale=facts.rationale,
        actions=facts.actions,
    )  # fmt: skip


def _work_contact(contact: Contact | None) -> Contact | None:
    """A professional as a family or referrer may see them: work details only."""
    if contact is None:
        return None
    return Contact(contact.name, contact.job_title, contact.organisation, (), contact.phone, contact.email)


# -- circulation minutes ---------------------------------------------------------


@dataclass(frozen=True)
class CirculationAction:
    description: str
    owner: str
    due_on: dt.date | None
    case_reference: str


@dataclass(frozen=True)
class CirculationItem:
    case_reference: str
    initials: str
    kind: str
    decided: bool
    outcome: str
    lead: str | None
    members: tuple[str, ...]
    actions: tuple[CirculationAction, ...]


@dataclass(frozen=True)
class CirculationMinutes:
    locality: str
    starts_at: dt.datetime  # local time
    venue: str | None
    chair: str | None
    present: tuple[str, ...]
    apologies: tuple[str, ...]
    items: tuple[CirculationItem, ...]

    @property
    def action_log(self) -> tuple[CirculationAction, ...]:
        return tuple(a for item in self.items for a in item.actions)


def circulation_minutes(minutes: Minutes, names: Iterable[str], restricted: Iterable[str]) -> CirculationMinutes:
    """The minutes as they may be circulated. `names` are the families' and
    their members' names (shown as initials wherever free text holds them);
    `restricted` the text of restricted profile items (withheld wherever it
    appears)."""
    scrub = _Scrubber(names, restricted)
    items = tuple(
        CirculationItem(
            item.case_reference, item.initials, item.kind, item.decided, item.outcome, item.lead, item.members,
            tuple(CirculationAction(scrub(a.description), a.owner, a.due_on, a.case_reference) for a in item.actions),
        )
        for item in minutes.items
    )  # fmt: skip
    return CirculationMinutes(minutes.locality, minutes.local_start(), minutes.venue, minutes.chair, minutes.present,
                              minutes.apologies, items)  # fmt: skip


class _Scrubber:
    def __init__(self, names: Iterable[str], restricted: Iterable[str]) -> None:
        self._restricted = sorted({r.strip() for r in restricted if r and len(r.strip()) >= 4}, key=len, reverse=True)
        words = {n.strip() for n in names if n and len(n.strip()) >= 2}
        ordered = sorted(words, key=len, reverse=True)
        self._names = re.compile(r"\b(" + "|".join(re.escape(n) for n in ordered) + r")\b", re.IGNORECASE) if ordered else None

    def __call__(self, text: str) -> str:
        for secret in self._restricted:
            text = re.sub(re.escape(secret), WITHHELD, text, flags=re.IGNORECASE)
        if self._names is not None:
            text = self._names.sub(lambda m: _initials(m.group()), text)
        return text


def _initials(name: str) -> str:
    return "".join(part[0].upper() + "." for part in re.split(r"[\s-]+", name) if part)

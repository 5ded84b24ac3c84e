"""Information governance, enforced where documents are made: each recipient's
view is cut from the facts here, and builders only ever receive a view.

- A family's letter knows the family's name and address, the adults of the
  household who may be written to (who it is addressed to), the lead
  professional's work contact details and the team, less any sensitive
  agency (`letter_rules`). Not the other members' ages or roles, not the
  needs, the referral's reasons or any agency's involvement.
- A referrer's letter knows the referrer, the family's name and case
  reference, the outcome, and who leads. Nothing any other agency told the
  group.
- A lead professional's letter knows the family members' names, roles and
  ages, the needs, and the agencies' involvement that is not restricted.
- Circulation minutes show each family by case reference and initials; they
  drop the family's name, the reasons and rationale, the edited wording and
  the meeting's notes, and show every person of every family on the agenda
  by initials wherever free text names them (actions and their owners). A
  family that has withdrawn consent to share is left out of them altogether
  (its item and its actions), counted only in a sentence that says further
  items are in the full minutes (see `circulation_minutes`).

Restricted 360° profile items are never read for letters at all. Beyond
that, every free text that reaches a document other than the full minutes
(rationale, actions and their owners, needs, plan text) is checked against
the family's `FamilySecrets`: a quote of a restricted item, a sensitive
detail or wording a user marked restricted (four consecutive words of it,
or the whole of a short one), or of
the home address (its first line, its postcode), is replaced with
"[withheld: restricted]".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tafdesk.exports import letter_rules
from tafdesk.exports.letter_data import Contact, FamilyView, LetterFacts, ProfessionalView, ReferrerView
from tafdesk.exports.quotes import PersonName, Redactor

if TYPE_CHECKING:
    from tafdesk.exports.minutes_data import Minutes
    from tafdesk.plans.view import PlanView


@dataclass(frozen=True)
class FamilySecrets:
    """What no document beyond the full minutes may quote about one family,
    and the names its people go by."""

    family_names: tuple[str, ...]  # as recorded, and as each profile spelt it
    people: tuple[PersonName, ...]  # every member, with any alias, from the record and the profiles
    restricted: tuple[str, ...]  # restricted profile items and members' sensitive details, whole
    address: tuple[str, ...]  # the home's first lines and postcodes
    marked: tuple[str, ...] = ()  # wording a user marked restricted (in `restricted` too)


def redactor(families: Iterable[FamilySecrets], keep: Iterable[str] = ()) -> Redactor:
    """One redactor for all these families, compiled once. `keep`: names
    never to cut (the professionals')."""
    families = list(families)
    result = Redactor(
        [r for f in families for r in f.restricted],
        [p for f in families for p in f.people],
        [n for f in families for n in f.family_names],
        keep,
    )
    for line in (a for f in families for a in f.address):
        result.add_quote(line)
        result.add_quote(line.replace(" ", ""))  # a postcode written without its space
    return result


def withheld_facts(facts: LetterFacts, redact: Redactor) -> LetterFacts:
    """The facts with every free text checked: letters are made from these."""
    each = redact.withhold
    return replace(
        facts,
        referral_reason=each(facts.referral_reason),
        rationale=each(facts.rationale),
        needs=tuple(map(each, facts.needs)),
        involvements=tuple(map(each, facts.involvements)),
        actions=tuple(map(each, facts.actions)),
        team=tuple(map(each, facts.team)),
    )


def withheld_plan(plan: PlanView, redact: Redactor) -> PlanView:
    """The plan with every free text checked (the family and the team see it)."""
    each = redact.withhold
    content = plan.content
    content = replace(
        content,
        voice_of_child=each(content.voice_of_child),
        voice_of_parents=each(content.voice_of_parents),
        strengths=each(content.strengths),
        outcomes=tuple(replace(o, need=each(o.need), outcome_wanted=each(o.outcome_wanted)) for o in content.outcomes),
        actions=tuple(
            replace(
                a,
                description=each(a.description),
                measure=each(a.measure),
                dropped_reason=each(a.dropped_reason),
                owner=replace(a.owner, label=each(a.owner.label)) if a.owner else None,
            )
            for a in content.actions
        ),
    )
    reviews = tuple(replace(r, attendees=each(r.attendees), notes=each(r.notes)) for r in plan.reviews)
    return replace(plan, content=content, reviews=reviews, agreed_by=each(plan.agreed_by))


def for_family(facts: LetterFacts) -> FamilyView:
    """Addressed only to the household's adults who may be written to; no
    sensitive agency named, unless the chair chose (`letter_rules`)."""
    names = letter_rules.addressees(facts.members)
    if not names:
        raise ValueError(f"{facts.case_reference} has no adult in the household who may be written to")
    safe = _safe_for_the_home(facts)
    lead = _work_contact(facts.lead)
    if lead is not None:
        lead = replace(
            lead,
            job_title=lead.job_title if safe(lead.job_title) else None,
            organisation=lead.organisation if safe(lead.organisation) else None,
            email=lead.email if safe(lead.email) else None,
        )
    team = _team_for_the_home(facts.team, lead, safe)
    review = replace(facts.review, team=_team_for_the_home(facts.review.team, lead, safe)) if facts.review else None
    return FamilyView(
        case_reference=facts.case_reference,
        family_name=facts.family_name,
        addressees=names,
        address=facts.family_address,
        language=facts.family_language,
        interpreter_needed=facts.interpreter_needed,
        meeting=facts.meeting,
        outcome=facts.outcome,
        lead=lead,
        team=team,
        review=review,
        closure=facts.closure,
    )


def _safe_for_the_home(facts: LetterFacts) -> Callable[[str | None], bool]:
    if facts.may_name_sensitive:
        return lambda _text: True
    return lambda text: not text or not letter_rules.names_sensitive(text, facts.sensitive_agencies)


def _team_for_the_home(
    team: tuple[str, ...], lead: Contact | None, safe: Callable[[str | None], bool]
) -> tuple[str, ...]:
    """The team as the household may read it: a sensitive member left out,
    a sensitive lead by name alone."""
    out = []
    for line in team:
        if safe(line):
            out.append(line)
        elif lead is not None and line.startswith(f"{lead.name},") and line.endswith("(lead professional)"):
            out.append(f"{lead.name} (lead professional)")
    return tuple(out)


def for_referrer(facts: LetterFacts) -> ReferrerView:
    if facts.referrer is None:
        raise ValueError(f"{facts.case_reference} has no referrer to write to")
    return ReferrerView(
        case_reference=facts.case_reference,
        family_name=facts.family_name,
        referrer=facts.referrer,
        referral_date=facts.referral_date,
        meeting=facts.meeting,
        outcome=facts.outcome,
        lead=_work_contact(facts.lead),
        closure=facts.closure,
    )


def for_professional(facts: LetterFacts) -> ProfessionalView:
    if facts.lead is None:
        raise ValueError(f"{facts.case_reference} has no lead professional to write to")
    members = tuple(
        f"{m.name}, {m.relationship or m.role}, {m.age}" + ("" if m.in_household else " (lives elsewhere)")
        for m in facts.members
    )
    return ProfessionalView(
        case_reference=facts.case_reference,
        family_name=facts.family_name,
        family_address=facts.family_address,
        family_phone=facts.family_phone,
        language=facts.family_language,
        interpreter_needed=facts.interpreter_needed,
        members=members,
        meeting=facts.meeting,
        outcome=facts.outcome,
        lead=facts.lead,
        manager=facts.manager,
        referrer=facts.referrer,
        referral_date=facts.referral_date,
        referral_reason=facts.referral_reason,
        needs=facts.needs,
        involvements=facts.involvements,
        team=facts.team,
        rationale=facts.rationale,
        actions=facts.actions,
    )


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
    minute_taker: str | None = None
    quorum: str = ""
    next_meeting: dt.date | None = None
    kept_back: int = 0  # items in the full minutes only (consent to share withdrawn)

    @property
    def action_log(self) -> tuple[CirculationAction, ...]:
        return tuple(a for item in self.items for a in item.actions)


def circulation_minutes(minutes: Minutes, redact: Redactor, withheld: Collection[str] = ()) -> CirculationMinutes:
    """The minutes as they may be circulated: `redact` (from every family on
    the agenda, keeping the professionals' names) scrubs each action and its
    owner.

    `withheld`: the case references of families whose consent to share no
    longer holds. The circulation edition goes to every agency of the group,
    so such a family is not in it at all, not even by reference and initials
    (which identify it to anyone holding the agenda); the edition says only
    how many items are kept to the full minutes, not why, since the reason
    is itself about the family. The full minutes, kept by the chair, still
    record the item."""
    kept = [item for item in minutes.items if item.case_reference not in withheld]
    items = tuple(
        CirculationItem(
            item.case_reference,
            item.initials,
            item.kind,
            item.decided,
            item.outcome,
            item.lead,
            item.members,
            tuple(
                CirculationAction(redact.scrub(a.description), redact.scrub(a.owner), a.due_on, a.case_reference)
                for a in item.actions
            ),
        )
        for item in kept
    )
    return CirculationMinutes(
        minutes.locality,
        minutes.local_start(),
        minutes.venue,
        minutes.chair,
        minutes.present,
        minutes.apologies,
        items,
        minutes.minute_taker,
        minutes.quorum,
        minutes.next_meeting,
        len(minutes.items) - len(kept),
    )

"""The SMART check: each open action is specific (a verb and what it acts on,
not "support" or "monitor" alone), measurable (an observable measure: a
number, a date or an event, not "ongoing" or "better"), owned, due within the
review period, and linked to an outcome the family wants that is written down.
A draft may be saved with any problem; agreeing a plan needs them all put right."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tafdesk.models.enums import ActionStatus
from tafdesk.plans.content import ActionItem, PlanContent

# Verbs that say nothing of what will be done unless the rest of the sentence does.
VAGUE_VERBS = frozenset(
    {
        "support",
        "monitor",
        "help",
        "assist",
        "encourage",
        "engage",
        "continue",
        "work",
        "check",
        "offer",
        "liaise",
        "review",
        "consider",
        "look",
        "keep",
        "maintain",
        "explore",
    }
)
# Words that, alone, make an action's object no more specific.
FILLER = frozenset(
    {
        "the",
        "a",
        "an",
        "to",
        "with",
        "and",
        "in",
        "on",
        "of",
        "for",
        "at",
        "into",
        "up",
        "as",
        "needed",
        "required",
        "situation",
        "family",
        "things",
        "mum",
        "dad",
        "mother",
        "father",
        "parent",
        "parents",
        "child",
        "children",
        "them",
        "her",
        "him",
        "it",
        "this",
        "that",
        "eye",
        "going",
        "ongoing",
        "needs",
        "issues",
        "concerns",
        "case",
        "progress",
    }
)
# A measure made only of these describes a hope, not something anyone can see.
VAGUE_MEASURES = re.compile(
    r"^(?:(?:things|it|this|situation|everything|all)\s+)*(?:(?:get|gets|getting|is|are|be|"
    r"become|feel|feels|much|more|a|bit|lot|generally|overall|continue|continues|to|the)\s+)*"
    r"(?:ongoing|better|improved?|improving|improvement|good|fine|ok|okay|settled|stable|"
    r"progress(?:ing)?|as (?:needed|required|appropriate)|tbc|n/?a|monitor(?:ing|ed)?|"
    r"engag(?:ed|ing|ement)|happier|safer|calmer)[.! ]*$",
    re.IGNORECASE,
)
# An observable measure names a quantity, a time or an event someone can confirm.
OBSERVABLE = re.compile(
    r"\d|%|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|once|twice|every|each|daily|weekly|monthly|"
    r"no (?:further|more|new)|none|zero|all|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|term|week|weeks|month|months|"
    r"attend(?:s|ed|ance)?|confirm(?:s|ed)?|complete(?:s|d)?|booked|signed|received|registered|enrolled|"
    r"in place|agreed|sent|held|started|moved|paid|reported|recorded|issued|awarded|offered|accepted|"
    r"visited|seen|place|appointment|certificate|letter|plan)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SmartProblem:
    action_index: int | None  # None: about the plan as a whole
    field: str
    message: str


def smart_problems(plan: PlanContent, today: dt.date) -> list[SmartProblem]:
    problems = []
    if not plan.outcomes:
        problems.append(SmartProblem(None, "outcomes", "The plan needs at least one outcome the family wants."))
    unwritten = [o.area.value.replace("_", " ") for o in plan.outcomes if not o.outcome_wanted.strip()]
    if unwritten:
        problems.append(
            SmartProblem(None, "outcomes", f"Write the outcome the family wants for {', '.join(unwritten)}.")
        )
    if not plan.actions:
        problems.append(SmartProblem(None, "actions", "The plan needs at least one action."))
    review_by = today + dt.timedelta(weeks=plan.review_interval_weeks)
    outcomes = {o.id: o for o in plan.outcomes}
    for index, action in enumerate(plan.actions):
        if action.status is ActionStatus.OPEN:
            problems += [
                SmartProblem(index, field, message)
                for field, message in _action_problems(action, outcomes, today, review_by)
            ]
    return problems


def _action_problems(action: ActionItem, outcomes: dict, today: dt.date, review_by: dt.date) -> list[tuple[str, str]]:
    found = []
    specific = _specific(action.description)
    if specific:
        found.append(("description", specific))
    if action.owner is None:
        found.append(("owner", "Who will do it? Choose a professional, an agency or a family member."))
    found += _due_problems(action, today, review_by)
    measurable = _measurable(action.measure or "")
    if measurable:
        found.append(("measure", measurable))
    if action.outcome_id is None:
        found.append(("outcome_id", "Which outcome is this action for? Link it to one."))
    elif action.outcome_id not in outcomes:
        found.append(("outcome_id", "This action's outcome is no longer in the plan."))
    elif not outcomes[action.outcome_id].outcome_wanted.strip():
        found.append(("outcome_id", "Its outcome does not yet say what the family wants."))
    return found


def _due_problems(action: ActionItem, today: dt.date, review_by: dt.date) -> list[tuple[str, str]]:
    due = action.due_on
    if due is None:
        return [("due_on", "By when? Give a due date.")]
    if due < today:
        return [("due_on", f"The due date, {due:%d %b %Y}, has passed.")]
    if action.starts_on and due < action.starts_on:
        return [("due_on", "The due date is before the start date.")]
    if due > review_by:
        return [
            (
                "due_on",
                f"Due after the next review (by {review_by.day} {review_by:%b %Y}): choose a date "
                "within the review period, or break the action into steps.",
            )
        ]
    return []


def _specific(description: str) -> str | None:
    words = re.findall(r"[\w'-]+", description.casefold())
    if not words:
        return "Say what will be done."
    detail = [w for w in words[1:] if w not in FILLER]
    if words[0] in VAGUE_VERBS and len(detail) < 2:
        return (
            f"\u201c{description.strip()}\u201d does not say what will be done. "
            "Name the step: for example \u201cwalk the children to school on Mondays\u201d."
        )
    if not detail:
        return "Say what will be done and with what, in a few words: a verb alone is not an action."
    return None


def _measurable(measure: str) -> str | None:
    text = measure.strip()
    if not text:
        return "How will we know it is done? Describe the measure."
    if VAGUE_MEASURES.match(text) or not OBSERVABLE.search(text):
        return (
            "Make the measure something anyone can see: a number, a date or an event "
            "(for example \u201cattendance above 90% for four weeks\u201d), not \u201congoing\u201d or \u201cbetter\u201d."
        )
    return None

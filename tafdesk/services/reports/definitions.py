"""What each figure of the Reports page counts, in words: the one source of
the definitions. The Reports page's "How is this counted?" shows them, and
the README's "How the reports count" holds the same words (its table of
figures and its list of words used are checked against these by
tests/reports/test_definitions.py: change them here, then there).

Texts are written as in the README: `code` in backticks, **bold** in stars."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    name: str
    text: str

    def readme(self) -> str:
        return f"- **{self.name}**: {self.text}"


@dataclass(frozen=True)
class Definition:
    group: str  # one of GROUPS
    name: str
    text: str

    def readme(self) -> str:
        return f"| {self.name} | {self.text} |"


# The figure groups, as the Reports page's sections show them.
GROUPS = {
    "referrals": "Referrals",
    "timeliness": "Timeliness",
    "outcomes": "Outcomes",
    "caseloads": "Caseloads",
    "plans": "TAF plans",
    "closures": "Closures",
}

TERMS = (
    Term(
        "Working days",
        "as tafdesk counts them everywhere: the days after the first day up to and including the last, "
        "weekends and England's bank holidays out (a profile received on a Friday has waited one working "
        "day on the Monday; 0 if the last day is not after the first). In SQL: weekdays by arithmetic on "
        "day numbers, less the rows of the `bank_holiday` table between the two days. The reports keep "
        "that table filled from the `holidays` package (`tafdesk/intake/holiday_cache.py`) for every year "
        "from 2000 to the year after the later of the period's end and today, adding or removing only the "
        "days that changed.",
    ),
    Term(
        "Received",
        "the day the referral whose 360° profile opened the case was received (the case's `opened_on`).",
    ),
    Term(
        "Front-door decision",
        "the day the family was first put on a meeting's agenda as a new profile (the agenda item's "
        "making, as a day in England), or, for a case the front door closed without ever putting it on an "
        "agenda (advice, a step up or a step down), the day it closed.",
    ),
    Term(
        "The group's decision",
        "the day of the first meeting that decided on the family's profile other than by deferring it.",
    ),
    Term(
        "Allocation",
        "the day of the first meeting that named a lead professional, or the case's allocation day where "
        "it was allocated outside a meeting.",
    ),
    Term(
        "Median and 90th percentile",
        "nearest rank: the p-th percentile of n values is the value at rank ⌈p × n / 100⌉ in ascending "
        "order, so always one of the values counted. One value per case.",
    ),
    Term(
        "A day in England",
        "a moment's date on a clock in England (British Summer Time from 01:00 UTC on the last Sunday of "
        "March to 01:00 UTC on the last Sunday of October).",
    ),
)

FIGURES = (
    Definition(
        "referrals",
        "Referrals received, per week",
        "Referrals received in the period, in the referral's locality, in the week (Monday to Sunday) of "
        'the day received: by locality; by referring agency as the referrer gave it (trimmed; "The family '
        '(self-referral)" where a family member referred, "Not recorded" where none was given); by need '
        "area, each area the referral's profile names once (so the need areas add up to more than the "
        "referrals).",
    ),
    Definition(
        "referrals",
        "Repeat referrals within 12 months",
        "Of those referrals, the ones whose case intake marked as a repeat within 12 months: the family's "
        "previous case had closed in the 12 months before this referral was received. Rate = repeats ÷ "
        "referrals received.",
    ),
    Definition(
        "timeliness",
        "Working days to the front-door decision, the group's decision, allocation",
        "For each step, the cases (in the case's locality) whose step fell in the period: working days "
        "from received to the step; their count, median, 90th percentile, and how many within the target. "
        "The targets are shared settings (`tafdesk settings set timeliness.front_door N`, "
        "`timeliness.meeting_decision`, `timeliness.allocation`; 1 to 130 working days; 3, 10 and 10 "
        "unless set).",
    ),
    Definition(
        "outcomes",
        "Front-door outcomes",
        "Cases whose front-door decision fell in the period, by outcome: sent to the Case Management "
        "Group, information advice and guidance, stepped up, stepped down.",
    ),
    Definition(
        "outcomes",
        "Meeting decisions",
        "Every decision recorded at a meeting held in the period (the meeting's day in England), in the "
        "meeting's locality, by outcome, reviews of open cases included.",
    ),
    Definition(
        "outcomes",
        "Step-ups and step-downs",
        "Cases closed in the period as stepped up or stepped down, by where it was decided: at the front "
        "door (never on an agenda), by the group (a step-up or step-down decision), or after a Team "
        "Around the Family (its closure, after an approved request). Beside them: families stepped down "
        "to early help from children's social care (transition plans recorded in the period).",
    ),
    Definition(
        "outcomes",
        "Deferrals",
        "Deferral decisions of meetings held in the period; the families they deferred; for each of those "
        "families, how many times it has been deferred up to the period's end (once, twice, three times "
        "or more) and the average.",
    ),
    Definition(
        "caseloads",
        "Caseload against capacity",
        "On the period's last day (or today, if that is still to come): a case counts against its lead "
        "from its allocation until it closed (not on the day it closed), with its complexity weight, and "
        "against each supporter from the day they joined, with a quarter of it; only the cases of the "
        "localities reached. Load = led weight + ¼ × supported weight; capacity = the professional's own "
        "figure, or FTE × the agency's points per full-time professional, as the directory holds it now; "
        "utilisation = load ÷ capacity. The professionals are the active ones of the localities reached "
        "and anyone carrying one of their cases; an agency's figures add up its professionals'.",
    ),
    Definition(
        "caseloads",
        "Utilisation over time",
        "The same load on the last day of each week of the period (Sunday, or the period's last day), for "
        "every agency and for each: its professionals' loads against the capacity of the active "
        "professionals of the localities reached. Capacities, leads and weights are today's (their "
        "history is not kept): a case counts for its current lead and weight throughout.",
    ),
    Definition(
        "caseloads",
        "Allocations over capacity",
        "Decisions of meetings held in the period that allocated a lead beyond their capacity, with the "
        "chair's recorded reason.",
    ),
    Definition(
        "plans",
        "Plans agreed within 20 working days",
        "Cases allocated in the period, in the case's locality: on time if the first plan version was "
        "agreed within 20 working days of allocation, late if later, overdue if none yet and 20 working "
        "days have passed by today, not yet due if not, or closed before a plan. Rate = on time ÷ (on "
        "time + late + overdue).",
    ),
    Definition(
        "plans",
        "Reviews held on time",
        "Agreed plan versions whose review fell due in the period: held on time (the review of that "
        "version held by the day due), late (after it), overdue (not held, the version still the family's "
        "plan and the day past), not yet due. A version replaced or closed without a review is no longer "
        "due and not counted. Rate as for plans.",
    ),
    Definition(
        "plans",
        "Distance travelled",
        "For each need area, the families scored in it at two reviews or more, the latest held in the "
        "period (earlier ones at any time): the first and latest score (1–10), the change, how many "
        "improved, stayed the same or got worse, and the averages.",
    ),
    Definition(
        "closures",
        "Closures by reason and length",
        "Cases closed in the period, in the case's locality, by closure reason and by calendar days from "
        "received to closed (under 3 months: fewer than 91 days; 3 to 6 months: fewer than 182; 6 to 12 "
        "months: fewer than 365; 12 months or more), with the median days for each reason.",
    ),
)

# The words each group's definitions use.
GROUP_TERMS = {
    "referrals": ("Received",),
    "timeliness": (
        "Working days",
        "Received",
        "Front-door decision",
        "The group's decision",
        "Allocation",
        "Median and 90th percentile",
        "A day in England",
    ),
    "outcomes": ("Front-door decision", "A day in England"),
    "caseloads": (),
    "plans": ("Working days", "Allocation"),
    "closures": ("Received",),
}

FAMILIES_BEHIND = (
    "Each figure lists the families it counted (case reference, family name, locality and the value counted: "
    "the day, working days, weight or score change), those the user may see, most first, 500 at a time. "
    "Listing them is recorded in the audit trail (`report.families_listed`), as writing a report's file is "
    "(`report.exported`)."
)


def readme_table() -> str:
    """The README's table of figures, as it must read."""
    return "\n".join(["| figure | what is counted |", "| --- | --- |", *(d.readme() for d in FIGURES)])


def in_group(group: str) -> tuple[tuple[Definition, ...], tuple[Term, ...]]:
    """A group's figures and the words they use."""
    terms = {t.name: t for t in TERMS}
    return tuple(d for d in FIGURES if d.group == group), tuple(terms[n] for n in GROUP_TERMS[group])


def as_html(text: str) -> str:
    """A definition for a rich-text label: `code` and **bold** kept."""
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", escaped)


def group_html(group: str) -> str:
    """A group's definitions, then the words they use, for "How is this counted?"."""
    figures, terms = in_group(group)
    parts = [f"<h3>{html.escape(d.name)}</h3><p>{as_html(d.text)}</p>" for d in figures]
    if terms:
        parts.append("<h3>Words used</h3>")
        parts += [f"<p><b>{html.escape(t.name)}</b>: {as_html(t.text)}</p>" for t in terms]
    parts.append(f"<h3>The families behind a figure</h3><p>{as_html(FAMILIES_BEHIND)}</p>")
    return "".join(parts)

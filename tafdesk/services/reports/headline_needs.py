"""The Supporting Families outcomes framework's ten headline needs, and how
tafdesk's need areas map onto them: one table, read by the Supporting
Families report (services/reports/supporting_families.py) and its README
section ("How the reports count").

Sources: the national framework (Supporting Families programme guidance
2022 to 2025, chapter 3: the ten headline outcomes; chapter 5: a result is
claimed only for a family with at least three needs identified, and only
with outcomes evidenced against every need identified) and councils'
summaries of it (e.g. Hertfordshire's, June 2023: every identified need
must show a positive outcome sustained for at least six months, the family
having had a lead practitioner, a whole-family assessment and a plan).

`months` is how long an outcome must have been sustained before it counts
towards a claim. The framework's minimum is six months for every headline;
a council whose own outcome plan asks for longer for a need (attendance
over three school terms, say) changes that row and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from tafdesk.models.enums import NeedArea

MIN_NEEDS = 3  # headline needs identified for a family to be eligible


@dataclass(frozen=True)
class Headline:
    number: int  # the framework's order, 1-10
    name: str  # the framework's wording
    months: int  # how long an outcome must be sustained before a claim


# tafdesk's need areas are the framework's headlines one for one (the enum
# was made from it); the table says so explicitly, with the framework's own
# wording where tafdesk's label is shorter.
HEADLINE_NEEDS: dict[NeedArea, Headline] = {
    NeedArea.EDUCATION: Headline(1, "Getting a good education", 6),
    NeedArea.EARLY_YEARS: Headline(2, "Good early years development", 6),
    NeedArea.HEALTH: Headline(3, "Improved mental and physical health", 6),
    NeedArea.SUBSTANCE_USE: Headline(4, "Promoting recovery and reducing harm from substance use", 6),
    NeedArea.FAMILY_RELATIONSHIPS: Headline(5, "Improved family relationships", 6),
    NeedArea.CHILD_SAFETY: Headline(6, "Children safe from abuse and exploitation", 6),
    NeedArea.CRIME: Headline(7, "Crime prevention and tackling crime", 6),
    NeedArea.DOMESTIC_ABUSE: Headline(8, "Safe from domestic abuse", 6),
    NeedArea.HOUSING: Headline(9, "Secure housing", 6),
    NeedArea.FINANCIAL_STABILITY: Headline(10, "Financial stability", 6),
}


def headline(area: NeedArea) -> Headline:
    return HEADLINE_NEEDS[area]

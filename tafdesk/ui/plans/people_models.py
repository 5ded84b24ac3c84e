"""Read-only tables of the people around a plan: the family members with
their ages, and the Team Around the Family with their contact details."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tafdesk.plans.view import FamilyMember, TeamMember
from tafdesk.ui.table_model import ReadOnlyTableModel


class _PeopleModel(ReadOnlyTableModel[Any]):
    """Plain text cells, each its own tooltip and (casefolded) sort key."""

    ALIGNED = False

    def set_people(self, people: Sequence[Any]) -> None:
        self.set_rows(people)

    def tooltip(self, person: Any, column: int) -> str:
        return self.display(person, column)


class FamilyModel(_PeopleModel):
    HEADERS = ("Name", "Who", "Age", "Lives in the household")

    def display(self, person: FamilyMember, column: int) -> str:
        if column == 0:
            return person.name
        if column == 1:
            return (person.relationship or person.role).capitalize()
        if column == 2:
            return person.age
        return "Yes" if person.in_household else "No"


class TeamModel(_PeopleModel):
    HEADERS = ("Name", "Role", "Agency", "Email", "Phone")

    def display(self, member: TeamMember, column: int) -> str:
        return (member.name, member.role, member.agency, member.email or "", member.phone or "")[column]

"""Read-only tables of the people around a plan: the family members with
their ages, and the Team Around the Family with their contact details."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tafdesk.services.plan_people import FamilyMember, TeamMember
from tafdesk.ui.plans.roles import SORT_ROLE

Index = QModelIndex | QPersistentModelIndex


class _PeopleModel(QAbstractTableModel):
    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_people(self, people: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(people)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        text = self.cell(self._rows[index.row()], index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == SORT_ROLE:
            return text.casefold()
        return None

    def cell(self, person: Any, column: int) -> str:
        raise NotImplementedError


class FamilyModel(_PeopleModel):
    HEADERS = ("Name", "Who", "Age", "Lives in the household")

    def cell(self, person: FamilyMember, column: int) -> str:
        if column == 0:
            return person.name
        if column == 1:
            return (person.relationship or person.role).capitalize()
        if column == 2:
            return person.age
        return "Yes" if person.in_household else "No"


class TeamModel(_PeopleModel):
    HEADERS = ("Name", "Role", "Agency", "Email", "Phone")

    def cell(self, member: TeamMember, column: int) -> str:
        return (member.name, member.role, member.agency, member.email or "", member.phone or "")[column]

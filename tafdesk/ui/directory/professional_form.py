"""The detail form for one professional."""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from tafdesk.models.enums import NeedArea
from tafdesk.services.directory import AgencyRecord, LocalityRecord, ProfessionalRecord
from tafdesk.ui.directory.form_base import RecordForm
from tafdesk.ui.directory.leave_editor import LeaveEditor
from tafdesk.ui.directory.professional_model import utilisation
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.text import day, number

TEXT_FIELDS = ("given_name", "family_name", "job_title", "email", "phone")


class ProfessionalForm(RecordForm):
    def __init__(self, *, can_edit: bool, show_caseloads: bool = True, parent: QWidget | None = None) -> None:
        super().__init__("professional", can_edit=can_edit, parent=parent)
        self._standard: dict[str, float] = {}  # agency id -> capacity per FTE
        self._show_caseloads = show_caseloads  # everyone's, or (a lead professional) none but their own
        self._editable: frozenset[str] | None = None  # the localities whose professionals the user keeps; None: all
        self.given_name = QLineEdit(maxLength=100)
        self.family_name = QLineEdit(maxLength=100)
        self.job_title = QLineEdit(maxLength=120)
        self.agency = QComboBox(placeholderText="Choose an agency")
        self.locality = QComboBox(placeholderText="Choose a locality")
        self.fte = QDoubleSpinBox(minimum=0.0, maximum=1.0, singleStep=0.1, decimals=2)
        self.own_capacity = QCheckBox("Set for this person")
        self.capacity = QDoubleSpinBox(minimum=0.0, maximum=200.0, singleStep=1.0, decimals=1)
        self.email = QLineEdit(maxLength=200, placeholderText="name@agency.example")
        self.phone = QLineEdit(maxLength=40)
        self.active = QCheckBox("Can be allocated cases")
        self.specialisms = QListWidget(objectName="specialisms")
        self.leave = LeaveEditor()
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        for combo in (self.agency, self.locality):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        capacity_row = QWidget()
        row = QHBoxLayout(capacity_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.own_capacity)
        row.addWidget(self.capacity, 1)
        self.own_capacity.setAccessibleName("Capacity set for this person")

        for area in NeedArea:
            item = QListWidgetItem(NEED_AREA_SHORT[area])
            item.setToolTip(area.label)
            item.setData(Qt.ItemDataRole.UserRole, area.value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.specialisms.addItem(item)
        self.specialisms.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for policy in (self.specialisms.setHorizontalScrollBarPolicy, self.specialisms.setVerticalScrollBarPolicy):
            policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = self.specialisms.count()
        self.specialisms.setFixedHeight(
            self.specialisms.sizeHintForRow(0) * rows + 2 * self.specialisms.frameWidth() + 2
        )

        self.add_field("given_name", "&Given name", self.given_name)
        self.add_field("family_name", "&Family name", self.family_name)
        self.add_field("job_title", "&Job title", self.job_title)
        self.add_field("agency_id", "A&gency", self.agency)
        self.add_field("locality_id", "&Locality", self.locality)
        self.add_field("fte", "FT&E", self.fte, hint="1 is full time")
        self.capacity_field = self.add_field("capacity", "&Capacity", capacity_row, focus=self.own_capacity)
        self.add_field("email", "E&mail", self.email)
        self.add_field("phone", "&Phone", self.phone)
        self.add_field("active", "&Active", self.active)
        self.add_field("specialisms", "&Specialisms", self.specialisms)
        self.add_field("leave", "Lea&ve", self.leave, focus=self.leave.add_button, wide=True)
        self.capacity.setAccessibleName("Capacity")
        if not self.can_edit:
            self.make_read_only(*self.editors())

    def _connect_signals(self) -> None:
        for edit in (self.given_name, self.family_name, self.job_title, self.email, self.phone):
            edit.textEdited.connect(self.touched)
        self.agency.currentIndexChanged.connect(self.touched)
        self.agency.currentIndexChanged.connect(self._update_capacity)
        self.locality.currentIndexChanged.connect(self.touched)
        self.fte.valueChanged.connect(self.touched)
        self.fte.valueChanged.connect(self._update_capacity)
        self.own_capacity.toggled.connect(self.touched)
        self.own_capacity.toggled.connect(self._update_capacity)
        self.capacity.valueChanged.connect(self.touched)
        self.active.toggled.connect(self.touched)
        self.specialisms.itemChanged.connect(self.touched)
        self.leave.changed.connect(self.touched)

    # -- choices ------------------------------------------------------------

    def set_choices(
        self,
        agencies: Sequence[AgencyRecord],
        localities: Sequence[LocalityRecord],
        editable: Sequence[LocalityRecord] | None = None,
    ) -> None:
        """`editable`: the localities whose professionals the user keeps (None: every one); the
        others are shown, not offered."""
        with self._filling():
            self._standard = {str(a.id): a.capacity_per_fte for a in agencies}
            _refill(self.agency, [(a.name if a.active else f"{a.name} (inactive)", str(a.id)) for a in agencies])
            _refill(self.locality, [(loc.name, str(loc.id)) for loc in localities])
            self._editable = None if editable is None else frozenset(str(loc.id) for loc in editable)
            choices = self.locality.model()
            assert isinstance(choices, QStandardItemModel)  # a combo box's own
            for index in range(self.locality.count()):
                item = choices.item(index)
                offered = self._editable is None or item.data(Qt.ItemDataRole.UserRole) in self._editable
                item.setEnabled(offered)
                item.setToolTip("" if offered else "Not one of your localities")
        self._update_capacity()

    def editors(self) -> tuple[QWidget, ...]:
        return (
            self.given_name,
            self.family_name,
            self.job_title,
            self.agency,
            self.locality,
            self.fte,
            self.own_capacity,
            self.capacity,
            self.email,
            self.phone,
            self.active,
            self.leave,
            self.specialisms,
        )

    def set_read_only(self, read_only: bool, *widgets: QWidget) -> None:
        super().set_read_only(read_only, *(w for w in widgets if w is not self.specialisms))
        if self.specialisms in widgets:
            flags = Qt.ItemFlag.ItemIsEnabled | (
                Qt.ItemFlag.NoItemFlags if read_only else Qt.ItemFlag.ItemIsUserCheckable
            )
            for index in range(self.specialisms.count()):
                self.specialisms.item(index).setFlags(flags)

    def lock_reason(self, record: ProfessionalRecord) -> str | None:
        if self._editable is None or str(record.locality_id) in self._editable:
            return None
        return (
            f"{record.locality_name}'s professionals are kept by its own locality managers and business "
            "support: you can look, not change."
        )

    # -- RecordForm ---------------------------------------------------------

    def fill(self, record: ProfessionalRecord) -> None:
        for name in TEXT_FIELDS:
            getattr(self, name).setText(getattr(record, name) or "")
        self.agency.setCurrentIndex(self.agency.findData(str(record.agency_id)))
        self.locality.setCurrentIndex(self.locality.findData(str(record.locality_id)))
        self.fte.setValue(record.fte)
        self.own_capacity.setChecked(record.capacity is not None)
        self.capacity.setValue(record.capacity if record.capacity is not None else record.effective_capacity)
        self.active.setChecked(record.active)
        self._check_specialisms(record.specialisms)
        self.leave.set_periods(record.leave)
        self._update_capacity()

    def fill_new(self, defaults: dict[str, Any]) -> None:
        for name in TEXT_FIELDS:
            getattr(self, name).clear()
        self.agency.setCurrentIndex(self.agency.findData(defaults.get("agency_id")))
        self.locality.setCurrentIndex(self.locality.findData(defaults.get("locality_id")))
        self.fte.setValue(1.0)
        self.own_capacity.setChecked(False)
        self.active.setChecked(True)
        self._check_specialisms(())
        self.leave.set_periods(())
        self._update_capacity()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: getattr(self, name).text().strip() or None for name in TEXT_FIELDS}
        values["agency_id"] = _uuid(self.agency.currentData())
        values["locality_id"] = _uuid(self.locality.currentData())
        values["fte"] = round(self.fte.value(), 2)
        values["capacity"] = round(self.capacity.value(), 1) if self.own_capacity.isChecked() else None
        values["active"] = self.active.isChecked()
        values["specialisms"] = tuple(
            NeedArea(item.data(Qt.ItemDataRole.UserRole))
            for item in map(self.specialisms.item, range(self.specialisms.count()))
            if item.checkState() == Qt.CheckState.Checked
        )
        values["leave"] = self.leave.periods()
        return values

    def shown_value(self, name: str, value: Any) -> str:
        if name in ("agency_id", "locality_id") and value is not None:
            combo = self.agency if name == "agency_id" else self.locality
            return combo.itemText(combo.findData(str(value))) or "(no longer offered)"
        if name == "capacity" and value is None:
            return "The agency's standard"
        if name == "specialisms":
            return ", ".join(NEED_AREA_SHORT[area] for area in value) or "(none)"
        if name == "leave":
            return (
                "; ".join(
                    f"{day(p.starts_on)} – {day(p.ends_on)}" + (f" ({p.reason})" if p.reason else "") for p in value
                )
                or "(none)"
            )
        return super().shown_value(name, value)

    def describe(self, record: ProfessionalRecord) -> tuple[str, str]:
        ratio = utilisation(record)
        load = "no capacity" if math.isinf(ratio) else f"{ratio:.0%} of capacity"
        cases = f"{record.open_cases_led} open case{'s' if record.open_cases_led != 1 else ''}"
        status = "" if record.active else " · inactive"
        where = f"{record.job_title}, {record.agency_name}, {record.locality_name}"
        if not self._show_caseloads:  # caseloads are for managers and business support
            return record.name, where + status
        return record.name, f"{where}\nLeads {cases} · {load}{status}"

    # -- helpers ------------------------------------------------------------

    def _check_specialisms(self, areas: Sequence[NeedArea]) -> None:
        wanted = {area.value for area in areas}
        for index in range(self.specialisms.count()):
            item = self.specialisms.item(index)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _update_capacity(self) -> None:
        own = self.own_capacity.isChecked()
        self.capacity.setEnabled(own)
        standard = self._standard.get(self.agency.currentData())
        if not own and standard is not None:
            with self._filling():
                self.capacity.setValue(self.fte.value() * standard)
        if own:
            self.capacity.setToolTip("Capacity set for this person")
        elif standard is not None:
            self.capacity.setToolTip(f"{number(self.fte.value())} FTE × the agency's standard of {number(standard)}")


def _refill(combo: QComboBox, choices: Sequence[tuple[str, str]]) -> None:
    current = combo.currentData()
    combo.clear()
    for label, data in choices:
        combo.addItem(label, data)
    combo.setCurrentIndex(combo.findData(current) if current is not None else -1)


def _uuid(text: str | None) -> uuid.UUID | None:
    return uuid.UUID(text) if text else None

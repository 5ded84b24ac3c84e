"""The detail form for one agency."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QWidget

from tafdesk.models.enums import Membership, Sector
from tafdesk.services.directory import AgencyRecord
from tafdesk.ui.directory.form_base import RecordForm
from tafdesk.ui.labels import MEMBERSHIP_LABELS, SECTOR_LABELS

TEXT_FIELDS = ("name", "short_name", "address_line1", "address_line2", "town", "postcode", "phone", "email")
DEFAULT_CAPACITY_PER_FTE = 20.0


class AgencyForm(RecordForm):
    def __init__(self, *, can_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__("agency", can_edit=can_edit, parent=parent)
        self.name = QLineEdit(maxLength=120)
        self.short_name = QLineEdit(maxLength=30)
        self.membership = QComboBox()
        self.sector = QComboBox()
        self.capacity_per_fte = QDoubleSpinBox(minimum=0.0, maximum=200.0, singleStep=1.0, decimals=1)
        self.address_line1 = QLineEdit(maxLength=200)
        self.address_line2 = QLineEdit(maxLength=200)
        self.town = QLineEdit(maxLength=100)
        self.postcode = QLineEdit(maxLength=10)
        self.phone = QLineEdit(maxLength=40)
        self.email = QLineEdit(maxLength=200)
        self.active = QCheckBox("A current partner")
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        for membership in Membership:
            self.membership.addItem(MEMBERSHIP_LABELS[membership], membership.value)
        for sector in Sector:
            self.sector.addItem(SECTOR_LABELS[sector], sector.value)
        self.add_field("name", "&Name", self.name)
        self.add_field("short_name", "S&hort name", self.short_name)
        self.add_field("membership", "&Membership", self.membership, hint="Core members lead most often")
        self.add_field("sector", "Se&ctor", self.sector)
        self.add_field(
            "capacity_per_fte",
            "Ca&pacity per FTE",
            self.capacity_per_fte,
            hint="Caseload weight one full-time professional can carry",
        )
        self.add_field("address_line1", "&Address", self.address_line1)
        self.add_field("address_line2", "", self.address_line2)
        self.address_line2.setAccessibleName("Address, second line")
        self.add_field("town", "&Town", self.town)
        self.add_field("postcode", "P&ostcode", self.postcode)
        self.add_field("phone", "Phon&e", self.phone)
        self.add_field("email", "Emai&l", self.email)
        self.add_field("active", "Acti&ve", self.active)
        if not self.can_edit:
            self.make_read_only(*(getattr(self, name) for name in TEXT_FIELDS))
            self.make_read_only(self.membership, self.sector, self.capacity_per_fte, self.active)

    def _connect_signals(self) -> None:
        for name in TEXT_FIELDS:
            getattr(self, name).textEdited.connect(self.touched)
        self.membership.currentIndexChanged.connect(self.touched)
        self.sector.currentIndexChanged.connect(self.touched)
        self.capacity_per_fte.valueChanged.connect(self.touched)
        self.active.toggled.connect(self.touched)

    def fill(self, record: AgencyRecord) -> None:
        for name in TEXT_FIELDS:
            getattr(self, name).setText(getattr(record, name) or "")
        self.membership.setCurrentIndex(self.membership.findData(record.membership.value))
        self.sector.setCurrentIndex(self.sector.findData(record.sector.value))
        self.capacity_per_fte.setValue(record.capacity_per_fte)
        self.active.setChecked(record.active)

    def fill_new(self, defaults: dict[str, Any]) -> None:
        for name in TEXT_FIELDS:
            getattr(self, name).clear()
        self.membership.setCurrentIndex(
            self.membership.findData(defaults.get("membership", Membership.ASSOCIATE.value))
        )
        self.sector.setCurrentIndex(self.sector.findData(defaults.get("sector", Sector.LOCAL_AUTHORITY.value)))
        self.capacity_per_fte.setValue(DEFAULT_CAPACITY_PER_FTE)
        self.active.setChecked(True)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: getattr(self, name).text().strip() or None for name in TEXT_FIELDS}
        values["membership"] = Membership(self.membership.currentData())
        values["sector"] = Sector(self.sector.currentData())
        values["capacity_per_fte"] = round(self.capacity_per_fte.value(), 1)
        values["active"] = self.active.isChecked()
        return values

    def shown_value(self, name: str, value: Any) -> str:
        if name == "membership":
            return MEMBERSHIP_LABELS[value]
        if name == "sector":
            return SECTOR_LABELS[value]
        return super().shown_value(name, value)

    def describe(self, record: AgencyRecord) -> tuple[str, str]:
        staff = f"{record.professional_count} active professional{'s' if record.professional_count != 1 else ''}"
        status = "" if record.active else " · inactive"
        return (
            record.name,
            f"{MEMBERSHIP_LABELS[record.membership]} member · {SECTOR_LABELS[record.sector]} · {staff}{status}",
        )

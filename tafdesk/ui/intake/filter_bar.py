"""Above the queue: the search box, the filters, and a chip per locality
that shows how many profiles it holds under the other filters and, when
pressed, shows only that locality."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tafdesk import clock
from tafdesk.models.enums import ConsentStatus, Level, NeedArea
from tafdesk.ui.count_spin import follow_count
from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.icons import icon
from tafdesk.ui.intake.labels import CONSENT_LABELS, LEVEL_LABELS, STATUS_LABELS
from tafdesk.ui.intake.queue_proxy import QueueFilterProxy
from tafdesk.ui.intake.roles import CONSENT_ROLE, REPEAT_ROLE, RISK_ROLE, STATUS_ROLE
from tafdesk.ui.keyboard import tab_in_order
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.qt_dates import to_date

DATE_FORMAT = "d MMM yyyy"
FILTER_CHARS = 12


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class FilterBar(QWidget):
    counts_changed = Signal()

    def __init__(self, proxy: QueueFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.search = QLineEdit(
            placeholderText="Search family name, profile or case reference…",
            clearButtonEnabled=True,
            objectName="search",
        )
        self.need_area = self._combo("Need area", "All need areas", [(NEED_AREA_SHORT[a], a.value) for a in NeedArea])
        self.risk = self._combo(
            "Highest risk",
            "Any risk",
            [(f"{LEVEL_LABELS[lv]} risk", lv.value) for lv in reversed(Level)] + [("No risks recorded", "")],
        )
        self.consent = self._combo("Consent", "Any consent", [(CONSENT_LABELS[c], c.value) for c in ConsentStatus])
        self.status = self._combo("Status", "Triage and meeting", [(STATUS_LABELS[s], s.value) for s in STATUS_LABELS])
        self.waiting = QSpinBox(minimum=0, maximum=250, objectName="waitingFilter")
        self.received = QCheckBox("Received from")
        self.received_from = QDateEdit(calendarPopup=True, displayFormat=DATE_FORMAT)
        self.received_to = QDateEdit(calendarPopup=True, displayFormat=DATE_FORMAT)
        self.repeat_only = QCheckBox("Repeat referrals only")
        self.clear_button = QPushButton("Clear filters")
        self.chips: dict[str | None, QPushButton] = {}
        self._chip_group = QButtonGroup(self)
        self._chip_row = FlowLayout(spacing=6)
        self._beside: list[QWidget] = []
        self._build()
        self._connect_signals()

    def _combo(self, name: str, all_label: str, choices: Sequence[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(all_label, None)
        for label, value in choices:
            combo.addItem(label, value)
        return combo

    def _build(self) -> None:
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName("Search the queue")
        self.search.setAcceptDrops(False)  # files dropped here go to the page, to be imported
        self.search.setMinimumWidth(220)
        self.waiting.setSpecialValueText("Any time waiting")
        self.waiting.setPrefix("More than ")
        self.waiting.setAccessibleName("Working days waiting, more than")
        self.waiting.setToolTip("Show profiles waiting more than this many working days")
        follow_count(self.waiting, "working day", "working days")
        today = clock.today()
        self.received_from.setDate(_qdate(today - dt.timedelta(days=28)))
        self.received_to.setDate(_qdate(today))
        self.received_from.setAccessibleName("Received on or after")
        self.received_to.setAccessibleName("Received on or before")
        self.received.setAccessibleDescription("Filter by the date received")
        self._enable_dates(False)

        # Three rows that wrap onto more in a narrow window (large text): the search and the
        # drop-downs; time waiting, the dates received (kept together) and the other ticks; the chips.
        first = FlowLayout()
        first.addWidget(self.search)
        for combo in (self.need_area, self.risk, self.consent, self.status):
            first.addWidget(combo)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        for widget in (self.received, self.received_from, QLabel("to"), self.received_to):
            dates.addWidget(widget)
        received = QWidget()
        received.setLayout(dates)
        second = FlowLayout()
        second.addWidget(self.waiting)
        second.addWidget(received)
        second.addWidget(self.repeat_only)
        second.addStretch()
        second.addWidget(self.clear_button)
        self._chip_row.addStretch()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addLayout(self._chip_row)
        self.set_localities([])

    def _connect_signals(self) -> None:
        p = self.proxy
        self.search.textChanged.connect(p.set_search)
        self.need_area.currentIndexChanged.connect(
            lambda _i: p.set_need_area(NeedArea(self.need_area.currentData()) if self.need_area.currentData() else None)
        )
        self.risk.currentIndexChanged.connect(lambda _i: p.set_required(RISK_ROLE, self.risk.currentData()))
        self.consent.currentIndexChanged.connect(lambda _i: p.set_required(CONSENT_ROLE, self.consent.currentData()))
        self.status.currentIndexChanged.connect(lambda _i: p.set_required(STATUS_ROLE, self.status.currentData()))
        self.repeat_only.toggled.connect(lambda on: p.set_required(REPEAT_ROLE, True if on else None))
        self.waiting.valueChanged.connect(p.set_waiting_more_than)
        self.received.toggled.connect(self._enable_dates)
        self.received.toggled.connect(self._apply_dates)
        self.received_from.dateChanged.connect(self._apply_dates)
        self.received_to.dateChanged.connect(self._apply_dates)
        self.clear_button.clicked.connect(self.clear)
        self._chip_group.idClicked.connect(self._chip_clicked)
        p.filter_changed.connect(self.update_counts)
        p.sourceModel().modelReset.connect(self.update_counts)

    def add_beside_chips(self, widget: QWidget) -> None:
        """Put a widget at the right-hand end of the chips' row."""
        self._chip_row.addWidget(widget)
        self._beside.append(widget)
        self._tab_in_order()

    # -- localities -------------------------------------------------------------

    def set_localities(self, names: Sequence[str]) -> None:
        """One chip per locality (and one for all), keeping the one pressed."""
        wanted = [None, *names]
        if list(self.chips) == wanted:
            self.update_counts()
            return
        current = self.proxy.locality()
        for chip in self.chips.values():
            self._chip_group.removeButton(chip)
            self._chip_row.removeWidget(chip)
            chip.deleteLater()
        self.chips = {}
        for position, name in enumerate(wanted):
            chip = QPushButton(objectName="localityChip", checkable=True)
            chip.setProperty("locality", name or "")
            self._chip_group.addButton(chip, position)
            self._chip_row.insertWidget(position, chip)
            self.chips[name] = chip
        if current not in self.chips:
            self.proxy.set_locality(None)
            current = None
        self.chips[current].setChecked(True)
        self._tab_in_order()
        self.update_counts()

    def _tab_in_order(self) -> None:
        """The chips (made as the localities are read) straight after the filters above them."""
        tab_in_order(self.clear_button, *self.chips.values(), *self._beside)

    def _chip_clicked(self, position: int) -> None:
        name = list(self.chips)[position]
        self.proxy.set_locality(name)

    def choose_locality(self, name: str | None) -> None:
        self.chips[name].click()

    def update_counts(self) -> None:
        counts = self.proxy.locality_counts()
        for name, chip in self.chips.items():
            count = sum(counts.values()) if name is None else counts.get(name, 0)
            label = "All localities" if name is None else name
            chip.setText(f"{label}  {count}")
            noun = "profile" if count == 1 else "profiles"
            chip.setAccessibleName(f"{label}: {count} {noun}")
            chip.setToolTip(
                f"Show {'every locality' if name is None else name + ' only'}: {count} {noun} under the other filters"
            )
        self.counts_changed.emit()

    def chip_counts(self) -> dict[str | None, int]:
        """What each chip says, by locality (None for all)."""
        return {name: int(chip.text().rsplit(maxsplit=1)[-1]) for name, chip in self.chips.items()}

    # -- the other filters ------------------------------------------------------

    def _enable_dates(self, on: bool) -> None:
        self.received_from.setEnabled(on)
        self.received_to.setEnabled(on)

    def _apply_dates(self, *_args: object) -> None:
        if self.received.isChecked():
            self.proxy.set_received_between(to_date(self.received_from.date()), to_date(self.received_to.date()))
        else:
            self.proxy.set_received_between(None, None)

    def set_received_range(self, first: dt.date, last: dt.date) -> None:
        """Where the date pickers start: the oldest profile waiting, and today."""
        if not self.received.isChecked():
            self.received_from.setDate(_qdate(first))
            self.received_to.setDate(_qdate(last))

    def clear(self) -> None:
        for combo in (self.need_area, self.risk, self.consent, self.status):
            combo.setCurrentIndex(0)
        self.search.clear()
        self.waiting.setValue(0)
        self.received.setChecked(False)
        self.repeat_only.setChecked(False)
        self.chips[None].click()

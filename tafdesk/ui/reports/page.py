"""The Reports page: a period (typed, picked, or a quick choice such as the
last 12 months) and a locality (or every one the user may see), the figures
read off the interface thread ("Reading…" meanwhile; a change of either
reads them again), and six sections of charts and tables. Any figure leads
to the families behind it (families_dialog.py); any table, or a section's
all, is written to CSV or XLSX (ReportFiles: whole or not at all, audited,
an existing file replaced only when the user says so).

F5 reads again; Ctrl+E exports the tables of the section shown. Lead
professionals and administrators see why there are no figures for them."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.actor import Permission
from tafdesk.services.errors import ValidationError
from tafdesk.services.reports.figures import CaseloadReport, DrillDown, PerformanceReport
from tafdesk.services.reports.period import ReportPeriod
from tafdesk.services.reports.report_files import ReportFiles, csv_name
from tafdesk.services.reports.service import ReportService
from tafdesk.ui.area_page import AreaNote
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import highlight
from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.operation import Operation
from tafdesk.ui.qt_dates import to_date
from tafdesk.ui.reports import periods
from tafdesk.ui.reports.families_dialog import FamiliesDialog
from tafdesk.ui.reports.figure_tables import FigureTable
from tafdesk.ui.reports.how_counted import HowCountedDialog
from tafdesk.ui.reports.section import Section
from tafdesk.ui.reports.sections import build_sections, fill
from tafdesk.ui.scrolling import scrolling

NOT_FOR_YOU = (
    "The reports count whole localities' families, so they are for locality managers and business "
    "support. Ask your locality manager for the figures you need."
)
# period, locality (None: all), parent -> the board pack dialog
BoardPackOpener = Callable[[ReportPeriod, "uuid.UUID | None", QWidget], QDialog]
SETTLE_MS = 400  # a typed date settles before the figures are read again
FILTERS = {".xlsx": "Excel workbook (*.xlsx)", ".csv": "CSV, a file for each table (*.csv)"}


class ReportsPage(QWidget):
    status_message = Signal(str)
    case_requested = Signal(object)  # CaseRef: the main window opens its case page
    figures_shown = Signal()  # each time a reading's figures are on the page

    def __init__(
        self,
        reports: ReportService,
        files: ReportFiles,
        *,
        may_open_cases: bool = False,
        board_pack: BoardPackOpener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reports")
        self._reports = reports
        self._board_pack = board_pack
        self._files = files
        self._may_open_cases = may_open_cases
        self._busy = False  # a reading is under way
        self._again = False  # and another was asked for meanwhile
        self.shown: tuple[PerformanceReport, CaseloadReport] | None = None
        self.families: FamiliesDialog | None = None
        self.banner = Banner()
        self.quick = QComboBox(objectName="quickPeriod")
        self.quick.setAccessibleName("Period")
        self.quick.addItems([*periods.QUICK, periods.CHOSEN])
        self.from_edit = self._date_edit("fromDate", "From: the first day of the period")
        self.to_edit = self._date_edit("toDate", "To: the last day of the period")
        self.locality = QComboBox(objectName="reportLocality")
        self.locality.setAccessibleName("Locality")
        self.refresh_button = QPushButton("&Refresh", objectName="refreshFigures")
        self.refresh_button.setAccessibleName("Refresh: read the figures again")
        self.refresh_button.setToolTip("Read the figures again (F5)")
        self.board_pack_button = QPushButton("&Board pack…", objectName="boardPack")
        self.board_pack_button.setAccessibleName("Board pack for this period and locality")
        self.board_pack_button.setToolTip("A PDF or Word pack of this period's figures, with your summary, for a board")
        self.board_pack_button.setVisible(board_pack is not None)
        self.note = QLabel(objectName="formError", wordWrap=True)  # what is wrong with the period
        self.note.hide()
        self.state = QLabel("", objectName="countLabel", wordWrap=True)
        self.headline = QLabel("", objectName="pageNote", wordWrap=True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sections = build_sections()
        self.tabs = QTabWidget(objectName="reportSections")
        self.tabs.setAccessibleName("Figure groups")
        self.tabs.setDocumentMode(True)
        for section in self.sections.values():
            self.tabs.addTab(scrolling(section), section.title)
            section.drill_requested.connect(self.show_families)
            section.export_requested.connect(lambda tables: self.export(tables))
            section.explain_requested.connect(self.explain)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        self._build()
        self._connect()
        self._read_localities()
        self.use_quick(next(iter(periods.QUICK)))

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit(objectName=name, calendarPopup=True, displayFormat="d MMM yyyy")
        edit.setAccessibleName(accessible)
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setToolTip("Type the day or pick it from the calendar (Alt+Down)")
        return edit

    def _build(self) -> None:
        controls = FlowLayout()
        for label, widget in (
            ("&Period", self.quick),
            ("&From", self.from_edit),
            ("&To", self.to_edit),
            ("&Locality", self.locality),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            controls.addWidget(caption)
            controls.addWidget(widget)
        controls.addWidget(self.refresh_button)
        controls.addStretch()
        controls.addWidget(self.board_pack_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(10)
        layout.addWidget(QLabel("Reports", objectName="pageTitle"))
        layout.addWidget(self.banner)
        layout.addLayout(controls)
        layout.addWidget(self.note)
        layout.addWidget(self.state)
        layout.addWidget(self.headline)
        layout.addWidget(self.tabs, 1)

    def _connect(self) -> None:
        self.quick.activated.connect(lambda _i: self.use_quick(self.quick.currentText()))
        self.from_edit.dateChanged.connect(self._dates_changed)
        self.to_edit.dateChanged.connect(self._dates_changed)
        self.locality.activated.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.board_pack_button.clicked.connect(self.open_board_pack)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh, context=context)
        QShortcut(
            QKeySequence("Ctrl+E"), self, lambda: self.export(self.current_section().figure_tables()), context=context
        )

    # -- the choices ----------------------------------------------------------------

    def _read_localities(self) -> None:
        def show(found: list[tuple[uuid.UUID, str]]) -> None:
            self.locality.clear()
            self.locality.addItem("All localities" if len(found) != 1 else found[0][1], None)
            if len(found) > 1:
                for locality_id, name in found:
                    self.locality.addItem(name, locality_id)

        Operation(
            self.banner,
            self._reports.localities,
            failed="The localities could not be read.",
            doing="reading localities",
        ).done(show).run()

    def use_quick(self, choice: str) -> None:
        """A quick choice of period sets the days (and reads the figures)."""
        if choice not in periods.QUICK:
            return
        start, end = periods.QUICK[choice](self._reports.today())
        self.set_period(start, end, quick=choice)

    def set_period(self, start: dt.date, end: dt.date, *, quick: str = periods.CHOSEN) -> None:
        for edit, day in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.quick.setCurrentText(quick)
        self.refresh()

    def set_locality(self, locality_id: uuid.UUID | None) -> None:
        found = [i for i in range(self.locality.count()) if self.locality.itemData(i) == locality_id]
        self.locality.setCurrentIndex(found[0] if found else 0)  # (findData cannot compare a Python uuid)
        self.refresh()

    def _dates_changed(self) -> None:
        self.quick.setCurrentText(periods.CHOSEN)
        self._settle.start()

    def open_board_pack(self) -> None:
        """The board pack dialog for the period and locality chosen."""
        chosen = self._chosen_period()
        if chosen is not None and self._board_pack is not None:
            self._board_pack(*chosen, self).open()

    def chosen(self) -> tuple[dt.date, dt.date, uuid.UUID | None]:
        return to_date(self.from_edit.date()), to_date(self.to_edit.date()), self.locality.currentData()

    def _chosen_period(self) -> tuple[ReportPeriod, uuid.UUID | None] | None:
        """The period and locality chosen; None, said at the dates, if the period is not one."""
        start, end, locality = self.chosen()
        try:
            period = ReportPeriod.of(start, end)
        except ValidationError as error:
            self._say_at_fields(error.fields)
            return None
        self._say_at_fields({})
        return period, locality

    # -- reading --------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures for the period and locality chosen, off the interface thread."""
        self._settle.stop()
        chosen = self._chosen_period()
        if chosen is None:
            return
        period, locality = chosen
        self.state.setText("Reading…")
        self.setProperty("reading", True)
        if self._busy:  # one reading at a time: the newest choice is read when this one is over
            self._again = True
            return
        self._busy = True
        reports = self._reports

        def read() -> tuple[PerformanceReport, CaseloadReport]:
            return reports.performance(period, locality), reports.caseloads(period, locality)

        def over() -> bool:
            """The reading is over; False if another was asked for meanwhile (started now)."""
            self._busy = False
            if self._again:
                self._again = False
                self.refresh()
                return False
            self.setProperty("reading", False)
            return True

        def done(found: tuple[PerformanceReport, CaseloadReport]) -> None:
            if over():
                self._show(*found)

        def refused(_error: Exception) -> None:
            if over():
                self.state.setText("The figures could not be read.")

        Operation(
            self.banner, read, failed="The figures could not be read.", doing="reading the reports' figures", slow=True
        ).reading().done(done).refused(refused).run()

    def is_reading(self) -> bool:
        return bool(self.property("reading"))

    def _show(self, report: PerformanceReport, loads: CaseloadReport) -> None:
        self.shown = (report, loads)
        fill(self.sections, report, loads)
        self.state.setText(f"{report.period.words()}, {report.reach.words()}. Choose any figure for its families.")
        self.headline.setText(_headline(report))
        self.figures_shown.emit()

    def _say_at_fields(self, problems: dict[str, str]) -> None:
        for name, edit in (("from", self.from_edit), ("to", self.to_edit)):
            highlight(edit, name in problems)
            edit.setAccessibleDescription(problems.get(name, ""))
        self.note.setText("\n".join(problems.values()))
        self.note.setVisible(bool(problems))

    def current_section(self) -> Section:
        return list(self.sections.values())[self.tabs.currentIndex()]

    def show_section(self, key: str) -> Section:
        self.tabs.setCurrentIndex(list(self.sections).index(key))
        return self.sections[key]

    # -- what a figure leads to -----------------------------------------------------

    def show_families(self, drill: DrillDown) -> FamiliesDialog:
        if self.families is None:
            self.families = FamiliesDialog(self._reports, may_open_cases=self._may_open_cases, parent=self)
            self.families.case_requested.connect(self.case_requested)
        self.families.show_families(drill)
        return self.families

    def explain(self, group: str) -> HowCountedDialog:
        dialog = HowCountedDialog(group, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- exports ------------------------------------------------------------------------

    def export(
        self, tables: list[FigureTable], path: str | Path | None = None, *, replace: bool | None = None
    ) -> list[Path] | None:
        """The tables as XLSX (a sheet each) or CSV (a file each), where the
        user chooses; an existing file is replaced only if they say so."""
        if not tables or self.shown is None:
            return None
        out = Path(path) if path else self._ask_where(tables)
        if out is None:
            return None
        if out.suffix.lower() not in FILTERS:
            out = out.with_name(out.name + ".xlsx")
        existing = [p for p in _targets(out, tables) if p.exists()]
        if existing and replace is None:
            replace = self._confirm_replace(existing)
        if existing and not replace:
            return None
        report = self.shown[0]
        sheets = [t.sheet for t in tables]
        title = tables[0].name if len(tables) == 1 else "Reports"
        written: list[Path] = []
        Operation(
            self.banner,
            lambda: self._files.write(
                "reports page", title, report.period, report.reach, sheets, out, force=bool(replace)
            ),
            failed="Not exported.",
            doing="exporting report tables",
        ).done(written.extend).run()
        if not written:
            return None
        where = written[0] if len(written) == 1 else f"{len(written)} files in {written[0].parent}"
        self.status_message.emit(f"Saved {where}.")
        return written

    def _ask_where(self, tables: list[FigureTable]) -> Path | None:
        name = tables[0].name if len(tables) == 1 else f"Reports {self.current_section().title}"
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        chosen, kind = QFileDialog.getSaveFileName(
            self,
            f"Export {name}",
            str(Path.home() / f"{slug}.xlsx"),
            ";;".join(FILTERS.values()),
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked below, of every file written
        )
        if not chosen:
            return None
        out = Path(chosen)
        if out.suffix.lower() not in FILTERS:
            out = out.with_name(out.name + next(s for s, f in FILTERS.items() if f == kind))
        return out

    def _confirm_replace(self, existing: list[Path]) -> bool:
        names = ", ".join(p.name for p in existing[:3]) + (" and others" if len(existing) > 3 else "")
        answer = QMessageBox.question(
            self,
            "Replace the file?",
            f"{names} already exist{'s' * (len(existing) == 1)} in {existing[0].parent}. Replace {'it' if len(existing) == 1 else 'them'}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def _targets(out: Path, tables: list[FigureTable]) -> list[Path]:
    if out.suffix.lower() == ".csv":
        return [csv_name(out, t.sheet, len(tables) == 1) for t in tables]
    return [out]


def _headline(report: PerformanceReport) -> str:
    """The period's key figures in a sentence."""
    r, closures = report.referrals, report.closures
    allocation = report.timeliness.stages[-1]
    parts = [f"{r.received:,} referrals received"]
    if r.repeats.rate is not None:
        parts.append(f"{r.repeats.rate:.0%} of them repeat referrals")
    if allocation.median is not None:
        parts.append(f"a median of {allocation.median} working days from profile to allocation")
    if report.plans.timeliness.on_time_rate is not None:
        parts.append(f"{report.plans.timeliness.on_time_rate:.0%} of plans agreed on time")
    parts.append(f"{closures.closed:,} cases closed")
    return "; ".join(parts) + "."


def build_reports_page(db, actor) -> QWidget:
    """The page, or why there is none for this user. Its figures are read when asked for (F5, a
    change of period or locality), not at every change made elsewhere: a dashboard, not a list."""
    if not actor.can(Permission.VIEW_REPORTS):
        return AreaNote("Reports", NOT_FOR_YOU)

    def board_pack(period: ReportPeriod, locality_id: uuid.UUID | None, parent: QWidget) -> QDialog:
        from tafdesk.ui.reports.board_pack_dialog import BoardPackDialog  # when first asked for

        return BoardPackDialog(db, actor, period, locality_id, parent)

    return ReportsPage(
        ReportService(db, actor),
        ReportFiles(db, actor),
        may_open_cases=actor.can(Permission.VIEW_PLANS),
        board_pack=board_pack,
    )

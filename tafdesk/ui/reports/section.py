"""One section of the Reports page (a figure group: Referrals, Timeliness…):
a line on what it counts, "How is this counted?", its charts and its
tables, each table with its own Export, and Export of all of them. The
section asks; the page answers (drill_requested, export_requested,
explain_requested)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.reports.chart import BarChart
from tafdesk.ui.reports.figure_tables import FigureTable
from tafdesk.ui.reports.table import FigureTableView


class Section(QWidget):
    drill_requested = Signal(object)  # DrillDown
    export_requested = Signal(object)  # list[FigureTable]
    explain_requested = Signal(str)  # the group's key

    def __init__(self, key: str, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.title = title
        self.setAccessibleName(f"{title} figures")
        self.tables: list[FigureTableView] = []
        self.charts: list[BarChart] = []
        self.table_exports: list[QPushButton] = []
        self.intro = QLabel(intro, objectName="pageNote", wordWrap=True)
        self.explain_button = QPushButton("How is this &counted?", objectName="explainFigures")
        self.explain_button.setAccessibleName(f"How is this counted? The {title.lower()} figures")
        self.explain_button.clicked.connect(lambda: self.explain_requested.emit(self.key))
        self.export_button = QPushButton("E&xport all tables…", objectName="exportSection")
        self.export_button.setAccessibleName(f"Export all tables of {title.lower()} to CSV or XLSX")
        self.export_button.setToolTip("Every table of this section in one workbook, or as CSV files (Ctrl+E)")
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.figure_tables()))
        buttons = FlowLayout(right=True)
        buttons.addWidget(self.explain_button)
        buttons.addWidget(self.export_button)
        top = QHBoxLayout()
        top.addWidget(self.intro, 3)
        top.addLayout(buttons, 2)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(4, 8, 12, 8)
        self.body.setSpacing(8)
        self.body.addLayout(top)

    def add_chart(self, chart: BarChart, caption: str) -> BarChart:
        self.body.addWidget(QLabel(caption, objectName="sectionTitle"))
        chart.drill_requested.connect(self.drill_requested)
        self.body.addWidget(chart)
        self.charts.append(chart)
        return chart

    def add_table(self, name: str) -> FigureTableView:
        view = FigureTableView(name)
        view.drill_requested.connect(self.drill_requested)
        export = QPushButton("Export…", objectName="exportTable")
        export.setAccessibleName(f"Export the table {name} to CSV or XLSX")
        export.setToolTip("This table as CSV or XLSX")
        export.clicked.connect(lambda: self.export_requested.emit([view.figures.table] if view.figures.table else []))
        caption = QLabel(name, objectName="sectionTitle")
        caption.setBuddy(view)
        heading = QHBoxLayout()
        heading.addWidget(caption, 1)
        heading.addWidget(export)
        self.body.addLayout(heading)
        self.body.addWidget(view)
        self.tables.append(view)
        self.table_exports.append(export)
        return view

    def finish(self) -> None:
        self.body.addStretch(1)

    def set_tables(self, tables: list[FigureTable]) -> None:
        for view, table in zip(self.tables, tables, strict=True):
            view.set_table(table)

    def figure_tables(self) -> list[FigureTable]:
        return [view.figures.table for view in self.tables if view.figures.table is not None]

    def table_named(self, name: str) -> FigureTableView:
        return next(view for view in self.tables if view.accessibleName() == name)

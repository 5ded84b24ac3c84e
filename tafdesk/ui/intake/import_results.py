"""After an import: one line per file saying what became of it (imported,
already imported, rejected) with every error and warning beneath it."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from tafdesk.services.intake import FileReport
from tafdesk.ui.colours import current
from tafdesk.ui.intake.import_run import ImportOutcome
from tafdesk.ui.intake.summary_html import chip
from tafdesk.ui.theme import keep_coloured
from tafdesk.ui.window_fit import resize_within_screen

# outcome -> (word, the tone of its tag in ui/colours.py)
OUTCOMES = {
    "imported": ("Imported", "ok"),
    "present": ("Already imported", "info"),
    "rejected": ("Rejected", "error"),
    "amended": ("Amended", "warn"),
    "skipped": ("Not imported", "neutral"),
}


def file_outcome(report: FileReport) -> str:
    if report.rejected:
        return "rejected"
    if report.amended and not report.imported:
        return "amended"
    return "imported" if report.imported else "present"


def file_line(report: FileReport) -> str:
    """One plain line for a file, as the command line prints it."""
    word = OUTCOMES[file_outcome(report)][0]
    return f"{word}: {report.summary()}"


def results_html(outcome: ImportOutcome) -> str:
    rows = []
    for report in outcome.reports:
        word, tone = OUTCOMES[file_outcome(report)]
        details = [*report.errors[1:], *report.warnings] if report.rejected else [*report.warnings]
        extra = "".join(f"<li>{html.escape(line)}</li>" for line in details)
        rows.append(_row(word, tone, report.summary(), f"<ul style='margin:2px 0 0 0;'>{extra}</ul>" if extra else ""))
    word, tone = OUTCOMES["skipped"]
    for path in outcome.skipped:
        rows.append(_row(word, tone, f"{path.name}: the import was stopped before this file.", ""))
    return f'<table width="100%" cellspacing="0" cellpadding="5">{"".join(rows)}</table>'


def _row(word: str, tone: str, text: str, details: str) -> str:
    colours = current()
    return (
        f'<tr><td width="150" valign="top">{chip(word, getattr(colours, tone))}</td>'
        f'<td style="border-bottom:1px solid {colours.rule};">{html.escape(text)}{details}</td></tr>'
    )


class ImportResultsDialog(QDialog):
    def __init__(self, outcome: ImportOutcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import results")
        self.setObjectName("importResults")
        self.outcome = outcome
        self.heading = QLabel(outcome.headline(), objectName="formTitle", wordWrap=True)
        self.details = QTextBrowser(objectName="importDetails")
        keep_coloured(self.details, lambda: self.details.setHtml(results_html(outcome)))
        self.details.setAccessibleName("What became of each file")
        self.details.document().setDocumentMargin(10)
        hint = QLabel(
            "A file is imported whole or not at all: correct a rejected file and import it again.",
            objectName="hint",
            wordWrap=True,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.details, 1)
        if outcome.rejected_files:
            layout.addWidget(hint)
        layout.addWidget(buttons)
        resize_within_screen(self, 820, 460)

    def lines(self) -> list[str]:
        """One line per file, as shown."""
        return [file_line(report) for report in self.outcome.reports] + [
            f"Not imported: {path.name}: the import was stopped before this file." for path in self.outcome.skipped
        ]

"""The people whose ethnicity is held as words no DfE code could be read
from (services/ethnicity.py), for business support and locality managers to
choose the code: opened from the Intake area's actions ("Ethnicity to
code…"), beside the other clerical review of what arrived (amended profiles,
rejected files). The wording held is kept; each choice is audited."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.errors import ConflictError
from tafdesk.services.ethnicity import EthnicityService, Uncoded, code_choices
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import error_label, highlight
from tafdesk.ui.operation import Operation
from tafdesk.ui.record_table import record_table
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.window_fit import resize_within_screen


class UncodedModel(ReadOnlyTableModel[Uncoded]):
    HEADERS = ("Family", "Person", "Ethnicity as held")

    def display(self, row: Uncoded, column: int) -> str:
        return (row.family_reference, row.name, row.wording)[column] if 0 <= column < 3 else ""


class EthnicityDialog(QDialog):
    changed = Signal(str)  # what was done, for the page's banner

    def __init__(self, service: EthnicityService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ethnicity to code")
        self.setAccessibleName("People whose ethnicity needs a DfE code")
        self._service = service
        self.banner = Banner(self)
        self.model = UncodedModel(self)
        self.table = record_table("People whose ethnicity could not be mapped to a DfE code", self.model)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.code = QComboBox()
        self.code.setAccessibleName("DfE ethnicity code")
        self.code.addItem("Choose a code…", None)
        for code, words in code_choices():
            self.code.addItem(words, code.value)
        self.code.setMaxVisibleItems(20)
        self.code_error = error_label("ethnicity_code")
        self.choose_button = QPushButton("&Record the code", objectName="primaryButton")
        self.choose_button.setAccessibleName("Record the chosen code for the chosen person")
        self.choose_button.clicked.connect(self.choose)
        self.count = QLabel(objectName="hint", wordWrap=True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        form = QFormLayout()
        form.addRow("&Code:", self.code)
        form.addRow("", self.code_error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                'These people\'s ethnicity is held in words that name no one DfE code (a bare "Mixed", a '
                "nationality alone, a typo). Choose the code they gave; the words held are kept.",
                objectName="hint",
                wordWrap=True,
            )
        )
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(form)
        layout.addWidget(buttons)
        resize_within_screen(self, 820, 560)
        self.reload()

    def reload(self) -> None:
        Operation(
            self.banner, self._service.uncoded, failed="The list could not be read.", doing="reading uncoded ethnicity"
        ).done(self._show).run()

    def _show(self, rows: list[Uncoded]) -> None:
        current = self.chosen()
        self.model.set_rows(rows)
        self.count.setText(
            "Everyone's ethnicity has a DfE code."
            if not rows
            else f"{len(rows)} {'person' if len(rows) == 1 else 'people'} to code."
        )
        if rows:
            number = next((n for n, r in enumerate(rows) if current and r.person_id == current.person_id), 0)
            self.table.selectRow(min(number, len(rows) - 1))
        self._enable()

    def chosen(self) -> Uncoded | None:
        index = self.table.currentIndex()
        return self.model.row_at(self.table.model().mapToSource(index)) if index.isValid() else None  # type: ignore[attr-defined]

    def _enable(self) -> None:
        self.choose_button.setEnabled(self.chosen() is not None)

    def show_errors(self, fields: dict[str, str]) -> None:
        text = " ".join(fields.values())
        self.code_error.setText(text)
        self.code_error.setVisible(bool(text))
        highlight(self.code, bool(text))

    def choose(self) -> None:
        person = self.chosen()
        if person is None:
            return
        self.show_errors({})
        code = self.code.currentData()

        def done(_result: object) -> None:
            words = self.code.currentText()
            self.banner.say(f"{person.name} ({person.family_reference}): {words}.")
            self.changed.emit(f"Ethnicity recorded for {person.name}: {words}.")
            self.code.setCurrentIndex(0)
            self.reload()

        Operation(
            self.banner,
            lambda: self._service.choose(person.person_id, person.version, code),
            failed="The code was not recorded.",
            doing="recording an ethnicity code",
        ).at_fields(self.show_errors).done(done).refused(
            lambda error: self.reload() if isinstance(error, ConflictError) else None
        ).run()

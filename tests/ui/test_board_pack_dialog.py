"""The board pack dialog over the figures' council (tests/reports): the
period and localities shown, the summary counted against its limit, PDF or
Word, made in the background and registered, and a refusal said in its
banner."""

# ruff: noqa: F811 (the council fixture imported from tests/reports is a parameter here)
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from tafdesk.models import DocumentFormat, DocumentType, Role
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.reports.board_pack import NARRATIVE_LIMIT
from tafdesk.ui.reports.board_pack_dialog import BoardPackDialog
from tests.documents.conftest import docx_text, pdf_text
from tests.reports.conftest import PERIOD, council  # noqa: F401 (fixture)
from tests.reports.figures_world import NOW


def _dialog(qtbot, council, *localities: str, locality=None) -> BoardPackDialog:
    dialog = BoardPackDialog(council.db, council.manager(*localities), PERIOD, locality, now=NOW)
    qtbot.addWidget(dialog)
    return dialog


def _made(qtbot, dialog: BoardPackDialog, start) -> object:
    """Start the pack and wait until it is made; its register entry."""
    made: list = []
    dialog.produced.connect(made.append)
    start()
    qtbot.waitUntil(lambda: bool(made), timeout=60_000)
    return made[0]


def test_the_dialog_shows_what_the_pack_covers_and_counts_the_summary(qtbot, council):
    dialog = _dialog(qtbot, council, "North", locality=council.localities["North"])
    texts = [label.text() for label in dialog.findChildren(type(dialog.count))]
    assert "2 Mar 2026 to 30 Apr 2026" in texts and "North" in texts
    assert dialog.count.text().startswith(f"0 of {NARRATIVE_LIMIT:,} characters: without a summary")
    dialog.narrative.setPlainText("Demand held steady.")
    assert dialog.count.text() == f"19 of {NARRATIVE_LIMIT:,} characters"
    dialog.narrative.setPlainText("x" * (NARRATIVE_LIMIT + 3))
    assert "shorten it by 3" in dialog.count.text() and not dialog.save_button.isEnabled()
    dialog.narrative.setPlainText("Short again.")
    assert dialog.save_button.isEnabled()
    assert dialog.suggested_path().name == "Board pack North 2026-03-02 to 2026-04-30.pdf"
    dialog.word.setChecked(True)
    assert dialog.suggested_path().suffix == ".docx"


def test_save_as_makes_the_pack_in_the_background_and_registers_it(qtbot, council, tmp_path, monkeypatch):
    dialog = _dialog(qtbot, council, "North", "South")
    dialog.narrative.setPlainText("Referrals rose after Easter.\n\nDeferrals fell.")
    target = tmp_path / "pack"  # no extension: the chosen format's is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))

    def start() -> None:
        dialog.save_button.click()
        assert not dialog.narrative.isEnabled() and not dialog.progress.isHidden()  # busy while it is made

    entry = _made(qtbot, dialog, start)
    assert (entry.doc_type, entry.doc_format, entry.path) == (
        DocumentType.BOARD_PACK,
        DocumentFormat.PDF,
        str(target.with_suffix(".pdf")),
    )
    text = " ".join(pdf_text(target.with_suffix(".pdf")).split())
    assert "Referrals rose after Easter." in text and "Referrals received 9" in text
    assert "The board pack is saved in" in dialog.banner.text() and dialog.narrative.isEnabled()
    assert dialog.progress.isHidden()


def test_a_word_pack(qtbot, council, tmp_path):
    dialog = _dialog(qtbot, council, "North", locality=council.localities["North"])
    dialog.word.setChecked(True)
    dialog.small_numbers.setChecked(True)
    _made(qtbot, dialog, lambda: dialog.produce_to(tmp_path / "north.docx"))
    text = docx_text(tmp_path / "north.docx")
    assert "No narrative was written for this pack." in text and "Shown: not for publication" in text


def test_a_file_that_cannot_be_written_is_said_in_the_banner(qtbot, council, tmp_path):
    dialog = _dialog(qtbot, council, "North")
    (tmp_path / "taken").write_text("a file, not a folder")
    dialog.produce_to(tmp_path / "taken" / "pack.pdf")
    qtbot.waitUntil(lambda: dialog.banner.property("error") is True, timeout=60_000)
    assert dialog.banner.text().startswith("The board pack was not made.")
    assert "could not be written" in dialog.banner.text() and "Traceback" not in dialog.banner.text()
    assert dialog.save_button.isEnabled() and dialog.progress.isHidden()


def test_someone_who_may_not_see_the_reports_gets_no_dialog(qtbot, council):
    with pytest.raises(PermissionDenied):
        BoardPackDialog(council.db, council.manager("North", role=Role.LEAD_PROFESSIONAL), PERIOD, None)


def test_the_dialog_as_it_looks(qtbot, council, colour_scheme):
    dialog = _dialog(qtbot, council, "North", "South")
    dialog.narrative.setPlainText(
        "Referrals rose after Easter, mostly from schools.\n\nThe groups cleared their deferrals by the end of April."
    )
    dialog.resize(720, 620)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("/tmp/board_pack_dialog.png")
    assert dialog.width() <= 1366 and dialog.height() <= 768

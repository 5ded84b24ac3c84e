"""Printing a registered document: the printer and copies chosen in the
print dialog reach the printing system with the file exactly as produced.
The printing system here is a stand-in `lp` on PATH that records what it
was asked to do."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tafdesk.models import DocumentFormat
from tafdesk.services.documents import DocumentService
from tafdesk.services.templates import TemplateService
from tafdesk.ui.documents import os_print
from tafdesk.ui.documents.os_print import PrintChoice, print_file
from tafdesk.ui.documents.page import DocumentsPage
from tafdesk.ui.documents.register_model import ENTRY_ROLE
from tests.documents.conftest import CLERK, TODAY, build_pack_world

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the stand-in printing system is a POSIX shell script")


@pytest.fixture
def lp(tmp_path, monkeypatch) -> Path:
    """A stand-in `lp` that records its arguments (and fails for a printer called Jammed)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    record = tmp_path / "lp-called-with.txt"
    script = folder / "lp"
    script.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\n'
        'case "$2" in Jammed) echo "lp: printer Jammed is out of paper" >&2; exit 1;; esac\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return record


@pytest.fixture
def letter(db, tmp_path) -> Path:
    world = build_pack_world(db)
    entry = DocumentService(world.db, CLERK, today=TODAY).produce_letters(
        world.meeting_id, tmp_path / "letters", formats=(DocumentFormat.PDF,)
    )[0]
    return Path(entry.path)


def test_the_file_goes_to_the_chosen_printer_with_the_copies(lp, letter):
    assert print_file(letter, PrintChoice("Office Printer 2", copies=3)) is None
    assert lp.read_text().splitlines() == ["-d", "Office Printer 2", "-n", "3", "--", str(letter)]


def test_a_refusal_says_why(lp, letter):
    assert print_file(letter, PrintChoice("Jammed")) == "lp: printer Jammed is out of paper"


def test_a_file_moved_away_is_not_sent(lp, tmp_path):
    assert "no longer there" in print_file(tmp_path / "gone.pdf", PrintChoice("Office"))
    assert not lp.exists()


@pytest.fixture
def page(qtbot, db, letter) -> DocumentsPage:
    page = DocumentsPage(DocumentService(db, CLERK, today=TODAY), TemplateService(db, CLERK), can_edit_templates=True)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    rows = [r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(ENTRY_ROLE).path == str(letter)]
    page.select_row(rows[0])
    return page


def test_print_asks_for_the_printer_then_sends_the_selected_document(qtbot, page, lp, letter, monkeypatch):
    monkeypatch.setattr(os_print, "printers", lambda: ["Office", "Reception"])
    monkeypatch.setattr(os_print, "ask_for_printer", lambda parent: PrintChoice("Reception", copies=2))
    with qtbot.waitSignal(page.status_message) as said:
        page.print_button.click()
    assert said.args == [f"Sent 2 copies of {letter.name} to Reception."]
    assert lp.read_text().splitlines()[:4] == ["-d", "Reception", "-n", "2"]


def test_cancelling_the_print_dialog_prints_nothing(page, lp, monkeypatch):
    monkeypatch.setattr(os_print, "printers", lambda: ["Office"])
    monkeypatch.setattr(os_print, "ask_for_printer", lambda parent: None)
    page.print_selected()
    assert not lp.exists()


def test_without_a_printer_the_user_is_told_what_to_do_instead(page, lp, monkeypatch):
    monkeypatch.setattr(os_print, "printers", list)
    page.print_selected()
    assert page.banner.text().startswith("No printer is set up") and page.banner.property("error") is True
    assert not lp.exists()

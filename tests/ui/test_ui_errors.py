"""Failures in the window: one plain sentence, Retry where repeating can work,
and a last resort for an exception that escapes a slot."""

from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtCore import Qt
from ui_helpers import click_row, retype

from tafdesk.ui.errors import explain, install_excepthook
from tests.test_db_failures import assert_plain
from tests.test_lock_waits import held_by


def test_a_busy_record_offers_retry_and_retry_saves(qtbot, page, db, service, sample):
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.dev.id)
    retype(qtbot, tab.form.phone, "01632 960123")
    holding = held_by(
        "manager.south", db, f"UPDATE professional SET version = version WHERE id = '{_key(db, sample.dev.id)}'"
    )
    with holding:
        qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)

    text = page.banner.text()
    assert_plain(text)
    assert text.startswith("Not saved. ")
    assert ("file is busy" in text) if db.is_sqlite else ("in use by manager.south in tafdesk" in text)
    assert page.banner.property("error") is True and page.banner.retry_button.isVisible()
    assert tab.form.is_dirty  # what was typed waits
    qtbot.mouseClick(page.banner.retry_button, Qt.MouseButton.LeftButton)  # they have finished
    assert service.professional(sample.dev.id).phone == "01632 960123"
    assert not tab.form.is_dirty and page.banner.isHidden()


def test_a_refusal_that_repeating_cannot_mend_offers_no_retry(qtbot, page, service, sample):
    tab = page.professionals
    click_row(qtbot, tab.panel, sample.dev.id)
    retype(qtbot, tab.form.job_title, "Team Leader")
    service.delete_professional(sample.dev.id, sample.dev.version)  # meanwhile, on another screen
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    assert page.banner.text().startswith("Not saved. That professional is no longer in the directory.")
    assert page.banner.isVisible() and not page.banner.retry_button.isVisible()


def _key(db, record_id) -> str:
    """The id as the table stores it (SQLite keeps UUIDs as 32 hex digits)."""
    return record_id.hex if db.is_sqlite else str(record_id)


def test_an_unforeseen_error_is_one_sentence_and_logged_without_its_text(caplog):
    caplog.set_level(logging.INFO)
    name = "-".join(("Okonkwo", "Hollis"))  # data in a variable, as a real fault would carry it
    try:
        {}[name]
    except KeyError as exc:
        text = explain(exc, "opening a family")
    assert text.startswith("tafdesk met a problem it did not expect (KeyError), so this was not done.")
    assert_plain(text.replace("(KeyError)", ""))
    assert "opening a family failed: KeyError" in caplog.text and "test_ui_errors.py" in caplog.text
    assert "Okonkwo" not in caplog.text


def test_an_exception_escaping_a_slot_is_shown_once_in_a_sentence(qapp, messages, caplog):
    family = " ".join(("Okonkwo", "family at 4 Mill Lane"))
    restore = install_excepthook()
    try:
        try:
            raise RuntimeError(family)
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        restore()
    [(kind, text)] = messages
    assert kind == "critical" and "did not expect (RuntimeError)" in text and "Okonkwo" not in text
    assert "Okonkwo" not in caplog.text and "RuntimeError" in caplog.text


def test_an_exception_ending_a_thread_is_logged_without_its_text_and_no_window_opens(qapp, messages, caplog):
    family = " ".join(("Okonkwo", "family at 4 Mill Lane"))

    def fails() -> None:
        raise KeyError(family)

    before = (sys.excepthook, threading.excepthook)
    restore = install_excepthook()
    try:
        worker = threading.Thread(target=fails, name="reading")
        worker.start()
        worker.join()
    finally:
        restore()
    assert messages == []
    assert "work on the thread reading failed: KeyError" in caplog.text and "Okonkwo" not in caplog.text
    assert (sys.excepthook, threading.excepthook) == before

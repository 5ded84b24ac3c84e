"""Starting out of reach with an offline copy: the dialog that offers it and
the one that opens it, walked from the keyboard and fitted at twice the size."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from keyboard_walk import keyboard_problems
from PySide6.QtWidgets import QApplication
from test_large_text import _found, _with_a_taskbar, at_twice_the_size, run_at_twice_the_size, settled_problems

from tafdesk.db.start_mode import Start, StartMode
from tafdesk.ui.offline_start import CopyUnlockDialog, OfflineStartDialog

SERVER = "postgresql://tafdesk-db.ambervale.example:5432/tafdesk"
START = Start(StartMode.OFFLINE_WITH_COPY, dt.datetime(2026, 12, 7, 10, 42, tzinfo=dt.UTC), Path("copy.tafcopy"))


def _dialogs(tmp_path: Path):
    copy = tmp_path / "offline" / "tomas.okafor.tafcopy"
    copy.parent.mkdir()
    copy.write_bytes(b"")  # there, so that Open is offered
    return OfflineStartDialog(SERVER, START), CopyUnlockDialog(copy, "tomas.okafor")


def test_the_offline_start_dialogs_work_from_the_keyboard(qtbot, tmp_path):
    from tafdesk.ui.theme import apply_theme

    apply_theme(QApplication.instance())
    for dialog in _dialogs(tmp_path):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert keyboard_problems(dialog) == [], type(dialog).__name__
        dialog.reject()


def test_the_offline_start_dialogs_fit_at_twice_the_size(request, tmp_path):
    if not at_twice_the_size():
        run_at_twice_the_size(request)
        return
    qtbot = request.getfixturevalue("qtbot")
    _with_a_taskbar(request.getfixturevalue("monkeypatch"))
    start, unlock = _dialogs(tmp_path)
    found = {}
    for dialog in (start, unlock):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        found[type(dialog).__name__] = settled_problems(qtbot, dialog)
    unlock.open_copy()  # no password: refused at once, and said
    assert unlock.message.text().startswith("Give your password")
    found["CopyUnlockDialog saying why not"] = settled_problems(qtbot, unlock)
    assert not any(found.values()), _found(found)

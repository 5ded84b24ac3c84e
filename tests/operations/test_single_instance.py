"""One tafdesk window per SQLite file, with real second processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tafdesk.db.instance import InstanceLock, lock_path

CHILD = Path(__file__).with_name("instance_child.py")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the tests start and kill POSIX processes")


def _holder(path: Path) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.getcwd())
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def test_a_second_process_is_told_and_the_first_window_raised(tmp_path, qapp):
    from tafdesk.ui.single_instance import SingleInstance

    path = tmp_path / "tafdesk.sqlite"
    first = _holder(path)
    try:
        second = SingleInstance(path)
        assert not second.claim()
        assert second.raised_other
        assert "already open on this database" in second.refusal() and str(first.pid) in second.refusal()
        assert first.stdout is not None and first.stdout.readline().strip() == "raised"
    finally:
        first.communicate("", timeout=20)
    assert not lock_path(path).exists()  # let go cleanly: no lock file left
    again = SingleInstance(path)
    assert again.claim()
    again.release()


def test_a_killed_window_leaves_no_stale_lock(tmp_path):
    path = tmp_path / "tafdesk.sqlite"
    first = _holder(path)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=20)
    assert lock_path(path).exists()  # left behind, but the system let go of its lock
    lock = InstanceLock(path)
    assert lock.acquire()
    lock.release()


def test_the_gui_refuses_a_second_window_on_the_same_file(tmp_path):
    """Two real `tafdesk` windows on one file: the second says so at once."""
    path = tmp_path / "tafdesk.sqlite"
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.getcwd(), TAFDESK_HOME=str(home))
    subprocess.run([sys.executable, "-m", "tafdesk", "db", "upgrade", "--db", str(path)], env=env, check=True)
    first = _holder(path)
    try:
        second = subprocess.Popen(
            [sys.executable, "-m", "tafdesk", "--db", str(path)], stderr=subprocess.PIPE, text=True, env=env
        )
        assert second.stderr is not None
        line = second.stderr.readline()
        second.kill()  # its message box waits for a click offscreen
        second.wait(timeout=20)
        assert "tafdesk is already open on this database" in line
        assert first.stdout is not None and first.stdout.readline().strip() == "raised"
    finally:
        first.communicate("", timeout=20)

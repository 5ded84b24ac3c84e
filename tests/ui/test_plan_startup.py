"""Start-up does not pay for the plan screens: they load when the Cases and
TAF plans area is first opened (or when it is the area tafdesk opens on: a
lead professional's own page)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import PASSWORD, allow_sign_in, db_argument

PLAN_MODULES = ("tafdesk.ui.plans.page", "tafdesk.ui.plans.workspace", "tafdesk.services.plans")

PROGRAM = textwrap.dedent("""
    import sys
    from tafdesk.ui.app import run_gui
    code = run_gui(sys.argv[1], sys.argv[2], sys.stdin.readline().strip())
    print("LOADED", *[name for name in sys.argv[3:] if name in sys.modules])
    sys.exit(code)
""")


def _loaded(db_path: str, home, username: str) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TAFDESK_HOME": str(home), "TAFDESK_QUIT_AFTER_STARTUP": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, db_path, username, *PLAN_MODULES],
        env=env,
        capture_output=True,
        input=f"{PASSWORD}\n",
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return next(line for line in done.stdout.splitlines() if line.startswith("LOADED")).split()[1:]


def test_plan_screens_load_only_for_whoever_opens_on_them(db, users, tmp_path):
    allow_sign_in(db, "manager.north", "lead.north1")
    assert _loaded(db_argument(db), tmp_path, "manager.north") == []  # a chair opens on Meetings
    assert _loaded(db_argument(db), tmp_path, "lead.north1")[:2] == list(PLAN_MODULES[:2])  # their own cases

"""Start-up stays light: the Intake page, and the libraries its services use
(schema checking, fuzzy matching, bank holidays), load only when needed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tafdesk.models import Role, User
from tests.conftest import PASSWORD, allow_sign_in, db_argument

HEAVY = ("tafdesk.ui.intake.page", "tafdesk.services.intake", "jsonschema", "rapidfuzz", "holidays")

PROGRAM = textwrap.dedent(
    """
    import sys
    from tafdesk.ui.app import run_gui
    code = run_gui(sys.argv[1], sys.argv[2], sys.stdin.readline().strip())
    print("LOADED", *[name for name in sys.argv[3:] if name in sys.modules])
    sys.exit(code)
    """
)


def _start(db_path: str, home, username: str) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TAFDESK_HOME": str(home), "TAFDESK_QUIT_AFTER_STARTUP": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, db_path, username, *HEAVY],
        env=env,
        capture_output=True,
        input=f"{PASSWORD}\n",
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("LOADED"))
    return line.split()[1:]


def test_a_chairs_start_loads_no_intake_page_and_no_heavy_library(db, tmp_path):
    with db.session() as s:
        s.add(User(username="manager.north", display_name="Nadia Hughes", role=Role.LOCALITY_MANAGER))
    allow_sign_in(db, "manager.north")
    assert _start(db_argument(db), tmp_path, "manager.north") == []


def test_business_support_open_on_intake_without_its_heavy_libraries(db, tmp_path):
    with db.session() as s:
        s.add(User(username="support.north", display_name="Bea Support", role=Role.BUSINESS_SUPPORT))
    allow_sign_in(db, "support.north")
    loaded = _start(db_argument(db), tmp_path, "support.north")
    assert "tafdesk.ui.intake.page" in loaded and "jsonschema" not in loaded

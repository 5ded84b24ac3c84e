"""Start-up does not pay for the plan screens: they load when the Cases and
TAF plans area is first opened (or when it is the area tafdesk opens on)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import PASSWORD, allow_sign_in, db_argument
from tafdesk.models import Role, User

PLAN_MODULES = ("tafdesk.ui.plans.page", "tafdesk.ui.plans.workspace", "tafdesk.services.plans")

PROGRAM = textwrap.dedent("""
    import sys
    from tafdesk.ui.app import run_gui
    code = run_gui(sys.argv[1], "manager.north", sys.stdin.readline().strip())
    print("LOADED", *[name for name in sys.argv[2:] if name in sys.modules])
    sys.exit(code)
""")


def _loaded(db_path: str, home, last_area: str | None) -> list[str]:  # noqa: ANN001
    if last_area:
        (home / "settings.ini").write_text(f"[window]\nlast_area={last_area}\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TAFDESK_HOME": str(home), "TAFDESK_QUIT_AFTER_STARTUP": "1"}
    done = subprocess.run([sys.executable, "-c", PROGRAM, db_path, *PLAN_MODULES], env=env, capture_output=True,
                          input=f"{PASSWORD}\n", text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return next(line for line in done.stdout.splitlines() if line.startswith("LOADED")).split()[1:]


def test_plan_screens_load_only_with_their_area(db, tmp_path):
    with db.session() as s:
        s.add(User(username="manager.north", display_name="Nadia Hughes", role=Role.LOCALITY_MANAGER))
    allow_sign_in(db, "manager.north")
    for name in ("default", "cases"):
        (tmp_path / name).mkdir()
    assert _loaded(db_argument(db), tmp_path / "default", None) == []
    assert _loaded(db_argument(db), tmp_path / "cases", "cases")[:2] == list(PLAN_MODULES[:2])

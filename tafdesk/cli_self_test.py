"""`tafdesk --self-test`: is this installation whole? Council IT runs it after
installing, and CI runs it on the built bundle. It checks the files tafdesk
reads at run time (resources, migrations, the intake contract), that the
allocation's solver and the document libraries load, and that the sign-in
dialog opens and draws (then closes it). Nothing is read or written in any
database."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from tafdesk.paths import resource_path

FONTS = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoNaskhArabic-Regular.ttf")


def _resources() -> str:
    missing = [
        name
        for name in (*(f"fonts/{f}" for f in FONTS), "icons/tafdesk.svg", "style.qss")
        if not resource_path(*name.split("/")).is_file()
    ]
    templates = list(resource_path("templates").glob("*.md"))
    if missing or not templates:
        raise RuntimeError(f"missing: {', '.join(missing) or 'the letter templates'}")
    return f"fonts, icons, style sheet and {len(templates)} letter templates"


def _migrations() -> str:
    from tafdesk.db import migrations

    if migrations.HEAD_REVISION not in migrations.known_revisions() or not (migrations.SCRIPT_DIR / "env.py").is_file():
        raise RuntimeError(f"the migrations up to {migrations.HEAD_REVISION} are not all there")
    return f"schema migrations up to {migrations.HEAD_REVISION}"


def _contract() -> str:
    from tafdesk.contracts import PROFILE360_SCHEMA

    if not PROFILE360_SCHEMA.is_file():
        raise RuntimeError("the 360° profile schema is missing")
    return "the 360° profile schema"


def _solver() -> str:
    from tafdesk.allocation.assignment import linear_sum_assignment

    _, cols = linear_sum_assignment([[4.0, 1.0], [2.0, 5.0]])
    if list(cols) != [1, 0]:
        raise RuntimeError(f"the assignment solver answered {list(cols)}")
    return "the allocation's assignment solver"


def _libraries() -> str:
    names = (
        "reportlab.pdfgen.canvas",
        "docx",
        "xlsxwriter",
        "PIL.ImageFont",
        "argon2",
        "psycopg",
        "holidays",
        "sqlcipher3",
    )
    for name in names:
        importlib.import_module(name)
    return "document, password, database and offline-copy libraries"


def _window_modules() -> str:
    """Every module the window starts with (a Qt module left out of a build shows here, not at a user's start)."""
    for name in ("tafdesk.ui.app", "tafdesk.ui.main_window", "tafdesk.ui.areas"):
        importlib.import_module(name)
    return "the window's modules"


CHECKS: tuple[Callable[[], str], ...] = (_resources, _migrations, _contract, _solver, _libraries, _window_modules)


def run() -> int:
    """Print one line a check; 0 when all pass, 1 otherwise."""
    failed = 0
    for check in (*CHECKS, _window, _first_run):
        try:
            said = check()
        except Exception as exc:  # noqa: BLE001 (a self-test reports every failure and goes on to the next check)
            failed += 1
            said = str(exc) if isinstance(exc, RuntimeError) else f"{type(exc).__name__}: {exc}"  # ours say it all
            print(f"FAILED  {check.__name__.strip('_')}: {said}")
        else:
            print(f"ok      {said}")
    print("tafdesk self-test: " + ("all well" if not failed else f"{failed} check(s) failed"))
    return 1 if failed else 0


def _window() -> str:
    from tafdesk.ui.self_test import show_sign_in

    return show_sign_in()


def _first_run() -> str:
    from tafdesk.ui.self_test import show_first_run

    return show_first_run()

"""`tafdesk users ...` and signing in from the command line, run as a user
would run them (on the backend this run tests)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tafdesk.models import Locality
from tests.conftest import db_argument

FIRST = "first admin password"


def tafdesk(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """With stdin None, standard input is not a terminal and has nothing."""
    return subprocess.run(
        [sys.executable, "-m", "tafdesk", *args],
        input=stdin or "",
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def where(db) -> list[str]:
    with db.session() as s:
        s.add_all([Locality(name="North", code="N"), Locality(name="South", code="S")])
    return ["--db", db_argument(db)]


def test_the_owner_makes_the_first_administrator_who_then_manages_users(where):
    made = tafdesk("users", "add", "Jo.Admin", "--role", "admin", "--password-stdin", *where, stdin=f"{FIRST}\n")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Added jo.admin (jo.admin), an administrator")
    again = tafdesk("users", "add", "someone", "--role", "admin", "--password-stdin", *where, stdin="whatever it is\n")
    assert again.returncode == 1 and "has users already: sign in as an administrator with --user NAME" in again.stderr

    as_admin = ["--user", "jo.admin", "--password-stdin", *where]
    added = tafdesk(
        "users",
        "add",
        "manager.north",
        "--role",
        "locality-manager",
        "--locality",
        "north",
        "--display-name",
        "Nadia Hughes",
        *as_admin,
        stdin=f"{FIRST}\nnadia's password\n",
    )
    assert added.returncode == 0, added.stderr
    assert "Added manager.north (Nadia Hughes), a locality manager in North" in added.stdout
    listed = tafdesk("users", "list", *as_admin, stdin=f"{FIRST}\n")
    assert listed.stdout.splitlines()[0].split() == ["USERNAME", "NAME", "ROLE", "LOCALITIES", "PROFESSIONAL", "STATUS"]
    assert any(
        line.split()[:4] == ["manager.north", "Nadia", "Hughes", "locality_manager"]
        for line in listed.stdout.splitlines()
    )

    steps = [
        (("disable", "manager.north"), "", "manager.north is disabled: they can no longer sign in."),
        (("enable", "manager.north"), "", "manager.north is enabled."),
        (("password", "manager.north"), "nadia's new password\n", "manager.north: password changed."),
        (
            ("role", "manager.north", "business_support", "--locality", "N", "--locality", "South"),
            "",
            "manager.north is now business support in North, South.",
        ),
    ]
    for args, more, says in steps:
        done = tafdesk("users", *args, *as_admin, stdin=f"{FIRST}\n{more}")
        assert (done.returncode, done.stdout.strip()) == (0, says), done.stderr
    signed_in = tafdesk(
        "users", "list", "--user", "manager.north", "--password-stdin", *where, stdin="nadia's new password\n"
    )
    assert signed_in.returncode == 1 and "may not manage users" in signed_in.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ("add", "lee", "--role", "chief"),
            "“chief” is not a role: say admin, locality_manager, business_support or lead_professional.",
        ),
        (("add", "lee", "--role", "business_support", "--locality", "East"), "There is no locality called “East”"),
        (("disable", "nobody"), "There is no user called “nobody”."),
    ],
)
def test_mistakes_are_one_plain_sentence(where, args, says):
    tafdesk("users", "add", "jo.admin", "--role", "admin", "--password-stdin", *where, stdin=f"{FIRST}\n")
    done = tafdesk("users", *args, "--user", "jo.admin", "--password-stdin", *where, stdin=f"{FIRST}\nlee's password\n")
    assert done.returncode == 1 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("tafdesk: ") and says in line


def test_nobody_is_signed_in_by_a_name_alone(where):
    tafdesk("users", "add", "jo.admin", "--role", "admin", "--password-stdin", *where, stdin=f"{FIRST}\n")
    no_terminal = tafdesk("users", "list", "--user", "jo.admin", *where, env={"TAFDESK_USER": "jo.admin"})
    assert no_terminal.returncode == 1
    assert (
        "No password given: tafdesk asks for it at a terminal; from a script, pipe it in with --password-stdin."
        in no_terminal.stderr
    )
    for env in ({"TAFDESK_USER": "jo.admin"}, {"USER": "jo.admin", "LOGNAME": "jo.admin"}):
        nameless = tafdesk("users", "list", *where, env=env)
        assert nameless.returncode == 1 and "Say who you are with --user NAME" in nameless.stderr
    ran_out = tafdesk(
        "users", "password", "jo.admin", "--user", "jo.admin", "--password-stdin", *where, stdin=f"{FIRST}\n"
    )
    assert ran_out.returncode == 1 and "standard input ended before the password" in ran_out.stderr


def test_the_window_signs_in_from_the_command_line_only_with_a_password(where):
    """--user fills in the dialog; with --password-stdin the window opens at once."""
    tafdesk("users", "add", "jo.admin", "--role", "admin", "--password-stdin", *where, stdin=f"{FIRST}\n")
    env = {"QT_QPA_PLATFORM": "offscreen", "TAFDESK_QUIT_AFTER_STARTUP": "1"}
    opened = tafdesk("--user", "jo.admin", "--password-stdin", *where, stdin=f"{FIRST}\n", env=env)
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.startswith("tafdesk-ready ")

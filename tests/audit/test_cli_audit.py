"""`tafdesk audit verify` and `tafdesk audit anchor`, run as an administrator
would run them (on the backend this run tests): one line saying OK or where
the chain is broken, the exit code to match, never a traceback."""

from __future__ import annotations

import re

import pytest

from tafdesk.models import Role, User
from tests.audit.conftest import lose_the_keys, tamper, write_events
from tests.conftest import PASSWORD, allow_sign_in, db_argument
from tests.identity.test_cli_users import tafdesk


@pytest.fixture
def where(db) -> list[str]:
    with db.session() as s:
        s.add_all(
            [
                User(username="ada.admin", display_name="Ada Admin", role=Role.ADMIN),
                User(username="sam.support", display_name="Sam Support", role=Role.BUSINESS_SUPPORT),
            ]
        )
    allow_sign_in(db, "ada.admin", "sam.support")
    return ["--db", db_argument(db)]


def _as(who: str, *args: str) -> list[str]:
    return [*args, "--user", who, "--password-stdin"]


def test_an_administrator_verifies_and_anchors_the_trail(db, where):
    write_events(db, 4)
    verified = tafdesk("audit", "verify", *_as("ada.admin", *where), stdin=f"{PASSWORD}\n")
    assert (verified.returncode, verified.stderr) == (0, "")
    assert (
        verified.stdout == "Audit trail OK: 4 events, an unbroken chain of links 1 to 4, 4 verified with their key.\n"
    )

    anchored = tafdesk("audit", "anchor", *_as("ada.admin", *where), stdin=f"{PASSWORD}\n")
    assert anchored.returncode == 0
    line = anchored.stdout.strip()
    assert re.fullmatch(r"4:[0-9a-f]{64}  \(link 4, recorded \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)", line), line

    write_events(db, 1, start=4)
    checked = tafdesk("audit", "verify", "--anchor", line.split()[0], *_as("ada.admin", *where), stdin=f"{PASSWORD}\n")
    assert checked.returncode == 0 and checked.stdout.rstrip().endswith(
        "5 verified with their key, and 1 anchor found in it."
    )


def test_a_broken_chain_is_named_at_its_first_broken_link_with_exit_1(db, where):
    ids = write_events(db, 4)
    tamper(db, "UPDATE audit_event SET action = 'nothing.happened' WHERE id = :id", id=ids[1])
    tamper(db, "UPDATE audit_event SET action = 'nothing.happened' WHERE id = :id", id=ids[3])

    done = tafdesk("audit", "verify", *_as("ada.admin", *where), stdin=f"{PASSWORD}\n")
    assert done.returncode == 1 and done.stderr == ""
    assert re.fullmatch(
        rf"Audit trail BROKEN: link 2 \(event {ids[1]}, recorded \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC\) "
        r"was changed: the event no longer matches what was recorded\.\n",
        done.stdout,
    ), done.stdout


def test_the_cut_off_tail_is_named_against_the_anchor(db, where):
    ids = write_events(db, 3)
    anchored = tafdesk("audit", "anchor", *_as("ada.admin", *where), stdin=f"{PASSWORD}\n").stdout.split()[0]
    tamper(
        db,
        *[f"DELETE FROM {table} WHERE id = :id" for table in ("audit_link", "audit_value", "audit_event")],
        id=ids[2],
    )
    done = tafdesk("audit", "verify", "--anchor", anchored, *_as("ada.admin", *where), stdin=f"{PASSWORD}\n")
    assert done.returncode == 1
    assert done.stdout == (
        "Audit trail BROKEN: link 3 is gone: the chain ends at link 2, but an anchor was taken at "
        "link 3 (the newest events have been cut off).\n"
    )


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (_as("sam.support"), f"{PASSWORD}\n", "Sam Support (business support) may not verify the audit trail."),
        (["--anchor", "12:beef", *_as("ada.admin")], f"{PASSWORD}\n", "--anchor: “12:beef” is not an anchor"),
        (["--user", "ada.admin"], None, "No password given"),
    ],
)
def test_who_may_not_or_what_is_wrong_is_said_in_one_line(db, where, args, stdin, says):
    write_events(db, 1)
    done = tafdesk("audit", "verify", *args, *where, stdin=stdin)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("tafdesk: ") and says in done.stderr and len(done.stderr.splitlines()) == 1


def test_without_user_only_the_owner_role_may(db, where):
    write_events(db, 2)
    done = tafdesk("audit", "verify", *where)
    if db.is_sqlite:  # whoever can open the file is nobody in particular
        assert done.returncode == 1 and "Say who you are with --user NAME" in done.stderr
    else:  # the tests' server role owns the tables
        assert done.returncode == 0 and done.stdout.startswith("Audit trail OK: 2 events")


def test_links_whose_key_is_elsewhere_are_named_not_called_broken(db, where, tmp_path, monkeypatch):
    write_events(db, 2)
    lose_the_keys(db, tmp_path, monkeypatch)
    write_events(db, 1, start=2)
    done = tafdesk("audit", "verify", *_as("ada.admin", *where), stdin=f"{PASSWORD}\n")
    assert done.returncode == 0, done.stdout
    found, ok = done.stdout.splitlines()
    where_ = "computer" if db.is_sqlite else "server"
    assert re.fullmatch(
        rf"Links 1 to 2 \(\d{{4}}-\d\d-\d\d to \d{{4}}-\d\d-\d\d\) cannot be verified on this "
        rf"{where_}: they were written with a key kept elsewhere .*, or against an anchor taken since\.",
        found,
    ), found
    assert ok == "Audit trail OK: 3 events, an unbroken chain of links 1 to 3, 1 verified with their key."

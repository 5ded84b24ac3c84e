"""`tafdesk sar --person ID | --family REF --out FOLDER`: a subject access
request's pack (services/subject_access.py and subject_access_pack.py).
Administrators; on PostgreSQL through the owner's connection, as for
retention (cli_sign_in.sign_in_through_owner). It prints counts and where
the pack is, never what it holds."""

from __future__ import annotations

import argparse
from pathlib import Path

from tafdesk.cli_sign_in import add_sign_in_options

EXIT_OK = 0


def add_parser(commands) -> None:
    sar = commands.add_parser(
        "sar",
        help="gather everything held about one person or family for a subject access request (administrators)",
        description="A person is named by the id their family's record shows beside them (e.g. F-000042-7KQ2), a "
        "family by its reference or a case's. The pack (index.html, records.json, audit.csv and copies "
        "of documents) goes into a new or empty folder only its owner may read. On PostgreSQL, give --db "
        "naming the owner role and sign in as an administrator with --user.",
    )
    who = sar.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", metavar="ID", help="a person's id as their family's record shows it")
    who.add_argument(
        "--family", metavar="REF", help="a family's reference (F-000042) or one of its cases' (N-2026-0012)"
    )
    sar.add_argument("--out", required=True, metavar="FOLDER", help="a new or empty folder to write the pack into")
    sar.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="the database (as for tafdesk)")
    add_sign_in_options(sar)


def run_sar(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_sign_in import sign_in_through_owner
    from tafdesk.services import subject_access_pack
    from tafdesk.services.subject_access import SubjectAccessService

    out = Path(args.out)
    subject_access_pack.refuse_unless_empty(out)  # before a password is asked for
    database, actor = sign_in_through_owner(args, db_arg, "A subject access request")
    try:
        gathered = SubjectAccessService(database, actor).gather(person=args.person, family=args.family)
    finally:
        database.dispose()
    pack = subject_access_pack.write(gathered, out)
    counted = subject_access_pack.counted
    print(
        f"Written to {pack.folder}: {counted(len(gathered.items), 'record')}, "
        f"{counted(len(gathered.documents), 'document')} ({pack.copied} copied) and "
        f"{counted(len(gathered.audit), 'audit event')}; {counted(gathered.for_review, 'item')} marked for review "
        "before disclosure. Open index.html first."
    )
    if pack.not_copied:
        print(f"Documents listed but not copied ({len(pack.not_copied)}):")
        for path, why in pack.not_copied:
            print(f"  {path} ({why})")
    return EXIT_OK

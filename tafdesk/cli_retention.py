"""`tafdesk retention report|apply`: what the retention schedule makes due,
and anonymising or deleting it (administrators; on PostgreSQL through the
owner's connection, see cli_sign_in.sign_in_through_owner).

`apply` changes nothing unless --confirm is given: it prints what it would do
and says how to do it. What goes cannot be brought back, and an administrator
who reads no case content has only this list of references to judge it by,
so the command that deletes asks for its flag every time rather than taking a
slip of the keyboard for consent. Everything printed is references, counts
and file paths (named by case reference): never a family's name."""

from __future__ import annotations

import argparse

from tafdesk.cli_sign_in import add_sign_in_options

EXIT_OK = 0
WHAT = "tafdesk retention"
RULE_WORDS = {
    "worked_with": "Families worked with (until the youngest child is {youngest_child_age}, and at least "
    "{years_after_work} years after the last case ended)",
    "not_allocated": "Families never allocated ({years_not_allocated} years after the last case ended)",
}


def add_parser(commands) -> None:
    retention = commands.add_parser(
        "retention",
        help="what the retention schedule makes due, and anonymising or deleting it (administrators)",
        description="The periods are shared settings (tafdesk settings set retention.NAME N). On PostgreSQL, give "
        "--db naming the owner role and sign in as an administrator with --user.",
    ).add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    report = retention.add_parser("report", help="what is due: counts per kind of record, families by reference")
    apply = retention.add_parser(
        "apply",
        help="anonymise or delete what is due, in one transaction (only with "
        "--confirm; without it, says what it would do)",
    )
    apply.add_argument("--confirm", action="store_true", help="do it: what goes cannot be brought back")
    for sub in (report, apply):
        sub.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="the database (as for tafdesk)")
        add_sign_in_options(sub)


def run_retention(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_sign_in import sign_in_through_owner
    from tafdesk.services.retention import RetentionService

    database, actor = sign_in_through_owner(args, db_arg, WHAT)
    try:
        service = RetentionService(database, actor)
        if args.retention_command == "apply" and args.confirm:
            result = service.apply()
            _print_done(result)
            return EXIT_OK
        report = service.report()
        for line in report_lines(report):
            print(line)
        if args.retention_command == "apply" and not report.nothing_due:
            print(
                "Nothing was changed: run `tafdesk retention apply --confirm` to anonymise and delete what is "
                "listed above."
            )
        return EXIT_OK
    finally:
        database.dispose()


def report_lines(report) -> list[str]:
    due, periods = report.due, report.periods.as_dict()
    lines = [
        f"Due on {report.today:%-d %B %Y} under the retention periods "
        f"({', '.join(f'{k} {v}' for k, v in periods.items())}):"
    ]
    for rule, words in RULE_WORDS.items():
        families = [f for f in due.families if f.rule == rule]
        lines.append(f"  {words.format(**periods)}: {len(families)} to anonymise")
        lines += [
            f"    {f.reference} (cases {', '.join(f.cases) or 'none'}; due {f.due_on:%-d %b %Y})" for f in families
        ]
    if due.held:
        lines.append(f"  Held, as a waiting profile may be theirs: {len(due.held)} ({', '.join(due.held)})")
    lines.append(
        f"  Drafts of plans never agreed ({periods['months_draft_after_end']} months after the case ended): "
        f"{len(due.drafts)} to delete"
    )
    lines += [f"    {d.case_reference} version {d.plan_version}" for d in due.drafts]
    lines.append(
        f"  Meetings' minutes and notes ({periods['years_minutes']} years after the meeting): "
        f"{len(due.meetings)} meetings, {sum(x.files for x in due.meetings)} minutes files"
    )
    lines += [f"    {x.name} ({x.files} files)" for x in due.meetings]
    lines.append(f"  Documents in the register that go with them: {due.documents} (and their files)")
    if report.nothing_due:
        lines.append("Nothing is due.")
    return lines


def _print_done(result) -> None:
    from tafdesk.services.subject_access_pack import counted

    due = result.report.due
    print(
        f"Anonymised {counted(len(due.families), 'family', 'families')}, deleted "
        f"{counted(len(due.drafts), 'draft')} and the minutes of {counted(len(due.meetings), 'meeting')}, and "
        f"removed {counted(due.documents, 'document')} from the register; the audit trail's values were "
        f"anonymised in {counted(result.audit_values, 'event')}. Each is in the audit trail."
    )
    files = result.files
    print(f"Files removed: {len(files.removed)}.")
    if files.left:
        print(f"Files not removed ({len(files.left)}): remove them by hand where they are, or say why they stay.")
        for path, why in files.left:
            print(f"  {path} ({why})")

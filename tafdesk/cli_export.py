"""`tafdesk export ...`: documents from the command line, through the same
service (and the same register) as the window."""

from __future__ import annotations

import argparse
from pathlib import Path

EXIT_OK, EXIT_FAILED = 0, 1


def run_export(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_sign_in import sign_in
    from tafdesk.models import DocumentFormat, DocumentType
    from tafdesk.services.documents import DocumentService
    from tafdesk.services.errors import ConflictError

    database, actor = sign_in(args, db_arg)
    try:
        service = DocumentService(database, actor)
        out = Path(args.out)
        if args.export_command == "chronology":
            return _chronology(database, actor, args, out)
        if args.export_command in ("minutes", "plan"):
            fmt = _single_format(args.format, out)
            if out.exists() and not args.force:
                raise ConflictError(f"{out} already exists: say --force to replace it, or choose another name.")
            if args.export_command == "minutes":
                edition = DocumentType.MINUTES_FULL if args.edition == "full" else DocumentType.MINUTES_CIRCULATION
                entry = service.produce_minutes(service.find_meeting(args.meeting), edition, fmt, out)
            else:
                entry = service.produce_plan(service.find_case(args.case), fmt, out)
            print(f"{entry.type_words} written to {entry.path}")
            return EXIT_OK
        formats = (
            (DocumentFormat.PDF, DocumentFormat.DOCX)
            if args.format in (None, "both")
            else (DocumentFormat(args.format),)
        )
        meeting_id = service.find_meeting(args.meeting)
        produce = service.produce_letters if args.export_command == "letters" else service.produce_meeting_pack
        entries = produce(meeting_id, out, formats)
        for entry in entries:
            print(f"{Path(entry.path).name}: {entry.type_words}{f' to {entry.recipient}' if entry.recipient else ''}")
        print(f"{len(entries)} file{'s' * (len(entries) != 1)} written to {out.resolve()}")
        return EXIT_OK
    finally:
        database.dispose()


def _chronology(database, actor, args: argparse.Namespace, out: Path) -> int:
    from tafdesk.services.chronology_export import ChronologyExport
    from tafdesk.services.errors import ConflictError

    fmt = _single_format(args.format, out)
    if out.exists() and not args.force:
        raise ConflictError(f"{out} already exists: say --force to replace it, or choose another name.")
    export = ChronologyExport(database, actor)
    written = export.produce(export.find_case(args.case), fmt, out, full=args.edition == "full")
    edition = "full edition" if args.edition == "full" else "edition for other agencies"
    print(f"Chronology ({edition}) written to {written.path}")
    return EXIT_OK


def _single_format(given: str | None, out: Path):
    """The format the file's extension says, which --format, if given, must
    agree with: a Word file named .pdf opens as a broken PDF."""
    from tafdesk.models import DocumentFormat
    from tafdesk.services.errors import ValidationError

    suffix = out.suffix.lower().lstrip(".")
    if suffix not in ("pdf", "docx"):
        raise ValidationError({"format": f"Name the file .pdf or .docx: “{out.name}” has neither extension."})
    if given and given != suffix:
        raise ValidationError(
            {"format": f"--format {given} does not agree with “{out.name}”: name it .{given}, or leave --format out."}
        )
    return DocumentFormat(suffix)

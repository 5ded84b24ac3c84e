"""The watched inbox folder: files the access team drops in are imported and
moved to imported/ or rejected/ (with NAME.error.txt saying why)."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from tafdesk.private_files import open_private, private_folder
from tafdesk.services.intake import FileReport, IntakeService

SETTLE_SECONDS = 2.0  # a file still being written is left for the next look


def pending_files(inbox: Path, now: float | None = None) -> list[Path]:
    """JSON files in the inbox (not its subfolders) that have stopped changing."""
    now = time.time() if now is None else now
    files = []
    for path in sorted(inbox.glob("*")):
        wanted = path.is_file() and path.suffix.lower() == ".json" and not path.name.startswith(".")
        if wanted and now - path.stat().st_mtime >= SETTLE_SECONDS:
            files.append(path)
    return files


def process_inbox(inbox: Path, intake: IntakeService, now: float | None = None) -> list[FileReport]:
    reports = []
    for path in pending_files(inbox, now):
        report = intake.import_path(path)
        if report.rejected:
            target = _free_name(inbox / "rejected", path.name)
            _write_atomically(target.with_name(target.name + ".error.txt"), _error_text(report))
        else:
            target = _free_name(inbox / "imported", path.name)
        private_folder(target.parent)
        os.replace(path, target)
        reports.append(report)
    return reports


def _error_text(report: FileReport) -> str:
    lines = [f"{report.source} was not imported: nothing in it was stored.", "", "What is wrong:"]
    lines += [f"- {error}" for error in report.errors]
    lines += ["", "Correct the file and put it in the inbox again."]
    return "\n".join(lines) + "\n"


def _free_name(folder: Path, name: str) -> Path:
    """folder/name, or folder/stem-2.json and so on if that is taken."""
    private_folder(folder)
    candidate, stem, suffix, n = folder / name, Path(name).stem, Path(name).suffix, 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    with open_private(partial, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(partial, path)


@dataclass(frozen=True)
class RejectedFile:
    name: str
    rejected_at: dt.datetime
    reasons: tuple[str, ...]


def rejected_files(inbox: Path) -> list[RejectedFile]:
    """The files in the inbox's rejected/ folder, newest first, with why each was rejected."""
    folder = inbox / "rejected"
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.json"):
        note = path.with_name(path.name + ".error.txt")
        try:
            reasons = _reasons(note.read_text(encoding="utf-8")) if note.exists() else ()
            when = dt.datetime.fromtimestamp((note if note.exists() else path).stat().st_mtime)
        except OSError:
            continue  # moved away while being listed
        found.append(RejectedFile(path.name, when, reasons))
    return sorted(found, key=lambda f: f.rejected_at, reverse=True)


def _reasons(text: str) -> tuple[str, ...]:
    return tuple(line[2:] for line in text.splitlines() if line.startswith("- "))

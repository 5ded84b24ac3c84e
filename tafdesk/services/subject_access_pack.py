"""Writing a subject access request's pack into a folder of its own, for the
person who answers it: index.html (everything, readable in any browser,
with what needs a look before disclosure marked), records.json (the same,
for other tools), audit.csv (the audit trail's events), and documents/ (the
copies of the letters and plans made about the family that are on this
computer, unchanged since they were made). The folder must be new or empty;
it and every file in it are its owner's only (private_files)."""

from __future__ import annotations

import csv
import html
import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from tafdesk.exports.files import safe_name, sha256_of
from tafdesk.private_files import make_private, open_private, private_folder
from tafdesk.services.errors import ValidationError
from tafdesk.services.subject_access import SubjectAccess

STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4;color:#1b1b1b}"
    "table{border-collapse:collapse;width:100%;margin:.3em 0 1.2em}td,th{border:1px solid #bbb;padding:.3em .5em;"
    "text-align:left;vertical-align:top}th{background:#eee;width:14em}.review{background:#fff4c2;"
    "border-left:4px solid #b58900;padding:.4em .6em;margin:.3em 0}h3{margin-bottom:.2em}"
)


@dataclass(frozen=True)
class Pack:
    folder: Path
    copied: int  # documents copied into documents/
    not_copied: tuple[tuple[str, str], ...]  # (path, why): not on this computer, changed, or minutes (listed only)


def refuse_unless_empty(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ValidationError(
            {
                "--out": f"{folder} is not an empty folder: give a new one (or an empty one), so that "
                "the pack is nothing but this request."
            }
        )


def write(sar: SubjectAccess, folder: Path) -> Pack:
    folder = Path(folder)
    refuse_unless_empty(folder)
    private_folder(folder, ours=True)
    copied, left = _copy_documents(sar, folder / "documents")
    _write_text(folder / "index.html", _index(sar, copied, left))
    _write_text(folder / "records.json", json.dumps(_as_json(sar, copied), indent=2, ensure_ascii=False, default=str))
    with open_private(folder / "audit.csv", "w", encoding="utf-8", newline="") as out:
        rows = csv.writer(out)
        rows.writerow(["When (UTC)", "Who", "What", "Record", "Values"])
        rows.writerows([f"{e.occurred_at:%Y-%m-%d %H:%M:%S}", e.who, e.action, e.record, e.values] for e in sar.audit)
    return Pack(folder, len(copied), tuple(left))


def counted(number: int, noun: str, many: str | None = None) -> str:
    """'1 record', '3 records', '2 families' (with many='families')."""
    return f"{number} {noun if number == 1 else (many or noun + 's')}"


def _write_text(path: Path, text: str) -> None:
    with open_private(path, "w", encoding="utf-8") as out:
        out.write(text)


def _copy_documents(sar: SubjectAccess, into: Path) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """path -> its copy's name, and (path, why not) for the rest."""
    copied, left = {}, []
    for doc in sar.documents:
        source = Path(doc.path)
        if not doc.copy:
            left.append((doc.path, "minutes: listed, not copied"))
        elif not source.is_file():
            left.append((doc.path, "not on this computer"))
        elif sha256_of(source) != doc.sha256:
            left.append((doc.path, "changed since tafdesk made it"))
        else:
            private_folder(into)
            name = _free_name(into, safe_name(source.name))
            with source.open("rb") as given, open_private(into / name, "wb") as out:
                shutil.copyfileobj(given, out)
            make_private(into / name)
            copied[doc.path] = name
    return copied, left


def _free_name(folder: Path, name: str) -> str:
    stem, suffix, number = Path(name).stem, Path(name).suffix, 1
    while (folder / name).exists():
        number += 1
        name = f"{stem}_{number}{suffix}"
    return name


def _as_json(sar: SubjectAccess, copied: dict[str, str]) -> dict:
    return {
        "subject": sar.subject,
        "family_reference": sar.family_reference,
        "gathered_at": sar.gathered_at.isoformat(),
        "gathered_by": sar.gathered_by,
        "items": [
            {"section": i.section, "title": i.title, "fields": dict(i.fields), "review": list(i.review)}
            for i in sar.items
        ],
        "documents": [{**asdict(d), "copy": copied.get(d.path)} for d in sar.documents],
        "audit_events": [asdict(e) for e in sar.audit],
    }


def _index(sar: SubjectAccess, copied: dict[str, str], left: list[tuple[str, str]]) -> str:
    e = html.escape
    parts = [
        f"<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>Subject access: {e(sar.subject)}"
        f"</title><style>{STYLE}</style></head><body>",
        f"<h1>Subject access request: {e(sar.subject)}</h1>",
        f"<p>Everything tafdesk holds about {e(sar.subject)}, gathered by {e(sar.gathered_by)} on "
        f"{sar.gathered_at:%-d %B %Y at %H:%M} UTC: {counted(len(sar.items), 'record')}, "
        f"{counted(len(sar.documents), 'document')} and {counted(len(sar.audit), 'event')} in the audit trail. "
        f"<b>{counted(sar.for_review, 'item')} marked for review</b>: "
        "read what each mark says before anything is disclosed. The same is in records.json and audit.csv; "
        "copies of the documents are in the documents folder.</p>",
    ]
    section = None
    for found in sar.items:
        if found.section != section:
            section = found.section
            parts.append(f"<h2>{e(section)}</h2>")
        parts.append(f"<h3>{e(found.title)}</h3>")
        parts += [f"<div class='review'>Review before disclosure: {e(reason)}</div>" for reason in found.review]
        parts.append(_table(found.fields))
    parts.append(_documents_html(sar, copied, dict(left)))
    parts.append(f"<h2>The audit trail ({len(sar.audit)} events)</h2>")
    parts.append(
        "<table><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Record</th><th>Values</th></tr>"
        + "".join(
            f"<tr><td>{x.occurred_at:%Y-%m-%d %H:%M}</td><td>{e(x.who)}</td><td>{e(x.action)}</td>"
            f"<td>{e(x.record)}</td><td>{e(x.values)}</td></tr>"
            for x in sar.audit
        )
        + "</table>"
    )
    return "".join(parts) + "</body></html>\n"


def _table(fields: tuple[tuple[str, str], ...]) -> str:
    rows = _rows(fields)
    return f"<table>{rows}</table>" if rows else "<p>Nothing recorded.</p>"


def _rows(fields: tuple[tuple[str, str], ...]) -> str:
    e = html.escape
    return "".join(f"<tr><th>{e(label)}</th><td>{e(value)}</td></tr>" for label, value in fields)


def _documents_html(sar: SubjectAccess, copied: dict[str, str], left: dict[str, str]) -> str:
    e = html.escape
    parts = [f"<h2>Documents made ({len(sar.documents)})</h2>"]
    for doc in sar.documents:
        where = (
            f"<a href='documents/{e(copied[doc.path])}'>documents/{e(copied[doc.path])}</a>"
            if doc.path in copied
            else f"{e(doc.path)} ({e(left.get(doc.path, ''))})"
        )
        parts.append(f"<h3>{e(doc.title)}</h3>")
        parts += [f"<div class='review'>Review before disclosure: {e(reason)}</div>" for reason in doc.review]
        rows = _rows(
            (("Made", f"{doc.made_at:%-d %B %Y %H:%M} UTC"), ("By", doc.made_by), ("To", doc.recipient or "—"))
        )
        parts.append(f"<table>{rows}<tr><th>File</th><td>{where}</td></tr></table>")
    return "".join(parts)

"""Writing documents to disk: whole or not at all, with names that say what
each file is."""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path

from tafdesk.models.enums import DocumentFormat, DocumentType
from tafdesk.private_files import open_private, private_folder

SLUGS = {
    DocumentType.TAF_PLAN: "taf-plan",
    DocumentType.MINUTES_FULL: "full",
    DocumentType.MINUTES_CIRCULATION: "circulation",
    DocumentType.LETTER_ALLOCATION: "allocation-letter",
    DocumentType.LETTER_REFERRER: "referrer-letter",
    DocumentType.LETTER_FAMILY: "family-letter",
    DocumentType.LETTER_STEP_UP: "step-up-letter",
    DocumentType.LETTER_STEP_DOWN: "step-down-letter",
    DocumentType.LETTER_IAG: "iag-letter",
    DocumentType.LETTER_REVIEW_INVITATION: "review-invitation",
    DocumentType.LETTER_CLOSURE_FAMILY: "closure-letter-family",
    DocumentType.LETTER_CLOSURE_REFERRER: "closure-letter-referrer",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str) -> str:
    """Text usable in a file name on Windows, macOS and Linux."""
    return _UNSAFE.sub("-", text).strip(" .") or "document"


def letter_file_name(case_reference: str, letter_type: DocumentType, fmt: DocumentFormat) -> str:
    return f"{safe_name(case_reference)}_{SLUGS[letter_type]}.{fmt.value}"


def minutes_file_name(meeting_label: str, edition: DocumentType, fmt: DocumentFormat) -> str:
    return f"minutes_{safe_name(meeting_label).replace(' ', '_')}_{SLUGS[edition]}.{fmt.value}"


def plan_file_name(case_reference: str, version: int, fmt: DocumentFormat) -> str:
    return f"{safe_name(case_reference)}_taf-plan_v{version}.{fmt.value}"


def free_versioned_path(path: Path, version: int) -> tuple[Path, int]:
    """The name this making of a document is kept under: the plain name for
    the first, "_v2", "_v3"… after it, never a file that is already there."""
    while True:
        candidate = path if version == 1 else path.with_name(f"{path.stem}_v{version}{path.suffix}")
        if not candidate.exists():
            return candidate, version
        version += 1


def write_atomically(path: Path, data: bytes) -> str:
    """Write the file through a temporary one in the same folder, then rename
    it into place: a crash or a cancel never leaves a half-written document.
    Returns the SHA-256 of what was written."""
    private_folder(path.parent)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with open_private(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return hashlib.sha256(data).hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def render(document, fmt: DocumentFormat) -> bytes:
    """The document in the format: the renderer (and its library) is imported
    on first use."""
    if fmt is DocumentFormat.PDF:
        from tafdesk.exports.pdf import render_pdf

        return render_pdf(document)
    from tafdesk.exports.docx import render_docx

    return render_docx(document)

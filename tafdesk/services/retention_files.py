"""Removing the files of documents whose register entries retention deleted,
once that is committed (a transaction rolled back leaves every file).

A file is removed only where it is the very file tafdesk made (its SHA-256
is the register's): one that is not on this computer (letters are written to
the folders of whoever made them) or was changed since is left, and listed
for someone to remove by hand. Paths name case references, never a family."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from tafdesk.exports.files import sha256_of

log = logging.getLogger(__name__)

NOT_HERE = "not on this computer"
CHANGED = "changed since tafdesk made it"


@dataclass(frozen=True)
class FileOutcome:
    removed: tuple[str, ...]
    left: tuple[tuple[str, str], ...]  # (path, why it was left)


def remove_files(documents: list[tuple[str, str]]) -> FileOutcome:
    """documents: (path, sha256) as the register had them."""
    removed, left = [], []
    for path_text, sha256 in documents:
        path = Path(path_text)
        try:
            if not path.is_file():
                left.append((path_text, NOT_HERE))
            elif sha256_of(path) != sha256:
                left.append((path_text, CHANGED))
            else:
                path.unlink()
                removed.append(path_text)
        except OSError as exc:
            log.warning("retention: a document file could not be removed (%s)", type(exc).__name__)
            left.append((path_text, exc.strerror or type(exc).__name__))
    return FileOutcome(tuple(removed), tuple(left))

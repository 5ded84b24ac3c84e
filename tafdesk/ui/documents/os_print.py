"""Printing a document file through the operating system: Windows' "print"
verb (the file's own application prints it), or CUPS' lp elsewhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def print_file(path: Path) -> str | None:
    """Send the file to the default printer; None if it went, else why not."""
    if not path.is_file():
        return f"{path} is no longer there."
    if sys.platform == "win32":
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]  # noqa: S606
        except OSError as exc:
            return f"Windows could not print it: {exc.strerror or exc}"
        return None
    lp = shutil.which("lp") or shutil.which("lpr")
    if lp is None:
        return "No printing system (CUPS) was found: open the document and print it from there."
    result = subprocess.run([lp, str(path)], capture_output=True, text=True, timeout=30)  # noqa: S603
    return None if result.returncode == 0 else (result.stderr.strip() or "The printer did not accept it.")

"""Printing a document file exactly as it was produced: the standard print
dialog chooses the printer and the number of copies, then the operating
system prints the file itself (CUPS' lp, or Windows' "printto" verb, where
the file's own application prints it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class PrintChoice:
    printer: str
    copies: int = 1


def printers() -> list[str]:
    """The printers set up on this computer, the default first."""
    from PySide6.QtPrintSupport import QPrinterInfo  # loaded when someone prints

    default = QPrinterInfo.defaultPrinterName()
    names = [info.printerName() for info in QPrinterInfo.availablePrinters()]
    return sorted(names, key=lambda name: name != default)


def ask_for_printer(parent: QWidget) -> PrintChoice | None:
    """The standard print dialog, offering what can be honoured for a file
    printed whole: the printer and the copies. None if cancelled."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print document")
    for option in (
        QAbstractPrintDialog.PrintDialogOption.PrintToFile,
        QAbstractPrintDialog.PrintDialogOption.PrintSelection,
        QAbstractPrintDialog.PrintDialogOption.PrintPageRange,
        QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage,
    ):
        dialog.setOption(option, False)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted or not printer.printerName():
        return None
    return PrintChoice(printer.printerName(), max(1, printer.copyCount()))


def print_file(path: Path, choice: PrintChoice) -> str | None:
    """Send the file to the chosen printer; None if it went, else why not."""
    if not path.is_file():
        return f"{path} is no longer there."
    if sys.platform == "win32":
        try:
            for _ in range(choice.copies):
                os.startfile(str(path), "printto", f'"{choice.printer}"')  # type: ignore[attr-defined]  # noqa: S606
        except OSError as exc:
            return f"Windows could not print it: {exc.strerror or exc}"
        return None
    if lp := shutil.which("lp"):
        command = [lp, "-d", choice.printer, "-n", str(choice.copies), "--", str(path)]
    elif lpr := shutil.which("lpr"):
        command = [lpr, "-P", choice.printer, f"-#{choice.copies}", str(path)]
    else:
        return "No printing system (CUPS) was found: open the document and print it from there."
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"The printing system did not answer: {exc}"
    return None if result.returncode == 0 else (result.stderr.strip() or "The printer did not accept it.")

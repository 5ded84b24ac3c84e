"""What the frozen bundle leaves out (read by installer/tafdesk.spec).

The runtime packages fill about 600 MB in a virtualenv; the bundle keeps what
tafdesk imports and drops the rest, so that the built folder stays under
250 MiB. Each line says why the thing is not needed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

# Python modules never imported by tafdesk at run time (PyInstaller would
# otherwise follow optional imports into them).
EXCLUDED_MODULES = [
    "tkinter",  # no Tk: the interface is Qt
    "unittest",
    "pydoc",
    "pytest",
    "hypothesis",
    "IPython",
    "matplotlib",  # optional in scipy and Pillow; tafdesk draws its charts with Pillow
    "pandas",
    "setuptools",
    "pip",
    "pkg_resources",
    # Qt modules tafdesk does not use (it uses QtCore, QtGui, QtWidgets, QtPrintSupport, QtNetwork's
    # local socket for one window per database, and, for the icons, the SVG image plugin).
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtMultimedia",
    "PySide6.QtPdf",
    "PySide6.QtCharts",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    # All of scipy: tafdesk uses its assignment solver alone, one extension module that the spec adds
    # back (tafdesk/allocation/assignment.py loads it without the rest of scipy: 70 MB saved).
    "scipy",
    # Pillow's parts that tafdesk's charts never reach (they bring the AVIF and WebP libraries).
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "lxml.objectify",  # python-docx uses lxml.etree alone (3 MB)
    "lxml.isoschematron",
    "pygments",  # only Mako's optional highlighting plugin imports it
    "numpy._core._multiarray_tests",
    "pysqlcipher3",  # SQLAlchemy's older SQLCipher binding; the offline copies use sqlcipher3
    "numpy.f2py",
    "numpy.testing._private.extbuild",
    "numpy.distutils",
]

# Files dropped from what PyInstaller gathered: (destination pattern, why).
DROPPED_FILES = [
    (r"^PySide6/(Qt/)?translations/", "Qt's own translations: tafdesk's interface is in English only"),
    (r"^PySide6/(Qt/)?plugins/(egldeviceintegrations|generic)/", "full-screen embedded devices and raw input"),
    (
        r"^PySide6/Qt/plugins/platforms/lib(qeglfs|qlinuxfb|qminimal|qminimalegl|qvnc|qvkkhrdisplay)\.so",
        "platforms other than X11, Wayland and offscreen (the self-test's)",
    ),
    (r"^PySide6/Qt/plugins/platformthemes/libqgtk3\.so", "the GTK theme would bring GTK's own libraries along"),
    (r"^PySide6/(Qt/)?plugins/imageformats/(lib)?q(?!svg)", "picture formats: Qt reads PNG itself, icons are SVG"),
    (r"^(PySide6/Qt/lib/)?libQt6(EglFSDeviceIntegration|EglFsKmsSupport)\.so", "only the eglfs platform uses it"),
    (
        r"^PySide6/Qt/plugins/(tls|networkinformation)/",
        "QtNetwork is there for a local socket only: no TLS, no network watching",
    ),
    (r"(^|/)tests?/", "packages' own test suites"),
    (r"(^|/)__pycache__/", "bytecode a developer's Python left beside the migrations (the bundle writes none)"),
]


def keep(entries):
    """PyInstaller's TOC without the files DROPPED_FILES names."""
    patterns = [re.compile(pattern) for pattern, _ in DROPPED_FILES]
    return [entry for entry in entries if not any(p.search(entry[0].replace("\\", "/")) for p in patterns)]


def linked_only(binaries):
    """Without the shared libraries at the bundle's top level that nothing
    kept links to any more (those that only a dropped plugin needed, such as
    GTK's): Linux only, where PyInstaller gathers them from the system."""
    if sys.platform != "linux":
        return binaries
    roots = [source for dest, source, _ in binaries if not _top_level_library(dest)]
    needed = set()
    for chunk in range(0, len(roots), 50):
        result = subprocess.run(["ldd", *roots[chunk : chunk + 50]], capture_output=True, text=True, check=False)
        needed |= {line.split()[0] for line in result.stdout.splitlines() if "=>" in line}
    return [entry for entry in binaries if not _top_level_library(entry[0]) or entry[0] in needed]


def without_debug_symbols(binaries, workpath: str):
    """Linux: copies of the libraries that still carry symbols or debugging
    information (the Python library alone 17 MB), with them taken out. Not the
    wheels' repaired libraries in *.libs folders: strip breaks their layout
    (OpenBLAS then fails to load), as PyInstaller's own strip would."""
    if sys.platform != "linux":
        return binaries
    folder = Path(workpath) / "stripped"
    folder.mkdir(parents=True, exist_ok=True)
    result = []
    for dest, source, kind in binaries:
        if not _repaired(dest, source) and not _file_type(source).endswith(", stripped"):
            copy = folder / dest.replace("/", "_")
            shutil.copy2(source, copy)
            subprocess.run(["strip", "--strip-unneeded", str(copy)], check=True)
            source = str(copy)
        result.append((dest, source, kind))
    return result


def _repaired(dest: str, source: str) -> bool:
    """A wheel's repaired library (auditwheel's *.libs folder). PyInstaller
    6.22 puts numpy's OpenBLAS at the bundle's top level: its source still
    says where it came from."""
    return any(".libs/" in path.replace("\\", "/") for path in (dest, source))


def _file_type(path: str) -> str:
    return subprocess.run(["file", "-bL", path], capture_output=True, text=True, check=False).stdout.strip()


def _top_level_library(dest: str) -> bool:
    return "/" not in dest.replace("\\", "/") and ".cpython-" not in dest and not dest.startswith("libpython")


def version(root: Path) -> str:
    text = (root / "tafdesk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    return found.group(1) if found else "0"

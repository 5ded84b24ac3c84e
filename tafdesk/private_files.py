"""Files and folders tafdesk makes are for their owner only (0600 and 0700),
whatever the umask: they hold families' records, drafts and letters, and a
shared computer's other accounts must not read them. Every file or folder
tafdesk creates goes through here. On Windows the modes mean little (the
profile folder's ACL protects them); the calls are harmless there."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(folder: Path, *, ours: bool = False) -> Path:
    """Make folder (and any missing parents) for the owner only. A folder that
    already exists is narrowed only if it is tafdesk's own (`ours`: its data,
    log, drafts and backups folders); one the person chose may be shared."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        try:
            path.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue  # made meanwhile by another process
        os.chmod(path, FOLDER_MODE)  # mkdir's mode is narrowed by the umask, never widened
    if not folder.is_dir():
        raise NotADirectoryError(20, "Not a folder", str(folder))
    if ours and not missing:
        try:
            os.chmod(folder, FOLDER_MODE)
        except PermissionError:
            pass  # someone else's: leave it
    return folder


def open_private(path: Path, mode: str = "wb", **kwargs):
    """open() for writing a new file that only its owner may read."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, FILE_MODE)
    try:
        make_private(path)  # a file that was there keeps its old mode through os.open
        return os.fdopen(descriptor, mode, **kwargs)
    except BaseException:
        os.close(descriptor)
        raise


def make_private(*paths: Path) -> None:
    """Narrow files that exist to their owner (a file another program made,
    such as SQLite's database, its -wal and -shm, or a backup copy). One that
    belongs to someone else (a shared database file) is left alone."""
    for path in paths:
        try:
            os.chmod(path, FILE_MODE)
        except FileNotFoundError:
            continue
        except PermissionError:
            continue


def sync_folder(folder: Path) -> None:
    """Make a rename in folder survive a power cut: a file's own fsync does
    not write the folder's entry for it. POSIX only; Windows has no folder
    handle to flush (NTFS journals its renames)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def replace_durably(source: Path, target: Path) -> None:
    """os.replace, then the folder flushed so that the rename is on disk."""
    os.replace(source, target)
    sync_folder(target.parent)

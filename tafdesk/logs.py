"""Logging to a rotating file in the user log folder (never personal data:
log ids and actions, not names)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from tafdesk.paths import log_dir
from tafdesk.private_files import make_private, private_folder


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """Each log file (the first and every one after a rollover) is the owner's only."""

    def _open(self):
        stream = super()._open()
        make_private(Path(self.baseFilename))
        return stream


def configure_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    folder = log_dir()
    for old in [h for h in root.handlers if isinstance(h, _PrivateRotatingHandler)]:
        if Path(old.baseFilename) == folder / "tafdesk.log":
            return  # configured already
        root.removeHandler(old)  # the log folder moved (another TAFDESK_HOME in this process): follow it
        old.close()
    try:
        private_folder(folder, ours=True)
        handler: logging.Handler = _PrivateRotatingHandler(
            folder / "tafdesk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()  # a read-only profile still runs
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)


def frames(exc: BaseException) -> str:
    """Where an exception (and those it came from) was raised: each class and
    its stack, without the messages. Messages can quote row values and query
    parameters, which may name a family; the frames are enough to find a bug."""
    import traceback

    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        stack = "".join(traceback.format_tb(current.__traceback__))
        parts.append(f"{type(current).__module__}.{type(current).__qualname__}\n{stack}")
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "which came from ".join(parts).rstrip()


def log_unexpected(logger: logging.Logger, what: str, exc: BaseException) -> None:
    """An error nobody foresaw, for the log: what was being done and where it
    failed (see `frames`)."""
    logger.error("%s failed: %s\n%s", what, type(exc).__name__, frames(exc))

"""England's bank holidays, kept between runs.

The `holidays` package takes about a quarter of a second to import and to
work out a few years' calendar, and business support's first page (the
intake queue's working days waited) needs it before its rows show. So the
days it gives are kept, by year, in a small file in the cache folder, marked
with the package's own file (path, size and time): a new release of the
package is asked again. A missing, damaged or unwritable file only means the
package is asked; nothing here is personal data."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from importlib.util import find_spec
from pathlib import Path

from tafdesk.paths import cache_dir

log = logging.getLogger(__name__)
FILE_NAME = "bank-holidays-england.json"


def england(years: range) -> tuple[dt.date, ...]:
    """Every bank holiday in England in those years, in date order."""
    source = _source()
    kept = _read(source)
    missing = [year for year in years if str(year) not in kept]
    if missing:
        kept.update(_from_package(missing))
        _write(source, kept)
    return tuple(sorted(dt.date.fromisoformat(day) for year in years for day in kept[str(year)]))


def _from_package(years: list[int]) -> dict[str, list[str]]:
    import holidays

    calendar = holidays.country_holidays("GB", subdiv="ENG", years=years)
    found: dict[str, list[str]] = {str(year): [] for year in years}
    for day in calendar:
        found[str(day.year)].append(day.isoformat())
    return found


def _source() -> str:
    """The installed package, as its __init__ file stands (path, size, time)."""
    spec = find_spec("holidays")
    origin = spec.origin if spec else None
    if not origin:
        return "unknown"
    stat = os.stat(origin)
    return f"{origin}:{stat.st_size}:{stat.st_mtime_ns}"


def _path() -> Path:
    return cache_dir() / FILE_NAME


def _read(source: str) -> dict[str, list[str]]:
    try:
        stored = json.loads(_path().read_text(encoding="utf-8"))
        if stored.get("source") == source and isinstance(stored.get("years"), dict):
            return {str(year): [str(day) for day in days] for year, days in stored["years"].items()}
    except (OSError, ValueError, AttributeError, TypeError):
        pass  # absent or damaged: the package is asked again
    return {}


def _write(source: str, years: dict[str, list[str]]) -> None:
    """Whole or not at all: a temporary file renamed over the old one."""
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as out:
            json.dump({"source": source, "years": years}, out)
        os.replace(out.name, path)
    except OSError as exc:
        log.info("bank holidays not kept: %s", type(exc).__name__)

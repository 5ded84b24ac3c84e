"""Alembic migrations, shipped inside the package so an installed tafdesk can
upgrade its own database. Revision ids are the file names' numeric prefixes."""

from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent

# The newest revision in versions/. A test keeps it true; checking it needs no
# Alembic import, so an up-to-date database opens without loading Alembic.
HEAD_REVISION = "0039"


def known_revisions() -> set[str]:
    return {path.stem.split("_", 1)[0] for path in (SCRIPT_DIR / "versions").glob("[0-9]*.py")}

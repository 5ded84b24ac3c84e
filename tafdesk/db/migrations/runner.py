"""Running Alembic in-process, on one connection."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import URL

from tafdesk.db import migrations
from tafdesk.db.database import make_engine
from tafdesk.db.statistics import gather


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations.SCRIPT_DIR))
    config.set_main_option("version_path_separator", "os")
    return config


def run_upgrade(url: URL, target: str = "head") -> None:
    _run(url, lambda config: command.upgrade(config, target), statistics=True)


def run_downgrade(url: URL, target: str) -> None:
    _run(url, lambda config: command.downgrade(config, target))


def make_revision(url: URL, message: str) -> None:
    """For developers: write a new migration from the difference between the
    models and the database at url."""
    _run(url, lambda config: command.revision(config, message=message, autogenerate=True))


def _run(url: URL, action, *, statistics: bool = False) -> None:
    engine = make_engine(url)
    sqlite = url.get_backend_name() == "sqlite"
    try:
        with engine.connect() as conn:
            if sqlite:
                # Batch ALTERs copy tables; foreign keys would fire mid-copy.
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                conn.commit()
            config = alembic_config()
            config.attributes["connection"] = conn
            action(config)
            conn.commit()
            if statistics:  # new indexes and backfilled rows, planned with what they hold
                gather(conn)
                conn.commit()
            if sqlite:
                problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                if problems:
                    raise RuntimeError(f"migration left broken foreign keys: {problems[:5]}")
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    finally:
        engine.dispose()

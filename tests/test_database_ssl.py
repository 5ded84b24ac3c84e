"""PostgreSQL connections ask for TLS unless the URL says otherwise."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from tafdesk.db import database


def _connect_args(monkeypatch, url: str) -> dict:
    seen: dict = {}
    monkeypatch.setattr(database, "create_engine", lambda _url, **kwargs: seen.update(kwargs))
    database.make_engine(make_url(url))
    return seen["connect_args"]


def test_sslmode_prefer_by_default(monkeypatch) -> None:
    assert _connect_args(monkeypatch, "postgresql+psycopg://amara@db.example/tafdesk")["sslmode"] == "prefer"


def test_the_url_s_sslmode_wins(monkeypatch) -> None:
    url = "postgresql+psycopg://amara@db.example/tafdesk?sslmode=verify-full&sslrootcert=/etc/tafdesk/ca.pem"
    assert "sslmode" not in _connect_args(monkeypatch, url)  # the URL's query reaches the driver as it is

"""A proxy between the tests and the PostgreSQL server, to cut (tests/netproxy.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import PG_ADMIN_URL
from tests.netproxy import NetProxy


@pytest.fixture
def proxy() -> Iterator[NetProxy]:
    from sqlalchemy.engine import make_url

    server = make_url(PG_ADMIN_URL)
    cut = NetProxy(server.host or "127.0.0.1", server.port or 5432)
    yield cut
    cut.close()

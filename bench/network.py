"""How soon a silently dropped network is noticed: `offline_detect_s`, the
time from black-holing a proxy between tafdesk and its PostgreSQL server
(nothing forwarded, nothing answered, no error) to the connection watcher
reporting the server out of reach, with the connect and statement timeouts
and TCP keepalives configured as shipped (db/network.py)."""

from __future__ import annotations

import sys
import threading
import time

from sqlalchemy.engine import make_url

from bench.common import Result, median
from bench.live import SERVER

ROUNDS = 3


def run() -> list[Result]:
    from tafdesk.db import Database
    from tafdesk.db.connection_watch import watch_connection
    from tafdesk.db.network import server_answers
    from tests.netproxy import NetProxy

    server = make_url(SERVER)
    if not server_answers(server):
        print(f"bench network: skipped, no PostgreSQL server at {server.render_as_string()}", file=sys.stderr)
        return []
    proxy = NetProxy(server.host or "127.0.0.1", server.port or 5432)
    database = Database(proxy.url(server))
    changed = threading.Event()
    database.reachability.subscribe(lambda _state: changed.set())
    watcher = watch_connection(database)
    assert watcher is not None and watcher.ready.wait(30)
    times = []
    try:
        for _ in range(ROUNDS):
            changed.clear()
            began = time.monotonic()
            proxy.black_hole()
            if not changed.wait(60) or database.reachability.online:
                raise RuntimeError("the black-holed server was never noticed")
            times.append(time.monotonic() - began)
            changed.clear()
            proxy.restore()
            if not changed.wait(60) or not database.reachability.online:
                raise RuntimeError("the server's return was never noticed")
    finally:
        watcher.stop()
        database.dispose()
        proxy.close()
    return [Result("offline_detect_s", median(times), "s", "<= 10")]

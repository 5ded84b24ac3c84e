"""The connection to the server, watched with short deadlines through a proxy
the tests cut: refused, and black-holed (nothing forwarded, nothing answered,
no error anywhere: the usual Wi-Fi or VPN loss)."""

from __future__ import annotations

import threading

import pytest

from tafdesk.db import Database
from tafdesk.db.connection_watch import watch_connection
from tafdesk.db.network import Timeouts, server_answers
from tafdesk.db.reachability import ConnectionState
from tafdesk.db.start_mode import StartMode, decide_start
from tests.conftest import BACKEND

server_only = pytest.mark.skipif(
    BACKEND != "postgresql", reason="a server's connection (run with TAFDESK_TEST_BACKEND=postgresql)"
)

OFFLINE_WITHIN_S = 10  # the bound: a black-holed network noticed within ten seconds


def _states(database: Database) -> tuple[list[ConnectionState], threading.Event, threading.Event]:
    seen: list[ConnectionState] = []
    offline, online = threading.Event(), threading.Event()

    def heard(state: ConnectionState) -> None:
        seen.append(state)
        (online if state.online else offline).set()

    database.reachability.subscribe(heard)
    return seen, offline, online


@server_only
def test_every_server_connection_carries_the_network_limits(db_url, monkeypatch):
    monkeypatch.setenv("TAFDESK_NETWORK_SILENCE_S", "9")
    monkeypatch.setenv("TAFDESK_CONNECT_TIMEOUT_S", "3")
    monkeypatch.setenv("TAFDESK_STATEMENT_TIMEOUT_S", "45")
    assert Timeouts.from_environment().libpq() == {
        "connect_timeout": 3,
        "keepalives": 1,
        "keepalives_idle": 3,
        "keepalives_interval": 3,
        "keepalives_count": 2,
        "tcp_user_timeout": 9000,
    }
    database = Database(db_url)
    try:
        with database.connection() as conn:
            used = conn.connection.driver_connection.info.get_parameters()
            assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "45s"
    finally:
        database.dispose()
    assert {key: used.get(key) for key in ("connect_timeout", "keepalives", "keepalives_idle", "tcp_user_timeout")} == {
        "connect_timeout": "3",
        "keepalives": "1",
        "keepalives_idle": "3",
        "tcp_user_timeout": "9000",
    }


@server_only
def test_a_black_holed_network_is_noticed_and_its_return_too(db, proxy):
    database = Database(proxy.url(db.url))
    seen, offline, online = _states(database)
    watcher = watch_connection(database)
    try:
        assert watcher.ready.wait(10) and database.reachability.online
        proxy.black_hole()
        assert offline.wait(OFFLINE_WITHIN_S), "still online after ten seconds of silence"
        assert not database.reachability.online and database.reachability.state.offline_since is not None
        proxy.restore()
        assert online.wait(OFFLINE_WITHIN_S)
        assert [state.online for state in seen] == [False, True]  # one of each: no flapping
    finally:
        watcher.stop()
        database.dispose()


@server_only
def test_a_refused_server_is_noticed_and_a_failed_call_makes_the_watcher_look_at_once(db, proxy):
    database = Database(proxy.url(db.url))
    _seen, offline, _online = _states(database)
    watcher = watch_connection(database, every_s=60)  # it would not look again for a minute by itself
    try:
        assert watcher.ready.wait(10)
        proxy.refuse()
        from tafdesk.services.errors import DatabaseProblem

        with pytest.raises(DatabaseProblem, match="connection to the database server was lost"):
            with database.connection() as conn:
                conn.exec_driver_sql("SELECT 1")
        assert offline.wait(5)
    finally:
        watcher.stop()
        database.dispose()


@server_only
@pytest.mark.parametrize("cut", ["refuse", "black_hole"])
def test_start_up_decides_offline_when_the_server_cannot_be_reached(db, proxy, cut):
    url = proxy.url(db.url)
    assert server_answers(url) and decide_start(url).mode is StartMode.ONLINE
    getattr(proxy, cut)()
    start = decide_start(url)
    assert start.mode is StartMode.OFFLINE_DRAFTS_ONLY and start.offline_since is not None
    found = decide_start(url, offline_copy=lambda: db.path or url.database)  # an offline copy slots in here
    assert found.mode is StartMode.OFFLINE_WITH_COPY
    proxy.restore()
    assert decide_start(url).mode is StartMode.ONLINE


def test_a_file_never_goes_offline(sqlite_url):
    database = Database(sqlite_url)
    assert watch_connection(database) is None and database.reachability.online
    assert decide_start(sqlite_url).mode is StartMode.ONLINE

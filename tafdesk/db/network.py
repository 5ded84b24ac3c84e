"""How long tafdesk waits on a database server's network before calling it
out of reach, and how it asks whether the server answers at all.

A Wi-Fi or VPN that drops silently sends no error: without limits a query
waits for TCP's own retransmission to give up (a quarter of an hour). So
every server connection carries:

- a connect timeout: a server that does not answer a new connection;
- TCP keepalives: an idle connection (or one waiting for a reply) that hears
  nothing for `silence` seconds is dead;
- tcp_user_timeout: data sent and not acknowledged for `silence` seconds
  fails the connection (keepalives alone never fire while data is unsent);
- a statement timeout: the server stops a statement that runs too long.

Operators change them in the environment (seconds): TAFDESK_CONNECT_TIMEOUT_S,
TAFDESK_NETWORK_SILENCE_S, TAFDESK_STATEMENT_TIMEOUT_S.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

CONNECT_SETTING = "TAFDESK_CONNECT_TIMEOUT_S"
SILENCE_SETTING = "TAFDESK_NETWORK_SILENCE_S"
STATEMENT_SETTING = "TAFDESK_STATEMENT_TIMEOUT_S"


@dataclass(frozen=True)
class Timeouts:
    connect_s: int = 4  # libpq counts whole seconds, 2 at least
    silence_s: int = 6  # keepalives and unacknowledged sends
    # No screen of tafdesk's should take a tenth of it; a stuck statement must not hang forever.
    statement_s: int = 120

    @classmethod
    def from_environment(cls) -> Timeouts:
        default = cls()
        return cls(
            connect_s=max(2, _seconds(CONNECT_SETTING, default.connect_s)),
            silence_s=max(2, _seconds(SILENCE_SETTING, default.silence_s)),
            statement_s=max(1, _seconds(STATEMENT_SETTING, default.statement_s)),
        )

    def libpq(self) -> dict[str, int]:
        """libpq's connection parameters: a dead peer is noticed within silence_s."""
        probe = max(1, self.silence_s // 3)  # idle for one, then two unanswered probes one apart
        return {
            "connect_timeout": self.connect_s,
            "keepalives": 1,
            "keepalives_idle": probe,
            "keepalives_interval": probe,
            "keepalives_count": 2,
            "tcp_user_timeout": self.silence_s * 1000,
        }


def _seconds(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        return int(float(text))
    except ValueError:
        log.warning("%s is not a number of seconds; %s used", name, default)
        return default


def timeouts() -> Timeouts:
    return Timeouts.from_environment()


def server_answers(url: URL, limit: Timeouts | None = None) -> bool:
    """Whether a PostgreSQL server at url answers within the connect timeout.
    It asks what every client asks first (an SSLRequest) and takes any reply:
    no credentials are needed, none are sent, and the server logs nothing. A
    socket with a deadline, never a blocking libpq call: other threads run on."""
    import time

    deadline = time.monotonic() + (limit or timeouts()).connect_s
    port = url.port or 5432
    for host in (url.host or "localhost").split(","):
        try:
            with _socket_to(host, port, deadline) as probe:
                probe.settimeout(max(0.01, deadline - time.monotonic()))
                probe.sendall(SSL_REQUEST)
                if probe.recv(1):
                    return True
        except OSError:
            continue
    return False


def _socket_to(host: str, port: int, deadline: float):
    import socket
    import time

    left = max(0.01, deadline - time.monotonic())
    if not host.startswith("/"):
        return socket.create_connection((host, port), timeout=left)
    local = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # a folder: the server's Unix socket in it
    local.settimeout(left)
    try:
        local.connect(f"{host}/.s.PGSQL.{port}")
    except OSError:
        local.close()
        raise
    return local


SSL_REQUEST = (8).to_bytes(4, "big") + (80877103).to_bytes(4, "big")  # the protocol's SSLRequest


def conninfo(url: URL, limit: Timeouts | None = None, **extra: object) -> str:
    """A libpq connection string for url, with the network limits."""
    from psycopg.conninfo import make_conninfo

    params: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "dbname": url.database,
        "user": url.username,
        "password": url.password,
        **dict(url.query),
        **(limit or timeouts()).libpq(),
        **extra,
    }
    return make_conninfo("", **{key: value for key, value in params.items() if value is not None})

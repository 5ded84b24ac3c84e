"""A PostgreSQL cluster of the tests' own that checks passwords (SCRAM), in
a temporary folder: the machine's server trusts local connections, so a
wrong password would pass there. Started once per test process."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

SUPERUSER, SUPER_PASSWORD = "cluster_super", "super secret for tests"


@dataclass(frozen=True)
class ScramCluster:
    port: int

    def url(self, database: str = "postgres", username: str | None = None, password: str | None = None) -> URL:
        return URL.create(
            "postgresql+psycopg",
            username=username,
            password=password,
            host="127.0.0.1",
            port=self.port,
            database=database,
        )

    def owner_url(self, database: str = "postgres") -> URL:
        return self.url(database, SUPERUSER, SUPER_PASSWORD)

    def new_database(self) -> str:
        name = f"tafdesk_{uuid.uuid4().hex[:10]}"
        engine = create_engine(self.owner_url(), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return name


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    given = os.environ.get("TAFDESK_TEST_PG_BIN")
    if given:
        return Path(given)
    return (
        Path(found[-1]).parent if found else (Path(shutil.which("initdb")).parent if shutil.which("initdb") else None)
    )


def _as_other_user() -> tuple[list[str], int | None, int | None]:
    """initdb refuses to run as root: run the cluster as postgres (or nobody)."""
    if os.geteuid() != 0:
        return [], None, None
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv, so no cluster of the tests' own can be started")
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return (
            ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups", "--"],
            entry.pw_uid,
            entry.pw_gid,
        )
    pytest.skip("running as root with no postgres or nobody user to run a cluster as")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def scram_cluster() -> Iterator[ScramCluster]:
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        pytest.skip("PostgreSQL's initdb is not installed, so no password-checking cluster can be started")
    prefix, uid, gid = _as_other_user()
    folder = Path(tempfile.mkdtemp(prefix="tafdesk-scram-"))
    (folder / "pw").write_text(SUPER_PASSWORD + "\n", encoding="utf-8")
    if uid is not None:
        for path in (folder, folder / "pw"):
            os.chown(path, uid, gid)
    port = _free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            pytest.skip(f"could not start a cluster of the tests' own: {done.stderr.strip()[-500:]}")

    run(
        str(bin_dir / "initdb"),
        "-D",
        str(folder / "data"),
        "-U",
        SUPERUSER,
        "--auth=scram-sha-256",
        f"--pwfile={folder / 'pw'}",
        "-E",
        "UTF8",
        "--no-sync",
        "--no-instructions",
    )
    run(
        str(bin_dir / "pg_ctl"),
        "-D",
        str(folder / "data"),
        "-l",
        str(folder / "log"),
        "-w",
        "-o",
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
        "start",
    )
    try:
        yield ScramCluster(port)
    finally:
        subprocess.run(
            [*prefix, str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)

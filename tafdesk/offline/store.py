"""The offline copy on disk: an SQLite database encrypted with SQLCipher.

It holds tafdesk's own tables (the same models, so the services can read and
write it as they do a database), a `base_` twin of each holding every row as
it was taken (the base of the three-way merge at sync), and the copy's own
bookkeeping: its settings, the cases it holds, and its sync log.

The key comes from the password (header.py); SQLCipher takes it raw, so no
second derivation runs per connection. A wrong key makes the first read fail
("file is not a database"): that is how a wrong password is told. After
MAX_WRONG_PASSWORDS in a row the copy is wiped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    create_engine,
    delete,
    event,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.pool import QueuePool

from tafdesk.models.utc import UTCDateTime, utcnow
from tafdesk.offline.copy_key import forget, key_for
from tafdesk.offline.header import (
    KEY_FROM_KEYRING,
    KEY_FROM_PASSWORD,
    MAX_WRONG_PASSWORDS,
    Header,
    NotAnOfflineCopy,
    header_path,
    new_header,
    read_header,
    write_header,
)
from tafdesk.private_files import make_private
from tafdesk.services.errors import ServiceError


class OfflineCopyError(ServiceError):
    """Why an offline copy cannot be opened or used, in one sentence."""


class WrongPassword(OfflineCopyError):
    pass


class CopyExpired(OfflineCopyError):
    pass


BOOKKEEPING = MetaData()
SETTING = Table(
    "offline_setting", BOOKKEEPING, Column("key", String(60), primary_key=True), Column("value", Text, nullable=False)
)
# One row per case held: "taken", "synced" (sent, and refreshed from the
# server), "conflict" (waits for the user's choices), "held" (access withdrawn).
CASE = Table(
    "offline_case",
    BOOKKEEPING,
    Column("case_id", Uuid, primary_key=True),
    Column("reference", String(20), nullable=False),
    Column("state", String(20), nullable=False),
    Column("taken_at", UTCDateTime, nullable=False),
    Column("synced_at", UTCDateTime),
    Column("note", Text),
)
LOG = Table(
    "offline_log",
    BOOKKEEPING,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("case_reference", String(20)),
    Column("kind", String(20), nullable=False),  # taken, sent, received, conflict, resolved, held, ...
    Column("text", Text, nullable=False),
)
# What the letter to the family says the group decided, for each case taken
# (db/letter_decision.py's JSON, "null" for none yet): a copy taken by
# an account that may not read the decisions holds this instead of them.
LETTER_DECISION = Table(
    "offline_letter_decision",
    BOOKKEEPING,
    Column("case_id", Uuid, primary_key=True),
    Column("decision", Text, nullable=False),
)
BASE_PREFIX = "base_"


def _models_metadata() -> MetaData:
    import tafdesk.models._all  # noqa: F401 (every mapped table)
    from tafdesk.models.base import Base

    return Base.metadata


@cache
def base_tables() -> dict[str, Table]:
    """Each of tafdesk's tables' base twin: the same columns, no constraints
    (a base row is a record of what was, not a row anything refers to)."""
    meta = MetaData()
    return {
        t.name: Table(BASE_PREFIX + t.name, meta, *[Column(c.name, c.type, primary_key=c.primary_key) for c in t.c])
        for t in _models_metadata().sorted_tables
    }


def table(name: str) -> Table:
    return _models_metadata().tables[name]


class OfflineCopy:
    """An open offline copy: its engine and its bookkeeping."""

    def __init__(self, path: Path, engine: Engine, header: Header) -> None:
        self.path = path
        self.engine = engine
        self.header = header

    # -- making and opening --------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, username: str, password: str | None, expires_at: dt.datetime) -> OfflineCopy:
        """`password` None: single sign-on, the key kept in the keyring."""
        if path.exists() or header_path(path).exists():
            raise OfflineCopyError(f"{path} already exists: choose another file, or discard that copy first.")
        header = new_header(username, expires_at, KEY_FROM_KEYRING if password is None else KEY_FROM_PASSWORD)
        key = key_for(header, password, new=True)  # refused before anything is written
        write_header(path, header)
        engine = _engine(path, key)
        with engine.begin() as conn:
            _models_metadata().create_all(conn)
            for t in base_tables().values():
                t.create(conn)
            BOOKKEEPING.create_all(conn)
            conn.execute(insert(SETTING).values(key="copy_id", value=secrets.token_hex(16)))
            conn.execute(insert(SETTING).values(key="expires_at", value=expires_at.isoformat()))
        make_private(path)
        return cls(path, engine, header)

    @classmethod
    def open(cls, path: Path, password: str | None, *, for_work: bool = True) -> OfflineCopy:
        """The copy, if the password (or, for a copy kept under the keyring's
        key, the keyring) opens it. `for_work`: an expired copy is refused
        (it may still be synced or discarded)."""
        if not path.exists():
            raise OfflineCopyError(f"There is no offline copy at {path}.")
        header = read_header(path)
        engine = _engine(path, key_for(header, password))
        try:
            with engine.connect() as conn:
                conn.scalar(
                    select(SETTING.c.value).where(SETTING.c.key == "expires_at")
                )  # the first read tries the key
        except Exception:  # noqa: BLE001 (SQLCipher says "file is not a database": the key is wrong)
            engine.dispose()
            if header.key_from == KEY_FROM_KEYRING:
                raise OfflineCopyError("The key in this computer's keyring does not open this offline copy.") from None
            _wrong_password(path, header)
        if header.wrong_passwords:
            header.wrong_passwords = 0
            write_header(path, header)
        _bookkeeping_of_today(engine)
        copy = cls(path, engine, header)
        if for_work and copy.expired:
            copy.close()
            raise CopyExpired(
                f"This offline copy expired on {copy.expires_at:%d %b %Y %H:%M} (UTC): "
                "sync it or discard it; it can no longer be worked on."
            )
        return copy

    def close(self) -> None:
        self.engine.dispose()

    # -- bookkeeping -------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.scalar(select(SETTING.c.value).where(SETTING.c.key == key))

    @property
    def copy_id(self) -> str:
        return self.setting("copy_id") or ""

    @property
    def expires_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.setting("expires_at") or self.header.expires_at)

    @property
    def expired(self) -> bool:
        return utcnow() >= self.expires_at

    def cases(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(CASE).order_by(CASE.c.reference)).mappings()]

    def log_entries(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(LOG).order_by(LOG.c.id)).mappings()]

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One transaction on the copy: all of it is kept, or none."""
        with self.engine.begin() as conn:
            yield conn


def set_case(conn: Connection, case_id, reference: str, state: str, note: str | None = None, **times) -> None:
    if conn.scalar(select(CASE.c.case_id).where(CASE.c.case_id == case_id)) is None:
        conn.execute(
            insert(CASE).values(
                case_id=case_id, reference=reference, state=state, taken_at=times.get("taken_at") or utcnow(), note=note
            )
        )
    else:
        conn.execute(update(CASE).where(CASE.c.case_id == case_id).values(state=state, note=note, **times))


def log(conn: Connection, reference: str | None, kind: str, text: str | dict) -> None:
    text = text if isinstance(text, str) else json.dumps(text, default=str, sort_keys=True, ensure_ascii=False)
    conn.execute(insert(LOG).values(at=utcnow(), case_reference=reference, kind=kind, text=text))


def drop_case(conn: Connection, case_id) -> None:
    conn.execute(delete(CASE).where(CASE.c.case_id == case_id))
    conn.execute(delete(LETTER_DECISION).where(LETTER_DECISION.c.case_id == case_id))


def keep_letter_decision(conn: Connection, case_id, decision: str) -> None:
    conn.execute(delete(LETTER_DECISION).where(LETTER_DECISION.c.case_id == case_id))
    conn.execute(insert(LETTER_DECISION).values(case_id=case_id, decision=decision))


def letter_decision(conn: Connection, case_id) -> str | None:
    """The JSON kept for the case; None if the copy was taken without it."""
    return conn.scalar(select(LETTER_DECISION.c.decision).where(LETTER_DECISION.c.case_id == case_id))


def _bookkeeping_of_today(engine: Engine) -> None:
    """A copy taken by an older tafdesk lacks the newer bookkeeping tables
    and the newer columns of the work and base tables: they are added
    (empty), so that it can still be synced and worked on."""
    with engine.connect() as conn:
        missing = [t for t in BOOKKEEPING.sorted_tables if not conn.dialect.has_table(conn, t.name)]
        looked = inspect(conn)
        held = set(looked.get_table_names())
        columns = []
        for t in (*_models_metadata().sorted_tables, *base_tables().values()):
            if t.name in held:
                there = {found["name"] for found in looked.get_columns(t.name)}
                columns += [(t.name, c) for c in t.columns if c.name not in there]
    if missing or columns:
        with engine.begin() as conn:
            BOOKKEEPING.create_all(conn, tables=missing)
            quote = conn.dialect.identifier_preparer.quote
            for name, column in columns:  # no NOT NULL: SQLite adds none without a default
                kind = column.type.compile(dialect=conn.dialect)
                conn.exec_driver_sql(f"ALTER TABLE {quote(name)} ADD COLUMN {quote(column.name)} {kind}")


def _engine(path: Path, key: bytes) -> Engine:
    from sqlcipher3 import dbapi2  # type: ignore[import-untyped]

    def connect():
        # isolation_level None: the driver begins nothing itself; the engine's
        # BEGIN below makes every unit of work (DDL too) one transaction.
        connection = dbapi2.connect(str(path), check_same_thread=False, isolation_level=None)
        connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is ours to report, not stderr's
        # A raw 256-bit key: SQLCipher uses it as it is (the password was derived once, in header.py).
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        return connection

    # One connection kept while the copy is open (the engine holds the key
    # for as long anyway): opening one reads and decrypts the schema again,
    # about 15 ms, which a sync would pay twice for every case. close()
    # disposes of it.
    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool, pool_size=1, hide_parameters=True)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _wrong_password(path: Path, header: Header) -> None:
    header.wrong_passwords += 1
    if header.wrong_passwords >= MAX_WRONG_PASSWORDS:
        wipe(path)
        raise WrongPassword(
            f"Wrong password {MAX_WRONG_PASSWORDS} times in a row: the offline copy has been wiped. "
            "Nothing in it that was not yet synced can be recovered."
        )
    write_header(path, header)
    left = MAX_WRONG_PASSWORDS - header.wrong_passwords
    raise WrongPassword(
        f"That password does not open this offline copy. {left} more wrong "
        f"{'try' if left == 1 else 'tries'} and it is wiped."
    )


def wipe(path: Path) -> None:
    """Overwrite the copy (and any journal SQLite left) with random bytes,
    then delete it, its header and any key of it in the keyring."""
    try:
        forget(read_header(path))
    except NotAnOfflineCopy:
        pass
    for target in (path, path.with_name(path.name + "-journal")):
        try:
            size = target.stat().st_size
        except FileNotFoundError:
            continue
        with open(target, "r+b") as f:
            f.write(os.urandom(size))
            f.flush()
            os.fsync(f.fileno())
        target.unlink()
    header_path(path).unlink(missing_ok=True)

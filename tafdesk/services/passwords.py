"""Passwords on an SQLite database: Argon2id hashes, and the rule a new
password must meet. (On PostgreSQL the server keeps and checks passwords;
see tafdesk/db/server_logins.py.)"""

from __future__ import annotations

from functools import cache

from tafdesk.services.errors import ValidationError

MINIMUM_LENGTH = 10
DEMO_PASSWORD = "demo"  # noqa: S105 (the demo database's published password; demo data is synthetic)


@cache
def _hasher():
    """OWASP's minimum for Argon2id (19 MiB, two passes, one lane): about 40
    ms here, so that signing in does not hold up the window, and still far too
    slow to try guesses at any useful rate."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def matches(password_hash: str | None, password: str) -> bool:
    """Whether password is the one hashed. With no hash, a hash is still
    checked, so that an unknown username takes as long as a wrong password."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash or _decoy(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Made with other parameters than today's: hash it again at the next sign-in."""
    from argon2.exceptions import InvalidHashError

    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def check_new_password(password: str) -> None:
    if len(password) < MINIMUM_LENGTH:
        raise ValidationError({"password": f"A password needs at least {MINIMUM_LENGTH} characters."})
    if password != password.strip():
        raise ValidationError({"password": "A password may not begin or end with a space."})


@cache
def demo_hash() -> str:
    """The demo users' hash, made once: Argon2 salts each hash, but every demo
    user shares one known password, so one hash for all of them gives away
    nothing and keeps a large demo council quick to build."""
    return hash_password(DEMO_PASSWORD)


@cache
def _decoy() -> str:
    return hash_password("no such user: a hash to check against")

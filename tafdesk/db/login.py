"""Who connects to a database server: a person's own login role and password,
or (single sign-on) the computer's own identity, and what to say when the
server refuses them.

The password lives only in memory, in the engine's URL, for as long as that
engine does: it is never written to a file, a log or an error message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy.engine import URL

from tafdesk.db.errors import DatabaseUnreachable, StorageError
from tafdesk.db.location import describe
from tafdesk.services.errors import SignInRefused

# TAFDESK_SIGN_IN=sso: the council's server accepts the operating system's
# identity (GSSAPI/Kerberos), so nobody is asked for a password.
SIGN_IN_SETTING = "TAFDESK_SIGN_IN"
MISMATCH = "That username and password do not match."


def single_sign_on() -> bool:
    return os.environ.get(SIGN_IN_SETTING, "").strip().lower() == "sso"


@dataclass(frozen=True)
class Login:
    """A login role and its password; None for either: the URL's (or, for the
    role, libpq's default: the operating system's user name)."""

    username: str | None
    password: str | None = None

    def __repr__(self) -> str:  # never the password
        return f"Login({self.username!r})"

    def apply(self, url: URL) -> URL:
        if self.username:
            url = url.set(username=self.username)
        if self.password is not None:
            url = url.set(password=self.password)
        return url


def refusal(error: BaseException | None, url: URL) -> StorageError | SignInRefused:
    """What a failed connection means for the person: their credentials were
    refused (without saying which part), or the server is out of reach."""
    text = str(error or "")
    if "password authentication failed" in text or ('role "' in text and "does not exist" in text):
        return SignInRefused(MISMATCH)
    if "not permitted to log in" in text:  # said only once the password was right
        return SignInRefused("This account has been disabled. An administrator can enable it again.")
    if "no password supplied" in text:
        return SignInRefused("The database server asks for a password: give your username and password.")
    if "GSSAPI" in text or "Kerberos" in text or "SSPI" in text:
        return SignInRefused(
            "The database server refused single sign-on for this computer's account. Sign in to the computer "
            "again, or ask whoever runs the server whether your account may use tafdesk."
        )
    return DatabaseUnreachable(f"Cannot reach the database at {describe(url)}: {first_line(error)}")


def first_line(error: BaseException | None) -> str:
    """libpq's reason, without its prefixes: "Connection refused", "role "x"
    does not exist"."""
    line = str(error).strip().splitlines()[0] if error and str(error).strip() else "no answer"
    return line.rpartition("failed: ")[2].removeprefix("FATAL:").strip() or "no answer"

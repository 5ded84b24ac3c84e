"""How names and postcodes are folded before they are compared or looked up.

Kept apart from the matcher (and its RapidFuzz import) because the models
store these keys with every person and family: candidates for a match are
found through them in the database.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = re.compile(r"['’`]")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_SPACES = re.compile(r"\s+")


KEY_LENGTH = 100  # the key columns' width: a longer name is found by its first 100 letters


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """Lower-case ASCII letters and single spaces: 'O’Brien-Łukasiewicz' -> 'obrien lukasiewicz'."""
    text = _APOSTROPHES.sub("", anyascii(name).lower())
    return " ".join(_NOT_LETTERS.sub(" ", text).split())[:KEY_LENGTH]


def postcode_key(postcode: str) -> str:
    """'nt3 9qa' and 'NT39QA' are one postcode."""
    return _SPACES.sub("", postcode).upper()

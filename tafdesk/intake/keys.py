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


# English spellings said alike, replaced in this order: Whyte = White, Smyth = Smith, Phillips = Philips.
_SOUNDS = (("ph", "f"), ("wh", "w"), ("ck", "k"), ("y", "i"))
_DOUBLED = re.compile(r"([a-z])\1+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def sound_key(folded: str) -> str:
    """A folded name as it sounds, word by word: spellings English says alike
    are made one ('whyte' and 'white' -> 'wit'). Deliberately narrow: vowels
    are kept, so Hill and Hall stay apart."""
    words = []
    for word in folded.split():
        for written, said in _SOUNDS:
            word = word.replace(written, said)
        word = _DOUBLED.sub(r"\1", word)
        words.append(word[:-1] if len(word) > 2 and word.endswith("e") else word)  # Clarke = Clark
    return " ".join(words)


def address_key(*lines: str | None) -> str:
    """An address's lines as one: 'Flat 3, Tower Court' and 'flat 3' + 'Tower Court' are one address."""
    text = " ".join(line for line in lines if line)
    return " ".join(_NOT_ALNUM.sub(" ", anyascii(text).lower()).split())

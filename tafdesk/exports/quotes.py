"""Finding restricted quotes and people's names in free text, by words.

Texts are compared word by word, each word folded to plain lower-case ASCII
(anyascii: Zoë = zoe, Nguyễn = nguyen) with any punctuation a word break, so
case, accents, hyphens, apostrophes and line breaks never hide a quote.

A `Redactor` is compiled once from what must not be quoted (restricted
items and sensitive details, whole) and, for the circulation edition, whose
names must be shown as initials; applying it to a text is one pass over the
text's words, whatever the number of items.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import overload

from anyascii import anyascii

WITHHELD = "[withheld: restricted]"
RUN = 4  # this many consecutive words of a restricted item make a quote
_WORD = re.compile(r"[^\W_]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# Values that say there is nothing to keep secret ("disability": "none").
_EMPTY_VALUES = {(), ("none",), ("no",), ("n", "a"), ("na",), ("unknown",), ("not", "known"), ("nil",)}
_MIN_PART = 3  # shorter parts of a name ("De", "Al") are matched only as part of the whole name


@dataclass(frozen=True)
class PersonName:
    given: str
    family: str
    known_as: str | None = None


@dataclass(frozen=True)
class Word:
    key: str  # folded: what is compared
    start: int
    end: int


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    return _NOT_ALNUM.sub("", anyascii(word).lower())


def words(text: str) -> list[Word]:
    """The text's words with where each is; `text` should be NFC (see `nfc`)."""
    out = []
    for m in _WORD.finditer(text):
        key = fold(m.group())
        if key:
            out.append(Word(key, m.start(), m.end()))
    return out


def keys(text: str) -> tuple[str, ...]:
    return tuple(w.key for w in words(nfc(text)))


def says_something(text: str) -> bool:
    """Whether the text has words to withhold (not blank, not "none" or "n/a")."""
    return keys(text) not in _EMPTY_VALUES


def nfc(text: str) -> str:
    # Decomposed accents (e + U+0301) would otherwise split a word in two.
    return unicodedata.normalize("NFC", text)


class _Quotes:
    """Restricted items: any RUN consecutive words of a long one, or the
    whole of a short one."""

    def __init__(self, items: Iterable[str]) -> None:
        self.runs: set[tuple[str, ...]] = set()
        self.whole: dict[str, set[tuple[str, ...]]] = {}  # first word -> short items
        for item in items:
            self.add(keys(item))

    def add(self, seq: tuple[str, ...]) -> None:
        if seq in _EMPTY_VALUES:
            return
        if len(seq) < RUN:
            self.whole.setdefault(seq[0], set()).add(seq)
            return
        self.runs.update(seq[i : i + RUN] for i in range(len(seq) - RUN + 1))

    def marks(self, found: list[str]) -> list[bool]:
        marked = [False] * len(found)
        for i, key in enumerate(found):
            hits = [RUN] if tuple(found[i : i + RUN]) in self.runs else []
            hits += [len(seq) for seq in self.whole.get(key, ()) if tuple(found[i : i + len(seq)]) == seq]
            for j in range(i, i + max(hits, default=0)):
                marked[j] = True
        return marked


class _Names:
    """People's names and their variants, and names never to cut (the
    professionals'): at each word the longest match wins, a person's name
    over a professional's of the same length."""

    def __init__(self, people: Iterable[PersonName], family_names: Iterable[str], keep: Iterable[str]) -> None:
        self.starts: dict[str, dict[tuple[str, ...], bool]] = {}  # first word -> {sequence: is a person}
        for name in keep:
            self._add(keys(name), False)
        for person in people:
            for seq in _variants(person):
                self._add(seq, True)
        for name in family_names:
            for seq in _parts(keys(name)):
                self._add(seq, True)

    def _add(self, seq: tuple[str, ...], person: bool) -> None:
        if seq:
            known = self.starts.setdefault(seq[0], {})
            known[seq] = known.get(seq, False) or person

    def spans(self, found: list[str]) -> list[tuple[int, int]]:
        out, i = [], 0
        while i < len(found):
            best, person = 0, False
            for seq, is_person in self.starts.get(found[i], {}).items():
                if tuple(found[i : i + len(seq)]) == seq and (len(seq), is_person) > (best, person):
                    best, person = len(seq), is_person
            if person:
                out.append((i, i + best))
            i += max(best, 1)
        return out


def _parts(whole: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A name whole, and each of its parts long enough to be a name alone
    (the parts of "Okonkwo-Hale", of "Thị Mai")."""
    found = {whole} if whole else set()
    return found | {(part,) for part in whole if len(part) >= _MIN_PART}


def _variants(person: PersonName) -> set[tuple[str, ...]]:
    given, family = keys(person.given), keys(person.family)
    out = {given + family, family + given} | _parts(given) | _parts(family)
    if person.known_as:
        alias = keys(person.known_as)
        out |= {alias + family} | _parts(alias)
    return {seq for seq in out if seq}


class Redactor:
    """`withhold(text)`: restricted quotes replaced with WITHHELD.
    `scrub(text)`: that, and people's names shown as initials."""

    def __init__(
        self,
        restricted: Iterable[str] = (),
        people: Iterable[PersonName] = (),
        family_names: Iterable[str] = (),
        keep: Iterable[str] = (),
    ) -> None:
        self._quotes = _Quotes(restricted)
        self._names = _Names(people, family_names, keep)

    def add_quote(self, text: str) -> None:
        """Something else no text may quote whole (a postcode, an address line)."""
        self._quotes.add(keys(text))

    # Text in, text out; None (nothing recorded) stays None.
    @overload
    def withhold(self, text: str) -> str: ...
    @overload
    def withhold(self, text: str | None) -> str | None: ...
    def withhold(self, text: str | None) -> str | None:
        return self._apply(text, names=False)

    @overload
    def scrub(self, text: str) -> str: ...
    @overload
    def scrub(self, text: str | None) -> str | None: ...
    def scrub(self, text: str | None) -> str | None:
        return self._apply(text, names=True)

    def quoted(self, text: str) -> bool:
        """Whether the text quotes anything restricted (for a warning as it is typed)."""
        return any(self._quotes.marks([w.key for w in words(nfc(text))]))

    def _apply(self, text: str | None, names: bool) -> str | None:
        if not text:
            return text
        text = nfc(text)
        found = words(text)
        keys_found = [w.key for w in found]
        marked = self._quotes.marks(keys_found)
        edits = [(found[i].start, found[j - 1].end, WITHHELD) for i, j in _runs(marked)]
        if names:
            edits += [
                (found[i].start, found[j - 1].end, _initials(text, found[i:j]))
                for i, j in self._names.spans(keys_found)
                if not any(marked[i:j])
            ]
        for start, end, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _runs(marked: list[bool]) -> list[tuple[int, int]]:
    out, start = [], None
    for i, flag in enumerate([*marked, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((start, i))
            start = None
    return out


def _initials(text: str, found: list[Word]) -> str:
    return "".join(text[w.start].upper() + "." for w in found)

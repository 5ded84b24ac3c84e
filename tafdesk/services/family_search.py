"""The global family search: a family found by a name (with its variants
and typos), a case or family reference, a postcode or a date of birth, or
several of these together ("Sharon Whte 3/4/1985").

Only families the person may see are found: those with a case the access
rules give them (services/scope.py's case_rows; on PostgreSQL row-level
security hides the rest as well, so both answer the same). Each family is
found once, through its newest case the person may see, which opens its
case page.

Names are compared as the intake matcher compares them (tafdesk/intake):
folded to ASCII (Zoë = Zoe), as RapidFuzz ratios, family names said alike
being alike (Whyte = White), double-barrelled names by their parts, given
and family names in either order. The cost follows the name, not the
council: the distinct folded names beginning with the typed name's letter
are read from an index (person's name keys), the alike ones kept, and only
their people read.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.fuzz import ratio
from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.intake.keys import KEY_LENGTH, fold_name, sound_key
from tafdesk.intake.matching import NAMES_ALIKE, sounds_alike
from tafdesk.models import Case, CaseStatus, Family, Locality, Person
from tafdesk.services import scope
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService

LIMIT = 50  # families shown; more is said, to narrow with a postcode or a date of birth
ALIKE = NAMES_ALIKE * 100  # 0-100: how alike a name typed and a name held must be
PREFIX_FROM = 3  # letters typed before a name beginning so is found ("Kowa" finds Kowalczyk)
_CHUNK = 500  # ids per IN (…) when checking who may see what

_REFERENCE = re.compile(r"^[A-Z]{1,3}-\d[\d-]*$")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b")
_OUTWARD = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WORDY_DATE = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})\b")
_MONTHS = {
    m: n
    for n, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
STATUS_WORDS = {
    CaseStatus.AWAITING_TRIAGE: "Awaiting triage",
    CaseStatus.AWAITING_MEETING: "Awaiting the meeting",
    CaseStatus.DEFERRED: "Deferred",
    CaseStatus.TAF_OPEN: "TAF open",
    CaseStatus.MULTI_AGENCY_PLAN: "Multi-agency plan",
    CaseStatus.WORKING_TOGETHER_MEETING: "Working Together Meeting",
    CaseStatus.STEPPED_UP: "Stepped up",
    CaseStatus.STEPPED_DOWN: "Stepped down",
    CaseStatus.CLOSED: "Closed",
}


@dataclass(frozen=True)
class Query:
    """What the text typed asks for."""

    text: str
    reference: str | None = None
    postcode: str | None = None  # a key (no spaces, upper case)
    outward: str | None = None  # a postcode's first half alone: "NT3"
    born: dt.date | None = None
    words: tuple[str, ...] = ()  # the name, folded

    @property
    def empty(self) -> bool:
        return not (self.reference or self.postcode or self.outward or self.born or self.words)

    def words_said(self) -> str:
        """'name like "sharon whte", born 3 Apr 1985' — what was looked for."""
        parts = []
        if self.reference:
            parts.append(f"reference {self.reference}")
        if self.words:
            parts.append(f"name like “{' '.join(self.words)}”")
        if self.postcode or self.outward:
            parts.append(f"postcode {self.postcode or self.outward}")
        if self.born:
            parts.append(f"born {self.born.day} {self.born:%b %Y}")
        return ", ".join(parts)


@dataclass(frozen=True)
class FamilyHit:
    family_id: uuid.UUID
    family_reference: str
    family_name: str
    case_id: uuid.UUID  # the newest case of the family the person may see: its case page opens
    case_reference: str
    case_status: str
    locality: str
    postcode: str
    people: str  # "Sharon White (3 Apr 1985), Jay White (12 May 2015)"
    why: str  # "Sharon White: names 89% alike"
    score: int


@dataclass(frozen=True)
class SearchResult:
    query: Query
    hits: tuple[FamilyHit, ...]
    more: bool  # more families matched than are shown

    @property
    def summary(self) -> str:
        if self.query.empty:
            return "Type a name, a case or family reference, a postcode or a date of birth."
        found = len(self.hits)
        if not found:
            return f"No family you may see matches {self.query.words_said()}."
        if self.more:
            return (
                f"The {found} closest families to {self.query.words_said()}; more match: "
                "add a postcode or a date of birth to narrow them."
            )
        return f"{found} famil{'y' if found == 1 else 'ies'} for {self.query.words_said()}."


def parse(text: str, today: dt.date) -> Query:
    """Read the text typed: a reference alone, or any of a postcode, a date of birth and a name."""
    text = " ".join((text or "").split())
    upper = text.upper()
    if _REFERENCE.match(upper):
        return Query(text, reference=upper)
    rest = upper
    postcode = outward = None
    found = _POSTCODE.search(rest)
    if found:
        postcode = found.group(1) + found.group(2)
        rest = rest[: found.start()] + " " + rest[found.end() :]
    born, rest = _date_in(rest, today)
    words = []
    for word in rest.split():
        if _OUTWARD.match(word) and postcode is None and outward is None:
            outward = word
        elif any(c.isalpha() for c in word):
            words.append(word)
    folded = fold_name(" ".join(words))
    return Query(text, None, postcode, outward, born, tuple(folded.split()))


def _date_in(text: str, today: dt.date) -> tuple[dt.date | None, str]:
    for pattern in (_ISO_DATE, _NUMERIC_DATE, _WORDY_DATE):
        found = pattern.search(text)
        if not found:
            continue
        a, b, c = found.groups()
        try:
            if pattern is _ISO_DATE:
                day = dt.date(int(a), int(b), int(c))
            elif pattern is _WORDY_DATE:
                month = _MONTHS.get(b[:3].lower())
                if month is None:
                    continue
                day = dt.date(int(c), month, int(a))
            else:
                year = int(c)
                if len(c) == 2:  # a date of birth: never in the future
                    year += 2000 if 2000 + year <= today.year else 1900
                day = dt.date(year, int(b), int(a))
        except ValueError:
            continue
        return day, text[: found.start()] + " " + text[found.end() :]
    return None, text


class FamilySearchService(ClockedService):
    def search(self, text: str, limit: int = LIMIT) -> SearchResult:
        """The families the actor may see that match the text, the most alike first."""
        self._actor.require(Permission.VIEW_PLANS)
        query = parse(text, self.now().date())
        if query.empty:
            return SearchResult(query, (), False)
        with self._db.reader() as s:
            scores = _candidates(s, query)
            ranked = sorted(scores.items(), key=lambda item: (-item[1][0], item[1][1]))
            visible = self._visible(s, [family_id for family_id, _ in ranked], limit + 1)
            shown = [(family_id, scores[family_id]) for family_id in list(visible)[:limit]]
            hits = _hits(s, shown, visible)
        return SearchResult(query, tuple(hits), len(visible) > limit)

    def _visible(self, s: Session, family_ids: list[uuid.UUID], wanted: int) -> dict[uuid.UUID, tuple]:
        """The first `wanted` of these families (in their order) the actor may
        see, each with its newest case they may see: (case id, reference, status)."""
        found: dict[uuid.UUID, tuple] = {}
        for start in range(0, len(family_ids), _CHUNK):
            chunk = family_ids[start : start + _CHUNK]
            cases = s.execute(
                select(Case.family_id, Case.id, Case.reference, Case.status, Case.opened_on).where(
                    Case.family_id.in_(chunk)
                )
            ).all()
            # Who may see which, asked of the cases by their keys (the planner then reads them by key).
            seen = set(
                s.scalars(select(Case.id).where(Case.id.in_([c[1] for c in cases]), scope.case_rows(self._actor)))
            )
            newest: dict[uuid.UUID, tuple] = {}
            for family_id, case_id, reference, status, opened in cases:
                if case_id in seen and (family_id not in newest or (opened, reference) > newest[family_id][3:]):
                    newest[family_id] = (case_id, reference, status, opened, reference)
            for family_id in chunk:
                if family_id in newest:
                    found[family_id] = newest[family_id][:3]
                    if len(found) >= wanted:
                        return found
        return found


# -- finding -------------------------------------------------------------------------------


def _candidates(s: Session, query: Query) -> dict[uuid.UUID, tuple[int, str]]:
    """Family id -> (score 0-100, why), for everything the query asks (all of it at once)."""
    db = s.connection()  # plain rows
    if query.reference:
        ids = set(db.scalars(select(Family.id).where(Family.reference == query.reference)))
        ids |= set(db.scalars(select(Case.family_id).where(Case.reference == query.reference)))
        return dict.fromkeys(ids, (100, f"reference {query.reference}"))
    sets: list[dict[uuid.UUID, tuple[int, str]]] = []
    if query.postcode:
        rows = db.scalars(select(Family.id).where(Family.postcode_key == query.postcode))
        sets.append(dict.fromkeys(rows, (100, f"postcode {query.postcode}")))
    elif query.outward:
        keyed = db.execute(select(Family.id, Family.postcode_key).where(*_starts(Family.postcode_key, query.outward)))
        sets.append(
            {i: (100, f"postcode in {query.outward}") for i, key in keyed if len(key) - 3 == len(query.outward)}
        )
    if query.words:
        sets.append(_by_name(s, query.words, query.born))
    elif query.born:
        rows = db.scalars(select(Person.family_id).where(Person.date_of_birth == query.born))
        sets.append(dict.fromkeys(rows, (100, f"born {query.born.day} {query.born:%b %Y}")))
    if not sets:
        return {}
    kept = set(sets[0]).intersection(*sets[1:])
    return {i: (min(found[i][0] for found in sets), "; ".join(found[i][1] for found in sets)) for i in kept}


def _by_name(s: Session, words: tuple[str, ...], born: dt.date | None) -> dict[uuid.UUID, tuple[int, str]]:
    """Families with someone of a name alike the words typed (and born on `born`, if given)."""
    db = s.connection()
    if len(words) == 1:
        (word,) = words
        family_keys = _alike_keys(s, Person.family_key, word, family=True)
        given_keys = _alike_keys(s, Person.given_key, word, family=False)
        queries = [
            (select_people().where(Person.family_key.in_(family_keys)), lambda g, f: family_keys[f]),
            (select_people().where(Person.given_key.in_(given_keys)), lambda g, f: given_keys[g]),
        ]
    else:
        given, family = words[0], " ".join(words[1:])
        # in the written order, and swapped: "White Sharon"
        by_family = _alike_keys(s, Person.family_key, family, family=True)
        by_first = _alike_keys(s, Person.family_key, given, family=True)
        queries = [
            (
                select_people().where(Person.family_key.in_(by_family)),
                lambda g, f: _pair(ratio(given, g), by_family.get(f, 0)),
            ),
            (
                select_people().where(Person.family_key.in_(by_first)),
                lambda g, f: _pair(ratio(family, g), by_first.get(f, 0)),
            ),
        ]
    found: dict[uuid.UUID, tuple[int, str]] = {}
    for statement, score_of in queries:
        if born is not None:
            statement = statement.where(Person.date_of_birth == born)
        for family_id, given_key, family_key, given_name, family_name in db.execute(statement):
            score = round(score_of(given_key, family_key))
            if score < ALIKE:
                continue
            if family_id not in found or score > found[family_id][0]:
                alike = "same name" if score >= 100 else f"names {score}% alike"
                found[family_id] = (score, f"{given_name} {family_name}: {alike}")
    return found


def select_people():
    return select(Person.family_id, Person.given_key, Person.family_key, Person.given_name, Person.family_name)


def _pair(given: float, family: float) -> float:
    """Both names must be alike: their average, and no less than the floor for each."""
    return (given + family) / 2 if min(given, family) >= 2 * ALIKE - 100 else 0.0


def _alike_keys(s: Session, column, word: str, *, family: bool) -> dict[str, float]:
    """The distinct folded names held that are alike the word typed, with how alike (0-100)."""
    firsts = {word[0], sound_key(word)[:1]} - {""}
    held: set[str] = set()
    for first in sorted(firsts):
        held |= set(s.connection().scalars(select(column).where(*_starts(column, first)).distinct()))
    return {key: likeness for key in held if (likeness := _likeness(word, key, family)) >= ALIKE}


def _likeness(word: str, key: str, family: bool) -> float:
    if key == word:
        return 100.0
    best = ratio(word, key)
    if len(word) >= PREFIX_FROM and key.startswith(word):
        best = max(best, 95.0)  # typed so far
    if family:
        if best < 95 and sounds_alike(word, key):
            best = 95.0  # said alike: Whyte, White
        parts = key.split()
        if len(parts) > 1:  # Hughes-Baptiste by Baptiste
            best = max(best, max(ratio(word, part) for part in parts) * 0.95)
    return best


def _starts(column, prefix: str) -> tuple:
    """column starts with prefix, as a range the index answers (LIKE may not use it)."""
    prefix = prefix[:KEY_LENGTH]
    return column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1)


# -- showing -------------------------------------------------------------------------------


def _hits(s: Session, shown: list[tuple[uuid.UUID, tuple[int, str]]], cases: dict[uuid.UUID, tuple]) -> list[FamilyHit]:
    ids = [family_id for family_id, _ in shown]
    if not ids:
        return []
    families = {
        row.id: row
        for row in s.execute(
            select(Family.id, Family.reference, Family.family_name, Family.postcode, Locality.name.label("locality"))
            .join(Locality, Locality.id == Family.locality_id)
            .where(Family.id.in_(ids))
        )
    }
    people: dict[uuid.UUID, list[str]] = defaultdict(list)
    for family_id, given, name, born in s.execute(
        select(Person.family_id, Person.given_name, Person.family_name, Person.date_of_birth)
        .where(Person.family_id.in_(ids))
        .order_by(Person.family_id, Person.position)
    ):
        people[family_id].append(f"{given} {name}" + (f" ({born.day} {born:%b %Y})" if born else ""))
    hits = []
    for family_id, (score, why) in shown:
        family = families.get(family_id)
        if family is None:  # gone since it was found
            continue
        case_id, reference, status = cases[family_id]
        hits.append(
            FamilyHit(
                family_id,
                family.reference,
                family.family_name,
                case_id,
                reference,
                STATUS_WORDS.get(status, str(status)),
                family.locality,
                family.postcode,
                ", ".join(people.get(family_id, ())),
                why,
                score,
            )
        )
    return hits

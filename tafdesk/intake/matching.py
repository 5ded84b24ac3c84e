"""Recognising a family already known: a transparent similarity score.

Each incoming member is paired with at most one known member. A pair counts
only when the dates of birth agree (exactly, or by one slip of the keyboard:
a digit different, two digits swapped, day and month swapped), or are unknown
on one side; the same name with a different date of birth is a different
person and counts against the match. The family score adds points for each
pair and for the address, and every point comes with a sentence, so a person
confirming the match sees why. A match on names alone is never confident, nor
one pairing someone whose name and date of birth both only nearly agree.
Names are compared after transliteration to ASCII (Zoë = Zoe, Łukasz =
Lukasz), as tokens (Hughes-Baptiste contains Baptiste), in both orders (given
and family name swapped), and family names by how they sound (Whyte = White).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rapidfuzz.distance import OSA, Levenshtein
from rapidfuzz.fuzz import ratio

from tafdesk.intake.keys import address_key, fold_name, postcode_key, sound_key

# Points. Confident needs CONFIDENT_AT and corroboration; below UNCERTAIN_AT is no match.
SAME_BIRTHDAY = 40
NEAR_BIRTHDAY = 25
NAME_ONLY = 8
MEMBER_POINTS_CAP = 80
SAME_ADDRESS = 30  # the same address lines at the same postcode
SAME_POSTCODE = 20
SAME_POSTCODE_DISTRICT = 8
CONFLICT = -30
CONFIDENT_AT = 60
UNCERTAIN_AT = 35
SAME_NAME = 0.999  # as alike as folding allows: Zoë = Zoe
NAMES_ALIKE = 0.8  # how alike two names must be, 0-1, to be the same person
SOUNDS_ALIKE = 95  # how alike (0-100) family names spelt differently but said the same are


# What the caller keys families and people by (ids, or an incoming document's refs): the matcher only passes them on.
FamilyKey = TypeVar("FamilyKey")
PersonKey = TypeVar("PersonKey")
IncomingKey = TypeVar("IncomingKey")


class Verdict(enum.StrEnum):
    CONFIDENT = "confident"
    UNCERTAIN = "uncertain"
    NONE = "none"


@dataclass(frozen=True)
class PersonFacts(Generic[PersonKey]):
    key: PersonKey
    given_name: str
    family_name: str
    date_of_birth: dt.date | None = None


@dataclass(frozen=True)
class FamilyFacts(Generic[FamilyKey, PersonKey]):
    key: FamilyKey
    family_name: str
    postcode: str
    members: tuple[PersonFacts[PersonKey], ...]
    address: str = ""  # the lines before the town, as written ("Flat 3, Tower Court")


@dataclass(frozen=True)
class Match(Generic[FamilyKey, IncomingKey, PersonKey]):
    family_key: FamilyKey
    score: int
    verdict: Verdict
    evidence: tuple[str, ...]
    pairs: tuple[tuple[IncomingKey, PersonKey], ...]  # (incoming key, known key)


def name_likeness(a: PersonFacts, b: PersonFacts) -> float:
    """0-1: how alike two people's names are, allowing swapped order and
    double-barrelled family names."""
    return max(_name_orders(a, b)) / 100


def folded_alike(given_a: str, family_a: str, given_b: str, family_b: str) -> bool:
    """Whether names already folded (as stored with each person) are alike
    enough to pair. Either order's average reaches the mark only if its given
    name's likeness reaches 2 x mark - 100: most strangers fail that cheaply."""
    floor = 200 * NAMES_ALIKE - 100 - 1e-9  # never above the exact bound
    if ratio(given_a, given_b, score_cutoff=floor) == 0 and ratio(given_a, family_b, score_cutoff=floor) == 0:
        return False
    return max(_folded_orders(given_a, family_a, given_b, family_b)) / 100 >= NAMES_ALIKE


def _name_orders(a: PersonFacts, b: PersonFacts) -> tuple[float, float]:
    """Likeness (0-100) in the written order and with one side's names swapped."""
    return _folded_orders(
        fold_name(a.given_name), fold_name(a.family_name), fold_name(b.given_name), fold_name(b.family_name)
    )


def _folded_orders(given_a: str, family_a: str, given_b: str, family_b: str) -> tuple[float, float]:
    straight = (ratio(given_a, given_b) + _family_likeness(family_a, family_b)) / 2
    swapped = (ratio(given_a, family_b) + ratio(family_a, given_b)) / 2
    return straight, swapped


def _family_likeness(a: str, b: str) -> float:
    whole = ratio(a, b)
    if whole < SOUNDS_ALIKE and sounds_alike(a, b):
        whole = SOUNDS_ALIKE
    parts_a, parts_b = a.split(), b.split()
    if len(parts_a) > 1 or len(parts_b) > 1:  # Hughes-Baptiste ~ Baptiste
        best_part = max(ratio(x, y) for x in parts_a for y in parts_b)
        whole = max(whole, best_part * 0.95)
    return whole


def sounds_alike(a: str, b: str) -> bool:
    """Folded names spelt differently that English says alike (whyte, white)."""
    return a != b and sound_key(a) == sound_key(b)


def birthday_agreement(a: dt.date | None, b: dt.date | None) -> str:
    """'same', 'near' (one slip of the keyboard, see date_slip), 'differs' or 'unknown'."""
    if a is None or b is None:
        return "unknown"
    if a == b:
        return "same"
    return "near" if date_slip(a, b) else "differs"


def date_slip(a: dt.date, b: dt.date) -> str | None:
    """How two different dates could be one mistyped, in plain words: day
    and month swapped (03/04 and 04/03), two digits swapped (03/04 and 30/04,
    12/05 and 21/05, 1985 and 1958) or one digit different; None if not so."""
    if a.year == b.year and a.day == b.month and a.month == b.day:
        return "day and month swapped"
    written_a, written_b = a.isoformat(), b.isoformat()
    if OSA.distance(written_a, written_b) != 1:  # one edit, an adjacent swap counting as one
        return None
    return "one digit different" if Levenshtein.distance(written_a, written_b) == 1 else "two digits swapped"


def swapped_dates(date: dt.date) -> set[dt.date]:
    """The other dates a date of birth may have been typed as with something
    swapped (day and month, or two digits side by side): few enough to look
    each up. A digit simply different has too many to look up."""
    written = date.isoformat()
    found = {date.replace(month=date.day, day=date.month)} if date.day <= 12 else set()
    for i in range(len(written) - 1):
        if written[i].isdigit() and written[i + 1].isdigit() and written[i] != written[i + 1]:
            try:
                other = dt.date.fromisoformat(written[:i] + written[i + 1] + written[i] + written[i + 2 :])
            except ValueError:  # 2019-05-31 -> 2019-05-13 is a date; 2019-05-31 -> 2019-50-31 is not
                continue
            if abs(other.year - date.year) <= 100:  # not 9185 for 1985: nobody is born then
                found.add(other)
    found.discard(date)
    return found


def match_family(
    incoming: FamilyFacts[Any, IncomingKey], known: FamilyFacts[FamilyKey, PersonKey]
) -> Match[FamilyKey, IncomingKey, PersonKey]:
    points: list[tuple[int, str]] = []
    pairs: list[tuple[IncomingKey, PersonKey]] = []
    member_points = dated_pairs = 0
    conflicts, doubtful = [], []
    for person, other, likeness, birthday in _best_pairs(incoming.members, known.members):
        if birthday == "differs":
            conflicts.append((person, other, likeness, birthday))
            points.append((CONFLICT, f"{_who(person)} has the name of {_who(other)} but a different date of birth"))
            continue
        pairs.append((person.key, other.key))
        gained = min(
            {"same": SAME_BIRTHDAY, "near": NEAR_BIRTHDAY}.get(birthday, NAME_ONLY), MEMBER_POINTS_CAP - member_points
        )
        member_points += gained
        dated_pairs += birthday != "unknown"
        points.append((gained, _pair_sentence(person, other, likeness, birthday)))
        if birthday == "near" and likeness < SAME_NAME:
            doubtful.append((person, other))
    same_address = postcode_key(incoming.postcode) == postcode_key(known.postcode)
    if same_address and incoming.address and address_key(incoming.address) == address_key(known.address):
        points.append((SAME_ADDRESS, f"same address, {known.address}, {known.postcode}"))
    elif same_address:
        points.append((SAME_POSTCODE, f"same postcode, {known.postcode}"))
    elif _district(incoming.postcode) == _district(known.postcode):
        points.append(
            (SAME_POSTCODE_DISTRICT, f"postcode {incoming.postcode} is in the same district as {known.postcode}")
        )
    accounted = {p for p, _ in pairs} | {p.key for p, _, _, b in conflicts}
    for member in incoming.members:
        if member.key not in accounted:
            points.append((0, f"not in the known family: {_who(member)}{_born(member)}"))
    for person, other in doubtful:
        points.append(
            (
                0,
                f"for a person to confirm: {_who(person)}'s name and date of birth both differ a little "
                f"from {_who(other)}'s",
            )
        )
    score = max(0, min(100, sum(p for p, _ in points)))
    evidence = tuple(f"{p:+d} {text}" if p else text for p, text in points)
    verdict = _verdict(score, dated_pairs, same_address)
    if doubtful and verdict is Verdict.CONFIDENT:  # they may be two people: a person looks before they are merged
        verdict = Verdict.UNCERTAIN
    return Match(known.key, score, verdict, evidence, tuple(pairs))


def _best_pairs(incoming, known):
    """Pair each incoming member with their most alike known member, best
    pairs first, each known member once. Yields (person, other, likeness,
    birthday); a 'differs' pair is a same-name conflict, not a pairing."""
    candidates = []
    for person in incoming:
        for other in known:
            likeness = name_likeness(person, other)
            birthday = birthday_agreement(person.date_of_birth, other.date_of_birth)
            if (birthday == "differs" and likeness >= 0.9) or (birthday != "differs" and likeness >= NAMES_ALIKE):
                rank = likeness + {"same": 1.0, "near": 0.5}.get(birthday, 0.0) - (2 if birthday == "differs" else 0)
                candidates.append((rank, person, other, likeness, birthday))
    candidates.sort(key=lambda c: -c[0])
    taken_in, taken_known = set(), set()
    for _rank, person, other, likeness, birthday in candidates:
        if person.key in taken_in or other.key in taken_known:
            continue
        taken_in.add(person.key)
        if birthday != "differs":
            taken_known.add(other.key)
        yield person, other, likeness, birthday


def _verdict(score: int, dated_pairs: int, same_address: bool) -> Verdict:
    corroborated = dated_pairs >= 2 or (dated_pairs >= 1 and same_address)
    if score >= CONFIDENT_AT and corroborated:
        return Verdict.CONFIDENT
    if score >= UNCERTAIN_AT:
        return Verdict.UNCERTAIN
    return Verdict.NONE


def _pair_sentence(person: PersonFacts, other: PersonFacts, likeness: float, birthday: str) -> str:
    names = f"{_who(person)} ~ {_who(other)}: {_names_sentence(person, other, likeness)}"
    if birthday == "same":
        return f"{names}, same date of birth ({person.date_of_birth:%d %b %Y})"
    if birthday == "near" and person.date_of_birth and other.date_of_birth:  # "near": both are known
        slip = date_slip(person.date_of_birth, other.date_of_birth)
        return (
            f"{names}, dates of birth nearly the same, {slip} "
            f"({person.date_of_birth:%d %b %Y} / {other.date_of_birth:%d %b %Y})"
        )
    return f"{names}, date of birth unknown on one side"


def _names_sentence(person: PersonFacts, other: PersonFacts, likeness: float) -> str:
    straight, swapped = _name_orders(person, other)
    if likeness >= SAME_NAME:
        names = "same name"
    elif swapped <= straight and sounds_alike(fold_name(person.family_name), fold_name(other.family_name)):
        given = "same given name, " if fold_name(person.given_name) == fold_name(other.given_name) else ""
        names = f"{given}family name spelt differently but said the same ({person.family_name} / {other.family_name})"
    else:
        names = f"names {likeness:.0%} alike"
    if swapped > straight:
        names += " (given and family names swapped)"
    return names


def _who(person: PersonFacts) -> str:
    return f"{person.given_name} {person.family_name}"


def _district(postcode: str) -> str:
    key = postcode_key(postcode)
    return key[:-3]


def _born(person: PersonFacts) -> str:
    return f", born {person.date_of_birth:%d %b %Y}" if person.date_of_birth else ""


def document_facts(profile: dict) -> FamilyFacts[str, str]:
    """An incoming profile's family, keyed by the profile's member ids."""
    family, address = profile["family"], profile["family"]["address"]
    members = tuple(member_facts(m, m["member_id"]) for m in family["members"])
    return FamilyFacts(
        profile["profile_id"],
        family["family_name"],
        address["postcode"],
        members,
        address_lines(address["line1"], address.get("line2")),
    )


def address_lines(line1: str, line2: str | None) -> str:
    """The address lines before the town, as one line to show and compare."""
    return ", ".join(line for line in (line1, line2) if line)


def member_facts(member: dict, key: PersonKey) -> PersonFacts[PersonKey]:
    born = member.get("date_of_birth")
    return PersonFacts(key, member["first_name"], member["last_name"], dt.date.fromisoformat(born) if born else None)

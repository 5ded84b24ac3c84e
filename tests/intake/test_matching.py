"""Recognising known families: the cases the access team meets every week."""

from __future__ import annotations

import datetime as dt

import pytest

from tafdesk.intake.matching import FamilyFacts, PersonFacts, Verdict, birthday_agreement, match_family, normalise

D = dt.date

KNOWN = FamilyFacts(
    "known",
    "Kowalczyk",
    "NT3 8LD",
    (
        PersonFacts("mum", "Agnieszka", "Kowalczyk", D(1987, 6, 14)),
        PersonFacts("son", "Łukasz", "Kowalczyk", D(2012, 3, 5)),
        PersonFacts("girl", "Zoë", "Kowalczyk-Byrne", D(2016, 11, 28)),
    ),
)


def family(postcode="NT3 8LD", *members):
    return FamilyFacts("incoming", members[0][1] if members else "X", postcode,
                       tuple(PersonFacts(f"p{i}", g, f, b) for i, (g, f, b) in enumerate(members)))


def test_normalise_strips_diacritics_case_and_punctuation():
    assert normalise("Łukasz") == "lukasz"
    assert normalise("Zoë") == "zoe"
    assert normalise("Nguyễn Thị") == "nguyen thi"
    assert normalise("O’Brien-Siobhán") == "obrien siobhan"


@pytest.mark.parametrize(("a", "b", "expected"), [
    (D(2012, 3, 5), D(2012, 3, 5), "same"),
    (D(2012, 3, 5), D(2012, 5, 3), "near"),   # day and month swapped
    (D(2012, 3, 5), D(2012, 3, 6), "near"),   # one key slipped
    (D(2012, 3, 5), D(2013, 8, 5), "differs"),
    (D(2012, 3, 5), None, "unknown"),
])
def test_birthday_agreement(a, b, expected):
    assert birthday_agreement(a, b) == expected


def test_exact_same_family_is_confident():
    match = match_family(family("NT3 8LD", *[(p.given_name, p.family_name, p.date_of_birth) for p in KNOWN.members]), KNOWN)
    assert match.verdict is Verdict.CONFIDENT and match.score == 100
    assert dict(match.pairs) == {"p0": "mum", "p1": "son", "p2": "girl"}


def test_typos_in_names_still_match():
    incoming = family("NT3 8LD", ("Agnieska", "Kowalczik", D(1987, 6, 14)), ("Lukasz", "Kowalcyk", D(2012, 3, 5)))
    match = match_family(incoming, KNOWN)
    assert match.verdict is Verdict.CONFIDENT
    assert any("names" in e and "alike" in e and "same date of birth" in e for e in match.evidence)


def test_diacritics_stripped_in_one_source():
    incoming = family("NT3 8LD", ("Lukasz", "Kowalczyk", D(2012, 3, 5)), ("Zoe", "Kowalczyk-Byrne", D(2016, 11, 28)))
    match = match_family(incoming, KNOWN)
    assert match.verdict is Verdict.CONFIDENT and dict(match.pairs) == {"p0": "son", "p1": "girl"}
    assert "same name" in match.evidence[0]


def test_hyphenated_and_double_barrelled_surnames():
    incoming = family("NT3 8LD", ("Zoë", "Byrne", D(2016, 11, 28)), ("Agnieszka", "Kowalczyk Byrne", D(1987, 6, 14)))
    match = match_family(incoming, KNOWN)
    assert match.verdict is Verdict.CONFIDENT
    assert dict(match.pairs) == {"p0": "girl", "p1": "mum"}


def test_first_and_last_names_swapped():
    incoming = family("NT9 9ZZ", ("Kowalczyk", "Agnieszka", D(1987, 6, 14)), ("Kowalczyk", "Łukasz", D(2012, 3, 5)))
    match = match_family(incoming, KNOWN)
    assert match.verdict is Verdict.CONFIDENT  # two dated pairs, even after a move
    assert all("swapped" in e for e in match.evidence[:2])


def test_new_baby_since_last_referral_is_listed_not_held_against():
    members = [(p.given_name, p.family_name, p.date_of_birth) for p in KNOWN.members]
    match = match_family(family("NT3 8LD", *members, ("Maja", "Kowalczyk", D(2026, 8, 1))), KNOWN)
    assert match.verdict is Verdict.CONFIDENT and match.score == 100
    assert "not in the known family: Maja Kowalczyk, born 01 Aug 2026" in match.evidence


def test_same_name_different_date_of_birth_is_not_a_match():
    incoming = family("NT3 8LD", ("Agnieszka", "Kowalczyk", D(1979, 1, 22)), ("Łukasz", "Kowalczyk", D(2019, 9, 9)))
    match = match_family(incoming, KNOWN)
    assert match.verdict is not Verdict.CONFIDENT
    assert match.pairs == ()
    assert sum("different date of birth" in e for e in match.evidence) == 2


def test_name_alone_is_never_confident():
    # Same names, dates of birth unknown, same postcode: worth asking, not merging.
    incoming = family("NT3 8LD", ("Agnieszka", "Kowalczyk", None), ("Łukasz", "Kowalczyk", None), ("Zoë", "Kowalczyk-Byrne", None))
    match = match_family(incoming, KNOWN)
    assert match.verdict is Verdict.UNCERTAIN


def test_one_dated_member_elsewhere_is_uncertain():
    match = match_family(family("ZZ1 1ZZ", ("Agnieszka", "Kowalczyk", D(1987, 6, 14))), KNOWN)
    assert match.verdict is Verdict.UNCERTAIN and match.score == 40


def test_strangers_do_not_match():
    match = match_family(family("SB1 2CD", ("Amara", "Mensah", D(1990, 2, 2)), ("Kofi", "Mensah", D(2015, 7, 7))), KNOWN)
    assert match.verdict is Verdict.NONE and match.pairs == ()


def test_every_point_has_a_reason():
    incoming = family("NT3 8LD", ("Agnieszka", "Kowalczyk", D(1987, 6, 14)))
    match = match_family(incoming, KNOWN)
    scored = [e for e in match.evidence if e[0] in "+-"]
    assert sum(int(e.split()[0]) for e in scored) == match.score

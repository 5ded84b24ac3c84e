"""Recognising known families: the cases the access team meets every week."""

from __future__ import annotations

import datetime as dt

import pytest

from tafdesk.intake.keys import fold_name
from tafdesk.intake.matching import (
    FamilyFacts,
    PersonFacts,
    Verdict,
    birthday_agreement,
    date_slip,
    match_family,
    sounds_alike,
    swapped_dates,
)

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
    return FamilyFacts(
        "incoming",
        members[0][1] if members else "X",
        postcode,
        tuple(PersonFacts(f"p{i}", g, f, b) for i, (g, f, b) in enumerate(members)),
    )


def test_normalise_strips_diacritics_case_and_punctuation():
    assert fold_name("Łukasz") == "lukasz"
    assert fold_name("Zoë") == "zoe"
    assert fold_name("Nguyễn Thị") == "nguyen thi"
    assert fold_name("O’Brien-Siobhán") == "obrien siobhan"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(2012, 3, 5), D(2012, 3, 5), "same"),
        (D(2012, 3, 5), D(2012, 5, 3), "near"),  # day and month swapped
        (D(2012, 3, 5), D(2012, 3, 6), "near"),  # one key slipped
        (D(2012, 3, 5), D(2013, 8, 5), "differs"),
        (D(2012, 3, 5), None, "unknown"),
    ],
)
def test_birthday_agreement(a, b, expected):
    assert birthday_agreement(a, b) == expected


def test_exact_same_family_is_confident():
    match = match_family(
        family("NT3 8LD", *[(p.given_name, p.family_name, p.date_of_birth) for p in KNOWN.members]), KNOWN
    )
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
    incoming = family(
        "NT3 8LD", ("Agnieszka", "Kowalczyk", None), ("Łukasz", "Kowalczyk", None), ("Zoë", "Kowalczyk-Byrne", None)
    )
    match = match_family(incoming, KNOWN)
    assert match.verdict is Verdict.UNCERTAIN


def test_one_dated_member_elsewhere_is_uncertain():
    match = match_family(family("ZZ1 1ZZ", ("Agnieszka", "Kowalczyk", D(1987, 6, 14))), KNOWN)
    assert match.verdict is Verdict.UNCERTAIN and match.score == 40


def test_strangers_do_not_match():
    match = match_family(
        family("SB1 2CD", ("Amara", "Mensah", D(1990, 2, 2)), ("Kofi", "Mensah", D(2015, 7, 7))), KNOWN
    )
    assert match.verdict is Verdict.NONE and match.pairs == ()


def test_every_point_has_a_reason():
    incoming = family("NT3 8LD", ("Agnieszka", "Kowalczyk", D(1987, 6, 14)))
    match = match_family(incoming, KNOWN)
    scored = [e for e in match.evidence if e[0] in "+-"]
    assert sum(int(e.split()[0]) for e in scored) == match.score


# -- near repeats: a family name said the same, dates typed with digits swapped, the same flat (issue 11)

WHITE = FamilyFacts(
    "white",
    "White",
    "NT3 9QA",
    (PersonFacts("mum", "Sharon", "White", D(1985, 4, 3)), PersonFacts("girl", "Ella", "White", D(2015, 6, 10))),
    "Flat 3, Tower Court",
)


def at(address, postcode, *members):
    return FamilyFacts(
        "incoming",
        members[0][1],
        postcode,
        tuple(PersonFacts(f"p{i}", g, f, b) for i, (g, f, b) in enumerate(members)),
        address,
    )


@pytest.mark.parametrize(
    ("a", "b", "slip"),
    [
        (D(1985, 4, 3), D(1985, 4, 30), "two digits swapped"),  # 03/04 written 30/04
        (D(2019, 5, 12), D(2019, 5, 21), "two digits swapped"),  # 12/05 written 21/05
        (D(1985, 4, 3), D(1958, 4, 3), "two digits swapped"),  # the year's last two digits
        (D(1985, 4, 3), D(1985, 3, 4), "day and month swapped"),  # 03/04 written 04/03
        (D(1985, 4, 3), D(1985, 4, 8), "one digit different"),
    ],
)
def test_a_date_typed_with_something_swapped_nearly_agrees(a, b, slip):
    assert birthday_agreement(a, b) == "near"
    assert date_slip(a, b) == slip
    assert b in swapped_dates(a) or slip == "one digit different"  # what the lookup asks the database for


@pytest.mark.parametrize(
    ("a", "b"), [(D(1985, 4, 3), D(1985, 4, 21)), (D(2019, 5, 12), D(2019, 2, 15)), (D(1985, 4, 3), D(1985, 3, 30))]
)
def test_dates_two_slips_apart_differ(a, b):
    assert birthday_agreement(a, b) == "differs" and date_slip(a, b) is None


def test_swapped_dates_are_real_dates_within_a_lifetime():
    assert swapped_dates(D(2019, 5, 31)) == {D(2019, 5, 13), D(2091, 5, 31), D(2109, 5, 31)}  # not 2019-50-31 nor 219


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Whyte", "White"),
        ("Smyth", "Smith"),
        ("Phillips", "Philips"),
        ("Clarke", "Clark"),
        ("O’Reilly-Hale", "Oreily Hale"),
    ],
)
def test_family_names_said_the_same_sound_alike(a, b):
    assert sounds_alike(fold_name(a), fold_name(b))


@pytest.mark.parametrize(("a", "b"), [("Hill", "Hall"), ("White", "Wood"), ("Smith", "Smart"), ("White", "White")])
def test_family_names_said_differently_do_not(a, b):
    assert not sounds_alike(fold_name(a), fold_name(b))


def test_the_issue_example_is_a_match_to_confirm_saying_why():
    """Whyte at the White family's flat, the mother's 03/04 typed 30/04, the same daughter."""
    incoming = at(
        "Flat 3, Tower Court", "NT3 9QA", ("Sharon", "Whyte", D(1985, 4, 30)), ("Ella", "Whyte", D(2015, 6, 10))
    )
    match = match_family(incoming, WHITE)
    assert match.verdict is Verdict.UNCERTAIN and match.score == 95
    assert dict(match.pairs) == {"p1": "girl", "p0": "mum"}
    assert match.evidence == (
        "+40 Ella Whyte ~ Ella White: same given name, family name spelt differently but said the same "
        "(Whyte / White), same date of birth (10 Jun 2015)",
        "+25 Sharon Whyte ~ Sharon White: same given name, family name spelt differently but said the same "
        "(Whyte / White), dates of birth nearly the same, two digits swapped (30 Apr 1985 / 03 Apr 1985)",
        "+30 same address, Flat 3, Tower Court, NT3 9QA",
        "for a person to confirm: Sharon Whyte's name and date of birth both differ a little from Sharon White's",
    )


def test_same_names_and_a_swapped_date_at_the_same_flat_is_a_repeat():
    incoming = at(
        "flat 3 tower court", "nt3 9qa", ("Sharon", "White", D(1985, 4, 30)), ("Ella", "White", D(2015, 6, 10))
    )
    match = match_family(incoming, WHITE)
    assert match.verdict is Verdict.CONFIDENT and match.score == 95  # only the date is in doubt: no one to ask


def test_a_name_and_date_both_nearly_agreeing_is_asked_about_however_strong_the_rest():
    known = FamilyFacts("k", "White", "NT3 9QA", (*WHITE.members, PersonFacts("boy", "Sam", "White", D(2017, 1, 9))))
    incoming = family(
        "NT3 9QA",
        ("Sharon", "Whyte", D(1985, 4, 30)),
        ("Ella", "White", D(2015, 6, 10)),
        ("Sam", "White", D(2017, 1, 9)),
    )
    assert match_family(incoming, known).verdict is Verdict.UNCERTAIN


def test_the_address_line_counts_only_at_the_same_postcode():
    mother = ("Sharon", "White", D(1985, 4, 3))
    same_line = match_family(at("Flat 3, Tower Court", "NT3 9QA", mother), WHITE)
    other_flat = match_family(at("Flat 5, Tower Court", "NT3 9QA", mother), WHITE)
    elsewhere = match_family(at("Flat 3, Tower Court", "SB1 2CD", mother), WHITE)
    assert same_line.score - other_flat.score == 10
    assert "+30 same address, Flat 3, Tower Court, NT3 9QA" in same_line.evidence
    written_otherwise = match_family(at("FLAT 3 ,  tower court", "NT39QA", mother), WHITE)
    assert written_otherwise.score == same_line.score  # case, commas and spaces aside
    assert "+20 same postcode, NT3 9QA" in other_flat.evidence
    assert not any("address" in e or "postcode" in e for e in elsewhere.evidence)


@pytest.mark.parametrize("flat", ["Flat 5, Tower Court", "Flat 3, Tower Court"])
def test_another_family_in_the_same_block_is_not_suggested(flat):
    neighbours = at(flat, "NT3 9QA", ("Amara", "Mensah", D(1990, 2, 2)), ("Kofi", "Mensah", D(2015, 7, 7)))
    match = match_family(neighbours, WHITE)
    assert match.verdict is Verdict.NONE and match.pairs == ()


def test_a_neighbour_with_a_name_said_alike_and_other_children_is_not_suggested():
    neighbours = at(
        "Flat 5, Tower Court", "NT3 9QA", ("Dawn", "Whyte", D(1979, 9, 1)), ("Ryan", "Whyte", D(2010, 1, 2))
    )
    match = match_family(neighbours, WHITE)
    assert match.verdict is Verdict.NONE and match.pairs == ()

"""Ranking candidates for one case: the score, its reasons and the hard rules."""

from __future__ import annotations

import datetime as dt

import pytest

from tafdesk.allocation.candidates import Candidate, CaseFacts
from tafdesk.allocation.caseload import Load
from tafdesk.allocation.suitability import Pool
from tafdesk.models.enums import Level, NeedArea

MEETING = dt.date(2026, 12, 1)
KAI = CaseFacts(
    key="case",
    weight=3.0,
    locality="North",
    needs={NeedArea.EDUCATION: Level.HIGH, NeedArea.CRIME: Level.MEDIUM},
    agencies={"EWS": "current", "Police": "historic"},
    workers={"Tomás Okafor": "Kai (Education Welfare, current)"},
    suggested_agency="EWS",
)


def person(name, agency="EWS", *, locality="North", capacity=20.0, led=10.0, specialisms=(), **extra):
    names = {"EWS": "Education Welfare", "FS": "Family Support", "Police": "Police"}
    return Candidate(
        name, name, agency, names[agency], locality, Load(capacity, led, 0.0), frozenset(specialisms), **extra
    )


def test_reasons_explain_every_point():
    ranked = Pool([person("Tomas Okafor", specialisms=(NeedArea.EDUCATION, NeedArea.CRIME))], MEETING).rank(KAI)
    best = ranked[0]
    texts = [r.text for r in best.reasons]
    assert texts == [
        "active, here on the day and within capacity",
        "already working with Kai (Education Welfare, current)",  # the accent differs: still the same worker
        "Education Welfare is involved now",
        "specialisms match education and crime",
        "7.0 points of headroom after this case (50% used now)",
        "same locality",
        "the access team suggested this agency",
    ]
    assert sum(r.points for r in best.reasons) == pytest.approx(best.score)
    assert best.score == pytest.approx(40 + 30 + 12 + 16 + 12 + 10 + 8)


def test_better_placed_ranks_first():
    pool = Pool(
        [
            person("Far Away", "FS", locality="South"),
            person("Tomas Okafor", specialisms=(NeedArea.EDUCATION,)),
            person("Police Officer", "Police", specialisms=(NeedArea.CRIME,)),
        ],
        MEETING,
    )
    assert [r.candidate.name for r in pool.rank(KAI)] == ["Tomas Okafor", "Police Officer", "Far Away"]


def test_agency_share_of_todays_cases_counts_against():
    pool = Pool([person("A", "FS"), person("B", "Police")], MEETING, agency_share={"FS": 0.4})
    fs = next(r for r in pool.rank(KAI) if r.candidate.agency == "FS")
    assert any(
        r.text == "agency already leads 40% of today's cases" and r.points == pytest.approx(-15) for r in fs.reasons
    )


@pytest.mark.parametrize(
    ("candidate", "why"),
    [
        (person("Gone", active=False), "no longer active"),
        (person("Away", leave=((dt.date(2026, 11, 30), dt.date(2026, 12, 4)),)), "on leave on 01 Dec"),
        (person("Full", capacity=12.0, led=10.0), "would be at 108% of capacity"),
    ],
)
def test_hard_rules(candidate, why):
    [ranked] = Pool([candidate], MEETING).rank(KAI)
    assert not ranked.eligible and ranked.blocked == why


def test_chair_may_override_capacity_but_not_leave():
    full, away = person("Full", capacity=12.0, led=10.0), person("Away", leave=((MEETING, MEETING),))
    ranked = {r.candidate.name: r for r in Pool([full, away], MEETING).rank(KAI, allow_over_capacity=True)}
    assert ranked["Full"].eligible and ranked["Full"].over_capacity
    assert not ranked["Away"].eligible


def test_leave_ending_before_the_meeting_does_not_block():
    back = person("Back", leave=((dt.date(2026, 11, 1), dt.date(2026, 11, 30)),))
    assert Pool([back], MEETING).rank(KAI)[0].eligible

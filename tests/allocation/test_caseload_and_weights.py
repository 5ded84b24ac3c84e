"""The caseload arithmetic and the weight formula."""

from __future__ import annotations

import pytest

from tafdesk.allocation.caseload import Load, capacity, totals
from tafdesk.allocation.weights import CaseComplexity, WeightRules, case_weight, weight_parts


def test_capacity_is_fte_times_agency_standard_unless_set():
    assert capacity(0.6, 20.0) == pytest.approx(12.0)
    assert capacity(0.6, 20.0, own_capacity=9.0) == 9.0


def test_load_counts_a_fraction_of_supported_cases():
    load = Load(capacity=20.0, led=10.0, supported=8.0)
    assert load.load == pytest.approx(12.0)  # 10 + 0.25 x 8
    assert load.headroom == pytest.approx(8.0)
    assert load.utilisation == pytest.approx(0.6)
    after = load.plus(3.0)
    assert after.load == pytest.approx(15.0) and after.utilisation == pytest.approx(0.75)


def test_totals_per_agency_and_locality():
    rows = [(("EWS", "North"), Load(10, 5, 0)), (("EWS", "North"), Load(20, 15, 4)), (("EWS", "South"), Load(10, 2, 0))]
    result = totals(rows)
    north = result[("EWS", "North")]
    assert (north.capacity, north.load, north.professionals) == (30, 21, 2)
    assert north.utilisation == pytest.approx(0.7) and north.headroom == pytest.approx(9)
    assert result[("EWS", "South")].load == 2


def test_weight_formula_parts_and_rounding():
    family = CaseComplexity(level_of_need=3, children=2, high_needs=1, high_risks=1, medium_risks=1, repeat=True)
    parts = weight_parts(family)
    assert [text for _, text in parts] == [
        "level of need 3",
        "2 children",
        "1 need area at high level",
        "1 high risk",
        "1 medium risk",
        "referred before",
    ]
    assert sum(p for p, _ in parts) == pytest.approx(4.5)  # 2 + 0.5 + 0.5 + 0.75 + 0.25 + 0.5
    assert case_weight(family) == 4.5


def test_weight_is_bounded_and_rules_adjustable():
    huge = CaseComplexity(level_of_need=4, children=9, high_needs=10, high_risks=6, medium_risks=0, repeat=True)
    assert case_weight(huge) == WeightRules().maximum
    light = CaseComplexity(level_of_need=1, children=1, high_needs=0, high_risks=0, medium_risks=0, repeat=False)
    assert case_weight(light) == 0.5
    rules = WeightRules.from_dict({"base_by_level": {"3": 3.0}, "repeat": 1.0, "unknown_key": 1})
    family = CaseComplexity(level_of_need=3, children=1, high_needs=0, high_risks=0, medium_risks=0, repeat=True)
    assert case_weight(family, rules) == 4.0
    assert WeightRules.from_dict(rules.as_dict()) == rules

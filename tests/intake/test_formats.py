"""Dates and times in profiles are checked by tafdesk's own format checks,
without the slow optional packages jsonschema would otherwise load."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tafdesk.intake.contract import profiles_in
from tests.intake.conftest import make_profile

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "value",
    ["2026-11-19T14:32:00+00:00", "2026-11-19T14:32:00Z", "2026-11-19t14:32:00.25z", "2026-11-19T14:32:00-05:30"],
)
def test_rfc3339_date_times_are_accepted(value):
    assert profiles_in(make_profile(compiled_at=value))[1] == []


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-19 14:32",
        "2026-11-19T14:32:00",
        "2026-11-19T14:32+00:00",
        "2026-02-30T10:00:00Z",
        "2026-11-19T24:00:00Z",
        "2026-11-19T14:32:00+25:00",
        "soon",
    ],
)
def test_other_date_times_are_refused_in_a_sentence(value):
    [problem] = profiles_in(make_profile(compiled_at=value))[1]
    assert str(problem) == f'compiled_at: "{value}" is not a valid date and time with a time zone.'


@pytest.mark.parametrize("value", ["2026-02-30", "2026-2-28", "28/02/2026", "２０２６-02-28"])
def test_impossible_or_misshapen_dates_are_refused(value):
    profile = make_profile()
    profile["referral"]["received_on"] = value
    [problem] = profiles_in(profile)[1]
    assert str(problem) == f'referral.received_on: "{value}" is not a valid date (YYYY-MM-DD).'


def test_checking_a_profile_loads_none_of_the_optional_format_packages():
    script = textwrap.dedent("""
        import sys
        from tafdesk.intake.contract import profiles_in
        from tests.intake.conftest import make_profile
        assert profiles_in(make_profile())[1] == []
        print(sorted(name for name in ("rfc3987_syntax", "lark", "rfc3339_validator", "webcolors") if name in sys.modules))
        import importlib.util
        importlib.util.find_spec("rfc3339_validator")  # not left blocked: raises if it were
    """)
    found = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_the_contract_is_checked_with_its_references_inlined_and_judged_alike():
    import json

    from jsonschema import Draft202012Validator

    from tafdesk.contracts import PROFILE360_SCHEMA
    from tafdesk.intake.contract import _inlined, _validator

    assert "$ref" not in json.dumps(_validator().schema)
    schema = json.loads(PROFILE360_SCHEMA.read_text(encoding="utf-8"))
    with_refs = Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/profile"},
        format_checker=_validator().format_checker,
    )
    broken = make_profile()
    broken["family"]["members"][0]["date_of_birth"] = "2026-02-30"
    broken["locality"] = ""
    broken["referral"]["referrer"]["name"] = 7

    def seen(validator):
        return sorted((list(e.absolute_path), e.validator) for e in validator.iter_errors(broken))

    assert len(seen(with_refs)) == 4  # the blank locality breaks two rules
    assert seen(_validator()) == seen(with_refs)
    with pytest.raises(ValueError, match="cannot be inlined"):
        _inlined({"$ref": "#/$defs/loop"}, {"loop": {"items": {"$ref": "#/$defs/loop"}}})

"""`tafdesk offline sync --resolve FILE`: each conflict as mine, theirs or
another value written instead; and who changed each side, as printed."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tafdesk.cli_offline import _made, _resolutions
from tafdesk.services.errors import ServiceError


def test_a_resolution_file_may_write_another_value(tmp_path):
    path = tmp_path / "r.json"
    chosen = {"N-1/plan/plan/strengths": {"edit": "Both."}, "N-1/plan/plan/voice_of_child": "theirs"}
    path.write_text(json.dumps(chosen), encoding="utf-8")
    assert _resolutions(path) == chosen


@pytest.mark.parametrize("value", ["ours", {"edit": 5}, {"edit": "x", "also": "y"}])
def test_anything_else_is_refused_plainly(tmp_path, value):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"N-1/plan/plan/strengths": value}), encoding="utf-8")
    with pytest.raises(ServiceError, match='"mine", "theirs" or'):
        _resolutions(path)


def test_who_and_when_as_far_as_known():
    at = dt.datetime(2026, 11, 30, 14, 5, tzinfo=dt.UTC)
    assert _made("Ruth Adeyemi", at) == " (changed by Ruth Adeyemi 30 Nov 2026 14:05 UTC)"
    assert _made(None, at) == " (changed 30 Nov 2026 14:05 UTC)"
    assert _made(None, None) == ""

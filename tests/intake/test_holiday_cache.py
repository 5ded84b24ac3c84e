"""England's bank holidays are kept between runs, and asked of the package
again whenever the kept file cannot be trusted."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tafdesk.intake import holiday_cache

YEARS = range(2026, 2028)


def _package_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(years):
        raise ImportError("the package was asked")

    monkeypatch.setattr(holiday_cache, "_from_package", refuse)


def test_the_days_are_kept_and_read_back_without_the_package(monkeypatch):
    first = holiday_cache.england(YEARS)
    assert dt.date(2026, 12, 25) in first and dt.date(2027, 8, 30) in first
    _package_gone(monkeypatch)
    assert holiday_cache.england(YEARS) == first
    assert holiday_cache.england(range(2027, 2028)) == tuple(d for d in first if d.year == 2027)


def test_a_year_not_yet_kept_is_asked_for_and_added():
    holiday_cache.england(range(2026, 2027))
    holiday_cache.england(range(2030, 2031))
    kept = json.loads(holiday_cache._path().read_text(encoding="utf-8"))["years"]
    assert set(kept) == {"2026", "2030"}


def test_a_damaged_file_is_worked_out_again(monkeypatch):
    expected = holiday_cache.england(YEARS)
    holiday_cache._path().write_text("{not json", encoding="utf-8")
    assert holiday_cache.england(YEARS) == expected
    _package_gone(monkeypatch)
    assert holiday_cache.england(YEARS) == expected  # and kept whole again


def test_another_release_of_the_package_is_asked_again(monkeypatch):
    holiday_cache.england(YEARS)
    monkeypatch.setattr(holiday_cache, "_source", lambda: "another release")
    _package_gone(monkeypatch)
    with pytest.raises(ImportError):
        holiday_cache.england(YEARS)


def test_an_unwritable_cache_folder_still_gives_the_days(monkeypatch, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setattr(holiday_cache, "cache_dir", lambda: blocked)
    assert dt.date(2026, 12, 25) in holiday_cache.england(YEARS)

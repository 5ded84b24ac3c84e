"""The demo's named scales: the county preset's shape (its localities,
professionals and weekly groups) with few families, and the command's
--scale option; the small preset stays the demo it always was."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tafdesk.cli import main
from tafdesk.db import Database
from tafdesk.db.location import resolve_url
from tafdesk.db.schema import upgrade_schema
from tafdesk.demo import generate
from tafdesk.demo.scale import SCALES, scale_named
from tafdesk.models import Case, Family, Locality, Meeting, Professional, Role, User

TODAY = dt.date(2026, 11, 25)


def _database(folder: Path) -> Database:
    url = resolve_url(str(folder / "demo.sqlite"))
    upgrade_schema(url)
    return Database(url)


def test_the_county_has_ten_localities_about_900_professionals_and_a_weekly_group_each(tmp_path) -> None:
    db = _database(tmp_path)
    county = scale_named("county")
    assert county.families == 100_000
    summary = generate(db, families=300, seed=3, today=TODAY, scale=county)
    with db.reader() as s:
        localities = s.execute(select(Locality.id, Locality.name, Locality.code, Locality.meeting_weekday)).all()
        assert len(localities) == summary.localities == 10
        assert len({row.name for row in localities}) == len({row.code for row in localities}) == 10
        professionals = s.scalar(select(func.count()).select_from(Professional))
        assert 850 <= professionals <= 950
        per_locality = dict(
            s.execute(select(Professional.locality_id, func.count()).group_by(Professional.locality_id)).all()
        )
        assert set(per_locality) == {row.id for row in localities}
        assert min(per_locality.values()) >= 80  # spread over all ten, not piled on the first three
        for row in localities:  # the last weeks' meetings and next week's, weekly, on the locality's day
            days = sorted(d.date() for d in s.scalars(select(Meeting.starts_at).where(Meeting.locality_id == row.id)))
            assert len(days) >= 8
            gaps = [(b - a).days for a, b in itertools.pairwise(days)]
            assert set(gaps) <= {7, 14} and gaps.count(14) <= 1  # this week's, if not held yet, is not made
            assert {d.weekday() for d in days} == {row.meeting_weekday}
        assert s.scalar(select(func.count()).select_from(Family)) == 300
        managers = s.scalar(select(func.count()).select_from(User).where(User.role == Role.LOCALITY_MANAGER))
        assert managers == 10
        cased = s.scalar(select(func.count(func.distinct(Case.locality_id))))
        assert cased == 10
    db.dispose()


def test_the_small_scale_is_the_default_demo() -> None:
    small = SCALES["small"]
    assert (small.families, len(small.localities), small.staff_multiple) == (400, 3, 1)


def test_the_command_takes_a_scale_and_a_number_of_families(tmp_path, capsys) -> None:
    path = tmp_path / "county.sqlite"
    code = main(
        ["demo", "--db", str(path), "--scale", "county", "--families", "120", "--seed", "2", "--today", "2026-11-25"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "localities: 10" in out and "families: 120" in out


def test_an_unknown_scale_is_refused_with_the_names_there_are(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["demo", "--db", str(tmp_path / "x.sqlite"), "--scale", "city"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'city'" in err and "small" in err and "county" in err
    assert not (tmp_path / "x.sqlite").exists()

"""The reports' councils, each built once per module for the tests that
only read it: the figures' council (figures_world.py) and the Supporting
Families council (sf_world.py); `fresh_sf_world` for a test that adds to it,
and the Annex A council (annex_a_world.py), built for each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import database_for_a_scope
from tests.reports.annex_a_world import END, START, World, build_annex_world
from tests.reports.figures_world import PERIOD, Council, built
from tests.reports.sf_world import SfWorld, build

__all__ = ["END", "PERIOD", "START"]  # the tests' periods, as they import them from here


@pytest.fixture(scope="module")
def council(tmp_path_factory, pg_template_name) -> Iterator[Council]:
    """Shared by a module's tests: they read it (a test that changes a setting puts it back)."""
    with database_for_a_scope(tmp_path_factory, pg_template_name) as db:
        yield built(db)


@pytest.fixture(scope="module")
def sf_world(tmp_path_factory, pg_template_name) -> Iterator[SfWorld]:
    with database_for_a_scope(tmp_path_factory, pg_template_name) as db:
        yield build(db)


@pytest.fixture
def fresh_sf_world(db) -> SfWorld:
    return build(db)


@pytest.fixture
def annex_world(db) -> World:
    return build_annex_world(db)

"""The Supporting Families council (sf_world.py): built once per module for
the tests that only read it; `fresh_sf_world` for a test that adds to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import database_for_a_scope
from tests.reports.sf_world import SfWorld, build


@pytest.fixture(scope="module")
def sf_world(tmp_path_factory, pg_template_name) -> Iterator[SfWorld]:
    with database_for_a_scope(tmp_path_factory, pg_template_name) as db:
        yield build(db)


@pytest.fixture
def fresh_sf_world(db) -> SfWorld:
    return build(db)

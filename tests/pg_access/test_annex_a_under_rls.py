"""The Annex A early help list connected as each manager's login role: the
service's scope and row-level security answer the same, and the server
alone keeps another locality's children out."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tafdesk.models import Locality
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.reports.annex_a import AnnexAService, _query

START, END = dt.date(2026, 11, 1), dt.date(2026, 12, 31)  # the world's assessments start on 01/12/2026


def _children(made) -> int:
    return len(made.rows) + len(made.not_listed)


def test_each_manager_lists_their_own_localitys_children(signed_in, tmp_path):
    north_db, north = signed_in("lm_north")
    made = AnnexAService(north_db, north).write(START, END, tmp_path / "north.xlsx")  # audited in their own name
    assert made.localities == ("North",) and _children(made) == 3
    south_db, south = signed_in("lm_south")
    assert _children(AnnexAService(south_db, south).list2(START, END)) == 1
    with pytest.raises(PermissionDenied, match="in South, which is not one of their localities"):
        AnnexAService(north_db, north).list2(START, END, "South")


def test_the_server_hides_another_localitys_children_even_if_asked(signed_in, world):
    north_db, _ = signed_in("lm_north")
    with world.db.reader() as s:  # the owner's view
        south = s.scalar(select(Locality.id).where(Locality.name == "South"))
        assert len(s.execute(_query(START, END, [south])).all()) == 1
    with north_db.reader() as s:  # the same statement, as North's manager: nothing
        assert s.execute(_query(START, END, [south])).all() == []


def test_business_support_and_lead_professionals_may_not(signed_in):
    for who in ("bs_north", "lp", "admin"):
        db, actor = signed_in(who)
        with pytest.raises(PermissionDenied, match="may not make Ofsted's Annex A early help list"):
            AnnexAService(db, actor).list2(START, END)

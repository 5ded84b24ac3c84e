"""The reports on PostgreSQL, connected as each person's own login role
(the world of tests/pg_access): row-level security leaves the same figures
and families the services' rules give, and the bank holidays are kept by
the people who run the reports."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from tafdesk.services.actor import SYSTEM
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.reports.figures import DrillDown, Figure, Stage
from tafdesk.services.reports.period import ReportPeriod
from tafdesk.services.reports.service import ReportService
from tests.conftest import BACKEND
from tests.pg_access.conftest import as_user, signed_in, world  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(BACKEND != "postgresql", reason="row-level security is PostgreSQL's")
PERIOD = ReportPeriod(dt.date(2026, 11, 1), dt.date(2026, 12, 31))
NOW = dt.datetime(2026, 12, 10, 12, 0, tzinfo=dt.UTC)
NORTH_FAMILIES = {"Mensah", "Kowalczyk", "Okoro"}


def _figures(service: ReportService, locality=None):
    report = service.performance(PERIOD, locality)
    allocation = next(s for s in report.timeliness.stages if s.stage is Stage.ALLOCATION)
    loads = service.caseloads(PERIOD, locality).figures
    return (
        report.referrals.received,
        report.outcomes.meeting_total,
        (allocation.cases, allocation.median),
        sorted((p.name, p.led_cases, p.load) for p in loads.professionals),
    )


@pytest.mark.parametrize("who", ["lm_north", "bs_north"])
def test_north_under_row_level_security_counts_what_the_owner_counts_for_north(world, signed_in, who):  # noqa: F811
    db, actor = signed_in(who)
    mine = ReportService(db, actor, now=NOW)
    owners = ReportService(world.db, SYSTEM, now=NOW)
    assert _figures(mine) == _figures(owners, world.localities["North"])
    assert _figures(mine)[0] == 3
    families = mine.families(DrillDown(Figure.REFERRALS, PERIOD, None))
    assert {row.family_name for row in families.rows} == NORTH_FAMILIES  # not Byrne, in South


def test_a_north_manager_is_refused_south_and_finds_no_south_family(world, signed_in):  # noqa: F811
    db, actor = signed_in("lm_north")
    service = ReportService(db, actor, now=NOW)
    with pytest.raises(PermissionDenied, match="South, which is not one of their localities"):
        service.referrals(PERIOD, world.localities["South"])
    forged = DrillDown(Figure.REFERRALS, PERIOD, None, category="locality", subcategory=str(world.localities["South"]))
    assert service.families(forged).rows == ()


def test_a_lead_professional_is_refused(world, signed_in):  # noqa: F811
    db, actor = signed_in("lp")
    with pytest.raises(PermissionDenied, match="may not see the reports' figures"):
        ReportService(db, actor, now=NOW).performance(PERIOD)


def test_everyone_reads_the_bank_holidays_and_only_report_users_change_them(world, signed_in):  # noqa: F811
    ReportService(*signed_in("lm_north"), now=NOW).timeliness(PERIOD)  # fills the table as the manager
    for who in ("lp", "admin"):
        with world.connect(who) as conn:
            assert conn.execute("SELECT count(*) FROM bank_holiday WHERE day = '2026-12-25'").fetchone() == (1,)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("DELETE FROM bank_holiday")


def test_a_board_pack_is_registered_by_its_maker_and_read_by_them_alone(world, signed_in, tmp_path):  # noqa: F811
    from tafdesk.models import DocumentType
    from tafdesk.services import document_register
    from tafdesk.services.reports.board_pack import BoardPackService

    db, actor = signed_in("lm_north")
    entry = BoardPackService(db, actor, now=NOW).produce(PERIOD, None, tmp_path / "north.pdf")
    assert entry.doc_type is DocumentType.BOARD_PACK and entry.generated_by == actor.name
    with db.reader() as s:
        assert entry.id in {e.id for e in document_register.entries(s, visible_to=actor)}
    for who in ("lm_south", "bs_north"):
        other_db, _other = signed_in(who)
        with other_db.reader() as s:
            assert entry.id not in {e.id for e in document_register.entries(s)}

"""Two people correcting the same family's address at the same moment, from
two computers: one is saved, the other is told plainly; the record's versions
stay one after another."""

from __future__ import annotations

from sqlalchemy import select

from tafdesk.models import FamilyRecordVersion
from tafdesk.services.family_record import FamilyRecordService, RecordCorrection
from tests.conftest import db_argument
from tests.intake.conftest import add_directory
from tests.intake.test_current_record import first_referral
from tests.races.harness import outcome, run_together

ROUNDS = 4


def _correct_each_round(barrier, rounds, database, actor, family_id, street):
    from tafdesk.db import Database

    service = FamilyRecordService(Database(database), actor)
    results = []
    for round_ in range(rounds):
        barrier.wait()
        record = service.record(family_id)  # both have read the same version
        at_home = frozenset(m.person_id for m in record.members if m.in_household)
        correction = RecordCorrection(f"{round_} {street}", None, record.town, record.postcode, record.phone, at_home)
        barrier.wait()
        kind, saved = outcome(service.correct, family_id, record.version, correction)
        results.append((kind, saved.address_line1 if kind == "ok" else saved))
    return results


def test_the_second_of_two_corrections_at_once_is_told(db):
    from tafdesk.models import Role
    from tafdesk.services.actor import Actor
    from tafdesk.services.intake import IntakeService

    clerk = Actor(None, "Clerk One", Role.BUSINESS_SUPPORT, localities=None)
    manager = Actor(None, "Manager Two", Role.LOCALITY_MANAGER, localities=None)
    add_directory(db)
    IntakeService(db, clerk).import_document(first_referral(), "first.json")
    service = FamilyRecordService(db, clerk)
    family_id = service.record(service.family_of_case(_only_case(db))).family_id

    one, other = run_together(
        _correct_each_round,
        [(db_argument(db), clerk, family_id, "Lark Lane"), (db_argument(db), manager, family_id, "Wren Road")],
        rounds=ROUNDS,
    )

    for round_, pair in enumerate(zip(one, other)):
        assert sorted(kind for kind, _ in pair) == ["ConflictError", "ok"], f"round {round_}: {pair}"
    with db.reader() as s:
        numbers = list(s.scalars(select(FamilyRecordVersion.number).order_by(FamilyRecordVersion.number)))
    assert numbers == list(range(1, ROUNDS + 2))  # the record as it stood, then one per round
    last = next(saved for kind, saved in (one[-1], other[-1]) if kind == "ok")
    assert service.record(family_id).address_line1 == last == f"{ROUNDS - 1} {last.split(' ', 1)[1]}"


def _only_case(db):
    from tafdesk.models import Case

    with db.reader() as s:
        return s.scalar(select(Case.id))

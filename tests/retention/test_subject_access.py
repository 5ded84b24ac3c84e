"""Gathering everything about a person or a family for a subject access
request, on both databases, and the short ids people are named by."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from tafdesk.models import AuditEvent, Family, Person
from tafdesk.services import person_ids
from tafdesk.services.errors import NotFound, PermissionDenied, ValidationError
from tafdesk.services.retention import RetentionService
from tafdesk.services.subject_access import SubjectAccessService
from tafdesk.services.subject_access_sections import OTHERS, REFERRER, RESTRICTED
from tests.documents.conftest import CHAIR, SECRET, SENSITIVE
from tests.retention.conftest import LATER


def _people(world, surname: str) -> tuple[Family, dict[str, uuid.UUID], dict[uuid.UUID, str]]:
    with world.db.reader() as s:
        family = s.get(Family, world.family(surname))
        people = {p.given_name: p.id for p in s.scalars(select(Person).where(Person.family_id == family.id))}
    return family, people, person_ids.short_ids(family.reference, people.values())


def test_a_familys_pack_holds_every_record_and_marks_what_needs_a_look(world):
    sar = SubjectAccessService(world.db, world.admin).gather(family=world.pack.references["Nguyễn"])
    sections = {i.section for i in sar.items}
    assert {
        "People",
        "The family's record",
        "Referrals",
        "360° profiles",
        "Cases",
        "Meetings and decisions",
        "TAF plans",
    } <= sections
    text = repr(sar.items)
    assert SECRET in text and SENSITIVE in text and "Walk Zoë to school on Mondays" in text
    restricted = [i for i in sar.items if RESTRICTED in i.review]
    assert restricted and all(SECRET in repr(i.fields) for i in restricted)
    assert [i.title for i in sar.items if REFERRER in i.review] == [
        i.title for i in sar.items if i.title.endswith("who referred")
    ]
    letters = [d for d in sar.documents if d.copy]
    assert letters and all(d.review == () or "referrer" in d.review[0] for d in letters)
    assert [d.copy for d in sar.documents if d.title.startswith("Minutes")] == [False]
    assert sar.audit and {e.action for e in sar.audit} >= {"profile.imported", "decision.recorded"}
    with world.db.reader() as s:
        gathered = s.scalars(select(AuditEvent).where(AuditEvent.action == "subject_access.gathered")).all()
    assert [(e.entity_id, e.actor_name) for e in gathered] == [(world.family("Nguyễn"), "Rita Retention")]


def test_one_persons_pack_leaves_out_what_is_about_others_alone(world):
    _family, people, shown = _people(world, "Nguyễn")
    mother = people["Thị Mai"]
    sar = SubjectAccessService(world.db, world.admin).gather(person=shown[mother])
    assert sar.subject == f"Thị Mai Nguyễn ({shown[mother]})" and sar.person_id == mother
    assert [i.title for i in sar.items if i.section == "People"] == ["Thị Mai Nguyễn"]
    text = repr(sar.items)
    assert SENSITIVE not in text  # her younger child's disability is his own
    assert "Walk Zoë to school on Mondays" not in text  # an action about Zoë alone
    assert all(i.about is None or mother in i.about for i in sar.items)
    assert [i for i in sar.items if OTHERS in i.review]  # the review that names her and Zoë
    assert not [e for e in sar.audit if e.record == "person" and "Zoë" in e.values]


def test_refusals_say_why(world):
    family, _people_seen, _shown = _people(world, "Nguyễn")
    service = SubjectAccessService(world.db, world.admin)
    with pytest.raises(PermissionDenied, match="may not gather everything held about a person"):
        SubjectAccessService(world.db, CHAIR).gather(family=family.reference)
    with pytest.raises(NotFound, match="There is no family or case with the reference “F-999999”"):
        service.gather(family="F-999999")
    with pytest.raises(ValidationError, match="Name one person"):
        service.gather()
    RetentionService(world.db, world.admin, now=LATER).apply()
    byrne = _people(world, "Byrne")[0]
    with pytest.raises(NotFound, match=f"{byrne.reference} was anonymised on 1 June 2029 under the retention schedule"):
        service.gather(family=byrne.reference)


def test_short_ids_are_stable_tell_people_apart_and_read_as_typed(world):
    family, people, shown = _people(world, "Nguyễn")
    assert person_ids.short_ids(family.reference, reversed(list(people.values()))) == shown
    assert all(len(i) == len(family.reference) + 5 for i in shown.values())
    with world.db.reader() as s:
        for person, typed in shown.items():
            code = typed.rpartition("-")[2]
            sloppy = f" {family.reference.lower()}-{code.lower().replace('0', 'o').replace('1', 'l')} "
            assert person_ids.find(s, sloppy) == person
    # Two people whose first four characters agree are both shown with as many more as tell them apart.
    codes: dict[str, uuid.UUID] = {}
    while True:
        candidate = uuid.uuid4()
        code = person_ids.short_ids("F-1", [candidate])[candidate]
        if code in codes:
            break
        codes[code] = candidate
    pair = person_ids.short_ids("F-1", [codes[code], candidate, uuid.uuid4()])
    first, second = pair[codes[code]], pair[candidate]
    assert (
        first != second and len(first) == len(second) > len(code) and first.startswith(code) and second.startswith(code)
    )
    with world.db.reader() as s:
        with pytest.raises(ValidationError, match="not a person's id"):
            person_ids.find(s, "F-000001-7K")

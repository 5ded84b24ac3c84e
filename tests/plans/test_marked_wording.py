"""Marking wording restricted: who may, what is refused, what the audit
trail keeps, and what the quote check and documents then withhold."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tafdesk.exports.quotes import WITHHELD
from tafdesk.exports.redaction import redactor
from tafdesk.models import AuditEvent, RestrictedWording, Role
from tafdesk.services import document_secrets
from tafdesk.services.actor import Actor
from tafdesk.services.errors import NotFound, PermissionDenied, ValidationError
from tafdesk.services.restricted_text import MAX_WORDING, Context, QuoteState, RestrictedTextService
from tests.meetings.conftest import CHAIR, CLERK

UNCLE = "Uncle Bartholomew keeps the spare key under the blue flowerpot"


def events(db, action: str) -> list[AuditEvent]:
    with db.reader() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def rows(db) -> list[RestrictedWording]:
    with db.reader() as s:
        return list(s.scalars(select(RestrictedWording)))


def withheld(db, case_id, text: str) -> str:
    with db.reader() as s:
        return redactor(document_secrets.for_case(s, case_id)).withhold(text)


def test_the_chair_marks_wording_restricted_and_documents_withhold_it(allocated):
    service = RestrictedTextService(allocated.db, CHAIR)
    rationale = f"The group heard that {UNCLE.lower()}, so visits are arranged with him."
    assert service.checker(allocated.case_id).state(rationale) is QuoteState.NONE
    assert withheld(allocated.db, allocated.case_id, rationale) == rationale

    marked = service.mark(allocated.case_id, f"  {UNCLE}\n", Context.MEETING)

    assert marked.text == UNCLE and marked.marked_by == "Chair Tester"
    assert service.checker(allocated.case_id).state(rationale) is QuoteState.MARKED
    assert withheld(allocated.db, allocated.case_id, rationale) == (
        f"The group heard that {WITHHELD}, so visits are arranged with him."
    )
    # Four words in a row of it are enough, whatever the case or accents.
    assert WITHHELD in withheld(allocated.db, allocated.case_id, "the SPARE KEY ÚNDER the mat")
    [event] = events(allocated.db, "restricted_wording.marked")
    assert event.actor_name == "Chair Tester" and event.entity_id == marked.id
    changes = json.loads(event.changes)
    assert changes["text"] == [None, UNCLE] and changes["where"] == [None, "meeting"]
    assert [m.text for m in service.marked(allocated.case_id, Context.MEETING)] == [UNCLE]


def test_short_marked_wording_is_withheld_whole_and_marking_it_again_changes_nothing(allocated):
    service = RestrictedTextService(allocated.db, CLERK)
    service.mark(allocated.case_id, "Bartholomew", Context.MEETING)
    service.mark(allocated.case_id, "BARTHOLOMEW.", Context.MEETING)
    assert [r.text for r in rows(allocated.db)] == ["Bartholomew"]
    assert len(events(allocated.db, "restricted_wording.marked")) == 1
    assert withheld(allocated.db, allocated.case_id, "Ask Bartholomew first") == f"Ask {WITHHELD} first"


def test_unmarking_is_audited_and_documents_quote_the_wording_again(allocated):
    service = RestrictedTextService(allocated.db, CHAIR)
    marked = service.mark(allocated.case_id, UNCLE, Context.MEETING)
    service.unmark(allocated.case_id, marked.id, Context.MEETING)
    assert rows(allocated.db) == []
    assert withheld(allocated.db, allocated.case_id, UNCLE) == UNCLE
    [event] = events(allocated.db, "restricted_wording.unmarked")
    assert json.loads(event.changes)["text"] == [UNCLE, None] and event.entity_id == marked.id
    with pytest.raises(NotFound, match="no longer marked restricted"):
        service.unmark(allocated.case_id, marked.id, Context.MEETING)


def test_one_familys_wording_cannot_be_unmarked_through_another_familys_case(allocated):
    service = RestrictedTextService(allocated.db, CHAIR)
    other = next(c for c in allocated.cases if c != allocated.case_id)
    marked = service.mark(allocated.case_id, UNCLE, Context.MEETING)
    with pytest.raises(NotFound):
        service.unmark(other, marked.id, Context.MEETING)
    assert service.checker(other).state(UNCLE) is QuoteState.NONE  # marked for one family only


@pytest.mark.parametrize(
    "text, says",
    [
        ("", "Select the words"),
        ("   \n ", "Select the words"),
        ("N/A", "nothing to withhold"),
        ("— …", "nothing to withhold"),
        ("word " * (MAX_WORDING // 4), f"at most {MAX_WORDING}"),
    ],
)
def test_wording_with_nothing_to_withhold_or_too_long_is_refused_at_its_field(allocated, text, says):
    with pytest.raises(ValidationError) as refused:
        RestrictedTextService(allocated.db, CHAIR).mark(allocated.case_id, text, Context.MEETING)
    assert says in refused.value.fields["text"]
    assert rows(allocated.db) == [] and events(allocated.db, "restricted_wording.marked") == []


def test_the_plans_team_marks_its_plans_wording_and_may_read_the_check(allocated, lead):
    service = RestrictedTextService(allocated.db, lead)
    assert service.checker(allocated.case_id, Context.PLAN).state(UNCLE) is QuoteState.NONE
    marked = service.mark(allocated.case_id, UNCLE, Context.PLAN)
    assert service.checker(allocated.case_id, Context.PLAN).state(UNCLE) is QuoteState.MARKED
    [event] = events(allocated.db, "restricted_wording.marked")
    assert event.actor_name == "Tomas Okafor" and json.loads(event.changes)["where"] == [None, "plan"]
    service.unmark(allocated.case_id, marked.id, Context.PLAN)
    assert rows(allocated.db) == []


def test_who_may_not_mark_is_told_why_and_nothing_is_written(allocated, lead):
    outsider = Actor(None, "Full Person", Role.LEAD_PROFESSIONAL, professional_id=allocated.people["Full Person"])
    refusals = [
        (
            lead,
            Context.MEETING,
            "Tomas Okafor (lead professional) may not mark a meeting's wording restricted: "
            "the chair and business support do.",
        ),
        (
            outsider,
            Context.PLAN,
            "Full Person (lead professional) may not mark restricted the plan's wording of a "
            "family they do not lead or support.",
        ),
        (CLERK, Context.PLAN, "Clerk Tester (business support) may not draft, agree and review TAF plans."),
    ]
    marked = RestrictedTextService(allocated.db, CHAIR).mark(allocated.case_id, UNCLE, Context.MEETING)
    for actor, context, message in refusals:
        service = RestrictedTextService(allocated.db, actor)
        for method, args in (
            (service.mark, ("Another secret said aloud",)),
            (service.unmark, (marked.id,)),
            (service.checker, ()),
        ):
            with pytest.raises(PermissionDenied) as refused:
                method(allocated.case_id, *args, context)
            assert str(refused.value) == message
    assert [r.text for r in rows(allocated.db)] == [UNCLE]
    assert len(events(allocated.db, "restricted_wording.marked")) == 1 and not events(
        allocated.db, "restricted_wording.unmarked"
    )


def test_the_check_tells_a_quote_of_the_profile_from_marked_wording(allocated):
    service = RestrictedTextService(allocated.db, CHAIR)
    service.mark(allocated.case_id, UNCLE, Context.MEETING)
    check = service.checker(allocated.case_id)
    assert check.state("The police recorded a call-out in 2024.") is QuoteState.QUOTED
    assert check.state(f"{UNCLE}; and a call-out in 2024") is QuoteState.QUOTED  # not all of it is marked
    assert check.state(f"We know {UNCLE}.") is QuoteState.MARKED
    assert check.state("School is going well.") is QuoteState.NONE

"""What the room may see (room_view.py), without a window: the family's
restricted items gone before any HTML is written, every free text through
the family's quote check (and left out while there is none), the decision
being made and the one recorded."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from tafdesk.allocation.candidates import Candidate
from tafdesk.exports.quotes import WITHHELD
from tafdesk.models import ProfileInvolvement
from tafdesk.models.enums import DecisionOutcome
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinuteAction, MinuteItem
from tafdesk.services.restricted_text import RestrictedTextService
from tafdesk.ui.intake.summary_html import RESTRICTED_TAG
from tafdesk.ui.meetings.drafts import Draft
from tafdesk.ui.meetings.room_view import Deciding, for_the_room, nothing, room_view
from tests.meetings.conftest import CHAIR, NOW

SECRET = "Disclosed a MARAC referral after the October incident"


def _world_with_a_secret(world):
    with world.db.session() as s:
        for item in s.scalars(select(ProfileInvolvement).where(ProfileInvolvement.restricted.is_(True))):
            item.summary = SECRET
    view = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id)
    row = view.agenda[0]
    summary = IntakeQueueService(world.db, CHAIR, today=NOW.date()).summary_ahead(row.case_id)
    check = RestrictedTextService(world.db, CHAIR).checker(row.case_id)
    return view, row, summary, check.withheld.withhold


def test_the_family_for_the_room_has_no_restricted_item_and_its_free_text_checked(world):
    view, row, summary, withhold = _world_with_a_secret(world)
    summary = replace(
        summary,
        not_written_to=("Adaeze Mensah",),
        letters_name_sensitive=True,
        strengths=(f"Mother said {SECRET}", "Mother wants help."),
    )
    assert any(i.restricted and i.summary == SECRET for i in summary.involvement)

    room = for_the_room(summary, withhold)
    assert [i.heading for i in room.involvement] == [i.heading for i in summary.involvement if not i.restricted]
    assert room.strengths == (f"Mother said {WITHHELD}", "Mother wants help.")
    assert (room.not_written_to, room.letters_name_sensitive) == ((), False)
    shown = room_view(view, row, summary, Deciding(), withhold)
    assert SECRET not in str(shown) and RESTRICTED_TAG not in str(shown) and "Not written to" not in str(shown)
    assert "Mensah family" in shown.family_html and "Attendance 68% this term." in shown.family_html

    unchecked = for_the_room(summary, nothing)  # no check to hand: no free text at all
    assert unchecked.strengths == () and unchecked.rationale == ""
    assert all(i.summary == "" for i in (*unchecked.needs, *unchecked.risks, *unchecked.involvement))


def test_the_decision_being_made_and_the_one_recorded(world):
    view, row, summary, withhold = _world_with_a_secret(world)
    tomas = Candidate("p1", "Tomas Okafor", "a1", "Education Welfare", "north", load=None)
    ruth = Candidate("p2", "Ruth Adeyemi", "a2", "Family Support", "north", load=None)

    proposed = room_view(view, row, summary, Deciding(Draft(), proposed=tomas), withhold).decision_html
    assert (
        "Being decided" in proposed and "not chosen yet" in proposed and "Proposed lead:</b> Tomas Okafor" in proposed
    )
    draft = Draft(
        outcome=DecisionOutcome.ALLOCATE_LEAD,
        lead=tomas,
        team={("a2", "p2"): "Ruth Adeyemi (Family Support)"},
        rationale=SECRET,
        override_reason=SECRET,
    )
    chosen = room_view(view, row, summary, Deciding(draft, proposed=ruth), withhold).decision_html
    assert "Lead professional:</b> Tomas Okafor (Education Welfare)" in chosen and "Proposed lead" not in chosen
    assert "Team Around the Family:</b> Ruth Adeyemi (Family Support)" in chosen and SECRET not in chosen
    stepped = room_view(view, row, summary, Deciding(replace(draft, outcome=DecisionOutcome.STEP_UP)), withhold)
    assert "Step up to children" in stepped.decision_html and "Tomas" not in stepped.decision_html  # no lead for it

    decided = replace(row, status=row.status.DECIDED, outcome=DecisionOutcome.ALLOCATE_LEAD)
    item = MinuteItem(
        row.id,
        row.case_reference,
        row.family_name,
        "M",
        "New profile",
        True,
        "Lead allocated",
        "Tomas Okafor",
        ("Ruth Adeyemi",),
        f"Because {SECRET}.",
        (MinuteAction(f"Ask about {SECRET}", "Tomas Okafor", None, row.case_reference),),
        "",
        "",
    )
    recorded = room_view(view, decided, summary, Deciding(recorded=item), withhold).decision_html
    assert "Decided" in recorded and f"Because {WITHHELD}." in recorded and f"Ask about {WITHHELD} – Tomas" in recorded
    assert SECRET not in recorded
    unchecked = room_view(view, decided, summary, Deciding(recorded=item)).decision_html
    assert "Because" not in unchecked and "Ask about" not in unchecked and "Tomas Okafor" in unchecked
    waiting = room_view(view, decided, summary, Deciding(), withhold).decision_html  # the minutes are being read
    assert "Decided" in waiting and "Lead allocated" in waiting


def test_a_long_agenda_on_the_projector_is_the_part_round_the_current_family():
    from tafdesk.ui.meetings.projector import agenda_html
    from tafdesk.ui.meetings.room_view import AgendaLine

    lines = tuple(AgendaLine(f"Family{n:02d}", n < 6, n == 6) for n in range(12))
    shown = agenda_html(lines)
    assert "… 4 before" in shown and "… 0" not in shown and "… more" not in shown
    assert [f"Family{n:02d}" in shown for n in range(12)] == [n in range(4, 12) for n in range(12)]
    fewer = agenda_html(lines[:10], most=5)  # two before the current family, two after it
    assert "… 4 before" in fewer and "… 1 more" in fewer and "Family08" in fewer and "Family09" not in fewer
    assert "before" not in agenda_html(lines[:3]) and "more" not in agenda_html(lines[:3])

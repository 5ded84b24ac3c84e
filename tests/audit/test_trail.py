"""Reading the audit trail: `tafdesk audit show` and the service behind it
and the Audit trail page, on a known set of events in 2020 (the world's own
are made now, years later)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk import cli
from tafdesk.models import (
    AgendaItem,
    Decision,
    DocumentFormat,
    DocumentType,
    Person,
    Profile360,
    ProfileInvolvement,
    Referral,
)
from tafdesk.services import audit, document_register
from tafdesk.services.audit_trail import AuditTrailService, TrailFilter
from tafdesk.services.errors import PermissionDenied, ValidationError
from tests.conftest import PASSWORD, db_argument

YEAR = TrailFilter(date_from="1/1/2020", date_to="31/12/2020")


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@pytest.fixture
def known(people, tmp_path):
    """Ten events of 2020, numbered; returns {number: event id} and the ids they name."""
    db = people.db
    mensah, kowalczyk = people.case_ids["Mensah"], people.case_ids["Kowalczyk"]
    with db.session() as s:
        family_id = s.scalar(select(Referral.family_id).where(Referral.case_id == mensah))
        person = s.scalar(select(Person.id).where(Person.family_id == family_id).limit(1))
        involvement = s.scalar(
            select(ProfileInvolvement.id)
            .join(Profile360)
            .join(Referral)
            .where(Referral.case_id == mensah, ProfileInvolvement.restricted.is_(True))
        )
        decision = s.scalar(select(Decision.id).join(AgendaItem).where(AgendaItem.case_id == mensah))
        path = Path(tmp_path) / "letter.pdf"
        document = document_register.record(
            s,
            people.actors["support"],
            doc_type=DocumentType.LETTER_ALLOCATION,
            doc_format=DocumentFormat.PDF,
            path=path,
            sha256=hashlib.sha256(b"letter").hexdigest(),
            recipient="Education Welfare",
            case_id=mensah,
            meeting_id=people.meeting_id,
            when=_at("2020-03-04 12:00"),
        ).id
    a = people.actors
    story = {
        1: (a["support"], "case.summary_viewed_restricted", "case_record", mensah, "2020-03-02 09:00"),
        2: (a["lead"], "plan.viewed", "taf_plan", people.plan_id, "2020-03-03 10:00"),
        3: (a["manager"], "case.summary_viewed", "case_record", kowalczyk, "2020-03-03 11:00"),
        4: (a["support"], "document.produced", "generated_document", document, "2020-03-04 12:00"),
        5: (a["manager"], "decision.recorded", "decision", decision, "2020-03-04 13:00"),
        6: (
            a["support"],
            "family.record_corrected",
            "family",
            family_id,
            "2020-06-30 23:30",
        ),  # 1 July 00:30 in England
        7: (a["admin"], "user.created", "app_user", a["lead"].user_id, "2020-07-02 08:00"),
        8: (a["manager"], "meeting.closed", "meeting", people.meeting_id, "2020-07-02 09:00"),
        9: (a["manager"], "restricted_item.shared", "profile_involvement", involvement, "2020-07-03 09:00"),
        10: (a["manager"], "person.do_not_write", "person", person, "2020-07-04 09:00"),
    }
    ids = {}
    with db.session() as s:
        for number, (actor, action, entity_type, entity_id, when) in story.items():
            event = audit.record(s, actor, action, entity_type, entity_id)
            event.occurred_at = _at(when)
            s.flush()
            ids[event.id] = number
    return ids


def numbers(trail, known) -> list[int]:
    return [known[e.id] for e in trail.events if e.id in known]


def trail(people, filters=YEAR, **options):
    return AuditTrailService(people.db, people.actors["admin"]).events(filters, **options)


@pytest.mark.parametrize("reference", ["Mensah case", "Mensah family", "lower case"])
def test_a_case_or_family_reference_finds_every_event_about_the_family(people, known, reference):
    typed = {
        "Mensah case": people.references["Mensah"],
        "Mensah family": people.family_references["Mensah"],
        "lower case": people.references["Mensah"].lower(),
    }[reference]
    found = trail(people, TrailFilter(case=f" {typed} ", date_from="1/1/2020", date_to="31/12/2020"))
    assert numbers(found, known) == [10, 9, 6, 5, 4, 2, 1]  # newest first; not Kowalczyk's, nor the meeting's
    assert len(found.events) == 7


def test_events_name_their_record_by_reference_and_say_what_happened(people, known):
    events = {known[e.id]: e for e in trail(people).events if e.id in known}
    case, family = people.references["Mensah"], people.family_references["Mensah"]
    assert {n: (e.words, e.record) for n, e in events.items()} == {
        1: ("Viewed the family's summary, restricted items included", case),
        2: ("Viewed the TAF plan", case),
        3: ("Viewed the family's summary", people.references["Kowalczyk"]),
        4: ("Produced the allocation letter", case),
        5: ("Recorded the meeting's decision", case),
        6: ("Corrected the family's address and household", family),
        7: ("Added the user", "User audit.lead"),
        8: ("Closed the meeting", "North 2026-12-01"),
        9: ("Shared a restricted item", case),
        10: ("Changed who is not written to", family),
    }
    assert events[7].who == "Ada Admin (audit.admin)"
    assert events[1].when == "2020-03-02 09:00:00" and events[6].when == "2020-07-01 00:30:00"  # GMT, then BST


@pytest.mark.parametrize("typed", ["audit.manager", "AUDIT.MANAGER", "nadia hughes"])
def test_who_by_username_or_name(people, known, typed):
    found = trail(people, TrailFilter(actor=typed, date_from="1/1/2020", date_to="31/12/2020"))
    assert numbers(found, known) == [10, 9, 8, 5, 3] and len(found.events) == 5


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("1/7/2020", "2/7/2020", [8, 7, 6]),  # 00:30 on 1 July in England is 30 June in UTC
        ("1 Jan 2020", "30 June 2020", [5, 4, 3, 2, 1]),
        ("2020-07-03", "", [10, 9]),
        ("", "2/3/2020", [1]),
    ],
)
def test_days_as_people_type_them_in_englands_time(people, known, first, last, expected):
    found = trail(people, TrailFilter(date_from=first, date_to=last))
    assert numbers(found, known) == expected
    if first and last:
        assert len(found.events) == len(expected)


def test_all_filters_at_once_answer_who_looked_at_this_family_between_these_dates(people, known):
    found = trail(
        people,
        TrailFilter(case=people.references["Mensah"], actor="audit.support", date_from="1/3/2020", date_to="3/3/2020"),
    )
    assert numbers(found, known) == [1] and len(found.events) == 1


def test_a_limit_says_there_are_more(people, known):
    found = trail(people, limit=3)
    assert (numbers(found, known), found.more) == ([10, 9, 8], True)
    assert trail(people, limit=10).more is False


@pytest.mark.parametrize(
    ("filters", "field", "says"),
    [
        (TrailFilter(case="N-1999-0001"), "case", "There is no case or family with the reference “N-1999-0001”."),
        (TrailFilter(actor="Nobody Here"), "actor", "No one called “Nobody Here” is in the audit trail"),
        (TrailFilter(date_from="31/2/2020"), "from", "There is no 31 February 2020: it has 29 days."),
        (TrailFilter(date_to="next tuesday-ish"), "to", "is not a date tafdesk can read"),
        (
            TrailFilter(date_from="3/3/2020", date_to="2/3/2020"),
            "to",
            "The last day (Monday 2 March 2020) is before the first (Tuesday 3 March 2020).",
        ),
    ],
)
def test_bad_filters_say_what_is_wrong(people, known, filters, field, says):
    with pytest.raises(ValidationError) as refused:
        trail(people, filters)
    assert set(refused.value.fields) == {field} and says in refused.value.fields[field]


@pytest.mark.parametrize("who", ["manager", "support", "lead"])
def test_only_administrators_read_the_audit_trail(people, who):
    actor = people.actors[who]
    with pytest.raises(PermissionDenied, match=f"^{actor.name} \\(.*\\) may not read the audit trail.$"):
        AuditTrailService(people.db, actor).events()


# -- the command line ------------------------------------------------------------------


def run(monkeypatch, capsys, people, who: str, *args: str) -> tuple[int, str, str]:
    """`tafdesk audit show ARGS` as `who`, in this process (their password on standard input)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    code = cli.main(
        [
            "audit",
            "show",
            *args,
            "--db",
            db_argument(people.db),
            "--user",
            people.actors[who].username,
            "--password-stdin",
        ]
    )
    out, err = capsys.readouterr()
    return code, out, err


def test_audit_show_filters_and_prints_a_line_an_event(people, known, monkeypatch, capsys):
    code, out, err = run(
        monkeypatch,
        capsys,
        people,
        "admin",
        "--case",
        people.family_references["Mensah"],
        "--from",
        "1 Mar 2020",
        "--to",
        "4/3/2020",
        "--actor",
        "audit.support",
    )
    assert (code, err) == (0, "")
    reference = people.references["Mensah"]
    assert [re.split(r"\s{2,}", line) for line in out.splitlines()] == [
        ["2020-03-04 12:00:00", "Tyler Thompson (audit.support)", "Produced the allocation letter", reference],
        [
            "2020-03-02 09:00:00",
            "Tyler Thompson (audit.support)",
            "Viewed the family's summary, restricted items included",
            reference,
        ],
    ]


def test_audit_show_says_when_nothing_matches_and_when_there_is_more(people, known, monkeypatch, capsys):
    assert (
        run(monkeypatch, capsys, people, "admin", "--from", "1/1/2019", "--to", "31/12/2019")[1] == "No events match.\n"
    )
    code, out, _ = run(monkeypatch, capsys, people, "admin", "--to", "31/12/2020", "--limit", "2")
    assert code == 0 and out.splitlines()[-1].startswith("… and more: the newest 2 are shown.")


@pytest.mark.parametrize(
    ("who", "args", "says"),
    [
        ("manager", (), "tafdesk: Nadia Hughes (locality manager) may not read the audit trail."),
        ("lead", ("--case", "N-2026-0001"), "tafdesk: Tomas Okafor (lead professional) may not read the audit trail."),
        ("admin", ("--from", "31/2/2020"), "tafdesk: --from: There is no 31 February 2020: it has 29 days."),
        ("admin", ("--case", "X-1"), "tafdesk: --case: There is no case or family with the reference “X-1”."),
        ("admin", ("--limit", "0"), "tafdesk: --limit: give a number of events, 1 or more."),
    ],
)
def test_audit_show_refuses_in_one_sentence(people, monkeypatch, capsys, who, args, says):
    code, out, err = run(monkeypatch, capsys, people, who, *args)
    assert (code, out) == (1, "")
    assert err.startswith(says) and len(err.splitlines()) == 1


def test_nothing_but_references_leaves_the_trail(people, known):
    """No family's name, nor a word of what was recorded, is in what the trail shows."""
    shown = " ".join(f"{e.who} {e.words} {e.record}" for e in trail(people, TrailFilter()).events)
    for surname in ("Mensah", "Kowalczyk", "Byrne"):
        assert surname not in shown
    assert not any(len(part) == 36 and part.count("-") == 4 for part in shown.split())

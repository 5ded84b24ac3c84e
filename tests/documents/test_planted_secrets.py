"""A planted-secret corpus: the chair's rationale, actions, their owners, a
minute and a TAF plan quote restricted items in part, with accents and case
changed, name the family's and another family's members by variants, give
the home address, and say what a user then marked restricted; then every
PDF and Word file a meeting pack and a plan export make is searched, visible
text, raw XML and metadata, for each planted string."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from anyascii import anyascii

from tafdesk.exports.quotes import WITHHELD
from tafdesk.models import DocumentFormat, DocumentType
from tafdesk.plans.content import ActionItem
from tafdesk.services.decisions import ActionInput
from tafdesk.services.documents import DocumentService
from tafdesk.services.minutes import MinutesService
from tafdesk.services.restricted_text import Context, RestrictedTextService
from tests.documents.conftest import (
    CHAIR,
    CLERK,
    SECRET,
    SENSITIVE,
    TODAY,
    Plants,
    build_pack_world,
    need_tool,
    text_of,
)

T = DocumentType
RESTRICTED = f"{SECRET}: father on bail for assault against mother after the Opération Kestrel raid."
DUE = dt.date(2026, 12, 8)
EDITED_MINUTE = "Referred to a Working Together Meeting; the group hears back in January."

# What must never be read outside the full minutes, as words (case, accents and punctuation aside).
RESTRICTED_QUOTES = ("operation kestrel", "bail for assault", SENSITIVE)
ADDRESS = ("larkspur row", "nt1 5dd", "nt15dd")  # the Nguyễn family's home
# Names the circulation edition shows only as initials: an alias, another family's parent without her
# accent, a hyphen part of another family's surname, a parent's given name without accents and her surname.
NAMES = ("zizi", "siobhan", "byrne", "hale", "thi mai", "nguyen")
MACHINE = ("score 68", "proposed best placed")
# Wording a user marked restricted (in no profile): the rationale's, an action's and its owner's, the plan's.
MARKED = {
    Context.MEETING: (
        "Grandad Ezekiel keeps the spare key",
        "Saturday boxing gym behind the bus depot",
        "Aunt Ottoline",
    ),
    Context.PLAN: ("the refuge on Marigold Terrace",),
}
MARKED_QUOTES = ("ezekiel keeps the spare", "boxing gym behind the", "ottoline", "refuge on marigold terrace")


class Leaks(Plants):
    def profile(self, n: int, profile: dict) -> None:
        profile["agency_involvement"][1]["summary"] = RESTRICTED
        members = profile["family"]["members"]
        if n == 1:
            members[1]["known_as"] = "Zizi"
            profile["family"]["address"]["line1"] = "14 Larkspur Row"
        if n == 4:
            members[0]["last_name"] = "Kowalczyk-Hale"
        if n == 5:
            members[2]["first_name"] = "Tomas"  # a child who shares a professional's given name

    def decision(self, surname: str, child: str, lead: uuid.UUID | None, people: dict) -> tuple[str, tuple]:
        if surname != "Nguyễn":
            return super().decision(surname, child, lead, people)
        rationale = (
            "Proposed: best placed by suitability (score 68). Police told us AFTER THE OPERATION KESTREL RAID mum "
            "moved. Grandad Ezekiel keeps the spare key, so visits can go ahead."
        )
        return rationale, (
            ActionInput("Check bail conditions: father on bail, for ASSAULT against mother", DUE, lead),
            ActionInput(
                "Walk Zizi to school; ask Siobhan Byrne and Hale about the school run", DUE, owner_name="Thi Mai Nguyen"
            ),
            ActionInput("Home visit at 14 Larkspur Row NT15DD", DUE, people["Tomas Okafor"]),
            ActionInput(f"Refer Minh for {SENSITIVE.lower()} support; Tomas to join the club", DUE, owner_name="Tomas"),
            ActionInput(
                "Collect Minh from the Saturday boxing gym behind the bus depot", DUE, owner_name="Aunt Ottoline"
            ),
        )

    def before_close(self, db, meeting_id: uuid.UUID, items: dict) -> None:
        MinutesService(db, CLERK).reword(items["Mensah"], EDITED_MINUTE)

    def plan(self, content, owners: list):
        action = ActionItem(
            uuid.uuid4(),
            "Meet at 14 Larkspur Row about the bail for assault against mother",
            content.outcomes[0].id,
            owners[0],
            due_on=dt.date(2027, 1, 11),
            measure="A visit by 20 January at 14 Larkspur Row",
        )
        return dataclasses.replace(
            content,
            actions=(*content.actions, action),
            voice_of_parents=f"Thị Mai: Minh's {SENSITIVE} makes mornings hard.",
            strengths="Mum says the refuge on Marigold Terrace helped her through.",
        )


@pytest.fixture(scope="module")
def produced(tmp_path_factory, pg_template_name):
    from tests.conftest import database_for_a_scope

    with database_for_a_scope(tmp_path_factory, pg_template_name) as database:
        world = build_pack_world(database, Leaks())
        case = world.cases["Nguyễn"]
        marking = RestrictedTextService(world.db, CHAIR)  # the chair marks the words after the meeting
        for context, wordings in MARKED.items():
            for text in wordings:
                marking.mark(case, text, context)
        folder = tmp_path_factory.mktemp("planted")
        service = DocumentService(world.db, CLERK, today=TODAY)
        entries = service.produce_meeting_pack(world.meeting_id, folder)
        for fmt in DocumentFormat:
            entries.append(service.produce_plan(case, fmt, folder / f"plan.{fmt.value}"))
            entries.append(
                service.produce_case_letter(case, T.LETTER_REVIEW_INVITATION, fmt, folder / f"review.{fmt.value}")
            )
        yield world, entries


def words(text: str) -> str:
    """Text as folded words between spaces, so a phrase is found whatever its case, accents or punctuation."""
    return " " + " ".join(re.findall(r"[a-z0-9]+", anyascii(text).lower())) + " "


def everything_in(path: Path) -> dict[str, str]:
    """Each way a reader or a program can read the file: its visible text, and
    its raw XML (Word) or its metadata and every string object (PDF)."""
    found = {"visible": text_of(path)}
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            found |= {
                name: z.read(name).decode("utf-8", "replace")
                for name in z.namelist()
                if name.endswith((".xml", ".rels"))
            }
    else:
        found["info"] = subprocess.run(
            [need_tool("pdfinfo"), "-meta", str(path)], capture_output=True, text=True
        ).stdout
        found["info"] += subprocess.run([need_tool("pdfinfo"), str(path)], capture_output=True, text=True).stdout
        objects = subprocess.run(
            [need_tool("qpdf"), "--json=2", "--json-key=qpdf", str(path)], check=True, capture_output=True, text=True
        ).stdout
        found["strings"] = "\n".join(
            s[2:] for s in re.findall(r'"(u:(?:[^"\\]|\\.)*)"', objects) for s in [json.loads(f'"{s}"')]
        )
    return found


def leaks(path: Path, phrases: tuple[str, ...]) -> list[str]:
    out = []
    for where, text in everything_in(path).items():
        folded = words(text)
        out += [f"{phrase!r} in {path.name} ({where})" for phrase in phrases if words(phrase) in folded]
    return out


def by_type(entries, *types: DocumentType) -> list[Path]:
    return [Path(e.path) for e in entries if e.doc_type in types]


def test_no_document_beyond_the_full_minutes_quotes_a_restricted_item_or_a_sensitive_detail(produced):
    _, entries = produced
    paths = [Path(e.path) for e in entries if e.doc_type is not T.MINUTES_FULL]
    assert len(paths) == 2 * 13  # circulation minutes, ten letters, the review invitation, the plan
    assert [leak for path in paths for leak in leaks(path, RESTRICTED_QUOTES)] == []


def test_quotes_are_withheld_visibly_where_they_were(produced):
    _, entries = produced
    for path in by_type(entries, T.LETTER_ALLOCATION, T.TAF_PLAN, T.MINUTES_CIRCULATION):
        text = " ".join(text_of(path).split())
        assert WITHHELD in text, path.name
    allocation = " ".join(text_of(by_type(entries, T.LETTER_ALLOCATION)[0]).split())
    assert f"Home visit at {WITHHELD}" in allocation and f"Police told us {WITHHELD} mum moved" in allocation


def test_wording_marked_restricted_is_withheld_beyond_the_full_minutes_and_kept_in_them(produced):
    _, entries = produced
    paths = [Path(e.path) for e in entries if e.doc_type is not T.MINUTES_FULL]
    assert [leak for path in paths for leak in leaks(path, MARKED_QUOTES)] == []
    allocation = " ".join(text_of(by_type(entries, T.LETTER_ALLOCATION)[0]).split())
    assert f"mum moved. {WITHHELD}, so visits can go ahead." in allocation
    assert f"Collect Minh from the {WITHHELD}" in allocation
    for path in by_type(entries, T.MINUTES_CIRCULATION):
        text = " ".join(text_of(path).split())
        assert f"Collect M. from the {WITHHELD} {WITHHELD} 8 Dec 2026" in text  # the action, then its owner
    for path in by_type(entries, T.TAF_PLAN):
        assert f"Mum says {WITHHELD} helped her through." in " ".join(text_of(path).split())
    for path in by_type(entries, T.MINUTES_FULL):
        text = words(text_of(path))
        assert all(words(phrase) in text for phrase in MARKED_QUOTES[:3]), path.name


def test_the_home_address_reaches_only_its_household_and_the_lead_professional(produced):
    world, entries = produced
    own = world.references["Nguyễn"]
    paths = [
        Path(e.path)
        for e in entries
        if e.doc_type is not T.MINUTES_FULL
        and not (
            e.case_reference == own and e.doc_type in (T.LETTER_FAMILY, T.LETTER_REVIEW_INVITATION, T.LETTER_ALLOCATION)
        )
    ]
    assert len(paths) == 2 * 10
    assert [leak for path in paths for leak in leaks(path, ADDRESS)] == []


def test_circulation_minutes_show_every_family_member_by_initials_and_keep_the_professionals(produced):
    _, entries = produced
    paths = by_type(entries, T.MINUTES_CIRCULATION)
    assert [leak for path in paths for leak in leaks(path, NAMES)] == []
    for path in paths:
        text = " ".join(text_of(path).split())
        assert "Tomas Okafor" in text and "Łukasz Kowalski" in text
        assert "Walk Z. to school; ask S.B. and H. about the school run" in text and "T.M.N." in text
        assert "T. to join the club" in text and "Tomas" not in text.replace("Tomas Okafor", "")


def test_the_proposals_score_and_the_replaced_wording_reach_no_document(produced):
    _, entries = produced
    assert [leak for e in entries for leak in leaks(Path(e.path), MACHINE)] == []
    for path in by_type(entries, T.MINUTES_FULL):
        text = " ".join(text_of(path).split())
        assert EDITED_MINUTE in text and "The group agreed this for Kofi" not in text
        assert "The group accepted the proposed lead, best placed by suitability." in text

"""What the Intake interface tests share: a small directory of three
localities, people in each role, a fixed clock, profile files written to
disk, and the Intake page opened on real services. Test modules import
what they use from here by name (tests/ui is on the path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from tafdesk.models import Agency, Case, Family, Locality, Membership, Role, Sector
from tafdesk.services.actor import Actor
from tafdesk.services.amendment_review import AmendmentService
from tafdesk.services.directory import DirectoryService
from tafdesk.services.family_links import FamilyLinkService
from tafdesk.services.family_record import FamilyRecordService
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.intake import IntakeService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.profile_editing import ProfileEditingService
from tafdesk.ui.intake.decisions import AgendaUndo
from tafdesk.ui.intake.page import IntakePage
from tafdesk.ui.intake.rights import IntakeRights
from tafdesk.ui.settings import AppSettings
from tests.intake.conftest import BASE_PROFILE, make_profile, write

TODAY = dt.date(2026, 11, 25)  # a Wednesday
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)  # North meets on Tuesdays at 10:00

MANAGER = Actor(None, "Nadia Hughes", Role.LOCALITY_MANAGER, localities=None)
CLERK = Actor(None, "Sam Clerk", Role.BUSINESS_SUPPORT, localities=None)
LEAD = Actor(None, "Amira Khan", Role.LEAD_PROFESSIONAL)


def make_council(db):
    """North, Central and South, and two agencies: what an import needs."""
    with db.session() as s:
        for name, code in (("North", "N"), ("Central", "C"), ("South", "S")):
            s.add(Locality(name=name, code=code))
        s.add(
            Agency(
                name="Education Welfare", short_name="EWS", membership=Membership.CORE, sector=Sector.LOCAL_AUTHORITY
            )
        )
        s.add(Agency(name="Police", membership=Membership.CORE, sector=Sector.POLICE))
    return db


# Each family's own people, so that no two are taken for the same family: (parent, born), (child, born).
PEOPLE = {
    "Bell": (("Pat", "1988-04-12"), ("Robin", "2015-06-01")),
    "Carr": (("Imogen", "1979-01-30"), ("Theo", "2009-10-11")),
    "Dunn": (("Kasia", "1992-07-19"), ("Leon", "2018-03-03")),
    "Ellis": (("Marcus", "1985-12-02"), ("Ayla", "2012-05-27")),
}


def family(
    profile_id: str,
    name: str,
    locality: str,
    *,
    received: str = "2026-11-16",
    postcode: str = "NT3 9QA",
    consent: str = "given",
    needs=None,
    risks=None,
) -> dict:
    """A valid profile of a one-parent, one-child family called `name`."""
    (parent, parent_born), (child, child_born) = PEOPLE[name]
    profile = make_profile(profile_id=profile_id, locality=locality)
    profile["referral"]["received_on"] = received
    profile["referral"]["consent"] = {"status": consent} if consent != "given" else profile["referral"]["consent"]
    profile["family"] = {
        "family_name": name,
        "address": {"line1": f"1 {name} Road", "town": "Northtown", "postcode": postcode},
        "members": [
            {
                "member_id": "m1",
                "first_name": parent,
                "last_name": name,
                "role": "parent",
                "relationship": "mother",
                "date_of_birth": parent_born,
            },
            {"member_id": "c1", "first_name": child, "last_name": name, "role": "child", "date_of_birth": child_born},
        ],
    }
    profile["needs"] = needs or [{"area": "housing", "level": "medium", "summary": "Rent arrears.", "members": ["m1"]}]
    profile["risks"] = risks if risks is not None else []
    profile["agency_involvement"] = [
        {"agency": "Police", "status": "historic", "summary": "Call-out in 2024.", "restricted": True}
    ]
    return profile


def queue_files(folder: Path) -> list[Path]:
    """Five families across the three localities, one with consent refused."""
    folder.mkdir(exist_ok=True)
    return [
        write(folder / "okonkwo.json", BASE_PROFILE),  # North, received Mon 16 Nov, education and health
        write(folder / "bell.json", family("ESAT-B", "Bell", "North", received="2026-11-23")),
        write(
            folder / "carr.json",
            family(
                "ESAT-C",
                "Carr",
                "Central",
                received="2026-11-09",
                postcode="MD2 1AA",
                risks=[{"summary": "Violence at home.", "level": "high"}],
            ),
        ),
        write(folder / "dunn.json", family("ESAT-D", "Dunn", "South", consent="refused", postcode="SB1 2BB")),
        write(
            folder / "ellis.json",
            family(
                "ESAT-E",
                "Ellis",
                "South",
                received="2026-11-20",
                postcode="SB4 4CC",
                needs=[{"area": "education", "level": "high", "summary": "Not in school."}],
            ),
        ),
    ]


def open_intake(
    qtbot, db, actor: Actor, *, settings: AppSettings | None = None, inbox=None, undo_stack: QUndoStack | None = None
) -> IntakePage:
    """The Intake page on real services for actor, shown, its first read done."""
    page = IntakePage(
        queue=IntakeQueueService(db, actor, today=TODAY),
        intake=IntakeService(db, actor),
        front_door=FrontDoorService(db, actor, now=NOW),
        editing=ProfileEditingService(db, actor),
        directory=DirectoryService(db, actor),
        settings=settings or AppSettings.open(),
        rights=IntakeRights.of(actor),
        amendments=AmendmentService(db, actor),
        inbox=inbox,
        family_records=FamilyRecordService(db, actor),
        agenda=AgendaUndo(MeetingService(db, actor, now=NOW), undo_stack) if undo_stack else None,
        links=FamilyLinkService(db, actor, now=NOW),
    )
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def import_through_page(qtbot, page: IntakePage, paths) -> object:
    """Import as the dialog and the drop do; returns the ImportOutcome once the queue is read again."""
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        with qtbot.waitSignal(page.import_finished, timeout=20_000) as finished:
            assert page.import_paths(paths)
    return finished.args[0]


def choose(qtbot, page: IntakePage, family_name: str) -> None:
    """Click the family's row in the queue."""
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if index.data() == family_name:
            page.table.view.scrollTo(index)
            rect = page.table.view.visualRect(index)
            qtbot.mouseClick(page.table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert page.detail.summary is not None and page.detail.summary.family_name == family_name
            return
    raise AssertionError(f"{family_name} is not showing in the queue")


def case_of(db, family_name: str):
    """The case summary of the family's newest case, read through the service."""
    queue = IntakeQueueService(db, MANAGER, today=TODAY)
    with db.reader() as s:
        case_id = s.scalar(
            select(Case.id)
            .join(Family, Family.id == Case.family_id)
            .where(Family.family_name == family_name)
            .order_by(Case.opened_on.desc())
            .limit(1)
        )
    return queue.summary(case_id)


__all__ = [
    "CLERK",
    "LEAD",
    "MANAGER",
    "NOW",
    "TODAY",
    "case_of",
    "choose",
    "family",
    "import_through_page",
    "make_council",
    "open_intake",
    "queue_files",
]

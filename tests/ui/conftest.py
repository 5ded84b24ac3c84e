"""Fixtures for the interface tests: the offscreen platform (set before Qt is
imported), settings kept in the test's own folder, and a small directory
written through the services, with open cases so that caseloads show."""

from __future__ import annotations

import os
from pathlib import Path

# Offscreen, with a 1920x1080 screen (the platform's own is 800x800, which
# would clamp window geometry).
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('offscreen-screen.json')}"

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from ui_helpers import open_page

from tafdesk.models import Case, CaseStatus, Family, Locality, Membership, NeedArea, Role, Sector, User
from tafdesk.services.actor import Actor
from tafdesk.services.directory import AgencyRecord, Leave, ProfessionalRecord
from tests.meetings.conftest import world  # noqa: F401 (the meeting world, for the meeting screens)


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path_factory, monkeypatch) -> None:
    """TAFDESK_HOME (set by tests/conftest.py) already moves tafdesk's own
    settings file; this also moves any native settings Qt might write."""
    folder = tmp_path_factory.mktemp("qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    monkeypatch.delenv("TAFDESK_QUIT_AFTER_STARTUP", raising=False)
    yield
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture(autouse=True, scope="session")
def _keyboard_as_in_the_app(qapp) -> None:
    """Tab leaves tables and editors and a ring marks the focus, as once the
    window has painted (ui/app.py): in every interface test, whatever ran first."""
    from tafdesk.ui.focus_ring import show_focus_rings
    from tafdesk.ui.keyboard import install_keyboard_rules

    install_keyboard_rules(qapp)
    show_focus_rings(qapp)


@pytest.fixture
def colour_scheme(qapp):
    """Call with a choice of View → Colours ("dark", "contrast"…) to see the
    application in it; the light palette comes back after the test."""
    from tafdesk.ui import theme

    theme.apply_theme(qapp)
    yield lambda scheme: theme.use_scheme(qapp, scheme)
    theme.use_scheme(qapp, "light")


@dataclass(frozen=True)
class Sample:
    north: Locality
    south: Locality
    early_help: AgencyRecord
    nursing: AgencyRecord
    harbour: AgencyRecord
    amira: ProfessionalRecord  # Early Help, North, 60% loaded
    tom: ProfessionalRecord  # Early Help, South, 94%
    grace: ProfessionalRecord  # School Nursing, North, over capacity
    dev: ProfessionalRecord  # Harbour, South, no cases
    liam: ProfessionalRecord  # School Nursing, South, own capacity
    ruth: ProfessionalRecord  # Early Help, North, inactive

    @property
    def active_professionals(self) -> int:
        return 5


def _locality(db, name: str, code: str) -> Locality:
    with db.session() as s:
        locality = Locality(name=name, code=code)
        s.add(locality)
    return locality


def _open_cases(db, professional: ProfessionalRecord, weights: list[float], start: int) -> None:
    with db.session() as s:
        for number, weight in enumerate(weights, start=start):
            family = Family(
                reference=f"F{number:05d}",
                family_name=f"Family {number}",
                locality_id=professional.locality_id,
                address_line1=f"{number} Mill Lane",
                postcode="NT3 8LD",
            )
            s.add(family)
            s.flush()
            s.add(
                Case(
                    reference=f"C{number:05d}",
                    family_id=family.id,
                    locality_id=professional.locality_id,
                    status=CaseStatus.TAF_OPEN,
                    lead_professional_id=professional.id,
                    complexity_weight=weight,
                    opened_on=dt.date(2025, 9, 1),
                )
            )


@pytest.fixture
def sample(db, service) -> Sample:
    north, south = _locality(db, "North", "N"), _locality(db, "South", "S")
    early_help = service.create_agency(
        {
            "name": "Early Help Service",
            "short_name": "EHS",
            "membership": Membership.CORE,
            "sector": Sector.LOCAL_AUTHORITY,
            "capacity_per_fte": 20.0,
            "town": "Northtown",
        }
    )
    nursing = service.create_agency(
        {"name": "School Nursing", "membership": Membership.CORE, "sector": Sector.HEALTH, "capacity_per_fte": 18.0}
    )
    harbour = service.create_agency(
        {
            "name": "Harbour Family Trust",
            "membership": Membership.ASSOCIATE,
            "sector": Sector.VOLUNTARY,
            "capacity_per_fte": 15.0,
            "email": "referrals@harbour.example",
        }
    )

    def professional(given, family, job, agency, locality, **extra) -> ProfessionalRecord:
        values = {
            "given_name": given,
            "family_name": family,
            "job_title": job,
            "agency_id": agency.id,
            "locality_id": locality.id,
            **extra,
        }
        return service.create_professional(values)

    amira = professional(
        "Amira",
        "Khan",
        "Family Support Worker",
        early_help,
        north,
        specialisms=(NeedArea.DOMESTIC_ABUSE, NeedArea.HOUSING),
        email="amira.khan@ambervale.example",
    )
    tom = professional(
        "Tom", "Price", "Family Support Worker", early_help, south, fte=0.8, specialisms=(NeedArea.EDUCATION,)
    )
    grace = professional(
        "Grace", "Okafor", "School Nurse", nursing, north, fte=0.6, specialisms=(NeedArea.HEALTH, NeedArea.EARLY_YEARS)
    )
    dev = professional(
        "Dev",
        "Patel",
        "Family Mentor",
        harbour,
        south,
        leave=(Leave(dt.date(2025, 12, 22), dt.date(2026, 1, 2), "Annual leave"),),
    )
    liam = professional("Liam", "Byrne", "School Nurse", nursing, south, capacity=12.0)
    ruth = professional("Ruth", "Evans", "Senior Practitioner", early_help, north, active=False)
    _open_cases(db, amira, [3, 3, 2, 2, 2], 1)  # 12 of 20
    _open_cases(db, tom, [5, 5, 5], 10)  # 15 of 16
    _open_cases(db, grace, [4, 4, 5], 20)  # 13 of 10.8
    _open_cases(db, liam, [2, 2, 2], 30)  # 6 of 12
    return Sample(
        north,
        south,
        early_help,
        nursing,
        harbour,
        *(service.professional(p.id) for p in (amira, tom, grace, dev, liam, ruth)),
    )


@pytest.fixture
def users(db, sample) -> dict[str, User]:
    """A locality manager and a lead professional to sign in as."""
    made = {
        "manager": User(username="manager.north", display_name="Nadia Hughes", role=Role.LOCALITY_MANAGER),
        "lead": User(
            username="lead.north1",
            display_name="Amira Khan",
            role=Role.LEAD_PROFESSIONAL,
            professional_id=sample.amira.id,
        ),
    }
    with db.session() as s:
        s.add_all(made.values())
    return made


@pytest.fixture
def lead_actor(users) -> Actor:
    user = users["lead"]
    return Actor(user_id=user.id, name=user.display_name, role=user.role)


@pytest.fixture
def undo_stack(qapp) -> QUndoStack:
    stack = QUndoStack()
    yield stack
    stack.clear()


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes are recorded as (kind, text) instead of shown."""
    shown: list[tuple[str, str]] = []
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, _k=kind, **kw: shown.append((_k, text)))
    return shown


@pytest.fixture
def page(qtbot, service, undo_stack, sample):
    return open_page(qtbot, service, undo_stack)

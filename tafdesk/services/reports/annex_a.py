"""Ofsted's Annex A early help list (List 2): each child with an Early Help
Assessment started in the period, with the columns, coded values and date
cells of the Annex A template, as an XLSX whose list is on the sheet
"List 2" (how the council's analysts and Social Finance's liiatools cleaner
read it). See README, "How the reports count", for each column's definition.

- One row per child: a child with several assessments started in the period
  is listed with the latest of them (the one that says where the child is now).
- Child Unique ID: the person's own reference (models/person_reference.py).
- Age of Child (Years): whole years at the end of the period, as the
  template's own ages are reckoned at one date for every row.
- A child missing a value the list needs (a date of birth, an ethnicity held
  as words with no code chosen yet) is not written with a blank: they are
  listed on a second sheet, "Not listed", with what is missing.

Locality managers make it, for their own localities (issue 13's matrix); the
making is audited, with the period, the localities and the counts only.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk.db import Database
from tafdesk.exports.spreadsheet import Sheet, write_xlsx
from tafdesk.models import AssessmentChild, Case, EarlyHelpAssessment, Locality, Person
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ValidationError
from tafdesk.services.reports import annex_a_codes as codes

LIST_SHEET = "List 2"
NOT_LISTED_SHEET = "Not listed"
COLUMNS = (
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Assessment start date",
    "Assessment completion date",
    "Organisation completing assessment",
)
# No Gender or Ethnicity column: liiatools takes any sheet holding every
# column of one of its lists for that list, and this one must not be.
NOT_LISTED_COLUMNS = ("Child Unique ID", "Case", "Assessment start date", "What is missing")
WHAT = "make the Annex A early help list"


@dataclass(frozen=True)
class ListRow:
    """One child's row of List 2, its values as the template codes them."""

    child_id: str
    gender: str
    ethnicity: str
    born: dt.date
    age: int
    started_on: dt.date
    completed_on: dt.date | None  # blank while the assessment is open
    organisation: str

    def cells(self) -> list:
        return [
            self.child_id,
            self.gender,
            self.ethnicity,
            self.born,
            self.age,
            self.started_on,
            self.completed_on,
            self.organisation,
        ]


@dataclass(frozen=True)
class NotListed:
    """A child left out of List 2, and why (no names: ids a manager looks up)."""

    child_id: str
    case_reference: str
    started_on: dt.date
    missing: tuple[str, ...]

    def cells(self) -> list:
        return [self.child_id, self.case_reference, self.started_on, "; ".join(self.missing)]


@dataclass(frozen=True)
class AnnexAList:
    start: dt.date
    end: dt.date
    localities: tuple[str, ...]
    rows: tuple[ListRow, ...]
    not_listed: tuple[NotListed, ...]

    def sheets(self) -> list[Sheet]:
        return [
            Sheet(LIST_SHEET, COLUMNS, [r.cells() for r in self.rows]),
            Sheet(NOT_LISTED_SHEET, NOT_LISTED_COLUMNS, [n.cells() for n in self.not_listed]),
        ]


class AnnexAService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def list2(self, start: dt.date, end: dt.date, locality: str | None = None) -> AnnexAList:
        """The list, as it would be written."""
        self._actor.require(Permission.MAKE_ANNEX_A)
        _check_period(start, end)
        with self._db.reader() as s:
            return _gather(s, self._actor, start, end, locality)

    def write(self, start: dt.date, end: dt.date, out: Path, locality: str | None = None) -> AnnexAList:
        """The list written to out (XLSX, whole or not at all), and the making audited."""
        self._actor.require(Permission.MAKE_ANNEX_A)
        _check_period(start, end)
        if out.suffix.lower() != ".xlsx":
            raise ValidationError(
                {"out": f"Annex A is written as the template is, an Excel workbook: name it .xlsx, not “{out.name}”."}
            )
        with self._db.session() as s:
            made = _gather(s, self._actor, start, end, locality)
            write_xlsx(out, made.sheets())  # before the audit commits: a failed write leaves no entry
            audit.record(
                s,
                self._actor,
                "report.annex_a",
                "report",
                None,
                {
                    "period": [None, [start, end]],
                    "localities": [None, list(made.localities)],
                    "children": [None, len(made.rows)],
                    "not_listed": [None, len(made.not_listed)],
                },
            )
        return made


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(
            {
                "to": f"The period ends ({end:%d/%m/%Y}) before it begins ({start:%d/%m/%Y}): give its end after its start."
            }
        )


def _gather(s: Session, actor: Actor, start: dt.date, end: dt.date, locality: str | None) -> AnnexAList:
    places = _localities(s, actor, locality)
    rows, not_listed = [], []
    for found in s.execute(_query(start, end, list(places))):
        missing = _missing(found, end)
        if missing:
            not_listed.append(NotListed(found.reference, found.case_reference, found.started_on, missing))
            continue
        ethnicity = codes.ethnicity(found.ethnicity_code, _wording_held(found))
        assert ethnicity is not None and found.date_of_birth is not None  # else missing above
        rows.append(
            ListRow(
                found.reference,
                codes.gender(found.gender),
                ethnicity,
                found.date_of_birth,
                age_on(found.date_of_birth, end),
                found.started_on,
                found.completed_on,
                found.organisation_name.strip(),
            )
        )
    return AnnexAList(start, end, tuple(places.values()), tuple(rows), tuple(not_listed))


def _localities(s: Session, actor: Actor, name: str | None) -> dict[uuid.UUID, str]:
    """The localities asked for (one by name or code) or, if none, every one the actor works in."""
    if name is None:
        chosen = s.execute(
            select(Locality.id, Locality.name).where(scope.in_localities(actor, Locality.id)).order_by(Locality.name)
        ).all()
        return dict(chosen)
    wanted = name.strip().casefold()
    found = s.execute(
        select(Locality.id, Locality.name).where(
            (func.lower(Locality.name) == wanted) | (func.lower(Locality.code) == wanted)
        )
    ).first()
    if found is None:
        raise ValidationError({"locality": f"There is no locality called “{name}”."})
    scope.require_locality(s, actor, found.id, WHAT)
    return {found.id: found.name}


def _query(start: dt.date, end: dt.date, locality_ids: Sequence[uuid.UUID]):
    """Each child's latest assessment started in the period, in the
    localities, with what the row needs: one statement, ranked in the database."""
    assessment = EarlyHelpAssessment
    ranked = (
        select(
            AssessmentChild.person_id,
            assessment.started_on,
            assessment.completed_on,
            assessment.organisation_name,
            Case.reference.label("case_reference"),
            func.row_number()
            .over(
                partition_by=AssessmentChild.person_id,
                order_by=(assessment.started_on.desc(), assessment.created_at.desc(), assessment.id),
            )
            .label("latest"),
        )
        .join(assessment, assessment.id == AssessmentChild.assessment_id)
        .join(Case, Case.id == assessment.case_id)
        .where(assessment.started_on.between(start, end), Case.locality_id.in_(sorted(locality_ids)))
        .subquery()
    )
    return (
        select(
            Person.reference,
            Person.gender,
            Person.ethnicity_code,
            Person.ethnicity.label("wording"),
            Person.date_of_birth,
            ranked.c.started_on,
            ranked.c.completed_on,
            ranked.c.organisation_name,
            ranked.c.case_reference,
        )
        .join(ranked, ranked.c.person_id == Person.id)
        .where(ranked.c.latest == 1)
        .order_by(ranked.c.started_on, Person.reference)
    )


def _missing(found, end: dt.date) -> tuple[str, ...]:
    """What the row would lack, in words a manager can act on."""
    missing = []
    if found.date_of_birth is None:
        missing.append("no date of birth recorded")
    elif found.date_of_birth > end:
        missing.append("born after the end of the period, so no age at its end")
    if codes.ethnicity(found.ethnicity_code, _wording_held(found)) is None:
        missing.append("ethnicity held as words with no DfE code chosen yet (Intake: Ethnicity to code)")
    if not found.organisation_name.strip():
        missing.append("no organisation completing the assessment")
    return tuple(missing)


def _wording_held(found) -> bool:
    return bool(found.wording and found.wording.strip())


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years completed on day (a 29 February birthday counts on 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

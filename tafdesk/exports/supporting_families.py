"""The Supporting Families claim list for internal audit, as XLSX (a sheet of
claims and a sheet of incomplete evidence) or CSV (both in one table with a
Status column), through exports/spreadsheet.py.

Claims: one row per outcome of each claim's plan, so that an auditor sees
each need's evidence: the day it was sustained from, the months asked for,
when the record was made and who made it. Incomplete evidence: one row per
thing missing. The evidence's own words stay in tafdesk, under its access
rules: the sheets carry references, dates and names, and say where to look.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tafdesk.exports.spreadsheet import Sheet, write_csv, write_xlsx
from tafdesk.services.outcome_evidence import PROGRESS_WORDS
from tafdesk.services.reports.headline_needs import headline
from tafdesk.services.reports.supporting_families import (
    FamilyClaim,
    Missing,
    NeedIdentified,
    OutcomeEvidenced,
    SupportingFamiliesReport,
)

FAMILY = ["Family reference", "Case reference", "Locality"]
EVIDENCE = [
    "Headline need",
    "Identified in",
    "Outcome",
    "Progress",
    "Sustained from",
    "Months to sustain",
    "Sustained until",
    "Evidence recorded on",
    "Evidence recorded by",
    "Claim possible from",
]
CLAIM_COLUMNS = [*FAMILY, *EVIDENCE]
INCOMPLETE_COLUMNS = [*FAMILY, "What is missing", *EVIDENCE]


def sheets(report: SupportingFamiliesReport) -> list[Sheet]:
    return [
        Sheet("Claims", CLAIM_COLUMNS, [row for f in report.claims for row in _claim_rows(f)]),
        Sheet("Incomplete evidence", INCOMPLETE_COLUMNS, [row for f in report.incomplete for row in _missing_rows(f)]),
    ]


def one_table(report: SupportingFamiliesReport) -> Sheet:
    """Claims and incomplete evidence in one table, for CSV."""
    claims = [["Claim", *row[:3], "", *row[3:]] for f in report.claims for row in _claim_rows(f)]
    missing = [["Incomplete", *row] for f in report.incomplete for row in _missing_rows(f)]
    return Sheet("Supporting Families", ["Status", *INCOMPLETE_COLUMNS], claims + missing)


def write(report: SupportingFamiliesReport, path: Path) -> str:
    """Writes XLSX or CSV as the file's extension says; returns its SHA-256."""
    if path.suffix.lower() == ".csv":
        return write_csv(path, one_table(report))
    return write_xlsx(path, sheets(report))


def _claim_rows(family: FamilyClaim) -> list[list[Any]]:
    return [[*_family(family), *_evidence(family, need, outcome)] for need in family.needs for outcome in need.outcomes]


def _missing_rows(family: FamilyClaim) -> list[list[Any]]:
    needs = {n.area: n for n in family.needs}
    return [[*_family(family), m.text, *_about(family, m, needs)] for m in family.missing]


def _about(family: FamilyClaim, missing: Missing, needs: dict) -> list[Any]:
    need: NeedIdentified | None = needs.get(missing.area) if missing.area else None
    if need is None:  # a condition of the family as a whole
        return [*[None] * (len(EVIDENCE) - 1), family.claim_from]
    return _evidence(family, need, missing.outcome)


def _family(family: FamilyClaim) -> list[Any]:
    return [family.family_reference, family.case_reference, family.locality]


def _evidence(family: FamilyClaim, need: NeedIdentified, outcome: OutcomeEvidenced | None) -> list[Any]:
    months = headline(need.area).months
    if outcome is None:
        return [need.headline, need.identified_in, None, None, None, months, None, None, None, family.claim_from]
    return [
        need.headline,
        need.identified_in,
        outcome.label.capitalize(),
        PROGRESS_WORDS[outcome.progress] if outcome.progress else None,
        outcome.sustained_from,
        months,
        outcome.sustained_until,
        outcome.recorded_on,
        outcome.recorded_by,
        family.claim_from,
    ]

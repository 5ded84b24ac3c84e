"""A family's chronology as a document: one table of dated entries, in two
editions. The full edition is for the Team Around the Family and the
locality's managers; the edition for other agencies leaves restricted
entries out (the service has already withheld restricted wording in the rest)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tafdesk.exports.document import Document, DocumentBuilder, Letterhead, Metadata

if TYPE_CHECKING:
    from tafdesk.services.chronology import Entry

FULL_NOTE = (
    "Full edition, for the Team Around the Family and the locality's managers: restricted entries included and marked."
)
AGENCIES_NOTE = "Edition for other agencies: restricted entries and restricted wording are withheld."


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%b %Y}"


def build_chronology(
    case_reference: str,
    family_name: str,
    entries: Sequence[Entry],
    *,
    full: bool,
    made_on: dt.date,
    types_shown: str,
    letterhead: Letterhead | None,
    author: str,
    not_for: Sequence[str] = (),
) -> Document:
    """`not_for`: the agencies consent no longer covers ("Police (consent
    withdrawn 3 Dec 2026)"), said on the edition for other agencies so that
    whoever sends it knows where it may not go."""
    doc = DocumentBuilder()
    doc.heading(f"Chronology: the {family_name} family", 1)
    doc.labels(
        [
            ("Case reference", case_reference),
            ("Made on", _day(made_on)),
            ("Entries", types_shown),
            ("Not to be shared with", "; ".join(not_for) if not_for and not full else None),
        ]
    )
    doc.para(FULL_NOTE if full else AGENCIES_NOTE, "small")
    rows = [
        (_day(e.on), e.type.value, f"[Restricted] {e.summary}" if e.restricted else e.summary)
        for e in entries
        if full or not e.restricted
    ]
    if rows:
        doc.table(
            ["Date", "Type", "What happened"], rows, (2.2, 3.0, 11.0), caption="The family's chronology, oldest first"
        )
    else:
        doc.para("Nothing to show.")
    meta = Metadata(
        title=f"Chronology {case_reference}",
        author=author,
        subject="Family chronology" + ("" if full else " (edition for other agencies)"),
        keywords=("chronology", case_reference),
    )
    return doc.build(meta, letterhead, "OFFICIAL-SENSITIVE")

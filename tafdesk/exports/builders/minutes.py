"""The minutes of a Locality Case Management Group, in two editions.

- Full, for the members of the group: each family by name, with the summary,
  the decision, the lead and team, the rationale, the minute as worded by
  business support, and the actions; the action log; other business.
- Circulation, for wider distribution: built only from `CirculationMinutes`
  (see `redaction`), which has no family names, summaries, rationale or notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tafdesk.exports.document import Document, DocumentBuilder, Letterhead, Metadata

if TYPE_CHECKING:
    from tafdesk.exports.minutes_data import Minutes
    from tafdesk.exports.redaction import CirculationMinutes

KIND_WORDS = {
    "new_profile": "New 360° profile",
    "deferred": "Deferred from an earlier meeting",
    "review": "Open case review",
    "consent_withdrawn": "Consent to share withdrawn during the TAF",
}


def when(start: dt.datetime) -> str:
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}"


def _due(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "—"


def _title(locality: str) -> str:
    return f"{locality} Locality Case Management Group"


def build_full_minutes(
    minutes: Minutes, summaries: Mapping[str, str], letterhead: Letterhead | None, author: str
) -> Document:
    """`summaries` maps a case reference to what the group had before it
    (the referral's reason and the needs in the profile)."""
    start = minutes.local_start()
    doc = DocumentBuilder()
    doc.heading(f"{_title(minutes.locality)}: minutes", 1)
    doc.labels(
        [
            ("Date", when(start)),
            ("Venue", minutes.venue),
            ("Chair", minutes.chair),
            ("Minutes taken by", minutes.minute_taker),
            (
                "Edition",
                "Full minutes, for the members of the group. Do not forward: circulate the circulation "
                "edition instead.",
            ),
        ]
    )
    _attendance(doc, minutes.present, minutes.apologies, minutes.quorum)
    doc.heading("Declarations of interest", 2)
    doc.para(minutes.declarations or "None were declared.")
    _matters_arising(doc, minutes)
    doc.heading("Families considered", 2)
    if not minutes.items:
        doc.para("No families were on the agenda.")
    for number, item in enumerate(minutes.items, start=1):
        doc.heading(f"{number}. {item.case_reference}: the {item.family_name} family", 3)
        doc.labels(
            [
                ("On the agenda as", KIND_WORDS.get(item.kind, item.kind)),
                ("Summary", summaries.get(item.case_reference)),
                ("Decision", item.outcome),
                ("Lead professional", item.lead),
                ("Team Around the Family", ", ".join(item.members)),
                # Business support's wording, once edited, stands in place of the rationale it rewords.
                ("Minute", item.wording) if item.edited else ("Rationale", item.rationale),
            ]
        )
        if item.actions:
            doc.table(
                ["Action", "Owner", "Due"],
                [(a.description, a.owner, _due(a.due_on)) for a in item.actions],
                (6, 3, 1.6),
            )
    doc.heading("Action log", 2)
    _action_log(doc, [(a.case_reference, a.description, a.owner, a.due_on) for a in minutes.action_log])
    if minutes.notes:
        doc.heading("Other business", 2)
        doc.para(minutes.notes)
    _next_meeting(doc, minutes.next_meeting)
    meta = Metadata(
        title=f"{_title(minutes.locality)} minutes, {start.day} {start:%B %Y}",
        author=author,
        subject="Minutes (full edition)",
        keywords=("minutes", minutes.locality),
    )
    return doc.build(meta, letterhead, "OFFICIAL-SENSITIVE")


def build_circulation_minutes(minutes: CirculationMinutes, letterhead: Letterhead | None, author: str) -> Document:
    start = minutes.starts_at
    doc = DocumentBuilder()
    doc.heading(f"{_title(minutes.locality)}: minutes for circulation", 1)
    doc.labels(
        [
            ("Date", when(start)),
            ("Venue", minutes.venue),
            ("Chair", minutes.chair),
            ("Minutes taken by", minutes.minute_taker),
            (
                "Edition",
                "Circulation edition. Families are shown by case reference and initials; the group's "
                "discussion and restricted information are in the full minutes, kept by the locality team.",
            ),
        ]
    )
    _attendance(doc, minutes.present, minutes.apologies, minutes.quorum)
    doc.heading("Decisions", 2)
    if minutes.items:
        doc.table(
            ["Case", "Family", "Decision", "Lead professional", "Team Around the Family"],
            [
                (i.case_reference, i.initials, i.outcome, i.lead or "—", ", ".join(i.members) or "—")
                for i in minutes.items
            ],
            (2.2, 1.1, 3.6, 3, 3.6),
        )
    if minutes.kept_back:
        doc.para(_kept_back(minutes.kept_back, bool(minutes.items)))
    doc.heading("Action log", 2)
    _action_log(doc, [(a.case_reference, a.description, a.owner, a.due_on) for a in minutes.action_log])
    _next_meeting(doc, minutes.next_meeting)
    meta = Metadata(
        title=f"{_title(minutes.locality)} minutes for circulation, {start.day} {start:%B %Y}",
        author=author,
        subject="Minutes (circulation edition)",
        keywords=("minutes", minutes.locality),
    )
    return doc.build(meta, letterhead, "OFFICIAL-SENSITIVE")


def _kept_back(count: int, others: bool) -> str:
    """Items left out of the circulation edition, said without saying which or why."""
    further = " further" if others else ""
    if count == 1:
        return f"1{further} item was considered; it is recorded in the full minutes only."
    return f"{count}{further} items were considered; they are recorded in the full minutes only."


def _matters_arising(doc: DocumentBuilder, minutes: Minutes) -> None:
    """The review of the actions agreed earlier and due by this meeting (the
    full edition only: they name the families)."""
    doc.heading("Matters arising", 2)
    if not minutes.matters_arising:
        doc.para("No actions agreed earlier were due by this meeting.")
        return
    doc.para("The actions agreed at earlier meetings or in plans, due by this meeting, reviewed one by one.")
    doc.table(
        ["Case", "Action", "Owner", "Due", "Review"],
        [
            (
                f"{m.case_reference} ({m.family_name})",
                f"{m.description} [{m.agreed_at}]",
                m.owner,
                _due(m.due_on),
                f"{m.review}: {m.note}" if m.note else m.review,
            )
            for m in minutes.matters_arising
        ],
        (2.4, 4.6, 2.6, 1.6, 4),
    )


def _next_meeting(doc: DocumentBuilder, day: dt.date | None) -> None:
    if day is not None:
        doc.heading("Next meeting", 2)
        doc.para(f"{day:%A} {day.day} {day:%B %Y}.")


def _attendance(doc: DocumentBuilder, present: tuple[str, ...], apologies: tuple[str, ...], quorum: str) -> None:
    doc.heading("Attendance", 2)
    if quorum:
        doc.para(quorum)
    rows = []
    for entry in present:
        agency, _, person = entry.partition(": ")
        rows.append((agency, person or "—"))
    doc.table(["Agency", "Represented by"], rows, (1, 1))
    doc.para(f"Apologies: {', '.join(apologies)}." if apologies else "Apologies: none.")


def _action_log(doc: DocumentBuilder, actions: list[tuple[str, str, str, dt.date | None]]) -> None:
    if not actions:
        doc.para("No actions were agreed.")
        return
    doc.table(["Case", "Action", "Owner", "Due"], [(c, d, o, _due(due)) for c, d, o, due in actions], (2, 6, 3, 1.6))

"""Storing a waiting 360-degree profile as the importer does (through the
importer's own profile_rows): the document verbatim with its SHA-256, every
field in its column, the child rows, a match to confirm where the importer
would ask, and the audit trail of the import."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from tafdesk.db.rowset import RowSet
from tafdesk.demo.directory import Directory
from tafdesk.demo.profiles import Waiting
from tafdesk.models import Case, CaseStatus, MatchSuggestion, SuggestionStatus
from tafdesk.services import audit
from tafdesk.services.profile_rows import add_profile, document_text


def write_waiting(rows: RowSet, directory: Directory, w: Waiting, imported_by: uuid.UUID | None) -> None:
    """The profile's rows, a match to confirm if the importer would have
    asked, and the audit trail of its import (and of sending it to a meeting)."""
    doc, case = w.doc, w.case
    fam = case.family
    rows.add(
        Case,
        id=case.id,
        reference=case.reference,
        family_id=fam.id,
        locality_id=fam.loc.id,
        status=case.status,
        complexity_weight=case.weight,
        level_of_need=doc["recommendation"].get("level_of_need"),
        is_repeat=case.is_repeat,
        opened_on=case.opened,
    )
    person_ids: dict[str, uuid.UUID] = {}
    for person, member in zip(doc["family"]["members"], w.members):
        assert member.id is not None  # the family's people are written before its profile
        person_ids[person["member_id"]] = member.id
    profile_id = add_profile(
        rows,
        doc,
        original=document_text(doc),
        source=f"{doc['profile_id']}.json",
        family_id=fam.id,
        locality_id=fam.loc.id,
        case_id=case.id,
        person_ids=person_ids,
        agency_ids={a.name.casefold(): a.id for a in directory.agencies},
        imported_by=imported_by,
    )
    match = _suggestion(w)
    if match is not None:
        rows.add(
            MatchSuggestion,
            profile_id=profile_id,
            family_id=match.family_key,
            score=match.score,
            evidence=json.dumps(list(match.evidence), ensure_ascii=False),
            pairs=json.dumps([[ref, str(person_id)] for ref, person_id in match.pairs]),
            status=SuggestionStatus.PENDING,
        )
    _audit(rows, directory, w, profile_id, imported_by, match)


def _suggestion(w: Waiting):
    """Scored with the importer's own matcher, kept only if it would ask."""
    if w.maybe_same_as is None:
        return None
    from tafdesk.intake.matching import FamilyFacts, PersonFacts, Verdict, document_facts, match_family

    incoming = document_facts(w.doc)
    known_family = w.maybe_same_as
    known = FamilyFacts(
        known_family.id,
        known_family.name,
        known_family.address[3],
        tuple(PersonFacts(m.id, m.given, m.family, m.dob) for m in known_family.members),
    )
    match = match_family(incoming, known)
    return match if match.verdict is Verdict.UNCERTAIN else None


def _audit(
    rows: RowSet, directory: Directory, w: Waiting, profile_id: uuid.UUID, actor_id: uuid.UUID | None, match
) -> None:
    actor = directory.display_names.get(actor_id, "tafdesk (system)") if actor_id else "tafdesk (system)"
    ref = w.doc["profile_id"]
    changes = {"profile_ref": [None, ref], "source": [None, f"{ref}.json"]}
    if match is not None:
        changes["match"] = [None, f"{match.verdict.value} ({match.score}) with family {match.family_key}"]
    imported_at = w.compiled_at + dt.timedelta(minutes=45)
    audit.queue(rows, actor_id, actor, "profile.imported", "profile360", profile_id, changes, occurred_at=imported_at)
    if w.case.status in (CaseStatus.AWAITING_MEETING, CaseStatus.DEFERRED):
        sent = {"status": [CaseStatus.AWAITING_TRIAGE.value, CaseStatus.AWAITING_MEETING.value]}
        audit.queue(
            rows,
            actor_id,
            actor,
            "case.sent_to_meeting",
            "case",
            w.case.id,
            sent,
            occurred_at=imported_at + dt.timedelta(hours=2),
        )

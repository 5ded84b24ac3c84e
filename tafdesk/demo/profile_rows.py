"""Storing a waiting 360-degree profile as the importer would: the document
verbatim with its SHA-256, every field in its column, and the child rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid

from tafdesk.demo.directory import Directory
from tafdesk.demo.profiles import Waiting
from tafdesk.demo.rowset import RowSet
from tafdesk.models import (
    AuditEvent,
    Case,
    CaseStatus,
    MatchSuggestion,
    Profile360,
    ProfileInvolvement,
    ProfileInvolvementMember,
    ProfileMember,
    ProfileNeed,
    ProfileNeedMember,
    ProfileRisk,
    ProfileRiskMember,
    ProfileStrength,
    Referral,
    SuggestionStatus,
)


def document_text(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def write_waiting(rows: RowSet, directory: Directory, w: Waiting, imported_by: uuid.UUID | None) -> None:
    """The profile's rows, a match to confirm if the importer would have
    asked, and the audit trail of its import (and of sending it to a meeting)."""
    doc, case = w.doc, w.case
    fam = case.family
    rows.add(
        Case, id=case.id, reference=case.reference, family_id=fam.id, locality_id=fam.loc.id, status=case.status,
        complexity_weight=case.weight, level_of_need=doc["recommendation"].get("level_of_need"),
        is_repeat=case.is_repeat, opened_on=case.opened,
    )  # fmt: skip
    referral = doc["referral"]
    referrer, consent = referral["referrer"], referral["consent"]
    referrer_address = referrer.get("address", {})
    referral_id = rows.add(
        Referral, family_id=fam.id, locality_id=fam.loc.id, case_id=case.id,
        received_on=_date(referral["received_on"]), reason=referral["reason"], referrer_name=referrer["name"],
        referrer_role=referrer.get("role"), referrer_agency=referrer.get("agency"), referrer_email=referrer.get("email"),
        referrer_phone=referrer.get("phone"), referrer_address_line1=referrer_address.get("line1"),
        referrer_address_line2=referrer_address.get("line2"), referrer_town=referrer_address.get("town"),
        referrer_postcode=referrer_address.get("postcode"), consent_status=consent["status"],
        consent_given_by=consent.get("given_by"), consent_date=_date(consent.get("date")), consent_notes=consent.get("notes"),
    )  # fmt: skip
    text = document_text(doc)
    family, recommendation = doc["family"], doc["recommendation"]
    compiled_by = doc.get("compiled_by", {})
    compiled_address = compiled_by.get("address", {})
    suggested = recommendation.get("suggested_lead_agency")
    agency_ids = {a.name: a.id for a in directory.agencies}
    profile_id = rows.add(
        Profile360, referral_id=referral_id, profile_ref=doc["profile_id"], format=doc["format"],
        compiled_at=dt.datetime.fromisoformat(doc["compiled_at"]),
        compiled_by_name=compiled_by.get("name"), compiled_by_role=compiled_by.get("role"),
        compiled_by_agency=compiled_by.get("agency"), compiled_by_email=compiled_by.get("email"),
        compiled_by_phone=compiled_by.get("phone"), compiled_by_address_line1=compiled_address.get("line1"),
        compiled_by_address_line2=compiled_address.get("line2"), compiled_by_town=compiled_address.get("town"),
        compiled_by_postcode=compiled_address.get("postcode"), locality_name=doc["locality"],
        family_name=family["family_name"], address_line1=family["address"]["line1"],
        address_line2=family["address"].get("line2"), town=family["address"].get("town"),
        postcode=family["address"]["postcode"], family_phone=family.get("phone"), language=family.get("language"),
        interpreter_needed=family.get("interpreter_needed"), family_views=doc.get("family_views"),
        pathway=recommendation["pathway"], suggested_lead_agency=suggested,
        suggested_lead_agency_id=agency_ids.get(suggested) if suggested else None,
        level_of_need=recommendation.get("level_of_need"), rationale=recommendation["rationale"],
        original_document=text, original_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        source_name=f"{doc['profile_id']}.json", imported_by_id=imported_by,
    )  # fmt: skip
    member_ids: dict[str, uuid.UUID] = {}
    for position, (person, member) in enumerate(zip(family["members"], w.members)):
        member_ids[person["member_id"]] = rows.add(
            ProfileMember, profile_id=profile_id, position=position, member_ref=person["member_id"],
            person_id=member.id, given_name=person["first_name"], family_name=person["last_name"],
            known_as=person.get("known_as"), date_of_birth=_date(person.get("date_of_birth")),
            expected_date=_date(person.get("expected_date")), gender=person.get("gender"), role=person["role"],
            relationship=person.get("relationship"), lives_in_household=person.get("lives_in_household", True),
            school_or_setting=person.get("school_or_setting"), ethnicity=person.get("ethnicity"),
            first_language=person.get("first_language"), disability=person.get("disability"),
        )  # fmt: skip
    for position, need in enumerate(doc["needs"]):
        need_id = rows.add(ProfileNeed, profile_id=profile_id, position=position, area=need["area"],
                           level=need["level"], summary=need["summary"])  # fmt: skip
        for ref in _unique(need.get("members", [])):
            rows.add(ProfileNeedMember, need_id=need_id, member_id=member_ids[ref])
    for position, item in enumerate(doc.get("agency_involvement", [])):
        involvement_id = rows.add(
            ProfileInvolvement, profile_id=profile_id, position=position, agency_name=item["agency"],
            agency_id=agency_ids.get(item["agency"]), status=item["status"], worker=item.get("worker"),
            summary=item.get("summary"), source=item.get("source"), restricted=item.get("restricted", False),
        )  # fmt: skip
        for ref in _unique(item.get("members", [])):
            rows.add(ProfileInvolvementMember, involvement_id=involvement_id, member_id=member_ids[ref])
    for position, risk in enumerate(doc.get("risks", [])):
        risk_id = rows.add(ProfileRisk, profile_id=profile_id, position=position, summary=risk["summary"], level=risk["level"])
        for ref in _unique(risk.get("members", [])):
            rows.add(ProfileRiskMember, risk_id=risk_id, member_id=member_ids[ref])
    for position, strength in enumerate(doc.get("strengths", [])):
        rows.add(ProfileStrength, profile_id=profile_id, position=position, text=strength)
    match = _suggestion(w)
    if match is not None:
        rows.add(
            MatchSuggestion, profile_id=profile_id, family_id=match.family_key, score=match.score,
            evidence=json.dumps(list(match.evidence), ensure_ascii=False),
            pairs=json.dumps([[ref, str(person_id)] for ref, person_id in match.pairs]), status=SuggestionStatus.PENDING,
        )  # fmt: skip
    _audit(rows, directory, w, profile_id, imported_by, match)


def _suggestion(w: Waiting):  # noqa: ANN202 (Match | None)
    """Scored with the importer's own matcher, kept only if it would ask."""
    if w.maybe_same_as is None:
        return None
    from tafdesk.intake.matching import FamilyFacts, PersonFacts, Verdict, match_family

    def facts(key: object, name: str, postcode: str, people: list[tuple[object, str, str, dt.date | None]]) -> FamilyFacts:
        return FamilyFacts(key, name, postcode, tuple(PersonFacts(*p) for p in people))

    family = w.doc["family"]
    incoming = facts(w.doc["profile_id"], family["family_name"], family["address"]["postcode"], [
        (m["member_id"], m["first_name"], m["last_name"], _date(m.get("date_of_birth"))) for m in family["members"]
    ])  # fmt: skip
    known_family = w.maybe_same_as
    known = facts(known_family.id, known_family.name, known_family.address[3],
                  [(m.id, m.given, m.family, m.dob) for m in known_family.members])  # fmt: skip
    match = match_family(incoming, known)
    return match if match.verdict is Verdict.UNCERTAIN else None


def _audit(rows: RowSet, directory: Directory, w: Waiting, profile_id: uuid.UUID, actor_id: uuid.UUID | None, match) -> None:  # noqa: ANN001
    actor = directory.display_names.get(actor_id, "tafdesk (system)") if actor_id else "tafdesk (system)"
    ref = w.doc["profile_id"]
    changes = {"profile_ref": [None, ref], "source": [None, f"{ref}.json"]}
    if match is not None:
        changes["match"] = [None, f"{match.verdict.value} ({match.score}) with family {match.family_key}"]
    imported_at = w.compiled_at + dt.timedelta(minutes=45)
    rows.add(AuditEvent, occurred_at=imported_at, actor_id=actor_id, actor_name=actor, action="profile.imported",
             entity_type="profile360", entity_id=profile_id,
             changes=json.dumps(changes, ensure_ascii=False, sort_keys=True))  # fmt: skip
    if w.case.status in (CaseStatus.AWAITING_MEETING, CaseStatus.DEFERRED):
        sent = {"status": [CaseStatus.AWAITING_TRIAGE.value, CaseStatus.AWAITING_MEETING.value]}
        rows.add(AuditEvent, occurred_at=imported_at + dt.timedelta(hours=2), actor_id=actor_id, actor_name=actor,
                 action="case.sent_to_meeting", entity_type="case", entity_id=w.case.id,
                 changes=json.dumps(sent, ensure_ascii=False, sort_keys=True))  # fmt: skip


def _unique(refs: list[str]) -> list[str]:
    return list(dict.fromkeys(refs))

"""Writing a case with its referral (referrer and consent) and its Team
Around the Family supporters."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from tafdesk.db.rowset import RowSet
from tafdesk.demo import names, places, texts
from tafdesk.demo.cases import CaseRec, about_child, words_for
from tafdesk.demo.directory import Directory
from tafdesk.demo.families import FamilyRec
from tafdesk.models import Case, CaseSupporter, ConsentStatus, DecisionOutcome, NeedArea, Referral

A = NeedArea


def write_case(
    rng: random.Random, rows: RowSet, directory: Directory, case: CaseRec, *, allocated: bool = False
) -> uuid.UUID:
    """The case, its referral and its supporters. Returns the referral's id.
    `allocated`: the allocation letter's promises run from its meeting's day
    (between.py plays its first contacts, or leaves them due)."""
    fam = case.family
    rows.add(
        Case,
        id=case.id,
        reference=case.reference,
        family_id=fam.id,
        locality_id=fam.loc.id,
        status=case.status,
        lead_professional_id=case.lead.id if case.lead else None,
        complexity_weight=case.weight,
        level_of_need=case.level,
        is_repeat=case.is_repeat,
        repeat_within_12_months=case.repeat_within_year,
        opened_on=case.opened,
        closed_on=case.closed,
        closure_reason=case.reason,
        front_door_note=case.front_door_note,
        allocated_on=case.decided if allocated or _allocated_before(case) else None,
    )
    for p, since in case.supporters:
        rows.add(CaseSupporter, case_id=case.id, professional_id=p.id, since=since)
    referrer = make_referrer(rng, directory, case)
    consent = _consent(rng, case)
    return rows.add(
        Referral,
        family_id=fam.id,
        locality_id=fam.loc.id,
        case_id=case.id,
        received_on=case.opened,
        reason=referral_reason(rng, case),
        **referrer,
        **consent,
    )


def _allocated_before(case: CaseRec) -> bool:
    """A closed case allocated at a meeting before the demo's meetings (no
    decision row names its lead): its day, as a case allocated outside a
    meeting keeps it. Open ones keep none, as between.py's first_contacts
    says why (their letters' promises would all be overdue)."""
    return case.closed is not None and case.lead is not None and case.decided is not None


def referral_reason(rng: random.Random, case: CaseRec) -> str:
    words = words_for(case)
    reason = texts.pick(rng, texts.REASONS[case.primary], words, about_child(case, case.primary))
    if len(case.needs) > 1 and rng.random() < 0.6:
        second = case.needs[1][0]
        reason += " " + texts.pick(rng, texts.REASONS[second], words, about_child(case, second))
    return reason


def make_referrer(rng: random.Random, directory: Directory, case: CaseRec) -> dict:
    """Referrer columns of a referral: a school, health, police, housing or the family itself."""
    fam, area = case.family, case.primary
    spec = fam.loc.spec
    school = case.focus.school if case.focus.is_child else None
    if area is A.EDUCATION or (school and rng.random() < 0.3):
        org = school or rng.choice(spec.primary_schools)
        given, family = _name(rng)
        return _referrer(
            f"{given} {family}",
            rng.choice(("Designated Safeguarding Lead", "Head of Year", "Pastoral Lead")),
            org,
            f"{given[0].lower()}.{_ascii(family)}@{places.slug(org)}.example",
            places.landline(rng),
            (org, None, spec.town, places.postcode(rng, spec.streets[0].district)),
        )
    agency = {
        A.EARLY_YEARS: "Health Visiting and School Nursing",
        A.HEALTH: "Health Visiting and School Nursing",
        A.CRIME: "Police",
        A.DOMESTIC_ABUSE: "Police",
        A.HOUSING: "Housing",
        A.CHILD_SAFETY: "Police",
    }.get(area)
    if agency and rng.random() < 0.8:
        staff = [p for p in directory.in_locality(fam.loc) if p.agency.name == agency]
        if staff and rng.random() < 0.4:
            p = rng.choice(staff)
            return _referrer(p.name, p.title, agency, p.email, p.phone, None)
        given, family = _name(rng)
        domain = directory.agency(agency).spec.domain
        role = {"Police": "Police Constable", "Housing": "Housing Officer"}.get(agency, "Health Visitor")
        email = f"{_ascii(given)}.{_ascii(family)}@{domain}"
        return _referrer(f"{given} {family}", role, agency, email, places.mobile(rng), None)
    if rng.random() < 0.35:
        surgery = rng.choice(spec.surgeries)
        given, family = _name(rng)
        return _referrer(
            f"Dr {given} {family}",
            "GP",
            surgery,
            f"{places.slug(surgery)}@nhs-mail.example",
            places.landline(rng),
            (surgery, None, spec.town, places.postcode(rng, spec.streets[1].district)),
        )
    carer = fam.carer
    role = f"Parent ({carer.relationship}), self-referral"
    return _referrer(f"{carer.given} {carer.family}", role, None, None, fam.phone, None)


def _name(rng: random.Random) -> tuple[str, str]:
    return names.any_person_name(rng)


def _ascii(text: str) -> str:
    return names.ascii_fold(text).lower()


def _referrer(
    name: str,
    role: str | None,
    agency: str | None,
    email: str | None,
    phone: str | None,
    address: tuple[str, str | None, str, str] | None,
) -> dict:
    line1, line2, town, postcode = address or (None, None, None, None)
    return dict(
        referrer_name=name,
        referrer_role=role,
        referrer_agency=agency,
        referrer_email=email,
        referrer_phone=phone,
        referrer_address_line1=line1,
        referrer_address_line2=line2,
        referrer_town=town,
        referrer_postcode=postcode,
    )


def consent_giver(fam: FamilyRec) -> str:
    carer = fam.carer
    return f"{carer.given} {carer.family} ({carer.relationship})"


def _consent(rng: random.Random, case: CaseRec) -> dict:
    roll = rng.random()
    if case.outcome in (DecisionOutcome.INFORMATION_ADVICE_GUIDANCE, DecisionOutcome.STEP_UP) and roll < 0.25:
        status = ConsentStatus.REFUSED if roll < 0.12 else ConsentStatus.NOT_SOUGHT
        notes = (
            "Parent declined early help when the access team called."
            if status is ConsentStatus.REFUSED
            else "Safeguarding concern: information shared without consent under the agreement."
        )
        return dict(consent_status=status, consent_given_by=None, consent_date=None, consent_notes=notes)
    return dict(
        consent_status=ConsentStatus.GIVEN,
        consent_given_by=consent_giver(case.family),
        consent_date=case.opened + dt.timedelta(days=rng.randint(0, 3)),
        consent_notes=None,
    )

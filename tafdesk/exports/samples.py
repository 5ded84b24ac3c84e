"""Made-up data for previewing templates and listing their fields. Every
name is invented; they cover the alphabets letters must print."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tafdesk.exports import redaction
from tafdesk.exports.document import Letterhead
from tafdesk.exports.letter_data import ClosureFacts, Contact, LetterFacts, MeetingFacts, MemberFacts, ReviewFacts
from tafdesk.exports.merge_fields import DESCRIPTIONS, RECIPIENT, Common, FieldInfo, values_for
from tafdesk.exports.template_text import Unavailable, Value
from tafdesk.models.enums import ClosureReason, DecisionOutcome, DocumentType

SAMPLE_LETTERHEAD = Letterhead(
    organisation="Ambervale Council",
    department="Early Help Service",
    address=("Civic Centre, Market Street", "Northtown", "NT1 1AA"),
    phone="01632 960000",
    email="earlyhelp@ambervale.example",
    footer="Ambervale Council Early Help Service. This letter may contain personal information: please keep it safe.",
    signatory_name="Siobhán Kavanagh",
    signatory_title="Early Help Locality Manager",
    complaints="Complaints Team, Civic Centre, Market Street, Northtown NT1 1AA, or complaints@ambervale.example",
    privacy_contact="Data Protection Officer, dpo@ambervale.example, 01632 960001",
)

LEAD = Contact(
    "Łukasz Nowak",
    "Family Support Worker",
    "Family Support Service",
    ("Northtown Children's Centre", "Mill Road", "Northtown", "NT2 4HB"),
    "01632 960123",
    "lukasz.nowak@ambervale.example",
)


def sample_facts(outcome: DecisionOutcome = DecisionOutcome.ALLOCATE_LEAD) -> LetterFacts:
    return LetterFacts(
        case_reference="N-2026-0042",
        family_name="Nguyễn",
        family_address=("14 Heron Way", "Northtown", "NT3 9QA"),
        family_phone="07700 900123",
        family_language="Vietnamese",
        interpreter_needed=True,
        members=(
            MemberFacts("Nguyễn Thị Mai", "parent", "mother", "34", True, True),
            MemberFacts("Văn Hùng Nguyễn", "parent", "father", "38", True, True, do_not_write=True),
            MemberFacts("Zoë Nguyễn", "child", "daughter", "9", True, False),
            MemberFacts("Minh Nguyễn", "child", "son", "13", True, False),
        ),
        meeting=MeetingFacts(dt.date(2026, 12, 1), "North", "Northtown Children's Centre"),
        outcome=outcome,
        lead=LEAD,
        manager=Contact("زینب Hussain", "Family Support Team Manager", "Family Support Service"),
        referrer=Contact(
            "Siobhán Byrne",
            "Head of Year 8",
            "Northtown Academy",
            ("Mill Lane", "Northtown", "NT4 2QP"),
            "01632 960777",
            "s.byrne@northtown-academy.example",
        ),
        referral_date=dt.date(2026, 11, 16),
        referral_reason="Minh's attendance has fallen to 68% this term and his mother says she is struggling.",
        needs=(
            "Getting a good education (high): attendance 68% this term.",
            "Improved mental and physical health (medium): mother's low mood.",
        ),
        involvements=("Education Welfare: current, Tomas Okafor",),
        team=("Łukasz Nowak, Family Support Service (lead professional)", "Tomas Okafor, Education Welfare"),
        rationale="Family Support already knows the family through the children's centre.",
        actions=(
            "Visit the family and agree a first TAF meeting: Łukasz Nowak, by 8 December 2026",
            "Share attendance data with the lead professional: Northtown Academy, by 4 December 2026",
        ),
        review=ReviewFacts(
            dt.date(2027, 1, 19),
            2,
            ("Łukasz Nowak, Family Support Service (lead professional)", "Tomas Okafor, Education Welfare"),
        ),
    )


SAMPLE_CLOSURE = ClosureFacts(
    dt.date(2027, 3, 1),
    ClosureReason.NEEDS_MET,
    (("Getting a good education", "met"), ("Improved mental and physical health", "partly met")),
)


def sample_common() -> Common:
    head = SAMPLE_LETTERHEAD
    return Common(dt.date(2026, 12, 2), head, head.signatory_name or "", head.signatory_title)


def sample_view(letter_type: DocumentType):
    outcome = {
        DocumentType.LETTER_STEP_UP: DecisionOutcome.STEP_UP,
        DocumentType.LETTER_STEP_DOWN: DecisionOutcome.STEP_DOWN,
        DocumentType.LETTER_IAG: DecisionOutcome.INFORMATION_ADVICE_GUIDANCE,
    }.get(letter_type, DecisionOutcome.ALLOCATE_LEAD)
    facts = sample_facts(outcome)
    if letter_type in (DocumentType.LETTER_CLOSURE_FAMILY, DocumentType.LETTER_CLOSURE_REFERRER):
        facts = replace(facts, closure=SAMPLE_CLOSURE)
    cut = {
        "family": redaction.for_family,
        "referrer": redaction.for_referrer,
        "professional": redaction.for_professional,
    }[RECIPIENT[letter_type]]
    return cut(facts)


def _sample_text(value: Value) -> str:
    if isinstance(value, Unavailable):  # (no sample lacks a field today)
        return f"cannot be filled: {value.reason}"
    return "; ".join(value) if isinstance(value, tuple) else value


def catalogue(letter_type: DocumentType) -> tuple[FieldInfo, ...]:
    """The fields of a letter type, with what each means and a sample value."""
    values = values_for(letter_type, sample_view(letter_type), sample_common())
    return tuple(
        FieldInfo(name, DESCRIPTIONS[name], _sample_text(v), isinstance(v, tuple)) for name, v in values.items()
    )

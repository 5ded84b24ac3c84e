"""What every letter must carry besides its body: a privacy notice (what is
shared, with whom, why, and the family's rights) and a route for complaints,
worded for its reader; and the letterhead details they and the signature
need. A letterhead without them makes no letter (`letterhead_gaps`)."""

from __future__ import annotations

from tafdesk.exports.document import Block, Heading, Letterhead, Paragraph

REQUIRED = (
    ("signatory_name", "the name of who signs letters"),
    ("signatory_title", "the signatory's job title"),
    ("phone", "a telephone number"),
    ("complaints", "a complaints route"),
    ("privacy_contact", "a privacy (data protection) contact"),
)
ICO = "the Information Commissioner's Office (ico.org.uk, 0303 123 1113)"


class LetterheadGap(ValueError):
    """The letterhead lacks what letters must carry."""

    def __init__(self, gaps: list[str], locality: str | None = None) -> None:
        """`locality`: whose own letterhead it is (None: the council-wide one)."""
        self.gaps = tuple(gaps)
        whose, where = (f"{locality}’s letterhead", f", for {locality}") if locality else ("the letterhead", "")
        super().__init__(
            f"Letters cannot be made until {whose} has {_and(gaps)}: add them under Documents → Letterhead{where}."
        )


def letterhead_gaps(head: Letterhead) -> list[str]:
    return [words for name, words in REQUIRED if not (getattr(head, name) or "").strip()]


def require_complete(head: Letterhead) -> None:
    gaps = letterhead_gaps(head)
    if gaps:
        raise LetterheadGap(gaps)


def notices(recipient: str, head: Letterhead) -> list[Block]:
    """The privacy notice and complaints route for a letter to `recipient`
    ("family", "referrer" or "professional")."""
    shared = _FAMILY if recipient == "family" else _PROFESSIONAL
    return [
        Heading("How we use your information" if recipient == "family" else "Information sharing", 3),
        Paragraph.of(shared.format(org=head.organisation), "small"),
        Paragraph.of(_RIGHTS.format(org=head.organisation, contact=head.privacy_contact, ico=ICO), "small"),
        Heading("If you are unhappy", 3),
        Paragraph.of(_COMPLAINTS[recipient == "family"].format(route=head.complaints, phone=head.phone), "small"),
    ]


_FAMILY = (
    "{org} keeps what you and the services working with your family have told us: your names, ages and address, "
    "and the help your family needs. We share it only with the services at the Case Management Group and in your "
    "Team Around the Family, and only what each needs, so that they can agree the right help with you. We do this "
    "to carry out our public task of providing early help to children and families."
)
_PROFESSIONAL = (
    "This letter holds personal information about a family, shared with you under the local information sharing "
    "agreement because your work with the family needs it. Keep it secure, use it only to help the family and do "
    "not pass it on. {org} shares information about the family only with the services at the Case Management Group "
    "and in the Team Around the Family, to provide early help."
)
_RIGHTS = (
    "Families have the right to see the information {org} holds about them, to have it corrected, to object to how "
    "it is used and to complain to {ico}. Our data protection contact: {contact}."
)
_COMPLAINTS = {
    True: "Please tell your lead professional or call us on {phone}. If we cannot put things right, you can "
    "complain: {route}.",
    False: "If you are unhappy with how this referral was handled, call us on {phone} or complain: {route}.",
}


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

"""Letters: the recipient's address and the letter's particulars, the body
from the letter type's template with its fields merged from the recipient's
view, and the signature.

Which letters a decision calls for, and who may be written to, is decided
in `letter_rules`.
"""

from __future__ import annotations

from collections.abc import Callable

from tafdesk.exports import redaction
from tafdesk.exports.document import AddressBlock, Document, DocumentBuilder, Letterhead, Metadata, SignatureBlock
from tafdesk.exports.letter_data import FamilyView, LetterFacts, ProfessionalView, ReferrerView
from tafdesk.exports.letter_notices import notices, require_complete
from tafdesk.exports.letter_rules import letters_for, refusal  # noqa: F401 (re-exported for the service)
from tafdesk.exports.merge_fields import LETTER_NAMES, RECIPIENT, Common, day, values_for
from tafdesk.exports.template_text import render
from tafdesk.models.enums import DocumentType

RECIPIENT_WORDS = {
    "family": "letters to families",
    "referrer": "letters to referrers",
    "professional": "letters to lead professionals",
}
MARKING = {"family": "PRIVATE AND CONFIDENTIAL", "referrer": "OFFICIAL-SENSITIVE", "professional": "OFFICIAL-SENSITIVE"}


def view_for(letter_type: DocumentType, facts: LetterFacts) -> FamilyView | ReferrerView | ProfessionalView:
    """The recipient's view: the only thing a letter is built from."""
    views: dict[str, Callable[[LetterFacts], FamilyView | ReferrerView | ProfessionalView]] = {
        "family": redaction.for_family,
        "referrer": redaction.for_referrer,
        "professional": redaction.for_professional,
    }
    return views[RECIPIENT[letter_type]](facts)


def recipient_name(letter_type: DocumentType, view: FamilyView | ReferrerView | ProfessionalView) -> str:
    if isinstance(view, FamilyView):
        return " and ".join(view.addressees)
    if isinstance(view, ReferrerView):
        return view.referrer.name
    return view.lead.name


def build_letter(
    letter_type: DocumentType,
    template: str,
    view: FamilyView | ReferrerView | ProfessionalView,
    common: Common,
    letterhead: Letterhead,
) -> Document:
    """The letter. Raises TemplateError if the template asks for a field this
    letter type does not have, LetterheadGap if the letterhead lacks what
    every letter carries (signatory, telephone, complaints, privacy contact)."""
    require_complete(letterhead)
    recipient = RECIPIENT[letter_type]
    values = values_for(letter_type, view, common)
    body = render(template, values, RECIPIENT_WORDS[recipient])
    doc = DocumentBuilder()
    doc.add(AddressBlock(_address(view), _particulars(view, common, letterhead)))
    doc.blocks.extend(body)
    copies: tuple[str, ...] = ()
    if isinstance(view, ProfessionalView) and view.manager:
        copies = (
            f"Copy to: {view.manager.name}, {view.manager.job_title or 'manager'}, "
            f"{view.manager.organisation or view.lead.organisation or ''}".rstrip(", "),
        )
    doc.add(
        SignatureBlock(
            "Yours sincerely", common.signatory_name, common.signatory_title, letterhead.organisation, copies
        )
    )
    doc.blocks.extend(notices(recipient, letterhead))
    title = f"{LETTER_NAMES[letter_type]}: {view.case_reference}"
    metadata = Metadata(
        title=title,
        author=letterhead.organisation,
        subject=LETTER_NAMES[letter_type],
        keywords=(view.case_reference, letter_type.value),
    )
    return doc.build(metadata, letterhead, MARKING[recipient])


def _address(view: FamilyView | ReferrerView | ProfessionalView) -> tuple[str, ...]:
    if isinstance(view, FamilyView):
        names = view.addressees
        first = names[0] if len(names) == 1 else " and ".join(names)
        return (first, *view.address)
    if isinstance(view, ReferrerView):
        return view.referrer.address_block()
    return view.lead.address_block()


def _particulars(
    view: FamilyView | ReferrerView | ProfessionalView, common: Common, letterhead: Letterhead
) -> tuple[tuple[str, str], ...]:
    rows = [("Our reference", view.case_reference), ("Date", day(common.today))]
    if letterhead.phone:
        rows.append(("Telephone", letterhead.phone))
    return tuple(rows)

"""What each kind of audit event says in words, for the audit trail's
readers: "Viewed the TAF plan", "Produced the allocation letter". A
document's type fills {document}; an action not listed here (added later)
reads as its own name."""

from __future__ import annotations

from tafdesk.models.enums import DocumentType
from tafdesk.services.document_register import TYPE_WORDS

WORDS = {
    # Looking (services/views.py)
    "case.summary_viewed": "Viewed the family's summary",
    "case.summary_viewed_restricted": "Viewed the family's summary, restricted items included",
    "profile.viewed": "Opened the 360° profile to correct it",
    "profile.viewed_restricted": "Opened the 360° profile to correct it, restricted items included",
    "plan.viewed": "Viewed the TAF plan",
    "document.opened": "Opened {document}",
    "document.printed": "Printed {document}",
    # Documents
    "document.produced": "Produced {document}",
    "document.sent": "Marked {document} as sent",
    "document.not_sent": "Marked {document} as not sent",
    # Intake and the front door
    "profile.imported": "Imported the 360° profile",
    "profile.corrected": "Corrected the 360° profile",
    "profile.amendment_received": "Received an amended 360° profile",
    "profile.amended": "Took the amended 360° profile",
    "profile.amendment_rejected": "Rejected the amended 360° profile",
    "match.confirmed": "Confirmed the family match",
    "match.rejected": "Rejected the family match",
    "match.linked_by_hand": "Linked the profile to a known family by hand",
    "family.record_corrected": "Corrected the family's address and household",
    "family.record_updated": "Updated the family's record from a newer profile",
    "case.sent_to_meeting": "Sent the family to a meeting",
    "case.advice_given": "Closed with information, advice and guidance",
    "case.stepped_up": "Stepped up",
    "case.stepped_down": "Stepped down",
    "case.consent_overridden": "Overrode the consent block",
    "case.taken_off_agenda": "Took the family off a meeting's agenda",
    "case.names_sensitive_agencies": "Changed whether letters home name sensitive services",
    "person.do_not_write": "Changed who is not written to",
    "referral.self_referral": "Changed who referred themselves",
    "restricted_item.shared": "Shared a restricted item",
    "restricted_item.share_withdrawn": "Withdrew a restricted item's share",
    "restricted_wording.marked": "Marked wording restricted",
    "restricted_wording.unmarked": "Unmarked restricted wording",
    # Meetings
    "meeting.agenda_built": "Built the meeting's agenda",
    "meeting.item_removed": "Took a family off the agenda",
    "meeting.agenda_reordered": "Reordered the agenda",
    "meeting.attendance": "Recorded attendance",
    "meeting.candidates_widened": "Considered an agency not at the table",
    "meeting.candidates_narrowed": "Stopped considering an agency not at the table",
    "meeting.closed": "Closed the meeting",
    "meeting.reopened": "Reopened the meeting",
    "decision.recorded": "Recorded the meeting's decision",
    "decision.withdrawn": "Withdrew the meeting's decision",
    "minutes.record": "Recorded the minutes' details",
    "minutes.reworded": "Reworded the minutes",
    "minutes.notes": "Changed the minutes' notes",
    # TAF plans
    "plan.started": "Started the TAF plan",
    "plan.agreed": "Agreed the TAF plan",
    "plan.revised": "Began a revision of the TAF plan",
    "plan.reviewed": "Recorded a TAF review",
    "plan.closed": "Closed the TAF plan",
    "case.closure_proposed": "Proposed closing the case",
    "case.closure_approved": "Approved closing the case (the plan and the case closed)",
    "case.closure_returned": "Returned a proposal to close the case",
    "case.reopened": "Reopened the case",
    "outcome.evidenced": "Recorded evidence of an outcome",
    # Running tafdesk
    "user.created": "Added the user",
    "user.enabled": "Enabled the user",
    "user.disabled": "Disabled the user",
    "user.password_changed": "Gave the user a new password",
    "user.role_changed": "Changed the user's role",
    "user.sign_in_failed": "A sign-in failed",
    "user.locked": "Locked the account after failed sign-ins",
    "setting.changed": "Changed a shared setting",
    "database.backed_up": "Backed up the database to a file",
    "letterhead.changed": "Changed the letterhead",
    "letterhead.reset": "Set a locality's letterhead to follow the council's",
    "template.saved": "Saved a letter template",
    "template.reset": "Went back to the shipped letter template",
    "agency.created": "Added the agency",
    "agency.updated": "Changed the agency",
    "agency.deleted": "Removed the agency",
    "professional.created": "Added the professional",
    "professional.updated": "Changed the professional",
    "professional.deleted": "Removed the professional",
}


def action_words(action: str, doc_type: str | None = None) -> str:
    """The action in words; a document named by its type when it is known."""
    words = WORDS.get(action)
    if words is None:
        return action.replace(".", ": ", 1).replace("_", " ").capitalize()
    return words.format(document=_document(doc_type))


def _document(doc_type: str | None) -> str:
    """ "the allocation letter", "the TAF plan", "the minutes (full)"."""
    try:
        words = TYPE_WORDS[DocumentType(doc_type or "")]
    except ValueError:  # none, or a type this version does not know
        return "a document"
    return "the " + (words if words[:2].isupper() else words[0].lower() + words[1:])

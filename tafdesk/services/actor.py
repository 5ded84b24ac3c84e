"""Who is acting, and what their role allows."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass

from tafdesk.models.enums import Role
from tafdesk.services.errors import PermissionDenied


class Permission(enum.Enum):
    VIEW_DIRECTORY = "view the directory"
    EDIT_DIRECTORY = "edit the directory"
    MANAGE_USERS = "manage users"
    MANAGE_SETTINGS = "change settings shared by everyone"
    VIEW_INTAKE = "view the intake queue"
    IMPORT_PROFILES = "import or correct 360° profiles"
    CORRECT_FAMILY_RECORD = "correct a family's address and household"
    CONFIRM_MATCHES = "confirm or reject family matches, or link a profile to a family by hand"
    SEND_TO_MEETING = "add a family to a meeting's agenda"
    DECIDE_FRONT_DOOR = "make front-door decisions"
    OVERRIDE_CONSENT = "override a consent block"
    MANAGE_MEETINGS = "schedule meetings and keep their agenda and attendance"
    CHAIR_MEETING = "record, undo and close meeting decisions"
    EDIT_MINUTES = "edit the wording of minutes"
    VIEW_PLANS = "see TAF plans"
    EDIT_PLANS = "draft, agree and review TAF plans"
    APPROVE_CLOSURE = "approve or return the closing of a case"
    DECIDE_HELD_OFFLINE = "apply or discard offline changes held when their maker's access was withdrawn"
    READ_CASE_NOTES = "read the case notes of a family"
    WRITE_CASE_NOTES = "record case notes"
    RECORD_CONSENT = "record or withdraw a family's consent to share information"
    RECORD_ASSESSMENTS = "record Early Help Assessments"
    CODE_ETHNICITY = "choose the DfE ethnicity code where the wording held is unclear"
    PRODUCE_DOCUMENTS = "produce minutes, letters and plans as documents, and see the register of them"
    # A lead professional writes to their own families (offline too), without
    # the register, minutes and meeting packs that PRODUCE_DOCUMENTS opens.
    PRODUCE_FAMILY_LETTERS = "make a family's letter and their review invitation"
    EDIT_TEMPLATES = "edit letter templates and the letterhead"
    VIEW_PROFILES = "see families' 360° profiles"
    SHARE_RESTRICTED = "share a restricted item with a member of the Team Around the Family"
    VIEW_CASELOADS = "see the caseloads of every agency and worker"
    # The Reports page and `tafdesk report`: figures of whole localities and
    # the families behind each (services/reports/).
    VIEW_REPORTS = "see the reports' figures and the families behind them"
    READ_AUDIT = "read the audit trail"
    # Both read every family's records, which no other permission allows:
    # administrators alone, and on PostgreSQL through the owner's connection.
    APPLY_RETENTION = "see what the retention schedule makes due, and anonymise or delete it"
    SUBJECT_ACCESS = "gather everything held about a person for a subject access request"
    # A copy of the whole database file (every family's records): administrators alone.
    BACK_UP = "copy the whole database to a backup file"
    VERIFY_AUDIT = "verify the audit trail"
    # Child-level data on every family of a locality, for Ofsted: the
    # localities' managers, who answer for the return (issue 13's matrix).
    MAKE_ANNEX_A = "make Ofsted's Annex A early help list"


# Least privilege: each role has only what its work needs. Which records it
# may do it to (localities, a lead professional's own cases) is the services'
# need-to-know check (services/scope.py). Administrators run tafdesk (users,
# settings, templates) and do not read case content.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(
        {
            Permission.VIEW_DIRECTORY,
            Permission.EDIT_DIRECTORY,
            Permission.MANAGE_USERS,
            Permission.MANAGE_SETTINGS,
            Permission.EDIT_TEMPLATES,
            Permission.VIEW_CASELOADS,
            Permission.READ_AUDIT,
            Permission.VERIFY_AUDIT,
            Permission.APPLY_RETENTION,
            Permission.SUBJECT_ACCESS,
            Permission.BACK_UP,
        }
    ),
    Role.LOCALITY_MANAGER: frozenset(
        {
            Permission.VIEW_DIRECTORY,
            Permission.EDIT_DIRECTORY,
            Permission.VIEW_INTAKE,
            Permission.IMPORT_PROFILES,
            Permission.CONFIRM_MATCHES,
            Permission.SEND_TO_MEETING,
            Permission.DECIDE_FRONT_DOOR,
            Permission.OVERRIDE_CONSENT,
            Permission.MANAGE_MEETINGS,
            Permission.CHAIR_MEETING,
            Permission.EDIT_MINUTES,
            Permission.VIEW_PLANS,
            Permission.EDIT_PLANS,
            Permission.APPROVE_CLOSURE,
            Permission.DECIDE_HELD_OFFLINE,
            Permission.READ_CASE_NOTES,
            Permission.PRODUCE_DOCUMENTS,
            Permission.PRODUCE_FAMILY_LETTERS,
            Permission.EDIT_TEMPLATES,
            Permission.CORRECT_FAMILY_RECORD,
            Permission.RECORD_CONSENT,
            Permission.RECORD_ASSESSMENTS,
            Permission.CODE_ETHNICITY,
            Permission.VIEW_PROFILES,
            Permission.SHARE_RESTRICTED,
            Permission.VIEW_CASELOADS,
            Permission.VIEW_REPORTS,
            Permission.MAKE_ANNEX_A,
        }
    ),
    Role.BUSINESS_SUPPORT: frozenset(
        {
            Permission.VIEW_DIRECTORY,
            Permission.EDIT_DIRECTORY,
            Permission.VIEW_INTAKE,
            Permission.IMPORT_PROFILES,
            Permission.CONFIRM_MATCHES,
            Permission.SEND_TO_MEETING,
            Permission.MANAGE_MEETINGS,
            Permission.EDIT_MINUTES,
            Permission.VIEW_PLANS,
            Permission.PRODUCE_DOCUMENTS,
            Permission.PRODUCE_FAMILY_LETTERS,
            Permission.EDIT_TEMPLATES,
            Permission.CORRECT_FAMILY_RECORD,
            Permission.RECORD_CONSENT,
            Permission.RECORD_ASSESSMENTS,
            Permission.CODE_ETHNICITY,
            Permission.VIEW_PROFILES,
            Permission.VIEW_CASELOADS,
            Permission.VIEW_REPORTS,
        }
    ),
    # A lead professional sees and edits only the plans and profiles of families they lead or support.
    Role.LEAD_PROFESSIONAL: frozenset(
        {
            Permission.VIEW_DIRECTORY,
            Permission.VIEW_PLANS,
            Permission.EDIT_PLANS,
            Permission.VIEW_PROFILES,
            Permission.READ_CASE_NOTES,
            Permission.WRITE_CASE_NOTES,
            Permission.RECORD_CONSENT,
            Permission.RECORD_ASSESSMENTS,
            Permission.PRODUCE_FAMILY_LETTERS,
        }
    ),
}

ROLE_WORDS = {
    Role.ADMIN: "administrator",
    Role.LOCALITY_MANAGER: "locality manager",
    Role.BUSINESS_SUPPORT: "business support",
    Role.LEAD_PROFESSIONAL: "lead professional",
}


@dataclass(frozen=True)
class Actor:
    """The signed-in user, as the services see them."""

    user_id: uuid.UUID | None
    name: str
    role: Role
    professional_id: uuid.UUID | None = None  # a lead professional's own directory entry
    # The localities a manager or business support officer works in; None: every
    # locality (tafdesk itself, acting for no one).
    localities: frozenset[uuid.UUID] | None = frozenset()
    username: str | None = None  # who signed in (lower case): their login role on PostgreSQL
    # tafdesk acting for itself (the demo, migrations): every permission,
    # whatever its role's, so narrowing a role never stops tafdesk's own work.
    is_system: bool = False

    def can(self, permission: Permission) -> bool:
        return self.is_system or permission in ROLE_PERMISSIONS[self.role]

    @property
    def who(self) -> str:
        """How a refusal names them: 'Sam Lee (lead professional)'."""
        return f"{self.name} ({ROLE_WORDS[self.role]})"

    def works_in(self, locality_id: uuid.UUID | None) -> bool:
        return self.localities is None or locality_id in self.localities

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(f"{self.who} may not {permission.value}.")


SYSTEM = Actor(user_id=None, name="tafdesk (system)", role=Role.ADMIN, localities=None, is_system=True)

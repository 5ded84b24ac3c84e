"""The columns of the profile form's tables: members, needs, agency
involvement and risks, each a list in the profile360-v1 contract."""

from __future__ import annotations

from tafdesk.models.enums import Gender, InvolvementStatus, Level, MemberRole, NeedArea
from tafdesk.ui.intake.labels import GENDER_LABELS, INVOLVEMENT_LABELS, LEVEL_LABELS, MEMBER_ROLE_LABELS
from tafdesk.ui.intake.rows_editor import Column, RowsEditor
from tafdesk.ui.labels import NEED_AREA_SHORT

_LEVELS = [(LEVEL_LABELS[level], level.value) for level in Level]


def next_member_id(editor: RowsEditor) -> str:
    used = {item.get("member_id") for item in editor.rows()}
    return next(f"m{n}" for n in range(1, 1000) if f"m{n}" not in used)


MEMBER_COLUMNS = (
    Column(
        "member_id", "Id", "required", width=5, tip="Short and unique: needs, risks and agencies refer to members by it"
    ),
    Column("first_name", "First name", "required", width=12),
    Column("last_name", "Last name", "required", width=12),
    Column("role", "Role", "choice", [(MEMBER_ROLE_LABELS[r], r.value) for r in MemberRole], width=13),
    Column("relationship", "Relationship", width=11),
    Column("date_of_birth", "Date of birth", "date", width=11, tip="dd/mm/yyyy"),
    Column(
        "expected_date", "Expected", "date", width=10, tip="For an unborn child: the date the baby is due, dd/mm/yyyy"
    ),
    Column(
        "gender", "Gender", "choice", [("Not recorded", None)] + [(GENDER_LABELS[g], g.value) for g in Gender], width=12
    ),
    Column("lives_in_household", "At home", "check", default=True, width=7, tip="Lives in the household"),
    Column("school_or_setting", "School or setting", width=16),
)
NEED_COLUMNS = (
    Column("area", "Area", "choice", [(NEED_AREA_SHORT[a], a.value) for a in NeedArea], width=17),
    Column("level", "Level", "choice", _LEVELS, width=12),
    Column("summary", "Summary", "required", width=34, stretch=True),
    Column("members", "Members", "ids", width=10, tip="Member ids, separated by commas"),
)
INVOLVEMENT_COLUMNS = (
    Column("agency", "Agency", "required", width=26),
    Column("status", "Status", "choice", [(INVOLVEMENT_LABELS[s], s.value) for s in InvolvementStatus], width=14),
    Column("worker", "Worker", width=14),
    Column("summary", "Summary", width=26, stretch=True),
    Column(
        "restricted",
        "Restricted",
        "check",
        default=False,
        width=9,
        tip="Shared for the LCMG only: never in letters or circulated minutes",
    ),
)
RISK_COLUMNS = (
    Column("summary", "Summary", "required", width=40, stretch=True),
    Column("level", "Level", "choice", _LEVELS, width=12),
    Column("members", "Members", "ids", width=10, tip="Member ids, separated by commas"),
)

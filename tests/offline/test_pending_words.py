"""What a copy holds for a case that the server has not had, in words: the
offline status and the changes held for a manager name what changed."""

from __future__ import annotations

import uuid

from tafdesk.offline.copying import differences
from tafdesk.offline.graph import CaseRows


def rows(**tables) -> CaseRows:
    return CaseRows(uuid.UUID(int=1), {name: [dict(r) for r in found] for name, found in tables.items()})


PLAN = {"id": uuid.UUID(int=10), "voice_of_child": "Before.", "version": 3}
ACTIONS = [{"id": uuid.UUID(int=20 + n), "plan_id": PLAN["id"], "description": f"Action {n}"} for n in range(3)]


def test_nothing_changed_is_nothing_to_send():
    base = rows(taf_plan=[PLAN], taf_action=ACTIONS)
    found = differences(base, rows(taf_plan=[{**PLAN, "version": 4}], taf_action=ACTIONS))  # the database's own
    assert not found.any and found.words() == "nothing to send"


def test_the_plan_the_actions_and_notes_are_named():
    base = rows(taf_plan=[PLAN], taf_action=ACTIONS, case_note=[])
    mine = rows(
        taf_plan=[{**PLAN, "voice_of_child": "After."}],
        taf_action=[  # two changed, the third removed, one added
            {**ACTIONS[0], "description": "Changed"},
            {**ACTIONS[1], "description": "Also"},
            {"id": uuid.UUID(int=99), "plan_id": PLAN["id"], "description": "New"},
        ],
        case_note=[{"id": uuid.UUID(int=50)}],
    )
    assert differences(base, mine).words() == (
        "the plan changed, 1 action added, 2 actions changed, 1 action removed, 1 note added"
    )


def test_a_review_recorded_offline_is_its_review_and_the_version_it_made():
    base = rows(taf_plan=[PLAN], taf_action=ACTIONS, taf_review=[])
    made = {**PLAN, "id": uuid.UUID(int=11), "voice_of_child": "Before."}
    copies = [{**a, "id": uuid.UUID(int=30 + n), "plan_id": made["id"]} for n, a in enumerate(ACTIONS)]
    review = {"id": uuid.UUID(int=40), "plan_id": PLAN["id"]}
    mine = rows(taf_plan=[PLAN, made], taf_action=ACTIONS + copies, taf_review=[review])
    assert differences(base, mine).words() == "1 plan version added, 1 review added"

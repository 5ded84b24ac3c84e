"""Every key of the Meetings area and meeting mode, in one table: meeting
mode makes its actions from it, the hint bar and Help → Meeting shortcuts
say what it says. Plain Python: no Qt here.

A key with a name is a window action of meeting mode (its slot is meeting
mode's); one without is handled where it is pressed (a list, a table, the
attendance form), and is here so that the hints and the help page say it.
"""

from __future__ import annotations

from dataclasses import dataclass

AREA = "Meetings area"
MOVING = "Moving round meeting mode"
DECIDING = "Deciding"
VIEWS = "Views"


@dataclass(frozen=True)
class Key:
    keys: tuple[str, ...]  # as QKeySequence reads them; the first is the one shown
    says: str  # what the help page says it does
    group: str
    name: str | None = None  # meeting mode's action; None: handled where it is pressed
    hint: str = ""  # the few words the hint bar gives it
    shown: str = ""  # how the help page writes the keys, where not "A / B"

    def written(self) -> str:
        return self.shown or " / ".join(self.keys)


OUTCOME_KEYS = tuple(f"Alt+{n}" for n in range(1, 8))

KEYS: tuple[Key, ...] = (
    Key(("F11",), "Start meeting mode for the chosen meeting", AREA),
    Key(("Alt+Up", "Alt+Down"), "Move the chosen family up or down the agenda (undoable)", AREA),
    Key(("P", "A", "D"), "In the attendance list: present, apologies, deputy (then type the name)", AREA),
    Key(("Enter",), "In the attendance list: type who came; Enter again records it", AREA),
    Key(("Ctrl+1", "Alt+G"), "The agenda: Up and Down choose the family", MOVING, "agenda"),
    Key(("Ctrl+2",), "The agency round: Up and Down choose an agency", MOVING, "round"),
    Key(("Ctrl+3",), "The chosen agency's professionals", MOVING, "people"),
    Key(("Ctrl+4",), "The decision: outcome, rationale, actions", MOVING, "decide", "the decision"),
    Key(("Ctrl+PgDown", "Ctrl+PgUp"), "Next or previous family", MOVING, shown="Ctrl+PgDown / Ctrl+PgUp"),
    Key(("Ctrl+PgDown",), "", MOVING, "next", "next family"),
    Key(("Ctrl+PgUp",), "", MOVING, "previous"),
    Key(("Enter",), "Agenda: start the agency round. Round: go to its professionals", MOVING),
    Key(("Esc",), "Back from the professionals to the round, and from the round to the agenda", MOVING),
    Key(("Enter",), "On a professional: make them the lead (over capacity asks for a reason)", DECIDING),
    Key(("Space",), "On a professional or an agency: add to or take off the Team Around the Family", DECIDING),
    Key(
        OUTCOME_KEYS,
        "Choose the outcome: allocate, multi-agency plan, Working Together Meeting, step up, "
        "step down, advice and guidance, defer",
        DECIDING,
        hint="outcome",
        shown="Alt+1 … Alt+7",
    ),
    Key(
        ("Alt+1", "Alt+2", "Alt+3"),
        "On a request to the group: approve, decline or defer it (then the rationale, and for a deferral the date)",
        DECIDING,
        shown="Alt+1 … Alt+3",
    ),
    Key(("Alt+R",), "Rationale", DECIDING, hint="rationale"),
    Key(("Alt+A",), "Add an action (owner and date)", DECIDING, "add_action", "add action"),
    Key(
        ("Ctrl+Shift+M",),
        "In the rationale, an action or its owner: mark the selected words (or, with none "
        "selected, all of it) restricted: letters and the circulation minutes withhold them",
        DECIDING,
    ),
    Key(
        ("Ctrl+Return", "Ctrl+Enter"),
        "Confirm the decision: it is saved at once",
        DECIDING,
        "confirm",
        "confirm",
        "Ctrl+Enter",
    ),
    Key(
        ("Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y"),
        "Undo or redo a decision, until the meeting is closed",
        DECIDING,
        hint="undo",
        shown="Ctrl+Z / Ctrl+Shift+Z",
    ),
    Key(("Ctrl+Shift+C",), "Close the meeting: its decisions become final (the chair)", DECIDING, "close_meeting"),
    Key(("Ctrl+Shift+R",), "Reopen a closed meeting, giving the reason (the chair)", DECIDING, "reopen_meeting"),
    Key(
        ("Ctrl+P",),
        "The proposal for the whole agenda: Enter takes it for the chosen family into the decision, "
        "to confirm with Ctrl+Enter",
        VIEWS,
        "proposal_tab",
        "proposal",
    ),
    Key(
        ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"),
        "Accept the proposal for every family still to decide (asks first; Enter records them)",
        VIEWS,
        "accept_all",
        "accept for all",
        "Ctrl+Shift+Enter",
    ),
    Key(("Ctrl+B",), "Agency balance: the start of the meeting beside now", VIEWS, "balance_tab"),
    Key(("Ctrl+M",), "The minutes as they build", VIEWS, "minutes_tab"),
    Key(("Ctrl+D",), "Back to the decision", VIEWS, "decision_tab", "back to the decision"),
    Key(("Ctrl+I",), "The family's full case summary", VIEWS, "profile"),
    Key(
        ("Ctrl+Shift+L",),
        "Who the family's letters go to; the chair may let them name sensitive services",
        VIEWS,
        "who_letters_go_to",
    ),
    Key(
        ("Ctrl+Shift+S",),
        "Share a restricted item with a member of the family's team, or withdraw it (the chair)",
        VIEWS,
        "share_restricted_information",
    ),
    Key(("Ctrl+Shift+A",), "Attendance", VIEWS, "attendance"),
    Key(
        ("Ctrl+0",),
        "The matters arising: the actions agreed earlier and due, reviewed one by one "
        "(done, not done or carried forward, with a note)",
        VIEWS,
        "matters_arising",
    ),
    Key(
        ("Ctrl+Shift+O",),
        "The family's case page: its summary, chronology, notes, actions and plan, in a window of its own",
        VIEWS,
        "case_page",
    ),
    Key(
        ("Ctrl+Shift+W",),
        "Consider an agency not at the table, with the reason (the chair)",
        VIEWS,
        "consider_an_agency_not_at_the_table",
    ),
    Key(
        ("F7", "Ctrl+Shift+P"),
        "The projector view for the room's screen: the family, progress and decision, "
        "never restricted information (again, or Esc on it, closes it)",
        VIEWS,
        "projector_view",
        "projector view",
    ),
    Key(("F11",), "Full screen on or off", VIEWS, "full_screen"),
    Key(("Ctrl+W",), "Leave meeting mode (everything confirmed is already saved)", VIEWS, "leave"),
    Key(("F1",), "These shortcuts", VIEWS, "help", "all keys"),
)

GROUPS = (AREA, MOVING, DECIDING, VIEWS)


def action_keys() -> dict[str, tuple[str, ...]]:
    """Meeting mode's actions and their keys (the outcomes' come from OUTCOME_KEYS)."""
    return {k.name: k.keys for k in KEYS if k.name}


def help_rows(group: str) -> list[tuple[str, str]]:
    """(keys as written, what they do) for the help page, in order."""
    return [(k.written(), k.says) for k in KEYS if k.group == group and k.says]


def hint(*parts: str) -> str:
    """The hint bar's line: each part an action's name ("confirm"), a hint
    word of a key without one ("outcome"), or plain words ("↑ ↓ choose")."""
    by_name = {k.name or k.hint: k for k in KEYS if k.hint}
    said = []
    for part in parts:
        key = by_name.get(part)
        said.append(f"{_short(key)} {key.hint}" if key else part)
    return " · ".join(said)


def _short(key: Key) -> str:
    if key.keys == OUTCOME_KEYS:
        return "Alt+1…7"
    return key.shown if key.keys[0].endswith("Return") else key.keys[0]

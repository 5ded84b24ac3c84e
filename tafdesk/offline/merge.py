"""Three-way merge, field by field and item by item: base (as taken), mine
(the offline copy now) and theirs (the server now).

A field only one side changed takes that side's value; both changed to the
same value is no conflict; both changed to different values is. Items of a
list (actions, outcomes) are matched by identity: added on either side, kept;
removed on one side and untouched on the other, removed; removed on one side
and edited on the other, a conflict. A conflict is settled by `choose`
("mine", "theirs", or {"edit": text}: a value written instead, for a text
field), or left open (None): then nothing of the case is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]
REMOVED = "(removed)"  # the field of a conflict between a removal and an edit


@dataclass(frozen=True)
class Conflict:
    where: str  # "plan", "outcome", "action"
    key: str  # the item's identity ("plan" for the plan's own fields)
    field: str  # the field, or REMOVED
    label: str  # what a person calls the item: the action's description
    base: Any
    mine: Any
    theirs: Any
    theirs_changed_at: Any = None
    mine_changed_at: Any = None  # the copy's row as last saved offline
    theirs_id: Any = None  # the server's row (its audit events name who changed it)
    theirs_changed_by: str | None = None  # from the server's audit trail, where it is readable
    mine_changed_by: str | None = None  # the copy's taker

    @property
    def name(self) -> str:
        """How a resolution file names it: where/key/field."""
        return f"{self.where}/{self.key}/{self.field}"

    @property
    def editable(self) -> bool:
        """A text field: another value may be written instead of either."""
        values = (self.mine, self.theirs)
        return self.field != REMOVED and all(v is None or type(v) is str for v in values) and any(values)


Choice = str | dict[str, str]  # "mine", "theirs" or {"edit": text}
Choose = Callable[[Conflict], Choice | None]


def kept(found: Conflict, side: Choice) -> Any:
    """The value a settled conflict keeps."""
    if isinstance(side, dict):
        return side["edit"]
    return found.mine if side == "mine" else found.theirs


def valid(found: Conflict, side: Choice | None) -> Choice | None:
    """The choice, or None (left open) where it cannot settle this conflict."""
    if isinstance(side, dict):
        return side if found.editable and isinstance(side.get("edit"), str) else None
    return side if side in ("mine", "theirs") else None


@dataclass
class Merged:
    rows: dict[str, Row] = field(default_factory=dict)
    open: list[Conflict] = field(default_factory=list)  # not settled: the case waits
    settled: list[tuple[Conflict, Choice]] = field(default_factory=list)  # with the side chosen


def merge_fields(
    base: Row,
    mine: Row,
    theirs: Row,
    fields: Iterable[str],
    conflict: Callable[..., Conflict],
    choose: Choose,
    out: Merged,
) -> Row:
    """Theirs, with mine's changes where theirs left the field as it was."""
    merged = dict(theirs)
    for name in fields:
        b, m, t = base.get(name), mine.get(name), theirs.get(name)
        if m in (b, t):
            continue
        if t == b:
            merged[name] = m
            continue
        found = conflict(name, b, m, t)
        side = valid(found, choose(found))
        if side is None:
            out.open.append(found)
        else:
            out.settled.append((found, side))
            merged[name] = kept(found, side)
    return merged


def merge_items(
    where: str,
    base: dict[str, Row],
    mine: dict[str, Row],
    theirs: dict[str, Row],
    fields: tuple[str, ...],
    choose: Choose,
    label: Callable[[Row], str],
    out: Merged,
) -> dict[str, Row]:
    """The merged list, by identity (the dicts' keys)."""
    result: dict[str, Row] = {}
    for key in sorted(base.keys() | mine.keys() | theirs.keys()):
        b, m, t = base.get(key), mine.get(key), theirs.get(key)

        def conflict(name, bv, mv, tv, key=key, row=m or t or b, m=m or {}, t=t or {}):
            return Conflict(
                where, key, name, label(row), bv, mv, tv, t.get("updated_at"), m.get("updated_at"), t.get("id")
            )

        if m is not None and t is not None:
            result[key] = merge_fields(b or {}, m, t, fields, conflict, choose, out)
        elif b is None:
            added = m if m is not None else t
            assert added is not None  # added on one side
            result[key] = added
        elif m is None and t is None:
            continue  # removed on both
        else:
            kept = m if m is not None else t
            assert kept is not None
            if _same(kept, b, fields):
                continue  # removed on one side, left alone on the other
            removed_by_me = m is None
            found = conflict(
                REMOVED, "kept", "removed" if removed_by_me else "edited", "edited" if removed_by_me else "removed"
            )
            side = valid(found, choose(found))
            if side is None:
                out.open.append(found)
                continue
            out.settled.append((found, side))
            if (side == "mine") != removed_by_me:
                result[key] = kept
    return result


def _same(a: Row, b: Row, fields: tuple[str, ...]) -> bool:
    return all(a.get(f) == b.get(f) for f in fields)

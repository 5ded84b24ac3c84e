"""What the signed-in user may do with meetings. Plain Python: no Qt here."""

from __future__ import annotations

from dataclasses import dataclass

from tafdesk.services.actor import Actor, Permission


@dataclass(frozen=True)
class MeetingRights:
    manage: bool  # schedule, agenda, attendance
    chair: bool  # record, undo and close decisions; reopen
    edit_minutes: bool
    share: bool = False  # share a restricted item with a member of the team

    @classmethod
    def of(cls, actor: Actor) -> MeetingRights:
        return cls(
            actor.can(Permission.MANAGE_MEETINGS),
            actor.can(Permission.CHAIR_MEETING),
            actor.can(Permission.EDIT_MINUTES),
            actor.can(Permission.SHARE_RESTRICTED),
        )

    @classmethod
    def everything(cls) -> MeetingRights:
        return cls(True, True, True, True)

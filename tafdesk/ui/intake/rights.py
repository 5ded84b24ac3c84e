"""What the signed-in user may do in the Intake area, and who may do what
they may not, for the tooltips of the actions they cannot take."""

from __future__ import annotations

from dataclasses import dataclass

from tafdesk.models.enums import Role
from tafdesk.services.actor import ROLE_PERMISSIONS, Actor, Permission

# How a sentence names people in each role, in the order they are named.
_WHO = {
    Role.LOCALITY_MANAGER: "a locality manager",
    Role.BUSINESS_SUPPORT: "business support",
    Role.LEAD_PROFESSIONAL: "a lead professional",
    Role.ADMIN: "an administrator",
}


@dataclass(frozen=True)
class IntakeRights:
    allowed: frozenset[Permission]

    @classmethod
    def of(cls, actor: Actor) -> IntakeRights:
        return cls(frozenset(permission for permission in Permission if actor.can(permission)))

    @classmethod
    def everything(cls) -> IntakeRights:
        return cls(frozenset(Permission))

    def can(self, permission: Permission) -> bool:
        return permission in self.allowed

    def why_not(self, permission: Permission) -> str:
        """'Only a locality manager or an administrator may make front-door decisions.'"""
        return f"Only {who_may(permission)} may {permission.value}."


def who_may(permission: Permission) -> str:
    """'a locality manager, business support or an administrator'."""
    names = [name for role, name in _WHO.items() if permission in ROLE_PERMISSIONS[role]]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"

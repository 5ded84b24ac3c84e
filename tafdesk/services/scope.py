"""Need-to-know: on which records an actor may do what their role allows.

A role's permissions say what kind of work someone does (services/actor.py);
this says whose: locality managers and business support work in their own
localities, a lead professional on the cases they lead or support, tafdesk
itself (localities None) everywhere. Lists filter with the SQL conditions
here and simply leave out the rest; a single record asked for by id is
checked with the `require_…` functions, which refuse in a sentence that
names who, what and why. Every service uses these, not checks of its own.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, SQLColumnExpression, false, select, true

from tafdesk import models  # the mapped classes load on first use
from tafdesk.models.enums import Role
from tafdesk.services.actor import Actor
from tafdesk.services.errors import NotFound, PermissionDenied
from tafdesk.services.lookup import existing

if TYPE_CHECKING:  # the ORM stays off the start-up path (the Directory's first read needs none of it)
    from sqlalchemy.orm import QueryableAttribute, Session


def everywhere(actor: Actor) -> bool:
    """tafdesk acting for itself, or someone whose localities are every locality."""
    return actor.localities is None


def by_own_cases(actor: Actor) -> bool:
    """A lead professional: scoped by the cases they lead or support, not by locality."""
    return actor.role is Role.LEAD_PROFESSIONAL and not everywhere(actor)


# -- SQL conditions, for lists ----------------------------------------------------------


def in_localities(
    actor: Actor, column: SQLColumnExpression[uuid.UUID] | QueryableAttribute[uuid.UUID]
) -> ColumnElement[bool]:
    """`column` (a locality id) is one of the actor's localities."""
    if everywhere(actor):
        return true()
    return column.in_(sorted(actor.localities)) if actor.localities else false()


def own_case_ids(actor: Actor):
    """The cases a lead professional leads or supports."""
    case, supporter = models.Case, models.CaseSupporter
    led = select(case.id).where(case.lead_professional_id == actor.professional_id)
    return led.union(select(supporter.case_id).where(supporter.professional_id == actor.professional_id))


def case_rows(actor: Actor) -> ColumnElement[bool]:
    """The condition on case_record that keeps the actor's cases."""
    if by_own_cases(actor):
        return models.Case.id.in_(own_case_ids(actor)) if actor.professional_id else false()
    if actor.role is Role.ADMIN and not everywhere(actor):
        return false()  # administrators do not read case content
    return in_localities(actor, models.Case.locality_id)


# -- single records, refused in a sentence ----------------------------------------------


def require_locality(s: Session, actor: Actor, locality_id: uuid.UUID, what: str) -> None:
    """'Nadia Hughes (locality manager) may not record decisions in South,
    which is not one of their localities.'"""
    if actor.works_in(locality_id):
        return
    name = s.scalar(select(models.Locality.name).where(models.Locality.id == locality_id)) or "another locality"
    raise PermissionDenied(f"{actor.who} may not {what} in {name}, which is not one of their localities.")


def is_own_case(s: Session, actor: Actor, case: models.Case) -> bool:
    """The case is one a lead professional leads or supports."""
    if actor.professional_id is None:
        return False
    if case.lead_professional_id == actor.professional_id:
        return True
    supporter = models.CaseSupporter
    return (
        s.scalar(
            select(supporter.id).where(supporter.case_id == case.id, supporter.professional_id == actor.professional_id)
        )
        is not None
    )


def may_see_case(s: Session, actor: Actor, case: models.Case) -> bool:
    if by_own_cases(actor):
        return is_own_case(s, actor, case)
    if actor.role is Role.ADMIN and not everywhere(actor):
        return False
    return actor.works_in(case.locality_id)


def require_case(s: Session, actor: Actor, case: models.Case, what: str) -> None:
    """`what` reads on with "of a family": 'see the plan', 'change the plan'."""
    if may_see_case(s, actor, case):
        return
    if actor.role is Role.ADMIN:
        raise PermissionDenied(f"{actor.who} may not {what} of a family: administrators do not read case content.")
    if by_own_cases(actor):
        raise PermissionDenied(f"{actor.who} may not {what} of a family they do not lead or support.")
    require_locality(s, actor, case.locality_id, f"{what} of a family")


def case(s: Session, actor: Actor, case_id: uuid.UUID, what: str) -> models.Case:
    """The case, once the actor may `what` it."""
    if by_own_cases(actor) and s.get(models.Case, case_id) is None:
        # On PostgreSQL the server hides the cases they do not work on: say both.
        raise NotFound(
            f"{actor.who} may not {what} of that family: it is not a case they lead or support "
            "(or it is no longer in the database)."
        )
    found = existing(s, models.Case, case_id, "case")
    require_case(s, actor, found, what)
    return found


def require_meeting(s: Session, actor: Actor, meeting: models.Meeting, what: str) -> None:
    require_locality(s, actor, meeting.locality_id, what)


def meeting(s: Session, actor: Actor, meeting_id: uuid.UUID, what: str) -> models.Meeting:
    """The meeting, once the actor may `what` in its locality."""
    found = existing(s, models.Meeting, meeting_id, "meeting")
    require_meeting(s, actor, found, what)
    return found


def require_family(s: Session, actor: Actor, family_id: uuid.UUID, what: str) -> None:
    """A family: its locality, or for a lead professional one of their cases'."""
    family = existing(s, models.Family, family_id, "family")
    if by_own_cases(actor):
        mine = s.scalar(
            select(models.Case.id)
            .where(models.Case.family_id == family_id, models.Case.id.in_(own_case_ids(actor)))
            .limit(1)
        )
        if mine is None:
            raise PermissionDenied(f"{actor.who} may not {what} of a family they do not lead or support.")
        return
    require_locality(s, actor, family.locality_id, f"{what} of a family")


# -- restricted 360° items ----------------------------------------------------------------


def reads_all_restricted(actor: Actor) -> bool:
    """Locality managers and business support read the restricted items of
    the families of their localities (checked with the family); a lead
    professional only those shared with them."""
    return everywhere(actor) or actor.role in (Role.LOCALITY_MANAGER, Role.BUSINESS_SUPPORT)


def shared_with(s: Session, actor: Actor, involvement_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these restricted items have been shared with the actor."""
    if actor.professional_id is None or not involvement_ids:
        return set()
    share = models.RestrictedShare
    shared = set(
        s.scalars(
            select(share.involvement_id).where(
                share.involvement_id.in_(involvement_ids), share.professional_id == actor.professional_id
            )
        )
    )
    return shared - _withdrawn_from(s, actor, shared)


def _withdrawn_from(s: Session, actor: Actor, involvement_ids: set[uuid.UUID]) -> set[uuid.UUID]:
    """Items shared with the actor whose family's consent no longer covers
    the actor's agency (services/consent.py): no longer shown to them."""
    if not involvement_ids:
        return set()
    from tafdesk.services.consent import professional_agency, sharing_blocks

    involvement, profile, referral = models.ProfileInvolvement, models.Profile360, models.Referral
    cases = s.execute(
        select(involvement.id, referral.case_id)
        .join(profile, profile.id == involvement.profile_id)
        .join(referral, referral.id == profile.referral_id)
        .where(
            involvement.id.in_(sorted(involvement_ids)),
            select(models.Consent.id).where(models.Consent.case_id == referral.case_id).exists(),
        )
    ).all()
    if not cases:
        return set()
    agency = professional_agency(s, actor.professional_id)
    blocked = {c for c in {c for _, c in cases if c is not None} if sharing_blocks(s, c).reason(agency)}
    return {item for item, case_id in cases if case_id in blocked}

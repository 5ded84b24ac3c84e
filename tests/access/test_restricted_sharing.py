"""A restricted 360° item: read by the managers and business support of the
family's locality; shared by the chair with one member of the team, who then
reads it too (and no other lead professional does); withdrawn again. Both
are in the audit trail."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tafdesk.models import AuditEvent, Role
from tafdesk.services.actor import Actor
from tafdesk.services.errors import PermissionDenied, ValidationError
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.restricted_shares import RestrictedShareService
from tests.access.conftest import TODAY, actors

POLICE = "Police"


def _police(world, actor) -> list:
    summary = IntakeQueueService(world.db, actor, today=TODAY).summary(world.north.led)
    return [item for item in summary.involvement if item.heading == POLICE]


def test_the_chair_shares_a_restricted_item_with_one_member_of_the_team_and_withdraws_it(access_world):
    world = access_world
    people = actors(world)
    manager, support, tomas = people["manager"], people["support"], people["lead"]
    ruth = Actor(None, "Ruth Adeyemi", Role.LEAD_PROFESSIONAL, professional_id=world.people["Ruth Adeyemi"])
    [item] = _police(world, support)
    assert item.restricted and item.summary == "Call-out in 2024." and item.shared_with == ()
    assert _police(world, tomas) == [] and _police(world, ruth) == []

    shares = RestrictedShareService(world.db, manager)
    [choices] = shares.items(world.north.led)
    assert [(c.name, c.role, c.shared) for c in choices.choices] == [
        ("Tomas Okafor", "Lead professional", False),
        ("Ruth Adeyemi", "Supporting", False),
    ]
    shares.share(item.id, world.people["Tomas Okafor"])
    shares.share(item.id, world.people["Tomas Okafor"])  # already shared: nothing more happens

    [seen] = _police(world, tomas)
    assert seen.summary == "Call-out in 2024."
    assert _police(world, ruth) == [], "shared with one member, not the whole team"
    assert _police(world, manager)[0].shared_with == ("Tomas Okafor",)
    assert [c.shared for c in shares.items(world.north.led)[0].choices] == [True, False]

    shares.withdraw(item.id, world.people["Tomas Okafor"])
    shares.withdraw(item.id, world.people["Tomas Okafor"])  # no longer shared: nothing more happens
    assert _police(world, tomas) == []
    with world.db.reader() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == item.id).order_by(AuditEvent.occurred_at)
        ).all()
    assert [(e.action, e.actor_name) for e in events] == [
        ("restricted_item.shared", "Nadia North"),
        ("restricted_item.share_withdrawn", "Nadia North"),
    ]
    assert json.loads(events[0].changes)["professional_id"] == [None, str(world.people["Tomas Okafor"])]
    assert "Call-out" not in (events[0].changes + events[1].changes), "the audit trail names ids, not what it says"


def test_only_a_restricted_item_and_only_with_the_team(access_world):
    world = access_world
    manager = actors(world)["manager"]
    shares = RestrictedShareService(world.db, manager)
    summary = IntakeQueueService(world.db, manager, today=TODAY).summary(world.north.led)
    open_item = next(i for i in summary.involvement if not i.restricted)
    with pytest.raises(ValidationError, match="Only a restricted item is shared"):
        shares.share(open_item.id, world.people["Tomas Okafor"])
    with pytest.raises(ValidationError, match="only with a member of the family's Team Around the Family"):
        shares.share(world.north.restricted, world.people["Full Person"])


def test_outside_the_team_a_shared_item_is_not_read_at_all(access_world):
    world = access_world
    RestrictedShareService(world.db, actors(world)["manager"]).share(
        world.north.restricted, world.people["Tomas Okafor"]
    )
    stranger = Actor(None, "Full Person", Role.LEAD_PROFESSIONAL, professional_id=world.people["Full Person"])
    with pytest.raises(PermissionDenied, match="may not see the 360° profile of a family they do not lead or support"):
        IntakeQueueService(world.db, stranger, today=TODAY).summary(world.north.led)

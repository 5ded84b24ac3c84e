"""Without a keyring, signing in with a password unlocks that person's draft
journal until they sign out; another person's drafts stay theirs."""

from __future__ import annotations

import uuid

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from tafdesk.plans.content import PlanContent
from tafdesk.services.draft_journal import DraftJournal, JournalLocked
from tafdesk.ui.app import _Access
from tests.conftest import PASSWORD, allow_sign_in


def test_the_password_unlocks_the_drafts_until_sign_out(db, users) -> None:
    allow_sign_in(db, "lead.north1", "manager.north")
    keyring.set_keyring(NoKeyring())  # the fixture puts the test keyring back afterwards
    access = _Access(db.url)
    try:
        lead = access.sign_in("lead.north1", PASSWORD)
        journal, plan_id = DraftJournal(username=lead.username), uuid.uuid4()
        journal.write(plan_id, 1, PlanContent(strengths="kept while signed in"))
        access.signed_out(lead)
        with pytest.raises(JournalLocked):
            journal.write(plan_id, 2, PlanContent())
        manager = access.sign_in("manager.north", PASSWORD)  # Switch user
        assert DraftJournal(username=manager.username).pending() == []
        access.signed_out(manager)
        lead = access.sign_in("lead.north1", PASSWORD)
        assert journal.read(plan_id).content.strengths == "kept while signed in"
        access.signed_out(lead)
    finally:
        access.dispose()

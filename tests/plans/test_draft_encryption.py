"""The draft journal is encrypted, per person: a lost laptop's journal reads
as noise, and after Switch user nobody is offered someone else's draft."""

from __future__ import annotations

import uuid

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from tafdesk.plans.content import PlanContent
from tafdesk.services import journal_key
from tafdesk.services.draft_journal import DraftJournal, JournalLocked, TypedText

PLANTED = ("Okonkwo-Brightwater", "Ifeoma", "14 Larkspur Row", "Ifeoma is scared at night")
CONTENT = PlanContent(voice_of_child=PLANTED[3], voice_of_parents=f"{PLANTED[1]} {PLANTED[0]}", strengths=PLANTED[2])


def _bytes_on_disk(root) -> bytes:
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


def test_the_journal_holds_none_of_the_draft_text_and_reads_back(tmp_path, file_keyring) -> None:
    journal = DraftJournal(tmp_path, username="amara.lead")
    plan_id = uuid.uuid4()
    typed = TypedText(uuid.uuid4(), "measure", "Okonkwo-Brightwater family attends")
    journal.write(plan_id, 4, CONTENT, typed)
    stored = _bytes_on_disk(tmp_path)
    for text in (*PLANTED, "Okonkwo", "voice_of_child"):
        assert text.encode() not in stored, text
    draft = journal.read(plan_id)
    assert (draft.base_version, draft.content, draft.typing) == (4, CONTENT, typed)
    assert file_keyring.get_password(journal_key.SERVICE, "amara.lead")  # the key lives in the keyring


def test_another_person_is_not_offered_the_draft(tmp_path) -> None:
    plan_id = uuid.uuid4()
    DraftJournal(tmp_path, username="amara.lead").write(plan_id, 1, CONTENT)
    other = DraftJournal(tmp_path, username="ben.support")
    assert other.pending() == [] and other.read(plan_id) is None
    assert DraftJournal(tmp_path, username="amara.lead").pending() == [plan_id]


def test_a_draft_moved_to_another_plan_or_changed_is_refused(tmp_path) -> None:
    journal = DraftJournal(tmp_path, username="amara.lead")
    first, second = uuid.uuid4(), uuid.uuid4()
    journal.write(first, 1, CONTENT)
    (journal.folder / f"{first}.draft").rename(journal.folder / f"{second}.draft")
    assert journal.read(second) is None  # set aside as damaged, not trusted
    journal.write(first, 1, CONTENT)
    path = journal.folder / f"{first}.draft"
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    assert journal.read(first) is None


def test_without_a_keyring_the_key_comes_from_the_password(tmp_path) -> None:
    keyring.set_keyring(NoKeyring())  # the fixture puts the test keyring back afterwards
    journal = DraftJournal(tmp_path, username="amara.lead")
    plan_id = uuid.uuid4()
    with pytest.raises(JournalLocked):  # not signed in with a password: nothing kept in the clear
        journal.write(plan_id, 1, CONTENT)
    journal_key.unlock_with_password(journal.folder, "amara.lead", "correct horse battery")
    journal.write(plan_id, 1, CONTENT)
    assert (journal.folder / journal_key.SALT_NAME).stat().st_size == 16
    assert PLANTED[0].encode() not in _bytes_on_disk(tmp_path)
    journal_key.forget(journal.folder)  # signed out
    journal_key.unlock_with_password(journal.folder, "amara.lead", "correct horse battery")  # next day
    assert journal.read(plan_id).content == CONTENT
    journal_key.forget(journal.folder)
    journal_key.unlock_with_password(journal.folder, "amara.lead", "a wrong guess")
    assert journal.read(plan_id) is None
    journal_key.forget(journal.folder)


def test_a_draft_without_its_key_waits(tmp_path) -> None:
    plan_id = uuid.uuid4()
    DraftJournal(tmp_path, username="amara.lead").write(plan_id, 1, CONTENT)
    keyring.set_keyring(NoKeyring())  # say, the keyring is locked today
    journal = DraftJournal(tmp_path, username="amara.lead")
    assert journal.pending() == [plan_id] and journal.read(plan_id) is None
    assert (journal.folder / f"{plan_id}.draft").exists()  # not set aside: it opens once the key is back

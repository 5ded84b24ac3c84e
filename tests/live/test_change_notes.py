"""What a commit's changes become: merged by kind and place, and a NOTIFY
payload within the server's 8000 bytes that names no one."""

from __future__ import annotations

import json
import uuid

from tafdesk.db.change_notes import LIMIT, payload, read
from tafdesk.db.changes import EVERYTHING, MAX_IDS, Change, Gathered


def test_changes_of_one_commit_merge_by_kind_action_and_place():
    meeting, a, b = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    gathered = Gathered()
    gathered.add("case", a, action="case.sent_to_meeting", meeting_id=meeting)
    gathered.add("case", b, action="case.sent_to_meeting", meeting_id=meeting)
    gathered.add("meeting", meeting, action="meeting.agenda_built", meeting_id=meeting)
    assert sorted(gathered.changes(), key=lambda c: c.entity) == [
        Change("case", "case.sent_to_meeting", frozenset({a, b}), meeting_id=meeting),
        Change("meeting", "meeting.agenda_built", frozenset({meeting}), meeting_id=meeting),
    ]


def test_too_many_ids_or_an_unnamed_record_mean_any_of_them():
    many, unnamed = Gathered(), Gathered()
    for _ in range(MAX_IDS + 1):
        many.add("profile360", uuid.uuid4(), action="profile.imported")
    unnamed.add("app_setting", uuid.uuid4(), action="setting.changed")
    unnamed.add("app_setting", None, action="setting.changed")
    unnamed.add("app_setting", uuid.uuid4(), action="setting.changed")
    for gathered in (many, unnamed):
        [change] = gathered.changes()
        assert change.ids == frozenset() and change.may_name(uuid.uuid4())
    merged = Gathered()
    merged.add("profile360", uuid.uuid4(), action="profile.imported")
    merged.merge(many)
    assert merged.changes()[0].ids == frozenset()


def test_a_payload_round_trips_with_ids_places_and_actions_only():
    locality, meeting, item = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    changes = [
        Change("decision", "decision.recorded", frozenset({item}), locality, meeting, case_id=uuid.uuid4()),
        Change("case", "case.summary_viewed", frozenset({item}), look=True),
    ]
    text = payload("origin1", changes)
    assert set(json.loads(text)) == {"o", "c"}
    assert read(text) == ("origin1", changes)


def test_a_large_commit_loses_its_ids_then_its_detail_but_always_fits():
    ids = frozenset(uuid.uuid4() for _ in range(MAX_IDS))
    wide = [Change(f"kind{n}", "x.changed", ids) for n in range(6)]  # 300 ids: too many bytes to name
    _, changes = read(text := payload("o", wide))
    assert len(text.encode()) <= LIMIT and [c.entity for c in changes] == [f"kind{n}" for n in range(6)]
    assert all(not c.ids for c in changes)
    endless = [Change(f"kind{n}", "x.changed" * 20) for n in range(200)]
    _, changes = read(text := payload("o", endless))
    assert len(text.encode()) <= LIMIT and [c.entity for c in changes] == [EVERYTHING]


def test_an_unreadable_payload_means_read_everything_again():
    for text in ("not json", '{"o": "x"}', '{"o": "x", "c": [["case", "a", "not-a-uuid", null, null, 0, []]]}'):
        origin, changes = read(text)
        assert origin == "" and [c.entity for c in changes] == [EVERYTHING]

"""Reviews recorded offline, merged by identity as the plan's other lists are:
a review added in the copy (its id in neither the base nor the server) is
sent, keeping its id, so a sync run again never sends it twice.

A review the server already has of the same plan version on the same day is
taken to be the same review (one meeting, recorded twice): deduplicated, the
server's stands and the copy's is not sent (the sync's audit event keeps
its values). A review of a version made in the copy (a second review
offline, of the version the first made) cannot be matched to the server's
plan: the case waits in the copy, as it did before reviews were sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tafdesk.models import ActionStatus, NeedArea, Rag
from tafdesk.offline.graph import CaseRows, Row
from tafdesk.services.plans import ReviewInput


@dataclass(frozen=True)
class OfflineReviewRows:
    review: Row
    plan: Row  # the version it reviewed (the server's, by id)

    @property
    def when(self) -> str:
        held = self.review["held_on"]
        return f"{held.day} {held:%b %Y}"


@dataclass
class Reviews:
    send: list[OfflineReviewRows] = field(default_factory=list)
    same: list[OfflineReviewRows] = field(default_factory=list)  # the server has it already: not sent
    unmatched: list[OfflineReviewRows] = field(default_factory=list)  # of a version made offline


def offline_reviews(base: CaseRows, mine: CaseRows, theirs: CaseRows) -> Reviews:
    known = {r["id"] for r in base.of("taf_review")} | {r["id"] for r in theirs.of("taf_review")}
    plans = {p["id"]: p for p in mine.of("taf_plan")}
    server_plans = {p["id"] for p in theirs.of("taf_plan")}
    found = Reviews()
    for review in sorted(mine.of("taf_review"), key=lambda r: (r["held_on"], r["created_at"], str(r["id"]))):
        if review["id"] in known:
            continue
        rows = OfflineReviewRows(review, plans[review["plan_id"]])
        if review["plan_id"] not in server_plans:
            found.unmatched.append(rows)
        elif any(
            r["plan_id"] == review["plan_id"] and r["held_on"] == review["held_on"] for r in theirs.of("taf_review")
        ):
            found.same.append(rows)
        else:
            found.send.append(rows)
    return found


def review_input(found: OfflineReviewRows, mine: CaseRows) -> ReviewInput:
    """The review as the plan service takes it. Its action updates are the
    differences between the reviewed version's actions and their copies in
    the version the review made."""
    review_id, reviewed = found.review["id"], found.plan
    made = [p for p in mine.of("taf_plan") if p["plan_version"] == reviewed["plan_version"] + 1]
    before = {a["id"]: a for a in mine.of("taf_action") if a["plan_id"] == reviewed["id"]}
    updates = {}
    for action in (a for a in mine.of("taf_action") if made and a["plan_id"] == made[0]["id"]):
        old = before.get(action["copied_from_id"])
        if old is not None and (action["status"], action["dropped_reason"]) != (old["status"], old["dropped_reason"]):
            updates[old["id"]] = (ActionStatus(action["status"]), action["dropped_reason"])
    return ReviewInput(
        held_on=found.review["held_on"],
        attendees=found.review["attendees"] or "",
        notes=found.review["notes"] or "",
        scores={NeedArea(s["area"]): s["score"] for s in mine.of("taf_review_score") if s["review_id"] == review_id},
        progress={
            p["outcome_id"]: (Rag(p["rag"]), p["comment"])
            for p in mine.of("taf_review_progress")
            if p["review_id"] == review_id
        },
        action_updates=updates,
    )

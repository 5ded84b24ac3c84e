"""Reviews recorded offline, merged by identity as the plan's other lists are:
a review added in the copy (its id in neither the base nor the server) is
sent, keeping its id, so a sync run again never sends it twice.

A review the server already has of the same plan version on the same day is
taken to be the same review (one meeting, recorded twice): deduplicated, the
server's stands and the copy's is not sent (the sync's audit event keeps
its values). The version a review makes on the server takes the ids it
has in the copy, so a second review offline, of the version the first made,
is sent after it. A review of a version the server cannot have (the first
review was the server's, or the server's plan had moved on) cannot be
matched: the case waits in the copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tafdesk.models import ActionStatus, NeedArea, PlanStatus, Rag
from tafdesk.offline.graph import CaseRows, Row
from tafdesk.services.plans import CopyIds, OfflineReview, ReviewInput


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
    server_plans = {p["id"]: p for p in theirs.of("taf_plan")}
    made: set = set()  # the versions the reviews sent make on the server, by their ids in the copy
    found = Reviews()
    for review in sorted(mine.of("taf_review"), key=lambda r: (r["held_on"], r["created_at"], str(r["id"]))):
        if review["id"] in known:
            continue
        rows = OfflineReviewRows(review, plans[review["plan_id"]])
        server = server_plans.get(review["plan_id"])
        if server is None and review["plan_id"] not in made:
            found.unmatched.append(rows)
        elif server is not None and any(
            r["plan_id"] == review["plan_id"] and r["held_on"] == review["held_on"] for r in theirs.of("taf_review")
        ):
            found.same.append(rows)
        else:
            found.send.append(rows)
            following = made_version(rows, mine)
            if following is not None and (server is None or server["status"] == PlanStatus.AGREED):
                made.add(following["id"])  # a late review (the server moved on) makes none
    return found


def made_version(found: OfflineReviewRows, mine: CaseRows) -> Row | None:
    """The version the review made in the copy (the reviewed one's next)."""
    following = found.plan["plan_version"] + 1
    return next((p for p in mine.of("taf_plan") if p["plan_version"] == following), None)


def offline_review(found: OfflineReviewRows, mine: CaseRows) -> OfflineReview:
    """The review's id and time, and the ids of the version it made in the copy."""
    made = made_version(found, mine)
    return OfflineReview(found.review["id"], found.review["created_at"], copy_ids(mine, made) if made else None)


def copy_ids(mine: CaseRows, plan: Row) -> CopyIds:
    """A version's ids in the copy: the plan's, and its items' by the ids they were copied from."""
    return CopyIds(
        plan["id"],
        {
            r["copied_from_id"]: r["id"]
            for name in ("taf_outcome", "taf_action")
            for r in mine.of(name)
            if r["plan_id"] == plan["id"] and r["copied_from_id"]
        },
    )


def review_input(found: OfflineReviewRows, mine: CaseRows) -> ReviewInput:
    """The review as the plan service takes it. Its action updates are the
    differences between the reviewed version's actions and their copies in
    the version the review made."""
    review_id, reviewed = found.review["id"], found.plan
    made = made_version(found, mine)
    before = {a["id"]: a for a in mine.of("taf_action") if a["plan_id"] == reviewed["id"]}
    updates = {}
    for action in (a for a in mine.of("taf_action") if made is not None and a["plan_id"] == made["id"]):
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

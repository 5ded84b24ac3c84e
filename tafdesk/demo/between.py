"""The weeks between the meetings, as a script the services play.

The bulk of the council is written as rows; what people do between the
meetings is done through the services (between_run.py plays the script in
the row writer's transaction, the clock pinned to each step's moment), so
that the rules hold in the demo as in use: a case stepped up only once the
group has approved it, a closure approved by the locality's manager, a
withdrawal of consent going on the next agenda, every change audited.

Which families, and what happens to them, is decided here from the council
in memory, with a stream of its own: in each locality the demo's lead
professionals' families first (so that signing in as lead.north1 shows it),
then others. A fixed number of families per locality, whatever the size of
the council, so a large council costs no more time here than a small one.

- Cases allocated at the last weeks' meetings: the first contacts with the
  family and the referrer (or, for one, none yet: due or overdue on My
  cases), the meeting's actions marked done, consent, an Early Help
  Assessment.
- Families in the middle of their Team Around the Family: notes (one
  restricted, one corrected), plan actions marked done and not done, consent,
  assessments with their children seen, evidence of outcomes.
- Requests to the group: a step-up approved at the latest meeting, referred
  to children's social care and answered, the case closed as stepped up; a
  step-down approved (or declined) and its closure waiting for approval; a
  blockage deferred to next week's meeting and a new one raised this week,
  both on next week's agenda.
- Closures: one approved, one approved and since reopened, one returned.
- The latest meeting reviews its matters arising and is closed by its chair;
  a withdrawal of consent, a transition plan from social care and a change of
  lead wait for the next.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from typing import Any

from tafdesk.demo import texts
from tafdesk.demo import words_between as w
from tafdesk.demo.cases import OPEN, CaseRec, words_for
from tafdesk.demo.clock import uk_time
from tafdesk.demo.directory import Directory, Loc, Pro
from tafdesk.demo.meetings import Meetings, past_meeting_dates
from tafdesk.demo.script import Script, Step
from tafdesk.models import (
    CaseStatus,
    ClosureReason,
    ConsentMethod,
    ConsentPurpose,
    FollowUpState,
    Level,
    MemberRole,
    NoteType,
    OutcomeProgress,
    ReferralOutcome,
    RequestKind,
    Role,
    Verdict,
)
from tafdesk.services.actor import Actor
from tafdesk.services.assessments import AssessmentInput, ChildInput, NeedInput
from tafdesk.services.case_notes import ChildSeen, NoteInput

ONGOING_PER_LEAD = 3
ONGOING_IN_LOCALITY = 4
LEVELS = {Level.HIGH: 3, Level.MEDIUM: 2, Level.LOW: 1}


def first_contacts(directory: Directory, cases: list[CaseRec], today: dt.date) -> dict[uuid.UUID, bool]:
    """The cases allocated at the demo's meetings whose first contacts are
    played (True: made; False: not yet), the newest of each lead login. Their
    meeting's actions are written not done, to be marked, and the allocation
    letter's promises run from their meeting (allocated_on): only theirs, so
    that My cases is not full of contacts overdue that nobody played."""
    chosen: dict[uuid.UUID, bool] = {}
    for loc in directory.localities:
        days = set(past_meeting_dates(loc, today))
        for n, lead in enumerate(_logins(directory, loc)):
            mine = sorted(
                (c for c in cases if c.lead is lead and c.status in OPEN and c.decided in days),
                key=lambda c: (c.decided, c.reference),
                reverse=True,
            )
            if mine:
                late = n == 1 and mine[0].decided is not None and mine[0].decided >= today - dt.timedelta(days=21)
                chosen[mine[0].id] = not late
    return chosen


def build_script(
    seed: int,
    directory: Directory,
    cases: list[CaseRec],
    waiting: list[CaseRec],
    meetings: Meetings,
    contacts: dict[uuid.UUID, bool],
    today: dt.date,
) -> Script:
    rng = random.Random(f"tafdesk-demo/{seed}/between")
    script = Script(seed, today)
    for index, loc in enumerate(directory.localities):
        _Locality(rng, script, directory, loc, index, cases, waiting, meetings, contacts).play()
    return script


def workday(day: dt.date) -> dt.date:
    """The day, or the Friday before it if it falls at a weekend."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def closed_by(script: Script) -> set[uuid.UUID]:
    """The open cases the script closes (and does not reopen)."""
    approved = {s.args["key"][1] for s in script.steps if s.action == "approve_closure"}
    return approved - {s.args["key"][1] for s in script.steps if s.action == "reopen"}


def _led_by(lead: Pro) -> Callable[[CaseRec], bool]:
    return lambda case: case.lead is lead


def _logins(directory: Directory, loc: Loc) -> list[Pro]:
    """The locality's professionals who sign in to the demo, as their usernames sort."""
    found = [p for p in directory.in_locality(loc) if p.id in directory.lead_logins]
    return sorted(found, key=lambda p: directory.usernames[directory.lead_logins[p.id]])


class _Locality:
    """One locality's weeks: who does what to which family, and when."""

    def __init__(
        self,
        rng: random.Random,
        script: Script,
        directory: Directory,
        loc: Loc,
        index: int,
        cases: list[CaseRec],
        waiting: list[CaseRec],
        meetings: Meetings,
        contacts: dict[uuid.UUID, bool],
    ) -> None:
        self.rng, self.script, self.directory, self.loc, self.index = rng, script, directory, loc, index
        self.today = script.today
        self.meetings, self.contacts = meetings, contacts
        self.waiting = [c for c in waiting if c.family.loc is loc and c.status is CaseStatus.AWAITING_MEETING]
        self.logins = _logins(directory, loc)
        login_rank = {p.id: n for n, p in enumerate(self.logins)}
        here = [c for c in cases if c.family.loc is loc and c.status in OPEN and c.lead and c.lead.active]
        self.pool = sorted(
            here,
            key=lambda c: (
                login_rank.get(c.lead.id, len(login_rank)) if c.lead else 99,
                -c.opened.toordinal(),
                c.reference,
            ),
        )
        self.used: set[uuid.UUID] = set(contacts)
        days = past_meeting_dates(loc, self.today)
        self.last_day = days[-1]
        self.last = meetings.past[(loc.id, self.last_day)].id
        self.next, self.next_day = meetings.next[loc.id]
        self.manager = self._manager()
        self.support = self._support()

    # -- who -----------------------------------------------------------------------

    def lead(self, p: Pro) -> Actor:
        return self._actor(self.directory.lead_logins.get(p.id), p.name, Role.LEAD_PROFESSIONAL, p.id, frozenset())

    def _manager(self) -> Actor:
        user = self.directory.managers.get(self.loc.id)
        return self._actor(user, "Locality manager", Role.LOCALITY_MANAGER, None, frozenset({self.loc.id}))

    def _support(self) -> Actor:
        user = self.directory.support_for.get(self.loc.id)
        return self._actor(user, "Business support", Role.BUSINESS_SUPPORT, None, frozenset({self.loc.id}))

    def _actor(
        self, user: uuid.UUID | None, name: str, role: Role, professional: uuid.UUID | None, places: frozenset
    ) -> Actor:
        """A demo user if the demo made one (their name), else someone with no login, by name."""
        if user is None:
            return Actor(None, name, role, professional, places)
        shown = self.directory.display_names.get(user, name) if professional is None else name
        return Actor(user, shown, role, professional, places, self.directory.usernames.get(user))

    # -- when ----------------------------------------------------------------------

    def at(self, day: dt.date, hour: int, minute: int, actor: Actor, action: str, **args: Any) -> bool:
        """A step on day (a weekend's on the Friday before), unless that is after today."""
        day = workday(day)
        if day > self.today:
            return False
        steps = self.script.steps
        steps.append(Step(uk_time(day, hour, minute), len(steps), actor, action, args))
        return True

    def meeting_time(self, day: dt.date, minutes: int) -> tuple[dt.date, int, int]:
        hour, minute = self.loc.spec.meeting_time
        total = hour * 60 + minute + minutes
        return day, total // 60, total % 60

    # -- which family ----------------------------------------------------------------

    def take(self, wanted: Callable[[CaseRec], bool]) -> CaseRec | None:
        for case in self.pool:
            if case.id not in self.used and wanted(case):
                self.used.add(case.id)
                return case
        return None

    def free(self, case: CaseRec) -> bool:
        """Agreed plan, not already on next week's agenda: a family a request or closure may be about."""
        return case.plan_agreed and case.plan_id is not None and case.id not in self.meetings.on_next_agendas

    # -- the weeks -----------------------------------------------------------------------

    def play(self) -> None:
        for case in self.pool:
            if case.id in self.contacts:
                self.first_contact(case, made=self.contacts[case.id])
        # Each lead who signs in keeps a family in the middle of its TAF before the stories take theirs.
        ongoing = [c for c in (self.take(_led_by(lead)) for lead in self.logins) if c]
        self.at(*self.meeting_time(self.last_day, -60), self.support, "add_requests", meeting_id=self.last)
        self.at(
            *self.meeting_time(self.last_day, 20),
            self.manager,
            "review_matters",
            meeting_id=self.last,
            carried_to=self.next_day,
        )
        self.step_up()
        self.step_down()
        self.blockages()
        self.closures()
        taker = self.support.name
        self.at(*self.meeting_time(self.last_day, 5), self.support, "minutes_record", meeting_id=self.last, taker=taker)
        self.at(*self.meeting_time(self.last_day, 150), self.manager, "close_meeting", meeting_id=self.last)
        ongoing += self.more_ongoing(len(ongoing))
        for n, case in enumerate(ongoing):
            self.ongoing(case, restricted=n == 0, corrected=n == 1)
        if self.index == 0:
            contacted = [c for c in self.pool if self.contacts.get(c.id)]
            self.consent_withdrawn(contacted + ongoing)
        self.transition()
        self.lead_change()
        self.at(self.this_week(), 8, 20, self.support, "add_requests", meeting_id=self.next)

    def more_ongoing(self, have: int) -> list[CaseRec]:
        """More of the sign-in leads' families, then others', up to a handful in the locality."""
        chosen: list[CaseRec] = []
        for lead in self.logins:
            chosen += [c for c in (self.take(_led_by(lead)) for _ in range(ONGOING_PER_LEAD - 1)) if c]
        while have + len(chosen) < ONGOING_IN_LOCALITY:
            case = self.take(lambda c: c.plan_agreed)
            if case is None:
                break
            chosen.append(case)
        return chosen

    # -- stories -------------------------------------------------------------------------

    def basics(self, case: CaseRec, *, assessment: bool = True) -> None:
        """Consent to share within the TAF, given at the first visit, and the assessment."""
        assert case.lead is not None and case.decided is not None
        lead = self.lead(case.lead)
        start = workday(case.decided + dt.timedelta(days=3))
        self.at(
            start,
            11,
            0,
            lead,
            "consent",
            case_id=case.id,
            key=("taf", case.id),
            person_id=case.family.carer.id,
            purpose=ConsentPurpose.TAF,
            agency_id=None,
            given_on=start,
        )
        if assessment and case.family.children:
            self.assessment(case, lead, start + dt.timedelta(days=2))

    def assessment(self, case: CaseRec, lead: Actor, start: dt.date) -> None:
        """Recorded once complete (or, still under way, as begun), with the children seen and the needs found."""
        assert case.lead is not None
        start = workday(start)
        if start > self.today:
            return
        done = workday(start + dt.timedelta(days=15))
        children = case.family.children[:3]
        needs = tuple(
            NeedInput(area, need, LEVELS[level])
            for (area, level), need in zip(
                case.needs, [n for _, _, n in case.outcomes] or [a.label for a, _ in case.needs]
            )
        )
        given = AssessmentInput(
            started_on=start,
            organisation_id=case.lead.agency.id,
            children=tuple(ChildInput(m.id, n < 2) for n, m in enumerate(children) if m.id),
            needs=needs,
            completed_on=done if done <= self.today else None,
            whole_family=len(children) > 1,
        )
        self.at(min(done, self.today), 16, 0, lead, "assessment", case_id=case.id, given=given)

    def note(self, case: CaseRec, day: dt.date, kind: str, hour: int = 15, **extra: Any) -> None:
        assert case.lead is not None
        day = workday(day)
        note_type, seen, summary, follow_ups = w.NOTES[kind]
        words = words_for(case)
        note = NoteInput(
            contact_on=day,
            note_type=note_type,
            summary=texts.fill(summary, words),
            who_seen=texts.fill(seen, words),
            follow_ups=texts.fill(follow_ups, words),
            restricted=kind == "restricted",
            first_contact_family=kind == "first visit",
            first_contact_referrer=kind == "referrer",
            children=self.seen(case) if note_type in (NoteType.HOME_VISIT, NoteType.SCHOOL_VISIT) else (),
        )
        self.at(day, hour, 0, self.lead(case.lead), "note", case_id=case.id, note=note, **extra)

    def seen(self, case: CaseRec) -> tuple[ChildSeen, ...]:
        """Each child of the household seen; the oldest of eight or more seen alone too."""
        kids = [m for m in case.family.children if m.id and m.role in (MemberRole.CHILD, MemberRole.YOUNG_PERSON)]
        oldest = max(kids, key=lambda m: m.age(self.today) or 0) if kids else None
        return tuple(ChildSeen(m.id, True, m is oldest and (m.age(self.today) or 0) >= 8) for m in kids[:4] if m.id)

    def first_contact(self, case: CaseRec, *, made: bool) -> None:
        """The allocation letter's promises: the family and the referrer contacted within five working days."""
        assert case.lead is not None and case.decided is not None
        if not made:
            return  # due, or overdue, on the lead's My cases and on the next meeting's matters arising
        lead, day = self.lead(case.lead), case.decided
        self.note(case, day + dt.timedelta(days=1), "referrer", hour=14)
        self.note(case, day + dt.timedelta(days=3), "first visit", hour=10)
        self.basics(case)
        self.at(
            day + dt.timedelta(days=4),
            9,
            0,
            lead,
            "follow_up",
            case_id=case.id,
            kind="meeting",
            which=0,
            state=FollowUpState.DONE,
            note=w.FOLLOW_UP_DONE[0],
        )
        self.note(case, day + dt.timedelta(days=21), "taf", hour=16)
        self.at(
            day + dt.timedelta(days=22),
            9,
            0,
            lead,
            "follow_up",
            case_id=case.id,
            kind="meeting",
            which=1,
            state=FollowUpState.DONE,
            note=w.FOLLOW_UP_DONE[1],
        )

    def this_week(self) -> dt.date:
        """A day since the latest meeting, a day or two ago: new requests are raised, and put on next week's agenda."""
        return workday(max(self.last_day + dt.timedelta(days=1), self.today - dt.timedelta(days=2)))

    def ago(self, most: int, least: int) -> dt.date:
        """A day between `most` and `least` days before today: leads do not all write at once."""
        return self.today - dt.timedelta(days=self.rng.randint(least, most))

    def ongoing(self, case: CaseRec, *, restricted: bool, corrected: bool) -> None:
        assert case.lead is not None and case.decided is not None
        lead = self.lead(case.lead)
        self.basics(case)
        first = case.decided + dt.timedelta(days=4)
        kinds = ["visit", "school", "taf", "agency", "call"]
        self.rng.shuffle(kinds)
        if restricted:
            kinds[2] = "restricted"
        for n, (days, kind) in enumerate(zip((self.ago(42, 34), self.ago(27, 18), self.ago(12, 5)), kinds)):
            day = workday(max(days, first))
            key = ("note", case.id) if corrected and n == 0 else None
            self.note(case, day, kind, hour=self.rng.randint(9, 16), key=key)
            after = day + dt.timedelta(days=1 if day.weekday() < 4 else 3)  # put right the next working day
            if key and after <= self.today:
                self.at(after, 9, 30, lead, "correct_note", key=key, reason=w.CORRECTION)
        if case.plan_agreed:
            words = words_for(case)
            self.at(
                self.ago(5, 2),
                self.rng.randint(9, 16),
                0,
                lead,
                "follow_up_plan",
                case_id=case.id,
                states=(FollowUpState.DONE, FollowUpState.NOT_DONE),
                notes=(w.FOLLOW_UP_DONE[2], texts.fill(w.FOLLOW_UP_NOT_DONE[self.rng.randrange(2)], words)),
            )
            self.evidence(case, lead, words)

    def evidence(self, case: CaseRec, lead: Actor, words: texts.Words) -> None:
        """Progress towards the plan's outcomes: one improving, one achieved and sustained for some weeks."""
        if not case.outcomes:
            return
        first, last = 0, min(1, len(case.outcomes) - 1)
        improving = texts.fill(w.EVIDENCE[case.outcomes[first][1]][0], words)
        self.at(self.ago(14, 9), 12, 0, lead, "evidence", case_id=case.id, position=first,
                progress=OutcomeProgress.IMPROVING, evidence=improving, since=None)  # fmt: skip
        achieved = texts.fill(w.EVIDENCE[case.outcomes[last][1]][1], words)
        since = max(self.ago(60, 30), case.opened)
        self.at(self.ago(4, 1), 12, 30, lead, "evidence", case_id=case.id, position=last,
                progress=OutcomeProgress.ACHIEVED, evidence=achieved, since=since)  # fmt: skip

    def request(self, case: CaseRec, kind: RequestKind, day: dt.date, text: int = 0, hour: int = 10) -> tuple | None:
        """The lead's request raised on day: the key its later steps find it by (None: not raised)."""
        assert case.lead is not None
        key = ("request", case.id)
        reason = texts.fill(w.REQUEST_REASONS[kind][text % len(w.REQUEST_REASONS[kind])], words_for(case))
        raised = self.at(
            day, hour, 0, self.lead(case.lead), "raise_request", case_id=case.id, kind=kind, reason=reason, key=key
        )
        return key if raised else None

    def decide(self, key: tuple | None, kind: RequestKind, verdict: Verdict, minutes: int, **extra: Any) -> bool:
        if key is None:
            return False
        rationale = w.RATIONALES[(kind, verdict.value)]
        return self.at(
            *self.meeting_time(self.last_day, minutes),
            self.manager,
            "decide_request",
            key=key,
            verdict=verdict,
            rationale=rationale,
            **extra,
        )

    def step_up(self) -> None:
        case = self.take(lambda c: self.free(c) and bool(c.family.children))
        if case is None:
            return
        assert case.lead is not None
        lead, day = self.lead(case.lead), self.last_day
        self.basics(case, assessment=False)
        self.note(case, day - dt.timedelta(days=8), "call")
        key = self.request(case, RequestKind.STEP_UP, day - dt.timedelta(days=6), self.index)
        if not self.decide(key, RequestKind.STEP_UP, Verdict.APPROVE, 40):
            return
        self.at(
            day + dt.timedelta(days=1),
            11,
            0,
            lead,
            "referral_outcome",
            key=key,
            outcome=ReferralOutcome.ACCEPTED,
            note=w.REFERRAL_NOTES[ReferralOutcome.ACCEPTED],
        )
        self.propose(case, ClosureReason.STEPPED_UP, day + dt.timedelta(days=2), approve=day + dt.timedelta(days=3))

    def step_down(self) -> None:
        case = self.take(self.free)
        if case is None:
            return
        approve = self.index != 1  # one locality's group finds it too early
        day = self.last_day
        self.basics(case, assessment=False)
        key = self.request(case, RequestKind.STEP_DOWN, day - dt.timedelta(days=5), self.index)
        decided = self.decide(key, RequestKind.STEP_DOWN, Verdict.APPROVE if approve else Verdict.DECLINE, 50)
        if decided and approve:
            self.propose(case, ClosureReason.STEPPED_DOWN, day + dt.timedelta(days=1), approve=None)

    def blockages(self) -> None:
        deferred = self.take(self.free)
        if deferred is not None:
            key = self.request(deferred, RequestKind.BLOCKAGE, self.last_day - dt.timedelta(days=4), 0)
            self.decide(key, RequestKind.BLOCKAGE, Verdict.DEFER, 60, deferred_until=self.next_day)
        new = self.take(self.free)
        if new is not None:
            self.basics(new, assessment=False)
            self.request(new, RequestKind.BLOCKAGE, self.this_week(), 1 + self.index, hour=8)

    def closures(self) -> None:
        today = self.today
        met = self.take(self.free)
        if met is not None:
            self.propose(
                met, ClosureReason.NEEDS_MET, today - dt.timedelta(days=16), approve=today - dt.timedelta(days=14)
            )
        reopened = self.take(self.free)
        if reopened is not None:
            self.propose(
                reopened, ClosureReason.NEEDS_MET, today - dt.timedelta(days=40), approve=today - dt.timedelta(days=38)
            )
            assert reopened.lead is not None
            self.at(
                today - dt.timedelta(days=6),
                11,
                0,
                self.lead(reopened.lead),
                "reopen",
                key=("closure", reopened.id),
                reason=texts.fill(w.REOPEN_REASON, words_for(reopened)),
            )
        returned = self.take(self.free)
        if returned is not None:
            self.propose(returned, ClosureReason.DISENGAGED, today - dt.timedelta(days=12), approve=None)
            self.at(
                today - dt.timedelta(days=10),
                14,
                0,
                self.manager,
                "return_closure",
                key=("closure", returned.id),
                why=w.RETURNED_WHY,
            )

    def propose(self, case: CaseRec, reason: ClosureReason, day: dt.date, approve: dt.date | None) -> None:
        assert case.lead is not None
        words = words_for(case)
        key = ("closure", case.id)
        proposed = self.at(
            day,
            10,
            30,
            self.lead(case.lead),
            "propose_closure",
            case_id=case.id,
            key=key,
            reason=reason,
            summary=texts.fill(w.CLOSURE_SUMMARIES[reason], words),
            family_view=texts.fill(w.FAMILY_VIEWS[reason], words),
            met=w.NEEDS_MET[reason],
        )
        if proposed and approve is not None:
            self.at(approve, 15, 0, self.manager, "approve_closure", key=key)

    def consent_withdrawn(self, candidates: list[CaseRec]) -> None:
        """A parent withdraws consent to share with the police: the family goes on the next
        agenda, and leaves the circulation minutes of the meeting that allocated it (if one of the demo's)."""
        days = {d for (loc, d) in self.meetings.past if loc == self.loc.id}
        settled = [c for c in candidates if c.decided and c.decided <= self.today - dt.timedelta(days=7)]
        case = next((c for c in settled if c.decided in days), next(iter(settled), None))
        if case is None:
            return
        assert case.lead is not None and case.decided is not None
        police = self.directory.agency("Police").id
        given = workday(case.decided + dt.timedelta(days=3))
        self.at(
            given,
            11,
            5,
            self.lead(case.lead),
            "consent",
            case_id=case.id,
            key=("police", case.id),
            person_id=case.family.carer.id,
            purpose=ConsentPurpose.AGENCY,
            agency_id=police,
            given_on=given,
        )
        self.at(
            self.today - dt.timedelta(days=2),
            13,
            0,
            self.support,
            "withdraw_consent",
            key=("police", case.id),
            how=ConsentMethod.VERBAL,
            note=texts.fill(w.WITHDRAWAL_NOTE, words_for(case)),
        )

    def transition(self) -> None:
        """A family stepped down from social care, waiting for next week's meeting, arrives with its transition plan."""
        if not self.waiting:
            return
        receiver = next(iter(self.logins), None) or next(
            (p for p in self.directory.in_locality(self.loc) if p.agency.core and not p.on_leave(self.today)), None
        )
        if receiver is None:
            return
        name, contact = w.TRANSITION
        self.at(
            self.today - dt.timedelta(days=1),
            11,
            0,
            self.support,
            "transition",
            case_id=self.waiting[0].id,
            receiving_lead_id=receiver.id,
            social_worker_name=name,
            social_worker_contact=contact,
            joint_visit_on=self.next_day + dt.timedelta(days=2),
        )

    def lead_change(self) -> None:
        """A family whose lead is on maternity leave, proposed to one of the demo's lead professionals."""
        if not self.logins:
            return
        to = self.logins[-1]
        case = self.take(
            lambda c: c.lead is not None and c.lead is not to and any(r == "Maternity leave" for *_, r in c.lead.leave)
        )
        if case is None:
            return
        assert case.lead is not None
        reason = texts.fill(w.LEAD_CHANGE_REASON, texts.Words(lead=case.lead.name))
        self.at(
            self.today - dt.timedelta(days=1),
            15,
            0,
            self.manager,
            "propose_lead_change",
            case_id=case.id,
            to_lead_id=to.id,
            reason=reason,
        )

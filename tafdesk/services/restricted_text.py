"""Whether a free text about a family quotes what documents may not: its
restricted 360° items, its members' sensitive details, its home address, or
wording a user marked restricted. For the warning shown as a rationale, an
action or a plan's text is typed; documents withhold such quotes themselves
(exports.redaction, through services.document_secrets).

Marking is by family: wording marked restricted in a meeting's rationale is
withheld from the family's plan too. Whoever may edit the text may mark it,
and unmark what is marked: in a meeting, those who keep meetings (the chair,
business support); in a plan, whoever may change that plan (its Team Around
the Family, locality managers). Each marking and unmarking is audited.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.db import Database
from tafdesk.exports.quotes import Redactor, keys, says_something
from tafdesk.exports.redaction import FamilySecrets, redactor
from tafdesk.models import Case, RestrictedWording
from tafdesk.services import audit, document_secrets, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import NotFound, PermissionDenied, ValidationError
from tafdesk.services.plan_people import editable_case

WITHHELD_SO = (
    "The full minutes keep it; letters, plans and the circulation minutes will show "
    "“[withheld: restricted]” in its place."
)
WARNING = f"This quotes restricted information about the family. {WITHHELD_SO}"
MARKED = f"This is wording marked restricted. {WITHHELD_SO}"
PLAN_WITHHELD_SO = "The plan keeps it here; its copies and letters will show “[withheld: restricted]” in its place."
MAX_WORDING = 2000  # characters: a long rationale marked whole fits


class Context(enum.Enum):
    """Where the text is typed, which says who may mark it."""

    MEETING = "meeting"  # a decision's rationale and actions
    PLAN = "plan"  # a TAF plan's text


class QuoteState(enum.Enum):
    NONE = "none"
    QUOTED = "quoted"  # quotes something restricted that is not marked wording alone
    MARKED = "marked"  # what it quotes is wording already marked restricted


def warning(state: QuoteState, context: Context) -> str:
    """What the warning says: what the text does, and what documents will do with it."""
    if context is Context.MEETING:
        return WARNING if state is QuoteState.QUOTED else MARKED
    opening = WARNING if state is QuoteState.QUOTED else MARKED
    return f"{opening.removesuffix(WITHHELD_SO)}{PLAN_WITHHELD_SO}"


@dataclass(frozen=True)
class QuoteCheck:
    """A family's quote check, compiled once: `state(text)` is quick, so call it as the text changes."""

    withheld: Redactor  # all that documents withhold
    marked: Redactor  # the wording marked restricted alone

    @classmethod
    def of(cls, secrets: Iterable[FamilySecrets]) -> QuoteCheck:
        secrets = list(secrets)
        return cls(redactor(secrets), Redactor([m for f in secrets for m in f.marked]))

    def quoted(self, text: str) -> bool:
        return self.state(text) is not QuoteState.NONE

    def state(self, text: str) -> QuoteState:
        if not text.strip() or not self.withheld.quoted(text):
            return QuoteState.NONE
        if self.marked.quoted(text) and self.marked.withhold(text) == self.withheld.withhold(text):
            return QuoteState.MARKED
        return QuoteState.QUOTED


@dataclass(frozen=True)
class MarkedWording:
    id: uuid.UUID
    text: str
    marked_by: str
    marked_at: dt.datetime  # UTC


class RestrictedTextService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def checker(self, case_id: uuid.UUID, context: Context = Context.MEETING) -> QuoteCheck:
        """The check for text about the case's family."""
        with self._db.reader() as s:
            self._case(s, case_id, context)
            return QuoteCheck.of(document_secrets.for_case(s, case_id))

    def marked(self, case_id: uuid.UUID, context: Context) -> list[MarkedWording]:
        """The family's wording marked restricted, newest first."""
        with self._db.reader() as s:
            case = self._case(s, case_id, context)
            rows = s.scalars(
                select(RestrictedWording)
                .where(RestrictedWording.family_id == case.family_id)
                .order_by(RestrictedWording.created_at.desc())
            )
            return [_view(row) for row in rows]

    def mark(self, case_id: uuid.UUID, text: str, context: Context) -> MarkedWording:
        """Mark wording restricted for the case's family (wording marked already is left as it is)."""
        text = " ".join((text or "").split())
        problem = _wording_problem(text)
        if problem:
            raise ValidationError({"text": problem})
        with self._db.session() as s:
            case = self._case(s, case_id, context)
            same = keys(text)
            for row in s.scalars(select(RestrictedWording).where(RestrictedWording.family_id == case.family_id)):
                if keys(row.text) == same:
                    return _view(row)
            row = RestrictedWording(
                family_id=case.family_id, text=text, marked_by_id=self._actor.user_id, marked_by_name=self._actor.name
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self._actor,
                "restricted_wording.marked",
                "restricted_wording",
                row.id,
                {"text": [None, text], "case": [None, case.reference], "where": [None, context]},
            )
            return _view(row)

    def unmark(self, case_id: uuid.UUID, wording_id: uuid.UUID, context: Context) -> None:
        """Documents quote the wording again (unless it quotes something else restricted)."""
        with self._db.session() as s:
            case = self._case(s, case_id, context)
            row = s.get(RestrictedWording, wording_id)
            if row is None or row.family_id != case.family_id:
                raise NotFound("That wording is no longer marked restricted.")
            audit.record(
                s,
                self._actor,
                "restricted_wording.unmarked",
                "restricted_wording",
                row.id,
                {"text": [row.text, None], "case": [None, case.reference], "where": [None, context]},
            )
            s.delete(row)

    def _case(self, s: Session, case_id: uuid.UUID, context: Context) -> Case:
        """The case, if the actor may edit its text where they are; else refused, saying why."""
        if context is Context.PLAN:
            return editable_case(s, self._actor, case_id, "mark restricted the plan's wording")
        if not self._actor.can(Permission.MANAGE_MEETINGS):
            raise PermissionDenied(
                f"{self._actor.who} may not mark a meeting's wording restricted: the chair and business support do."
            )
        return scope.case(s, self._actor, case_id, "mark restricted the meeting's wording")


def _wording_problem(text: str) -> str | None:
    if not text:
        return "Select the words to mark restricted, or type them first."
    if len(text) > MAX_WORDING:
        return (
            f"That is {len(text)} characters long; mark at most {MAX_WORDING} at a time "
            "(select the part that must be withheld)."
        )
    if not says_something(text):
        return f"“{text}” has nothing to withhold: select the words that must not reach documents."
    return None


def _view(row: RestrictedWording) -> MarkedWording:
    return MarkedWording(row.id, row.text, row.marked_by_name, row.created_at)

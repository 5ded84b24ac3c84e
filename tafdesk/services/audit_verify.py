"""Verifying the audit trail's keyed chain, and its head to keep outside the
database as an anchor (administrators; tafdesk itself as the owner).

The chain (tafdesk/db/audit_chain.py) shows any event changed, removed,
reordered or added behind tafdesk's back, but not the newest events cut off
the end: a chain cut short is still a whole chain. Anchors catch that: the
head printed by `tafdesk audit anchor` and kept elsewhere (the council's log,
a mail) must still be in the chain, with the same MAC, when verified later.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from tafdesk.db import Database
from tafdesk.db.audit_chain import LinkCheck, head, link_checks
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.audit import VALUES_ANONYMISED
from tafdesk.services.errors import ValidationError

_ANCHOR = re.compile(r"(\d+):([0-9a-fA-F]{64})")


@dataclass(frozen=True)
class Anchor:
    seq: int
    mac: str
    occurred_at: dt.datetime | None = None  # its event's time, where known

    def __str__(self) -> str:
        return f"{self.seq}:{self.mac}"

    @classmethod
    def parse(cls, given: str) -> Anchor:
        """SEQ:MAC as `tafdesk audit anchor` printed it (what follows it on the line is ignored)."""
        words = given.split()
        found = _ANCHOR.fullmatch(words[0]) if words else None
        if found is None or int(found[1]) < 1:
            raise ValidationError(
                {
                    "--anchor": f"“{given[:80]}” is not an anchor: give it as `tafdesk audit anchor` "
                    "printed it, a link number, a colon and 64 hexadecimal digits."
                }
            )
        return cls(int(found[1]), found[2].lower())


@dataclass(frozen=True)
class Break:
    """The first broken link: what is wrong reads after "link SEQ"."""

    seq: int | None  # None: an event no link names (after every link)
    event_id: uuid.UUID | None
    occurred_at: dt.datetime | None
    what: str


@dataclass(frozen=True)
class Span:
    """Consecutive links whose key is not held here."""

    first: int
    last: int
    first_at: dt.datetime | None
    last_at: dt.datetime | None


@dataclass(frozen=True)
class Verification:
    links: int
    verified: int  # links whose MAC was checked with their key
    broken: Break | None
    unverifiable: tuple[Span, ...] = ()
    anchors: int = 0

    @property
    def ok(self) -> bool:
        return self.broken is None


class AuditChainService:
    def __init__(self, database: Database, actor: Actor) -> None:
        self.db = database
        self.actor = actor

    def verify(self, anchors: Iterable[Anchor] = ()) -> Verification:
        self.actor.require(Permission.VERIFY_AUDIT)
        anchors = list(anchors)
        with self.db.reader() as s:
            records = _anonymisation_records(s)
            return _Checker(records, anchors).run(link_checks(s.connection()))

    def head(self) -> Anchor | None:
        self.actor.require(Permission.VERIFY_AUDIT)
        with self.db.connection() as conn:
            found = head(conn)
        return None if found is None else Anchor(found[0], found[2], found[1])


def _anonymisation_records(s) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Each anonymisation's event id -> the events whose values it anonymised."""
    from tafdesk.models import AuditEvent

    named: dict[uuid.UUID, set[uuid.UUID]] = {}
    for event_id, changes in s.execute(
        select(AuditEvent.id, AuditEvent.changes).where(AuditEvent.action == VALUES_ANONYMISED)
    ):
        try:
            named[event_id] = {uuid.UUID(i) for i in json.loads(changes)["events"][1]}
        except (TypeError, ValueError, KeyError, IndexError):
            named[event_id] = set()  # unreadable: its own link or values check says why
    return named


@dataclass
class _Checker:
    records: dict[uuid.UUID, set[uuid.UUID]]
    anchors: list[Anchor]
    links: int = 0
    verified: int = 0
    broken: Break | None = None
    spans: list[Span] = field(default_factory=list)
    anonymised: set[uuid.UUID] = field(default_factory=set)  # what trusted anonymisations name
    unexplained: list[LinkCheck] = field(default_factory=list)  # values gone or anonymised: named by a record?

    def run(self, rows: Iterable[LinkCheck]) -> Verification:
        expected, previous = 1, None
        for row in rows:
            if row.seq is None:
                self._break(
                    row,
                    "is not in the chain: the event was added without being linked (outside "
                    "tafdesk, or with the database's triggers removed)",
                )
                continue
            if row.seq != expected:
                gap = f"link {expected}" if row.seq == expected + 1 else f"links {expected} to {row.seq - 1}"
                self._break(
                    row._replace(seq=expected, event_id=None, occurred_at=None),
                    f"is missing: {gap} {'has' if row.seq == expected + 1 else 'have'} been removed",
                )
            self._link(row, previous)
            expected, previous = row.seq + 1, row.mac
        self._after(expected - 1)
        return Verification(self.links, self.verified, self.broken, tuple(self.spans), len(self.anchors))

    def _link(self, row: LinkCheck, previous: str | None) -> None:
        self.links += 1
        self._span(row)
        if row.occurred_at is None:
            self._break(row, "is missing its event: the event has been removed")
        elif row.prev_mac != previous:
            self._break(row, "is out of order: it does not follow the link before it")
        elif row.mac_ok is False:
            self._break(row, "was changed: the event no longer matches what was recorded")
        elif row.has_values and row.values_state == "changed":
            self._break(row, "was changed: its values are not those recorded with it")
        elif not row.has_values and row.values_state != "absent":
            self._break(row, "was changed: values were added to an event recorded without any")
        elif row.has_values and row.values_state in ("absent", "anonymised"):
            self.unexplained.append(row)
        elif row.action == VALUES_ANONYMISED and row.event_id:
            self.anonymised |= self.records.get(row.event_id, set())
        self.verified += row.mac_ok is True
        for anchor in self.anchors:
            if anchor.seq == row.seq and anchor.mac != row.mac:
                self._break(
                    row,
                    f"differs from the anchor taken of it ({anchor.mac[:12]}…): "
                    "the chain has been rewritten from there",
                )

    def _span(self, row: LinkCheck) -> None:
        if row.key_held or row.seq is None:  # (a link always has its seq)
            return
        last = self.spans[-1] if self.spans else None
        if last is not None and last.last == row.seq - 1:
            self.spans[-1] = Span(last.first, row.seq, last.first_at, row.occurred_at)
        else:
            self.spans.append(Span(row.seq, row.seq, row.occurred_at, row.occurred_at))

    def _after(self, last: int) -> None:
        for row in self.unexplained:
            if row.event_id not in self.anonymised:
                gone = "anonymised" if row.values_state == "anonymised" else "removed"
                self._break(row, f"was changed: its values were {gone} with no record of an anonymisation")
        for anchor in self.anchors:
            if anchor.seq > last:
                self._break(
                    LinkCheck(anchor.seq, None, None, None, None, None, None, False, None, None, None, "absent"),
                    f"is gone: the chain ends at link {last}, but an anchor was taken at link {anchor.seq} "
                    "(the newest events have been cut off)",
                )

    def _break(self, row: LinkCheck, what: str) -> None:
        """Keep the earliest: links by number, then events in no link."""

        def order(seq: int | None) -> float:
            return float("inf") if seq is None else seq

        if self.broken is None or order(row.seq) < order(self.broken.seq):
            self.broken = Break(row.seq, row.event_id, row.occurred_at, what)

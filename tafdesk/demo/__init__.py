"""A synthetic, realistic and deterministic demo council: Ambervale.

    from tafdesk.demo import generate, DemoSummary
    summary = generate(db, families=400, seed=1, today=None, progress=None)

`generate` fills an empty database (schema already created, no families,
localities or agencies yet) in one transaction. The same seed and the same
`today` give exactly the same rows, ids included; only created_at and
updated_at come from the clock. Every person, address and contact detail is
made up: fictional towns (Northtown, Middleton Central, Southbay), postcode
areas that do not exist (NT, MD, SB), Ofcom's drama telephone ranges and
.example email domains.

What it holds (at the default 400 families):

- localities North, Central and South, each with a weekly Locality Case
  Management Group;
- 14 agencies (6 core, 8 associate, among them the made-up Harbour Family
  Trust) and 92 professionals with FTE, specialisms, leave (four away next
  week) and three who have left;
- families of 2-7 people with case histories going back up to seven years:
  closed cases with their closure reasons (at the front door, at a meeting or
  after a TAF), repeat referrals, open cases weighted by the allocation
  core's rules and led so that most professionals carry 45-105% of their
  capacity (leading, plus a quarter of each case they support), supporters,
  and TAF plans (drafts, agreed versions, reviews with scores and RAG
  progress, closures) for cases opened in the last two years;
- 25 new 360-degree profiles waiting for next week's meetings (awaiting
  triage, awaiting the meeting, or deferred last week), three of them repeat
  referrals of known families and one a mistyped duplicate of a known family;
- the last eight weeks' meetings with attendance, agenda and decisions, and
  next week's planned meetings with their agendas;
- every Team Around the Family that closed: its closure approved by the
  locality's manager (each need met, partly met or not met, the family's
  view) and, for a step up or down, the group's approval of the request
  (a step-up's referral to children's social care and its answer);
- DfE ethnicity codes where the wording says one (a bare "Mixed" is left
  for a person to code);
- the weeks between the meetings, done through the services on the demo's
  clock (between.py): case notes (one restricted, one corrected), first
  contacts, actions marked done and not done, consent (one withdrawn, so on
  the next agenda), Early Help Assessments, outcome evidence, requests to the
  group (decided at the latest meeting, or waiting on next week's), a step-up
  referred, closures (one reopened, one returned, one waiting), a transition
  plan from social care and a change of lead waiting for an answer. The same
  handful of families in each locality however large the council, the demo's
  lead professionals' first.

Users to sign in as, every one with the password `demo` (on PostgreSQL their
login roles are made with it):

    admin                                   administrator
    manager.north, manager.central,
    manager.south                           locality managers (chair the LCMG)
    support1, support2                      business support
    lead.north1, lead.north2,
    lead.central1, lead.central2,
    lead.south1, lead.south2                lead professionals, each linked to a
                                            professional in that locality

A username that already exists in the database (such as a first administrator
made with `tafdesk users add`) is left as it is and not created again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tafdesk.demo.council import DemoSummary, generate

__all__ = ["DemoSummary", "generate"]


def __getattr__(name: str) -> Any:
    """The generator loads when it is asked for: the row writer's process
    plays the weeks between the meetings (between_run.py) without it."""
    if name in __all__:
        from tafdesk.demo import council

        return getattr(council, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

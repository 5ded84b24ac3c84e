"""Documents: one TAF plan as PDF and as Word, and a 40-decision meeting's
letters made by tafdesk beside LibreOffice converting the same letters from
Word to PDF, in the same run.

plan_*: a typical demo plan (the median number of reviews), read once with
what it must not quote; each run withholds restricted quotes from its text,
builds the document (chart included) and renders it. Medians of 15 runs
after one to warm up.

Meeting pack: a copy of the demo database whose biggest closed meeting is
given decided items from other closed meetings until it has 40. tafdesk's
time is `produce_letters` for PDF (reading, building, rendering, writing
through a temporary file with fsync, and registering each letter), median of
3; the letters render in worker processes over the machine's cores, started
by the first (untimed) run as the Documents page starts them when its pack
dialog opens. LibreOffice's is one `soffice --headless --convert-to pdf` of the same
letters as .docx, with a profile it has already started once, median of 2.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import BENCH_DAY, Result, demo_database, median

RUNS = 15
DECISIONS = 40


def run() -> list[Result]:
    from tafdesk.db.location import resolve_url
    from tafdesk.db.schema import open_database
    from tafdesk.exports import batch

    source = demo_database(400)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        copy = work / "pack.sqlite"
        shutil.copy(source, copy)
        db = open_database(resolve_url(str(copy)), backup_dir=work / "backups")  # brings an older copy up to date
        try:
            results = _plan(db)
            results += _pack(db, work)
        finally:
            db.dispose()
            batch.shutdown()  # the renderers end with the suite
    return results


def _actor(db):
    from tafdesk.services.passwords import DEMO_PASSWORD
    from tafdesk.services.users import UserService

    return UserService(db).sign_in("support1", DEMO_PASSWORD)


def _plan(db) -> list[Result]:
    from sqlalchemy import func, select

    from tafdesk.exports import redaction
    from tafdesk.exports.builders.plan import build_plan
    from tafdesk.exports.docx import render_docx
    from tafdesk.exports.pdf import render_pdf
    from tafdesk.models import Case, TafPlan, TafReview
    from tafdesk.services import document_secrets
    from tafdesk.services.letterhead import LetterheadService
    from tafdesk.services.plans import PlanService

    actor = _actor(db)
    with db.reader() as s:  # a plan of the localities business support serves
        counts = s.execute(
            select(TafPlan.case_id, func.count(TafReview.id))
            .join(TafReview, TafReview.plan_id == TafPlan.id)
            .join(Case, Case.id == TafPlan.case_id)
            .where(Case.locality_id.in_(list(actor.localities)))
            .group_by(TafPlan.case_id)
            .order_by(func.count(TafReview.id), TafPlan.case_id)
        ).all()
    case_id = counts[len(counts) // 2][0]
    view = PlanService(db, actor).current(case_id)
    letterhead = LetterheadService(db, actor).letterhead()
    with db.reader() as s:
        redact = redaction.redactor(document_secrets.for_case(s, case_id))
    timings = {}
    for name, renderer in (("pdf", render_pdf), ("docx", render_docx)):
        renderer(build_plan(redaction.withheld_plan(view, redact), letterhead, "bench"))
        runs = []
        for _ in range(RUNS):
            started = time.perf_counter()
            renderer(build_plan(redaction.withheld_plan(view, redact), letterhead, "bench"))
            runs.append((time.perf_counter() - started) * 1000)
        timings[name] = median(runs)
    return [
        Result("plan_pdf_ms", timings["pdf"], "ms", "<= 100"),
        Result("plan_docx_ms", timings["docx"], "ms", "<= 150"),
    ]


def _forty_decisions(db, localities) -> object:
    """The biggest closed meeting of these localities, given other closed
    meetings' decided items until it has DECISIONS of them."""
    from sqlalchemy import func, select, update

    from tafdesk.models import AgendaItem, Decision, Meeting, MeetingStatus

    with db.session() as s:
        decided = (
            select(AgendaItem.meeting_id, func.count())
            .join(Decision, Decision.agenda_item_id == AgendaItem.id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(Meeting.status == MeetingStatus.CLOSED, Meeting.locality_id.in_(list(localities)))
            .group_by(AgendaItem.meeting_id)
            .order_by(func.count().desc())
        )
        target = s.execute(decided).first()[0]
        have = set(s.scalars(select(AgendaItem.case_id).where(AgendaItem.meeting_id == target)))
        count = len(have)
        others = s.execute(
            select(AgendaItem.id, AgendaItem.case_id)
            .join(Decision, Decision.agenda_item_id == AgendaItem.id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(Meeting.status == MeetingStatus.CLOSED, AgendaItem.meeting_id != target)
            .order_by(Meeting.starts_at.desc())
        ).all()
        for item_id, case_id in others:
            if count >= DECISIONS:
                break
            if case_id in have:
                continue
            have.add(case_id)
            s.execute(update(AgendaItem).where(AgendaItem.id == item_id).values(meeting_id=target, position=count))
            count += 1
    return target


def _pack(db, work: Path) -> list[Result]:
    from tafdesk.models import DocumentFormat
    from tafdesk.services.documents import DocumentService

    soffice = shutil.which("soffice")
    actor = _actor(db)
    meeting_id = _forty_decisions(db, actor.localities)
    service = DocumentService(db, actor, today=BENCH_DAY)
    service.produce_letters(meeting_id, work / "warm", formats=(DocumentFormat.PDF,))  # fonts and imports loaded
    our_runs = []
    for run_number in range(3):
        started = time.perf_counter()
        ours = service.produce_letters(meeting_id, work / f"ours{run_number}", formats=(DocumentFormat.PDF,))
        our_runs.append(time.perf_counter() - started)
    our_time = median(our_runs)
    started = time.perf_counter()
    both = service.produce_meeting_pack(meeting_id, work / "pack")
    pack_time = time.perf_counter() - started
    results = [
        Result("meeting_pack_letters", len(ours), "count"),
        Result("meeting_pack_letters_pdf_s", our_time, "s"),
        Result("meeting_pack_both_formats_s", pack_time, "s"),
        Result("meeting_pack_both_formats_files", len(both), "count"),
    ]
    if soffice is None:
        print("bench documents: soffice is not installed, so LibreOffice's side is not measured", flush=True)
        return results
    docx = sorted(str(p) for p in (work / "pack").glob("*.docx") if not p.name.startswith("minutes_"))
    profile = (work / "lo-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(work / "lo-warm"), docx[0]], check=True, capture_output=True)
    their_runs = []
    for run_number in range(2):
        started = time.perf_counter()
        subprocess.run([*command, "--outdir", str(work / f"lo{run_number}"), *docx], check=True, capture_output=True)
        their_runs.append(time.perf_counter() - started)
        converted = len(list((work / f"lo{run_number}").glob("*.pdf")))
        if converted != len(docx):
            raise RuntimeError(f"LibreOffice converted {converted} of {len(docx)} letters")
    their_time = median(their_runs)
    return [
        *results,
        Result("libreoffice_letters_pdf_s", their_time, "s"),
        Result("meeting_pack_speedup_vs_libreoffice", their_time / our_time, "x", ">= 10"),
    ]

"""Producing documents: minutes (full and circulation), letters and TAF
plans, as PDF and Word files, each registered and audited.

`produce_meeting_pack` makes everything a closed meeting calls for, into one
folder: both editions of the minutes and every letter, in each format asked
for. It reports progress and stops between documents when `cancelled()`
says so; each file is written through a temporary file and renamed, so a
cancel or a crash never leaves a half-written document.

Each document carries the letterhead, and each letter the template, of its
locality: the meeting's for minutes, the case's for letters and plans (the
locality's own, or else the council-wide one). The register records which
template version each letter was made from.

Reading is done in one short session per call; rendering (the slow part)
happens outside any session, in worker processes for a large batch
(`tafdesk.exports.batch`), while this process writes each file in order;
a batch's files are registered together, in one transaction, once written
(or once cancelled or failed: whatever reached the disk is in the register).
"""

from __future__ import annotations

import builtins  # DocumentService.list hides list inside the class
import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk import clock
from tafdesk.clock import LOCAL_TIME
from tafdesk.db import Database
from tafdesk.exports import batch, files, redaction
from tafdesk.exports.builders.letters import build_letter, letters_for, recipient_name, refusal, view_for
from tafdesk.exports.builders.minutes import build_circulation_minutes, build_full_minutes
from tafdesk.exports.document import Document, Letterhead
from tafdesk.exports.letter_data import FamilyView, ProfessionalView, ReferrerView
from tafdesk.exports.letter_notices import LetterheadGap, letterhead_gaps
from tafdesk.exports.letter_rules import LETTERS_FOR_OUTCOME
from tafdesk.exports.merge_fields import LETTER_NAMES, LETTER_TYPES, Common, values_for
from tafdesk.exports.template_text import unavailable
from tafdesk.models import (
    AgendaItem,
    Case,
    Decision,
    DocumentFormat,
    DocumentType,
    Family,
    Locality,
    Meeting,
    MeetingStatus,
    SendMethod,
)
from tafdesk.private_files import private_folder
from tafdesk.services import document_register, document_secrets, document_sources, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.consent import professional_agency, sharing_blocks
from tafdesk.services.document_register import RegisterEntry
from tafdesk.services.errors import ConflictError, ConsentWithdrawn, NotFound, ServiceError, ValidationError
from tafdesk.services.letterhead import letterheads_for, own_letterhead_name
from tafdesk.services.minutes import MinutesService
from tafdesk.services.templates import TemplateVersion, current_templates
from tafdesk.services.views import Looks

LetterView = FamilyView | ReferrerView | ProfessionalView
Progress = Callable[[int, int, str], None]  # done, total, what is being made
EDITIONS = (DocumentType.MINUTES_FULL, DocumentType.MINUTES_CIRCULATION)
BOTH = (DocumentFormat.PDF, DocumentFormat.DOCX)
# On a plan or letter made offline from changes the server has not yet had.
UNSYNCED_MARKING = "Draft — not yet synchronised"
# The letters a lead professional makes for their own families (PRODUCE_FAMILY_LETTERS).
FAMILY_LETTERS = (DocumentType.LETTER_FAMILY, DocumentType.LETTER_REVIEW_INVITATION)


@dataclass(frozen=True)
class MeetingChoice:
    id: uuid.UUID
    label: str  # "North 2026-12-01"
    starts_at: dt.datetime
    status: MeetingStatus
    decisions: int


@dataclass(frozen=True)
class _Job:
    """One document to make, in one or more formats."""

    doc_type: DocumentType
    name: Callable[[DocumentFormat], str]
    build: Callable[[], Document]
    recipient: str | None
    case_id: uuid.UUID | None
    label: str
    template: TemplateVersion | None = None  # a letter's, for the register


@dataclass(frozen=True)
class _Written:
    """A file written, waiting to be registered."""

    doc_type: DocumentType
    fmt: DocumentFormat
    path: Path
    digest: str
    recipient: str | None
    case_id: uuid.UUID | None
    meeting_id: uuid.UUID | None
    version: int = 1
    template: TemplateVersion | None = None


class DocumentService:
    def __init__(self, db: Database, actor: Actor, today: dt.date | None = None) -> None:
        self._db = db
        self._actor = actor
        self._today = today
        self._labels: dict[uuid.UUID | None, str | None] = {}  # case references and meeting labels already looked up
        self._families: dict[uuid.UUID | None, str | None] = {}
        self._looks = Looks(db, actor)

    def today(self) -> dt.date:
        return self._today or clock.today()

    # -- finding meetings -----------------------------------------------------

    def closed_meetings(self, limit: int = 100) -> list[MeetingChoice]:
        """Closed meetings, newest first: those a pack can be made for."""
        self._actor.require(Permission.PRODUCE_DOCUMENTS)
        with self._db.reader() as s:
            counts = dict(
                s.execute(
                    select(AgendaItem.meeting_id, func.count(Decision.id))
                    .join(Decision, Decision.agenda_item_id == AgendaItem.id)
                    .group_by(AgendaItem.meeting_id)
                ).all()
            )
            rows = s.execute(
                select(Meeting, Locality.name)
                .join(Locality, Locality.id == Meeting.locality_id)
                .where(Meeting.status == MeetingStatus.CLOSED, scope.in_localities(self._actor, Meeting.locality_id))
                .order_by(Meeting.starts_at.desc(), Locality.name)
                .limit(limit)
            ).all()
            return [
                MeetingChoice(
                    m.id,
                    f"{name} {m.starts_at.astimezone(LOCAL_TIME).date().isoformat()}",
                    m.starts_at,
                    m.status,
                    counts.get(m.id, 0),
                )
                for m, name in rows
            ]

    def find_meeting(self, name: str) -> uuid.UUID:
        """A meeting named as on the command line: "North 2026-12-01"."""
        self._actor.require(Permission.PRODUCE_DOCUMENTS)
        with self._db.reader() as s:
            meeting_id = document_sources.find_meeting(s, name)
            self._meeting(s, meeting_id, "produce documents")
            return meeting_id

    def find_case(self, reference: str) -> uuid.UUID:
        """A case by its reference: business support's and managers' in their localities, a lead professional's own."""
        self._require_documents_or_plans()
        with self._db.reader() as s:
            case_id = s.scalar(select(Case.id).where(Case.reference == reference.strip().upper()))
            if case_id is None:
                raise NotFound(f"There is no case with the reference {reference}.")
            scope.case(s, self._actor, case_id, "produce documents")
        return case_id

    def _require_documents_or_plans(self) -> None:
        """Documents are business support's and managers'; a lead professional
        has copies of their own families' plans."""
        if not self._actor.can(Permission.PRODUCE_DOCUMENTS):
            self._actor.require(Permission.VIEW_PLANS)

    def _meeting(self, s: Session, meeting_id: uuid.UUID, what: str) -> Meeting:
        return scope.meeting(s, self._actor, meeting_id, what)

    # -- building documents (no files) ------------------------------------------

    def minutes_document(self, meeting_id: uuid.UUID, edition: DocumentType) -> Document:
        self._actor.require(Permission.PRODUCE_DOCUMENTS)
        if edition not in EDITIONS:
            raise ValidationError({"edition": "Minutes come in two editions: full and circulation."})
        with self._db.reader() as s:
            self._meeting(s, meeting_id, "produce documents")
        minutes = MinutesService(self._db, self._actor).minutes(meeting_id)
        with self._db.reader() as s:
            place = s.scalar(select(Meeting.locality_id).where(Meeting.id == meeting_id))
            letterhead = letterheads_for(s, {place})[place]
            if edition is DocumentType.MINUTES_FULL:
                summaries = document_sources.minutes_summaries(s, meeting_id)
            else:
                redact = redaction.redactor(
                    document_secrets.for_meeting(s, meeting_id), document_secrets.professional_names(s, meeting_id)
                )
                withheld = document_sources.consent_withdrawn_references(s, meeting_id)
        if edition is DocumentType.MINUTES_FULL:
            return build_full_minutes(minutes, summaries, letterhead, letterhead.organisation)
        return build_circulation_minutes(
            redaction.circulation_minutes(minutes, redact, withheld), letterhead, letterhead.organisation
        )

    def plan_document(self, case_id: uuid.UUID) -> Document:
        self._require_plan_copy(case_id)
        from tafdesk.exports.builders.plan import build_plan
        from tafdesk.services.plans import PlanService

        plan = PlanService(self._db, self._actor, today=self._today).current(case_id)
        if plan is None:
            raise NotFound("This family has no TAF plan yet.")
        with self._db.reader() as s:
            redact = redaction.redactor(document_secrets.for_case(s, case_id))
            place = document_sources.case_localities(s, [case_id]).get(case_id)
            letterhead = letterheads_for(s, {place})[place]
        document = build_plan(redaction.withheld_plan(plan, redact), letterhead, letterhead.organisation)
        return self._unsynced_marked(document, case_id)

    def _unsynced_marked(self, document: Document, case_id: uuid.UUID) -> Document:
        """Made offline from changes the server has not had: said on every page."""
        if not self._db.unsynced(case_id):
            return document
        marking = " · ".join(filter(None, (document.marking, UNSYNCED_MARKING)))
        return dataclasses.replace(document, marking=marking)

    def _require_plan_copy(self, case_id: uuid.UUID) -> None:
        """Business support and managers make the copy of any plan of their
        localities; a lead professional their own team's, so that everyone in
        it has one."""
        self._require_documents_or_plans()
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "have a copy of the plan")
            blocks = sharing_blocks(s, case_id)
            team = blocks.whole_team
            if team is not None:
                raise ConsentWithdrawn(f"No copy of the plan can be made for the team: {team.words}.")
            own = blocks.reason(professional_agency(s, self._actor.professional_id))
            if own is not None and self._actor.professional_id is not None:
                raise ConsentWithdrawn(f"No copy of the plan can be made for your agency: {own}.")

    def case_letter(self, case_id: uuid.UUID, letter_type: DocumentType) -> tuple[Document, str]:
        """One letter for a case outside a meeting pack (such as a TAF review
        invitation); returns the document and its recipient."""
        document, recipient, _ = self._case_letter(case_id, letter_type)
        return document, recipient

    def _case_letter(
        self, case_id: uuid.UUID, letter_type: DocumentType, *, current_lead: bool = False
    ) -> tuple[Document, str, TemplateVersion]:
        self._actor.require(
            Permission.PRODUCE_FAMILY_LETTERS if letter_type in FAMILY_LETTERS else Permission.PRODUCE_DOCUMENTS
        )
        if letter_type not in LETTER_TYPES:
            raise ValidationError({"letter_type": f"{letter_type.value} is not a kind of letter."})
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "produce letters")
            facts = document_sources.case_letter_facts(
                s, case_id, self.today(), current_lead=current_lead, offline_copy=self._db.offline_copy
            )
            place = document_sources.case_localities(s, [case_id]).get(case_id)
            letterhead = letterheads_for(s, {place})[place]
            template = current_templates(s, {place}, (letter_type,))[place][letter_type]
        reason = refusal(letter_type, facts)
        if reason is not None:
            raise ConflictError(
                f"{facts.case_reference}: no {LETTER_NAMES[letter_type].lower()} can be made: {reason}."
            )
        view = view_for(letter_type, facts)
        common = self._common(letterhead)
        self._refuse_unfillable([(facts.case_reference, letter_type, template.body, view, place)], {place: common})
        document = build_letter(letter_type, template.body, view, common, letterhead)
        return self._unsynced_marked(document, case_id), recipient_name(letter_type, view), template

    # -- producing files ------------------------------------------------------------

    def produce_minutes(
        self, meeting_id: uuid.UUID, edition: DocumentType, fmt: DocumentFormat, path: Path
    ) -> RegisterEntry:
        document = self.minutes_document(meeting_id, edition)
        recipient = "Members of the group" if edition is DocumentType.MINUTES_FULL else "Circulation"
        return self._write(document, edition, fmt, Path(path), recipient, None, meeting_id)

    def produce_plan(self, case_id: uuid.UUID, fmt: DocumentFormat, path: Path) -> RegisterEntry:
        return self._write(
            self.plan_document(case_id), DocumentType.TAF_PLAN, fmt, Path(path), "Team Around the Family", case_id, None
        )

    def produce_case_letter(
        self, case_id: uuid.UUID, letter_type: DocumentType, fmt: DocumentFormat, path: Path
    ) -> RegisterEntry:
        document, recipient, template = self._case_letter(case_id, letter_type)
        return self._save(
            files.render(document, fmt), letter_type, fmt, Path(path), recipient, case_id, None, template=template
        )

    def produce_lead_change_letters(
        self, case_id: uuid.UUID, folder: Path, fmt: DocumentFormat = DocumentFormat.PDF
    ) -> builtins.list[RegisterEntry]:
        """After a change of lead outside a meeting: the letter to the family
        and the allocation letter to the new lead, both naming the lead now."""
        self._actor.require(Permission.PRODUCE_DOCUMENTS)  # before the first is made
        made = []
        for letter_type in (DocumentType.LETTER_FAMILY, DocumentType.LETTER_ALLOCATION):
            document, recipient, template = self._case_letter(case_id, letter_type, current_lead=True)
            path = Path(folder) / f"{letter_type.value}-{case_id.hex[:8]}.{fmt.value}"
            made.append(
                self._save(
                    files.render(document, fmt), letter_type, fmt, path, recipient, case_id, None, template=template
                )
            )
        return made

    def produce_letters(
        self,
        meeting_id: uuid.UUID,
        folder: Path,
        formats: Iterable[DocumentFormat] = BOTH,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[RegisterEntry]:
        """Every letter the meeting's decisions call for."""
        return self._run(meeting_id, self._letter_jobs(meeting_id), Path(folder), tuple(formats), progress, cancelled)

    def produce_meeting_pack(
        self,
        meeting_id: uuid.UUID,
        folder: Path,
        formats: Iterable[DocumentFormat] = BOTH,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[RegisterEntry]:
        """Both editions of the minutes and every letter of a closed meeting."""
        self._actor.require(Permission.PRODUCE_DOCUMENTS)
        with self._db.reader() as s:
            meeting = self._meeting(s, meeting_id, "produce documents")
            if meeting.status is not MeetingStatus.CLOSED:
                raise ConflictError("A meeting pack is made once the meeting is closed: close the meeting first.")
            label = document_sources.meeting_label(s, meeting_id)
        jobs = [
            _Job(
                edition,
                partial(files.minutes_file_name, label, edition),
                partial(self.minutes_document, meeting_id, edition),
                "Members of the group" if edition is DocumentType.MINUTES_FULL else "Circulation",
                None,
                f"{'Full' if edition is DocumentType.MINUTES_FULL else 'Circulation'} minutes",
            )
            for edition in EDITIONS
        ]
        jobs += self._letter_jobs(meeting_id)
        return self._run(meeting_id, jobs, Path(folder), tuple(formats), progress, cancelled)

    def prepare_for_a_pack(self) -> None:
        """Start the processes that render large batches, ahead of a pack."""
        batch.prepare()

    def register(
        self,
        doc_type: DocumentType,
        fmt: DocumentFormat,
        path: Path,
        recipient: str | None = None,
        case_id: uuid.UUID | None = None,
        meeting_id: uuid.UUID | None = None,
    ) -> RegisterEntry:
        """Record a document file in the register (its SHA-256 is read from the file)."""
        self._actor.require(Permission.PRODUCE_DOCUMENTS)
        with self._db.reader() as s:
            self._require_about(s, case_id, meeting_id, "register documents")
        path = Path(path).resolve()
        if not path.is_file():
            raise NotFound(f"There is no file at {path} to register.")
        return self._record(doc_type, fmt, path, files.sha256_of(path), recipient, case_id, meeting_id)

    def list(
        self, *, limit: int = 1000, case_id: uuid.UUID | None = None, meeting_id: uuid.UUID | None = None
    ) -> builtins.list[RegisterEntry]:
        """The register of the actor's localities, newest first."""
        self._actor.require(Permission.PRODUCE_DOCUMENTS)
        with self._db.reader() as s:
            return document_register.entries(
                s, limit=limit, case_id=case_id, meeting_id=meeting_id, visible_to=self._actor
            )

    def entry(self, document_id: uuid.UUID) -> RegisterEntry:
        self._actor.require(Permission.PRODUCE_DOCUMENTS)
        with self._db.reader() as s:
            found = document_register.entries(s, document_id=document_id)
            if not found:
                raise NotFound("That document is no longer in the register.")
            self._require_about(s, found[0].case_id, found[0].meeting_id, "open documents")
        return found[0]

    def _require_about(self, s: Session, case_id: uuid.UUID | None, meeting_id: uuid.UUID | None, what: str) -> None:
        """A document is about a case, a meeting or both: the actor's to handle."""
        if case_id is not None:
            scope.case(s, self._actor, case_id, what)
        if meeting_id is not None:
            self._meeting(s, meeting_id, what)

    def verify(self, document_id: uuid.UUID) -> Path:
        """The file of a register entry, once its checksum shows it is the
        file tafdesk produced (before opening, printing or sending it)."""
        return _checked_file(self.entry(document_id))

    def open_file(self, document_id: uuid.UUID) -> Path:
        """The entry's file, checked, to open in its application: each opening is audited first."""
        path = self.verify(document_id)
        self._looks.record("document.opened", "generated_document", document_id, "The document", every_time=True)
        return path

    def print_file(self, document_id: uuid.UUID) -> Path:
        """The entry's file, checked, to send to a printer: each printing is
        audited first. A lead professional prints copies of their families' plans."""
        if self._actor.can(Permission.PRODUCE_DOCUMENTS):
            entry = self.entry(document_id)
        else:
            entry = self._plan_copy(document_id)
        path = _checked_file(entry)
        self._looks.record("document.printed", "generated_document", document_id, "The document", every_time=True)
        return path

    def _plan_copy(self, document_id: uuid.UUID) -> RegisterEntry:
        with self._db.reader() as s:
            found = document_register.entries(s, document_id=document_id)
        if not found or found[0].doc_type is not DocumentType.TAF_PLAN or found[0].case_id is None:
            raise NotFound("That copy of the plan is no longer in the register.")
        self._require_plan_copy(found[0].case_id)
        return found[0]

    def mark_sent(self, document_id: uuid.UUID, how: SendMethod | None, on: dt.date | None = None) -> RegisterEntry:
        """Record that the document was sent (posted, emailed or handed over),
        by whom and when; None records that it was not."""
        self.entry(document_id)  # the actor's to handle
        with self._db.session() as s:
            document_register.mark_sent(s, self._actor, document_id, how, (on or self.today()) if how else None)
        return self.entry(document_id)

    def produce_letter(
        self,
        meeting_id: uuid.UUID,
        case_id: uuid.UUID,
        letter_type: DocumentType,
        folder: Path,
        formats: Iterable[DocumentFormat] = BOTH,
    ) -> builtins.list[RegisterEntry]:
        """One letter of a meeting's pack, alone (made again: a new version)."""
        jobs = [j for j in self._letter_jobs(meeting_id) if j.case_id == case_id and j.doc_type is letter_type]
        if not jobs:
            with self._db.reader() as s:
                facts = dict(document_sources.meeting_letter_facts(s, meeting_id, self.today())).get(case_id)
            reason = refusal(letter_type, facts) if facts else "the family was not decided on at this meeting"
            raise ConflictError(f"No {LETTER_NAMES[letter_type].lower()} can be made: {reason}.")
        return self._run(meeting_id, jobs, Path(folder), tuple(formats), None, None)

    def reproduce(self, document_id: uuid.UUID) -> RegisterEntry:
        """Make a register entry's document again, beside it, as a new version."""
        entry = self.entry(document_id)
        folder, fmt = Path(entry.path).parent, entry.doc_format
        if entry.meeting_id and entry.doc_type in LETTER_TYPES:
            return self.produce_letter(entry.meeting_id, _case_of(entry), entry.doc_type, folder, (fmt,))[0]
        if entry.doc_type is DocumentType.BOARD_PACK:
            raise ConflictError(
                "A board pack is made again from the Reports page or `tafdesk report board-pack`, "
                "with the narrative written for it."
            )
        template = None
        if entry.meeting_id:
            document = self.minutes_document(entry.meeting_id, entry.doc_type)
        elif entry.doc_type is DocumentType.TAF_PLAN:
            document = self.plan_document(_case_of(entry))
        elif entry.doc_type in (DocumentType.CHRONOLOGY_FULL, DocumentType.CHRONOLOGY_AGENCIES):
            from tafdesk.services.chronology_export import ChronologyExport

            full = entry.doc_type is DocumentType.CHRONOLOGY_FULL
            document = ChronologyExport(self._db, self._actor).document(_case_of(entry), full=full)
        else:
            document, _, template = self._case_letter(_case_of(entry), entry.doc_type)
        return self._save(
            files.render(document, fmt),
            entry.doc_type,
            fmt,
            Path(entry.path),
            entry.recipient,
            entry.case_id,
            entry.meeting_id,
            versioned=True,
            template=template,
        )

    # -- inside ----------------------------------------------------------------------

    def _common(self, head: Letterhead) -> Common:
        return Common(self.today(), head, head.signatory_name or "", head.signatory_title)  # never a login name

    def _letter_jobs(self, meeting_id: uuid.UUID) -> builtins.list[_Job]:
        self._actor.require(Permission.PRODUCE_DOCUMENTS)
        with self._db.reader() as s:  # every locality's letterhead and templates read once, for the whole pack
            self._meeting(s, meeting_id, "produce letters")
            decided = document_sources.meeting_letter_facts(s, meeting_id, self.today())
            places = document_sources.case_localities(s, [case_id for case_id, _ in decided])
            commons = {place: self._common(head) for place, head in letterheads_for(s, set(places.values())).items()}
            templates = current_templates(s, set(places.values()), LETTER_TYPES)
        jobs, checks = [], []
        for case_id, facts in decided:
            place = places[case_id]
            for letter_type in letters_for(facts):
                view = view_for(letter_type, facts)  # the recipient's view: all the letter ever sees
                template = templates[place][letter_type]
                checks.append((facts.case_reference, letter_type, template.body, view, place))
                jobs.append(
                    self._letter_job(case_id, facts.case_reference, letter_type, view, template, commons[place])
                )
        self._refuse_unfillable(checks, commons)  # before any file is written
        return jobs

    def letters_not_made(self, meeting_id: uuid.UUID) -> builtins.list[str]:
        """Each letter a decision of the meeting would call for that cannot be
        sent, and why (such as a household where nobody may be written to)."""
        self._actor.require(Permission.PRODUCE_DOCUMENTS)
        with self._db.reader() as s:
            self._meeting(s, meeting_id, "produce letters")
            decided = document_sources.meeting_letter_facts(s, meeting_id, self.today())
        out = []
        for _, facts in decided:
            for letter_type in LETTERS_FOR_OUTCOME.get(facts.outcome, ()) if facts.outcome else ():
                reason = refusal(letter_type, facts)
                if reason is not None:
                    out.append(f"{facts.case_reference}: {LETTER_NAMES[letter_type].lower()}: {reason}")
        return out

    @staticmethod
    def _letter_job(
        case_id: uuid.UUID,
        reference: str,
        letter_type: DocumentType,
        view: LetterView,
        template: TemplateVersion,
        common: Common,
    ) -> _Job:
        return _Job(
            letter_type,
            lambda fmt: files.letter_file_name(reference, letter_type, fmt),
            lambda: build_letter(letter_type, template.body, view, common, common.letterhead),
            recipient_name(letter_type, view),
            case_id,
            f"{reference}: {letter_type.value.removeprefix('letter_').replace('_', ' ')} letter",
            template,
        )

    def _refuse_unfillable(
        self,
        letters: Sequence[tuple[str, DocumentType, str, LetterView, uuid.UUID | None]],
        commons: dict[uuid.UUID | None, Common],
    ) -> None:
        """Refuse, naming each letter and field, when a template asks for what
        this letter cannot truthfully say (no lead was allocated), or a
        letterhead lacks what letters must carry (saying whose)."""
        for place in dict.fromkeys(place for *_, place in letters):
            gaps = letterhead_gaps(commons[place].letterhead)
            if gaps:
                with self._db.reader() as s:
                    raise ConflictError(str(LetterheadGap(gaps, own_letterhead_name(s, place))))
        problems = []
        for reference, letter_type, template, view, place in letters:
            for problem in unavailable(template, values_for(letter_type, view, commons[place])):
                problems.append(
                    f"{reference}, {LETTER_NAMES[letter_type].lower()}: line {problem.line}: {problem.message}"
                )
        if problems:
            raise ConflictError("These letters cannot be made as their templates stand:\n" + "\n".join(problems))

    def _run(
        self,
        meeting_id: uuid.UUID,
        jobs: builtins.list[_Job],
        folder: Path,
        formats: tuple[DocumentFormat, ...],
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> builtins.list[RegisterEntry]:
        if not formats:
            raise ValidationError({"formats": "Choose PDF, Word or both."})
        folder = folder.resolve()
        try:
            private_folder(folder)
        except OSError as exc:
            raise ServiceError(f"The folder {folder} cannot be used: {exc.strerror or exc}.") from None
        total = len(jobs) * len(formats)
        done = 0
        stop = cancelled or (lambda: False)
        made = [(job, fmt) for job in jobs for fmt in formats]
        with self._db.reader() as s:
            latest = document_register.latest_versions(s, meeting_id)
        rendered = batch.render_all(_built(jobs, formats, stop), total)
        written: list[_Written] = []
        try:
            for (job, fmt), data in zip(made, rendered, strict=False):
                if stop():  # made but not yet written: nothing goes to disk
                    break
                if progress:
                    progress(done, total, f"{job.label} ({fmt.value.upper()})")
                version = latest.get((job.doc_type, fmt, job.case_id), 0) + 1
                written.append(
                    self._file(
                        data,
                        job.doc_type,
                        fmt,
                        folder / job.name(fmt),
                        job.recipient,
                        job.case_id,
                        meeting_id,
                        versioned=True,
                        version=version,
                        template=job.template,
                    )
                )
                done += 1
        finally:
            rendered.close()  # a cancel leaves nothing rendering for nobody
            produced = self._register(written)  # what reached the disk, in one transaction
        if progress:
            progress(done, total, "Cancelled" if stop() else "Done")
        return produced

    def _write(
        self,
        document: Document,
        doc_type: DocumentType,
        fmt: DocumentFormat,
        path: Path,
        recipient: str | None,
        case_id: uuid.UUID | None,
        meeting_id: uuid.UUID | None,
    ) -> RegisterEntry:
        return self._save(files.render(document, fmt), doc_type, fmt, path, recipient, case_id, meeting_id)

    def _save(
        self,
        data: bytes,
        doc_type: DocumentType,
        fmt: DocumentFormat,
        path: Path,
        recipient: str | None,
        case_id: uuid.UUID | None,
        meeting_id: uuid.UUID | None,
        versioned: bool = False,
        template: TemplateVersion | None = None,
    ) -> RegisterEntry:
        """Write one file and register it."""
        return self._register(
            [self._file(data, doc_type, fmt, path, recipient, case_id, meeting_id, versioned, template=template)]
        )[0]

    def _file(
        self,
        data: bytes,
        doc_type: DocumentType,
        fmt: DocumentFormat,
        path: Path,
        recipient: str | None,
        case_id: uuid.UUID | None,
        meeting_id: uuid.UUID | None,
        versioned: bool = False,
        version: int | None = None,
        template: TemplateVersion | None = None,
    ) -> _Written:
        """Write the file, to be registered. `versioned`: tafdesk chose the
        name, so each making is kept under its own (an earlier entry keeps its file)."""
        path = path.resolve()
        if version is None:
            with self._db.reader() as s:
                version = document_register.next_version(s, doc_type, fmt, case_id, meeting_id)
        if versioned:
            path, version = files.free_versioned_path(path, version)
        try:
            digest = files.write_atomically(path, data)
        except OSError as exc:
            raise ServiceError(f"{path} could not be written: {exc.strerror or exc}.") from None
        return _Written(doc_type, fmt, path, digest, recipient, case_id, meeting_id, version, template)

    def _record(
        self,
        doc_type: DocumentType,
        fmt: DocumentFormat,
        path: Path,
        digest: str,
        recipient: str | None,
        case_id: uuid.UUID | None,
        meeting_id: uuid.UUID | None,
    ) -> RegisterEntry:
        return self._register([_Written(doc_type, fmt, path, digest, recipient, case_id, meeting_id)])[0]

    def _register(self, written: builtins.list[_Written]) -> builtins.list[RegisterEntry]:
        """Register files already on disk, all in one transaction (a pack's
        letters cost one commit, not one each)."""
        if not written:
            return []
        with self._db.session() as s:
            when = clock.now()
            return [self._entry(s, w, when) for w in written]

    def _entry(self, s: Session, w: _Written, when: dt.datetime) -> RegisterEntry:
        template = w.template
        row = document_register.record(
            s,
            self._actor,
            doc_type=w.doc_type,
            doc_format=w.fmt,
            path=w.path,
            sha256=w.digest,
            recipient=w.recipient,
            case_id=w.case_id,
            meeting_id=w.meeting_id,
            when=when,
            file_version=w.version,
            template_id=template.template_id if template else None,
            template_version=template.version if template else None,
        )
        case_id, meeting_id = w.case_id, w.meeting_id
        reference = self._labels.get(case_id) or (
            s.scalar(select(Case.reference).where(Case.id == case_id)) if case_id else None
        )
        meeting = self._labels.get(meeting_id) or (
            document_sources.meeting_label(s, meeting_id) if meeting_id else None
        )
        self._labels.update({case_id: reference, meeting_id: meeting})
        family = self._families.get(case_id) or (
            s.scalar(select(Family.family_name).join(Case, Case.family_id == Family.id).where(Case.id == case_id))
            if case_id
            else None
        )
        self._families[case_id] = family
        return RegisterEntry(
            row.id,
            w.doc_type,
            w.fmt,
            w.recipient,
            str(w.path),
            w.digest,
            case_id,
            reference,
            meeting_id,
            meeting,
            self._actor.name,
            when,
            family,
            w.version,
            template_version=row.template_version,
            template_locality=self._template_locality(s, template),
        )

    def _template_locality(self, s: Session, template: TemplateVersion | None) -> str | None:
        if template is None or template.locality_id is None:
            return None
        if template.locality_id not in self._labels:
            self._labels[template.locality_id] = s.scalar(
                select(Locality.name).where(Locality.id == template.locality_id)
            )
        return self._labels[template.locality_id]


def _built(
    jobs: list[_Job], formats: tuple[DocumentFormat, ...], stop: Callable[[], bool]
) -> Iterator[tuple[Document, DocumentFormat]]:
    """Each job's document (built once) in each format, until `stop()`."""
    for job in jobs:
        if stop():
            return
        document = job.build()
        for fmt in formats:
            yield document, fmt


def _case_of(entry: RegisterEntry) -> uuid.UUID:
    """The case a family's document was made for, to make it again."""
    if entry.case_id is None:  # the case was deleted (retention) since
        raise NotFound("That document's case is no longer in the database.")
    return entry.case_id


def _checked_file(entry: RegisterEntry) -> Path:
    """The entry's file, once its checksum shows it is the file tafdesk produced."""
    path = Path(entry.path)
    if not path.is_file():
        raise NotFound(f"{path} is no longer there: it was moved or deleted after it was produced.")
    if files.sha256_of(path) != entry.sha256:
        raise ConflictError(
            f"{path.name} has changed since tafdesk produced it (its checksum differs), so it is "
            "not the document in the register. Make it again rather than open or send this file."
        )
    return path

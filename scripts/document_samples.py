"""Remake docs/documents/*.png: the first pages of each kind of document,
made from a demo council, as a council would post or circulate them.

    .venv/bin/python scripts/document_samples.py [--db demo.sqlite]

Without --db it builds a 400-family demo council (seed 1) in a temporary
folder. It sets a letterhead for the made-up Ambervale Council (with a logo
drawn here), makes one document of each kind as PDF, and turns pages into
PNG with pdftoppm (poppler-utils).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "documents"
TODAY = dt.date(2026, 12, 2)
DPI = 70


def logo_png() -> bytes:
    """A made-up council's emblem and name."""
    from PIL import Image, ImageDraw, ImageFont

    from tafdesk.paths import resource_path

    scale = 4
    image = Image.new("RGBA", (180 * scale, 60 * scale), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, 60 * scale, 60 * scale], radius=12 * scale, fill="#1d4f6e")
    for n, colour in enumerate(("#f2b134", "#ffffff", "#8fc1e3")):
        y = (18 + n * 10) * scale
        draw.arc([10 * scale, y, 50 * scale, y + 24 * scale], 200, 340, fill=colour, width=4 * scale)
    bold = ImageFont.truetype(str(resource_path("fonts", "NotoSans-Bold.ttf")), 17 * scale)
    draw.text((68 * scale, 12 * scale), "Ambervale", font=bold, fill="#1d4f6e")
    regular = ImageFont.truetype(str(resource_path("fonts", "NotoSans-Regular.ttf")), 12 * scale)
    draw.text((68 * scale, 36 * scale), "Council", font=regular, fill="#1d4f6e")
    out = io.BytesIO()
    image.reduce(scale).save(out, format="PNG")
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an existing demo database (default: build one)")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is needed: apt-get install poppler-utils", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        db_path = Path(args.db) if args.db else work / "demo.sqlite"
        if not args.db:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "tafdesk",
                    "demo",
                    "--db",
                    str(db_path),
                    "--seed",
                    "1",
                    "--today",
                    TODAY.isoformat(),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                env={"TAFDESK_HOME": str(work / "home"), "PATH": "/usr/bin:/bin"},
            )
        make_samples(db_path, work)
    return 0


def make_samples(db_path: Path, work: Path) -> None:
    from sqlalchemy import func, select

    from tafdesk.db.location import resolve_url
    from tafdesk.db.schema import open_database
    from tafdesk.exports.pdf import render_pdf
    from tafdesk.models import DocumentFormat, DocumentType, TafPlan, TafReview
    from tafdesk.services.documents import DocumentService
    from tafdesk.services.letterhead import LetterheadService, LetterheadSettings
    from tafdesk.services.passwords import DEMO_PASSWORD
    from tafdesk.services.templates import TemplateService
    from tafdesk.services.users import UserService

    db = open_database(resolve_url(str(db_path)), backup_dir=work / "backups")
    admin = UserService(db).sign_in("admin", DEMO_PASSWORD)
    LetterheadService(db, admin).save(
        LetterheadSettings(
            organisation="Ambervale Council",
            department="Early Help Service",
            address=("Civic Centre, Market Street", "Northtown", "NT1 1AA"),
            phone="01632 960000",
            email="earlyhelp@ambervale.example",
            website="www.ambervale.example/earlyhelp",
            footer="Ambervale Council Early Help Service, Civic Centre, Market Street, Northtown NT1 1AA. This document "
            "contains personal information: keep it safe and share it only with those who need it.",
            signatory_name="Siobhán Kavanagh",
            signatory_title="Early Help Locality Manager",
            logo_png=logo_png(),
            complaints="Complaints Team, Civic Centre, Market Street, Northtown NT1 1AA, or complaints@ambervale.example",
            privacy_contact="Data Protection Officer, dpo@ambervale.example, 01632 960001",
        )
    )
    service = DocumentService(db, UserService(db).sign_in("support1", DEMO_PASSWORD), today=TODAY)
    made: dict[str, Path] = {}
    meetings = sorted(service.closed_meetings(), key=lambda m: -m.decisions)
    entries = service.produce_meeting_pack(meetings[0].id, work / "pack", formats=(DocumentFormat.PDF,))
    for entry in entries:
        made.setdefault(entry.doc_type.value, Path(entry.path))
    # The demo's meetings seldom step families up or down: those letters are shown with the sample family
    # the template editor previews with.
    templates = TemplateService(db, UserService(db).sign_in("support1", DEMO_PASSWORD))
    for letter_type, _ in templates.letter_types():
        if letter_type.value not in made and letter_type is not DocumentType.LETTER_REVIEW_INVITATION:
            path = work / f"{letter_type.value}.pdf"
            path.write_bytes(render_pdf(templates.preview(letter_type, templates.current(letter_type).body)))
            made[letter_type.value] = path
    with db.reader() as s:
        counts = s.execute(
            select(TafPlan.case_id, func.count(TafReview.id))
            .join(TafReview, TafReview.plan_id == TafPlan.id)
            .group_by(TafPlan.case_id)
            .order_by(func.count(TafReview.id).desc(), TafPlan.case_id)
        ).all()
    plan_case = counts[len(counts) // 4][0]
    made["taf_plan"] = Path(service.produce_plan(plan_case, DocumentFormat.PDF, work / "plan.pdf").path)
    invited = _case_with_review_booked(db)
    if invited:
        made["letter_review_invitation"] = Path(
            service.produce_case_letter(
                invited, DocumentType.LETTER_REVIEW_INVITATION, DocumentFormat.PDF, work / "review.pdf"
            ).path
        )
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    for name, pdf in sorted(made.items()):
        pages = {"taf_plan": 3, "minutes_full": 2}.get(name, 1)
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", str(pages), str(pdf), str(OUT / name)], check=True
        )
        print(f"{name}: {', '.join(p.name for p in sorted(OUT.glob(name + '-*.png')))}")
    db.dispose()


def _case_with_review_booked(db):
    from sqlalchemy import select

    from tafdesk.models import Case, CaseStatus, PlanStatus, TafPlan

    with db.reader() as s:
        return s.scalar(
            select(Case.id)
            .join(TafPlan, TafPlan.case_id == Case.id)
            .where(
                TafPlan.status == PlanStatus.AGREED,
                TafPlan.next_review_on.is_not(None),
                Case.status == CaseStatus.TAF_OPEN,
            )
            .order_by(Case.reference)
            .limit(1)
        )


if __name__ == "__main__":
    sys.exit(main())

"""Closure letters to the family and the referrer, made from the approved
closure: never before it is approved, and never carrying a secret."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tafdesk.models import ClosureReason, DocumentFormat, DocumentType, NeedMet
from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConflictError
from tafdesk.services.plans import PlanService
from tafdesk.services.templates import TemplateService
from tests.documents.conftest import (
    CHAIR,
    CLERK,
    SECRET,
    SENSITIVE,
    pack_world,  # noqa: F401 (fixture)
    squash,
    text_of,
)

T = DocumentType
CLOSED = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


def test_closure_templates_are_registered_and_preview():
    for letter_type in (T.LETTER_CLOSURE_FAMILY, T.LETTER_CLOSURE_REFERRER):
        assert letter_type in dict(TemplateService.letter_types())
        names = {f.name for f in TemplateService.catalogue(letter_type)}
        assert {"closure.date", "closure.reason"} <= names


def test_closure_letters_are_made_once_the_closure_is_approved(pack_world, tmp_path):  # noqa: F811
    world = pack_world
    case_id = world.cases["Nguyễn"]
    documents = DocumentService(world.db, CLERK, today=CLOSED.date())
    with pytest.raises(ConflictError, match="no approved closure"):
        documents.case_letter(case_id, T.LETTER_CLOSURE_FAMILY)
    plan = PlanService(world.db, CHAIR).current(case_id)
    needs = tuple(
        NeedAssessed(o.id, NeedMet.MET if i == 0 else NeedMet.PARTLY_MET) for i, o in enumerate(plan.content.outcomes)
    )
    closures = ClosureService(world.db, CHAIR, now=CLOSED)
    proposed = closures.propose(
        case_id, ClosureInput(ClosureReason.NEEDS_MET, f"Summary naming {SECRET}.", "Mai is pleased.", needs)
    )
    with pytest.raises(ConflictError, match="no approved closure"):
        documents.case_letter(case_id, T.LETTER_CLOSURE_REFERRER)
    closures.approve(proposed.id, proposed.version)
    texts = {}
    for letter_type in (T.LETTER_CLOSURE_FAMILY, T.LETTER_CLOSURE_REFERRER):
        for fmt in (DocumentFormat.PDF, DocumentFormat.DOCX):
            entry = documents.produce_case_letter(
                case_id, letter_type, fmt, tmp_path / f"{letter_type.value}.{fmt.value}"
            )
            texts[letter_type, fmt] = squash(text_of(Path(entry.path)))
    for text in texts.values():
        assert "1 March 2027" in text
        assert SECRET not in text and SENSITIVE not in text and "Summary naming" not in text
    family = texts[T.LETTER_CLOSURE_FAMILY, DocumentFormat.PDF]
    assert "Dear Thị Mai Nguyễn" in family and "you told us you are ready" in family
    assert "Getting a good education: met" in family
    referrer = texts[T.LETTER_CLOSURE_REFERRER, DocumentFormat.DOCX]
    assert "the family's needs were met" in referrer

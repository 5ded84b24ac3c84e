"""The proposal's wording for a decision's rationale. The score in it is for
the chair's screen: documents carry the plain sentence instead."""

from __future__ import annotations

import re

PLAIN = "The group accepted the proposed lead, best placed by suitability."
_MACHINE = re.compile(r"Proposed: best placed by suitability \(score -?[0-9.]+\)\.?")


def proposal_rationale(score: float) -> str:
    return f"Proposed: best placed by suitability (score {score:.0f})"


def is_proposal_rationale(text: str) -> bool:
    """Whether a rationale is the proposal's own wording, untouched by the chair."""
    return _MACHINE.fullmatch(text.strip()) is not None


def for_documents(text: str | None) -> str | None:
    """The text with the proposal's machine wording in plain words."""
    if not text:
        return text
    return _MACHINE.sub(PLAIN, text)

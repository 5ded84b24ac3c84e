"""The figures' definitions have one source (services/reports/definitions.py):
the README's "How the reports count" must say the same, word for word."""

from __future__ import annotations

from pathlib import Path

from tafdesk.services.reports import definitions
from tafdesk.services.reports.figures import Figure

README = Path(__file__).parents[2] / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### The dashboard's figures")
    return text[start : text.index("**The families behind a figure.**", start)]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_readme_table_of_figures_is_the_definitions():
    assert definitions.readme_table() in _section()


def test_the_readme_words_used_are_the_definitions():
    section = _section()
    for term in definitions.TERMS:
        assert _flat(term.readme()) in _flat(section), term.name
    assert section.count("\n- **") == len(definitions.TERMS)  # none in the README that the module lacks


def test_the_families_behind_a_figure_are_described_alike():
    text = _flat(README.read_text(encoding="utf-8"))
    assert _flat(f"**The families behind a figure.** {definitions.FAMILIES_BEHIND}") in text


def test_every_group_has_its_figures_and_words():
    assert {d.group for d in definitions.FIGURES} == set(definitions.GROUPS)
    for group in definitions.GROUPS:
        figures, _terms = definitions.in_group(group)
        assert figures
        assert "<h3>" in definitions.group_html(group)
    assert len(definitions.FIGURES) >= len(Figure) - 3  # the figures the service counts, a few described together


def test_markup_becomes_html_and_text_is_escaped():
    assert definitions.as_html("the `bank_holiday` table, **bold** & <x>") == (
        "the <code>bank_holiday</code> table, <b>bold</b> &amp; &lt;x&gt;"
    )

"""Contrast in every palette (issue 15, items 6 and 7; WCAG 1.4.3 and 1.4.11):
text at least 4.5:1 against what it is written on (7:1 in high contrast),
the marks of controls and charts at least 3:1 against what is round them.
Computed from the colour module's declared pairs, from the Qt palette made of
each palette, and from the stylesheets as filled in for each palette: every
rule's text against its background, its selection and placeholder colours,
and each control's border or fill against what surrounds it."""

from __future__ import annotations

import re

import numpy as np
import pytest
from keyboard_walk import contrast
from PySide6.QtGui import QColor, QPalette

from tafdesk.ui import colours as roles
from tafdesk.ui.colours import HIGH_CONTRAST, HIGH_CONTRAST_AA_ONLY, PALETTES, Colours
from tafdesk.ui.icons import recoloured
from tafdesk.ui.meetings.mode_style import mode_style
from tafdesk.ui.meetings.page_style import PAGE_STYLE
from tafdesk.ui.meetings.projector_style import projector_style
from tafdesk.ui.plans.style import PLAN_STYLE
from tafdesk.ui.theme import qt_palette, styled, stylesheet

PALETTE_NAMES = list(PALETTES)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
STATE = re.compile(r"(?<!:):(?!:)[a-z-]+")  # :hover, :checked, :selected… (not ::sub-controls)
CONTROL = re.compile(
    r"QLineEdit|QAbstractSpinBox|QComboBox|QPlainTextEdit|QTextEdit\b|QDateEdit|::indicator|QPushButton"
    r"|QProgressBar|QTabBar::tab"
)
INSIDE = ("::up-button", "::down-button", "::drop-down", "::chunk", "::down-arrow", "::up-arrow")


def ratio(a: str, b: str) -> float:
    def rgb(colour: str) -> np.ndarray:
        c = QColor(colour)
        return np.array([c.red(), c.green(), c.blue()], float)

    return float(contrast(rgb(a), rgb(b)))


def text_minimum(colours: Colours, pair: tuple[str, str] = ("", "")) -> float:
    if colours is HIGH_CONTRAST and pair not in HIGH_CONTRAST_AA_ONLY:
        return 7.0
    return 4.5


def colours_minimum(colours: Colours, ink: str, ground: str) -> float:
    """text_minimum for two colours, by the roles they are."""
    named = roles.roles(colours)
    pairs = {(a, b) for a, x in named.items() if x == ink for b, y in named.items() if y == ground}
    return min((text_minimum(colours, pair) for pair in pairs), default=text_minimum(colours))


def test_the_sums_are_wcags():
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


# -- the colour module's pairs -------------------------------------------------------


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_declared_text_pairs(name):
    colours = PALETTES[name]
    weak = {
        f"{ink} on {ground}": round(ratio(roles.role(colours, ink), roles.role(colours, ground)), 2)
        for ink, ground in roles.TEXT_PAIRS
        if ratio(roles.role(colours, ink), roles.role(colours, ground)) < text_minimum(colours, (ink, ground))
    }
    assert weak == {}


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_declared_component_pairs(name):
    colours = PALETTES[name]
    weak = {
        f"{mark} on {ground}": round(ratio(roles.role(colours, mark), roles.role(colours, ground)), 2)
        for mark, ground in roles.COMPONENT_PAIRS
        if ratio(roles.role(colours, mark), roles.role(colours, ground)) < 3
    }
    assert weak == {}


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_every_line_of_the_scores_chart_stands_out(name):
    colours = PALETTES[name]
    assert len(colours.series) == 10  # one per headline need area
    assert len(set(colours.series)) == 10
    assert {s: round(ratio(s, colours.base), 2) for s in colours.series if ratio(s, colours.base) < 3} == {}


def test_the_measured_failures_of_the_audit_are_gone():
    """Issue 15 item 7's figures, in the light palette they were measured in."""
    light = PALETTES["light"]
    assert (
        ratio(light.muted, light.alternate) >= 4.5
    )  # inactive rows (were 4.17:1), and "file no longer there" (3.45:1)
    assert ratio(light.load_near, light.base) >= 3  # the amber capacity bar (2.73:1)
    assert ratio(light.chart_start, light.base) >= 3  # the balance chart's start bar (2.15:1)
    assert min(ratio(light.series[1], light.base), ratio(light.series[5], light.base)) >= 3  # scores lines (2.25, 2.31)
    assert min(ratio(light.frame, ground) for ground in (light.window, light.base)) >= 3  # fields, check boxes, chips


# -- the Qt palette -------------------------------------------------------------------

QT_TEXT = [
    ("WindowText", "Window"),
    ("Text", "Base"),
    ("Text", "AlternateBase"),
    ("ButtonText", "Button"),
    ("HighlightedText", "Highlight"),
    ("PlaceholderText", "Base"),
    ("ToolTipText", "ToolTipBase"),
    ("Link", "Base"),
    ("BrightText", "Base"),
]


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_the_qt_palette(name, qapp):
    colours = PALETTES[name]
    palette = qt_palette(colours)

    def colour(role: str) -> str:
        return palette.color(QPalette.ColorGroup.Active, getattr(QPalette.ColorRole, role)).name()

    assert colour("Window") == colours.window and colour("Base") == colours.base
    weak = {
        f"{ink} on {ground}": round(ratio(colour(ink), colour(ground)), 2)
        for ink, ground in QT_TEXT
        if ratio(colour(ink), colour(ground)) < text_minimum(colours)
    }
    assert weak == {}


# -- the stylesheets, as filled in -----------------------------------------------------


def sheets(colours: Colours) -> dict[str, str]:
    roles.use(colours)
    try:
        return {
            "style.qss": stylesheet(colours),
            "meetings page": styled(PAGE_STYLE, colours),
            "plan": styled(PLAN_STYLE, colours),
            "meeting mode": mode_style(20),
            "projector view": projector_style(20),
        }
    finally:
        roles.use(PALETTES["light"])


def rules(sheet: str) -> dict[str, dict[str, str]]:
    """selector -> property -> value; a rule for several selectors is one per selector."""
    found: dict[str, dict[str, str]] = {}
    for selectors, body in RULE.findall(re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)):
        properties = {
            part.split(":", 1)[0].strip(): part.split(":", 1)[1].strip() for part in body.split(";") if ":" in part
        }
        for selector in selectors.split(","):
            found.setdefault(" ".join(selector.split()), {}).update(properties)
    return found


def _colour(value: str | None) -> str | None:
    match = HEX.search(value or "")
    return match.group(0).lower() if match else None


def _lookup(found: dict[str, dict[str, str]], selector: str, names: tuple[str, ...]) -> str | None:
    """A property's colour for a selector, else as it has it from its plainer
    forms: without its states, without its sub-control, its ancestor's."""
    plain = STATE.sub("", selector)
    whole = plain.split("::")[0]
    forms = [selector, plain, whole, whole.split(" ")[0]] if " " in whole else [selector, plain, whole]
    for form in forms:
        for name in names:
            colour = _colour(found.get(form, {}).get(name))
            if colour:
                return colour
    return None


BACKGROUND = ("background", "background-color")


def _grounds(found: dict[str, dict[str, str]], selector: str, colours: Colours) -> list[str]:
    own = _lookup(found, selector, BACKGROUND)
    return [own] if own else [colours.window, colours.base]


def _surroundings(found: dict[str, dict[str, str]], selector: str, colours: Colours) -> list[str]:
    """What is round a control: its parent's background when the rule says
    which parent, else the window and the fields' base."""
    parts = STATE.sub("", selector).split("::")[0].split(" ")
    parent = _lookup(found, parts[0], BACKGROUND) if len(parts) > 1 else None
    return [parent] if parent else [colours.window, colours.base]


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_every_placeholder_is_filled_in(name):
    for title, sheet in sheets(PALETTES[name]).items():
        assert "@" not in re.sub(r"/\*.*?\*/", "", sheet, flags=re.S), title


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_stylesheet_text_against_its_background(name):
    colours = PALETTES[name]
    weak = []
    for title, sheet in sheets(colours).items():
        found = rules(sheet)
        for selector, properties in found.items():
            if ":disabled" in selector:
                continue  # WCAG asks nothing of controls that cannot be used
            ink = _lookup(found, selector, ("color",))
            if ink and (_colour(properties.get("color")) or _colour(properties.get("background"))):
                weak += [
                    f"{title}: {selector} {ink} on {ground} {ratio(ink, ground):.2f}"
                    for ground in _grounds(found, selector, colours)
                    if ratio(ink, ground) < colours_minimum(colours, ink, ground)
                ]
            for ink_name, ground_name in (
                ("selection-color", "selection-background-color"),
                ("placeholder-text-color", "background"),
            ):
                pair = _colour(properties.get(ink_name)), _lookup(found, selector, (ground_name,))
                if all(pair) and ratio(*pair) < text_minimum(colours):
                    weak.append(f"{title}: {selector} {ink_name} {ratio(*pair):.2f}")
    assert weak == []


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_stylesheet_controls_stand_out_from_what_is_round_them(name):
    """A field, check box, chip, button or tab shows where it is by its
    border or its fill, 3:1 against its surroundings; so does a focus frame."""
    colours = PALETTES[name]
    weak, seen = [], 0
    for title, sheet in sheets(colours).items():
        found = rules(sheet)
        for selector, properties in found.items():
            if not CONTROL.search(selector) or ":disabled" in selector or any(s in selector for s in INSIDE):
                continue
            plain = STATE.sub("", selector)  # a state's rule keeps what it does not change
            merged = {**found.get(plain.split("::")[0], {}), **found.get(plain, {}), **properties}
            edges = [_colour(v) for k, v in merged.items() if k.startswith("border") and _colour(v)]
            fill = _colour(merged.get("background"))
            if not edges and not fill:
                continue
            seen += 1
            for around in _surroundings(found, selector, colours):
                best = max(ratio(c, around) for c in [*edges, fill] if c)
                if best < 3:
                    weak.append(f"{title}: {selector} {best:.2f} against {around}")
    assert seen >= 20, "the stylesheets style the controls"
    assert weak == []


# -- icons ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_icons_are_drawn_in_the_palettes_colours(name):
    colours = PALETTES[name]
    svg = '<path stroke="#2d3e50"/><path stroke="#1f5f8b"/><path stroke="#8a2a22"/><circle fill="#ffffff"/>'
    drawn = set(HEX.findall(recoloured(svg, colours)))
    assert drawn == {colours.icon, colours.icon_accent, colours.icon_error, colours.accent_ink}
    assert ratio(colours.icon, colours.nav) >= 3 and ratio(colours.icon, colours.base) >= 3

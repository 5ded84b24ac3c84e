"""Every colour tafdesk paints, as named roles in three palettes: light (the
calm default), dark and high contrast. The Qt palette, the stylesheets (filled
in from these roles), the delegates, the charts and the HTML panes all take
their colours from `current()`, so that a change of palette reaches all of
them. Text is at least 4.5:1 against the backgrounds it is written on (7:1
in high contrast) and the marks of controls and charts at least 3:1 against
theirs; TEXT_PAIRS and COMPONENT_PAIRS say which pairs those are, and the
tests check them in every palette. No Qt here: plain strings, read anywhere."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Tone:
    """A state's colours: text on the page and on its tint, the tint of a
    band or chip, the band's hairline border and its solid mark (a band's
    left edge, a field's error border)."""

    ink: str
    tint: str
    line: str
    mark: str


@dataclass(frozen=True)
class Colours:
    name: str  # light, dark or contrast
    dark: bool  # a dark background: what the platform is told for title bars and the like

    # Surfaces
    window: str  # behind everything
    base: str  # fields, tables, text panes, charts
    alternate: str  # every other row
    button: str
    panel: str  # notes and bands of neutral information
    paper: str  # a letter's preview: as printed, in every palette
    header: str  # table headings, meeting mode's tabs
    nav: str  # the sidebar
    nav_hover: str
    nav_current: str  # the sidebar's chosen area

    # Text
    ink: str
    muted: str  # secondary text, placeholders, inactive rows
    heading: str
    link: str
    disabled: str  # controls that cannot be used (WCAG asks no contrast of them)

    # Lines
    rule: str  # decorative: grid lines, separators, the edges of panels
    frame: str  # what shows a control: a field's border, a check box, a chip
    frame_strong: str  # meeting mode's buttons, for the back of the room

    # A chosen row and the accent (the highlight, a primary button, a checked chip)
    selection: str
    selection_ink: str
    accent: str
    accent_ink: str
    accent_hover: str
    accent_line: str
    accent_off: str  # a primary button that cannot be used
    accent_off_ink: str

    # The strong band: meeting mode's header, "Start meeting", its chosen tab
    strong: str
    strong_ink: str
    strong_button: str
    strong_line: str
    strong_focus: str

    # Meeting mode's "Confirm decision"
    go: str
    go_ink: str
    go_line: str
    go_off: str

    # Where the keyboard is: a ring of two colours (ui/focus_ring.py), and
    # meeting mode's thick frame
    focus: str
    focus_halo: str
    mode_focus: str

    # States
    error: Tone
    warn: Tone
    ok: Tone
    info: Tone
    restricted: Tone
    neutral: Tone
    mark_ink: str  # text on a solid mark (a review's red, amber or green)

    # Caseload bars: under 85% of capacity, up to 100%, over; their track
    load_ok: str
    load_near: str
    load_over: str
    load_track: str

    # Charts and the meeting's progress bar
    chart_grid: str
    chart_start: str  # the balance chart's bar at the start of the meeting
    progress: str  # the chunk behind ink text
    progress_track: str
    series: tuple[str, ...]  # the scores chart's lines, one per need area

    # Icons' strokes (resources/icons are drawn in the light palette's)
    icon: str
    icon_accent: str
    icon_error: str


LIGHT = Colours(
    name="light",
    dark=False,
    window="#f4f6f9",
    base="#ffffff",
    alternate="#f2f5f9",
    button="#e9eef3",
    panel="#eef3f8",
    paper="#ffffff",
    header="#e9eef4",
    nav="#e7edf3",
    nav_hover="#dae3ec",
    nav_current="#ffffff",
    ink="#1c2633",
    muted="#4f5d6d",
    heading="#17496b",
    link="#1f5f8b",
    disabled="#8a95a3",
    rule="#c9d3de",
    frame="#75859a",
    frame_strong="#5b6777",
    selection="#cfe0f1",
    selection_ink="#1c2633",
    accent="#1f5f8b",
    accent_ink="#ffffff",
    accent_hover="#24699a",
    accent_line="#17496b",
    accent_off="#a9bccc",
    accent_off_ink="#f4f6f9",
    strong="#0b2e4a",
    strong_ink="#ffffff",
    strong_button="#173f61",
    strong_line="#8fb3d1",
    strong_focus="#ffb65c",
    go="#1f6b3f",
    go_ink="#ffffff",
    go_line="#174f2f",
    go_off="#a9bfb1",
    focus="#0f3a57",
    focus_halo="#ffffff",
    mode_focus="#c05600",
    error=Tone(ink="#8f1d16", tint="#fdeceb", line="#e5a9a4", mark="#b3261e"),
    warn=Tone(ink="#5c3a00", tint="#fdf1d8", line="#e2b65c", mark="#a86400"),
    ok=Tone(ink="#1f4d2e", tint="#e9f2ea", line="#a9cdb2", mark="#2f7d4f"),
    info=Tone(ink="#17496b", tint="#e3eef8", line="#9dbcd6", mark="#1f5f8b"),
    restricted=Tone(ink="#5a2a82", tint="#efe6f7", line="#c9b1e0", mark="#6f3a9c"),
    neutral=Tone(ink="#4d5b6b", tint="#eef1f5", line="#c9d3de", mark="#5b6777"),
    mark_ink="#ffffff",
    load_ok="#2f7d4f",
    load_near="#a86400",
    load_over="#b3261e",
    load_track="#e1e7ee",
    chart_grid="#e1e7ee",
    chart_start="#6a7e96",
    progress="#569c6d",
    progress_track="#ffffff",
    series=(
        "#0072b2",
        "#b35900",
        "#00805d",
        "#b0488a",
        "#d55e00",
        "#00838f",
        "#000000",
        "#882255",
        "#332288",
        "#666666",
    ),
    icon="#2d3e50",
    icon_accent="#1f5f8b",
    icon_error="#8a2a22",
)

DARK = Colours(
    name="dark",
    dark=True,
    window="#1a1f26",
    base="#12161b",
    alternate="#181d23",
    button="#262e37",
    panel="#222a33",
    paper="#ffffff",
    header="#262e38",
    nav="#151a20",
    nav_hover="#232b35",
    nav_current="#2b3745",
    ink="#e4e9ef",
    muted="#a7b2bf",
    heading="#8fc3ee",
    link="#8fc3ee",
    disabled="#6c7785",
    rule="#36404c",
    frame="#6f7c8d",
    frame_strong="#97a3b1",
    selection="#27425e",
    selection_ink="#eef3f8",
    accent="#2d6fa6",
    accent_ink="#ffffff",
    accent_hover="#3579b3",
    accent_line="#8fc3ee",
    accent_off="#2b3745",
    accent_off_ink="#7d8896",
    strong="#0f2a44",
    strong_ink="#ffffff",
    strong_button="#1c456a",
    strong_line="#8fb3d1",
    strong_focus="#ffb65c",
    go="#2a7446",
    go_ink="#ffffff",
    go_line="#8fd4a5",
    go_off="#27352d",
    focus="#c2e3ff",
    focus_halo="#0b0e12",
    mode_focus="#ff9d4d",
    error=Tone(ink="#ffb4ab", tint="#3a1d1c", line="#7d3b36", mark="#f0645a"),
    warn=Tone(ink="#f3cc7a", tint="#33290f", line="#7a5d20", mark="#e0a33b"),
    ok=Tone(ink="#94d7a9", tint="#163020", line="#356b48", mark="#52b57a"),
    info=Tone(ink="#a3cff2", tint="#1a3046", line="#3f6c96", mark="#6fb0e6"),
    restricted=Tone(ink="#d9bbf3", tint="#2e2341", line="#6b4f8f", mark="#b48be0"),
    neutral=Tone(ink="#b7c1cd", tint="#262e38", line="#465261", mark="#8d99a7"),
    mark_ink="#0b0e12",
    load_ok="#52b57a",
    load_near="#e0a33b",
    load_over="#f0645a",
    load_track="#36414e",
    chart_grid="#2c3540",
    chart_start="#8e9db2",
    progress="#3c6e4d",
    progress_track="#12161b",
    series=(
        "#56b4e9",
        "#e69f00",
        "#2fbf8f",
        "#d98cbc",
        "#f0772d",
        "#7fd8e0",
        "#e4e9ef",
        "#e07aa8",
        "#a899ff",
        "#a0a0a0",
    ),
    icon="#c9d3de",
    icon_accent="#8fc3ee",
    icon_error="#ff8a80",
)

HIGH_CONTRAST = Colours(
    name="contrast",
    dark=True,
    window="#000000",
    base="#000000",
    alternate="#101010",
    button="#1a1a1a",
    panel="#0d0d0d",
    paper="#ffffff",
    header="#1a1a1a",
    nav="#000000",
    nav_hover="#1f1f1f",
    nav_current="#1f1f1f",
    ink="#ffffff",
    muted="#d6d6d6",
    heading="#7fdbff",
    link="#ffff00",
    disabled="#9a9a9a",
    rule="#8c8c8c",
    frame="#ffffff",
    frame_strong="#ffffff",
    selection="#1aebff",
    selection_ink="#000000",
    accent="#1aebff",
    accent_ink="#000000",
    accent_hover="#7ff3ff",
    accent_line="#ffffff",
    accent_off="#333333",
    accent_off_ink="#9a9a9a",
    strong="#000000",
    strong_ink="#ffffff",
    strong_button="#000000",
    strong_line="#ffffff",
    strong_focus="#ff00ff",
    go="#3fe07a",
    go_ink="#000000",
    go_line="#ffffff",
    go_off="#333333",
    focus="#ff00ff",
    focus_halo="#000000",
    mode_focus="#ff00ff",
    error=Tone(ink="#ffa3a3", tint="#1f0000", line="#ff6b6b", mark="#ff6b6b"),
    warn=Tone(ink="#ffd966", tint="#1a1300", line="#ffc000", mark="#ffc000"),
    ok=Tone(ink="#7dff9a", tint="#001a08", line="#3fe07a", mark="#3fe07a"),
    info=Tone(ink="#8fd3ff", tint="#00162a", line="#5cc2ff", mark="#5cc2ff"),
    restricted=Tone(ink="#e3bdff", tint="#160024", line="#c77dff", mark="#c77dff"),
    neutral=Tone(ink="#e0e0e0", tint="#141414", line="#a0a0a0", mark="#c0c0c0"),
    mark_ink="#000000",
    load_ok="#3fe07a",
    load_near="#ffc000",
    load_over="#ff8080",
    load_track="#4d4d4d",
    chart_grid="#4d4d4d",
    chart_start="#b0b0b0",
    progress="#007a33",
    progress_track="#000000",
    series=(
        "#5cc2ff",
        "#ffc000",
        "#3fe07a",
        "#ff8fd0",
        "#ff7a3d",
        "#7ff3ff",
        "#ffffff",
        "#ff6b8f",
        "#b5a8ff",
        "#c0c0c0",
    ),
    icon="#ffffff",
    icon_accent="#1aebff",
    icon_error="#ff6b6b",
)

PALETTES = {colours.name: colours for colours in (LIGHT, DARK, HIGH_CONTRAST)}
TONES = tuple(f.name for f in fields(Colours) if f.type in ("Tone", Tone))

# Text on its background: what each role is written on somewhere.
_PAGE = ("window", "base", "alternate", "panel")
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    *((ink, ground) for ink in ("ink", "muted", "heading", "link") for ground in _PAGE),
    ("ink", "header"),
    ("muted", "header"),
    ("ink", "button"),
    ("ink", "nav"),
    ("ink", "nav_hover"),
    ("heading", "nav_current"),
    ("selection_ink", "selection"),
    ("accent_ink", "accent"),
    ("accent_ink", "accent_hover"),
    ("strong_ink", "strong"),
    ("strong_ink", "strong_button"),
    ("heading", "header"),
    ("go_ink", "go"),
    ("ink", "progress"),
    ("mark_ink", "error.mark"),
    ("mark_ink", "warn.mark"),
    ("mark_ink", "ok.mark"),
    ("load_over", "base"),
    ("load_over", "alternate"),
    *((f"{tone}.ink", ground) for tone in TONES for ground in (f"{tone}.tint", "window", "base", "alternate")),
)

# High contrast aims at 7:1 for text, but text written across the progress
# bar's chunk and its black track cannot be: the chunk stands 3:1 from the
# track, so nothing is 7:1 from both. Bold, and 4.5:1 still.
HIGH_CONTRAST_AA_ONLY = frozenset({("ink", "progress")})

# Marks of controls and charts against what is round them.
COMPONENT_PAIRS: tuple[tuple[str, str], ...] = (
    *(("frame", ground) for ground in (*_PAGE, "button")),
    ("frame_strong", "base"),
    ("frame_strong", "button"),
    ("accent_line", "window"),
    ("accent", "base"),
    ("accent", "window"),
    ("focus", "focus_halo"),
    ("focus", "frame"),  # the ring where it falls on a field's border, when there is no room round it
    *((bar, ground) for bar in ("load_ok", "load_near", "load_over") for ground in ("base", "alternate", "load_track")),
    ("chart_start", "base"),
    ("progress", "progress_track"),
    ("mode_focus", "base"),
    ("mode_focus", "button"),
    ("strong_focus", "strong"),
    ("strong_line", "strong"),
    *((f"{tone}.mark", ground) for tone in TONES for ground in (f"{tone}.tint", "base")),
    ("icon", "window"),
    ("icon", "base"),
    ("icon", "nav"),
    ("icon", "nav_current"),
    ("icon_accent", "button"),
    ("icon_error", "button"),
)

_current = LIGHT


def current() -> Colours:
    """The palette in use."""
    return _current


def use(colours: Colours) -> None:
    """Make `colours` the palette in use (ui/theme.py applies it to Qt)."""
    global _current
    _current = colours


def role(colours: Colours, name: str) -> str:
    """A role's colour by name, "ink" or a tone's part, "error.mark"."""
    value: object = colours
    for part in name.split("."):
        value = getattr(value, part)
    if not isinstance(value, str):
        raise KeyError(name)
    return value


def roles(colours: Colours) -> dict[str, str]:
    """Every role's colour by name, tones' parts as "warn.tint"; the series as "series0"…"""
    named: dict[str, str] = {}
    for f in fields(colours):
        value = getattr(colours, f.name)
        if isinstance(value, Tone):
            named.update({f"{f.name}.{part.name}": getattr(value, part.name) for part in fields(Tone)})
        elif isinstance(value, tuple):
            named.update({f"{f.name}{i}": colour for i, colour in enumerate(value)})
        elif isinstance(value, str) and value.startswith("#"):
            named[f.name] = value
    return named

"""The look: the Fusion style, the Qt palette and the stylesheet in
resources/style.qss, all from the palette of ui/colours.py in use. Sizes suit
a meeting-room projector.

View → Colours chooses the palette: "Follow system" (the default), Light, Dark
or High contrast. Following the system reads Qt's style hints: high contrast
when the platform asks for more contrast (QStyleHints.accessibility()
.contrastPreference(), Qt 6.10 and later: Windows' contrast themes, macOS's
"Increase contrast", desktops that set the freedesktop contrast setting), else
dark when its colour scheme is dark (QStyleHints.colorScheme()), else light;
and it follows them when they change while tafdesk is open."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QStyleHints
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QWidget

from tafdesk.paths import resource_path
from tafdesk.ui import colours as colour_roles
from tafdesk.ui.colours import DARK, HIGH_CONTRAST, LIGHT, PALETTES, Colours, current
from tafdesk.ui.qt_app import qt_application

log = logging.getLogger(__name__)

BASE_POINT_SIZE = 11
SCHEMES = {"system": "&Follow system", "light": "&Light", "dark": "&Dark", "contrast": "&High contrast"}
DEFAULT_SCHEME = "system"
_PLACEHOLDER = re.compile(r"@([A-Za-z_][A-Za-z_0-9.]*)@")


def apply_theme(app: QApplication, scheme: str = "light") -> None:
    """The whole look, for windows built after it."""
    apply_base_theme(app, scheme)
    apply_stylesheet(app)


def apply_base_theme(app: QApplication, scheme: str = DEFAULT_SCHEME) -> None:
    """Style, palette and font: what the stylesheet builds on."""
    if app.style().name().lower() != "fusion":  # set again, it re-polishes every widget still alive
        app.setStyle("Fusion")
    keeper = _keeper(app)
    keeper.scheme = scheme if scheme in SCHEMES else DEFAULT_SCHEME
    if keeper.scheme != "system":
        _tell_platform(app.styleHints(), keeper.scheme)
    colour_roles.use(colours_for(keeper.scheme, app.styleHints()))
    app.setPalette(qt_palette(current()))
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)


def apply_stylesheet(app: QApplication) -> None:
    """resources/style.qss in the palette in use, once. Start-up sets it after
    building the main window: under an application stylesheet Qt resolves the
    style of a whole subtree again each time a widget is added to a parent,
    so a window built first and styled once starts about a tenth sooner."""
    if not app.styleSheet() or _keeper(app).styled_for is not current():
        _set_stylesheet(app)


def use_scheme(app: QApplication, scheme: str) -> None:
    """Change the palette of every open window now (View → Colours): the Qt
    palette, the application's stylesheet, then whatever keep_coloured()
    looks after (pages' own stylesheets, HTML panes)."""
    keeper = _keeper(app)
    keeper.scheme = scheme if scheme in SCHEMES else DEFAULT_SCHEME
    _tell_platform(app.styleHints(), keeper.scheme)
    _recolour(app, colours_for(keeper.scheme, app.styleHints()))


def chosen_scheme(app: QApplication) -> str:
    return _keeper(app).scheme


def system_changed(app: QApplication, hints: QStyleHints | None = None) -> None:
    """The system's colour scheme or contrast changed (`hints` say to what):
    followed if View → Colours says "Follow system"."""
    if _keeper(app).scheme == "system":
        _recolour(app, colours_for("system", hints or app.styleHints()))


def colours_for(scheme: str, hints: QStyleHints) -> Colours:
    """The palette a choice in View → Colours gives; "system" asks the style hints."""
    if scheme != "system":
        return PALETTES.get(scheme, LIGHT)
    accessibility = getattr(hints, "accessibility", None)  # Qt 6.10 and later
    if accessibility is not None and accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast:
        return HIGH_CONTRAST
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def styled(template: str, colours: Colours | None = None) -> str:
    """A stylesheet with each @role@ ("@ink@", "@warn.tint@") in the palette's
    colour and @ICONS@ the folder of icons drawn in it."""
    colours = colours or current()

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "ICONS":
            from tafdesk.ui.icons import icon_folder

            return icon_folder(colours).as_posix()
        return colour_roles.role(colours, name)

    return _PLACEHOLDER.sub(fill, template)


def stylesheet(colours: Colours | None = None) -> str:
    """The application's stylesheet, resources/style.qss filled in."""
    return styled(resource_path("style.qss").read_text(encoding="utf-8"), colours)


def keep_coloured(widget: QWidget, apply: Callable[[], None]) -> None:
    """Call `apply` now and again whenever the palette changes, for as long
    as `widget` lives: for what takes its colours when it is made (a page's
    own stylesheet, an HTML pane). A later call for the same widget takes the
    place of the earlier one. A scrolled pane keeps its place."""
    hook = widget.findChild(_Recolour, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if hook is None:
        hook = _Recolour(widget)
        _keeper(qt_application()).changed.connect(hook.recolour)
    hook.apply = apply
    apply()


def show_spin_buttons(spin: QAbstractSpinBox, shown: bool) -> None:
    """A number or date box's arrows, shown or not (read-only). Polished
    again, for the stylesheet's rule for a box without them to be taken up,
    and told so, for its text to be laid out again."""
    spin.setButtonSymbols(
        QAbstractSpinBox.ButtonSymbols.UpDownArrows if shown else QAbstractSpinBox.ButtonSymbols.NoButtons
    )
    spin.style().unpolish(spin)
    spin.style().polish(spin)
    QApplication.sendEvent(spin, QEvent(QEvent.Type.StyleChange))


def qt_palette(colours: Colours) -> QPalette:
    """The Qt palette: what Fusion and every unstyled widget draw with."""
    pal = QPalette(QColor(colours.button), QColor(colours.window))  # the bevel shades follow the button
    roles = QPalette.ColorRole
    for role, colour in {
        roles.Window: colours.window,
        roles.WindowText: colours.ink,
        roles.Base: colours.base,
        roles.AlternateBase: colours.alternate,
        roles.Text: colours.ink,
        roles.Button: colours.button,
        roles.ButtonText: colours.ink,
        roles.BrightText: colours.error.ink,
        roles.Highlight: colours.accent,
        roles.HighlightedText: colours.accent_ink,
        roles.ToolTipBase: colours.base,
        roles.ToolTipText: colours.ink,
        roles.PlaceholderText: colours.muted,
        roles.Link: colours.link,
        roles.LinkVisited: colours.link,
        roles.Accent: colours.accent,
    }.items():
        pal.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(colours.disabled))
    pal.setColor(QPalette.ColorGroup.Disabled, roles.Base, QColor(colours.window))
    return pal


# -- keeping up with changes -------------------------------------------------------


class _SchemeKeeper(QObject):
    """The choice in View → Colours, and the system's hints while following them."""

    changed = Signal()

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.scheme = DEFAULT_SCHEME
        self.styled_for: Colours | None = None  # the palette of the application's stylesheet
        hints = app.styleHints()
        hints.colorSchemeChanged.connect(self._system_changed)
        accessibility = getattr(hints, "accessibility", None)
        if accessibility is not None:
            accessibility().contrastPreferenceChanged.connect(self._system_changed)

    def _system_changed(self, *_hint: object) -> None:
        system_changed(qt_application())


class _Recolour(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.apply: Callable[[], None] = lambda: None

    def recolour(self) -> None:
        widget = self.parent()
        bars = (
            (widget.horizontalScrollBar(), widget.verticalScrollBar())
            if isinstance(widget, QAbstractScrollArea)
            else ()
        )
        places = [bar.value() for bar in bars]
        self.apply()
        for bar, place in zip(bars, places):
            bar.setValue(place)


def _keeper(app: QApplication) -> _SchemeKeeper:
    keeper = app.findChild(_SchemeKeeper)
    return keeper if keeper is not None else _SchemeKeeper(app)


def _tell_platform(hints: QStyleHints, scheme: str) -> None:
    """Windows and macOS draw title bars and their own dialogs (choosing a
    file) light or dark as the application asks: as chosen, or as the system."""
    if scheme == "system":
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(Qt.ColorScheme.Dark if PALETTES[scheme].dark else Qt.ColorScheme.Light)


def _recolour(app: QApplication, colours: Colours) -> None:
    if colours is current() and _keeper(app).styled_for is colours:
        return
    colour_roles.use(colours)
    app.setPalette(qt_palette(colours))
    if app.styleSheet():  # else start-up sets it once the window is built
        _set_stylesheet(app)
    _keeper(app).changed.emit()


def _set_stylesheet(app: QApplication) -> None:
    try:
        app.setStyleSheet(stylesheet())
        _keeper(app).styled_for = current()
    except OSError as exc:  # a damaged installation still opens, plainly styled
        log.warning("stylesheet not loaded: %s", exc)

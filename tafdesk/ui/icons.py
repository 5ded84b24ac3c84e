"""The icons in resources/icons, in the colours of the palette in use.

The files are drawn in the light palette's colours; each stroke or fill
colour below stands for a role, and is swapped for that role's colour in the
palette in use. An icon from `icon()` redraws itself when the palette changes;
the stylesheet's arrows and check marks come from `icon_folder()`."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QRect, QSize
from PySide6.QtGui import QIcon, QIconEngine, QImageReader, QPainter, QPixmap

from tafdesk.paths import resource_path
from tafdesk.ui.colours import LIGHT, Colours, current, role

if TYPE_CHECKING:
    from tempfile import TemporaryDirectory

# The colour in the files -> the role it is drawn in.
DRAWN_IN = {
    "#2d3e50": "icon",
    "#1f5f8b": "icon_accent",
    "#8a2a22": "icon_error",
    "#5b6777": "neutral.mark",
    "#ffffff": "accent_ink",
}
KEPT = frozenset({"tafdesk"})  # the application's own mark looks the same in every palette
_DRAWN = re.compile(f'"({"|".join(DRAWN_IN)})"')
_folders: dict[str, TemporaryDirectory] = {}


@cache
def icon(name: str) -> QIcon:
    """resources/icons/<name>.svg in the palette in use, now and after a
    change; an empty icon if the file is missing, so a broken installation
    still opens."""
    path = resource_path("icons", f"{name}.svg")
    if not path.is_file():
        return QIcon()
    return QIcon(str(path)) if name in KEPT else QIcon(_PaletteIcon(name))


def recoloured(svg: str, colours: Colours, *, disabled: bool = False) -> str:
    """An icon's SVG text in `colours` (all in the disabled colour for a
    control that cannot be used)."""

    def colour(match: re.Match[str]) -> str:
        name = DRAWN_IN[match.group(1)]
        return f'"{colours.disabled if disabled and name != "accent_ink" else role(colours, name)}"'

    return _DRAWN.sub(colour, svg)  # in one pass: a new colour may be one drawn in too


def icon_folder(colours: Colours) -> Path:
    """A folder of the icons in `colours`, for the stylesheet's url()s: the
    installed one for the light palette, else copies made once per run."""
    if all(role(colours, name) == role(LIGHT, name) for name in DRAWN_IN.values()):
        return resource_path("icons")
    if colours.name not in _folders:
        from tempfile import TemporaryDirectory  # only for a palette other than light

        folder = TemporaryDirectory(prefix=f"tafdesk-icons-{colours.name}-")  # removed at exit
        for path in resource_path("icons").glob("*.svg"):
            Path(folder.name, path.name).write_text(
                recoloured(path.read_text(encoding="utf-8"), colours), encoding="utf-8"
            )
        _folders[colours.name] = folder
    return Path(_folders[colours.name].name)


class _PaletteIcon(QIconEngine):
    """Draws the SVG in the palette in use; keeps each size it has drawn."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name
        self._drawn: dict[tuple[str, bool, int, int], QPixmap] = {}

    def clone(self) -> QIconEngine:
        return _PaletteIcon(self._name)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        colours, disabled = current(), mode == QIcon.Mode.Disabled
        width, height = round(size.width() * scale), round(size.height() * scale)
        key = (colours.name, disabled, width, height)
        if key not in self._drawn:
            self._drawn[key] = _draw(self._name, colours, disabled, QSize(width, height))
        pixmap = QPixmap(self._drawn[key])
        pixmap.setDevicePixelRatio(scale)
        return pixmap


def _draw(name: str, colours: Colours, disabled: bool, size: QSize) -> QPixmap:
    svg = recoloured(resource_path("icons", f"{name}.svg").read_text(encoding="utf-8"), colours, disabled=disabled)
    buffer = QBuffer()
    buffer.setData(QByteArray(svg.encode("utf-8")))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"svg")
    reader.setScaledSize(size)
    return QPixmap.fromImage(reader.read())

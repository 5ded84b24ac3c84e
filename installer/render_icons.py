"""PNG icons for the desktop (hicolor theme) from resources/icons/tafdesk.svg,
drawn with Qt's SVG renderer: `python render_icons.py OUT_FOLDER`."""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SOURCE = Path(__file__).resolve().parents[1] / "resources" / "icons" / "tafdesk.svg"


def main(out: Path) -> None:
    app = QGuiApplication(["render_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(SOURCE))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        folder = out / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not image.save(str(folder / "org.tafdesk.tafdesk.png")):
            raise SystemExit(f"could not write the {size}px icon")
    scalable = out / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    (scalable / "org.tafdesk.tafdesk.svg").write_bytes(SOURCE.read_bytes())
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]))

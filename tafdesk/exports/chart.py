"""The "distance travelled" chart of a TAF plan's review scores, as a PNG.

Drawn with Pillow (which reportlab already depends on): reportlab 5 renders
its own graphics to PNG only through pycairo, which has no Linux wheel and
needs a C compiler and cairo's headers to build. The chart is drawn at twice
its size and scaled down, for smooth lines, with the shipped Noto Sans font.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass

from tafdesk.paths import resource_path

# Okabe and Ito's palette, distinguishable with the common colour blindnesses;
# each series also has its own marker, so a greyscale print still tells them apart.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442", "#999999", "#882255")
MARKERS = (
    "circle",
    "square",
    "diamond",
    "triangle",
    "circle-open",
    "square-open",
    "diamond-open",
    "triangle-open",
    "circle",
    "square",
)
DPI = 150
SCALE = 2  # supersampling


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[dt.date, int], ...]  # (review date, score 1-10)


def scores_chart_png(series: Sequence[Series], width_mm: float = 165, height_mm: float = 80) -> bytes:
    from PIL import Image, ImageDraw

    px = lambda mm: round(mm / 25.4 * DPI * SCALE)  # noqa: E731
    width, height = px(width_mm), px(height_mm)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(px(2.6)), _font(px(2.3))

    legend_w = px(62)
    left, right, top, bottom = px(10), width - legend_w - px(4), px(4), height - px(10)
    dates = sorted({d for s in series for d, _ in s.points})
    grid = "#d9d9d9"
    for score in range(1, 11):
        y = _y(score, top, bottom)
        draw.line([(left, y), (right, y)], fill=grid, width=SCALE)
        draw.text((left - px(2), y), str(score), fill="#333333", font=small, anchor="rm")
    draw.line([(left, top), (left, bottom)], fill="#555555", width=SCALE * 2)
    draw.line([(left, bottom), (right, bottom)], fill="#555555", width=SCALE * 2)
    xs = _x_positions(dates, left + px(4), right - px(4))
    for day, x in xs.items():
        draw.line([(x, bottom), (x, bottom + px(1))], fill="#555555", width=SCALE)
        draw.text((x, bottom + px(1.5)), f"{day:%d %b %y}", fill="#333333", font=small, anchor="mt")

    for n, s in enumerate(series):
        colour = COLOURS[n % len(COLOURS)]
        points = [(xs[d], _y(v, top, bottom)) for d, v in sorted(s.points)]
        if len(points) > 1:
            draw.line(points, fill=colour, width=SCALE * 3, joint="curve")
        for x, y in points:
            _marker(draw, MARKERS[n % len(MARKERS)], x, y, px(1.1), colour)
        ly = top + px(1) + n * px(7.6)
        lx = right + px(6)
        draw.line([(lx, ly + px(1.6)), (lx + px(7), ly + px(1.6))], fill=colour, width=SCALE * 3)
        _marker(draw, MARKERS[n % len(MARKERS)], lx + px(3.5), ly + px(1.6), px(1.1), colour)
        for k, line in enumerate(_two_lines(s.label, 27)):
            draw.text((lx + px(9), ly + px(1.6) + k * px(3.2)), line, fill="#222222", font=font, anchor="lm")

    image = image.reduce(SCALE)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI), compress_level=1)
    return out.getvalue()


@functools.lru_cache(maxsize=8)
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(resource_path("fonts", "NotoSans-Regular.ttf")), size)


def _y(score: int, top: int, bottom: int) -> float:
    return bottom - (score - 0.5) / 10 * (bottom - top)


def _x_positions(dates: list[dt.date], left: int, right: int) -> dict[dt.date, float]:
    if not dates:
        return {}
    if len(dates) == 1:
        return {dates[0]: (left + right) / 2}
    span = (dates[-1] - dates[0]).days or 1
    return {d: left + (d - dates[0]).days / span * (right - left) for d in dates}


def _marker(draw, kind: str, x: float, y: float, r: float, colour: str) -> None:
    fill = None if kind.endswith("-open") else colour
    width = 3 * SCALE // 2
    shape = kind.removesuffix("-open")
    if shape == "circle":
        draw.ellipse([x - r, y - r, x + r, y + r], fill=fill or "white", outline=colour, width=width)
    elif shape == "square":
        draw.rectangle([x - r, y - r, x + r, y + r], fill=fill or "white", outline=colour, width=width)
    elif shape == "diamond":
        draw.polygon(
            [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)],
            fill=fill or "white",
            outline=colour,
            width=width,
        )
    else:
        draw.polygon(
            [(x, y - r * 1.3), (x + r * 1.2, y + r), (x - r * 1.2, y + r)],
            fill=fill or "white",
            outline=colour,
            width=width,
        )


def _two_lines(text: str, limit: int) -> list[str]:
    """The label on one line, or two broken at a space, shortened with … if still too long."""
    if len(text) <= limit:
        return [text]
    cut = text.rfind(" ", 0, limit + 1)
    first, rest = (text[:cut], text[cut + 1 :]) if cut > 0 else (text[:limit], text[limit:])
    return [first, rest if len(rest) <= limit else rest[: limit - 1].rstrip() + "…"]

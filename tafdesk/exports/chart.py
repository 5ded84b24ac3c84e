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


# -- the board pack's charts: bars and lines of figures -------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: not drawn (a figure withheld, or with nothing to divide by)
    text: str  # what is printed at the bar's end: "12", "67%", "fewer than 5"


def bar_chart_png(
    bars: Sequence[Bar], *, maximum: float | None = None, width_mm: float = 165, bar_mm: float = 7.5
) -> bytes:
    """Horizontal bars, one colour, each labelled on the left and given its
    figure at its end (so no axis needs reading); `maximum` fixes the scale
    (100 for percentages), else the largest bar fills the width."""
    from PIL import Image, ImageDraw

    px = lambda mm: round(mm / 25.4 * DPI * SCALE)  # noqa: E731
    height_mm = bar_mm * max(len(bars), 1) + 4
    width, height = px(width_mm), px(height_mm)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(px(2.8))
    label_w = px(62)
    left, right = label_w + px(2), width - px(26)
    top = px(2)
    scale = maximum or max((b.value for b in bars if b.value is not None), default=0) or 1
    draw.line([(left, top), (left, height - px(2))], fill="#555555", width=SCALE * 2)
    for n, bar in enumerate(bars):
        middle = top + px(bar_mm) * n + px(bar_mm) / 2
        for k, line in enumerate(lines := _two_lines(bar.label, 34)):
            offset = (k - (len(lines) - 1) / 2) * px(3.3)
            draw.text((left - px(2), middle + offset), line, fill="#222222", font=font, anchor="rm")
        end = left
        if bar.value is not None and bar.value > 0:
            end = left + (right - left) * min(bar.value, scale) / scale
            draw.rectangle([left, middle - px(2.4), end, middle + px(2.4)], fill=COLOURS[0])
        draw.text((end + px(1.5), middle), bar.text, fill="#222222", font=font, anchor="lm")
    return _png(image)


@dataclass(frozen=True)
class Line:
    label: str
    values: tuple[float | None, ...]  # one for each x label; None leaves a gap


def line_chart_png(
    lines: Sequence[Line],
    x_labels: Sequence[str],
    *,
    maximum: float,
    y_format: str = "{:.0f}",
    reference: float | None = None,
    width_mm: float = 165,
    height_mm: float = 70,
) -> bytes:
    """Lines over the x labels (weeks), from 0 to `maximum` on the y axis,
    each with its own colour and marker and a legend on the right; a dashed
    `reference` line (100% of capacity) where given."""
    from PIL import Image, ImageDraw

    px = lambda mm: round(mm / 25.4 * DPI * SCALE)  # noqa: E731
    width, height = px(width_mm), px(height_mm)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(px(2.6)), _font(px(2.3))
    legend_w = px(50) if len(lines) > 1 else 0
    left, right, top, bottom = px(13), width - legend_w - px(4), px(4), height - px(10)
    y = lambda value: bottom - value / maximum * (bottom - top)  # noqa: E731
    step = 25 if maximum <= 200 else 50 * -(-maximum // 400)
    for n in range(int(maximum // step) + 1):
        value = n * step
        draw.line([(left, y(value)), (right, y(value))], fill="#d9d9d9", width=SCALE)
        draw.text((left - px(2), y(value)), y_format.format(value), fill="#333333", font=small, anchor="rm")
    if reference is not None and reference <= maximum:
        for x in range(left, right, px(3)):
            draw.line([(x, y(reference)), (min(x + px(1.6), right), y(reference))], fill="#333333", width=SCALE * 2)
    draw.line([(left, top), (left, bottom)], fill="#555555", width=SCALE * 2)
    draw.line([(left, bottom), (right, bottom)], fill="#555555", width=SCALE * 2)
    count = len(x_labels)
    xs = [left + px(4) + (right - left - px(8)) * (n / (count - 1) if count > 1 else 0.5) for n in range(count)]
    every = max(1, -(-count // 10))  # at most ten labels under the axis
    for n, (x, label) in enumerate(zip(xs, x_labels, strict=True)):
        draw.line([(x, bottom), (x, bottom + px(1))], fill="#555555", width=SCALE)
        if n % every == 0:
            draw.text((x, bottom + px(1.5)), label, fill="#333333", font=small, anchor="mt")
    for n, line in enumerate(lines):
        colour, marker = COLOURS[n % len(COLOURS)], MARKERS[n % len(MARKERS)]
        points = [(xs[k], y(min(v, maximum))) for k, v in enumerate(line.values) if v is not None]
        if len(points) > 1:
            draw.line(points, fill=colour, width=SCALE * 3, joint="curve")
        for x, yy in points:
            _marker(draw, marker, x, yy, px(1.0), colour)
        if legend_w:
            ly, lx = top + px(1) + n * px(6), right + px(5)
            draw.line([(lx, ly + px(1.6)), (lx + px(7), ly + px(1.6))], fill=colour, width=SCALE * 3)
            _marker(draw, marker, lx + px(3.5), ly + px(1.6), px(1.0), colour)
            draw.text((lx + px(9), ly + px(1.6)), _two_lines(line.label, 22)[0], fill="#222222", font=font, anchor="lm")
    return _png(image)


def _png(image) -> bytes:
    image = image.reduce(SCALE)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI), compress_level=1)
    return out.getvalue()

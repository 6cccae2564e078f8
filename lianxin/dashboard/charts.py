"""Charts for the Word bulletin, drawn server-side with Pillow as PNG images.

Pillow rather than matplotlib: a few bars and lines need no plotting stack, and the images render the same
on every machine. Chinese labels need a CJK font, which a server may not have: ``LIANXIN_CHART_FONT`` (or
one of the usual Debian paths) is used when present; otherwise the bars are numbered 1, 2, 3 … and the
bulletin lists the names beside the chart (the document's own text needs no font on the server).
"""

import io
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

CJK_FONT_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
]
RED = (200, 16, 46)
GREY = (140, 146, 156)
INK = (31, 35, 41)
LINE = (225, 228, 232)
BLUE = (47, 111, 186)


def cjk_font_path() -> str | None:
    for candidate in [getattr(settings, "LIANXIN_CHART_FONT", ""), *CJK_FONT_PATHS]:
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _font(size: int):
    path = cjk_font_path()
    if path:
        return ImageFont.truetype(path, size), True
    return ImageFont.load_default(size=size), False


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def bar_chart(labels: list[str], values: list[float], *, width: int = 900, height: int = 380, unit: str = ""):
    """Vertical bars with their values on top. Returns (png bytes, whether labels were replaced by
    numbers for want of a CJK font)."""
    font, cjk = _font(16)
    small, _ = _font(13)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    left, right, top, bottom = 50, 20, 30, 60
    draw.line([(left, height - bottom), (width - right, height - bottom)], fill=INK, width=2)
    top_value = max([v for v in values if v is not None] or [0]) or 1
    n = max(len(values), 1)
    slot = (width - left - right) / n
    bar = max(min(slot * 0.6, 60), 4)
    for i, value in enumerate(values):
        x = left + slot * i + (slot - bar) / 2
        h = (height - top - bottom) * (value or 0) / top_value
        draw.rectangle([x, height - bottom - h, x + bar, height - bottom], fill=RED if i == 0 else BLUE)
        text = f"{value:g}{unit}" if value is not None else "-"
        draw.text((x + bar / 2, height - bottom - h - 4), text, fill=INK, font=small, anchor="md")
        label = labels[i] if cjk else str(i + 1)
        draw.text((x + bar / 2, height - bottom + 8), label[:8], fill=INK, font=font, anchor="ma")
    return _png(image), not cjk


def line_chart(labels: list[str], series: list[tuple[str, list[float]]], *, width=900, height=360):
    """One line per series over the labels (dates, written in digits, so any font draws them)."""
    font, cjk = _font(14)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    left, right, top, bottom = 50, 20, 40, 50
    draw.line([(left, height - bottom), (width - right, height - bottom)], fill=INK, width=2)
    top_value = max([v for _, vs in series for v in vs if v is not None] or [0]) or 1
    n = max(len(labels) - 1, 1)
    colours = [RED, BLUE, GREY]
    for s, (name, values) in enumerate(series):
        colour = colours[s % len(colours)]
        points = [
            (
                left + (width - left - right) * i / n,
                height - bottom - (height - top - bottom) * (v or 0) / top_value,
            )
            for i, v in enumerate(values)
        ]
        if len(points) > 1:
            draw.line(points, fill=colour, width=3)
        for x, y in points:
            draw.ellipse([x - 4, y - 4, x + 4, y + 4], fill=colour)
        legend = name if cjk else f"({s + 1})"
        draw.rectangle([left + s * 140, 10, left + s * 140 + 16, 24], fill=colour)
        draw.text((left + s * 140 + 22, 10), legend, fill=INK, font=font)
    step = max(1, len(labels) // 10)
    for i, label in enumerate(labels):
        if i % step == 0:
            draw.text(
                (left + (width - left - right) * i / n, height - bottom + 8),
                label,
                fill=INK,
                font=font,
                anchor="ma",
            )
    return _png(image), not cjk

"""Contrast ratios as WCAG 2.2 defines them, without Qt.

The popup and the chart pick their colours with these so that band colours stay readable under a
high-contrast theme: a coloured mark keeps a boundary of at least 3:1 against its background
(WCAG 1.4.11 Non-text Contrast) and coloured text keeps 4.5:1 (1.4.3) by being shaded darker
(or lighter), else the theme's own text colour is used and the arrow and words carry the meaning.
"""

from __future__ import annotations

from typing import Final

NON_TEXT_MINIMUM: Final = 3.0  # WCAG 2.2, 1.4.11 Non-text Contrast
TEXT_MINIMUM: Final = 4.5  # WCAG 2.2, 1.4.3 Contrast (Minimum)
BLACK: Final = "#000000"
SHADE_STEPS: Final = 20  # 5 % steps toward black or white when a colour is too faint as text
WHITE: Final = "#FFFFFF"

Rgb = tuple[int, int, int]


def rgb(colour: str) -> Rgb:
    """``#RRGGBB`` (case-insensitive) as three 0-255 channels."""
    text = colour.removeprefix("#")
    if len(text) != 6:
        message = f"not a #RRGGBB colour: {colour!r}"
        raise ValueError(message)
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str | Rgb) -> float:
    """WCAG 2.2's relative luminance, 0 for black to 1 for white."""
    red, green, blue = rgb(colour) if isinstance(colour, str) else colour
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: str | Rgb, second: str | Rgb) -> float:
    """(L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 (same) to 21 (black on white)."""
    a, b = relative_luminance(first), relative_luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def over(colour: str, alpha: int, background: str) -> Rgb:
    """``colour`` at ``alpha`` (0-255) painted over an opaque ``background``."""
    top, bottom = rgb(colour), rgb(background)
    return tuple(  # type: ignore[return-value]
        round((t * alpha + b * (255 - alpha)) / 255) for t, b in zip(top, bottom, strict=True)
    )


def boundary_for(background: str) -> str:
    """Black or white, whichever stands out more on ``background`` (always >= 4.58:1)."""
    return (
        BLACK if contrast_ratio(BLACK, background) >= contrast_ratio(WHITE, background) else WHITE
    )


def mark_contrast(fill: str, boundary: Rgb | str | None, background: str) -> float:
    """How well a filled mark stands out: its fill or its outline, whichever is stronger.

    WCAG 1.4.11 asks the parts needed to see the mark to reach 3:1 against what is next to
    them; a mark with an outline is seen by its outline.
    """
    ratios = [contrast_ratio(fill, background)]
    if boundary is not None:
        ratios.append(contrast_ratio(boundary, background))
    return max(ratios)


def readable_text(colour: str, background: str, fallback: str) -> str:
    """``colour``, or the nearest shade of it that reaches 4.5:1 as text on ``background``.

    The shade moves toward black or white (whichever stands out on the background), so a good
    change stays green and a bad one red, only darker (or lighter on a dark theme); when even
    that cannot reach 4.5:1, ``fallback`` (the theme's text colour) is used.
    """
    if contrast_ratio(colour, background) >= TEXT_MINIMUM:
        return colour
    target = boundary_for(background)
    for step in range(1, SHADE_STEPS + 1):
        shade = over(target, round(255 * step / SHADE_STEPS), colour)
        if contrast_ratio(shade, background) >= TEXT_MINIMUM:
            return "#{:02X}{:02X}{:02X}".format(*shade)
    return fallback

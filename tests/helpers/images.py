"""Comparing rendered images across machines.

Qt's raster engine picks its blending code by CPU (SSE2, SSSE3, AVX2, ...), so the same drawing
can differ by a few levels in anti-aliased edge pixels from one machine to the next. Pixel-exact
equality therefore only holds on the machine that rendered the reference; tests compare with a
small per-channel tolerance instead, and count how many pixels go past it.
"""

from __future__ import annotations

from PySide6.QtGui import QImage

ANTI_ALIASING_TOLERANCE = 40  # per channel, 0-255: rounding in edge pixels stays well below


def differing_share(
    first: QImage, second: QImage, tolerance: int = ANTI_ALIASING_TOLERANCE
) -> float:
    """The share of pixels whose colour or alpha differs by more than ``tolerance`` in a channel."""
    differing = 0
    for y in range(first.height()):
        for x in range(first.width()):
            a, b = first.pixelColor(x, y), second.pixelColor(x, y)
            if (
                abs(a.red() - b.red()) > tolerance
                or abs(a.green() - b.green()) > tolerance
                or abs(a.blue() - b.blue()) > tolerance
                or abs(a.alpha() - b.alpha()) > tolerance
            ):
                differing += 1
    return differing / max(1, first.width() * first.height())

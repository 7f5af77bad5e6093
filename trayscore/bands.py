"""Score bands and the one rounding rule every display shares.

The icon shows an integer (rounded half-up, as the Defender portal shows it) and the band is the
band of that integer, so the number and the colour it wears can never disagree: 29.6 shows "30"
in the medium colour. The one-decimal value in the tooltip is kept consistent with the integer:
in the narrow zone where half-up rounding to tenths would cross it (33.46 -> "33.5", which reads
as 34) it shows "33.4" instead. See docs/adr/002-fractional-scores.md.
"""

from __future__ import annotations

import enum
import math
from decimal import ROUND_HALF_UP, Decimal

LOW_MAX = 29
MEDIUM_MAX = 69
SCORE_MIN = 0.0
SCORE_MAX = 100.0


class Band(enum.StrEnum):
    """Microsoft's exposure bands; lower is better."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def _check(score: float) -> None:
    if not math.isfinite(score) or not SCORE_MIN <= score <= SCORE_MAX:
        raise ValueError(f"score must be a finite number in [0, 100], got {score!r}")


def displayed_integer(score: float) -> int:
    """The integer the icon draws: the score rounded half-up."""
    _check(score)
    return int(Decimal(repr(score)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def one_decimal(score: float) -> Decimal:
    """The score with one decimal, never rounding to a different integer than the icon shows."""
    shown = displayed_integer(score)
    tenth = Decimal(repr(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if tenth.quantize(Decimal(1), rounding=ROUND_HALF_UP) != shown:
        return Decimal(shown) + Decimal("0.4")
    return tenth


def band_of(score: float) -> Band:
    """The band of a score, by the number the user sees (0-29 low, 30-69 medium, 70-100 high)."""
    shown = displayed_integer(score)
    if shown <= LOW_MAX:
        return Band.LOW
    if shown <= MEDIUM_MAX:
        return Band.MEDIUM
    return Band.HIGH

"""Score bands and the one rounding rule every display shares.

The icon shows an integer and the tooltip one decimal; if the band were computed from the raw
float, 29.6 would show "30" in the low colour. So the band is taken from the displayed number:
the score is rounded half-up to one decimal, that is rounded half-up to an integer, and the band
of that integer is the band. See docs/adr/002-fractional-scores.md.
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


def one_decimal(score: float) -> Decimal:
    """The score as the tooltip and CLI show it: rounded half-up to one decimal."""
    _check(score)
    return Decimal(repr(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def displayed_integer(score: float) -> int:
    """The integer the icon draws, derived from the one-decimal value so both always agree."""
    return int(one_decimal(score).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def band_of(score: float) -> Band:
    """The band of a score, by the number the user sees (0-29 low, 30-69 medium, 70-100 high)."""
    shown = displayed_integer(score)
    if shown <= LOW_MAX:
        return Band.LOW
    if shown <= MEDIUM_MAX:
        return Band.MEDIUM
    return Band.HIGH

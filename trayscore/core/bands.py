"""Score bands and the one rounding rule every display shares.

The icon shows an integer (rounded half-up, as the Defender portal shows it) and the band is the
band of that integer, so the number and the colour it wears can never disagree: 29.6 shows "30"
in the medium colour. The one-decimal value in the tooltip is kept consistent with the integer:
in the narrow zone where half-up rounding to tenths would cross it (33.46 -> "33.5", which reads
as 34) it shows "33.4" instead. See docs/adr/002-fractional-scores.md.

``band_of`` is the exposure score's banding; every source's own bands are a ``BandScale``
(docs/adr/009-sources.md).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

LOW_MAX = 29
MEDIUM_MAX = 69
SCORE_MIN = 0.0
SCORE_MAX = 100.0


class Band(enum.StrEnum):
    """Where a score sits on 0-100; which end is good depends on the source (``BandScale``)."""

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


class Severity(enum.StrEnum):
    """What a band means for the user, whichever way the score runs (the GUI colours by this)."""

    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"


@dataclass(frozen=True)
class BandScale:
    """A source's bands on 0-100: the top of low and medium, and which end is good.

    Bands name where the number sits (low, medium, high) in every direction, so a band change
    reads the same; ``severity`` says whether that is good news, because a high exposure score
    is poor while a high secure score is good.
    """

    low_max: int
    medium_max: int
    lower_is_better: bool

    def band_of(self, score: float) -> Band:
        """The band of a score, by the number the user sees (as :func:`band_of`)."""
        shown = displayed_integer(score)
        if shown <= self.low_max:
            return Band.LOW
        if shown <= self.medium_max:
            return Band.MEDIUM
        return Band.HIGH

    def severity(self, band: Band) -> Severity:
        """Good, fair or poor: the middle band is fair; the ends depend on the direction."""
        if band is Band.MEDIUM:
            return Severity.FAIR
        good_end = Band.LOW if self.lower_is_better else Band.HIGH
        return Severity.GOOD if band is good_end else Severity.POOR

    def improvement(self, change: float) -> float:
        """A score change signed so that positive is better news (a fall, for exposure)."""
        return -change if self.lower_is_better else change

    def ranges(self) -> tuple[tuple[Band, int, int], ...]:
        """Each band with its first and last displayed integer, low band first."""
        return (
            (Band.LOW, 0, self.low_max),
            (Band.MEDIUM, self.low_max + 1, self.medium_max),
            (Band.HIGH, self.medium_max + 1, int(SCORE_MAX)),
        )


EXPOSURE_BANDS: Final = BandScale(low_max=LOW_MAX, medium_max=MEDIUM_MAX, lower_is_better=True)
"""Microsoft's exposure bands: 0-29 low (good), 30-69 medium, 70-100 high (poor)."""

SECURE_SCORE_LOW_MAX: Final = 39
SECURE_BANDS: Final = BandScale(
    low_max=SECURE_SCORE_LOW_MAX, medium_max=MEDIUM_MAX, lower_is_better=False
)
"""trayscore's bands for the secure scores (percent of the maximum; Microsoft publishes none):
0-39 low (poor: most recommended controls are missing), 40-69 medium (fair), 70-100 high (good).
"""

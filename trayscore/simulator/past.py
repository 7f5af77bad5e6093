"""A simulated tenant's past: 90 days of exposure-score readings for the demo's first chart.

The live series moves every step (a minute in the demo), far too fast for a chart of weeks, so
the past has a slow curve of its own: a swing of a few weeks around the tenant's band, with a
peak and a trough inside the period that reach past the band's edges, a little noise, and a bend
over the last day and a half onto the value the tenant serves now, so the chart runs into the
live reading without a jump. The same seed and moment always give the same readings.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from typing import Final

from trayscore.core.bands import SCORE_MAX, SCORE_MIN, Band
from trayscore.core.catalog import EXPOSURE_SCORE
from trayscore.core.models import Reading

PAST_DAYS: Final = 90
PAST_EVERY: Final = timedelta(hours=3)
BEND: Final = timedelta(hours=36)  # the last stretch bends onto the live value
PAST_NOISE: Final = 2.0
# The past's centre and swing by the tenant's band: each reaches past its band's edge (low to
# 32, high down to 68, medium both ways) at the curve's peak or trough.
PAST_SHAPES: Final = {Band.LOW: (17.0, 15.0), Band.MEDIUM: (50.0, 30.0), Band.HIGH: (83.0, 15.0)}
HARMONIC: Final = 0.35  # the share of the third harmonic: a squarer swing, still +-1 at its ends


def _shape(days: float, peak: float, period: float) -> float:
    """Between -1 and 1: 1 at ``peak`` days, -1 half a ``period`` later (and earlier)."""
    angle = 2 * math.pi * (days - peak) / period
    return (1.0 - HARMONIC) * math.cos(angle) + HARMONIC * math.cos(3 * angle)


def _bend(moment: datetime, now: datetime) -> float:
    """0 before the last :data:`BEND` before ``now``, rising smoothly to 1 at ``now``."""
    share = min(1.0, max(0.0, 1.0 - (now - moment) / BEND))
    return share * share * (3.0 - 2.0 * share)


def past_readings(
    seed: int,
    band: Band,
    now: datetime,
    live: float,
    *,
    days: int = PAST_DAYS,
    every: timedelta = PAST_EVERY,
) -> list[Reading]:
    """The exposure-score readings of a simulated tenant over the ``days`` before ``now``.

    Oldest first (``days`` ago), one every ``every``, the newest ``every`` before ``now``;
    ``band`` is the band the tenant mostly sits in and ``live`` the score it serves at ``now``.
    Each reading is stamped with its own time (it was "fetched" then), as a backfill records a
    service's past.
    """
    if days < 1 or every <= timedelta(0):
        raise ValueError("the simulated past needs at least a day and a positive interval")
    rng = random.Random(seed)  # noqa: S311 - a simulation, not cryptography
    period = days * rng.uniform(0.27, 0.4)  # in days: two or three swings in the period
    peak = rng.uniform(0.05 * days, 0.95 * days - period / 2)  # the trough follows inside
    centre, swing = PAST_SHAPES[band]
    count = math.ceil(timedelta(days=days) / every)
    readings = []
    for back in range(count, 0, -1):
        moment = now - back * every
        age = back * every / timedelta(days=1)
        curve = centre + swing * _shape(days - age, peak, period)
        curve += rng.uniform(-PAST_NOISE, PAST_NOISE)
        weight = _bend(moment, now)
        score = round(min(SCORE_MAX, max(SCORE_MIN, curve + (live - curve) * weight)), 1)
        readings.append(Reading(EXPOSURE_SCORE.name, score, moment, moment))
    return readings

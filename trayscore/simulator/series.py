"""The simulated scores: a deterministic series, and time stamps written as the API writes them.

Kept apart from the HTTP side so tests and benchmarks can compute what the simulator will answer
(the same seed always gives the same series) without starting a server.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime
from typing import Protocol


class Series(Protocol):
    """What a simulated tenant's answers read: its exposure score at a time step."""

    def at(self, step: int, offset: float = 0.0) -> float:
        """The score at ``step``; ``offset`` shifts it for a related series (device groups)."""
        ...


class ScoreSeries:
    """A deterministic, realistic-looking exposure score over time steps.

    A slow swing between about 18 and 82 (so every band is visited once a period of 10 to 16
    steps) with a little per-step noise; the same seed always gives the same series.
    ``centre`` and ``swing`` move and narrow it, e.g. into one band for another tenant.
    """

    def __init__(self, seed: int, *, centre: float = 50.0, swing: float = 32.0) -> None:
        rng = random.Random(seed)  # noqa: S311 - a simulation, not cryptography
        self._seed = seed
        self._phase = rng.uniform(0.0, 2 * math.pi)
        self._period = rng.uniform(10.0, 16.0)
        self._centre = centre
        self._swing = swing

    def at(self, step: int, offset: float = 0.0) -> float:
        """The score at a step; ``offset`` shifts it for a related series (device groups)."""
        noise = random.Random(self._seed * 1_000_003 + step).uniform(-3.0, 3.0)  # noqa: S311
        swing = self._swing * math.sin(self._phase + 2 * math.pi * step / self._period)
        return min(100.0, max(0.0, self._centre + swing + noise + offset))


def secure_score_percent(series: Series, day: int) -> float:
    """The simulated Secure Score on a day (an ordinal): a slow swing over the bands."""
    return 100.0 - series.at(day)


def api_time(moment: datetime, digits: int = 7) -> str:
    """A time stamp as the API writes it: UTC, six or seven fractional digits, ``Z``.

    The documented samples show both ("2019-12-03T07:23:53.280499Z" for the exposure score,
    "2019-12-03T09:15:58.1665846Z" for the device secure score).
    """
    text = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    return text + "0" * (digits - 6) + "Z"

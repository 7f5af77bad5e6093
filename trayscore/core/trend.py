"""What the history popup says about the trend, as pure functions over recorded runs.

A run is a score held from its first reading until it was last confirmed; the value "at" a moment
is the run in force then. For the exposure score lower is better, so a rise is bad news.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol


class Run(Protocol):
    """One coalesced history entry (trayscore.history.store.Entry has this shape)."""

    @property
    def score(self) -> float:
        """The score held during the run."""
        ...

    @property
    def time(self) -> datetime:
        """When the run started (the API time of its first reading)."""
        ...

    @property
    def last_confirmed(self) -> datetime:
        """The last fetch that still saw this score."""
        ...


def value_at(runs: Sequence[Run], moment: datetime) -> float | None:
    """The score in force at ``moment``: the last run that started at or before it."""
    found: float | None = None
    for run in runs:
        if run.time <= moment:
            found = run.score
        else:
            break
    return found


def change_since(runs: Sequence[Run], now: datetime, period: timedelta) -> float | None:
    """Latest score minus the score in force ``period`` ago (None without both)."""
    if not runs:
        return None
    then = value_at(runs, now - period)
    return None if then is None else runs[-1].score - then


def within(runs: Sequence[Run], start: datetime) -> list[Run]:
    """The runs visible from ``start`` on, including the one already in force at ``start``."""
    return [run for run in runs if run.last_confirmed >= start]


def extremes(runs: Sequence[Run]) -> tuple[float, float] | None:
    """The lowest and highest score among ``runs``."""
    if not runs:
        return None
    scores = [run.score for run in runs]
    return min(scores), max(scores)

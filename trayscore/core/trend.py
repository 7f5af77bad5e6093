"""What the history popup says about the trend, as pure functions over recorded runs.

A run is a score held from its first reading until it was last confirmed; the value "at" a moment
is the run in force then. For the exposure score lower is better, so a rise is bad news.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Change:
    """How far the score moved, and over what when the history is shorter than the period.

    ``history`` is None for a change over the whole period; otherwise it is how long ago the first
    reading was, so the popup can say "since first reading (6 min ago)" instead of a bare "-" for
    the first day, week or month of a new install.
    """

    amount: float
    history: timedelta | None = None


def change_over(runs: Sequence[Run], now: datetime, period: timedelta) -> Change | None:
    """The change over ``period``, or since the first reading while the history is shorter.

    None without an older reading than ``now`` to compare with: one reading taken just now has
    not moved.
    """
    if not runs:
        return None
    then = value_at(runs, now - period)
    if then is not None:
        return Change(runs[-1].score - then)
    first = runs[0]
    if first.time >= now:
        return None
    return Change(runs[-1].score - first.score, now - first.time)


def axis_start(runs: Sequence[Run], start: datetime, end: datetime) -> datetime:
    """Where the chart's time axis begins: ``start``, or just before a later first reading.

    Six minutes of history over a 30-day axis is one vertical stroke at the right edge; starting
    the axis at the first reading (less a twentieth of the span, at least a minute, so the first
    step is not drawn on the edge) spreads it over the chart until the range fills up.
    """
    if not runs or runs[0].time <= start:
        return start
    first = runs[0].time
    margin = max((end - first) / 20, timedelta(minutes=1))
    return max(start, first - margin)


def within(runs: Sequence[Run], start: datetime) -> list[Run]:
    """The runs visible from ``start`` on, including the one already in force at ``start``."""
    return [run for run in runs if run.last_confirmed >= start]


def extremes(runs: Sequence[Run]) -> tuple[float, float] | None:
    """The lowest and highest score among ``runs``."""
    if not runs:
        return None
    scores = [run.score for run in runs]
    return min(scores), max(scores)

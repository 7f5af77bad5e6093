"""What the history keeps: runs of equal scores, thinned as they age.

One entry is a *run*: identical consecutive scores of one source are coalesced into the first
reading (its API ``time`` and ``fetched_at``) plus ``last_confirmed``, the fetch time of the last
reading that still saw that score. A year of 5-minute polling therefore stays small.

Thinning, by the age of a run's start (``time``) against the injected clock:

- up to 90 days: every run is kept;
- 90 to 400 days: at most one run per UTC hour (the last one that started in that hour);
- 400 days to 3 years: at most one run per UTC day (the last one of that day);
- older than 3 years: dropped.

Keeping the *last* run of a bucket means the value in force at the end of each hour (day) is
exact, and the error is at most one hour (day) for old points; adjacent runs that end up with the
same score are merged again.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Final

from trayscore.core.bands import band_of
from trayscore.core.catalog import band_for
from trayscore.core.models import Reading, iso_utc

FULL_RESOLUTION: Final = timedelta(days=90)
HOURLY_UNTIL: Final = timedelta(days=400)
DAILY_UNTIL: Final = timedelta(days=3 * 365)


@dataclass(frozen=True)
class Entry:
    """One coalesced run: a score from its first reading until ``last_confirmed``."""

    source: str
    score: float
    time: datetime
    fetched_at: datetime
    last_confirmed: datetime

    @property
    def band(self) -> str:
        """The band name of the score by its source's bands (by the number the user sees)."""
        return band_for(self.source, self.score).value

    def to_json(self) -> dict[str, object]:
        """The stable machine form: a reading's five keys plus ``last_confirmed``."""
        return {
            "source": self.source,
            "score": self.score,
            "band": self.band,
            "time": iso_utc(self.time),
            "fetched_at": iso_utc(self.fetched_at),
            "last_confirmed": iso_utc(self.last_confirmed),
        }

    @cached_property
    def _line(self) -> str:
        """The snapshot form as JSON text, made once per entry so rewriting is mostly a join.

        Formatted by hand: the score is a validated finite float (``repr`` is what ``json``
        writes) and the times are ASCII, so this equals ``json.dumps`` at a fraction of its cost.
        """
        return (
            f'{{"score":{self.score!r},"time":"{iso_utc(self.time)}",'
            f'"fetched_at":"{iso_utc(self.fetched_at)}",'
            f'"last_confirmed":"{iso_utc(self.last_confirmed)}"}}'
        )


object_new: Final = object.__new__  # with __dict__.update: an Entry without its guarded setattrs
Runs = dict[str, list[Entry]]


def new_entry(
    source: str, score: float, time: datetime, fetched_at: datetime, last_confirmed: datetime
) -> Entry:
    """An ``Entry`` without the frozen dataclass's five guarded setattrs (loads make thousands)."""
    entry = object_new(Entry)
    entry.__dict__.update(
        source=source,
        score=score,
        time=time,
        fetched_at=fetched_at,
        last_confirmed=last_confirmed,
    )
    return entry


def copy_runs(runs: Runs) -> Runs:
    """New lists of the same entries: folding into the copy never touches ``runs``."""
    return {name: list(rows) for name, rows in runs.items()}


def validate(reading: Reading) -> None:
    """ValueError for a reading no source could produce (bad score, naive time, no source)."""
    band_of(reading.score)  # raises ValueError unless finite and within 0..100
    for moment in (reading.time, reading.fetched_at):
        if moment.tzinfo is None:
            raise ValueError("reading times must carry a time zone")
    if not reading.source:
        raise ValueError("reading source must not be empty")


def replay(
    runs: list[Entry], source: str, score: float, time: datetime, fetched_at: datetime
) -> None:
    """Coalesce one journal reading into the source's runs (a new run when the score changed).

    Idempotent: a reading a run already covers (the run in force at its ``time`` has its score
    and was confirmed at or after its fetch) changes nothing, so replaying a journal twice, e.g.
    over a snapshot an older trayscore rewrote without the journal generation, adds nothing.
    """
    index = len(runs) - 1
    if index >= 0 and runs[index].time > time:  # an older reading: find the run it fell in
        index = bisect_right(runs, time, key=lambda e: e.time) - 1
    if index >= 0:
        run = runs[index]
        if run.score == score and run.last_confirmed >= fetched_at:
            return
    if runs and runs[-1].score == score:
        last = runs[-1]
        confirmed = max(last.last_confirmed, fetched_at)
        runs[-1] = new_entry(last.source, score, last.time, last.fetched_at, confirmed)
        return
    runs.append(new_entry(source, score, time, fetched_at, fetched_at))


def thin(runs: list[Entry], now: datetime) -> None:
    """Apply the retention rule of the module docstring in place (runs ordered by ``time``)."""
    cutoff = bisect_left(runs, now - FULL_RESOLUTION, key=lambda e: e.time)
    if cutoff == 0:
        return
    selected: list[Entry] = []
    last_key: object = None
    for entry in runs[:cutoff]:
        age = now - entry.time
        if age > DAILY_UNTIL:
            continue
        start = entry.time.astimezone(UTC)
        key = start.date() if age > HOURLY_UNTIL else (start.date(), start.hour)
        if selected and key == last_key:
            selected[-1] = entry  # the last run of the bucket: exact at the bucket's end
        else:
            selected.append(entry)
            last_key = key
    merged: list[Entry] = []
    for entry in selected:
        if merged and merged[-1].score == entry.score:
            first = merged[-1]
            confirmed = max(first.last_confirmed, entry.last_confirmed)
            merged[-1] = Entry(first.source, first.score, first.time, first.fetched_at, confirmed)
        else:
            merged.append(entry)
    runs[:cutoff] = merged

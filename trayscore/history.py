"""The score history: one versioned JSON file, written atomically, shared by the tray and the CLI.

File shape (schema 1)::

    {"schema": 1, "write_id": "<hex>", "sources": {"<source>": [
        {"score": 33.4, "time": "...Z", "fetched_at": "...Z", "last_confirmed": "...Z"}, ...]}}

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

Durability: every write goes to a temporary file (mode 0600 from creation) in the same folder,
which is flushed and fsynced, then ``os.replace``-d over the file; the folder is fsynced too, so a
reader never sees a partial file and a crash leaves the old or the new file. Read-modify-write
runs under an exclusive lock on ``<name>.lock`` (``fcntl.flock``; ``msvcrt.locking`` on Windows)
with a bounded wait, so the tray and a cron ``trayscore score`` never lose each other's readings.
A corrupt file is moved aside as ``<name>.corrupt-<UTC timestamp>``; a file from a newer schema is
read as far as possible and never overwritten. Problems are told once through ``take_problems``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import secrets
import sys
import time as _time
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Final

from trayscore.bands import band_of
from trayscore.errors import TrayscoreError
from trayscore.models import Reading, iso_utc
from trayscore.timeparse import parse_instant

SCHEMA_VERSION: Final = 1
FULL_RESOLUTION: Final = timedelta(days=90)
HOURLY_UNTIL: Final = timedelta(days=400)
DAILY_UNTIL: Final = timedelta(days=3 * 365)
THIN_EVERY: Final = timedelta(hours=1)  # thinning is idempotent: once an hour per store is enough
LOCK_TIMEOUT_SECONDS: Final = 10.0
_LOCK_POLL_SECONDS: Final = 0.02
_HEAD_BYTES: Final = 96
_TMP_MARK: Final = ".tmp-"


class HistoryWriteError(TrayscoreError):
    """The history could not be written; the previous file is intact. Callers warn, never crash."""

    kind = "history-write"


class _Corrupt(Exception):
    """The file's content is not a history this version can trust (internal)."""


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
        """The band name of the score (by the number the user sees)."""
        return band_of(self.score).value

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
        """The file form as JSON text, made once per entry so rewriting a large file is a join."""
        row = {
            "score": self.score,
            "time": iso_utc(self.time),
            "fetched_at": iso_utc(self.fetched_at),
            "last_confirmed": iso_utc(self.last_confirmed),
        }
        return json.dumps(row, separators=(",", ":"), allow_nan=False)


CSV_COLUMNS: Final = ("source", "score", "band", "time", "fetched_at", "last_confirmed")


def entries_to_csv(entries: Sequence[Entry]) -> str:
    """CSV with a header row, ISO-8601 UTC times and full-precision scores (locale-free)."""
    import csv  # noqa: PLC0415 - only exports need it
    import io  # noqa: PLC0415

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        row = entry.to_json()
        writer.writerow([row[column] for column in CSV_COLUMNS])
    return buffer.getvalue()


_Runs = dict[str, list[Entry]]


@dataclass
class _Loaded:
    """What one read of the file gave: the runs, and whether this version may write over it."""

    runs: _Runs
    refusal: str | None  # why this version must not write over the file, if it must not
    signature: tuple[int, int, int, bytes] | None


def _utc_now() -> datetime:
    return datetime.now(UTC)


class HistoryStore:
    """The history file at ``path``; each call re-checks it, so other processes' writes show."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], datetime] = _utc_now,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
    ) -> None:
        self.path = path
        self._clock = clock
        self._lock_timeout = lock_timeout
        self._cache: _Loaded | None = None
        self._problems: list[str] = []
        self._told: set[str] = set()
        self._swept = False
        self._thinned_at: datetime | None = None

    @property
    def lock_path(self) -> Path:
        """The lock file next to the history (never holds data)."""
        return self.path.with_name(self.path.name + ".lock")

    def take_problems(self) -> list[str]:
        """One-line problems found since the last call (moved aside, newer version); each once."""
        problems, self._problems = self._problems, []
        return problems

    def entries(self, source: str | None = None, since: datetime | None = None) -> list[Entry]:
        """Runs oldest first; ``since`` keeps runs still in force at or after that moment."""
        loaded = self._read(locked=False)
        runs = (
            list(loaded.runs.get(source, []))
            if source is not None
            else sorted((e for rs in loaded.runs.values() for e in rs), key=lambda e: e.time)
        )
        if since is not None:
            runs = [entry for entry in runs if entry.last_confirmed >= since]
        return runs

    def record(self, reading: Reading) -> None:
        """Add one successful reading: coalesce, thin, write atomically.

        Raises ValueError for a reading no source could produce (bad score, naive time) and
        HistoryWriteError when the file cannot be written; the previous file is then intact.
        """
        _validate(reading)
        with self._locked():
            loaded = self._read(locked=True)
            if loaded.refusal is not None:
                raise HistoryWriteError(loaded.refusal)
            runs = {name: list(entries) for name, entries in loaded.runs.items()}
            now = self._clock()
            mine = runs.setdefault(reading.source, [])
            _add(mine, reading)
            if self._thinned_at is None or abs(now - self._thinned_at) >= THIN_EVERY:
                for entries in runs.values():
                    thin(entries, now)
            self._write(runs)
            self._thinned_at = now

    # -- reading ---------------------------------------------------------------------------

    def _signature(self) -> tuple[int, int, int, bytes] | None:
        """Identity of the file on disk: inode, size, mtime and the head with its write id."""
        try:
            with self.path.open("rb") as handle:
                stat = os.fstat(handle.fileno())
                head = handle.read(_HEAD_BYTES)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns, head)

    def _read(self, *, locked: bool) -> _Loaded:
        """The file's runs; re-parsed only when its signature changed since we last saw it."""
        try:
            signature = self._signature()
            if signature is None:
                return _Loaded({}, refusal=None, signature=None)
            if self._cache is not None and self._cache.signature == signature:
                return self._cache
            loaded = self._parse(self.path.read_bytes())
        except FileNotFoundError:  # removed between the two looks: look again
            return self._read(locked=locked)
        except OSError as error:
            return self._corrupt(f"unreadable ({error.strerror or error})", locked=locked)
        except _Corrupt as problem:
            return self._corrupt(str(problem), locked=locked)
        if self._signature() == signature:
            loaded.signature = signature
            self._cache = loaded
        return loaded

    def _parse(self, data: bytes) -> _Loaded:
        try:
            document = json.loads(data)
        except (ValueError, RecursionError) as error:
            raise _Corrupt("not valid JSON" if data.strip() else "empty file") from error
        if not isinstance(document, dict):
            raise _Corrupt("not a JSON object")
        schema = document.get("schema")
        if type(schema) is not int or schema < 1:
            raise _Corrupt("no valid schema version")
        if schema > SCHEMA_VERSION:
            self._tell(
                f"{self.path} was written by a newer trayscore (schema {schema}); showing what "
                "this version can read and not recording into it. Upgrade trayscore."
            )
            refusal = (
                f"{self.path} was written by a newer trayscore (schema {schema}); not recording "
                "into it. Upgrade trayscore, or move the file away to start a new history."
            )
            return _Loaded(_lenient_runs(document.get("sources")), refusal, signature=None)
        return _Loaded(_strict_runs(document.get("sources")), refusal=None, signature=None)

    def _corrupt(self, reason: str, *, locked: bool) -> _Loaded:
        """Move the bad file aside (only under the lock, so a good file is never moved)."""
        if not locked:
            try:
                with self._locked():
                    return self._read(locked=True)
            except HistoryWriteError as error:
                message = f"{self.path} is {reason} and could not be moved aside: {error}"
                self._tell(message)
                return _Loaded({}, refusal=message, signature=None)
        stamp = self._clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while aside.exists():
            counter += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
        try:
            self.path.rename(aside)
        except OSError as error:
            message = (
                f"{self.path} is {reason} and could not be moved aside "
                f"({error.strerror or error}); move it away by hand to keep a history."
            )
            self._tell(message)
            return _Loaded({}, refusal=message, signature=None)
        self._tell(
            f"{self.path} was {reason}; moved it aside to {aside.name} and started a new history."
        )
        return _Loaded({}, refusal=None, signature=None)

    def _tell(self, problem: str) -> None:
        if problem not in self._told:
            self._told.add(problem)
            self._problems.append(problem)

    # -- writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Exclusive lock on ``<name>.lock`` with a bounded wait."""
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise _write_error(self.path, error) from None
        try:
            deadline = _time.monotonic() + self._lock_timeout
            while not _try_lock(fd):
                if _time.monotonic() >= deadline:
                    raise HistoryWriteError(
                        f"Another trayscore kept {self.lock_path} locked for "
                        f"{self._lock_timeout:.0f} s; this reading was not recorded. "
                        "It is recorded again on the next refresh."
                    )
                _time.sleep(_LOCK_POLL_SECONDS)
            try:
                yield
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    def _write(self, runs: _Runs) -> None:
        """Temp file (0600) + fsync + os.replace + folder fsync; the old file survives a failure."""
        write_id = secrets.token_hex(8)
        sources = ",".join(
            f"{json.dumps(name)}:[{','.join([entry._line for entry in rows])}]"
            for name, rows in runs.items()
            if rows
        )
        head = f'{{"schema":{SCHEMA_VERSION},"write_id":"{write_id}"'
        data = f'{head},"sources":{{{sources}}}}}\n'.encode()
        folder = self.path.parent
        self._sweep_temporaries()
        temporary = folder / f".{self.path.name}{_TMP_MARK}{os.getpid()}-{write_id}"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temporary, self.path)  # noqa: PTH105 - the atomic step, patched in tests
        except OSError as error:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise _write_error(self.path, error) from None
        _fsync_folder(folder)
        self._cache = _Loaded(runs, refusal=None, signature=None)
        with contextlib.suppress(OSError):
            self._cache.signature = self._signature()

    def _sweep_temporaries(self) -> None:
        """Remove temp files a killed writer left (safe: we hold the lock, so none is live)."""
        if self._swept:
            return
        self._swept = True
        prefix = f".{self.path.name}{_TMP_MARK}"
        with contextlib.suppress(OSError), os.scandir(self.path.parent) as found:
            for item in found:
                if item.name.startswith(prefix):
                    with contextlib.suppress(OSError):
                        Path(item.path).unlink()


def _write_error(path: Path, error: OSError) -> HistoryWriteError:
    reason = error.strerror or str(error)
    hint = "free some disk space" if error.errno == errno.ENOSPC else "check that folder"
    return HistoryWriteError(
        f"Could not write the history {path} ({reason}); {hint}. The previous history is intact."
    )


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); some file systems refuse, and the data is already safe."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


# -- pure parts: validation, coalescing, thinning -------------------------------------------


def _validate(reading: Reading) -> None:
    band_of(reading.score)  # raises ValueError unless finite and within 0..100
    for moment in (reading.time, reading.fetched_at):
        if moment.tzinfo is None:
            raise ValueError("reading times must carry a time zone")
    if not reading.source:
        raise ValueError("reading source must not be empty")


def _add(runs: list[Entry], reading: Reading) -> None:
    """Coalesce ``reading`` into the source's runs (a new run when the score changed)."""
    if runs and runs[-1].score == reading.score:
        last = runs[-1]
        confirmed = max(last.last_confirmed, reading.fetched_at)
        runs[-1] = Entry(last.source, last.score, last.time, last.fetched_at, confirmed)
        return
    runs.append(
        Entry(
            reading.source,
            reading.score,
            reading.time.astimezone(UTC),
            reading.fetched_at.astimezone(UTC),
            reading.fetched_at.astimezone(UTC),
        )
    )


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


def _strict_runs(sources: object) -> _Runs:
    """Schema-1 sources; any wrong type makes the whole file corrupt."""
    if not isinstance(sources, dict):
        raise _Corrupt("missing its sources")
    runs: _Runs = {}
    for name, rows in sources.items():
        if not isinstance(rows, list) or not name:
            raise _Corrupt("holding a source that is not a list")
        try:
            runs[name] = [_entry(name, row) for row in rows]
        except (ValueError, TypeError, KeyError) as error:
            raise _Corrupt("holding an entry of the wrong type") from error
    return runs


def _lenient_runs(sources: object) -> _Runs:
    """A newer schema's sources: keep every entry this version understands, skip the rest."""
    runs: _Runs = {}
    if not isinstance(sources, dict):
        return runs
    for name, rows in sources.items():
        if not isinstance(rows, list):
            continue
        for row in rows:
            with contextlib.suppress(ValueError, TypeError, KeyError):
                runs.setdefault(name, []).append(_entry(name, row))
    return runs


def _entry(source: str, row: object) -> Entry:
    if not isinstance(row, dict):
        raise TypeError("entry is not an object")
    score = row["score"]
    if isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score):
        raise TypeError("score is not a number")
    band_of(float(score))
    times = [row[key] for key in ("time", "fetched_at", "last_confirmed")]
    if not all(isinstance(text, str) for text in times):
        raise TypeError("time is not a string")
    start, fetched, confirmed = (parse_instant(text) for text in times)
    return Entry(source, float(score), start, fetched, confirmed)

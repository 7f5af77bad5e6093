"""The score history: a snapshot JSON file plus an append-only journal, shared by tray and CLI.

Snapshot (schema 1), ``<name>``::

    {"schema":1,"journal":7,"write_id":"<hex>","sources":{"<source>":[
        {"score":33.4,"time":"...Z","fetched_at":"...Z","last_confirmed":"...Z"}, ...]}}

Journal, ``<name>.journal``: a header line with its generation, then one JSON line per recorded
reading (``trayscore.history.journal``). ``journal`` in the snapshot is the last journal
generation folded into it; a journal whose generation is not newer holds nothing new.

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

Recording costs the same however long the history is: under an exclusive lock on ``<name>.lock``
(``fcntl.flock``; ``msvcrt.locking`` on Windows, bounded wait) a writer reads only the snapshot's
first bytes (schema, absorbed generation), appends one line to the journal and fsyncs it. When
the journal outgrows ``JOURNAL_MAX_BYTES`` (or a quarter of the snapshot, so the amortised cost of
compacting stays flat too), it is compacted: coalesced and thinned into a new snapshot written to
a temporary file (0600 from creation), fsynced, ``os.replace``-d over the old one (folder fsynced),
and only then removed. A crash in between leaves a journal the snapshot already absorbed, which
readers skip and the next writer replaces, so a reading is never lost nor counted twice (replay
also skips readings already covered by a run). Readers see snapshot plus journal, never a partial
line, and re-read only the journal's new bytes when it grew.

A corrupt snapshot is moved aside as ``<name>.corrupt-<UTC timestamp>``, a journal whose header is
unreadable as ``<name>.journal.corrupt-<UTC timestamp>``; an unreadable journal line is skipped
(and dropped by the next compaction). A file from a newer schema is read as far as possible and
never written to, journal included. Problems are told once through ``take_problems``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import sys
import time as _time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, Final

from trayscore.core.bands import band_of
from trayscore.core.catalog import band_for
from trayscore.core.errors import TrayscoreError
from trayscore.core.models import Reading, iso_utc
from trayscore.history.journal import (
    BINARY,
    HEADER_BYTES,
    JOURNAL_SCHEMA,
    Header,
    complete_length,
    header_line,
    instant,
    parse_header,
    parse_reading,
    read_at,
    reading_line,
    score_of,
)
from trayscore.system.private_files import open_private, private_dir, read_capped

SCHEMA_VERSION: Final = 1
FULL_RESOLUTION: Final = timedelta(days=90)
HOURLY_UNTIL: Final = timedelta(days=400)
DAILY_UNTIL: Final = timedelta(days=3 * 365)
JOURNAL_MAX_BYTES: Final = 64 * 1024  # ~500 readings, ~43 hours of 5-minute polling
HISTORY_MAX_BYTES: Final = 64 * 1024 * 1024  # years of readings are a few MiB; more is hostile
JOURNAL_SHARE: Final = 4  # a large snapshot lets the journal grow to a quarter of its size
LOCK_TIMEOUT_SECONDS: Final = 10.0
_LOCK_POLL_SECONDS: Final = 0.02
_HEAD_BYTES: Final = 96
_HEAD: Final = re.compile(rb'\{"schema":(\d{1,9}),"journal":(\d{1,18}),')
_READ_ATTEMPTS: Final = 5
_ABSORBED: Final = "absorbed by the snapshot"
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


def _new_entry(
    source: str, score: float, time: datetime, fetched_at: datetime, last_confirmed: datetime
) -> Entry:
    """An ``Entry`` without the frozen dataclass's five guarded setattrs (loads make thousands)."""
    entry = _object_new(Entry)
    entry.__dict__.update(
        source=source,
        score=score,
        time=time,
        fetched_at=fetched_at,
        last_confirmed=last_confirmed,
    )
    return entry


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


_object_new = object.__new__
_Runs = dict[str, list[Entry]]
_Signature = tuple[int, int, int, bytes]


@dataclass
class _Loaded:
    """What one read of the snapshot gave: its runs, and whether this version may write over it."""

    runs: _Runs
    refusal: str | None  # why this version must not write over the file, if it must not
    signature: _Signature | None
    absorbed: int = 0  # the last journal generation folded into this snapshot


@dataclass
class _View:
    """A snapshot with the journal's complete lines folded in, and how far the journal was read."""

    snapshot: _Loaded
    runs: _Runs  # a copy: folding never touches the snapshot's lists
    inode: int | None = None  # None: there was no journal
    header: Header | None = None  # None: no journal, or one without a complete first line yet
    offset: int = 0  # bytes of the journal read, always just after a newline
    lines: int = 0  # complete lines read, the header included
    refusal: str | None = None  # the journal's own refusal (a newer version's journal)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class HistoryStore:
    """The history at ``path``; each call re-checks the files, so other processes' writes show."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], datetime] = _utc_now,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
        journal_bytes: int = JOURNAL_MAX_BYTES,
    ) -> None:
        self.path = path
        self._clock = clock
        self._lock_timeout = lock_timeout
        self._journal_bytes = journal_bytes
        self._cache: _Loaded | None = None
        self._view_cache: _View | None = None
        self._missing = _Loaded({}, refusal=None, signature=None)  # one object: keys the view
        self._problems: list[str] = []
        self._told: set[object] = set()
        self._swept = False

    @property
    def lock_path(self) -> Path:
        """The lock file next to the history (never holds data)."""
        return self.path.with_name(self.path.name + ".lock")

    @property
    def journal_path(self) -> Path:
        """The journal next to the history: readings recorded since the last compaction."""
        return self.path.with_name(self.path.name + ".journal")

    def take_problems(self) -> list[str]:
        """One-line problems found since the last call (moved aside, newer version); each once."""
        problems, self._problems = self._problems, []
        return problems

    def entries(self, source: str | None = None, since: datetime | None = None) -> list[Entry]:
        """Runs oldest first; ``since`` keeps runs still in force at or after that moment."""
        view = self._view(locked=False)
        runs = (
            list(view.runs.get(source, []))
            if source is not None
            else sorted((e for rs in view.runs.values() for e in rs), key=lambda e: e.time)
        )
        if since is not None:
            runs = [entry for entry in runs if entry.last_confirmed >= since]
        return runs

    def record(self, reading: Reading) -> None:
        """Add one successful reading: one fsynced journal line; compact at the journal's bound.

        Raises ValueError for a reading no source could produce (bad score, naive time) and
        HistoryWriteError when it cannot be written; the previous history is then intact. A
        compaction that fails after the reading was written is told through ``take_problems``:
        the reading is recorded, and the journal is compacted on a later record.
        """
        _validate(reading)
        line = reading_line(reading.source, reading.score, reading.time, reading.fetched_at)
        self._append_lines(line)

    def record_many(self, readings: Sequence[Reading]) -> None:
        """Add several readings at once, oldest first, as one fsynced journal append.

        For a backfill (a service's own past snapshots): the same rules as :meth:`record`, one
        lock and one fsync for all; either every reading is written or none. Replaying is
        idempotent, so recording readings the history already covers adds nothing.
        """
        if not readings:
            return
        for reading in readings:
            _validate(reading)
        ordered = sorted(readings, key=lambda reading: reading.time)
        lines = b"".join(
            reading_line(reading.source, reading.score, reading.time, reading.fetched_at)
            for reading in ordered
        )
        self._append_lines(lines)

    def _append_lines(self, lines: bytes) -> None:
        """Append complete journal lines under the lock; compact at the journal's bound."""
        with self._locked():
            self._sweep_temporaries()
            absorbed, snapshot_size = self._snapshot_head()
            journal_size = self._append(lines, absorbed)
            bound = max(self._journal_bytes, (snapshot_size or 0) // JOURNAL_SHARE)
            if snapshot_size is None or journal_size > bound:
                try:
                    self._compact()
                except HistoryWriteError as error:
                    self._tell(
                        f"{error.message} The latest readings are kept in "
                        f"{self.journal_path.name} until it can be."
                    )

    def compact(self) -> None:
        """Fold the journal into the snapshot now (``record`` does it at the journal's bound)."""
        with self._locked():
            self._sweep_temporaries()
            self._compact()

    # -- reading ---------------------------------------------------------------------------

    def _view(self, *, locked: bool) -> _View:
        """Snapshot plus journal, consistent: re-read if a compaction replaced the snapshot."""
        for _ in range(_READ_ATTEMPTS - 1):
            loaded = self._read(locked=locked)
            view = self._with_journal(loaded, locked=locked)
            if locked or loaded.refusal is not None or self._signature() == loaded.signature:
                return view
        return self._with_journal(self._read(locked=locked), locked=locked)

    def _signature(self) -> _Signature | None:
        """Identity of the snapshot on disk: inode, size, mtime and the head with its write id."""
        try:
            with self._open_read(self.path) as handle:
                stat = os.fstat(handle.fileno())
                head = handle.read(_HEAD_BYTES)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns, head)

    @staticmethod
    def _open_read(path: Path) -> BinaryIO:
        """One of our files open for reading: never through a planted link, never another's."""
        return os.fdopen(open_private(path, os.O_RDONLY | BINARY), "rb")

    def _read(self, *, locked: bool) -> _Loaded:
        """The snapshot's runs; re-parsed only when its signature changed since we last saw it."""
        try:
            signature = self._signature()
            if signature is None:
                return self._missing
            if self._cache is not None and self._cache.signature == signature:
                return self._cache
            with self._open_read(self.path) as handle:
                data = read_capped(handle, HISTORY_MAX_BYTES)
            if data is None:
                raise _Corrupt(_too_large())  # noqa: TRY301 - the same handling as any corruption
            loaded = self._parse(data)
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
        except MemoryError:
            raise _Corrupt(_too_large()) from None
        if not isinstance(document, dict):
            raise _Corrupt("not a JSON object")
        schema = document.get("schema")
        if type(schema) is not int or schema < 1:
            raise _Corrupt("no valid schema version")
        absorbed = document.get("journal", 0)
        if schema > SCHEMA_VERSION:
            refusal = self._newer(self.path, schema)
            absorbed = absorbed if type(absorbed) is int and absorbed >= 0 else 0
            runs = _lenient_runs(document.get("sources"))
            return _Loaded(runs, refusal, signature=None, absorbed=absorbed)
        if type(absorbed) is not int or absorbed < 0:
            raise _Corrupt("holding no valid journal generation")
        runs = _strict_runs(document.get("sources"))
        return _Loaded(runs, refusal=None, signature=None, absorbed=absorbed)

    def _newer(self, path: Path, schema: int) -> str:
        """Tell once that ``path`` is a newer version's; return why this version will not write."""
        self._tell(
            f"{path} was written by a newer trayscore (schema {schema}); showing what "
            "this version can read and not recording into it. Upgrade trayscore."
        )
        return (
            f"{path} was written by a newer trayscore (schema {schema}); not recording "
            "into it. Upgrade trayscore, or move the file away to start a new history."
        )

    def _with_journal(self, loaded: _Loaded, *, locked: bool) -> _View:
        """Fold the journal's complete lines over ``loaded``; only new bytes if it merely grew."""
        cached = self._view_cache
        if cached is not None and cached.snapshot is not loaded:
            cached = None
        try:
            handle = self._open_read(self.journal_path)
        except OSError as error:
            return self._without_journal(loaded, cached, error)
        with handle:
            stat = os.fstat(handle.fileno())
            grown = self._grown(cached, handle, stat)
            if grown is not None:
                return grown
            handle.seek(0)
            data = read_capped(handle, HISTORY_MAX_BYTES)
        if data is None:
            return self._journal_unreadable(loaded, _too_large(), locked=locked)
        view = _View(loaded, _copy(loaded.runs), inode=stat.st_ino)
        first = data.find(b"\n") + 1
        if first == 0 and len(data) <= HEADER_BYTES:
            return view  # empty, or its first line is still being written: nothing in it yet
        try:
            view.header = parse_header(data[:first] if first else data)
        except ValueError as error:
            return self._journal_unreadable(loaded, str(error), locked=locked)
        if view.header.schema > JOURNAL_SCHEMA:
            view.refusal = self._newer(self.journal_path, view.header.schema)
        view.offset, view.lines = first, 1
        self._fold(view, data[first:])
        self._view_cache = view
        return view

    def _without_journal(self, loaded: _Loaded, cached: _View | None, error: OSError) -> _View:
        """The snapshot alone: there is no journal, or it cannot be read (told once)."""
        if isinstance(error, FileNotFoundError | NotADirectoryError):
            if cached is None or cached.inode is not None:
                cached = self._view_cache = _View(loaded, _copy(loaded.runs))
            return cached
        self._tell(f"{self.journal_path} is unreadable ({error.strerror or error}).")
        return _View(loaded, _copy(loaded.runs))

    def _grown(self, cached: _View | None, handle: BinaryIO, stat: os.stat_result) -> _View | None:
        """``cached`` with the new bytes folded in, when ``handle`` is its journal merely grown."""
        if (
            cached is None
            or cached.header is None
            or cached.inode != stat.st_ino
            or stat.st_size < cached.offset
            or handle.read(len(cached.header.line)) != cached.header.line
        ):
            return None
        handle.seek(cached.offset)
        grown = read_capped(handle, max(0, HISTORY_MAX_BYTES - cached.offset))
        if grown is None:
            return None  # past the cap: the whole read says so
        self._fold(cached, grown)
        return cached

    def _fold(self, view: _View, data: bytes) -> None:
        """Replay the complete lines of ``data`` (journal bytes from ``view.offset``) into it."""
        end = data.rfind(b"\n") + 1
        if end == 0:
            return
        number = view.lines
        lines = data[: end - 1].split(b"\n")
        view.offset += end
        view.lines += len(lines)
        header = view.header
        if header is None or header.generation <= view.snapshot.absorbed:
            return  # absorbed by the snapshot already (a compaction stopped before removing it)
        try:  # one decode for all lines; UTF-8 never holds a newline byte inside a character
            texts: list[str] | list[bytes] = data[: end - 1].decode().split("\n")
        except UnicodeDecodeError:
            texts = lines  # a damaged line: decode line by line, so only it is lost
        bad: list[tuple[int, str]] = []
        runs = view.runs
        for line in texts:
            number += 1
            try:
                text = line if isinstance(line, str) else line.decode()
                source, score, start, fetched = parse_reading(text)
            except (ValueError, TypeError, KeyError, RecursionError) as error:
                bad.append((number, _reason(error)))
                continue
            _replay(runs.setdefault(source, []), source, score, start, fetched)
        if bad and view.refusal is None:  # a newer journal's lines may be fine, just not ours
            first, reason = bad[0]
            self._tell(
                f"{self.journal_path} has {len(bad)} unreadable line(s) (line {first}: "
                f"{reason}); skipped, and dropped at the next compaction.",
                key=(header.line, first),
            )

    def _journal_unreadable(self, loaded: _Loaded, reason: str, *, locked: bool) -> _View:
        """Move a journal with no valid header aside (under the lock); read on without it."""
        if not locked:
            try:
                with self._locked():
                    return self._with_journal(loaded, locked=True)
            except HistoryWriteError as error:
                self._tell(f"{self.journal_path} is unreadable ({reason}) and was left: {error}")
                return _View(loaded, _copy(loaded.runs))
        try:
            aside = self._move_aside(self.journal_path)
        except OSError as error:
            self._tell(
                f"{self.journal_path} is unreadable ({reason}) and could not be moved aside "
                f"({error.strerror or error}); move it away by hand."
            )
            return _View(loaded, _copy(loaded.runs))
        self._tell(f"{self.journal_path} was unreadable ({reason}); moved it aside to {aside}.")
        return self._with_journal(loaded, locked=True)

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
        try:
            aside = self._move_aside(self.path)
        except OSError as error:
            message = (
                f"{self.path} is {reason} and could not be moved aside "
                f"({error.strerror or error}); move it away by hand to keep a history."
            )
            self._tell(message)
            return _Loaded({}, refusal=message, signature=None)
        self._tell(
            f"{self.path} was {reason}; moved it aside to {aside} and started a new history."
        )
        return _Loaded({}, refusal=None, signature=None)

    def _move_aside(self, path: Path) -> str:
        """Rename ``path`` to ``<name>.corrupt-<UTC timestamp>[-n]``; returns the new name."""
        stamp = self._clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        counter = 1
        while aside.exists():
            counter += 1
            aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        path.rename(aside)
        return aside.name

    def _tell(self, problem: str, key: object = None) -> None:
        """Queue ``problem`` for ``take_problems`` unless it (or ``key``) was told already."""
        mark = problem if key is None else key
        if mark not in self._told:
            self._told.add(mark)
            self._problems.append(problem)

    # -- writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Exclusive lock on ``<name>.lock`` with a bounded wait."""
        try:
            private_dir(self.path.parent)
            fd = open_private(self.lock_path, os.O_RDWR | os.O_CREAT)
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

    def _snapshot_head(self) -> tuple[int, int | None]:
        """The snapshot's absorbed generation and size, from its first bytes alone (locked).

        Only a head in the exact form this version writes is trusted unparsed; anything else
        (missing, an older layout, corrupt, newer) is read in full, which moves a corrupt file
        aside and raises the refusal for a newer one. The size is None when the snapshot should
        be (re)written now: it is missing, or not in this version's form.
        """
        try:
            with self._open_read(self.path) as handle:
                size = os.fstat(handle.fileno()).st_size
                head = handle.read(_HEAD_BYTES)
        except (FileNotFoundError, NotADirectoryError):
            return 0, None
        except OSError:
            head, size = b"", 0
        match = _HEAD.match(head)
        if match is not None and int(match[1]) == SCHEMA_VERSION:
            return int(match[2]), size
        loaded = self._read(locked=True)
        if loaded.refusal is not None:
            raise HistoryWriteError(loaded.refusal)
        return loaded.absorbed, None

    def _append(self, line: bytes, absorbed: int) -> int:
        """Append one journal line and fsync it (locked); returns the journal's new size.

        On failure the journal is cut back to where it was, so the history is as before.
        """
        try:
            fd = self._open_journal(absorbed)
        except OSError as error:
            raise _write_error(self.path, error) from None
        try:
            size = os.fstat(fd).st_size
            data = line if size else header_line(absorbed + 1) + line
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            except OSError as error:
                with contextlib.suppress(OSError):
                    if size:
                        os.ftruncate(fd, size)
                    else:
                        self.journal_path.unlink()
                raise _write_error(self.path, error) from None
        finally:
            os.close(fd)
        if not size:
            _fsync_folder(self.path.parent)  # a new journal's name must survive a crash too
        return size + len(data)

    def _open_journal(self, absorbed: int) -> int:
        """The journal open for appending: live, and ending with a complete line (or empty).

        A journal the snapshot already absorbed is removed (a compaction stopped before doing
        so), and a journal without a valid header is moved aside; a newer version's is refused.
        """
        path = self.journal_path
        while True:
            fd = open_private(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | BINARY)
            try:
                problem = self._ready_journal(fd, absorbed)
            except BaseException:
                os.close(fd)
                raise
            if problem is None:
                return fd
            os.close(fd)
            if problem is _ABSORBED:
                path.unlink()
            else:
                aside = self._move_aside(path)
                self._tell(f"{path} was unreadable ({problem}); moved it aside to {aside}.")

    def _ready_journal(self, fd: int, absorbed: int) -> str | None:
        """None when the open journal can take an append, else ``_ABSORBED`` or what is wrong.

        Cuts off a killed writer's unfinished last line (or unfinished header) on the way.
        """
        size = os.fstat(fd).st_size
        head = read_at(fd, HEADER_BYTES + 1, 0)  # one more byte: a longer first line is no header
        first = head.find(b"\n") + 1
        if first == 0 and size <= HEADER_BYTES:  # empty, or a header cut short: nothing in it
            if size:
                os.ftruncate(fd, 0)
            return None
        try:
            header = parse_header(head[:first] if first else head)
        except ValueError as error:
            return str(error)
        if header.schema > JOURNAL_SCHEMA:
            raise HistoryWriteError(self._newer(self.journal_path, header.schema))
        if header.generation <= absorbed:
            return _ABSORBED
        end = complete_length(fd, size)
        if end < size:
            os.ftruncate(fd, end)
        return None

    def _compact(self) -> None:
        """Fold the journal into a new snapshot, then remove the journal (locked)."""
        view = self._view(locked=True)
        refusal = view.snapshot.refusal or view.refusal
        if refusal is not None:
            raise HistoryWriteError(refusal)
        now = self._clock()
        runs = _copy(view.runs)
        for rows in runs.values():
            thin(rows, now)
        generation = view.header.generation if view.header is not None else 0
        self._write(runs, max(view.snapshot.absorbed, generation))
        # The snapshot holds the journal now; if removing it fails, readers skip it as absorbed
        # and the next writer removes it.
        with contextlib.suppress(OSError):
            self.journal_path.unlink()
        self._view_cache = None

    def _write(self, runs: _Runs, absorbed: int) -> None:
        """Temp file (0600) + fsync + os.replace + folder fsync; the old file survives a failure."""
        write_id = secrets.token_hex(8)
        sources = ",".join(
            f"{json.dumps(name)}:[{','.join([entry._line for entry in rows])}]"
            for name, rows in runs.items()
            if rows
        )
        head = f'{{"schema":{SCHEMA_VERSION},"journal":{absorbed},"write_id":"{write_id}"'
        data = f'{head},"sources":{{{sources}}}}}\n'.encode()
        folder = self.path.parent
        temporary = folder / f".{self.path.name}{_TMP_MARK}{os.getpid()}-{write_id}"
        try:
            fd = open_private(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY)
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
        self._cache = _Loaded(runs, refusal=None, signature=None, absorbed=absorbed)
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


def _too_large() -> str:
    return f"larger than {HISTORY_MAX_BYTES // (1024 * 1024)} MiB, more than any history holds"


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


def _replay(
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
        runs[-1] = _new_entry(last.source, score, last.time, last.fetched_at, confirmed)
        return
    runs.append(_new_entry(source, score, time, fetched_at, fetched_at))


def _copy(runs: _Runs) -> _Runs:
    return {name: list(rows) for name, rows in runs.items()}


def _reason(error: BaseException) -> str:
    """A short reason for an unreadable journal line (never the line itself)."""
    if isinstance(error, json.JSONDecodeError | UnicodeDecodeError | RecursionError):
        return "not JSON"
    if isinstance(error, KeyError):
        return f"no {error.args[0]!r}" if error.args else "a missing key"
    return str(error) or "wrong types"


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
    """One snapshot row, strictly: ValueError/TypeError/KeyError for anything off.

    The hot loop of a load (thousands of rows): exact type checks, the fast time parser, one
    parse for the common ``last_confirmed == fetched_at``, and no dataclass ``__init__``.
    """
    if type(row) is not dict:
        raise TypeError("entry is not an object")
    score = row["score"]
    if type(score) is not float or not 0.0 <= score <= 100.0:
        score = score_of(score)
    fetched_text, confirmed_text = row["fetched_at"], row["last_confirmed"]
    start, fetched = instant(row["time"]), instant(fetched_text)
    confirmed = fetched if confirmed_text == fetched_text else instant(confirmed_text)
    entry = _object_new(Entry)
    entry.__dict__.update(
        source=source, score=score, time=start, fetched_at=fetched, last_confirmed=confirmed
    )
    return entry

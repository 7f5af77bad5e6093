"""The score history: a snapshot JSON file plus an append-only journal, shared by tray and CLI.

``HistoryStore`` is the one object callers use: it reads as :class:`HistoryReader` does and
records readings. The pieces live next to it: the snapshot format (``snapshot``), the journal
format (``journal``), what is kept (``retention``), the writer lock (``locking``), file
mechanics (``files``) and exports (``export``). Their public names are re-exported here, so
``trayscore.history.store`` stays the history's one import.

Recording costs the same however long the history is: under an exclusive lock on ``<name>.lock``
(``fcntl.flock``; ``msvcrt.locking`` on Windows, bounded wait) a writer reads only the snapshot's
first bytes (schema, absorbed generation), appends one line to the journal and fsyncs it. When
the journal outgrows ``JOURNAL_MAX_BYTES`` (or a quarter of the snapshot, so the amortised cost of
compacting stays flat too), it is compacted: coalesced and thinned into a new snapshot written to
a temporary file (0600 from creation), fsynced, ``os.replace``-d over the old one (folder fsynced),
and only then removed. A crash in between leaves a journal the snapshot already absorbed, which
readers skip and the next writer replaces, so a reading is never lost nor counted twice (replay
also skips readings already covered by a run).

A file from a newer schema is read as far as possible and never written to, journal included.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Final

from trayscore.core.models import Reading
from trayscore.history.export import CSV_COLUMNS, entries_to_csv, entries_to_json
from trayscore.history.files import (
    HistoryWriteError,
    fsync_folder,
    open_read,
    replace_atomically,
    sweep_temporaries,
    write_error,
)
from trayscore.history.journal import (
    BINARY,
    HEADER_BYTES,
    JOURNAL_SCHEMA,
    complete_length,
    header_line,
    parse_header,
    read_at,
    reading_line,
)
from trayscore.history.locking import LOCK_TIMEOUT_SECONDS
from trayscore.history.reader import HistoryReader, utc_now
from trayscore.history.retention import (
    DAILY_UNTIL,
    FULL_RESOLUTION,
    HOURLY_UNTIL,
    Entry,
    Runs,
    copy_runs,
    thin,
    validate,
)
from trayscore.history.snapshot import (
    HEAD_BYTES,
    HISTORY_MAX_BYTES,
    SCHEMA_VERSION,
    Loaded,
    absorbed_from_head,
    snapshot_bytes,
)
from trayscore.system.private_files import open_private

__all__ = [
    "CSV_COLUMNS",
    "DAILY_UNTIL",
    "FULL_RESOLUTION",
    "HISTORY_MAX_BYTES",
    "HOURLY_UNTIL",
    "JOURNAL_MAX_BYTES",
    "JOURNAL_SHARE",
    "LOCK_TIMEOUT_SECONDS",
    "SCHEMA_VERSION",
    "Entry",
    "HistoryReader",
    "HistoryStore",
    "HistoryWriteError",
    "entries_to_csv",
    "entries_to_json",
    "thin",
]

JOURNAL_MAX_BYTES: Final = 64 * 1024  # ~500 readings, ~43 hours of 5-minute polling
JOURNAL_SHARE: Final = 4  # a large snapshot lets the journal grow to a quarter of its size
_ABSORBED: Final = "absorbed by the snapshot"


class HistoryStore(HistoryReader):
    """The history at ``path``; each call re-checks the files, so other processes' writes show."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], datetime] = utc_now,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
        journal_bytes: int = JOURNAL_MAX_BYTES,
    ) -> None:
        super().__init__(path, clock=clock, lock_timeout=lock_timeout)
        self._journal_bytes = journal_bytes
        self._swept = False

    def record(self, reading: Reading) -> None:
        """Add one successful reading: one fsynced journal line; compact at the journal's bound.

        Raises ValueError for a reading no source could produce (bad score, naive time) and
        HistoryWriteError when it cannot be written; the previous history is then intact. A
        compaction that fails after the reading was written is told through ``take_problems``:
        the reading is recorded, and the journal is compacted on a later record.
        """
        validate(reading)
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
        self._append_lines(_lines(readings))

    def seed(self, readings: Sequence[Reading]) -> int:
        """Record ``readings`` only into an empty history; how many were recorded.

        For a simulated past (the demo's first run): a history that holds anything, this
        process's or another's, is left as it is. The emptiness check and the append happen
        under one lock, so two processes starting together seed once. The same rules as
        :meth:`record_many` otherwise.
        """
        if not readings:
            return 0
        lines = _lines(readings)
        with self._locked():
            if any(self._view(locked=True).runs.values()):
                return 0
            self._append_locked(lines)
        return len(readings)

    def compact(self) -> None:
        """Fold the journal into the snapshot now (``record`` does it at the journal's bound)."""
        with self._locked():
            self._sweep_temporaries()
            self._compact()

    def _append_lines(self, lines: bytes) -> None:
        """Append complete journal lines under the lock; compact at the journal's bound."""
        with self._locked():
            self._append_locked(lines)

    def _append_locked(self, lines: bytes) -> None:
        """Append complete journal lines (the lock is held); compact at the journal's bound."""
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

    def _snapshot_head(self) -> tuple[int, int | None]:
        """The snapshot's absorbed generation and size, from its first bytes alone (locked).

        Only a head in the exact form this version writes is trusted unparsed; anything else
        (missing, an older layout, corrupt, newer) is read in full, which moves a corrupt file
        aside and raises the refusal for a newer one. The size is None when the snapshot should
        be (re)written now: it is missing, or not in this version's form.
        """
        try:
            with open_read(self.path) as handle:
                size = os.fstat(handle.fileno()).st_size
                head = handle.read(HEAD_BYTES)
        except (FileNotFoundError, NotADirectoryError):
            return 0, None
        except OSError:
            head, size = b"", 0
        absorbed = absorbed_from_head(head)
        if absorbed is not None:
            return absorbed, size
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
            raise write_error(self.path, error) from None
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
                raise write_error(self.path, error) from None
        finally:
            os.close(fd)
        if not size:
            fsync_folder(self.path.parent)  # a new journal's name must survive a crash too
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
        runs = copy_runs(view.runs)
        for rows in runs.values():
            thin(rows, now)
        generation = view.header.generation if view.header is not None else 0
        self._write(runs, max(view.snapshot.absorbed, generation))
        # The snapshot holds the journal now; if removing it fails, readers skip it as absorbed
        # and the next writer removes it.
        with contextlib.suppress(OSError):
            self.journal_path.unlink()
        self._view_cache = None

    def _write(self, runs: Runs, absorbed: int) -> None:
        """Replace the snapshot atomically; the old file survives a failure, then cache it."""
        write_id = secrets.token_hex(8)
        replace_atomically(self.path, snapshot_bytes(runs, absorbed, write_id), write_id)
        self._cache = Loaded(runs, refusal=None, signature=None, absorbed=absorbed)
        with contextlib.suppress(OSError):
            self._cache.signature = self._signature()

    def _sweep_temporaries(self) -> None:
        """Remove temp files a killed writer left, once per store (we hold the lock)."""
        if self._swept:
            return
        self._swept = True
        sweep_temporaries(self.path)


def _lines(readings: Sequence[Reading]) -> bytes:
    """Journal lines of valid readings, oldest first; ValueError for one no source could give."""
    for reading in readings:
        validate(reading)
    ordered = sorted(readings, key=lambda reading: reading.time)
    return b"".join(
        reading_line(reading.source, reading.score, reading.time, reading.fetched_at)
        for reading in ordered
    )

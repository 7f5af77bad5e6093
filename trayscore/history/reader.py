"""Reading the history: the snapshot with the journal folded in, consistent and cached.

Readers see snapshot plus journal, never a partial line, and re-read only the journal's new
bytes when it merely grew; a snapshot is re-parsed only when its identity (inode, size, mtime,
first bytes with the write id) changed. A compaction that replaces the snapshot between the two
reads is noticed and the view read again.

A corrupt snapshot is moved aside as ``<name>.corrupt-<UTC timestamp>``, a journal whose header is
unreadable as ``<name>.journal.corrupt-<UTC timestamp>`` (both only under the writer lock, so a
good file is never moved); an unreadable journal line is skipped (and dropped by the next
compaction). Problems are told once through ``take_problems``.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Final

from trayscore.history.files import HistoryWriteError, move_aside, open_read
from trayscore.history.journal import (
    HEADER_BYTES,
    JOURNAL_SCHEMA,
    Header,
    parse_header,
    parse_reading,
)
from trayscore.history.locking import LOCK_TIMEOUT_SECONDS, exclusive_lock
from trayscore.history.retention import Entry, Runs, copy_runs, replay
from trayscore.history.snapshot import (
    HEAD_BYTES,
    HISTORY_MAX_BYTES,
    Corrupt,
    Loaded,
    Signature,
    parse_snapshot,
    too_large,
)
from trayscore.system.private_files import read_capped

_READ_ATTEMPTS: Final = 5


@dataclass
class View:
    """A snapshot with the journal's complete lines folded in, and how far the journal was read."""

    snapshot: Loaded
    runs: Runs  # a copy: folding never touches the snapshot's lists
    inode: int | None = None  # None: there was no journal
    header: Header | None = None  # None: no journal, or one without a complete first line yet
    offset: int = 0  # bytes of the journal read, always just after a newline
    lines: int = 0  # complete lines read, the header included
    refusal: str | None = None  # the journal's own refusal (a newer version's journal)


def utc_now() -> datetime:
    """The default clock: now, in UTC."""
    return datetime.now(UTC)


class HistoryReader:
    """The history at ``path`` as read; each call re-checks the files, so others' writes show."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], datetime] = utc_now,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
    ) -> None:
        self.path = path
        self._clock = clock
        self._lock_timeout = lock_timeout
        self._cache: Loaded | None = None
        self._view_cache: View | None = None
        self._missing = Loaded({}, refusal=None, signature=None)  # one object: keys the view
        self._problems: list[str] = []
        self._told: set[object] = set()

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

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        """Exclusive lock on ``<name>.lock`` with a bounded wait (writers and moving aside)."""
        return exclusive_lock(self.lock_path, self.path, self._lock_timeout)

    def _view(self, *, locked: bool) -> View:
        """Snapshot plus journal, consistent: re-read if a compaction replaced the snapshot."""
        for _ in range(_READ_ATTEMPTS - 1):
            loaded = self._read(locked=locked)
            view = self._with_journal(loaded, locked=locked)
            if locked or loaded.refusal is not None or self._signature() == loaded.signature:
                return view
        return self._with_journal(self._read(locked=locked), locked=locked)

    def _signature(self) -> Signature | None:
        """Identity of the snapshot on disk: inode, size, mtime and the head with its write id."""
        try:
            with open_read(self.path) as handle:
                stat = os.fstat(handle.fileno())
                head = handle.read(HEAD_BYTES)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns, head)

    def _read(self, *, locked: bool) -> Loaded:
        """The snapshot's runs; re-parsed only when its signature changed since we last saw it."""
        try:
            signature = self._signature()
            if signature is None:
                return self._missing
            if self._cache is not None and self._cache.signature == signature:
                return self._cache
            with open_read(self.path) as handle:
                data = read_capped(handle, HISTORY_MAX_BYTES)
            if data is None:
                raise Corrupt(too_large())  # noqa: TRY301 - the same handling as any corruption
            loaded = self._parse(data)
        except FileNotFoundError:  # removed between the two looks: look again
            return self._read(locked=locked)
        except OSError as error:
            return self._corrupt(f"unreadable ({error.strerror or error})", locked=locked)
        except Corrupt as problem:
            return self._corrupt(str(problem), locked=locked)
        if self._signature() == signature:
            loaded.signature = signature
            self._cache = loaded
        return loaded

    def _parse(self, data: bytes) -> Loaded:
        return parse_snapshot(data, lambda schema: self._newer(self.path, schema))

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

    def _with_journal(self, loaded: Loaded, *, locked: bool) -> View:
        """Fold the journal's complete lines over ``loaded``; only new bytes if it merely grew."""
        cached = self._view_cache
        if cached is not None and cached.snapshot is not loaded:
            cached = None
        try:
            handle = open_read(self.journal_path)
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
            return self._journal_unreadable(loaded, too_large(), locked=locked)
        view = View(loaded, copy_runs(loaded.runs), inode=stat.st_ino)
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

    def _without_journal(self, loaded: Loaded, cached: View | None, error: OSError) -> View:
        """The snapshot alone: there is no journal, or it cannot be read (told once)."""
        if isinstance(error, FileNotFoundError | NotADirectoryError):
            if cached is None or cached.inode is not None:
                cached = self._view_cache = View(loaded, copy_runs(loaded.runs))
            return cached
        self._tell(f"{self.journal_path} is unreadable ({error.strerror or error}).")
        return View(loaded, copy_runs(loaded.runs))

    def _grown(self, cached: View | None, handle: BinaryIO, stat: os.stat_result) -> View | None:
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

    def _fold(self, view: View, data: bytes) -> None:
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
            replay(runs.setdefault(source, []), source, score, start, fetched)
        if bad and view.refusal is None:  # a newer journal's lines may be fine, just not ours
            first, reason = bad[0]
            self._tell(
                f"{self.journal_path} has {len(bad)} unreadable line(s) (line {first}: "
                f"{reason}); skipped, and dropped at the next compaction.",
                key=(header.line, first),
            )

    def _journal_unreadable(self, loaded: Loaded, reason: str, *, locked: bool) -> View:
        """Move a journal with no valid header aside (under the lock); read on without it."""
        if not locked:
            try:
                with self._locked():
                    return self._with_journal(loaded, locked=True)
            except HistoryWriteError as error:
                self._tell(f"{self.journal_path} is unreadable ({reason}) and was left: {error}")
                return View(loaded, copy_runs(loaded.runs))
        try:
            aside = self._move_aside(self.journal_path)
        except OSError as error:
            self._tell(
                f"{self.journal_path} is unreadable ({reason}) and could not be moved aside "
                f"({error.strerror or error}); move it away by hand."
            )
            return View(loaded, copy_runs(loaded.runs))
        self._tell(f"{self.journal_path} was unreadable ({reason}); moved it aside to {aside}.")
        return self._with_journal(loaded, locked=True)

    def _corrupt(self, reason: str, *, locked: bool) -> Loaded:
        """Move the bad file aside (only under the lock, so a good file is never moved)."""
        if not locked:
            try:
                with self._locked():
                    return self._read(locked=True)
            except HistoryWriteError as error:
                message = f"{self.path} is {reason} and could not be moved aside: {error}"
                self._tell(message)
                return Loaded({}, refusal=message, signature=None)
        try:
            aside = self._move_aside(self.path)
        except OSError as error:
            message = (
                f"{self.path} is {reason} and could not be moved aside "
                f"({error.strerror or error}); move it away by hand to keep a history."
            )
            self._tell(message)
            return Loaded({}, refusal=message, signature=None)
        self._tell(
            f"{self.path} was {reason}; moved it aside to {aside} and started a new history."
        )
        return Loaded({}, refusal=None, signature=None)

    def _move_aside(self, path: Path) -> str:
        """Rename ``path`` to ``<name>.corrupt-<UTC timestamp>[-n]``; returns the new name."""
        return move_aside(path, self._clock())

    def _tell(self, problem: str, key: object = None) -> None:
        """Queue ``problem`` for ``take_problems`` unless it (or ``key``) was told already."""
        mark = problem if key is None else key
        if mark not in self._told:
            self._told.add(mark)
            self._problems.append(problem)


def _reason(error: BaseException) -> str:
    """A short reason for an unreadable journal line (never the line itself)."""
    if isinstance(error, json.JSONDecodeError | UnicodeDecodeError | RecursionError):
        return "not JSON"
    if isinstance(error, KeyError):
        return f"no {error.args[0]!r}" if error.args else "a missing key"
    return str(error) or "wrong types"

"""The history's journal: append and replay, compaction, crashes mid-way, damaged lines."""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from trayscore.core.models import Reading
from trayscore.core.timeparse import parse_instant
from trayscore.history import journal as history_journal
from trayscore.history import reader as history
from trayscore.history.journal import (
    HEADER_BYTES,
    Header,
    complete_length,
    header_line,
    instant,
    parse_header,
    parse_reading,
    reading_line,
    score_of,
)
from trayscore.history.store import JOURNAL_MAX_BYTES, HistoryStore, HistoryWriteError

NOW = datetime(2026, 11, 28, 13, 45, tzinfo=UTC)
SOURCE = "exposure-score"


class Clock:
    """A settable clock for the store."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Killed(BaseException):
    """Stands for SIGKILL: nothing after the raising step runs, no handler catches it."""


def reading(n: int, score: float | None = None) -> Reading:
    """Reading ``n``: five minutes after reading n-1, a new score unless one is given."""
    at = NOW - timedelta(hours=10) + timedelta(minutes=5 * n)
    return Reading(SOURCE, float(n % 90) if score is None else score, at, at + timedelta(seconds=1))


def times(store: HistoryStore) -> list[datetime]:
    return [entry.time for entry in store.entries()]


def journal_lines(store: HistoryStore) -> list[dict[str, object]]:
    return [json.loads(line) for line in store.journal_path.read_bytes().splitlines()]


def snapshot(path: Path) -> dict[str, object]:
    document = json.loads(path.read_bytes())
    assert isinstance(document, dict)
    return document


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.json"


@pytest.fixture
def store(path: Path) -> HistoryStore:
    return HistoryStore(path, clock=Clock())


# -- append and replay -----------------------------------------------------------------------


def test_a_record_appends_one_journal_line_and_leaves_the_snapshot(
    path: Path, store: HistoryStore
) -> None:
    # GIVEN a history whose first record made the snapshot
    store.record(reading(0))
    before = path.read_bytes()
    # WHEN more readings are recorded
    for n in range(1, 4):
        store.record(reading(n))
    # THEN the snapshot is byte-identical; the journal is a header and one line per reading
    assert path.read_bytes() == before
    header, *rows = journal_lines(store)
    assert header["journal"] == snapshot(path)["journal"] + 1  # type: ignore[operator]
    assert [row["score"] for row in rows] == [1.0, 2.0, 3.0]
    assert set(rows[0]) == {"source", "score", "time", "fetched_at"}
    # AND every store, warm or cold, sees snapshot plus journal
    expected = [reading(n).time for n in range(4)]
    assert times(store) == expected
    assert times(HistoryStore(path)) == expected


def test_a_cold_record_never_parses_the_snapshot(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a history, and parsing the snapshot made impossible
    store.record(reading(0))

    def no_parse(self: HistoryStore, data: bytes) -> object:
        raise AssertionError("record parsed the snapshot")

    monkeypatch.setattr(HistoryStore, "_parse", no_parse)
    # WHEN new stores (as in cron `trayscore score`) record
    for n in range(1, 4):
        HistoryStore(path, clock=Clock()).record(reading(n))
    monkeypatch.undo()
    # THEN they only appended
    assert times(HistoryStore(path)) == [reading(n).time for n in range(4)]


def test_a_warm_reader_reads_only_the_journal_s_new_lines(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a reader that has seen the history once
    store.record(reading(0))
    store.record(reading(1))
    reader = HistoryStore(path)
    assert len(reader.entries()) == 2
    real_parse = HistoryStore._parse
    parses: list[int] = []

    def counting(self: HistoryStore, data: bytes) -> object:
        parses.append(len(data))
        return real_parse(self, data)

    monkeypatch.setattr(HistoryStore, "_parse", counting)
    # WHEN another store appends, THEN the reader sees it without parsing the snapshot again
    store.record(reading(2))
    assert times(reader) == [reading(n).time for n in range(3)]
    assert parses == []
    # AND when another store compacts, the reader sees the same runs from the new snapshot
    store.compact()
    assert times(reader) == [reading(n).time for n in range(3)]
    assert len(parses) == 1


def test_readings_of_one_score_coalesce_across_snapshot_and_journal(
    store: HistoryStore,
) -> None:
    # GIVEN a run in the snapshot, continued by readings in the journal
    for n in range(4):
        store.record(reading(n, score=40.0))
    store.record(reading(4, score=41.0))
    # THEN it is one run, confirmed by the last reading of that score
    runs = store.entries()
    assert [run.score for run in runs] == [40.0, 41.0]
    assert runs[0].time == reading(0).time
    assert runs[0].last_confirmed == reading(3).fetched_at


# -- compaction -------------------------------------------------------------------------------


def test_the_journal_is_compacted_when_it_passes_its_bound(path: Path) -> None:
    # GIVEN a store whose journal is compacted past 1 KiB (~9 readings)
    store = HistoryStore(path, clock=Clock(), journal_bytes=1024)
    store.record(reading(0))
    generation = snapshot(path)["journal"]
    sizes = []
    # WHEN readings are recorded one by one
    for n in range(1, 30):
        store.record(reading(n))
        sizes.append(store.journal_path.stat().st_size if store.journal_path.exists() else 0)
    # THEN the journal never stays above the bound, the snapshot moved on, nothing was lost
    assert max(sizes) <= 1024
    assert 0 in sizes
    assert snapshot(path)["journal"] > generation  # type: ignore[operator]
    assert times(HistoryStore(path)) == [reading(n).time for n in range(30)]


def test_the_default_bound_is_a_named_constant() -> None:
    assert JOURNAL_MAX_BYTES == 64 * 1024


def test_a_crash_after_the_snapshot_is_replaced_loses_and_doubles_nothing(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN readings in the journal, and a compaction killed right after os.replace
    for n in range(4):
        store.record(reading(n))
    journal = store.journal_path
    real_unlink = Path.unlink

    def killed(self: Path, missing_ok: bool = False) -> None:
        if self == journal:
            raise Killed
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", killed)
    with pytest.raises(Killed):
        store.compact()
    monkeypatch.undo()
    # THEN the snapshot holds every reading and names the journal as absorbed
    header = journal_lines(store)[0]
    assert snapshot(path)["journal"] == header["journal"]
    expected = [reading(n).time for n in range(4)]
    fresh = HistoryStore(path, clock=Clock())
    assert times(fresh) == expected  # each reading once: the stale journal is skipped
    assert fresh.take_problems() == []
    # AND it is skipped by its generation, not only because its readings are already held
    unseen = reading(9, score=77.0)
    with journal.open("ab") as handle:
        handle.write(reading_line(SOURCE, unseen.score, unseen.time, unseen.fetched_at))
    assert times(HistoryStore(path)) == expected
    # WHEN the next reading is recorded
    fresh.record(reading(4))
    # THEN it went to a new journal; nothing was doubled or lost, now or after a compaction
    header_after, *rows = journal_lines(fresh)
    assert header_after["journal"] == header["journal"] + 1  # type: ignore[operator]
    assert [row["score"] for row in rows] == [reading(4).score]
    assert times(HistoryStore(path)) == [*expected, reading(4).time]
    fresh.compact()
    assert times(HistoryStore(path)) == [*expected, reading(4).time]


def test_a_crash_before_the_snapshot_is_replaced_keeps_the_journal(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN readings in the journal, and a compaction killed before os.replace
    for n in range(4):
        store.record(reading(n))
    before, journal = path.read_bytes(), store.journal_path.read_bytes()

    def killed(src: object, dst: object) -> None:
        raise Killed

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(Killed):
        store.compact()
    monkeypatch.undo()
    # THEN both files are as they were, and the next writer sweeps the temp file and goes on
    assert (path.read_bytes(), store.journal_path.read_bytes()) == (before, journal)
    assert len(list(path.parent.glob(".history.json.tmp-*"))) == 1
    writer = HistoryStore(path, clock=Clock())
    writer.record(reading(4))
    assert list(path.parent.glob(".history.json.tmp-*")) == []
    assert times(HistoryStore(path)) == [reading(n).time for n in range(5)]


def test_replaying_readings_a_snapshot_already_holds_changes_nothing(
    path: Path, store: HistoryStore
) -> None:
    # GIVEN a compacted history whose journal is still there, and a snapshot that no longer
    # names the generation it absorbed (as an older trayscore would rewrite it)
    for n in range(4):
        store.record(reading(n, score=40.0 if n < 2 else 41.0))
    stale = store.journal_path.read_bytes()
    store.compact()
    store.journal_path.write_bytes(stale)
    document = snapshot(path)
    del document["journal"]
    path.write_text(json.dumps(document))
    # THEN replaying the journal over it adds no run and moves no confirmation
    runs = HistoryStore(path).entries()
    assert [(r.score, r.time, r.last_confirmed) for r in runs] == [
        (40.0, reading(0).time, reading(1).fetched_at),
        (41.0, reading(2).time, reading(3).fetched_at),
    ]


# -- partial and damaged journals --------------------------------------------------------------


def test_a_partial_last_line_is_ignored_and_cut_off_by_the_next_writer(
    path: Path, store: HistoryStore
) -> None:
    # GIVEN a journal whose last append was cut short (a killed writer)
    for n in range(3):
        store.record(reading(n))
    complete = store.journal_path.read_bytes()
    with store.journal_path.open("ab") as handle:
        handle.write(b'{"source":"exposure-score","score":5')
    # THEN a reader sees the complete lines only, and reports nothing
    reader = HistoryStore(path)
    assert times(reader) == [reading(n).time for n in range(3)]
    assert reader.take_problems() == []
    # WHEN the next reading is recorded, THEN the partial line is gone and the new one follows
    HistoryStore(path, clock=Clock()).record(reading(3))
    assert store.journal_path.read_bytes().startswith(complete)
    assert len(journal_lines(store)) == len(complete.splitlines()) + 1
    assert times(reader) == [reading(n).time for n in range(4)]


@pytest.mark.parametrize(
    "begun",
    [b'{"schema":1,"jour', b'{"schema":1,"journal":7,"id":"' + b"x" * 482],
    ids=["a-few-bytes", "exactly-HEADER_BYTES"],
)
def test_a_journal_whose_header_is_unfinished_holds_nothing(
    path: Path, store: HistoryStore, begun: bytes
) -> None:
    # GIVEN a snapshot, and a journal a killed writer only began (up to HEADER_BYTES of it)
    store.record(reading(0))
    store.journal_path.write_bytes(begun)
    assert len(begun) <= HEADER_BYTES
    # THEN readers see the snapshot, silently, and leave the journal where it is
    reader = HistoryStore(path)
    assert times(reader) == [reading(0).time]
    assert reader.take_problems() == []
    assert store.journal_path.read_bytes() == begun
    # AND the next writer starts the journal afresh, silently
    writer = HistoryStore(path, clock=Clock())
    writer.record(reading(1))
    assert times(HistoryStore(path)) == [reading(0).time, reading(1).time]
    assert len(journal_lines(store)) == 2
    assert writer.take_problems() == []
    assert list(path.parent.glob("*.corrupt-*")) == []


GOOD_LINE = {
    "source": SOURCE,
    "score": 33.0,
    "time": "2026-11-28T09:30:00Z",
    "fetched_at": "2026-11-28T09:30:01Z",
}
BAD_LINES = {  # a damaged line, and the reason the user is told for it
    "not-json": (b"this is not json", "not JSON"),
    "score-a-string": (json.dumps({**GOOD_LINE, "score": "33"}).encode(), "score is not a number"),
    "score-a-boolean": (json.dumps({**GOOD_LINE, "score": True}).encode(), "score is not a number"),
    "score-above-100": (json.dumps({**GOOD_LINE, "score": 100.5}).encode(), "score out of range"),
    "integer-score-above-100": (
        json.dumps({**GOOD_LINE, "score": 101}).encode(),
        "score out of range",
    ),
    "time-a-number": (json.dumps({**GOOD_LINE, "time": 1234}).encode(), "time is not a string"),
    "time-with-a-space": (
        json.dumps({**GOOD_LINE, "time": "2026-11-28 09:30:00Z"}).encode(),
        "not an ISO-8601 instant: '2026-11-28 09:30:00Z'",
    ),
    "no-source": (json.dumps({**GOOD_LINE, "source": ""}).encode(), "source is not a name"),
    "source-a-number": (json.dumps({**GOOD_LINE, "source": 7}).encode(), "source is not a name"),
    "no-fetch-time": (
        json.dumps({k: v for k, v in GOOD_LINE.items() if k != "fetched_at"}).encode(),
        "no 'fetched_at'",
    ),
    "trailing-characters": (json.dumps(GOOD_LINE).encode() + b" x", "not JSON"),
    "zeros": (b"\x00\x00\x00\x00", "not JSON"),
    "not-utf-8": (b'{"source":"\xff\xfe","score":1}', "not JSON"),
    "not-an-object": (b"[1, 2]", "line is not an object"),
}


@pytest.mark.parametrize(("bad", "reason"), BAD_LINES.values(), ids=BAD_LINES.keys())
def test_a_damaged_line_is_skipped_reported_once_and_dropped_by_compaction(
    path: Path, store: HistoryStore, bad: bytes, reason: str
) -> None:
    # GIVEN a journal with a damaged line between good ones
    store.record(reading(0))
    store.record(reading(1))
    with store.journal_path.open("ab") as handle:
        handle.write(bad + b"\n")
    store.record(reading(2))
    snapshot_before = path.read_bytes()
    # WHEN it is read, THEN the good readings show, the snapshot is untouched, one line is told
    reader = HistoryStore(path, clock=Clock())
    assert times(reader) == [reading(n).time for n in range(3)]
    [problem] = reader.take_problems()
    assert "history.json.journal" in problem
    assert f"(line 3: {reason}); skipped" in problem
    assert "\n" not in problem
    assert path.read_bytes() == snapshot_before
    # AND it is not told again, however often it is read or the journal grows
    reader.record(reading(3))
    assert len(reader.entries()) == 4
    assert HistoryStore(path).entries() == reader.entries()
    assert reader.take_problems() == []
    # WHEN the journal is compacted, THEN the damaged line is gone and nothing is told
    reader.compact()
    fresh = HistoryStore(path)
    assert times(fresh) == [reading(n).time for n in range(4)]
    assert fresh.take_problems() == []


@pytest.mark.parametrize("writer_first", [False, True], ids=["reader", "writer"])
def test_a_journal_without_a_valid_header_is_moved_aside(
    path: Path, store: HistoryStore, writer_first: bool
) -> None:
    # GIVEN a snapshot, and a journal whose first line is no header
    store.record(reading(0))
    garbage = b"garbage\n" + b"x" * 600 + b"\n"
    store.journal_path.write_bytes(garbage)
    other = HistoryStore(path, clock=Clock())
    # WHEN it is read (or written to)
    if writer_first:
        other.record(reading(1))
    # THEN it is kept aside under a UTC timestamp, told once, and the snapshot is intact
    expected = [reading(0).time, reading(1).time] if writer_first else [reading(0).time]
    assert times(other) == expected
    [aside] = path.parent.glob("history.json.journal.corrupt-*")
    assert aside.name == "history.json.journal.corrupt-20261128T134500Z"
    assert aside.read_bytes() == garbage
    [problem] = other.take_problems()
    assert "moved it aside to history.json.journal.corrupt-20261128T134500Z" in problem
    assert list(path.parent.glob("history.json.corrupt-*")) == []


# -- newer versions, failed writes -------------------------------------------------------------


def test_a_newer_snapshot_refuses_records_and_its_journal_is_untouched(
    path: Path, store: HistoryStore
) -> None:
    # GIVEN a history whose snapshot a newer trayscore rewrote, with a journal beside it
    store.record(reading(0))
    store.record(reading(1))
    document = snapshot(path)
    document["schema"] = 2
    path.write_text(json.dumps(document, separators=(",", ":")))
    files = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    # WHEN a reading is offered, THEN it is refused and no file changed
    other = HistoryStore(path, clock=Clock())
    with pytest.raises(HistoryWriteError, match="newer trayscore"):
        other.record(reading(2))
    with pytest.raises(HistoryWriteError, match="newer trayscore"):
        other.compact()
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == files
    # AND what it holds is still shown
    assert times(other) == [reading(0).time, reading(1).time]


def test_a_newer_journal_is_read_leniently_and_never_appended_to(
    path: Path, store: HistoryStore
) -> None:
    # GIVEN a journal a newer trayscore started, with a line this version does not know
    store.record(reading(0))
    good = json.dumps(reading(1).to_json() | {"band": None}).encode()
    store.journal_path.write_bytes(b'{"schema":2,"journal":99,"id":"x"}\n' + good + b"\n{}\n")
    before = store.journal_path.read_bytes()
    # THEN its readable line shows, only the newer version is told, and a record is refused
    other = HistoryStore(path, clock=Clock())
    assert times(other) == [reading(0).time, reading(1).time]
    [problem] = other.take_problems()
    assert "newer trayscore" in problem
    with pytest.raises(HistoryWriteError, match="newer trayscore"):
        other.record(reading(2))
    assert store.journal_path.read_bytes() == before


def test_a_full_disk_mid_append_cuts_the_journal_back(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a history with readings in snapshot and journal
    for n in range(3):
        store.record(reading(n))
    files = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    real_write: Callable[[int, bytes], int] = os.write
    calls: list[int] = []

    # WHEN the disk fills up after part of the next line was written
    def full(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[:10]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(HistoryWriteError, match="free some disk space"):
        store.record(reading(3))
    monkeypatch.undo()
    # THEN every file is byte-identical and the history is as it was
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == files
    assert times(HistoryStore(path)) == [reading(n).time for n in range(3)]


def test_a_failing_fsync_does_not_leave_the_reading_behind(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record(reading(0))
    store.record(reading(1))
    journal = store.journal_path.read_bytes()

    def broken(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(HistoryWriteError, match="previous history is intact"):
        store.record(reading(2))
    monkeypatch.undo()
    assert store.journal_path.read_bytes() == journal


def test_a_read_only_file_system_is_a_typed_error_and_keeps_the_history(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a history, then nothing may be opened for writing (chmod does not stop root, which
    # runs CI, so the file system's refusal is simulated)
    store.record(reading(0))
    store.record(reading(1))
    files = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    real_open: Callable[..., int] = os.open

    def read_only(name: str | Path, flags: int, mode: int = 0o777, **kw: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(name, flags, mode, **kw)

    monkeypatch.setattr(os, "open", read_only)
    # WHEN a reading is recorded or the journal compacted, THEN a typed error each time
    with pytest.raises(HistoryWriteError, match="Could not write the history"):
        HistoryStore(path, clock=Clock()).record(reading(2))
    with pytest.raises(HistoryWriteError, match="Could not write the history"):
        store.compact()
    # AND the history still reads, unchanged
    assert times(HistoryStore(path)) == [reading(0).time, reading(1).time]
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == files


def test_a_read_only_folder_takes_appends_but_not_a_compaction(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a history, then a folder where no new name may be made (existing files stay
    # writable, as with chmod 0500; simulated, since root writes through chmod)
    store.record(reading(0))
    store.record(reading(1))
    before = path.read_bytes()
    real_open: Callable[..., int] = os.open

    def no_new_names(name: str | Path, flags: int, mode: int = 0o777, **kw: object) -> int:
        if flags & os.O_CREAT and not Path(name).exists():
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        return real_open(name, flags, mode, **kw)

    monkeypatch.setattr(os, "open", no_new_names)
    # WHEN a reading is recorded, THEN it is appended to the existing journal
    store.record(reading(2))
    # AND a compaction (a new temp file) is a typed error that leaves the history as it was
    with pytest.raises(HistoryWriteError, match="check that folder"):
        store.compact()
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert times(HistoryStore(path)) == [reading(n).time for n in range(3)]
    assert list(path.parent.glob(".history.json.tmp-*")) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod")
def test_a_really_read_only_folder_is_a_typed_error(path: Path, store: HistoryStore) -> None:
    store.record(reading(0))
    store.record(reading(1))
    files = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    path.parent.chmod(0o500)
    try:
        with pytest.raises(HistoryWriteError, match="Could not write the history"):
            store.compact()
        assert times(HistoryStore(path)) == [reading(0).time, reading(1).time]
    finally:
        path.parent.chmod(0o700)
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == files


# -- the fast time parser ---------------------------------------------------------------------

CANONICAL = ("2026-11-28T09:30:00Z", "2026-11-28T09:30:00.123456Z")
ALPHABET = "0123456789-:T.Z W+,z\u0663\uff11"


@given(
    template=st.sampled_from(CANONICAL),
    changes=st.lists(
        st.tuples(st.integers(0, 26), st.sampled_from(ALPHABET)), min_size=0, max_size=4
    ),
)
def test_the_fast_parser_agrees_with_the_strict_one(
    template: str, changes: list[tuple[int, str]]
) -> None:
    # GIVEN a canonical time with a few characters changed
    text = list(template)
    for index, char in changes:
        text[index % len(text)] = char
    candidate = "".join(text)
    # THEN the fast parser gives what parse_instant gives, or refuses too
    try:
        expected = parse_instant(candidate)
    except ValueError:
        with pytest.raises(ValueError):
            instant(candidate)
        return
    assert instant(candidate) == expected
    assert instant(candidate).tzinfo is UTC


def test_the_fast_parser_refuses_what_is_not_a_string() -> None:
    with pytest.raises(TypeError):
        instant(1234)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-28T09:30:00,123456Z",  # fromisoformat takes a comma before the fraction
        "2026-11-28T09:30:00:123456Z",  # and a colon
        "2026-11-28T09:30:00.1234560",  # no zone: fromisoformat gives a naive datetime
        "2026-11-28 09:30:00Z",  # a space for the T
        "2026-11-28t09:30:00Z",  # a lower-case t
        "2026-11-28T09:30:00 Z",
        "2026-11-28T09:30:00.123456 Z",
        "2026-1-28T09:30:00Z",
    ],
)
def test_the_fast_parser_refuses_what_the_strict_one_refuses(text: str) -> None:
    # GIVEN a near-canonical time the strict parser refuses (ISO 8601 as the APIs send it,
    # which timeparse.parse_instant defines) WHEN read from a file THEN it is refused too,
    # in the strict parser's words
    with pytest.raises(ValueError, match=r"^not an ISO-8601 instant: ") as strict:
        parse_instant(text)
    with pytest.raises(ValueError, match=r"^not an ISO-8601 instant: ") as fast:
        instant(text)
    assert str(fast.value) == str(strict.value)


def test_an_impossible_canonical_time_is_refused_by_the_strict_parser() -> None:
    # GIVEN a time of the canonical shape whose day does not exist
    # THEN the fast path's refusal is not the answer: the strict parser says why
    with pytest.raises(ValueError, match="day is out of range"):
        instant("2026-02-30T09:30:00Z")


def test_canonical_times_never_reach_the_strict_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the strict parser made unusable (files hold thousands of canonical times, which the
    # fast path reads ~15x faster)
    def no_strict(text: str) -> datetime:
        raise AssertionError(f"the strict parser was asked for {text!r}")

    monkeypatch.setattr(history_journal, "parse_instant", no_strict)
    # WHEN both canonical forms are read THEN they parse, in UTC, without it
    assert instant(CANONICAL[0]) == datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    assert instant(CANONICAL[1]) == datetime(2026, 11, 28, 9, 30, 0, 123456, tzinfo=UTC)
    assert instant(CANONICAL[1]).tzinfo is UTC
    # AND anything else still goes to the strict parser
    with pytest.raises(AssertionError, match="strict parser"):
        instant("2026-11-28T09:30:00+00:00")


def test_a_time_that_is_not_a_string_is_named() -> None:
    with pytest.raises(TypeError, match=r"^time is not a string$"):
        instant(None)


# -- scores ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 1, 33, 99, 100])
def test_an_integer_score_is_read_as_a_float(value: int) -> None:
    # GIVEN a score JSON holds as an integer (an older writer, or a hand edit)
    # THEN it is the same score, as a float
    score = score_of(value)
    assert score == float(value)
    assert type(score) is float


@pytest.mark.parametrize("value", [0.0, 0.5, 33.4, 100.0])
def test_a_float_score_in_range_is_kept(value: float) -> None:
    assert score_of(value) == value


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (-1, ValueError, "score out of range"),
        (101, ValueError, "score out of range"),
        (10**400, ValueError, "score out of range"),  # too large for a float: checked first
        (-0.1, ValueError, "score out of range"),
        (100.000001, ValueError, "score out of range"),
        (100.5, ValueError, "score out of range"),
        (math.nan, ValueError, "score out of range"),
        (math.inf, ValueError, "score out of range"),
        (True, TypeError, "score is not a number"),
        ("33", TypeError, "score is not a number"),
        (None, TypeError, "score is not a number"),
    ],
)
def test_a_score_out_of_range_or_of_another_type_is_named(
    value: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=f"^{message}$"):
        score_of(value)


def test_a_journal_line_with_an_integer_score_is_read(path: Path, store: HistoryStore) -> None:
    # GIVEN a journal line whose score is an integer
    store.record(reading(0))
    store.record(reading(1))
    row = {**reading(2).to_json(), "score": 40}
    with store.journal_path.open("ab") as handle:
        handle.write(json.dumps(row).encode() + b"\n")
    # THEN it is read like any other reading, and nothing is reported
    reader = HistoryStore(path)
    assert [entry.score for entry in reader.entries()] == [0.0, 1.0, 40.0]
    assert reader.take_problems() == []


# -- lines -----------------------------------------------------------------------------------


def test_a_reading_line_is_compact_canonical_json() -> None:
    # GIVEN a reading WHEN written as a journal line THEN it is exactly this (no spaces,
    # canonical UTC times, one newline)
    at = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    line = reading_line(SOURCE, 33.5, at, at + timedelta(seconds=1, microseconds=5))
    assert line == (
        b'{"source":"exposure-score","score":33.5,"time":"2026-11-28T09:30:00Z",'
        b'"fetched_at":"2026-11-28T09:30:01.000005Z"}\n'
    )
    # AND it reads back as the same reading
    assert parse_reading(line.decode().rstrip("\n")) == (
        SOURCE,
        33.5,
        at,
        at + timedelta(seconds=1, microseconds=5),
    )


@pytest.mark.parametrize("score", [math.nan, math.inf])
def test_a_score_that_is_no_json_number_is_never_written(score: float) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        reading_line(SOURCE, score, NOW, NOW)


GOOD_COMPACT = {**GOOD_LINE, "source": "s", "score": 1.5}


@pytest.mark.parametrize(
    "text",
    [
        " " + json.dumps(GOOD_COMPACT, separators=(",", ":")),
        json.dumps(GOOD_COMPACT) + "  ",
    ],
    ids=["leading-space", "spaced-out"],
)
def test_a_line_with_spaces_around_is_still_read(text: str) -> None:
    # GIVEN a valid reading with whitespace the fast decoder does not take whole (a hand edit)
    # THEN the full decoder reads it
    at = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    assert parse_reading(text) == ("s", 1.5, at, at + timedelta(seconds=1))


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("[1]", TypeError, "^line is not an object$"),
        ('{"source":"","score":1}', TypeError, "^source is not a name$"),
        ('{"source":null,"score":1}', TypeError, "^source is not a name$"),
        ('{"source":"s"}{"x":1}', json.JSONDecodeError, "^Extra data"),
    ],
)
def test_an_unreadable_line_is_named(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        parse_reading(text)


# -- headers ---------------------------------------------------------------------------------


def test_a_header_line_is_the_documented_shape_with_a_random_id() -> None:
    # GIVEN two new journals' first lines
    first, second = header_line(7), header_line(7)
    # THEN each is the documented header with a 16-hex-digit id, and the ids differ
    assert re.fullmatch(rb'\{"schema":1,"journal":7,"id":"[0-9a-f]{16}"\}\n', first)
    assert first != second
    assert parse_header(first) == Header(1, 7, first)


@pytest.mark.parametrize(
    "line",
    [
        b'{"schema":1,"journal":1}\n',
        b'{"schema":1,"journal":123456789012,"id":"a"}\n',
        b'{"schema":2,"journal":3,"id":"a","more":[1]}\n',  # newer: the reader decides
        b'  {"journal":3, "schema":1}  \r\n',
    ],
)
def test_header_variants_that_are_headers(line: bytes) -> None:
    header = parse_header(line)
    document = json.loads(line)
    assert (header.schema, header.generation, header.line) == (
        document["schema"],
        document["journal"],
        line,
    )


NOT_A_HEADER = "its first line is not a header"
NOT_JSON = "its first line is not JSON"
TOO_LONG = "its first line is too long for a header"
HEADER_VARIANTS = {
    "schema-0": (b'{"schema":0,"journal":1}', NOT_A_HEADER),
    "journal-0": (b'{"schema":1,"journal":0}', NOT_A_HEADER),
    "journal-negative": (b'{"schema":1,"journal":-3}', NOT_A_HEADER),
    "schema-a-boolean": (b'{"schema":true,"journal":1}', NOT_A_HEADER),
    "journal-a-boolean": (b'{"schema":1,"journal":true}', NOT_A_HEADER),
    "schema-a-float": (b'{"schema":1.0,"journal":1}', NOT_A_HEADER),
    "journal-a-float": (b'{"schema":1,"journal":2.0}', NOT_A_HEADER),
    "schema-a-string": (b'{"schema":"1","journal":1}', NOT_A_HEADER),
    "journal-a-string": (b'{"schema":1,"journal":"7"}', NOT_A_HEADER),
    "no-schema": (b'{"journal":1}', NOT_A_HEADER),
    "no-journal": (b'{"schema":1}', NOT_A_HEADER),
    "a-reading": (json.dumps(GOOD_LINE).encode(), NOT_A_HEADER),
    "a-list": (b"[1, 2]", NOT_A_HEADER),
    "a-string": (b'"schema"', NOT_A_HEADER),
    "null": (b"null", NOT_A_HEADER),
    "garbage": (b"garbage", NOT_JSON),
    "cut-short": (b'{"schema":1,"jour', NOT_JSON),
    "not-utf-8": (b'{"schema":1,"journal":1,"id":"\xff"}', NOT_JSON),
    "nested-lists": (b"[" * 255 + b"]" * 255, NOT_A_HEADER),
    "deeply-nested": (b"[" * 10_000 + b"]" * 10_000, TOO_LONG),
    "too-long": (b'{"schema":1,"journal":1,"id":"' + b"x" * 500 + b'"}', TOO_LONG),
}


@pytest.mark.parametrize(("line", "reason"), HEADER_VARIANTS.values(), ids=HEADER_VARIANTS.keys())
def test_header_variants_that_are_not_headers_are_named(line: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=f"^{reason}$"):
        parse_header(line + b"\n")


@pytest.mark.parametrize(
    ("line", "reason"),
    [HEADER_VARIANTS["journal-0"], HEADER_VARIANTS["a-list"], HEADER_VARIANTS["garbage"]],
    ids=["journal-0", "a-list", "garbage"],
)
@pytest.mark.parametrize("writer_first", [False, True], ids=["reader", "writer"])
def test_a_journal_with_a_bad_header_is_moved_aside_saying_why(
    path: Path, store: HistoryStore, line: bytes, reason: str, writer_first: bool
) -> None:
    # GIVEN a snapshot, and a journal whose first line is no header, with a reading after it
    store.record(reading(0))
    good = reading(5)
    store.journal_path.write_bytes(
        line + b"\n" + reading_line(SOURCE, good.score, good.time, good.fetched_at)
    )
    other = HistoryStore(path, clock=Clock())
    # WHEN it is read (or written to)
    if writer_first:
        other.record(reading(1))
    times(other)
    # THEN the user is told exactly what was wrong and where the file went
    aside = "history.json.journal.corrupt-20261128T134500Z"
    assert other.take_problems() == [
        f"{store.journal_path} was unreadable ({reason}); moved it aside to {aside}."
    ]


# -- the complete part of a file -------------------------------------------------------------


def length_of(tmp_path: Path, data: bytes) -> int:
    file = tmp_path / "tail"
    file.write_bytes(data)
    fd = os.open(file, os.O_RDONLY)
    try:
        return complete_length(fd, len(data))
    finally:
        os.close(fd)


CHUNK = 4096  # history_journal reads the tail back in chunks of this size
TAILS = {
    "empty": (b"", 0),
    "one-newline": (b"\n", 1),
    "complete": (b"ab\ncd\n", 6),
    "one-byte-partial": (b"ab\nc", 3),
    "partial": (b"ab\ncd\nef", 6),
    "no-newline": (b"abc", 0),
    "no-newline-longer-than-a-chunk": (b"x" * (2 * CHUNK + 10), 0),
    "newline-only-at-the-start": (b"\n" + b"x" * 100, 1),
    "partial-of-exactly-a-chunk": (b"\n" + b"x" * CHUNK, 1),
    "partial-longer-than-a-chunk": (b"ab\n" + b"x" * (CHUNK + 900), 3),
    "partial-longer-than-two-chunks": (b"ab\ncd\n" + b"x" * (2 * CHUNK + 1), 6),
    "complete-after-a-long-line": (b"x" * (CHUNK + 5) + b"\n", CHUNK + 6),
}


@pytest.mark.timeout(10)  # a broken tail scan loops forever
@pytest.mark.parametrize(("data", "length"), TAILS.values(), ids=TAILS.keys())
def test_the_complete_part_ends_at_the_last_newline(
    tmp_path: Path, data: bytes, length: int
) -> None:
    # GIVEN a file WHEN its complete length is asked THEN it ends after its last newline
    assert length_of(tmp_path, data) == length
    assert length == data.rfind(b"\n") + 1


def test_a_complete_file_is_known_by_its_last_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a long journal that ends in a newline (the usual case, on every record)
    reads: list[tuple[int, int]] = []
    real_read_at = history_journal.read_at

    def counting(fd: int, size: int, offset: int) -> bytes:
        reads.append((size, offset))
        return real_read_at(fd, size, offset)

    monkeypatch.setattr(history_journal, "read_at", counting)
    data = (b"x" * 99 + b"\n") * 200
    # THEN its last byte is read, and nothing else
    assert length_of(tmp_path, data) == len(data)
    assert reads == [(1, len(data) - 1)]


@pytest.mark.timeout(30)
def test_a_partial_tail_longer_than_a_chunk_is_ignored_and_cut_off(
    path: Path, store: HistoryStore
) -> None:
    # GIVEN a journal whose unfinished last line is longer than the chunk the tail is read in
    for n in range(3):
        store.record(reading(n))
    complete = store.journal_path.read_bytes()
    with store.journal_path.open("ab") as handle:
        handle.write(b'{"source":"' + b"x" * (CHUNK + 1000))
    # THEN a reader sees the complete lines only, and reports nothing
    reader = HistoryStore(path)
    assert times(reader) == [reading(n).time for n in range(3)]
    assert reader.take_problems() == []
    # WHEN the next reading is recorded THEN the partial line is gone and the new one follows
    HistoryStore(path, clock=Clock()).record(reading(3))
    assert store.journal_path.read_bytes().startswith(complete)
    assert len(journal_lines(store)) == len(complete.splitlines()) + 1
    assert times(HistoryStore(path)) == [reading(n).time for n in range(4)]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("writer_first", [False, True], ids=["reader", "writer"])
def test_a_journal_with_no_newline_at_all(
    path: Path, store: HistoryStore, writer_first: bool
) -> None:
    # GIVEN a snapshot, and a journal with no newline longer than a header can be (a writer
    # killed during its first append would leave at most a header's bytes)
    store.record(reading(0))
    store.journal_path.write_bytes(b'{"schema":1,"journal":99,"id":"x"}' + b"y" * 600)
    other = HistoryStore(path, clock=Clock())
    # WHEN it is read (or written to)
    if writer_first:
        other.record(reading(1))
    # THEN it is no journal: moved aside, saying why, and the history goes on without it
    expected = [reading(0).time, reading(1).time] if writer_first else [reading(0).time]
    assert times(other) == expected
    aside = "history.json.journal.corrupt-20261128T134500Z"
    assert other.take_problems() == [
        f"{store.journal_path} was unreadable ({TOO_LONG}); moved it aside to {aside}."
    ]


@pytest.mark.parametrize(
    ("padding", "is_header"),
    [(HEADER_BYTES - 35, True), (HEADER_BYTES - 34, False), (600, False)],
    ids=["line-of-512-bytes", "line-of-513-bytes", "line-of-635-bytes"],
)
@pytest.mark.parametrize("writer_first", [False, True], ids=["reader", "writer"])
def test_readers_and_writers_agree_on_how_long_a_header_may_be(
    path: Path, store: HistoryStore, padding: int, is_header: bool, writer_first: bool
) -> None:
    # GIVEN a journal whose valid header is padded with spaces, and a reading after it
    store.record(reading(0))
    header = b'{"schema":1,"journal":99,"id":"x"' + b" " * padding + b"}\n"
    assert len(header) == 35 + padding
    shown = reading(5)
    store.journal_path.write_bytes(
        header + reading_line(SOURCE, shown.score, shown.time, shown.fetched_at)
    )
    other = HistoryStore(path, clock=Clock())
    # WHEN it is read first or written to first, THEN a reading shown is never dropped later:
    # a header line up to HEADER_BYTES (newline included) is one for both, a longer one for
    # neither (a reader once showed the reading and the next writer moved the journal aside)
    if not writer_first:
        assert times(other) == ([reading(0).time, shown.time] if is_header else [reading(0).time])
    other.record(reading(6))
    expected = [reading(0).time, shown.time] if is_header else [reading(0).time]
    assert times(other) == [*expected, reading(6).time]
    problems = other.take_problems()
    if is_header:
        assert problems == []
    else:
        aside = "history.json.journal.corrupt-20261128T134500Z"
        assert problems == [
            f"{store.journal_path} was unreadable ({TOO_LONG}); moved it aside to {aside}."
        ]


# -- the store's journal view: what is re-read, what is told -------------------------------


def test_a_grown_journal_is_read_from_where_the_reader_stopped(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a reader that has read a journal of three readings
    for n in range(4):
        store.record(reading(n))
    reader = HistoryStore(path)
    assert len(reader.entries()) == 4
    parsed: list[str] = []
    real_parse_reading = history_journal.parse_reading

    def counting(line: str) -> tuple[str, float, datetime, datetime]:
        parsed.append(line)
        return real_parse_reading(line)

    monkeypatch.setattr(history, "parse_reading", counting)
    # WHEN nothing changed THEN nothing is parsed again
    assert len(reader.entries()) == 4
    assert parsed == []
    # WHEN one reading is appended THEN only that line is parsed
    store.record(reading(4))
    assert times(reader) == [reading(n).time for n in range(5)]
    assert len(parsed) == 1


def test_a_journal_removed_by_hand_is_no_longer_shown(path: Path, store: HistoryStore) -> None:
    store.record(reading(0))
    store.record(reading(1))
    reader = HistoryStore(path)
    assert len(reader.entries()) == 2
    store.journal_path.unlink()
    assert times(reader) == [reading(0).time]


def test_line_numbers_stay_right_as_a_journal_grows(path: Path, store: HistoryStore) -> None:
    # GIVEN a journal with a damaged line holding spaces, read once
    store.record(reading(0))
    store.record(reading(1))
    with store.journal_path.open("ab") as handle:
        handle.write(b"this is not json\n")
    reader = HistoryStore(path)
    assert len(reader.entries()) == 2
    [first] = reader.take_problems()
    assert "(line 3: not JSON)" in first
    # WHEN a reading and another damaged line are appended, and the reader reads on
    store.record(reading(2))
    with store.journal_path.open("ab") as handle:
        handle.write(b"more damage here\n")
    # THEN the new damage is told with its own line number
    assert len(reader.entries()) == 3
    [second] = reader.take_problems()
    assert "has 1 unreadable line(s) (line 5: not JSON)" in second


def test_damage_already_told_is_not_told_again_when_the_journal_is_read_anew(
    path: Path, store: HistoryStore
) -> None:
    # GIVEN a reader told of a damaged line
    store.record(reading(0))
    store.record(reading(1))
    with store.journal_path.open("ab") as handle:
        handle.write(b"this is not json\n")
    reader = HistoryStore(path)
    reader.entries()
    assert len(reader.take_problems()) == 1
    # WHEN more damage follows and the snapshot is touched (its copy is read anew, and the
    # journal with it)
    with store.journal_path.open("ab") as handle:
        handle.write(b"more damage\n")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
    assert len(reader.entries()) == 2
    # THEN the journal's first damaged line, already told, is not told again
    assert reader.take_problems() == []


def test_a_journal_that_is_no_file_is_named(path: Path, store: HistoryStore) -> None:
    store.record(reading(0))
    store.journal_path.mkdir()
    reader = HistoryStore(path)
    assert times(reader) == [reading(0).time]
    assert reader.take_problems() == [
        (
            f"{store.journal_path} is unreadable (refused {store.journal_path}: it is not a "
            "regular file; nothing was read or written through it. Remove it if you did not put "
            "it there)."
        )
    ]


def test_a_bad_journal_that_cannot_be_moved_aside_is_left_saying_so(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record(reading(0))
    store.journal_path.write_bytes(b"garbage\n")

    def refuse(self: Path, target: object) -> Path:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    reader = HistoryStore(path, clock=Clock())
    assert times(reader) == [reading(0).time]
    assert reader.take_problems() == [
        (
            f"{store.journal_path} is unreadable ({NOT_JSON}) and could not be moved aside "
            "(Permission denied); move it away by hand."
        )
    ]
    assert store.journal_path.read_bytes() == b"garbage\n"


def test_a_bad_journal_whose_lock_cannot_be_taken_is_left_saying_so(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record(reading(0))
    store.journal_path.write_bytes(b"garbage\n")
    store.lock_path.unlink()
    real_open: Callable[..., int] = os.open

    def read_only(name: str | Path, flags: int, mode: int = 0o777, **kw: object) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(name, flags, mode, **kw)

    monkeypatch.setattr(os, "open", read_only)
    reader = HistoryStore(path, clock=Clock())
    assert times(reader) == [reading(0).time]
    assert reader.take_problems() == [
        (
            f"{store.journal_path} is unreadable ({NOT_JSON}) and was left: Could not write the "
            f"history {path} (Read-only file system); check that folder. The previous history is "
            "intact."
        )
    ]


def test_a_newer_journal_is_named_to_readers_and_writers(path: Path, store: HistoryStore) -> None:
    store.record(reading(0))
    store.journal_path.write_bytes(b'{"schema":2,"journal":99,"id":"x"}\n')
    other = HistoryStore(path, clock=Clock())
    other.entries()
    assert other.take_problems() == [
        (
            f"{store.journal_path} was written by a newer trayscore (schema 2); showing what this "
            "version can read and not recording into it. Upgrade trayscore."
        )
    ]
    writer = HistoryStore(path, clock=Clock())
    with pytest.raises(HistoryWriteError) as refused:
        writer.record(reading(1))
    assert refused.value.message == (
        f"{store.journal_path} was written by a newer trayscore (schema 2); not recording into "
        "it. Upgrade trayscore, or move the file away to start a new history."
    )


def test_a_failed_append_names_the_history(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record(reading(0))
    store.record(reading(1))

    def broken(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(HistoryWriteError) as raised:
        store.record(reading(2))
    assert raised.value.message == (
        f"Could not write the history {path} (Input/output error); check that folder. "
        "The previous history is intact."
    )


def test_a_folder_that_refuses_fsync_still_takes_readings(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a file system that cannot fsync a folder (some refuse; the data is already safe)
    real_fsync = os.fsync

    def no_folder_fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", no_folder_fsync)
    # WHEN readings are recorded and compacted THEN nothing fails and nothing is lost
    store.record(reading(0))
    store.record(reading(1))
    store.compact()
    assert times(HistoryStore(path)) == [reading(0).time, reading(1).time]

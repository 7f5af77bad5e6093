"""The history store: round trip, coalescing, thinning, corrupt files, failed writes, locking."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import stat
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from trayscore.core.models import Reading
from trayscore.history.journal import reading_line
from trayscore.history.store import (
    SCHEMA_VERSION,
    Entry,
    HistoryStore,
    HistoryWriteError,
    entries_to_csv,
    thin,
)

NOW = datetime(2026, 11, 28, 13, 45, tzinfo=UTC)
SOURCE = "exposure-score"


class Clock:
    """A settable clock for the store."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def reading(score: float, at: datetime, source: str = SOURCE) -> Reading:
    return Reading(source, score, at, at + timedelta(seconds=1))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.json"


@pytest.fixture
def store(path: Path) -> HistoryStore:
    return HistoryStore(path, clock=Clock())


def corrupt_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


# -- round trip and coalescing ---------------------------------------------------------------


def test_a_reading_round_trips_through_the_file(path: Path, store: HistoryStore) -> None:
    # GIVEN an empty history
    assert store.entries() == []
    # WHEN one reading is recorded
    first = reading(33.491554051195706, NOW - timedelta(minutes=3))
    store.record(first)
    # THEN a fresh store reads it back exactly, with the file's schema version
    [entry] = HistoryStore(path).entries()
    assert entry == Entry(SOURCE, first.score, first.time, first.fetched_at, first.fetched_at)
    assert entry.to_json() == {**first.to_json(), "last_confirmed": entry.to_json()["fetched_at"]}
    assert json.loads(path.read_text())["schema"] == SCHEMA_VERSION


def test_identical_consecutive_scores_are_one_run(store: HistoryStore) -> None:
    # GIVEN three readings of the same score, then a different one, then the first again
    times = [NOW - timedelta(minutes=5 * n) for n in range(5, 0, -1)]
    for score, at in zip([40.0, 40.0, 40.0, 41.5, 40.0], times, strict=True):
        store.record(reading(score, at))
    # THEN the same scores are coalesced with first and last confirmation; a change starts a run
    runs = store.entries()
    assert [run.score for run in runs] == [40.0, 41.5, 40.0]
    assert runs[0].time == times[0]
    assert runs[0].fetched_at == times[0] + timedelta(seconds=1)
    assert runs[0].last_confirmed == times[2] + timedelta(seconds=1)
    assert runs[1].last_confirmed == runs[1].fetched_at


def test_sources_are_coalesced_separately(store: HistoryStore) -> None:
    # GIVEN two sources interleaved, each holding its own score
    for n in range(4):
        at = NOW - timedelta(minutes=10 - n)
        store.record(reading(10.0, at, "a"))
        store.record(reading(90.0, at, "b"))
    # THEN each source has one run, and the filter picks one source
    assert [(r.source, r.score) for r in store.entries("a")] == [("a", 10.0)]
    assert [(r.source, r.score) for r in store.entries("b")] == [("b", 90.0)]
    assert len(store.entries()) == 2


def test_since_keeps_runs_still_in_force(store: HistoryStore) -> None:
    # GIVEN a run that ended 10 days ago and one confirmed now
    store.record(reading(50.0, NOW - timedelta(days=10)))
    store.record(reading(20.0, NOW - timedelta(days=1)))
    # THEN since=3 days ago keeps only the recent run
    assert [r.score for r in store.entries(since=NOW - timedelta(days=3))] == [20.0]


@pytest.mark.parametrize("score", [float("nan"), float("inf"), -0.1, 100.5])
def test_an_impossible_score_is_refused_and_nothing_is_written(
    path: Path, store: HistoryStore, score: float
) -> None:
    with pytest.raises(ValueError, match="score"):
        store.record(reading(score, NOW))
    assert not path.exists()


# -- retention and thinning ------------------------------------------------------------------


def four_years_of_runs() -> list[Entry]:
    """Runs at 00:00, 00:20, 00:40 and 01:00 UTC of every day for four years; no two kept
    neighbours (in any zone) share a score, so thinning cannot merge them."""
    runs = []
    day = (NOW - timedelta(days=4 * 365)).replace(hour=0, minute=0)
    n = 0
    while day < NOW:
        for minutes in (0, 20, 40, 60):
            start = day + timedelta(minutes=minutes)
            end = start + timedelta(minutes=19)
            runs.append(Entry(SOURCE, 30.0 + n % 5, start, start, end))
            n += 1
        day += timedelta(days=1)
    return runs


def test_thinning_keeps_400_days_and_thins_older_points() -> None:
    # GIVEN four years of runs, four a day
    runs = four_years_of_runs()
    # WHEN thinned at NOW
    thin(runs, NOW)
    ages = [NOW - run.time for run in runs]
    # THEN nothing is older than 3 years, and points are kept right up to it (thinned, not dropped)
    assert max(ages) <= timedelta(days=3 * 365)
    assert max(ages) > timedelta(days=3 * 365 - 2)
    recent = [r for r in runs if NOW - r.time <= timedelta(days=90)]
    hourly = [r for r in runs if timedelta(days=90) < NOW - r.time <= timedelta(days=400)]
    daily = [r for r in runs if timedelta(days=400) < NOW - r.time]
    # full resolution for 90 days: all four runs of each day
    assert len(recent) in range(4 * 90 - 4, 4 * 90 + 5)
    # 90..400 days: one run per UTC hour (00:40 wins hour 0, 01:00 keeps hour 1)
    assert len({(r.time.date(), r.time.hour) for r in hourly}) == len(hourly)
    assert {r.time.minute for r in hourly} == {40, 0}
    assert len(hourly) in range(2 * 310 - 2, 2 * 310 + 3)
    # 400 days..3 years: one run per UTC day (the day's last, the value at its end)
    assert len({r.time.date() for r in daily}) == len(daily)
    assert all(r.time.hour == 1 for r in daily)
    assert len(daily) in range(3 * 365 - 400 - 2, 3 * 365 - 400 + 3)
    # and it stays ordered; thinning again changes nothing
    assert [r.time for r in runs] == sorted(r.time for r in runs)
    again = list(runs)
    thin(again, NOW)
    assert again == runs


def test_thinned_neighbours_with_one_score_merge_into_one_run() -> None:
    # GIVEN 200-day-old runs in one hour with scores 10, 20, 10 and the next hour 10
    start = NOW - timedelta(days=200)
    start = start.replace(minute=0, second=0)
    runs = [
        Entry(SOURCE, score, start + timedelta(minutes=m), start, start + timedelta(minutes=m + 9))
        for score, m in [(10.0, 0), (20.0, 10), (10.0, 20), (10.0, 70)]
    ]
    # WHEN thinned: the hour keeps its last run (10 at :20), which equals the next hour's run
    thin(runs, NOW)
    # THEN they merge: first start kept, last confirmation extended
    assert [(r.score, r.time, r.last_confirmed) for r in runs] == [
        (10.0, start + timedelta(minutes=20), start + timedelta(minutes=79))
    ]


def test_recording_thins_the_file(path: Path) -> None:
    # GIVEN a file holding four years of runs
    old = four_years_of_runs()
    rows = [{k: v for k, v in r.to_json().items() if k not in {"source", "band"}} for r in old]
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema": 1, "sources": {SOURCE: rows}}))
    store = HistoryStore(path, clock=Clock())
    # WHEN one more reading is recorded now
    store.record(reading(55.0, NOW))
    # THEN the file holds the thinned runs plus the new one
    expected = list(old)
    thin(expected, NOW)
    got = HistoryStore(path).entries()
    assert got[:-1] == expected
    assert got[-1].score == 55.0
    assert len(got) < len(old) / 2


# -- corrupt and foreign files ---------------------------------------------------------------

GOOD_ROW = {
    "score": 33.4,
    "time": "2026-11-28T09:30:00Z",
    "fetched_at": "2026-11-28T09:30:01Z",
    "last_confirmed": "2026-11-28T09:30:01Z",
}
NOT_JSON = "not valid JSON"
WRONG_ENTRY = "holding an entry of the wrong type"
NO_SCHEMA = "no valid schema version"
NO_GENERATION = "holding no valid journal generation"
NOT_A_LIST = "holding a source that is not a list"


def document(**fields: object) -> bytes:
    return json.dumps({"schema": 1, **fields}).encode()


def with_row(**row: object) -> bytes:
    return document(sources={SOURCE: [{**GOOD_ROW, **row}]})


CORRUPT = {  # a file that cannot be trusted, and the reason the user is told
    "truncated": (b'{"schema": 1, "sources": {"exposure-score": [{"score": 3', NOT_JSON),
    "not-json": (b"this is not json\n", NOT_JSON),
    "empty": (b"", "empty file"),
    "blank": (b"  \n", "empty file"),
    "non-object": (b"[1, 2, 3]", "not a JSON object"),
    "no-schema": (json.dumps({"sources": {}}).encode(), NO_SCHEMA),
    "schema-string": (document(schema="1", sources={}), NO_SCHEMA),
    "schema-0": (document(schema=0, sources={}), NO_SCHEMA),
    "schema-a-boolean": (document(schema=True, sources={}), NO_SCHEMA),
    "no-sources": (document(), "missing its sources"),
    "sources-not-object": (document(sources=[]), "missing its sources"),
    "source-not-a-list": (document(sources={SOURCE: {}}), NOT_A_LIST),
    "source-without-a-name": (document(sources={"": []}), NOT_A_LIST),
    "score-a-string": (with_row(score="33"), WRONG_ENTRY),
    "time-a-number": (with_row(time=1234), WRONG_ENTRY),
    "score-out-of-range": (with_row(score=250), WRONG_ENTRY),
    "score-just-above-100": (with_row(score=100.5), WRONG_ENTRY),
    "score-below-0": (with_row(score=-0.5), WRONG_ENTRY),
    "row-not-object": (document(sources={SOURCE: [[1, 2]]}), WRONG_ENTRY),
    "score-a-boolean": (with_row(score=True), WRONG_ENTRY),
    "score-a-huge-integer": (with_row(score=10**400), WRONG_ENTRY),
    "time-not-an-instant": (with_row(time="2026-11-28T09:30:00"), WRONG_ENTRY),
    "last-confirmed-not-an-instant": (with_row(last_confirmed="soon"), WRONG_ENTRY),
    "journal-generation-a-string": (
        document(journal="3", sources={SOURCE: [GOOD_ROW]}),
        NO_GENERATION,
    ),
    "journal-generation-negative": (document(journal=-1, sources={}), NO_GENERATION),
    "journal-generation-a-boolean": (document(journal=True, sources={}), NO_GENERATION),
}


@pytest.mark.parametrize(("content", "reason"), CORRUPT.values(), ids=CORRUPT.keys())
def test_a_corrupt_file_is_moved_aside_reported_once_and_a_new_history_starts(
    path: Path, store: HistoryStore, content: bytes, reason: str
) -> None:
    # GIVEN a history file that cannot be trusted
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    # WHEN the history is read
    assert store.entries() == []
    # THEN the bad file is kept aside under a UTC timestamp, and the problem is told once
    [aside] = corrupt_files(path)
    assert aside.name == "history.json.corrupt-20261128T134500Z"
    assert aside.read_bytes() == content
    # in words that say what was wrong with it
    aside_name = "history.json.corrupt-20261128T134500Z"
    assert store.take_problems() == [
        f"{path} was {reason}; moved it aside to {aside_name} and started a new history."
    ]
    # AND a new history begins; nothing more is reported
    store.record(reading(12.0, NOW))
    assert [r.score for r in store.entries()] == [12.0]
    assert store.take_problems() == []
    assert corrupt_files(path) == [aside]


def test_record_over_a_corrupt_file_moves_it_aside_first(path: Path, store: HistoryStore) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{{{")
    store.record(reading(12.0, NOW))
    assert len(corrupt_files(path)) == 1
    assert len(store.take_problems()) == 1
    assert [r.score for r in HistoryStore(path).entries()] == [12.0]


def test_a_second_corrupt_file_in_the_same_second_gets_its_own_name(
    path: Path, store: HistoryStore
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"one")
    store.entries()
    path.write_bytes(b"two")
    store.entries()
    assert [p.read_bytes() for p in corrupt_files(path)] == [b"one", b"two"]
    assert len(store.take_problems()) == 2


def test_a_newer_version_is_read_but_never_overwritten(path: Path, store: HistoryStore) -> None:
    # GIVEN a file from a future trayscore with a row this version understands and one it does not
    path.parent.mkdir(parents=True)
    future = {"schema": SCHEMA_VERSION + 1, "sources": {SOURCE: [GOOD_ROW, {"v2": True}]}}
    path.write_text(json.dumps(future))
    before = path.read_bytes()
    # WHEN it is read and a reading is offered
    assert [r.score for r in store.entries()] == [33.4]
    with pytest.raises(HistoryWriteError, match="newer trayscore"):
        store.record(reading(50.0, NOW))
    # THEN the file is byte-identical, not moved aside, no journal was started, and the problem
    # is told once
    assert path.read_bytes() == before
    assert corrupt_files(path) == []
    assert not store.journal_path.exists()
    problems = store.take_problems()
    assert len(problems) == 1
    assert "newer trayscore" in problems[0]
    store.entries()
    assert store.take_problems() == []


# -- failed writes, durability, permissions --------------------------------------------------


def test_a_full_disk_keeps_the_old_file_byte_identical(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a history with one reading
    store.record(reading(20.0, NOW - timedelta(minutes=5)))
    before = path.read_bytes()

    # WHEN the disk fills up while the next reading is written
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(HistoryWriteError, match="free some disk space") as raised:
        store.record(reading(21.0, NOW))
    monkeypatch.undo()
    # THEN the old file is untouched, no temp file is left, and the message is one line
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["history.json", "history.json.lock"]
    assert "\n" not in raised.value.message
    assert [r.score for r in HistoryStore(path).entries()] == [20.0]


def test_a_failing_replace_keeps_the_old_file(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a history with one reading in the snapshot and one in the journal
    store.record(reading(20.0, NOW - timedelta(minutes=5)))
    store.record(reading(21.0, NOW))
    before = path.read_bytes()
    journal = store.journal_path.read_bytes()

    # WHEN the compaction's atomic replace fails
    def refuse(src: object, dst: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(HistoryWriteError, match="previous history is intact"):
        store.compact()
    monkeypatch.undo()
    # THEN snapshot and journal are untouched, no temp file is left, and nothing is lost
    assert path.read_bytes() == before
    assert store.journal_path.read_bytes() == journal
    assert len(list(path.parent.iterdir())) == 3
    assert [r.score for r in HistoryStore(path).entries()] == [20.0, 21.0]


def test_a_compaction_failing_after_the_append_keeps_the_reading_and_tells_it(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a store that compacts on every record, over a history with one reading
    store = HistoryStore(path, clock=Clock(), journal_bytes=1)
    store.record(reading(20.0, NOW - timedelta(minutes=5)))
    before = path.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    # WHEN the next records' compactions cannot replace the snapshot
    monkeypatch.setattr(os, "replace", refuse)
    store.record(reading(21.0, NOW))
    [problem] = store.take_problems()
    store.record(reading(22.0, NOW + timedelta(minutes=5)))
    monkeypatch.undo()
    # THEN record returned (the readings are in the journal), the snapshot is as it was, and the
    # failure is told once, in one line
    assert path.read_bytes() == before
    assert [r.score for r in HistoryStore(path).entries()] == [20.0, 21.0, 22.0]
    assert "Could not write the history" in problem
    assert "history.json.journal" in problem
    assert "\n" not in problem
    assert store.take_problems() == []


def test_an_unwritable_folder_is_a_typed_error(tmp_path: Path) -> None:
    # GIVEN a "folder" that is a file (chmod does not stop root, which runs CI)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = HistoryStore(blocker / "history.json", clock=Clock())
    # THEN reading finds no history, and recording raises the typed error
    assert store.entries() == []
    with pytest.raises(HistoryWriteError, match="Could not write the history"):
        store.record(reading(20.0, NOW))
    assert blocker.read_text() == "x"


def test_the_file_and_its_lock_are_private(path: Path, store: HistoryStore) -> None:
    old = os.umask(0)
    try:
        store.record(reading(20.0, NOW))
        store.record(reading(21.0, NOW + timedelta(minutes=5)))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.lock_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.journal_path.stat().st_mode) == 0o600


def test_the_temp_file_is_private_from_its_creation(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a spy on os.open that notes the mode every temp file is created with
    modes: list[int] = []
    real_open: Callable[..., int] = os.open

    def spy(name: str | Path, flags: int, mode: int = 0o777, **kw: object) -> int:
        if ".tmp-" in str(name):
            modes.append(mode)
        return real_open(name, flags, mode, **kw)

    monkeypatch.setattr(os, "open", spy)
    store.record(reading(20.0, NOW))
    assert modes == [0o600]


def test_a_temp_file_left_by_a_killed_writer_is_swept(path: Path, store: HistoryStore) -> None:
    path.parent.mkdir(parents=True)
    stale = path.parent / ".history.json.tmp-999-dead"
    stale.write_text("{")
    store.record(reading(20.0, NOW))
    assert not stale.exists()


def test_another_process_write_is_seen_by_a_cached_store(path: Path) -> None:
    # GIVEN two stores on one file (like the tray and a cron job)
    tray, cron = HistoryStore(path, clock=Clock()), HistoryStore(path, clock=Clock())
    tray.record(reading(20.0, NOW - timedelta(minutes=10)))
    assert [r.score for r in cron.entries()] == [20.0]
    # WHEN each records in turn, THEN each sees the other's readings
    cron.record(reading(30.0, NOW - timedelta(minutes=5)))
    tray.record(reading(40.0, NOW))
    assert [r.score for r in cron.entries()] == [20.0, 30.0, 40.0]


def test_concurrent_writers_lose_nothing(path: Path) -> None:
    # GIVEN four writers (separate stores, so separate lock descriptions) on one file
    count = 40
    start = threading.Barrier(4)

    def write(source: str) -> None:
        store = HistoryStore(path, clock=Clock())
        start.wait()
        for n in range(count):
            store.record(reading(float(n), NOW - timedelta(minutes=count - n), source))

    threads = [threading.Thread(target=write, args=(f"s{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # THEN every reading of every writer is in the file
    store = HistoryStore(path)
    for i in range(4):
        assert [r.score for r in store.entries(f"s{i}")] == [float(n) for n in range(count)]


def test_a_held_lock_times_out_with_a_typed_error(path: Path) -> None:
    holder = HistoryStore(path)
    holder.record(reading(20.0, NOW))
    fd = os.open(holder.lock_path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        blocked = HistoryStore(path, clock=Clock(), lock_timeout=0.1)
        with pytest.raises(HistoryWriteError, match="locked"):
            blocked.record(reading(21.0, NOW + timedelta(minutes=1)))
    finally:
        os.close(fd)
    assert [r.score for r in HistoryStore(path).entries()] == [20.0]


# -- snapshots from other versions, and their journals ---------------------------------------


def journal_of(generation: int, *readings: Reading) -> bytes:
    header = f'{{"schema":1,"journal":{generation},"id":"x"}}\n'.encode()
    return header + b"".join(
        reading_line(r.source, r.score, r.time, r.fetched_at) for r in readings
    )


@pytest.mark.parametrize(
    ("snapshot_fields", "journal_generation", "replayed"),
    [
        ({}, 1, True),  # an older trayscore's snapshot names no generation: it absorbed none
        ({"journal": 0}, 1, True),
        ({"journal": 3}, 3, False),
        ({"journal": 3}, 4, True),
    ],
    ids=["no-generation", "generation-0", "absorbed", "newer-journal"],
)
def test_a_journal_is_replayed_unless_the_snapshot_absorbed_it(
    path: Path, snapshot_fields: dict[str, object], journal_generation: int, replayed: bool
) -> None:
    # GIVEN a snapshot with one run, and a journal with a reading of another score
    path.parent.mkdir(parents=True)
    path.write_bytes(document(**snapshot_fields, sources={SOURCE: [GOOD_ROW]}))
    later = reading(50.0, NOW)
    journal = path.with_name("history.json.journal")
    journal.write_bytes(journal_of(journal_generation, later))
    # THEN the reading shows only from a journal newer than the snapshot absorbed
    store = HistoryStore(path, clock=Clock())
    assert [r.score for r in store.entries()] == ([33.4, 50.0] if replayed else [33.4])
    assert store.take_problems() == []


NEWER = SCHEMA_VERSION + 1


@pytest.mark.parametrize(
    ("generation", "journal_generation", "replayed"),
    [(3, 3, False), (3, 4, True), (0, 1, True), (-1, 1, True), ("3", 1, True), (None, 1, True)],
    ids=["absorbed", "newer-journal", "zero", "negative", "a-string", "missing"],
)
def test_a_newer_snapshot_s_generation_is_read_leniently(
    path: Path, generation: object, journal_generation: int, replayed: bool
) -> None:
    # GIVEN a newer trayscore's snapshot whose generation may be of a form this version does
    # not know (then it counts as none absorbed), and a journal with one reading
    fields: dict[str, object] = {"schema": NEWER, "sources": {SOURCE: [GOOD_ROW]}}
    if generation is not None:
        fields["journal"] = generation
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(fields))
    path.with_name("history.json.journal").write_bytes(
        journal_of(journal_generation, reading(50.0, NOW))
    )
    # THEN what it holds is shown, plus the journal's reading unless the snapshot absorbed it,
    # and the user is told exactly once why nothing will be recorded
    store = HistoryStore(path, clock=Clock())
    assert [r.score for r in store.entries()] == ([33.4, 50.0] if replayed else [33.4])
    told = (
        f"{path} was written by a newer trayscore (schema {NEWER}); showing what this "
        "version can read and not recording into it. Upgrade trayscore."
    )
    assert store.take_problems() == [told]
    with pytest.raises(HistoryWriteError) as refused:
        store.record(reading(60.0, NOW + timedelta(minutes=5)))
    assert refused.value.message == (
        f"{path} was written by a newer trayscore (schema {NEWER}); not recording into it. "
        "Upgrade trayscore, or move the file away to start a new history."
    )


def test_a_newer_snapshot_keeps_every_entry_this_version_understands(path: Path) -> None:
    # GIVEN a newer snapshot with good rows, rows of unknown form and a source of unknown form
    path.parent.mkdir(parents=True)
    later = {**GOOD_ROW, "score": 35.0, "time": "2026-11-28T10:30:00Z"}
    sources = {
        "a": [GOOD_ROW, {**GOOD_ROW, "score": 101.0}, {"v2": True}, [1], later],
        "b": {"v2": "not a list"},
        "c": [{**GOOD_ROW, "time": "tomorrow"}, {**GOOD_ROW, "score": 12.0}],
    }
    path.write_text(json.dumps({"schema": NEWER, "sources": sources}))
    # THEN each source keeps its readable rows, under its own name
    store = HistoryStore(path, clock=Clock())
    assert [(r.source, r.score) for r in store.entries("a")] == [("a", 33.4), ("a", 35.0)]
    assert [(r.source, r.score) for r in store.entries("c")] == [("c", 12.0)]
    assert store.entries("b") == []


@pytest.mark.parametrize(("stored", "score"), [(0.0, 0.0), (100.0, 100.0), (50, 50.0), (0, 0.0)])
def test_snapshot_scores_at_the_limits_and_integers_are_read(
    path: Path, stored: float, score: float
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(with_row(score=stored))
    store = HistoryStore(path, clock=Clock())
    [entry] = store.entries()
    assert entry.score == score
    assert type(entry.score) is float
    assert store.take_problems() == []


# -- what a caller is told -------------------------------------------------------------------

NAIVE = "reading times must carry a time zone"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (Reading(SOURCE, 20.0, datetime(2026, 11, 28, 9, 30), NOW), NAIVE),
        (Reading(SOURCE, 20.0, NOW, datetime(2026, 11, 28, 9, 30)), NAIVE),
        (Reading("", 20.0, NOW, NOW), "reading source must not be empty"),
    ],
    ids=["naive-time", "naive-fetch-time", "no-source"],
)
def test_a_reading_no_source_could_produce_is_refused_saying_why(
    path: Path, store: HistoryStore, bad: Reading, message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{message}$"):
        store.record(bad)
    assert not path.parent.exists()


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "(No space left on device); free"),
        (OSError(errno.EROFS, "Read-only file system"), "(Read-only file system); check"),
        (OSError("a reason of its own"), "(a reason of its own); check"),
    ],
    ids=["disk-full", "read-only", "no-errno"],
)
def test_a_failed_write_says_why_and_what_to_do(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch, error: OSError, expected: str
) -> None:
    # GIVEN a history, and the snapshot's replacement failing
    store.record(reading(20.0, NOW))

    def fail(src: object, dst: object) -> None:
        raise error

    monkeypatch.setattr(os, "replace", fail)
    # WHEN it is compacted THEN the message names the file, the reason, and what to do
    with pytest.raises(HistoryWriteError) as raised:
        store.compact()
    reason, action = expected.split("; ")
    what_to_do = "free some disk space" if action == "free" else "check that folder"
    assert raised.value.message == (
        f"Could not write the history {path} {reason}; {what_to_do}. "
        "The previous history is intact."
    )


def test_the_csv_export_has_a_header_and_one_line_per_run(store: HistoryStore) -> None:
    # GIVEN two runs
    store.record(reading(33.491554051195706, NOW - timedelta(minutes=5)))
    store.record(reading(71.5, NOW))
    # WHEN exported THEN a header row, full-precision scores, bands, UTC times, "\n" line ends
    assert entries_to_csv(store.entries()) == (
        "source,score,band,time,fetched_at,last_confirmed\n"
        "exposure-score,33.491554051195706,medium,2026-11-28T13:40:00Z,"
        "2026-11-28T13:40:01Z,2026-11-28T13:40:01Z\n"
        "exposure-score,71.5,high,2026-11-28T13:45:00Z,2026-11-28T13:45:01Z,2026-11-28T13:45:01Z\n"
    )
    assert entries_to_csv([]) == "source,score,band,time,fetched_at,last_confirmed\n"


# -- thinning at its edges -------------------------------------------------------------------


def run_at(start: datetime, score: float, minutes: int = 9) -> Entry:
    return Entry(
        SOURCE, score, start, start + timedelta(seconds=1), start + timedelta(minutes=minutes)
    )


def test_one_run_older_than_three_years_is_dropped() -> None:
    # GIVEN a single run past 3 years, before recent ones
    runs = [run_at(NOW - timedelta(days=3 * 365, minutes=1), 10.0), run_at(NOW, 20.0)]
    # WHEN thinned THEN only the recent one is left
    thin(runs, NOW)
    assert [r.score for r in runs] == [20.0]


def test_a_run_exactly_three_years_old_is_kept() -> None:
    runs = [run_at(NOW - timedelta(days=3 * 365), 10.0), run_at(NOW, 20.0)]
    thin(runs, NOW)
    assert [r.score for r in runs] == [10.0, 20.0]


def test_a_run_exactly_400_days_old_is_still_thinned_by_the_hour() -> None:
    # GIVEN a run exactly 400 days old and one an hour older, the same UTC day
    edge = NOW - timedelta(days=400)
    runs = [run_at(edge - timedelta(hours=1), 10.0), run_at(edge, 20.0)]
    # WHEN thinned THEN each keeps its hour (the older one alone is thinned by the day)
    thin(runs, NOW)
    assert [r.score for r in runs] == [10.0, 20.0]


def test_thinning_buckets_by_utc_hours_and_days_whatever_the_local_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN a local zone 13 hours ahead of UTC, and 500-day-old runs at 23:00 and 23:30 UTC of
    # one day and 01:00 UTC of the next (the same local day)
    monkeypatch.setenv("TZ", "Etc/GMT-13")
    time.tzset()
    try:
        day = (NOW - timedelta(days=500)).replace(hour=23, minute=0)
        runs = [
            run_at(day, 10.0),
            run_at(day + timedelta(minutes=30), 20.0),
            run_at(day + timedelta(hours=2), 30.0),
        ]
        # WHEN thinned THEN one run per UTC day is kept: the last of each
        thin(runs, NOW)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert [r.score for r in runs] == [20.0, 30.0]


def test_merged_runs_keep_the_first_run_s_source_and_fetch_time() -> None:
    # GIVEN 200-day-old runs of one score in two hours (thinning keeps both, then merges them)
    start = (NOW - timedelta(days=200)).replace(minute=0, second=0)
    runs = [run_at(start, 10.0), run_at(start + timedelta(hours=1), 10.0, minutes=20)]
    thin(runs, NOW)
    # THEN one run: the first one's source, start and fetch, the last one's confirmation
    assert runs == [
        Entry(SOURCE, 10.0, start, start + timedelta(seconds=1), start + timedelta(minutes=80))
    ]


# -- the store's own edges: failures while moving aside, caching, races ----------------------


def test_a_corrupt_file_that_cannot_be_moved_aside_is_refused_saying_so(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a corrupt snapshot that cannot be renamed
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{{{")

    def refuse(self: Path, target: object) -> Path:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    # WHEN it is read THEN it shows nothing, says what to do, and nothing is recorded over it
    assert store.entries() == []
    told = (
        f"{path} is not valid JSON and could not be moved aside (Permission denied); "
        "move it away by hand to keep a history."
    )
    assert store.take_problems() == [told]
    with pytest.raises(HistoryWriteError) as refused:
        store.record(reading(20.0, NOW))
    assert refused.value.message == told
    assert path.read_bytes() == b"{{{"


def test_a_corrupt_file_whose_lock_cannot_be_taken_is_left_saying_so(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a corrupt snapshot, and a lock file that cannot be created (a read-only folder)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{{{")
    real_open: Callable[..., int] = os.open

    def read_only(name: str | Path, flags: int, mode: int = 0o777, **kw: object) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(name, flags, mode, **kw)

    monkeypatch.setattr(os, "open", read_only)
    store = HistoryStore(path, clock=Clock())
    # WHEN it is read THEN it is left where it is, and the user is told why
    assert store.entries() == []
    assert store.take_problems() == [
        (
            f"{path} is not valid JSON and could not be moved aside: Could not write the history "
            f"{path} (Read-only file system); check that folder. The previous history is intact."
        )
    ]
    assert path.read_bytes() == b"{{{"


def test_a_snapshot_that_cannot_be_read_is_moved_aside(path: Path, store: HistoryStore) -> None:
    # GIVEN a "snapshot" that is a folder (it cannot be read as a file)
    path.mkdir(parents=True)
    # WHEN it is read THEN it is moved aside saying why, and a new history starts
    assert store.entries() == []
    aside = "history.json.corrupt-20261128T134500Z"
    assert store.take_problems() == [
        (
            f"{path} was unreadable (refused {path}: it is not a regular file; nothing was read or "
            "written through it. Remove it if you did not put it there); moved it aside to "
            f"{aside} and started a new "
            "history."
        )
    ]
    store.record(reading(20.0, NOW))
    assert [r.score for r in HistoryStore(path).entries()] == [20.0]


@pytest.mark.timeout(30)
def test_corrupt_files_in_one_second_are_numbered(path: Path, store: HistoryStore) -> None:
    # GIVEN three corrupt snapshots in turn, in the same second
    path.parent.mkdir(parents=True)
    for content in (b"one", b"two", b"three"):
        path.write_bytes(content)
        store.entries()
    # THEN each is kept under its own name, the later ones numbered from 2
    stamp = "history.json.corrupt-20261128T134500Z"
    assert [p.name for p in corrupt_files(path)] == [stamp, f"{stamp}-2", f"{stamp}-3"]
    assert [p.read_bytes() for p in corrupt_files(path)] == [b"one", b"two", b"three"]


def test_the_aside_name_is_utc_whatever_the_local_zone(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{{{")
    monkeypatch.setenv("TZ", "Etc/GMT-13")
    time.tzset()
    try:
        HistoryStore(path, clock=Clock()).entries()
    finally:
        monkeypatch.undo()
        time.tzset()
    assert [p.name for p in corrupt_files(path)] == ["history.json.corrupt-20261128T134500Z"]


def test_an_unchanged_snapshot_is_parsed_once(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a history compacted by another store, and a reader that has seen it
    store.record(reading(20.0, NOW))
    reader = HistoryStore(path)
    assert len(reader.entries()) == 1
    parses: list[int] = []
    real_parse = HistoryStore._parse

    def counting(self: HistoryStore, data: bytes) -> object:
        parses.append(len(data))
        return real_parse(self, data)

    monkeypatch.setattr(HistoryStore, "_parse", counting)
    # WHEN it reads again, and the writer reads after its own compaction
    assert len(reader.entries()) == 1
    store.record(reading(21.0, NOW + timedelta(minutes=5)))
    store.compact()
    assert [r.score for r in store.entries()] == [20.0, 21.0]
    # THEN neither parsed an unchanged snapshot again
    assert parses == []
    # AND a snapshot another store replaced is parsed, once
    assert [r.score for r in reader.entries()] == [20.0, 21.0]
    assert [r.score for r in reader.entries()] == [20.0, 21.0]
    assert len(parses) == 1


def test_a_compaction_between_reading_snapshot_and_journal_is_seen(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN readings in snapshot and journal, and a reader whose first look at the journal comes
    # just after another store compacted it away (the snapshot it read is then stale)
    store.record(reading(20.0, NOW))
    store.record(reading(21.0, NOW + timedelta(minutes=5)))
    reader = HistoryStore(path)
    real_with_journal = HistoryStore._with_journal
    raced: list[bool] = []

    def racing(self: HistoryStore, loaded: object, *, locked: bool) -> object:
        if self is reader and not raced:
            raced.append(True)
            store.compact()
        return real_with_journal(self, loaded, locked=locked)  # type: ignore[arg-type]

    monkeypatch.setattr(HistoryStore, "_with_journal", racing)
    # WHEN it reads THEN it notices the snapshot changed and reads again: nothing is missing
    assert [r.score for r in reader.entries()] == [20.0, 21.0]
    assert raced == [True]


def test_a_snapshot_that_keeps_changing_is_read_once_more_and_shown(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a history, and a snapshot whose identity changes at every look (writers racing)
    store.record(reading(20.0, NOW))
    store.record(reading(21.0, NOW + timedelta(minutes=5)))
    looks = iter(range(1000))
    real_signature = HistoryStore._signature

    def changing(self: HistoryStore) -> object:
        found = real_signature(self)
        return None if found is None else (*found[:3], b"%d" % next(looks))

    monkeypatch.setattr(HistoryStore, "_signature", changing)
    # WHEN it is read THEN the reader gives up waiting for a still moment and shows what it read
    assert [r.score for r in HistoryStore(path).entries()] == [20.0, 21.0]


def test_a_journal_whose_snapshot_is_gone_is_kept(path: Path, store: HistoryStore) -> None:
    # GIVEN readings in a journal, and its snapshot removed (by hand, or a failed restore)
    store.record(reading(20.0, NOW))
    store.record(reading(21.0, NOW + timedelta(minutes=5)))
    path.unlink()
    # WHEN the next reading is recorded
    HistoryStore(path, clock=Clock()).record(reading(22.0, NOW + timedelta(minutes=10)))
    # THEN the journal's readings are kept along with it
    assert [r.score for r in HistoryStore(path).entries()] == [21.0, 22.0]


def test_a_compaction_without_a_journal_keeps_the_generation(
    path: Path, store: HistoryStore
) -> None:
    # GIVEN a compacted history with no journal
    store.record(reading(20.0, NOW))
    store.record(reading(21.0, NOW + timedelta(minutes=5)))
    store.compact()
    generation = json.loads(path.read_bytes())["journal"]
    # WHEN it is compacted again THEN the snapshot names the same generation, and the next
    # journal follows it
    store.compact()
    assert json.loads(path.read_bytes())["journal"] == generation
    assert not store.journal_path.exists()
    store.record(reading(22.0, NOW + timedelta(minutes=10)))
    header = json.loads(store.journal_path.read_bytes().splitlines()[0])
    assert header["journal"] == generation + 1


def test_a_journal_that_cannot_be_removed_after_a_compaction_is_skipped(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN readings in the journal, and the journal impossible to remove
    store.record(reading(20.0, NOW))
    store.record(reading(21.0, NOW + timedelta(minutes=5)))
    journal = store.journal_path
    real_unlink = Path.unlink

    def stuck(self: Path, missing_ok: bool = False) -> None:
        if self == journal:
            raise OSError(errno.EBUSY, "Device or resource busy")
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", stuck)
    # WHEN it is compacted THEN that is no failure: the snapshot holds every reading once
    store.compact()
    assert journal.exists()
    assert [r.score for r in store.entries()] == [20.0, 21.0]
    assert [r.score for r in HistoryStore(path).entries()] == [20.0, 21.0]
    # AND the writer that compacted skips a reading written into that absorbed journal later
    with journal.open("ab") as handle:
        late = reading(77.0, NOW + timedelta(minutes=9))
        handle.write(reading_line(late.source, late.score, late.time, late.fetched_at))
    assert [r.score for r in store.entries()] == [20.0, 21.0]


def test_a_snapshot_of_several_sources_reads_back_cold(path: Path, store: HistoryStore) -> None:
    # GIVEN readings of two sources, compacted
    store.record(reading(20.0, NOW, source="a"))
    store.record(reading(70.0, NOW, source="b"))
    store.compact()
    # THEN the snapshot is this version's layout, and a new store reads both sources from it
    head = path.read_bytes()[:120]
    assert re.match(rb'\{"schema":1,"journal":\d+,"write_id":"[0-9a-f]{16}","sources":\{', head)
    fresh = HistoryStore(path)
    assert [(r.source, r.score) for r in fresh.entries()] == [("a", 20.0), ("b", 70.0)]
    assert fresh.take_problems() == []


def test_a_journal_exactly_at_its_bound_is_not_compacted_yet(path: Path) -> None:
    # GIVEN the size a journal reaches with two readings
    probe = HistoryStore(path, clock=Clock(), journal_bytes=1 << 30)
    for n in range(3):
        probe.record(reading(20.0 + n, NOW + timedelta(minutes=5 * n)))
    size = probe.journal_path.stat().st_size
    for leftover in path.parent.iterdir():
        leftover.unlink()
    # WHEN the same readings are recorded with exactly that bound
    store = HistoryStore(path, clock=Clock(), journal_bytes=size)
    for n in range(3):
        store.record(reading(20.0 + n, NOW + timedelta(minutes=5 * n)))
    # THEN the journal is still there, at the bound; one more reading passes it and compacts
    assert store.journal_path.stat().st_size == size
    store.record(reading(30.0, NOW + timedelta(minutes=15)))
    assert not store.journal_path.exists()


def test_since_keeps_a_run_confirmed_at_that_very_moment(store: HistoryStore) -> None:
    store.record(reading(20.0, NOW))
    store.record(reading(21.0, NOW + timedelta(minutes=5)))
    confirmed = NOW + timedelta(seconds=1)
    assert [r.score for r in store.entries(since=confirmed)] == [20.0, 21.0]
    later = confirmed + timedelta(microseconds=1)
    assert [r.score for r in store.entries(since=later)] == [21.0]


def test_a_new_journal_s_name_is_made_durable(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a history, and a spy on fsync that notes folders
    store.record(reading(20.0, NOW))
    folders: list[bool] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        folders.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    # WHEN a reading starts a new journal THEN the folder is fsynced after the line
    store.record(reading(21.0, NOW + timedelta(minutes=5)))
    assert folders == [False, True]
    # AND an append to an existing journal fsyncs the journal alone
    folders.clear()
    store.record(reading(22.0, NOW + timedelta(minutes=10)))
    assert folders == [False]


def test_a_failing_journal_open_is_a_typed_error_naming_the_history(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record(reading(20.0, NOW))
    real_open: Callable[..., int] = os.open

    def no_journal(name: str | Path, flags: int, mode: int = 0o777, **kw: object) -> int:
        if str(name).endswith(".journal"):
            raise OSError(errno.EMFILE, "Too many open files")
        return real_open(name, flags, mode, **kw)

    monkeypatch.setattr(os, "open", no_journal)
    with pytest.raises(HistoryWriteError) as raised:
        store.record(reading(21.0, NOW + timedelta(minutes=5)))
    assert raised.value.message == (
        f"Could not write the history {path} (Too many open files); check that folder. "
        "The previous history is intact."
    )


def test_a_temp_file_another_writer_left_is_swept_once_per_store(
    path: Path, store: HistoryStore
) -> None:
    # GIVEN a store that has written (and swept) once, and then a temp file a writer left, and a
    # folder that merely looks like one
    store.record(reading(20.0, NOW))
    left = path.parent / ".history.json.tmp-999-dead"
    left.write_bytes(b"partial")
    lookalike = path.parent / ".history.json.tmp-folder"
    lookalike.mkdir()
    # WHEN the same store records THEN it does not look again (one sweep per store)
    store.record(reading(21.0, NOW + timedelta(minutes=5)))
    assert left.exists()
    # AND a new store sweeps the file, and records even though the folder cannot be removed
    HistoryStore(path, clock=Clock()).record(reading(22.0, NOW + timedelta(minutes=10)))
    assert not left.exists()
    assert lookalike.is_dir()
    assert [r.score for r in HistoryStore(path).entries()] == [20.0, 21.0, 22.0]


def test_a_compaction_over_a_newer_snapshot_is_refused_saying_why(
    path: Path, store: HistoryStore
) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema": NEWER, "sources": {}}))
    with pytest.raises(HistoryWriteError) as refused:
        store.compact()
    assert refused.value.message == (
        f"{path} was written by a newer trayscore (schema {NEWER}); not recording into it. "
        "Upgrade trayscore, or move the file away to start a new history."
    )


@pytest.mark.parametrize("kind", ["corrupt", "a-folder"])
@pytest.mark.parametrize("writer", ["compact", "record"])
def test_a_writer_moves_a_bad_snapshot_aside_under_its_own_lock(
    path: Path, kind: str, writer: str
) -> None:
    # GIVEN a corrupt or unreadable snapshot and a store that would wait only briefly for a lock
    if kind == "corrupt":
        path.parent.mkdir(parents=True)
        path.write_bytes(b"{{{")
    else:
        path.mkdir(parents=True)
    store = HistoryStore(path, clock=Clock(), lock_timeout=0.5)
    # WHEN it writes first THEN the file is moved aside (the writer holds the lock already)
    if writer == "compact":
        store.compact()
    else:
        store.record(reading(20.0, NOW))
    [problem] = store.take_problems()
    assert problem.endswith(
        "; moved it aside to history.json.corrupt-20261128T134500Z and started a new history."
    )
    assert [r.score for r in HistoryStore(path).entries()] == (
        [] if writer == "compact" else [20.0]
    )


def test_a_compaction_of_an_older_snapshot_without_a_journal_absorbs_nothing(
    path: Path,
) -> None:
    # GIVEN an older trayscore's snapshot (no generation named) and no journal
    path.parent.mkdir(parents=True)
    path.write_bytes(document(sources={SOURCE: [GOOD_ROW]}))
    # WHEN it is compacted THEN it names generation 0: a first journal is still new to it
    HistoryStore(path, clock=Clock()).compact()
    assert json.loads(path.read_bytes())["journal"] == 0
    path.with_name("history.json.journal").write_bytes(journal_of(1, reading(50.0, NOW)))
    assert [r.score for r in HistoryStore(path).entries()] == [33.4, 50.0]


def test_a_compaction_moves_a_journal_without_header_aside_under_its_own_lock(
    path: Path,
) -> None:
    store = HistoryStore(path, clock=Clock(), lock_timeout=0.5)
    store.record(reading(20.0, NOW))
    store.journal_path.write_bytes(b"garbage\n")
    store.compact()
    assert store.take_problems() == [
        (
            f"{store.journal_path} was unreadable (its first line is not JSON); moved it aside to "
            "history.json.journal.corrupt-20261128T134500Z."
        )
    ]


def test_a_first_reading_whose_compaction_failed_is_kept(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a first reading whose snapshot could not be written (it stays in the first journal)
    def refuse(src: object, dst: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    store.record(reading(20.0, NOW))
    monkeypatch.undo()
    assert len(store.take_problems()) == 1
    assert not path.exists()
    # WHEN the next reading is recorded THEN both are kept
    HistoryStore(path, clock=Clock()).record(reading(21.0, NOW + timedelta(minutes=5)))
    assert [r.score for r in HistoryStore(path).entries()] == [20.0, 21.0]


def test_a_folder_that_cannot_be_listed_does_not_stop_a_record(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a folder whose listing fails (the sweep for left temp files cannot run)
    store.record(reading(20.0, NOW))

    def unlistable(folder: object) -> object:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "scandir", unlistable)
    # WHEN another store records THEN the reading is recorded all the same
    HistoryStore(path, clock=Clock()).record(reading(21.0, NOW + timedelta(minutes=5)))
    monkeypatch.undo()
    assert [r.score for r in HistoryStore(path).entries()] == [20.0, 21.0]


def test_a_failed_append_that_cannot_be_cut_back_is_still_a_typed_error(
    path: Path, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a journal, then a disk that fills mid-append and refuses to cut the file back
    store.record(reading(20.0, NOW))
    store.record(reading(21.0, NOW + timedelta(minutes=5)))

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def stuck(fd: int, size: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "write", full)
    monkeypatch.setattr(os, "ftruncate", stuck)
    # THEN the caller still gets the typed error that says what to do
    with pytest.raises(HistoryWriteError, match="free some disk space"):
        store.record(reading(22.0, NOW + timedelta(minutes=10)))


def test_a_first_journal_left_without_a_snapshot_is_kept(path: Path) -> None:
    # GIVEN a first journal (generation 1) and no snapshot: the first record's compaction
    # failed, maybe under another trayscore version
    path.parent.mkdir(parents=True)
    path.with_name("history.json.journal").write_bytes(journal_of(1, reading(20.0, NOW)))
    # WHEN a reading is recorded THEN the journal's reading is kept with it
    HistoryStore(path, clock=Clock()).record(reading(21.0, NOW + timedelta(minutes=5)))
    assert [r.score for r in HistoryStore(path).entries()] == [20.0, 21.0]


def test_a_journal_that_is_no_file_does_not_stop_a_compaction(path: Path) -> None:
    store = HistoryStore(path, clock=Clock())
    store.record(reading(20.0, NOW))
    store.journal_path.mkdir()
    store.compact()
    assert store.take_problems() == [
        (
            f"{store.journal_path} is unreadable (refused {store.journal_path}: it is not a "
            "regular file; nothing was read or written through it. Remove it if you did not put "
            "it there)."
        )
    ]
    assert [r.score for r in HistoryStore(path).entries()] == [20.0]


def test_a_bad_journal_that_cannot_be_moved_aside_does_not_stop_a_compaction(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a snapshot, and a journal without a header that cannot be renamed
    store = HistoryStore(path, clock=Clock())
    store.record(reading(20.0, NOW))
    store.journal_path.write_bytes(b"garbage\n")

    def refuse(self: Path, target: object) -> Path:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    # WHEN it is compacted THEN the snapshot is kept and the user told what to do
    store.compact()
    [problem] = store.take_problems()
    assert problem.endswith("could not be moved aside (Permission denied); move it away by hand.")
    assert [r.score for r in HistoryStore(path).entries()] == [20.0]

"""Recording many readings at once (a backfill), and bands in the history by source."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from trayscore.core.models import Reading
from trayscore.history.store import HistoryStore

NOW = datetime(2026, 11, 28, 13, 45, tzinfo=UTC)
SOURCE = "secure-score"


def daily(scores: list[float]) -> list[Reading]:
    """One snapshot a day ending today, each stamped with its own time, newest last."""
    start = NOW - timedelta(days=len(scores) - 1)
    return [
        Reading(SOURCE, score, start + timedelta(days=i), start + timedelta(days=i))
        for i, score in enumerate(scores)
    ]


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "data" / "history.json", clock=lambda: NOW)


def test_record_many_writes_every_reading_as_runs_oldest_first(store: HistoryStore) -> None:
    # GIVEN five daily snapshots given newest first, two equal neighbours among them
    readings = daily([40.0, 45.0, 45.0, 61.5, 70.0])
    # WHEN they are recorded at once
    store.record_many(list(reversed(readings)))
    # THEN the history holds them oldest first, equal neighbours coalesced into one run
    runs = store.entries(SOURCE)
    assert [run.score for run in runs] == [40.0, 45.0, 61.5, 70.0]
    assert runs[1].time == readings[1].time
    assert runs[1].last_confirmed == readings[2].fetched_at
    # AND a fresh store (another process) reads the same from the files
    again = HistoryStore(store.path, clock=lambda: NOW)
    assert again.entries(SOURCE) == runs


def test_recording_the_same_snapshots_again_adds_nothing(store: HistoryStore) -> None:
    readings = daily([40.0, 45.0, 61.5])
    store.record_many(readings)
    before = store.entries(SOURCE)
    store.record_many(readings)
    store.compact()
    assert store.entries(SOURCE) == before


def test_nothing_is_written_when_one_reading_is_invalid(store: HistoryStore) -> None:
    readings = [*daily([40.0]), Reading(SOURCE, 140.0, NOW, NOW)]
    with pytest.raises(ValueError, match=r"\[0, 100\]"):
        store.record_many(readings)
    assert store.entries(SOURCE) == []
    assert not store.journal_path.exists()


def test_an_empty_batch_touches_nothing(store: HistoryStore) -> None:
    store.record_many([])
    assert not store.path.parent.exists()


def test_history_bands_follow_each_source(store: HistoryStore) -> None:
    # GIVEN 35 recorded for the exposure score and for Secure Score
    store.record(Reading("exposure-score", 35.0, NOW, NOW))
    store.record_many([Reading(SOURCE, 35.0, NOW, NOW)])
    # THEN the exposure entry is medium and the Secure Score entry low, in JSON and CSV alike
    bands = {entry.source: entry.to_json()["band"] for entry in store.entries()}
    assert bands == {"exposure-score": "medium", "secure-score": "low"}

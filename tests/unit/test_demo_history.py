"""The demo's 90 simulated days: a slow curve over the bands into the live score, seeded once,
into the demo's own files only."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from trayscore.core.bands import Band, band_of
from trayscore.core.catalog import EXPOSURE_SCORE
from trayscore.core.models import Reading
from trayscore.history.store import HistoryStore
from trayscore.simulator import PAST_DAYS, home_band, past_readings
from trayscore.system.paths import AppPaths

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def paths_under(root: Path) -> AppPaths:
    return AppPaths(root / "config", root / "data", root / "state", root / "cache", root / "log")


def test_the_past_spans_ninety_days_every_few_hours_up_to_now() -> None:
    # GIVEN tenant 1's simulated past
    past = past_readings(7, Band.MEDIUM, NOW, 50.0)
    # THEN it runs from 90 days ago to just before now, oldest first, a point every 3 hours
    assert past[0].time == NOW - timedelta(days=PAST_DAYS)
    assert past[-1].time == NOW - timedelta(hours=3)
    assert len(past) == PAST_DAYS * 8
    assert all(
        later.time - earlier.time == timedelta(hours=3)
        for earlier, later in itertools.pairwise(past)
    )
    # AND each is an exposure-score reading stamped with its own time, as a backfill records
    assert {reading.source for reading in past} == {EXPOSURE_SCORE.name}
    assert all(reading.fetched_at == reading.time for reading in past)


@pytest.mark.parametrize("number", range(1, 13))
def test_each_tenants_past_crosses_a_band_edge_around_its_own_band(number: int) -> None:
    # GIVEN a tenant's past, its live score in its own band
    band = home_band(number)
    live = {Band.LOW: 20.0, Band.MEDIUM: 50.0, Band.HIGH: 80.0}[band]
    past = past_readings(7_000 + number, band, NOW, live)
    bands = [band_of(reading.score) for reading in past]
    # THEN it spends most of its time in its band, and crosses an edge at least once
    assert max(set(bands), key=bands.count) is band
    assert len(set(bands)) >= 2
    # AND tenant 1, swinging around medium, visits every band
    if number == 1:
        assert set(bands) == set(Band)


@pytest.mark.parametrize("live", [3.0, 29.6, 50.0, 71.2, 99.0])
def test_the_past_ends_near_the_live_score(live: float) -> None:
    # GIVEN any live score  WHEN the past is made for it
    past = past_readings(7, Band.MEDIUM, NOW, live)
    # THEN the last hours bend onto it: the chart runs into the live reading without a jump
    assert abs(past[-1].score - live) <= 2.0
    assert abs(past[-2].score - live) <= 4.0


def test_the_past_moves_slowly() -> None:
    # GIVEN tenant 1's past  THEN three hours never move it by more than a few points
    past = past_readings(7, Band.MEDIUM, NOW, 50.0)
    steps = [abs(later.score - earlier.score) for earlier, later in itertools.pairwise(past)]
    assert max(steps) < 8.0


def test_the_past_is_the_same_for_the_same_seed_and_another_for_another() -> None:
    one = past_readings(7, Band.MEDIUM, NOW, 50.0)
    assert one == past_readings(7, Band.MEDIUM, NOW, 50.0)
    assert [r.score for r in one] != [r.score for r in past_readings(8, Band.MEDIUM, NOW, 50.0)]


def test_seeding_fills_an_empty_history_once(tmp_path: Path) -> None:
    # GIVEN an empty history and a simulated past
    store = HistoryStore(tmp_path / "demo-history.json", clock=lambda: NOW)
    past = past_readings(7, Band.MEDIUM, NOW, 50.0)
    # WHEN it is seeded
    recorded = store.seed(past)
    # THEN every reading is there, from 90 days ago
    assert recorded == len(past)
    runs = store.entries(EXPOSURE_SCORE.name)
    assert runs[0].time == NOW - timedelta(days=PAST_DAYS)
    scores = [reading.score for reading in past]
    changes = [score for index, score in enumerate(scores) if scores[index - 1 : index] != [score]]
    assert [run.score for run in runs] == changes  # equal neighbours are one run
    # AND seeding again (another start, another process) adds nothing
    before = [run.to_json() for run in store.entries()]
    assert store.seed(past_readings(8, Band.MEDIUM, NOW + timedelta(hours=1), 40.0)) == 0
    assert [run.to_json() for run in store.entries()] == before


def test_seeding_leaves_a_history_with_any_reading_alone(tmp_path: Path) -> None:
    # GIVEN a demo history that already holds one reading (an earlier demo, before seeding)
    store = HistoryStore(tmp_path / "demo-history.json", clock=lambda: NOW)
    store.record(Reading(EXPOSURE_SCORE.name, 42.0, NOW, NOW))
    # WHEN the simulated past is offered  THEN nothing is recorded
    assert store.seed(past_readings(7, Band.MEDIUM, NOW, 50.0)) == 0
    assert [run.score for run in store.entries()] == [42.0]


def test_seeding_nothing_records_nothing(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "demo-history.json", clock=lambda: NOW)
    assert store.seed([]) == 0
    assert not store.path.exists()


def test_every_demo_tenant_has_its_own_file_and_none_is_a_real_tenants(tmp_path: Path) -> None:
    # GIVEN the user's folders
    paths = paths_under(tmp_path)
    # WHEN fifty demo tenants' histories are named
    demo = [paths.history_file("public", None, demo=True, demo_tenant=n) for n in range(1, 51)]
    # THEN tenant 1 keeps the demo's file of before, and each has its own
    assert demo[0] == paths.history_file("public", "contoso.com", demo=True)
    assert demo[0].name == "demo-history.json"
    assert demo[1].name == "demo-history-2.json"
    assert len(set(demo)) == 50
    # AND none is a real tenant's file, whatever the tenant is called
    real = {
        paths.history_file(cloud, tenant)
        for cloud in ("public", "gcc-high")
        for tenant in (None, "demo", "demo-history", "2", "contoso.onmicrosoft.com")
    }
    assert not real & set(demo)
    assert all(path.name.startswith("demo-history") for path in demo)
    assert not any(path.name.startswith("demo-") for path in real)
    with pytest.raises(ValueError, match="count from 1"):
        paths.history_file("public", None, demo=True, demo_tenant=0)

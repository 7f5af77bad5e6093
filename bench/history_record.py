"""Cost of recording one reading as the history grows, and how small a realistic year stays.

Usage: python bench/history_record.py [--runs N]

A realistic year is 105,000 five-minute readings of a score that moves by small steps every few
hours to a day. The cost is measured at 1k, 10k and 50k entries (all within the 90-day
full-resolution window, so nothing is thinned away), warm (the store's cache of the file is
current, as in the tray) and cold (a new store that parses the file, as in a cron
`trayscore score`). Medians are printed with the ratio large/small; fsync is included.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trayscore.history import HistoryStore
from trayscore.models import Reading

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SOURCE = "exposure-score"


def realistic_year(folder: Path) -> tuple[int, int]:
    """Record a year of 5-minute polling; returns (readings, entries left)."""
    rng = random.Random(7)  # noqa: S311 - a reproducible series, not a secret
    clock_now = [NOW - timedelta(days=365)]
    store = HistoryStore(folder / "year.json", clock=lambda: clock_now[0])
    score = 41.3
    readings = 105_000
    for n in range(readings):
        at = NOW - timedelta(days=365) + timedelta(minutes=5 * n)
        clock_now[0] = at
        if rng.random() < 1 / (12 * 8):  # a change every ~8 hours on average
            score = min(
                100.0, max(0.0, round(score + rng.choice([-1, 1]) * rng.uniform(0.1, 2), 2))
            )
        store.record(Reading(SOURCE, score, at, at + timedelta(seconds=2)))
    return readings, len(store.entries())


def build(path: Path, size: int) -> None:
    """A file of ``size`` runs two minutes apart, ending now (all within 90 days)."""
    runs = []
    for n in range(size):
        at = NOW - timedelta(minutes=2 * (size - n))
        stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
        runs.append(
            f'{{"score":{30 + n % 7 + 0.25},"time":"{stamp}","fetched_at":"{stamp}",'
            f'"last_confirmed":"{stamp}"}}'
        )
    path.write_text(f'{{"schema":1,"sources":{{"{SOURCE}":[{",".join(runs)}]}}}}')


def measure(folder: Path, size: int, runs: int) -> tuple[float, float]:
    """Median seconds per record: warm store, cold store."""
    path = folder / f"h{size}.json"
    build(path, size)
    warm_store = HistoryStore(path, clock=lambda: NOW)
    warm_store.entries()
    warm, cold = [], []
    for n in range(runs):  # warm first: a cold store's write would invalidate the warm cache
        at = NOW + timedelta(minutes=n)
        start = time.perf_counter()
        warm_store.record(Reading(SOURCE, 50.0 + n % 2, at, at))
        warm.append(time.perf_counter() - start)
    for n in range(runs, 2 * runs):
        at = NOW + timedelta(minutes=n)
        start = time.perf_counter()
        HistoryStore(path, clock=lambda: NOW).record(Reading(SOURCE, 50.0 + n % 2, at, at))
        cold.append(time.perf_counter() - start)
    return statistics.median(warm), statistics.median(cold)


def main() -> None:
    """Print the year's size after coalescing and the record cost per file size."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        start = time.perf_counter()
        readings, entries = realistic_year(folder)
        size = (folder / "year.json").stat().st_size
        print(
            f"realistic year: {readings} readings -> {entries} entries, {size / 1024:.0f} KiB "
            f"({time.perf_counter() - start:.0f} s to record them all)"
        )
        results = {size: measure(folder, size, runs) for size in (1_000, 10_000, 50_000)}
    for size, (warm, cold) in results.items():
        print(f"{size:>6} entries: record {warm * 1000:7.2f} ms warm, {cold * 1000:7.2f} ms cold")
    small, large = results[1_000], results[50_000]
    print(f"ratio 50k/1k: warm {large[0] / small[0]:.1f}x, cold {large[1] / small[1]:.1f}x")


if __name__ == "__main__":
    main()

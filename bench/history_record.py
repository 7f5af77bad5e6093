"""Cost of recording one reading as the history grows, and of loading a realistic year.

Usage: python bench/history_record.py [--runs N] [--sizes 1000,10000,50000]

A realistic year is 105,000 five-minute readings of a score that moves by small steps every few
hours to a day, recorded one by one through ``HistoryStore.record`` (journal appends and the
compactions they trigger, fsync included). Then a cold ``entries()`` (a new store, as when the
popup first opens) is timed on it as the recording left it, freshly compacted, and with the
journal full to its bound (the worst case a reader meets).

The record cost is measured at 1k, 10k and 50k entries (all within the 90-day full-resolution
window, so nothing is thinned away), warm (one long-lived store, as in the tray) and cold (a new
store per record, as in a cron ``trayscore score``): median and p95 of single records, then the
amortised cost over enough records to pass through two compactions (score held, so the file
keeps its size). Times include fsync, so they depend on the disk: compare sizes, not machines.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from trayscore.core.models import Reading
from trayscore.history.store import JOURNAL_MAX_BYTES, HistoryStore

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SOURCE = "exposure-score"
LINE_BYTES = 110  # one journal line, about


def realistic_year(path: Path) -> tuple[int, float]:
    """Record a year of 5-minute polling into ``path``; returns (readings, seconds taken)."""
    rng = random.Random(7)  # noqa: S311 - a reproducible series, not a secret
    clock_now = [NOW - timedelta(days=365)]
    store = HistoryStore(path, clock=lambda: clock_now[0])
    score = 41.3
    readings = 105_000
    start = time.perf_counter()
    for n in range(readings):
        at = NOW - timedelta(days=365) + timedelta(minutes=5 * n)
        clock_now[0] = at
        if rng.random() < 1 / (12 * 8):  # a change every ~8 hours on average
            score = min(
                100.0, max(0.0, round(score + rng.choice([-1, 1]) * rng.uniform(0.1, 2), 2))
            )
        store.record(Reading(SOURCE, score, at, at + timedelta(seconds=2)))
    return readings, time.perf_counter() - start


def fill_journal(path: Path) -> None:
    """Append readings (one score, so no new run) until the journal is just under its bound."""
    store = HistoryStore(path, clock=lambda: NOW, journal_bytes=1 << 40)
    journal = store.journal_path
    n = 0
    while not journal.exists() or journal.stat().st_size < JOURNAL_MAX_BYTES - 2 * LINE_BYTES:
        at = NOW + timedelta(minutes=5 * n)
        store.record(Reading(SOURCE, 50.0, at, at))
        n += 1


def cold_load(path: Path, runs: int) -> tuple[list[float], int]:
    """Seconds for a new store's ``entries()``, ``runs`` times; and how many entries it gave."""
    samples = []
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        count = len(HistoryStore(path, clock=lambda: NOW).entries())
        samples.append(time.perf_counter() - start)
    return samples, count


def build(path: Path, size: int) -> None:
    """A history of ``size`` runs two minutes apart, ending now, compacted into a snapshot."""
    runs = []
    for n in range(size):
        at = NOW - timedelta(minutes=2 * (size - n))
        stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
        runs.append(
            f'{{"score":{30 + n % 7 + 0.25},"time":"{stamp}","fetched_at":"{stamp}",'
            f'"last_confirmed":"{stamp}"}}'
        )
    path.write_text(f'{{"schema":1,"sources":{{"{SOURCE}":[{",".join(runs)}]}}}}')
    HistoryStore(path, clock=lambda: NOW).compact()  # into this version's snapshot form


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def amortised(path: Path, make: Callable[[], HistoryStore], first: int) -> tuple[float, int, int]:
    """Mean seconds per record from an empty journal through its second compaction; the number
    of records that took, and the minute after the last reading."""
    journal = path.with_name(path.name + ".journal")
    compactions = 0
    total = 0.0
    n = first
    while compactions < 2:
        at = NOW + timedelta(minutes=n)
        store = make()
        before = journal.stat().st_size if journal.exists() else 0
        total += timed(partial(store.record, Reading(SOURCE, 42.0, at, at)))
        if before and (not journal.exists() or journal.stat().st_size < before):
            compactions += 1
        n += 1
    return total / (n - first), n - first, n


def measure(folder: Path, size: int, runs: int) -> dict[str, float]:
    """Record costs at ``size`` entries: median/p95 warm and cold, amortised warm and cold."""
    path = folder / f"h{size}.json"
    build(path, size)
    warm_store = HistoryStore(path, clock=lambda: NOW)
    warm_store.entries()
    warm, cold = [], []
    for n in range(runs):
        at = NOW + timedelta(minutes=n)
        reading = Reading(SOURCE, 50.0 + n % 2, at, at)
        warm.append(timed(partial(warm_store.record, reading)))
    for n in range(runs, 2 * runs):
        at = NOW + timedelta(minutes=n)
        reading = Reading(SOURCE, 50.0 + n % 2, at, at)
        store = HistoryStore(path, clock=lambda: NOW)
        cold.append(timed(partial(store.record, reading)))
    load, _ = cold_load(path, 5)
    warm_store.compact()
    amortised_warm, warm_count, after = amortised(path, lambda: warm_store, 2 * runs)
    amortised_cold, cold_count, _ = amortised(
        path, lambda: HistoryStore(path, clock=lambda: NOW), after
    )
    return {
        "warm": statistics.median(warm),
        "warm95": p95(warm),
        "cold": statistics.median(cold),
        "cold95": p95(cold),
        "amortised_warm": amortised_warm,
        "amortised_cold": amortised_cold,
        "cycle": (warm_count + cold_count) / 4,
        "load_per_entry": statistics.median(load) / size,
    }


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f}"


def main() -> None:
    """Print the year's record and load costs, then the record cost per history size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=41)
    parser.add_argument("--sizes", default="1000,10000,50000")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        year = folder / "year.json"
        readings, seconds = realistic_year(year)
        journal = year.with_name(year.name + ".journal")
        left = journal.stat().st_size if journal.exists() else 0
        print(
            f"realistic year: {readings:,} readings recorded in {seconds:.0f} s "
            f"({seconds / readings * 1000:.2f} ms each, compactions included)"
        )
        states: list[tuple[str, Callable[[], object]]] = [
            (f"as recorded (journal {left / 1024:.0f} KiB)", lambda: None),
            ("compacted (no journal)", HistoryStore(year, clock=lambda: NOW).compact),
            (f"journal at its {JOURNAL_MAX_BYTES // 1024} KiB bound", partial(fill_journal, year)),
        ]
        for label, prepare in states:
            prepare()
            samples, entries = cold_load(year, options.runs)
            print(
                f"  cold entries(), {label}: {entries:,} entries, snapshot "
                f"{year.stat().st_size / 1024:.0f} KiB: median {ms(statistics.median(samples))} "
                f"ms, p95 {ms(p95(samples))} ms"
            )
        results = {size: measure(folder, size, options.runs) for size in sizes}
    print("record() cost, ms (median / p95 of single records; amortised over compactions):")
    for size, r in results.items():
        print(
            f"{size:>7,} entries: warm {ms(r['warm'])} / {ms(r['warm95'])}, "
            f"cold {ms(r['cold'])} / {ms(r['cold95'])}; amortised warm {ms(r['amortised_warm'])}"
            f", cold {ms(r['amortised_cold'])} (a compaction every {r['cycle']:,.0f}); "
            f"cold load {r['load_per_entry'] * 1e6:.1f} us/entry"
        )
    small, large = results[sizes[0]], results[sizes[-1]]
    print(
        f"ratio {sizes[-1]:,}/{sizes[0]:,}: warm {large['warm'] / small['warm']:.1f}x, "
        f"cold {large['cold'] / small['cold']:.1f}x, amortised warm "
        f"{large['amortised_warm'] / small['amortised_warm']:.1f}x, amortised cold "
        f"{large['amortised_cold'] / small['amortised_cold']:.1f}x"
    )


if __name__ == "__main__":
    main()

"""SIGKILL a process that keeps recording: the history always loads and keeps what was reported.

One writer process per kill, killed a random short time after its first reported record (so the
kill lands in the middle of later journal appends and fsyncs, and of the compactions the writer
runs every few readings: snapshot writes, renames, journal removals).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trayscore.history.store import HistoryStore

from tests.fakes.history_writer import SOURCE, reading_for

KILLS = 200
COMPACT_EVERY = 5
WRITER = Path(__file__).parent.parent / "fakes" / "history_writer.py"
ROOT = Path(__file__).parent.parent.parent


def test_sigkill_never_corrupts_or_loses_a_reported_reading(tmp_path: Path) -> None:
    # GIVEN a history file and a writer that reports each reading once it is recorded
    path = tmp_path / "history.json"
    base = (datetime.now(UTC) - timedelta(days=20)).replace(microsecond=0)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    next_index = 0
    started = time.monotonic()
    for kill in range(KILLS):
        # WHEN the writer runs and is killed at a random moment
        writer = subprocess.Popen(
            [
                sys.executable,
                str(WRITER),
                str(path),
                str(next_index),
                str(base.timestamp()),
                str(COMPACT_EVERY),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert writer.stdout is not None
        first = writer.stdout.readline()
        assert first, f"writer failed to start: {writer.communicate()[1]}"
        time.sleep(rng.uniform(0, 0.03))
        writer.kill()
        rest, _ = writer.communicate(timeout=30)
        reported = [int(line) for line in [first, *rest.splitlines()] if line.strip()]
        # THEN the history loads without a problem and holds every reading reported so far,
        # each once
        store = HistoryStore(path)
        listed = [entry.time for entry in store.entries(SOURCE)]
        times = set(listed)
        context = f"kill {kill}, seed {seed}"
        assert store.take_problems() == [], context
        assert not list(tmp_path.glob("*.corrupt-*")), context
        assert len(times) == len(listed), context
        last = reading_for(reported[-1], base)
        assert last.time in times, context
        assert all(reading_for(i, base).time in times for i in range(reported[-1] + 1)), context
        next_index = reported[-1] + 1
    elapsed = time.monotonic() - started
    print(f"{KILLS} kills, {next_index} readings reported, {elapsed:.1f} s (seed {seed})")
    # AND at most the last killed writer's temp file is left over (the next writer sweeps it)
    assert len(list(tmp_path.glob(".history.json.tmp-*"))) <= 1

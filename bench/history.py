"""The history popup opened on a year of readings: load plus first paint.

Usage: python bench/history.py [--runs N] [--platform offscreen|xcb]

A year of 5-minute polling (105,000 readings of a score that moves by small steps every few hours
to a day, coalesced and thinned as the store keeps them) is written once as a history file. Each
run is a fresh process with its QApplication already up (as in the tray, where the popup opens
long after start) that then times what a click on the icon costs the first time:

- warm-up: the imports the tray does on an idle moment after start (trayscore.app.surfaces'
  warm_up_popup), so a click does not pay them; reported apart;
- load: a new HistoryStore reads the file (cold, as the tray's first refresh does);
- popup: importing the popup modules, building the popup, giving it the runs and the state;
- paint: showing it until the chart's first paint has finished.

The baseline, in the same processes, is an empty frameless frame shown until its first paint:
the floor any popup pays. Medians are printed with the ratio; the target is 50 ms in total.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SOURCE = "exposure-score"
READINGS = 105_000
TARGET_MS = 50.0


def write_year(path: Path) -> tuple[int, int]:
    """Coalesce and thin a realistic year into ``path``; returns (readings, entries)."""
    from trayscore.history.store import Entry, thin  # noqa: PLC0415 - kept out of the child's timing

    rng = random.Random(7)  # noqa: S311 - a reproducible series, not a secret
    score = 41.3
    runs: list[Entry] = []
    start = NOW - timedelta(days=365)
    for n in range(READINGS):
        at = start + timedelta(minutes=5 * n)
        if rng.random() < 1 / (12 * 8):  # a change every ~8 hours on average
            step = rng.choice([-1, 1]) * rng.uniform(0.1, 2)
            score = min(100.0, max(0.0, round(score + step, 2)))
        fetched = at + timedelta(seconds=2)
        if runs and runs[-1].score == score:
            last = runs[-1]
            runs[-1] = Entry(SOURCE, score, last.time, last.fetched_at, fetched)
        else:
            runs.append(Entry(SOURCE, score, at, fetched, fetched))
    thin(runs, NOW)
    rows = [{k: v for k, v in e.to_json().items() if k not in {"source", "band"}} for e in runs]
    document = {"schema": 1, "sources": {SOURCE: rows}}
    path.write_text(json.dumps(document, separators=(",", ":")))
    return READINGS, len(runs)


CHILD = r"""
import sys, time
from datetime import datetime
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFrame

app = QApplication([])


class FirstPaint(QObject):
    def __init__(self, target):
        super().__init__()
        self.seen = False
        target.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False


def shown(widget, painted_widget):
    watcher = FirstPaint(painted_widget)
    widget.show()
    while not watcher.seen:
        app.processEvents()
    app.processEvents()  # the paint the filter saw has now run


# Warm the things both sides share (fonts, platform plugin) with a throwaway window.
warm = QFrame()
shown(warm, warm)
warm.hide()

t0 = time.perf_counter()
frame = QFrame(None, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
frame.resize(420, 360)
shown(frame, frame)
baseline = time.perf_counter() - t0
frame.hide()

now = datetime.fromisoformat(sys.argv[2])
from datetime import timedelta
from pathlib import Path
from PySide6.QtCore import QLocale
from trayscore.history.store import HistoryStore
from trayscore.core.models import Reading
from trayscore.core.display_state import Tracker
from trayscore.app.surfaces import warm_up_popup
t0 = time.perf_counter()
warm_up_popup()
tw = time.perf_counter()
runs = HistoryStore(Path(sys.argv[1]), clock=lambda: now).entries("exposure-score")
t1 = time.perf_counter()
from trayscore.ui.popup import HistoryPopup
popup = HistoryPopup()
last = runs[-1]
reading = Reading("exposure-score", last.score, last.time, now)
tracker = Tracker(timedelta(minutes=5)).succeeded(reading)
popup.set_history(runs, now)
popup.show_state(tracker.state_at(now), now, QLocale())
t2 = time.perf_counter()
shown(popup, popup.chart)
t3 = time.perf_counter()
print(baseline, tw - t0, t1 - tw, t2 - t1, t3 - t2, len(runs))
"""


def main() -> None:
    """Write the year once, then time fresh processes opening the popup on it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--platform", default="offscreen")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.json"
        readings, entries = write_year(path)
        print(
            f"a year: {readings:,} readings -> {entries:,} entries "
            f"({path.stat().st_size / 1024:.0f} KiB)",
            flush=True,
        )
        samples: list[list[float]] = []
        for _ in range(options.runs):
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), NOW.isoformat()],
                capture_output=True,
                text=True,
                check=False,
                env={"QT_QPA_PLATFORM": options.platform, **_inherited()},
            )
            if done.returncode != 0:
                raise SystemExit(f"the timed child failed:\n{done.stderr}")
            samples.append([float(x) for x in done.stdout.split()[:5]])
    baseline, warm, load, build, paint = (
        statistics.median(column) * 1000 for column in zip(*samples, strict=True)
    )
    total = load + build + paint
    print(f"baseline (empty frame, first paint): {baseline:6.1f} ms")
    print(f"warm-up (popup imports, after start): {warm:6.1f} ms")
    print(f"load (cold store, {entries:,} entries): {load:6.1f} ms")
    print(f"popup built and filled:              {build:6.1f} ms")
    print(f"shown until the chart's first paint: {paint:6.1f} ms")
    verdict = "met" if total <= TARGET_MS else "NOT met"
    print(
        f"load + first paint: {total:.1f} ms ({total / baseline:.1f}x the empty frame); "
        f"target {TARGET_MS:.0f} ms {verdict}; with the warm-up too: {total + warm:.1f} ms"
    )


def _inherited() -> dict[str, str]:
    import os  # noqa: PLC0415

    keep = ("PATH", "HOME", "DISPLAY", "XDG_RUNTIME_DIR", "PYTHONPATH", "LANG")
    return {name: os.environ[name] for name in keep if name in os.environ}


if __name__ == "__main__":
    main()

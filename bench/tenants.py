"""Several tenants in one tray (issue 21): start-up, memory, the list popup and the request rate.

Usage: python bench/tenants.py [--runs N] [--settle S] [--popup-runs N] [--minutes M]
                               [--platform offscreen|xcb] [--parts startup,popup,rate]

Every figure is against a baseline taken in the same run, as ratios or differences; the targets
are printed as met or not, never asserted.

- startup: ``trayscore --demo --tenants N`` for N = 1, 10 and 50 (N = 1 is the single-tenant
  TrayApp, more tenants the FleetApp), alternating over ``--runs`` rounds on one private Xvfb
  with trayer as the tray host (bench/startup.py's helpers), each run in a fresh home so every
  run starts alike (its demo histories seeded anew): median time until the icon is embedded and
  RSS after ``--settle`` seconds (the first reads done: every one of 50 tenants is read within
  a few seconds, see "rate"), as a ratio and a difference to N = 1.
  Targets at 50 tenants: icon within 1.10x, RSS within +15 MiB of one tenant.
- popup: in this process (``--platform``, offscreen by default), the tenants' list (FleetPopup)
  with 1, 10 and 50 rows, each tenant with a reading every 15 minutes for 30 days (the score
  moving at every reading: 2,880 history entries, the most a month can hold) thinned into its
  sparkline by FleetSurfaces' ``sparkline()``. Timed, medians over ``--popup-runs`` (the sizes
  alternating): the rows made as FleetSurfaces.rows() makes them (state, week's change,
  sparkline), the popup built, ``show_tenants``, and shown until the list's first paint; also
  an update of the open list (rows, ``show_tenants`` and a forced repaint), which the tray does
  on every answer while the list is open. The very first popup of the process (cold: the
  list's first fonts, style and delegate) is reported apart.
  Target: with 50 rows, ``show_tenants`` plus first paint within 50 ms.
- rate: in this process, a FleetApp of 50 demo tenants (built as ``trayscore --demo --tenants
  50`` builds it, without the tray host) runs for ``--minutes``. The simulator's request
  handler is wrapped here, not changed: it counts each tenant's requests and the requests being
  served at once. Each tenant's read is wrapped too, counting the reads in flight (request plus
  history write). Printed: requests per tenant per minute against the demo's refresh interval
  and the Defender API's per-tenant limits, and the most requests and reads in flight at once
  (the app's limit: two).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from startup import one_run, tray_desktop

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QMessageLogContext, QObject, QtMsgType
    from PySide6.QtWidgets import QApplication
    from trayscore.app.tenant_slot import TenantSlot
    from trayscore.history.store import Entry
    from trayscore.ui.fleet_popup import TenantRow

SIZES: Final = (1, 10, 50)
ICON_TARGET: Final = 1.10  # time to icon at 50 tenants, as a ratio to one tenant
RSS_TARGET_MIB: Final = 15.0  # RSS at 50 tenants above one tenant's
PAINT_TARGET_MS: Final = 50.0  # the list of 50 tenants: show_tenants plus first paint
# The Defender for Endpoint API's limits, per tenant (and app). Microsoft Learn's "Get exposure
# score" (https://learn.microsoft.com/en-us/defender-endpoint/api/get-exposure-score) states no
# limit of its own; the API's pages that state one, e.g. "List machines API"
# (https://learn.microsoft.com/en-us/defender-endpoint/api/get-machines, "Limitations"), give
# "100 calls per minute and 1,500 calls per hour": taken here as exposureScore's too.
LIMIT_PER_MINUTE: Final = 100
LIMIT_PER_HOUR: Final = 1_500
NOW: Final = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SOURCE: Final = "exposure-score"
READING_EVERY: Final = timedelta(minutes=15)
MONTH_READINGS: Final = 30 * 24 * 4  # a reading every 15 minutes for 30 days
LONG_MS: Final = 86_400_000  # the rate run's tray grace: no tray host offscreen, no list shown


def verdict(met: bool) -> str:
    """How a target fared, in the printed report."""
    return "met" if met else "NOT met"


# ---- start-up and memory ------------------------------------------------------------------


def measure_startup(runs: int, settle: float) -> None:
    """Alternate 1, 10 and 50 demo tenants; icon time and RSS as ratios to one tenant."""
    times: dict[int, list[float]] = {n: [] for n in SIZES}
    memory: dict[int, list[float]] = {n: [] for n in SIZES}
    with tray_desktop() as env:
        for round_number in range(1, runs + 1):
            for tenants in SIZES:
                with tempfile.TemporaryDirectory() as home:
                    run_env = env | {
                        f"XDG_{name}_HOME": f"{home}/{name.lower()}"
                        for name in ("CONFIG", "DATA", "STATE", "CACHE")
                    }
                    command = [sys.executable, "-m", "trayscore", "--demo"]
                    command += ["--tenants", str(tenants)]
                    shown, rss = one_run(command, "trayscore", run_env, settle)
                times[tenants].append(shown)
                memory[tenants].append(rss)
            print(f"  startup round {round_number}/{runs} done", flush=True)
    base_time = statistics.median(times[1])
    base_rss = statistics.median(memory[1])
    print(f"start-up: median of {runs} alternating runs, RSS after {settle:.0f} s")
    for tenants in SIZES:
        shown = statistics.median(times[tenants])
        rss = statistics.median(memory[tenants])
        print(
            f"  {tenants:3d} tenant(s): icon after {shown * 1000:5.0f} ms "
            f"({shown / base_time:.2f}x; runs {min(times[tenants]) * 1000:.0f}-"
            f"{max(times[tenants]) * 1000:.0f}), RSS {rss:5.1f} MiB ({rss - base_rss:+5.1f} MiB; "
            f"runs {min(memory[tenants]):.1f}-{max(memory[tenants]):.1f})"
        )
    most = SIZES[-1]
    ratio = statistics.median(times[most]) / base_time
    extra = statistics.median(memory[most]) - base_rss
    print(
        f"  {most} tenants: icon {ratio:.2f}x one tenant's (target <= {ICON_TARGET:.2f}x "
        f"{verdict(ratio <= ICON_TARGET)}); RSS {extra:+.1f} MiB "
        f"(target <= +{RSS_TARGET_MIB:.0f} MiB {verdict(extra <= RSS_TARGET_MIB)})"
    )


# ---- the list popup -----------------------------------------------------------------------


def qt_app(platform: str) -> QApplication:
    """This process's QApplication, on ``platform`` (made once)."""
    os.environ["QT_QPA_PLATFORM"] = platform
    from PySide6.QtCore import qInstallMessageHandler  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)
    qInstallMessageHandler(_quiet)
    return app


def _quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Drop what the offscreen platform says of every popup (no raise() there); keep the rest."""
    del kind, context
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def month_of_runs(rng: random.Random) -> list[Entry]:
    """A reading every 15 minutes for 30 days up to NOW, the score moving at every one."""
    from trayscore.history.store import Entry  # noqa: PLC0415

    score = rng.uniform(10, 90)
    runs = []
    start = NOW - MONTH_READINGS * READING_EVERY
    for number in range(MONTH_READINGS):
        at = start + number * READING_EVERY
        step = rng.choice([-1, 1]) * rng.uniform(0.01, 0.6)
        score = min(99.0, max(1.0, round(score + step, 2)))
        fetched = at + timedelta(seconds=2)
        runs.append(Entry(SOURCE, score, at, fetched, fetched))
    return runs


def month_slots(count: int) -> list[TenantSlot]:
    """``count`` tenants as the app holds them, each with its month of history and a reading."""
    from trayscore.app.reading import ScoreReader  # noqa: PLC0415
    from trayscore.app.state import AppState  # noqa: PLC0415
    from trayscore.app.tenant_slot import TenantSlot  # noqa: PLC0415
    from trayscore.clients import demo_tenant_name  # noqa: PLC0415
    from trayscore.core.display_state import Tracker  # noqa: PLC0415
    from trayscore.core.models import Reading  # noqa: PLC0415
    from trayscore.settings.model import Settings  # noqa: PLC0415

    rng = random.Random(21)  # noqa: S311 - reproducible series, not secrets
    slots = []
    for number in range(1, count + 1):
        runs = month_of_runs(rng)
        last = runs[-1]
        reading = Reading(SOURCE, last.score, last.time, last.fetched_at)
        tracker = Tracker(READING_EVERY).succeeded(reading)
        reader = cast("ScoreReader", None)  # the rows never read: only the state is used
        name = demo_tenant_name(number, count)
        slots.append(TenantSlot(name, Settings(), reader, AppState(tracker, runs)))
    return slots


def tenant_rows(slots: Sequence[TenantSlot]) -> list[TenantRow]:
    """The rows, worst first, made as FleetSurfaces.rows() makes them."""
    from trayscore.app.fleet_surfaces import WEEK, sparkline  # noqa: PLC0415
    from trayscore.core.fleet import TenantView, ranked  # noqa: PLC0415
    from trayscore.core.trend import change_over  # noqa: PLC0415
    from trayscore.ui.fleet_popup import TenantRow  # noqa: PLC0415

    by_name = {slot.name: slot for slot in slots}
    views = [TenantView(slot.name, slot.state.tracker.state_at(NOW)) for slot in slots]
    rows = []
    for view in ranked(views):
        slot = by_name[view.name]
        change = change_over(slot.state.runs, NOW, WEEK) if slot.state.runs else None
        rows.append(TenantRow(view.name, view.state, change, sparkline(slot, NOW)))
    return rows


def painted(app: QApplication, widget: Any, target: Any) -> None:
    """Show ``widget`` and return once ``target`` (a widget inside it) was first painted."""
    from PySide6.QtCore import QEvent, QObject  # noqa: PLC0415

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's
            del watched
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    watcher = FirstPaint()
    target.installEventFilter(watcher)
    widget.show()
    deadline = time.perf_counter() + 10
    while not watcher.seen:
        if time.perf_counter() > deadline:
            raise RuntimeError("the popup was not painted within 10 s")
        app.processEvents()
    app.processEvents()  # the paint the filter saw has now run
    target.removeEventFilter(watcher)


def open_list(app: QApplication, slots: Sequence[TenantSlot]) -> dict[str, float]:
    """One opening of the list (seconds per step), then one update while it is open."""
    from PySide6.QtCore import QLocale  # noqa: PLC0415
    from trayscore.ui.fleet_popup import FleetPopup  # noqa: PLC0415

    locale = QLocale()
    t0 = time.perf_counter()
    rows = tenant_rows(slots)
    t1 = time.perf_counter()
    popup = FleetPopup()
    t2 = time.perf_counter()
    popup.show_tenants(rows, locale, demo=True)
    t3 = time.perf_counter()
    painted(app, popup, popup.list.viewport())
    t4 = time.perf_counter()
    popup.show_tenants(tenant_rows(slots), locale, demo=True)
    popup.list.viewport().repaint()
    t5 = time.perf_counter()
    popup.hide()
    popup.deleteLater()
    app.processEvents()
    return {
        "rows": t1 - t0,
        "build": t2 - t1,
        "fill": t3 - t2,
        "paint": t4 - t3,
        "update": t5 - t4,
    }


def measure_popup(app: QApplication, runs: int) -> None:
    """The list of 1, 10 and 50 tenants: its steps' medians, the sizes alternating."""
    from PySide6.QtWidgets import QFrame  # noqa: PLC0415

    slots = {n: month_slots(n) for n in SIZES}
    warm = QFrame()  # what every window shares (platform, fonts): as long up as the tray is
    painted(app, warm, warm)
    warm.hide()
    cold = open_list(app, slots[SIZES[-1]])
    samples: dict[int, list[dict[str, float]]] = {n: [] for n in SIZES}
    for _ in range(runs):
        for tenants in SIZES:
            samples[tenants].append(open_list(app, slots[tenants]))
    points = len(tenant_rows(slots[1])[0].spark)
    print(
        f"popup: {MONTH_READINGS:,} readings a tenant (every 15 min for 30 days) -> "
        f"{points} sparkline points; median of {runs} in ms"
    )
    print("  tenants   rows  build   fill  paint | fill+paint  total | update")
    for tenants in SIZES:
        taken = samples[tenants]
        median = {key: statistics.median(s[key] for s in taken) * 1000 for key in taken[0]}
        both = statistics.median(s["fill"] + s["paint"] for s in taken) * 1000
        total = statistics.median(s["rows"] + s["build"] + s["fill"] + s["paint"] for s in taken)
        print(
            f"  {tenants:7d} {median['rows']:6.1f} {median['build']:6.1f} {median['fill']:6.1f} "
            f"{median['paint']:6.1f} | {both:10.1f} {total * 1000:6.1f} | {median['update']:6.1f}"
        )
    first = (cold["fill"] + cold["paint"]) * 1000
    print(
        f"  the process's first list ({SIZES[-1]} tenants, cold): fill+paint {first:.1f} ms, "
        f"total {(cold['rows'] + cold['build']) * 1000 + first:.1f} ms"
    )
    most = statistics.median(
        (sample["fill"] + sample["paint"]) * 1000 for sample in samples[SIZES[-1]]
    )
    print(
        f"  {SIZES[-1]} tenants: show_tenants + first paint {most:.1f} ms "
        f"(target <= {PAINT_TARGET_MS:.0f} ms {verdict(most <= PAINT_TARGET_MS)})"
    )


# ---- requests per minute ------------------------------------------------------------------


class InFlight:
    """How many are in flight now, and the most at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def around(self, call: Callable[[], object]) -> object:
        """Run ``call`` counted."""
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            return call()
        finally:
            with self.lock:
                self.now -= 1


class RequestLog:
    """The simulator's requests, counted by wrapping its handler (the simulator is unchanged)."""

    def __init__(self, tenants: int) -> None:
        self.tenants = tenants
        self.times: dict[tuple[int, str], list[float]] = defaultdict(list)  # (tenant, path)
        self.paths: Counter[str] = Counter()
        self.served = InFlight()
        self.reads = InFlight()
        self._original: Callable[..., None] | None = None

    def install(self) -> None:
        """Wrap ApiRequestHandler.do_GET: note each request's tenant, path and time."""
        from trayscore.simulator.handler import ApiRequestHandler, split_tenant  # noqa: PLC0415

        original = ApiRequestHandler.do_GET
        self._original = original

        def counted(handler: ApiRequestHandler) -> None:
            routed = split_tenant(handler.path.split("?", 1)[0], self.tenants)
            with self.served.lock:
                if routed is not None:
                    self.times[routed[0], routed[2]].append(time.monotonic())
                    self.paths[routed[2]] += 1
            self.served.around(lambda: original(handler))

        setattr(ApiRequestHandler, "do_GET", counted)  # noqa: B010 - a method, replaced

    def uninstall(self) -> None:
        """Put the handler back."""
        from trayscore.simulator.handler import ApiRequestHandler  # noqa: PLC0415

        if self._original is not None:
            setattr(ApiRequestHandler, "do_GET", self._original)  # noqa: B010

    def count_reads(self, slots: Sequence[TenantSlot]) -> None:
        """Wrap each tenant's read (on a worker: request and history write) to count them."""
        for slot in slots:
            read = slot.reader.read
            setattr(slot.reader, "read", lambda read=read: self.reads.around(read))  # noqa: B010


def busiest_minute(times: Sequence[float]) -> int:
    """The most of ``times`` (sorted) within any 60 seconds."""
    most, first = 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= 60:
            first += 1
        most = max(most, last - first + 1)
    return most


def measure_rate(app: QApplication, tenants: int, minutes: float) -> None:
    """Run the demo's FleetApp of ``tenants`` for ``minutes``; report the requests it made."""
    from PySide6.QtCore import Qt, QTimer  # noqa: PLC0415
    from trayscore.app.demo import DEMO_INTERVAL  # noqa: PLC0415
    from trayscore.app.fleet import MAX_IN_FLIGHT, FleetApp  # noqa: PLC0415
    from trayscore.app.options import AppOptions  # noqa: PLC0415
    from trayscore.settings.model import Settings  # noqa: PLC0415
    from trayscore.system.paths import AppPaths  # noqa: PLC0415

    log = RequestLog(tenants)
    log.install()
    try:
        with tempfile.TemporaryDirectory() as home:
            root = Path(home)
            config, data, state, cache, logs = (
                root / name for name in ("config", "data", "state", "cache", "log")
            )
            paths = AppPaths(config, data, state, cache, logs)
            options = AppOptions(demo=True, tenants=tenants, tray_grace_ms=LONG_MS)
            fleet = FleetApp(settings=Settings(), paths=paths, environ={}, options=options)
            log.count_reads(fleet.slots)
            start = time.monotonic()
            fleet.start()
            # Precise: a coarse timer may end the run up to 5 % early, cutting its last minute.
            stop = QTimer()
            stop.setSingleShot(True)
            stop.setTimerType(Qt.TimerType.PreciseTimer)
            stop.timeout.connect(app.quit)
            stop.start(round(minutes * 60_000))
            app.exec()
            end = time.monotonic()
            fleet.shutdown()
    finally:
        log.uninstall()
    report_rate(log, start, end, interval=DEMO_INTERVAL, limit_in_flight=MAX_IN_FLIGHT)


def report_rate(
    log: RequestLog, start: float, end: float, *, interval: timedelta, limit_in_flight: int
) -> None:
    """Requests per tenant per minute against the interval and the API's per-tenant limits."""
    tenants, seconds = log.tenants, end - start
    numbers = range(1, tenants + 1)
    per_tenant = [sorted(t for (n, _), ts in log.times.items() if n == number for t in ts)
                  for number in numbers]  # fmt: skip
    expected = 60 / interval.total_seconds()
    reads = len(log.paths)
    print(
        f"rate: {tenants} demo tenants for {seconds / 60:.1f} min; the demo's refresh interval "
        f"(DEMO_INTERVAL) is {interval.total_seconds():.0f} s: {expected:.0f} reads a tenant a "
        f"minute, each read {reads} requests (a real tenant's default interval: 15 min)"
    )
    print("  requests by path: " + ", ".join(f"{p} {c}" for p, c in log.paths.items()))
    firsts = [times[0] - start for times in per_tenant if times]
    if len(firsts) == tenants:
        print(f"  every tenant's first request within {max(firsts):.1f} s of the start")
    else:
        print(f"  {tenants - len(firsts)} tenant(s) NOT read at all")
    print("  minute  all requests  a tenant's requests: min median max")
    for minute in range(int(seconds // 60)):
        low, high = start + 60 * minute, start + 60 * (minute + 1)
        each = [sum(low <= t < high for t in times) for times in per_tenant]
        print(
            f"  {minute + 1:6d} {sum(each):13d} {min(each):25d} {statistics.median(each):6.0f} "
            f"{max(each):3d}"
        )
    # The mean rate after the first minute (which holds the start's extra first pass).
    since = start + 60 if seconds > 120 else start
    span = (end - since) / 60
    steady = {key: sum(t >= since for t in times) / span for key, times in log.times.items()}
    mean = statistics.mean(steady.values())
    print(
        f"  a tenant's requests to one path: {mean:.2f} a minute on average "
        f"({mean / expected:.2f}x the interval's {expected:.0f}; from "
        f"{'the second minute' if since > start else 'the start'} on)"
    )
    print(f"  against the Defender API's limits per tenant ({LIMIT_PER_MINUTE}/min, "
          f"{LIMIT_PER_HOUR}/h for each API), the busiest tenant:")  # fmt: skip
    for path in log.paths:
        keys = [(number, path) for number in numbers]
        busiest = max(busiest_minute(sorted(log.times.get(key, []))) for key in keys)
        hourly = max(steady.get(key, 0.0) for key in keys) * 60
        minute_ok, hour_ok = verdict(busiest <= LIMIT_PER_MINUTE), verdict(hourly <= LIMIT_PER_HOUR)
        print(
            f"    {path:38s} {busiest:3d} in its busiest 60 s ({minute_ok}), "
            f"{hourly:5.0f} an hour ({hour_ok})"
        )
    defender = [key for key in log.times if key[1].startswith("/api/")]
    together = max(
        sum(steady[key] for key in defender if key[0] == number) * 60 for number in numbers
    )
    busiest_all = max(
        busiest_minute(sorted(t for key in defender if key[0] == number for t in log.times[key]))
        for number in numbers
    )
    print(
        f"    every Defender path of a tenant together: {busiest_all} in its busiest 60 s, "
        f"{together:.0f} an hour (were the limits per tenant, not per API: "
        f"{verdict(busiest_all <= LIMIT_PER_MINUTE and together <= LIMIT_PER_HOUR)})"
    )
    print(
        f"  at once: at most {log.served.most} requests being served, {log.reads.most} reads "
        f"in flight (the app's limit {limit_in_flight}: "
        f"{verdict(max(log.served.most, log.reads.most) <= limit_in_flight)})"
    )


def main() -> None:
    """Run the parts asked for, printing each part's figures and targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="start-up rounds (default 3)")
    parser.add_argument("--settle", type=float, default=20.0, help="seconds before RSS")
    parser.add_argument("--popup-runs", type=int, default=7)
    parser.add_argument("--minutes", type=float, default=3.0, help="the rate run's length")
    parser.add_argument("--platform", default="offscreen", help="Qt platform of popup and rate")
    parser.add_argument("--parts", default="startup,popup,rate")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    import trayscore  # noqa: PLC0415

    print(f"trayscore from {Path(trayscore.__file__).parent}", flush=True)
    if "startup" in parts:
        measure_startup(args.runs, args.settle)
    if parts & {"popup", "rate"}:
        app = qt_app(args.platform)
        if "popup" in parts:
            measure_popup(app, args.popup_runs)
        if "rate" in parts:
            measure_rate(app, SIZES[-1], args.minutes)


if __name__ == "__main__":
    main()

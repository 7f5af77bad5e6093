"""When to refresh, and what a refresh's answer does to the state (Vorta's scheduler, for us).

:class:`RefreshController` owns the refresh timer, the backoff policy, the in-flight guard, the
clock-gap check that notices a resume from sleep, and the network's reachability. It reads
through a :class:`~trayscore.app.reading.ScoreReader` on a worker thread, puts the answer into
the shared :class:`~trayscore.app.state.AppState`, and says what happened through its signals;
the app only connects them. Nothing here looks the application up.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Final, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from trayscore.core.errors import (
    NotSetUp,
    NotSignedIn,
    Offline,
    TrayscoreError,
)
from trayscore.core.refresh_policy import RefreshPolicy, resumed_from_sleep
from trayscore.ui.error_texts import localized

if TYPE_CHECKING:
    from PySide6.QtNetwork import QNetworkInformation

    from trayscore.app.reading import Fetched, ScoreReader
    from trayscore.app.state import AppState, Clock
    from trayscore.ui.worker import Workers

_log = logging.getLogger("trayscore")
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
TICK_MS: Final = 15_000

SleepClocks = Callable[[], "tuple[float, float]"]


def system_sleep_clocks() -> tuple[float, float]:
    """The wall clock and the monotonic one: they drift apart only while the machine sleeps."""
    return time.time(), time.monotonic()


class RefreshActions(Protocol):
    """What the refresh controller asks of the app: redraw, and the settings' own notice."""

    def render(self) -> None:
        """Draw the current state everywhere it is shown."""

    def settings_notice(self) -> str | None:
        """A problem with the settings file, said beside the score; None when there is none."""


class RefreshController(QObject):
    """Timers, backoff, in-flight guard, sleep and network: when and whether to read.

    Seams for tests: :meth:`tick` (what the tick timer calls), :meth:`network_changed`, the
    injected ``clock``, ``sleep_clocks`` and ``rng``, and :attr:`timer` to look at.
    """

    read = Signal(object)  # Fetched: the state holds it; notify, chart
    failed = Signal(object)  # TrayscoreError: the state shows it (worded for the tray)
    resumed = Signal()  # back from sleep, just before the wake-up refresh
    ticked = Signal()  # every TICK_MS, after any wake-up refresh started

    def __init__(
        self,
        reader: ScoreReader,
        workers: Workers,
        state: AppState,
        actions: RefreshActions,
        *,
        interval: timedelta,
        clock: Clock,
        sleep_clocks: SleepClocks = system_sleep_clocks,
        rng: random.Random | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._workers = workers
        self._state = state
        self._actions = actions
        self._clock = clock
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrets
        self.policy = RefreshPolicy(interval=interval)
        self.in_flight = False
        self.network_down = False
        self._outdated_answer = False  # settings changed while the refresh in flight ran
        self._sleep_clocks = sleep_clocks
        self._last_wall, self._last_monotonic = sleep_clocks()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.refresh_now)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self.tick)

    # ---- control -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the clock tick (the first refresh is the app's to ask for)."""
        self.tick_timer.start()

    def stop(self) -> None:
        """No more refreshes or ticks."""
        self.timer.stop()
        self.tick_timer.stop()

    def set_interval(self, interval: timedelta) -> None:
        """A new refresh interval: the next success waits that long."""
        self.policy = RefreshPolicy(interval=interval)

    def settings_changed(self) -> None:
        """The answer of a refresh in flight now is for the old settings: drop it, read again."""
        self._outdated_answer = self.in_flight

    def unschedule(self) -> None:
        """Wait for the user: no timed refresh (signed out, or sign-in needed)."""
        self._schedule(None)

    def refresh_now(self) -> None:
        """Fetch now unless a fetch is in flight or the network is known to be down."""
        if self.in_flight:
            return
        if self.network_down:
            self._state.tracker = self._state.tracker.failed(
                Offline("No network connection; trayscore refreshes when it returns.")
            )
            self._schedule(None)
            self._actions.render()
            return
        self.in_flight = True
        self.timer.stop()
        self._state.tracker = self._state.tracker.started()
        self._actions.render()
        self._outdated_answer = False
        self._workers.submit(self._reader.read, self._answered, self._refused)

    def tick(self) -> None:
        """Every few seconds: notice a resume from sleep, and let "stale" appear on time."""
        wall, monotonic = self._sleep_clocks()
        slept = resumed_from_sleep(wall - self._last_wall, monotonic - self._last_monotonic)
        self._last_wall, self._last_monotonic = wall, monotonic
        if slept:
            self.resumed.emit()
            self.refresh_now()
        self.ticked.emit()

    # ---- the network -------------------------------------------------------------------

    def watch_network(self) -> None:
        """Refresh when the network returns; never ask while it is known to be down."""
        from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415 - after the icon

        if not QNetworkInformation.loadDefaultBackend():
            return
        info: QNetworkInformation | None = QNetworkInformation.instance()
        if info is None:  # the stubs say never, but Qt returns null without a backend
            return
        info.reachabilityChanged.connect(self._reachability_changed)
        self._reachability_changed(info.reachability())

    def _reachability_changed(self, reachability: QNetworkInformation.Reachability) -> None:
        from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415

        self.network_changed(reachability != QNetworkInformation.Reachability.Disconnected)

    def network_changed(self, reachable: bool) -> None:
        """The system says the network went down or came back (back: refresh at once)."""
        was_down = self.network_down
        self.network_down = not reachable
        if was_down and reachable:
            self.refresh_now()

    # ---- answers -------------------------------------------------------------------------

    def _outdated(self) -> bool:
        """True when settings changed while this refresh ran: its answer is for the old ones.

        Then the answer is dropped and a refresh with the new settings starts at once.
        """
        if not self._outdated_answer:
            return False
        self.in_flight = False
        self.refresh_now()
        return True

    def _answered(self, result: Fetched) -> None:
        if self._outdated():
            return
        self.in_flight = False
        notices = [
            *self._reader.notices(),
            *result.warnings,
            *filter(None, [self._actions.settings_notice()]),
        ]
        notice = " ".join(dict.fromkeys(notices)) or None
        self._state.tracker = (
            self._state.tracker.succeeded(result.reading)
            .signed_in_as(result.account)
            .noticed(notice)
            .with_extras(result.others, result.groups)
        )
        self._state.runs = result.runs
        _log.info("score %.2f at %s", result.reading.score, result.reading.time.isoformat())
        self._schedule(self.policy.after_success(self._rng))
        self.read.emit(result)

    def _refused(self, error: TrayscoreError) -> None:
        if self._outdated():
            return
        self.in_flight = False
        self.show_failure(error)

    def show_failure(self, error: TrayscoreError) -> None:
        """A refresh or sign-in failed: show it in the tray's words; retry as the policy says."""
        error = self.shown_error(error)
        self._state.tracker = self._state.tracker.failed(error)
        _log.warning("refresh failed (%s): %s", error.kind, error.message)
        failures = self._state.tracker.failures
        self._schedule(self.policy.after_failure(failures, error, self._rng))
        self.failed.emit(error)

    def shown_error(self, error: TrayscoreError) -> TrayscoreError:
        """The error as the tray says it (:func:`shown_error`)."""
        return shown_error(error)

    def _schedule(self, delay_seconds: float | None) -> None:
        if delay_seconds is None:
            self.timer.stop()
            self._state.tracker = self._state.tracker.scheduled(None)
            return
        self.timer.start(max(0, round(delay_seconds * 1000)))
        when = self._clock() + timedelta(seconds=delay_seconds)
        self._state.tracker = self._state.tracker.scheduled(when)


def shown_error(error: TrayscoreError) -> TrayscoreError:
    """The error as the tray says it: the way is the menu and Settings, not the command line."""
    if isinstance(error, NotSetUp):  # the one type for it (trayscore.clients.not_set_up)
        _log.info("not configured: %s", error.message)
        return NotSetUp(
            translate(
                "TrayApp",
                "Not set up: choose Set up trayscore... to enter your tenant and client ID.",
            )
        )
    if isinstance(error, NotSignedIn):
        # The service words it for the command line; here the way is the menu.
        return NotSignedIn(
            translate("TrayApp", "Not signed in: choose Sign in... in the trayscore menu.")
        )
    return localized(error)

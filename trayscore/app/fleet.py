"""Several tenants in one tray: one shared scheduler, the worst tenant in the icon (ADR 016).

Built instead of :class:`~trayscore.app.root.TrayApp` when the settings list ``[[tenants]]`` (or
the demo simulates several). Each tenant is a :class:`TenantSlot`: its own reader (clients,
sign-in, history file) and its own state. One :class:`~trayscore.core.fleet.Schedule` and one
single-shot timer decide who is read when: staggered over the interval, at most two requests at
once, each tenant backing off alone. The icon and tooltip show the worst tenant and sum up the
rest; the popup lists every tenant, worst first, and a row opens that tenant's chart.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from trayscore.app.fleet_settings import FleetSettings
from trayscore.app.fleet_surfaces import FleetSurfaces
from trayscore.app.reading import ScoreReader
from trayscore.app.refresh import TICK_MS, shown_error
from trayscore.app.retirement import RetirementNotice
from trayscore.app.state import AppState, Clock, utc_now
from trayscore.app.tenant_slot import TenantSlot
from trayscore.clients import Clients, StoreOpener, demo_tenant_name
from trayscore.core.display_state import Tracker
from trayscore.core.fleet import Schedule, TenantView
from trayscore.core.refresh_policy import RefreshPolicy
from trayscore.ui.notifications.fleet import FleetNotices
from trayscore.ui.tray import TrayView
from trayscore.ui.worker import Workers

if TYPE_CHECKING:
    from trayscore.app.options import AppOptions
    from trayscore.app.reading import Fetched
    from trayscore.core.errors import TrayscoreError
    from trayscore.settings.model import Settings
    from trayscore.simulator import Simulator
    from trayscore.system.logs import LoggingSetup
    from trayscore.system.paths import AppPaths
    from trayscore.ui.notifications.choice import ChoosingNotifier

_log = logging.getLogger("trayscore")
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
QUIT_WAIT_MS: Final = 3_000
MAX_IN_FLIGHT: Final = 2  # requests at once, over every tenant
RECENT: Final = timedelta(days=31)  # what a tenant's row needs: its month and its week


class SlotRefresh:
    """What a sign-in asks of "the refresh", for one tenant of several."""

    def __init__(self, fleet: FleetApp, name: str) -> None:
        self._fleet, self._name = fleet, name

    def refresh_now(self) -> None:
        """Signed in: read this tenant at once."""
        self._fleet.refresh_tenant(self._name)

    def show_failure(self, error: TrayscoreError) -> None:
        """The sign-in failed: the tenant's row says why."""
        self._fleet.tenant_failed(self._name, error)

    def shown_error(self, error: TrayscoreError) -> TrayscoreError:
        """In the tray's words."""
        return shown_error(error)

    def unschedule(self) -> None:
        """Signed out: wait for the user."""
        self._fleet.schedule.finished(self._name, self._fleet.clock(), None)
        self._fleet.arm()


def build_slots(
    settings: Settings,
    interval: timedelta,
    *,
    paths: AppPaths,
    environ: dict[str, str],
    options: AppOptions,
    clock: Clock,
    simulator: Simulator | None,
    open_store: StoreOpener | None,
) -> list[TenantSlot]:
    """Each tenant's reader and state: the settings' list, or the demo's simulated tenants."""
    from trayscore.app.demo import demo_past  # noqa: PLC0415

    targets: list[tuple[str, Settings, str | None, int]]
    if simulator is not None:
        count = options.tenants
        targets = [
            (demo_tenant_name(n, count), settings, simulator.tenant_url(n), n)
            for n in range(1, count + 1)
        ]
    else:
        targets = [(p.name, p.settings, None, 1) for p in settings.profiles]
    slots = []
    for name, tenant_settings, url, number in targets:
        clients = Clients(
            tenant_settings, environ, simulator_url=url, open_store=open_store,
            settings_file=paths.settings_file, demo_tenant=number,
        )  # fmt: skip
        past = demo_past(simulator, clock, number) if simulator else None
        reader = ScoreReader(clients, paths, demo_account=name, demo_past=past, recent=RECENT)
        tracker = Tracker(
            interval,
            source=tenant_settings.source,
            tenant=tenant_settings.tenant,
            demo=options.demo,
        )
        slots.append(TenantSlot(name, tenant_settings, reader, AppState(tracker)))
    return slots


def fleet_error(error: TrayscoreError) -> TrayscoreError:
    """In the tray's words; a sign-in is found on the tenant's own page, not in the menu."""
    from trayscore.core.errors import NotSignedIn  # noqa: PLC0415

    if isinstance(error, NotSignedIn):
        return NotSignedIn(
            translate("FleetApp", "Not signed in: open this tenant and choose Sign in...")
        )
    return shown_error(error)


def retiring_source(slots: list[TenantSlot]) -> str:
    """The Defender API's end concerns the list when any tenant reads the exposure score.

    The switch is per tenant (its ``source`` in the list), so the notice offers no button.
    """
    from trayscore.core.catalog import EXPOSURE_SCORE  # noqa: PLC0415

    sources = [slot.settings.source for slot in slots]
    return EXPOSURE_SCORE.name if EXPOSURE_SCORE.name in sources else sources[0]


def place_after_first(
    index: int, count: int, started: datetime, now: datetime, interval: timedelta
) -> float:
    """Seconds from ``now`` to tenant ``index``'s place after the first pass of reads.

    Tenant ``i`` of ``n`` reads at ``start + interval * (k + i / n)``: the requests spread over
    the interval instead of arriving together after the first pass.
    """
    place = started + interval * (1 + index / count)
    return max(0.0, (place - now).total_seconds())


class FleetApp(QObject):
    """Builds the slots, the scheduler, the views and the notifications; connects them."""

    def __init__(
        self,
        *,
        settings: Settings,
        paths: AppPaths,
        environ: dict[str, str],
        options: AppOptions,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        tray: QSystemTrayIcon | None = None,
        open_store: StoreOpener | None = None,
    ) -> None:
        super().__init__()
        from trayscore.app.demo import DEMO_INTERVAL, start_simulator  # noqa: PLC0415

        self.clock = clock
        self._paths, self._environ, self._options = paths, environ, options
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrets
        interval = DEMO_INTERVAL if options.demo else timedelta(minutes=settings.refresh_minutes)
        self.policy = RefreshPolicy(interval=interval)
        self.settings = settings
        self._simulator = start_simulator(options.tenants) if options.demo else None
        self.slots = build_slots(
            settings, interval, paths=paths, environ=environ, options=options, clock=clock,
            simulator=self._simulator, open_store=open_store,
        )  # fmt: skip
        self._started = clock()
        self._first_pass: set[str] = set()  # tenants not read yet since the start
        self.schedule = Schedule(
            [slot.name for slot in self.slots], interval, clock(), max_in_flight=MAX_IN_FLIGHT
        )
        self.locale = QLocale()
        self.workers = Workers(MAX_IN_FLIGHT + 1, self)  # the reads, and one sign-in
        self.view = TrayView(self, tray=tray)
        self.view.set_accounts_shown(False)  # each tenant signs in from its own row
        self.notifications = FleetNotices(
            settings.notifications, self.locale,
            [(slot.name, slot.settings.source) for slot in self.slots], demo=options.demo,
            parent=self,
        )  # fmt: skip
        self.notifier: ChoosingNotifier | None = None
        self._log_setup: LoggingSetup | None = None
        self.retirement = RetirementNotice(
            source=lambda: retiring_source(self.slots), can_switch=lambda: False,
            notifications=self.notifications, locale=self.locale, paths=paths, clock=clock,
            demo=options.demo,
        )  # fmt: skip
        self.surfaces = FleetSurfaces(self, paths=paths, demo=options.demo, parent=self)
        self.preferences = FleetSettings(
            settings, paths=paths, environ=environ, demo=options.demo, clock=clock, parent=self
        )
        self.restarting = False  # run_tray starts trayscore again after this one quits
        self.restart_arguments: tuple[str, ...] = ()  # the real app: leaving the demo
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._read_due)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self.tick)
        self._connect()

    def _connect(self) -> None:
        view, surfaces = self.view, self.surfaces
        view.refresh_requested.connect(self.refresh_all)
        view.history_requested.connect(surfaces.show_list)
        view.popup_toggled.connect(surfaces.toggle_list)
        view.settings_requested.connect(surfaces.settings_note)
        view.portal_requested.connect(surfaces.open_worst_portal)
        view.about_requested.connect(surfaces.about)
        view.quit_requested.connect(self.quit)
        self.preferences.restart_wanted.connect(self.restart)
        self.preferences.leave_demo_wanted.connect(self.restart)  # starts without --demo
        view.snooze_requested.connect(
            lambda choice: self.notifications.snooze(choice, self.clock())
        )
        self.notifications.history_wanted.connect(surfaces.show_list)
        self.notifications.sign_in_wanted.connect(self.sign_in)
        self.notifications.snooze_changed.connect(self.render)

    @property
    def simulator(self) -> Simulator | None:
        """The demo's simulated tenants (tests script their failures); None for real ones."""
        return self._simulator

    @property
    def tenant_slots(self) -> list[TenantSlot]:
        """Every tenant, in the settings' order."""
        return self.slots

    def slot(self, name: str) -> TenantSlot | None:
        """The tenant of that name, if it is one of ours."""
        return next((slot for slot in self.slots if slot.name == name), None)

    def views(self) -> list[TenantView]:
        """Each tenant's state now, in the settings' order."""
        now = self.clock()
        return [TenantView(slot.name, slot.state.tracker.state_at(now)) for slot in self.slots]

    # ---- start and stop ---------------------------------------------------------------------

    def start(self) -> None:
        """Show the icon now; the first reads start once the event loop runs."""
        self.render()
        self.surfaces.start(self._options.tray_grace_ms)
        self.tick_timer.start()
        self.notifications.started(self.clock())
        QTimer.singleShot(0, self._start_services)

    def _start_services(self) -> None:
        from trayscore.system.logs import configure_logging  # noqa: PLC0415 - costs start-up
        from trayscore.ui.notifications.choice import choose_notifier  # noqa: PLC0415
        from trayscore.ui.start_icon import start_icon_path  # noqa: PLC0415

        self._log_setup = configure_logging(self._paths.log_dir, verbose=self._options.verbose)
        _log.info("trayscore started with %d tenants", len(self.slots))
        self.notifier = choose_notifier(
            self.view.tray, self._environ, self.workers, lambda: str(start_icon_path(128)),
            parent=self,
        )  # fmt: skip
        self.notifications.set_notifier(self.notifier)
        # Every tenant once now, two at a time, so no row waits an interval for its first score;
        # from the second read on each keeps its staggered place (see _next_delay).
        self._first_pass = {slot.name for slot in self.slots}
        self.schedule.wake_all(self.clock())
        self._read_due()

    def open_settings(self) -> None:
        """Settings...: the dialog (the list of tenants is edited there); the demo's offer."""
        self.preferences.open_dialog()

    def restart(self) -> None:
        """Quit, and have ``run_tray`` start trayscore again (never the demo) once this is gone."""
        self.restarting = True
        self.quit()

    def quit(self) -> None:
        """Stop timers and workers, then leave the event loop with exit code 0."""
        self.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def shutdown(self) -> None:
        """Stop everything this object started; safe to call twice."""
        self.timer.stop()
        self.tick_timer.stop()
        for slot in self.slots:
            if slot.sign_in is not None:
                slot.sign_in.cancel()
        self.surfaces.close()
        self.preferences.close()
        if self._log_setup is not None:
            self._log_setup.remove()
            self._log_setup = None
        if self.notifier is not None:
            self.notifier.close()
        self.workers.wait(QUIT_WAIT_MS)
        if self._simulator is not None:
            self._simulator.stop()
            self._simulator = None

    # ---- reading ----------------------------------------------------------------------------

    def arm(self) -> None:
        """The one timer, set to the next tenant due (none while every slot is busy)."""
        when = self.schedule.next_wake()
        if when is None:
            self.timer.stop()
            return
        delay = (when - self.clock()).total_seconds()
        self.timer.start(max(0, round(delay * 1000)))

    def _read_due(self) -> None:
        for name in self.schedule.due(self.clock()):
            slot = self.slot(name)
            if slot is None:
                continue
            slot.state.tracker = slot.state.tracker.started()
            answered, failed = partial(self._answered, name), partial(self.tenant_failed, name)
            self.workers.submit(slot.reader.read, answered, failed)
        self.arm()
        self.render()

    def _answered(self, name: str, fetched: Fetched) -> None:
        slot, now = self.slot(name), self.clock()
        if slot is None:
            return
        slot.state.tracker = (
            slot.state.tracker.succeeded(fetched.reading)
            .signed_in_as(fetched.account)
            .with_extras(fetched.others, fetched.groups)
            .noticed(" ".join(dict.fromkeys(fetched.warnings)) or None)
        )
        slot.state.runs = fetched.runs
        if name in self._first_pass:  # the first read since the start: to the tenant's own place
            self._first_pass.discard(name)
            names = [slot.name for slot in self.slots]
            delay = place_after_first(
                names.index(name), len(names), self._started, now, self.policy.interval
            )
        else:
            delay = self.policy.after_success(self._rng)
        self.schedule.finished(name, now, delay)
        self._scheduled(slot)
        self.notifications.reading(name, fetched.reading.score, now)
        self.retirement.tell()
        self.arm()
        self.render()

    def tenant_failed(self, name: str, error: TrayscoreError) -> None:
        """A tenant's read (or sign-in) failed: its row says why; it backs off alone."""
        slot, now = self.slot(name), self.clock()
        if slot is None:
            return
        error = fleet_error(error)
        slot.state.tracker = slot.state.tracker.failed(error)
        _log.warning("%s: refresh failed (%s): %s", name, error.kind, error.message)
        delay = self.policy.after_failure(slot.state.tracker.failures, error, self._rng)
        self.schedule.finished(name, now, delay)
        self._scheduled(slot)
        self.notifications.failed(name, error, now)
        self.arm()
        self.render()

    def _scheduled(self, slot: TenantSlot) -> None:
        slot.state.tracker = slot.state.tracker.scheduled(self.schedule.next_due(slot.name))

    def refresh_tenant(self, name: str) -> None:
        """Read one tenant as soon as a slot is free (after its sign-in, or its row's Retry)."""
        self.schedule.wake(name, self.clock())
        self._read_due()

    def refresh_all(self) -> None:
        """The menu's Refresh now: every tenant, two at a time."""
        self.schedule.wake_all(self.clock())
        self._read_due()

    def tick(self) -> None:
        """Every few seconds: what notifications held back, and "stale" on time."""
        self.notifications.tick(self.clock())
        self.render()

    # ---- signing in -------------------------------------------------------------------------

    def sign_in(self, name: str) -> None:
        """Sign in to one tenant; never signs another out.

        Silently first, with another tenant's sign-in of the same app where the account has
        access here too (a guest); else in the browser (or with a device code).
        """
        slot = self.slot(name)
        if slot is None:
            return
        from trayscore.auth.guest import join_any  # noqa: PLC0415 - msal loads only here

        others = [o.reader.clients.signed_in_service for o in self.slots if o is not slot]
        donors = [service for service in others if service is not None]
        if not donors:
            self._sign_in_interactively(slot)
            return
        self.workers.submit(
            lambda: join_any(slot.reader.clients.auth(), donors),
            lambda account: (
                self.refresh_tenant(name) if account else self._sign_in_interactively(slot)
            ),
            lambda _error: self._sign_in_interactively(slot),
        )

    def _sign_in_interactively(self, slot: TenantSlot) -> None:
        from trayscore.app.sign_in import SignInController  # noqa: PLC0415

        if slot.sign_in is None:
            slot.sign_in = SignInController(
                slot.reader, self.workers, slot.state, SlotRefresh(self, slot.name),
                self, demo=self._options.demo, parent=self,
            )  # fmt: skip
        slot.sign_in.sign_in()

    def window_handle(self) -> int:
        """A native window of ours for the sign-in broker."""
        return self.surfaces.window_handle()

    # ---- showing ----------------------------------------------------------------------------

    def render(self) -> None:
        """The worst tenant in the icon, the rest summed up; the open popups follow."""
        self.surfaces.render(self.views(), self.clock())

    def show_history(self) -> None:
        """A second start or a notification: the list of tenants."""
        self.surfaces.show_list()

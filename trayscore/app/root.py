"""The tray app's composition root: it wires views, workers, timers and services.

It is built once the first icon is already in the tray (see app.py); requests, msal and keyring
are imported later still, when the first refresh starts. Every network and sign-in call runs on a
worker thread and comes back as a signal, so the event loop never waits on the network.
"""

from __future__ import annotations

import contextlib
import logging
import random
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import (
    QLocale,
    QObject,
    QPoint,
    QTimer,
    QUrl,
    Slot,
)
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from trayscore import __version__
from trayscore.app.launch import AppOptions
from trayscore.core.display_state import Tracker
from trayscore.core.errors import (
    ConfigError,
    NotSignedIn,
    Offline,
    SignInRequired,
    TrayscoreError,
)
from trayscore.core.refresh_policy import RefreshPolicy, resumed_from_sleep
from trayscore.settings.model import Settings
from trayscore.system.paths import AppPaths
from trayscore.system.window_memory import load_position, save_position
from trayscore.ui.error_texts import localized
from trayscore.ui.icon import IconStyle
from trayscore.ui.tray import TrayView
from trayscore.ui.worker import Workers

if TYPE_CHECKING:
    from PySide6.QtNetwork import QNetworkInformation

    from trayscore.auth.service import AuthService, DeviceCodePrompt
    from trayscore.auth.token_store import TokenStore
    from trayscore.clients import ScoreSource
    from trayscore.core.catalog import ApiKind
    from trayscore.core.models import Reading
    from trayscore.history.store import Entry, HistoryStore
    from trayscore.simulator import Simulator
    from trayscore.sources.groups import ExposureByGroupSource, GroupReading
    from trayscore.system.autostart import AutostartPlace
    from trayscore.system.logs import LoggingSetup
    from trayscore.ui.glance import GlanceWindow
    from trayscore.ui.notify import ChoosingNotifier
    from trayscore.ui.popup import HistoryPopup
    from trayscore.ui.settings_dialog import SettingsDialog
    from trayscore.ui.welcome import WelcomeDialog

_log = logging.getLogger("trayscore")
DOCS_URL: Final = "https://github.com/trayscore/trayscore/blob/main/docs/app-registration.md"


@dataclass(frozen=True)
class Sources:
    """The clients one refresh reads: the primary score, the others, the device groups."""

    primary: ScoreSource
    others: tuple[ScoreSource, ...]
    groups: ExposureByGroupSource


@dataclass(frozen=True)
class Fetched:
    """What one refresh job brings back to the GUI thread."""

    reading: Reading
    account: str | None
    runs: list[Entry]
    warnings: list[str]
    others: tuple[Reading, ...] = ()
    groups: tuple[GroupReading, ...] = ()


StoreOpener = Callable[[str], "tuple[TokenStore, str | None]"]
# The demo's score moves every minute: it crosses a band soon after the quiet first minute, so
# a notification shows within three minutes, and then only every few minutes.
DEMO_STEP_SECONDS: Final = 60.0
DEMO_INTERVAL: Final = timedelta(seconds=10)
DEMO_SEED: Final = 7
TICK_MS: Final = 15_000
WARM_UP_MS: Final = 3_000
TRAY_POLL_MS: Final = 2_000
QUIT_WAIT_MS: Final = 3_000
TOKEN_VARIABLE: Final = "TRAYSCORE_ACCESS_TOKEN"  # noqa: S105 - a variable name


def icon_style(settings: Settings) -> IconStyle:
    """The icon the user chose in settings."""
    return IconStyle(monochrome=settings.icon_style == "monochrome", number=settings.icon_number)


def utc_now() -> datetime:
    """The wall clock, aware."""
    return datetime.now(UTC)


def session_bus_address(environ: dict[str, str]) -> str | None:
    """The session bus: the variable, else systemd's per-user socket; None when there is none."""
    if environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return environ["DBUS_SESSION_BUS_ADDRESS"]
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime and (Path(runtime) / "bus").exists():
        return f"unix:path={Path(runtime) / 'bus'}"
    return None


def warm_up_popup() -> None:
    """Import the popup's modules on an idle moment, so the first click does not pay for them.

    Most of the cost is PySide6 building the ``Qt`` namespace's enums on first use (~40 ms here);
    bench/history.py measures the popup with and without it.
    """
    import trayscore.ui.popup  # noqa: F401, PLC0415


class TrayApp(QObject):
    """Owns the views, the refresh timer and the worker pool; the only place they meet."""

    def __init__(
        self,
        *,
        settings: Settings,
        paths: AppPaths,
        environ: dict[str, str],
        options: AppOptions,
        clock: Callable[[], datetime] = utc_now,
        sleep_clocks: Callable[[], tuple[float, float]] = lambda: (time.time(), time.monotonic()),
        rng: random.Random | None = None,
        tray: QSystemTrayIcon | None = None,
        settings_error: ConfigError | None = None,
        open_store: StoreOpener | None = None,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._paths = paths
        self._environ = environ
        self._options = options
        self._clock = clock
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrets
        interval = DEMO_INTERVAL if options.demo else timedelta(minutes=settings.refresh_minutes)
        self.policy = RefreshPolicy(interval=interval)
        self.tracker = Tracker(
            interval, source=settings.source, foreign_hosts=self._foreign_hosts(settings)
        )
        self.locale = QLocale()
        self.workers = Workers(2, self)  # one refresh, one sign-in at most
        self.view = TrayView(self, tray=tray)
        from trayscore.ui.notifications import NotificationCenter  # noqa: PLC0415

        self.notifications = NotificationCenter(
            settings.notifications, self.locale, icon_for=self._notification_icon, parent=self
        )
        self.notifications.new_series(settings.source)  # the primary score's direction
        self.notifier: ChoosingNotifier | None = None
        self._log_setup: LoggingSetup | None = None
        self._stopped = False
        self._settings_dialog: SettingsDialog | None = None
        self._welcome: WelcomeDialog | None = None
        self._settings_error = settings_error
        self._demo_account = self.tr("Demo (simulated tenant)")  # read on a worker thread
        self.view.set_accounts_shown(not options.demo)
        self.view.set_icon_style(icon_style(settings))
        self._popup: HistoryPopup | None = None
        self.glance: GlanceWindow | None = None
        self.in_flight = False
        self._stale = False  # settings changed while the refresh in flight ran
        self._source: Sources | None = None
        self._auth: AuthService | None = None
        self._simulator: Simulator | None = None
        self._services_lock = threading.RLock()
        self._open_store = open_store
        self._history: HistoryStore | None = None
        self._runs: list[Entry] = []
        self._sign_in_cancel = threading.Event()
        self._network_down = False
        self._sleep_clocks = sleep_clocks
        self._last_wall, self._last_monotonic = sleep_clocks()
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.timeout.connect(self.refresh_now)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self._tick)
        self.tray_timer = QTimer(self)
        self.tray_timer.setInterval(TRAY_POLL_MS)
        self.tray_timer.timeout.connect(self._check_tray)
        self._connect_view()

    def _foreign_hosts(self, settings: Settings) -> tuple[str, ...]:
        """What the tooltip warns of: overrides sending tokens to non-Microsoft hosts."""
        if self._options.demo:
            return ()
        return tuple(dict.fromkeys(host for _key, host in settings.foreign_token_hosts))

    # ---- wiring ------------------------------------------------------------------------

    def _connect_view(self) -> None:
        self.view.refresh_requested.connect(self.refresh_now)
        self.view.history_requested.connect(self.show_history)
        self.view.popup_toggled.connect(self.toggle_history)
        self.view.sign_in_requested.connect(self.sign_in)
        self.view.sign_out_requested.connect(self.sign_out)
        self.view.settings_requested.connect(self._open_settings)
        self.view.portal_requested.connect(self._open_portal)
        self.view.about_requested.connect(self._about)
        self.view.quit_requested.connect(self.quit)
        self.view.snooze_requested.connect(self._snooze)
        self.notifications.history_wanted.connect(self.show_history)
        self.notifications.sign_in_wanted.connect(self.sign_in)
        self.notifications.switch_source_wanted.connect(self.switch_to_secure_score)
        self.notifications.snooze_changed.connect(self.render)

    def start(self) -> None:
        """Show the icon now; everything slow happens after the event loop runs."""
        self.render()
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.view.show()
        else:
            QTimer.singleShot(self._options.tray_grace_ms, self._tray_missing)
        self.tray_timer.start()
        self.tick_timer.start()
        self.notifications.started(self._clock())
        QTimer.singleShot(0, self._start_services)
        QTimer.singleShot(WARM_UP_MS, warm_up_popup)

    def _start_services(self) -> None:
        self._start_log()
        self._start_notifier()
        if self._settings_error is not None:
            # A bad settings file: started on defaults for the bad values; say so, keep the file.
            _log.warning("settings problem: %s", self._settings_error.message)
            self.tracker = self.tracker.noticed(self._settings_notice())
            self._show_settings_problem()
        elif self._needs_welcome():
            self.show_welcome()
        self._watch_network()
        self.refresh_now()

    def _settings_notice(self) -> str | None:
        if self._settings_error is None:
            return None
        return self.tr("Settings file problem: {problem}").format(
            problem=self._settings_error.message
        )

    def _needs_welcome(self) -> bool:
        """Nothing configured yet: no tenant or app, no token from the environment, no demo."""
        unset = self._settings.tenant is None or self._settings.client_id is None
        return (
            unset
            and not self._options.demo
            and self._settings_error is None
            and not self._environ.get(TOKEN_VARIABLE)
        )

    def _start_log(self) -> None:
        """The rotating, redacted log (after the icon: logging.handlers costs start-up time)."""
        from trayscore.system.logs import configure_logging  # noqa: PLC0415

        self._log_setup = configure_logging(self._paths.log_dir, verbose=self._options.verbose)
        if self._log_setup.warning:
            self.tracker = self.tracker.noticed(self._log_setup.warning)
        _log.info("trayscore %s started%s", __version__, " (demo)" if self._options.demo else "")

    def _start_notifier(self) -> None:
        """The tray's balloon at once; D-Bus notifications once a service answers (Linux)."""
        from trayscore.ui.notify import (  # noqa: PLC0415 - after the icon
            ChoosingNotifier,
            DBusNotifier,
            Probed,
            TrayMessageNotifier,
            probe,
        )
        from trayscore.ui.start_icon import start_icon_path  # noqa: PLC0415

        chooser = ChoosingNotifier(TrayMessageNotifier(self.view.tray), self)
        self.notifier = chooser
        self.notifications.set_notifier(chooser)
        if sys.platform in {"win32", "darwin"}:
            return
        address = session_bus_address(self._environ)
        if address is None:
            return

        def found(result: object) -> None:
            if not isinstance(result, Probed):
                return
            if self._stopped or self.notifier is not chooser:  # answered after quit
                result.connection.close()
                return
            chooser.use_dbus(DBusNotifier(result, str(start_icon_path(128)), self))

        self.workers.submit(lambda: probe(address), found, lambda _error: None)

    def _notification_icon(self, kind: str) -> str | None:
        """The tray icon as it is now, as a PNG a notification server can show (cache folder)."""
        from trayscore.system.private_files import private_dir  # noqa: PLC0415
        from trayscore.ui.icon import icon_spec, render_pixmap  # noqa: PLC0415

        path = self._paths.cache_dir / f"notification-{kind}.png"
        try:
            private_dir(path.parent)  # Qt writes the fixed name through links: nobody else's
        except OSError:
            return None
        spec = icon_spec(self.tracker.state_at(self._clock()))
        return str(path) if render_pixmap(spec, 128).save(str(path), "PNG") else None

    @Slot(str)
    def _snooze(self, choice: str) -> None:
        self.notifications.snooze(choice, self._clock())

    @property
    def popup(self) -> HistoryPopup:
        """Made on first use: its widgets cost start-up time the icon should not wait for."""
        if self._popup is None:
            from trayscore.ui.popup import HistoryPopup  # noqa: PLC0415

            self._popup = HistoryPopup()
            self._popup.export_requested.connect(self._export_history)
            self._popup.switch_source_requested.connect(self.switch_to_secure_score)
            self._popup.set_history(self._runs, self._clock())
            self._render_popup(self._popup, self._clock())
        return self._popup

    def _render_popup(self, popup: HistoryPopup, now: datetime) -> None:
        popup.show_state(self.tracker.state_at(now), now, self.locale)
        popup.show_retirement(self._retirement_text(now), can_switch=self._can_switch())

    @Slot()
    def show_history(self) -> None:
        """Show the popup (menu, notification, or a second start)."""
        self.popup.show_now(self.view.tray.geometry())

    @Slot()
    def toggle_history(self) -> None:
        """Left click on the icon."""
        self.popup.toggle(self.view.tray.geometry())

    def _watch_network(self) -> None:
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

        was_down = self._network_down
        self._network_down = reachability == QNetworkInformation.Reachability.Disconnected
        if was_down and not self._network_down:
            self.refresh_now()

    # ---- rendering ---------------------------------------------------------------------

    def render(self) -> None:
        """Draw the current state everywhere it is shown."""
        now = self._clock()
        state = self.tracker.state_at(now)
        self.view.show_state(state, now, self.locale)
        self.view.show_snooze(self.notifications.snoozed_until_text(now))
        if self._popup is not None:
            self._render_popup(self._popup, now)
        if self.glance is not None:
            self.glance.show_state(state, now, self.locale)

    # ---- the Defender API's end (MC1220762) --------------------------------------------

    def _retirement_text(self, now: datetime) -> str | None:
        from trayscore.core.retirement import utc_day  # noqa: PLC0415
        from trayscore.ui.retirement_notice import retirement_text  # noqa: PLC0415

        return retirement_text(self._settings.source, utc_day(now), self.locale)

    def _can_switch(self) -> bool:
        return "source" not in self._settings.locked and "source" not in (
            self._settings.from_environment
        )

    def _tell_retirement(self) -> None:
        """Notify the coming (or past) end of the Defender API once, ever, per account."""
        from trayscore.system.window_memory import first_time  # noqa: PLC0415
        from trayscore.ui import retirement_notice as notice  # noqa: PLC0415

        text = self._retirement_text(self._clock())
        if text is None or self._options.demo:
            return
        actions = [(notice.SWITCH_ACTION, notice.switch_label())] if self._can_switch() else []
        if first_time(self._paths.state_dir, notice.NOTICE_KIND):
            self.notifications.announce(notice.NOTICE_KIND, notice.notice_title(), text, actions)

    @Slot()
    def switch_to_secure_score(self) -> None:
        """The one-click switch: Secure Score becomes the primary score, saved like Settings."""
        from dataclasses import replace  # noqa: PLC0415

        from trayscore.core.catalog import SECURE_SCORE  # noqa: PLC0415

        if not self._can_switch() or self._settings.source == SECURE_SCORE.name:
            return
        wanted = replace(self._settings, source=SECURE_SCORE.name)
        if self._options.demo:
            self.apply_settings(wanted)  # the demo never writes the real settings file
        else:
            self._settings_applied(wanted)

    def _schedule(self, delay_seconds: float | None) -> None:
        if delay_seconds is None:
            self.refresh_timer.stop()
            self.tracker = self.tracker.scheduled(None)
            return
        self.refresh_timer.start(max(0, round(delay_seconds * 1000)))
        when = self._clock() + timedelta(seconds=delay_seconds)
        self.tracker = self.tracker.scheduled(when)

    # ---- refreshing --------------------------------------------------------------------

    @Slot()
    def refresh_now(self) -> None:
        """Fetch now unless a fetch is in flight or the network is known to be down."""
        if self.in_flight:
            return
        if self._network_down:
            self.tracker = self.tracker.failed(
                Offline("No network connection; trayscore refreshes when it returns.")
            )
            self._schedule(None)
            self.render()
            return
        self.in_flight = True
        self.refresh_timer.stop()
        self.tracker = self.tracker.started()
        self.render()
        self._stale = False
        self.workers.submit(self._fetch, self._refresh_done, self._refresh_failed)

    def _outdated(self) -> bool:
        """True when settings changed while this refresh ran: its answer is for the old ones.

        Then the answer is dropped and a refresh with the new settings starts at once.
        """
        if not self._stale:
            return False
        self.in_flight = False
        self.refresh_now()
        return True

    @Slot(object)
    def _refresh_done(self, result: object) -> None:
        if not self._outdated():
            self._fetched(result)

    @Slot(object)
    def _refresh_failed(self, error: object) -> None:
        if not self._outdated():
            self._fetch_failed(error)

    def _fetch(self) -> Fetched:
        """On a worker thread: read the primary score, record it, then the others at best."""
        from trayscore.core.catalog import SECURE_SCORE  # noqa: PLC0415
        from trayscore.history.store import HistoryWriteError  # noqa: PLC0415
        from trayscore.sources.secure_score import (  # noqa: PLC0415
            SecureScoreSource,
            backfill_and_fetch,
        )

        sources = self._ensure_source()
        history = self._ensure_history()
        warnings: list[str] = []
        primary = sources.primary
        if primary.name == SECURE_SCORE.name and isinstance(primary, SecureScoreSource):
            reading = backfill_and_fetch(primary, history).reading  # 90 days of past at first
        else:
            reading = primary.fetch()
        if not reading.banded:
            raise ConfigError(
                self.tr(
                    "No published maximum, so no band to show: choose another score in Settings."
                )
            )
        try:
            history.record(reading)
        except HistoryWriteError as error:
            warnings.append(error.message)
        runs = history.entries(source=reading.source)
        others = tuple(self._fetch_others(sources, history))
        groups = self._fetch_groups(sources)
        warnings.extend(history.take_problems())
        return Fetched(reading, self._account_name(), runs, warnings, others, groups)

    def _fetch_others(self, sources: Sources, history: HistoryStore) -> list[Reading]:
        """The secondary scores: recorded like the primary, a failure only leaves a row out."""
        from trayscore.history.store import HistoryWriteError  # noqa: PLC0415

        readings = []
        for source in sources.others:
            try:
                reading = source.fetch()
            except TrayscoreError as error:
                _log.info("secondary score %s not read (%s): %s", source.name, error.kind, error)
                continue
            except Exception:  # noqa: BLE001 - a row must never take the primary score down
                _log.exception("secondary score %s not read", source.name)
                continue
            if reading.banded:  # points without a maximum stay out of the percentage history
                with contextlib.suppress(HistoryWriteError):
                    history.record(reading)
            readings.append(reading)
        return readings

    def _fetch_groups(self, sources: Sources) -> tuple[GroupReading, ...]:
        """Exposure per device group, worst first; nothing when Defender cannot say."""
        try:
            return tuple(sources.groups.fetch())
        except TrayscoreError as error:
            _log.info("device groups not read (%s): %s", error.kind, error)
        except Exception:  # noqa: BLE001 - the rows are extras: the primary score stays
            _log.exception("device groups not read")
        return ()

    def _ensure_history(self) -> HistoryStore:
        with self._services_lock:
            if self._history is None:
                from trayscore.history.store import HistoryStore  # noqa: PLC0415

                path = self._paths.history_file(
                    self._settings.cloud, self._settings.tenant, demo=self._options.demo
                )
                self._history = HistoryStore(path)
            return self._history

    def _account_name(self) -> str | None:
        if self._options.demo:
            return self._demo_account
        if self._auth is not None:
            account = self._auth.account()
            return account.username if account else None
        return None

    def _ensure_source(self) -> Sources:
        with self._services_lock:
            if self._source is None:
                self._source = self._build_sources()
            return self._source

    def _build_sources(self) -> Sources:
        """The primary score's client, the others', and the device groups' (demo: simulator)."""
        from trayscore.clients import build_source  # noqa: PLC0415
        from trayscore.core.catalog import SOURCES, ApiKind  # noqa: PLC0415
        from trayscore.sources.groups import ExposureByGroupSource  # noqa: PLC0415
        from trayscore.sources.http import StaticToken, TokenSource, make_session  # noqa: PLC0415

        session = make_session()
        bases: dict[ApiKind, str]
        tokens: dict[ApiKind, TokenSource]
        if self._options.demo:
            from trayscore.simulator import Simulator  # noqa: PLC0415

            self._simulator = Simulator(seed=DEMO_SEED, step_seconds=DEMO_STEP_SECONDS).start()
            url = self._simulator.url
            bases = {ApiKind.DEFENDER: url, ApiKind.GRAPH: f"{url}/v1.0"}
            tokens = dict.fromkeys(ApiKind, StaticToken("demo"))
        else:
            token = self._environ.get(TOKEN_VARIABLE, "").strip()
            bases = {
                ApiKind.DEFENDER: self._settings.api_base,
                ApiKind.GRAPH: self._settings.graph_base,
            }
            if token:
                tokens = dict.fromkeys(ApiKind, StaticToken(token))
            else:
                auth = self._ensure_auth()
                tokens = {
                    kind: auth.for_api(kind.value, destination=bases[kind]) for kind in ApiKind
                }
        clients = {
            name: build_source(spec, bases[spec.api], tokens[spec.api], session)
            for name, spec in SOURCES.items()
            if name == self._settings.source or self._row_wanted(spec.api)
        }
        primary = clients.pop(self._settings.source)
        groups = ExposureByGroupSource(bases[ApiKind.DEFENDER], tokens[ApiKind.DEFENDER], session)
        return Sources(primary, tuple(clients.values()), groups)

    def _row_wanted(self, api: ApiKind) -> bool:
        """Whether a secondary row may be read from ``api``.

        With one API pointed elsewhere (a private endpoint, a simulator) and the other left at
        Microsoft's host, that host is not contacted just for a row.
        """
        from trayscore.core.catalog import ApiKind  # noqa: PLC0415

        if self._options.demo:
            return True
        overridden = {
            ApiKind.DEFENDER: self._settings.api_url is not None,
            ApiKind.GRAPH: self._settings.graph_url is not None,
        }
        return overridden[api] or not any(overridden.values())

    def _ensure_auth(self) -> AuthService:
        """The sign-in service, made once (refresh and sign-in jobs may ask at the same time)."""
        with self._services_lock:
            if self._auth is None:
                from trayscore.auth.service import AuthService, SignInConfig  # noqa: PLC0415
                from trayscore.auth.token_store import open_token_store, profile_for  # noqa: PLC0415

                config = SignInConfig.from_settings(self._settings)
                opener = self._open_store or open_token_store
                store, warning = opener(profile_for(config.authority, config.client_id))
                self._auth = AuthService(config, store)
                if warning:
                    self._auth.notices.append(warning)
            return self._auth

    @Slot(object)
    def _fetched(self, result: object) -> None:
        assert isinstance(result, Fetched)  # noqa: S101 - what _fetch returns
        self.in_flight = False
        notices = [
            *(self._auth.notices if self._auth else []),
            *result.warnings,
            *filter(None, [self._settings_notice()]),
        ]
        notice = " ".join(dict.fromkeys(notices)) or None
        self.tracker = (
            self.tracker.succeeded(result.reading)
            .signed_in_as(result.account)
            .noticed(notice)
            .with_extras(result.others, result.groups)
        )
        self._runs = result.runs
        self._tell_retirement()
        _log.info("score %.2f at %s", result.reading.score, result.reading.time.isoformat())
        self._schedule(self.policy.after_success(self._rng))
        self.render()
        self.notifications.reading(result.reading.score, self._clock())
        if self._popup is not None:
            self._popup.set_history(self._runs, self._clock())

    @Slot(object)
    def _fetch_failed(self, error: object) -> None:
        assert isinstance(error, TrayscoreError)  # noqa: S101 - the worker only emits these
        self.in_flight = False
        if isinstance(error, ConfigError) and self._source is None:
            # Not configured yet: show it as "sign-in needed" with what to set, and where.
            _log.info("not configured: %s", error.message)
            error = SignInRequired(
                self.tr("Not set up yet: enter your tenant and client ID in Settings...")
            )
        elif isinstance(error, NotSignedIn):
            # The service words it for the command line; here the way is the menu.
            error = NotSignedIn(self.tr("Not signed in: choose Sign in... in the trayscore menu."))
        else:
            error = localized(error)
        self.tracker = self.tracker.failed(error)
        _log.warning("refresh failed (%s): %s", error.kind, error.message)
        self._schedule(self.policy.after_failure(self.tracker.failures, error, self._rng))
        self.render()
        self.notifications.failed(error, self._clock())
        self._tell_retirement()

    # ---- sleep, tray, glance -----------------------------------------------------------

    @Slot()
    def _tick(self) -> None:
        """Every few seconds: notice a resume from sleep, and let "stale" appear on time."""
        wall, monotonic = self._sleep_clocks()
        slept = resumed_from_sleep(wall - self._last_wall, monotonic - self._last_monotonic)
        self._last_wall, self._last_monotonic = wall, monotonic
        if slept:
            self.notifications.resumed(self._clock())
            self.refresh_now()
        self.notifications.tick(self._clock())
        self.render()

    @Slot()
    def _tray_missing(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.view.show()
            return
        self._show_glance()

    def _show_glance(self) -> None:
        if self.glance is None:
            from trayscore.ui.glance import GlanceWindow  # noqa: PLC0415 - rarely needed

            self.glance = GlanceWindow(self.view.menu)
            self.glance.icon_style = icon_style(self._settings)
            self.glance.clicked.connect(self.toggle_history)
            self.glance.moved.connect(self._glance_moved)
            position = load_position(self._paths.state_dir)
            if position is not None:
                self.glance.move(QPoint(*position))
        self.render()
        self.glance.show()

    @Slot(QPoint)
    def _glance_moved(self, position: QPoint) -> None:
        save_position(self._paths.state_dir, position.x(), position.y())

    @Slot()
    def _check_tray(self) -> None:
        """Switch to the tray icon when a tray appears after all."""
        glance_shown = self.glance is not None and self.glance.isVisible()
        if glance_shown and QSystemTrayIcon.isSystemTrayAvailable():
            assert self.glance is not None  # noqa: S101 - checked just above
            self.glance.hide()
            self.view.show()

    # ---- sign-in -----------------------------------------------------------------------

    @Slot()
    def sign_in(self) -> None:
        """The chosen method (a device code when no browser opens); all off the GUI thread."""
        if self._options.demo:
            return
        self._sign_in_cancel = threading.Event()
        cancel = self._sign_in_cancel
        # The broker (WAM) opens over a window of ours, not a console: the popup's native
        # handle, made here on the GUI thread (winId() creates it without showing anything).
        parent_window = int(self.popup.winId()) if self._settings.use_broker else None

        def work() -> object:
            from trayscore.auth.service import BrowserUnavailable  # noqa: PLC0415

            service = self._ensure_auth()
            if self._settings.sign_in_method == "device_code":
                return service.start_device_flow()
            try:
                return service.sign_in_browser(cancel=cancel, parent_window=parent_window)
            except BrowserUnavailable:
                return service.start_device_flow()

        self.workers.submit(work, self._sign_in_step, self._fetch_failed)

    @Slot(object)
    def _sign_in_step(self, result: object) -> None:
        from trayscore.auth.service import DeviceCodePrompt  # noqa: PLC0415

        if isinstance(result, DeviceCodePrompt):
            self._show_device_code(result)
            cancel = self._sign_in_cancel
            auth = self._ensure_auth()
            self.workers.submit(
                lambda: auth.finish_device_flow(result, cancel),
                self._sign_in_step,
                self._fetch_failed,
            )
            return
        self.refresh_now()

    def _show_device_code(self, prompt: DeviceCodePrompt) -> None:
        from PySide6.QtCore import Qt  # noqa: PLC0415 - the Qt namespace is slow to build
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Sign in to trayscore"), "")
        box.setObjectName("deviceCodeDialog")
        # The code and address come from the network: shown as text, never as rich text/links.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr("Open {url} on any device and enter the code {code}.").format(
                url=prompt.verification_uri, code=prompt.user_code
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setModal(False)
        box.show()
        self._device_box = box

    @Slot()
    def sign_out(self) -> None:
        """Forget the account and every stored token."""
        if self._auth is None:
            return
        auth = self._auth

        def work() -> object:
            auth.sign_out()
            return None

        def done(_result: object) -> None:
            self.tracker = self.tracker.signed_in_as(None).failed(
                SignInRequired(self.tr("Signed out. Sign in to see the score."))
            )
            self._schedule(None)
            self.render()

        self.workers.submit(work, done, self._fetch_failed)

    # ---- settings ------------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """New settings in force at once; another tenant, app or cloud signs the old one out."""
        from dataclasses import replace  # noqa: PLC0415

        old = self._settings
        self._settings = settings
        self._settings_error = None
        self._stale = self.in_flight
        self.notifications.apply(settings.notifications)
        self.view.set_icon_style(icon_style(settings))
        if self.glance is not None:
            self.glance.icon_style = icon_style(settings)
        if not self._options.demo:
            interval = timedelta(minutes=settings.refresh_minutes)
            self.policy = RefreshPolicy(interval=interval)
            self.tracker = replace(self.tracker, interval=interval, notice=None)
        self.tracker = replace(self.tracker, foreign_hosts=self._foreign_hosts(settings))
        account = (old.tenant, old.client_id, old.cloud, old.authority)
        new_account = (settings.tenant, settings.client_id, settings.cloud, settings.authority)
        with self._services_lock:
            if new_account != account or old.api_base != settings.api_base:
                self._source = None
            old_auth = self._auth if new_account != account else None
            if old_auth is not None:
                self._auth = None
            if old.source != settings.source or old.graph_base != settings.graph_base:
                self._source = None
            new_tenant = (old.cloud, old.tenant) != (settings.cloud, settings.tenant)
            if new_tenant and not self._options.demo:
                self._history = None  # another tenant: its own history file from now on
        if (new_tenant and not self._options.demo) or old.source != settings.source:
            self._new_series()
        if old_auth is not None:
            _log.info("account settings changed: signing the previous account out")
            self.tracker = self.tracker.signed_in_as(None)
            self.workers.submit(
                old_auth.sign_out, lambda _r: self.refresh_now(), self._fetch_failed
            )
            return
        self.refresh_now()

    def _new_series(self) -> None:
        """Another cloud or tenant: nothing shown or told so far belongs to it."""
        self.tracker = Tracker(
            self.tracker.interval,
            source=self._settings.source,
            foreign_hosts=self.tracker.foreign_hosts,
        )
        self._runs = []
        self.notifications.new_series(self._settings.source)
        if self._popup is not None:
            self._popup.set_history(self._runs, self._clock())
        self.render()

    # ---- menu actions ------------------------------------------------------------------

    @Slot(str)
    def _export_history(self, path: str) -> None:
        """Write the shown history as CSV where the user chose (small: fine on this thread)."""
        from pathlib import Path  # noqa: PLC0415

        from trayscore.history.store import entries_to_csv  # noqa: PLC0415

        try:
            Path(path).write_text(entries_to_csv(self._runs), "utf-8")
        except OSError as error:
            self.tracker = self.tracker.noticed(
                self.tr("Could not export the history: {reason}").format(reason=error.strerror)
            )
            self.render()

    @Slot()
    def _open_settings(self) -> None:
        """The settings dialog; what it applies is saved and takes effect at once."""
        from trayscore.ui.settings_dialog import SettingsDialog  # noqa: PLC0415

        if self._settings_dialog is None:
            dialog = SettingsDialog(self._settings, autostart=self._autostart().status().enabled)
            dialog.applied.connect(self._settings_applied)
            dialog.autostart_wanted.connect(self._autostart_wanted)
            dialog.finished.connect(self._settings_closed)
            self._settings_dialog = dialog
        self._settings_dialog.show()
        self._settings_dialog.raise_()
        self._settings_dialog.activateWindow()

    def _settings_closed(self, _result: int) -> None:
        if self._settings_dialog is not None:
            self._settings_dialog.deleteLater()
            self._settings_dialog = None

    def _settings_applied(self, settings: object) -> None:
        from trayscore.settings.file import (  # noqa: PLC0415
            for_file,
            keep_broken_file,
            save_settings,
        )
        from trayscore.settings.model import load_settings  # noqa: PLC0415

        assert isinstance(settings, Settings)  # noqa: S101 - what the dialog emits
        from dataclasses import replace  # noqa: PLC0415

        settings = replace(
            settings,
            locked=self._settings.locked,
            from_environment=self._settings.from_environment,
        )
        if settings == self._settings and self._settings_error is None:
            return
        try:
            if self._settings_error is not None:
                kept = keep_broken_file(self._paths.settings_file, self._clock())
                if kept is not None:
                    _log.warning("the broken settings file was kept as %s", kept)
            file_only = load_settings(
                self._paths.settings_file, {}, self._paths.system_settings_files, problems=[]
            )
            save_settings(self._paths.settings_file, for_file(settings, file_only))
        except OSError as error:
            self._show_problem(
                self.tr("Could not save the settings to {path}: {reason}").format(
                    path=self._paths.settings_file, reason=error.strerror or error
                )
            )
            return
        self.apply_settings(settings)

    def _autostart(self) -> AutostartPlace:
        from trayscore.system.autostart import for_platform  # noqa: PLC0415

        home = self._environ.get("HOME")
        return for_platform(sys.platform, self._environ, Path(home) if home else Path.home())

    def _autostart_wanted(self, wanted: bool) -> None:
        from trayscore.core.errors import TrayscoreError as Failure  # noqa: PLC0415
        from trayscore.system.autostart import current_launch_command  # noqa: PLC0415

        try:
            place = self._autostart()
            place.enable(current_launch_command()) if wanted else place.disable()
        except Failure as error:
            self._show_problem(error.message)

    def _show_problem(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.warning(None, self.tr("trayscore"), text)

    def _show_settings_problem(self) -> None:
        """Started on defaults: say what was wrong, that the file is kept, and offer the fix."""
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        assert self._settings_error is not None  # noqa: S101 - only called with a problem
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("trayscore - settings problem"),
            self.tr("Some settings could not be used, so trayscore started with their defaults."),
        )
        box.setObjectName("settingsProblem")
        box.setInformativeText(
            self.tr(
                "{problem}\n\nYour file {path} was left as it is. Saving from Settings keeps "
                "a copy of it beside the new one."
            ).format(problem=self._settings_error.message, path=self._paths.settings_file)
        )
        fix = box.addButton(self.tr("Open &Settings..."), QMessageBox.ButtonRole.AcceptRole)
        fix.setObjectName("openSettings")
        box.addButton(QMessageBox.StandardButton.Close)
        box.setModal(False)
        fix.clicked.connect(self._open_settings)
        box.show()
        self._problem_box = box

    def show_welcome(self) -> None:
        """First run without a tenant or client id: what is needed, and the way to the demo."""
        from trayscore.ui.welcome import WelcomeDialog  # noqa: PLC0415

        local = Path(__file__).resolve().parent.parent / "docs" / "app-registration.md"
        docs = QUrl.fromLocalFile(str(local)).toString() if local.exists() else DOCS_URL
        dialog = WelcomeDialog(docs)
        dialog.settings_wanted.connect(self._open_settings)
        dialog.demo_wanted.connect(self._start_demo)
        self._welcome = dialog
        dialog.show()

    def _start_demo(self) -> None:
        """Try the demo: a separate demo process (its own history) starts, this one leaves."""
        from PySide6.QtCore import QProcess  # noqa: PLC0415

        from trayscore.system.autostart import current_launch_command  # noqa: PLC0415

        program, *arguments = current_launch_command()  # the frozen binary in a bundle
        if QProcess.startDetached(program, [*arguments, "--demo"])[0]:
            self.quit()

    @Slot()
    def _open_portal(self) -> None:
        from PySide6.QtGui import QDesktopServices  # noqa: PLC0415

        QDesktopServices.openUrl(QUrl(self._settings.cloud_info.portal_url))

    @Slot()
    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.about(
            None,
            self.tr("About trayscore"),
            self.tr(
                "trayscore {version}\nYour organisation's Microsoft Defender exposure score, "
                "at a glance. Lower is better."
            ).format(version=__version__),
        )

    @Slot()
    def quit(self) -> None:
        """Stop timers and workers, then leave the event loop with exit code 0."""
        self.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def shutdown(self) -> None:
        """Stop everything this object started; safe to call twice."""
        self._stopped = True
        self._sign_in_cancel.set()
        for timer in (self.refresh_timer, self.tick_timer, self.tray_timer):
            timer.stop()
        self.view.hide()
        for dialog in (self._welcome, self._settings_dialog):
            if dialog is not None:
                dialog.close()
        if self._log_setup is not None:
            self._log_setup.remove()
            self._log_setup = None
        if self.notifier is not None and self.notifier.dbus is not None:
            self.notifier.dbus.close()
        self.workers.wait(QUIT_WAIT_MS)
        if self._simulator is not None:
            self._simulator.stop()
            self._simulator = None


SETTINGS_TEMPLATE: Final = """\
# trayscore settings. Every key is optional; see the README for the full table.
# tenant = "contoso.onmicrosoft.com"          # your domain or tenant GUID
# client_id = "00000000-0000-0000-0000-000000000000"
# cloud = "commercial"                          # commercial, gcc, gcc-high, dod
# region = "auto"
# refresh_minutes = 15
#
# [notifications]                               # each kind can be switched off
# band_change = true
# score_rise = true
# rise_points = 5                               # "rose by at least" this many points
# sign_in = true
# outage = true
# outage_minutes = 60                           # tell when refreshing failed this long
# recovery = true
"""

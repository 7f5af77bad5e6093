"""The tray app's composition root: it builds the controllers, connects them, starts and stops.

Built once the first icon is in the tray (launch.py); requests, msal and keyring come later
still, with the first refresh. What happens when is the controllers' business (refresh, sign_in,
settings, surfaces); each gets its collaborators and a narrow actions interface, never this class.
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from trayscore import __version__
from trayscore.app.demo import DEMO_INTERVAL, demo_past, start_simulator
from trayscore.app.options import AppOptions
from trayscore.app.reading import ScoreReader
from trayscore.app.refresh import RefreshController, SleepClocks, system_sleep_clocks
from trayscore.app.retirement import RetirementNotice
from trayscore.app.settings import SettingsController, foreign_hosts
from trayscore.app.sign_in import SignInController
from trayscore.app.state import AppState, Clock, utc_now
from trayscore.app.surfaces import SurfacesController, icon_style, portal_page, warm_up_popup
from trayscore.clients import Clients, StoreOpener
from trayscore.core.display_state import Tracker
from trayscore.ui.notifications.center import NotificationCenter
from trayscore.ui.tray import TrayView
from trayscore.ui.worker import Workers

if TYPE_CHECKING:
    from trayscore.app.reading import Fetched
    from trayscore.core.errors import ConfigError, TrayscoreError
    from trayscore.settings.model import Settings
    from trayscore.system.logs import LoggingSetup
    from trayscore.system.paths import AppPaths
    from trayscore.ui.notifications.choice import ChoosingNotifier

_log = logging.getLogger("trayscore")
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
WARM_UP_MS: Final = 3_000
QUIT_WAIT_MS: Final = 3_000


class TrayApp(QObject):
    """Builds the views, the workers and the controllers; the only place they all meet."""

    def __init__(
        self,
        *,
        settings: Settings,
        paths: AppPaths,
        environ: dict[str, str],
        options: AppOptions,
        clock: Clock = utc_now,
        sleep_clocks: SleepClocks = system_sleep_clocks,
        rng: random.Random | None = None,
        tray: QSystemTrayIcon | None = None,
        settings_error: ConfigError | None = None,
        open_store: StoreOpener | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self._paths, self._environ, self._options = paths, environ, options
        self._simulator = start_simulator() if options.demo else None
        interval = DEMO_INTERVAL if options.demo else timedelta(minutes=settings.refresh_minutes)
        hosts = foreign_hosts(settings, demo=options.demo)
        self.state = AppState(
            Tracker(
                interval, source=settings.source, foreign_hosts=hosts, tenant=settings.tenant,
                demo=options.demo,
            )
        )  # fmt: skip
        self.locale = QLocale()
        self.workers = Workers(2, self)  # one refresh, one sign-in at most
        self.view = TrayView(self, tray=tray)
        self.view.set_accounts_shown(not options.demo)
        self.notifications = NotificationCenter(
            settings.notifications, self.locale, parent=self,
            icon_for=lambda kind: self.surfaces.notification_icon(kind),  # noqa: PLW0108 - built below
            demo=options.demo,
        )  # fmt: skip
        self.notifications.new_series(settings.source)  # the primary score's direction
        self.notifier: ChoosingNotifier | None = None  # the backend, chosen after the icon is up
        self._log_setup: LoggingSetup | None = None
        self.restarting = False  # run_tray starts trayscore again after this one quits
        self.restart_arguments: tuple[str, ...] = ()  # e.g. ("--demo",) for Try the demo
        clients = Clients(
            settings,
            environ,
            simulator_url=self._simulator.url if self._simulator else None,
            open_store=open_store,
            settings_file=paths.settings_file,
        )
        demo_account = translate("TrayApp", "Demo (simulated tenant)")
        past = demo_past(self._simulator, clock) if self._simulator else None
        self.reader = ScoreReader(clients, paths, demo_account=demo_account, demo_past=past)
        self.refresh = RefreshController(
            self.reader, self.workers, self.state, self, interval=interval, clock=clock,
            sleep_clocks=sleep_clocks, rng=rng, parent=self,
        )  # fmt: skip
        self.sign_in = SignInController(
            self.reader, self.workers, self.state, self.refresh, self, demo=options.demo,
            parent=self,
        )  # fmt: skip
        self.settings = SettingsController(
            settings, paths=paths, environ=environ, options=options, reader=self.reader,
            refresh=self.refresh, sign_in=self.sign_in, notifications=self.notifications,
            state=self.state, actions=self, clock=clock, problem=settings_error, parent=self,
        )  # fmt: skip
        self.retirement = RetirementNotice(
            source=lambda: self.settings.current.source, can_switch=self.settings.can_switch,
            notifications=self.notifications, locale=self.locale, paths=paths, clock=clock,
            demo=options.demo,
        )  # fmt: skip
        self.surfaces = SurfacesController(
            self.view, self.state, notifications=self.notifications, retirement=self.retirement,
            locale=self.locale, paths=paths, clock=clock, style=icon_style(settings), parent=self,
        )  # fmt: skip
        self._connect()

    def _connect(self) -> None:
        view, surfaces, refresh = self.view, self.surfaces, self.refresh
        view.refresh_requested.connect(self.refresh_now)
        view.history_requested.connect(self.show_history)
        view.popup_toggled.connect(surfaces.toggle_history)
        view.sign_in_requested.connect(self.sign_in.sign_in)
        view.sign_out_requested.connect(self.sign_in.sign_out)
        view.settings_requested.connect(self.settings.open_dialog)
        view.portal_requested.connect(
            lambda: surfaces.open_portal(portal_page(self.settings.current))
        )
        surfaces.portal_wanted.connect(view.portal_requested)
        surfaces.sign_in_wanted.connect(self.sign_in.sign_in)
        surfaces.refresh_wanted.connect(self.refresh_now)
        self.settings.leave_demo_wanted.connect(surfaces.leave_demo)
        self.settings.restart_wanted.connect(self.restart)
        view.about_requested.connect(
            lambda: surfaces.about(self.settings.current, demo=self.reader.clients.demo)
        )
        view.quit_requested.connect(self.quit)
        view.snooze_requested.connect(
            lambda choice: self.notifications.snooze(choice, self.clock())
        )
        self.notifications.history_wanted.connect(self.show_history)
        self.notifications.sign_in_wanted.connect(self.sign_in.sign_in)
        self.notifications.switch_source_wanted.connect(self.settings.switch_to_secure_score)
        self.notifications.snooze_changed.connect(self.render)
        surfaces.switch_source_wanted.connect(self.settings.switch_to_secure_score)
        surfaces.settings_wanted.connect(self.settings.open_dialog)
        surfaces.restart_wanted.connect(self.restart)
        refresh.read.connect(self._after_reading)
        refresh.failed.connect(self._after_failure)
        refresh.resumed.connect(lambda: self.notifications.resumed(self.clock()))
        refresh.ticked.connect(lambda: self.notifications.tick(self.clock()))
        refresh.ticked.connect(self.render)  # after the tick: slots run in connection order

    @property
    def tracker(self) -> Tracker:
        """What the tray shows now."""
        return self.state.tracker

    def start(self) -> None:
        """Show the icon now; everything slow happens after the event loop runs."""
        self.render()
        self.surfaces.start(self._options.tray_grace_ms)
        self.refresh.start()
        self.notifications.started(self.clock())
        QTimer.singleShot(0, self._start_services)
        QTimer.singleShot(WARM_UP_MS, warm_up_popup)

    def _start_services(self) -> None:  # what costs start-up time, once the loop runs
        from trayscore.system.logs import configure_logging  # noqa: PLC0415 - costs start-up
        from trayscore.ui.notifications.choice import choose_notifier  # noqa: PLC0415
        from trayscore.ui.start_icon import start_icon_path  # noqa: PLC0415

        self._log_setup = configure_logging(self._paths.log_dir, verbose=self._options.verbose)
        if self._log_setup.warning:
            self.state.tracker = self.state.tracker.noticed(self._log_setup.warning)
        _log.info("trayscore %s started%s", __version__, " (demo)" if self._options.demo else "")
        self.notifier = choose_notifier(
            self.view.tray, self._environ, self.workers, lambda: str(start_icon_path(128)),
            parent=self,
        )  # fmt: skip
        self.notifications.set_notifier(self.notifier)
        problem = self.settings.problem
        if problem is not None:
            # A bad settings file: started on defaults for the bad values; say so, keep the file.
            _log.warning("settings problem: %s", problem.message)
            self.state.tracker = self.state.tracker.noticed(self.settings.notice())
            self.settings.show_file_problem()
        elif self.settings.needs_welcome():
            self.surfaces.show_welcome()
        self.refresh.watch_network()
        self.refresh_now()

    def _after_reading(self, fetched: Fetched) -> None:
        self.retirement.tell()
        self.render()
        self.notifications.reading(fetched.reading.score, self.clock())
        self.surfaces.show_runs()

    def _after_failure(self, error: TrayscoreError) -> None:
        self.render()
        self.notifications.failed(error, self.clock())
        self.retirement.tell()

    # ---- the actions the controllers may ask for --------------------------------------------

    def refresh_now(self) -> None:
        """Read the score now (unless a read is in flight or the network is down)."""
        self.refresh.refresh_now()

    def render(self) -> None:
        """Draw the current state everywhere it is shown."""
        self.surfaces.render()

    def show_history(self) -> None:
        """Show the popup (menu, notification, or a second start)."""
        self.surfaces.show_history()

    def apply_settings(self, settings: Settings) -> None:
        """New settings in force at once (see :meth:`SettingsController.apply`)."""
        self.settings.apply(settings)

    def window_handle(self) -> int:
        """A native window of ours for the sign-in broker."""
        return self.surfaces.window_handle()

    def settings_notice(self) -> str | None:
        """The settings file's problem, said beside the score."""
        return self.settings.notice()

    def restyle(self, settings: Settings) -> None:
        """The icon as the settings ask."""
        self.surfaces.restyle(icon_style(settings))

    def show_runs(self) -> None:
        """The history changed: the popup's chart follows."""
        self.surfaces.show_runs()

    def restart(self, arguments: list[str] | None = None) -> None:
        """Quit, and have ``run_tray`` start trayscore again (with ``arguments``) once gone."""
        self.restarting = True
        self.restart_arguments = tuple(arguments or ())
        self.quit()

    def quit(self) -> None:
        """Stop timers and workers, then leave the event loop with exit code 0."""
        self.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def shutdown(self) -> None:
        """Stop everything this object started; safe to call twice."""
        self.sign_in.cancel()
        self.refresh.stop()
        self.surfaces.close()
        self.settings.close()
        if self._log_setup is not None:
            self._log_setup.remove()
            self._log_setup = None
        if self.notifier is not None:
            self.notifier.close()
        self.workers.wait(QUIT_WAIT_MS)
        if self._simulator is not None:
            self._simulator.stop()
            self._simulator = None

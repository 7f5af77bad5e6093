"""Starting the tray app: the icon first, everything else after it is in the tray.

A bare PySide6 tray shows its icon in about 0.28 s here. To stay close to that, this module
imports only Qt and the single-instance check, shows the shipped "no data yet" icon, waits for the
tray host to take it in, and only then builds the rest (root.py), which in turn imports
requests, msal and keyring only when its first refresh starts. The root never imports this
module: what both need (:class:`AppOptions`) lives in options.py.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Slot
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from trayscore import __version__
from trayscore.app.options import AppOptions
from trayscore.system.instance_address import InstanceUnavailable, instance_address
from trayscore.system.paths import AppPaths
from trayscore.ui.single_instance import SingleInstance
from trayscore.ui.start_icon import start_icon

if TYPE_CHECKING:
    from trayscore.app.fleet import FleetApp
    from trayscore.app.root import TrayApp
    from trayscore.settings.model import Settings

__all__ = ["AppOptions", "run_tray", "when_embedded"]

EMBED_POLL_MS: Final = 10
EMBED_WAIT_S: Final = 2.0


def when_embedded(tray: QSystemTrayIcon, then: Callable[[], None]) -> None:
    """Call ``then`` once the tray host has taken the icon in (two seconds at most).

    QSystemTrayIcon has no "embedded" signal, but its geometry changes from the one it had
    before the host took it in. Without a tray there is nothing to wait for.
    """
    before = tray.geometry()
    deadline = time.monotonic() + EMBED_WAIT_S

    def check() -> None:
        waiting = tray.isVisible() and tray.geometry() == before
        if waiting and time.monotonic() < deadline:
            QTimer.singleShot(EMBED_POLL_MS, check)
            return
        then()

    QTimer.singleShot(0, check)


class _SignalWakeup(QObject):
    """Lets SIGTERM and Ctrl+C reach Python while Qt's event loop sleeps in C++."""

    def __init__(self, on_signal: Callable[[], None]) -> None:
        super().__init__()
        self._reader, self._writer = os.pipe()
        os.set_blocking(self._reader, False)
        os.set_blocking(self._writer, False)
        signal.set_wakeup_fd(self._writer)
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._on_signal = on_signal
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: self._on_signal())

    @Slot()
    def _drain(self) -> None:
        try:
            os.read(self._reader, 64)
        except OSError:
            return


def _log_refusal(paths: AppPaths, error: InstanceUnavailable) -> None:
    """Put why trayscore did not start in its log file: at login nobody sees stderr."""
    import logging  # noqa: PLC0415 - only this path logs before the app is up

    from trayscore.system.logs import configure_logging  # noqa: PLC0415

    with configure_logging(paths.log_dir, verbose=False):
        logging.getLogger("trayscore").error("not started: %s", error.message)


def start_again_if_wanted(built: Sequence[TrayApp | FleetApp]) -> None:
    """Start trayscore again for an app that quit to (new tenants, into or out of the demo).

    Only now is its single-instance name free: started before, the new one would find the old
    one still answering, ask it to show itself and leave.
    """
    for tray_app in built:
        if tray_app.restarting:
            from trayscore.app.restart import start_again  # noqa: PLC0415

            start_again(tray_app.restart_arguments)
            return


def run_tray(
    load_settings: Callable[[list[str]], Settings],
    paths: AppPaths,
    environ: Mapping[str, str],
    options: AppOptions,
) -> int:
    """Run the tray app until Quit, SIGTERM or Ctrl+C; returns the exit code.

    ``load_settings`` fills the list it is given with what was wrong in the settings (those
    values are left at their defaults): the app starts anyway and says so.
    """
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)  # noqa: S101 - this process owns the GUI
    app.setApplicationName("trayscore")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    try:
        instance = SingleInstance(instance_address(paths.config_dir, paths.state_dir, environ))
        if not instance.claim():
            return 0  # the running instance was asked to show itself
    except InstanceUnavailable as error:
        _log_refusal(paths, error)
        raise  # the command line prints it and exits with its code
    tray = QSystemTrayIcon(start_icon())
    tray.setToolTip("trayscore")
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray.show()
    built: list[TrayApp | FleetApp] = []
    kept: list[QObject] = []

    def build() -> None:
        from trayscore.app.language import install_language  # noqa: PLC0415
        from trayscore.app.options import fleet_wanted  # noqa: PLC0415
        from trayscore.core.errors import ConfigError  # noqa: PLC0415

        problems: list[str] = []
        settings = load_settings(problems)
        error = ConfigError(" ".join(problems)) if problems else None
        _locale, translators = install_language(app, settings.language)
        kept.extend(translators)  # Qt does not own them: they must outlive the views
        tray_app: TrayApp | FleetApp
        if fleet_wanted(settings, options):  # several tenants: the worst in the icon (ADR 016)
            from trayscore.app.fleet import FleetApp  # noqa: PLC0415 - after the icon is up

            tray_app = FleetApp(
                settings=settings, paths=paths, environ=dict(environ), options=options, tray=tray
            )
        else:
            from trayscore.app.root import TrayApp  # noqa: PLC0415 - after the icon is up

            tray_app = TrayApp(
                settings=settings,
                paths=paths,
                environ=dict(environ),
                options=options,
                tray=tray,
                settings_error=error,
            )
        instance.activated.connect(tray_app.show_history)
        built.append(tray_app)
        tray_app.start()

    wakeup = _SignalWakeup(lambda: built[0].quit() if built else app.quit())
    when_embedded(tray, build)
    code = app.exec()
    busy = False
    for tray_app in built:
        tray_app.shutdown()
        busy = busy or tray_app.workers.pool.activeThreadCount() > 0
    instance.release()
    start_again_if_wanted(built)
    del wakeup
    if busy:
        # A request still blocked in the network: do not wait for its timeout to exit.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return int(code)

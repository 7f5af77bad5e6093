"""Which backend shows a notification: chosen here, and only here.

The balloon works at once; on Linux the freedesktop service is probed on a worker thread after
the icon is up, and used from its answer on. When it fails or goes away, the balloon takes over
again, and what it failed to show is shown there rather than lost.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from trayscore.system.notification_service import Probed, probe
from trayscore.system.session import session_bus_address
from trayscore.ui.notifications.balloon import TrayMessageNotifier
from trayscore.ui.notifications.dbus import DBusNotifier
from trayscore.ui.worker import Workers


class ChoosingNotifier(QObject):
    """D-Bus while a service answers, the balloon otherwise; a failed send is shown anyway."""

    action_invoked = Signal(str, str)

    def __init__(self, fallback: TrayMessageNotifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fallback = fallback
        self.dbus: DBusNotifier | None = None
        self.closed = False
        fallback.action_invoked.connect(self.action_invoked)

    def use_dbus(self, notifier: DBusNotifier) -> None:
        """A service answered the probe: send there from now on (closed: it is closed instead)."""
        if self.closed:  # the probe answered after the app stopped
            notifier.close()
            return
        self.dbus = notifier
        notifier.action_invoked.connect(self.action_invoked)
        notifier.undelivered.connect(self._show_undelivered)
        notifier.lost.connect(self._lost)

    @property
    def via(self) -> str:
        """Which way a notification goes now: "dbus" or "tray" (for doctor and tests)."""
        return "dbus" if self.dbus is not None and self.dbus.alive else "tray"

    def notify(
        self,
        kind: str,
        title: str,
        body: str,
        *,
        critical: bool,
        actions: Sequence[tuple[str, str]],
        icon: str | None = None,
    ) -> None:
        """Show it one way or the other; never raises."""
        if self.dbus is not None and self.dbus.alive:
            try:
                self.dbus.notify(kind, title, body, critical=critical, actions=actions, icon=icon)
            except OSError:
                pass
            else:
                return
        self.fallback.notify(kind, title, body, critical=critical, actions=actions)

    def _show_undelivered(self, kind: str, title: str, body: str, critical: bool) -> None:
        """The service failed to take it: the balloon shows it rather than nothing."""
        self.fallback.notify(kind, title, body, critical=critical, actions=())

    def _lost(self) -> None:
        self.dbus = None

    def close(self) -> None:
        """The app stops: close the bus, and close whatever a late probe still brings."""
        self.closed = True
        if self.dbus is not None:
            self.dbus.close()


def choose_notifier(
    tray: QSystemTrayIcon,
    environ: Mapping[str, str],
    workers: Workers,
    icon_path: Callable[[], str],
    *,
    platform: str = sys.platform,
    parent: QObject | None = None,
) -> ChoosingNotifier:
    """The balloon at once; D-Bus notifications once a service answers (Linux and BSDs).

    ``icon_path`` is asked on the GUI thread when the service has answered (the bubble's
    default icon). The probe runs on ``workers``: connecting may start the service.
    """
    chooser = ChoosingNotifier(TrayMessageNotifier(tray), parent)
    if platform in {"win32", "darwin"}:
        return chooser
    address = session_bus_address(environ)
    if address is None:
        return chooser

    def found(result: Probed | None) -> None:
        if result is None:
            return
        if chooser.closed:  # answered after quit
            result.connection.close()
            return
        chooser.use_dbus(DBusNotifier(result, icon_path(), parent))

    workers.submit(lambda: probe(address), found, lambda _error: None)
    return chooser

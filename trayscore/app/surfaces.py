"""Everything the user looks at besides the icon's menu: popup, glance window, welcome, about.

:class:`SurfacesController` renders the shared state on the tray, the popup and the glance
window, makes the popup on first use, switches between the tray icon and the glance window as
trays come and go, and shows the small dialogs. What it cannot do itself it asks for through
its signals (NormCap's ``on_<event>`` idea); the app connects them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from trayscore import __version__
from trayscore.core.links import REGISTRATION_GUIDE_URL
from trayscore.system.window_memory import load_position, save_position
from trayscore.ui.icon import IconStyle

if TYPE_CHECKING:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QMessageBox

    from trayscore.app.retirement import RetirementNotice
    from trayscore.app.state import AppState, Clock
    from trayscore.settings.model import Settings
    from trayscore.system.paths import AppPaths
    from trayscore.ui.glance import GlanceWindow
    from trayscore.ui.link_dialog import LinkDialog
    from trayscore.ui.notifications.center import NotificationCenter
    from trayscore.ui.popup import HistoryPopup
    from trayscore.ui.tray import TrayView
    from trayscore.ui.welcome import WelcomeDialog

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
TRAY_POLL_MS: Final = 2_000


def icon_style(settings: Settings) -> IconStyle:
    """The icon the user chose in settings."""
    return IconStyle(monochrome=settings.icon_style == "monochrome", number=settings.icon_number)


def portal_page(settings: Settings) -> str:
    """The portal page that shows the primary score, on the configured cloud's portal."""
    from trayscore.core.catalog import source_named  # noqa: PLC0415

    return settings.cloud_info.portal_url + source_named(settings.source).portal_path


def open_in_browser(url: str) -> LinkDialog | None:
    """Open ``url`` in the browser; where none opens, a shown window to copy it from."""
    from PySide6.QtGui import QDesktopServices  # noqa: PLC0415

    if QDesktopServices.openUrl(QUrl(url)):
        return None
    from trayscore.ui.link_dialog import LinkDialog  # noqa: PLC0415

    dialog = LinkDialog(url)
    dialog.show()
    return dialog


def warm_up_popup() -> None:
    """Import the popup's modules on an idle moment, so the first click does not pay for them.

    Most of the cost is PySide6 building the ``Qt`` namespace's enums on first use (~40 ms here);
    bench/history.py measures the popup with and without it.
    """
    import trayscore.ui.popup  # noqa: F401, PLC0415


class SurfacesController(QObject):
    """The tray view, the popup, the glance window and the welcome; one render for all.

    Seams for tests: :attr:`popup` (made on first use), :attr:`existing_popup` (None until
    then), :attr:`glance`, :attr:`welcome`, and :attr:`tray_timer`.
    """

    switch_source_wanted = Signal()  # the popup's "Switch to Secure Score"
    settings_wanted = Signal()  # the welcome's and the popup's "Set up trayscore..."
    sign_in_wanted = Signal()  # the popup's "Sign in..."
    refresh_wanted = Signal()  # the popup's "Retry now"
    portal_wanted = Signal()  # the popup's "Open the ... page"
    # Quit and start again with these arguments: into the demo, or out of it. Only once this
    # process has let go of the single-instance name (run_tray), or the new one would leave.
    restart_wanted = Signal(list)

    def __init__(
        self,
        view: TrayView,
        state: AppState,
        *,
        notifications: NotificationCenter,
        retirement: RetirementNotice,
        locale: QLocale,
        paths: AppPaths,
        clock: Clock,
        style: IconStyle,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._state = state
        self._notifications = notifications
        self._retirement = retirement
        self._locale = locale
        self._paths = paths
        self._clock = clock
        self._style = style
        self.existing_popup: HistoryPopup | None = None
        self.glance: GlanceWindow | None = None
        self.welcome: WelcomeDialog | None = None
        self.link_dialog: LinkDialog | None = None  # shown when no browser opened a link
        self.about_box: QMessageBox | None = None
        self.tray_timer = QTimer(self)
        self.tray_timer.setInterval(TRAY_POLL_MS)
        self.tray_timer.timeout.connect(self.check_tray)
        view.set_icon_style(style)

    # ---- rendering ---------------------------------------------------------------------

    def render(self) -> None:
        """Draw the current state everywhere it is shown."""
        now = self._clock()
        state = self._state.tracker.state_at(now)
        self.view.show_snooze(self._notifications.snoozed_until_text(now))  # the icon's badge
        self.view.show_state(state, now, self._locale)
        if self.existing_popup is not None:
            self._render_popup(self.existing_popup, now)
        if self.glance is not None:
            self.glance.show_state(state, now, self._locale)

    def restyle(self, style: IconStyle) -> None:
        """Draw the icon (tray and glance) in the style the settings ask for."""
        self._style = style
        self.view.set_icon_style(style)
        if self.glance is not None:
            self.glance.icon_style = style

    def show_runs(self) -> None:
        """The history changed (a reading, another tenant): the popup's chart follows."""
        if self.existing_popup is not None:
            self.existing_popup.set_history(self._state.runs, self._clock())

    def notification_icon(self, kind: str) -> str | None:
        """The tray icon as it is now, as a PNG a notification server can show (cache folder)."""
        from trayscore.system.private_files import private_dir  # noqa: PLC0415
        from trayscore.ui.icon import icon_spec, render_pixmap  # noqa: PLC0415

        path = self._paths.cache_dir / f"notification-{kind}.png"
        try:
            private_dir(path.parent)  # Qt writes the fixed name through links: nobody else's
        except OSError:
            return None
        spec = icon_spec(self._state.tracker.state_at(self._clock()))
        return str(path) if render_pixmap(spec, 128).save(str(path), "PNG") else None

    # ---- the popup -----------------------------------------------------------------------

    @property
    def popup(self) -> HistoryPopup:
        """Made on first use: its widgets cost start-up time the icon should not wait for."""
        if self.existing_popup is None:
            from trayscore.ui.popup import HistoryPopup  # noqa: PLC0415

            popup = HistoryPopup()
            popup.export_requested.connect(self._export_history)
            popup.switch_source_requested.connect(self.switch_source_wanted)
            popup.action_requested.connect(self._popup_action)
            popup.set_more_menu(self.view.menu)
            popup.set_history(self._state.runs, self._clock())
            self._render_popup(popup, self._clock())
            self.existing_popup = popup
        return self.existing_popup

    def _popup_action(self, action: str) -> None:
        wanted = {
            "set-up": self.settings_wanted,
            "sign-in": self.sign_in_wanted,
            "retry": self.refresh_wanted,
            "portal": self.portal_wanted,
        }
        if action in wanted:
            wanted[action].emit()

    def _render_popup(self, popup: HistoryPopup, now: datetime) -> None:
        popup.show_state(self._state.tracker.state_at(now), now, self._locale)
        popup.show_retirement(self._retirement.text(now), can_switch=self._retirement.can_switch())

    def show_history(self) -> None:
        """Show the popup (menu, notification, or a second start)."""
        self.popup.show_now(self.view.tray.geometry())

    def toggle_history(self) -> None:
        """Left click on the icon (or the glance window)."""
        self.popup.toggle(self.view.tray.geometry())

    def window_handle(self) -> int:
        """The popup's native window handle (made without showing anything)."""
        return int(self.popup.winId())

    def _export_history(self, path: str) -> None:
        """Write the shown history as CSV where the user chose (small: fine on this thread)."""
        from trayscore.history.store import entries_to_csv  # noqa: PLC0415

        try:
            Path(path).write_text(entries_to_csv(self._state.runs), "utf-8")
        except OSError as error:
            self._state.tracker = self._state.tracker.noticed(
                translate("TrayApp", "Could not export the history: {reason}").format(
                    reason=error.strerror
                )
            )
            self.render()

    # ---- tray or glance --------------------------------------------------------------------

    def start(self, grace_ms: int) -> None:
        """Show the icon; without a tray after ``grace_ms``, the glance window instead."""
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.view.show()
        else:
            QTimer.singleShot(grace_ms, self._tray_missing)
        self.tray_timer.start()

    def _tray_missing(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.view.show()
            return
        self._show_glance()

    def _show_glance(self) -> None:
        if self.glance is None:
            from trayscore.ui.glance import GlanceWindow  # noqa: PLC0415 - rarely needed

            self.glance = GlanceWindow(self.view.menu)
            self.glance.icon_style = self._style
            self.glance.clicked.connect(self.toggle_history)
            self.glance.moved.connect(self._glance_moved)
            position = load_position(self._paths.state_dir)
            if position is not None:
                self.glance.move(QPoint(*position))
        self.render()
        self.glance.show()

    def _glance_moved(self, position: QPoint) -> None:
        save_position(self._paths.state_dir, position.x(), position.y())

    def check_tray(self) -> None:
        """Switch to the tray icon when a tray appears after all."""
        glance = self.glance
        if glance is not None and glance.isVisible() and QSystemTrayIcon.isSystemTrayAvailable():
            glance.hide()
            self.view.show()

    # ---- dialogs ---------------------------------------------------------------------------

    def show_welcome(self) -> None:
        """First run without a tenant or client id: what is needed, and the way to the demo."""
        from trayscore.ui.welcome import WelcomeDialog  # noqa: PLC0415

        # The published guide, rendered for reading; a raw .md from the source tree is not.
        dialog = WelcomeDialog(REGISTRATION_GUIDE_URL)
        dialog.settings_wanted.connect(self.settings_wanted)
        dialog.demo_wanted.connect(self._start_demo)
        self.welcome = dialog
        dialog.show()

    def _start_demo(self) -> None:
        """Try the demo: this quits, and trayscore starts again as the demo (its own history)."""
        self.restart_wanted.emit(["--demo"])

    def leave_demo(self) -> None:
        """Leave the demo: this quits, and trayscore starts for real (its settings, history)."""
        self.restart_wanted.emit([])

    def open_portal(self, url: str) -> None:
        """The portal page of the score shown, in the configured cloud, in the browser."""
        self.open_link(url)

    def open_link(self, url: str) -> None:
        """Open ``url`` in the browser; where none opens, a window to copy it from."""
        self.link_dialog = open_in_browser(url) or self.link_dialog

    def about(self, settings: Settings, *, demo: bool) -> None:
        """Version, which way the shown score is good, and where trayscore keeps its files."""
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        from trayscore.core.catalog import source_named  # noqa: PLC0415
        from trayscore.system.logs import LOG_FILE_NAME  # noqa: PLC0415
        from trayscore.ui.texts import source_title  # noqa: PLC0415

        spec = source_named(settings.source)
        direction = (
            translate("TrayApp", "{title}: lower is better.")
            if spec.lower_is_better
            else translate("TrayApp", "{title}: higher is better.")
        ).format(title=source_title(spec.name))
        history = self._paths.history_file(settings.cloud, settings.tenant, demo=demo)
        text = translate(
            "TrayApp",
            "trayscore {version}\nYour organisation's Microsoft security score, at a glance.\n"
            "{direction}\n\nSettings: {settings}\nHistory: {history}\nLog: {log}",
        ).format(
            version=__version__,
            direction=direction,
            settings=self._paths.settings_file,
            history=history,
            log=self._paths.log_dir / LOG_FILE_NAME,
        )
        box = QMessageBox(QMessageBox.Icon.NoIcon, translate("TrayApp", "About trayscore"), text)
        box.setObjectName("aboutDialog")
        box.setIconPixmap(self.view.icon.pixmap(64, 64))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setModal(False)
        self.about_box = box
        box.show()

    def close(self) -> None:
        """The app stops: stop polling for a tray, hide the icon, close the welcome."""
        self.tray_timer.stop()
        self.view.hide()
        if self.welcome is not None:
            self.welcome.close()

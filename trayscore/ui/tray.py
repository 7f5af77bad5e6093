"""The system-tray icon and its menu. It renders a DisplayState and says what the user asked for.

Signals out, ``render()`` in: the view never fetches, signs in or stores anything, so the app
wires it and tests drive it with plain states.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from trayscore.core.display_state import DisplayState, Look
from trayscore.ui.icon import IconSpec, IconStyle, build_icon, icon_spec
from trayscore.ui.start_icon import start_icon
from trayscore.ui.texts import status_line, tooltip


@dataclass(frozen=True)
class FleetLines:
    """What several tenants add to the worst one's state: the count, the tooltip, the status."""

    count: int
    tooltip: str
    status: str


class TrayView(QObject):
    """Icon, tooltip and menu; every action has an objectName for tests and accessibility."""

    refresh_requested = Signal()
    history_requested = Signal()
    popup_toggled = Signal()
    sign_in_requested = Signal()
    sign_out_requested = Signal()
    settings_requested = Signal()
    portal_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()
    snooze_requested = Signal(
        str
    )  # a trayscore.core.notice_policy.SnoozeChoice value, or "" to resume

    def __init__(self, parent: QObject | None = None, tray: QSystemTrayIcon | None = None) -> None:
        super().__init__(parent)
        self.tray = tray if tray is not None else QSystemTrayIcon()
        self.tray.setParent(self)
        self.tray.setObjectName("trayIcon")
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.status_action = self._action("statusLine", "")
        self.status_action.setEnabled(False)
        self.menu.addSeparator()
        self.refresh_action = self._action("refreshNow", self.tr("Refresh now"))
        self.history_action = self._action("showHistory", self.tr("Show history"))
        self.snooze_menu = self._make_snooze_menu()
        self.menu.addSeparator()
        self.set_up_action = self._action("setUp", self.tr("Set up trayscore..."))
        self.set_up_action.setVisible(False)
        self.sign_in_action = self._action("signIn", self.tr("Sign in..."))
        self.sign_out_action = self._action("signOut", self.tr("Sign out"))
        self.settings_action = self._action("settings", self.tr("Settings..."))
        self.portal_action = self._action("openPortal", self.tr("Open Defender portal"))
        self.menu.addSeparator()
        self.about_action = self._action("about", self.tr("About trayscore"))
        self.quit_action = self._action("quit", self.tr("Quit"))
        self.refresh_action.triggered.connect(self.refresh_requested)
        self.history_action.triggered.connect(self.history_requested)
        self.set_up_action.triggered.connect(self.settings_requested)  # its Account group first
        self.sign_in_action.triggered.connect(self.sign_in_requested)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.settings_action.triggered.connect(self.settings_requested)
        self.portal_action.triggered.connect(self.portal_requested)
        self.about_action.triggered.connect(self.about_requested)
        self.quit_action.triggered.connect(self.quit_requested)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)
        self._spec: IconSpec | None = None
        self._style = IconStyle()
        self._accounts = True
        self._snoozed = False
        self.icon_updates = 0

    def _make_snooze_menu(self) -> QMenu:
        menu = QMenu(self.tr("Snooze notifications"), self.menu)
        menu.setObjectName("snoozeMenu")
        menu.menuAction().setObjectName("snooze")
        self.snooze_actions: dict[str, QAction] = {}
        for choice, text in (
            ("1h", self.tr("For %n hour(s)", "", 1)),
            ("4h", self.tr("For %n hour(s)", "", 4)),
            ("tomorrow", self.tr("Until midnight")),  # the snooze ends at the next local midnight
            ("", self.tr("Resume notifications")),
        ):
            action = QAction(text, menu)
            action.setObjectName(f"snooze-{choice or 'resume'}")
            action.triggered.connect(lambda _=False, c=choice: self.snooze_requested.emit(c))
            menu.addAction(action)
            self.snooze_actions[choice] = action
        self.snooze_actions[""].setVisible(False)
        self.menu.addMenu(menu)
        return menu

    def show_snooze(self, until_text: str | None) -> None:
        """Say in the menu whether (and until when) notifications are snoozed."""
        snoozed = until_text is not None
        self._snoozed = snoozed  # the icon's badge, drawn at the next show_state
        self.snooze_menu.setTitle(
            self.tr("Notifications snoozed until {time}").format(time=until_text)
            if snoozed
            else self.tr("Snooze notifications")
        )
        self.snooze_actions[""].setVisible(snoozed)

    def _action(self, name: str, text: str) -> QAction:
        action = QAction(text, self.menu)
        action.setObjectName(name)
        self.menu.addAction(action)
        return action

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in {
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        }:
            self.popup_toggled.emit()

    def _device_pixel_ratio(self) -> float:
        screen = QGuiApplication.primaryScreen()
        return float(screen.devicePixelRatio()) if screen is not None else 1.0

    def show_state(
        self,
        state: DisplayState,
        now: datetime,
        locale: QLocale,
        fleet: FleetLines | None = None,
    ) -> None:
        """Show ``state``; the icon is replaced only when its picture changed.

        With several tenants ``state`` is the worst one's and ``fleet`` says the rest: the count
        on the icon, and the tooltip and status line that sum them up.
        """
        spec = icon_spec(state, self._style, snoozed=self._snoozed)
        if fleet is not None:
            spec = replace(spec, count=fleet.count)
        if spec != self._spec:
            self._spec = spec
            if spec.look is Look.NO_DATA and not spec.snoozed:
                self.tray.setIcon(start_icon())
            else:
                self.tray.setIcon(build_icon(spec, self._device_pixel_ratio()))
            self.icon_updates += 1
        self.tray.setToolTip(fleet.tooltip if fleet else tooltip(state, now, locale))
        self.status_action.setText(fleet.status if fleet else status_line(state, now, locale))
        signed_in = state.account is not None
        self.sign_out_action.setVisible(self._accounts and signed_in)
        self.sign_out_action.setText(
            self.tr("Sign out {account}").format(account=state.account)
            if signed_in
            else self.tr("Sign out")
        )
        set_up = state.look is Look.SET_UP
        self.set_up_action.setVisible(self._accounts and set_up)
        self.sign_in_action.setVisible(
            self._accounts and not set_up and (not signed_in or state.look is Look.SIGN_IN)
        )
        self.refresh_action.setEnabled(not state.refreshing)

    @property
    def spec(self) -> IconSpec | None:
        """What the icon draws now (None before the first render)."""
        return self._spec

    def set_icon_style(self, style: IconStyle) -> None:
        """Colour or monochrome, number or shape alone: drawn at the next ``show_state``."""
        self._style = style

    def set_accounts_shown(self, shown: bool) -> None:
        """Demo mode has no account to sign in to or out of: hide those entries."""
        self._accounts = shown
        self.set_up_action.setVisible(
            shown and self._spec is not None and self._spec.look is Look.SET_UP
        )
        self.sign_in_action.setVisible(shown)
        self.sign_out_action.setVisible(shown)

    @property
    def icon(self) -> QIcon:
        """The icon currently set."""
        return self.tray.icon()

    def show(self) -> None:
        """Show in the tray (Qt embeds it later by itself if the tray appears later)."""
        self.tray.show()

    def hide(self) -> None:
        """Remove from the tray."""
        self.tray.hide()

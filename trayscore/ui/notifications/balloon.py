"""The fallback backend: the tray icon's own balloon (every platform has one, it has no buttons)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

BALLOON_MS: Final = 10_000


class TrayMessageNotifier(QObject):
    """The fallback: the tray icon's own balloon; a click on it opens the history."""

    action_invoked = Signal(str, str)

    def __init__(self, tray: QSystemTrayIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tray = tray
        self._last_kind: str | None = None
        tray.messageClicked.connect(self._clicked)

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
        """Show the balloon (it has no buttons: a click means "default")."""
        del actions, icon
        self._last_kind = kind
        symbol = (
            QSystemTrayIcon.MessageIcon.Warning
            if critical
            else QSystemTrayIcon.MessageIcon.Information
        )
        self._tray.showMessage(title, body, symbol, BALLOON_MS)

    def _clicked(self) -> None:
        if self._last_kind is not None:
            self.action_invoked.emit(self._last_kind, "default")

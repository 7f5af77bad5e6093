"""What every notification backend offers: one call to show, one signal for the user's clicks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import SignalInstance


class Notifier(Protocol):
    """What shows a notification (D-Bus, or the tray's own balloon)."""

    @property
    def action_invoked(self) -> SignalInstance:
        """(kind, action key) when the user clicked a notification or one of its buttons."""
        ...

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
        """Show, replacing the previous notification of the same kind."""
        ...

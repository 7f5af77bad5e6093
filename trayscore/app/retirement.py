"""The Defender API's end (MC1220762): the popup's line, and one notification ever per account."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QLocale

    from trayscore.app.state import Clock
    from trayscore.system.paths import AppPaths


class Announcer(Protocol):
    """Where an app notice outside the notification policy goes (one tenant's or several's)."""

    def announce(
        self, kind: str, title: str, body: str, actions: Sequence[tuple[str, str]]
    ) -> bool:
        """Show it; False when no notifier is up yet."""


class RetirementNotice:
    """What to say about the retirement for the primary score in force, and telling it once.

    ``source`` and ``can_switch`` are asked each time: the settings change while the app runs.
    """

    def __init__(
        self,
        *,
        source: Callable[[], str],
        can_switch: Callable[[], bool],
        notifications: Announcer,
        locale: QLocale,
        paths: AppPaths,
        clock: Clock,
        demo: bool,
    ) -> None:
        self._source = source
        self.can_switch = can_switch
        self._notifications = notifications
        self._locale = locale
        self._paths = paths
        self._clock = clock
        self._demo = demo

    def text(self, now: datetime) -> str | None:
        """The popup's line about the end, or None when the primary score is not concerned."""
        from trayscore.core.retirement import utc_day  # noqa: PLC0415
        from trayscore.ui.retirement_notice import retirement_text  # noqa: PLC0415

        return retirement_text(self._source(), utc_day(now), self._locale)

    def tell(self) -> None:
        """Notify the coming (or past) end of the Defender API once, ever, per account."""
        from trayscore.system.window_memory import first_time  # noqa: PLC0415
        from trayscore.ui import retirement_notice as notice  # noqa: PLC0415

        text = self.text(self._clock())
        if text is None or self._demo:
            return
        actions = [(notice.SWITCH_ACTION, notice.switch_label())] if self.can_switch() else []
        if first_time(self._paths.state_dir, notice.NOTICE_KIND):
            self._notifications.announce(notice.NOTICE_KIND, notice.notice_title(), text, actions)

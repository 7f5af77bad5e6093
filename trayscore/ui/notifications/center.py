"""Notifications end to end: the pure policy decides, the texts word it, a notifier shows it.

The app reports what happened (start, resume, reading, failure, a clock tick, a snooze choice);
this object keeps the policy's state, turns each notice into words and hands it to the notifier,
and turns the user's clicks on a notification back into requests the app serves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from trayscore.core.catalog import DEFAULT_SOURCE, spec_for
from trayscore.core.errors import TrayscoreError
from trayscore.core.notice_policy import (
    Kind,
    Notice,
    NotificationPolicy,
    Outcome,
    PolicySettings,
    SnoozeChoice,
    snooze_until,
)
from trayscore.settings.model import NotificationSettings
from trayscore.ui.notifications.base import Notifier
from trayscore.ui.notifications.texts import notice_text
from trayscore.ui.retirement_notice import SWITCH_ACTION
from trayscore.ui.texts import time_text

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def policy_settings(settings: NotificationSettings) -> PolicySettings:
    """The user's switches and thresholds as the policy takes them."""
    from datetime import timedelta  # noqa: PLC0415

    switches = {
        Kind.BAND_CHANGED: settings.band_change,
        Kind.WORSENED: settings.score_rise,
        Kind.SIGN_IN_NEEDED: settings.sign_in,
        Kind.OUTAGE: settings.outage,
        Kind.RECOVERED: settings.recovery,
    }
    return PolicySettings(
        enabled=frozenset(kind for kind, on in switches.items() if on),
        worsened_by=settings.rise_points,
        outage_after=timedelta(minutes=settings.outage_minutes),
    )


def local_zone() -> tzinfo:
    """The system's time zone with its DST rules when known (for "until tomorrow")."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415

    from PySide6.QtCore import QTimeZone  # noqa: PLC0415

    name = bytes(QTimeZone.systemTimeZoneId().data()).decode(errors="replace")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = datetime.now().astimezone().tzinfo
        assert zone is not None  # noqa: S101 - astimezone() always sets one
        return zone


def demo_titled(title: str, *, demo: bool) -> str:
    """A notification's title as shown: marked as the demo's in demo mode."""
    if not demo:
        return title
    return translate("Notifications", "Demo: {title}").format(title=title)


def announce_through(
    notifier: Notifier | None,
    kind: str,
    title: str,
    body: str,
    actions: Sequence[tuple[str, str]],
    *,
    icon: str | None,
) -> bool:
    """An app notice outside the policy (told once by the caller); False when not shown."""
    if notifier is None:
        return False
    notifier.notify(kind, title, body, critical=False, actions=actions, icon=icon)
    return True


class NotificationCenter(QObject):
    """Owns the policy state; everything that may notify goes through here."""

    history_wanted = Signal()
    sign_in_wanted = Signal()
    snooze_changed = Signal()
    switch_source_wanted = Signal()  # the retirement notice's "Switch to Secure Score"

    def __init__(
        self,
        settings: NotificationSettings,
        locale: QLocale,
        *,
        zone: Callable[[], tzinfo] = local_zone,
        icon_for: Callable[[str], str | None] = lambda _kind: None,
        demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._demo = demo  # every title says "Demo: ": a simulated tenant must never pass as real
        self.policy = NotificationPolicy(settings=policy_settings(settings))
        self.locale = locale
        self._zone = zone
        self._icon_for = icon_for
        self._notifier: Notifier | None = None
        self._problem: str | None = None
        self.shown: list[Notice] = []  # every notice handed to the notifier, oldest first
        self.source = DEFAULT_SOURCE

    def set_notifier(self, notifier: Notifier) -> None:
        """Chosen after the icon is up (QtDBus costs start-up time)."""
        self._notifier = notifier
        notifier.action_invoked.connect(self._action)

    # ---- what happened -------------------------------------------------------------------

    def started(self, now: datetime) -> None:
        """Nothing is told in the first minute."""
        self.policy = self.policy.started(now)

    def resumed(self, now: datetime) -> None:
        """Back from sleep: a quiet minute again, so the wake-up refresh does not flood."""
        self.policy = self.policy.resumed(now)

    def reading(self, score: float, now: datetime) -> None:
        """A successful refresh."""
        self._problem = None
        self._tell(self.policy.reading(score, now), now)

    def failed(self, error: TrayscoreError, now: datetime) -> None:
        """A failed refresh (sign-in needed or anything else)."""
        self._problem = error.message
        self._tell(self.policy.failed(error, now), now)

    def tick(self, now: datetime) -> None:
        """The app's clock tick: tells what the quiet minute, a snooze or a gap held back."""
        self._tell(self.policy.tick(now), now)

    def new_series(self, source: str | None = None) -> None:
        """Another tenant, cloud or primary score: nothing is measured across the switch.

        The policy learns the new score's direction: a falling Secure Score is the bad news.
        """
        self._problem = None
        self.source = source or self.source
        self.policy = replace(
            self.policy.new_series(), lower_is_better=spec_for(self.source).lower_is_better
        )

    def apply(self, settings: NotificationSettings) -> None:
        """New switches and thresholds, keeping what was already told."""
        self.policy = self.policy.with_settings(policy_settings(settings))

    # ---- snooze --------------------------------------------------------------------------

    def snooze(self, choice: str, now: datetime) -> None:
        """A menu choice: "1h", "4h", "tomorrow", or "" to resume."""
        if choice:
            until = snooze_until(SnoozeChoice(choice), now, self._zone())
            self.policy = self.policy.snoozed(until)
        else:
            self.policy = self.policy.unsnoozed()
            self.tick(now)  # what the snooze held back, at once
        self.snooze_changed.emit()

    def snoozed_until_text(self, now: datetime) -> str | None:
        """For the menu: until when notifications are snoozed, or None."""
        until = self.policy.snoozed_until if self.policy.is_snoozed(now) else None
        return time_text(until, now, self.locale) if until is not None else None

    # ---- showing -------------------------------------------------------------------------

    def _tell(self, outcome: Outcome, now: datetime) -> None:
        self.policy, notice = outcome
        if notice is None or self._notifier is None:
            return
        text = notice_text(notice, now, self.locale, self._problem, self.source)
        self.shown.append(notice)
        self._notifier.notify(
            notice.kind.value,
            self._titled(text.title),
            text.body,
            critical=text.critical,
            actions=text.actions,
            icon=self._icon_for(notice.kind.value),
        )

    def announce(
        self, kind: str, title: str, body: str, actions: Sequence[tuple[str, str]]
    ) -> bool:
        """An app notice outside the policy (told once by the caller); False when not shown."""
        titled = self._titled(title)
        return announce_through(
            self._notifier, kind, titled, body, actions, icon=self._icon_for(kind)
        )

    def _titled(self, title: str) -> str:
        return demo_titled(title, demo=self._demo)

    def _action(self, kind: str, key: str) -> None:
        del kind
        if key == SWITCH_ACTION:
            self.switch_source_wanted.emit()
        elif key == "sign-in":
            self.sign_in_wanted.emit()
        elif key in {"history", "default"}:
            self.history_wanted.emit()

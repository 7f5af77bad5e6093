"""Notifications for several tenants: each tenant's own policy, every title naming its tenant.

Each tenant keeps its own :class:`~trayscore.core.notice_policy.NotificationPolicy` (its quiet
minute, its outage, its score's direction). Score news from several tenants within a minute is
one notification listing them (:class:`~trayscore.core.fleet.NoticeBatcher`); a sign-in, an
outage or a recovery is told at once, for its tenant. Snoozing holds every tenant's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from trayscore.core.catalog import DEFAULT_SOURCE, spec_for
from trayscore.core.errors import TrayscoreError
from trayscore.core.fleet import Batch, NoticeBatcher
from trayscore.core.notice_policy import (
    Notice,
    NotificationPolicy,
    Outcome,
    SnoozeChoice,
    Urgency,
    snooze_until,
)
from trayscore.settings.model import NotificationSettings
from trayscore.ui.notifications.base import Notifier
from trayscore.ui.notifications.center import (
    announce_through,
    demo_titled,
    local_zone,
    policy_settings,
)
from trayscore.ui.notifications.texts import notice_text
from trayscore.ui.texts import band_name, score_text, time_text

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class FleetNotices(QObject):
    """Every tenant's notifications through one notifier; clicks come back as requests."""

    history_wanted = Signal()
    sign_in_wanted = Signal(str)  # the tenant whose notification asked for it
    snooze_changed = Signal()

    def __init__(
        self,
        settings: NotificationSettings,
        locale: QLocale,
        tenants: Sequence[tuple[str, str]],
        *,
        demo: bool = False,
        zone: Callable[[], tzinfo] = local_zone,
        icon_for: Callable[[str], str | None] = lambda _kind: None,
        parent: QObject | None = None,
    ) -> None:
        """``tenants``: each tenant's name and primary source (whose direction it judges)."""
        super().__init__(parent)
        self.locale = locale
        self._demo = demo
        self._zone = zone
        self._icon_for = icon_for
        self._settings = policy_settings(settings)
        self._sources = dict(tenants)
        self.policies = {
            name: NotificationPolicy(
                settings=self._settings, lower_is_better=spec_for(source).lower_is_better
            )
            for name, source in tenants
        }
        self._problems: dict[str, str | None] = {}
        self.batcher = NoticeBatcher()
        self._notifier: Notifier | None = None
        self._told_sign_in: str | None = None  # the tenant of the last sign-in notification
        self.shown: list[Batch] = []  # every batch handed to the notifier, oldest first

    def set_notifier(self, notifier: Notifier) -> None:
        """Chosen after the icon is up (QtDBus costs start-up time)."""
        self._notifier = notifier
        notifier.action_invoked.connect(self._action)

    # ---- what happened -------------------------------------------------------------------

    def started(self, now: datetime) -> None:
        """Nothing is told in the first minute, for any tenant."""
        self.policies = {name: p.started(now) for name, p in self.policies.items()}

    def resumed(self, now: datetime) -> None:
        """Back from sleep: a quiet minute again for every tenant."""
        self.policies = {name: p.resumed(now) for name, p in self.policies.items()}

    def reading(self, tenant: str, score: float, now: datetime) -> None:
        """A tenant's successful refresh."""
        self._problems[tenant] = None
        self._outcome(tenant, self.policies[tenant].reading(score, now), now)

    def failed(self, tenant: str, error: TrayscoreError, now: datetime) -> None:
        """A tenant's failed refresh."""
        self._problems[tenant] = error.message
        self._outcome(tenant, self.policies[tenant].failed(error, now), now)

    def tick(self, now: datetime) -> None:
        """The clock tick: what each quiet minute or snooze held back, and the due batch."""
        for tenant, policy in list(self.policies.items()):
            self._outcome(tenant, policy.tick(now), now)
        self._tell(self.batcher.due(now), now)

    def _outcome(self, tenant: str, outcome: Outcome, now: datetime) -> None:
        self.policies[tenant], notice = outcome
        if notice is not None:
            self._tell(self.batcher.add(tenant, notice, now), now)

    # ---- snooze --------------------------------------------------------------------------

    def snooze(self, choice: str, now: datetime) -> None:
        """A menu choice: "1h", "4h", "tomorrow", or "" to resume, for every tenant."""
        if choice:
            until = snooze_until(SnoozeChoice(choice), now, self._zone())
            self.policies = {name: p.snoozed(until) for name, p in self.policies.items()}
        else:
            self.policies = {name: p.unsnoozed() for name, p in self.policies.items()}
            self.tick(now)
        self.snooze_changed.emit()

    def snoozed_until_text(self, now: datetime) -> str | None:
        """For the menu: until when notifications are snoozed, or None."""
        for policy in self.policies.values():
            if policy.is_snoozed(now) and policy.snoozed_until is not None:
                return time_text(policy.snoozed_until, now, self.locale)
        return None

    def apply(self, settings: NotificationSettings) -> None:
        """New switches and thresholds for every tenant, keeping what was already told."""
        self._settings = policy_settings(settings)
        self.policies = {name: p.with_settings(self._settings) for name, p in self.policies.items()}

    # ---- showing -------------------------------------------------------------------------

    def _tell(self, batches: list[Batch], now: datetime) -> None:
        if self._notifier is None:
            return
        for batch in batches:
            if not batch:
                continue
            self.shown.append(batch)
            if len(batch) == 1:
                tenant, notice = batch[0]
                self._tell_one(tenant, notice, now)
            else:
                self._tell_many(batch)

    def _tell_one(self, tenant: str, notice: Notice, now: datetime) -> None:
        source = self._sources.get(tenant, DEFAULT_SOURCE)
        text = notice_text(notice, now, self.locale, self._problems.get(tenant), source)
        if any(key == "sign-in" for key, _ in text.actions):
            self._told_sign_in = tenant
        title = translate("Notifications", "{tenant}: {title}").format(
            tenant=tenant, title=text.title
        )
        assert self._notifier is not None  # noqa: S101 - checked by the caller
        self._notifier.notify(
            notice.kind.value, self._titled(title), text.body, critical=text.critical,
            actions=text.actions, icon=self._icon_for(notice.kind.value),
        )  # fmt: skip

    def _tell_many(self, batch: Batch) -> None:
        """One notification for several tenants' score news: who, and their band now."""
        lines = []
        for tenant, notice in batch:
            source = self._sources.get(tenant, DEFAULT_SOURCE)
            if notice.score is None or notice.band is None:
                continue
            lines.append(
                translate("Notifications", "{tenant}: now {band} ({score})").format(
                    tenant=tenant,
                    band=band_name(notice.band),
                    score=score_text(notice.score, self.locale, source),
                )
            )
        worse = sum(1 for _, notice in batch if notice.got_worse)
        title = self.tr("Scores changed in %n tenant(s)", "", len(batch))
        if worse:
            title = self.tr("%n tenant(s) worsened", "", worse)
        critical = any(notice.urgency is Urgency.CRITICAL for _, notice in batch)
        history = (("history", translate("Notifications", "Show tenants")),)
        assert self._notifier is not None  # noqa: S101 - checked by the caller
        self._notifier.notify(
            batch[0][1].kind.value, self._titled(title), "\n".join(lines), critical=critical,
            actions=history, icon=self._icon_for(batch[0][1].kind.value),
        )  # fmt: skip

    def announce(
        self, kind: str, title: str, body: str, actions: Sequence[tuple[str, str]]
    ) -> bool:
        """An app notice outside the policies (told once by the caller); False when not shown."""
        titled = self._titled(title)
        return announce_through(
            self._notifier, kind, titled, body, actions, icon=self._icon_for(kind)
        )

    def _titled(self, title: str) -> str:
        return demo_titled(title, demo=self._demo)

    def _action(self, kind: str, key: str) -> None:
        del kind
        if key == "sign-in" and self._told_sign_in is not None:
            self.sign_in_wanted.emit(self._told_sign_in)
        elif key in {"history", "default"}:
            self.history_wanted.emit()

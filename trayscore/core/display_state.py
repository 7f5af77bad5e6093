"""The one state every view renders: icon, tooltip, menu status line, popup and glance window.

Pure: the app feeds it outcomes (a reading, an error) and asks for the state at a moment, so "is
this stale?" has one answer everywhere and is tested without Qt.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final

from trayscore.core.bands import Band
from trayscore.core.catalog import DEFAULT_SOURCE
from trayscore.core.errors import NotSetUp, SignInRequired, TrayscoreError
from trayscore.core.models import GroupReading, Reading

STALE_GRACE: Final = timedelta(minutes=1)


class Look(enum.StrEnum):
    """What the icon shows; each has its own drawing."""

    NO_DATA = "no-data"
    SET_UP = "set-up"  # no tenant and client ID yet: the way on is Set up, not Sign in
    SCORE = "score"
    STALE = "stale"
    SIGN_IN = "sign-in"
    ERROR = "error"


@dataclass(frozen=True)
class DisplayState:
    """Everything a view needs; derived, never stored by views."""

    look: Look
    reading: Reading | None = None
    last_success: datetime | None = None
    next_refresh: datetime | None = None
    account: str | None = None
    problem: str | None = None
    refreshing: bool = False
    source: str = DEFAULT_SOURCE  # the primary score: the icon's number, the headline's words
    others: tuple[Reading, ...] = ()  # the other sources' latest readings (popup rows)
    groups: tuple[GroupReading, ...] = ()  # exposure per device group, worst first
    foreign_hosts: tuple[str, ...] = ()  # hosts of overrides that are not Microsoft's
    tenant: str | None = None  # the configured tenant (domain or ID), for a ticket's summary
    demo: bool = False  # simulated data: every surface says so

    @property
    def band(self) -> Band | None:
        """The band of the reading shown, if any."""
        return self.reading.band if self.reading else None


@dataclass(frozen=True)
class Tracker:
    """Outcomes so far; immutable, so a view can never change what another one shows."""

    interval: timedelta
    reading: Reading | None = None
    last_success: datetime | None = None
    error: TrayscoreError | None = None
    failures: int = 0
    next_refresh: datetime | None = None
    account: str | None = None
    notice: str | None = None
    refreshing: bool = False
    source: str = DEFAULT_SOURCE
    others: tuple[Reading, ...] = ()
    groups: tuple[GroupReading, ...] = ()
    foreign_hosts: tuple[str, ...] = ()  # Settings.foreign_token_hosts: warned in the tooltip
    tenant: str | None = None
    demo: bool = False

    def succeeded(self, reading: Reading) -> Tracker:
        """A fresh reading clears any problem."""
        return replace(
            self,
            reading=reading,
            last_success=reading.fetched_at,
            error=None,
            failures=0,
            refreshing=False,
        )

    def failed(self, error: TrayscoreError) -> Tracker:
        """A failed refresh keeps the last reading; the problem is shown beside it."""
        return replace(self, error=error, failures=self.failures + 1, refreshing=False)

    def started(self) -> Tracker:
        """A request is in flight."""
        return replace(self, refreshing=True)

    def scheduled(self, when: datetime | None) -> Tracker:
        """The next refresh (None: waiting for the user, e.g. to sign in)."""
        return replace(self, next_refresh=when)

    def signed_in_as(self, account: str | None) -> Tracker:
        """The account the tooltip names (None after sign-out)."""
        return replace(self, account=account)

    def with_extras(self, others: tuple[Reading, ...], groups: tuple[GroupReading, ...]) -> Tracker:
        """The secondary readings and the device groups fetched with the primary score."""
        return replace(self, others=others, groups=groups)

    def noticed(self, notice: str | None) -> Tracker:
        """A standing remark shown when nothing is wrong (e.g. tokens kept in memory only)."""
        return replace(self, notice=notice)

    def stale_after(self) -> timedelta:
        """Two missed refreshes and a grace minute: then the number is no longer current."""
        return 2 * self.interval + STALE_GRACE

    def state_at(self, now: datetime) -> DisplayState:
        """The state to draw at ``now``."""
        problem = self.error.message if self.error else self.notice
        if isinstance(self.error, NotSetUp):
            look = Look.SET_UP
        elif isinstance(self.error, SignInRequired):
            look = Look.SIGN_IN
        elif self.reading is None or self.last_success is None:
            look = Look.ERROR if self.error else Look.NO_DATA
        elif now - self.last_success > self.stale_after():
            look = Look.STALE
        else:
            look = Look.SCORE
        return DisplayState(
            look=look,
            reading=self.reading,
            last_success=self.last_success,
            next_refresh=self.next_refresh,
            account=self.account,
            problem=problem,
            refreshing=self.refreshing,
            source=self.source,
            others=self.others,
            groups=self.groups,
            foreign_hosts=self.foreign_hosts,
            tenant=self.tenant,
            demo=self.demo,
        )

"""Several tenants in one tray, as pure logic (issue 21).

Which tenant is worst, what the rest add up to, when each is read, and how their score news is
told together.

The tray shows one icon for a fleet of tenants: the worst tenant with a score, judged in each
source's own direction (an exposure score of 81 is poor, a Secure Score of 81% is good). The
requests are spread over the interval and capped, so fifty tenants never arrive at the service
together, and each tenant backs off alone. Wordless: the ui layer says it in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Final

from trayscore.core.bands import SCORE_MAX, Severity
from trayscore.core.catalog import severity, spec_for
from trayscore.core.display_state import DisplayState, Look
from trayscore.core.notice_policy import Kind, Notice

SEVERITY_RANK: Final = MappingProxyType({Severity.POOR: 3, Severity.FAIR: 2, Severity.GOOD: 1})
"""Higher is worse: the first half of :func:`badness`."""

SCORED_LOOKS: Final = frozenset({Look.SCORE, Look.STALE})
UNSCORED_ORDER: Final = (Look.SIGN_IN, Look.ERROR, Look.SET_UP, Look.NO_DATA)
"""After the tenants with a score: first what the user can fix, last what is merely early."""

SCORE_NEWS: Final = frozenset({Kind.BAND_CHANGED, Kind.WORSENED})
BATCH_WINDOW: Final = timedelta(minutes=1)

Batch = list[tuple[str, Notice]]
"""One notification: (tenant name, notice) pairs, in the order they first arrived."""


@dataclass(frozen=True)
class TenantView:
    """One tenant as the tray shows it: its name in the settings and its state now."""

    name: str
    state: DisplayState


def badness(state: DisplayState) -> tuple[int, float] | None:
    """How bad the score shown is, higher worse; None when no score is shown.

    (severity rank, directional score): poor 3, fair 2, good 1 by the source's bands, then the
    score itself where lower is better, else 100 minus it. A stale score counts with its last
    value. A points-only reading (no maximum, so no percentage and no band) has none.
    """
    reading = state.reading
    if state.look not in SCORED_LOOKS or reading is None or not reading.banded:
        return None
    rank = SEVERITY_RANK[severity(reading.source, reading.band)]
    lower_is_better = spec_for(reading.source).lower_is_better
    directional = reading.score if lower_is_better else SCORE_MAX - reading.score
    return rank, directional


def _order(view: TenantView) -> tuple[int, int, float]:
    bad = badness(view.state)
    if bad is not None:
        return 0, -bad[0], -bad[1]
    look = view.state.look
    place = UNSCORED_ORDER.index(look) if look in UNSCORED_ORDER else len(UNSCORED_ORDER)
    return 1, place, 0.0


def ranked(tenants: Sequence[TenantView]) -> list[TenantView]:
    """Worst first: those with a score by :func:`badness`, then sign-in, error, set-up, no data.

    Ties keep the settings' order. A score without a band (points only) comes last.
    """
    return sorted(tenants, key=_order)


def worst(tenants: Sequence[TenantView]) -> TenantView | None:
    """The worst tenant with a score (what the icon shows); None when none has one."""
    first = ranked(tenants)[:1]
    return first[0] if first and badness(first[0].state) is not None else None


@dataclass(frozen=True)
class FleetSummary:
    """The fleet in numbers, for the tooltip and the menu's status line.

    ``worst`` plus ``others`` plus the four counts make ``total``; ``others`` holds every
    severity, zero included.
    """

    worst: TenantView | None
    total: int
    others: Mapping[Severity, int]  # the other tenants with a score, counted by severity
    needs_sign_in: int  # look SIGN_IN or SET_UP: the user has something to do
    failing: int  # look ERROR
    waiting: int  # look NO_DATA: nothing read yet
    unbanded: int = 0  # a score without a band (points only): shown, not judged


def summarise(tenants: Sequence[TenantView]) -> FleetSummary:
    """Count the fleet: the worst, the others by severity, and those without a score by why."""
    top = worst(tenants)
    others = dict.fromkeys(Severity, 0)
    looks = dict.fromkeys(Look, 0)
    unbanded = 0
    for view in tenants:
        reading = view.state.reading
        if badness(view.state) is not None and reading is not None:
            if view is not top:
                others[severity(reading.source, reading.band)] += 1
        elif view.state.look in SCORED_LOOKS:
            unbanded += 1
        else:
            looks[view.state.look] += 1
    return FleetSummary(
        worst=top,
        total=len(tenants),
        others=MappingProxyType(others),
        needs_sign_in=looks[Look.SIGN_IN] + looks[Look.SET_UP],
        failing=looks[Look.ERROR],
        waiting=looks[Look.NO_DATA],
        unbanded=unbanded,
    )


def _unique(names: Sequence[str]) -> tuple[str, ...]:
    if len(set(names)) != len(names):
        raise ValueError(f"tenant names must be unique, got {list(names)!r}")
    return tuple(names)


class Schedule:
    """One shared scheduler for N tenants: staggered, and capped at ``max_in_flight`` requests.

    Each tenant has its own due time, so its own interval and backoff. Pure: the Qt side keeps
    ONE single-shot timer set to :meth:`next_wake`, calls :meth:`due` when it fires, and sets
    the timer again after every call here (each may move the next wake).
    """

    def __init__(
        self,
        names: Sequence[str],
        interval: timedelta,
        start: datetime,
        *,
        max_in_flight: int = 2,
    ) -> None:
        if interval <= timedelta(0):
            raise ValueError(f"the interval must be positive, got {interval}")
        if max_in_flight < 1:
            raise ValueError(f"max_in_flight must be at least 1, got {max_in_flight}")
        self._interval = interval
        self._max = max_in_flight
        self._names: tuple[str, ...] = ()
        self._due: dict[str, datetime | None] = {}  # None: waiting for the user
        self._in_flight: set[str] = set()
        self._again: set[str] = set()  # woken while in flight: due at once when it ends
        self.rename(names, start)

    # -- the timer's side ---------------------------------------------------------------------

    def due(self, now: datetime) -> list[str]:
        """The tenants to read now, oldest due first, at most the free slots; now in flight."""
        free = self._max - len(self._in_flight)
        if free <= 0:
            return []
        ready = [
            (when, index, name)
            for index, name in enumerate(self._names)
            if name not in self._in_flight and (when := self._due[name]) is not None and when <= now
        ]
        chosen = [name for _, _, name in sorted(ready)[:free]]
        self._in_flight.update(chosen)
        return chosen

    def finished(self, name: str, now: datetime, delay: float | None) -> None:
        """Its request ended: next due ``delay`` seconds from ``now``, or (None) when woken.

        The caller's RefreshPolicy gives the delay (after_success, or after_failure with this
        tenant's own failure count), so one tenant's backoff never moves another. A tenant
        removed while its request ran is forgotten here; an unknown name is ignored.
        """
        self._in_flight.discard(name)
        if name not in self._due:
            return
        if name in self._again:
            self._again.discard(name)
            self._due[name] = now
        elif delay is None:
            self._due[name] = None
        else:
            self._due[name] = now + timedelta(seconds=max(0.0, delay))

    def wake(self, name: str, now: datetime) -> None:
        """Due at once (signed in, or "Refresh now" on its row); unknown names are ignored.

        A tenant in flight is read again as soon as its request ends: the sign-in may have
        finished after that request set out. An earlier due time is kept, so it keeps its turn.
        """
        if name not in self._due:
            return
        if name in self._in_flight:
            self._again.add(name)
            return
        when = self._due[name]
        self._due[name] = now if when is None else min(when, now)

    def wake_all(self, now: datetime) -> None:
        """Due at once, everyone ("Refresh now"); still capped by the slots.

        Those in flight are being read already and are left alone.
        """
        for name in self._names:
            if name not in self._in_flight:
                self.wake(name, now)

    # -- questions ----------------------------------------------------------------------------

    def next_wake(self) -> datetime | None:
        """When to call :meth:`due` next, or None.

        The earliest due among tenants neither in flight nor waiting for the user. None when
        there is none, or when every slot is busy (the next :meth:`finished` frees one: ask
        again after it), so a timer set to a due time in the past never spins.
        """
        if len(self._in_flight) >= self._max:
            return None
        times = [
            when
            for name, when in self._due.items()
            if when is not None and name not in self._in_flight
        ]
        return min(times, default=None)

    def next_due(self, name: str) -> datetime | None:
        """When this tenant is read next (its row's "next refresh").

        Past while it waits for a slot; None while it is in flight, waits for the user, or is
        unknown.
        """
        if name in self._in_flight:
            return None
        return self._due.get(name)

    @property
    def in_flight(self) -> frozenset[str]:
        """The tenants whose request is running (one removed meanwhile stays until it ends)."""
        return frozenset(self._in_flight)

    @property
    def names(self) -> tuple[str, ...]:
        """The tenants scheduled, in the settings' order."""
        return self._names

    @property
    def interval(self) -> timedelta:
        """The interval the first requests of new tenants are spread over."""
        return self._interval

    # -- the settings' side -------------------------------------------------------------------

    def rename(self, names: Sequence[str], now: datetime) -> None:
        """The settings' list changed: keep who stays, spread the new ones, drop the removed.

        Names that stay keep their due times; removed ones are dropped (one in flight keeps its
        slot until it finishes, and is then forgotten). Tenant i of the n new ones is first due
        at ``now + i * interval / n``: the first at once.
        """
        kept = _unique(names)
        fresh = [name for name in kept if name not in self._due]
        due: dict[str, datetime | None] = {
            name: self._due[name] for name in kept if name in self._due
        }
        step = self._interval / len(fresh) if fresh else timedelta(0)
        for index, name in enumerate(fresh):
            due[name] = now + index * step
        self._names = kept
        self._due = {name: due[name] for name in kept}
        self._again &= set(kept)


class NoticeBatcher:
    """Score news from several tenants within ``window`` becomes one notification.

    Band changes (Kind.BAND_CHANGED and Kind.WORSENED) are held and listed together; every
    other kind is told at once, per tenant. The window runs from the first held notice. The Qt
    side sets a single-shot timer to :meth:`next_wake` after every :meth:`add` and calls
    :meth:`due` when it fires.
    """

    def __init__(self, window: timedelta = BATCH_WINDOW) -> None:
        if window < timedelta(0):
            raise ValueError(f"the window must not be negative, got {window}")
        self._window = window
        self._opened: datetime | None = None
        self._held: dict[str, Notice] = {}

    def add(self, tenant: str, notice: Notice, now: datetime) -> list[Batch]:
        """What to tell now, as notifications (batches).

        First a held batch whose window has passed, then, for any other kind than score news,
        this notice as a batch of one. Score news is held; a tenant held twice keeps its first
        place and its latest notice.
        """
        told = self.due(now)
        if notice.kind not in SCORE_NEWS:
            return [*told, [(tenant, notice)]]
        if self._opened is None:
            self._opened = now
        self._held[tenant] = notice
        return told

    def due(self, now: datetime) -> list[Batch]:
        """The held batch once its window has passed ([] otherwise).

        The window runs from the first held notice and has passed at its end exactly.
        """
        if self._opened is None or now < self._opened + self._window:
            return []
        batch = list(self._held.items())
        self._opened = None
        self._held = {}
        return [batch]

    def next_wake(self) -> datetime | None:
        """When the held batch is due; None when nothing is held."""
        return None if self._opened is None else self._opened + self._window

    @property
    def held(self) -> tuple[str, ...]:
        """The tenants whose score news is waiting for the window to close."""
        return tuple(self._held)

"""When to tell the user something: the notification policy, as pure logic.

The app feeds in what happened (a reading, a failure, start, resume, snooze) with the time it
happened and shows whatever ``Notice`` comes back; the wording lives in the Qt layer. Being pure,
every rule is tested as a sequence of (event, time) in and notices out.

Choices the issue left open, made here:

- Scores are compared as the integers the icon shows (``bands.displayed_integer``), like the
  band: "up 5" is what the user can check against the icon, never 4.6 rounded up by a popup.
- One baseline serves both score kinds: the last value the user was *told* (or the first reading,
  adopted silently). It moves only when a band or worsened notice is actually shown. A kind that is
  switched off, gapped, quiet or snoozed changes nothing, so the other kind still measures from
  what the user last heard, and a change is told late rather than lost. Improvements inside a
  band are not told and do not move the baseline ("worse" means worse than what you were told).
- A band change that carries a worsening of at least the threshold stands in for the worsened
  notice and restarts its gap; a band change is itself never gapped.
- Conditions, not edges: sign-in, outage and recovery are told when the state is true and
  allowed, so one held back by the quiet minute, a snooze or a gap is told later (``tick``),
  and one that stopped being true meanwhile is dropped. Sign-in failures are not retried on a
  timer, so the app calls ``tick`` at ``wake_at`` to tell them after the quiet minute.
- Sign-in: told once per episode (from a sign-in failure until the next success); another
  failure kind in between does not end the episode. Not set up, or no account at all (the
  first run), is never told: nothing was lost, and the icon and menu show the next step.
- Outage: consecutive failures that are not sign-in, timed from the first of them; resume
  restarts that clock (sleep is not failing). An outage is told once until a success; any
  score notice after it also answers "it works again", so it supersedes the recovery notice.
- Urgency is critical for sign-in and for score notices in the worst band; outage and recovery
  are normal. Direction: with ``lower_is_better=False`` "worse" is a fall and the worst band is
  ``Band.LOW`` (bands stay where the number sits).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Final, TypeAlias

from trayscore.core.bands import Band, band_of, displayed_integer
from trayscore.core.errors import NotSetUp, NotSignedIn, SignInRequired, TrayscoreError

QUIET: Final = timedelta(minutes=1)
WORSENED_BY: Final = 5
OUTAGE_AFTER: Final = timedelta(minutes=60)
WORSENED_GAP: Final = timedelta(minutes=30)
SIGN_IN_GAP: Final = timedelta(hours=1)
OUTAGE_GAP: Final = timedelta(hours=2)


class Kind(enum.StrEnum):
    """What a notice is about; neutral names, so they read right in either direction."""

    BAND_CHANGED = "band-changed"
    WORSENED = "worsened"
    SIGN_IN_NEEDED = "sign-in-needed"
    OUTAGE = "outage"
    RECOVERED = "recovered"


class Urgency(enum.StrEnum):
    """The freedesktop urgency the notification is shown with."""

    NORMAL = "normal"
    CRITICAL = "critical"


class SnoozeChoice(enum.StrEnum):
    """The three snooze entries of the tray menu."""

    ONE_HOUR = "1h"
    FOUR_HOURS = "4h"
    UNTIL_TOMORROW = "tomorrow"


class Condition(enum.StrEnum):
    """The latest outcome; which notices can be due depends on it."""

    NONE = "none"
    WORKING = "working"
    SIGN_IN = "sign-in"
    FAILING = "failing"


@dataclass(frozen=True)
class PolicySettings:
    """The user's notification settings; defaults are the named constants above."""

    enabled: frozenset[Kind] = frozenset(Kind)
    worsened_by: int = WORSENED_BY
    outage_after: timedelta = OUTAGE_AFTER
    worsened_gap: timedelta = WORSENED_GAP
    sign_in_gap: timedelta = SIGN_IN_GAP
    outage_gap: timedelta = OUTAGE_GAP
    quiet: timedelta = QUIET

    def __post_init__(self) -> None:
        if self.worsened_by < 1:
            raise ValueError(f"worsened_by must be at least 1 point, got {self.worsened_by}")
        for name in ("outage_after", "worsened_gap", "sign_in_gap", "outage_gap", "quiet"):
            if getattr(self, name) < timedelta(0):
                raise ValueError(f"{name} must not be negative")


@dataclass(frozen=True)
class Mark:
    """A score and when it was seen."""

    score: float
    at: datetime

    @property
    def shown(self) -> int:
        """The integer the icon shows for it."""
        return displayed_integer(self.score)

    @property
    def band(self) -> Band:
        """Its band, by the number shown."""
        return band_of(self.score)


@dataclass(frozen=True)
class Notice:
    """What to tell, as data; the UI turns it into words.

    ``change`` is shown-now minus shown-then (its sign is the number's, ``got_worse`` says what it
    means); ``previous_*`` is the value last told, so the UI can say "up 9 since this morning".
    For failure kinds ``score`` and ``band`` are the last known value, ``since`` is when the
    outage began (outage and recovery) and ``error_kind`` is ``TrayscoreError.kind``.
    """

    kind: Kind
    urgency: Urgency
    score: float | None = None
    band: Band | None = None
    previous_score: float | None = None
    previous_band: Band | None = None
    previous_at: datetime | None = None
    change: int | None = None
    got_worse: bool | None = None
    since: datetime | None = None
    error_kind: str | None = None


Outcome: TypeAlias = tuple["NotificationPolicy", Notice | None]
"""A new policy state, and the notice to show now (None: nothing)."""


def _utc(moment: datetime) -> datetime:
    """Aware UTC, because arithmetic within one zone is wall-clock time and goes wrong at DST."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"the policy needs timezone-aware times, got {moment!r}")
    return moment.astimezone(UTC)


def snooze_until(choice: SnoozeChoice, now: datetime, tz: tzinfo) -> datetime:
    """The end of a snooze chosen at ``now``; "tomorrow" is the next midnight in ``tz``.

    Hours are real elapsed hours (so a DST change does not shorten them). A midnight that the
    clocks skip resolves to the first moment of the new day.
    """
    now = _utc(now)
    if choice is SnoozeChoice.ONE_HOUR:
        return now + timedelta(hours=1)
    if choice is SnoozeChoice.FOUR_HOURS:
        return now + timedelta(hours=4)
    tomorrow = now.astimezone(tz).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(), tzinfo=tz).astimezone(UTC)


def _over(told_at: datetime | None, gap: timedelta, now: datetime) -> bool:
    return told_at is None or now - told_at >= gap


@dataclass(frozen=True)
class NotificationPolicy:
    """Everything the policy remembers; every event returns a new one (and maybe a notice).

    Build one with ``NotificationPolicy(settings, lower_is_better=...)`` and call ``started``.
    Times must be timezone-aware; they are kept in UTC.
    """

    settings: PolicySettings = PolicySettings()
    lower_is_better: bool = True
    baseline: Mark | None = None
    latest: Mark | None = None
    condition: Condition = Condition.NONE
    error_kind: str | None = None
    failing_since: datetime | None = None
    outage_since: datetime | None = None
    sign_in_told: bool = False
    quiet_until: datetime | None = None
    snoozed_until: datetime | None = None
    worsened_told_at: datetime | None = None
    sign_in_told_at: datetime | None = None
    outage_told_at: datetime | None = None

    # -- events -------------------------------------------------------------------------------

    def started(self, now: datetime) -> NotificationPolicy:
        """The app started: a quiet minute, so start-up noise is not announced."""
        return replace(self, quiet_until=_utc(now) + self.settings.quiet)

    def resumed(self, now: datetime) -> NotificationPolicy:
        """Back from sleep: a quiet minute (no flood on wake); the outage clock starts afresh."""
        return replace(self, quiet_until=_utc(now) + self.settings.quiet, failing_since=None)

    def reading(self, score: float, now: datetime) -> Outcome:
        """A successful refresh; the first one ever only sets the baseline."""
        displayed_integer(score)  # reject an impossible score before it becomes the baseline
        now = _utc(now)
        mark = Mark(score, now)
        state = replace(
            self,
            baseline=self.baseline or mark,
            latest=mark,
            condition=Condition.WORKING,
            error_kind=None,
            failing_since=None,
            sign_in_told=False,
        )
        return state.tick(now)

    def failed(self, error: TrayscoreError, now: datetime) -> Outcome:
        """A failed refresh: sign-in needed, or one more failure towards an outage."""
        now = _utc(now)
        if isinstance(error, (NotSetUp, NotSignedIn)):
            # Never set up, or never signed in: the user is at the start, and the icon, menu and
            # popup show the next step. A critical "sign in again" here would only alarm.
            waiting = replace(
                self, condition=Condition.SIGN_IN, error_kind=error.kind, failing_since=None
            )
            return replace(waiting, sign_in_told=True), None
        if isinstance(error, SignInRequired):
            state = replace(
                self, condition=Condition.SIGN_IN, error_kind=error.kind, failing_since=None
            )
        else:
            since = self.failing_since if self.condition is Condition.FAILING else None
            state = replace(
                self,
                condition=Condition.FAILING,
                error_kind=error.kind,
                failing_since=since or now,
            )
        return state.tick(now)

    def tick(self, now: datetime) -> Outcome:
        """Tell whatever is due at ``now`` and was held back (quiet minute, snooze, gap)."""
        now = _utc(now)
        if self.is_held(now):
            return self, None
        if self.condition is Condition.WORKING:
            return self._score_or_recovery(now)
        if self.condition is Condition.SIGN_IN:
            return self._sign_in(now)
        if self.condition is Condition.FAILING:
            return self._outage(now)
        return self, None

    def snoozed(self, until: datetime) -> NotificationPolicy:
        """Tell nothing before ``until``; what is still true afterwards is told then."""
        return replace(self, snoozed_until=_utc(until))

    def unsnoozed(self) -> NotificationPolicy:
        """End the snooze now; call ``tick`` to tell what it held back at once."""
        return replace(self, snoozed_until=None)

    def new_series(self) -> NotificationPolicy:
        """Another tenant or cloud: its first reading sets a new baseline, nothing is compared.

        Settings, the snooze and the quiet minute stay: they are the user's, not the tenant's.
        """
        return NotificationPolicy(
            settings=self.settings,
            lower_is_better=self.lower_is_better,
            quiet_until=self.quiet_until,
            snoozed_until=self.snoozed_until,
        )

    def with_settings(self, settings: PolicySettings) -> NotificationPolicy:
        """New settings apply from the next event; nothing remembered is lost."""
        return replace(self, settings=settings)

    # -- questions ----------------------------------------------------------------------------

    def is_snoozed(self, now: datetime) -> bool:
        """Whether a snooze is in force (the menu shows "Snoozed until ...")."""
        return self.snoozed_until is not None and _utc(now) < self.snoozed_until

    def is_held(self, now: datetime) -> bool:
        """Whether every notice is held back at ``now`` (quiet minute or snooze)."""
        now = _utc(now)
        quiet = self.quiet_until is not None and now < self.quiet_until
        return quiet or self.is_snoozed(now)

    def wake_at(self, now: datetime) -> datetime | None:
        """The earliest moment from ``now`` at which ``tick`` would tell something, if any.

        Without new events the answer only changes where a hold, a gap or the outage threshold
        ends, so trying those moments is exact. The app sets a single-shot timer for it.
        """
        now = _utc(now)
        s = self.settings
        ends = [
            now,
            self.quiet_until,
            self.snoozed_until,
            self.failing_since and self.failing_since + s.outage_after,
            self.worsened_told_at and self.worsened_told_at + s.worsened_gap,
            self.sign_in_told_at and self.sign_in_told_at + s.sign_in_gap,
            self.outage_told_at and self.outage_told_at + s.outage_gap,
        ]
        for moment in sorted({end for end in ends if end is not None and end >= now}):
            if self.tick(moment)[1] is not None:
                return moment
        return None

    # -- rules --------------------------------------------------------------------------------

    def _on(self, kind: Kind) -> bool:
        return kind in self.settings.enabled

    def _worst_band(self) -> Band:
        return Band.HIGH if self.lower_is_better else Band.LOW

    def _urgency(self, band: Band) -> Urgency:
        return Urgency.CRITICAL if band is self._worst_band() else Urgency.NORMAL

    def _score_or_recovery(self, now: datetime) -> Outcome:
        latest, base = self.latest, self.baseline
        if latest is None or base is None:  # pragma: no cover - WORKING always has both
            return self, None
        change = latest.shown - base.shown
        worse_by = change if self.lower_is_better else -change
        rose = worse_by >= self.settings.worsened_by
        if latest.band is not base.band and self._on(Kind.BAND_CHANGED):
            kind = Kind.BAND_CHANGED
        elif (
            rose
            and self._on(Kind.WORSENED)
            and _over(self.worsened_told_at, self.settings.worsened_gap, now)
        ):
            kind = Kind.WORSENED
        elif self.outage_since is not None:
            return self._recovery(latest)
        else:
            return self, None
        notice = Notice(
            kind=kind,
            urgency=self._urgency(latest.band),
            score=latest.score,
            band=latest.band,
            previous_score=base.score,
            previous_band=base.band,
            previous_at=base.at,
            change=change,
            got_worse=worse_by > 0,
        )
        state = replace(
            self,
            baseline=latest,
            outage_since=None,
            worsened_told_at=now if rose else self.worsened_told_at,
        )
        return state, notice

    def _recovery(self, latest: Mark) -> Outcome:
        state = replace(self, outage_since=None)
        if not self._on(Kind.RECOVERED):
            return state, None
        return state, Notice(
            kind=Kind.RECOVERED,
            urgency=Urgency.NORMAL,
            score=latest.score,
            band=latest.band,
            since=self.outage_since,
        )

    def _last_known(self) -> tuple[float | None, Band | None]:
        return (self.latest.score, self.latest.band) if self.latest else (None, None)

    def _sign_in(self, now: datetime) -> Outcome:
        if (
            self.sign_in_told
            or not self._on(Kind.SIGN_IN_NEEDED)
            or not _over(self.sign_in_told_at, self.settings.sign_in_gap, now)
        ):
            return self, None
        score, band = self._last_known()
        notice = Notice(
            kind=Kind.SIGN_IN_NEEDED,
            urgency=Urgency.CRITICAL,
            score=score,
            band=band,
            error_kind=self.error_kind,
        )
        return replace(self, sign_in_told=True, sign_in_told_at=now), notice

    def _outage(self, now: datetime) -> Outcome:
        since = self.failing_since
        if (
            since is None
            or self.outage_since is not None
            or now - since < self.settings.outage_after
            or not self._on(Kind.OUTAGE)
            or not _over(self.outage_told_at, self.settings.outage_gap, now)
        ):
            return self, None
        score, band = self._last_known()
        notice = Notice(
            kind=Kind.OUTAGE,
            urgency=Urgency.NORMAL,
            score=score,
            band=band,
            since=since,
            error_kind=self.error_kind,
        )
        return replace(self, outage_since=since, outage_told_at=now), notice

"""The notification policy: sequences of (minute, event) in, (minute, notice) out."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trayscore.core.bands import Band, displayed_integer
from trayscore.core.errors import (
    NotSetUp,
    NotSignedIn,
    Offline,
    ServiceUnavailable,
    SignInRequired,
    TrayscoreError,
)
from trayscore.core.notice_policy import (
    Kind,
    Notice,
    NotificationPolicy,
    PolicySettings,
    SnoozeChoice,
    Urgency,
    snooze_until,
)

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
SANTIAGO = ZoneInfo("America/Santiago")
ALL_ON = PolicySettings()


def at(minute: float) -> datetime:
    return T0 + timedelta(minutes=minute)


# -- a tiny event language ----------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    value: float


@dataclass(frozen=True)
class Fail:
    error: TrayscoreError


@dataclass(frozen=True)
class Resume:
    pass


@dataclass(frozen=True)
class Tick:
    pass


@dataclass(frozen=True)
class Snooze:
    until: datetime


@dataclass(frozen=True)
class Unsnooze:
    pass


@dataclass(frozen=True)
class Configure:
    settings: PolicySettings


Step = Score | Fail | Resume | Tick | Snooze | Unsnooze | Configure
Steps = list[tuple[float, Step]]
SIGN_IN = Fail(SignInRequired("Sign in again."))
OFFLINE = Fail(Offline("Cannot reach the service."))


def apply(
    policy: NotificationPolicy, step: Step, now: datetime
) -> tuple[NotificationPolicy, Notice | None]:
    """Feed one event; only readings, failures and ticks can tell something."""
    match step:
        case Score(value):
            return policy.reading(value, now)
        case Fail(error):
            return policy.failed(error, now)
        case Tick():
            return policy.tick(now)
    return silently(policy, step, now), None


def silently(policy: NotificationPolicy, step: Step, now: datetime) -> NotificationPolicy:
    match step:
        case Resume():
            return policy.resumed(now)
        case Snooze(until):
            return policy.snoozed(until)
        case Unsnooze():
            return policy.unsnoozed()
        case Configure(new):
            return policy.with_settings(new)
    raise AssertionError(step)


def run(
    steps: Sequence[tuple[float, Step]],
    config: PolicySettings = ALL_ON,
    *,
    lower_is_better: bool = True,
) -> tuple[NotificationPolicy, list[tuple[float, Notice]]]:
    """Start at minute 0, play the steps, return the final state and what was told when."""
    policy = NotificationPolicy(config, lower_is_better=lower_is_better).started(at(0))
    told: list[tuple[float, Notice]] = []
    for minute, step in steps:
        policy, notice = apply(policy, step, at(minute))
        if notice is not None:
            told.append((minute, notice))
    return policy, told


def kinds(
    steps: Sequence[tuple[float, Step]],
    config: PolicySettings = ALL_ON,
    *,
    lower_is_better: bool = True,
) -> list[tuple[float, Kind]]:
    return [(m, n.kind) for m, n in run(steps, config, lower_is_better=lower_is_better)[1]]


def only(
    steps: Sequence[tuple[float, Step]],
    config: PolicySettings = ALL_ON,
    *,
    lower_is_better: bool = True,
) -> Notice:
    """The one notice the steps produce."""
    told = run(steps, config, lower_is_better=lower_is_better)[1]
    assert len(told) == 1, told
    return told[0][1]


def without(*off: Kind) -> PolicySettings:
    return replace(ALL_ON, enabled=frozenset(Kind) - set(off))


# -- baseline -----------------------------------------------------------------------------------


@pytest.mark.parametrize("score", [0.0, 29.4, 50.0, 75.0, 100.0])
@pytest.mark.parametrize("minute", [0.0, 30.0])
def test_the_first_reading_only_sets_the_baseline(score: float, minute: float) -> None:
    # GIVEN a fresh policy, WHEN the first reading ever arrives (in or after the quiet minute)
    policy, told = run([(minute, Score(score))])
    # THEN nothing is told and the reading is the baseline
    assert told == []
    assert policy.baseline is not None
    assert policy.baseline.score == score


def test_events_return_new_states_and_leave_the_old_one_alone() -> None:
    policy = NotificationPolicy().started(at(0))
    after, _ = policy.reading(40.0, at(5))
    assert policy.baseline is None
    assert after.baseline is not None


# -- band changes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "band", "previous_band", "change", "worse"),
    [
        (25.0, 35.0, Band.MEDIUM, Band.LOW, 10, True),
        (35.0, 25.0, Band.LOW, Band.MEDIUM, -10, False),
        (65.0, 75.0, Band.HIGH, Band.MEDIUM, 10, True),
        (75.0, 65.0, Band.MEDIUM, Band.HIGH, -10, False),
        (10.0, 90.0, Band.HIGH, Band.LOW, 80, True),
        (29.4, 29.5, Band.MEDIUM, Band.LOW, 1, True),  # shown 29 -> 30: the icon's band changed
    ],
)
def test_a_band_change_is_told_either_way(
    *, before: float, after: float, band: Band, previous_band: Band, change: int, worse: bool
) -> None:
    # GIVEN a baseline, WHEN a later reading is in another band
    notice = only([(0, Score(before)), (15, Score(after))])
    # THEN one band notice carries both ends, the shown change and its meaning
    assert notice.kind is Kind.BAND_CHANGED
    assert (notice.score, notice.band) == (after, band)
    assert (notice.previous_score, notice.previous_band, notice.previous_at) == (
        before,
        previous_band,
        at(0),
    )
    assert notice.change == change
    assert notice.got_worse is worse


def test_band_change_and_rise_together_are_one_notice_carrying_the_rise() -> None:
    notice = only([(0, Score(60.0)), (15, Score(75.0))])
    assert notice.kind is Kind.BAND_CHANGED
    assert notice.change == 15


def test_a_band_change_is_told_inside_the_rise_gap() -> None:
    # GIVEN a rise told at minute 15 (its gap runs to minute 45)
    steps: Steps = [(0, Score(60.0)), (15, Score(66.0))]
    # WHEN the band changes at minute 20 by less than the threshold, and the score rises on
    steps += [(20, Score(70.0)), (30, Score(77.0)), (45, Score(77.0))]
    # THEN the band change is told at once; the next rise waits for the gap and counts from 70
    told = run(steps)[1]
    assert [(m, n.kind) for m, n in told] == [
        (15, Kind.WORSENED),
        (20, Kind.BAND_CHANGED),
        (45, Kind.WORSENED),
    ]
    assert (told[2][1].previous_score, told[2][1].change) == (70.0, 7)


def test_a_band_change_carrying_a_rise_restarts_the_rise_gap() -> None:
    # GIVEN a band change that was also a rise of 6, WHEN the score rises 6 more soon after
    steps: Steps = [(0, Score(25.0)), (15, Score(31.0)), (30, Score(37.0))]
    # THEN that rise is told only once the rise gap since the band change has passed
    assert kinds([*steps, (44, Score(37.0)), (45, Score(37.0))]) == [
        (15, Kind.BAND_CHANGED),
        (45, Kind.WORSENED),
    ]


# -- rises --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "threshold", "told"),
    [
        (40.0, 45.0, 5, True),
        (40.0, 44.0, 5, False),
        (40.0, 44.5, 5, True),  # shown 40 -> 45
        (40.4, 44.6, 5, True),  # raw +4.2, but the icon went 40 -> 45
        (40.5, 45.4, 5, False),  # raw +4.9, but the icon went 41 -> 45
        (40.0, 43.0, 3, True),
        (40.0, 42.0, 3, False),
    ],
)
def test_a_rise_is_told_from_the_threshold_on_as_the_icon_shows_it(
    before: float, after: float, threshold: int, told: bool
) -> None:
    config = replace(ALL_ON, worsened_by=threshold)
    got = kinds([(0, Score(before)), (15, Score(after))], config)
    assert got == ([(15, Kind.WORSENED)] if told else [])


def test_small_rises_add_up_from_the_last_value_told() -> None:
    # GIVEN 40, WHEN it creeps up by 2 per reading
    steps: Steps = [(0, Score(40.0)), (15, Score(42.0)), (30, Score(44.0)), (45, Score(46.0))]
    # THEN the rise is told when the total reaches 5, measured from 40 and its time
    notice = only(steps)
    assert (notice.kind, notice.change, notice.previous_score) == (Kind.WORSENED, 6, 40.0)
    assert notice.previous_at == at(0)
    assert notice.got_worse is True


def test_an_untold_improvement_does_not_move_the_baseline() -> None:
    # GIVEN 50 told, WHEN it improves to 40 (same band, not told) and climbs back
    steps: Steps = [(0, Score(50.0)), (15, Score(40.0)), (30, Score(54.0)), (45, Score(55.0))]
    # THEN the rise counts from 50, the value the user last heard
    assert kinds(steps) == [(45, Kind.WORSENED)]


def test_rises_keep_a_gap_and_the_held_rise_is_told_after_it() -> None:
    steps: Steps = [
        (0, Score(40.0)),
        (15, Score(46.0)),  # told; the gap runs to minute 45
        (30, Score(52.0)),
        (44, Score(52.0)),
        (45, Score(52.0)),
    ]
    told = run(steps)[1]
    assert [(m, n.kind) for m, n in told] == [(15, Kind.WORSENED), (45, Kind.WORSENED)]
    assert (told[1][1].previous_score, told[1][1].change) == (46.0, 6)


def test_wake_at_names_the_end_of_the_rise_gap() -> None:
    # GIVEN a rise held by the gap at minute 30
    policy, _ = run([(0, Score(40.0)), (15, Score(46.0)), (30, Score(52.0))])
    # WHEN the app asks when to look again, THEN it is the end of the gap, and it tells then
    assert policy.wake_at(at(30)) == at(45)
    assert policy.tick(at(44.9))[1] is None
    notice = policy.tick(at(45))[1]
    assert notice is not None
    assert notice.kind is Kind.WORSENED


def test_nothing_pending_means_no_wake_up() -> None:
    policy, _ = run([(0, Score(40.0)), (15, Score(41.0))])
    assert policy.wake_at(at(15)) is None


# -- quiet minute -------------------------------------------------------------------------------


def test_nothing_is_told_in_the_first_minute_and_a_lasting_change_is_told_after() -> None:
    # GIVEN the baseline at start, WHEN the band changes inside the quiet minute
    steps: Steps = [(0, Score(25.0)), (0.5, Score(40.0)), (0.99, Score(40.0)), (15, Score(40.0))]
    # THEN it is told at the first reading after the quiet minute, against the baseline
    told = run(steps)[1]
    assert [(m, n.kind) for m, n in told] == [(15, Kind.BAND_CHANGED)]
    assert told[0][1].previous_score == 25.0


def test_a_change_gone_by_the_end_of_the_quiet_minute_is_not_told() -> None:
    assert kinds([(0, Score(25.0)), (0.5, Score(40.0)), (15, Score(26.0))]) == []


def test_resume_starts_a_quiet_minute_and_the_change_is_told_after_it() -> None:
    # GIVEN 25 before sleep, WHEN the machine wakes to 40
    steps: Steps = [(0, Score(25.0)), (120, Resume()), (120.1, Score(40.0))]
    policy, told = run(steps)
    # THEN nothing during the quiet minute; the change is due at its end
    assert told == []
    assert policy.wake_at(at(120.1)) == at(121)
    notice = policy.tick(at(121))[1]
    assert notice is not None
    assert (notice.kind, notice.previous_score) == (Kind.BAND_CHANGED, 25.0)
    # AND without a timer it is told at the next reading
    assert kinds([*steps, (121, Score(40.0))]) == [(121, Kind.BAND_CHANGED)]


# -- snooze -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "now", "tz", "until"),
    [
        (SnoozeChoice.ONE_HOUR, T0, UTC, at(60)),
        (SnoozeChoice.FOUR_HOURS, T0, UTC, at(240)),
        # Berlin in November is UTC+1: 10:00 local -> midnight local is 23:00 UTC
        (SnoozeChoice.UNTIL_TOMORROW, T0, BERLIN, datetime(2026, 11, 28, 23, tzinfo=UTC)),
        (SnoozeChoice.UNTIL_TOMORROW, T0, UTC, datetime(2026, 11, 29, tzinfo=UTC)),
        # at local midnight itself: the next one, a whole day on
        (
            SnoozeChoice.UNTIL_TOMORROW,
            datetime(2026, 11, 28, 23, tzinfo=UTC),
            BERLIN,
            datetime(2026, 11, 29, 23, tzinfo=UTC),
        ),
        # spring forward (29 March): from 01:00 CET only 22 hours to the next midnight
        (
            SnoozeChoice.UNTIL_TOMORROW,
            datetime(2026, 3, 29, 1, tzinfo=BERLIN),
            BERLIN,
            datetime(2026, 3, 29, 22, tzinfo=UTC),
        ),
        # fall back (25 October): from 01:00 CEST a 25-hour day leaves 24 hours
        (
            SnoozeChoice.UNTIL_TOMORROW,
            datetime(2026, 10, 25, 1, tzinfo=BERLIN),
            BERLIN,
            datetime(2026, 10, 25, 23, tzinfo=UTC),
        ),
        # an hour is an hour across the repeated 02:00-03:00 (02:30 CEST -> 02:30 CET)
        (
            SnoozeChoice.ONE_HOUR,
            datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN),
            BERLIN,
            datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        ),
        # Chile skips midnight on 6 September: tomorrow starts at 01:00 -03
        (
            SnoozeChoice.UNTIL_TOMORROW,
            datetime(2026, 9, 5, 20, tzinfo=SANTIAGO),
            SANTIAGO,
            datetime(2026, 9, 6, 4, tzinfo=UTC),
        ),
    ],
)
def test_snooze_until(choice: SnoozeChoice, now: datetime, tz: tzinfo, until: datetime) -> None:
    got = snooze_until(choice, now, tz)
    assert got == until
    assert got.tzinfo is UTC


@pytest.mark.parametrize("choice", [SnoozeChoice.ONE_HOUR, SnoozeChoice.FOUR_HOURS])
def test_nothing_during_a_snooze_then_the_net_change_once(choice: SnoozeChoice) -> None:
    # GIVEN 40 told, WHEN snoozed at minute 10 and the score jumps about meanwhile
    until = snooze_until(choice, at(10), UTC)
    end = (until - T0) / timedelta(minutes=1)
    steps: Steps = [
        (0, Score(40.0)),
        (10, Snooze(until)),
        (20, Score(75.0)),
        (30, Score(52.0)),
        (end - 1, Score(80.0)),
        (end, Score(80.0)),
        (end + 15, Score(80.0)),
    ]
    # THEN one notice after the snooze: the net change from 40
    told = run(steps)[1]
    assert [(m, n.kind) for m, n in told] == [(end, Kind.BAND_CHANGED)]
    assert (told[0][1].previous_score, told[0][1].change) == (40.0, 40)


def test_snooze_until_tomorrow_holds_everything_until_local_midnight() -> None:
    until = snooze_until(SnoozeChoice.UNTIL_TOMORROW, at(10), BERLIN)  # minute 840
    steps: Steps = [(0, Score(40.0)), (10, Snooze(until)), (100, Score(75.0)), (400, SIGN_IN)]
    assert kinds(steps) == []
    assert kinds([*steps, (839, Tick()), (840, Tick())]) == [(840, Kind.SIGN_IN_NEEDED)]


def test_a_change_undone_during_a_snooze_is_not_told() -> None:
    until = at(70)
    steps: Steps = [(0, Score(40.0)), (10, Snooze(until)), (20, Score(75.0)), (75, Score(43.0))]
    assert kinds(steps) == []


def test_unsnooze_tells_what_the_snooze_held_back() -> None:
    steps: Steps = [(0, Score(40.0)), (10, Snooze(at(250))), (20, Score(75.0))]
    policy, told = run(steps)
    assert told == []
    assert policy.is_snoozed(at(30))
    # WHEN unsnoozed, THEN the held change is due at once (and at the next reading)
    awake = policy.unsnoozed()
    assert not awake.is_snoozed(at(30))
    assert awake.wake_at(at(30)) == at(30)
    assert kinds([*steps, (30, Unsnooze()), (45, Score(75.0))]) == [(45, Kind.BAND_CHANGED)]


# -- per-kind switches ---------------------------------------------------------------------------

OUTAGE_STEPS: Steps = [(10, OFFLINE), (40, OFFLINE), (70, OFFLINE)]
SCENARIOS: dict[Kind, Steps] = {
    Kind.BAND_CHANGED: [(0, Score(25.0)), (15, Score(35.0))],
    Kind.WORSENED: [(0, Score(40.0)), (15, Score(46.0))],
    Kind.SIGN_IN_NEEDED: [(0, Score(40.0)), (15, SIGN_IN)],
    Kind.OUTAGE: OUTAGE_STEPS,
    Kind.RECOVERED: [*OUTAGE_STEPS, (80, Score(40.0))],
}


@pytest.mark.parametrize("kind", list(Kind))
def test_a_switched_off_kind_never_fires(kind: Kind) -> None:
    # GIVEN a sequence that tells this kind with everything on
    assert kind in [k for _, k in kinds(SCENARIOS[kind])]
    # WHEN the kind is switched off, THEN it is not told
    assert kind not in [k for _, k in kinds(SCENARIOS[kind], without(kind))]


def test_with_rises_off_a_band_change_still_counts_from_the_last_value_told() -> None:
    steps: Steps = [(0, Score(40.0)), (15, Score(46.0)), (30, Score(52.0)), (45, Score(71.0))]
    told = run(steps, without(Kind.WORSENED))[1]
    assert [(m, n.kind) for m, n in told] == [(45, Kind.BAND_CHANGED)]
    assert (told[0][1].previous_score, told[0][1].change) == (40.0, 31)


def test_with_band_changes_off_a_rise_across_bands_is_told_as_a_rise() -> None:
    notice = only([(0, Score(25.0)), (15, Score(31.0))], config=without(Kind.BAND_CHANGED))
    assert (notice.kind, notice.band, notice.previous_band) == (
        Kind.WORSENED,
        Band.MEDIUM,
        Band.LOW,
    )


def test_with_band_changes_off_an_untold_improvement_keeps_the_baseline() -> None:
    steps: Steps = [(0, Score(40.0)), (15, Score(25.0)), (30, Score(44.0)), (45, Score(45.0))]
    assert kinds(steps, without(Kind.BAND_CHANGED)) == [(45, Kind.WORSENED)]


def test_switching_a_kind_back_on_tells_the_standing_change() -> None:
    # GIVEN band changes off while the score left the band told last
    steps: Steps = [(0, Score(40.0)), (15, Score(25.0)), (20, Configure(ALL_ON)), (30, Score(25.0))]
    # THEN once they are on again the change since the last value told is told
    assert kinds(steps, without(Kind.BAND_CHANGED)) == [(30, Kind.BAND_CHANGED)]


def test_with_recovery_off_the_outage_closes_silently() -> None:
    steps: Steps = [*OUTAGE_STEPS, (80, Score(40.0)), (90, Configure(ALL_ON)), (95, Score(40.0))]
    assert kinds(steps, without(Kind.RECOVERED)) == [(70, Kind.OUTAGE)]


# -- sign-in ------------------------------------------------------------------------------------


def test_sign_in_needed_is_told_once_per_episode() -> None:
    steps: Steps = [
        (0, Score(40.0)),
        (10, SIGN_IN),
        (25, SIGN_IN),
        (30, OFFLINE),  # another kind of failure does not end the episode
        (40, SIGN_IN),
        (50, Score(40.0)),  # success ends it
        (80, SIGN_IN),
    ]
    told = run(steps)[1]
    assert [(m, n.kind) for m, n in told] == [(10, Kind.SIGN_IN_NEEDED), (80, Kind.SIGN_IN_NEEDED)]
    notice = told[0][1]
    assert (notice.score, notice.band, notice.error_kind) == (40.0, Band.MEDIUM, "sign-in-required")


def test_a_new_sign_in_episode_inside_the_gap_is_told_when_the_gap_ends() -> None:
    steps: Steps = [(10, SIGN_IN), (20, Score(40.0)), (30, SIGN_IN)]
    policy, told = run(steps)
    assert [(m, n.kind) for m, n in told] == [(10, Kind.SIGN_IN_NEEDED)]
    assert policy.wake_at(at(30)) == at(70)
    assert policy.tick(at(69))[1] is None
    notice = policy.tick(at(70))[1]
    assert notice is not None
    assert notice.kind is Kind.SIGN_IN_NEEDED


def test_sign_in_needed_at_start_is_told_after_the_quiet_minute() -> None:
    # GIVEN sign-in fails at once (it is not retried on a timer)
    policy, told = run([(0.2, SIGN_IN)])
    assert told == []
    # THEN the app's wake-up at the end of the quiet minute tells it
    assert policy.wake_at(at(0.2)) == at(1)
    assert kinds([(0.2, SIGN_IN), (1, Tick())]) == [(1, Kind.SIGN_IN_NEEDED)]


@pytest.mark.parametrize(
    "first_run", [NotSetUp("Not set up yet."), NotSignedIn("Not signed in.")], ids=type
)
def test_the_first_run_is_never_told_but_a_later_lost_sign_in_is(first_run: TrayscoreError) -> None:
    # GIVEN a new user: not set up, or set up and never signed in, for hours
    steps: Steps = [(float(minute), Fail(first_run)) for minute in range(0, 240, 15)]
    steps += [(240, Tick())]
    # THEN nothing is told (no critical "sign in again" during setup), nor an outage
    assert kinds(steps) == []
    # AND once a score came, a sign-in that is lost later is told as before
    assert kinds([*steps, (250, Score(40.0)), (260, SIGN_IN)]) == [(260, Kind.SIGN_IN_NEEDED)]


def test_sign_in_failures_are_not_an_outage() -> None:
    steps: Steps = [(float(minute), SIGN_IN) for minute in range(5, 240, 15)]
    assert kinds(steps) == [(5, Kind.SIGN_IN_NEEDED)]


# -- outage and recovery ------------------------------------------------------------------------


def test_an_outage_is_told_after_an_hour_of_failures_once_and_its_recovery_once() -> None:
    steps: Steps = [
        (0, Score(40.0)),
        (10, OFFLINE),
        (25, Fail(ServiceUnavailable("Try later."))),
        (40, OFFLINE),
        (69.9, OFFLINE),
        (70, OFFLINE),
        (100, OFFLINE),
        (110, Score(41.0)),
        (125, Score(41.0)),
    ]
    told = run(steps)[1]
    assert [(m, n.kind) for m, n in told] == [(70, Kind.OUTAGE), (110, Kind.RECOVERED)]
    outage, recovery = told[0][1], told[1][1]
    assert (outage.since, outage.error_kind, outage.score) == (at(10), "unreachable", 40.0)
    assert (recovery.since, recovery.score, recovery.band) == (at(10), 41.0, Band.MEDIUM)


def test_wake_at_names_the_moment_the_outage_becomes_an_hour_long() -> None:
    policy, _ = run([(10, OFFLINE)])
    assert policy.wake_at(at(10)) == at(70)


def test_no_recovery_without_an_outage_notice() -> None:
    assert kinds([(0, Score(40.0)), (10, OFFLINE), (40, OFFLINE), (50, Score(40.0))]) == []


def test_a_sign_in_failure_restarts_the_outage_clock() -> None:
    steps: Steps = [(10, OFFLINE), (40, SIGN_IN), (60, OFFLINE), (110, OFFLINE), (120, OFFLINE)]
    assert kinds(steps) == [(40, Kind.SIGN_IN_NEEDED), (120, Kind.OUTAGE)]


def test_sleep_does_not_count_as_failing() -> None:
    # GIVEN failures before sleep, WHEN the machine wakes hours later, still offline
    steps: Steps = [(10, OFFLINE), (40, OFFLINE), (300, Resume()), (300.5, OFFLINE), (330, OFFLINE)]
    # THEN the hour is counted from the first failure after the wake
    assert kinds([*steps, (360, OFFLINE), (360.5, OFFLINE)]) == [(360.5, Kind.OUTAGE)]


def test_a_recovery_during_the_quiet_minute_is_told_after_it() -> None:
    steps: Steps = [*OUTAGE_STEPS, (200, Resume()), (200.2, Score(40.0)), (215, Score(40.0))]
    assert kinds(steps) == [(70, Kind.OUTAGE), (215, Kind.RECOVERED)]


def test_a_band_change_after_an_outage_also_answers_the_recovery() -> None:
    steps: Steps = [(0, Score(25.0)), *OUTAGE_STEPS, (80, Score(40.0)), (95, Score(40.0))]
    assert kinds(steps) == [(70, Kind.OUTAGE), (80, Kind.BAND_CHANGED)]


def test_outages_keep_their_gap() -> None:
    steps: Steps = [
        *OUTAGE_STEPS,
        (75, Score(40.0)),
        (80, OFFLINE),
        (140, OFFLINE),  # an hour again, but only 70 minutes after the last outage notice
        (189, OFFLINE),
        (190, OFFLINE),
    ]
    assert kinds(steps) == [
        (70, Kind.OUTAGE),
        (75, Kind.RECOVERED),
        (190, Kind.OUTAGE),
    ]


# -- urgency and direction ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "kind", "urgency"),
    [
        ([(0, Score(25.0)), (15, Score(35.0))], Kind.BAND_CHANGED, Urgency.NORMAL),
        ([(0, Score(65.0)), (15, Score(75.0))], Kind.BAND_CHANGED, Urgency.CRITICAL),
        ([(0, Score(75.0)), (15, Score(65.0))], Kind.BAND_CHANGED, Urgency.NORMAL),
        ([(0, Score(40.0)), (15, Score(46.0))], Kind.WORSENED, Urgency.NORMAL),
        ([(0, Score(70.0)), (15, Score(76.0))], Kind.WORSENED, Urgency.CRITICAL),
        ([(0, Score(75.0)), (15, SIGN_IN)], Kind.SIGN_IN_NEEDED, Urgency.CRITICAL),
        ([(0, Score(75.0)), *OUTAGE_STEPS], Kind.OUTAGE, Urgency.NORMAL),
        ([(0, Score(75.0)), *OUTAGE_STEPS, (80, Score(75.0))], Kind.RECOVERED, Urgency.NORMAL),
    ],
)
def test_urgency(steps: Steps, kind: Kind, urgency: Urgency) -> None:
    told = run(steps)[1]
    assert (told[-1][1].kind, told[-1][1].urgency) == (kind, urgency)


@pytest.mark.parametrize(
    ("before", "after", "kind", "change", "worse", "urgency"),
    [
        (80.0, 74.0, Kind.WORSENED, -6, True, Urgency.NORMAL),
        (80.0, 86.0, None, None, None, None),
        (20.0, 26.0, None, None, None, None),
        (75.0, 65.0, Kind.BAND_CHANGED, -10, True, Urgency.NORMAL),
        (35.0, 25.0, Kind.BAND_CHANGED, -10, True, Urgency.CRITICAL),
        (25.0, 35.0, Kind.BAND_CHANGED, 10, False, Urgency.NORMAL),
    ],
)
def test_when_higher_is_better_a_fall_is_the_bad_news(
    *,
    before: float,
    after: float,
    kind: Kind | None,
    change: int | None,
    worse: bool | None,
    urgency: Urgency | None,
) -> None:
    told = run([(0, Score(before)), (15, Score(after))], lower_is_better=False)[1]
    if kind is None:
        assert told == []
        return
    notice = told[0][1]
    assert (notice.kind, notice.change, notice.got_worse, notice.urgency) == (
        kind,
        change,
        worse,
        urgency,
    )


# -- inputs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"worsened_by": 0},
        {"outage_after": timedelta(minutes=-1)},
        {"worsened_gap": timedelta(seconds=-1)},
        {"quiet": timedelta(seconds=-1)},
    ],
)
def test_settings_reject_impossible_values(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="must"):
        PolicySettings(**changes)  # type: ignore[arg-type]


def test_naive_times_and_impossible_scores_are_refused() -> None:
    policy = NotificationPolicy()
    with pytest.raises(ValueError, match="timezone-aware"):
        policy.reading(40.0, datetime(2026, 11, 28, 9))
    with pytest.raises(ValueError, match="score"):
        policy.reading(101.0, T0)


# -- properties ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SnoozeFor:
    length: timedelta


GAPPED: dict[Kind, Callable[[PolicySettings], timedelta]] = {
    Kind.WORSENED: lambda s: s.worsened_gap,
    Kind.SIGN_IN_NEEDED: lambda s: s.sign_in_gap,
    Kind.OUTAGE: lambda s: s.outage_gap,
}

steps_strategy = st.lists(
    st.tuples(
        st.integers(0, 90).map(lambda m: timedelta(minutes=m))
        | st.integers(0, 120).map(lambda s: timedelta(seconds=s)),
        st.one_of(
            st.builds(Score, st.integers(0, 100).map(float) | st.floats(0, 100)),
            st.just(SIGN_IN),
            st.just(OFFLINE),
            st.just(Resume()),
            st.just(Tick()),
            st.just(Unsnooze()),
            st.integers(1, 300).map(lambda m: SnoozeFor(timedelta(minutes=m))),
        ),
    ),
    max_size=60,
)
settings_strategy = st.builds(
    PolicySettings,
    enabled=st.frozensets(st.sampled_from(list(Kind))),
    worsened_by=st.integers(1, 10),
    outage_after=st.integers(0, 120).map(lambda m: timedelta(minutes=m)),
    worsened_gap=st.integers(0, 90).map(lambda m: timedelta(minutes=m)),
    sign_in_gap=st.integers(0, 90).map(lambda m: timedelta(minutes=m)),
    outage_gap=st.integers(0, 180).map(lambda m: timedelta(minutes=m)),
)


def play_checking_each_step(
    steps: Sequence[tuple[timedelta, Step | SnoozeFor]],
    config: PolicySettings,
    lower_is_better: bool,
) -> list[tuple[datetime, Notice]]:
    """Play the steps, checking what must hold after every one; return what was told when."""
    policy = NotificationPolicy(config, lower_is_better=lower_is_better).started(T0)
    now, quiet_until, snoozed_until = T0, T0 + config.quiet, T0
    told: list[tuple[datetime, Notice]] = []
    signs_in_since_success = 0
    for delay, raw in steps:
        now += delay
        step = Snooze(now + raw.length) if isinstance(raw, SnoozeFor) else raw
        if isinstance(step, Resume):
            quiet_until = now + config.quiet
        elif isinstance(step, Snooze | Unsnooze):
            snoozed_until = step.until if isinstance(step, Snooze) else now
        elif isinstance(step, Score):
            signs_in_since_success = 0
        policy, notice = apply(policy, step, now)
        if notice is not None:
            # nothing in a quiet minute or a snooze, nothing switched off, sign-in once an episode
            assert now >= max(quiet_until, snoozed_until)
            assert notice.kind in config.enabled
            signs_in_since_success += notice.kind is Kind.SIGN_IN_NEEDED
            assert signs_in_since_success <= 1
            told.append((now, notice))
        # wake_at is exact: a tick then tells, a tick just before does not
        wake = policy.wake_at(now)
        if wake is None:
            assert policy.tick(now + timedelta(days=30))[1] is None
        else:
            assert policy.tick(wake)[1] is not None
            assert wake == now or policy.tick(wake - timedelta(microseconds=1))[1] is None
    return told


def check_score_chain(
    told: list[tuple[datetime, Notice]],
    first: float | None,
    config: PolicySettings,
    lower_is_better: bool,
) -> None:
    """Each score notice counts from the one told before it (or the first reading)."""
    baseline = first
    for _, notice in told:
        if notice.kind not in {Kind.BAND_CHANGED, Kind.WORSENED}:
            continue
        assert notice.score is not None
        assert baseline is not None
        assert notice.previous_score == baseline
        if notice.kind is Kind.BAND_CHANGED:
            assert notice.band is not notice.previous_band
        elif Kind.BAND_CHANGED in config.enabled:  # with band notices off, a rise may cross
            assert notice.band is notice.previous_band
        change = displayed_integer(notice.score) - displayed_integer(baseline)
        assert notice.change == change
        if notice.kind is Kind.WORSENED:
            assert (change if lower_is_better else -change) >= config.worsened_by
        baseline = notice.score


@settings(max_examples=300, deadline=None)
@given(steps=steps_strategy, config=settings_strategy, lower_is_better=st.booleans())
def test_properties_of_any_sequence(
    steps: list[tuple[timedelta, Step | SnoozeFor]], config: PolicySettings, lower_is_better: bool
) -> None:
    told = play_checking_each_step(steps, config, lower_is_better)

    # never two notices of one gapped kind within its gap
    for kind, gap_of in GAPPED.items():
        times = [t for t, n in told if n.kind is kind]
        assert all(b - a >= gap_of(config) for a, b in itertools.pairwise(times))

    first = next((step.value for _, step in steps if isinstance(step, Score)), None)
    check_score_chain(told, first, config, lower_is_better)

    # a recovery only ever answers an outage notice not yet answered
    outage_open = False
    for _, notice in told:
        if notice.kind is Kind.OUTAGE:
            outage_open = True
        elif notice.kind in {Kind.RECOVERED, Kind.BAND_CHANGED, Kind.WORSENED}:
            assert outage_open or notice.kind is not Kind.RECOVERED
            outage_open = False


def test_a_new_series_measures_nothing_across_the_switch_but_keeps_the_snooze() -> None:
    # GIVEN tenant A at 20 (low), told nothing yet, and a snooze until 18:00
    policy = NotificationPolicy(settings=ALL_ON).started(at(0))
    policy, _ = policy.reading(20, at(5))
    policy = policy.snoozed(at(600))
    # WHEN the user switches to tenant B, whose first reading is 85 (high)
    policy = policy.new_series()
    policy, notice = policy.reading(85, at(6))
    # THEN nothing is told: 85 is B's baseline, not a rise from A's 20
    assert notice is None
    assert policy.baseline is not None
    assert policy.baseline.score == 85
    assert policy.snoozed_until == at(600)
    # AND B's own later change is measured from B's baseline
    policy = policy.unsnoozed()
    policy, notice = policy.reading(60, at(700))
    assert notice is not None
    assert notice.kind is Kind.BAND_CHANGED

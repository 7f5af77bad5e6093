"""Several tenants in one tray: the worst of them, the summary, the shared schedule, batching."""

import random
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

import pytest
from trayscore.core.bands import Band, Severity
from trayscore.core.catalog import severity, spec_for
from trayscore.core.display_state import DisplayState, Look
from trayscore.core.errors import Offline
from trayscore.core.fleet import (
    FleetSummary,
    NoticeBatcher,
    Schedule,
    TenantView,
    badness,
    ranked,
    summarise,
    worst,
)
from trayscore.core.models import Reading
from trayscore.core.notice_policy import Kind, Notice, Urgency
from trayscore.core.refresh_policy import RefreshPolicy

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
FIFTEEN = timedelta(minutes=15)
EXPOSURE = "exposure-score"
SECURE = "secure-score"
DEVICE = "device-secure-score"


def scored(name: str, source: str, score: float, look: Look = Look.SCORE) -> TenantView:
    """A tenant showing ``score``; a percentage source carries its points, as the API gives."""
    points = (score, 100.0) if spec_for(source).percent_of_maximum else (None, None)
    reading = Reading(source, score, T0, T0, current=points[0], maximum=points[1])
    return TenantView(name, DisplayState(look=look, reading=reading))


def looking(name: str, look: Look) -> TenantView:
    return TenantView(name, DisplayState(look=look))


def names_of(views: Sequence[TenantView]) -> list[str]:
    return [view.name for view in views]


# -- the worst of them ---------------------------------------------------------------------


def test_exposure_81_is_worse_than_a_secure_score_of_75_percent() -> None:
    # GIVEN the catalog's own bands: exposure 81 is high and poor; Secure Score 75% is high
    # and good (a high secure score is good news)
    assert spec_for(EXPOSURE).band_of(81) is Band.HIGH
    assert severity(EXPOSURE, Band.HIGH) is Severity.POOR
    assert spec_for(SECURE).band_of(75) is Band.HIGH
    assert severity(SECURE, Band.HIGH) is Severity.GOOD
    exposure, secure = scored("a", EXPOSURE, 81), scored("b", SECURE, 75)
    # WHEN they are judged
    # THEN the exposure is worse, by severity first, then by the score in its direction
    assert badness(exposure.state) == (3, 81.0)
    assert badness(secure.state) == (1, 25.0)
    assert worst([secure, exposure]) is exposure


def test_severity_decides_before_the_number() -> None:
    # GIVEN a Secure Score of 35% (low: poor) and an exposure score of 60 (medium: fair)
    assert severity(SECURE, spec_for(SECURE).band_of(35)) is Severity.POOR
    assert severity(EXPOSURE, spec_for(EXPOSURE).band_of(60)) is Severity.FAIR
    secure, exposure = scored("a", SECURE, 35), scored("b", EXPOSURE, 60)
    # THEN the poor one is worse although 65 points from the top is less than 60 is from zero
    assert worst([exposure, secure]) is secure


def test_within_a_severity_the_score_in_its_own_direction_decides() -> None:
    # GIVEN three poor tenants: exposure 72 and 81, and a Secure Score of 25% (75 from the top)
    low_exposure = scored("a", EXPOSURE, 72)
    high_exposure = scored("b", EXPOSURE, 81)
    secure = scored("c", SECURE, 25)
    # THEN the ranking runs 81, 25% (75 below full marks), 72
    assert names_of(ranked([low_exposure, high_exposure, secure])) == ["b", "c", "a"]
    # AND the device secure score is judged like the Secure Score
    device = Reading(DEVICE, 50, T0, T0, current=5, maximum=10)
    assert badness(DisplayState(look=Look.SCORE, reading=device)) == (2, 50.0)


def test_a_stale_score_counts_with_its_last_value() -> None:
    # GIVEN a stale exposure of 90 and a fresh one of 40
    stale = scored("old", EXPOSURE, 90, look=Look.STALE)
    fresh = scored("new", EXPOSURE, 40)
    # THEN the stale one is the worst
    assert badness(stale.state) == (3, 90.0)
    assert worst([fresh, stale]) is stale


@pytest.mark.parametrize("look", [Look.SIGN_IN, Look.ERROR, Look.SET_UP, Look.NO_DATA])
def test_a_state_that_shows_no_score_has_no_badness(look: Look) -> None:
    # GIVEN a state with an old reading that is not shown (sign-in needed, say)
    state = DisplayState(look=look, reading=Reading(EXPOSURE, 95, T0, T0))
    # THEN it is not judged
    assert badness(state) is None
    assert badness(DisplayState(look=look)) is None


def test_a_points_only_reading_has_no_badness() -> None:
    # GIVEN a device secure score in points without the maximum (no percentage, no band)
    points = Reading(DEVICE, 420, T0, T0, current=420)
    assert not points.banded
    # THEN it is shown but not judged, and is not the worst
    view = TenantView("points", DisplayState(look=Look.SCORE, reading=points))
    assert badness(view.state) is None
    assert worst([view]) is None


def test_the_ranking_puts_scores_first_then_sign_in_error_set_up_and_no_data() -> None:
    # GIVEN tenants of every kind, in the settings' order
    tenants = [
        looking("waiting", Look.NO_DATA),
        scored("good", EXPOSURE, 10),
        looking("setup", Look.SET_UP),
        looking("broken", Look.ERROR),
        scored("poor", EXPOSURE, 85),
        looking("signin", Look.SIGN_IN),
        scored("fair", SECURE, 50, look=Look.STALE),
    ]
    # WHEN ranked
    order = names_of(ranked(tenants))
    # THEN the scores come worst first, then what the user can fix, then what is only early
    assert order == ["poor", "fair", "good", "signin", "broken", "setup", "waiting"]
    # AND the input is untouched
    assert names_of(tenants)[0] == "waiting"


def test_ties_keep_the_settings_order() -> None:
    # GIVEN equal scores and equal looks
    tenants = [
        looking("e1", Look.ERROR),
        scored("s1", EXPOSURE, 50),
        looking("e2", Look.ERROR),
        scored("s2", EXPOSURE, 50),
    ]
    # THEN they keep the order they came in
    assert names_of(ranked(tenants)) == ["s1", "s2", "e1", "e2"]
    assert worst(tenants) is tenants[1]


def test_worst_is_none_without_any_score() -> None:
    # GIVEN a fleet where nobody has a score, and an empty fleet
    tenants = [looking("a", Look.SIGN_IN), looking("b", Look.NO_DATA)]
    # THEN there is no worst tenant for the icon
    assert worst(tenants) is None
    assert worst([]) is None
    assert ranked([]) == []


def test_worst_skips_tenants_without_a_score() -> None:
    # GIVEN a sign-in tenant first in the settings and one with a good score
    good = scored("good", EXPOSURE, 5)
    # THEN the icon shows the score, not the sign-in
    assert worst([looking("signin", Look.SIGN_IN), good]) is good


# -- the summary ---------------------------------------------------------------------------


def test_the_summary_counts_the_others_by_severity_and_the_rest_by_why() -> None:
    # GIVEN nine tenants
    tenants = [
        scored("poor", EXPOSURE, 81),
        scored("poor too", SECURE, 20),
        scored("fair", EXPOSURE, 40),
        scored("good", SECURE, 90, look=Look.STALE),
        looking("signin", Look.SIGN_IN),
        looking("setup", Look.SET_UP),
        looking("broken", Look.ERROR),
        looking("waiting", Look.NO_DATA),
        looking("waiting too", Look.NO_DATA),
    ]
    # WHEN summarised
    summary = summarise(tenants)
    # THEN the worst is named and the others are counted beside it
    assert summary.worst is tenants[0]  # exposure 81 beats a Secure Score 80 from the top
    assert summary.total == 9
    assert dict(summary.others) == {Severity.POOR: 1, Severity.FAIR: 1, Severity.GOOD: 1}
    assert (summary.needs_sign_in, summary.failing, summary.waiting) == (2, 1, 2)
    assert summary.unbanded == 0


def test_the_summary_of_an_empty_or_scoreless_fleet() -> None:
    # GIVEN no tenants, then two waiting for a sign-in
    empty = summarise([])
    signin = summarise([looking("a", Look.SIGN_IN), looking("b", Look.SIGN_IN)])
    # THEN nothing is the worst and every severity is counted as zero
    assert empty == FleetSummary(
        worst=None,
        total=0,
        others=empty.others,
        needs_sign_in=0,
        failing=0,
        waiting=0,
    )
    assert dict(empty.others) == dict.fromkeys(Severity, 0)
    assert (signin.worst, signin.total, signin.needs_sign_in) == (None, 2, 2)


def test_the_summary_adds_up_to_the_total() -> None:
    # GIVEN a fleet with a points-only reading among others
    points = Reading(DEVICE, 420, T0, T0, current=420)
    tenants = [
        TenantView("points", DisplayState(look=Look.SCORE, reading=points)),
        scored("a", EXPOSURE, 30),
        scored("b", EXPOSURE, 31),
        looking("c", Look.ERROR),
    ]
    # WHEN summarised
    summary = summarise(tenants)
    # THEN every tenant is counted exactly once
    assert summary.worst is tenants[2]
    assert summary.unbanded == 1
    counted = 1 + sum(summary.others.values()) + summary.needs_sign_in
    counted += summary.failing + summary.waiting + summary.unbanded
    assert counted == summary.total == 4


# -- the shared schedule -------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3, 50])
def test_first_requests_are_spread_evenly_over_one_interval(count: int) -> None:
    # GIVEN N tenants
    names = [f"t{i}" for i in range(count)]
    # WHEN scheduled from T0
    schedule = Schedule(names, FIFTEEN, T0)
    # THEN the first is due at once and the others follow at equal steps inside one interval
    firsts = [schedule.next_due(name) for name in names]
    assert firsts == [T0 + i * FIFTEEN / count for i in range(count)]
    assert firsts[0] == T0
    assert all(first is not None and first < T0 + FIFTEEN for first in firsts)
    assert schedule.next_wake() == T0


def test_due_gives_the_oldest_first_and_no_more_than_the_free_slots() -> None:
    # GIVEN three tenants, all overdue
    schedule = Schedule(["a", "b", "c"], FIFTEEN, T0)
    later = T0 + timedelta(hours=1)
    # WHEN the timer fires
    first = schedule.due(later)
    # THEN two set out (the cap), the earliest due first; the third waits for a slot
    assert first == ["a", "b"]
    assert schedule.in_flight == frozenset({"a", "b"})
    assert schedule.due(later) == []
    # AND with every slot busy there is no wake (the timer would spin on a past time)
    assert schedule.next_wake() is None
    # WHEN one finishes THEN the waiting one goes next, and the finished one is due later
    schedule.finished("a", later, 900)
    assert schedule.next_wake() == T0 + 2 * FIFTEEN / 3
    assert schedule.due(later) == ["c"]
    assert schedule.next_due("a") == later + FIFTEEN


def test_nothing_is_due_before_its_time() -> None:
    # GIVEN three tenants staggered five minutes apart
    schedule = Schedule(["a", "b", "c"], FIFTEEN, T0)
    # WHEN the timer fires at T0 and again a little later
    # THEN only the first is due, then nobody until the second's time
    assert schedule.due(T0) == ["a"]
    assert schedule.due(T0 + timedelta(minutes=4)) == []
    assert schedule.next_wake() == T0 + timedelta(minutes=5)
    assert schedule.next_due("a") is None  # in flight: its row says refreshing


def test_a_tenant_waiting_for_the_user_is_not_due_until_woken() -> None:
    # GIVEN a tenant whose request needs a sign-in
    schedule = Schedule(["a"], FIFTEEN, T0)
    schedule.due(T0)
    schedule.finished("a", T0, None)
    # THEN it is never due on its own
    assert schedule.next_due("a") is None
    assert schedule.next_wake() is None
    assert schedule.due(T0 + timedelta(days=1)) == []
    # WHEN the user signs in THEN it is due at once
    signed_in = T0 + timedelta(hours=2)
    schedule.wake("a", signed_in)
    assert schedule.next_due("a") == signed_in
    assert schedule.due(signed_in) == ["a"]


def test_one_tenants_backoff_does_not_move_the_others() -> None:
    # GIVEN three tenants, and a policy with its real backoff
    policy = RefreshPolicy(interval=FIFTEEN, jitter=0.0)
    schedule = Schedule(["a", "b", "c"], FIFTEEN, T0)
    assert schedule.due(T0) == ["a"]
    schedule.finished("a", T0 + timedelta(seconds=5), 900)
    before = {name: schedule.next_due(name) for name in ("a", "c")}
    # WHEN "b" fails again and again
    now = T0 + timedelta(minutes=5)
    delays = []
    for failures in range(1, 5):
        assert schedule.due(now) == ["b"]
        delay = policy.after_failure(failures, Offline("down"), random.Random(0))
        assert delay is not None
        delays.append(delay)
        schedule.finished("b", now, delay)
        now += timedelta(seconds=delay)
    # THEN "b" backs off alone and the others keep their turns
    assert delays == [30, 60, 120, 240]
    assert schedule.next_due("b") == now
    assert {name: schedule.next_due(name) for name in ("a", "c")} == before


def test_wake_keeps_an_earlier_turn_and_ignores_unknown_names() -> None:
    # GIVEN "b" overdue since five minutes past
    schedule = Schedule(["a", "b"], timedelta(minutes=10), T0)
    # WHEN "Refresh now" is pressed on its row later, and on a name not in the settings
    schedule.wake("b", T0 + timedelta(minutes=8))
    schedule.wake("zzz", T0)
    # THEN it keeps its earlier due time, and nothing else changes
    assert schedule.next_due("b") == T0 + timedelta(minutes=5)
    assert schedule.next_due("zzz") is None
    # WHEN pressed before its turn THEN it is due at once
    fresh = Schedule(["a", "b"], timedelta(minutes=10), T0)
    fresh.wake("b", T0 + timedelta(minutes=1))
    assert fresh.next_due("b") == T0 + timedelta(minutes=1)


def test_waking_a_tenant_in_flight_reads_it_again_when_it_ends() -> None:
    # GIVEN a request that set out before the user signed in, and fails for want of it
    schedule = Schedule(["a"], FIFTEEN, T0)
    schedule.due(T0)
    schedule.wake("a", T0 + timedelta(seconds=1))  # the sign-in finished meanwhile
    # WHEN the old request ends asking for a sign-in
    schedule.finished("a", T0 + timedelta(seconds=2), None)
    # THEN the tenant is read again at once rather than waiting for a sign-in already done
    assert schedule.next_due("a") == T0 + timedelta(seconds=2)
    assert schedule.due(T0 + timedelta(seconds=2)) == ["a"]
    # AND the next ending follows its delay again
    schedule.finished("a", T0 + timedelta(seconds=3), 900)
    assert schedule.next_due("a") == T0 + timedelta(seconds=903)


def test_wake_all_makes_everyone_due_but_keeps_the_cap() -> None:
    # GIVEN 50 tenants a moment after the start: one in flight, one waiting for a sign-in
    names = [f"t{i}" for i in range(50)]
    schedule = Schedule(names, FIFTEEN, T0)
    assert schedule.due(T0) == ["t0"]
    now = T0 + timedelta(seconds=1)
    schedule.finished("t0", now, None)
    assert schedule.due(now) == []
    # WHEN "Refresh now" is pressed for everyone
    schedule.wake_all(now)
    # THEN all are due at once, in the settings' order, two at a time
    assert all(schedule.next_due(name) == now for name in names)
    assert schedule.due(now) == ["t0", "t1"]
    assert schedule.due(now) == []
    schedule.finished("t1", now, 900)
    assert schedule.due(now) == ["t2"]
    # AND those in flight are left alone (they are being read already)
    schedule.wake_all(now)
    schedule.finished("t2", now, 900)
    assert schedule.next_due("t2") == now + FIFTEEN


def test_rename_keeps_staying_names_spreads_new_ones_and_drops_removed() -> None:
    # GIVEN "a" in flight, "b" due at five past and "c" at ten past
    schedule = Schedule(["a", "b", "c"], FIFTEEN, T0)
    schedule.due(T0)
    now = T0 + timedelta(minutes=1)
    # WHEN the settings now list "b", two new tenants and "a" no more, nor "c"
    schedule.rename(["x", "b", "y"], now)
    # THEN "b" keeps its time, the new ones spread over one interval from now
    assert schedule.names == ("x", "b", "y")
    assert schedule.next_due("b") == T0 + timedelta(minutes=5)
    assert schedule.next_due("x") == now
    assert schedule.next_due("y") == now + FIFTEEN / 2
    assert schedule.next_due("c") is None
    # AND the removed "a" keeps its slot until its request ends, and is then forgotten
    assert schedule.in_flight == frozenset({"a"})
    schedule.finished("a", now, 900)
    assert schedule.in_flight == frozenset()
    assert schedule.next_due("a") is None
    assert schedule.due(T0 + timedelta(hours=1)) == ["x", "b"]


def test_finishing_an_unknown_name_is_ignored() -> None:
    # GIVEN a schedule
    schedule = Schedule(["a"], FIFTEEN, T0)
    # WHEN a name it never knew finishes
    schedule.finished("ghost", T0, 30)
    # THEN nothing changes
    assert schedule.names == ("a",)
    assert schedule.next_due("ghost") is None
    assert schedule.next_wake() == T0


def test_the_schedule_rejects_what_cannot_work() -> None:
    # GIVEN duplicate names, a zero interval, no slots THEN each is refused
    with pytest.raises(ValueError, match="unique"):
        Schedule(["a", "a"], FIFTEEN, T0)
    with pytest.raises(ValueError, match="interval"):
        Schedule(["a"], timedelta(0), T0)
    with pytest.raises(ValueError, match="max_in_flight"):
        Schedule(["a"], FIFTEEN, T0, max_in_flight=0)
    # AND an empty fleet is simply never due
    assert Schedule([], FIFTEEN, T0).next_wake() is None


# -- a simulated day -----------------------------------------------------------------------

Delay = Callable[[str, int], float | None]  # (tenant, its request number) -> next delay


def simulate_day(
    names: Sequence[str], duration: timedelta, delay: Delay
) -> tuple[dict[str, list[datetime]], int]:
    """Step a fake clock through next_wake() and the requests' ends for 24 hours.

    Returns when each tenant's requests set out, and the most requests running at once.
    """
    schedule = Schedule(names, FIFTEEN, T0)
    running: dict[str, datetime] = {}  # name -> when its request ends
    starts: dict[str, list[datetime]] = {name: [] for name in names}
    most = 0
    now = T0
    for _ in range(100_000):  # a bound, so a spinning timer fails instead of hanging
        moments = [when for when in (schedule.next_wake(), *running.values()) if when]
        if not moments:
            break
        assert min(moments) >= now, "the timer was asked to go back in time"
        now = min(moments)
        if now >= T0 + timedelta(days=1):
            break
        for name in [name for name, end in running.items() if end <= now]:
            del running[name]
            schedule.finished(name, now, delay(name, len(starts[name])))
        for name in schedule.due(now):
            running[name] = now + duration
            starts[name].append(now)
        most = max(most, len(running), len(schedule.in_flight))
    else:
        pytest.fail("the simulated day never ended")
    return starts, most


def succeeding(policy: RefreshPolicy, rng: random.Random) -> Delay:
    """Every request succeeds; the next one waits the policy's normal delay."""
    return lambda _, __: policy.after_success(rng)


def per_interval(starts: list[datetime]) -> Counter[int]:
    return Counter((start - T0) // FIFTEEN for start in starts)


def test_a_day_of_50_tenants_stays_within_one_request_each_per_interval() -> None:
    # GIVEN 50 tenants every 15 minutes, each request taking 5 fake seconds
    names = [f"t{i}" for i in range(50)]
    policy = RefreshPolicy(interval=FIFTEEN, jitter=0.0)
    rng = random.Random(21)
    # WHEN a whole day runs on the fake clock
    starts, most = simulate_day(names, timedelta(seconds=5), succeeding(policy, rng))
    # THEN no more than two run at once, and no tenant is read twice in one interval
    assert most <= 2
    for name in names:
        assert max(per_interval(starts[name]).values()) == 1, name
        # AND each is still read through the day (96 intervals, less the requests' own time)
        assert len(starts[name]) >= 90, name


def test_slow_requests_queue_for_the_two_slots_without_bursting() -> None:
    # GIVEN 50 tenants whose requests take a whole minute: more than two slots can serve
    names = [f"t{i}" for i in range(50)]
    policy = RefreshPolicy(interval=FIFTEEN, jitter=0.0)
    rng = random.Random(21)
    # WHEN a day runs
    starts, most = simulate_day(names, timedelta(minutes=1), succeeding(policy, rng))
    # THEN they wait their turn: still two at a time, still once per interval at most
    assert most == 2
    for name in names:
        assert max(per_interval(starts[name]).values()) == 1, name
    # AND the slots are shared fairly: 25 minutes a round, nobody starves or jumps the queue
    counts = {len(starts[name]) for name in names}
    assert min(counts) >= 55
    assert max(counts) - min(counts) <= 1


def test_jitter_never_brings_a_tenants_requests_closer_than_the_policy_allows() -> None:
    # GIVEN the real policy, with its 10 % jitter
    names = [f"t{i}" for i in range(50)]
    policy = RefreshPolicy(interval=FIFTEEN)
    rng = random.Random(7)
    # WHEN a day runs
    starts, most = simulate_day(names, timedelta(seconds=5), succeeding(policy, rng))
    # THEN two at a time at most, and a tenant's requests are at least 90 % of the interval apart
    assert most <= 2
    for name in names:
        gaps = [b - a for a, b in zip(starts[name], starts[name][1:], strict=False)]
        assert min(gaps) >= FIFTEEN * 0.9, name


def test_a_failing_tenant_backs_off_alone_through_a_day() -> None:
    # GIVEN three tenants, where "b" always fails (backing off from 30 s) and the others succeed
    policy = RefreshPolicy(interval=FIFTEEN, jitter=0.0)

    def succeed(_: str, __: int) -> float | None:
        return policy.after_success(random.Random(0))

    def b_fails(name: str, count: int) -> float | None:
        if name == "b":
            return policy.after_failure(count, Offline("down"), random.Random(0))
        return succeed(name, count)

    # WHEN the day runs with "b" failing, and again with everyone well
    failing, _ = simulate_day(["a", "b", "c"], timedelta(seconds=5), b_fails)
    well, _ = simulate_day(["a", "b", "c"], timedelta(seconds=5), succeed)
    # THEN "b" is read more often while backing off, and "a" and "c" keep exactly their times
    assert len(failing["b"]) > len(well["b"])
    assert failing["a"] == well["a"]
    assert failing["c"] == well["c"]


# -- batched notices -----------------------------------------------------------------------


def band_news(score: float, kind: Kind = Kind.BAND_CHANGED) -> Notice:
    return Notice(kind=kind, urgency=Urgency.NORMAL, score=score)


def test_three_band_changes_within_a_minute_become_one_notification() -> None:
    # GIVEN three tenants whose bands change within a minute
    batcher = NoticeBatcher()
    first, second, third = band_news(75), band_news(35, Kind.WORSENED), band_news(20)
    # WHEN they arrive
    told = [
        batcher.add("a", first, T0),
        batcher.add("b", second, T0 + timedelta(seconds=20)),
        batcher.add("c", third, T0 + timedelta(seconds=59)),
    ]
    # THEN nothing is told yet, and the batch waits for the minute from the first
    assert told == [[], [], []]
    assert batcher.held == ("a", "b", "c")
    assert batcher.next_wake() == T0 + timedelta(minutes=1)
    assert batcher.due(T0 + timedelta(seconds=59)) == []
    # WHEN the window has passed THEN one notification lists all three, in arrival order
    assert batcher.due(T0 + timedelta(minutes=1)) == [[("a", first), ("b", second), ("c", third)]]
    # AND it is told once
    assert batcher.due(T0 + timedelta(minutes=5)) == []
    assert batcher.next_wake() is None


def test_a_change_outside_the_window_is_its_own_notification() -> None:
    # GIVEN a band change, and another one more than a minute later (the timer not yet fired)
    batcher = NoticeBatcher()
    early, late = band_news(75), band_news(40)
    assert batcher.add("a", early, T0) == []
    # WHEN the late one arrives
    told = batcher.add("b", late, T0 + timedelta(minutes=2))
    # THEN the first batch is told now, alone, and the late one opens a new window
    assert told == [[("a", early)]]
    assert batcher.next_wake() == T0 + timedelta(minutes=3)
    assert batcher.due(T0 + timedelta(minutes=3)) == [[("b", late)]]


def test_a_sign_in_notice_is_told_at_once() -> None:
    # GIVEN a held band change
    batcher = NoticeBatcher()
    batcher.add("a", band_news(75), T0)
    sign_in = Notice(kind=Kind.SIGN_IN_NEEDED, urgency=Urgency.CRITICAL)
    # WHEN another tenant needs a sign-in
    told = batcher.add("b", sign_in, T0 + timedelta(seconds=10))
    # THEN it is told at once, alone, and the band change keeps waiting
    assert told == [[("b", sign_in)]]
    assert batcher.held == ("a",)


@pytest.mark.parametrize("kind", [Kind.OUTAGE, Kind.RECOVERED])
def test_outage_and_recovery_are_told_at_once(kind: Kind) -> None:
    # GIVEN an empty batcher, WHEN an outage or recovery comes
    notice = Notice(kind=kind, urgency=Urgency.NORMAL)
    # THEN it is told at once
    assert NoticeBatcher().add("a", notice, T0) == [[("a", notice)]]


def test_a_tenant_that_changed_twice_appears_once_with_its_latest_notice() -> None:
    # GIVEN "a" changing band, then "b", then "a" again within the minute
    batcher = NoticeBatcher()
    batcher.add("a", band_news(75), T0)
    batcher.add("b", band_news(50), T0 + timedelta(seconds=10))
    latest = band_news(25)
    batcher.add("a", latest, T0 + timedelta(seconds=30))
    # WHEN the window closes
    batch = batcher.due(T0 + timedelta(minutes=1))
    # THEN "a" appears once, in its first place, with the latest notice
    assert batch == [[("a", latest), ("b", band_news(50))]]


def test_the_window_can_be_set() -> None:
    # GIVEN a five-minute window
    batcher = NoticeBatcher(timedelta(minutes=5))
    batcher.add("a", band_news(75), T0)
    # THEN the batch waits five minutes
    assert batcher.due(T0 + timedelta(minutes=4)) == []
    assert len(batcher.due(T0 + timedelta(minutes=5))) == 1
    with pytest.raises(ValueError, match="window"):
        NoticeBatcher(timedelta(seconds=-1))

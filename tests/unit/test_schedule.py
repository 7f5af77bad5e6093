import random
from datetime import timedelta

import pytest
from trayscore.core.errors import (
    BadResponse,
    ConfigError,
    Offline,
    ServiceUnavailable,
    SignInRequired,
    Throttled,
)
from trayscore.core.refresh_policy import RefreshPolicy, resumed_from_sleep

POLICY = RefreshPolicy(interval=timedelta(minutes=15))


def test_success_waits_the_interval_within_jitter() -> None:
    rng = random.Random(1)
    delays = [POLICY.after_success(rng) for _ in range(200)]
    assert all(810 <= d <= 990 for d in delays)
    assert max(delays) - min(delays) > 60  # the jitter really spreads


def test_backoff_never_exceeds_a_short_demo_interval() -> None:
    policy = RefreshPolicy(interval=timedelta(seconds=10), jitter=0.0)
    assert policy.after_failure(5, Offline("x"), random.Random(0)) == 10


def test_failures_back_off_exponentially_up_to_the_interval() -> None:
    policy = RefreshPolicy(interval=timedelta(minutes=15), jitter=0.0)
    rng = random.Random(0)
    delays = [policy.after_failure(n, ServiceUnavailable("x"), rng) for n in range(1, 9)]
    assert delays == [30, 60, 120, 240, 480, 900, 900, 900]


def test_backoff_never_exceeds_thirty_minutes_for_long_intervals() -> None:
    policy = RefreshPolicy(interval=timedelta(hours=24), jitter=0.0)
    assert policy.after_failure(50, Offline("x"), random.Random(0)) == 1800


def test_retry_after_is_honoured_even_beyond_the_backoff() -> None:
    policy = RefreshPolicy(interval=timedelta(minutes=5), jitter=0.0)
    assert policy.after_failure(1, Throttled("x", retry_after=600), random.Random(0)) == 600
    assert policy.after_failure(3, Throttled("x", retry_after=5), random.Random(0)) == 120
    assert policy.after_failure(1, Throttled("x", retry_after=None), random.Random(0)) == 30


@pytest.mark.parametrize("error", [SignInRequired("x"), ConfigError("x")])
def test_problems_only_the_user_can_fix_are_not_retried(error: Exception) -> None:
    assert POLICY.after_failure(1, error, random.Random(0)) is None  # type: ignore[arg-type]


def test_bad_responses_back_off_like_outages() -> None:
    assert POLICY.after_failure(2, BadResponse("x"), random.Random(0)) == pytest.approx(60, rel=0.1)


def test_a_clock_gap_means_the_machine_slept() -> None:
    assert resumed_from_sleep(wall_elapsed=3600, monotonic_elapsed=300)
    assert not resumed_from_sleep(wall_elapsed=301, monotonic_elapsed=300)
    assert not resumed_from_sleep(wall_elapsed=300, monotonic_elapsed=300)
    # a gap of exactly a minute already counts as a sleep
    assert resumed_from_sleep(wall_elapsed=360, monotonic_elapsed=300)
    assert not resumed_from_sleep(wall_elapsed=359.9, monotonic_elapsed=300)


def test_the_doubling_stops_after_twenty_failures() -> None:
    # GIVEN a policy whose cap is far away (no real setting allows it, but the rule must hold)
    far = timedelta(days=100_000)
    policy = RefreshPolicy(interval=far, max_backoff=far, jitter=0.0)
    # WHEN failures go on and on THEN the backoff stops doubling at 30 s x 2**20, and a huge
    # count of failures never overflows the float arithmetic
    assert policy.after_failure(21, Offline("x"), random.Random(0)) == 30 * 2**20
    assert policy.after_failure(22, Offline("x"), random.Random(0)) == 30 * 2**20
    assert policy.after_failure(100_000, Offline("x"), random.Random(0)) == 30 * 2**20

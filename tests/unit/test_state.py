from datetime import UTC, datetime, timedelta

from trayscore.core.bands import Band
from trayscore.core.display_state import Look, Tracker
from trayscore.core.errors import NotSetUp, Offline, SignInRequired
from trayscore.core.models import Reading

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
FIFTEEN = timedelta(minutes=15)


def reading(score: float, at: datetime) -> Reading:
    return Reading("exposure-score", score, at, at)


def test_nothing_yet_is_no_data() -> None:
    assert Tracker(FIFTEEN).state_at(T0).look is Look.NO_DATA


def test_a_fresh_reading_shows_its_score_and_band() -> None:
    state = Tracker(FIFTEEN).succeeded(reading(72.0, T0)).state_at(T0 + timedelta(minutes=5))
    assert state.look is Look.SCORE
    assert state.band is Band.HIGH
    assert state.problem is None


def test_a_reading_older_than_two_intervals_is_stale() -> None:
    tracker = Tracker(FIFTEEN).succeeded(reading(40.0, T0))
    assert tracker.state_at(T0 + timedelta(minutes=31)).look is Look.SCORE
    assert tracker.state_at(T0 + timedelta(minutes=31, seconds=1)).look is Look.STALE


def test_a_failure_keeps_the_last_value_and_names_the_problem() -> None:
    # GIVEN a reading, WHEN the next refresh fails
    tracker = Tracker(FIFTEEN).succeeded(reading(40.0, T0)).failed(Offline("Cannot reach host."))
    state = tracker.state_at(T0 + timedelta(minutes=16))
    # THEN the value is still shown, with the problem beside it
    assert state.look is Look.SCORE
    assert state.reading is not None
    assert state.problem == "Cannot reach host."
    assert tracker.failures == 1


def test_a_failure_without_any_reading_is_an_error() -> None:
    state = Tracker(FIFTEEN).failed(Offline("down")).state_at(T0)
    assert state.look is Look.ERROR


def test_sign_in_needed_wins_over_everything() -> None:
    tracker = Tracker(FIFTEEN).succeeded(reading(40.0, T0)).failed(SignInRequired("sign in"))
    assert tracker.state_at(T0).look is Look.SIGN_IN


def test_not_set_up_is_its_own_look_even_over_an_old_reading() -> None:
    # GIVEN a reading, then the registration removed (another machine's settings, say)
    tracker = Tracker(FIFTEEN).succeeded(reading(40.0, T0)).failed(NotSetUp("not set up"))
    # THEN the way on is Set up, not Sign in, and not a score no longer read
    assert tracker.state_at(T0).look is Look.SET_UP
    assert Tracker(FIFTEEN).failed(NotSetUp("not set up")).state_at(T0).look is Look.SET_UP


def test_success_after_failures_clears_the_problem() -> None:
    tracker = Tracker(FIFTEEN).failed(Offline("down")).failed(Offline("down"))
    tracker = tracker.succeeded(reading(10.0, T0))
    assert tracker.failures == 0
    assert tracker.state_at(T0).problem is None

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from trayscore.core.trend import (
    Change,
    axis_start,
    change_over,
    change_since,
    extremes,
    value_at,
    within,
)

T0 = datetime(2026, 11, 1, tzinfo=UTC)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class R:
    score: float
    time: datetime
    last_confirmed: datetime


RUNS = [
    R(40.0, T0, T0 + DAY),
    R(45.0, T0 + 2 * DAY, T0 + 6 * DAY),
    R(38.0, T0 + 7 * DAY, T0 + 8 * DAY),
]


def test_value_at_is_the_run_in_force() -> None:
    assert value_at(RUNS, T0 - DAY) is None
    assert value_at(RUNS, T0 + DAY) == 40.0
    assert value_at(RUNS, T0 + 3 * DAY) == 45.0
    assert value_at(RUNS, T0 + 30 * DAY) == 38.0


def test_change_since_compares_the_latest_with_then() -> None:
    now = T0 + 8 * DAY
    assert change_since(RUNS, now, timedelta(days=1)) == 0.0  # 38 since yesterday
    assert change_since(RUNS, now, timedelta(days=2)) == -7.0  # 45 two days ago, 38 now
    assert change_since(RUNS, now, timedelta(days=7)) == -2.0  # 40 a week ago
    assert change_since(RUNS, now, timedelta(days=30)) is None  # no history that old
    assert change_since([], now, DAY) is None


def test_within_keeps_the_run_already_in_force_and_extremes() -> None:
    visible = within(RUNS, T0 + 3 * DAY)
    assert [r.score for r in visible] == [45.0, 38.0]
    assert extremes(visible) == (38.0, 45.0)
    assert extremes([]) is None


def test_within_keeps_a_run_last_confirmed_at_the_very_start() -> None:
    # GIVEN a window starting exactly when the first run was last confirmed
    # THEN that run is still visible (it was in force at the window's first instant)
    assert [r.score for r in within(RUNS, T0 + DAY)] == [40.0, 45.0, 38.0]
    assert [r.score for r in within(RUNS, T0 + DAY + timedelta(microseconds=1))] == [45.0, 38.0]


def test_change_over_a_period_with_enough_history_is_not_marked_short() -> None:
    # GIVEN eight days of history
    now = T0 + 8 * DAY
    # THEN a week's change compares with the score in force a week ago
    assert change_over(RUNS, now, timedelta(days=7)) == Change(-2.0)


def test_change_over_falls_back_to_the_first_reading_while_history_is_short() -> None:
    # GIVEN eight days of history
    now = T0 + 8 * DAY
    # WHEN the change over 30 days is asked for
    change = change_over(RUNS, now, timedelta(days=30))
    # THEN it is the change since the first reading, which was eight days ago
    assert change == Change(-2.0, 8 * DAY)


def test_change_over_six_minutes_of_history() -> None:
    # GIVEN two readings, six and two minutes ago
    now = T0 + timedelta(minutes=6)
    runs = [R(80.0, T0, T0), R(81.4, now - timedelta(minutes=2), now)]
    # THEN every period's change is the change since the first reading six minutes ago
    for period in (DAY, 7 * DAY, 30 * DAY):
        change = change_over(runs, now, period)
        assert change is not None
        assert round(change.amount, 1) == 1.4
        assert change.history == timedelta(minutes=6)


def test_change_over_needs_a_reading_older_than_now() -> None:
    # GIVEN no history, or only a reading taken this instant
    # THEN there is no change to show
    assert change_over([], T0, DAY) is None
    assert change_over([R(40.0, T0, T0)], T0, DAY) is None


def test_axis_starts_at_the_range_when_the_history_covers_it() -> None:
    # GIVEN history older than the range's start
    start, end = T0 + 3 * DAY, T0 + 8 * DAY
    # THEN the axis is the whole range
    assert axis_start(within(RUNS, start), start, end) == start
    assert axis_start([], start, end) == start


def test_axis_starts_just_before_a_first_reading_later_than_the_range() -> None:
    # GIVEN six minutes of history on a 30-day range
    end = T0 + timedelta(minutes=6)
    runs = [R(80.0, T0, end)]
    # WHEN the axis is fitted
    begin = axis_start(runs, end - 30 * DAY, end)
    # THEN it starts a minute (the least margin) before the first reading
    assert begin == T0 - timedelta(minutes=1)


def test_axis_margin_grows_with_the_history_but_stays_in_the_range() -> None:
    # GIVEN twenty days of history on a 30-day range
    end = T0 + 20 * DAY
    # THEN the margin is a twentieth of the history: one day
    assert axis_start([R(50.0, T0, end)], end - 30 * DAY, end) == T0 - DAY
    # AND a first reading just after the range's start keeps the range's start
    start = T0 - timedelta(hours=1)
    assert axis_start([R(50.0, T0, end)], start, end) == start

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from trayscore.core.trend import change_since, extremes, value_at, within

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

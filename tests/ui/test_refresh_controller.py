"""The refresh controller alone: backoff, the in-flight guard, sleep and the network.

No event loop runs: jobs are held by fake workers and answered when the test says, the clocks
are fakes, and the timer is only looked at (Qt needs its application object for a QTimer).
"""

from __future__ import annotations

import random

from pytestqt.qtbot import QtBot
from trayscore.app.refresh import RefreshController
from trayscore.app.state import AppState
from trayscore.core.display_state import Look
from trayscore.core.errors import NotSetUp, ServiceUnavailable, SignInRequired

from tests.helpers.app import FakeClock, FakeSleepClocks
from tests.helpers.controllers import (
    INTERVAL,
    InlineWorkers,
    RecordingActions,
    ScriptedReader,
    fresh_state,
)


def controller(
    reader: ScriptedReader,
    workers: InlineWorkers,
    state: AppState,
    actions: RecordingActions,
    clocks: FakeSleepClocks | None = None,
) -> RefreshController:
    return RefreshController(
        reader,
        workers,
        state,
        actions,
        interval=INTERVAL,
        clock=FakeClock(),
        sleep_clocks=clocks or FakeSleepClocks(),
        rng=random.Random(7),
    )


def score(state: AppState) -> float | None:
    """The score shown now (a function: each call reads the state anew)."""
    return state.tracker.reading.score if state.tracker.reading is not None else None


def in_flight(refresh: RefreshController) -> bool:
    return refresh.in_flight


def seconds_left(refresh: RefreshController) -> float:
    return refresh.timer.remainingTime() / 1000


def test_failures_back_off_doubling_and_a_success_goes_back_to_the_interval(qtbot: QtBot) -> None:
    # GIVEN a service that fails twice, then answers
    reader, workers, state, actions = (
        ScriptedReader(),
        InlineWorkers(),
        fresh_state(),
        RecordingActions(),
    )
    reader.answers = [ServiceUnavailable("down"), ServiceUnavailable("down"), 42.0]
    refresh = controller(reader, workers, state, actions)
    failed: list[object] = []
    refresh.failed.connect(failed.append)
    # WHEN the first refresh fails
    refresh.refresh_now()
    workers.run_next()
    # THEN the next try is in about 30 s, and the failure is said
    assert state.tracker.failures == 1
    assert 26 <= seconds_left(refresh) <= 33
    assert len(failed) == 1
    # WHEN the second fails  THEN about 60 s
    refresh.refresh_now()
    workers.run_next()
    assert 53 <= seconds_left(refresh) <= 66
    # WHEN the third succeeds  THEN the normal interval, give or take the jitter
    refresh.refresh_now()
    workers.run_next()
    assert state.tracker.failures == 0
    assert state.tracker.reading is not None
    assert 13.5 * 60 <= seconds_left(refresh) <= 16.5 * 60


def test_a_sign_in_problem_is_not_retried_on_a_timer(qtbot: QtBot) -> None:
    reader, workers, state, actions = (
        ScriptedReader(),
        InlineWorkers(),
        fresh_state(),
        RecordingActions(),
    )
    reader.answers = [SignInRequired("sign in")]
    refresh = controller(reader, workers, state, actions)
    # WHEN the refresh needs a sign-in
    refresh.refresh_now()
    workers.run_next()
    # THEN the tray says so and waits for the user
    assert state.tracker.state_at(FakeClock()()).look is Look.SIGN_IN
    assert not refresh.timer.isActive()


def test_one_refresh_at_a_time(qtbot: QtBot) -> None:
    # GIVEN a refresh in flight
    reader, workers, state, actions = (
        ScriptedReader(),
        InlineWorkers(),
        fresh_state(),
        RecordingActions(),
    )
    reader.answers = [42.0, 43.0]
    refresh = controller(reader, workers, state, actions)
    refresh.refresh_now()
    assert in_flight(refresh)
    # WHEN the user asks again and again
    refresh.refresh_now()
    refresh.refresh_now()
    # THEN no second job starts until the first has answered
    assert len(workers.jobs) == 1
    workers.run_next()
    assert not in_flight(refresh)
    refresh.refresh_now()
    assert len(workers.jobs) == 1


def test_an_answer_for_old_settings_is_dropped_and_read_again(qtbot: QtBot) -> None:
    # GIVEN a refresh in flight when the settings change
    reader, workers, state, actions = (
        ScriptedReader(),
        InlineWorkers(),
        fresh_state(),
        RecordingActions(),
    )
    reader.answers = [90.0, 12.0]
    refresh = controller(reader, workers, state, actions)
    refresh.refresh_now()
    refresh.settings_changed()
    # WHEN its answer arrives  THEN it is dropped and a new refresh starts at once
    workers.run_next()
    assert score(state) is None
    assert len(workers.jobs) == 1
    workers.run_next()
    assert score(state) == 12.0


def test_a_gap_between_the_clocks_is_a_resume_and_refreshes(qtbot: QtBot) -> None:
    # GIVEN the controller ticking, nothing in flight
    clocks = FakeSleepClocks()
    reader, workers, state, actions = (
        ScriptedReader(),
        InlineWorkers(),
        fresh_state(),
        RecordingActions(),
    )
    refresh = controller(reader, workers, state, actions, clocks)
    resumed: list[bool] = []
    refresh.resumed.connect(lambda: resumed.append(True))
    # WHEN an ordinary tick comes  THEN nothing is read
    clocks.advance(wall=15, monotonic=15)
    refresh.tick()
    assert workers.jobs == []
    # WHEN the wall clock jumped an hour while monotonic time moved 15 s (the lid was shut)
    clocks.advance(wall=3600, monotonic=15)
    refresh.tick()
    # THEN the resume is said and a refresh starts at once
    assert resumed == [True]
    assert len(workers.jobs) == 1


def test_no_request_while_the_network_is_down_and_one_when_it_returns(qtbot: QtBot) -> None:
    reader, workers, state, actions = (
        ScriptedReader(),
        InlineWorkers(),
        fresh_state(),
        RecordingActions(),
    )
    refresh = controller(reader, workers, state, actions)
    # WHEN the network is down and a refresh is asked for
    refresh.network_changed(False)
    refresh.refresh_now()
    # THEN nothing is sent, the tray says why, and no timer runs
    assert workers.jobs == []
    assert state.tracker.error is not None
    assert "No network connection" in state.tracker.error.message
    assert not refresh.timer.isActive()
    # WHEN it comes back  THEN a refresh starts at once
    refresh.network_changed(True)
    assert len(workers.jobs) == 1


def test_an_unconfigured_app_is_not_set_up_and_points_at_the_menu(qtbot: QtBot) -> None:
    # GIVEN no app registration and no token: the clients refuse before any request
    reader = ScriptedReader(environ={})
    workers, state, actions = InlineWorkers(), fresh_state(), RecordingActions()
    refresh = controller(reader, workers, state, actions)
    reader.answers = [NotSetUp("Not set up yet: ... Run `trayscore setup` ...")]
    # WHEN the refresh fails  THEN it is "not set up", worded for the menu, not the command line
    refresh.refresh_now()
    workers.run_next()
    assert isinstance(state.tracker.error, NotSetUp)
    assert "choose Set up trayscore..." in state.tracker.error.message
    assert "trayscore setup" not in state.tracker.error.message

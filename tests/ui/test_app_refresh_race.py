"""Settings applied while a refresh is in flight: the old answer must not stand."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot
from trayscore.app.root import TrayApp
from trayscore.settings.model import Settings
from trayscore.simulator import Answer, Simulator
from trayscore.system.paths import AppPaths

from tests.helpers.app import app_with, started


def test_an_answer_for_the_old_settings_is_dropped_and_the_new_ones_are_read(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN a refresh held in flight against the first API (it will answer 90)
    sim.script(Answer(200, b'{"time": "2026-11-28T09:00:00Z", "score": 90}', hold=True))
    app = started(app_with(paths, Settings(api_url=sim.url)), app_factory)
    qtbot.waitUntil(lambda: sim.requests_served >= 1, timeout=10_000)  # the request is held
    with Simulator(seed=4) as other:
        other.script(Answer(200, b'{"time": "2026-11-28T09:00:00Z", "score": 12}'))
        # WHEN the settings point at another API before that answer arrives
        app.apply_settings(replace(app.settings.current, api_url=other.url))
        sim.release_held()
        # THEN the old answer (90) is dropped and the new API's score (12) is shown
        qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
        assert app.tracker.reading is not None
        assert app.tracker.reading.score == 12
        assert other.requests_served >= 1

"""The demo's first run: its own history starts with 90 simulated days, so the popup's first
chart is a curve and its changes are numbers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot
from trayscore.app.root import TrayApp
from trayscore.core.catalog import EXPOSURE_SCORE
from trayscore.core.models import Reading
from trayscore.history.store import HistoryStore
from trayscore.settings.model import Settings
from trayscore.system.paths import AppPaths

from tests.helpers.app import app_with, started


def test_the_demos_first_run_shows_ninety_days_of_history_and_real_changes(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp]
) -> None:
    # GIVEN the demo's first run: no history of any kind yet
    app = started(app_with(paths, Settings(), environ={}, demo=True), app_factory)
    # WHEN its first simulated reading arrives
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    reading = app.tracker.reading
    assert reading is not None
    # THEN the demo's history runs from 90 days ago into that reading
    runs = app.reader.history().entries(EXPOSURE_SCORE.name)
    assert runs[0].time <= reading.time - timedelta(days=89, hours=23)
    assert runs[-1].score == reading.score
    assert len(runs) > 500
    # AND the popup's changes over 24 h, 7 d and 30 d are numbers over the whole period
    app.show_history()
    popup = app.surfaces.popup
    qtbot.waitUntil(lambda: len(popup.runs) == len(runs), timeout=5_000)
    for name in ("24 h", "7 d", "30 d"):
        label = popup.delta_labels[name]
        assert label.isVisible(), name
        assert "no data yet" not in label.text(), label.text()
        assert "since first reading" not in label.text(), label.text()
        assert label.accessibleName().startswith("Change over "), label.accessibleName()
    # AND the chart draws the month (its default range) from a curve of many points
    described = popup.chart.accessibleDescription()  # "... over 30 day(s)": no catalogue here
    assert described.startswith("Exposure score over 30 day"), described
    month = [run for run in popup.runs if run.last_confirmed >= reading.time - timedelta(days=30)]
    assert len(month) > 200
    # AND only the demo's own file was written, no tenant's history
    assert sorted(path.name for path in paths.data_dir.glob("*history*.json")) == [
        "demo-history.json"
    ]


def test_the_demo_keeps_a_history_it_already_has(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp]
) -> None:
    # GIVEN a demo history from an earlier run, with one reading a day ago
    yesterday = datetime.now(UTC) - timedelta(days=1)
    store = HistoryStore(paths.history_file("public", None, demo=True))
    store.record(Reading(EXPOSURE_SCORE.name, 42.0, yesterday, yesterday))
    # WHEN the demo starts and reads its first score
    app = started(app_with(paths, Settings(), environ={}, demo=True), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    # THEN no simulated past was added: the earlier reading and the new one
    runs = app.reader.history().entries(EXPOSURE_SCORE.name)
    assert [run.score for run in runs][:1] == [42.0]
    assert len(runs) <= 2

"""The tray meets Microsoft's reality: a broken secondary answer, points without a maximum,
the Defender API's coming end (popup notice, one-click switch, one notification)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot
from trayscore.app.root import TrayApp
from trayscore.settings.model import Settings
from trayscore.simulator import Answer, Simulator
from trayscore.system.paths import AppPaths
from trayscore.ui.retirement_notice import retirement_text

from tests.fakes.notification_server import Recorder
from tests.helpers.app import app_with, started

IN_THE_WARNING = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)  # 12 days before 2027-02-01


def on(sim: Simulator, source: str = "exposure-score") -> Settings:
    return Settings(api_url=sim.url, graph_url=f"{sim.url}/v1.0", source=source)


def test_a_broken_secondary_answer_leaves_the_primary_score(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN Graph answering a time that overflowed before, and garbage for the device groups
    overflow = {"value": [{"createdDateTime": "0001-01-01T00:00:00+14:00", "currentScore": 1,
                           "maxScore": 2}]}  # fmt: skip
    sim.fail_always(Answer(200, json.dumps(overflow).encode(), only_under="/v1.0/"))
    # WHEN the tray refreshes with the exposure score as its primary score
    app = started(app_with(paths, on(sim)), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=15_000)
    # THEN the primary score is shown, with no error state, and the device row is there
    state = app.tracker.state_at(app.tracker.reading.fetched_at)  # type: ignore[union-attr]
    assert state.problem is None
    assert app.view.tray.toolTip().startswith("Exposure score ")
    sources = [reading.source for reading in app.tracker.others]
    assert "secure-score" not in sources
    assert "device-secure-score" in sources


def test_the_device_secure_score_row_says_points(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN the device secure score answered as documented: points, no maximum
    app = started(app_with(paths, on(sim)), app_factory)
    qtbot.waitUntil(lambda: app.tracker.others != (), timeout=15_000)
    app.show_history()
    # THEN its popup row says points, no percentage and no band, and nothing was recorded
    row = next(r for r in app.surfaces.popup.others.text().splitlines() if r.startswith("Device"))
    assert row.endswith(" points")
    assert "%" not in row
    history = app.reader.history()
    assert history.entries("device-secure-score") == []


def test_the_device_secure_score_as_primary_says_what_to_do(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    app = started(app_with(paths, on(sim, "device-secure-score")), app_factory)
    qtbot.waitUntil(lambda: app.tracker.failures > 0, timeout=15_000)
    assert "No published maximum" in app.view.tray.toolTip()
    assert "choose another score in Settings" in app.view.tray.toolTip()


def test_retirement_words_by_date_and_source() -> None:
    english = QLocale(QLocale.Language.English)
    assert retirement_text("secure-score", IN_THE_WARNING.date(), english) is None
    assert retirement_text("exposure-score", datetime(2027, 1, 1).date(), english) is None
    soon = retirement_text("exposure-score", IN_THE_WARNING.date(), english)
    assert soon == (
        "The Defender API stops on 1 February 2027, in 12 days; "
        "Microsoft Secure Score keeps working."
    )
    gone = retirement_text("device-secure-score", datetime(2027, 3, 1).date(), english)
    assert gone is not None
    assert gone.startswith("Microsoft retired the Defender API on 1 February 2027")


def test_in_the_last_30_days_the_popup_offers_the_switch_and_the_tray_notifies_once(
    qtbot: QtBot,
    paths: AppPaths,
    sim: Simulator,
    app_factory: list[TrayApp],
    notification_bus: Recorder,
) -> None:
    # GIVEN the exposure score as the primary score, 12 days before the Defender API stops
    settings = on(sim)
    clock = lambda: IN_THE_WARNING  # noqa: E731
    app = started(app_with(paths, settings, clock=clock, bus=notification_bus.address), app_factory)
    qtbot.waitUntil(lambda: app.notifier is not None, timeout=10_000)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=15_000)
    app.refresh_now()  # the notifier may have come after the first refresh
    # THEN one notification says so, with the switch as its action
    recorder = notification_bus
    qtbot.waitUntil(lambda: any("retiring" in c.summary for c in recorder.calls), timeout=10_000)
    told = [call for call in recorder.calls if "retiring" in call.summary]
    assert len(told) == 1
    assert "in 12 days" in told[0].body
    assert "switch-secure-score" in told[0].actions
    # AND the popup says it, with a one-click switch
    app.show_history()
    assert app.surfaces.popup.retirement.isVisible()
    assert "in 12 days" in app.surfaces.popup.retirement.text()
    assert app.surfaces.popup.switch_button.isVisible()
    # WHEN the next refreshes come  THEN nothing more is notified
    app.refresh_now()
    qtbot.waitUntil(lambda: not app.refresh.in_flight, timeout=15_000)
    assert len([call for call in recorder.calls if "retiring" in call.summary]) == 1
    # WHEN the switch is clicked
    app.surfaces.popup.switch_button.click()
    # THEN Secure Score is the primary score, saved, and the notice is gone
    qtbot.waitUntil(lambda: app.tracker.reading is not None and
                    app.tracker.reading.source == "secure-score", timeout=15_000)  # fmt: skip
    assert 'source = "secure-score"' in paths.settings_file.read_text("utf-8")
    assert not app.surfaces.popup.retirement.isVisible()


def test_the_switch_is_not_offered_when_an_administrator_locked_the_source(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    locked = Settings(api_url=sim.url, locked=frozenset({"source"}))
    app = started(app_with(paths, locked, clock=lambda: IN_THE_WARNING), app_factory)
    app.show_history()
    app.render()
    assert app.surfaces.popup.retirement.isVisible()
    assert not app.surfaces.popup.switch_button.isVisible()

"""The tray app with several scores: primary source, secondary rows, device groups, retirement."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from trayscore.app.options import AppOptions
from trayscore.app.root import TrayApp
from trayscore.core.bands import Band
from trayscore.core.catalog import severity
from trayscore.core.display_state import DisplayState, Look
from trayscore.core.notice_policy import Kind
from trayscore.history.store import Entry
from trayscore.settings.model import Settings
from trayscore.simulator import Simulator
from trayscore.system.paths import AppPaths
from trayscore.ui.icon import BAND_FILL, drawn_band
from trayscore.ui.notifications.center import NotificationCenter
from trayscore.ui.popup import HistoryPopup

from tests.helpers.app import FakeSleepClocks, started

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def app_on(paths: AppPaths, sim: Simulator, source: str) -> TrayApp:
    settings = Settings(api_url=sim.url, graph_url=f"{sim.url}/v1.0", source=source)
    return TrayApp(
        settings=settings,
        paths=paths,
        environ={"TRAYSCORE_ACCESS_TOKEN": "tok"},
        options=AppOptions(tray_grace_ms=50),
        sleep_clocks=FakeSleepClocks(),
    )


def icon_fill(app: TrayApp) -> QColor:
    return QColor(app.view.icon.pixmap(32, 32).toImage().pixelColor(16, 3))


def close(a: QColor, b: QColor) -> bool:
    pairs = zip((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()), strict=True)
    return all(abs(x - y) <= 40 for x, y in pairs)


def test_secure_score_as_the_primary_score_with_the_others_as_rows(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN settings that choose Microsoft Secure Score (Graph) for the icon
    app = started(app_on(paths, sim, "secure-score"), app_factory)
    # WHEN the first refresh is done
    qtbot.waitUntil(lambda: app.tracker.others != (), timeout=15_000)
    reading = app.tracker.reading
    assert reading is not None
    # THEN the icon shows Secure Score, coloured by what its band means (high is good: green)
    assert reading.source == "secure-score"
    expected = QColor(BAND_FILL[drawn_band("secure-score", reading.band)])
    assert close(icon_fill(app), expected)
    assert app.view.tray.toolTip().startswith("Secure Score ")
    assert "%" in app.view.tray.toolTip().splitlines()[0]
    # AND its past came from Graph's daily snapshots: the chart has more than one point
    assert len(app.state.runs) > 1
    # AND the popup shows the other scores as rows, and the device groups worst first
    app.show_history()
    rows = app.surfaces.popup.others.text().splitlines()
    assert any(row.startswith("Exposure score ") for row in rows)
    assert any(row.startswith("Device secure score ") for row in rows)
    # AND each row and group says what its band means and which way is better
    banded = [row for row in rows if row.startswith("Exposure score ")]
    assert banded[0].endswith(
        ("good, lower is better)", "fair, lower is better)", "poor, lower is better)")
    )
    groups = app.surfaces.popup.groups.text().splitlines()
    assert groups[0] == "Exposure by device group, worst first (lower is better):"
    assert groups[1].endswith((": good)", ": fair)", ": poor)"))
    # AND under the headline: Secure Score's meaning, its direction, and whose bands they are
    verdict = app.surfaces.popup.verdict.accessibleName()
    assert verdict.endswith(", higher is better (trayscore's bands)"), verdict
    scores = [group.score for group in app.tracker.groups]
    assert scores == sorted(scores, reverse=True)
    assert len(groups) >= 2


def run(score: float, minutes: int) -> Entry:
    moment = T0 + timedelta(minutes=minutes)
    return Entry("secure-score", score, moment, moment, moment)


def test_a_rising_secure_score_is_good_news_in_the_popup(qtbot: QtBot) -> None:
    # GIVEN the popup on Secure Score, which rose from 50 to 58 over a day
    popup = HistoryPopup()
    qtbot.addWidget(popup)
    now = T0 + timedelta(days=1)
    state = DisplayState(Look.SCORE, source="secure-score")
    popup.show_state(state, now, QLocale(QLocale.Language.English))
    popup.set_history([run(50, 0), run(58, 24 * 60 - 5)], now)
    # THEN the 24 h change is an up arrow in the good colour (for exposure, it would be red)
    text = popup.delta_labels["24 h"].text()
    assert "\u25b2" in text
    # (the good band's green, shaded as far as text needs to be readable on this background)
    colour = QColor(text.split("color:")[1][:7])
    assert colour.green() > 2 * colour.red()
    assert BAND_FILL[Band.HIGH] not in text


def test_a_falling_secure_score_is_what_gets_notified(qtbot: QtBot) -> None:
    # GIVEN notifications about Secure Score (higher is better), after the quiet minute
    center = NotificationCenter(Settings().notifications, QLocale(QLocale.Language.English))
    center.new_series("secure-score")
    told: list[tuple[str, str]] = []

    class Recorder:
        action_invoked = center.history_wanted  # any signal: not used here

        def notify(self, kind: str, title: str, body: str, **_: object) -> None:
            told.append((title, body))

    center.set_notifier(Recorder())
    center.reading(80, T0)
    # WHEN it rises by 10  THEN nothing is told: that is good news
    center.reading(90, T0 + timedelta(hours=1))
    assert told == []
    # WHEN it falls to 60  THEN the fall is told, in Secure Score's words
    center.reading(60, T0 + timedelta(hours=2))
    assert center.shown[-1].kind in {Kind.BAND_CHANGED, Kind.WORSENED}
    title, body = told[-1]
    assert title == "Secure Score worsened: now Medium"  # a fall is bad news here
    assert body.startswith("The Secure Score fell to 60% (Medium)")
    assert severity("secure-score", Band.HIGH).value == "good"


def test_a_retired_defender_api_says_so_and_secure_score_still_works(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN Microsoft has retired the Defender API (Graph still answers)
    sim.fail_always("retired")
    app = started(app_on(paths, sim, "exposure-score"), app_factory)
    # WHEN the exposure score is asked for  THEN the tray says the API is retired and what to do
    qtbot.waitUntil(lambda: app.tracker.failures >= 1, timeout=10_000)
    state = app.tracker.state_at(app.clock())
    assert state.look is Look.ERROR
    assert state.problem is not None
    assert "retired" in state.problem
    assert "Secure Score" in state.problem
    # WHEN the user switches the icon to Secure Score  THEN a score is shown again
    app.apply_settings(
        Settings(api_url=sim.url, graph_url=f"{sim.url}/v1.0", source="secure-score")
    )
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=15_000)
    assert app.tracker.state_at(app.clock()).look is Look.SCORE
    assert app.tracker.reading is not None
    assert app.tracker.reading.source == "secure-score"

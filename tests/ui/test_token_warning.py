"""The tray tooltip warns when tokens go to a host that is not Microsoft's (issue 17, finding 7)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot
from trayscore.app.options import AppOptions
from trayscore.app.root import TrayApp
from trayscore.auth.token_store import MemoryTokenStore
from trayscore.core.display_state import Tracker
from trayscore.core.errors import ConfigError, Offline
from trayscore.core.models import Reading
from trayscore.settings.model import Settings
from trayscore.simulator import Simulator
from trayscore.system.paths import AppPaths
from trayscore.ui.texts import TOOLTIP_LIMIT, tooltip

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
C = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def test_the_warning_follows_the_score_and_the_tooltip_keeps_its_limit() -> None:
    # GIVEN a score, an account, a long problem and a long foreign host
    reading = Reading("exposure-score", 42.0, NOW, NOW)
    tracker = (
        Tracker(timedelta(minutes=15), foreign_hosts=("defender-gateway.example.test",))
        .succeeded(reading)
        .signed_in_as("analyst@contoso.example")
        .failed(Offline("Cannot reach api.security.microsoft.com: the connection failed. " * 3))
    )
    # WHEN the tooltip is written
    text = tooltip(tracker.state_at(NOW), NOW, C)
    # THEN the score line comes first, the warning right after its timing, all in 127 characters
    lines = text.split("\n")
    assert lines[0].startswith("Exposure score 42")
    assert lines[2] == "⚠ Tokens go to defender-gateway.example.test, not Microsoft"
    assert len(text) <= TOOLTIP_LIMIT
    # AND without a foreign host there is no such line
    assert "Tokens go to" not in tooltip(replace(tracker, foreign_hosts=()).state_at(NOW), NOW, C)


def test_the_tray_warns_of_a_foreign_api_url_until_it_is_changed_back(
    qtbot: QtBot, paths: AppPaths
) -> None:
    # GIVEN the tray built with api_url on a host that is not Microsoft's (not started: offline)
    app = TrayApp(
        settings=Settings(api_url="https://defender-gateway.example.test"),
        paths=paths,
        environ={},
        options=AppOptions(tray_grace_ms=50),
    )
    try:
        # WHEN it draws  THEN the tooltip names the host
        app.render()
        assert "⚠ Tokens go to defender-gateway.example.test" in app.view.tray.toolTip()
        # WHEN the setting goes back to Microsoft's regional host  THEN the warning goes
        app.refresh.in_flight = True  # no refresh: this test has no network
        app.apply_settings(Settings(api_url="https://eu.api.security.microsoft.com"))
        app.render()
        assert "Tokens go to" not in app.view.tray.toolTip()
    finally:
        app.shutdown()


def test_the_demo_never_warns(qtbot: QtBot, paths: AppPaths) -> None:
    app = TrayApp(
        settings=Settings(api_url="https://defender-gateway.example.test"),
        paths=paths,
        environ={},
        options=AppOptions(demo=True, tray_grace_ms=50),
    )
    try:
        app.render()
        assert "Tokens go to" not in app.view.tray.toolTip()
    finally:
        app.shutdown()


def test_the_tray_sends_no_account_token_to_plain_http(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN an app registration and the API on the plain-http loopback simulator, no token set
    settings = Settings(
        tenant="contoso.example",
        client_id="3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
        api_url=sim.url,
    )
    app = TrayApp(
        settings=settings,
        paths=paths,
        environ={},
        options=AppOptions(tray_grace_ms=50),
        open_store=lambda _profile: (MemoryTokenStore(), None),
    )
    app_factory.append(app)
    # WHEN it refreshes
    app.start()
    qtbot.waitUntil(lambda: app.tracker.failures >= 1, timeout=10_000)
    # THEN it is a settings problem that says why, and the simulator got nothing
    assert isinstance(app.tracker.error, ConfigError)
    assert "plain http" in app.tracker.error.message
    assert sim.requests_served == 0

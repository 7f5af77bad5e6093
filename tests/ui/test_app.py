"""The tray app's behaviour offscreen: refresh off the GUI thread, backoff, states, glance."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QLabel, QSystemTrayIcon
from pytestqt.qtbot import QtBot
from trayscore.app.launch import start_again_if_wanted
from trayscore.app.options import AppOptions
from trayscore.app.root import TrayApp
from trayscore.auth.token_store import MemoryTokenStore
from trayscore.core.display_state import Look
from trayscore.core.notice_policy import Kind
from trayscore.settings.model import NotificationSettings, Settings, load_settings
from trayscore.simulator import Answer, Simulator
from trayscore.system.paths import AppPaths

from tests.conftest import TEST_TOKEN
from tests.fakes.identity import FakeIdentityPlatform
from tests.fakes.notification_server import NotifyCall, Recorder
from tests.helpers.app import FakeClock, FakeSleepClocks, SpyTray, app_with, make_app, started
from tests.helpers.cli import UNTRANSLATED, cli_environment, record_scores, run, score_answer
from tests.helpers.tls_front import TlsFront

Reachability = QNetworkInformation.Reachability
# One refresh against the simulator as the API: the exposure score, the device secure score and
# the device groups (Graph's Secure Score is not asked: only the Defender API is overridden).
REQUESTS_PER_REFRESH = 3


def test_the_first_refresh_shows_the_score_and_schedules_the_next(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    app = started(make_app(paths, sim), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    assert app.tracker.state_at(app.tracker.reading.fetched_at).look is Look.SCORE  # type: ignore[union-attr]
    assert app.refresh.timer.isActive()
    assert 13.5 * 60_000 <= app.refresh.timer.remainingTime() <= 17.5 * 60_000
    assert "Exposure score" in app.view.tray.toolTip()


def test_the_demo_keeps_its_own_history_apart_from_the_tenants(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp]
) -> None:
    # GIVEN the app in demo mode
    app = TrayApp(
        settings=Settings(),
        paths=paths,
        environ={},
        options=AppOptions(demo=True, tray_grace_ms=50),
        sleep_clocks=FakeSleepClocks(),
    )
    started(app, app_factory)
    # WHEN its first simulated reading arrives
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    # THEN it is recorded in the demo history, and the real history is never created
    assert (paths.data_dir / "demo-history.json").exists()
    assert not (paths.data_dir / "history.json").exists()


def test_the_demo_says_so_and_offers_to_set_up_a_real_tenant_without_writing_settings(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp]
) -> None:
    # GIVEN the app in demo mode, with its first simulated reading
    app = started(app_with(paths, Settings(), environ={}, demo=True), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    # THEN the menu's first line and the popup say "Demo"
    assert app.view.status_action.text().startswith("Demo: ")
    app.show_history()
    assert app.surfaces.popup.demo_badge.isVisibleTo(app.surfaces.popup)
    # WHEN the user opens Settings  THEN no settings dialog: an offer to leave the demo
    app.view.settings_requested.emit()
    assert app.settings.dialog is None
    box = app.settings.demo_box
    assert box is not None
    assert box.isVisible()
    assert "not saved" in box.text()
    # AND its "Set up my tenant..." asks to start again without --demo (here nobody starts a
    # new process: run_tray would, once this one has let go of its single-instance name)
    app.surfaces.restart_wanted.disconnect(app.restart)
    leave = next(b for b in box.buttons() if b.objectName() == "setUpMyTenant")
    with qtbot.waitSignal(app.surfaces.restart_wanted, timeout=1000) as restart:
        leave.click()
    assert restart.args == [[]]
    # AND whatever the demo applies, the real settings file is never written
    app.settings.save(Settings(refresh_minutes=60))
    assert not paths.settings_file.exists()


def test_try_the_demo_quits_and_asks_to_start_again_as_the_demo(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a first start: the welcome is up
    app = started(app_with(paths, Settings(), environ={}), app_factory)
    qtbot.waitUntil(lambda: app.surfaces.welcome is not None, timeout=5_000)
    assert app.surfaces.welcome is not None
    monkeypatch.setattr(app, "quit", lambda: None)  # the test's event loop goes on
    # WHEN the user chooses Try the demo
    app.surfaces.welcome.demo_wanted.emit()
    # THEN this app is to quit and start again with --demo, once its name is free
    assert app.restarting
    assert app.restart_arguments == ("--demo",)
    started_with: list[tuple[str, ...]] = []
    monkeypatch.setattr(
        "trayscore.app.restart.start_again", lambda extra=(): started_with.append(tuple(extra))
    )
    start_again_if_wanted([app])
    assert started_with == [("--demo",)]


def test_a_slow_answer_never_stalls_the_event_loop_and_one_request_flies(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN the API holds its answer for 5 s
    sim.script(Answer(200, delay_seconds=5.0))
    gaps: list[int] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)
    app = started(make_app(paths, sim), app_factory)
    clock.start()
    ticker.start()
    # WHEN the user asks again and again while the request is in flight
    for _ in range(5):
        app.refresh_now()
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=15_000)
    ticker.stop()
    # THEN the loop kept serving events every few ms, and only one request was made
    assert len(gaps) > 300
    assert max(gaps[1:]) < 50, max(gaps)
    assert sim.requests_served == REQUESTS_PER_REFRESH


def test_a_failure_backs_off_and_shows_the_problem(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    sim.fail_always("unavailable")
    app = started(make_app(paths, sim), app_factory)
    qtbot.waitUntil(lambda: app.tracker.failures == 1, timeout=10_000)
    assert app.tracker.state_at(app.clock()).look is Look.ERROR
    assert 25_000 <= app.refresh.timer.remainingTime() <= 35_000  # jitter and coarse timers
    assert "HTTP 503" in app.view.tray.toolTip()


def test_retry_after_is_honoured(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    sim.fail_always("throttled")
    app = started(make_app(paths, sim), app_factory)
    qtbot.waitUntil(lambda: app.tracker.failures == 1, timeout=10_000)
    assert app.refresh.timer.remainingTime() >= 41_000


def test_a_rejected_token_means_sign_in_and_no_more_polling(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    sim.fail_always("unauthorized")
    app = started(make_app(paths, sim), app_factory)
    qtbot.waitUntil(lambda: app.tracker.failures == 1, timeout=10_000)
    assert app.tracker.state_at(app.clock()).look is Look.SIGN_IN
    assert not app.refresh.timer.isActive()


def test_without_a_tenant_the_app_is_not_set_up_and_offers_set_up(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp]
) -> None:
    # GIVEN no tenant, client ID or token  WHEN the app starts
    app = started(make_app(paths, None, token=None), app_factory)
    qtbot.waitUntil(lambda: app.tracker.failures == 1, timeout=10_000)
    # THEN "not set up" is its own state: its icon, words and menu entry, not "sign in"
    state = app.tracker.state_at(app.clock())
    assert state.look is Look.SET_UP
    assert state.problem is not None
    assert "choose Set up trayscore..." in state.problem
    assert app.view.spec is not None
    assert app.view.spec.look is Look.SET_UP
    assert app.view.tray.toolTip().startswith("trayscore: not set up yet")
    assert app.view.set_up_action.isVisible()
    assert not app.view.sign_in_action.isVisible()
    # AND nothing is retried on a timer, and no notification is due (nothing was lost)
    assert not app.refresh.timer.isActive()
    assert app.notifications.policy.tick(app.clock() + timedelta(hours=1))[1] is None
    # WHEN the user chooses Set up trayscore...  THEN the settings open, the account first
    app.view.set_up_action.trigger()
    dialog = app.settings.dialog
    assert dialog is not None
    assert dialog.isVisible()
    layout = dialog.body.layout()  # the groups, in their scroll area
    assert layout is not None
    first = layout.itemAt(0)
    assert first is not None
    assert first.widget() is dialog.account


def test_the_popup_leads_a_new_user_to_set_up_and_about_says_where_files_are(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp]
) -> None:
    # GIVEN an app with nothing set up, and its popup open
    app = started(make_app(paths, None, token=None), app_factory)
    qtbot.waitUntil(lambda: app.tracker.failures == 1, timeout=10_000)
    app.show_history()
    popup = app.surfaces.popup
    # THEN the popup's one button is "Set up trayscore...", and ⋯ holds the tray's menu
    assert popup.action_row.primary.text() == "Set up trayscore..."
    assert popup.action_row.more.menu() is app.view.menu
    # WHEN the user presses it  THEN the settings open
    popup.action_row.primary.click()
    assert app.settings.dialog is not None
    assert app.settings.dialog.isVisible()
    # AND About names which way the score is good and the real files
    app.view.about_requested.emit()
    about = app.surfaces.about_box
    assert about is not None
    assert "Exposure score: lower is better." in about.text()
    assert f"Settings: {paths.settings_file}" in about.text()
    assert "History: " in about.text()
    assert not about.iconPixmap().isNull()


def test_no_request_while_the_network_is_down_and_one_when_it_returns(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    app = started(make_app(paths, sim), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    served = sim.requests_served
    app.refresh.network_changed(False)
    app.refresh_now()
    assert sim.requests_served == served
    assert "No network connection" in app.view.tray.toolTip()
    app.refresh.network_changed(True)
    qtbot.waitUntil(lambda: sim.requests_served == served + REQUESTS_PER_REFRESH, timeout=10_000)


def test_a_resume_from_sleep_refreshes_at_once(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    clocks = FakeSleepClocks()
    app = started(make_app(paths, sim, clocks=clocks), app_factory)
    qtbot.waitUntil(
        lambda: app.tracker.reading is not None and not app.refresh.in_flight, timeout=10_000
    )
    served = sim.requests_served
    # GIVEN an ordinary tick: no refresh
    clocks.wall += 15
    clocks.monotonic += 15
    app.refresh.tick()
    assert sim.requests_served == served
    # WHEN the wall clock jumped an hour while monotonic time moved 15 s (the lid was shut)
    clocks.wall += 3600
    clocks.monotonic += 15
    app.refresh.tick()
    # THEN the score is refreshed at once
    qtbot.waitUntil(lambda: sim.requests_served == served + REQUESTS_PER_REFRESH, timeout=10_000)


def test_without_a_tray_the_glance_window_appears_and_remembers_its_place(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # offscreen has no system tray: after the grace period the glance window shows the state
    app = started(make_app(paths, sim), app_factory)
    qtbot.waitUntil(
        lambda: app.surfaces.glance is not None and app.surfaces.glance.isVisible(), timeout=5_000
    )
    assert app.surfaces.glance is not None
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    assert app.surfaces.glance.headline.text().startswith("Exposure score ")
    app.surfaces.glance.move(123, 45)
    app.surfaces.glance.moved.emit(app.surfaces.glance.pos())
    again = started(make_app(paths, sim), app_factory)
    qtbot.waitUntil(
        lambda: again.surfaces.glance is not None and again.surfaces.glance.isVisible(),
        timeout=5_000,
    )
    assert again.surfaces.glance is not None
    assert (again.surfaces.glance.x(), again.surfaces.glance.y()) == (123, 45)


def test_quit_stops_timers_and_workers(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    app = started(make_app(paths, sim), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    start = time.monotonic()
    app.quit()
    assert not app.refresh.timer.isActive()
    assert not app.refresh.tick_timer.isActive()
    assert app.workers.busy == 0
    assert time.monotonic() - start < 5


def test_sign_in_from_the_menu_then_the_score_and_sign_out(
    qtbot: QtBot,
    paths: AppPaths,
    trust_identity_platform: FakeIdentityPlatform,
    fake_browser: object,
    app_factory: list[TrayApp],
) -> None:
    platform = trust_identity_platform
    with (
        Simulator(seed=2, accept=platform.is_valid_access_token) as simulator,
        TlsFront(simulator.url, platform.ca) as guarded,  # account tokens never go to http
    ):
        settings = Settings(
            client_id="3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
            authority=platform.authority_for("contoso.example"),
            api_url=guarded.url,
        )
        app = TrayApp(
            settings=settings,
            paths=paths,
            environ={},
            options=AppOptions(tray_grace_ms=50),
            open_store=lambda _profile: (MemoryTokenStore(), None),
        )
        app = started(app, app_factory)
        # GIVEN nobody signed in: the tray asks for it
        qtbot.waitUntil(lambda: app.tracker.failures == 1, timeout=10_000)
        assert app.tracker.state_at(app.clock()).look is Look.SIGN_IN
        assert app.view.sign_in_action.isVisible()
        # WHEN the user chooses Sign in... and signs in in the (fake) browser
        app.view.sign_in_action.trigger()
        # THEN the score appears, with the account named
        qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=30_000)
        assert app.tracker.account == "analyst@contoso.example"
        assert "analyst@contoso.example" in app.view.tray.toolTip()
        assert platform.grants["authorization_code"] == 1
        # AND Sign out forgets the account and asks to sign in again
        app.view.sign_out_action.trigger()
        qtbot.waitUntil(
            lambda: app.tracker.state_at(app.clock()).look is Look.SIGN_IN, timeout=10_000
        )
        assert app.tracker.account is None


def test_the_cli_and_the_popup_show_the_same_history(
    qtbot: QtBot, tmp_path: Path, simulator: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN readings a cron job recorded with `trayscore score`
    env = cli_environment(tmp_path, simulator.url, also_hide=UNTRANSLATED)
    record_scores(env, simulator, (41.2, "2026-11-27T08:00:00Z"), (44.0, "2026-11-27T20:00:00Z"))
    # AND a tray app on the same folders that records one more
    data = Path(env["XDG_DATA_HOME"]) / "trayscore"
    paths = AppPaths(tmp_path / "config", data, tmp_path / "state", tmp_path / "cache", tmp_path)
    simulator.script(score_answer(72.5, "2026-11-28T09:00:00Z"))
    app = started(make_app(paths, simulator, token=TEST_TOKEN), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    # WHEN the popup opens and the CLI prints the history
    shown = [(run.score, run.time.isoformat()) for run in app.surfaces.popup.runs]
    result = run(["history", "--json", "--source", "exposure-score"], env)
    # THEN both hold the same three readings, oldest first
    assert result.returncode == 0, result.stderr
    printed = [
        (row["score"], datetime.fromisoformat(row["time"]).isoformat())
        for row in json.loads(result.stdout)
    ]
    assert printed == shown
    assert [score for score, _ in shown] == [41.2, 44.0, 72.5]


def calls_after(qtbot: QtBot, recorder: Recorder, count: int) -> list[NotifyCall]:
    """Wait, serving Qt events (the app sends from the GUI thread), until ``count`` arrived."""
    qtbot.waitUntil(lambda: len(recorder.calls) >= count, timeout=10_000)
    return list(recorder.calls)


def app_on_bus(
    qtbot: QtBot,
    paths: AppPaths,
    simulator: Simulator,
    bus: str,
    made: list[TrayApp],
    *,
    clock: FakeClock,
    tray: QSystemTrayIcon | None = None,
) -> TrayApp:
    """The app on session bus ``bus`` at ``clock``, once its first reading (Medium, 45) is in."""
    app = TrayApp(
        settings=Settings(api_url=simulator.url),
        paths=paths,
        environ={"TRAYSCORE_ACCESS_TOKEN": TEST_TOKEN, "DBUS_SESSION_BUS_ADDRESS": bus},
        options=AppOptions(tray_grace_ms=50),
        clock=clock,
        sleep_clocks=FakeSleepClocks(),
        tray=tray,
    )
    simulator.script(score_answer(45.0, "2026-11-28T09:00:00Z"))
    started(app, made)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    return app


def test_a_band_change_is_notified_on_the_bus_replaced_in_place_and_opens_the_history(
    qtbot: QtBot,
    paths: AppPaths,
    simulator: Simulator,
    notification_bus: Recorder,
    app_factory: list[TrayApp],
) -> None:
    # GIVEN the app on a session bus with a notification service, first reading Medium (45)
    clock = FakeClock()
    app = app_on_bus(qtbot, paths, simulator, notification_bus.address, app_factory, clock=clock)
    qtbot.waitUntil(lambda: app.notifier is not None and app.notifier.via == "dbus")
    # WHEN, after the quiet first minute, the score rises into High
    clock.now += timedelta(minutes=5)
    simulator.script(score_answer(72.4, "2026-11-28T09:05:00Z"))
    app.refresh_now()
    # THEN one critical notification says so, with a Show history button
    (first,) = calls_after(qtbot, notification_bus, 1)
    assert first.app_name == "trayscore"
    assert first.summary == "Exposure score worsened: now High"
    assert first.body.startswith("The exposure score rose to 72 (High), up 27 since ")
    assert first.urgency == ("y", 2)
    assert "history" in first.actions
    # AND its icon is the tray icon as it is now, saved where the server can read it
    assert first.app_icon == str(paths.cache_dir / "notification-band-changed.png")
    assert Path(first.app_icon).read_bytes().startswith(b"\x89PNG")
    # AND a fall back to Medium replaces that notification rather than stacking another
    clock.now += timedelta(minutes=5)
    simulator.script(score_answer(50.0, "2026-11-28T09:10:00Z"))
    qtbot.waitUntil(lambda: app.tracker.reading is not None and not app.refresh.in_flight)
    app.refresh_now()
    second = calls_after(qtbot, notification_bus, 2)[1]
    assert second.replaces_id == first.returned_id
    assert second.summary == "Exposure score improved: now Medium"
    # AND clicking "Show history" on it opens the popup
    notification_bus.invoke_action(second.returned_id, "history")
    qtbot.waitUntil(
        lambda: app.surfaces.existing_popup is not None and app.surfaces.existing_popup.isVisible(),
        timeout=5_000,
    )


def test_nothing_is_notified_in_the_first_minute(
    qtbot: QtBot,
    paths: AppPaths,
    simulator: Simulator,
    notification_bus: Recorder,
    app_factory: list[TrayApp],
) -> None:
    # GIVEN the app just started on a bus with a notification service
    clock = FakeClock()
    app = app_on_bus(qtbot, paths, simulator, notification_bus.address, app_factory, clock=clock)
    qtbot.waitUntil(lambda: app.notifier is not None and app.notifier.via == "dbus")
    # WHEN the band changes 30 seconds after start
    clock.now += timedelta(seconds=30)
    simulator.script(score_answer(80.0, "2026-11-28T09:00:30Z"))
    app.refresh_now()
    qtbot.waitUntil(lambda: app.tracker.reading is not None and app.tracker.reading.score == 80.0)
    # THEN nothing is shown yet; it is told at the first tick after the quiet minute
    assert notification_bus.calls == []
    clock.now += timedelta(seconds=45)
    app.refresh.tick()
    assert calls_after(qtbot, notification_bus, 1)[0].summary == "Exposure score worsened: now High"


def test_snooze_from_the_menu_holds_notifications_and_says_until_when(
    qtbot: QtBot,
    paths: AppPaths,
    simulator: Simulator,
    notification_bus: Recorder,
    app_factory: list[TrayApp],
) -> None:
    # GIVEN the app running past its quiet minute, reading Medium
    clock = FakeClock()
    app = app_on_bus(qtbot, paths, simulator, notification_bus.address, app_factory, clock=clock)
    qtbot.waitUntil(lambda: app.notifier is not None and app.notifier.via == "dbus")
    # WHEN the user picks "For 1 hour" in the snooze menu
    app.view.snooze_actions["1h"].trigger()
    # THEN the menu says until when, and offers to resume
    assert app.view.snooze_menu.title().startswith("Notifications snoozed until ")
    assert app.view.snooze_actions[""].isVisible()
    # AND the icon wears the snooze badge
    assert app.view.spec is not None
    assert app.view.spec.snoozed
    # AND a band change during the snooze is not shown
    clock.now += timedelta(minutes=5)
    simulator.script(score_answer(75.0, "2026-11-28T09:05:00Z"))
    app.refresh_now()
    qtbot.waitUntil(lambda: app.tracker.reading is not None and app.tracker.reading.score == 75.0)
    assert notification_bus.calls == []
    # AND "Resume notifications" tells it at once
    app.view.snooze_actions[""].trigger()
    assert calls_after(qtbot, notification_bus, 1)[0].summary == "Exposure score worsened: now High"
    assert app.view.snooze_menu.title() == "Snooze notifications"
    assert app.view.spec is not None
    assert not app.view.spec.snoozed


def test_with_no_notification_service_the_tray_balloon_is_used(
    qtbot: QtBot,
    paths: AppPaths,
    simulator: Simulator,
    empty_bus: str,
    app_factory: list[TrayApp],
) -> None:
    # GIVEN the app on a session bus where no notification service answers
    clock = FakeClock()
    tray = SpyTray()
    app = app_on_bus(qtbot, paths, simulator, empty_bus, app_factory, clock=clock, tray=tray)
    qtbot.waitUntil(lambda: app.workers.busy == 0, timeout=10_000)  # the probe has answered
    # WHEN the band changes after the quiet minute
    clock.now += timedelta(minutes=5)
    simulator.script(score_answer(75.0, "2026-11-28T09:05:00Z"))
    app.refresh_now()
    # THEN the tray's own balloon shows it, and a click on it opens the history
    qtbot.waitUntil(lambda: len(tray.balloons) == 1, timeout=10_000)
    assert app.notifier is not None
    assert app.notifier.via == "tray"
    assert tray.balloons[0][0] == "Exposure score worsened: now High"
    tray.messageClicked.emit()
    qtbot.waitUntil(
        lambda: app.surfaces.existing_popup is not None and app.surfaces.existing_popup.isVisible(),
        timeout=5_000,
    )


def test_the_app_keeps_a_log_of_refreshes_without_the_token(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN the app with a bearer token WHEN its first refresh has come back
    app = started(make_app(paths, sim, token=TEST_TOKEN), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    # THEN the log in the log folder says so, and never holds the token
    log = (paths.log_dir / "trayscore.log").read_text("utf-8")
    assert "started" in log
    assert "score " in log
    assert TEST_TOKEN not in log


def test_applied_settings_take_effect_without_a_restart(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN the app reading from one API every 15 minutes
    app = started(make_app(paths, sim), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    with Simulator(seed=3) as other:
        # WHEN new settings point at another API, refresh every 5 minutes, without rises
        new = Settings(
            api_url=other.url,
            refresh_minutes=5,
            notifications=NotificationSettings(score_rise=False),
        )
        app.apply_settings(new)
        # THEN the next reading comes from the new API at once, on the new schedule
        qtbot.waitUntil(lambda: other.requests_served == REQUESTS_PER_REFRESH, timeout=10_000)
        qtbot.waitUntil(lambda: not app.refresh.in_flight, timeout=10_000)
    # ±10% jitter, and Qt's coarse timers may fire up to 5% late
    assert 4.5 * 60_000 <= app.refresh.timer.remainingTime() <= 5.5 * 60_000 * 1.05
    assert Kind.WORSENED not in app.notifications.policy.settings.enabled


def test_first_run_welcomes_and_the_settings_dialog_applies_and_saves(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN a first run: no tenant, no client id, no token
    app = started(make_app(paths, None, token=None), app_factory)
    # THEN the welcome dialog says what is needed
    qtbot.waitUntil(
        lambda: app.surfaces.welcome is not None and app.surfaces.welcome.isVisible(), timeout=5_000
    )
    assert app.surfaces.welcome is not None
    text = app.surfaces.welcome.findChild(QLabel, "welcomeText")
    assert text is not None
    assert "Score.Read" in text.text()
    # WHEN the user asks for the settings and applies a tenant, a client id and the API
    app.surfaces.welcome.settings_wanted.emit()
    dialog = app.settings.dialog
    assert dialog is not None
    assert dialog.isVisible()
    chosen = Settings(
        tenant="contoso.onmicrosoft.com",
        client_id="04b07795-8ddb-461a-bbee-02f9e1bf7b46",
        api_url=sim.url,
        refresh_minutes=30,
    )
    dialog.applied.emit(chosen)
    # THEN they are saved to settings.toml and in force at once
    saved = load_settings(paths.settings_file, {})
    assert (saved.tenant, saved.client_id, saved.refresh_minutes) == (
        "contoso.onmicrosoft.com",
        "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
        30,
    )
    assert app.settings.current == chosen

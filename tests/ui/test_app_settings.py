"""The tray app and its settings: a broken file, another tenant, the icon style, a first run."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from trayscore.app.options import AppOptions
from trayscore.app.root import TrayApp
from trayscore.auth.token_store import MemoryTokenStore
from trayscore.core.display_state import Look
from trayscore.settings.model import Settings, load_settings
from trayscore.simulator import Simulator
from trayscore.system.paths import AppPaths

from tests.fakes.identity import FakeIdentityPlatform
from tests.helpers.app import FakeSleepClocks, app_from_file, app_with, started
from tests.helpers.local_attacker import deep_toml
from tests.helpers.tls_front import TlsFront

TENANT_A = "contoso.onmicrosoft.com"
TENANT_B = "fabrikam.onmicrosoft.com"
CLIENT = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"


def problem_box(app: TrayApp) -> QMessageBox:
    box = app.settings.problem_box
    assert box is not None
    return box


def test_a_broken_settings_file_starts_on_defaults_says_so_and_keeps_the_file(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN a settings file with a good API address and a refresh interval that is not a number
    paths.config_dir.mkdir(parents=True)
    broken = f'api_url = "{sim.url}"\nrefresh_minutes = "often"\n'
    paths.settings_file.write_text(broken, encoding="utf-8")
    # WHEN the app starts
    app = started(app_from_file(paths, {"TRAYSCORE_ACCESS_TOKEN": "tok"}), app_factory)
    # THEN it says what is wrong: the key, the value and what is allowed
    qtbot.waitUntil(lambda: problem_box(app).isVisible(), timeout=5_000)
    details = problem_box(app).informativeText()
    assert "'refresh_minutes'" in details
    assert '"often"' in details
    assert "from 1 to 1440" in details
    assert str(paths.settings_file) in details
    # AND it works on the default for that value with the rest of the file
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    assert 13.5 * 60_000 <= app.refresh.timer.remainingTime() <= 17.5 * 60_000
    assert "Settings file problem" in app.view.tray.toolTip()
    assert app.tracker.state_at(app.clock()).look is Look.SCORE
    # AND the file is untouched
    assert paths.settings_file.read_text(encoding="utf-8") == broken
    # WHEN the user opens Settings from the message and presses OK
    button = problem_box(app).findChild(QPushButton, "openSettings")
    assert button is not None
    button.click()
    dialog = app.settings.dialog
    assert dialog is not None
    dialog.ok_button.click()
    # THEN a valid file is written, the broken one is kept beside it, and the problem is gone
    kept = list(paths.config_dir.glob("settings.toml.broken-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == broken
    assert load_settings(paths.settings_file, {}).refresh_minutes == 15
    qtbot.waitUntil(lambda: not app.refresh.in_flight, timeout=10_000)
    assert "Settings file problem" not in app.view.tray.toolTip()


def test_a_settings_file_that_is_not_toml_still_starts_the_app(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN a file cut off in the middle of a string
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text('tenant = "contoso', encoding="utf-8")
    environ = {"TRAYSCORE_ACCESS_TOKEN": "tok", "TRAYSCORE_API_URL": sim.url}
    # WHEN the app starts  THEN it names the file and the fault, and still shows the score
    app = started(app_from_file(paths, environ), app_factory)
    qtbot.waitUntil(lambda: problem_box(app).isVisible(), timeout=5_000)
    assert "not valid TOML" in problem_box(app).informativeText()
    assert "Unterminated string" in problem_box(app).informativeText()
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    assert app.surfaces.welcome is None  # the problem is what is said, not "welcome"


def test_a_10000_deep_settings_file_starts_the_app_on_defaults(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN a settings file whose one value nests 10,000 arrays deep (it used to leave the tray
    # on its placeholder icon with no menu: RecursionError)
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(deep_toml(), encoding="utf-8")
    environ = {"TRAYSCORE_ACCESS_TOKEN": "tok", "TRAYSCORE_API_URL": sim.url}
    # WHEN the app starts  THEN it names the file and the fault, and still shows the score
    app = started(app_from_file(paths, environ), app_factory)
    qtbot.waitUntil(lambda: problem_box(app).isVisible(), timeout=5_000)
    assert f"{paths.settings_file} is nested too deeply" in problem_box(app).informativeText()
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    assert "Settings file problem" in app.view.tray.toolTip()


def current_score(app: TrayApp) -> float:
    reading = app.tracker.reading
    assert reading is not None
    return reading.score


def history_scores(path: Path) -> list[float]:
    """The exposure scores in a history file (the device secure score is recorded beside)."""
    from trayscore.history.store import HistoryStore  # noqa: PLC0415

    return [entry.score for entry in HistoryStore(path).entries("exposure-score")]


def test_another_tenant_starts_its_own_history_and_nothing_is_compared_across(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp]
) -> None:
    with Simulator(seed=4) as first, Simulator(seed=5) as second:
        # GIVEN the app showing tenant A's score, recorded in A's history
        settings = Settings(tenant=TENANT_A, api_url=first.url)
        app = TrayApp(
            settings=settings,
            paths=paths,
            environ={"TRAYSCORE_ACCESS_TOKEN": "tok"},
            options=AppOptions(tray_grace_ms=50),
            sleep_clocks=FakeSleepClocks(),
        )
        started(app, app_factory)
        qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
        file_a = paths.history_file("commercial", TENANT_A)
        assert len(history_scores(file_a)) == 1
        # WHEN the user switches to tenant B
        app.apply_settings(Settings(tenant=TENANT_B, api_url=second.url))
        # THEN A's score is no longer shown while B's is fetched
        assert app.tracker.reading is None
        assert not app.surfaces.popup.runs
        # AND B's reading goes to B's own history, leaving A's as it was
        qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
        file_b = paths.history_file("commercial", TENANT_B)
        assert file_b != file_a
        assert history_scores(file_b) == [current_score(app)]
        assert len(history_scores(file_a)) == 1
        assert [run.score for run in app.surfaces.popup.runs] == history_scores(file_b)
        # AND the first reading of B is a new baseline, not a "change" from A
        assert app.notifications.policy.baseline is not None
        assert app.notifications.policy.baseline.score == current_score(app)


def test_the_icon_style_applies_at_once(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN the app showing a score in colour
    app = started(
        app_from_file(paths, {"TRAYSCORE_ACCESS_TOKEN": "tok", "TRAYSCORE_API_URL": sim.url}),
        app_factory,
    )
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)

    def centre_is_grey() -> bool:
        image = app.view.icon.pixmap(32, 32).toImage()
        pixel = QColor(image.pixelColor(16, 3))
        return pixel.red() == pixel.green() == pixel.blue()

    assert not centre_is_grey()
    # WHEN monochrome without the number is applied
    app.apply_settings(Settings(api_url=sim.url, icon_style="monochrome", icon_number=False))
    qtbot.waitUntil(lambda: not app.refresh.in_flight, timeout=10_000)
    # THEN the icon in the tray is grey, with no digits drawn
    assert centre_is_grey()
    assert app.view.spec is not None
    assert app.view.spec.text == ""


def test_a_new_user_reaches_a_signed_in_score_through_the_dialogs(
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
        # GIVEN a first start: nothing configured but where Microsoft's hosts are (here: fakes)
        environ = {
            "TRAYSCORE_AUTHORITY": platform.authority_for(TENANT_A),
            "TRAYSCORE_API_URL": guarded.url,
        }
        app = app_from_file(paths, environ, open_store=lambda _profile: (MemoryTokenStore(), None))
        started(app, app_factory)
        # WHEN the welcome appears and the user chooses "Open Settings"
        qtbot.waitUntil(
            lambda: app.surfaces.welcome is not None and app.surfaces.welcome.isVisible(),
            timeout=5_000,
        )
        assert app.surfaces.welcome is not None
        settings_button = app.surfaces.welcome.findChild(QPushButton, "openSettings")
        assert settings_button is not None
        settings_button.click()
        dialog = app.settings.dialog
        assert dialog is not None
        # AND types the tenant and the app registration's client id, then OK
        for name, text in (("tenant", TENANT_A), ("client_id", CLIENT)):
            edit = dialog.findChild(QLineEdit, name)
            assert edit is not None
            qtbot.keyClicks(edit, text)
        # THEN the OK button says it will sign in, and the state before it is "not set up"
        assert dialog.ok_button.text() == "OK && sign in"
        qtbot.waitUntil(  # the first refresh, on a worker, has found nothing set up
            lambda: app.tracker.state_at(app.clock()).look is Look.SET_UP, timeout=10_000
        )
        assert app.view.set_up_action.isVisible()
        assert not app.view.sign_in_action.isVisible()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        # AND the settings are saved, and sign-in starts at once in the (fake) browser
        assert load_settings(paths.settings_file, {}).tenant == TENANT_A
        qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=30_000)
        # AND the score is shown, for the signed-in analyst, with no sign-in step in between
        assert app.tracker.state_at(app.clock()).look is Look.SCORE
        assert "analyst@contoso.example" in app.view.tray.toolTip()
        assert platform.grants["authorization_code"] == 1
        # AND the sign-in window that said "Waiting for your browser..." closed by itself
        assert app.sign_in.window is not None
        assert not app.sign_in.window.isVisible()
        # AND the environment's overrides were for this session: the file does not keep them
        saved = paths.settings_file.read_text(encoding="utf-8")
        assert "authority" not in saved
        assert "api_url" not in saved


def restart_notice(app: TrayApp) -> QMessageBox:
    box = app.settings.restart.box
    assert box is not None
    return box


def test_a_new_list_of_tenants_is_saved_then_trayscore_restarts_to_read_it(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN one tenant in the tray, signed in, its score shown
    settings = Settings(tenant=TENANT_A, client_id=CLIENT, api_url=sim.url)
    app = started(app_with(paths, settings), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    app.settings.restart_wanted.disconnect(app.restart)  # here nobody starts a new process
    # WHEN the user adds a second tenant in Settings (the first entry is the tenant in use)
    app.view.settings_requested.emit()
    dialog = app.settings.dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.tenants.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.tenants.edits["name"], "Fabrikam")
    qtbot.keyClicks(dialog.tenants.edits["tenant"], TENANT_B)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # THEN the file lists both, and reads back as the two profiles the dialog showed
    loaded = load_settings(paths.settings_file, {})
    assert [(p.name, p.settings.tenant) for p in loaded.profiles] == [
        (TENANT_A, TENANT_A),
        ("Fabrikam", TENANT_B),
    ]
    assert not loaded.warnings
    # AND this tray is left as it was (no sign-out, no new series): the new one reads the list
    assert app.tracker.reading is not None
    assert app.tracker.tenant == TENANT_A
    # AND trayscore says in one line that it restarts, and does when the user has read it
    assert restart_notice(app).isVisible()
    assert restart_notice(app).text() == "trayscore restarts to read the new list of tenants."
    with qtbot.waitSignal(app.settings.restart_wanted, timeout=1000):
        restart_notice(app).button(QMessageBox.StandardButton.Ok).click()


def test_settings_that_keep_the_list_take_effect_without_a_restart(
    qtbot: QtBot, paths: AppPaths, sim: Simulator, app_factory: list[TrayApp]
) -> None:
    # GIVEN one tenant in the tray
    settings = Settings(tenant=TENANT_A, client_id=CLIENT, api_url=sim.url)
    app = started(app_with(paths, settings), app_factory)
    qtbot.waitUntil(lambda: app.tracker.reading is not None, timeout=10_000)
    # WHEN only the refresh interval changes in Settings
    app.view.settings_requested.emit()
    dialog = app.settings.dialog
    assert dialog is not None
    dialog.refresh.setValue(42)
    with qtbot.assertNotEmitted(app.settings.restart_wanted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # THEN it is saved and in force at once, with no word of a restart
    assert load_settings(paths.settings_file, {}).refresh_minutes == 42
    assert app.settings.current.refresh_minutes == 42
    assert app.settings.restart.box is None

"""Settings... with several tenants: the same dialog, the list edited there, then a restart."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from trayscore.app.fleet import FleetApp
from trayscore.app.options import AppOptions
from trayscore.settings.model import Settings, TenantEntry, load_settings
from trayscore.system.paths import AppPaths

from tests.helpers.app import TRAY_GRACE_MS, SpyTray
from tests.helpers.popup import installed_catalogue

CLIENT = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
TWO = replace(
    Settings(client_id=CLIENT),
    tenants=(
        TenantEntry("Contoso", "contoso.onmicrosoft.com"),
        TenantEntry("Fabrikam", "fabrikam.onmicrosoft.com"),
    ),
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The English catalogue, as the app installs it."""
    with installed_catalogue("en"):
        yield


def fleet(paths: AppPaths, made: list[FleetApp], settings: Settings, *, demo: bool) -> FleetApp:
    """Several tenants in the tray, not started: nothing is read, the menu works."""
    options = AppOptions(demo=demo, tenants=2 if demo else 1, tray_grace_ms=TRAY_GRACE_MS)
    app = FleetApp(settings=settings, paths=paths, environ={}, options=options, tray=SpyTray())
    made.append(app)
    app.preferences.restart_wanted.disconnect(app.restart)  # here nobody starts a new process
    app.preferences.leave_demo_wanted.disconnect(app.restart)
    return app


def test_settings_opens_the_dialog_on_the_list_and_a_change_restarts(
    qtbot: QtBot, paths: AppPaths, fleet_factory: list[FleetApp]
) -> None:
    # GIVEN two tenants in the tray
    app = fleet(paths, fleet_factory, TWO, demo=False)
    # WHEN the user chooses Settings...
    app.view.settings_requested.emit()
    # THEN the settings dialog shows the list
    dialog = app.preferences.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.tenants.rows[1]["name"] == "Fabrikam"
    # WHEN Fabrikam moves first and the user presses OK
    dialog.tenants.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.tenants.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # THEN the file has the new order, and trayscore restarts to read it once told
    profiles = load_settings(paths.settings_file, {}).profiles
    assert [profile.name for profile in profiles] == ["Fabrikam", "Contoso"]
    box = app.preferences.restart.box
    assert box is not None
    assert box.text() == "trayscore restarts to read the new list of tenants."
    with qtbot.waitSignal(app.preferences.restart_wanted, timeout=1000):
        box.button(QMessageBox.StandardButton.Ok).click()


def test_nothing_changed_is_neither_saved_nor_restarted(
    qtbot: QtBot, paths: AppPaths, fleet_factory: list[FleetApp]
) -> None:
    # GIVEN two tenants WHEN Settings is confirmed as it is
    app = fleet(paths, fleet_factory, TWO, demo=False)
    app.surfaces.settings_note()
    dialog = app.preferences.dialog
    assert dialog is not None
    with qtbot.assertNotEmitted(app.preferences.restart_wanted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # THEN no file is written and no restart is announced
    assert not paths.settings_file.exists()
    assert app.preferences.restart.box is None


def test_other_settings_restart_too_and_say_so(
    qtbot: QtBot, paths: AppPaths, fleet_factory: list[FleetApp]
) -> None:
    # GIVEN two tenants WHEN only the refresh interval changes
    app = fleet(paths, fleet_factory, TWO, demo=False)
    app.open_settings()
    dialog = app.preferences.dialog
    assert dialog is not None
    dialog.refresh.setValue(30)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    # THEN it is saved, the list as it was, and the restart says why
    loaded = load_settings(paths.settings_file, {})
    assert (loaded.refresh_minutes, loaded.tenants) == (30, TWO.tenants)
    box = app.preferences.restart.box
    assert box is not None
    assert box.text() == "trayscore restarts to use the new settings."


def test_the_demo_offers_to_leave_it_instead_of_settings(
    qtbot: QtBot, paths: AppPaths, fleet_factory: list[FleetApp]
) -> None:
    # GIVEN the demo's simulated tenants WHEN the user chooses Settings...
    app = fleet(paths, fleet_factory, Settings(), demo=True)
    app.view.settings_requested.emit()
    # THEN no dialog: the offer to set up the user's own tenants, which leaves the demo
    assert app.preferences.dialog is None
    box = app.preferences.demo_box
    assert box is not None
    assert "simulated" in box.text()
    leave = box.findChild(QPushButton, "setUpMyTenant")
    assert leave is not None
    with qtbot.waitSignal(app.preferences.leave_demo_wanted, timeout=1000):
        leave.click()
    assert not paths.settings_file.exists()

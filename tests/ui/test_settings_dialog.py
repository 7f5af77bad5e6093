"""The settings dialog, driven offscreen: inline checks, regions per cloud, what it emits."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot
from trayscore.core.clouds import AUTO_REGION, CLOUDS
from trayscore.settings.model import NotificationSettings, Settings
from trayscore.ui.settings_dialog import SettingsDialog

from tests.helpers.settings_dialog import CLIENT, START, TENANT, child, make, retype


def test_the_fields_start_from_the_settings(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    assert child(dialog, QLineEdit, "tenant").text() == TENANT
    assert child(dialog, QLineEdit, "client_id").text() == CLIENT
    assert child(dialog, QComboBox, "cloud").currentData() == "commercial"
    assert child(dialog, QComboBox, "region").currentData() == "eu"
    assert child(dialog, QSpinBox, "refresh_minutes").value() == 15
    assert child(dialog, QComboBox, "signInMethod").currentData() == "browser"
    assert child(dialog, QCheckBox, "notify_outage").isChecked()
    assert not child(dialog, QLabel, "tenantError").isVisible()
    assert dialog.ok_button.isEnabled()


def test_a_bad_tenant_shows_its_error_and_disables_ok(qtbot: QtBot) -> None:
    # GIVEN the dialog WHEN the user types a tenant that is neither GUID nor domain
    dialog = make(qtbot)
    retype(qtbot, child(dialog, QLineEdit, "tenant"), "not a tenant")
    # THEN the error line under it says what is allowed, and OK and Apply are off
    error = child(dialog, QLabel, "tenantError")
    assert error.isVisible()
    assert error.text().startswith("Allowed: a tenant GUID")
    assert not dialog.ok_button.isEnabled()
    assert not dialog.apply_button.isEnabled()
    # WHEN the user fixes it THEN the error goes and OK comes back
    retype(qtbot, child(dialog, QLineEdit, "tenant"), "contoso.onmicrosoft.com")
    assert not error.isVisible()
    assert dialog.ok_button.isEnabled()
    assert dialog.apply_button.isEnabled()


def test_a_bad_client_id_shows_its_own_error(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    retype(qtbot, child(dialog, QLineEdit, "client_id"), "1234")
    assert "GUID" in child(dialog, QLabel, "client_idError").text()
    assert not child(dialog, QLabel, "tenantError").isVisible()
    assert not dialog.ok_button.isEnabled()


def test_changing_cloud_refills_the_regions(qtbot: QtBot) -> None:
    # GIVEN commercial with region eu
    dialog = make(qtbot)
    region = child(dialog, QComboBox, "region")
    assert region.count() == 1 + len(CLOUDS["commercial"].regions)
    # WHEN the user picks GCC, which has no regional hosts
    cloud = child(dialog, QComboBox, "cloud")
    cloud.setCurrentIndex(cloud.findData("gcc"))
    # THEN only "Automatic" is left, and it is chosen
    assert region.count() == 1
    assert region.currentData() == AUTO_REGION
    assert region.currentText() == "Automatic"
    # WHEN back to commercial THEN the regions return
    cloud.setCurrentIndex(cloud.findData("commercial"))
    assert region.findData("uk") >= 0
    assert dialog.ok_button.isEnabled()


def test_apply_emits_the_edited_settings_and_stays_open(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    retype(qtbot, child(dialog, QLineEdit, "tenant"), "Fabrikam.onmicrosoft.com")
    child(dialog, QSpinBox, "refresh_minutes").setValue(42)
    child(dialog, QCheckBox, "notify_band_change").setChecked(False)
    with qtbot.waitSignal(dialog.applied, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [
        replace(
            START,
            tenant="fabrikam.onmicrosoft.com",
            refresh_minutes=42,
            notifications=NotificationSettings(band_change=False),
        )
    ]
    assert dialog.isVisible()


def test_ok_emits_and_closes(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    child(dialog, QSpinBox, "refresh_minutes").setValue(5)
    with qtbot.waitSignal(dialog.applied, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [replace(START, refresh_minutes=5)]
    assert not dialog.isVisible()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_emits_nothing(qtbot: QtBot, how: str) -> None:
    dialog = make(qtbot)
    child(dialog, QSpinBox, "refresh_minutes").setValue(5)
    dialog.autostart.setChecked(True)
    with (
        qtbot.assertNotEmitted(dialog.applied),
        qtbot.assertNotEmitted(dialog.autostart_wanted),
    ):
        if how == "button":
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == SettingsDialog.DialogCode.Rejected


def test_the_autostart_checkbox_emits_its_wish_once(qtbot: QtBot) -> None:
    dialog = make(qtbot, autostart=False)
    child(dialog, QCheckBox, "autostart").setChecked(True)
    with qtbot.waitSignal(dialog.autostart_wanted, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    # a second Apply with nothing changed does not repeat it
    with qtbot.assertNotEmitted(dialog.autostart_wanted):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)


def test_autostart_unchanged_emits_nothing(qtbot: QtBot) -> None:
    dialog = make(qtbot, autostart=True)
    with qtbot.assertNotEmitted(dialog.autostart_wanted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def broker_enabled(dialog: SettingsDialog) -> bool:
    combo = child(dialog, QComboBox, "signInMethod")
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    return model.item(combo.findData("broker")).isEnabled()


def test_broker_is_disabled_on_linux(qtbot: QtBot) -> None:
    assert not broker_enabled(make(qtbot, platform="linux"))


def test_broker_is_offered_on_windows_and_stored(qtbot: QtBot) -> None:
    dialog = make(qtbot, platform="win32")
    assert broker_enabled(dialog)
    combo = child(dialog, QComboBox, "signInMethod")
    combo.setCurrentIndex(combo.findData("broker"))
    with qtbot.waitSignal(dialog.applied, timeout=1000) as blocker:
        dialog.apply()
    assert blocker.args[0].use_broker is True


def test_hand_written_overrides_survive_apply(qtbot: QtBot) -> None:
    original = replace(START, api_url="http://127.0.0.1:9000")
    dialog = make(qtbot, original)
    with qtbot.waitSignal(dialog.applied, timeout=1000) as blocker:
        dialog.apply()
    assert blocker.args == [original]


def test_thresholds_follow_their_switches(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    child(dialog, QCheckBox, "notify_score_rise").setChecked(False)
    assert not child(dialog, QSpinBox, "rise_points").isEnabled()
    child(dialog, QCheckBox, "notify_outage").setChecked(False)
    assert not child(dialog, QSpinBox, "outage_minutes").isEnabled()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"tenant": "fabrikam.onmicrosoft.com"}, True),
        ({"client_id": TENANT}, True),
        ({"cloud": "gcc", "region": AUTO_REGION}, True),
        ({"refresh_minutes": 60}, False),
    ],
)
def test_changes_account(change: dict[str, object], expected: bool) -> None:
    new = replace(START, **change)  # type: ignore[arg-type]
    assert SettingsDialog.changes_account(START, new) is expected


def test_keys_an_administrator_locked_are_shown_but_greyed(qtbot: QtBot) -> None:
    # GIVEN settings whose tenant and cloud an administrator locked
    settings = replace(
        Settings(tenant="contoso.onmicrosoft.com"), locked=frozenset({"tenant", "cloud"})
    )
    dialog = SettingsDialog(settings, autostart=False, platform="linux")
    qtbot.addWidget(dialog)
    # THEN those fields show their values but cannot be edited, and say why
    tenant = child(dialog, QLineEdit, "tenant")
    assert tenant.text() == "contoso.onmicrosoft.com"
    assert not tenant.isEnabled()
    assert tenant.toolTip() == "Set by your administrator"
    assert not child(dialog, QComboBox, "cloud").isEnabled()
    # AND the others stay editable
    assert child(dialog, QLineEdit, "client_id").isEnabled()


def test_device_code_sign_in_is_chosen_and_stored(qtbot: QtBot) -> None:
    # GIVEN the dialog WHEN the user picks "Device code" and applies
    dialog = make(qtbot)
    combo = child(dialog, QComboBox, "signInMethod")
    combo.setCurrentIndex(combo.findData("device_code"))
    with qtbot.waitSignal(dialog.applied, timeout=1000) as blocker:
        dialog.apply()
    # THEN the settings carry the method, and a new dialog starts from it
    assert blocker.args[0].sign_in_method == "device_code"
    again = make(qtbot, blocker.args[0])
    assert child(again, QComboBox, "signInMethod").currentData() == "device_code"


def test_icon_style_and_number_are_edited(qtbot: QtBot) -> None:
    # GIVEN the dialog on default settings: colour, number shown
    dialog = make(qtbot)
    style = child(dialog, QComboBox, "icon_style")
    number = child(dialog, QCheckBox, "icon_number")
    assert (style.currentData(), number.isChecked()) == ("colour", True)
    # WHEN the user picks monochrome and switches the number off
    style.setCurrentIndex(style.findData("monochrome"))
    number.setChecked(False)
    with qtbot.waitSignal(dialog.applied, timeout=1000) as blocker:
        dialog.apply()
    # THEN both are in the applied settings
    assert (blocker.args[0].icon_style, blocker.args[0].icon_number) == ("monochrome", False)


def test_a_value_from_the_environment_is_shown_greyed_with_its_variable(qtbot: QtBot) -> None:
    # GIVEN the tenant came from TRAYSCORE_TENANT for this session
    dialog = make(qtbot, replace(START, from_environment=frozenset({"tenant"})))
    tenant = child(dialog, QLineEdit, "tenant")
    # THEN it is shown but cannot be edited here, and says why
    assert tenant.text() == TENANT
    assert not tenant.isEnabled()
    assert "TRAYSCORE_TENANT" in tenant.toolTip()
    assert child(dialog, QLineEdit, "client_id").isEnabled()


def test_the_dialog_grows_for_an_error_and_shrinks_back_when_it_is_fixed(qtbot: QtBot) -> None:
    # GIVEN the dialog at its fitted height
    dialog = make(qtbot)
    before = dialog.height()
    client_id = child(dialog, QLineEdit, "client_id")
    # WHEN a bad client id shows an error  THEN the dialog grows to show it in full
    retype(qtbot, client_id, "abc")
    assert child(dialog, QLabel, "client_idError").isVisible()
    assert dialog.height() > before
    # WHEN it is fixed  THEN the dialog is as high as before: no hole where the error was
    retype(qtbot, client_id, CLIENT)
    assert not child(dialog, QLabel, "client_idError").isVisible()
    assert dialog.height() == before


def test_a_policy_warning_is_shown_in_the_dialog(qtbot: QtBot) -> None:
    # GIVEN settings whose administrator's policy held a value trayscore does not know
    warning = (
        r"HKLM\SOFTWARE\Policies\trayscore: unknown value 'refresh_minutes' ignored "
        "(known: Tenant, ClientId)."
    )
    settings = replace(START, warnings=(warning,))
    # WHEN the dialog opens
    dialog = make(qtbot, settings)
    # THEN it says so, in a visible label that names the value
    label = child(dialog, QLabel, "settingsWarnings")
    assert label.isVisible()
    assert "unknown value 'refresh_minutes' ignored" in label.text()


def test_no_warning_label_without_warnings(qtbot: QtBot) -> None:
    # GIVEN settings without warnings WHEN the dialog opens THEN it has no warnings label
    assert make(qtbot).findChild(QLabel, "settingsWarnings") is None

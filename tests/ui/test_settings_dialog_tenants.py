"""The settings dialog's list of tenants: add, edit, reorder, remove, checked as the user types."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from trayscore.settings.file import save_settings
from trayscore.settings.model import Settings, TenantEntry, load_settings
from trayscore.ui.settings_dialog import SettingsDialog

from tests.helpers.settings_dialog import child, make, retype

TENANT = "contoso.onmicrosoft.com"
CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"
OTHER_CLIENT = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
ONE = Settings(tenant=TENANT, client_id=CLIENT)
TWO = replace(
    Settings(client_id=CLIENT),
    tenants=(
        TenantEntry("Contoso", TENANT),
        TenantEntry("Fabrikam", "fabrikam.onmicrosoft.us", cloud="gcc-high"),
    ),
)


def field(dialog: SettingsDialog, key: str) -> QLineEdit:
    return child(dialog, QLineEdit, f"tenant_{key}")


def error(dialog: SettingsDialog, key: str) -> QLabel:
    return child(dialog, QLabel, f"tenant_{key}Error")


def names(dialog: SettingsDialog) -> list[str]:
    shown = dialog.tenants.list
    return [item.text() for item in (shown.item(row) for row in range(shown.count())) if item]


def applied(qtbot: QtBot, dialog: SettingsDialog) -> Settings:
    with qtbot.waitSignal(dialog.applied, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    settings = blocker.args[0]
    assert isinstance(settings, Settings)
    return settings


def test_without_a_list_the_account_tenant_is_the_one_and_add_starts_a_list_with_it(
    qtbot: QtBot,
) -> None:
    # GIVEN one tenant, set in the Account group
    dialog = make(qtbot, ONE)
    # THEN the group says so, and shows no entry to edit
    assert "One tenant: the Account group's" in child(dialog, QLabel, "tenantsNote").text()
    assert names(dialog) == []
    assert not dialog.tenants.form.isVisible()
    # WHEN the user adds a tenant
    qtbot.mouseClick(dialog.tenants.add_button, Qt.MouseButton.LeftButton)
    # THEN the list starts with the tenant in use (not lost), then a new entry to fill in
    assert names(dialog) == [TENANT, "(no name)"]
    assert dialog.tenants.list.currentRow() == 1
    assert dialog.focusWidget() is field(dialog, "name")
    # AND the Account group's tenant is not used any more: each entry names its own
    assert not dialog.line_edits["tenant"].isEnabled()
    # AND OK waits until the new entry has a name and a tenant
    assert error(dialog, "name").text() == "Required: a name for this tenant."
    assert error(dialog, "tenant").isVisible()
    assert not dialog.ok_button.isEnabled()
    # WHEN the user fills it in
    qtbot.keyClicks(field(dialog, "name"), "Fabrikam")
    qtbot.keyClicks(field(dialog, "tenant"), "fabrikam.onmicrosoft.com")
    # THEN the list shows its name, OK is back, and both tenants are applied, in order
    assert names(dialog) == [TENANT, "Fabrikam"]
    assert dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "OK"
    settings = applied(qtbot, dialog)
    assert settings.tenants == (
        TenantEntry(TENANT, TENANT),
        TenantEntry("Fabrikam", "fabrikam.onmicrosoft.com"),
    )
    assert settings.tenant is None  # the list names them: no "'tenant' is ignored" warning
    assert [profile.settings.client_id for profile in settings.profiles] == [CLIENT, CLIENT]


def test_two_tenants_are_added_from_nothing(qtbot: QtBot) -> None:
    # GIVEN nothing set up yet but the shared client ID
    dialog = make(qtbot, Settings(client_id=CLIENT))
    # WHEN the user adds two tenants with the keyboard (Insert in the list)
    for name, tenant in (("Contoso", TENANT), ("Northwind", "northwind.onmicrosoft.com")):
        dialog.tenants.list.setFocus()
        qtbot.keyClick(dialog.tenants.list, Qt.Key.Key_Insert)
        qtbot.keyClicks(field(dialog, "name"), name)
        qtbot.keyClicks(field(dialog, "tenant"), tenant)
    # THEN exactly those two are applied (nothing to carry over from the Account group)
    settings = applied(qtbot, dialog)
    assert [entry.name for entry in settings.tenants] == ["Contoso", "Northwind"]


def test_a_bad_client_id_shows_its_error_inline_and_disables_ok(qtbot: QtBot) -> None:
    # GIVEN two tenants, the second selected
    dialog = make(qtbot, TWO)
    dialog.tenants.list.setCurrentRow(1)
    # WHEN the user types a client ID that is no GUID
    qtbot.keyClicks(field(dialog, "client_id"), "1234")
    # THEN the line under it says what is allowed, OK and Apply are off
    assert error(dialog, "client_id").isVisible()
    assert error(dialog, "client_id").text().startswith("Allowed: ")
    assert "GUID" in error(dialog, "client_id").text()
    assert not dialog.ok_button.isEnabled()
    assert not dialog.apply_button.isEnabled()
    # AND, from another entry, the group still names the one to fix
    dialog.tenants.list.setCurrentRow(0)
    assert not error(dialog, "client_id").isVisible()
    assert child(dialog, QLabel, "tenantsProblem").text() == "To fix: Fabrikam"
    # WHEN fixed THEN OK comes back and the entry has its own client ID
    dialog.tenants.list.setCurrentRow(1)
    retype(qtbot, field(dialog, "client_id"), OTHER_CLIENT)
    assert not error(dialog, "client_id").isVisible()
    assert applied(qtbot, dialog).tenants[1].client_id == OTHER_CLIENT


def test_an_entry_without_a_client_id_needs_the_shared_one(qtbot: QtBot) -> None:
    # GIVEN two tenants sharing the Account group's client ID
    dialog = make(qtbot, TWO)
    assert (
        "shared from the Account group's client ID" in field(dialog, "client_id").placeholderText()
    )
    # WHEN the user empties the shared one
    dialog.line_edits["client_id"].clear()
    # THEN the selected entry says it needs one, and OK is off
    assert error(dialog, "client_id").text() == (
        "Required: a client ID here or in the Account group."
    )
    assert not dialog.ok_button.isEnabled()


def test_a_duplicate_name_is_refused_in_any_case(qtbot: QtBot) -> None:
    # GIVEN two tenants WHEN the second is renamed as the first, in capitals
    dialog = make(qtbot, TWO)
    dialog.tenants.list.setCurrentRow(1)
    retype(qtbot, field(dialog, "name"), "CONTOSO")
    # THEN its name is refused under the field, and nothing can be applied
    assert error(dialog, "name").text() == "Another tenant has this name already."
    assert not dialog.ok_button.isEnabled()
    with qtbot.assertNotEmitted(dialog.applied):
        dialog.apply()


def test_reordering_changes_the_written_order(qtbot: QtBot, tmp_path: Path) -> None:
    # GIVEN Contoso then Fabrikam WHEN Fabrikam moves up (its button, then Ctrl+Down back, up)
    dialog = make(qtbot, TWO)
    dialog.tenants.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.tenants.up_button, Qt.MouseButton.LeftButton)
    assert names(dialog) == ["Fabrikam", "Contoso"]
    assert not dialog.tenants.up_button.isEnabled()  # already first
    dialog.tenants.list.setFocus()
    qtbot.keyClick(dialog.tenants.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert names(dialog) == ["Contoso", "Fabrikam"]
    qtbot.keyClick(dialog.tenants.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    # THEN the form still shows the moved entry, and the file lists Fabrikam first
    assert field(dialog, "name").text() == "Fabrikam"
    path = tmp_path / "settings.toml"
    save_settings(path, applied(qtbot, dialog))
    text = path.read_text(encoding="utf-8")
    assert text.index('name = "Fabrikam"') < text.index('name = "Contoso"')
    assert [p.name for p in load_settings(path, {}, policy=None).profiles] == [
        "Fabrikam",
        "Contoso",
    ]


def test_remove_takes_the_selected_entry_out(qtbot: QtBot) -> None:
    # GIVEN two tenants WHEN the first is removed (Delete in the list)
    dialog = make(qtbot, TWO)
    dialog.tenants.list.setCurrentRow(0)
    dialog.tenants.list.setFocus()
    qtbot.keyClick(dialog.tenants.list, Qt.Key.Key_Delete)
    # THEN the other is left, selected
    assert names(dialog) == ["Fabrikam"]
    assert field(dialog, "name").text() == "Fabrikam"
    # WHEN it is removed too THEN no list: the Account group's tenant is the one again, and
    # it asks for one (nothing guessed from the entries removed)
    qtbot.mouseClick(dialog.tenants.remove_button, Qt.MouseButton.LeftButton)
    assert names(dialog) == []
    assert "One tenant" in child(dialog, QLabel, "tenantsNote").text()
    assert dialog.line_edits["tenant"].isEnabled()
    assert child(dialog, QLabel, "tenantError").text().startswith("Required:")
    qtbot.keyClicks(dialog.line_edits["tenant"], TENANT)
    settings = applied(qtbot, dialog)
    assert (settings.tenants, settings.tenant) == ((), TENANT)


def test_the_saved_file_round_trips_into_the_same_profiles(qtbot: QtBot, tmp_path: Path) -> None:
    # GIVEN a list edited in the dialog: an entry with its own score and authority
    dialog = make(qtbot, TWO)
    qtbot.mouseClick(dialog.tenants.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field(dialog, "name"), "Tailspin")
    qtbot.keyClicks(field(dialog, "authority"), "https://login.microsoftonline.com/tailspin.com")
    source = child(dialog, QComboBox, "tenant_source")
    source.setCurrentIndex(source.findData("secure-score"))
    settings = applied(qtbot, dialog)
    # WHEN saved and loaded again
    path = tmp_path / "settings.toml"
    save_settings(path, settings)
    loaded = load_settings(path, {}, policy=None)
    # THEN the profiles are the same, each entry as edited
    assert loaded.profiles == settings.profiles
    assert [p.name for p in loaded.profiles] == ["Contoso", "Fabrikam", "Tailspin"]
    tailspin = loaded.profiles[2].settings
    assert (tailspin.source, tailspin.tenant) == ("secure-score", None)
    assert loaded.profiles[1].settings.cloud == "gcc-high"
    assert not loaded.warnings


def test_a_list_the_administrator_locked_is_read_only(qtbot: QtBot) -> None:
    # GIVEN the list set by an administrator
    dialog = make(qtbot, replace(TWO, locked=frozenset({"tenants"})))
    # THEN it is shown, says why it cannot be changed, and nothing in it can be edited
    assert names(dialog) == ["Contoso", "Fabrikam"]
    assert "Set by your administrator" in child(dialog, QLabel, "tenantsNote").text()
    tenants = dialog.tenants
    buttons = (tenants.add_button, tenants.remove_button, tenants.up_button, tenants.down_button)
    assert not any(button.isEnabled() for button in buttons)
    assert not field(dialog, "name").isEnabled()
    tenants.list.setFocus()
    qtbot.keyClick(tenants.list, Qt.Key.Key_Delete)
    assert names(dialog) == ["Contoso", "Fabrikam"]
    # AND the other settings still apply, the list passed on as it came
    assert applied(qtbot, dialog).tenants == TWO.tenants

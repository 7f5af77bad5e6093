"""Driving the settings dialog offscreen: make it, find a control by name, type into a field."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from trayscore.settings.model import Settings
from trayscore.ui.settings_dialog import SettingsDialog

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"
START = Settings(tenant=TENANT, client_id=CLIENT, region="eu")
T = TypeVar("T", bound=QObject)


def make(
    qtbot: QtBot, settings: Settings = START, *, autostart: bool = False, platform: str = "linux"
) -> SettingsDialog:
    """The dialog on ``settings``, shown."""
    dialog = SettingsDialog(settings, autostart=autostart, platform=platform)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def child(dialog: SettingsDialog, kind: type[T], name: str) -> T:
    """The dialog's control of that kind and object name (the test fails without one)."""
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Clear ``edit`` and type ``text`` key by key, as a user does."""
    edit.clear()
    qtbot.keyClicks(edit, text)

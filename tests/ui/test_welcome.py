"""The first-run welcome dialog: its text, its link, and the three buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from trayscore.ui.welcome import WelcomeDialog

DOCS = "file:///opt/trayscore/docs/app-registration.md"


def make(qtbot: QtBot) -> WelcomeDialog:
    dialog = WelcomeDialog(DOCS)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_text_says_what_is_needed(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    text = dialog.findChild(QLabel, "welcomeText")
    assert text is not None
    assert "Score.Read" in text.text()
    assert "tenant" in text.text()
    assert "client ID" in text.text()


def test_the_link_opens_the_registration_guide(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    link = dialog.findChild(QLabel, "welcomeLink")
    assert link is not None
    assert link.openExternalLinks()
    assert f'href="{DOCS}"' in link.text()


@pytest.mark.parametrize(
    ("name", "signal"), [("openSettings", "settings_wanted"), ("tryDemo", "demo_wanted")]
)
def test_the_buttons_emit_their_signals_and_close(qtbot: QtBot, name: str, signal: str) -> None:
    dialog = make(qtbot)
    button = dialog.findChild(QPushButton, name)
    assert button is not None
    with qtbot.waitSignal(getattr(dialog, signal), timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_close_emits_nothing(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    button = dialog.findChild(QPushButton, "closeWelcome")
    assert button is not None
    with (
        qtbot.assertNotEmitted(dialog.settings_wanted),
        qtbot.assertNotEmitted(dialog.demo_wanted),
    ):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

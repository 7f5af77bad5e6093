"""The sign-in window: each step in words, Copy code, Open link, Cancel; what the identity
platform sent is shown as plain text, never rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from trayscore.app.options import AppOptions
from trayscore.app.root import TrayApp
from trayscore.auth.service import DeviceCodePrompt
from trayscore.settings.model import Settings
from trayscore.system.paths import AppPaths
from trayscore.ui.sign_in_window import SignInWindow, openable

HOSTILE_CODE = "<a href='https://evil.example/'>ABCD-EFGH</a>"
HOSTILE_URL = "https://microsoft.com/devicelogin<img src='https://evil.example/p.png'>"
# Microsoft identity platform, "OAuth 2.0 device authorization grant": the device
# authorization response carries user_code and verification_uri (https://microsoft.com/devicelogin).
URL = "https://microsoft.com/devicelogin"
CODE = "FQK5HW3UF"


def window(qtbot: QtBot) -> SignInWindow:
    shown = SignInWindow()
    qtbot.addWidget(shown)
    return shown


def test_the_device_code_is_plain_text(
    qtbot: QtBot, paths: AppPaths, app_factory: list[TrayApp]
) -> None:
    # GIVEN a device-code answer whose code and address hold markup (a hostile or broken server)
    app = TrayApp(
        settings=Settings(), paths=paths, environ={}, options=AppOptions(tray_grace_ms=50)
    )
    app_factory.append(app)
    prompt = DeviceCodePrompt(
        message="", user_code=HOSTILE_CODE, verification_uri=HOSTILE_URL, flow={}
    )
    # WHEN the code is shown
    app.sign_in.show_device_code(prompt)
    shown = app.sign_in.window
    assert shown is not None
    qtbot.addWidget(shown)
    # THEN every label is plain: no link to click, no image fetched, the markup shown as it is
    labels = shown.findChildren(QLabel)
    assert labels
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert shown.code.text() == HOSTILE_CODE
    assert HOSTILE_URL in shown.status.text()
    # AND an address that is not a plain https URL is not offered to the browser
    assert not shown.open_button.isVisible()


def test_the_browser_step_says_what_to_do_and_cancel_stops_it(qtbot: QtBot) -> None:
    # GIVEN the window while the browser sign-in runs
    shown = window(qtbot)
    shown.waiting_for_browser()
    assert shown.isVisible()
    assert shown.status.text().startswith("Waiting for your browser...")
    assert not shown.copy_button.isVisible()
    # WHEN the user chooses Cancel  THEN the sign-in is told to stop, and the window goes
    with qtbot.waitSignal(shown.cancelled, timeout=1000):
        shown.cancel_button.click()
    assert not shown.isVisible()


def test_a_device_code_can_be_copied_and_its_link_opened(qtbot: QtBot) -> None:
    # GIVEN a device code from Microsoft
    shown = window(qtbot)
    shown.show_code(URL, CODE)
    # THEN the code is shown large and selectable, with Copy code and Open link
    assert shown.code.isVisible()
    assert shown.code.text() == CODE
    assert shown.code.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert URL in shown.status.text()
    assert shown.open_button.isVisible()
    # WHEN Copy code is chosen  THEN the clipboard holds the code and the button says so
    shown.copy_button.click()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == CODE
    assert shown.copy_button.text() == "Copied"


def test_a_failure_is_said_and_cancel_becomes_close(qtbot: QtBot) -> None:
    shown = window(qtbot)
    shown.show_code(URL, CODE)
    shown.failed("The device code expired before sign-in finished; start again.")
    assert shown.status.text().startswith("The device code expired")
    assert not shown.code.isVisible()
    assert shown.cancel_button.text() == "Close"
    # AND closing it after the failure does not cancel anything
    with qtbot.assertNotEmitted(shown.cancelled):
        shown.cancel_button.click()


def test_success_closes_the_window_without_cancelling(qtbot: QtBot) -> None:
    shown = window(qtbot)
    shown.waiting_for_browser()
    with qtbot.assertNotEmitted(shown.cancelled):
        shown.succeeded()
    assert not shown.isVisible()


def test_only_https_addresses_are_openable() -> None:
    assert openable(URL)
    assert not openable("http://microsoft.com/devicelogin")
    assert not openable("javascript:alert(1)")
    assert not openable("file:///etc/passwd")
    assert not openable("")

"""The device-code box shows what the identity platform sent as plain text, never rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from trayscore.app.options import AppOptions
from trayscore.app.root import TrayApp
from trayscore.auth.service import DeviceCodePrompt
from trayscore.settings.model import Settings
from trayscore.system.paths import AppPaths

HOSTILE_CODE = "<a href='https://evil.example/'>ABCD-EFGH</a>"
HOSTILE_URL = "https://microsoft.com/devicelogin<img src='https://evil.example/p.png'>"


def test_the_device_code_box_is_plain_text(
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
    # WHEN the box is shown
    app.sign_in.show_device_code(prompt)
    boxes = [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox) and widget.objectName() == "deviceCodeDialog"
    ]
    assert len(boxes) == 1
    box = boxes[0]
    qtbot.addWidget(box)
    # THEN the text is plain: no link to click, no image fetched, the markup shown as it is
    assert box.textFormat() == Qt.TextFormat.PlainText
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label is not None
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert HOSTILE_CODE in label.text()
    assert HOSTILE_URL in label.text()

"""A link no browser opened: shown to copy, never lost.

On a machine with no browser configured (a jump host, a minimal desktop) QDesktopServices
fails silently, and the user was left wondering. This window shows the address as plain,
selectable text with a Copy link button that says when it has copied.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class LinkDialog(QDialog):
    """The address, selectable, with Copy link and Close."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle(self.tr("trayscore - open this link"))
        self.setAccessibleName(self.windowTitle())
        self.url = url
        explanation = QLabel(self.tr("No browser opened. Open this address in a browser:"), self)
        explanation.setWordWrap(True)
        self.address = QLabel(url, self)
        self.address.setObjectName("linkAddress")
        self.address.setAccessibleName(self.tr("Address"))
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(
            self.tr("&Copy link"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setObjectName("copyLink")
        self.copy_button.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.address)
        layout.addWidget(buttons)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.url)
        self.copy_button.setText(self.tr("Copied"))

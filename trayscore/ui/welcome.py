"""The first-run welcome: what trayscore needs before it can read the score, and where to go.

Shown while no tenant or client ID is set. It only says what the user chose: ``settings_wanted``
or ``demo_wanted``; the app opens the settings dialog or starts the simulator.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class WelcomeDialog(QDialog):
    """A short explanation, a link to the app-registration guide, and three buttons."""

    settings_wanted = Signal()
    demo_wanted = Signal()

    def __init__(self, docs_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to trayscore"))
        self.setAccessibleName(self.windowTitle())
        self.text = QLabel(
            self.tr(
                "trayscore shows your organisation's Microsoft Defender exposure score. "
                "To read it, trayscore needs two values from your administrator: your tenant "
                "(its ID or a domain such as contoso.onmicrosoft.com) and the client ID of an "
                "app registration with the delegated permission Score.Read."
            ),
            self,
        )
        self.text.setObjectName("welcomeText")
        self.text.setWordWrap(True)
        self.link = QLabel(self)
        self.link.setObjectName("welcomeLink")
        self.link.setTextFormat(Qt.TextFormat.RichText)
        self.link.setOpenExternalLinks(True)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        link_text = html.escape(self.tr("How to create the app registration"))
        self.link.setText(f'<a href="{html.escape(docs_url, quote=True)}">{link_text}</a>')
        self.link.setAccessibleName(self.tr("How to create the app registration"))
        self.link.setAccessibleDescription(self.tr("Opens the guide in your web browser"))
        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("welcomeButtons")
        self.settings_button = self.buttons.addButton(
            self.tr("&Set up trayscore\u2026"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.settings_button.setObjectName("openSettings")
        self.settings_button.setDefault(True)
        self.demo_button = self.buttons.addButton(
            self.tr("Try the &demo"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.demo_button.setObjectName("tryDemo")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("closeWelcome")
        self.settings_button.clicked.connect(self._settings)
        self.demo_button.clicked.connect(self._demo)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.link)
        layout.addWidget(self.buttons)
        self.setMaximumWidth(520)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Be as tall as the wrapped text needs at this width (large fonts wrap more lines).

        A top-level window's layout does not ask its word-wrapped labels for their height.
        """
        super().showEvent(event)
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if needed > self.height():
            self.resize(self.width(), needed)

    def _settings(self) -> None:
        self.settings_wanted.emit()
        self.accept()

    def _demo(self) -> None:
        self.demo_wanted.emit()
        self.accept()

"""The history popup. For now a small window with the current state; the chart comes next."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from trayscore.state import DisplayState
from trayscore.ui.texts import headline, timing


class HistoryPopup(QWidget):
    """A placeholder until the history store lands: the same words as the tooltip, larger."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("historyPopup")
        self.setWindowTitle(self.tr("trayscore - history"))
        self.headline = QLabel(self)
        self.headline.setObjectName("popupHeadline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.headline.setFont(font)
        self.details = QLabel(self)
        self.details.setObjectName("popupDetails")
        self.details.setWordWrap(True)
        self.note = QLabel(self.tr("The history chart will appear here."), self)
        self.note.setObjectName("popupNote")
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(self.note)
        self.setMinimumWidth(320)

    def show_state(self, state: DisplayState, now: datetime, locale: QLocale) -> None:
        """Show ``state``."""
        self.headline.setText(headline(state, locale))
        lines = [timing(state, now, locale), state.account or "", state.problem or ""]
        self.details.setText("\n".join(line for line in lines if line))

    def toggle(self) -> None:
        """Show and raise, or hide."""
        if self.isVisible():
            self.hide()
        else:
            self.show_now()

    def show_now(self) -> None:
        """Show and bring to the front (also when a second instance asks)."""
        self.show()
        self.raise_()
        self.activateWindow()

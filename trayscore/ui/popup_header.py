"""The popup's head: the demo badge, the score large, what it means, and when it was read."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from trayscore.core.display_state import DisplayState
from trayscore.ui.popup_texts import verdict_html
from trayscore.ui.texts import headline, timing


class PopupHeader(QWidget):
    """Four lines: "Demo" (in the demo only), the headline, the verdict, the timing and problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("popupHeader")
        self.demo_badge = QLabel(self.tr("Demo: simulated data, not your tenant"), self)
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setStyleSheet(
            "background: #6A1B9A; color: white; padding: 2px 6px; border-radius: 3px"
        )
        self.demo_badge.hide()
        self.headline = QLabel(self)
        self.headline.setObjectName("popupHeadline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.headline.setFont(font)
        self.verdict = QLabel(self)  # "poor, lower is better": the number explains itself
        self.verdict.setObjectName("popupVerdict")
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.details = QLabel(self)
        self.details.setObjectName("popupDetails")
        self.details.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.demo_badge, self.headline, self.verdict, self.details):
            layout.addWidget(label)

    def show_state(self, state: DisplayState, now: datetime, locale: QLocale) -> None:
        """What the tray shows, larger, with its meaning in words."""
        self.demo_badge.setVisible(state.demo)
        self.headline.setText(headline(state, locale))
        self.verdict.setText(verdict_html(state))
        self.verdict.setAccessibleName(
            QTextDocumentFragment.fromHtml(self.verdict.text()).toPlainText()
        )
        self.verdict.setVisible(bool(self.verdict.text()))
        lines = [timing(state, now, locale), state.problem or ""]
        self.details.setText("\n".join(line for line in lines if line))

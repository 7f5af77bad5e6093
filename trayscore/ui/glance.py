"""The glance window: the tray's stand-in where there is no system tray.

GNOME without an extension, or a panel that starts late: then a small, always-on-top, draggable
window shows the same state; it remembers where it was put and offers the tray's menu.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QVBoxLayout, QWidget

from trayscore.state import DisplayState
from trayscore.ui.icon import IconStyle, build_icon, icon_spec
from trayscore.ui.texts import headline, timing

ICON_SIDE = 40


class GlanceWindow(QWidget):
    """The same state as the tray icon, in a window of its own."""

    moved = Signal(QPoint)
    clicked = Signal()

    def __init__(self, menu: QMenu) -> None:
        flags = (
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        super().__init__(None, flags)
        self.setObjectName("glanceWindow")
        self.setWindowTitle("trayscore")
        self._menu = menu
        self._press: QPoint | None = None
        self._dragged = False
        self.icon_label = QLabel(self)
        self.icon_label.setObjectName("glanceIcon")
        self.icon_label.setFixedSize(ICON_SIDE, ICON_SIDE)
        self.headline = QLabel(self)
        self.headline.setObjectName("glanceHeadline")
        self.details = QLabel(self)
        self.details.setObjectName("glanceDetails")
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.headline)
        text.addWidget(self.details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 10, 4)
        layout.addWidget(self.icon_label)
        layout.addLayout(text)
        self.setToolTip(self.tr("Drag to move; right-click for the menu"))
        self.icon_style = IconStyle()

    def show_state(self, state: DisplayState, now: datetime, locale: QLocale) -> None:
        """Show ``state``."""
        icon = build_icon(icon_spec(state, self.icon_style), self.devicePixelRatioF())
        self.icon_label.setPixmap(icon.pixmap(ICON_SIDE, ICON_SIDE))
        self.headline.setText(headline(state, locale))
        self.details.setText(timing(state, now, locale))
        self.adjustSize()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """Start a drag, or open the menu."""
        if event.button() == Qt.MouseButton.RightButton:
            self._menu.popup(event.globalPosition().toPoint())
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
            self._dragged = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Follow the pointer while dragging."""
        if self._press is not None:
            self.move(event.globalPosition().toPoint() - self._press)
            self._dragged = True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """End a drag (and say where), or count it as a click."""
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        self._press = None
        if self._dragged:
            self.moved.emit(self.pos())
        else:
            self.clicked.emit()

"""The glance window: the tray's stand-in where there is no system tray.

GNOME without an extension, or a panel that starts late: then a small, always-on-top, draggable
window shows the same state; it remembers where it was put and offers the tray's menu.

On Wayland a window cannot place itself: the compositor decides where it appears, and a drag is
handed to the compositor (startSystemMove), so no position is remembered there (ADR 011).
From the keyboard, Enter or Space opens the history and the Menu key or Shift+F10 the menu;
a screen reader reads the score as the window's name.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QVBoxLayout, QWidget

from trayscore.core.display_state import DisplayState
from trayscore.ui.icon import IconStyle, build_icon, icon_spec
from trayscore.ui.texts import band_name, headline, timing

ICON_SIDE = 40


class GlanceWindow(QWidget):
    """The same state as the tray icon, in a window of its own."""

    moved = Signal(QPoint)
    clicked = Signal()

    def __init__(self, menu: QMenu, *, places_itself: bool | None = None) -> None:
        flags = (
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        super().__init__(None, flags)
        # Whether move() means anything: not on Wayland, where the compositor places windows.
        self.places_itself = (
            not QGuiApplication.platformName().startswith("wayland")
            if places_itself is None
            else places_itself
        )
        self.setObjectName("glanceWindow")
        self.setWindowTitle("trayscore")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
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
        self.setAccessibleName("trayscore")
        self.setAccessibleDescription(
            self.tr("Enter opens the history; the Menu key or Shift+F10 opens the menu")
        )
        self.icon_style = IconStyle()

    def show_state(self, state: DisplayState, now: datetime, locale: QLocale) -> None:
        """Show ``state``."""
        icon = build_icon(icon_spec(state, self.icon_style), self.devicePixelRatioF())
        self.icon_label.setPixmap(icon.pixmap(ICON_SIDE, ICON_SIDE))
        self.headline.setText(headline(state, locale))
        self.details.setText(timing(state, now, locale))
        reading = state.reading
        self.icon_label.setAccessibleName(
            band_name(reading.band)
            if reading is not None and reading.banded
            else self.tr("Score icon")
        )
        self.setAccessibleName(f"trayscore: {self.headline.text()}")
        self.adjustSize()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter or Space is a click; the Menu key or Shift+F10 opens the menu."""
        key = event.key()
        if key in {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}:
            self.clicked.emit()
            return
        shift_f10 = key == Qt.Key.Key_F10 and bool(
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if key == Qt.Key.Key_Menu or shift_f10:
            self._menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """Start a drag, or open the menu."""
        if event.button() == Qt.MouseButton.RightButton:
            self._menu.popup(event.globalPosition().toPoint())
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
            self._dragged = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Follow the pointer while dragging (on Wayland the compositor moves the window)."""
        if self._press is None:
            return
        handle = self.windowHandle()
        if not self.places_itself and handle is not None:
            self._press = None  # the compositor has the drag now, and keeps the position
            handle.startSystemMove()
            return
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

"""What every popup of the tray is: frameless beside the icon, gone on Escape or a click elsewhere.

The history popup and the tenants' list share it, so both behave as one kind of window: shown
near the tray icon (or the pointer), focused inside when opened from the keyboard, Enter presses
the focused button, and losing the focus to another window closes it, except while one of our own
dialogs (a file dialog) has it.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QDir, QEvent, QRect, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QFrame, QWidget

from trayscore.ui.placement import position_near

COPIED_MS: Final = 2_000  # how long a Copy button says it copied


class PopupFrame(QFrame):
    """Frameless, near the tray icon; Escape or a click elsewhere closes it."""

    def __init__(self) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._was_active = False
        self._asking = False  # a dialog of ours has the focus: that is not "clicked elsewhere"
        self.ask_save_path = QFileDialog.getSaveFileName  # a seam: tests answer for the user

    def ask_path(self, title: str, file_name: str, file_filter: str) -> str:
        """Where to save ``file_name``, asked starting in Documents; "" when the user cancels.

        The popup stays open while the file dialog has the focus, and takes it back after.
        """
        folder = (
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or QDir.homePath()
        )
        self._asking = True
        try:
            path, _ = self.ask_save_path(self, title, QDir(folder).filePath(file_name), file_filter)
        finally:
            self._asking = False
        if self.isVisible():
            self.activateWindow()
        return path

    @staticmethod
    def say_for_a_moment(button: QAbstractButton, said: str, then: str) -> None:
        """``said`` on the button (e.g. "Copied"), back to ``then`` after a moment."""
        button.setText(said)
        QTimer.singleShot(COPIED_MS, button, lambda: button.setText(then))

    def first_focus(self) -> QWidget | None:
        """Where the focus lands when the popup opens from the keyboard (None: nowhere)."""
        return None

    def place_near(self, anchor: QRect | None) -> None:
        """Beside the tray icon when its place is known, else near the pointer; on screen."""
        self.move(position_near(anchor, self.size()))

    def toggle(self, anchor: QRect | None = None) -> None:
        """Show near the icon, or hide."""
        if self.isVisible():
            self.hide()
        else:
            self.show_now(anchor)

    def show_now(self, anchor: QRect | None = None) -> None:
        """Show and bring to the front (also when a second instance asks)."""
        self.place_near(anchor)
        self.show()
        self.raise_()
        self.activateWindow()
        # Opened from the keyboard (menu, a second start) the focus must land inside.
        first = self.first_focus()
        focused = QApplication.focusWidget()
        if first is not None and (focused is None or not self.isAncestorOf(focused)):
            first.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Escape closes; Enter presses the focused button (outside a dialog Qt only uses Space)."""
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        if event.key() in {Qt.Key.Key_Return, Qt.Key.Key_Enter}:
            focused = QApplication.focusWidget()
            if isinstance(focused, QAbstractButton) and self.isAncestorOf(focused):
                focused.click()
                return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Losing focus to another window closes the popup, as popups do."""
        super().changeEvent(event)
        if event.type() != QEvent.Type.ActivationChange:
            return
        if self.isActiveWindow():
            self._was_active = True
        elif self._was_active and self.isVisible() and not self._asking:
            # only after it had focus: without a window manager it may never get any
            self._was_active = False
            self.hide()

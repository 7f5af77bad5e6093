"""The glance window from the keyboard, and dragging it where windows cannot place themselves."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from trayscore.ui.glance import GlanceWindow


def shown(qtbot: QtBot, *, places_itself: bool) -> tuple[GlanceWindow, QMenu]:
    menu = QMenu()
    menu.addAction("Quit")
    glance = GlanceWindow(menu, places_itself=places_itself)
    qtbot.addWidget(glance)
    qtbot.addWidget(menu)
    glance.show()
    qtbot.waitExposed(glance)
    return glance, menu


def test_enter_opens_the_history_and_shift_f10_the_menu(qtbot: QtBot) -> None:
    """WCAG 2.2 2.1.1 Keyboard: what a click and a right-click do, without a mouse."""
    glance, menu = shown(qtbot, places_itself=True)
    # WHEN Enter  THEN it counts as a click
    with qtbot.waitSignal(glance.clicked, timeout=1_000):
        qtbot.keyClick(glance, Qt.Key.Key_Return)
    # WHEN Shift+F10  THEN the menu opens
    qtbot.keyClick(glance, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(menu.isVisible, timeout=2_000)


def test_on_wayland_a_drag_is_left_to_the_compositor_and_no_position_is_kept(
    qtbot: QtBot,
) -> None:
    """xdg-shell: a client cannot set its toplevel's position; it asks for an interactive move."""
    # GIVEN a glance window that cannot place itself (Wayland)
    glance, _ = shown(qtbot, places_itself=False)
    moved: list[QPoint] = []
    glance.moved.connect(moved.append)
    start = glance.pos()
    # WHEN it is dragged
    qtbot.mousePress(glance, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.mouseMove(glance, QPoint(60, 40))
    qtbot.mouseRelease(glance, Qt.MouseButton.LeftButton, pos=QPoint(60, 40))
    # THEN it does not move itself, and says nothing to remember
    assert glance.pos() == start
    assert moved == []


def test_on_x11_a_drag_moves_the_window_and_reports_where(qtbot: QtBot) -> None:
    glance, _ = shown(qtbot, places_itself=True)
    moved: list[QPoint] = []
    glance.moved.connect(moved.append)
    qtbot.mousePress(glance, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.mouseMove(glance, QPoint(60, 40))
    qtbot.mouseRelease(glance, Qt.MouseButton.LeftButton, pos=QPoint(60, 40))
    assert len(moved) == 1

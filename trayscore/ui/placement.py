"""Where a small window opens beside the tray icon, kept whole on the screen."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QCursor, QGuiApplication

MARGIN: Final = 8


def position_near(anchor: QRect | None, size: QSize) -> QPoint:
    """The top-left corner beside the tray icon when its place is known, else near the pointer.

    Centred on that point, below it when there is room and above it otherwise, and never closer
    than :data:`MARGIN` to the edge of the screen's available area (panels excluded).
    """
    point = (
        anchor.center()
        if anchor is not None and anchor.isValid() and not anchor.isEmpty()
        else QCursor.pos()
    )
    screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)
    x = min(
        max(point.x() - size.width() // 2, area.left() + MARGIN),
        area.right() - size.width() - MARGIN,
    )
    below = point.y() + MARGIN
    y = below if below + size.height() <= area.bottom() else point.y() - size.height() - MARGIN
    return QPoint(x, max(area.top() + MARGIN, y))

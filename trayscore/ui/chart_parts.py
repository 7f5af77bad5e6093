"""Pieces of the history chart that need no chart: the hover label and the time axis' ends.

Apart from ``ChartView`` so the widget stays one screen of painting and events, and so the
label's placement can be reasoned about (and tested) as plain geometry.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from PySide6.QtCore import QLocale, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPalette, QPen

from trayscore.ui.texts import day_text, time_text

GAP: Final = 8.0  # between the pointer and the label, so the label never hides what it names
PAD: Final = 4.0  # inside the label, around the text


def axis_end_text(moment: datetime, start: datetime, end: datetime, locale: QLocale) -> str:
    """One end of the time axis: a date, or a time when the axis spans less than a day.

    A fitted axis over six minutes of history would otherwise read "28 Nov 2026" at both ends.
    The start keeps its date when it falls on another day than the end.
    """
    if end - start < timedelta(days=1):
        return time_text(moment, end, locale)
    return day_text(moment, locale)


def label_rect(anchor: QPointF, size: QSizeF, bounds: QRectF) -> QRectF:
    """Where a label of ``size`` goes beside ``anchor``, wholly inside ``bounds``.

    Above and to the right of the pointer by default; to the left at the right edge (the newest
    point is there) and below at the top edge (a high score is there). A QToolTip is a window of
    its own that Qt places by the screen, not the chart, which cut "81.4 (High)" off at the
    popup's edge.
    """
    width = min(size.width(), bounds.width())
    height = min(size.height(), bounds.height())
    x = anchor.x() + GAP
    if x + width > bounds.right():
        x = anchor.x() - GAP - width
    y = anchor.y() - GAP - height
    if y < bounds.top():
        y = anchor.y() + GAP
    x = min(max(x, bounds.left()), bounds.right() - width)
    y = min(max(y, bounds.top()), bounds.bottom() - height)
    return QRectF(x, y, width, height)


def label_size(text: str, metrics: QFontMetricsF) -> QSizeF:
    """The label's outer size for ``text`` in this font, padding included."""
    return QSizeF(metrics.horizontalAdvance(text) + 2 * PAD, metrics.height() + 2 * PAD)


def draw_label(painter: QPainter, rect: QRectF, text: str, palette: QPalette) -> None:
    """The label in the theme's tooltip colours, elided if the chart is narrower than the text."""
    painter.save()
    painter.setPen(QPen(palette.color(QPalette.ColorRole.ToolTipText), 1.0))
    painter.setBrush(palette.color(QPalette.ColorRole.ToolTipBase))
    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
    inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
    shown = QFontMetricsF(painter.font()).elidedText(
        text, Qt.TextElideMode.ElideRight, inner.width()
    )
    painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
    painter.restore()

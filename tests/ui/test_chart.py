"""The history chart with a short history: the axis fits it, and the hover label stays inside."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot
from trayscore.ui.chart_parts import axis_end_text, label_rect

from tests.helpers.popup import NOW, C, R, runs, shown_popup

SIX_MINUTES = [
    R(80.0, NOW - timedelta(minutes=6), NOW - timedelta(minutes=3)),
    R(81.4, NOW - timedelta(minutes=2), NOW),
]


def inked(colour: QColor, expected: QColor, tolerance: int = 60) -> bool:
    return (
        abs(colour.red() - expected.red()) <= tolerance
        and abs(colour.green() - expected.green()) <= tolerance
        and abs(colour.blue() - expected.blue()) <= tolerance
    )


def test_six_minutes_of_history_span_the_chart(qtbot: QtBot) -> None:
    # GIVEN six minutes of history, shown over the popup's 30-day range
    popup = shown_popup(qtbot, SIX_MINUTES)
    chart = popup.chart
    plot = chart.plot_rect()
    # THEN the first reading is drawn near the left edge, not at the right one
    first = chart._x(SIX_MINUTES[0].time)
    assert first < plot.left() + 0.25 * plot.width()
    assert first > plot.left()  # a margin before it: the first step is not on the edge
    # AND the line is inked there, in the text colour at the first score
    image = chart.grab().toImage()
    text = chart.palette().color(QPalette.ColorRole.WindowText)
    column = int(first) + 4
    rows = range(int(chart._y(80.0)) - 3, int(chart._y(80.0)) + 4)
    assert any(inked(image.pixelColor(column, row), text) for row in rows)


def test_a_history_longer_than_the_range_keeps_the_range(qtbot: QtBot) -> None:
    # GIVEN forty days of history over the 30-day range
    popup = shown_popup(qtbot, runs((40.0, 40), (55.0, 20)))
    plot = popup.chart.plot_rect()
    # THEN the axis is the whole range: 20 days ago is a third of the way in
    x = popup.chart._x(NOW - timedelta(days=20))
    assert abs(x - (plot.left() + plot.width() / 3)) < 1.0


def test_a_short_axis_is_labelled_with_times_and_a_long_one_with_dates() -> None:
    # GIVEN an axis of seven minutes and one of thirty days
    start = NOW - timedelta(minutes=7)
    # THEN the short one's ends are times (no year), the long one's dates
    assert "2026" not in axis_end_text(start, start, NOW, C)
    assert ":" in axis_end_text(NOW, start, NOW, C)
    month = NOW - timedelta(days=30)
    assert "2026" in axis_end_text(month, month, NOW, C)


def test_the_hover_label_at_the_newest_point_stays_inside_the_chart(qtbot: QtBot) -> None:
    # GIVEN a short history whose newest point is high and at the right edge
    popup = shown_popup(qtbot, SIX_MINUTES)
    chart = popup.chart
    newest = QPoint(int(chart._x(NOW)) - 1, int(chart._y(81.4)))
    # WHEN the pointer rests on the newest point
    qtbot.mouseMove(chart, newest)
    qtbot.waitUntil(lambda: chart.hover_label_rect() is not None, timeout=2_000)
    # THEN the label names it, whole, inside the widget and left of the pointer
    label = chart.hover_label_rect()
    assert label is not None
    assert QRectF(chart.rect()).contains(label)
    assert label.right() < newest.x()
    text = chart.point_text(SIX_MINUTES[-1])
    assert label.width() >= chart.fontMetrics().horizontalAdvance(text)
    # AND it is drawn there: the tooltip background fills the label's inside
    image = chart.grab().toImage()
    base = chart.palette().color(QPalette.ColorRole.ToolTipBase)
    assert inked(image.pixelColor(int(label.left()) + 2, int(label.top()) + 2), base, 10)


def test_the_keyboard_cursors_label_at_the_newest_point_stays_inside(qtbot: QtBot) -> None:
    # GIVEN the chart focused with a short history
    popup = shown_popup(qtbot, SIX_MINUTES)
    chart = popup.chart
    chart.setFocus()
    # WHEN End moves the cursor to the newest point
    qtbot.keyClick(chart, Qt.Key.Key_End)
    # THEN its label is inside the widget
    label = chart.hover_label_rect()
    assert label is not None
    assert QRectF(chart.rect()).contains(label)


def test_a_label_goes_right_and_above_unless_an_edge_is_near() -> None:
    bounds, size = QRectF(0, 0, 300, 150), QSizeF(100, 20)
    # GIVEN a pointer in the middle: THEN the label is above and to the right of it
    middle = label_rect(QPointF(150, 75), size, bounds)
    assert middle.left() > 150
    assert middle.bottom() < 75
    # GIVEN a pointer in the top right corner: THEN the label is below and to the left
    corner = label_rect(QPointF(298, 2), size, bounds)
    assert corner.right() < 298
    assert corner.top() > 2
    assert bounds.contains(corner)
    # GIVEN a label wider than the chart: THEN it is cut to the chart's width, inside it
    wide = label_rect(QPointF(150, 75), QSizeF(400, 20), bounds)
    assert bounds.contains(wide)

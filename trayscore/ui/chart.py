"""The history chart, drawn with QPainter (QtCharts is not in PySide6-Essentials).

A step line (a score holds until the next one) over the three band regions, the newest point
marked in its band colour, min and max noted, and the value under the pointer on hover (in a
label drawn inside the chart, never cut off at its edges). While the history is shorter than the
range, the time axis starts at the first reading, so a new install's minutes are not one stroke
at the right edge. Colours for text and line come from the palette, so it follows light, dark and
high-contrast themes.

A screen reader gets what the eye gets: the accessible description is a summary (range, first and
last value, minimum, maximum, the band now), and the arrow keys move a cursor from point to point
whose value and date become the accessible name, which screen readers read on change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from trayscore.core.bands import Band
from trayscore.core.catalog import DEFAULT_SOURCE, band_for, spec_for
from trayscore.core.contrast import boundary_for
from trayscore.core.trend import Run, axis_start, extremes
from trayscore.ui.chart_parts import axis_end_text, draw_label, label_rect, label_size
from trayscore.ui.icon import BAND_FILL, drawn_band
from trayscore.ui.popup_texts import HistoryAge
from trayscore.ui.texts import band_name, moment_text, score_text, source_title

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def band_regions(source: str) -> tuple[tuple[Band, float, float], ...]:
    """Each band of the source as a stretch of the 0-100 axis (edges between the integers)."""
    ranges = spec_for(source).bands.ranges()
    return tuple(
        (band, max(0.0, first - 0.5), min(100.0, last + 0.5)) for band, first, last in ranges
    )


REGION_ALPHA = 46
RIGHT = 8.0  # the other margins hold text, so they follow the font (large text: no clipping)


class ChartView(QWidget):
    """Plots runs between ``start`` and ``end``; hover shows a point's value and time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyChart")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; arrows move the cursor
        self._runs: list[Run] = []
        self._start: datetime | None = None
        self._end: datetime | None = None
        self._axis_start: datetime | None = None  # later than _start while history is short
        self._hover: tuple[QPointF, Run] | None = None  # where the label points, and at what
        self._cursor: int | None = None  # the keyboard cursor: an index into the runs
        self.display_locale = QLocale()
        self.source = DEFAULT_SOURCE  # whose bands shade the chart
        self.describe()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Room for a readable plot between the text rows, in this font (large text grows it)."""
        return QSize(300, max(150, 10 * self.fontMetrics().height()))

    def set_runs(self, runs: Sequence[Run], start: datetime, end: datetime) -> None:
        """Show ``runs`` over [start, end], the axis from the first reading if that is later."""
        self._runs = list(runs)
        self._start, self._end = start, end
        self._axis_start = axis_start(self._runs, start, end)
        self._cursor = None
        self._hover = None
        self.describe()
        self.update()

    # ---- words ---------------------------------------------------------------------------

    def summary(self) -> str:
        """The chart in one sentence, e.g. "Exposure score over 30 days: from 64.0 to 81.0, ..."."""
        title = source_title(self.source)
        if not self._runs or self._start is None or self._end is None:
            return self.tr("{source}: no history yet").format(source=title)
        bounds = extremes(self._runs)
        low, high = bounds if bounds is not None else (self._runs[0].score, self._runs[0].score)
        newest = self._runs[-1].score
        if self._axis_start is not None and self._axis_start > self._start:
            # less history than the range: "over 30 days" would claim a month of six minutes
            template = self.tr(
                "{source} since the first reading {age}: from {first} to {last}, minimum {low}, "
                "maximum {high}, now {band}"
            )
        else:
            days = max(1, round((self._end - self._start).total_seconds() / 86400))
            template = self.tr(
                "{source} over %n day(s): from {first} to {last}, minimum {low}, maximum {high}, "
                "now {band}",
                "",
                days,
            )
        return template.format(
            source=title,
            age=HistoryAge().spoken(self._end - self._runs[0].time),
            first=score_text(self._runs[0].score, self.display_locale, self.source),
            last=score_text(newest, self.display_locale, self.source),
            low=score_text(low, self.display_locale, self.source),
            high=score_text(high, self.display_locale, self.source),
            band=band_name(band_for(self.source, newest)),
        )

    def point_text(self, run: Run) -> str:
        """One point's value, band and date, as the hover tip and the keyboard cursor read it."""
        return translate("Popup", "{score} ({band}) since {time}").format(
            score=score_text(run.score, self.display_locale, self.source),
            band=band_name(band_for(self.source, run.score)),
            time=moment_text(run.time, self.display_locale),
        )

    def describe(self) -> None:
        """Refresh the accessible name (the cursor's point, if any) and description (summary)."""
        if self._cursor is not None and self._cursor < len(self._runs):
            self.setAccessibleName(self.point_text(self._runs[self._cursor]))
        else:
            self.setAccessibleName(self.tr("History chart"))
        self.setAccessibleDescription(self.summary())

    # ---- geometry ------------------------------------------------------------------------

    def plot_rect(self) -> QRectF:
        """Where the data goes, inside the axis labels."""
        left, top, bottom = self._margins()
        return QRectF(left, top, self.width() - left - RIGHT, self.height() - top - bottom)

    def _margins(self) -> tuple[float, float, float]:
        """Room for the axis labels (left), min/max (top) and the dates (bottom) in this font."""
        metrics = self.fontMetrics()
        line = float(metrics.height()) + 2.0
        return float(metrics.horizontalAdvance("100")) + 8.0, line, line

    def _x(self, moment: datetime) -> float:
        assert self._axis_start is not None  # noqa: S101 - set before paint
        assert self._end is not None  # noqa: S101
        plot = self.plot_rect()
        span = max((self._end - self._axis_start).total_seconds(), 1.0)
        fraction = (moment - self._axis_start).total_seconds() / span
        return plot.left() + min(max(fraction, 0.0), 1.0) * plot.width()

    def _y(self, score: float) -> float:
        plot = self.plot_rect()
        return plot.bottom() - score / 100.0 * plot.height()

    # ---- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Bands, axis labels, the line, the newest point, min/max and the hover marker."""
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        plot = self.plot_rect()
        for band, low, high in band_regions(self.source):
            colour = QColor(BAND_FILL[drawn_band(self.source, band)])
            colour.setAlpha(REGION_ALPHA)
            painter.fillRect(
                QRectF(plot.left(), self._y(high), plot.width(), self._y(low) - self._y(high)),
                colour,
            )
        if self.hasFocus():  # where the keyboard is, for those who cannot see a pointer
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.0))
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.setPen(text_colour)
        line = float(self.fontMetrics().height())
        for value in (0, 30, 70, 100):
            painter.drawText(
                QRectF(0, self._y(value) - line / 2, plot.left() - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        if not self._runs or self._start is None or self._end is None:
            painter.drawText(
                plot,
                Qt.AlignmentFlag.AlignCenter,
                translate("Popup", "No history yet: the first reading appears here."),
            )
            painter.end()
            return
        self._draw_dates(painter, plot)
        self._draw_line(painter, text_colour)
        self._draw_newest(painter)
        self._draw_extremes(painter, text_colour, plot)
        if self._hover is not None:
            marker = QColor(text_colour)
            marker.setAlpha(120)
            painter.setPen(QPen(marker, 1.0, Qt.PenStyle.DashLine))
            x = self._hover[0].x()
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            label = self.hover_label_rect()
            if label is not None:
                draw_label(painter, label, self.point_text(self._hover[1]), self.palette())
        painter.end()

    def _draw_dates(self, painter: QPainter, plot: QRectF) -> None:
        start, end = self._axis_start, self._end
        assert start is not None  # noqa: S101
        assert end is not None  # noqa: S101
        for moment, align in (
            (start, Qt.AlignmentFlag.AlignLeft),
            (end, Qt.AlignmentFlag.AlignRight),
        ):
            text = axis_end_text(moment, start, end, self.display_locale)
            painter.drawText(
                QRectF(plot.left(), plot.bottom() + 2, plot.width(), self.height() - plot.bottom()),
                align | Qt.AlignmentFlag.AlignTop,
                text,
            )

    def _draw_line(self, painter: QPainter, colour: QColor) -> None:
        path = QPainterPath()
        for index, run in enumerate(self._runs):
            assert self._axis_start is not None  # noqa: S101
            begin = self._x(max(run.time, self._axis_start))
            follower = (
                self._runs[index + 1].time if index + 1 < len(self._runs) else run.last_confirmed
            )
            finish = self._x(follower)
            y = self._y(run.score)
            if index == 0:
                path.moveTo(begin, y)
            else:
                path.lineTo(begin, y)
            path.lineTo(max(finish, begin), y)
        painter.setPen(QPen(colour, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)

    def _draw_newest(self, painter: QPainter) -> None:
        newest = self._runs[-1]
        centre = QPointF(self._x(newest.last_confirmed), self._y(newest.score))
        background = self.palette().color(QPalette.ColorRole.Window).name()
        painter.setPen(QPen(QColor(boundary_for(background)), 1.5))  # >= 3:1 on any theme
        band = drawn_band(self.source, band_for(self.source, newest.score))
        painter.setBrush(QColor(BAND_FILL[band]))
        painter.drawEllipse(centre, 4.5, 4.5)

    def _draw_extremes(self, painter: QPainter, colour: QColor, plot: QRectF) -> None:
        bounds = extremes(self._runs)
        if bounds is None:
            return
        low, high = bounds
        text = translate("Popup", "min {low} / max {high}").format(
            low=score_text(low, self.display_locale, self.source),
            high=score_text(high, self.display_locale, self.source),
        )
        painter.setPen(colour)
        painter.drawText(
            QRectF(plot.left(), 0, plot.width(), plot.top()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text,
        )

    # ---- hover ---------------------------------------------------------------------------

    def run_at(self, x: float) -> Run | None:
        """The run drawn at horizontal position ``x``."""
        found: Run | None = None
        for run in self._runs:
            if self._x(run.time) <= x:
                found = run
        return found or (self._runs[0] if self._runs else None)

    def hover_label_rect(self) -> QRectF | None:
        """Where the hover label is drawn: beside its point, and always inside the widget."""
        if self._hover is None:
            return None
        anchor, run = self._hover
        size = label_size(self.point_text(run), QFontMetricsF(self.font()))
        return label_rect(anchor, size, QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """Show the value and time under the pointer."""
        position = event.position()
        run = self.run_at(position.x()) if self.plot_rect().contains(position) else None
        self._hover = None if run is None else (QPointF(position), run)
        self.update()

    # ---- keyboard ------------------------------------------------------------------------

    @property
    def cursor_run(self) -> Run | None:
        """The point the keyboard cursor is on, if any."""
        return self._runs[self._cursor] if self._cursor is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Left/Right step from point to point, Home/End jump to the oldest/newest."""
        if not self._runs:
            super().keyPressEvent(event)
            return
        last = len(self._runs) - 1
        current = last if self._cursor is None else self._cursor
        moves = {
            Qt.Key.Key_Left: current - 1 if self._cursor is not None else last,
            Qt.Key.Key_Right: current + 1 if self._cursor is not None else last,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: last,
        }
        key = Qt.Key(event.key())
        if key not in moves:
            super().keyPressEvent(event)
            return
        self._cursor = min(max(moves[key], 0), last)
        run = self._runs[self._cursor]
        assert self._axis_start is not None  # noqa: S101 - set with the runs
        self._hover = (QPointF(self._x(max(run.time, self._axis_start)), self._y(run.score)), run)
        self.describe()
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        """Leaving the chart drops the keyboard cursor."""
        super().focusOutEvent(event)
        self._cursor = None
        self._hover = None
        self.describe()
        self.update()

    def leaveEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        """Drop the hover marker."""
        del event
        self._hover = None
        self.update()

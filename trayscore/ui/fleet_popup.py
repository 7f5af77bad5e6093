"""Several tenants at a glance: one row per tenant, worst first; a row opens that tenant's chart.

Each row says the tenant's name, its score and band in words and colour, how it moved over seven
days, a sparkline of its last month, and what is wrong when something is (out of date, sign-in
needed, unavailable). The rows are painted by a delegate over a plain item model, so fifty
tenants cost one list view, not fifty widgets; a screen reader hears each row as one sentence.
Copy summary and Export CSV cover every tenant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from trayscore.core.catalog import severity
from trayscore.core.display_state import DisplayState, Look
from trayscore.core.trend import Change
from trayscore.ui.icon import BAND_FILL, ERROR_FILL, NO_DATA_INK, SIGN_IN_FILL, drawn_band
from trayscore.ui.popup_frame import PopupFrame
from trayscore.ui.popup_texts import delta_spoken
from trayscore.ui.texts import band_name, headline, score_text, severity_name, verdict

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the TenantRow an item paints
SPARK_WIDTH = 84
WEEK = "7 d"  # the change a row shows: popup_texts.DELTAS' week


@dataclass(frozen=True)
class TenantRow:
    """What one row shows: a tenant's state, its week's change and its month as points."""

    name: str
    state: DisplayState
    change: Change | None = None  # over seven days, or since the first reading
    spark: tuple[float, ...] = ()  # the last month's scores, oldest first


def row_colour(state: DisplayState) -> QColor:
    """The dot before the name: the band's colour, or the look's when there is no score."""
    reading = state.reading
    if state.look in {Look.SCORE, Look.STALE} and reading is not None:
        return QColor(BAND_FILL[drawn_band(reading.source, reading.band)])
    if state.look in {Look.SIGN_IN, Look.SET_UP}:
        return QColor(SIGN_IN_FILL)
    if state.look is Look.ERROR:
        return QColor(ERROR_FILL)
    return QColor(NO_DATA_INK)


class TenantWords(QWidget):
    """The words of a row, translated where the popup is (a QObject for ``self.tr``)."""

    def status(self, row: TenantRow, locale: QLocale) -> str:
        """The second line: score, band and meaning, the week's change, or what is wrong."""
        state, reading = row.state, row.state.reading
        if state.look in {Look.SCORE, Look.STALE} and reading is not None:
            line = self.tr("{score} ({band}: {severity})").format(
                score=score_text(reading.score, locale, reading.source),
                band=band_name(reading.band),
                severity=severity_name(severity(reading.source, reading.band)),
            )
            if row.change is not None:
                amount = round(row.change.amount, 1)
                arrow = "=" if amount == 0 else ("\u25b2" if amount > 0 else "\u25bc")
                line += "  " + self.tr("{arrow} {amount} in 7 days").format(
                    arrow=arrow, amount=locale.toString(float(abs(amount)), "f", 1)
                )
            if state.look is Look.STALE:
                line += self.tr(" - out of date")
            return line
        if state.look is Look.SIGN_IN:
            return self.tr("Sign-in needed: open this row and choose Sign in")
        if state.look is Look.SET_UP:
            return self.tr("Not set up")
        if state.look is Look.ERROR:
            return self.tr("Unavailable: {problem}").format(problem=state.problem or "")
        return self.tr("No data yet")

    def spoken(self, row: TenantRow, locale: QLocale) -> str:
        """The whole row as one sentence for a screen reader."""
        line = self.tr("{name}: {headline}").format(
            name=row.name, headline=headline(row.state, locale)
        )
        reading = row.state.reading
        if row.state.look in {Look.SCORE, Look.STALE} and reading is not None:
            line += ", " + verdict(reading.source, reading.band)
            line += ". " + delta_spoken(WEEK, row.change, reading.source, locale)
        elif row.state.problem:
            line += ". " + row.state.problem
        return line


class TenantRowDelegate(QStyledItemDelegate):
    """Paints a row: a dot, the name, the status line, and the month's sparkline at the right."""

    def __init__(self, words: TenantWords, parent: QWidget) -> None:
        super().__init__(parent)
        self._words = words
        self.display_locale = QLocale()

    def sizeHint(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Two lines of text with room around them."""
        del index
        height = option.fontMetrics.height()
        return QSize(300, int(height * 2 + 14))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """The row, in the palette's colours (selected rows in the highlight's)."""
        row = index.data(ROW_ROLE)
        if not isinstance(row, TenantRow):
            super().paint(painter, option, index)
            return
        rect = QRectF(option.rect)
        palette = option.palette
        metrics = option.fontMetrics
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        line = metrics.height()
        dot = line * 0.6
        painter.setPen(QPen(QColor(0, 0, 0, 120), 1))
        painter.setBrush(row_colour(row.state))
        painter.drawEllipse(QRectF(rect.left() + 6, rect.top() + 7 + (line - dot) / 2, dot, dot))
        left = rect.left() + 12 + dot
        words = rect.adjusted(left - rect.left(), 5, -(SPARK_WIDTH + 12), -5)
        name_font = QFont(option.font)
        name_font.setBold(True)
        painter.setFont(name_font)
        painter.setPen(text)
        painter.drawText(
            QRectF(words.left(), words.top(), words.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            option.fontMetrics.elidedText(
                row.name, Qt.TextElideMode.ElideRight, int(words.width())
            ),
        )
        painter.setFont(option.font)
        status = self._words.status(row, self.display_locale)
        painter.drawText(
            QRectF(words.left(), words.top() + line + 2, words.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(status, Qt.TextElideMode.ElideRight, int(words.width())),
        )
        spark = QRectF(
            rect.right() - SPARK_WIDTH - 6, rect.top() + 8, SPARK_WIDTH, rect.height() - 16
        )
        _sparkline(painter, row, spark, text)
        painter.restore()


def _sparkline(painter: QPainter, row: TenantRow, box: QRectF, ink: QColor) -> None:
    """The month's scores on a 0-100 scale, the last point a dot in the row's colour."""
    points = row.spark
    if len(points) < 2:
        return
    step = box.width() / (len(points) - 1)
    path = QPainterPath()
    for number, score in enumerate(points):
        point = QPointF(box.left() + number * step, box.bottom() - box.height() * score / 100)
        if number == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    faint = QColor(ink)
    faint.setAlpha(170)
    painter.setPen(QPen(faint, 1.2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    last = QPointF(box.right(), box.bottom() - box.height() * points[-1] / 100)
    painter.setPen(QPen(QColor(0, 0, 0, 140), 1))
    painter.setBrush(row_colour(row.state))
    painter.drawEllipse(last, 2.6, 2.6)


class FleetPopup(PopupFrame):
    """Every tenant, worst first; a click (or Enter) on a row asks for that tenant's chart."""

    tenant_chosen = Signal(str)
    export_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("fleetPopup")
        self.setWindowTitle(self.tr("trayscore - tenants"))
        self.setAccessibleName(self.windowTitle())
        self.display_locale = QLocale()
        self._rows: list[TenantRow] = []
        self.words = TenantWords(self)
        self.words.hide()
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("fleetTitle")
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        self.title.setFont(title_font)
        layout.addWidget(self.title)
        self.demo_badge = QLabel(self.tr("Demo: simulated tenants, not yours"), self)
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.hide()
        layout.addWidget(self.demo_badge)
        self.model = QStandardItemModel(self)
        self.list = QListView(self)
        self.list.setObjectName("tenantList")
        self.list.setAccessibleName(self.tr("Tenants, worst first"))
        self.list.setModel(self.model)
        self.delegate = TenantRowDelegate(self.words, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.clicked.connect(self._chosen)
        self.list.activated.connect(self._chosen)  # Enter on the focused row
        layout.addWidget(self.list, 1)
        layout.addLayout(self._make_buttons())
        self.resize(440, 420)

    def _make_buttons(self) -> QHBoxLayout:
        self.copy_button = QPushButton(self.tr("&Copy summary"), self)
        self.copy_button.setObjectName("copySummary")
        self.copy_button.setAccessibleName(self.tr("Copy summary"))
        self.copy_button.clicked.connect(self.copy_summary)
        self.export_button = QPushButton(self.tr("&Export CSV..."), self)
        self.export_button.setObjectName("exportCsv")
        self.export_button.setAccessibleName(self.tr("Export CSV"))
        self.export_button.clicked.connect(self._ask_export)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.copy_button)
        row.addWidget(self.export_button)
        return row

    def first_focus(self) -> QWidget | None:
        """Opened from the keyboard: the list, on its worst tenant."""
        if self.model.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0, 0))
        return self.list

    def show_tenants(self, rows: Sequence[TenantRow], locale: QLocale, *, demo: bool) -> None:
        """The rows as given (the app ranks them worst first), keeping the chosen row."""
        self.display_locale = self.delegate.display_locale = locale
        current = self.list.currentIndex().data(ROW_ROLE)
        kept = current.name if isinstance(current, TenantRow) else None
        self._rows = list(rows)
        self.title.setText(self.tr("%n tenant(s), worst first", "", len(self._rows)))
        self.demo_badge.setVisible(demo)
        self.model.clear()
        for row in self._rows:
            item = QStandardItem()
            item.setData(row, ROW_ROLE)
            spoken = self.words.spoken(row, locale)
            item.setData(spoken, Qt.ItemDataRole.DisplayRole)  # what views and readers take
            item.setData(spoken, Qt.ItemDataRole.AccessibleTextRole)
            item.setData(spoken, Qt.ItemDataRole.ToolTipRole)
            self.model.appendRow(item)
            if row.name == kept:
                self.list.setCurrentIndex(item.index())

    @property
    def rows(self) -> list[TenantRow]:
        """What the list shows, top to bottom."""
        return list(self._rows)

    def _chosen(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, TenantRow):
            self.tenant_chosen.emit(row.name)

    # ---- summary and export -----------------------------------------------------------------

    def summary(self) -> str:
        """Every tenant on a line, worst first: name, score, band and meaning, the week's change."""
        lines = [
            self.tr("{name}: {status}").format(
                name=row.name, status=self.words.status(row, self.display_locale)
            )
            for row in self._rows
        ]
        text = "\n".join(lines)
        return (
            self.tr("Demo: {summary}").format(summary=text) if self.demo_badge.isVisible() else text
        )

    def copy_summary(self) -> None:
        """Put the summary on the clipboard, and say so on the button for a moment."""
        QGuiApplication.clipboard().setText(self.summary())
        self.say_for_a_moment(self.copy_button, self.tr("Copied"), self.tr("&Copy summary"))

    def _ask_export(self) -> None:
        """Ask where to save every tenant's history, starting in Documents; stay open."""
        path = self.ask_path(
            self.tr("Export every tenant's history"),
            "trayscore-tenants.csv",
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.export_requested.emit(path)

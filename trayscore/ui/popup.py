"""The history popup: the score large, how it moved over a day, a week and a month, and a chart.

It answers "is it getting better?" in two seconds. For the exposure score up is bad, so a rise
wears the high band's red and a fall the low band's green, next to an arrow, so colour is never
the only sign. It closes on Escape or when it loses focus, and only emits what the user asked for
(export); the app does the writing.

Keyboard and screen reader: Tab reaches every control, the period switch is a group of exclusive
buttons that assistive technology sees as radio buttons, Enter presses the focused button, and
every control has an accessible name (and a description where the name is not enough).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final

from PySide6.QtCore import QLocale, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from trayscore.core.bands import Band
from trayscore.core.catalog import DEFAULT_SOURCE, improvement
from trayscore.core.contrast import readable_text
from trayscore.core.display_state import DisplayState
from trayscore.core.trend import Run, change_since, within
from trayscore.ui.chart import ChartView
from trayscore.ui.icon import BAND_FILL
from trayscore.ui.retirement_notice import switch_label
from trayscore.ui.texts import band_name, headline, reading_line, score_text, timing

RANGES: Final = (
    ("7d", timedelta(days=7)),
    ("30d", timedelta(days=30)),
    ("90d", timedelta(days=90)),
    ("1y", timedelta(days=365)),
)
DELTAS: Final = (
    ("24 h", timedelta(hours=24)),
    ("7 d", timedelta(days=7)),
    ("30 d", timedelta(days=30)),
)
MARGIN: Final = 8
GROUPS_SHOWN: Final = 5


class HistoryPopup(QFrame):
    """Frameless, near the tray icon; Escape or a click elsewhere closes it."""

    export_requested = Signal(str)
    switch_source_requested = Signal()  # the retirement notice's one-click switch

    def __init__(self) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setObjectName("historyPopup")
        self.setWindowTitle(self.tr("trayscore - history"))
        self.setAccessibleName(self.windowTitle())
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.display_locale = QLocale()
        self._runs: list[Run] = []
        self._now: datetime | None = None
        self._range = RANGES[1][1]
        self._was_active = False
        self._source = DEFAULT_SOURCE
        self.headline = QLabel(self)
        self.headline.setObjectName("popupHeadline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.headline.setFont(font)
        self.details = QLabel(self)
        self.details.setObjectName("popupDetails")
        self.details.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addLayout(self._make_retirement())
        layout.addLayout(self._make_deltas())
        layout.addLayout(self._make_ranges())
        self.chart = ChartView(self)
        layout.addWidget(self.chart, 1)
        self.others = QLabel(self)  # the other sources, one line each
        self.others.setObjectName("popupOthers")
        self.others.hide()
        layout.addWidget(self.others)
        self.groups = QLabel(self)  # exposure per device group, worst first
        self.groups.setObjectName("popupGroups")
        self.groups.setWordWrap(True)
        self.groups.hide()
        layout.addWidget(self.groups)
        layout.addLayout(self._make_buttons())
        self.resize(420, 360)

    def _make_retirement(self) -> QHBoxLayout:
        """The Defender API's end (MC1220762), with a one-click switch; hidden until due."""
        self.retirement = QLabel(self)
        self.retirement.setObjectName("retirementNotice")
        self.retirement.setWordWrap(True)
        self.retirement.hide()
        self.switch_button = QPushButton(switch_label(), self)
        self.switch_button.setObjectName("switchToSecureScore")
        self.switch_button.setAccessibleName(switch_label())
        self.switch_button.setAccessibleDescription(
            self.tr("Read the Secure Score from now on; the settings file is updated.")
        )
        self.switch_button.clicked.connect(self.switch_source_requested)
        self.switch_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.retirement, 1)
        row.addWidget(self.switch_button)
        return row

    def show_retirement(self, text: str | None, *, can_switch: bool) -> None:
        """Say the Defender API is ending (or has ended); None hides the notice."""
        self.retirement.setText(text or "")
        self.retirement.setAccessibleName(text or "")
        self.retirement.setVisible(text is not None)
        self.switch_button.setVisible(text is not None and can_switch)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to what the wrapped lines need at this width.

        A top-level window's layout does not ask its word-wrapped labels for their height.
        """
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if needed > self.height():
            self.resize(self.width(), needed)

    def _make_deltas(self) -> QHBoxLayout:
        self.delta_labels: dict[str, QLabel] = {}
        deltas = QHBoxLayout()
        for name, _ in DELTAS:
            label = QLabel(self)
            label.setObjectName(f"delta{name.replace(' ', '')}")
            label.setTextFormat(Qt.TextFormat.RichText)
            self.delta_labels[name] = label
            deltas.addWidget(label)
        return deltas

    def _make_ranges(self) -> QHBoxLayout:
        """The chart's period: exclusive buttons, seen as radio buttons by assistive technology.

        Qt reports a checkable auto-exclusive button as a radio button (and a checkable
        one that is not as a check box); the arrow keys move between them.
        """
        self.range_box = QGroupBox(self)  # a grouping, as a radio group is, with no frame
        self.range_box.setFlat(True)
        self.range_box.setObjectName("chartPeriod")
        self.range_box.setAccessibleName(self.tr("Chart period"))
        self.range_group = QButtonGroup(self.range_box)
        ranges = QHBoxLayout(self.range_box)
        ranges.setContentsMargins(0, 0, 0, 0)
        for index, (name, _) in enumerate(RANGES):
            button = QPushButton(self._period_name(name), self.range_box)
            button.setObjectName(f"range{name}")
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setFlat(True)
            button.setAccessibleName(self._period_spoken(name))
            button.setAccessibleDescription(self.tr("Chart period"))
            self.range_group.addButton(button, index)
            ranges.addWidget(button)
        self.range_group.button(1).setChecked(True)
        self.range_group.idClicked.connect(self._range_chosen)
        row = QHBoxLayout()
        row.addWidget(self.range_box)
        row.addStretch()
        return row

    def _make_buttons(self) -> QHBoxLayout:
        self.copy_button = QPushButton(self.tr("&Copy summary"), self)
        self.copy_button.setObjectName("copySummary")
        self.copy_button.setAccessibleDescription(
            self.tr("Copies the score and its changes as one line of text")
        )
        self.copy_button.clicked.connect(self.copy_summary)
        self.export_button = QPushButton(self.tr("&Export CSV..."), self)
        self.export_button.setObjectName("exportCsv")
        self.export_button.setAccessibleDescription(
            self.tr("Saves the whole history as a CSV file")
        )
        self.export_button.clicked.connect(self._ask_export)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        return buttons

    # ---- content -------------------------------------------------------------------------

    def show_state(self, state: DisplayState, now: datetime, locale: QLocale) -> None:
        """The header: what the tray shows, larger."""
        self.display_locale = locale
        self.chart.display_locale = locale
        if state.source != self._source:
            self._source = state.source
            self.chart.source = state.source
            self.chart.update()
        self.chart.describe()
        self.headline.setText(headline(state, locale))
        lines = [timing(state, now, locale), state.problem or ""]
        self.details.setText("\n".join(line for line in lines if line))
        self.others.setText("\n".join(reading_line(other, locale) for other in state.others))
        self.others.setVisible(bool(state.others))
        self.groups.setText(self._groups_text(state, locale))
        self.groups.setVisible(bool(state.groups))

    def _groups_text(self, state: DisplayState, locale: QLocale) -> str:
        """The worst device groups first, as many as fit in a glance."""
        shown = state.groups[:GROUPS_SHOWN]
        lines = [
            self.tr("{name}: {score} ({band})").format(
                name=group.name,
                score=score_text(group.score, locale),
                band=band_name(group.band),
            )
            for group in shown
        ]
        if not lines:
            return ""
        more = len(state.groups) - len(shown)
        heading = self.tr("Exposure by device group, worst first:")
        tail = [self.tr("and %n more group(s)", "", more)] if more > 0 else []
        return "\n".join([heading, *lines, *tail])

    @property
    def runs(self) -> tuple[Run, ...]:
        """The history the popup holds (all of it, whatever range the chart shows)."""
        return tuple(self._runs)

    def set_history(self, runs: Sequence[Run], now: datetime) -> None:
        """The recorded runs, oldest first."""
        self._runs, self._now = list(runs), now
        self._refresh_chart()
        for name, period in DELTAS:
            change = change_since(self._runs, now, period)
            label = self.delta_labels[name]
            label.setText(self._delta_text(name, change))
            label.setAccessibleName(self._delta_spoken(name, change))

    def _delta_text(self, name: str, change: float | None) -> str:
        """The change over a period as shown: an arrow, the amount, coloured by good or bad.

        The colour is the band's only where text in it stays readable (4.5:1) on this
        palette's background, as under a high-contrast theme it may not be.
        """
        if change is None:
            return self.tr("{period}: no data yet").format(period=self._period_name(name))
        rounded = round(change, 1)
        good = (
            improvement(self._source, rounded) > 0
        )  # up is bad for exposure, good for Secure Score
        text_colour = self.palette().color(QPalette.ColorRole.WindowText).name()
        if rounded != 0:
            arrow = "\u25b2" if rounded > 0 else "\u25bc"
            background = self.palette().color(QPalette.ColorRole.Window).name()
            band = BAND_FILL[Band.LOW] if good else BAND_FILL[Band.HIGH]
            colour = readable_text(band, background, text_colour)
        else:
            arrow, colour = "=", text_colour
        amount = self.display_locale.toString(float(abs(rounded)), "f", 1)
        return f"{self._period_name(name)}: <span style='color:{colour}'>{arrow} {amount}</span>"

    def _delta_spoken(self, name: str, change: float | None) -> str:
        """The same change in words, for a screen reader (an arrow glyph says nothing)."""
        period = self._period_spoken(name)
        if change is None:
            return self.tr("Change over {period}: no data yet").format(period=period)
        rounded = round(change, 1)
        amount = self.display_locale.toString(float(abs(rounded)), "f", 1)
        if rounded == 0:
            return self.tr("Change over {period}: unchanged").format(period=period)
        if improvement(self._source, rounded) > 0:
            words = (
                self.tr("up {amount}, better") if rounded > 0 else self.tr("down {amount}, better")
            )
        else:
            words = (
                self.tr("up {amount}, worse") if rounded > 0 else self.tr("down {amount}, worse")
            )
        return self.tr("Change over {period}: {change}").format(
            period=period, change=words.format(amount=amount)
        )

    def _period_name(self, name: str) -> str:
        """A range or delta period in the user's language (literal for lupdate to find)."""
        names = {
            "7d": self.tr("7 d"),
            "30d": self.tr("30 d"),
            "90d": self.tr("90 d"),
            "1y": self.tr("1 y"),
            "24 h": self.tr("24 h"),
            "7 d": self.tr("7 d"),
            "30 d": self.tr("30 d"),
        }
        return names[name]

    def _period_spoken(self, name: str) -> str:
        """A period in full words, for a screen reader ("7 d" reads as "7 D")."""
        names = {
            "7d": self.tr("7 days"),
            "30d": self.tr("30 days"),
            "90d": self.tr("90 days"),
            "1y": self.tr("1 year"),
            "24 h": self.tr("24 hours"),
            "7 d": self.tr("7 days"),
            "30 d": self.tr("30 days"),
        }
        return names[name]

    def _range_chosen(self, index: int) -> None:
        self._range = RANGES[index][1]
        self._refresh_chart()

    def _refresh_chart(self) -> None:
        if self._now is None:
            return
        start = self._now - self._range
        self.chart.set_runs(within(self._runs, start), start, self._now)

    def summary(self) -> str:
        """Plain text for the clipboard: the headline, when, and the three changes."""
        changes = []
        for name, period in DELTAS:
            change = change_since(self._runs, self._now, period) if self._now else None
            if change is None:
                value = "-"
            else:
                sign = "+" if change >= 0 else "-"
                value = sign + self.display_locale.toString(float(abs(round(change, 1))), "f", 1)
            changes.append(f"{self._period_name(name)} {value}")
        when = self.details.text().splitlines()[0] if self.details.text() else ""
        return f"{self.headline.text()}, {when}; " + ", ".join(changes)

    def copy_summary(self) -> None:
        """Put the summary on the clipboard."""
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.summary())

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export history"), "trayscore-history.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_requested.emit(path)

    # ---- showing -------------------------------------------------------------------------

    def place_near(self, anchor: QRect | None) -> None:
        """Beside the tray icon when its place is known, else near the pointer; on screen."""
        point = (
            anchor.center()
            if anchor is not None and anchor.isValid() and not anchor.isEmpty()
            else QCursor.pos()
        )
        screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)
        x = min(
            max(point.x() - self.width() // 2, area.left() + MARGIN),
            area.right() - self.width() - MARGIN,
        )
        below = point.y() + MARGIN
        y = below if below + self.height() <= area.bottom() else point.y() - self.height() - MARGIN
        self.move(QPoint(x, max(area.top() + MARGIN, y)))

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
        # Opened from the keyboard (menu, a second start) the focus must land inside: on the
        # period switch, the first control that is always there.
        checked = self.range_group.checkedButton()
        focused = QApplication.focusWidget()
        if checked is not None and (focused is None or not self.isAncestorOf(focused)):
            checked.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

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

    def changeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        """Losing focus to another window closes the popup, as popups do."""
        from PySide6.QtCore import QEvent  # noqa: PLC0415

        super().changeEvent(event)  # type: ignore[arg-type]
        if not isinstance(event, QEvent) or event.type() != QEvent.Type.ActivationChange:
            return
        if self.isActiveWindow():
            self._was_active = True
        elif self._was_active and self.isVisible():
            # only after it had focus: without a window manager it may never get any
            self._was_active = False
            self.hide()

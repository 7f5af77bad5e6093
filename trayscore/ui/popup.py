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
from datetime import datetime

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trayscore.core.catalog import DEFAULT_SOURCE
from trayscore.core.display_state import DisplayState
from trayscore.core.trend import Run, change_over, within
from trayscore.ui.chart import ChartView
from trayscore.ui.period_switch import period_switch
from trayscore.ui.popup_actions import ActionRow
from trayscore.ui.popup_frame import PopupFrame
from trayscore.ui.popup_header import PopupHeader
from trayscore.ui.popup_texts import (
    DELTAS,
    RANGES,
    SummaryWords,
    delta_spoken,
    delta_text,
    groups_text,
    summary_text,
)
from trayscore.ui.retirement_notice import switch_label
from trayscore.ui.texts import reading_line

__all__ = ["DELTAS", "RANGES", "HistoryPopup"]


class HistoryPopup(PopupFrame):
    """One tenant's score, changes and chart; frameless, near the tray icon (PopupFrame)."""

    export_requested = Signal(str)
    switch_source_requested = Signal()  # the retirement notice's one-click switch
    action_requested = Signal(str)  # the primary button's action: see primary_action

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("historyPopup")
        self.setWindowTitle(self.tr("trayscore - history"))
        self.setAccessibleName(self.windowTitle())
        self.display_locale = QLocale()
        self._runs: list[Run] = []
        self._now: datetime | None = None
        self._range = RANGES[1][1]
        self._source = DEFAULT_SOURCE
        self._state: DisplayState | None = None
        layout = QVBoxLayout(self)
        self.header = PopupHeader(self)
        self.headline, self.verdict = self.header.headline, self.header.verdict
        self.details, self.demo_badge = self.header.details, self.header.demo_badge
        layout.addWidget(self.header)
        self.action_row = ActionRow(self)
        self.action_row.requested.connect(self.action_requested)
        layout.addWidget(self.action_row)
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

    def set_more_menu(self, menu: QMenu) -> None:
        """Every tray menu entry, reachable from the popup with the keyboard."""
        self.action_row.set_more_menu(menu)

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
            label.setWordWrap(True)  # "since first reading (...)" fits a third of the width
            self.delta_labels[name] = label
            deltas.addWidget(label)
        return deltas

    def _make_ranges(self) -> QHBoxLayout:
        """The chart's period switch, at the left of its row."""
        self.range_box, self.range_group = period_switch(self)
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
        self._state = state
        self.header.show_state(state, now, locale)
        self.display_locale = locale
        self.chart.display_locale = locale
        if state.source != self._source:
            self._source = state.source
            self.chart.source = state.source
            self.chart.update()
        self.chart.describe()
        self.action_row.show_state(state)
        self.others.setText("\n".join(reading_line(other, locale) for other in state.others))
        self.others.setVisible(bool(state.others))
        self.groups.setText(
            groups_text(state, locale, lambda more: self.tr("and %n more group(s)", "", more))
        )
        self.groups.setVisible(bool(state.groups))

    @property
    def runs(self) -> tuple[Run, ...]:
        """The history the popup holds (all of it, whatever range the chart shows)."""
        return tuple(self._runs)

    def set_history(self, runs: Sequence[Run], now: datetime) -> None:
        """The recorded runs, oldest first."""
        self._runs, self._now = list(runs), now
        self._refresh_chart()
        told_since_first = False
        for name, period in DELTAS:
            change = change_over(self._runs, now, period)
            label = self.delta_labels[name]
            label.setText(
                delta_text(name, change, self._source, self.palette(), self.display_locale)
            )
            label.setAccessibleName(delta_spoken(name, change, self._source, self.display_locale))
            # A longer period falls back to the same change since the first reading: say it once
            since_first = change is not None and change.history is not None
            label.setVisible(not (since_first and told_since_first))
            told_since_first = told_since_first or since_first
        self._fit_height()

    def _range_chosen(self, index: int) -> None:
        self._range = RANGES[index][1]
        self._refresh_chart()

    def _refresh_chart(self) -> None:
        if self._now is None:
            return
        start = self._now - self._range
        self.chart.set_runs(within(self._runs, start), start, self._now)

    def summary(self) -> str:
        """One ticket-ready line for the clipboard (:func:`summary_text`)."""
        now = self._now
        changes = [
            (name, change_over(self._runs, now, period) if now else None) for name, period in DELTAS
        ]
        words = SummaryWords(
            at=self.tr("at {time}"),
            tenant=self.tr("tenant {tenant}"),
            since_first=self.tr("since first reading"),
            demo=self.tr("Demo"),
        )
        state = self._state
        if state is None:
            return ""
        return summary_text(state, self.headline.text(), changes, self.display_locale, words)

    def copy_summary(self) -> None:
        """Put the summary on the clipboard, and say so on the button for a moment."""
        QGuiApplication.clipboard().setText(self.summary())
        self.say_for_a_moment(self.copy_button, self.tr("Copied"), self.tr("&Copy summary"))

    def _ask_export(self) -> None:
        """Ask where to save, starting in Documents; the popup stays open while it asks."""
        path = self.ask_path(
            self.tr("Export history"), "trayscore-history.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_requested.emit(path)

    # ---- showing -------------------------------------------------------------------------

    def first_focus(self) -> QWidget | None:
        """Opened from the keyboard: the period switch, the first control that is always there."""
        return self.range_group.checkedButton()

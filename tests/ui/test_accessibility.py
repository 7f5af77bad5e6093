"""Screen reader, keyboard, large text and contrast, checked offscreen through Qt's own
accessibility interfaces (the same ones the AT-SPI bridge exports; tests/desktop reads them
through AT-SPI itself).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtGui import QAccessible, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from trayscore.core.bands import Band
from trayscore.core.contrast import (
    NON_TEXT_MINIMUM,
    boundary_for,
    contrast_ratio,
    mark_contrast,
    over,
    relative_luminance,
)
from trayscore.core.display_state import Tracker
from trayscore.core.models import Reading
from trayscore.settings.model import Settings, TenantEntry
from trayscore.translations import catalogue
from trayscore.ui.glance import GlanceWindow
from trayscore.ui.icon import BAND_FILL, OUTLINE
from trayscore.ui.popup import HistoryPopup
from trayscore.ui.settings_dialog import SettingsDialog
from trayscore.ui.welcome import WelcomeDialog

from tests.helpers.popup import NOW, runs, shown_popup

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QSpinBox)
HISTORY = ((64.0, 29), (60.0, 20), (81.0, 6), (75.0, 1))
TWO_TENANTS = replace(
    Settings(client_id="04b07795-8ddb-461a-bbee-02f9e1bf7b46"),
    tenants=(TenantEntry("Contoso", "contoso.onmicrosoft.com"), TenantEntry("Fabrikam", "x")),
)
# Windows' "High Contrast Black" and "High Contrast White" themes: window and text colours.
HIGH_CONTRAST = {"black": ("#000000", "#FFFFFF"), "white": ("#FFFFFF", "#000000")}


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The English catalogue, as the app loads it: it holds the English plural forms."""
    translator = QTranslator()
    assert translator.load(str(catalogue("en")))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def name_of(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def role_of(widget: QWidget) -> QAccessible.Role:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.role()


def controls(root: QWidget) -> list[QWidget]:
    """Every control a user can operate under ``root`` (hidden ones too: they may appear).

    A spin box's or combo box's inner line edit is part of it, not a control of its own.
    """
    return [
        widget
        for widget in root.findChildren(QWidget)
        if isinstance(widget, CONTROLS) and not isinstance(widget.parent(), (QSpinBox, QComboBox))
    ]


def glance_window(qtbot: QtBot) -> GlanceWindow:
    menu = QMenu()
    window = GlanceWindow(menu)
    qtbot.addWidget(window)
    qtbot.addWidget(menu)
    state = Tracker(NOW - NOW).succeeded(Reading("exposure-score", 75.0, NOW, NOW)).state_at(NOW)
    window.show_state(state, NOW, QLocale(QLocale.Language.English))
    return window


def dialogs(qtbot: QtBot) -> Iterator[QWidget]:
    popup = shown_popup(qtbot, runs(*HISTORY))
    popup.show_retirement("The Defender API ends on 1 Feb 2027.", can_switch=True)
    yield popup
    settings = SettingsDialog(Settings(), autostart=False)
    qtbot.addWidget(settings)
    yield settings
    listed = SettingsDialog(TWO_TENANTS, autostart=False)  # the list's entry form shown
    listed.setObjectName("settingsDialogWithTenants")
    qtbot.addWidget(listed)
    yield listed
    welcome = WelcomeDialog("https://example.invalid/guide")
    qtbot.addWidget(welcome)
    yield welcome
    yield glance_window(qtbot)


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    """EN 301 549 11.4.1.2 / WCAG 2.2 4.1.2 Name, Role, Value."""
    for root in dialogs(qtbot):
        # GIVEN a popup, settings dialog, welcome dialog or glance window
        # THEN each control has a non-empty accessible name, and so does the window
        unnamed = [w.objectName() or type(w).__name__ for w in controls(root) if not name_of(w)]
        assert not unnamed, f"{root.objectName()}: {unnamed}"
        assert name_of(root), root.objectName()


@pytest.mark.usefixtures("english")
def test_the_chart_summary_and_the_period_switch_as_radio_buttons(qtbot: QtBot) -> None:
    """WCAG 2.2 1.1.1 Non-text Content and 4.1.2 Name, Role, Value."""
    # GIVEN a popup with 30 days of history ending at 75 (High)
    popup = shown_popup(qtbot, runs(*HISTORY))
    chart = QAccessible.queryAccessibleInterface(popup.chart)
    assert chart is not None
    # THEN the chart is named and described by a summary of what it draws
    assert chart.text(QAccessible.Text.Name) == "History chart"
    assert chart.text(QAccessible.Text.Description) == (
        "Exposure score over 30 days: from 64.0 to 75.0, minimum 60.0, maximum 81.0, now High"
    )
    # AND the period buttons are radio buttons, one checked, in a group named for them
    buttons = popup.range_group.buttons()
    assert {role_of(button) for button in buttons} == {QAccessible.Role.RadioButton}
    checked = [
        name_of(b) for b in buttons if QAccessible.queryAccessibleInterface(b).state().checked
    ]
    assert checked == ["30 days"]
    assert name_of(popup.range_box) == "Chart period"
    # AND a change over less history than its period says since when, also in words, and a
    # change in words says better or worse
    assert popup.delta_labels["30 d"].text().endswith("since first reading (29 days ago)")
    assert name_of(popup.delta_labels["30 d"]) == (
        "Change since the first reading 29 days ago (less than 30 days of history): up 11.0, worse"
    )
    assert name_of(popup.delta_labels["7 d"]) == "Change over 7 days: up 15.0, worse"


@pytest.mark.usefixtures("english")
def test_keyboard_only_changes_the_range_reads_points_and_closes(qtbot: QtBot) -> None:
    """WCAG 2.2 2.1.1 Keyboard."""
    # GIVEN the popup opened without a mouse
    popup = shown_popup(qtbot, runs(*HISTORY))
    popup.hide()
    popup.show_now()
    qtbot.waitUntil(popup.isActiveWindow, timeout=5_000)
    # THEN the focus is inside it, on the checked period
    assert QApplication.focusWidget() is popup.range_group.checkedButton()
    # WHEN Left then Enter: the 7-day period is chosen
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert popup.range_group.checkedId() == 0
    assert name_of(popup.chart).startswith("History chart")
    assert "over 7 days" in popup.chart.accessibleDescription()
    # WHEN Tab goes on to the chart and the arrow keys move its cursor
    order = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert popup.chart in order
    assert popup.copy_button in order
    assert popup.export_button in order
    popup.chart.setFocus()
    qtbot.keyClick(popup.chart, Qt.Key.Key_End)
    # THEN the cursor's point (value, band, date) is the chart's accessible name
    assert name_of(popup.chart).startswith("75.0 (High) since 27 Nov 2026")
    qtbot.keyClick(popup.chart, Qt.Key.Key_Left)
    assert name_of(popup.chart).startswith("81.0 (High) since 22 Nov 2026")
    # WHEN Escape
    qtbot.keyClick(popup.chart, Qt.Key.Key_Escape)
    # THEN the popup closes
    assert not popup.isVisible()


def test_settings_mnemonics_reach_their_fields(qtbot: QtBot) -> None:
    """The settings dialog without a mouse: Alt+letter moves to the field."""
    dialog = SettingsDialog(Settings(), autostart=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    # WHEN Alt+T, then Alt+I
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.line_edits["tenant"]
    qtbot.keyClick(dialog, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    # THEN each lands on its field
    assert QApplication.focusWidget() is dialog.line_edits["client_id"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_settings_mnemonics_are_unique_in_each_language(
    qtbot: QtBot, qapp: QApplication, language: str
) -> None:
    """Two fields on one Alt+letter make the keyboard user cycle and guess."""
    translator = QTranslator()
    assert translator.load(str(catalogue(language)))
    qapp.installTranslator(translator)
    try:
        # GIVEN the settings dialog in this language
        dialog = SettingsDialog(Settings(), autostart=False)
        qtbot.addWidget(dialog)
        texts = [
            w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)
        ]
    finally:
        qapp.removeTranslator(translator)
    letters = [re.search(r"&(\w)", text) for text in texts]
    keys = [found.group(1).lower() for found in letters if found is not None]
    # THEN every field's label has a mnemonic, each on its own letter
    assert len(keys) >= 15
    assert len(keys) == len(set(keys)), sorted(keys)


@pytest.fixture
def large_font(qapp: QApplication) -> Iterator[QFont]:
    """The application font at 200 %, as a user with large text sets it."""
    before = QFont(qapp.font())
    large = QFont(before)
    large.setPointSizeF(before.pointSizeF() * 2)
    qapp.setFont(large)
    yield large
    qapp.setFont(before)


def clipped(root: QWidget) -> list[str]:
    """Visible labels and buttons smaller than their text needs."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QLabel, QAbstractButton)):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed_width, needed_height = 0, widget.heightForWidth(widget.width())
        else:
            hint = widget.minimumSizeHint()
            needed_width, needed_height = hint.width(), hint.height()
        if widget.width() < needed_width or widget.height() < needed_height:
            found.append(
                f"{widget.objectName() or type(widget).__name__} {widget.size().toTuple()}"
                f" < {(needed_width, needed_height)}"
            )
    return found


@pytest.mark.usefixtures("large_font")
def test_at_200_percent_text_nothing_is_clipped(qtbot: QtBot) -> None:
    """WCAG 2.2 1.4.4 Resize Text: 200 % without loss of content."""
    for root in dialogs(qtbot):
        # GIVEN each window built under a 200 % application font
        root.show()
        qtbot.waitExposed(root)
        # THEN every label and button gets the room its text needs
        assert not clipped(root), root.objectName()
    # AND the chart's own text (axis values, dates, min/max) fits in its margins
    popup = shown_popup(qtbot, runs(*HISTORY))
    chart = popup.chart
    metrics, plot = chart.fontMetrics(), chart.plot_rect()
    assert plot.left() >= metrics.horizontalAdvance("100")
    assert plot.top() >= metrics.height()
    assert chart.height() - plot.bottom() >= metrics.height()


@pytest.mark.parametrize("theme", sorted(HIGH_CONTRAST))
def test_band_marks_keep_3_to_1_under_high_contrast(theme: str) -> None:
    """WCAG 2.2 1.4.11 Non-text Contrast: >= 3:1 against adjacent colours."""
    background, _ = HIGH_CONTRAST[theme]
    for band in Band:
        fill = BAND_FILL[band]
        # THEN the tray icon's shape is seen by its fill or its dark outline on the panel
        outline = over(OUTLINE.name(), OUTLINE.alpha(), background)
        assert mark_contrast(fill, outline, background) >= NON_TEXT_MINIMUM, (band, "icon")
        # AND the chart's newest point by its fill or the boundary the chart picks
        assert mark_contrast(fill, boundary_for(background), background) >= NON_TEXT_MINIMUM


@pytest.mark.parametrize("theme", sorted(HIGH_CONTRAST))
def test_under_a_high_contrast_palette_the_popup_uses_readable_colours(
    qtbot: QtBot, theme: str
) -> None:
    """WCAG 2.2 1.4.3 (text) and 1.4.11 (marks) under a high-contrast palette."""
    window, text = HIGH_CONTRAST[theme]
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
    # GIVEN a popup under a high-contrast palette, showing a rise and a fall
    popup = HistoryPopup()
    qtbot.addWidget(popup)
    popup.setPalette(palette)
    popup.set_history(runs(*HISTORY), NOW)
    # THEN every coloured change is in a colour readable at 4.5:1 on the window
    for label in popup.delta_labels.values():
        for part in label.text().split("color:")[1:]:
            assert contrast_ratio(part[:7], window) >= 4.5, (theme, label.text())
    # AND the chart's point boundary stands out at 3:1 or more
    assert contrast_ratio(boundary_for(window), window) >= NON_TEXT_MINIMUM


def test_the_contrast_formula_matches_wcag_reference_values() -> None:
    """WCAG 2.2, definitions of "contrast ratio" and "relative luminance"."""
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert over("#000000", 255, "#FFFFFF") == (0, 0, 0)
    assert over("#000000", 0, "#FFFFFF") == (255, 255, 255)

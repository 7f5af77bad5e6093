"""The history popup, grabbed offscreen and checked by pixel."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from trayscore.core.bands import Band
from trayscore.ui.icon import BAND_FILL
from trayscore.ui.popup import HistoryPopup

from tests.helpers.popup import NOW, R, runs, shown_popup


def popup_with(qtbot: QtBot, history: list[R]) -> tuple[HistoryPopup, QImage]:
    popup = shown_popup(qtbot, history)
    return popup, popup.chart.grab().toImage()


def close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return (
        abs(a.red() - b.red()) <= tolerance
        and abs(a.green() - b.green()) <= tolerance
        and abs(a.blue() - b.blue()) <= tolerance
    )


def tinted(band: Band, background: QColor) -> QColor:
    """The band colour blended at the region alpha over the background."""
    colour, alpha = QColor(BAND_FILL[band]), 46 / 255
    return QColor(
        round(colour.red() * alpha + background.red() * (1 - alpha)),
        round(colour.green() * alpha + background.green() * (1 - alpha)),
        round(colour.blue() * alpha + background.blue() * (1 - alpha)),
    )


def test_many_points_draw_bands_line_and_the_newest_point(qtbot: QtBot) -> None:
    history = runs((40.0, 40), (55.0, 20), (75.0, 10), (72.5, 3))
    popup, image = popup_with(qtbot, history)
    plot = popup.chart.plot_rect()
    background = popup.chart.palette().color(popup.chart.backgroundRole())
    # THEN the three band regions are shaded (sampled at the plot's left edge, off the line)
    x = int(plot.left()) + 2
    for band, score in ((Band.LOW, 10), (Band.MEDIUM, 50), (Band.HIGH, 95)):
        y = int(popup.chart._y(score))
        assert close(image.pixelColor(x, y), tinted(band, background), 20), band
    # AND the newest point is drawn in its band colour at the right edge
    newest = QPoint(int(popup.chart._x(NOW)) - 1, int(popup.chart._y(72.5)))
    assert close(image.pixelColor(newest), QColor(BAND_FILL[Band.HIGH]), 50)
    # AND the changes: 72.5 now is down from 75 a week ago, up from 40 thirty days ago
    assert "\u25bc" in popup.delta_labels["7 d"].text()
    assert "\u25b2" in popup.delta_labels["30 d"].text()


def test_no_points_is_an_intentional_empty_state(qtbot: QtBot) -> None:
    popup, image = popup_with(qtbot, [])
    assert popup.delta_labels["24 h"].text() == "24 h: no data yet"
    plot = popup.chart.plot_rect()
    # the bands are still drawn, and a sentence stands in the middle (dark text pixels)
    centre_row = int(plot.center().y())
    text = popup.chart.palette().color(popup.chart.foregroundRole())
    inked = [
        x
        for x in range(int(plot.left()), int(plot.right()))
        if close(image.pixelColor(x, centre_row), text, 60)
    ]
    assert inked


def test_a_single_point_is_drawn_as_the_newest_point(qtbot: QtBot) -> None:
    popup, image = popup_with(qtbot, [R(33.0, NOW - timedelta(hours=1), NOW)])
    newest = QPoint(int(popup.chart._x(NOW)) - 1, int(popup.chart._y(33.0)))
    assert close(image.pixelColor(newest), QColor(BAND_FILL[Band.MEDIUM]), 50)


def test_range_switch_and_summary(qtbot: QtBot) -> None:
    history = runs((40.0, 200), (55.0, 60), (30.0, 0.5))
    popup, _ = popup_with(qtbot, history)
    popup.range_group.button(3).click()  # 1 y
    assert len(popup.chart._runs) == 3
    popup.range_group.button(0).click()  # 7 d: only the runs visible in the last week
    assert [run.score for run in popup.chart._runs] == [55.0, 30.0]
    popup.copy_summary()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Exposure score 30.0 (Medium)")
    assert "24 h -25.0" in text


def test_escape_closes(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt  # noqa: PLC0415

    popup, _ = popup_with(qtbot, [])
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def line_rows(
    image: QImage, x: int, colour: QColor, around: float, tolerance: int = 60
) -> list[int]:
    """The rows of column ``x`` within 6 device pixels of ``around`` painted in ``colour``."""
    scale = image.devicePixelRatio()
    rows = range(int((around - 6) * scale), int((around + 6) * scale) + 1)
    return [y for y in rows if close(image.pixelColor(x, y), colour, tolerance)]


def test_a_dark_palette_draws_the_line_and_text_in_its_light_colour(qtbot: QtBot) -> None:
    # GIVEN a dark desktop palette
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    history = runs((40.0, 6), (55.0, 3))
    popup = HistoryPopup()
    qtbot.addWidget(popup)
    popup.setPalette(dark)
    # WHEN the popup shows a history
    popup.set_history(history, NOW)
    popup.show()
    qtbot.waitExposed(popup)
    image = popup.chart.grab().toImage()
    # THEN the line is drawn in the palette's light text colour, on the dark background
    x = int((popup.chart._x(history[0].time) + popup.chart._x(history[1].time)) / 2)
    assert line_rows(image, x, QColor("#f0f0f0"), popup.chart._y(40.0))
    corner = image.pixelColor(2, image.height() - 2)
    assert close(corner, QColor("#202020"), 30)


def test_on_a_hidpi_screen_the_chart_is_drawn_at_full_resolution(qtbot: QtBot) -> None:
    # GIVEN the popup with a history longer than the month (each change is over its whole
    # period: one line each, so the chart's rows are where this test measured them), and the
    # line's thickness at a device pixel ratio of 1
    history = runs((40.0, 40), (55.0, 3))
    popup, normal = popup_with(qtbot, history)
    x = int((popup.chart._x(history[0].time) + popup.chart._x(history[1].time)) / 2)
    text = popup.chart.palette().color(QPalette.ColorRole.WindowText)
    y = popup.chart._y(40.0)
    thin = line_rows(normal, x, text, y)
    # WHEN it is rendered for a screen with twice the pixel density
    sharp = QImage(popup.chart.size() * 2, QImage.Format.Format_ARGB32_Premultiplied)
    sharp.setDevicePixelRatio(2.0)
    sharp.fill(popup.chart.palette().color(QPalette.ColorRole.Window))
    popup.chart.render(sharp)
    # THEN the 2-pixel line covers more device pixels, and its core is solid (drawn at the
    # screen's resolution, not a blurred upscale of the 1x drawing)
    thick = line_rows(sharp, 2 * x, text, y)
    assert len(thin) >= 1  # at 1x a 2-pixel line off the pixel grid has one solid row
    assert len(thick) > len(thin)
    core = [row for row in thick if close(sharp.pixelColor(2 * x, row), text, 10)]
    assert len(core) >= 2


def test_losing_focus_to_another_window_closes_the_popup(qtbot: QtBot) -> None:
    # GIVEN the popup shown and active
    popup, _ = popup_with(qtbot, [])
    popup.activateWindow()
    qtbot.waitUntil(popup.isActiveWindow, timeout=5_000)
    # WHEN another window takes the focus
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    # THEN the popup closes, as popups do
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=5_000)

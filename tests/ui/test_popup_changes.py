"""The popup's changes while the history is shorter than the period: since the first reading."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.helpers.popup import NOW, R, installed_catalogue, runs, shown_popup

SIX_MINUTES = [
    R(80.0, NOW - timedelta(minutes=6), NOW - timedelta(minutes=3)),
    R(81.4, NOW - timedelta(minutes=2), NOW),
]
FR = QLocale(QLocale.Language.French, QLocale.Country.France)


def test_six_minutes_of_history_show_the_change_since_the_first_reading(qtbot: QtBot) -> None:
    # GIVEN six minutes of history, as after starting the demo
    with installed_catalogue("en"):
        popup = shown_popup(qtbot, SIX_MINUTES)
        # THEN the first period shows the change since the first reading, and says so
        label = popup.delta_labels["24 h"]
        assert label.isVisible()
        assert "\u25b2 1.4" in label.text()
        assert label.text().endswith("<br>since first reading (6 min ago)")
        # AND a screen reader hears the same, in words
        assert label.accessibleName() == (
            "Change since the first reading 6 minutes ago "
            "(less than 24 hours of history): up 1.4, worse"
        )
        # AND the chart's spoken summary says the six minutes, not "over 30 days"
        assert popup.chart.accessibleDescription() == (
            "Exposure score since the first reading 6 minutes ago: from 80.0 to 81.4, "
            "minimum 80.0, maximum 81.4, now High"
        )
        # AND the week and the month, the very same change, are not said twice more
        assert not popup.delta_labels["7 d"].isVisible()
        assert not popup.delta_labels["30 d"].isVisible()


def test_a_day_and_a_half_of_history_counts_hours_and_keeps_the_full_day(qtbot: QtBot) -> None:
    # GIVEN 36 hours of history, unchanged
    with installed_catalogue("en"):
        popup = shown_popup(qtbot, runs((50.0, 1.5)))
        # THEN the 24 h change is a full day's and not marked
        assert "since first reading" not in popup.delta_labels["24 h"].text()
        assert popup.delta_labels["24 h"].accessibleName() == "Change over 24 hours: unchanged"
        # AND the week's is since the first reading, 36 hours ago; the month's, the same, is not
        # said again
        assert popup.delta_labels["7 d"].text().endswith("since first reading (36 hours ago)")
        assert popup.delta_labels["7 d"].accessibleName() == (
            "Change since the first reading 36 hours ago (less than 7 days of history): unchanged"
        )
        assert not popup.delta_labels["30 d"].isVisible()


def test_ten_days_of_history_count_days_for_the_month(qtbot: QtBot) -> None:
    # GIVEN ten days of history that improved
    with installed_catalogue("en"):
        popup = shown_popup(qtbot, runs((60.0, 10), (40.0, 9)))
        # THEN the week's change is a full week's, the month's since the first reading
        assert popup.delta_labels["7 d"].text().startswith("7 d: <span")
        assert "\u25bc 20.0" in popup.delta_labels["30 d"].text()
        assert popup.delta_labels["30 d"].text().endswith("since first reading (10 days ago)")
        assert popup.delta_labels["30 d"].accessibleName().endswith("down 20.0, better")


def test_one_reading_taken_just_now_has_no_change_yet(qtbot: QtBot) -> None:
    # GIVEN a single reading taken this instant
    popup = shown_popup(qtbot, [R(42.0, NOW, NOW)])
    # THEN there is nothing to compare with: no data yet, not "unchanged"
    assert popup.delta_labels["24 h"].text() == "24 h: no data yet"


def test_the_fallback_is_worded_in_french_with_its_plurals(qtbot: QtBot) -> None:
    # GIVEN the French catalogue and one minute of history
    with installed_catalogue("fr"):
        history = [R(80.0, NOW - timedelta(minutes=1), NOW), R(81.4, NOW, NOW)]
        popup = shown_popup(qtbot, history, FR)
        # THEN the visible and spoken changes say "since the first reading", in French
        label = popup.delta_labels["24 h"]
        assert label.text().endswith("depuis le premier relevé (il y a 1 min)")
        assert label.accessibleName() == (
            "Variation depuis le premier relevé, il y a 1 minute "
            "(moins de 24 heures d'historique) : en hausse de 1,4, moins bien"
        )


def test_the_copied_summary_tells_the_change_since_the_first_reading_once(qtbot: QtBot) -> None:
    # GIVEN six minutes of history, where the day's, week's and month's changes are all the same
    with installed_catalogue("en"):
        popup = shown_popup(qtbot, SIX_MINUTES)
        # WHEN the summary is copied
        popup.copy_summary()
        text = QGuiApplication.clipboard().text()
        # THEN the change since the first reading is told once, not three times
        assert "24 h +1.4 (since first reading)" in text
        assert text.count("since first reading") == 1
        assert "7 d" not in text
        assert "30 d" not in text

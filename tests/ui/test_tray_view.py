"""Tooltip, status line and menu of the tray view, offscreen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from trayscore.app.language import install_language
from trayscore.core.display_state import Look, Tracker
from trayscore.core.errors import NotSetUp, Offline, SignInRequired
from trayscore.core.models import Reading
from trayscore.ui.texts import TOOLTIP_LIMIT, tooltip
from trayscore.ui.tray import TrayView

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
C = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
ACTIONS = [
    "statusLine",
    "refreshNow",
    "showHistory",
    "snooze",
    "setUp",
    "signIn",
    "signOut",
    "settings",
    "openPortal",
    "about",
    "quit",
]


def tracker_with(score: float = 33.491554051195706) -> Tracker:
    reading = Reading("exposure-score", score, NOW, NOW)
    tracker = (
        Tracker(timedelta(minutes=15)).succeeded(reading).signed_in_as("analyst@contoso.example")
    )
    return tracker.scheduled(NOW + timedelta(minutes=15))


@pytest.fixture
def view(qtbot: QtBot) -> TrayView:
    return TrayView()


def action(view: TrayView, name: str) -> QAction:
    found = view.menu.findChild(QAction, name)
    assert found is not None, name
    return found


def test_every_menu_action_has_an_object_name(view: TrayView) -> None:
    names = [a.objectName() for a in view.menu.actions() if not a.isSeparator()]
    assert names == ACTIONS
    snooze = [a.objectName() for a in view.snooze_menu.actions()]
    assert snooze == ["snooze-1h", "snooze-4h", "snooze-tomorrow", "snooze-resume"]


def test_not_set_up_offers_set_up_instead_of_sign_in(view: TrayView, qtbot: QtBot) -> None:
    # GIVEN nothing set up  WHEN shown
    state = Tracker(timedelta(minutes=15)).failed(NotSetUp("Not set up.")).state_at(NOW)
    view.show_state(state, NOW, C)
    # THEN the icon, the words and the menu say "set up", and Sign in... is not offered
    assert view.spec is not None
    assert view.spec.look is Look.SET_UP
    assert view.tray.toolTip().startswith("trayscore: not set up yet")
    assert action(view, "statusLine").text() == "Not set up yet"
    assert action(view, "setUp").isVisible()
    assert not action(view, "signIn").isVisible()
    # AND choosing it asks for the settings
    with qtbot.waitSignal(view.settings_requested, timeout=1000):
        action(view, "setUp").trigger()


def test_snooze_choices_say_proper_plurals_and_when_they_end(qapp: QApplication) -> None:
    # GIVEN the app in English, as it starts (its catalogue holds the plural forms)
    _locale, translators = install_language(qapp, "en")
    try:
        # WHEN the menu is built  THEN "1 hour", "4 hours", and when the last snooze ends
        texts = [a.text() for a in TrayView().snooze_menu.actions()][:3]
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert texts == ["For 1 hour", "For 4 hours", "Until midnight"]


def test_tooltip_and_status_line_tell_score_band_time_and_account(view: TrayView) -> None:
    # GIVEN a fresh reading  WHEN shown
    state = tracker_with().state_at(NOW + timedelta(minutes=1))
    view.show_state(state, NOW, C)
    tip = view.tray.toolTip()
    # THEN the tooltip has the one-decimal score, band, as-of and next times, and the account
    assert tip.splitlines()[0] == "Exposure score 33.4 (Medium)"
    assert "as of" in tip
    assert "next refresh " in tip  # labelled: a bare "next 09:16" left users guessing
    assert "analyst@contoso.example" in tip
    assert len(tip) <= TOOLTIP_LIMIT
    assert action(view, "statusLine").text().startswith("33.4 (Medium), as of ")
    assert not action(view, "statusLine").isEnabled()
    assert action(view, "signOut").isVisible()
    assert action(view, "signOut").text() == "Sign out analyst@contoso.example"
    assert not action(view, "signIn").isVisible()


def test_a_long_problem_is_cut_but_the_score_line_survives(view: TrayView) -> None:
    tracker = tracker_with().failed(
        Offline("Cannot reach api.security.microsoft.com: " + "x" * 300)
    )
    tip = tooltip(tracker.state_at(NOW), NOW, C)
    assert len(tip) <= TOOLTIP_LIMIT
    assert tip.startswith("Exposure score 33.4 (Medium)\n")
    assert tip.endswith("...")


def test_stale_sign_in_error_and_no_data_have_their_own_words(view: TrayView) -> None:
    stale = tracker_with().state_at(NOW + timedelta(hours=2))
    assert stale.look is Look.STALE
    assert "out of date" in tooltip(stale, NOW + timedelta(hours=2), C)
    sign_in = tracker_with().failed(SignInRequired("Sign in again.")).state_at(NOW)
    view.show_state(sign_in, NOW, C)
    assert view.tray.toolTip().startswith("Exposure score: sign-in needed")
    assert "Sign in again." in view.tray.toolTip()
    assert action(view, "signIn").isVisible()
    assert action(view, "statusLine").text() == "Sign-in needed"
    error = Tracker(timedelta(minutes=15)).failed(Offline("Cannot reach host.")).state_at(NOW)
    assert tooltip(error, NOW, C).startswith("Exposure score unavailable")
    assert tooltip(Tracker(timedelta(minutes=15)).state_at(NOW), NOW, C).startswith(
        "Exposure score: no data yet"
    )


def test_set_icon_is_called_only_when_the_picture_changes(view: TrayView) -> None:
    tracker = tracker_with(40.2)
    view.show_state(tracker.state_at(NOW), NOW, C)
    view.show_state(tracker.state_at(NOW), NOW, C)
    # 40.4 still draws "40" in the same colour: no new icon
    view.show_state(
        tracker.succeeded(Reading("exposure-score", 40.4, NOW, NOW)).state_at(NOW), NOW, C
    )
    assert view.icon_updates == 1
    view.show_state(
        tracker.succeeded(Reading("exposure-score", 41.0, NOW, NOW)).state_at(NOW), NOW, C
    )
    assert view.icon_updates == 2


def test_refresh_is_disabled_while_a_request_is_in_flight(view: TrayView) -> None:
    view.show_state(tracker_with().started().state_at(NOW), NOW, C)
    assert not action(view, "refreshNow").isEnabled()
    assert "refreshing" in view.tray.toolTip()


def test_demo_hides_the_account_entries(view: TrayView) -> None:
    view.set_accounts_shown(False)
    view.show_state(tracker_with().state_at(NOW), NOW, C)
    assert not action(view, "signIn").isVisible()
    assert not action(view, "signOut").isVisible()


def test_left_click_toggles_the_popup(view: TrayView, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon  # noqa: PLC0415

    with qtbot.waitSignal(view.popup_toggled, timeout=1000):
        view.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)

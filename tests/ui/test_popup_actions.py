"""The popup's next step for each state, the ⋯ menu, the portal page, and links no browser
opened."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from trayscore.app.surfaces import portal_page
from trayscore.core.display_state import Tracker
from trayscore.core.errors import NotSetUp, Offline, SignInRequired
from trayscore.core.models import Reading
from trayscore.settings.model import Settings
from trayscore.ui.link_dialog import LinkDialog
from trayscore.ui.popup_actions import ActionRow

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
FIFTEEN = timedelta(minutes=15)
FRESH = Tracker(FIFTEEN).succeeded(Reading("exposure-score", 24.8, NOW, NOW))


def row(qtbot: QtBot) -> ActionRow:
    shown = ActionRow()
    qtbot.addWidget(shown)
    return shown


@pytest.mark.parametrize(
    ("tracker", "action", "label"),
    [
        (Tracker(FIFTEEN).failed(NotSetUp("not set up")), "set-up", "Set up trayscore..."),
        (FRESH.failed(SignInRequired("sign in")), "sign-in", "Sign in..."),
        (Tracker(FIFTEEN).failed(Offline("down")), "retry", "Retry now"),
        (FRESH, "portal", "Open the Exposure score page"),
    ],
    ids=["not-set-up", "sign-in", "error", "score"],
)
def test_each_state_offers_its_one_next_step(
    qtbot: QtBot, tracker: Tracker, action: str, label: str
) -> None:
    # GIVEN the popup's action row  WHEN a state is shown
    shown = row(qtbot)
    shown.show_state(tracker.state_at(NOW + timedelta(minutes=1)))
    # THEN the primary button names the step, and pressing it asks for that action
    assert shown.primary.text() == label
    assert shown.primary.accessibleName() == label
    with qtbot.waitSignal(shown.requested, timeout=1000) as asked:
        shown.primary.click()
    assert asked.args == [action]


def test_an_old_score_offers_retry_and_a_request_in_flight_offers_nothing(qtbot: QtBot) -> None:
    shown = row(qtbot)
    stale = FRESH.state_at(NOW + timedelta(hours=2))  # stale after 31 minutes
    in_flight = FRESH.failed(Offline("down")).started().state_at(NOW + timedelta(hours=2))
    actions = []
    for state in (stale, in_flight):
        shown.show_state(state)
        actions.append(shown.action)
    assert actions == ["retry", None]
    assert not shown.primary.isVisibleTo(shown)


def test_the_more_button_opens_the_tray_menu(qtbot: QtBot) -> None:
    # GIVEN the tray's menu handed to the popup
    shown = row(qtbot)
    menu = QMenu()
    menu.addAction("Settings...")
    shown.set_more_menu(menu)
    # THEN ⋯ carries it, with an accessible name a screen reader can say
    assert shown.more.menu() is menu
    assert shown.more.accessibleName() == "More actions"
    assert shown.more.isVisibleTo(shown)


@pytest.mark.parametrize(
    ("source", "cloud", "page"),
    [
        ("exposure-score", "commercial", "https://security.microsoft.com/tvm_dashboard"),
        ("device-secure-score", "gcc-high", "https://security.microsoft.us/tvm_dashboard"),
        ("secure-score", "commercial", "https://security.microsoft.com/securescore"),
    ],
)
def test_the_portal_page_is_the_one_that_shows_the_score(
    source: str, cloud: str, page: str
) -> None:
    """Microsoft Learn: the Defender Vulnerability Management dashboard
    (security.microsoft.com/tvm_dashboard) shows the exposure and device secure scores;
    "Microsoft Secure Score ... can be found at https://security.microsoft.com/securescore"."""
    assert portal_page(Settings(source=source, cloud=cloud)) == page


def test_a_link_no_browser_opened_can_be_copied(qtbot: QtBot) -> None:
    # GIVEN a link the browser did not open
    dialog = LinkDialog("https://security.microsoft.com/tvm_dashboard")
    qtbot.addWidget(dialog)
    # THEN it is shown as selectable plain text, and Copy link puts it on the clipboard
    assert dialog.address.text() == "https://security.microsoft.com/tvm_dashboard"
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "https://security.microsoft.com/tvm_dashboard"
    assert dialog.copy_button.text() == "Copied"

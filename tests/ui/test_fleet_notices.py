"""Notifications of several tenants: each names its tenant; band changes together are one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot
from trayscore.core.errors import SignInRequired
from trayscore.settings.model import NotificationSettings
from trayscore.ui.notifications.balloon import TrayMessageNotifier
from trayscore.ui.notifications.fleet import FleetNotices

from tests.helpers.app import SpyTray
from tests.helpers.popup import installed_catalogue

NOW = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
C = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
TENANTS = [(name, "exposure-score") for name in ("Contoso", "Fabrikam", "Northwind", "Tailspin")]


def read_low(notices: FleetNotices) -> None:
    """Every tenant past its quiet minute, reading low."""
    notices.started(NOW)
    for name, _ in TENANTS:
        notices.reading(name, 20.0, NOW + timedelta(minutes=2))


def test_three_band_changes_within_a_minute_are_one_notification(qtbot: QtBot) -> None:
    # GIVEN four tenants reading low
    with installed_catalogue("en"):
        notices = FleetNotices(NotificationSettings(), C, TENANTS)
        tray = SpyTray()
        notices.set_notifier(TrayMessageNotifier(tray))
        read_low(notices)
        # WHEN three of them cross into High within a minute
        start = NOW + timedelta(minutes=3)
        for offset, name in enumerate(("Contoso", "Fabrikam", "Northwind")):
            notices.reading(name, 80.0 + offset, start + timedelta(seconds=20 * offset))
        # THEN nothing is shown while the minute runs
        assert tray.balloons == []
        # AND at the tick after it, one notification lists the three, worse news first
        notices.tick(start + timedelta(seconds=61))
        ((title, body),) = tray.balloons
        assert title == "3 tenants worsened"
        assert body.splitlines() == [
            "Contoso: now High (80.0)",
            "Fabrikam: now High (81.0)",
            "Northwind: now High (82.0)",
        ]


def test_a_single_tenants_notice_names_it_and_sign_in_is_told_at_once(qtbot: QtBot) -> None:
    # GIVEN four tenants reading low
    with installed_catalogue("en"):
        notices = FleetNotices(NotificationSettings(), C, TENANTS, demo=True)
        tray = SpyTray()
        notifier = TrayMessageNotifier(tray)
        notices.set_notifier(notifier)
        read_low(notices)
        # WHEN one tenant's sign-in lapses
        notices.failed("Tailspin", SignInRequired("Sign in again."), NOW + timedelta(minutes=3))
        # THEN it is told at once, naming the tenant (and the demo)
        ((title, _body),) = tray.balloons
        assert title == "Demo: Tailspin: trayscore: sign-in needed"
        # AND its "Sign in" asks to sign in to that tenant alone
        with qtbot.waitSignal(notices.sign_in_wanted, timeout=1_000) as asked:
            notifier.action_invoked.emit("sign-in-needed", "sign-in")
        assert asked.args == ["Tailspin"]
        # WHEN one tenant alone changes band  THEN after the minute it is told with its name
        notices.reading("Contoso", 75.0, NOW + timedelta(minutes=4))
        notices.tick(NOW + timedelta(minutes=5, seconds=1))
        assert tray.balloons[-1][0] == "Demo: Contoso: Exposure score worsened: now High"

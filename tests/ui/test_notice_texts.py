"""The words of each notification kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot
from trayscore.core.bands import Band
from trayscore.core.notice_policy import Kind, Notice, Urgency
from trayscore.settings.model import NotificationSettings
from trayscore.ui.notifications.balloon import TrayMessageNotifier
from trayscore.ui.notifications.center import NotificationCenter
from trayscore.ui.notifications.texts import notice_text

from tests.helpers.app import SpyTray

NOW = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
C = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def test_a_band_change_up_says_the_new_band_and_how_much_since_when() -> None:
    # GIVEN the score went from 63 (told two hours ago) to 72
    notice = Notice(
        Kind.BAND_CHANGED,
        Urgency.CRITICAL,
        score=72.4,
        band=Band.HIGH,
        previous_score=63.0,
        previous_band=Band.MEDIUM,
        previous_at=NOW - timedelta(hours=2),
        change=9,
        got_worse=True,
    )
    # WHEN it is put into words
    text = notice_text(notice, NOW, C, None)
    # THEN title and body say it plainly, critical, with a Show history button
    assert text.title == "Exposure score worsened: now High"
    assert text.body.startswith("The exposure score rose to 72 (High), up 9 since ")
    assert text.critical
    assert [key for key, _ in text.actions] == ["history"]


def test_a_fall_says_down() -> None:
    notice = Notice(
        Kind.BAND_CHANGED,
        Urgency.NORMAL,
        score=55.0,
        band=Band.MEDIUM,
        previous_score=71.0,
        previous_band=Band.HIGH,
        previous_at=NOW - timedelta(days=2),
        change=-16,
        got_worse=False,
    )
    text = notice_text(notice, NOW, C, None)
    assert text.title == "Exposure score improved: now Medium"
    assert "fell to 55 (Medium), down 16 since 26 Nov 2026" in text.body
    assert not text.critical


def test_sign_in_offers_a_sign_in_button_and_outage_names_the_problem() -> None:
    sign_in = notice_text(Notice(Kind.SIGN_IN_NEEDED, Urgency.CRITICAL), NOW, C, None)
    assert [key for key, _ in sign_in.actions] == ["sign-in"]
    assert sign_in.critical
    outage = notice_text(
        Notice(Kind.OUTAGE, Urgency.NORMAL, since=NOW - timedelta(minutes=75)),
        NOW,
        C,
        "The Defender API is unreachable.",
    )
    assert outage.title == "Exposure score not updating"
    assert outage.body.startswith("No new score since ")
    assert outage.body.endswith("The Defender API is unreachable.")
    recovered = notice_text(
        Notice(Kind.RECOVERED, Urgency.NORMAL, score=41.0, band=Band.MEDIUM), NOW, C, None
    )
    assert recovered.body == "Updating again: 41 (Medium)."


def test_a_click_on_sign_in_asks_for_sign_in_and_any_other_click_for_the_history(
    qtbot: QtBot,
) -> None:
    # GIVEN the notification centre with the balloon notifier
    center = NotificationCenter(NotificationSettings(), C)
    tray = SpyTray()
    notifier = TrayMessageNotifier(tray)
    center.set_notifier(notifier)
    # WHEN the user clicks "Sign in" THEN sign-in is asked for
    with qtbot.waitSignal(center.sign_in_wanted, timeout=1_000):
        notifier.action_invoked.emit("sign-in-needed", "sign-in")
    # AND the bubble itself or "Show history" asks for the history
    for key in ("default", "history"):
        with qtbot.waitSignal(center.history_wanted, timeout=1_000):
            notifier.action_invoked.emit("band-changed", key)


def test_in_the_demo_every_notification_title_says_demo(qtbot: QtBot) -> None:
    # GIVEN the demo's notification centre, past its quiet first minute, reading Low
    center = NotificationCenter(NotificationSettings(), C, demo=True)
    tray = SpyTray()
    center.set_notifier(TrayMessageNotifier(tray))
    center.started(NOW)
    center.reading(20.0, NOW + timedelta(minutes=2))
    # WHEN the simulated score crosses into High
    center.reading(80.0, NOW + timedelta(minutes=3))
    # THEN the notification says it is the demo's, before the usual title
    assert [title for title, _body in tray.balloons] == ["Demo: Exposure score worsened: now High"]
    # AND an app notice outside the policy says so too
    assert center.announce("other", "trayscore", "text", ())
    assert tray.balloons[-1][0] == "Demo: trayscore"

"""Notifications on a real private D-Bus with a recording server, and the balloon fallback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher
from pytestqt.qtbot import QtBot
from trayscore.system.notification_service import probe
from trayscore.ui.notifications.balloon import TrayMessageNotifier
from trayscore.ui.notifications.choice import ChoosingNotifier
from trayscore.ui.notifications.dbus import DBusNotifier

from tests.fakes.notification_server import INVALID_ARGS, NAME, PATH, Recorder
from tests.helpers.app import SpyTray

ICON = "/usr/share/icons/trayscore.png"


def connect(recorder: Recorder, *, reply_timeout_ms: int = 25_000) -> DBusNotifier:
    probed = probe(recorder.address)
    assert probed is not None
    return DBusNotifier(probed, ICON, reply_timeout_ms=reply_timeout_ms)


@pytest.fixture
def notifier(notification_bus: Recorder, qtbot: QtBot) -> Iterator[DBusNotifier]:
    made = connect(notification_bus)
    yield made
    made.close()


@pytest.fixture
def chooser_on_dbus(notifier: DBusNotifier) -> tuple[ChoosingNotifier, SpyTray]:
    tray = SpyTray()
    chooser = ChoosingNotifier(TrayMessageNotifier(tray))
    chooser.use_dbus(notifier)
    return chooser, tray


def test_notify_arrives_with_the_exact_wire_types_and_fields(
    notification_bus: Recorder, notifier: DBusNotifier
) -> None:
    # WHEN a critical notice with a button is sent
    notifier.notify(
        "band-changed", "Now High", "Rose to 72", critical=True, actions=[("history", "Show")]
    )
    # THEN the server got Notify with the freedesktop signature, a byte urgency of 2 and actions
    (call,) = notification_bus.wait_for_calls(1)
    assert call.signature == "susssasa{sv}i"
    assert (call.app_name, call.app_icon, call.summary, call.body) == (
        "trayscore",
        ICON,
        "Now High",
        "Rose to 72",
    )
    assert call.urgency == ("y", 2)
    assert call.hints["desktop-entry"] == ("s", "trayscore")
    assert call.actions == ["default", "Now High", "history", "Show"]
    assert call.replaces_id == 0
    assert call.expire_timeout == -1


def test_a_second_notice_of_a_kind_replaces_the_first_and_other_kinds_do_not(
    qtbot: QtBot, notification_bus: Recorder, notifier: DBusNotifier
) -> None:
    # GIVEN a band notice the server numbered
    notifier.notify("band-changed", "A", "a", critical=False, actions=[])
    first = notification_bus.wait_for_calls(1)[0]
    qtbot.waitUntil(lambda: notifier.ids.get("band-changed") == first.returned_id)
    # WHEN another band notice and an outage notice follow
    notifier.notify("band-changed", "B", "b", critical=False, actions=[])
    notifier.notify("outage", "C", "c", critical=False, actions=[])
    calls = notification_bus.wait_for_calls(3)
    # THEN the band notice replaces the first in place; the outage is a notification of its own
    assert calls[1].replaces_id == first.returned_id
    assert calls[1].urgency == ("y", 1)
    assert calls[2].replaces_id == 0


def test_a_click_on_a_button_comes_back_as_kind_and_key(
    qtbot: QtBot, notification_bus: Recorder, notifier: DBusNotifier
) -> None:
    # GIVEN a sign-in notice on screen
    notifier.notify("sign-in-needed", "S", "s", critical=True, actions=[("sign-in", "Sign in")])
    sent = notification_bus.wait_for_calls(1)[0]
    qtbot.waitUntil(lambda: "sign-in-needed" in notifier.ids)
    # WHEN the user clicks its button THEN the app hears which kind and which button
    with qtbot.waitSignal(notifier.action_invoked, timeout=5_000) as clicked:
        notification_bus.invoke_action(sent.returned_id, "sign-in")
    assert clicked.args == ["sign-in-needed", "sign-in"]


def test_a_closed_notification_is_not_replaced_but_shown_anew(
    qtbot: QtBot, notification_bus: Recorder, notifier: DBusNotifier
) -> None:
    notifier.notify("outage", "O", "o", critical=False, actions=[])
    sent = notification_bus.wait_for_calls(1)[0]
    qtbot.waitUntil(lambda: "outage" in notifier.ids)
    notification_bus.close_notification(sent.returned_id)
    qtbot.waitUntil(lambda: "outage" not in notifier.ids)
    notifier.notify("outage", "O", "o", critical=False, actions=[])
    assert notification_bus.wait_for_calls(2)[1].replaces_id == 0


def test_with_no_service_on_the_bus_the_probe_finds_nothing(empty_bus: str) -> None:
    assert probe(empty_bus) is None


def test_the_balloon_stands_in_when_no_service_answers_and_its_click_opens_history(
    qtbot: QtBot,
) -> None:
    # GIVEN only the balloon (no D-Bus service)
    tray = SpyTray()
    chooser = ChoosingNotifier(TrayMessageNotifier(tray))
    # WHEN a notice is sent THEN the tray's balloon shows it
    chooser.notify("band-changed", "Now High", "Rose", critical=True, actions=[])
    assert chooser.via == "tray"
    assert tray.balloons == [("Now High", "Rose")]
    # AND a click on the balloon asks for the default action of that kind
    with qtbot.waitSignal(chooser.action_invoked, timeout=1_000) as clicked:
        tray.messageClicked.emit()
    assert clicked.args == ["band-changed", "default"]


def test_when_the_service_goes_away_the_balloon_takes_over(
    qtbot: QtBot, notification_bus: Recorder, notifier: DBusNotifier
) -> None:
    # GIVEN notices going over D-Bus
    tray = SpyTray()
    chooser = ChoosingNotifier(TrayMessageNotifier(tray))
    chooser.use_dbus(notifier)
    chooser.notify("outage", "O", "o", critical=False, actions=[])
    notification_bus.wait_for_calls(1)
    assert chooser.via == "dbus"
    # WHEN the notification service quits
    notification_bus.stop()
    qtbot.waitUntil(lambda: chooser.via == "tray", timeout=5_000)
    # THEN the next notice is shown as a balloon
    chooser.notify("recovered", "R", "r", critical=False, actions=[])
    assert tray.balloons == [("R", "r")]


def test_a_notice_sent_before_the_previous_one_of_its_kind_was_numbered_still_replaces_it(
    qtbot: QtBot, notification_bus: Recorder, notifier: DBusNotifier
) -> None:
    # WHEN two band notices go out back to back, before the server's id for the first is back
    notifier.notify("band-changed", "A", "a", critical=False, actions=[])
    notifier.notify("band-changed", "B", "b", critical=False, actions=[])
    # THEN the second waits for that id and replaces the first instead of stacking a new bubble
    qtbot.waitUntil(lambda: len(notification_bus.calls) >= 2)
    first, second = notification_bus.calls
    assert (second.summary, second.replaces_id) == ("B", first.returned_id)


def test_without_the_actions_capability_no_buttons_are_sent(qtbot: QtBot, empty_bus: str) -> None:
    # GIVEN a server that cannot show buttons
    recorder = Recorder(empty_bus, capabilities=["body"]).start()
    notifier = connect(recorder)
    try:
        # WHEN a notice with a button is sent THEN it goes out without actions
        notifier.notify("sign-in-needed", "S", "s", critical=True, actions=[("sign-in", "Sign in")])
        (call,) = recorder.wait_for_calls(1)
        assert call.actions == []
    finally:
        notifier.close()
        recorder.stop()


def test_a_body_is_escaped_for_a_server_that_reads_markup(
    notification_bus: Recorder, notifier: DBusNotifier
) -> None:
    # GIVEN a server with body-markup (the recorder's default)  WHEN a body has < and &
    assert "body-markup" in notifier.capabilities
    notifier.notify("outage", "O", "score < 30 & falling", critical=False, actions=[])
    # THEN they arrive escaped, so the server shows them instead of failing to parse
    assert notification_bus.wait_for_calls(1)[0].body == "score &lt; 30 &amp; falling"


def test_a_notice_the_service_refuses_is_shown_as_a_balloon_which_takes_over(
    qtbot: QtBot,
    notification_bus: Recorder,
    chooser_on_dbus: tuple[ChoosingNotifier, SpyTray],
) -> None:
    chooser, tray = chooser_on_dbus
    # GIVEN a service that answers the next Notify with an error
    notification_bus.refuse_next_notify()
    # WHEN a notice is sent
    chooser.notify("outage", "Offline", "since 9:30", critical=True, actions=[])
    # THEN it is not lost: the balloon shows it, and the balloon is used from now on
    qtbot.waitUntil(lambda: tray.balloons == [("Offline", "since 9:30")], timeout=5_000)
    assert chooser.via == "tray"
    assert notification_bus.calls == []


def test_a_service_that_never_answers_is_given_up_and_the_balloon_shows_the_notice(
    qtbot: QtBot, notification_bus: Recorder
) -> None:
    # GIVEN a hung service (no reply to Notify) and a short reply timeout
    notifier = connect(notification_bus, reply_timeout_ms=200)
    try:
        tray = SpyTray()
        chooser = ChoosingNotifier(TrayMessageNotifier(tray))
        chooser.use_dbus(notifier)
        notification_bus.ignore_next_notify()
        # WHEN a notice is sent THEN after the timeout the balloon shows it instead
        chooser.notify("recovered", "Back", "ok", critical=False, actions=[])
        qtbot.waitUntil(lambda: tray.balloons == [("Back", "ok")], timeout=5_000)
        assert chooser.via == "tray"
    finally:
        notifier.close()


def test_the_recorder_refuses_a_notify_typed_the_way_pyside_qtdbus_types_it(
    qtbot: QtBot, notification_bus: Recorder
) -> None:
    # GIVEN QtDBus, where a Python int can only go out as int32 (ADR 006)
    name = "trayscore-qtdbus-check"
    bus = QDBusConnection.connectToBus(notification_bus.address, name)
    try:
        call = QDBusMessage.createMethodCall(NAME, PATH, NAME, "Notify")
        actions = ["default", "S"]  # an empty list would even go out as "av"
        call.setArguments(["trayscore", 0, ICON, "S", "b", actions, {"urgency": 2}, -1])
        # WHEN it sends Notify
        watcher = QDBusPendingCallWatcher(bus.asyncCall(call))
        qtbot.waitUntil(watcher.isFinished, timeout=5_000)
        # THEN replaces_id went out as "i", and a strict server (like dunst) refuses it
        assert notification_bus.rejected == ["sisssasa{sv}i"]
        assert watcher.reply().errorName() == INVALID_ARGS
    finally:
        QDBusConnection.disconnectFromBus(name)

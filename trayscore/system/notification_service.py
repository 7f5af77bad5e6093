"""Finding the freedesktop notification service on a bus, without Qt (jeepney, blocking).

The first contact (connect, subscribe, ask the service for its capabilities, which may start it)
blocks, so the tray runs :func:`probe` on a worker thread and hands the connection to the Qt
notifier (``trayscore.ui.notifications.dbus``); ``trayscore doctor`` runs it as it is. ADR 006.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from jeepney.io.blocking import DBusConnection

NAME: Final = "org.freedesktop.Notifications"
PATH: Final = "/org/freedesktop/Notifications"
INTERFACE: Final = "org.freedesktop.Notifications"
PROBE_TIMEOUT_SECONDS: Final = 3.0


@dataclass(frozen=True)
class Probed:
    """A connected bus on which a notification service answered, and what it can do."""

    connection: DBusConnection
    capabilities: frozenset[str]


def probe(address: str | None) -> Probed | None:
    """On a worker thread: connect and ask the service for its capabilities; None if none."""
    from jeepney import DBusAddress, MatchRule, MessageType, new_method_call  # noqa: PLC0415
    from jeepney.bus_messages import message_bus  # noqa: PLC0415
    from jeepney.io.blocking import open_dbus_connection  # noqa: PLC0415

    try:
        connection = open_dbus_connection(bus=address or "SESSION")
    except (OSError, KeyError, ValueError, RuntimeError, TimeoutError):
        return None
    try:
        owner_changed = MatchRule(
            type="signal", interface="org.freedesktop.DBus", member="NameOwnerChanged"
        )
        owner_changed.add_arg_condition(0, NAME)  # only our service, not every client on the bus
        for rule in (MatchRule(type="signal", interface=INTERFACE, path=PATH), owner_changed):
            connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=PROBE_TIMEOUT_SECONDS)
        ask = new_method_call(
            DBusAddress(PATH, bus_name=NAME, interface=INTERFACE), "GetCapabilities"
        )
        reply = connection.send_and_get_reply(ask, timeout=PROBE_TIMEOUT_SECONDS)
        if reply.header.message_type is not MessageType.method_return:
            connection.close()
            return None
        return Probed(connection, frozenset(str(item) for item in reply.body[0]))
    except (OSError, TimeoutError, ValueError, RuntimeError):
        connection.close()
        return None

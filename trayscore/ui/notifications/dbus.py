"""The freedesktop notification backend: Notify over D-Bus, spoken with jeepney on the GUI thread.

Why not QtDBus: from Python, PySide6's QtDBus cannot marshal a uint32 or a byte (there is no typed
QVariant; ``QDBusArgument << int`` gives ``q``, a plain int ``i`` or ``x``, a Qt enum is an
"Unregistered type", and a bytes hint aborts the process; re-checked on 6.11.3), and GDBus
servers such as dunst and GNOME Shell reject a Notify whose signature is not exactly
``susssasa{sv}i``. So the Notifications protocol is spoken with jeepney (pure Python; keyring
already needs it on Linux), on the GUI thread: Qt's QSocketNotifier says when the bus socket has
data, so there is no thread and nothing blocks. Only the first contact (connect, ask the service
for its capabilities, which may start it) runs on a worker thread: see
:func:`trayscore.system.notification_service.probe`. ADR 006.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from trayscore.system.notification_service import INTERFACE, NAME, PATH, Probed

NOTIFY_SIGNATURE: Final = "susssasa{sv}i"
REPLY_TIMEOUT_MS: Final = 25_000  # Qt's own D-Bus default: a server that never answers is gone
URGENCY_NORMAL: Final = 1
URGENCY_CRITICAL: Final = 2


@dataclass(frozen=True)
class Sent:
    """One notification as the caller asked for it: kept until the server has numbered it."""

    kind: str
    title: str
    body: str
    critical: bool
    actions: tuple[tuple[str, str], ...]
    icon: str | None


class DBusNotifier(QObject):
    """Notify on the bus; one notification per kind, replaced in place; clicks come back.

    While the Notify of a kind waits for its reply (the server's id), a newer one of that kind
    waits here instead of going out with replaces_id 0, which would stack a second bubble.
    """

    action_invoked = Signal(str, str)  # kind, action key ("default" for the bubble itself)
    # A notification the service never took (error, no reply, gone): (kind, title, body, critical),
    # emitted before ``lost`` so the fallback can still show it.
    undelivered = Signal(str, str, str, bool)
    lost = Signal()  # the service or the bus went away: use the fallback from now on

    def __init__(
        self,
        probed: Probed,
        icon: str,
        parent: QObject | None = None,
        *,
        reply_timeout_ms: int = REPLY_TIMEOUT_MS,
    ) -> None:
        super().__init__(parent)
        self._reply_timeout_ms = reply_timeout_ms
        self._connection = probed.connection
        self.capabilities = probed.capabilities
        self._icon = icon
        self._ids: dict[str, int] = {}  # kind -> the server's id of its notification
        self._pending: dict[int, Sent] = {}  # serial of a Notify call -> what it sent
        self._waiting: dict[str, Sent] = {}  # kind -> the newest one held back (see class doc)
        self.alive = True
        self._connection.sock.setblocking(False)  # noqa: FBT003 - the socket API
        self._reader: QSocketNotifier | None = QSocketNotifier(
            self._connection.sock.fileno(), QSocketNotifier.Type.Read, self
        )
        self._reader.activated.connect(self._readable)
        self._dispatch_buffered()

    @property
    def ids(self) -> dict[str, int]:
        """The server's id of each kind's notification now shown (a copy)."""
        return dict(self._ids)

    def notify(
        self,
        kind: str,
        title: str,
        body: str,
        *,
        critical: bool,
        actions: Sequence[tuple[str, str]],
        icon: str | None = None,
    ) -> None:
        """Send Notify; raises OSError when the bus is gone (the caller falls back)."""
        if not self.alive:
            raise OSError("the notification service is gone")
        sent = Sent(kind, title, body, critical, tuple(actions), icon)
        if any(pending.kind == kind for pending in self._pending.values()):
            self._waiting[kind] = sent
            return
        if not self._send(sent):
            raise OSError("the notification bus is gone")

    def close(self) -> None:
        """Stop listening and close the connection; a second call does nothing."""
        self.alive = False
        reader, self._reader = self._reader, None
        if reader is None:
            return
        reader.setEnabled(False)
        reader.deleteLater()  # left alive, it would watch whatever reuses the descriptor's number
        with contextlib.suppress(OSError):
            self._connection.close()

    def _send(self, sent: Sent) -> bool:
        """Write Notify to the socket; False when the bus is gone (this notifier is then dead)."""
        from jeepney import DBusAddress, new_method_call  # noqa: PLC0415

        flat: list[str] = []
        if "actions" in self.capabilities:
            for key, label in (("default", sent.title), *sent.actions):
                flat += [key, label]
        # With body-markup the server parses the body: "<" or "&" in a text would break it.
        body = (
            html.escape(sent.body, quote=False) if "body-markup" in self.capabilities else sent.body
        )
        hints = {
            "urgency": ("y", URGENCY_CRITICAL if sent.critical else URGENCY_NORMAL),
            "desktop-entry": ("s", "trayscore"),
        }
        arguments = (
            "trayscore",
            self._ids.get(sent.kind, 0),
            sent.icon or self._icon,
            sent.title,
            body,
            flat,
            hints,
            -1,
        )
        address = DBusAddress(PATH, bus_name=NAME, interface=INTERFACE)
        message = new_method_call(address, "Notify", NOTIFY_SIGNATURE, arguments)
        serial = next(self._connection.outgoing_serial)
        try:
            self._connection.send(message, serial=serial)
        except OSError:
            self._die()
            return False
        self._pending[serial] = sent
        QTimer.singleShot(self._reply_timeout_ms, self, lambda: self._expired(serial))
        return True

    def _expired(self, serial: int) -> None:
        if serial in self._pending:
            self._die()

    # ---- incoming --------------------------------------------------------------------------

    def _readable(self) -> None:
        while True:
            try:
                data = self._connection.sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                self._die()
                return
            if not data:
                self._die()
                return
            self._connection.parser.add_data(data)
        self._dispatch_buffered()

    def _dispatch_buffered(self) -> None:
        while self.alive:
            message = self._connection.parser.get_next_message()
            if message is None:
                return
            self._handle(message)

    def _handle(self, message: Any) -> None:
        from jeepney import HeaderFields, MessageType  # noqa: PLC0415

        header = message.header
        fields = header.fields
        if header.message_type is MessageType.method_return:
            sent = self._pending.pop(fields.get(HeaderFields.reply_serial, -1), None)
            if sent is not None and message.body:
                self._ids[sent.kind] = int(message.body[0])
            held = self._waiting.pop(sent.kind, None) if sent is not None else None
            if held is not None and not self._send(held):
                self.undelivered.emit(held.kind, held.title, held.body, held.critical)
        elif header.message_type is MessageType.error:
            if fields.get(HeaderFields.reply_serial, -1) in self._pending:
                self._die()
        elif header.message_type is MessageType.signal:
            self._signal(str(fields.get(HeaderFields.member, "")), message.body)

    def _signal(self, member: str, body: tuple[Any, ...]) -> None:
        if member == "NameOwnerChanged" and body and body[0] == NAME and not body[2]:
            self._die()
            return
        if member not in {"ActionInvoked", "NotificationClosed"} or not body:
            return
        kind = next((k for k, i in self._ids.items() if i == body[0]), None)
        if kind is None:
            return
        if member == "ActionInvoked":
            self.action_invoked.emit(kind, str(body[1]))
        else:
            del self._ids[kind]  # closed: the next one of its kind is new, not a replacement

    def _die(self) -> None:
        if not self.alive:
            return
        self.close()
        newest = {sent.kind: sent for sent in self._pending.values()} | self._waiting
        self._pending.clear()
        self._waiting.clear()
        for sent in newest.values():
            self.undelivered.emit(sent.kind, sent.title, sent.body, sent.critical)
        self.lost.emit()

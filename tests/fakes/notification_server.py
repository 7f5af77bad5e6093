"""A real notification service for tests: a private dbus-daemon with a recording server on it.

Loaded as a pytest plugin (tests/conftest.py): ``notification_bus`` gives a bus with the
recorder (every Notify call with its arguments and wire signature; ActionInvoked on demand),
``empty_bus`` a bus where nothing answers. ``running_dunst`` starts the real dunst on a bus and
an X display for desktop tests and screenshots.

The recorder speaks D-Bus itself through jeepney (pure Python, already installed with keyring),
on one thread that owns its connection: the test thread only queues requests for it. Like the GDBus
servers (dunst, GNOME Shell) it refuses a Notify whose signature is not ``susssasa{sv}i``, so a
wrongly typed call fails here as it would on a desktop.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from jeepney import (
    DBusAddress,
    HeaderFields,
    MessageType,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from tests.fakes.secret_service import (
    BUS_CONFIG,
    START_TIMEOUT,
    _ci,
    _environment,
    _read_address,
    _stop,
)

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
CAPABILITIES = ["actions", "body", "body-markup", "icon-static", "persistence"]
NOTIFY_SIGNATURE = "susssasa{sv}i"
INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs"
FAILED = "org.freedesktop.DBus.Error.Failed"
POLL_SECONDS = 0.02
SIGNAL_SIGNATURES = {"ActionInvoked": "us", "NotificationClosed": "uu"}


class NotificationBusError(RuntimeError):
    """The private bus or the recorder could not be started."""


@dataclass(frozen=True)
class NotifyCall:
    """One Notify call as it arrived on the wire."""

    signature: str
    app_name: str
    replaces_id: int
    app_icon: str
    summary: str
    body: str
    actions: list[str]
    hints: dict[str, tuple[str, Any]]
    expire_timeout: int
    returned_id: int

    @property
    def urgency(self) -> tuple[str, Any] | None:
        """The urgency hint as (D-Bus type, value), e.g. ("y", 2)."""
        return self.hints.get("urgency")


@dataclass
class Recorder:
    """The org.freedesktop.Notifications server; ``calls`` grows as Notify calls arrive.

    ``rejected`` holds the signatures of Notify calls refused as wrongly typed, ``refused`` those
    answered with an error on request (``refuse_next_notify``), ``closed`` the ids it closed.
    """

    address: str
    capabilities: list[str] = field(default_factory=lambda: list(CAPABILITIES))
    calls: list[NotifyCall] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    _changed: threading.Condition = field(default_factory=threading.Condition)
    _requests: queue.Queue[tuple[str, tuple[Any, ...]]] = field(default_factory=queue.Queue)
    _refusals: queue.Queue[str | None] = field(default_factory=queue.Queue)
    _stop: threading.Event = field(default_factory=threading.Event)
    _ready: threading.Event = field(default_factory=threading.Event)
    _error: BaseException | None = None
    _stage: str = "not started"
    _next_id: int = 0
    _thread: threading.Thread | None = None

    def start(self) -> Recorder:
        self._thread = threading.Thread(target=self._serve, name="notify-recorder", daemon=True)
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT) or self._error is not None:
            self.stop()
            raise NotificationBusError(
                f"the recorder did not start (stuck at: {self._stage}): {self._error!r}"
            )
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(START_TIMEOUT)

    def wait_for_calls(self, count: int, timeout: float = 10.0) -> list[NotifyCall]:
        """Block until ``count`` Notify calls have arrived; all calls so far."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.calls) >= count, timeout):
                raise AssertionError(f"{len(self.calls)} Notify calls arrived, expected {count}")
            return list(self.calls)

    def invoke_action(self, notification_id: int, key: str) -> None:
        """Emit ActionInvoked as a server does when the user clicks a button."""
        self._requests.put(("ActionInvoked", (notification_id, key)))

    def close_notification(self, notification_id: int, reason: int = 2) -> None:
        """Emit NotificationClosed (2: dismissed by the user)."""
        self._requests.put(("NotificationClosed", (notification_id, reason)))

    def refuse_next_notify(self, error_name: str = FAILED) -> None:
        """Answer the next Notify with this D-Bus error instead of showing it."""
        self._refusals.put(error_name)

    def ignore_next_notify(self) -> None:
        """Never answer the next Notify, as a hung desktop shell would not."""
        self._refusals.put(None)

    def wait_for_refusals(self, count: int, timeout: float = 10.0) -> list[str]:
        """Block until ``count`` Notify calls were rejected or refused; their signatures/errors."""

        def arrived() -> list[str]:
            return [*self.rejected, *self.refused]

        with self._changed:
            if not self._changed.wait_for(lambda: len(arrived()) >= count, timeout):
                raise AssertionError(
                    f"{len(arrived())} Notify calls were refused, expected {count}"
                )
            return arrived()

    # ---- the server thread -----------------------------------------------------------------

    def _serve(self) -> None:
        try:
            self._stage = "connecting (jeepney says Hello without a timeout)"
            with open_dbus_connection(bus=self.address) as connection:
                self._stage = f"RequestName {NAME}"
                reply = connection.send_and_get_reply(
                    message_bus.RequestName(NAME, 4), timeout=START_TIMEOUT
                )
                if reply.body[0] != 1:  # 1: primary owner
                    self._error = NotificationBusError(f"could not own {NAME}: {reply.body}")
                    self._ready.set()
                    return
                self._stage = "serving"
                self._ready.set()
                self._loop(connection)
        except BaseException as error:  # noqa: BLE001 - handed to the starting thread
            self._error = error
            self._ready.set()

    def _loop(self, connection: Any) -> None:
        emitter = DBusAddress(PATH, interface=INTERFACE)
        while not self._stop.is_set():
            while not self._requests.empty():
                member, body = self._requests.get()
                signature = SIGNAL_SIGNATURES[member]
                connection.send(new_signal(emitter, member, signature, body))
                if member == "NotificationClosed":
                    self.closed.append(body[0])
            try:
                message = connection.receive(timeout=POLL_SECONDS)
            except TimeoutError:
                continue
            if message.header.message_type is not MessageType.method_call:
                continue
            fields = message.header.fields
            if fields.get(HeaderFields.interface) != INTERFACE:  # Introspect, Peer.Ping...
                unknown = "org.freedesktop.DBus.Error.UnknownInterface"
                connection.send(new_error(message, unknown, "s", ("recorder: not served",)))
                continue
            try:
                answer = self._answer(message, fields.get(HeaderFields.member))
            except Exception as error:  # noqa: BLE001 - told to the caller; the server goes on
                answer = new_error(message, FAILED, "s", (f"recorder: {error!r}",))
            if answer is not None:
                connection.send(answer)

    def _answer(self, message: Any, member: str | None) -> Any | None:
        if member == "GetCapabilities":
            return new_method_return(message, "as", (self.capabilities,))
        if member == "GetServerInformation":
            return new_method_return(
                message, "ssss", ("trayscore-recorder", "trayscore tests", "1.0", "1.2")
            )
        if member == "CloseNotification":
            (notification_id,) = message.body
            self._requests.put(("NotificationClosed", (notification_id, 3)))
            return new_method_return(message)
        if member == "Notify":
            return self._notify(message)
        return new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(member),))

    def _notify(self, message: Any) -> Any | None:
        signature = message.header.fields.get(HeaderFields.signature, "")
        if signature != NOTIFY_SIGNATURE:  # what GDBus answers for a wrongly typed call
            with self._changed:
                self.rejected.append(signature)
                self._changed.notify_all()
            text = f"Type of message, '({signature})', does not match expected type"
            return new_error(message, INVALID_ARGS, "s", (text,))
        try:
            refusal = self._refusals.get_nowait()
        except queue.Empty:
            return new_method_return(message, "u", (self._record(message),))
        with self._changed:
            self.refused.append(refusal or "no reply")
            self._changed.notify_all()
        if refusal is None:
            return None
        return new_error(message, refusal, "s", ("refused on request",))

    def _record(self, message: Any) -> int:
        """Keep the call; the id it gets (replaces_id when given, as the specification says)."""
        signature = message.header.fields.get(HeaderFields.signature, "")
        app, replaces, icon, summary, body, actions, hints, expire = message.body
        returned: int
        if replaces:
            returned = int(replaces)
        else:
            self._next_id += 1
            returned = self._next_id
        call = NotifyCall(
            signature,
            app,
            replaces,
            icon,
            summary,
            body,
            list(actions),
            dict(hints),
            expire,
            returned,
        )
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        return returned


@contextmanager
def running_bus(base: Path) -> Iterator[str]:
    """A private dbus-daemon (no service activation) in ``base``; yields its address."""
    if shutil.which("dbus-daemon") is None:
        raise NotificationBusError(
            "a private D-Bus needs dbus-daemon: apt-get install dbus-daemon "
            "(scripts/test.sh installs scripts/apt-test-packages.txt as root)"
        )
    env = _environment(base)
    daemon_env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"} | env
    config = base / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=escape(str(base / "run" / "bus"))), "utf-8")
    with (base / "dbus-daemon.log").open("wb") as log:
        bus = subprocess.Popen(
            ["dbus-daemon", "--nofork", "--print-address=1", f"--config-file={config}"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log,
            env=daemon_env,
            start_new_session=True,
        )
    try:
        yield _read_address(bus, time.monotonic() + START_TIMEOUT)
    finally:
        _stop(bus)


@contextmanager
def running_dunst(address: str, display: str, base: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The real dunst on bus ``address`` and X ``display`` until the block ends."""
    if shutil.which("dunst") is None:
        raise NotificationBusError("dunst is missing: apt-get install dunst")
    env = dict(os.environ) | {
        "DBUS_SESSION_BUS_ADDRESS": address,
        "DISPLAY": display,
        "HOME": str(base),
        "XDG_CONFIG_HOME": str(base / "config"),
    }
    with (base / "dunst.log").open("wb") as log:
        dunst = subprocess.Popen(
            ["dunst"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            env=env,
            start_new_session=True,
        )
    try:
        yield dunst
    finally:
        _stop(dunst)


def _require() -> None:
    if shutil.which("dbus-daemon") is None:
        reason = "dbus-daemon is missing (scripts/apt-test-packages.txt)"
        if _ci():
            pytest.fail(f"CI must run the notification tests, but {reason}")
        pytest.skip(reason)


@pytest.fixture
def empty_bus() -> Iterator[str]:
    """A private session bus on which no notification service answers."""
    _require()
    with tempfile.TemporaryDirectory(prefix="ts-nb-") as folder, running_bus(Path(folder)) as bus:
        yield bus


@pytest.fixture
def notification_bus(empty_bus: str) -> Iterator[Recorder]:
    """A private session bus with the recording notification server on it."""
    recorder = Recorder(empty_bus).start()
    try:
        yield recorder
    finally:
        recorder.stop()


__all__ = [
    "NotificationBusError",
    "NotifyCall",
    "Recorder",
    "empty_bus",
    "notification_bus",
    "running_bus",
    "running_dunst",
]

"""One trayscore per user session: a second start asks the first to show its popup and exits.

The address (a socket path in a folder only this user can reach, or a Windows pipe name with the
user's SID) comes from :mod:`trayscore.system.instance_address`. A socket file left by a crash is
detected (nobody answers) and replaced; a file or socket of someone else at that address is never
talked to, and the name that cannot be claimed stops the start with a message (never exit 0 in
silence).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from trayscore.system.instance_address import InstanceUnavailable, socket_problem

CONNECT_TIMEOUT_MS = 500
SHOW = b"show\n"


class SingleInstance(QObject):
    """Claim the name, or hand over to the instance that has it."""

    activated = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def _someone_answers(self) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self._name)
        answered = probe.waitForConnected(CONNECT_TIMEOUT_MS)
        if answered:
            probe.write(SHOW)
            probe.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            probe.disconnectFromServer()
        return answered

    def claim(self) -> bool:
        """True when this process is the one; False after asking the running one to show up.

        Check the owner first: what another user put at the address is never talked to nor
        removed. Then ask: with access options set, Qt's listen() replaces an existing socket
        file, even a live one. Whatever socket of ours is left after nobody answered is a crash's
        leftover. Raises InstanceUnavailable when the name cannot be claimed.
        """
        problem = socket_problem(self._name)
        if problem is not None:
            raise InstanceUnavailable(problem)
        if self._someone_answers():
            return False
        QLocalServer.removeServer(self._name)
        if not self._server.listen(self._name):
            raise InstanceUnavailable(
                f"Cannot listen on {self._name} ({self._server.errorString()}), which keeps "
                "trayscore to one instance, so trayscore does not start."
            )
        return True

    @property
    def address(self) -> str:
        """The socket path or pipe name this instance claims."""
        return self._name

    def _accept(self) -> None:
        """Read the one short message a second instance sends, then drop the connection."""
        while (connection := self._server.nextPendingConnection()) is not None:
            arrived = connection.bytesAvailable() or connection.waitForReadyRead(CONNECT_TIMEOUT_MS)
            if arrived and bytes(connection.readAll().data()).startswith(SHOW.strip()):
                self.activated.emit()
            connection.disconnectFromServer()
            connection.deleteLater()

    def release(self) -> None:
        """Stop listening (removes the socket file)."""
        self._server.close()

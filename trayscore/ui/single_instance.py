"""One trayscore per user session: a second start asks the first to show its popup and exits.

A local socket whose name derives from the settings folder, so test runs with their own folders
never collide; a socket file left by a crash is detected (nobody answers) and replaced.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 500
SHOW = b"show\n"


def instance_name(config_dir: Path) -> str:
    """A short socket name unique to this user's settings folder."""
    # crc32, not hashlib: hashlib loads OpenSSL (3.5 MB) before the icon is up
    digest = zlib.crc32(str(config_dir.resolve()).encode())
    return f"trayscore-{digest:08x}"


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

        Ask first: with access options set, Qt's listen() replaces an existing socket file, even
        a live one. Whatever file is left after nobody answered is a crash's leftover.
        """
        if self._someone_answers():
            return False
        QLocalServer.removeServer(self._name)
        return self._server.listen(self._name)

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

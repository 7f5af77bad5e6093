"""A one-connection TCP server that answers with raw bytes, for what a well-behaved server won't do.

It can send a response in pieces with pauses (a dribbling server) or send bytes with no
Content-Length and close, which http.server makes awkward.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Sequence
from typing import Self


class RawHttpServer:
    """Accepts connections on loopback and writes ``pieces`` with ``pause`` seconds between."""

    def __init__(self, pieces: Sequence[bytes], pause: float = 0.0) -> None:
        self._pieces = pieces
        self._pause = pause
        self._stop = threading.Event()
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(5)
                try:
                    connection.recv(65536)
                    for piece in self._pieces:
                        connection.sendall(piece)
                        if self._stop.wait(self._pause):
                            break
                except OSError:
                    continue

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._socket.close()
